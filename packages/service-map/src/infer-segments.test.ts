import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSegment, makeSubsegment } from '@roentgen/model/testing';
import { assembleTrace } from './assemble-trace.ts';
import { inferredSegmentId, inferSegments } from './infer-segments.ts';
import { lambdaTraceDocuments, LAMBDA_IDS, LAMBDA_TRACE_ID } from './testing/lambda-trace.ts';

test('unanswered aws and remote calls get inferred segments; answered and local ones do not', () => {
  const inferred = inferSegments(assembleTrace(lambdaTraceDocuments()));
  assert.deepEqual(
    inferred.map((s) => [s.name, s.origin, s.parent_id]),
    [
      ['DynamoDB', 'AWS::DynamoDB::Table', LAMBDA_IDS.dynamo],
      ['api.example.com', 'remote', LAMBDA_IDS.httpApi],
    ],
  );
});

test('an inferred segment copies the call’s times, http, aws and flags, with a derived id', () => {
  const [remote] = inferSegments(assembleTrace(lambdaTraceDocuments())).filter((s) => s.origin === 'remote');
  assert.deepEqual(remote, {
    id: inferredSegmentId(LAMBDA_IDS.httpApi),
    name: 'api.example.com',
    trace_id: LAMBDA_TRACE_ID,
    parent_id: LAMBDA_IDS.httpApi,
    start_time: 1_700_000_000.09,
    end_time: 1_700_000_000.4,
    origin: 'remote',
    inferred: true,
    http: { request: { method: 'GET', url: 'https://api.example.com/rates' }, response: { status: 503 } },
    fault: true,
  });
});

test('inferred ids are 16 hex, stable, and differ from the call id and between calls', () => {
  const id = inferredSegmentId('53995c3f42cd8ad8');
  assert.match(id, /^[0-9a-f]{16}$/);
  assert.equal(inferredSegmentId('53995c3f42cd8ad8'), id);
  assert.notEqual(id, '53995c3f42cd8ad8');
  assert.notEqual(inferredSegmentId('53995c3f42cd8ad9'), id);
});

test('an in-progress call infers an in-progress segment, and nested calls each infer their own', () => {
  const pending = makeSubsegment({ name: 'sqs', namespace: 'aws', in_progress: true, end_time: undefined });
  const nested = makeSubsegment({ name: 'db@host', namespace: 'remote', sql: { url: 'postgres://host/db' } });
  const outer = makeSubsegment({ name: 'payments.local', namespace: 'remote', subsegments: [nested] });
  const segment = makeSegment({ subsegments: [pending, outer] });
  const inferred = inferSegments(assembleTrace([segment]));
  assert.deepEqual(
    inferred.map((s) => [s.name, s.origin, s.in_progress ?? false, s.end_time === undefined]),
    [
      ['sqs', 'AWS::SQS', true, true],
      ['payments.local', 'remote', false, false],
      ['db@host', 'Database::SQL', false, false],
    ],
  );
});
