import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsRegistry } from '@roentgen/metrics';
import type { DocumentRecord } from '@roentgen/storage';
import { IngestPipeline } from './ingest-pipeline.ts';
import { ingestMetricsFor } from './ingest-metrics.ts';
import { FailingStore, GatedStore, settle } from './testing/fake-stores.ts';

function makeRecord(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  const id =
    overrides.id ??
    Math.floor(Math.random() * 2 ** 48)
      .toString(16)
      .padStart(16, '0');
  return {
    traceId: '1-5759e988-bd862e3fe1be46a994272793',
    id,
    parentId: undefined,
    kind: 'segment',
    name: 'svc',
    origin: undefined,
    startTime: 1_700_000_000,
    endTime: 1_700_000_001,
    inProgress: false,
    fault: false,
    error: false,
    throttle: false,
    httpStatus: undefined,
    traceEpoch: 0x5759e988,
    receivedAt: 1_700_000_002,
    document: `{"id":"${id}"}`,
    ...overrides,
  };
}

const records = (n: number): DocumentRecord[] => Array.from({ length: n }, () => makeRecord());
const silent = { warn: () => undefined };

test('durable resolves only after the store has committed the batch', async () => {
  const store = new GatedStore();
  const pipeline = new IngestPipeline({ store, metrics: new MetricsRegistry(), flushIntervalMs: 1 });
  const { accepted, durable } = pipeline.submit(records(3), 'xray-api');
  assert.equal(accepted, 3);
  let resolved = false;
  durable.then(
    () => (resolved = true),
    () => undefined,
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(store.calls.length, 1, 'the timer flushed the partial batch');
  assert.equal(resolved, false, 'still waiting for the store');
  store.release();
  await durable;
  assert.deepEqual(store.committed, [true]);
  assert.equal(pipeline.depth(), 0);
});

test('a full buffer drops what does not fit, counts it, and never grows', async () => {
  const store = new GatedStore();
  const metrics = new MetricsRegistry();
  const pipeline = new IngestPipeline({ store, metrics, maxBufferedDocuments: 10, maxBatchSize: 4 });
  const first = pipeline.submit(records(4), 'udp'); // a full batch: written at once
  assert.equal(store.calls.length, 1);
  const second = pipeline.submit(records(8), 'udp');
  assert.deepEqual([second.accepted, second.dropped], [6, 2]);
  assert.equal(pipeline.depth(), 10, 'the batch being written counts against the bound');
  const third = pipeline.submit(records(5), 'udp');
  assert.deepEqual([third.accepted, third.dropped], [0, 5]);
  const counters = ingestMetricsFor(metrics);
  assert.equal(counters.dropped.get({ protocol: 'udp', reason: 'buffer_full' }), 7);
  assert.equal(counters.received.get({ protocol: 'udp' }), 17);
  assert.equal(counters.accepted.get({ protocol: 'udp' }), 10);
  assert.match(metrics.render(), /roentgen_buffer_depth 10/);

  // One write at a time: the next batch waited while the first was in flight.
  while (store.pendingWrites > 0 || pipeline.depth() > 0) {
    store.release();
    await settle();
  }
  await Promise.all([first.durable, second.durable]);
  assert.deepEqual(
    store.calls.map((call) => call.length),
    [4, 4, 2],
  );
});

test('allOrNothing refuses a call that does not fit whole', () => {
  const pipeline = new IngestPipeline({
    store: new GatedStore(),
    metrics: new MetricsRegistry(),
    maxBufferedDocuments: 5,
  });
  const result = pipeline.submit(records(6), 'otlp', { allOrNothing: true });
  assert.deepEqual([result.accepted, result.dropped], [0, 6]);
  assert.equal(pipeline.depth(), 0);
});

test('a failed store write rejects durable, is counted and logged, and does not stop later writes', async () => {
  const store = new GatedStore();
  const metrics = new MetricsRegistry();
  const warnings: string[] = [];
  const pipeline = new IngestPipeline({ store, metrics, maxBatchSize: 2, logger: { warn: (m) => warnings.push(m) } });
  store.failNext = true;
  const lost = pipeline.submit(records(2), 'xray-api');
  store.release();
  await assert.rejects(lost.durable, /disk full/);
  const kept = pipeline.submit(records(2), 'xray-api');
  store.release();
  await kept.durable;
  const counters = ingestMetricsFor(metrics);
  assert.equal(counters.storeWriteFailures.get(), 1);
  assert.equal(counters.dropped.get({ protocol: 'xray-api', reason: 'store_failure' }), 2);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /disk full/);
});

test('an ignored durable of a failed write does not crash the process', async () => {
  const pipeline = new IngestPipeline({ store: new FailingStore(), metrics: new MetricsRegistry(), logger: silent });
  pipeline.submit(records(3), 'udp');
  await pipeline.drain();
  await settle();
  assert.equal(pipeline.depth(), 0);
});

test('onStored sees each committed batch in order; a throwing listener is contained', async () => {
  const store = new GatedStore();
  const pipeline = new IngestPipeline({ store, metrics: new MetricsRegistry(), maxBatchSize: 2, logger: silent });
  const seen: string[][] = [];
  pipeline.onStored(() => {
    throw new Error('listener bug');
  });
  pipeline.onStored((batch) => seen.push(batch.map((r) => r.id)));
  const input = records(3);
  const { durable } = pipeline.submit(input, 'udp');
  const draining = pipeline.drain();
  while (pipeline.depth() > 0) {
    store.release();
    await settle();
  }
  await Promise.all([durable, draining]);
  assert.deepEqual(seen, [input.slice(0, 2).map((r) => r.id), input.slice(2).map((r) => r.id)]);
});

test('drain writes a partial batch at once instead of waiting for the timer', async () => {
  const store = new GatedStore();
  const pipeline = new IngestPipeline({ store, metrics: new MetricsRegistry(), flushIntervalMs: 60_000 });
  pipeline.submit(records(7), 'udp');
  const draining = pipeline.drain();
  await settle();
  assert.equal(store.calls.length, 1);
  store.release();
  await draining;
  assert.equal(pipeline.depth(), 0);
  assert.equal((await store.stats()).documents, 7);
});

test('two pipelines may share a registry', () => {
  const metrics = new MetricsRegistry();
  new IngestPipeline({ store: new GatedStore(), metrics });
  assert.doesNotThrow(() => new IngestPipeline({ store: new GatedStore(), metrics }));
});
