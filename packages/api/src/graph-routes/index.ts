/** The graph actions' routes and limits, for `packages/api/src/index.ts` to name. */
export { graphRoutes } from './graph-routes.ts';
export type { GraphRouteDependencies } from './graph-routes.ts';
export { DEFAULT_MAX_GROUP_TRACES } from './group-traces.ts';
export { MAX_TRACE_GRAPH_IDS } from './trace-graph-action.ts';
export { DEFAULT_PERIOD_SECONDS, MAX_GRAPH_WINDOW_SECONDS, MAX_TIME_SERIES_PERIODS } from './graph-window-input.ts';
