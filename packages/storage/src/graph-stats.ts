/**
 * Pre-aggregated service-graph statistics: counters and response-time histograms per time bucket,
 * per node and per edge. Written as deltas (the trace assembler retracts a trace's earlier
 * contribution with negative counts when late documents change it), summed on read.
 */

/** A node of the service graph, identified by name, type and account (X-Ray's `ServiceId`). */
export interface NodeKey {
  readonly name: string;
  /** `origin`-derived type; `undefined` for SDK segments without one. */
  readonly type: string | undefined;
  readonly accountId: string | undefined;
}

/** X-Ray's `ServiceStatistics` / `EdgeStatistics` counters. */
export interface StatisticCounters {
  okCount: number;
  errorThrottleCount: number;
  errorOtherCount: number;
  faultCount: number;
  totalCount: number;
  /** Sum of response times, seconds. */
  totalResponseTime: number;
}

/** Response time rounded to the millisecond (as an integer number of ms) → count. */
export type Histogram = Record<number, number>;

/**
 * A histogram as stores read it back: whole milliseconds in ascending order and the count at each,
 * none of them zero. A one-hour map at a million traces holds some 300,000 entries; as parallel typed
 * arrays they are summed, sorted and written out without an object per entry (ADR 0009).
 */
export interface SortedHistogram {
  readonly millis: Int32Array;
  readonly counts: Float64Array;
}

/** A node's statistics in one bucket: deltas carry `Histogram`s, window sums `SortedHistogram`s. */
export interface NodeStatsRow<H = Histogram> {
  /** Bucket start, epoch seconds, a multiple of the store's bucket width. */
  readonly bucketStart: number;
  readonly node: NodeKey;
  /** Whether the node was the root (first real service) of the contributing traces. */
  readonly root: boolean;
  readonly counters: StatisticCounters;
  readonly responseTimeHistogram: H;
  readonly durationHistogram: H;
  /** Earliest start and latest end seen, epoch seconds. */
  readonly startTime: number;
  readonly endTime: number;
}

/** An edge's statistics in one bucket, histograms as in `NodeStatsRow`. */
export interface EdgeStatsRow<H = Histogram> {
  readonly bucketStart: number;
  readonly source: NodeKey;
  readonly target: NodeKey;
  /** `undefined` for synchronous calls, `link` for asynchronous links. */
  readonly edgeType: 'link' | undefined;
  readonly counters: StatisticCounters;
  readonly responseTimeHistogram: H;
  readonly startTime: number;
  readonly endTime: number;
}

/** A node row of a window sum. */
export type NodeStatsSum = NodeStatsRow<SortedHistogram>;
/** An edge row of a window sum. */
export type EdgeStatsSum = EdgeStatsRow<SortedHistogram>;

export interface GraphStatsDelta {
  readonly nodes: readonly NodeStatsRow[];
  readonly edges: readonly EdgeStatsRow[];
}

/**
 * Statistics summed over a window: one row per node and per edge (with `bucketStart` = the window's
 * start), or one per key and bucket of `perBucketSeconds` when asked (for time series).
 * Rows whose counters all sum to zero are left out.
 */
export interface GraphStatsWindow {
  readonly nodes: NodeStatsSum[];
  readonly edges: EdgeStatsSum[];
}

/** The width of a stored bucket, seconds. Queries align to it. */
export const GRAPH_BUCKET_SECONDS = 60;
