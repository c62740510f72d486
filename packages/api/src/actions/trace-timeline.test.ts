import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SegmentDocument } from '@roentgen/model';
import { makeIndependentSubsegment, makeSegment, makeSubsegment } from '@roentgen/model/testing';
import { toRecord } from '@roentgen/query/testing';
import { InMemoryTraceStore } from '@roentgen/storage';
import { ApiError } from '../errors/api-error.ts';
import { batchGetTraces } from './batch-get-traces.ts';
import { PageTokens } from './page-token.ts';
import { traceTimeline } from './trace-timeline.ts';

const traceId = '1-6553f100-333333333333333333333333';
const T = 1_700_000_000;

/** front calls back (answered, throttled), billing (unanswered: inferred) and runs audit; plus an orphan. */
function shopTrace(): SegmentDocument[] {
  const auth = makeSubsegment({ id: 'b000000000000001', name: 'auth', start_time: T + 0.01, end_time: T + 0.1 });
  const call = makeSubsegment({
    id: 'b000000000000002',
    name: 'back',
    namespace: 'remote',
    start_time: T + 0.2,
    end_time: T + 0.9,
  });
  const billing = makeSubsegment({
    id: 'b000000000000003',
    name: 'billing',
    namespace: 'remote',
    start_time: T + 0.3,
    end_time: T + 0.4,
    http: { response: { status: 503 } },
  });
  const front = makeSegment({
    trace_id: traceId,
    id: 'a000000000000001',
    name: 'front',
    start_time: T,
    end_time: T + 1,
    subsegments: [auth, call, billing],
  });
  const back = makeSegment({
    trace_id: traceId,
    id: 'c000000000000001',
    name: 'back',
    parent_id: call.id,
    start_time: T + 0.21,
    end_time: undefined,
    in_progress: true,
    throttle: true,
  });
  const orphan = makeIndependentSubsegment({
    trace_id: traceId,
    id: 'd000000000000001',
    parent_id: 'eeeeeeeeeeeeeeee',
    start_time: T + 0.5,
    end_time: T + 0.6,
  });
  return [back, front, orphan];
}

async function storeWith(documents: SegmentDocument[]): Promise<InMemoryTraceStore> {
  const store = new InMemoryTraceStore();
  await store.open();
  await store.appendDocuments(documents.map((d) => toRecord(d)));
  return store;
}

test('every entity is a row: segments hang under the calls they answer, unanswered calls gain inferred rows', async () => {
  const store = await storeWith(shopTrace());
  const { Timeline: timeline } = await traceTimeline(store, 1000)({ TraceId: traceId });
  assert.ok(timeline);
  const line = timeline.Ids.map((id, i) => {
    const parent = timeline.Parents[i]!;
    return `${id} ${timeline.Names[i]} ${timeline.Kinds[i]}${timeline.Statuses[i]} <- ${parent === -1 ? '-' : timeline.Ids[parent]}`;
  });
  const inferred = timeline.Ids[timeline.Kinds.indexOf('i')];
  assert.deepEqual(line, [
    'a000000000000001 front so <- -',
    'b000000000000001 auth uo <- a000000000000001',
    'b000000000000002 back uo <- a000000000000001',
    'b000000000000003 billing uf <- a000000000000001',
    'c000000000000001 back st <- b000000000000002',
    'd000000000000001 test-subsegment uo <- -',
    `${inferred} billing if <- b000000000000003`,
  ]);
  assert.equal(timeline.Start, T);
  assert.deepEqual(timeline.Starts.slice(0, 5), [0, 0.01, 0.2, 0.3, 0.21]);
  assert.equal(timeline.Ends[4], null, 'back is in progress');
  assert.equal(timeline.Ends[0], 1);
  assert.equal(timeline.LimitExceeded, false);
});

test('the rows are the entities BatchGetTraces sends, in the same order', async () => {
  const store = await storeWith(shopTrace());
  const { Timeline: timeline } = await traceTimeline(store, 1000)({ TraceId: traceId });
  const { Traces } = await batchGetTraces(store, new PageTokens(), 1e9)({ TraceIds: [traceId] });
  const ids: string[] = [];
  const walk = (entity: { id: string; subsegments?: { id: string }[] }): void => {
    ids.push(entity.id);
    for (const child of entity.subsegments ?? []) walk(child);
  };
  for (const segment of Traces[0]?.Segments ?? []) walk(JSON.parse(segment.Document) as SegmentDocument);
  assert.deepEqual(timeline?.Ids, ids);
  assert.equal(timeline?.Duration, Traces[0]?.Duration);
});

test('a parent_id pointing into its own document does not make a cycle', async () => {
  const inner = makeSubsegment({ id: 'e000000000000001', start_time: T, end_time: T + 1 });
  const loop = makeSegment({
    trace_id: traceId,
    parent_id: inner.id,
    start_time: T,
    end_time: T + 1,
    subsegments: [inner],
  });
  const store = await storeWith([loop]);
  const { Timeline: timeline } = await traceTimeline(store, 1000)({ TraceId: traceId });
  assert.deepEqual(timeline?.Parents, [-1, 0]);
});

test('past the row limit whole documents are left out and the timeline says it is cut short', async () => {
  const store = await storeWith(shopTrace());
  const { Timeline: timeline } = await traceTimeline(store, 5)({ TraceId: traceId });
  assert.equal(timeline?.LimitExceeded, true);
  assert.equal(timeline?.Ids.length, 5);
  assert.equal(timeline?.Kinds.length, 5);
});

test('an unknown or malformed trace has no timeline; a missing TraceId is refused', async () => {
  const store = await storeWith(shopTrace());
  const action = traceTimeline(store, 1000);
  assert.deepEqual(await action({ TraceId: '1-6553f100-444444444444444444444444' }), {});
  assert.deepEqual(await action({ TraceId: 'not a trace id' }), {});
  await assert.rejects(action({}), (error: unknown) => error instanceof ApiError && /TraceId/.test(error.message));
});
