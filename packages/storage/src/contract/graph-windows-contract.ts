/**
 * A seeded random test of graph windows: deltas spread over several hours, retractions and
 * replacements included as the trace assembler writes them, in many appends, then read over random windows and periods and compared with the
 * reference summing of every row written. Stores that keep coarser buckets or fold rows
 * (the DuckDB adapter does both) must give the very same answers.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EdgeStatsRow, Histogram, NodeStatsRow } from '../graph-stats.ts';
import { sumGraphStats } from '../graph-stats-sum.ts';
import type { ContractStoreFactory } from './contract-harness.ts';
import { withStore } from './contract-harness.ts';
import { sortedGraphStats } from './graph-stats-contract.ts';
import { makeCounters, makeEdgeStatsRow, makeNodeKey, makeNodeStatsRow } from './record-builders.ts';

const HOUR = 3600;
const START = 1_800_000_000; // a multiple of an hour
const NAMES = ['api', 'db', "O'Brien"];

/** A small deterministic generator (LCG), so that a failure repeats exactly. */
function randomSource(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

function histogram(random: (below: number) => number): Histogram {
  const entries: Histogram = {};
  for (let i = random(3); i >= 0; i--) entries[10 * random(20)] = 1 + random(3);
  return entries;
}

// Whole numbers everywhere, so that sums do not depend on the order they are taken in.
function newRow(random: (below: number) => number): { node: NodeStatsRow; edge: EdgeStatsRow } {
  const bucketStart = START + 60 * random((3 * HOUR) / 60);
  const counters = makeCounters({ totalResponseTime: 1 + random(4) });
  const times = { startTime: bucketStart + random(60), endTime: bucketStart + 60 + random(60) };
  const name = NAMES[random(NAMES.length)] as string;
  const node = makeNodeStatsRow({
    bucketStart,
    node: makeNodeKey({ name }),
    root: random(2) === 0,
    counters,
    responseTimeHistogram: histogram(random),
    durationHistogram: histogram(random),
    ...times,
  });
  const edge = makeEdgeStatsRow({
    bucketStart,
    source: makeNodeKey({ name }),
    target: makeNodeKey({ name: NAMES[random(NAMES.length)] as string }),
    counters,
    responseTimeHistogram: histogram(random),
    ...times,
  });
  return { node, edge };
}

function negated<T extends NodeStatsRow | EdgeStatsRow>(row: T): T {
  const negate = (h: Histogram): Histogram => Object.fromEntries(Object.entries(h).map(([ms, count]) => [ms, -count]));
  const c = row.counters;
  const counters = makeCounters({
    okCount: -c.okCount,
    totalCount: -c.totalCount,
    totalResponseTime: -c.totalResponseTime,
  });
  return 'durationHistogram' in row
    ? {
        ...row,
        counters,
        responseTimeHistogram: negate(row.responseTimeHistogram),
        durationHistogram: negate(row.durationHistogram),
      }
    : { ...row, counters, responseTimeHistogram: negate(row.responseTimeHistogram) };
}

/**
 * One append as the trace assembler makes them: new contributions, and sometimes the retraction of
 * an earlier one (its exact negation, in its bucket) with its replacement, which spans at least the
 * same times (a trace's late documents only add to it) and may have lost the root flag.
 */
function randomAppend(
  random: (below: number) => number,
  written: { node: NodeStatsRow; edge: EdgeStatsRow }[],
): { nodes: NodeStatsRow[]; edges: EdgeStatsRow[] } {
  const nodes: NodeStatsRow[] = [];
  const edges: EdgeStatsRow[] = [];
  for (let i = random(4); i >= 0; i--) {
    const row = newRow(random);
    written.push(row);
    nodes.push(row.node);
    edges.push(row.edge);
  }
  if (written.length > 1 && random(3) === 0) {
    const at = random(written.length);
    const old = written[at] as { node: NodeStatsRow; edge: EdgeStatsRow };
    const widen = { startTime: old.node.startTime - random(30), endTime: old.node.endTime + random(30) };
    const replacement = {
      node: { ...old.node, ...widen, root: old.node.root && random(2) === 0, durationHistogram: histogram(random) },
      edge: { ...old.edge, ...widen, responseTimeHistogram: histogram(random) },
    };
    written[at] = replacement;
    nodes.push(negated(old.node), replacement.node);
    edges.push(negated(old.edge), replacement.edge);
  }
  return { nodes, edges };
}

/** Registers the random-window case. */
export function describeGraphWindowsContract(createStore: ContractStoreFactory): void {
  describe('graph statistics over random windows', () => {
    test('equal the reference sums for windows of minutes to hours, with and without periods, between writes', () =>
      withStore(createStore, async ({ store }) => {
        const random = randomSource(20261127);
        const nodes: NodeStatsRow[] = [];
        const edges: EdgeStatsRow[] = [];
        const written: { node: NodeStatsRow; edge: EdgeStatsRow }[] = [];
        for (let append = 0; append < 60; append++) {
          const delta = randomAppend(random, written);
          nodes.push(...delta.nodes);
          edges.push(...delta.edges);
          await store.appendGraphStats(delta);
        }
        const periods = [undefined, 60, 90, 300, 600, 1800, 3600, 7200];
        for (let i = 0; i < 40; i++) {
          // Writes between reads: a store that keeps what it read must see what was written since.
          if (i % 2 === 1) {
            const delta = randomAppend(random, written);
            nodes.push(...delta.nodes);
            edges.push(...delta.edges);
            await store.appendGraphStats(delta);
          }
          const from = START - HOUR + random(5 * HOUR);
          const window = { from, to: from + 1 + random(4 * HOUR) };
          const perBucketSeconds = periods[random(periods.length)];
          const options = perBucketSeconds === undefined ? undefined : { perBucketSeconds };
          const actual = sortedGraphStats(await store.queryGraphStats(window, options));
          const expected = sortedGraphStats(sumGraphStats(nodes, edges, window, perBucketSeconds));
          assert.deepEqual(actual, expected, `window ${JSON.stringify(window)}, period ${perBucketSeconds}`);
        }
      }));
  });
}
