import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IndependentSubsegment, Segment } from '@roentgen/model';
import { createTracer } from '../tracer.ts';
import { FakeDaemon, SAMPLE_ALL, tracerFor } from '../testing/fake-daemon.ts';
import { parseDaemonAddress } from './daemon-address.ts';
import { BURST_SIZE } from './udp-emitter.ts';

describe('emitter: streaming, size limits and failure modes', () => {
  let daemon: FakeDaemon;
  before(async () => {
    daemon = await FakeDaemon.start();
  });
  after(() => daemon.close());

  it('streams completed subsegments as independent documents past the open-subsegment threshold', async () => {
    const tracer = tracerFor(daemon, { streamingThreshold: 1 });
    const start = daemon.documents.length;
    const segment = tracer.startSegment();
    const first = tracer.startSubsegment('first', { parent: segment });
    const nested = tracer.startSubsegment('nested', { parent: first });
    const second = tracer.startSubsegment('second', { parent: segment });
    nested.close(); // open count drops to 2, over the threshold: streamed on its own
    first.close(); // drops to 1, not over: stays embedded
    second.close();
    segment.close();
    const docs = (await daemon.waitFor(start + 2)).slice(start);
    const [streamed, whole] = docs as [IndependentSubsegment, Segment];
    assert.equal(streamed.name, 'nested');
    assert.equal(streamed.type, 'subsegment');
    assert.equal(streamed.parent_id, first.id);
    assert.equal(streamed.trace_id, segment.traceId);
    assert.deepEqual(
      whole.subsegments?.map((s) => [s.name, s.subsegments]),
      [
        ['first', undefined],
        ['second', undefined],
      ],
    );
    await tracer.shutdown();
  });

  it('splits a document over 64 KB into independent subsegments, and drops what cannot be split', async () => {
    const tracer = tracerFor(daemon);
    const start = daemon.documents.length;
    const segment = tracer.startSegment();
    const huge = tracer.startSubsegment('huge', { parent: segment });
    huge.addMetadata('blob', 'y'.repeat(70_000));
    huge.close();
    for (let i = 0; i < 4; i++) {
      const sub = tracer.startSubsegment(`chunk-${i}`, { parent: segment });
      sub.addMetadata('blob', 'x'.repeat(20_000));
      sub.close();
    }
    segment.close();
    const docs = (await daemon.waitFor(start + 5)).slice(start);
    assert.equal(docs.length, 5);
    assert.deepEqual(
      docs.slice(0, 4).map((d) => d.name),
      ['chunk-0', 'chunk-1', 'chunk-2', 'chunk-3'],
    );
    assert.equal((docs[4] as Segment).subsegments, undefined);
    assert.equal(tracer.stats().dropped, 1, 'the 70 KB subsegment alone cannot fit a datagram');
    await tracer.shutdown();
  });

  it('survives circular and BigInt metadata and says so once', async () => {
    const warnings: string[] = [];
    const tracer = tracerFor(daemon, { logger: { warn: (m) => warnings.push(m) } });
    const start = daemon.documents.length;
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    for (let i = 0; i < 2; i++) {
      const segment = tracer.startSegment();
      segment.addMetadata('loop', loop);
      segment.addMetadata('big', 10n ** 20n);
      segment.close();
    }
    const docs = (await daemon.waitFor(start + 2)).slice(start) as Segment[];
    assert.deepEqual(docs[0]?.metadata?.default, {
      loop: { name: 'loop', self: '[Circular]' },
      big: '100000000000000000000',
    });
    assert.equal(warnings.length, 1);
    await tracer.shutdown();
  });

  it('keeps the application running when the daemon address is unusable', async () => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => warnings.push(m) };
    const bad = createTracer({
      daemonAddress: 'no-port-here',
      logger,
      sampling: { centralized: false, rules: SAMPLE_ALL },
    });
    assert.ok(warnings.some((w) => w.includes('no-port-here')));
    bad.startSegment().close();
    await bad.shutdown();
    const unresolvable = createTracer({
      daemonAddress: 'host.invalid:2000',
      logger,
      sampling: { centralized: false, rules: SAMPLE_ALL },
    });
    unresolvable.startSegment().close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    unresolvable.startSegment().close();
    await unresolvable.shutdown();
    assert.equal(unresolvable.stats().sent, 0);
    assert.equal(unresolvable.stats().dropped, 2);
    assert.ok(
      warnings.some((w) => w.includes('host.invalid')),
      warnings.join('\n'),
    );
  });

  it('drops and counts beyond the pending-datagram bound, without blocking', async () => {
    const tracer = tracerFor(daemon, { maxPendingDatagrams: 5 });
    for (let i = 0; i < 50; i++) tracer.startSegment().close();
    await tracer.flush();
    const { sent, dropped } = tracer.stats();
    assert.equal(sent + dropped, 50);
    assert.ok(dropped >= 45, `dropped ${dropped}`);
    await tracer.shutdown();
  });

  it('releases datagrams in bursts: after a short delay, or at once on flush', async () => {
    const tracer = tracerFor(daemon);
    const start = daemon.documents.length;
    for (let i = 0; i < 3; i++) tracer.startSegment().close();
    assert.equal(tracer.stats().sent, 0, 'queued for the burst, not yet on the socket');
    await daemon.waitFor(start + 3);
    // More than one burst holds: the first full burst leaves at once, the rest with the flush.
    for (let i = 0; i < BURST_SIZE + 1; i++) tracer.startSegment().close();
    await tracer.flush();
    assert.equal(tracer.stats().sent, 4 + BURST_SIZE);
    await daemon.waitFor(start + 4 + BURST_SIZE);
    await tracer.shutdown();
  });

  it('flushes on shutdown, is idempotent, and drops documents completed afterwards', async () => {
    const tracer = tracerFor(daemon);
    const start = daemon.documents.length;
    tracer.startSegment().close();
    await Promise.all([tracer.shutdown(), tracer.shutdown()]);
    await daemon.waitFor(start + 1);
    tracer.startSegment().close();
    assert.deepEqual(tracer.stats(), { sent: 1, dropped: 1 });
  });
});

describe('parseDaemonAddress', () => {
  it('reads both forms of AWS_XRAY_DAEMON_ADDRESS', () => {
    assert.deepEqual(parseDaemonAddress('127.0.0.1:2000'), {
      udp: { host: '127.0.0.1', port: 2000 },
      tcp: { host: '127.0.0.1', port: 2000 },
    });
    assert.deepEqual(parseDaemonAddress('tcp:10.0.0.1:2001 udp:10.0.0.2:2002'), {
      udp: { host: '10.0.0.2', port: 2002 },
      tcp: { host: '10.0.0.1', port: 2001 },
    });
    assert.deepEqual(parseDaemonAddress('udp:h:1, tcp:h:2'), {
      udp: { host: 'h', port: 1 },
      tcp: { host: 'h', port: 2 },
    });
    assert.equal(typeof parseDaemonAddress('localhost'), 'string');
    assert.equal(typeof parseDaemonAddress('udp:h:1 udp:h:2'), 'string');
    assert.equal(typeof parseDaemonAddress('h:99999'), 'string');
  });
});
