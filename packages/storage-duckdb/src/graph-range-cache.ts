/**
 * Graph statistics of bucket ranges, read once and kept in memory, summed per key (ADR 0009). A window
 * is read as a few ranges (graph-levels.ts: the coarse buckets inside it, the minutes at its ragged
 * ends), and a map refreshed every few seconds asks for nearly the same ranges each time: the coarse
 * middle stays the same for ten minutes or an hour. Reading a range from DuckDB costs tens of
 * milliseconds, taking it from here nothing; summing three ranges per key is quick.
 *
 * Correctness rests on invalidation after commit: every write (and compaction) of a bucket removes
 * the ranges that hold it once its transaction has committed, and a read that began before that does
 * not keep what it read, which may predate the write. Memory is bounded by histogram entries, least
 * recently used ranges going first.
 */
import type { EdgeStatsSum, NodeStatsSum } from '@roentgen/storage';
import type { BucketRange } from './graph-levels.ts';

/**
 * The rows of a bucket range `[from, to)` of one width, summed per key (a node's root and non-root
 * rows in one, `root` or-ed; rows that net to zero kept, for their times), with each row's key
 * string (`nodeKeyString` / `edgeKeyString`) beside it.
 */
export interface RangeSum {
  readonly range: BucketRange;
  readonly nodes: readonly NodeStatsSum[];
  readonly nodeKeys: readonly string[];
  readonly edges: readonly EdgeStatsSum[];
  readonly edgeKeys: readonly string[];
}

/** A read of missing ranges in progress; hand it back to `endFill` whatever happens. */
export interface RangeFill {
  readonly generation: number;
}

export class GraphRangeCache {
  readonly #maxEntries: number;
  /** In least-recently-used order: a hit moves its range to the end. */
  readonly #ranges = new Map<string, { sum: RangeSum; entries: number }>();
  #entries = 0;
  #generation = 0;
  /** When each bucket was last invalidated; only needed while a fill that began earlier runs. */
  readonly #invalidatedAt = new Map<string, number>();
  #fillsInFlight = 0;

  /** `maxEntries`: histogram entries (plus one per row) kept at most; 0 keeps nothing. */
  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** Histogram entries (plus one per row) held now. */
  get entries(): number {
    return this.#entries;
  }

  /** The sum of `range`, if held. */
  get(range: BucketRange): RangeSum | undefined {
    const key = rangeKeyOf(range);
    const held = this.#ranges.get(key);
    if (held === undefined) return undefined;
    this.#ranges.delete(key);
    this.#ranges.set(key, held);
    return held.sum;
  }

  /** Call before reading missing ranges from the database. */
  beginFill(): RangeFill {
    this.#fillsInFlight++;
    return { generation: this.#generation };
  }

  /** Keeps what a fill read, except ranges holding a bucket invalidated since it began (pass nothing after a failure). */
  endFill(fill: RangeFill, sums: readonly RangeSum[]): void {
    for (const sum of sums) {
      const { width, from, to } = sum.range;
      let current = true;
      for (let start = from; start < to && current; start += width) {
        current = (this.#invalidatedAt.get(bucketKeyOf(width, start)) ?? -1) < fill.generation;
      }
      if (current) this.#put(sum);
    }
    this.#fillsInFlight--;
    if (this.#fillsInFlight === 0) this.#invalidatedAt.clear();
  }

  /**
   * Forgets the ranges that hold buckets whose rows changed; call after the change has committed.
   * `starts` may repeat (a write names a bucket once per row): each distinct one is looked at once.
   */
  invalidate(width: number, starts: Iterable<number>): void {
    this.#generation++;
    for (const start of new Set(starts)) {
      for (const [key, { sum }] of this.#ranges) {
        const { range } = sum;
        if (range.width === width && range.from <= start && start < range.to) this.#drop(key);
      }
      if (this.#fillsInFlight > 0) this.#invalidatedAt.set(bucketKeyOf(width, start), this.#generation);
    }
  }

  #put(sum: RangeSum): void {
    const entries = entriesOf(sum);
    if (entries > this.#maxEntries) return;
    const key = rangeKeyOf(sum.range);
    this.#drop(key);
    this.#ranges.set(key, { sum, entries });
    this.#entries += entries;
    for (const oldest of this.#ranges.keys()) {
      if (this.#entries <= this.#maxEntries) break;
      this.#drop(oldest);
    }
  }

  #drop(key: string): void {
    const held = this.#ranges.get(key);
    if (held === undefined) return;
    this.#ranges.delete(key);
    this.#entries -= held.entries;
  }
}

function bucketKeyOf(width: number, start: number): string {
  return `${width}/${start}`;
}

function rangeKeyOf({ width, from, to }: BucketRange): string {
  return `${width}/${from}/${to}`;
}

function entriesOf(sum: RangeSum): number {
  let entries = 1;
  for (const row of sum.nodes) {
    entries += 1 + row.responseTimeHistogram.millis.length + row.durationHistogram.millis.length;
  }
  for (const row of sum.edges) entries += 1 + row.responseTimeHistogram.millis.length;
  return entries;
}
