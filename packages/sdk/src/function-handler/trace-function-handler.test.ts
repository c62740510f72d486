import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IndependentSubsegment } from '@roentgen/model';
import { FakeDaemon, tracerFor } from '../testing/fake-daemon.ts';
import type { Tracer } from '../tracer.ts';
import { traceFunctionHandler } from './trace-function-handler.ts';

interface Context {
  traceHeader?: string;
}

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';

describe('function handlers under a host-recorded segment', () => {
  let daemon: FakeDaemon;
  let tracer: Tracer;
  let handler: (event: { id: number }, context: Context) => Promise<string>;
  before(async () => {
    daemon = await FakeDaemon.start();
    tracer = tracerFor(daemon, { serviceName: 'checkout-fn' });
    handler = traceFunctionHandler(
      tracer,
      async (event: { id: number }) => {
        tracer.addAnnotation('ignored', 'on the host segment');
        const out = await tracer.captureAsync('render', async (sub) => {
          sub.addAnnotation('id', event.id);
          await tracer.captureAsync('template', () => new Promise((resolve) => setTimeout(resolve, 1)));
          return `page-${event.id}`;
        });
        tracer.capture('audit', () => undefined);
        return out;
      },
      { traceHeaderOf: (_event, context: Context) => context.traceHeader },
    );
  });
  after(async () => {
    await tracer.shutdown();
    await daemon.close();
  });

  it('sends each top-level subsegment as an independent subsegment of the host segment, before returning', async () => {
    const start = daemon.documents.length;
    const result = await handler({ id: 7 }, { traceHeader: `Root=${ROOT};Parent=1c4e5cb7cb737449;Sampled=1` });
    assert.equal(result, 'page-7');
    // flush-on-return: both documents have left the socket by now
    const docs = (await daemon.waitFor(start + 2, 500)).slice(start) as IndependentSubsegment[];
    assert.deepEqual(
      docs.map((d) => [d.name, d.type, d.trace_id, d.parent_id]),
      [
        ['render', 'subsegment', ROOT, '1c4e5cb7cb737449'],
        ['audit', 'subsegment', ROOT, '1c4e5cb7cb737449'],
      ],
    );
    assert.deepEqual(docs[0]?.annotations, { id: 7 });
    assert.equal(docs[0]?.subsegments?.[0]?.name, 'template');
    assert.ok(
      !daemon.documents.some((d) => d.id === '1c4e5cb7cb737449'),
      'the host segment is never sent by the function',
    );
  });

  it('keeps concurrent invocations apart and sends nothing for Sampled=0 or a header without Parent', async () => {
    const start = daemon.documents.length;
    const parents = ['aaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaa2', 'aaaaaaaaaaaaaaa3'];
    await Promise.all([
      ...parents.map((parent, i) => handler({ id: i }, { traceHeader: `Root=${ROOT};Parent=${parent};Sampled=1` })),
      handler({ id: 98 }, { traceHeader: `Root=${ROOT};Parent=bbbbbbbbbbbbbbbb;Sampled=0` }),
      handler({ id: 99 }, { traceHeader: `Root=${ROOT}` }),
      handler({ id: 100 }, {}),
    ]);
    await daemon.waitFor(start + 6);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const docs = daemon.documents.slice(start) as IndependentSubsegment[];
    assert.equal(docs.length, 6, 'two documents for each sampled invocation, none for the others');
    for (const doc of docs.filter((d) => d.name === 'render')) {
      const i = parents.indexOf(doc.parent_id);
      assert.ok(i >= 0);
      assert.deepEqual(doc.annotations, { id: i });
    }
  });
});
