/**
 * How graph-statistics deltas add up on read, shared by every store: per key and output bucket,
 * counters and histograms summed, start/end widened, `root` or-ed; rows with no requests left dropped.
 */
import type {
  EdgeStatsRow,
  EdgeStatsSum,
  GraphStatsWindow,
  Histogram,
  NodeKey,
  NodeStatsRow,
  NodeStatsSum,
  StatisticCounters,
} from './graph-stats.ts';
import { sortHistogram } from './sorted-histogram.ts';
import type { TimeWindow } from './trace-store.ts';
import { emptyHistogram } from './empty-histogram.ts';

/** A string that is equal for equal node keys (name, type, account; `undefined` is its own value). */
export function nodeKeyString(node: NodeKey): string {
  return JSON.stringify([node.name, node.type ?? null, node.accountId ?? null]);
}

/** A string that is equal for equal edge keys (source, target, edge type). */
export function edgeKeyString(edge: Pick<EdgeStatsRow, 'source' | 'target' | 'edgeType'>): string {
  return JSON.stringify([nodeKeyString(edge.source), nodeKeyString(edge.target), edge.edgeType ?? null]);
}

/**
 * The bucket an output row is reported under: the window's start, or with `perBucketSeconds` the
 * stored bucket start rounded down to a multiple of it (`floor(bucketStart / p) * p`).
 */
export function outputBucketStart(
  bucketStart: number,
  window: TimeWindow,
  perBucketSeconds: number | undefined,
): number {
  if (perBucketSeconds === undefined) return window.from;
  return Math.floor(bucketStart / perBucketSeconds) * perBucketSeconds;
}

/** Throws a `RangeError` unless `perBucketSeconds` is absent or a positive finite number. */
export function checkPerBucketSeconds(perBucketSeconds: number | undefined): void {
  if (perBucketSeconds === undefined) return;
  if (!Number.isFinite(perBucketSeconds) || perBucketSeconds <= 0) {
    throw new RangeError(`perBucketSeconds must be a positive number of seconds, got ${perBucketSeconds}`);
  }
}

/** Counters of zero, a fresh object the caller may change. */
export function zeroCounters(): StatisticCounters {
  return { okCount: 0, errorThrottleCount: 0, errorOtherCount: 0, faultCount: 0, totalCount: 0, totalResponseTime: 0 };
}

/** Adds `b` into `a` in place. */
export function addCounters(a: StatisticCounters, b: StatisticCounters): void {
  a.okCount += b.okCount;
  a.errorThrottleCount += b.errorThrottleCount;
  a.errorOtherCount += b.errorOtherCount;
  a.faultCount += b.faultCount;
  a.totalCount += b.totalCount;
  a.totalResponseTime += b.totalResponseTime;
}

/**
 * Whether summed counters still count any request. `totalResponseTime` is left out on purpose: a sum
 * of floating-point seconds and its retraction can leave a residue like 1e-17 where no request is left.
 */
export function countsAnyRequest(counters: StatisticCounters): boolean {
  return (
    counters.okCount !== 0 ||
    counters.errorThrottleCount !== 0 ||
    counters.errorOtherCount !== 0 ||
    counters.faultCount !== 0 ||
    counters.totalCount !== 0
  );
}

/** Sums histograms entrywise (milliseconds → count) and drops entries that sum to zero. */
export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  // Whole-millisecond keys are array indices: a record enumerates them in ascending order whatever
  // the order they were added in, so summing into one record needs no sort.
  const merged: Histogram = emptyHistogram();
  for (const histogram of histograms) {
    for (const key in histogram) {
      const ms = key as unknown as number;
      merged[ms] = (merged[ms] ?? 0) + (histogram[ms] as number);
    }
  }
  for (const key in merged) {
    if (merged[key as unknown as number] === 0) delete merged[key as unknown as number];
  }
  return merged;
}

/**
 * The reference summing of stored rows into a `GraphStatsWindow`: rows with `bucketStart` in
 * `[from, to)` grouped by key and output bucket. Output rows are in no particular order.
 */
export function sumGraphStats(
  nodes: readonly NodeStatsRow[],
  edges: readonly EdgeStatsRow[],
  window: TimeWindow,
  perBucketSeconds: number | undefined,
): GraphStatsWindow {
  const inWindow = (row: { bucketStart: number }): boolean =>
    row.bucketStart >= window.from && row.bucketStart < window.to;
  // Net the rows of one stored bucket per root flag first: a root contribution that a late parent
  // retracted must not leave the node marked as root.
  const netted = new Map<string, NodeStatsRow[]>();
  for (const row of nodes.filter(inWindow))
    pushTo(netted, `${row.bucketStart}|${row.root}|${nodeKeyString(row.node)}`, row);
  const nodeGroups = new Map<string, NodeStatsRow[]>();
  for (const row of [...netted.values()].map(sumNodeRows).filter((r) => countsAnyRequest(r.counters))) {
    const bucket = outputBucketStart(row.bucketStart, window, perBucketSeconds);
    pushTo(nodeGroups, `${bucket}|${nodeKeyString(row.node)}`, { ...row, bucketStart: bucket });
  }
  const edgeGroups = new Map<string, EdgeStatsRow[]>();
  for (const row of edges.filter(inWindow)) {
    const bucket = outputBucketStart(row.bucketStart, window, perBucketSeconds);
    pushTo(edgeGroups, `${bucket}|${edgeKeyString(row)}`, { ...row, bucketStart: bucket });
  }
  return {
    nodes: [...nodeGroups.values()]
      .map(sumNodeRows)
      .filter((row) => countsAnyRequest(row.counters))
      .map((row): NodeStatsSum => ({
        ...row,
        responseTimeHistogram: sortHistogram(row.responseTimeHistogram),
        durationHistogram: sortHistogram(row.durationHistogram),
      })),
    edges: [...edgeGroups.values()]
      .map(sumEdgeRows)
      .filter((row) => countsAnyRequest(row.counters))
      .map((row): EdgeStatsSum => ({ ...row, responseTimeHistogram: sortHistogram(row.responseTimeHistogram) })),
  };
}

function pushTo<T>(groups: Map<string, T[]>, key: string, row: T): void {
  const group = groups.get(key);
  if (group) group.push(row);
  else groups.set(key, [row]);
}

function sumNodeRows(rows: NodeStatsRow[]): NodeStatsRow {
  const first = rows[0] as NodeStatsRow;
  const counters = zeroCounters();
  for (const row of rows) addCounters(counters, row.counters);
  return {
    bucketStart: first.bucketStart,
    node: first.node,
    root: rows.some((row) => row.root),
    counters,
    responseTimeHistogram: mergeHistograms(rows.map((row) => row.responseTimeHistogram)),
    durationHistogram: mergeHistograms(rows.map((row) => row.durationHistogram)),
    startTime: rows.reduce((min, row) => Math.min(min, row.startTime), Infinity),
    endTime: rows.reduce((max, row) => Math.max(max, row.endTime), -Infinity),
  };
}

function sumEdgeRows(rows: EdgeStatsRow[]): EdgeStatsRow {
  const first = rows[0] as EdgeStatsRow;
  const counters = zeroCounters();
  for (const row of rows) addCounters(counters, row.counters);
  return {
    bucketStart: first.bucketStart,
    source: first.source,
    target: first.target,
    edgeType: first.edgeType,
    counters,
    responseTimeHistogram: mergeHistograms(rows.map((row) => row.responseTimeHistogram)),
    startTime: rows.reduce((min, row) => Math.min(min, row.startTime), Infinity),
    endTime: rows.reduce((max, row) => Math.max(max, row.endTime), -Infinity),
  };
}
