/**
 * A trace's share of the stored service-graph statistics: per-bucket node and edge rows that the store
 * sums on read (`@roentgen/storage` `GraphStatsDelta`), and their negation to retract a share when late
 * documents change the trace.
 */
import type {
  EdgeStatsRow,
  GraphStatsDelta,
  GRAPH_BUCKET_SECONDS,
  Histogram,
  NodeStatsRow,
  StatisticCounters,
} from '@roentgen/storage';
import type { AssembledTrace } from './assemble-trace.ts';
import type { CallRecord } from './call-record.ts';
import { emptyHistogram } from '@roentgen/storage';
import { edgeRow, nodeRow } from './statistics-rows.ts';
import { buildTraceGraph } from './trace-graph.ts';

/**
 * The store's bucket width, seconds. Held here as a typed copy because this package imports only
 * types from `@roentgen/storage`; the annotation fails to compile if the store's constant changes.
 */
const DEFAULT_BUCKET_SECONDS: typeof GRAPH_BUCKET_SECONDS = 60;

/** Bucket start of a record ending at `endTime`, epoch seconds (§6.4 [INF]: records count where they end). */
export function bucketOf(endTime: number, bucketSeconds: number): number {
  return Math.floor(endTime / bucketSeconds) * bucketSeconds;
}

/**
 * The trace's rows: one per node, root flag and bucket (root and non-root records of a node are kept
 * in separate rows so a retraction removes exactly what it added), one per edge and bucket. Records
 * still in progress add nothing. Client nodes get rows too (their records are the root segments') so
 * that they exist in a window; `toServiceGraphResponse` shows no statistics for them.
 */
export function traceGraphContribution(
  trace: AssembledTrace,
  bucketSeconds: number = DEFAULT_BUCKET_SECONDS,
): GraphStatsDelta {
  const graph = buildTraceGraph(trace);
  const nodes: NodeStatsRow[] = [];
  const edges: EdgeStatsRow[] = [];
  for (const node of graph.nodes) {
    for (const group of bucketGroups(node.records, bucketSeconds, true)) {
      nodes.push(nodeRow(group.bucket, node.key, group.root, group.records));
    }
  }
  for (const edge of graph.edges) {
    for (const group of bucketGroups(edge.records, bucketSeconds, false)) {
      // `+ 0` turns a bucket of -0 into 0, as the text key edges were once grouped by did.
      edges.push(edgeRow(group.bucket + 0, edge.source, edge.target, group.records));
    }
  }
  return { nodes, edges };
}

/** Records of one bucket (and, for nodes, one root flag); `bucket` and `root` are its first record's. */
interface BucketGroup<T> {
  readonly bucket: number;
  readonly root: boolean;
  readonly records: T[];
}

/**
 * `records` grouped by bucket (and by `root` when `byRoot`), groups and records in first-seen order.
 * A trace has a handful of groups at most, so a list beats a map keyed by text; and the records of
 * a node or edge usually all fall in one group, which then is `records` itself.
 */
function bucketGroups<T extends CallRecord & { readonly root?: boolean }>(
  records: T[],
  bucketSeconds: number,
  byRoot: boolean,
): BucketGroup<T>[] {
  const first = records[0];
  if (first === undefined) return [];
  const firstBucket = bucketOf(first.endTime, bucketSeconds);
  const firstRoot = first.root === true;
  let uniform = true;
  for (const record of records) {
    if (bucketOf(record.endTime, bucketSeconds) !== firstBucket || (byRoot && (record.root === true) !== firstRoot)) {
      uniform = false;
      break;
    }
  }
  if (uniform) return [{ bucket: firstBucket, root: firstRoot, records }];
  const groups: BucketGroup<T>[] = [];
  for (const record of records) {
    const bucket = bucketOf(record.endTime, bucketSeconds);
    const root = record.root === true;
    const group = groups.find((g) => g.bucket === bucket && (!byRoot || g.root === root));
    if (group === undefined) groups.push({ bucket, root, records: [record] });
    else group.records.push(record);
  }
  return groups;
}

function negateCounters(counters: StatisticCounters): StatisticCounters {
  return {
    okCount: -counters.okCount,
    errorThrottleCount: -counters.errorThrottleCount,
    errorOtherCount: -counters.errorOtherCount,
    faultCount: -counters.faultCount,
    totalCount: -counters.totalCount,
    totalResponseTime: -counters.totalResponseTime,
  };
}

function negateHistogram(histogram: Histogram): Histogram {
  const negated: Histogram = emptyHistogram();
  for (const [key, count] of Object.entries(histogram)) negated[Number(key)] = -count;
  return negated;
}

/**
 * The delta that cancels `delta` when summed with it. Keys, root flags and time bounds are kept: the
 * store sums counters and histograms only, and a row whose counters sum to zero disappears on read.
 */
export function negateDelta(delta: GraphStatsDelta): GraphStatsDelta {
  return {
    nodes: delta.nodes.map((row) => ({
      ...row,
      counters: negateCounters(row.counters),
      responseTimeHistogram: negateHistogram(row.responseTimeHistogram),
      durationHistogram: negateHistogram(row.durationHistogram),
    })),
    edges: delta.edges.map((row) => ({
      ...row,
      counters: negateCounters(row.counters),
      responseTimeHistogram: negateHistogram(row.responseTimeHistogram),
    })),
  };
}
