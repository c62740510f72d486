/**
 * Derivation of one trace from its documents: its summary record and its graph contribution. Pure
 * work, shared by the derivation state (trace-derivation-state.ts) and the benchmarks.
 */
import { assembleOwnedTrace, traceGraphContribution } from '@roentgen/service-map';
import type { DocumentRecord, GraphStatsDelta, TraceSummaryRecord } from '@roentgen/storage';
import { deriveTraceSummary } from './derive-trace-summary.ts';
import { ownedDocuments } from './owned-documents.ts';

/** One trace to summarize: its current documents and the revision the summary gets. */
export interface DerivationJob {
  readonly revision: number;
  readonly records: readonly DocumentRecord[];
}

/**
 * A trace's contribution to the service-graph statistics and, unless only those are kept (a benchmark
 * measuring what the graph costs alone), its summary record.
 */
export interface DerivationResult {
  readonly record?: TraceSummaryRecord;
  readonly contribution: GraphStatsDelta;
}

/** A derivation that made the summary too: what `deriveJob` returns. */
export interface TraceDerivation extends DerivationResult {
  readonly record: TraceSummaryRecord;
}

/** Derives one job: its summary and its graph contribution. */
export function deriveJob(job: DerivationJob): TraceDerivation {
  const derived = deriveTraceSummary(job.records, job.revision);
  return { record: derived.record, contribution: traceGraphContribution(derived.assembled) };
}

/** Derives only the graph contribution of one job, as `deriveJob` does, and no summary. */
export function deriveGraphJob(job: DerivationJob): DerivationResult {
  return { contribution: traceGraphContribution(assembleOwnedTrace(ownedDocuments(job.records))) };
}
