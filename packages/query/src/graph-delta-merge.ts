import type { EdgeStatsRow, GraphStatsDelta, Histogram, NodeKey, NodeStatsRow } from '@roentgen/storage';
import { addCounters, countsAnyRequest, emptyHistogram, zeroCounters } from '@roentgen/storage';

/**
 * Folds the per-trace rows of one assembler batch into one row per bucket and key before they are
 * written: a thousand traces of the same minute through the same thirty services become thirty
 * rows, not thirty thousand, and a trace's retraction cancels the unchanged part of its new
 * contribution. Node rows stay apart by `root`, as the store and the reference sum keep them.
 *
 * One pass, on the summarizer's hot path: each row is added into its key's running sum (histograms
 * in a `Map`, turned into records once at the end), instead of grouping rows and merging each group's
 * record histograms afterwards, which cost as much as deriving the batch's graph contributions.
 */
export function mergeGraphDelta(nodes: readonly NodeStatsRow[], edges: readonly EdgeStatsRow[]): GraphStatsDelta {
  const nodeSums = new Map<string, RowSum<NodeStatsRow>>();
  for (const row of nodes) {
    const key = `${row.bucketStart}|${row.root ? 1 : 0}|${nodeKeyText(row.node)}`;
    const sum = nodeSums.get(key);
    if (sum) add(sum, row, row.durationHistogram);
    else nodeSums.set(key, start(row, row.durationHistogram));
  }
  const edgeSums = new Map<string, RowSum<EdgeStatsRow>>();
  for (const row of edges) {
    const key = `${row.bucketStart}|${nodeKeyText(row.source)}${nodeKeyText(row.target)}${optionalText(row.edgeType)}`;
    const sum = edgeSums.get(key);
    if (sum) add(sum, row, undefined);
    else edgeSums.set(key, start(row, undefined));
  }
  const foldedNodes: NodeStatsRow[] = [];
  for (const sum of nodeSums.values()) {
    const summed = finish(sum);
    const row = sum.more ? { ...summed, durationHistogram: histogramOf(sum.duration) ?? emptyHistogram() } : summed;
    if (changesAnything(row)) foldedNodes.push(row);
  }
  const foldedEdges: EdgeStatsRow[] = [];
  for (const sum of edgeSums.values()) {
    const row = finish(sum);
    if (changesAnything(row)) foldedEdges.push(row);
  }
  return { nodes: foldedNodes, edges: foldedEdges };
}

/** The running sum of the rows of one key; the first row itself while it is the only one. */
interface RowSum<T extends NodeStatsRow | EdgeStatsRow> {
  readonly first: T;
  more: boolean;
  readonly counters: T['counters'];
  readonly responseTime: Map<number, number>;
  readonly duration: Map<number, number> | undefined;
  startTime: number;
  endTime: number;
}

function start<T extends NodeStatsRow | EdgeStatsRow>(row: T, duration: Histogram | undefined): RowSum<T> {
  const counters = zeroCounters();
  addCounters(counters, row.counters);
  const sum: RowSum<T> = {
    first: row,
    more: false,
    counters,
    responseTime: new Map(),
    duration: duration === undefined ? undefined : new Map(),
    startTime: row.startTime,
    endTime: row.endTime,
  };
  addHistogram(sum.responseTime, row.responseTimeHistogram);
  if (duration !== undefined && sum.duration) addHistogram(sum.duration, duration);
  return sum;
}

function add<T extends NodeStatsRow | EdgeStatsRow>(sum: RowSum<T>, row: T, duration: Histogram | undefined): void {
  sum.more = true;
  addCounters(sum.counters, row.counters);
  addHistogram(sum.responseTime, row.responseTimeHistogram);
  if (duration !== undefined && sum.duration) addHistogram(sum.duration, duration);
  sum.startTime = Math.min(sum.startTime, row.startTime);
  sum.endTime = Math.max(sum.endTime, row.endTime);
}

// A key's only row is kept as it is; a sum of several becomes a new row.
function finish<T extends NodeStatsRow | EdgeStatsRow>(sum: RowSum<T>): T {
  if (!sum.more) return sum.first;
  return {
    ...sum.first,
    counters: sum.counters,
    responseTimeHistogram: histogramOf(sum.responseTime) ?? emptyHistogram(),
    startTime: sum.startTime,
    endTime: sum.endTime,
  };
}

function addHistogram(into: Map<number, number>, histogram: Histogram): void {
  for (const key in histogram) {
    const ms = Number(key);
    into.set(ms, (into.get(ms) ?? 0) + (histogram[ms] as number));
  }
}

// Entries that summed to zero are dropped; an array-index key enumerates in ascending order.
function histogramOf(entries: Map<number, number> | undefined): Histogram | undefined {
  if (entries === undefined) return undefined;
  const histogram = emptyHistogram();
  for (const [ms, count] of entries) if (count !== 0) histogram[ms] = count;
  return histogram;
}

/**
 * A row can be dropped only when it changes nothing: equal counts can still move a request from one
 * histogram entry to another (a late document changed a response time).
 */
function changesAnything(row: NodeStatsRow | EdgeStatsRow): boolean {
  if (countsAnyRequest(row.counters) || Math.abs(row.counters.totalResponseTime) > 1e-9) return true;
  if (Object.keys(row.responseTimeHistogram).length > 0) return true;
  return 'durationHistogram' in row && Object.keys(row.durationHistogram).length > 0;
}

// Length-prefixed, so no name, type or account can run into the next: equal texts, equal keys.
function nodeKeyText(node: NodeKey): string {
  return `${node.name.length}:${node.name}${optionalText(node.type)}${optionalText(node.accountId)}`;
}

function optionalText(text: string | undefined): string {
  return text === undefined ? '-' : `${text.length}:${text}`;
}
