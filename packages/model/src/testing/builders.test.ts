import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSegmentDocument } from '../validate-document.ts';
import { makeIndependentSubsegment, makeSegment, makeSubsegment } from './builders.ts';

test('builders make valid documents with fresh IDs and times just before now', () => {
  const before = Date.now() / 1000;
  const [a, b] = [makeSegment(), makeSegment()];
  assert.notEqual(a.id, b.id);
  assert.notEqual(a.trace_id, b.trace_id);
  assert.ok(a.start_time < a.end_time! && a.end_time! >= before - 1 && a.end_time! <= Date.now() / 1000);
  assert.ok(validateSegmentDocument(makeSegment({ subsegments: [makeSubsegment()] })).ok);
  const independent = makeIndependentSubsegment();
  assert.equal(independent.type, 'subsegment');
  assert.ok(validateSegmentDocument(independent).ok);
});

test('overrides replace fields, including generated ones', () => {
  const segment = makeSegment({ name: 'checkout', id: '53995c3f42cd8ad8', http: { response: { status: 500 } } });
  assert.deepEqual(
    [segment.name, segment.id, segment.http],
    ['checkout', '53995c3f42cd8ad8', { response: { status: 500 } }],
  );
  const child = makeIndependentSubsegment({ trace_id: segment.trace_id, parent_id: segment.id });
  assert.deepEqual([child.trace_id, child.parent_id], [segment.trace_id, segment.id]);
  assert.equal(makeSubsegment({ namespace: 'aws' }).namespace, 'aws');
});
