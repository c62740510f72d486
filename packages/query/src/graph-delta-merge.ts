import type { EdgeStatsRow, GraphStatsDelta, NodeStatsRow } from '@roentgen/storage';
import {
  addCounters,
  countsAnyRequest,
  edgeKeyString,
  mergeHistograms,
  nodeKeyString,
  zeroCounters,
} from '@roentgen/storage';

/**
 * Folds the per-trace rows of one assembler batch into one row per bucket and key before they are
 * written: a thousand traces of the same minute through the same thirty services become thirty
 * rows, not thirty thousand, and a trace's retraction cancels the unchanged part of its new
 * contribution. Node rows stay apart by `root`, as the store and the reference sum keep them.
 */
export function mergeGraphDelta(nodes: readonly NodeStatsRow[], edges: readonly EdgeStatsRow[]): GraphStatsDelta {
  const nodeGroups = new Map<string, NodeStatsRow[]>();
  for (const row of nodes) push(nodeGroups, `${row.bucketStart}|${row.root}|${nodeKeyString(row.node)}`, row);
  const edgeGroups = new Map<string, EdgeStatsRow[]>();
  for (const row of edges) push(edgeGroups, `${row.bucketStart}|${edgeKeyString(row)}`, row);
  return {
    nodes: [...nodeGroups.values()].map(mergeNodeRows).filter((row) => changesAnything(row)),
    edges: [...edgeGroups.values()].map(mergeEdgeRows).filter((row) => changesAnything(row)),
  };
}

/**
 * A folded row can be dropped only when it changes nothing: equal counts can still move a request
 * from one histogram entry to another (a late document changed a response time).
 */
function changesAnything(row: NodeStatsRow | EdgeStatsRow): boolean {
  if (countsAnyRequest(row.counters) || Math.abs(row.counters.totalResponseTime) > 1e-9) return true;
  if (Object.keys(row.responseTimeHistogram).length > 0) return true;
  return 'durationHistogram' in row && Object.keys(row.durationHistogram).length > 0;
}

function push<T>(groups: Map<string, T[]>, key: string, row: T): void {
  const group = groups.get(key);
  if (group) group.push(row);
  else groups.set(key, [row]);
}

/** Sums the counters and response-time histograms of rows of one key and widens their times. */
function mergeCommon<T extends NodeStatsRow | EdgeStatsRow>(rows: readonly T[]): T {
  const counters = zeroCounters();
  for (const row of rows) addCounters(counters, row.counters);
  return {
    ...rows[0]!,
    counters,
    responseTimeHistogram: mergeHistograms(rows.map((r) => r.responseTimeHistogram)),
    startTime: rows.reduce((min, r) => Math.min(min, r.startTime), Infinity),
    endTime: rows.reduce((max, r) => Math.max(max, r.endTime), -Infinity),
  };
}

function mergeNodeRows(rows: readonly NodeStatsRow[]): NodeStatsRow {
  if (rows.length === 1) return rows[0]!;
  return { ...mergeCommon(rows), durationHistogram: mergeHistograms(rows.map((r) => r.durationHistogram)) };
}

function mergeEdgeRows(rows: readonly EdgeStatsRow[]): EdgeStatsRow {
  return rows.length === 1 ? rows[0]! : mergeCommon(rows);
}
