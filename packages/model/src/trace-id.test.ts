import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateTraceId, isValidTraceId, traceIdEpochSeconds } from './trace-id.ts';

test('a generated trace ID is valid and carries the given whole seconds', () => {
  const traceId = generateTraceId(1480615200.987);
  assert.ok(isValidTraceId(traceId), traceId);
  assert.equal(traceId.slice(0, 11), '1-58406520-');
  assert.equal(traceIdEpochSeconds(traceId), 1480615200);
});

test('generated trace IDs default to the clock and differ from each other', () => {
  const before = Math.floor(Date.now() / 1000);
  const ids = new Set(Array.from({ length: 1000 }, () => generateTraceId()));
  const after = Math.floor(Date.now() / 1000);
  assert.equal(ids.size, 1000);
  for (const id of ids) {
    const seconds = traceIdEpochSeconds(id);
    assert.ok(seconds !== undefined && seconds >= before && seconds <= after, id);
  }
});

test('times that do not fit 8 hex digits wrap, and non-finite times fall back to the clock', () => {
  assert.equal(generateTraceId(0).slice(0, 11), '1-00000000-');
  assert.equal(generateTraceId(2 ** 32 + 5).slice(0, 11), '1-00000005-');
  assert.ok(isValidTraceId(generateTraceId(Number.NaN)));
  assert.ok(isValidTraceId(generateTraceId(-1)));
});

test('isValidTraceId accepts only the exact lowercase form', () => {
  assert.ok(isValidTraceId('1-5759e988-bd862e3fe1be46a994272793'));
  for (const bad of [
    '',
    '1-5759E988-bd862e3fe1be46a994272793',
    '2-5759e988-bd862e3fe1be46a994272793',
    '1-5759e98-bd862e3fe1be46a994272793',
    '1-5759e988-bd862e3fe1be46a99427279',
    '1-5759e988-bd862e3fe1be46a9942727930',
    ' 1-5759e988-bd862e3fe1be46a994272793',
    '1-5759e988-bd862e3fe1be46a994272793\n',
    '1_5759e988_bd862e3fe1be46a994272793',
    '1-5759e988-bd862e3fe1be46a99427279g',
  ]) {
    assert.equal(isValidTraceId(bad), false, JSON.stringify(bad));
  }
});

test('traceIdEpochSeconds is undefined for an invalid ID', () => {
  assert.equal(traceIdEpochSeconds('not-a-trace-id'), undefined);
  assert.equal(traceIdEpochSeconds('1-ffffffff-bd862e3fe1be46a994272793'), 0xffffffff);
});
