import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Segment } from '@roentgen/model';
import { InMemoryTraceStore } from '@roentgen/storage';
import type { TraceSummaryRecord } from '@roentgen/storage';
import { TraceAssembler } from './trace-assembler.ts';
import { deriveJob } from './derive-job.ts';
import { inlineTraceDeriver } from './trace-deriver.ts';
import { at, toRecord, traceIdFor } from './testing/trace-builders.ts';
import { storedSummaries } from './testing/stored-summaries.ts';

const traceId = traceIdFor(9);

function segment(overrides: Partial<Segment>): Segment {
  return {
    id: 'a000000000000001',
    trace_id: traceId,
    name: 'front',
    start_time: at(0),
    end_time: at(500),
    ...overrides,
  };
}

async function latest(store: InMemoryTraceStore): Promise<TraceSummaryRecord | undefined> {
  return (await storedSummaries(store)).find((r) => r.traceId === traceId);
}

async function setup(maxTraces?: number): Promise<{ store: InMemoryTraceStore; assembler: TraceAssembler }> {
  const store = new InMemoryTraceStore();
  await store.open();
  return { store, assembler: new TraceAssembler({ store, ...(maxTraces ? { maxTraces } : {}) }) };
}

test('an in-progress root, then its complete version, then a late downstream segment: Revision grows', async () => {
  const { store, assembler } = await setup();
  const open = segment({ end_time: undefined, in_progress: true, subsegments: [] });
  const done = segment({
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
  });
  const late = segment({
    id: 'b000000000000001',
    name: 'orders',
    parent_id: 'a000000000000002',
    start_time: at(20),
    end_time: at(390),
    fault: true,
  });

  assembler.accept([toRecord(open, at(1))]);
  await assembler.flush();
  let summary = await latest(store);
  assert.equal(summary?.revision, 1);
  assert.equal(summary?.isPartial, true);

  assembler.accept([toRecord(done, at(600))]);
  await assembler.flush();
  summary = await latest(store);
  assert.equal(summary?.revision, 2);
  assert.equal(summary?.isPartial, false);
  assert.equal(summary?.responseTime, 0.5);
  assert.deepEqual(summary?.services, ['front', 'orders']);

  assembler.accept([toRecord(late, at(700))]);
  await assembler.flush();
  summary = await latest(store);
  assert.equal(summary?.revision, 3);
  const parsed = JSON.parse(summary?.summary ?? '{}') as { FaultRootCauses: { Services: { Name: string }[] }[] };
  assert.deepEqual(
    parsed.FaultRootCauses[0]?.Services.map((s) => s.Name),
    ['front', 'orders'],
  );
});

test('graph statistics count the trace once however often it changes', async () => {
  const { store, assembler } = await setup();
  assembler.accept([toRecord(segment({ end_time: undefined, in_progress: true }), at(1))]);
  await assembler.flush();
  assembler.accept([toRecord(segment({}), at(600))]);
  await assembler.flush();
  assembler.accept([
    toRecord(segment({ id: 'b000000000000001', name: 'orders', parent_id: 'a000000000000001' }), at(700)),
  ]);
  await assembler.flush();
  const stats = await store.queryGraphStats({ from: 0, to: 4e9 });
  const front = stats.nodes.find((n) => n.node.name === 'front' && n.node.type === undefined);
  assert.equal(front?.counters.totalCount, 1);
  assert.equal(
    stats.edges.filter((e) => e.target.name === 'orders').reduce((n, e) => n + e.counters.totalCount, 0),
    1,
  );
});

test('an evicted trace is rebuilt from the store when a late document arrives', async () => {
  const { store, assembler } = await setup(1);
  const first = toRecord(segment({}), at(600));
  await store.appendDocuments([first]);
  assembler.accept([first]);
  await assembler.flush();
  const other = segment({ id: 'c000000000000001', name: 'other', trace_id: traceIdFor(10) });
  await store.appendDocuments([toRecord(other)]);
  assembler.accept([toRecord(other)]);
  await assembler.flush();
  assert.equal(assembler.activeTraces, 1);

  const late = toRecord(segment({ id: 'b000000000000001', name: 'orders', parent_id: 'a000000000000001' }), at(700));
  await store.appendDocuments([late]);
  assembler.accept([late]);
  await assembler.flush();
  const summary = await latest(store);
  assert.equal(summary?.revision, 2);
  assert.deepEqual(summary?.services, ['front', 'orders']);
  const stats = await store.queryGraphStats({ from: 0, to: 4e9 });
  assert.equal(stats.nodes.find((n) => n.node.name === 'front' && n.node.type === undefined)?.counters.totalCount, 1);
});

/**
 * A front segment, then two more segments of the same trace, each in its own batch; the second
 * batch's derivation or graph write fails, as `fail` says.
 */
async function threeBatches(fail: { derivation: boolean; store: boolean }) {
  const store = new InMemoryTraceStore();
  await store.open();
  let failing = false;
  const deriver = inlineTraceDeriver((job) => {
    if (failing && fail.derivation) throw new Error('no root causes for you');
    return deriveJob(job);
  });
  const appendGraphStats = store.appendGraphStats.bind(store);
  store.appendGraphStats = (delta) =>
    failing && fail.store ? Promise.reject(new Error('disk full')) : appendGraphStats(delta);
  const warnings: string[] = [];
  const assembler = new TraceAssembler({ store, deriver, logger: { warn: (message) => warnings.push(message) } });
  const batches = [
    toRecord(segment({}), at(600)),
    toRecord(segment({ id: 'b000000000000001', name: 'orders', parent_id: 'a000000000000001' }), at(700)),
    toRecord(segment({ id: 'c000000000000001', name: 'billing', parent_id: 'a000000000000001' }), at(800)),
  ];
  for (const [index, record] of batches.entries()) {
    failing = index === 1;
    await store.appendDocuments([record]);
    assembler.accept([record]);
    await assembler.flush();
  }
  const stats = await store.queryGraphStats({ from: 0, to: 4e9 });
  const count = (name: string) =>
    stats.nodes.find((n) => n.node.name === name && n.node.type === undefined)?.counters.totalCount;
  return { warnings, summary: await latest(store), counts: ['front', 'orders', 'billing'].map(count) };
}

test("documents whose derivation failed count with the trace's next ones, once", async () => {
  const { warnings, summary, counts } = await threeBatches({ derivation: true, store: false });
  assert.match(warnings.join('\n'), /1 traces not summarized \(until their next documents\): .*no root causes for you/);
  assert.deepEqual([...(summary?.services ?? [])].sort(), ['billing', 'front', 'orders']);
  assert.deepEqual(counts, [1, 1, 1]);
});

test('a graph delta the store refused is not retracted later: the next delta carries it', async () => {
  const { warnings, summary, counts } = await threeBatches({ derivation: false, store: true });
  assert.match(warnings.join('\n'), /a graph-statistics change was not written .*: disk full/);
  assert.deepEqual([...(summary?.services ?? [])].sort(), ['billing', 'front', 'orders']);
  assert.deepEqual(counts, [1, 1, 1]);
});
