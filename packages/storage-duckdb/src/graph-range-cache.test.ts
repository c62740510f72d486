import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { edgeKeyString, sortHistogram } from '@roentgen/storage';
import { makeEdgeStatsRow, makeNodeStatsRow } from '@roentgen/storage/contract';
import type { RangeSum } from './graph-range-cache.ts';
import { GraphRangeCache } from './graph-range-cache.ts';
import { DuckDbTraceStore } from './duckdb-trace-store.ts';

/** A range sum of one edge whose histogram has `entries` entries. */
function rangeSum(from: number, to: number, entries: number): RangeSum {
  const histogram = sortHistogram(Object.fromEntries(Array.from({ length: entries }, (_, i) => [i, 1])));
  const edge = makeEdgeStatsRow({ bucketStart: from });
  return {
    range: { width: 60, from, to },
    nodes: [],
    nodeKeys: [],
    edges: [{ ...edge, responseTimeHistogram: histogram }],
    edgeKeys: [edgeKeyString(edge)],
  };
}

describe('graph range cache', () => {
  test('a fill that began before an invalidation does not keep a range holding that bucket', () => {
    const cache = new GraphRangeCache(1000);
    const early = cache.beginFill();
    cache.invalidate(60, [120]);
    cache.endFill(early, [rangeSum(0, 180, 3), rangeSum(180, 300, 3)]);
    assert.equal(cache.get({ width: 60, from: 0, to: 180 }), undefined, 'read before the write committed: maybe stale');
    assert.ok(cache.get({ width: 60, from: 180, to: 300 }), 'holds no bucket the write touched');
    const later = cache.beginFill();
    cache.endFill(later, [rangeSum(0, 180, 3)]);
    assert.ok(cache.get({ width: 60, from: 0, to: 180 }));
  });

  test('a range goes when a bucket inside it changes at its width, not before or after it', () => {
    const cache = new GraphRangeCache(1000);
    cache.endFill(cache.beginFill(), [rangeSum(60, 180, 3)]);
    const range = { width: 60, from: 60, to: 180 };
    cache.invalidate(60, [0, 180]);
    cache.invalidate(600, [60]);
    assert.ok(cache.get(range));
    cache.invalidate(60, [120]);
    assert.equal(cache.get(range), undefined);
    assert.equal(cache.entries, 0);
  });

  test('holds at most its entries, dropping the least recently used range first', () => {
    const cache = new GraphRangeCache(30);
    // 10 entries each: the range, its row and 8 histogram entries.
    cache.endFill(cache.beginFill(), [rangeSum(0, 60, 8), rangeSum(60, 120, 8), rangeSum(120, 180, 8)]);
    assert.equal(cache.entries, 30);
    assert.ok(cache.get({ width: 60, from: 0, to: 60 }), 'now the most recently used');
    cache.endFill(cache.beginFill(), [rangeSum(180, 240, 8)]);
    assert.equal(cache.entries, 30);
    assert.equal(cache.get({ width: 60, from: 60, to: 120 }), undefined, 'the least recently used went');
    assert.ok(cache.get({ width: 60, from: 0, to: 60 }));
    cache.endFill(cache.beginFill(), [rangeSum(240, 300, 100)]);
    assert.equal(cache.get({ width: 60, from: 240, to: 300 }), undefined, 'larger than the whole cache: not kept');
    assert.equal(cache.entries, 30);
  });

  test('a store reads what was written after its buckets were cached, and the same with no cache', async () => {
    for (const graphCacheEntries of [undefined, 0]) {
      const store = new DuckDbTraceStore({ path: ':memory:', graphCacheEntries });
      await store.open();
      try {
        const window = { from: 6000, to: 9600 };
        const row = makeNodeStatsRow({ bucketStart: 6000, responseTimeHistogram: { 100: 1 } });
        await store.appendGraphStats({ nodes: [row], edges: [] });
        assert.equal((await store.queryGraphStats(window)).nodes[0]?.counters.totalCount, 1);
        await store.appendGraphStats({ nodes: [{ ...row, bucketStart: 7200 }], edges: [] });
        const [node] = (await store.queryGraphStats(window)).nodes;
        assert.equal(node?.counters.totalCount, 2, `cache ${graphCacheEntries}`);
        assert.deepEqual(node?.responseTimeHistogram, sortHistogram({ 100: 2 }));
      } finally {
        await store.close();
      }
    }
  });
});
