/**
 * `@roentgen/storage`: the store port every adapter implements, the in-memory reference store, and
 * the shared semantics (replacement, windows, predicate evaluation, graph-statistics summing).
 * The contract suite is exported separately, from `@roentgen/storage/contract`.
 */
export type { StoreStats, TimeWindow, TraceStore } from './trace-store.ts';
export type { DocumentRecord } from './document-record.ts';
export { withoutParsedCopy } from './document-record.ts';
export type { PackedDocumentBatch } from './document-batch-wire.ts';
export { isPackedDocumentBatch, packDocumentBatch, unpackDocumentBatch } from './document-batch-wire.ts';
export type {
  CallOutcome,
  CompareOperator,
  RootCauseKind,
  ScalarValue,
  SummaryCursor,
  SummaryEdge,
  SummaryField,
  SummaryPage,
  SummaryPredicate,
  SummaryQuery,
  TextOperator,
  TimeRangeType,
  TraceSummaryRecord,
} from './trace-summary-record.ts';
export type {
  EdgeStatsRow,
  EdgeStatsSum,
  GraphStatsDelta,
  GraphStatsWindow,
  Histogram,
  NodeKey,
  NodeStatsRow,
  NodeStatsSum,
  SortedHistogram,
  StatisticCounters,
} from './graph-stats.ts';
export { GRAPH_BUCKET_SECONDS } from './graph-stats.ts';
export type { ConfigKind, ConfigRecord } from './config-record.ts';
export { InMemoryTraceStore } from './in-memory-trace-store.ts';
export { compareCodePoints, evaluateSummaryPredicate, fieldValue, servicesWith } from './summary-predicate.ts';
export {
  checkSummaryLimit,
  compareSummaryOrder,
  cursorAfter,
  isAfterCursor,
  isInSummaryWindow,
  summaryOrderTime,
} from './summary-window.ts';
export { compareDocumentOrder, documentTouchesWindow, replacesDocument } from './document-replacement.ts';
export {
  addCounters,
  checkPerBucketSeconds,
  countsAnyRequest,
  edgeKeyString,
  mergeHistograms,
  nodeKeyString,
  outputBucketStart,
  sumGraphStats,
  zeroCounters,
} from './graph-stats-sum.ts';
export { emptyHistogram } from './empty-histogram.ts';
export {
  EMPTY_SORTED_HISTOGRAM,
  HistogramAccumulator,
  histogramRecord,
  sortHistogram,
  sumSortedHistograms,
} from './sorted-histogram.ts';
export { ThreadHostedTraceStore } from './thread/thread-hosted-trace-store.ts';
export type { ThreadHostedStoreOptions } from './thread/thread-hosted-trace-store.ts';
export { serveStoreOnPort, serveTraceStore } from './thread/serve-trace-store.ts';
export { connectedTraceStore, connectionPorts, connectionTo } from './thread/connected-trace-store.ts';
export type { StoreConnection } from './thread/connected-trace-store.ts';
export { SplitTraceStore } from './split-trace-store.ts';
export type { SplitStores } from './split-trace-store.ts';
export { RemoteTraceStore } from './thread/remote-trace-store.ts';
