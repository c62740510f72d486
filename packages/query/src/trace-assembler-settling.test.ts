/**
 * When the assembler summarizes a trace: once it has been quiet for `settleMs`, or, as soon as its
 * complete root segment has arrived (a root closes after the calls it made), after `settleAfterRootMs`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryTraceStore } from '@roentgen/storage';
import type { DocumentRecord } from '@roentgen/storage';
import { TraceAssembler } from './trace-assembler.ts';
import { at, toRecord, traceIdFor } from './testing/trace-builders.ts';
import { storedSummaries } from './testing/stored-summaries.ts';

/** Trace `n`: its root segment `front` and the segment of a service it called. */
function requestTrace(n: number): { root: DocumentRecord; child: DocumentRecord; inProgressRoot: DocumentRecord } {
  const trace_id = traceIdFor(n);
  const root = { id: `a00000000000000${n}`, trace_id, name: 'front', start_time: at(0), end_time: at(300) };
  return {
    root: toRecord(root, at(1_000)),
    child: toRecord(
      {
        id: `b00000000000000${n}`,
        trace_id,
        parent_id: root.id,
        name: 'orders',
        start_time: at(10),
        end_time: at(290),
      },
      at(900),
    ),
    inProgressRoot: toRecord({ ...root, end_time: undefined, in_progress: true }, at(500)),
  };
}

async function summarized(store: InMemoryTraceStore): Promise<string[]> {
  return (await storedSummaries(store)).map((r) => r.traceId).sort();
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('a trace whose complete root arrived is summarized at once; others wait to be quiet', async () => {
  const store = new InMemoryTraceStore();
  await store.open();
  const assembler = new TraceAssembler({ store, settleMs: 60_000, maxDelayMs: 60_000 });
  const [whole, rootless, open] = [requestTrace(1), requestTrace(2), requestTrace(3)];
  // Trace 1 is complete; trace 2 has only its downstream segment so far; trace 3's root is in progress.
  assembler.accept([whole.child, whole.root, rootless.child, open.child, open.inProgressRoot]);
  await until(async () => (await summarized(store)).length > 0);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.deepEqual(await summarized(store), [traceIdFor(1)], 'only the trace with its complete root');

  // Their roots arrive: both are summarized without waiting a minute.
  assembler.accept([rootless.root, open.root]);
  await until(async () => (await summarized(store)).length === 3);
  await assembler.close();
});

test('with settleAfterRootMs, a complete root waits that long for late documents', async () => {
  const store = new InMemoryTraceStore();
  await store.open();
  const assembler = new TraceAssembler({ store, settleMs: 60_000, maxDelayMs: 60_000, settleAfterRootMs: 60_000 });
  assembler.accept([requestTrace(4).root]);
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.deepEqual(await summarized(store), []);
  await assembler.flush();
  assert.deepEqual(await summarized(store), [traceIdFor(4)]);
  await assembler.close();
});

test('a burst that ends is summarized settleMs after its last document, not a tick later', async () => {
  const store = new InMemoryTraceStore();
  await store.open();
  // Ticks come every 100 ms: at 300 ms, the rootless trace is due in 50 ms, and the quiet timer
  // fires then; the next tick would come at 400 ms.
  const assembler = new TraceAssembler({ store, settleMs: 350, maxDelayMs: 60_000 });
  // A first trace, so that the one timed below is not derived by cold code.
  assembler.accept([requestTrace(6).child, requestTrace(6).root]);
  await assembler.flush();
  let writtenAt = 0;
  const appendTraceSummaries = store.appendTraceSummaries.bind(store);
  store.appendTraceSummaries = (records) => {
    writtenAt = Date.now();
    return appendTraceSummaries(records);
  };
  const accepted = Date.now();
  assembler.accept([requestTrace(5).child]);
  await until(() => Promise.resolve(writtenAt > 0));
  const waited = writtenAt - accepted;
  assert.ok(waited >= 350, `summarized after ${waited} ms, before it was quiet for 350 ms`);
  assert.ok(waited < 395, `summarized after ${waited} ms: at the next tick, not the moment it was due`);
  await assembler.close();
});
