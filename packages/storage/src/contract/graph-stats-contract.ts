/** Contract cases for service-graph statistics: summing per key, retraction, windows, buckets. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EdgeStatsRow, GraphStatsDelta, GraphStatsWindow, NodeStatsRow } from '../graph-stats.ts';
import { edgeKeyString, nodeKeyString } from '../graph-stats-sum.ts';
import { sortHistogram } from '../sorted-histogram.ts';
import type { ContractStoreFactory } from './contract-harness.ts';
import { withStore } from './contract-harness.ts';
import { TRICKY_STRINGS, makeCounters, makeEdgeStatsRow, makeNodeKey, makeNodeStatsRow } from './record-builders.ts';

const B = 6000; // a bucket start, a multiple of 60 and of 300
const WINDOW = { from: B, to: B + 600 };

/** Rows of a window in a fixed order, so that results compare whatever order the store returns. */
export function sortedGraphStats(window: GraphStatsWindow): GraphStatsWindow {
  const nodeKey = (r: NodeStatsRow<unknown>) => `${r.bucketStart}|${nodeKeyString(r.node)}`;
  const edgeKey = (r: EdgeStatsRow<unknown>) => `${r.bucketStart}|${edgeKeyString(r)}`;
  return {
    nodes: [...window.nodes].sort((a, b) => (nodeKey(a) < nodeKey(b) ? -1 : 1)),
    edges: [...window.edges].sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : 1)),
  };
}

/** Rows written as deltas, as a window sum holding exactly them reads them back. */
export function asWindowSums(delta: GraphStatsDelta): GraphStatsWindow {
  return {
    nodes: delta.nodes.map((row) => ({
      ...row,
      responseTimeHistogram: sortHistogram(row.responseTimeHistogram),
      durationHistogram: sortHistogram(row.durationHistogram),
    })),
    edges: delta.edges.map((row) => ({ ...row, responseTimeHistogram: sortHistogram(row.responseTimeHistogram) })),
  };
}

/** Registers the graph-statistics cases. */
export function describeGraphStatsContract(createStore: ContractStoreFactory): void {
  describe('graph statistics', () => {
    test('sums counters and histograms per node key, widens times, ors root', () =>
      withStore(createStore, async ({ store }) => {
        const a = makeNodeStatsRow({
          bucketStart: B,
          startTime: B + 5,
          endTime: B + 6,
          responseTimeHistogram: { 100: 1 },
        });
        const b = makeNodeStatsRow({
          bucketStart: B + 60,
          root: true,
          counters: makeCounters({ okCount: 0, faultCount: 2, totalCount: 2, totalResponseTime: 1.25 }),
          responseTimeHistogram: { 100: 2, 250: 1 },
          durationHistogram: { 700: 1 },
          startTime: B + 61,
          endTime: B + 90,
        });
        const otherType = makeNodeStatsRow({ bucketStart: B, node: makeNodeKey({ type: undefined }) });
        const otherAccount = makeNodeStatsRow({ bucketStart: B, node: makeNodeKey({ accountId: '123456789012' }) });
        await store.appendGraphStats({ nodes: [a, otherType], edges: [] });
        await store.appendGraphStats({ nodes: [b, otherAccount], edges: [] });
        const result = sortedGraphStats(await store.queryGraphStats(WINDOW));
        const expected: NodeStatsRow = {
          bucketStart: B,
          node: a.node,
          root: true,
          counters: makeCounters({ okCount: 1, faultCount: 2, totalCount: 3, totalResponseTime: 1.75 }),
          responseTimeHistogram: { 100: 3, 250: 1 },
          durationHistogram: { 500: 1, 700: 1 },
          startTime: B + 5,
          endTime: B + 90,
        };
        assert.deepEqual(
          result,
          sortedGraphStats(asWindowSums({ nodes: [expected, otherType, otherAccount], edges: [] })),
        );
      }));

    test('edges are keyed by source, target and edge type', () =>
      withStore(createStore, async ({ store }) => {
        const sync = makeEdgeStatsRow({ bucketStart: B });
        const link = makeEdgeStatsRow({ bucketStart: B, edgeType: 'link' });
        const reverse = makeEdgeStatsRow({ bucketStart: B, source: sync.target, target: sync.source });
        await store.appendGraphStats({ nodes: [], edges: [sync, link, reverse, sync] });
        const doubled = {
          ...sync,
          counters: makeCounters({ okCount: 2, totalCount: 2, totalResponseTime: 1 }),
          responseTimeHistogram: { 500: 2 },
        };
        assert.deepEqual(
          sortedGraphStats(await store.queryGraphStats(WINDOW)),
          sortedGraphStats(asWindowSums({ nodes: [], edges: [doubled, link, reverse] })),
        );
      }));

    test('negative deltas retract; rows and histogram entries summing to zero are dropped', () =>
      withStore(createStore, async ({ store }) => {
        const node = makeNodeStatsRow({ bucketStart: B, responseTimeHistogram: { 100: 1, 200: 1 } });
        const edge = makeEdgeStatsRow({ bucketStart: B });
        const gone = makeNodeStatsRow({ bucketStart: B, node: makeNodeKey({ name: 'gone' }) });
        await store.appendGraphStats({ nodes: [node, gone], edges: [edge] });
        const retract = (counters: typeof node.counters) => ({
          okCount: -counters.okCount,
          errorThrottleCount: -counters.errorThrottleCount,
          errorOtherCount: -counters.errorOtherCount,
          faultCount: -counters.faultCount,
          totalCount: -counters.totalCount,
          totalResponseTime: -counters.totalResponseTime,
        });
        const partial = makeCounters({ okCount: -1, totalCount: -1, totalResponseTime: -0.25 });
        await store.appendGraphStats({
          nodes: [
            {
              ...gone,
              counters: retract(gone.counters),
              responseTimeHistogram: { 500: -1 },
              durationHistogram: { 500: -1 },
            },
            { ...node, counters: partial, responseTimeHistogram: { 100: -1 }, durationHistogram: {} },
            makeNodeStatsRow({
              bucketStart: B,
              counters: makeCounters({ okCount: 1, totalCount: 1, totalResponseTime: 0.25 }),
              responseTimeHistogram: {},
              durationHistogram: {},
            }),
          ],
          edges: [{ ...edge, counters: retract(edge.counters), responseTimeHistogram: { 500: -1 } }],
        });
        const result = await store.queryGraphStats(WINDOW);
        assert.deepEqual(result.edges, []);
        assert.equal(result.nodes.length, 1);
        assert.deepEqual(result.nodes[0]?.node, node.node);
        assert.deepEqual(
          result.nodes[0]?.counters,
          makeCounters({ okCount: 1, totalCount: 1, totalResponseTime: 0.5 }),
        );
        assert.deepEqual(result.nodes[0]?.responseTimeHistogram, sortHistogram({ 200: 1 }));
      }));

    test('selects buckets in [from, to)', () =>
      withStore(createStore, async ({ store }) => {
        const rows = [B - 60, B, B + 540, B + 600].map((bucketStart) => makeNodeStatsRow({ bucketStart }));
        await store.appendGraphStats({ nodes: rows, edges: [makeEdgeStatsRow({ bucketStart: B + 600 })] });
        const result = await store.queryGraphStats(WINDOW);
        assert.deepEqual(result.edges, []);
        assert.deepEqual(
          result.nodes.map((r) => r.counters.totalCount),
          [2],
        );
        assert.deepEqual(await store.queryGraphStats({ from: 0, to: 60 }), { nodes: [], edges: [] });
      }));

    test('perBucketSeconds groups by floor(bucketStart / period) * period', () =>
      withStore(createStore, async ({ store }) => {
        const rows = [B, B + 60, B + 240, B + 300, B + 540].map((bucketStart) => makeNodeStatsRow({ bucketStart }));
        await store.appendGraphStats({
          nodes: rows,
          edges: rows.map((r) => makeEdgeStatsRow({ bucketStart: r.bucketStart })),
        });
        const result = sortedGraphStats(await store.queryGraphStats(WINDOW, { perBucketSeconds: 300 }));
        assert.deepEqual(
          result.nodes.map((r) => [r.bucketStart, r.counters.totalCount]),
          [
            [B, 3],
            [B + 300, 2],
          ],
        );
        assert.deepEqual(
          result.edges.map((r) => [r.bucketStart, r.counters.totalCount]),
          [
            [B, 3],
            [B + 300, 2],
          ],
        );
        await assert.rejects(store.queryGraphStats(WINDOW, { perBucketSeconds: 0 }), RangeError);
      }));

    test('keeps names with quotes and unicode as data; an empty delta is a no-op', () =>
      withStore(createStore, async ({ store }) => {
        await store.appendGraphStats({ nodes: [], edges: [] });
        const nodes = TRICKY_STRINGS.map((name) =>
          makeNodeStatsRow({ bucketStart: B, node: makeNodeKey({ name, type: name, accountId: name }) }),
        );
        const edges = TRICKY_STRINGS.map((name) =>
          makeEdgeStatsRow({
            bucketStart: B,
            source: makeNodeKey({ name }),
            target: makeNodeKey({ name: `${name}'` }),
          }),
        );
        await store.appendGraphStats({ nodes, edges });
        assert.deepEqual(
          sortedGraphStats(await store.queryGraphStats(WINDOW)),
          sortedGraphStats(asWindowSums({ nodes, edges })),
        );
      }));
  });
}
