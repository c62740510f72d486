import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentRecord } from '@roentgen/storage';
import { SettlingTraces } from './settling-traces.ts';
import { at, toRecord, traceIdFor } from './testing/trace-builders.ts';

const root = (n: number, inProgress = false): DocumentRecord =>
  toRecord({
    id: `a00000000000000${n}`,
    trace_id: traceIdFor(n),
    name: 'front',
    start_time: at(0),
    ...(inProgress ? { in_progress: true } : { end_time: at(100) }),
  });
const child = (n: number): DocumentRecord =>
  toRecord({
    id: `b00000000000000${n}`,
    trace_id: traceIdFor(n),
    parent_id: `a00000000000000${n}`,
    name: 'orders',
    start_time: at(10),
    end_time: at(90),
  });

const traces = (records: readonly DocumentRecord[]) => [...new Set(records.map((r) => r.traceId))];
const settling = () => new SettlingTraces({ settleMs: 300, settleAfterRootMs: 20, maxDelayMs: 2_000 });

test('a trace is due settleMs after its last document, or settleAfterRootMs once its complete root came', () => {
  const waiting = settling();
  waiting.add([child(1)], 0);
  waiting.add([child(2), root(2)], 0);
  waiting.add([child(3), root(3, true)], 0);
  assert.deepEqual(traces(waiting.takeDue(19, false)), []);
  assert.deepEqual(traces(waiting.takeDue(20, false)), [traceIdFor(2)], 'the complete root ends the wait');
  waiting.add([child(1)], 100);
  assert.deepEqual(traces(waiting.takeDue(350, false)), [traceIdFor(3)], 'an in-progress root does not');
  assert.deepEqual(traces(waiting.takeDue(400, false)), [traceIdFor(1)], 'quiet for 300 ms since its last');
  assert.equal(waiting.size, 0);
});

test('a trace that keeps receiving documents is due after maxDelayMs; everything takes all', () => {
  const waiting = settling();
  for (let now = 0; now < 2_000; now += 100) waiting.add([child(4)], now);
  waiting.add([child(5)], 1_900);
  assert.deepEqual(traces(waiting.takeDue(2_000, false)), [traceIdFor(4)]);
  assert.deepEqual(traces(waiting.takeDue(2_000, true)), [traceIdFor(5)]);
});

test('shedding drops the traces that began waiting first', () => {
  const waiting = settling();
  for (const n of [6, 7, 8]) waiting.add([child(n)], n);
  waiting.add([child(6)], 9);
  assert.equal(waiting.shedOldest(1), 2);
  assert.deepEqual(traces(waiting.takeDue(0, true)), [traceIdFor(8)]);
  assert.equal(waiting.shedOldest(5), 0);
});

test('every waiting trace is due settleMs after the last document, and settleAfterRootMs is at most settleMs', () => {
  const waiting = settling();
  waiting.add([child(9)], 1_000);
  assert.equal(waiting.allDueIn(1_100), 200);
  const eager = new SettlingTraces({ settleMs: 50, settleAfterRootMs: 500, maxDelayMs: 2_000 });
  eager.add([root(10)], 0);
  assert.deepEqual(traces(eager.takeDue(50, false)), [traceIdFor(10)]);
});
