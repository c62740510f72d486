import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SegmentDocument } from '@roentgen/model';
import { makeIndependentSubsegment, makeSegment, makeSubsegment } from '@roentgen/model/testing';
import { toRecord } from '@roentgen/query/testing';
import { assembleTrace, inferSegments } from '@roentgen/service-map';
import { InMemoryTraceStore } from '@roentgen/storage';
import { batchGetTraces } from './batch-get-traces.ts';
import { PageTokens } from './page-token.ts';

const traceId = '1-6553f100-222222222222222222222222';

/** A caller with a streamed subsegment and an unanswered remote call, the callee, and an orphan. */
function mixedTrace(): SegmentDocument[] {
  const call = makeSubsegment({ name: 'callee', namespace: 'remote', start_time: 10.1, end_time: 10.8 });
  const unanswered = makeSubsegment({ name: 'billing', namespace: 'remote', start_time: 10.2, end_time: 10.3 });
  const caller = makeSegment({ trace_id: traceId, start_time: 10, end_time: 11, subsegments: [call, unanswered] });
  const streamed = makeIndependentSubsegment({ trace_id: traceId, parent_id: caller.id, start_time: 10.4 });
  const callee = makeSegment({ trace_id: traceId, name: 'callee', parent_id: call.id, start_time: 10.15 });
  const orphan = makeIndependentSubsegment({ trace_id: traceId, parent_id: 'eeeeeeeeeeeeeeee', start_time: 10.5 });
  return [callee, streamed, caller, orphan];
}

async function read(documents: SegmentDocument[], text = (d: SegmentDocument) => JSON.stringify(d)) {
  const store = new InMemoryTraceStore();
  await store.open();
  await store.appendDocuments(documents.map((d) => ({ ...toRecord(d), document: text(d) })));
  const output = await batchGetTraces(store, new PageTokens(), 64 * 1024 * 1024)({ TraceIds: [traceId] });
  return output.Traces[0]?.Segments ?? [];
}

test('documents come out as serializing the assembled trace would write them', async () => {
  const documents = mixedTrace();
  const assembled = assembleTrace(documents);
  const expected = [...assembled.segments, ...assembled.orphans, ...inferSegments(assembled)];
  assert.deepEqual(
    await read(documents),
    expected.map((entity) => ({ Id: entity.id, Document: JSON.stringify(entity) })),
  );
});

test('a document that merging left alone is sent as it was stored; a merged one is written anew', async () => {
  const documents = mixedTrace();
  const [callee, streamed, caller] = documents as [SegmentDocument, SegmentDocument, SegmentDocument];
  const stored = (d: SegmentDocument) => JSON.stringify(d, null, 1);
  const segments = await read(documents, stored);
  const byId = new Map(segments.map((s) => [s.Id, s.Document]));
  assert.equal(byId.get(callee.id), stored(callee));
  const merged = JSON.parse(byId.get(caller.id) ?? '{}') as SegmentDocument;
  assert.ok(merged.subsegments?.some((s) => s.id === streamed.id));
  assert.equal(byId.get(caller.id), JSON.stringify(merged));
});
