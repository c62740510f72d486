import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyHistogram } from './empty-histogram.ts';

test('an empty histogram is an ordinary empty object', () => {
  const histogram = emptyHistogram();
  assert.equal(Object.getPrototypeOf(histogram), Object.prototype);
  assert.deepEqual(Object.keys(histogram), []);
  assert.equal(JSON.stringify(histogram), '{}');
  assert.notEqual(emptyHistogram(), histogram, 'a new object each time');
});

test('counts in it read, enumerate and print as in a plain object', () => {
  const histogram = emptyHistogram();
  const plain: Record<number, number> = {};
  for (const key of [800, 12, 4000, 12, 0]) {
    histogram[key] = (histogram[key] ?? 0) + 1;
    plain[key] = (plain[key] ?? 0) + 1;
  }
  assert.deepStrictEqual(histogram, plain);
  assert.deepEqual(Object.entries(histogram), [
    ['0', 1],
    ['12', 2],
    ['800', 1],
    ['4000', 1],
  ]);
  assert.equal(JSON.stringify(histogram), JSON.stringify(plain));
});
