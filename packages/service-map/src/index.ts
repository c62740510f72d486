export { assembleOwnedTrace, assembleTrace } from './assemble-trace.ts';
export type { AssembledTrace, OwnedAssembly } from './assemble-trace.ts';
export { classifyOutcome, histogramMillis, toCallRecord } from './call-record.ts';
export type { CallOutcome, CallRecord } from './call-record.ts';
export { canonicalAwsServiceName, downstreamTarget } from './downstream-target.ts';
export type { DownstreamTarget } from './downstream-target.ts';
export { bucketOf, negateDelta, traceGraphContribution } from './graph-contribution.ts';
export { graphWindow } from './graph-window.ts';
export type { RecordWindow } from './graph-window.ts';
export { inferredCalls, inferredSegmentId, inferSegments } from './infer-segments.ts';
export type { InferredCall } from './infer-segments.ts';
export { toServiceGraphResponse } from './service-graph.ts';
export type { ServiceGraphOptions } from './service-graph.ts';
export { timeSeriesStatistics } from './time-series-statistics.ts';
export type { EntityId, EntitySelector } from './time-series-statistics.ts';
export { buildTraceGraph, nodeKeyId } from './trace-graph.ts';
export type { NodeKind, NodeRecord, TraceGraph, TraceGraphEdge, TraceGraphNode } from './trace-graph.ts';
export { HistogramEntries } from './histogram-entries.ts';
export type {
  EdgeStatistics,
  ErrorStatistics,
  FaultStatistics,
  HistogramEntry,
  ServiceStatistics,
  TimeSeriesServiceStatistic,
  XRayAlias,
  XRayEdge,
  XRayService,
} from './xray-service-types.ts';
