/** Contract cases for documents: round trip, replacement, lookups, listing by time. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DocumentRecord } from '../document-record.ts';
import type { ContractStoreFactory } from './contract-harness.ts';
import { withStore } from './contract-harness.ts';
import { DEFAULT_EPOCH, TRICKY_STRINGS, makeDocumentRecord, makeTraceId } from './record-builders.ts';

/** Registers the document cases. */
export function describeDocumentsContract(createStore: ContractStoreFactory): void {
  describe('documents', () => {
    test('round-trips every field, ordered by start time then id', () =>
      withStore(createStore, async ({ store }) => {
        const traceId = makeTraceId();
        const later = makeDocumentRecord({ traceId, id: 'b000000000000002', startTime: DEFAULT_EPOCH + 5 });
        const inProgress = makeDocumentRecord({
          traceId,
          id: 'a000000000000001',
          inProgress: true,
          httpStatus: undefined,
        });
        const sub = makeDocumentRecord({
          traceId,
          id: 'c000000000000003',
          kind: 'subsegment',
          parentId: 'b000000000000002',
          origin: undefined,
          fault: true,
          error: true,
          throttle: true,
          httpStatus: 429,
          startTime: DEFAULT_EPOCH + 5,
        });
        await store.appendDocuments([later, sub, inProgress]);
        const found = await store.getTraceDocuments([traceId]);
        assert.deepEqual([...found.keys()], [traceId]);
        assert.deepEqual(found.get(traceId), [inProgress, later, sub]);
      }));

    test('unknown and empty trace-ID lists give no entries', () =>
      withStore(createStore, async ({ store }) => {
        const known = makeDocumentRecord();
        await store.appendDocuments([known]);
        assert.equal((await store.getTraceDocuments([])).size, 0);
        const found = await store.getTraceDocuments([makeTraceId(), known.traceId, 'not-a-trace-id']);
        assert.deepEqual([...found.keys()], [known.traceId]);
        await store.appendDocuments([]);
        assert.equal((await store.stats()).documents, 1);
      }));

    test('a complete document replaces its in-progress version whatever arrived later', () =>
      withStore(createStore, async ({ store }) => {
        const traceId = makeTraceId();
        const complete = makeDocumentRecord({ traceId, id: 'aaaa000000000001', receivedAt: DEFAULT_EPOCH + 10 });
        const staleFragment = { ...complete, inProgress: true, endTime: undefined, receivedAt: DEFAULT_EPOCH + 20 };
        const otherId = makeDocumentRecord({ traceId, id: 'aaaa000000000002', inProgress: true });
        const otherComplete = { ...otherId, inProgress: false, endTime: otherId.startTime + 3, document: '{"v":2}' };
        await store.appendDocuments([complete]);
        await store.appendDocuments([staleFragment, otherId]);
        await store.appendDocuments([otherComplete]);
        assert.deepEqual((await store.getTraceDocuments([traceId])).get(traceId), [complete, otherComplete]);
      }));

    test('everyVersion gives every appended version, replaced ones included', () =>
      withStore(createStore, async ({ store }) => {
        const traceId = makeTraceId();
        const inProgress = makeDocumentRecord({
          traceId,
          id: 'cccc000000000001',
          inProgress: true,
          endTime: undefined,
        });
        const complete = {
          ...inProgress,
          inProgress: false,
          endTime: inProgress.startTime + 1,
          receivedAt: DEFAULT_EPOCH + 9,
        };
        const other = makeDocumentRecord({ traceId, id: 'cccc000000000002' });
        await store.appendDocuments([inProgress, other]);
        await store.appendDocuments([complete]);
        const key = (r: DocumentRecord) => JSON.stringify([r.id, r.inProgress, r.receivedAt]);
        const every = (await store.getTraceDocuments([traceId, makeTraceId()], { everyVersion: true })).get(traceId);
        assert.deepEqual(every?.map(key).sort(), [inProgress, complete, other].map(key).sort());
        assert.deepEqual([...(await store.getTraceDocuments([traceId], { everyVersion: false })).keys()], [traceId]);
        assert.equal((await store.getTraceDocuments([traceId])).get(traceId)?.length, 2);
      }));

    test('among complete documents the latest receivedAt wins, then the later append', () =>
      withStore(createStore, async ({ store }) => {
        const traceId = makeTraceId();
        const first = makeDocumentRecord({ traceId, id: 'bbbb000000000001', receivedAt: DEFAULT_EPOCH + 30 });
        const older = { ...first, name: 'older', receivedAt: DEFAULT_EPOCH + 20 };
        const sameTime = { ...first, name: 'same time, appended later' };
        await store.appendDocuments([first, older]);
        assert.equal((await store.getTraceDocuments([traceId])).get(traceId)?.[0]?.name, first.name);
        await store.appendDocuments([sameTime]);
        assert.deepEqual((await store.getTraceDocuments([traceId])).get(traceId), [sameTime]);
      }));

    test('keeps strings with quotes, escapes, patterns and unicode as data', () =>
      withStore(createStore, async ({ store }) => {
        const records = TRICKY_STRINGS.map((text, i) =>
          makeDocumentRecord({
            traceId: `1-6553f100-${text}`,
            id: `${text}#${i}`,
            parentId: text,
            name: text,
            origin: text,
            document: JSON.stringify({ name: text }),
          }),
        );
        await store.appendDocuments(records);
        const found = await store.getTraceDocuments(records.map((r) => r.traceId));
        for (const record of records) assert.deepEqual(found.get(record.traceId), [record]);
        assert.equal((await store.stats()).documents, records.length);
      }));

    test('appends and finds a batch of 10,000 documents', () =>
      withStore(createStore, async ({ store }) => {
        const traceIds = Array.from({ length: 100 }, (_, i) => makeTraceId(DEFAULT_EPOCH + i));
        const records: DocumentRecord[] = [];
        for (let i = 0; i < 10_000; i++) records.push(makeDocumentRecord({ traceId: traceIds[i % 100] }));
        await store.appendDocuments(records);
        const found = await store.getTraceDocuments(traceIds);
        assert.equal(found.size, 100);
        for (const traceId of traceIds) assert.equal(found.get(traceId)?.length, 100);
        assert.equal((await store.stats()).documents, 10_000);
      }));

    test('concurrent appends all land', () =>
      withStore(createStore, async ({ store }) => {
        const traceId = makeTraceId();
        const batches = Array.from({ length: 20 }, () =>
          Array.from({ length: 50 }, () => makeDocumentRecord({ traceId })),
        );
        await Promise.all(batches.map((batch) => store.appendDocuments(batch)));
        assert.equal((await store.getTraceDocuments([traceId])).get(traceId)?.length, 1000);
      }));

    describeListTraceIds(createStore);
  });
}

function describeListTraceIds(createStore: ContractStoreFactory): void {
  test('listTraceIds finds traces touching the window, newest first, at most limit', () =>
    withStore(createStore, async ({ store }) => {
      const at = (start: number, end: number | undefined, traceId = makeTraceId()): DocumentRecord =>
        makeDocumentRecord({ traceId, startTime: start, endTime: end, inProgress: end === undefined });
      const endsAtFrom = at(50, 100);
      const spansWindow = at(90, 300);
      const startsInside = at(150, 160);
      const startsAtTo = at(200, 210);
      const endsBefore = at(10, 99.5);
      const inProgressInside = at(120, undefined);
      const inProgressBefore = at(99, undefined);
      const sameEndA = at(110, 160, '1-00000000-aaa');
      const sameEndB = at(110, 160, '1-00000000-bbb');
      await store.appendDocuments([endsAtFrom, spansWindow, startsInside, startsAtTo, endsBefore]);
      await store.appendDocuments([inProgressInside, inProgressBefore, sameEndA, sameEndB]);
      const window = { from: 100, to: 200 };
      // startsInside's ID (1-6553f100-…) sorts after 1-00000000-…, so it comes first among equal times.
      const expected = [spansWindow, startsInside, sameEndB, sameEndA, inProgressInside, endsAtFrom];
      assert.deepEqual(
        await store.listTraceIds(window, 100),
        expected.map((r) => r.traceId),
      );
      assert.deepEqual(
        await store.listTraceIds(window, 2),
        expected.slice(0, 2).map((r) => r.traceId),
      );
      assert.deepEqual(await store.listTraceIds({ from: 1000, to: 2000 }, 10), []);
    }));

  test('listTraceIds looks at current documents only', () =>
    withStore(createStore, async ({ store }) => {
      const fragment = makeDocumentRecord({ startTime: 150, endTime: undefined, inProgress: true, receivedAt: 151 });
      const complete = { ...fragment, startTime: 250, endTime: 260, inProgress: false, receivedAt: 261 };
      await store.appendDocuments([fragment, complete]);
      assert.deepEqual(await store.listTraceIds({ from: 100, to: 200 }, 10), []);
      assert.deepEqual(await store.listTraceIds({ from: 200, to: 300 }, 10), [complete.traceId]);
    }));
}
