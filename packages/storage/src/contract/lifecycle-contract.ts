/** Contract cases for opening, closing, durability across a reopen, and stats. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContractStoreFactory } from './contract-harness.ts';
import { withStore } from './contract-harness.ts';
import { asWindowSums } from './graph-stats-contract.ts';
import {
  makeConfigRecord,
  makeDocumentRecord,
  makeNodeStatsRow,
  makeTraceId,
  makeTraceSummaryRecord,
} from './record-builders.ts';

/** Registers the lifecycle cases. */
export function describeLifecycleContract(createStore: ContractStoreFactory): void {
  describe('lifecycle', () => {
    test('close is idempotent and a closed store rejects calls', async () => {
      const handle = await createStore();
      try {
        await handle.store.open();
        await handle.store.close();
        await handle.store.close();
        await assert.rejects(handle.store.appendDocuments([makeDocumentRecord()]));
      } finally {
        await handle.cleanup();
      }
    });

    test('stats count stored rows', () =>
      withStore(createStore, async ({ store }) => {
        assert.deepEqual(
          { ...(await store.stats()), bytesOnDisk: 0 },
          { documents: 0, traceSummaries: 0, bytesOnDisk: 0 },
        );
        const traceId = makeTraceId();
        await store.appendDocuments([makeDocumentRecord({ traceId }), makeDocumentRecord({ traceId })]);
        await store.appendTraceSummaries([makeTraceSummaryRecord({ traceId })]);
        const stats = await store.stats();
        assert.equal(stats.documents, 2);
        assert.equal(stats.traceSummaries, 1);
        assert.ok(stats.bytesOnDisk >= 0);
      }));

    test('everything written is there after close and reopen', (t) =>
      withStore(createStore, async (context) => {
        if (!context.canReopen) {
          t.skip('the store cannot be reopened');
          return;
        }
        const document = makeDocumentRecord({ name: "it's durable" });
        const summary = makeTraceSummaryRecord({ annotations: { k: ['v', 1, true] } });
        const node = makeNodeStatsRow({ bucketStart: 6000 });
        const config = makeConfigRecord({ kind: 'group', name: 'durable' });
        await context.store.appendDocuments([document]);
        await context.store.appendTraceSummaries([summary]);
        await context.store.appendGraphStats({ nodes: [node], edges: [] });
        await context.store.putConfig(config);
        const store = await context.reopen();
        assert.deepEqual((await store.getTraceDocuments([document.traceId])).get(document.traceId), [document]);
        const page = await store.queryTraceSummaries({
          timeRangeType: 'TraceId',
          from: 0,
          to: 2e9,
          predicate: { kind: 'annotation', key: 'k', op: '=', value: 1 },
          limit: 10,
        });
        assert.deepEqual(page.records, [summary]);
        assert.deepEqual(
          (await store.queryGraphStats({ from: 6000, to: 6060 })).nodes,
          asWindowSums({ nodes: [node], edges: [] }).nodes,
        );
        assert.deepEqual(await store.listConfig('group'), [config]);
        assert.equal((await store.stats()).documents, 1);
        // Writes keep working after a reopen (sequence numbers, appenders, queues).
        const newer = { ...document, name: 'newer', receivedAt: document.receivedAt + 1 };
        await store.appendDocuments([newer]);
        assert.deepEqual((await store.getTraceDocuments([document.traceId])).get(document.traceId), [newer]);
      }));
  });
}
