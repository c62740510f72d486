import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeIndependentSubsegment, makeSegment, makeSubsegment } from '@roentgen/model/testing';
import { assembleOwnedTrace, assembleTrace } from './assemble-trace.ts';
import { lambdaTraceDocuments, LAMBDA_IDS, LAMBDA_TRACE_ID } from './testing/lambda-trace.ts';

const traceId = '1-6553f100-111111111111111111111111';

test('independent subsegments nest under their segment or subsegment, at any depth, in any order', () => {
  const trace = assembleTrace(lambdaTraceDocuments());
  assert.equal(trace.traceId, LAMBDA_TRACE_ID);
  assert.deepEqual(
    trace.segments.map((s) => s.id),
    [LAMBDA_IDS.stage, LAMBDA_IDS.lambda, LAMBDA_IDS.fn],
  );
  const fn = trace.segments.find((s) => s.id === LAMBDA_IDS.fn);
  assert.deepEqual(
    fn?.subsegments?.map((s) => s.id),
    [LAMBDA_IDS.invocation, LAMBDA_IDS.httpApi],
  );
  const invocation = fn?.subsegments?.[0];
  assert.deepEqual(
    invocation?.subsegments?.map((s) => s.name),
    ['DynamoDB'],
  );
  assert.deepEqual(trace.orphans, []);
});

test('merged subsegments lose the stand-alone fields and the input documents are not changed', () => {
  const segment = makeSegment({ trace_id: traceId });
  const child = makeIndependentSubsegment({ trace_id: traceId, parent_id: segment.id });
  const before = structuredClone(segment);
  const [merged] = assembleTrace([segment, child]).segments;
  const attached = merged?.subsegments?.[0];
  assert.equal(attached?.id, child.id);
  assert.equal(attached?.type, undefined);
  assert.equal(attached?.parent_id, undefined);
  assert.equal(attached?.trace_id, undefined);
  assert.deepEqual(segment, before);
  assert.equal(child.type, 'subsegment');
});

test('a chain of independent subsegments arriving child first ends up nested', () => {
  const segment = makeSegment({ trace_id: traceId, start_time: 10, end_time: 20 });
  const outer = makeIndependentSubsegment({ trace_id: traceId, parent_id: segment.id, start_time: 11, end_time: 19 });
  const inner = makeIndependentSubsegment({ trace_id: traceId, parent_id: outer.id, start_time: 12, end_time: 13 });
  const [merged] = assembleTrace([inner, outer, segment]).segments;
  assert.equal(merged?.subsegments?.[0]?.subsegments?.[0]?.id, inner.id);
});

test('orphans are reported with their own children, and loops of parents do not hang', () => {
  const orphan = makeIndependentSubsegment({ trace_id: traceId, parent_id: 'eeeeeeeeeeeeeeee' });
  const child = makeIndependentSubsegment({ trace_id: traceId, parent_id: orphan.id });
  const loopA = makeIndependentSubsegment({ trace_id: traceId, id: 'aaaaaaaaaaaaaaa1', parent_id: 'aaaaaaaaaaaaaaa2' });
  const loopB = makeIndependentSubsegment({ trace_id: traceId, id: 'aaaaaaaaaaaaaaa2', parent_id: 'aaaaaaaaaaaaaaa1' });
  const trace = assembleTrace([child, orphan, loopA, loopB]);
  assert.deepEqual(trace.segments, []);
  assert.deepEqual(trace.orphans.map((o) => o.id).sort(), [orphan.id, loopA.id, loopB.id].sort());
  const kept = trace.orphans.find((o) => o.id === orphan.id);
  assert.equal(kept?.parent_id, 'eeeeeeeeeeeeeeee');
  assert.deepEqual(
    kept?.subsegments?.map((s) => s.id),
    [child.id],
  );
});

test('a complete document replaces its in-progress version whatever the order', () => {
  const pending = makeSegment({ trace_id: traceId, in_progress: true, end_time: undefined });
  const done = { ...pending, in_progress: undefined, end_time: pending.start_time + 1, name: 'done' };
  assert.equal(assembleTrace([pending, done]).segments[0]?.name, 'done');
  assert.equal(assembleTrace([done, pending]).segments[0]?.name, 'done');
  assert.equal(assembleTrace([done, { ...done, name: 'later' }]).segments.length, 1);
  assert.equal(assembleTrace([done, { ...done, name: 'later' }]).segments[0]?.name, 'later');
});

test('a complete streamed subsegment replaces an in-progress fragment embedded in its parent', () => {
  const fragment = makeSubsegment({ in_progress: true, end_time: undefined, name: 'fragment' });
  const segment = makeSegment({ trace_id: traceId, subsegments: [fragment] });
  const complete = makeIndependentSubsegment({
    ...fragment,
    in_progress: undefined,
    end_time: fragment.start_time + 1,
    name: 'complete',
    trace_id: traceId,
    parent_id: segment.id,
  });
  const [merged] = assembleTrace([segment, complete]).segments;
  assert.deepEqual(
    merged?.subsegments?.map((s) => s.name),
    ['complete'],
  );
});

test('an empty input is an empty trace', () => {
  assert.deepEqual(assembleTrace([]), { traceId: undefined, segments: [], orphans: [] });
});

test('assembling owned documents gives the same trace, in place, and names the documents it changed', () => {
  const caller = makeSegment({ trace_id: traceId, start_time: 10, end_time: 20 });
  const streamed = makeIndependentSubsegment({ trace_id: traceId, parent_id: caller.id, start_time: 11, end_time: 12 });
  const deeper = makeIndependentSubsegment({
    trace_id: traceId,
    parent_id: streamed.id,
    start_time: 11,
    end_time: 11.5,
  });
  const untouched = makeSegment({ trace_id: traceId, start_time: 12, end_time: 13 });
  const orphan = makeIndependentSubsegment({ trace_id: traceId, parent_id: 'eeeeeeeeeeeeeeee', start_time: 14 });
  const orphanChild = makeIndependentSubsegment({ trace_id: traceId, parent_id: orphan.id, start_time: 15 });
  const lonelyOrphan = makeIndependentSubsegment({ trace_id: traceId, parent_id: 'ffffffffffffffff', start_time: 16 });
  const documents = [deeper, untouched, orphanChild, streamed, caller, orphan, lonelyOrphan];
  const copied = assembleTrace(documents);
  const owned = assembleOwnedTrace(documents.map((d) => structuredClone(d)));
  assert.deepEqual(owned.segments, copied.segments);
  assert.deepEqual(owned.orphans, copied.orphans);
  assert.equal(owned.traceId, copied.traceId);
  const top = [...owned.segments, ...owned.orphans];
  const changed = top.filter((d) => owned.changed.has(d)).map((d) => d.id);
  assert.deepEqual(changed.sort(), [caller.id, orphan.id].sort());
  // What was not changed still says exactly what it said when it was passed in.
  for (const document of top.filter((d) => !owned.changed.has(d))) {
    const input = documents.find((d) => d.id === document.id);
    assert.equal(JSON.stringify(document), JSON.stringify(input));
  }
});

test('assembling owned documents merges the very objects passed in', () => {
  const segment = makeSegment({ trace_id: traceId });
  const child = makeIndependentSubsegment({ trace_id: traceId, parent_id: segment.id });
  const [merged] = assembleOwnedTrace([segment, child]).segments;
  assert.equal(merged, segment);
  assert.equal(segment.subsegments?.[0], child);
  assert.equal(child.type, undefined);
});
