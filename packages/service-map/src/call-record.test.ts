import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSubsegment } from '@roentgen/model/testing';
import { classifyOutcome, histogramMillis, toCallRecord } from './call-record.ts';

test('fault wins over error, throttle counts inside error, status codes count like flags', () => {
  assert.equal(classifyOutcome({ start_time: 0, fault: true, error: true, throttle: true }), 'fault');
  assert.equal(classifyOutcome({ start_time: 0, error: true, throttle: true }), 'throttle');
  assert.equal(classifyOutcome({ start_time: 0, throttle: true }), 'throttle');
  assert.equal(classifyOutcome({ start_time: 0, error: true }), 'error');
  assert.equal(classifyOutcome({ start_time: 0, http: { response: { status: 502 } } }), 'fault');
  assert.equal(classifyOutcome({ start_time: 0, http: { response: { status: 429 } } }), 'throttle');
  assert.equal(classifyOutcome({ start_time: 0, http: { response: { status: 404 } } }), 'error');
  assert.equal(classifyOutcome({ start_time: 0, http: { response: { status: 302 } } }), 'ok');
  assert.equal(classifyOutcome({ start_time: 0 }), 'ok');
});

test('in-progress entities have no record; complete ones carry response time and duration', () => {
  assert.equal(toCallRecord(makeSubsegment({ in_progress: true, end_time: undefined })), undefined);
  const record = toCallRecord(makeSubsegment({ start_time: 10, end_time: 10.25 }));
  assert.deepEqual(record, { startTime: 10, endTime: 10.25, responseTime: 0.25, duration: 0.25, outcome: 'ok' });
});

test('histogram keys are whole milliseconds', () => {
  assert.equal(histogramMillis(0.1784), 178);
  assert.equal(histogramMillis(0.1785), 179);
  assert.equal(histogramMillis(2), 2000);
});
