/**
 * A histogram on its way to the wire: X-Ray's `[{ "Value": seconds, "Count": n }, …]`, held as the
 * sorted arrays it was summed into. A map's reply carries some 300,000 entries; an object per entry
 * and the generic serializer cost more than all the summing (ADR 0009), so the graph actions write
 * the arrays straight out as bytes (`@roentgen/api`'s graph reply writer). `toJSON` gives the same
 * entries to `JSON.stringify` and to tests.
 */
import type { SortedHistogram } from '@roentgen/storage';
import { EMPTY_SORTED_HISTOGRAM } from '@roentgen/storage';
import type { HistogramEntry } from './xray-service-types.ts';

export class HistogramEntries {
  readonly histogram: SortedHistogram;

  constructor(histogram: SortedHistogram = EMPTY_SORTED_HISTOGRAM) {
    this.histogram = histogram;
  }

  /** Number of entries. */
  get length(): number {
    return this.histogram.millis.length;
  }

  /** The entries in ascending `Value` (seconds, to the millisecond). */
  toJSON(): HistogramEntry[] {
    const { millis, counts } = this.histogram;
    return Array.from(millis, (ms, i) => ({ Value: ms / 1000, Count: counts[i] as number }));
  }
}
