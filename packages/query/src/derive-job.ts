/**
 * Derivation of one trace from its documents: its summary record and its graph contribution. Pure
 * work, shared by the derivation state (trace-derivation-state.ts) and the benchmarks.
 */
import { traceGraphContribution } from '@roentgen/service-map';
import type { DocumentRecord, GraphStatsDelta, TraceSummaryRecord } from '@roentgen/storage';
import { deriveTraceSummary } from './derive-trace-summary.ts';

/** One trace to summarize: its current documents and the revision the summary gets. */
export interface DerivationJob {
  readonly revision: number;
  readonly records: readonly DocumentRecord[];
}

/** A trace's summary record and its contribution to the service-graph statistics. */
export interface DerivationResult {
  readonly record: TraceSummaryRecord;
  readonly contribution: GraphStatsDelta;
}

/** Derives one job: shared by the inline deriver and the worker. */
export function deriveJob(job: DerivationJob): DerivationResult {
  const derived = deriveTraceSummary(job.records, job.revision);
  return { record: derived.record, contribution: traceGraphContribution(derived.assembled) };
}
