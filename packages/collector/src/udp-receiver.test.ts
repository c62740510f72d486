import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { MetricsRegistry } from '@roentgen/metrics';
import { IngestPipeline } from './ingest-pipeline.ts';
import { ingestMetricsFor } from './ingest-metrics.ts';
import { startUdpReceiver } from './udp-receiver.ts';
import { OpenInMemoryStore } from './testing/fake-stores.ts';
import { readFixtureDirectory } from './testing/real-client-fixtures.ts';

const silent = { warn: () => undefined };

async function send(port: number, datagrams: readonly Uint8Array[]): Promise<void> {
  const socket = createSocket('udp4');
  for (const datagram of datagrams) {
    await new Promise<void>((resolve, reject) =>
      socket.send(datagram, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
    );
  }
  socket.close();
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test('recorded SDK datagrams arrive in the store over a real socket; bad ones are counted by reason', async () => {
  const store = new OpenInMemoryStore();
  const metrics = new MetricsRegistry();
  const pipeline = new IngestPipeline({ store, metrics, flushIntervalMs: 5 });
  const receiver = await startUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, metrics, logger: silent });
  try {
    assert.equal(receiver.address.host, '127.0.0.1');
    assert.ok(receiver.address.port > 0);
    const fixtures = readFixtureDirectory('xray-sdk-udp').map(([, bytes]) => bytes);
    const bad = [
      Buffer.from('{"trace_id":"1-5759e988-bd862e3fe1be46a994272793"}'),
      Buffer.from('{"format":"xml","version":1}\n{}'),
      Buffer.from('{"format":"JSON","version":1}\n{"id":"nothex"}'),
    ];
    await send(receiver.address.port, [...fixtures, ...bad]);
    const counters = ingestMetricsFor(metrics);
    await until(() => counters.received.get({ protocol: 'udp' }) === fixtures.length + bad.length);
    await pipeline.drain();
    assert.equal((await store.stats()).documents, fixtures.length);
    assert.equal(counters.rejected.get({ protocol: 'udp', reason: 'missing_header' }), 1);
    assert.equal(counters.rejected.get({ protocol: 'udp', reason: 'bad_header' }), 1);
    // An upper-case format is fine (the daemon compares case-insensitively); the document is not.
    assert.equal(counters.rejected.get({ protocol: 'udp', reason: 'InvalidSegmentId' }), 1);
    const traces = await store.getTraceDocuments(['1-6b09b8ee-ed66451ac3b807792accd3cc']);
    assert.deepEqual(
      traces
        .get('1-6b09b8ee-ed66451ac3b807792accd3cc')
        ?.map((r) => r.kind)
        .sort(),
      ['segment', 'subsegment'],
    );
  } finally {
    await receiver.close();
  }
});

test('a taken address gives an error naming it and the --udp flag', async () => {
  const metrics = new MetricsRegistry();
  const pipeline = new IngestPipeline({ store: new OpenInMemoryStore(), metrics });
  const first = await startUdpReceiver({ host: '127.0.0.1', port: 0, pipeline, metrics, logger: silent });
  try {
    const { port } = first.address;
    await assert.rejects(
      startUdpReceiver({ host: '127.0.0.1', port, pipeline, metrics, logger: silent }),
      (error: Error) => error.message.includes(`127.0.0.1:${port}`) && error.message.includes('--udp'),
    );
  } finally {
    await first.close();
  }
  await first.close(); // idempotent
});
