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
import { edgeRow, groupBy, nodeRow } from './statistics-rows.ts';
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
    const groups = groupBy(node.records, (record) => `${bucketOf(record.endTime, bucketSeconds)}|${record.root}`);
    for (const records of groups.values()) {
      const first = records[0];
      if (first === undefined) continue;
      nodes.push(nodeRow(bucketOf(first.endTime, bucketSeconds), node.key, first.root, records));
    }
  }
  for (const edge of graph.edges) {
    for (const [bucket, records] of groupBy(edge.records, (r) => String(bucketOf(r.endTime, bucketSeconds)))) {
      edges.push(edgeRow(Number(bucket), edge.source, edge.target, records));
    }
  }
  return { nodes, edges };
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
  const negated: Histogram = {};
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
