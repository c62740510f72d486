import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsRegistry } from '@roentgen/metrics';
import { IngestPipeline } from './ingest-pipeline.ts';
import { ingestMetricsFor } from './ingest-metrics.ts';
import { RequestValidationError, handlePutTraceSegments } from './put-trace-segments.ts';
import { FailingStore, OpenInMemoryStore } from './testing/fake-stores.ts';
import { requestBody } from './testing/real-client-fixtures.ts';

const TRACE = '1-581cf771-a006649127e371903a2de979';
const makeSegment = (overrides: Record<string, unknown> = {}): string =>
  JSON.stringify({
    name: 'svc',
    id: '70de5b6f19ff9a0a',
    trace_id: TRACE,
    start_time: 1478293361.271,
    end_time: 1478293361.449,
    ...overrides,
  });

function setup(options: { maxBufferedDocuments?: number } = {}) {
  const store = new OpenInMemoryStore();
  const metrics = new MetricsRegistry();
  const pipeline = new IngestPipeline({ store, metrics, flushIntervalMs: 1, ...options });
  return { store, metrics, pipeline };
}

test('the recorded client-xray request is committed before the answer', async () => {
  const { store, pipeline } = setup();
  const body: unknown = JSON.parse(requestBody('xray-api/04-PutTraceSegments.request.txt').toString('utf8'));
  const result = await handlePutTraceSegments(body, pipeline, 1_800_000_000);
  assert.deepEqual(result, { UnprocessedTraceSegments: [] });
  const [record] = (await store.getTraceDocuments([TRACE])).get(TRACE) ?? [];
  assert.equal(record?.id, '70de5b6f19ff9a0a');
  assert.equal(record?.receivedAt, 1_800_000_000);
});

test('bad documents are listed with Id, code and message; the good ones beside them are kept', async () => {
  const { store, metrics, pipeline } = setup();
  const result = await handlePutTraceSegments(
    {
      TraceSegmentDocuments: [
        makeSegment({ id: '1111111111111111' }),
        makeSegment({ id: '2222222222222222', trace_id: 'nope' }),
        '{not json',
        makeSegment({ id: '3333333333333333', end_time: undefined }),
        makeSegment({ id: '4444444444444444' }),
      ],
    },
    pipeline,
  );
  assert.deepEqual(
    result.UnprocessedTraceSegments.map(({ Id, ErrorCode }) => [Id, ErrorCode]),
    [
      ['2222222222222222', 'InvalidTraceId'],
      [undefined, 'JSONFormatError'],
      ['3333333333333333', 'MissingParam'],
    ],
  );
  assert.match(result.UnprocessedTraceSegments[0]?.Message ?? '', /trace_id/);
  const ids = (await store.getTraceDocuments([TRACE])).get(TRACE)?.map((r) => r.id);
  assert.deepEqual(ids?.sort(), ['1111111111111111', '4444444444444444']);
  const counters = ingestMetricsFor(metrics);
  assert.equal(counters.rejected.get({ protocol: 'xray-api', reason: 'InvalidTraceId' }), 1);
  assert.equal(counters.received.get({ protocol: 'xray-api' }), 5);
});

test('a malformed request throws RequestValidationError with a clear message', async () => {
  const { pipeline } = setup();
  for (const body of [null, [], {}, { TraceSegmentDocuments: 'x' }, { TraceSegmentDocuments: ['{}', 5] }]) {
    await assert.rejects(handlePutTraceSegments(body, pipeline), RequestValidationError);
  }
  await assert.rejects(handlePutTraceSegments({ TraceSegmentDocuments: ['{}', 5] }, pipeline), /\[1\].*number/);
});

test('documents that do not fit in the buffer come back as ThrottledException', async () => {
  const { pipeline } = setup({ maxBufferedDocuments: 1 });
  const result = await handlePutTraceSegments(
    { TraceSegmentDocuments: [makeSegment({ id: 'aaaaaaaaaaaaaaaa' }), makeSegment({ id: 'bbbbbbbbbbbbbbbb' })] },
    pipeline,
  );
  assert.deepEqual(
    result.UnprocessedTraceSegments.map((u) => [u.Id, u.ErrorCode]),
    [['bbbbbbbbbbbbbbbb', 'ThrottledException']],
  );
});

test('a store failure is reported per document, not thrown', async () => {
  const pipeline = new IngestPipeline({
    store: new FailingStore(),
    metrics: new MetricsRegistry(),
    flushIntervalMs: 1,
    logger: { warn: () => undefined },
  });
  const result = await handlePutTraceSegments({ TraceSegmentDocuments: [makeSegment()] }, pipeline);
  assert.deepEqual(
    result.UnprocessedTraceSegments.map((u) => u.ErrorCode),
    ['InternalFailure'],
  );
});
