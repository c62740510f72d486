import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyHistogram, histogramRecord } from '@roentgen/storage';
import type { Histogram } from '@roentgen/storage';
import { mergePackedHistograms as mergeSorted, packHistogram } from './histogram-blob.ts';

/** The merge as a record, which reads best in assertions. */
function mergePackedHistograms(blobs: readonly Uint8Array[]): Histogram {
  return histogramRecord(mergeSorted(blobs));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.byteLength;
  }
  return joined;
}

describe('packed graph histograms', () => {
  test('pack then merge gives the histogram back, zero entries and the empty sentinel left out', () => {
    const histogram = emptyHistogram();
    Object.assign(histogram, { 3: 2, 120: 1, 999: 0, 4500: 7 });
    const packed = packHistogram(histogram);
    assert.equal(packed.byteLength, 3 * 8);
    assert.deepEqual(mergePackedHistograms([packed]), { 3: 2, 120: 1, 4500: 7 });
    assert.deepEqual(mergePackedHistograms([packHistogram(emptyHistogram())]), {});
    assert.deepEqual(mergePackedHistograms([]), {});
  });

  test('sums separate and concatenated blobs alike, in ascending order, dropping what nets to zero', () => {
    const a = packHistogram({ 10: 1, 50: 2, 700: 1 });
    const b = packHistogram({ 5: 4, 50: -2, 900: 3 });
    const expected = { 5: 4, 10: 1, 700: 1, 900: 3 };
    for (const merged of [mergePackedHistograms([a, b]), mergePackedHistograms([concat(a, b)])]) {
      assert.deepEqual(merged, expected);
      assert.deepEqual(Object.keys(merged), ['5', '10', '700', '900']);
    }
  });

  test('a concatenation whose largest key is not its last is summed whole', () => {
    const joined = concat(packHistogram({ 599_999: 1 }), packHistogram({ 5: 1 }));
    assert.deepEqual(mergePackedHistograms([joined]), { 5: 1, 599_999: 1 });
  });

  test('reads blobs at any byte offset, as DuckDB hands them out', () => {
    const packed = packHistogram({ 1: 1, 2: 2 });
    const shifted = new Uint8Array(packed.byteLength + 1);
    shifted.set(packed, 1);
    assert.deepEqual(mergePackedHistograms([shifted.subarray(1)]), { 1: 1, 2: 2 });
  });

  test('response times past ten minutes take the sparse path with the same result', () => {
    const long = packHistogram({ 30: 1, 3_600_000: 2 });
    const short = packHistogram({ 30: 1, 90: 5 });
    assert.deepEqual(mergePackedHistograms([long, short]), { 30: 2, 90: 5, 3_600_000: 2 });
  });

  test('merges stay independent: the scratch space of one leaks nothing into the next', () => {
    assert.deepEqual(mergePackedHistograms([packHistogram({ 7: 1 })]), { 7: 1 });
    assert.deepEqual(mergePackedHistograms([packHistogram({ 8: 1 })]), { 8: 1 });
  });

  test('a damaged blob and a key that is not whole milliseconds are refused with what was wrong', () => {
    assert.throws(() => mergePackedHistograms([new Uint8Array(12)]), /12 bytes is not a whole number of entries/);
    assert.throws(() => packHistogram({ [-1]: 1 }), /histogram key -1 is not a whole number of milliseconds/);
  });
});
