/**
 * Pins what `deriveJob` makes of a fixed set of traces of many shapes: the summary record (its
 * summary and facts JSON included) and the graph contribution, byte for byte. The digests were
 * recorded from the derivation before it was rewritten for speed, so a rewrite that changes any
 * output fails here. A deliberate change of output updates them (the failure message has the new ones).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { DocumentRecord } from '@roentgen/storage';
import { deriveJob } from './derive-job.ts';
import { variedTraces } from './testing/varied-traces.ts';

const EXPECTED: Record<string, string> = {
  'seed 1, random': 'fceeb258d4bc133388b22d071e2cd85f',
  'seed 1, reshaped': 'a29f4ca695fc48714d145cc23b65cf00',
  'seed 2, random': '9f303efa1a0df7260c028c4bff5e5c8a',
  'seed 2, reshaped': 'a701b7dafdce63a67d44b3d603cc3341',
};

const TRACES_PER_HALF = 150;

/** The JSON of every result, record members with their order and `undefined` ones included. */
function digest(traces: readonly (readonly DocumentRecord[])[]): string {
  const hash = createHash('sha256');
  traces.forEach((records, index) => {
    const { record, contribution } = deriveJob({ revision: records.length + (index % 3), records });
    const members = Object.entries(record).map(([key, value]): [string, unknown] => [
      key,
      value === undefined ? '<undefined>' : value,
    ]);
    hash.update(JSON.stringify([members, contribution])).update('\n');
  });
  return hash.digest('hex').slice(0, 32);
}

test('derivation output is unchanged for traces of many shapes', () => {
  const actual: Record<string, string> = {};
  for (const seed of [1, 2]) {
    const traces = variedTraces(seed, TRACES_PER_HALF);
    actual[`seed ${seed}, random`] = digest(traces.slice(0, TRACES_PER_HALF));
    actual[`seed ${seed}, reshaped`] = digest(traces.slice(TRACES_PER_HALF));
  }
  assert.deepEqual(actual, EXPECTED, `derivation output changed; digests now: ${JSON.stringify(actual, null, 2)}`);
});
