import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSegment, makeSubsegment } from '@roentgen/model/testing';
import { assembleTrace } from './assemble-trace.ts';
import { bucketOf, negateDelta, traceGraphContribution } from './graph-contribution.ts';
import { lambdaTraceDocuments } from './testing/lambda-trace.ts';

const traceId = '1-6553f100-222222222222222222222222';

test('records land in the bucket where they end: floor(end_time / bucket) * bucket', () => {
  assert.equal(bucketOf(1_700_000_059.999, 60), 1_699_999_980 + 60);
  assert.equal(bucketOf(1_700_000_040, 60), 1_700_000_040);
  assert.equal(bucketOf(1_700_000_039.5, 60), 1_699_999_980);
  const call = makeSubsegment({
    name: 'api.example.com',
    namespace: 'remote',
    start_time: 1_700_000_030,
    end_time: 1_700_000_050,
  });
  const segment = makeSegment({
    trace_id: traceId,
    name: 'svc',
    start_time: 1_700_000_030,
    end_time: 1_700_000_100,
    subsegments: [call],
  });
  const delta = traceGraphContribution(assembleTrace([segment]));
  const bucketsByNode = delta.nodes.map((row) => `${row.node.name}|${row.node.type ?? '-'}@${row.bucketStart}`).sort();
  assert.deepEqual(bucketsByNode, ['api.example.com|remote@1700000040', 'svc|-@1700000100', 'svc|client@1700000100']);
  const sixtySecondBuckets = traceGraphContribution(assembleTrace([segment]), 60)
    .edges.map((row) => row.bucketStart)
    .sort();
  assert.deepEqual(sixtySecondBuckets, [1_700_000_040, 1_700_000_100]);
});

test('a contribution carries the counters and millisecond histograms of its records', () => {
  const delta = traceGraphContribution(assembleTrace(lambdaTraceDocuments()), 60);
  const remoteEdge = delta.edges.find((row) => row.target.type === 'remote');
  assert.deepEqual(remoteEdge?.counters, {
    okCount: 0,
    errorThrottleCount: 0,
    errorOtherCount: 0,
    faultCount: 1,
    totalCount: 1,
    totalResponseTime: remoteEdge?.counters.totalResponseTime,
  });
  assert.ok(
    Math.abs((remoteEdge?.counters.totalResponseTime ?? 0) - 0.31) < 1e-6,
    'epoch-second floats keep about 0.2 µs',
  );
  assert.deepEqual(remoteEdge?.responseTimeHistogram, { 310: 1 });
  const fn = delta.nodes.find((row) => row.node.type === 'AWS::Lambda::Function');
  assert.deepEqual(fn?.responseTimeHistogram, { 370: 1 });
  assert.deepEqual(fn?.durationHistogram, { 370: 1 });
  assert.equal(fn?.root, false);
  assert.equal(delta.nodes.find((row) => row.node.type === 'AWS::ApiGateway::Stage')?.root, true);
});

test('root and non-root records of one node go to separate rows', () => {
  const call = makeSubsegment({ name: 'svc', namespace: 'remote', start_time: 10, end_time: 11 });
  const root = makeSegment({ trace_id: traceId, name: 'svc', start_time: 10, end_time: 12, subsegments: [call] });
  const child = makeSegment({ trace_id: traceId, name: 'svc', parent_id: call.id, start_time: 10.1, end_time: 10.9 });
  const rows = traceGraphContribution(assembleTrace([root, child]), 60).nodes.filter(
    (row) => row.node.type === undefined,
  );
  assert.deepEqual(rows.map((row) => [row.root, row.counters.totalCount]).sort(), [
    [false, 1],
    [true, 1],
  ]);
});

test('negateDelta flips every counter and histogram count and keeps keys', () => {
  const delta = traceGraphContribution(assembleTrace(lambdaTraceDocuments()), 60);
  const negated = negateDelta(delta);
  assert.equal(negated.nodes.length, delta.nodes.length);
  delta.nodes.forEach((row, i) => {
    const other = negated.nodes[i];
    assert.deepEqual(other?.node, row.node);
    assert.equal(other?.bucketStart, row.bucketStart);
    assert.equal(other?.counters.totalCount, -row.counters.totalCount);
    assert.equal(other?.counters.totalResponseTime, -row.counters.totalResponseTime);
    for (const [ms, count] of Object.entries(row.durationHistogram))
      assert.equal(other?.durationHistogram[Number(ms)], -count);
  });
  delta.edges.forEach((row, i) => {
    assert.equal(negated.edges[i]?.counters.faultCount, -row.counters.faultCount);
    for (const [ms, count] of Object.entries(row.responseTimeHistogram))
      assert.equal(negated.edges[i]?.responseTimeHistogram[Number(ms)], -count);
  });
  assert.equal(delta.nodes[0]?.counters.totalCount, 1, 'the input is not changed');
});
