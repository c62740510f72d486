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

/**
 * Turns traces into summaries and graph contributions. Pure work, so it can run in this thread
 * (tests, small loads) or in a worker thread beside ingest (the server), behind one interface.
 */
export interface TraceDeriver {
  /** Results in the order of `jobs`. */
  derive(jobs: readonly DerivationJob[]): Promise<DerivationResult[]>;
  /** Releases the worker, if any. Idempotent. */
  close(): Promise<void>;
}

/** Derives one job: shared by the inline deriver and the worker. */
export function deriveJob(job: DerivationJob): DerivationResult {
  const derived = deriveTraceSummary(job.records, job.revision);
  return { record: derived.record, contribution: traceGraphContribution(derived.assembled) };
}

/** A deriver that works in the calling thread. */
export function inlineTraceDeriver(): TraceDeriver {
  return {
    derive: (jobs) => Promise.resolve(jobs.map(deriveJob)),
    close: () => Promise.resolve(),
  };
}
