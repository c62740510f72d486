import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Histogram } from './graph-stats.ts';
import { mergeHistograms } from './graph-stats-sum.ts';
import { EMPTY_SORTED_HISTOGRAM, histogramRecord, sortHistogram, sumSortedHistograms } from './sorted-histogram.ts';

// Keys packed closely (summed by walking the scratch range), spread out (sorted), and past ten
// minutes (kept in a map).
const millisecond = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: 0, max: 5000 }),
  fc.integer({ min: 600_000, max: 700_000 }),
);
const record = fc
  .array(fc.tuple(millisecond, fc.integer({ min: -3, max: 3 })), { maxLength: 60 })
  .map((pairs): Histogram => Object.fromEntries(pairs));

test('summing sorted histograms agrees with summing records, zero sums dropped', () => {
  fc.assert(
    fc.property(fc.array(record, { maxLength: 6 }), (records) => {
      const sum = sumSortedHistograms(records.map(sortHistogram));
      assert.deepEqual(histogramRecord(sum), { ...mergeHistograms(records) });
      for (let i = 1; i < sum.millis.length; i++) assert.ok((sum.millis[i - 1] as number) < (sum.millis[i] as number));
      assert.ok(sum.counts.every((count) => count !== 0));
    }),
    { numRuns: 300 },
  );
});

test('a record becomes ascending arrays without its zero entries', () => {
  assert.deepEqual(sortHistogram({ 250: 2, 20: 1, 100: 0 }), {
    millis: Int32Array.from([20, 250]),
    counts: Float64Array.from([1, 2]),
  });
  assert.equal(sumSortedHistograms([]), EMPTY_SORTED_HISTOGRAM);
  assert.throws(() => sortHistogram({ [-1]: 1 }), /not a whole number of milliseconds/);
});
