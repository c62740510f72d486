/**
 * The documents of traces waiting to be summarized, and when each trace is due: once its complete root
 * segment has arrived (a root closes after the calls it made), once no document of it has come for a
 * while, or once it has waited long enough whatever keeps coming. The trace assembler takes the due
 * ones at each tick (trace-assembler.ts).
 */
import type { DocumentRecord } from '@roentgen/storage';

export interface SettlingOptions {
  /** How long a trace without its complete root waits after its last document (ms). */
  readonly settleMs: number;
  /** How long a trace whose complete root arrived waits after its last document (ms); at most `settleMs`. */
  readonly settleAfterRootMs: number;
  /** How long a trace that keeps receiving documents waits at most (ms). */
  readonly maxDelayMs: number;
}

/** Records of one trace waiting to settle, with when the first and the last of them arrived. */
interface SettlingTrace {
  readonly records: DocumentRecord[];
  readonly firstAt: number;
  lastAt: number;
  /** Whether one of them is the trace's complete root segment. */
  rooted: boolean;
}

/** A complete segment with no parent: the root of its trace, closed after every call it made. */
function isCompleteRoot(record: DocumentRecord): boolean {
  return record.kind === 'segment' && record.parentId === undefined && !record.inProgress;
}

/** See the module comment. */
export class SettlingTraces {
  readonly #options: SettlingOptions;
  // Map order is arrival order of each trace's first waiting document: the oldest are shed first.
  readonly #traces = new Map<string, SettlingTrace>();
  #lastAddedAt = 0;

  constructor(options: SettlingOptions) {
    this.#options = { ...options, settleAfterRootMs: Math.min(options.settleAfterRootMs, options.settleMs) };
  }

  /** Traces waiting. */
  get size(): number {
    return this.#traces.size;
  }

  /** Adds records that arrived at `now` (ms). */
  add(records: readonly DocumentRecord[], now: number): void {
    this.#lastAddedAt = now;
    for (const record of records) {
      const waiting = this.#traces.get(record.traceId);
      if (waiting) {
        waiting.records.push(record);
        waiting.lastAt = now;
        waiting.rooted ||= isCompleteRoot(record);
      } else {
        this.#traces.set(record.traceId, {
          records: [record],
          firstAt: now,
          lastAt: now,
          rooted: isCompleteRoot(record),
        });
      }
    }
  }

  /** The records of every trace due at `now` (of every trace with `everything`), which stop waiting. */
  takeDue(now: number, everything: boolean): DocumentRecord[] {
    const { settleMs, settleAfterRootMs, maxDelayMs } = this.#options;
    const due: DocumentRecord[] = [];
    for (const [traceId, waiting] of this.#traces) {
      const settle = waiting.rooted ? settleAfterRootMs : settleMs;
      if (everything || now - waiting.lastAt >= settle || now - waiting.firstAt >= maxDelayMs) {
        due.push(...waiting.records);
        this.#traces.delete(traceId);
      }
    }
    return due;
  }

  /** Drops the oldest waiting traces until at most `limit` wait; returns how many were dropped. */
  shedOldest(limit: number): number {
    let shed = 0;
    for (const traceId of this.#traces.keys()) {
      if (this.#traces.size <= limit) break;
      this.#traces.delete(traceId);
      shed += 1;
    }
    return shed;
  }

  /**
   * How long after `now` every waiting trace is due if no document comes meanwhile: `settleMs` after
   * the last one came (ms; zero or less when that moment has passed).
   */
  allDueIn(now: number): number {
    return this.#lastAddedAt + this.#options.settleMs - now;
  }
}
