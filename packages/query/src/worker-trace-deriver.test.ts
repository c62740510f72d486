import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeDocumentRecord } from '@roentgen/storage/contract';
import { inlineTraceDeriver } from './trace-deriver.ts';
import { workerTraceDeriver } from './worker-trace-deriver.ts';

test('the worker derives exactly what the inline deriver derives', async () => {
  const traceId = '1-5759e988-bd862e3fe1be46a994272793';
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
  const jobs = [{ revision: 2, records: [root, child] }];
  const worker = workerTraceDeriver();
  try {
    const [fromWorker, inline] = await Promise.all([worker.derive(jobs), inlineTraceDeriver().derive(jobs)]);
    assert.deepEqual(fromWorker, inline);
    assert.equal(fromWorker[0]?.record.revision, 2);
  } finally {
    await worker.close();
  }
});

test('after close the worker refuses work with a clear error instead of hanging', async () => {
  const worker = workerTraceDeriver();
  await worker.close();
  await assert.rejects(worker.derive([]), /derivation worker stopped/);
});
