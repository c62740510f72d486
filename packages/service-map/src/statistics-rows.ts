/**
 * Turning call records into `@roentgen/storage` statistics rows (reference §6.4). The same arithmetic
 * serves per-bucket deltas and whole-window summaries, so the two cannot drift apart.
 */
import type { EdgeStatsRow, Histogram, NodeKey, NodeStatsRow, StatisticCounters } from '@roentgen/storage';
import { histogramMillis } from './call-record.ts';
import type { CallRecord } from './call-record.ts';
import { emptyHistogram } from '@roentgen/storage';

/** Counters with nothing counted. */
export function emptyCounters(): StatisticCounters {
  return { okCount: 0, errorThrottleCount: 0, errorOtherCount: 0, faultCount: 0, totalCount: 0, totalResponseTime: 0 };
}

/** Adds one record to `counters` in place. */
export function countRecord(counters: StatisticCounters, record: CallRecord): void {
  switch (record.outcome) {
    case 'ok':
      counters.okCount += 1;
      break;
    case 'error':
      counters.errorOtherCount += 1;
      break;
    case 'throttle':
      counters.errorThrottleCount += 1;
      break;
    case 'fault':
      counters.faultCount += 1;
      break;
  }
  counters.totalCount += 1;
  counters.totalResponseTime += record.responseTime;
}

/** Adds `seconds`, rounded to the millisecond, to `histogram` in place. */
export function countInHistogram(histogram: Histogram, seconds: number): void {
  const key = histogramMillis(seconds);
  histogram[key] = (histogram[key] ?? 0) + 1;
}

/** One node row from a non-empty list of that node's records. */
export function nodeRow(
  bucketStart: number,
  node: NodeKey,
  root: boolean,
  records: readonly CallRecord[],
): NodeStatsRow {
  const counters = emptyCounters();
  const responseTimeHistogram: Histogram = emptyHistogram();
  const durationHistogram: Histogram = emptyHistogram();
  // Earliest start and latest end, found in the same pass.
  let startTime = Infinity;
  let endTime = -Infinity;
  for (const record of records) {
    countRecord(counters, record);
    countInHistogram(responseTimeHistogram, record.responseTime);
    countInHistogram(durationHistogram, record.duration);
    startTime = Math.min(startTime, record.startTime);
    endTime = Math.max(endTime, record.endTime);
  }
  return { bucketStart, node, root, counters, responseTimeHistogram, durationHistogram, startTime, endTime };
}

/** One edge row from a non-empty list of that edge's records. */
export function edgeRow(
  bucketStart: number,
  source: NodeKey,
  target: NodeKey,
  records: readonly CallRecord[],
): EdgeStatsRow {
  const counters = emptyCounters();
  const responseTimeHistogram: Histogram = emptyHistogram();
  let startTime = Infinity;
  let endTime = -Infinity;
  for (const record of records) {
    countRecord(counters, record);
    countInHistogram(responseTimeHistogram, record.responseTime);
    startTime = Math.min(startTime, record.startTime);
    endTime = Math.max(endTime, record.endTime);
  }
  return { bucketStart, source, target, edgeType: undefined, counters, responseTimeHistogram, startTime, endTime };
}

/** Groups `items` by a string key, keeping first-seen order. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
