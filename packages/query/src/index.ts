/**
 * `@roentgen/query`: trace summaries and root causes derived from documents and kept current as
 * they are committed, GetTraceSummaries over the store (filter pushdown plus the exact check), and
 * X-Ray groups.
 */
export type {
  AnnotationValueShape,
  RootCause,
  RootCauseEntity,
  RootCauseException,
  RootCauseService,
  ServiceId,
  TraceSummary,
  TraceSummaryHttp,
  TraceUser,
  ValueWithServiceIds,
} from './trace-summary-shapes.ts';
export { deriveTraceSummary } from './derive-trace-summary.ts';
export type { DerivedTrace } from './derive-trace-summary.ts';
export { MAX_ROOT_CAUSES, RESPONSE_TIME_COVERAGE_THRESHOLD } from './root-causes.ts';
export { MAX_ANNOTATION_KEYS } from './trace-annotations.ts';
export { TraceAssembler } from './trace-assembler.ts';
export type { AssemblerTuning, StoredBatchSource, TraceAssemblerOptions } from './trace-assembler.ts';
export { pushdownFilter } from './filter-pushdown.ts';
export type { Pushdown } from './filter-pushdown.ts';
export { DEFAULT_MAX_WINDOW_SECONDS, findTraceSummaries, parseFilterOrThrow } from './find-trace-summaries.ts';
export type { FindOptions, TraceSummariesPage, TraceSummariesRequest } from './find-trace-summaries.ts';
export { DEFAULT_SAMPLING, isSampled, traceIdFraction } from './trace-sampling.ts';
export type { SamplingStrategy } from './trace-sampling.ts';
export { DEFAULT_GROUP_NAME, GroupRegistry } from './group-registry.ts';
export type { Group, GroupChanges, GroupRef } from './group-registry.ts';
export { QueryInputError } from './query-input-error.ts';
export { inlineTraceDeriver } from './trace-deriver.ts';
export type { TraceDeriver } from './trace-deriver.ts';
export { deriveJob } from './derive-job.ts';
export type { DerivationJob, DerivationResult, TraceDerivation } from './derive-job.ts';
export { TraceDerivationState } from './trace-derivation-state.ts';
export type { DerivedBatch, TraceUpdate } from './trace-derivation-state.ts';
export { mergeGraphDelta } from './graph-delta-merge.ts';
export { startSummarizerThread } from './threaded-summarizer.ts';
export type { SummarizerThread, SummarizerThreadOptions } from './threaded-summarizer.ts';
