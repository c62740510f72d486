export { ApiError, invalidRequest } from './errors/api-error.ts';
export { errorCatalog } from './errors/error-catalog.ts';
export type { ErrorCode } from './errors/error-catalog.ts';
export type { ApiReply, ApiRequest, Route, RouteHandler } from './http/api-types.ts';
export { jsonAction, jsonReply, jsonRoute, replyText } from './http/json-action.ts';
export { startHttpServer } from './http/http-server.ts';
export type { HttpServerOptions, RunningHttpServer } from './http/http-server.ts';
export {
  describe as describeJsonValue,
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalTimestamp,
  requiredStringArray,
  requiredTimestamp,
} from './http/input-members.ts';
export { PageTokens } from './actions/page-token.ts';
export { batchGetTraces, TRACES_PER_PAGE } from './actions/batch-get-traces.ts';
export type { BatchGetTracesOutput, XRayTrace } from './actions/batch-get-traces.ts';
export { traceTimeline } from './actions/trace-timeline.ts';
export type { TraceTimelineOutput } from './actions/trace-timeline.ts';
export type { TraceTimeline } from './actions/timeline-rows.ts';
export { putTelemetryRecords } from './actions/telemetry-records.ts';
export { samplingRoutes } from './sampling/sampling-routes.ts';
export type { SamplingRule, SamplingRuleRecord } from './sampling/sampling-rule.ts';
export { xrayArn, ROENTGEN_ACCOUNT_ID, ROENTGEN_REGION } from './resource-arn.ts';
export { queryRoutes, GROUPS_PER_PAGE } from './query-routes/index.ts';
export type { QueryRouteDependencies } from './query-routes/index.ts';
export {
  graphRoutes,
  DEFAULT_MAX_GROUP_TRACES,
  DEFAULT_PERIOD_SECONDS,
  MAX_GRAPH_WINDOW_SECONDS,
  MAX_TIME_SERIES_PERIODS,
  MAX_TRACE_GRAPH_IDS,
} from './graph-routes/index.ts';
export type { GraphRouteDependencies } from './graph-routes/index.ts';
