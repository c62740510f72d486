import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeDocumentRecord } from '@roentgen/storage/contract';
import { inlineTraceDeriver } from './trace-deriver.ts';
import { deriveGraphJob, deriveJob } from './derive-job.ts';

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

test('deriveGraphJob contributes exactly what deriveJob contributes, without a summary', () => {
  const traceId = '1-5759e988-bd862e3fe1be46a994272795';
  const { root, child } = gatewayAndOrders(traceId);
  const job = { revision: 2, records: [root, child] };
  const graphOnly = deriveGraphJob(job);
  assert.deepEqual(graphOnly.contribution, deriveJob(job).contribution);
  assert.ok(graphOnly.contribution.nodes.length > 0);
  assert.equal(graphOnly.record, undefined);
});
