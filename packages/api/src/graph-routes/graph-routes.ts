/**
 * The routes of the graph actions: GetServiceGraph, GetTraceGraph and GetTimeSeriesServiceStatistics,
 * in X-Ray's paths and shapes (timestamps as epoch-second numbers, every counter present).
 */
import { GroupRegistry } from '@roentgen/query';
import type { TraceStore } from '@roentgen/storage';
import type { Route } from '../http/api-types.ts';
import { jsonRoute } from '../http/json-action.ts';
import { ROENTGEN_ACCOUNT_ID } from '../resource-arn.ts';
import { graphReplyJson } from './graph-reply-json.ts';
import { DEFAULT_MAX_GROUP_TRACES } from './group-traces.ts';
import { serviceGraphAction } from './service-graph-action.ts';
import { timeSeriesAction } from './time-series-action.ts';
import { traceGraphAction } from './trace-graph-action.ts';

export interface GraphRouteDependencies {
  readonly store: TraceStore;
  /** Default: a registry over `store` configured as `queryRoutes`' default, so group ARNs agree. */
  readonly groups?: GroupRegistry;
  /** Account shown on nodes whose segments named none. Default `ROENTGEN_ACCOUNT_ID`. */
  readonly accountId?: string;
  /** Most traces a group's graph (other than `Default`) is computed from. Default 10,000. */
  readonly maxGroupTraces?: number;
}

/** `POST /ServiceGraph`, `/TraceGraph`, `/TimeSeriesServiceStatistics`. */
export function graphRoutes(deps: GraphRouteDependencies): Route[] {
  const accountId = deps.accountId ?? ROENTGEN_ACCOUNT_ID;
  const context = {
    store: deps.store,
    groups: deps.groups ?? new GroupRegistry(deps.store),
    accountId,
    maxGroupTraces: deps.maxGroupTraces ?? DEFAULT_MAX_GROUP_TRACES,
  };
  return [
    // Their histograms are written straight from typed arrays (graph-reply-json.ts).
    jsonRoute('/ServiceGraph', 'GetServiceGraph', serviceGraphAction(context), graphReplyJson),
    jsonRoute('/TraceGraph', 'GetTraceGraph', traceGraphAction(deps.store, accountId), graphReplyJson),
    jsonRoute(
      '/TimeSeriesServiceStatistics',
      'GetTimeSeriesServiceStatistics',
      timeSeriesAction(context),
      graphReplyJson,
    ),
  ];
}
