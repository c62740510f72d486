/**
 * Graph statistics are kept at three bucket widths: the port's one minute, ten minutes and one hour.
 * Every delta is written at each width, so each level alone holds every count; a window is then read
 * from the coarsest buckets that fit inside it, and the finer ones only at its ragged ends. A six-hour
 * map reads about 5 hourly buckets per node instead of 360 minutes, a one-hour map at most 24 buckets.
 */
import type { EdgeStatsRow, NodeStatsRow, TimeWindow } from '@roentgen/storage';
import { GRAPH_BUCKET_SECONDS } from '@roentgen/storage';

/** The bucket widths held, seconds, finest first. The finest is the port's bucket. */
export const GRAPH_WIDTHS: readonly number[] = [GRAPH_BUCKET_SECONDS, 600, 3600];

/** A run of buckets `[from, to)` of one width (both bounds multiples of it). */
export interface BucketRange {
  readonly width: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The bucket ranges that together hold exactly the minute buckets a window selects (those whose start
 * lies in `[window.from, window.to)`), coarsest first. With `perBucketSeconds`, only widths that
 * divide it are used, so that each coarse bucket falls inside one output bucket.
 */
export function coveringRanges(window: TimeWindow, perBucketSeconds?: number): BucketRange[] {
  const finest = GRAPH_BUCKET_SECONDS;
  const from = Math.ceil(window.from / finest) * finest;
  const to = Math.ceil(window.to / finest) * finest;
  const widths = GRAPH_WIDTHS.filter((w) => perBucketSeconds === undefined || perBucketSeconds % w === 0);
  if (!widths.includes(finest)) widths.unshift(finest);
  const ranges: BucketRange[] = [];
  cover(from, to, widths.length - 1);
  return ranges;

  function cover(start: number, end: number, level: number): void {
    if (start >= end) return;
    const width = widths[level] as number;
    if (level === 0) {
      ranges.push({ width, from: start, to: end });
      return;
    }
    const first = Math.ceil(start / width) * width;
    const last = Math.floor(end / width) * width;
    if (first >= last) {
      cover(start, end, level - 1);
      return;
    }
    ranges.push({ width, from: first, to: last });
    cover(start, first, level - 1);
    cover(last, end, level - 1);
  }
}

/** The start of the bucket of `width` that holds the minute bucket starting at `bucketStart`. */
export function coarseBucketStart(bucketStart: number, width: number): number {
  return Math.floor(bucketStart / width) * width;
}

/** A delta's node rows at one width: the same rows, their buckets widened. */
export function nodeRowsAtWidth(rows: readonly NodeStatsRow[], width: number): NodeStatsRow[] {
  return rows.map((row) => ({ ...row, bucketStart: coarseBucketStart(row.bucketStart, width) }));
}

/** A delta's edge rows at one width: the same rows, their buckets widened. */
export function edgeRowsAtWidth(rows: readonly EdgeStatsRow[], width: number): EdgeStatsRow[] {
  return rows.map((row) => ({ ...row, bucketStart: coarseBucketStart(row.bucketStart, width) }));
}
