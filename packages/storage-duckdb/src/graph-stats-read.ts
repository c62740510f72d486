/**
 * `queryGraphStats` of the DuckDB store: the bucket ranges that cover the window (graph-levels.ts),
 * cut at period boundaries when `perBucketSeconds` asks for periods (so that each range lies in one
 * output bucket), each taken summed from the cache or, all missing ones in one read, from the
 * database; then the ranges summed into the window's rows (graph-window-sum.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { GraphStatsWindow, TimeWindow } from '@roentgen/storage';
import type { GraphRangeCache, RangeSum } from './graph-range-cache.ts';
import type { BucketRange } from './graph-levels.ts';
import { coveringRanges } from './graph-levels.ts';
import { readRangeSums } from './graph-stats-sql.ts';
import { sumRanges } from './graph-window-sum.ts';

export async function readGraphStats(
  connection: DuckDBConnection,
  cache: GraphRangeCache,
  window: TimeWindow,
  perBucketSeconds: number | undefined,
): Promise<GraphStatsWindow> {
  const held: RangeSum[] = [];
  const missing: BucketRange[] = [];
  for (const range of coveringRanges(window, perBucketSeconds).flatMap((r) => cutAtPeriods(r, perBucketSeconds))) {
    const sum = cache.get(range);
    if (sum === undefined) missing.push(range);
    else held.push(sum);
  }
  if (missing.length === 0) return sumRanges(held, window, perBucketSeconds);
  const fill = cache.beginFill();
  let read: RangeSum[] = [];
  try {
    read = await readRangeSums(connection, missing);
  } finally {
    cache.endFill(fill, read);
  }
  return sumRanges([...held, ...read], window, perBucketSeconds);
}

/** `range` cut where a period of `perBucketSeconds` starts (the widths used divide the period). */
function cutAtPeriods(range: BucketRange, perBucketSeconds: number | undefined): BucketRange[] {
  if (perBucketSeconds === undefined) return [range];
  const pieces: BucketRange[] = [];
  for (let from = range.from; from < range.to;) {
    const periodEnd = (Math.floor(from / perBucketSeconds) + 1) * perBucketSeconds;
    const to = Math.min(range.to, periodEnd);
    pieces.push({ width: range.width, from, to });
    from = to;
  }
  return pieces;
}
