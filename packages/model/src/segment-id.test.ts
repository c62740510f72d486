import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesToHex } from './random-hex.ts';
import { generateSegmentId, isValidSegmentId } from './segment-id.ts';

test('generated segment IDs are 16 lowercase hex digits, non-zero and distinct', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => generateSegmentId()));
  assert.equal(ids.size, 1000);
  for (const id of ids) {
    assert.ok(isValidSegmentId(id), id);
    assert.notEqual(id, '0000000000000000');
  }
});

test('isValidSegmentId accepts only 16 lowercase hex digits', () => {
  assert.ok(isValidSegmentId('53995c3f42cd8ad8'));
  for (const bad of [
    '',
    '53995C3F42CD8AD8',
    '53995c3f42cd8ad',
    '53995c3f42cd8ad80',
    '53995c3f42cd8adz',
    ' 53995c3f42cd8ad8',
  ]) {
    assert.equal(isValidSegmentId(bad), false, JSON.stringify(bad));
  }
});

test('bytesToHex writes two lowercase digits per byte', () => {
  assert.equal(bytesToHex(new Uint8Array([0, 1, 0x0f, 0x10, 0xab, 0xff])), '00010f10abff');
  assert.equal(bytesToHex(new Uint8Array([])), '');
});
