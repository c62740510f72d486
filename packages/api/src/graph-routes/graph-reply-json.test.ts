import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HistogramEntries } from '@roentgen/service-map';
import { graphReplyJson } from './graph-reply-json.ts';

const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

const histogram = fc.uniqueArray(fc.integer({ min: 0, max: 0x7fffffff }), { maxLength: 40 }).chain((millis) =>
  fc
    .array(fc.oneof(fc.integer({ min: 1, max: 2 ** 31 }), fc.maxSafeInteger()), {
      minLength: millis.length,
      maxLength: millis.length,
    })
    .map(
      (counts) =>
        new HistogramEntries({
          millis: Int32Array.from([...millis].sort((a, b) => a - b)),
          counts: Float64Array.from(counts),
        }),
    ),
);

const replyLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    histogram,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 5 }),
  ),
}));

test('writes what JSON.stringify writes, histograms included, for any reply-like value', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), replyLike.value), (value) => {
      assert.equal(decode(graphReplyJson(value)), JSON.stringify(value));
    }),
    { numRuns: 500 },
  );
});

test('histogram values are seconds to the millisecond, as JSON.stringify prints ms / 1000', () => {
  const millis = [0, 1, 10, 20, 100, 999, 1000, 1001, 1010, 1234, 60_000, 2_147_483_647];
  const entries = new HistogramEntries({
    millis: Int32Array.from(millis),
    counts: Float64Array.from(millis, (_, i) => i + 1),
  });
  const text = decode(graphReplyJson({ ResponseTimeHistogram: entries }));
  assert.equal(text, JSON.stringify({ ResponseTimeHistogram: entries.toJSON() }));
  assert.match(text, /"Value":0\.001,"Count":2\}/);
  assert.match(text, /"Value":1\.01,"Count":9\}/);
});

test('a reply of 100,000 entries grows its buffer and stays exact', () => {
  const millis = Int32Array.from({ length: 100_000 }, (_, i) => i * 7);
  const entries = new HistogramEntries({ millis, counts: Float64Array.from(millis, (ms) => (ms % 13) + 1) });
  const reply = { Services: [{ Name: 'svc-ü', ResponseTimeHistogram: entries, Edges: [] }] };
  assert.equal(decode(graphReplyJson(reply)), JSON.stringify(reply));
});

test('refuses what JSON.stringify refuses', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => graphReplyJson(cyclic), TypeError);
  assert.throws(() => graphReplyJson({ n: 1n }), TypeError);
});
