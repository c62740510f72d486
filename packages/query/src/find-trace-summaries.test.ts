import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryTraceStore } from '@roentgen/storage';
import { findTraceSummaries } from './find-trace-summaries.ts';
import { QueryInputError } from './query-input-error.ts';
import {
  TEST_GROUPS,
  expectedIds,
  loadRandomTraces,
  pushdownDisagreements,
  searchAll,
} from './testing/differential.ts';
import { T0 } from './testing/trace-builders.ts';

async function loadedStore(): Promise<{
  store: InMemoryTraceStore;
  facts: Awaited<ReturnType<typeof loadRandomTraces>>;
}> {
  const store = new InMemoryTraceStore();
  await store.open();
  return { store, facts: await loadRandomTraces(store, 7, 120) };
}

test('pushdown + exact check returns exactly what evaluating every trace returns (random expressions)', async () => {
  const { store, facts } = await loadedStore();
  const { disagreements, nonEmpty, checked } = await pushdownDisagreements(store, facts, 11, 300);
  assert.deepEqual(disagreements, []);
  assert.ok(checked >= 250, `only ${checked} expressions were valid`);
  assert.ok(nonEmpty > checked / 4, `only ${nonEmpty} of ${checked} expressions matched anything`);
});

test('paging visits every matching trace once, newest first', async () => {
  const { store, facts } = await loadedStore();
  const ids = await searchAll(store, 'responsetime > 1.5');
  assert.deepEqual([...ids].sort(), expectedIds(facts, 'responsetime > 1.5').sort());
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.length > 10);
});

test('a bad filter is refused with the caret message', async () => {
  const { store } = await loadedStore();
  const request = { startTime: T0, endTime: T0 + 60, timeRangeType: 'TraceId' as const, groups: TEST_GROUPS };
  await assert.rejects(findTraceSummaries(store, { ...request, filterExpression: 'responstime > 1' }), (error) => {
    assert.ok(error instanceof QueryInputError);
    assert.equal(error.kind, 'invalid');
    assert.match(error.message, /^1:1: .*responstime.*\n {2}responstime > 1\n {2}\^{11}$/);
    assert.match(error.message, /responsetime/);
    return true;
  });
});

test('a window longer than 24 hours, or inverted, is refused with a clear message', async () => {
  const { store } = await loadedStore();
  const base = { timeRangeType: 'TraceId' as const, groups: TEST_GROUPS };
  await assert.rejects(
    findTraceSummaries(store, { ...base, startTime: T0, endTime: T0 + 25 * 3600 }),
    /25 hours.*at most 24 hours/,
  );
  await assert.rejects(findTraceSummaries(store, { ...base, startTime: T0, endTime: T0 }), /must be later/);
});

test('fixed-rate sampling returns the same subset every time', async () => {
  const { store } = await loadedStore();
  const request = {
    startTime: T0 - 10,
    endTime: T0 + 3600,
    timeRangeType: 'TraceId' as const,
    groups: TEST_GROUPS,
    sampling: { name: 'FixedRate' as const, value: 0.3 },
  };
  const first = await findTraceSummaries(store, request, { pageSize: 1000 });
  const again = await findTraceSummaries(store, request, { pageSize: 1000 });
  const all = await findTraceSummaries(store, { ...request, sampling: undefined }, { pageSize: 1000 });
  assert.deepEqual(
    first.summaries.map((s) => s.Id),
    again.summaries.map((s) => s.Id),
  );
  assert.ok(first.summaries.length > 10 && first.summaries.length < all.summaries.length * 0.6);
  assert.equal(all.tracesProcessedCount, 120);
});
