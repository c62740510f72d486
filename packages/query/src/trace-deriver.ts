import type { DerivationJob, DerivationResult } from './derive-job.ts';
import type { DerivedBatch, TraceUpdate } from './trace-derivation-state.ts';
import { TraceDerivationState } from './trace-derivation-state.ts';

/**
 * Keeps recently active traces (`TraceDerivationState`) and turns their new documents into summaries
 * and graph-statistics changes. The caller decides which traces are held: it names those to forget,
 * and sends the earlier documents of a trace it knows is not held. (The server runs the caller and
 * the deriver together in its summarizer thread, summarizer-thread.ts.)
 */
export interface TraceDeriver {
  /** Forgets `forget`, then applies `updates`; summaries in the order of `updates`. */
  update(updates: readonly TraceUpdate[], forget: readonly string[]): Promise<DerivedBatch>;
  /**
   * Whether the graph deltas of the updates since the last call reached the store; if not, their
   * contributions are undone, so that the next derivation of each trace retracts what the store holds.
   */
  graphWritten(stored: boolean): void;
  /** Releases what the deriver holds. Idempotent. */
  close(): Promise<void>;
}

/** A deriver that works in the calling thread; `derive` replaces the derivation of one trace (tests). */
export function inlineTraceDeriver(derive?: (job: DerivationJob) => DerivationResult): TraceDeriver {
  const state = new TraceDerivationState(derive);
  return {
    update: (updates, forget) => Promise.resolve(state.apply(updates, forget)),
    graphWritten: (stored) => state.graphWritten(stored),
    close: () => Promise.resolve(),
  };
}
