/**
 * The graph-statistics change derived and not yet written (ADR 0012). Under load each batch's change
 * touches most keys of the map again (a few hundred rows, written at three bucket widths), so batches'
 * changes are folded here and written together, at most every `writeEveryMs` while traces keep
 * arriving and at once when none waits.
 */
import type { GraphStatsDelta, TraceStore } from '@roentgen/storage';
import { mergeGraphDelta } from './graph-delta-merge.ts';
import type { TraceDeriver } from './trace-deriver.ts';

export class UnwrittenGraphChange {
  readonly #writeEveryMs: number;
  #delta: GraphStatsDelta | undefined;
  #lastWriteAt = 0;

  constructor(writeEveryMs: number) {
    this.#writeEveryMs = writeEveryMs;
  }

  /** Whether a change waits to be written. */
  get waiting(): boolean {
    return this.#delta !== undefined;
  }

  /** Folds a batch's change into the one waiting. */
  fold(delta: GraphStatsDelta): void {
    const waiting = this.#delta;
    this.#delta = waiting
      ? mergeGraphDelta([...waiting.nodes, ...delta.nodes], [...waiting.edges, ...delta.edges])
      : delta;
  }

  /** Whether to write now: at once when no trace waits (`idle`), else once `writeEveryMs` has passed. */
  due(now: number, idle: boolean): boolean {
    return idle || now - this.#lastWriteAt >= this.#writeEveryMs;
  }

  /**
   * Writes the change waiting, if any, and tells the deriver whether the store took it: if not, the
   * deriver undoes the contributions of every batch it carried (trace-derivation-state.ts). Throws
   * what the store threw.
   */
  async write(store: TraceStore, deriver: TraceDeriver, now: number): Promise<void> {
    const delta = this.#delta;
    this.#delta = undefined;
    this.#lastWriteAt = now;
    if (!delta || (delta.nodes.length === 0 && delta.edges.length === 0)) {
      deriver.graphWritten(true);
      return;
    }
    try {
      await store.appendGraphStats(delta);
      deriver.graphWritten(true);
    } catch (error) {
      deriver.graphWritten(false);
      throw error;
    }
  }
}
