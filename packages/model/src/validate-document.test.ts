import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listRealClientFixtures, readRealClientFixture } from '../../../tests/support/shared-fixtures.ts';
import type { DocumentErrorCode } from './document-problem.ts';
import { MAX_ANNOTATIONS_PER_DOCUMENT, MAX_NESTING_DEPTH } from './limits.ts';
import type { Subsegment } from './segment-document.ts';
import { makeIndependentSubsegment, makeSegment, makeSubsegment } from './testing/builders.ts';
import { validateSegmentDocument } from './validate-document.ts';

test('every datagram recorded from aws-xray-sdk-core validates, as the same object', () => {
  const files = listRealClientFixtures('xray-sdk-udp');
  assert.ok(files.length >= 8);
  for (const file of files) {
    const text = readRealClientFixture(`xray-sdk-udp/${file}`).toString('utf8');
    const newline = text.indexOf('\n');
    assert.equal(text.slice(0, newline), '{"format":"json","version":1}', file);
    const value: unknown = JSON.parse(text.slice(newline + 1));
    const result = validateSegmentDocument(value);
    assert.ok(result.ok, `${file}: ${result.ok ? '' : result.problem.message}`);
    assert.equal(result.document, value);
  }
});

test('documents from the builders validate', () => {
  const nested = makeSubsegment({ subsegments: [makeSubsegment()] });
  for (const document of [makeSegment({ subsegments: [nested] }), makeIndependentSubsegment()]) {
    assert.ok(validateSegmentDocument(document).ok);
  }
});

test('lenient where real senders are: unknown fields, null stack lines, string content_length, in progress', () => {
  const { end_time: _, ...open } = makeSegment();
  const documents = [
    { ...makeSegment(), somethingNew: { deep: [1, 2] }, origin: 'AWS::Whatever::Thing' },
    { ...open, in_progress: true },
    makeSegment({
      http: { request: { traced: true }, response: { status: 200, content_length: '12' } },
      cause: { id: 'abc', exceptions: [{ id: '807557b1388d449e', stack: [{ path: 'node', line: null }] }] },
      annotations: { 'aws:api_id': 'x', 'aws.responseLatency': 12.5, ok: false },
    }),
    makeSegment({ cause: '807557b1388d449e', start_time: 1.4806152e9, end_time: 1.4806152e9 }),
    makeSegment({ trace_id: '1-00000000-000000000000000000000000' }),
  ];
  for (const document of documents) {
    const result = validateSegmentDocument(document);
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
  }
});

function nestedSegment(levels: number): unknown {
  let child: Subsegment = makeSubsegment({ id: 'aaaaaaaaaaaaaaaa' });
  for (let level = 1; level < levels; level += 1) child = makeSubsegment({ subsegments: [child] });
  return makeSegment({ subsegments: [child] });
}

const ID = '1111111111111111';
const bad: { name: string; value: unknown; code: DocumentErrorCode; path: string; message?: RegExp }[] = [
  { name: 'not an object', value: [1], code: 'InvalidParam', path: '', message: /^the document must be a JSON object/ },
  { name: 'null', value: null, code: 'InvalidParam', path: '' },
  { name: 'id missing', value: { ...makeSegment(), id: undefined }, code: 'MissingParam', path: 'id' },
  { name: 'id upper case', value: makeSegment({ id: 'ABCDEF0123456789' }), code: 'InvalidSegmentId', path: 'id' },
  { name: 'id a number', value: { ...makeSegment(), id: 12 }, code: 'InvalidSegmentId', path: 'id' },
  {
    name: 'trace_id missing',
    value: { ...makeSegment(), trace_id: undefined },
    code: 'MissingParam',
    path: 'trace_id',
  },
  { name: 'trace_id bad', value: makeSegment({ trace_id: '1-abc-def' }), code: 'InvalidTraceId', path: 'trace_id' },
  { name: 'name missing', value: { ...makeSegment(), name: undefined }, code: 'MissingParam', path: 'name' },
  { name: 'name empty', value: makeSegment({ name: '' }), code: 'InvalidParam', path: 'name' },
  { name: 'name a number', value: { ...makeSegment(), name: 7 }, code: 'InvalidParam', path: 'name' },
  {
    name: 'name too long',
    value: makeSegment({ name: 'n'.repeat(201) }),
    code: 'InvalidParam',
    path: 'name',
    message: /201/,
  },
  {
    name: 'start_time missing',
    value: { ...makeSegment(), start_time: undefined },
    code: 'MissingParam',
    path: 'start_time',
  },
  { name: 'start_time string', value: { ...makeSegment(), start_time: '1' }, code: 'InvalidParam', path: 'start_time' },
  {
    name: 'no end, not in progress',
    value: { ...makeSegment(), end_time: undefined },
    code: 'MissingParam',
    path: 'end_time',
  },
  {
    name: 'in_progress false, no end',
    value: { ...makeSegment(), end_time: undefined, in_progress: false },
    code: 'MissingParam',
    path: 'end_time',
  },
  {
    name: 'in_progress a string',
    value: { ...makeSegment(), in_progress: 'true' },
    code: 'InvalidParam',
    path: 'in_progress',
  },
  {
    name: 'end before start',
    value: makeSegment({ start_time: 100, end_time: 99 }),
    code: 'InvalidParam',
    path: 'end_time',
    message: /no earlier than start_time \(100\), got number 99/,
  },
  { name: 'parent_id bad', value: makeSegment({ parent_id: 'xyz' }), code: 'InvalidSegmentId', path: 'parent_id' },
  {
    name: 'independent without parent',
    value: { ...makeIndependentSubsegment(), parent_id: undefined },
    code: 'MissingParam',
    path: 'parent_id',
  },
  {
    name: 'independent without trace',
    value: { ...makeIndependentSubsegment(), trace_id: undefined },
    code: 'MissingParam',
    path: 'trace_id',
  },
  {
    name: 'type other than subsegment',
    value: { ...makeSegment(), type: 'segment' },
    code: 'InvalidParam',
    path: 'type',
  },
  { name: 'fault a string', value: { ...makeSegment(), fault: 'yes' }, code: 'InvalidParam', path: 'fault' },
  { name: 'origin a number', value: { ...makeSegment(), origin: 1 }, code: 'InvalidParam', path: 'origin' },
  {
    name: 'status a float',
    value: makeSegment({ http: { response: { status: 200.5 } } }),
    code: 'InvalidParam',
    path: 'http.response.status',
  },
  {
    name: 'status a string',
    value: { ...makeSegment(), http: { response: { status: '200' } } },
    code: 'InvalidParam',
    path: 'http.response.status',
  },
  {
    name: 'http.request an array',
    value: { ...makeSegment(), http: { request: [] } },
    code: 'InvalidParam',
    path: 'http.request',
  },
  { name: 'cause a number', value: { ...makeSegment(), cause: 5 }, code: 'InvalidParam', path: 'cause' },
  {
    name: 'exceptions not objects',
    value: { ...makeSegment(), cause: { exceptions: ['x'] } },
    code: 'InvalidParam',
    path: 'cause.exceptions[0]',
  },
  {
    name: 'annotation object',
    value: { ...makeSegment(), annotations: { ok: 1, bad: { a: 1 } } },
    code: 'InvalidParam',
    path: 'annotations.bad',
    message: /^annotations\.bad must be a string, number or boolean, got object$/,
  },
  {
    name: 'annotation odd key null',
    value: { ...makeSegment(), annotations: { 'a b': null } },
    code: 'InvalidParam',
    path: 'annotations["a b"]',
  },
  {
    name: 'annotations an array',
    value: { ...makeSegment(), annotations: [] },
    code: 'InvalidParam',
    path: 'annotations',
  },
  {
    name: 'metadata namespace a number',
    value: { ...makeSegment(), metadata: { default: 3 } },
    code: 'InvalidParam',
    path: 'metadata.default',
  },
  {
    name: 'subsegments an object',
    value: { ...makeSegment(), subsegments: {} },
    code: 'InvalidParam',
    path: 'subsegments',
  },
  {
    name: 'nested end_time a string',
    value: makeSegment({
      subsegments: [makeSubsegment(), makeSubsegment(), { ...makeSubsegment(), end_time: 'abc' as unknown as number }],
    }),
    code: 'InvalidParam',
    path: 'subsegments[2].end_time',
    message: /^subsegments\[2\]\.end_time must be a number of epoch seconds, got string "abc"$/,
  },
  {
    name: 'deep nested bad id',
    value: makeSegment({ subsegments: [makeSubsegment({ subsegments: [makeSubsegment({ id: 'nope' })] })] }),
    code: 'InvalidSegmentId',
    path: 'subsegments[0].subsegments[0].id',
  },
  {
    name: 'nested trace_id bad',
    value: makeSegment({ subsegments: [makeSubsegment({ trace_id: 'x' })] }),
    code: 'InvalidTraceId',
    path: 'subsegments[0].trace_id',
  },
  {
    name: 'too deep',
    value: nestedSegment(MAX_NESTING_DEPTH + 1),
    code: 'TooDeep',
    path: `${'subsegments[0].'.repeat(MAX_NESTING_DEPTH)}subsegments`,
  },
];

test('each bad document is refused with the right code and path', () => {
  for (const { name, value, code, path, message } of bad) {
    const result = validateSegmentDocument(JSON.parse(JSON.stringify(value)) as unknown);
    assert.equal(result.ok, false, name);
    if (result.ok) continue;
    assert.equal(result.problem.code, code, `${name}: ${result.problem.message}`);
    assert.equal(result.problem.path, path, name);
    assert.ok(result.problem.message.startsWith(path === '' ? 'the document' : path), result.problem.message);
    if (message !== undefined) assert.match(result.problem.message, message, name);
  }
});

test('the deepest allowed nesting validates', () => {
  assert.ok(validateSegmentDocument(nestedSegment(MAX_NESTING_DEPTH)).ok);
});

test('annotations are limited per entity, not per document', () => {
  const annotations = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));
  const atLimit = makeSegment({
    annotations: annotations(MAX_ANNOTATIONS_PER_DOCUMENT),
    subsegments: [makeSubsegment({ annotations: annotations(MAX_ANNOTATIONS_PER_DOCUMENT) })],
  });
  assert.ok(validateSegmentDocument(atLimit).ok);
  const over = makeSegment({
    subsegments: [makeSubsegment({ annotations: annotations(MAX_ANNOTATIONS_PER_DOCUMENT + 1) })],
  });
  const result = validateSegmentDocument(over);
  assert.ok(!result.ok);
  assert.equal(result.problem.code, 'TooManyAnnotations');
  assert.equal(result.problem.path, 'subsegments[0].annotations');
});

test('the problem carries the document id when it is a readable string', () => {
  const withId = validateSegmentDocument({ ...makeSegment({ id: ID }), name: 3 });
  assert.ok(!withId.ok);
  assert.equal(withId.problem.id, ID);
  const badId = validateSegmentDocument(makeSegment({ id: 'short' }));
  assert.ok(!badId.ok);
  assert.equal(badId.problem.id, 'short');
  const hugeId = validateSegmentDocument(makeSegment({ id: 'x'.repeat(1000) }));
  assert.ok(!hugeId.ok);
  assert.equal(hugeId.problem.id, undefined);
  assert.ok(hugeId.problem.message.length < 200, 'long input is shortened in the message');
});
