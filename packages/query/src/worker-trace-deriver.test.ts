import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeDocumentRecord } from '@roentgen/storage/contract';
import { inlineTraceDeriver } from './trace-deriver.ts';
import { workerTraceDeriver } from './worker-trace-deriver.ts';

/** A gateway segment and the faulting call below it, one trace. */
function gatewayAndOrders(traceId: string) {
  const root = makeDocumentRecord({ traceId, id: 'aaaaaaaaaaaaaaaa', name: 'gateway', startTime: 100, endTime: 102 });
  const child = makeDocumentRecord({
    traceId,
    id: 'bbbbbbbbbbbbbbbb',
    parentId: 'aaaaaaaaaaaaaaaa',
    name: 'orders',
    startTime: 100.5,
    endTime: 101.5,
    fault: true,
  });
  return { root, child };
}

test('the worker derives exactly what the inline deriver derives', async () => {
  const traceId = '1-5759e988-bd862e3fe1be46a994272793';
  const { root, child } = gatewayAndOrders(traceId);
  const worker = workerTraceDeriver();
  const inline = inlineTraceDeriver();
  try {
    // The trace arrives in two batches: the second derivation retracts what the first contributed.
    for (const [revision, records] of [
      [1, [root]],
      [2, [child]],
    ] as const) {
      const updates = [{ traceId, revision, records }];
      const [fromWorker, fromInline] = await Promise.all([worker.update(updates, []), inline.update(updates, [])]);
      assert.deepEqual(fromWorker, fromInline);
      assert.equal(fromWorker.summaries[0]?.revision, revision);
    }
  } finally {
    await worker.close();
  }
});

test('a forgotten trace starts again from the documents it is given', async () => {
  const traceId = '1-5759e988-bd862e3fe1be46a994272794';
  const { root, child } = gatewayAndOrders(traceId);
  const deriver = inlineTraceDeriver();
  const first = await deriver.update([{ traceId, revision: 1, records: [root] }], []);
  const held = await deriver.update([{ traceId, revision: 2, records: [child] }], []);
  const rebuilt = await inlineTraceDeriver().update([{ traceId, revision: 2, records: [child], restored: [root] }], []);
  assert.deepEqual(rebuilt, held, 'restored documents count as held ones, their contribution retracted');
  assert.ok(first.delta.nodes.length > 0);
  const forgotten = await deriver.update([{ traceId, revision: 3, records: [child] }], [traceId]);
  const fresh = await inlineTraceDeriver().update([{ traceId, revision: 3, records: [child] }], []);
  assert.deepEqual(forgotten, fresh, 'forgotten first: only the documents given count');
});

test('after close the worker refuses work with a clear error instead of hanging', async () => {
  const worker = workerTraceDeriver();
  await worker.close();
  await assert.rejects(worker.update([], []), /derivation worker stopped/);
});
