/** The query actions' routes, for `packages/api/src/index.ts` to name. */
export { queryRoutes } from './query-routes.ts';
export type { QueryRouteDependencies } from './query-routes.ts';
export { GROUPS_PER_PAGE } from './group-actions.ts';
