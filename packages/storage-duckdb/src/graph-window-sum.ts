/**
 * Sums range sums into a `GraphStatsWindow`: per output bucket (the window's start, or the period's
 * with `perBucketSeconds`, which each range lies inside) and key, counters summed, times widened,
 * `root` or-ed, histograms summed; rows that count no request are left out. Range sums keep rows
 * that net to zero, so this gives what summing all their stored rows at once gives.
 */
import type { EdgeStatsSum, GraphStatsWindow, NodeStatsSum, SortedHistogram, TimeWindow } from '@roentgen/storage';
import { addCounters, countsAnyRequest, outputBucketStart, sumSortedHistograms, zeroCounters } from '@roentgen/storage';
import type { RangeSum } from './graph-range-cache.ts';

interface NodeGroup {
  readonly row: NodeStatsSum;
  root: boolean;
  readonly counters: NodeStatsSum['counters'];
  readonly responseTimes: SortedHistogram[];
  readonly durations: SortedHistogram[];
  startTime: number;
  endTime: number;
}

interface EdgeGroup {
  readonly row: EdgeStatsSum;
  readonly counters: EdgeStatsSum['counters'];
  readonly responseTimes: SortedHistogram[];
  startTime: number;
  endTime: number;
}

/** The window's rows from the range sums that cover it. */
export function sumRanges(
  sums: readonly RangeSum[],
  window: TimeWindow,
  perBucketSeconds: number | undefined,
): GraphStatsWindow {
  const nodes = new Map<string, NodeGroup>();
  const edges = new Map<string, EdgeGroup>();
  for (const sum of sums) {
    const output = outputBucketStart(sum.range.from, window, perBucketSeconds);
    // One output bucket (a plain map): the stored key alone; with periods, the period in front of it.
    const prefix = perBucketSeconds === undefined ? '' : `${output}|`;
    sum.nodes.forEach((row, i) => {
      const key = prefix + (sum.nodeKeys[i] as string);
      let group = nodes.get(key);
      if (group === undefined) {
        group = {
          row: { ...row, bucketStart: output },
          root: false,
          counters: zeroCounters(),
          responseTimes: [],
          durations: [],
          startTime: Infinity,
          endTime: -Infinity,
        };
        nodes.set(key, group);
      }
      group.root ||= row.root;
      addCounters(group.counters, row.counters);
      group.responseTimes.push(row.responseTimeHistogram);
      group.durations.push(row.durationHistogram);
      group.startTime = Math.min(group.startTime, row.startTime);
      group.endTime = Math.max(group.endTime, row.endTime);
    });
    sum.edges.forEach((row, i) => {
      const key = prefix + (sum.edgeKeys[i] as string);
      let group = edges.get(key);
      if (group === undefined) {
        group = {
          row: { ...row, bucketStart: output },
          counters: zeroCounters(),
          responseTimes: [],
          startTime: Infinity,
          endTime: -Infinity,
        };
        edges.set(key, group);
      }
      addCounters(group.counters, row.counters);
      group.responseTimes.push(row.responseTimeHistogram);
      group.startTime = Math.min(group.startTime, row.startTime);
      group.endTime = Math.max(group.endTime, row.endTime);
    });
  }
  const result: GraphStatsWindow = { nodes: [], edges: [] };
  for (const group of nodes.values()) {
    if (!countsAnyRequest(group.counters)) continue;
    result.nodes.push({
      ...group.row,
      root: group.root,
      counters: group.counters,
      responseTimeHistogram: sumSortedHistograms(group.responseTimes),
      durationHistogram: sumSortedHistograms(group.durations),
      startTime: group.startTime,
      endTime: group.endTime,
    });
  }
  for (const group of edges.values()) {
    if (!countsAnyRequest(group.counters)) continue;
    result.edges.push({
      ...group.row,
      counters: group.counters,
      responseTimeHistogram: sumSortedHistograms(group.responseTimes),
      startTime: group.startTime,
      endTime: group.endTime,
    });
  }
  return result;
}
