import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTraceparent, parseTraceparent, w3cTraceIdToXray, xrayTraceIdToW3c } from './traceparent.ts';

test('the API reference example maps W3C to X-Ray and back', () => {
  assert.equal(w3cTraceIdToXray('4efaaf4d1e8720b39541901950019ee5'), '1-4efaaf4d-1e8720b39541901950019ee5');
  assert.equal(xrayTraceIdToW3c('1-4efaaf4d-1e8720b39541901950019ee5'), '4efaaf4d1e8720b39541901950019ee5');
});

test('a traceparent parses to X-Ray IDs and formats back', () => {
  const header = '00-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-01';
  const context = parseTraceparent(header);
  assert.deepEqual(context, {
    traceId: '1-4efaaf4d-1e8720b39541901950019ee5',
    parentId: '53995c3f42cd8ad8',
    sampled: true,
  });
  assert.equal(formatTraceparent(context), header);
  assert.equal(parseTraceparent(' 00-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-00 ')?.sampled, false);
  // Only bit 0 of the flags means sampled.
  assert.equal(parseTraceparent('00-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-03')?.sampled, true);
  assert.equal(parseTraceparent('00-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-02')?.sampled, false);
});

test('traceparent values off the W3C grammar are refused', () => {
  const bad = [
    '',
    '00-00000000000000000000000000000000-53995c3f42cd8ad8-01',
    '00-4efaaf4d1e8720b39541901950019ee5-0000000000000000-01',
    '01-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-01',
    'ff-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-01',
    '00-4EFAAF4D1E8720B39541901950019EE5-53995c3f42cd8ad8-01',
    '00-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-1',
    '00-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-01-extra',
    '00-4efaaf4d1e8720b39541901950019ee-53995c3f42cd8ad8-01',
    '00_4efaaf4d1e8720b39541901950019ee5_53995c3f42cd8ad8_01',
  ];
  for (const value of bad) assert.equal(parseTraceparent(value), undefined, value);
  assert.equal(parseTraceparent(42 as unknown as string), undefined);
});

test('ID conversions refuse malformed and all-zero IDs; W3C hex case is folded', () => {
  assert.equal(w3cTraceIdToXray('4EFAAF4D1E8720B39541901950019EE5'), '1-4efaaf4d-1e8720b39541901950019ee5');
  assert.equal(w3cTraceIdToXray('0'.repeat(32)), undefined);
  assert.equal(w3cTraceIdToXray('4efaaf4d'), undefined);
  assert.equal(w3cTraceIdToXray('g'.repeat(32)), undefined);
  assert.equal(xrayTraceIdToW3c('1-00000000-000000000000000000000000'), undefined);
  assert.equal(xrayTraceIdToW3c('4efaaf4d1e8720b39541901950019ee5'), undefined);
});

test('formatting an invalid context throws a RangeError naming the bad field', () => {
  assert.throws(() => formatTraceparent({ traceId: 'nope', parentId: '53995c3f42cd8ad8', sampled: true }), {
    name: 'RangeError',
    message: /trace ID.*"nope"/,
  });
  assert.throws(
    () =>
      formatTraceparent({
        traceId: '1-4efaaf4d-1e8720b39541901950019ee5',
        parentId: '0000000000000000',
        sampled: true,
      }),
    { name: 'RangeError', message: /parent id/ },
  );
});
