/**
 * Differential property: summing per-trace, per-bucket contributions over a window must give exactly
 * what building the graph directly from every trace's raw documents, restricted to that window, gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { histogramRecord, sortHistogram, sumGraphStats } from '@roentgen/storage';
import type {
  EdgeStatsSum,
  GraphStatsDelta,
  GraphStatsWindow,
  Histogram,
  NodeStatsSum,
  StatisticCounters,
} from '@roentgen/storage';
import { assembleTrace } from './assemble-trace.ts';
import { negateDelta, traceGraphContribution } from './graph-contribution.ts';
import { graphWindow } from './graph-window.ts';
import type { RecordWindow } from './graph-window.ts';
import { randomTraceDocuments } from './testing/random-trace.ts';
import { buildTraceGraph, nodeKeyId } from './trace-graph.ts';

/** Divisible by every bucket width used below, so windows align to buckets. */
const BASE = 1_699_999_800;

function sumCounters(rows: readonly { counters: StatisticCounters }[]): StatisticCounters {
  const sum = {
    okCount: 0,
    errorThrottleCount: 0,
    errorOtherCount: 0,
    faultCount: 0,
    totalCount: 0,
    totalResponseTime: 0,
  };
  for (const { counters } of rows)
    for (const key of Object.keys(sum) as (keyof StatisticCounters)[]) sum[key] += counters[key];
  return sum;
}

function sumHistograms(histograms: readonly Histogram[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const histogram of histograms) for (const [ms, n] of Object.entries(histogram)) sum[ms] = (sum[ms] ?? 0) + n;
  return Object.fromEntries(
    Object.entries(sum)
      .filter(([, n]) => n !== 0)
      .sort(([a], [b]) => Number(a) - Number(b)),
  );
}

const counts = (c: StatisticCounters): boolean =>
  c.okCount !== 0 || c.errorOtherCount !== 0 || c.errorThrottleCount !== 0 || c.faultCount !== 0 || c.totalCount !== 0;

function groups<T>(rows: readonly T[], key: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return [...map.values()];
}

/** The small aggregator: per key (and, for nodes, root flag) sum; drop what cancelled; fold per key. */
function aggregate(deltas: readonly GraphStatsDelta[], window: RecordWindow): GraphStatsWindow {
  const inside = (row: { bucketStart: number }): boolean =>
    row.bucketStart >= window.from && row.bucketStart < window.to;
  const nodeRows = deltas.flatMap((d) => d.nodes).filter(inside);
  const surviving = groups(nodeRows, (row) => `${nodeKeyId(row.node)}|${row.root}`).filter((g) =>
    counts(sumCounters(g)),
  );
  const nodes = groups(surviving.flat(), (row) => nodeKeyId(row.node)).map((g): NodeStatsSum => ({
    bucketStart: window.from,
    node: (g[0] as (typeof g)[number]).node,
    root: g.some((row) => row.root),
    counters: sumCounters(g),
    responseTimeHistogram: sortHistogram(sumHistograms(g.map((row) => row.responseTimeHistogram))),
    durationHistogram: sortHistogram(sumHistograms(g.map((row) => row.durationHistogram))),
    startTime: Math.min(...g.map((row) => row.startTime)),
    endTime: Math.max(...g.map((row) => row.endTime)),
  }));
  const edgeRows = deltas.flatMap((d) => d.edges).filter(inside);
  const edges = groups(edgeRows, (row) => `${nodeKeyId(row.source)}>${nodeKeyId(row.target)}`)
    .filter((g) => counts(sumCounters(g)))
    .map((g): EdgeStatsSum => ({
      ...(g[0] as (typeof g)[number]),
      bucketStart: window.from,
      counters: sumCounters(g),
      responseTimeHistogram: sortHistogram(sumHistograms(g.map((row) => row.responseTimeHistogram))),
      startTime: Math.min(...g.map((row) => row.startTime)),
      endTime: Math.max(...g.map((row) => row.endTime)),
    }));
  return { nodes, edges };
}

/** A comparable form: rows sorted by key, float sums rounded (summation order differs), zero bars gone. */
function normalize(window: GraphStatsWindow, withTimes = true): unknown {
  const counters = (c: StatisticCounters): StatisticCounters => ({
    ...c,
    totalResponseTime: Math.round(c.totalResponseTime * 1e6) / 1e6,
  });
  const times = (row: { startTime: number; endTime: number }) => (withTimes ? [row.startTime, row.endTime] : []);
  const nodes = window.nodes
    .map(
      (row) =>
        [
          nodeKeyId(row.node),
          row.root,
          counters(row.counters),
          histogramRecord(row.responseTimeHistogram),
          histogramRecord(row.durationHistogram),
          ...times(row),
        ] as const,
    )
    .sort((a, b) => a[0].localeCompare(b[0]));
  const edges = window.edges
    .map(
      (row) =>
        [
          `${nodeKeyId(row.source)}>${nodeKeyId(row.target)}`,
          counters(row.counters),
          histogramRecord(row.responseTimeHistogram),
          ...times(row),
        ] as const,
    )
    .sort((a, b) => a[0].localeCompare(b[0]));
  return { nodes, edges };
}

const scenario = fc.record({
  seeds: fc.array(fc.integer(), { minLength: 1, maxLength: 8 }),
  bucketSeconds: fc.constantFrom(10, 60, 300),
  fromBucket: fc.integer({ min: -2, max: 30 }),
  spanBuckets: fc.integer({ min: 1, max: 200 }),
});

function tracesOf(seeds: readonly number[]) {
  return seeds.map((seed, index) => randomTraceDocuments(seed, index, BASE + ((seed >>> 0) % 1_200_000) / 1000));
}

test('summed contributions equal the directly built graph restricted to the window', () => {
  let nonEmpty = 0;
  fc.assert(
    fc.property(scenario, ({ seeds, bucketSeconds, fromBucket, spanBuckets }) => {
      const traces = tracesOf(seeds);
      const from = BASE + fromBucket * bucketSeconds;
      const window = { from, to: from + spanBuckets * bucketSeconds };
      const deltas = traces.map((documents) => traceGraphContribution(assembleTrace(documents), bucketSeconds));
      const direct = graphWindow([buildTraceGraph(assembleTrace(traces.flat()))], window);
      if (direct.nodes.length > 0) nonEmpty += 1;
      assert.deepEqual(normalize(aggregate(deltas, window)), normalize(direct));
      const stored = sumGraphStats(
        deltas.flatMap((d) => d.nodes),
        deltas.flatMap((d) => d.edges),
        window,
        undefined,
      );
      assert.deepEqual(normalize(stored), normalize(direct), 'the store’s own summing agrees');
    }),
    { numRuns: 300 },
  );
  assert.ok(nonEmpty > 100, `most scenarios should have data in the window (had ${nonEmpty})`);
});

test('retracting an earlier version of a trace and adding the new one equals adding only the new one', () => {
  fc.assert(
    fc.property(scenario, fc.integer(), ({ seeds, bucketSeconds }, maskSeed) => {
      const [documents = []] = tracesOf(seeds.slice(0, 1));
      const earlier = documents.filter((_, i) => ((maskSeed >>> (i % 31)) & 1) === 1);
      const window = { from: BASE - 10 * bucketSeconds, to: BASE + 4000 };
      const before = traceGraphContribution(assembleTrace(earlier), bucketSeconds);
      const after = traceGraphContribution(assembleTrace(documents), bucketSeconds);
      // Start and end bounds are min/max aggregates, which a retraction cannot shrink; compare the sums.
      assert.deepEqual(
        normalize(aggregate([before, negateDelta(before), after], window), false),
        normalize(aggregate([after], window), false),
      );
    }),
    { numRuns: 300 },
  );
});
