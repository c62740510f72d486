import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Segment } from '@roentgen/model';
import { InMemoryTraceStore, connectionTo } from '@roentgen/storage';
import { TraceAssembler } from './trace-assembler.ts';
import { startSummarizerThread } from './threaded-summarizer.ts';
import { at, toRecord, traceIdFor } from './testing/trace-builders.ts';

/** A front segment calling `orders`, which faults; the downstream segment arrives on its own. */
function twoServiceTrace(n: number) {
  const traceId = traceIdFor(n);
  const front: Segment = {
    id: 'a000000000000001',
    trace_id: traceId,
    name: 'front',
    start_time: at(0),
    end_time: at(500),
    subsegments: [
      {
        id: 'a000000000000002',
        name: 'orders',
        namespace: 'remote',
        start_time: at(10),
        end_time: at(400),
        fault: true,
      },
    ],
    fault: true,
  };
  const orders: Segment = {
    id: 'b000000000000001',
    trace_id: traceId,
    name: 'orders',
    parent_id: 'a000000000000002',
    start_time: at(20),
    end_time: at(390),
    fault: true,
  };
  return { traceId, records: [toRecord(front, at(600)), toRecord(orders, at(610))] };
}

async function openStore(): Promise<InMemoryTraceStore> {
  const store = new InMemoryTraceStore();
  await store.open();
  return store;
}

test('the summarizer thread writes exactly what an assembler in this thread writes', async () => {
  const [threaded, local] = [await openStore(), await openStore()];
  const summarizer = startSummarizerThread({ storeConnection: connectionTo(threaded) });
  const assembler = new TraceAssembler({ store: local });
  try {
    for (const n of [1, 2, 3]) {
      const { records } = twoServiceTrace(n);
      // The downstream document of each trace comes in a later batch: the trace is derived twice.
      for (const batch of [records.slice(0, 1), records.slice(1)]) {
        summarizer.accept(batch);
        assembler.accept(batch);
        await Promise.all([summarizer.flush(), assembler.flush()]);
      }
    }
    const everything = { timeRangeType: 'TraceId', from: 0, to: 4e9, predicate: { kind: 'true' }, limit: 10 } as const;
    const [fromThread, fromHere] = await Promise.all([
      threaded.queryTraceSummaries(everything),
      local.queryTraceSummaries(everything),
    ]);
    assert.equal(fromThread.records.length, 3);
    assert.deepEqual(fromThread, fromHere);
    assert.deepEqual(
      fromThread.records.map((r) => r.revision),
      [2, 2, 2],
    );
    const window = { from: 0, to: 4e9 };
    assert.deepEqual(await threaded.queryGraphStats(window), await local.queryGraphStats(window));
  } finally {
    await Promise.all([summarizer.close(), assembler.close()]);
  }
});

test('traces shed under overload are reported, and warnings reach the logger', async () => {
  const store = await openStore();
  const warnings: string[] = [];
  const summarizer = startSummarizerThread({
    storeConnection: connectionTo(store),
    logger: { warn: (message) => warnings.push(message) },
    // Two traces may wait to settle; a batch of five leaves three unsummarized.
    maxTraces: 1,
    settleMs: 60_000,
    maxDelayMs: 60_000,
  });
  try {
    summarizer.accept([1, 2, 3, 4, 5].flatMap((n) => twoServiceTrace(n).records.slice(0, 1)));
    await summarizer.flush();
    assert.equal(summarizer.shedTraces, 3);
    assert.match(warnings.join('\n'), /documents arrive faster than traces can be summarized/);
    assert.equal((await store.stats()).traceSummaries, 2);
  } finally {
    await summarizer.close();
  }
});

test('close finishes what was accepted; later batches are refused with a warning, not lost silently', async () => {
  const store = await openStore();
  const warnings: string[] = [];
  const summarizer = startSummarizerThread({
    storeConnection: connectionTo(store),
    logger: { warn: (message) => warnings.push(message) },
    settleMs: 60_000,
    maxDelayMs: 60_000,
  });
  summarizer.accept(twoServiceTrace(7).records);
  await summarizer.close();
  assert.equal((await store.stats()).traceSummaries, 1, 'the waiting trace was summarized on close');
  summarizer.accept(twoServiceTrace(8).records);
  assert.match(warnings.join('\n'), /2 documents not summarized: the summarizer is stopped/);
  await assert.rejects(summarizer.flush(), /summarizer thread stopped/);
  // The store itself stays open: it belongs to its owner, not to the summarizer.
  assert.equal((await store.stats()).traceSummaries, 1);
});

test('graph only: the map is kept as with summaries, and no summary is written', async () => {
  const [graphOnly, both] = [await openStore(), await openStore()];
  const summarizers = [
    startSummarizerThread({ storeConnection: connectionTo(graphOnly), graphOnly: true }),
    startSummarizerThread({ storeConnection: connectionTo(both) }),
  ];
  try {
    for (const summarizer of summarizers) {
      for (const n of [11, 12]) summarizer.accept(twoServiceTrace(n).records);
      await summarizer.flush();
    }
    const window = { from: 0, to: 4e9 };
    assert.deepEqual(await graphOnly.queryGraphStats(window), await both.queryGraphStats(window));
    assert.equal((await graphOnly.stats()).traceSummaries, 0);
    assert.equal((await both.stats()).traceSummaries, 2);
  } finally {
    await Promise.all(summarizers.map((s) => s.close()));
  }
});
