import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { listRealClientFixtures, readRealClientFixture } from '../../../tests/support/shared-fixtures.ts';
import { DOCUMENT_ERROR_CODES } from './document-problem.ts';
import { MAX_DOCUMENT_BYTES } from './limits.ts';
import { parseSegmentDocuments } from './parse-document.ts';
import { makeIndependentSubsegment, makeSegment } from './testing/builders.ts';

const utf8 = new TextEncoder();

function problemOf(input: string | Uint8Array) {
  const result = parseSegmentDocuments(input);
  assert.ok(!result.ok, 'expected a problem');
  return result.problem;
}

test('recorded SDK datagrams parse from bytes after the header line', () => {
  for (const file of listRealClientFixtures('xray-sdk-udp')) {
    const datagram = new Uint8Array(readRealClientFixture(`xray-sdk-udp/${file}`));
    const body = datagram.subarray(datagram.indexOf(0x0a) + 1);
    const result = parseSegmentDocuments(body);
    assert.ok(result.ok, file);
    assert.equal(result.documents.length, 1);
  }
});

test('a single document and an array of subsegments both parse, keeping unknown fields', () => {
  const segment = { ...makeSegment(), extra_field: 'kept' };
  const single = parseSegmentDocuments(JSON.stringify(segment));
  assert.deepEqual(single, { ok: true, documents: [segment] });
  const pieces = [makeIndependentSubsegment(), makeIndependentSubsegment()];
  assert.deepEqual(parseSegmentDocuments(utf8.encode(JSON.stringify(pieces))), { ok: true, documents: pieces });
  assert.deepEqual(parseSegmentDocuments('[]'), { ok: true, documents: [] });
});

test('one bad element refuses an array, with the element index in the path and its id', () => {
  const good = makeIndependentSubsegment();
  const bad = { ...makeIndependentSubsegment({ id: '2222222222222222' }), start_time: 'soon' };
  const problem = problemOf(JSON.stringify([good, bad]));
  assert.deepEqual(
    { code: problem.code, path: problem.path, id: problem.id },
    { code: 'InvalidParam', path: '[1].start_time', id: '2222222222222222' },
  );
  assert.match(problem.message, /^\[1\]\.start_time must be a number of epoch seconds, got string "soon"$/);
  assert.equal(problemOf('[[]]').path, '[0]');
  assert.equal(problemOf('[1]').path, '[0]');
});

test('size is checked first, in UTF-8 bytes, for text and bytes', () => {
  const padded = (bytes: number) => {
    const base = JSON.stringify({ ...makeSegment(), pad: '' });
    return base.replace('"pad":""', `"pad":"${'x'.repeat(bytes - base.length)}"`);
  };
  assert.equal(utf8.encode(padded(MAX_DOCUMENT_BYTES)).length, MAX_DOCUMENT_BYTES);
  assert.ok(parseSegmentDocuments(padded(MAX_DOCUMENT_BYTES)).ok);
  assert.equal(problemOf(padded(MAX_DOCUMENT_BYTES + 1)).code, 'DocumentTooLarge');
  assert.equal(problemOf(utf8.encode(padded(MAX_DOCUMENT_BYTES + 1))).code, 'DocumentTooLarge');
  // 30,000 "é" are 30,000 UTF-16 units but 60,000 bytes; 33,000 of them are over the limit.
  assert.equal(problemOf(`"${'é'.repeat(33_000)}"`).code, 'DocumentTooLarge');
  assert.equal(problemOf(`"${'é'.repeat(30_000)}"`).code, 'InvalidParam');
  // Size wins over any other problem: these bytes are not UTF-8 either.
  assert.equal(problemOf(new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0xff)).code, 'DocumentTooLarge');
});

test('bytes that are not UTF-8 are refused with the offset where decoding fails', () => {
  const problem = problemOf(new Uint8Array([0x7b, 0x22, 0x61, 0xc3, 0x28, 0x22]));
  assert.equal(problem.code, 'InvalidUtf8');
  assert.match(problem.message, /byte offset 4/);
  assert.equal(problemOf(new Uint8Array([0x22, 0xe2, 0x82])).code, 'InvalidUtf8');
  assert.equal(problemOf(new Uint8Array([0xed, 0xa0, 0x80])).code, 'InvalidUtf8'); // encoded surrogate
});

test('JSON syntax errors carry the position; deep brackets are TooDeep', () => {
  const problem = problemOf('{"id": "1111111111111111",\n "name": }');
  assert.deepEqual([problem.code, problem.path], ['JSONFormatError', '']);
  assert.match(problem.message, /line 2, column 10/);
  assert.equal(problemOf('{"a":'.repeat(10_000)).code, 'TooDeep');
  assert.equal(problemOf(`${'['.repeat(65)}${']'.repeat(65)}`).code, 'TooDeep');
  assert.equal(problemOf(`${'['.repeat(64)}${']'.repeat(64)}`).code, 'InvalidParam');
});

test('scalars at the top level are refused as InvalidParam', () => {
  for (const text of ['5', '"x"', 'null', 'true']) assert.equal(problemOf(text).code, 'InvalidParam', text);
});

function assertOneOfTwoShapes(input: string | Uint8Array): void {
  let result: ReturnType<typeof parseSegmentDocuments>;
  try {
    result = parseSegmentDocuments(input);
  } catch (error) {
    assert.fail(`threw ${String(error)}`);
  }
  if (result.ok) {
    assert.deepEqual(Object.keys(result).sort(), ['documents', 'ok']);
    assert.ok(Array.isArray(result.documents));
  } else {
    assert.deepEqual(Object.keys(result).sort(), ['ok', 'problem']);
    assert.ok(DOCUMENT_ERROR_CODES.includes(result.problem.code));
    assert.equal(typeof result.problem.path, 'string');
    assert.ok(result.problem.message.length > 0);
  }
}

const segmentText = fc.constant(null).map(() => JSON.stringify(makeSegment({ annotations: { a: 1 }, http: {} })));
const mutatedSegment = fc
  .tuple(segmentText, fc.nat(), fc.nat(), fc.string({ maxLength: 4 }))
  .map(([text, at, cut, insert]) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + insert + text.slice(index + (cut % 3));
  });

test('property: never throws on random and mutated text', () => {
  const text = fc.oneof(
    fc.string(),
    fc.json(),
    mutatedSegment,
    fc.anything().map((value) => JSON.stringify(value) ?? ''),
  );
  fc.assert(
    fc.property(text, (input) => assertOneOfTwoShapes(input)),
    { numRuns: 5000 },
  );
});

test('property: never throws on random and mutated bytes', () => {
  const mutatedBytes = fc.tuple(mutatedSegment, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([text, at, byte]) => {
    const bytes = utf8.encode(text);
    bytes[at % bytes.length] = byte;
    return bytes;
  });
  fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutatedBytes), assertOneOfTwoShapes), {
    numRuns: 5000,
  });
});
