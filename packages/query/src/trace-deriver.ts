import type { DerivationJob, DerivationResult } from './derive-job.ts';
import type { DerivedBatch, TraceUpdate } from './trace-derivation-state.ts';
import { TraceDerivationState } from './trace-derivation-state.ts';

/**
 * Keeps recently active traces (`TraceDerivationState`) and turns their new documents into summaries
 * and graph-statistics changes, in this thread (tests, small loads) or in a worker thread beside
 * ingest (the server), behind one interface. The caller decides which traces are held: it names
 * those to forget, and sends the earlier documents of a trace it knows is not held.
 */
export interface TraceDeriver {
  /**
   * Undoes the previous update's contributions when `revertLast` (its delta could not be stored),
   * forgets `forget`, then applies `updates`; summaries in the order of `updates`.
   */
  update(updates: readonly TraceUpdate[], forget: readonly string[], revertLast?: boolean): Promise<DerivedBatch>;
  /** Releases the worker, if any. Idempotent. */
  close(): Promise<void>;
}

/** A deriver that works in the calling thread; `derive` replaces the derivation of one trace (tests). */
export function inlineTraceDeriver(derive?: (job: DerivationJob) => DerivationResult): TraceDeriver {
  const state = new TraceDerivationState(derive);
  return {
    update: (updates, forget, revertLast) => Promise.resolve(state.apply(updates, forget, revertLast)),
    close: () => Promise.resolve(),
  };
}
