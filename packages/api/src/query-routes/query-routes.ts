/**
 * The routes of the query actions: GetTraceSummaries and the five group actions, in X-Ray's paths
 * and shapes (timestamps as epoch-second numbers).
 */
import type { FindOptions } from '@roentgen/query';
import { GroupRegistry } from '@roentgen/query';
import type { TraceStore } from '@roentgen/storage';
import type { PageTokens } from '../actions/page-token.ts';
import type { Route } from '../http/api-types.ts';
import { jsonRoute } from '../http/json-action.ts';
import {
  createGroupAction,
  deleteGroupAction,
  getGroupAction,
  getGroupsAction,
  updateGroupAction,
} from './group-actions.ts';
import { traceSummariesAction } from './trace-summaries-action.ts';

export interface QueryRouteDependencies {
  readonly store: TraceStore;
  readonly tokens: PageTokens;
  /** Default: a registry over `store` with ARNs in `us-east-1`, account `000000000000`. */
  readonly groups?: GroupRegistry;
  readonly find?: FindOptions;
}

/** `POST /TraceSummaries`, `/CreateGroup`, `/GetGroup`, `/Groups`, `/UpdateGroup`, `/DeleteGroup`. */
export function queryRoutes(deps: QueryRouteDependencies): Route[] {
  const groups = deps.groups ?? new GroupRegistry(deps.store);
  return [
    jsonRoute('/TraceSummaries', 'GetTraceSummaries', traceSummariesAction(deps.store, groups, deps.tokens, deps.find)),
    jsonRoute('/CreateGroup', 'CreateGroup', createGroupAction(groups)),
    jsonRoute('/GetGroup', 'GetGroup', getGroupAction(groups)),
    jsonRoute('/Groups', 'GetGroups', getGroupsAction(groups, deps.tokens)),
    jsonRoute('/UpdateGroup', 'UpdateGroup', updateGroupAction(groups)),
    jsonRoute('/DeleteGroup', 'DeleteGroup', deleteGroupAction(groups)),
  ];
}
