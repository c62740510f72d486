import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CauseObject, Segment, Subsegment } from '@roentgen/model';
import { FakeDaemon, tracerFor } from './testing/fake-daemon.ts';

describe('Tracer: segments and subsegments', () => {
  let daemon: FakeDaemon;
  before(async () => {
    daemon = await FakeDaemon.start();
  });
  after(() => daemon.close());

  it('sends one valid document with every field the API can set', async () => {
    const tracer = tracerFor(daemon, { origin: 'AWS::EC2::Instance', serviceVersion: '1.2.3' });
    const before = daemon.documents.length;
    const segment = tracer.startSegment({ name: 'checkout' });
    await tracer.runWith(segment, async () => {
      tracer.addAnnotation('customer', 'c42');
      tracer.addAnnotation('premium', true);
      tracer.addMetadata('cart', { items: 3 });
      tracer.addMetadata('raw', [1, 2], 'debug');
      tracer.setUser('alice');
      await tracer.captureAsync('load-cart', async (subsegment) => {
        subsegment.addAnnotation('score', 7.5);
        subsegment.setSql({ sanitized_query: 'SELECT * FROM carts WHERE id = ?', database_type: 'PostgreSQL' });
        subsegment.addPrecursorId('0123456789abcdef');
        await new Promise((resolve) => setTimeout(resolve, 2));
      });
      tracer.capture('compute', (subsegment) => subsegment.setNamespace('local'));
    });
    segment.setResourceArn('arn:aws:ec2:us-east-1:000000000000:instance/i-1');
    segment.close();
    const [doc] = (await daemon.waitFor(before + 1)).slice(before) as [Segment];
    assert.deepEqual(daemon.problems, []);
    assert.equal(doc.name, 'checkout');
    assert.equal(doc.trace_id, segment.traceId);
    assert.equal(doc.origin, 'AWS::EC2::Instance');
    assert.equal(doc.user, 'alice');
    assert.equal(doc.resource_arn, 'arn:aws:ec2:us-east-1:000000000000:instance/i-1');
    assert.deepEqual(doc.annotations, { customer: 'c42', premium: true });
    assert.deepEqual(doc.metadata, { default: { cart: { items: 3 } }, debug: { raw: [1, 2] } });
    assert.deepEqual(doc.service, {
      runtime: 'node',
      runtime_version: process.version,
      name: 'test-svc',
      version: '1.2.3',
    });
    assert.equal(doc.aws?.xray?.package, '@roentgen/sdk');
    assert.equal(typeof doc.end_time, 'number');
    const [load, compute] = doc.subsegments as [Subsegment, Subsegment];
    assert.equal(load.name, 'load-cart');
    assert.deepEqual(load.annotations, { score: 7.5 });
    assert.equal(load.sql?.database_type, 'PostgreSQL');
    assert.deepEqual(load.precursor_ids, ['0123456789abcdef']);
    assert.ok((load.end_time ?? 0) - load.start_time >= 0.001);
    assert.equal(compute.namespace, 'local');
    await tracer.shutdown();
  });

  it('records a thrown error with stack frames, rethrows it, and references it from the parent', async () => {
    const tracer = tracerFor(daemon);
    const before = daemon.documents.length;
    const segment = tracer.startSegment();
    const failure = new TypeError('no such cart');
    await assert.rejects(
      tracer.runWith(segment, () =>
        tracer.captureAsync('load-cart', async () => {
          await Promise.resolve();
          throw failure;
        }),
      ),
      failure,
    );
    segment.recordError(failure);
    segment.close();
    const [doc] = (await daemon.waitFor(before + 1)).slice(before) as [Segment];
    const child = doc.subsegments?.[0] as Subsegment;
    assert.equal(child.fault, true);
    const cause = child.cause as CauseObject;
    assert.equal(cause.working_directory, process.cwd());
    const exception = cause.exceptions?.[0];
    assert.equal(exception?.type, 'TypeError');
    assert.equal(exception?.message, 'no such cart');
    assert.match(exception?.id ?? '', /^[0-9a-f]{16}$/);
    assert.ok(
      exception?.stack?.some((frame) => frame.path?.endsWith('tracer.test.ts') && typeof frame.line === 'number'),
    );
    assert.equal(doc.fault, true);
    assert.equal(doc.cause, exception?.id, 'the same error object is referenced by its exception id');
    await tracer.shutdown();
  });

  it('applies X-Ray annotation rules and reports misuse once through the logger', async () => {
    const warnings: string[] = [];
    const tracer = tracerFor(daemon, { logger: { warn: (message) => warnings.push(message) } });
    const before = daemon.documents.length;
    const segment = tracer.startSegment();
    segment.addAnnotation('http.route', '/cart');
    segment.addAnnotation('bad', { nested: true } as never);
    segment.addAnnotation('nan', Number.NaN);
    segment.addMetadata('secret', 1, 'AWS.internal');
    segment.close();
    const [doc] = (await daemon.waitFor(before + 1)).slice(before) as [Segment];
    assert.deepEqual(doc.annotations, { http_route: '/cart' });
    assert.equal(doc.metadata, undefined);
    assert.equal(warnings.length, 3, warnings.join('\n'));
    await tracer.shutdown();
  });

  it('sends nothing for an unsampled trace but still hands out IDs for propagation', async () => {
    const tracer = tracerFor(daemon);
    const before = daemon.stats;
    const segment = tracer.startSegment({ traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0' });
    assert.equal(segment.sampled, false);
    assert.equal(segment.traceId, '1-5759e988-bd862e3fe1be46a994272793');
    tracer.runWith(segment, () => tracer.capture('work', (sub) => assert.match(sub.id, /^[0-9a-f]{16}$/)));
    segment.close();
    await tracer.flush();
    assert.deepEqual(tracer.stats(), { sent: 0, dropped: 0 });
    assert.equal(before, daemon.stats);
    await tracer.shutdown();
  });

  it('runs captured work outside any segment unrecorded, and says so once', async () => {
    const warnings: string[] = [];
    const tracer = tracerFor(daemon, { logger: { warn: (message) => warnings.push(message) } });
    const result = await tracer.captureAsync('orphan', () => Promise.resolve(42));
    assert.equal(
      tracer.capture('orphan', () => 7),
      7,
    );
    assert.equal(result, 42);
    assert.equal(warnings.length, 1);
    await tracer.flush();
    assert.equal(tracer.stats().sent, 0);
    await tracer.shutdown();
  });

  it('sends a segment only once all its subsegments have closed', async () => {
    const tracer = tracerFor(daemon);
    const before = daemon.documents.length;
    const segment = tracer.startSegment();
    const open = tracer.startSubsegment('slow', { parent: segment });
    segment.close();
    await tracer.flush();
    assert.equal(tracer.stats().sent, 0);
    open.close();
    const [doc] = (await daemon.waitFor(before + 1)).slice(before) as [Segment];
    assert.equal(doc.subsegments?.[0]?.name, 'slow');
    await tracer.shutdown();
  });
});
