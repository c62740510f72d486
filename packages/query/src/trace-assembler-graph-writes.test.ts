/**
 * How the assembler writes graph-statistics changes: while traces keep arriving, batches' changes wait
 * and go to the store together (at most every `graphWriteMs`); with nothing waiting, at once. A write
 * the store refuses undoes every batch it carried, so that no trace is later retracted from the store
 * for a contribution the store never took.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryTraceStore } from '@roentgen/storage';
import type { GraphStatsDelta, TraceSummaryRecord } from '@roentgen/storage';
import { TraceAssembler } from './trace-assembler.ts';
import { at, toRecord, traceIdFor } from './testing/trace-builders.ts';

/** A trace whose one segment is named `name` (so that each trace is a node of its own). */
const trace = (n: number, name: string) =>
  toRecord(
    { id: `a00000000000000${n}`, trace_id: traceIdFor(n), name, start_time: at(0), end_time: at(100 * n) },
    at(1_000),
  );

/**
 * A store whose graph writes are recorded (and refused while `refuse` says so), and whose summary
 * writes wait for `hold` when one is set: a batch is then in progress for as long as the test wants.
 */
function observedStore() {
  const store = new InMemoryTraceStore();
  const graphWrites: GraphStatsDelta[] = [];
  const control = { refuse: false, hold: undefined as Promise<void> | undefined, summaryWrites: 0 };
  const appendGraphStats = store.appendGraphStats.bind(store);
  store.appendGraphStats = (delta) => {
    graphWrites.push(delta);
    return control.refuse ? Promise.reject(new Error('disk full')) : appendGraphStats(delta);
  };
  const appendTraceSummaries = store.appendTraceSummaries.bind(store);
  store.appendTraceSummaries = async (records: readonly TraceSummaryRecord[]) => {
    control.summaryWrites += 1;
    await control.hold;
    return appendTraceSummaries(records);
  };
  return { store, graphWrites, control };
}

/** Resolves once `condition` holds (polled; the assembler works on timers). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const count = async (store: InMemoryTraceStore, name: string) =>
  (await store.queryGraphStats({ from: 0, to: 4e9 })).nodes.find((n) => n.node.name === name)?.counters.totalCount ?? 0;

/**
 * Trace 1 is written alone (nothing else waits), then trace 2 is processed while trace 3 waits, so its
 * change is held; trace 3 then settles with nothing behind it, and one write carries both.
 */
async function twoBatchesOneWrite(refuseSecondWrite: boolean) {
  const { store, graphWrites, control } = observedStore();
  await store.open();
  const warnings: string[] = [];
  const assembler = new TraceAssembler({
    store,
    settleMs: 0,
    graphWriteMs: 60_000,
    logger: { warn: (message) => warnings.push(message) },
  });
  assembler.accept([trace(1, 'first')]);
  await until(() => graphWrites.length === 1);

  let release = (): void => undefined;
  control.hold = new Promise((resolve) => (release = resolve));
  assembler.accept([trace(2, 'second')]);
  // Trace 2's batch is in progress (its summaries wait) when trace 3 arrives.
  await until(() => control.summaryWrites === 2);
  assembler.accept([trace(3, 'third')]);
  control.refuse = refuseSecondWrite;
  release();
  await until(() => graphWrites.length === 2);
  await assembler.flush();
  return { store, assembler, graphWrites, control, warnings };
}

test('graph changes wait while traces arrive, and go in one write when none waits', async () => {
  const { store, graphWrites } = await twoBatchesOneWrite(false);
  assert.equal(graphWrites.length, 2, 'trace 2 and trace 3 share the second write');
  const names = [...new Set((graphWrites[1] as GraphStatsDelta).nodes.map((n) => n.node.name))].sort();
  assert.deepEqual(names, ['second', 'third']);
  assert.deepEqual(await Promise.all(['first', 'second', 'third'].map((name) => count(store, name))), [1, 1, 1]);
});

test('a refused write undoes every batch it carried: their traces count once, with their next documents', async () => {
  const { store, assembler, control, warnings } = await twoBatchesOneWrite(true);
  assert.match(warnings.join('\n'), /a graph-statistics change was not written .*: disk full/);
  assert.deepEqual(await Promise.all(['second', 'third'].map((name) => count(store, name))), [0, 0]);
  control.refuse = false;
  // A later version of each document: the traces are derived again and counted, once.
  assembler.accept([
    { ...trace(2, 'second'), receivedAt: at(2_000) },
    { ...trace(3, 'third'), receivedAt: at(2_000) },
  ]);
  await assembler.flush();
  assert.deepEqual(await Promise.all(['first', 'second', 'third'].map((name) => count(store, name))), [1, 1, 1]);
});
