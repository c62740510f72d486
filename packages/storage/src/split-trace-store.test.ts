import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTraceStoreContract } from './contract/trace-store-contract.ts';
import { makeDocumentRecord, makeTraceSummaryRecord } from './contract/record-builders.ts';
import { InMemoryTraceStore } from './in-memory-trace-store.ts';
import { SplitTraceStore } from './split-trace-store.ts';

runTraceStoreContract('split over two in-memory stores', () =>
  Promise.resolve({
    store: new SplitTraceStore({ documents: new InMemoryTraceStore(), derived: new InMemoryTraceStore() }),
    cleanup: () => Promise.resolve(),
  }),
);

test('documents go to one store, summaries to the other; stats add them up', async () => {
  const [documents, derived] = [new InMemoryTraceStore(), new InMemoryTraceStore()];
  const split = new SplitTraceStore({ documents, derived });
  await split.open();
  await split.appendDocuments([makeDocumentRecord()]);
  await split.appendTraceSummaries([makeTraceSummaryRecord()]);
  assert.deepEqual([(await documents.stats()).documents, (await documents.stats()).traceSummaries], [1, 0]);
  assert.deepEqual([(await derived.stats()).documents, (await derived.stats()).traceSummaries], [0, 1]);
  assert.deepEqual(await split.stats(), { documents: 1, traceSummaries: 1, bytesOnDisk: 0 });
  await split.close();
});

test('a derived store that fails to open leaves the documents store closed again', async () => {
  const documents = new InMemoryTraceStore();
  const derived = new InMemoryTraceStore();
  derived.open = () => Promise.reject(new Error('derived file is locked'));
  const split = new SplitTraceStore({ documents, derived });
  await assert.rejects(split.open(), /derived file is locked/);
  await assert.rejects(documents.stats(), 'the documents store was closed');
});
