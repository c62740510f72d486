/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsFor, wordBefore } from './filter-completion.ts';
import { edgeFilter, serviceFilter } from './filter-text.ts';
import { binEntries, entriesFromValues, niceCeiling, parseBand } from './histogram-bins.ts';

test('the word before the caret includes dots and colons of keywords', () => {
  assert.deepEqual(wordBefore('service("a") AND http.sta', 25), { start: 17, word: 'http.sta' });
  assert.deepEqual(wordBefore('ok AND ', 7), { start: 7, word: '' });
});

test('completion offers keywords, service names and annotation keys; never for numbers', () => {
  assert.equal(completionsFor('respon', [], [])[0]?.insert, 'responsetime');
  assert.deepEqual(
    completionsFor('http.s', [], []).map((c) => c.insert),
    ['http.status'],
  );
  assert.equal(
    completionsFor('serv', ['pricing'], []).some((c) => c.insert === 'service("pricing")'),
    true,
  );
  assert.equal(completionsFor('annotation.ti', [], ['tier'])[0]?.insert, 'annotation.tier');
  assert.deepEqual(completionsFor('1', ['a(1)'], []), []);
  assert.deepEqual(completionsFor('', ['pricing'], []), []);
});

test('filters written for a band quote names safely', () => {
  assert.equal(
    serviceFilter('pricing', { low: 1.8, high: 2.2 }),
    'service("pricing") { responsetime >= 1.8 AND responsetime <= 2.2 }',
  );
  assert.equal(edgeFilter('a "b"', 'c\\d'), 'edge("a \\"b\\"", "c\\\\d")');
});

test('histogram bins run from zero to a round maximum', () => {
  assert.equal(niceCeiling(2.3), 2.5);
  assert.equal(niceCeiling(0.07), 0.1);
  const bins = binEntries(entriesFromValues([0.1, 0.1, 2.2]), 10);
  assert.equal(bins.max, 2.5);
  assert.equal(bins.total, 3);
  assert.equal(bins.counts[0], 2);
  assert.equal(bins.counts[8], 1);
  assert.deepEqual(parseBand('2.2-1.8'), { low: 1.8, high: 2.2 });
  assert.equal(parseBand('x'), undefined);
});
