import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import type { Segment } from '@roentgen/model';
import { FakeDaemon, tracerFor } from '../testing/fake-daemon.ts';
import type { Tracer } from '../tracer.ts';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('context through AsyncLocalStorage', () => {
  let daemon: FakeDaemon;
  let tracer: Tracer;
  before(async () => {
    daemon = await FakeDaemon.start();
    tracer = tracerFor(daemon);
  });
  after(async () => {
    await tracer.shutdown();
    await daemon.close();
  });

  it('keeps 100 concurrent requests apart across await, timers, promise chains and immediates', async () => {
    const start = daemon.documents.length;
    const run = async (n: number): Promise<void> => {
      const segment = tracer.startSegment({ name: `request-${n}` });
      await tracer.runWith(segment, async () => {
        await pause(n % 7);
        assert.equal(tracer.currentSegment(), segment);
        await tracer.captureAsync('step', async (sub) => {
          await new Promise<void>((resolve) => setImmediate(resolve));
          assert.equal(tracer.currentEntity(), sub);
          await Promise.resolve().then(() => pause(1));
          tracer.addAnnotation('n', n);
        });
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            tracer.addAnnotation('request', n);
            resolve();
          }, n % 3),
        );
      });
      segment.close();
    };
    await Promise.all(Array.from({ length: 100 }, (_, n) => run(n)));
    const docs = (await daemon.waitFor(start + 100)).slice(start) as Segment[];
    assert.equal(docs.length, 100);
    for (const doc of docs) {
      const n = Number(doc.name.slice('request-'.length));
      assert.deepEqual(doc.annotations, { request: n });
      assert.deepEqual(doc.subsegments?.[0]?.annotations, { n });
    }
  });

  it('runs listeners of a bound emitter under the entity they were bound to, whoever emits', async () => {
    const emitter = new EventEmitter();
    const segment = tracer.startSegment();
    tracer.runWith(segment, () => tracer.bindEmitter(emitter));
    const seen = once(emitter, 'ping').then(() => tracer.currentSegment());
    emitter.on('ping', () => assert.equal(tracer.currentSegment(), segment));
    emitter.emit('ping'); // emitted from outside any segment
    assert.equal(await seen, undefined, 'once() resolves its promise later, outside; the listener itself ran inside');
    segment.close();
  });

  it('follows work through stream pipelines', async () => {
    const segment = tracer.startSegment();
    const seen: unknown[] = [];
    await tracer.runWith(segment, () =>
      pipeline(
        Readable.from(['a', 'b', 'c']),
        new Transform({
          objectMode: true,
          transform(chunk: string, _encoding, callback) {
            seen.push(tracer.currentSegment());
            setTimeout(() => callback(null, chunk.toUpperCase()), 1);
          },
        }),
        async function* sink(source: AsyncIterable<string>) {
          for await (const chunk of source) {
            seen.push(tracer.currentSegment());
            yield chunk;
          }
        },
      ),
    );
    assert.equal(seen.length, 6);
    assert.ok(seen.every((entity) => entity === segment));
    segment.close();
  });

  it('binds callbacks to the entity current when they were wrapped', () => {
    const segment = tracer.startSegment();
    const callback = tracer.runWith(segment, () => tracer.bind(() => tracer.currentSegment()));
    assert.equal(tracer.currentSegment(), undefined);
    assert.equal(callback(), segment);
    segment.close();
  });
});
