/**
 * Statistics of whole trace graphs over a time window, computed straight from their records: what
 * `GetTraceGraph` shows, and the reference the stored per-bucket deltas must add up to.
 */
import type { EdgeStatsSum, GraphStatsWindow, NodeStatsSum } from '@roentgen/storage';
import { sortHistogram } from '@roentgen/storage';
import type { CallRecord } from './call-record.ts';
import { edgeRow, groupBy, nodeRow } from './statistics-rows.ts';
import type { NodeRecord, TraceGraph, TraceGraphEdge, TraceGraphNode } from './trace-graph.ts';
import { nodeKeyId } from './trace-graph.ts';

/** A half-open window `[from, to)`, epoch seconds. */
export interface RecordWindow {
  readonly from: number;
  readonly to: number;
}

function inside(record: CallRecord, window: RecordWindow | undefined): boolean {
  return window === undefined || (record.endTime >= window.from && record.endTime < window.to);
}

/**
 * One row per node and per edge of the given graphs (merged by identity), counting the records that
 * end inside `window` (all records without one). Rows with no such record are left out, like the
 * store's zero rows; `bucketStart` is `window.from`, or 0 without a window.
 */
export function graphWindow(graphs: readonly TraceGraph[], window?: RecordWindow): GraphStatsWindow {
  const bucketStart = window?.from ?? 0;
  const nodeGroups = groupBy(
    graphs.flatMap((graph) => graph.nodes),
    (node: TraceGraphNode) => nodeKeyId(node.key),
  );
  const nodes: NodeStatsSum[] = [];
  for (const group of nodeGroups.values()) {
    const records: NodeRecord[] = group.flatMap((node) => node.records).filter((r) => inside(r, window));
    const first = group[0];
    if (first === undefined || records.length === 0) continue;
    const row = nodeRow(
      bucketStart,
      first.key,
      records.some((r) => r.root),
      records,
    );
    nodes.push({
      ...row,
      responseTimeHistogram: sortHistogram(row.responseTimeHistogram),
      durationHistogram: sortHistogram(row.durationHistogram),
    });
  }
  const edgeGroups = groupBy(
    graphs.flatMap((graph) => graph.edges),
    (edge: TraceGraphEdge) => `${nodeKeyId(edge.source)}>${nodeKeyId(edge.target)}`,
  );
  const edges: EdgeStatsSum[] = [];
  for (const group of edgeGroups.values()) {
    const records = group.flatMap((edge) => edge.records).filter((r) => inside(r, window));
    const first = group[0];
    if (first === undefined || records.length === 0) continue;
    const row = edgeRow(bucketStart, first.source, first.target, records);
    edges.push({ ...row, responseTimeHistogram: sortHistogram(row.responseTimeHistogram) });
  }
  return { nodes, edges };
}
