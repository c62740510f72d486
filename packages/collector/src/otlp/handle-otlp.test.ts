import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsRegistry } from '@roentgen/metrics';
import type { DocumentRecord } from '@roentgen/storage';
import { IngestPipeline } from '../ingest-pipeline.ts';
import { ingestMetricsFor } from '../ingest-metrics.ts';
import { OpenInMemoryStore } from '../testing/fake-stores.ts';
import { readFixture, requestBody } from '../testing/real-client-fixtures.ts';
import { handleOtlpTraces } from './handle-otlp.ts';
import { ExportTraceServiceResponse, RpcStatus } from './otlp-proto-schema.ts';

const JSON_TYPE = 'application/json';
const TRACE = '1-ea050dad-85ccbddba668219331d48024';

function setup(maxBufferedDocuments = 100) {
  const store = new OpenInMemoryStore();
  const metrics = new MetricsRegistry();
  const pipeline = new IngestPipeline({ store, metrics, flushIntervalMs: 1, maxBufferedDocuments });
  return { store, metrics, pipeline };
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

function span(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    traceId: 'ea050dad85ccbddba668219331d48024',
    spanId: 'aaaaaaaaaaaaaaaa',
    name: 'work',
    kind: 1,
    startTimeUnixNano: '1795799306602000000',
    endTimeUnixNano: '1795799306603000000',
    ...overrides,
  };
}

const request = (spans: unknown[], service = 'svc') => ({
  resourceSpans: [
    { resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] },
  ],
});

async function documentsOf(store: OpenInMemoryStore): Promise<Record<string, unknown>[]> {
  const traces = await store.getTraceDocuments([TRACE]);
  return (traces.get(TRACE) ?? []).map((r: DocumentRecord) => JSON.parse(r.document) as Record<string, unknown>);
}

test('the recorded JSON request becomes one segment with the client span nested, committed before 200', async () => {
  const { store, pipeline } = setup();
  const response = await handleOtlpTraces(requestBody('otlp/01-otlp-http-json.request.txt'), JSON_TYPE, pipeline);
  assert.deepEqual(response, { status: 200, contentType: JSON_TYPE, body: '{}' });
  const [segment] = await documentsOf(store);
  assert.equal(segment?.name, 'otel-svc');
  assert.equal(segment?.fault, true);
  assert.deepEqual(segment?.http, { request: { method: 'GET', url: '/orders/1' }, response: { status: 500 } });
  const sub = (segment?.subsegments as Record<string, unknown>[])[0];
  assert.equal(sub?.namespace, 'remote');
  const cause = sub?.cause as { exceptions: { type: string; stack: unknown[] }[] };
  assert.equal(cause.exceptions[0]?.type, 'Error');
  assert.deepEqual(cause.exceptions[0]?.stack[0], { path: '/srv/app/example-svc/otel.js', line: 17 });
  assert.deepEqual((segment?.metadata as Record<string, unknown>)['otel.resource'], {
    'service.name': 'otel-svc',
    'service.version': '1.2.3',
    'deployment.environment': 'test',
  });
});

test('the recorded protobuf body is decoded alike and answered with an empty protobuf response', async () => {
  const { store, pipeline } = setup();
  const response = await handleOtlpTraces(
    readFixture('otlp/02-otlp-http-proto.body.bin'),
    'application/x-protobuf',
    pipeline,
  );
  assert.equal(response.status, 200);
  assert.equal(response.contentType, 'application/x-protobuf');
  assert.equal((response.body as Uint8Array).byteLength, 0);
  assert.equal((await store.stats()).documents, 1);
});

test('bad spans are rejected alone and reported as partial success', async () => {
  const { store, metrics, pipeline } = setup();
  const body = request([
    span({}),
    span({ spanId: 'xyz' }),
    span({ spanId: 'bbbbbbbbbbbbbbbb', traceId: '0'.repeat(32) }),
  ]);
  const response = await handleOtlpTraces(encode(body), JSON_TYPE, pipeline);
  const parsed = JSON.parse(response.body as string) as {
    partialSuccess: { rejectedSpans: number; errorMessage: string };
  };
  assert.equal(parsed.partialSuccess.rejectedSpans, 2);
  assert.match(parsed.partialSuccess.errorMessage, /InvalidSegmentId/);
  assert.equal((await documentsOf(store)).length, 1);
  const counters = ingestMetricsFor(metrics);
  assert.equal(counters.rejected.get({ protocol: 'otlp', reason: 'InvalidTraceId' }), 1);
});

test('children nest under a parent of the same service; others become independent subsegments', async () => {
  const { store, pipeline } = setup();
  const body = request([
    span({ spanId: '1000000000000001', kind: 2, attributes: [{ key: 'http.status_code', value: { intValue: 429 } }] }),
    span({
      spanId: '1000000000000002',
      parentSpanId: '1000000000000001',
      kind: 3,
      attributes: [
        { key: 'rpc.system', value: { stringValue: 'aws-api' } },
        { key: 'rpc.service', value: { stringValue: 'DynamoDB' } },
        { key: 'rpc.method', value: { stringValue: 'GetItem' } },
        { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }] } } },
      ],
    }),
    span({ spanId: '1000000000000003', parentSpanId: '9999999999999999' }),
  ]);
  const response = await handleOtlpTraces(encode(body), JSON_TYPE, pipeline);
  assert.equal(response.status, 200);
  const documents = await documentsOf(store);
  const segment = documents.find((d) => d.id === '1000000000000001');
  assert.deepEqual([segment?.error, segment?.throttle, segment?.fault], [true, true, undefined]);
  const [aws] = segment?.subsegments as Record<string, unknown>[];
  assert.deepEqual(
    [aws?.name, aws?.namespace, (aws?.aws as { operation: string }).operation],
    ['DynamoDB', 'aws', 'GetItem'],
  );
  assert.deepEqual((aws?.metadata as { default: unknown }).default, { tags: ['a'] });
  assert.equal((aws?.annotations as Record<string, unknown>).rpc_system, 'aws-api');
  const orphan = documents.find((d) => d.id === '1000000000000003');
  assert.deepEqual([orphan?.type, orphan?.parent_id, orphan?.trace_id], ['subsegment', '9999999999999999', TRACE]);
});

test('undecodable bodies get 400 with a Status, unknown types 415, a full buffer 503', async () => {
  const { pipeline } = setup(1);
  const bad = await handleOtlpTraces(encode({ resourceSpans: 5 }), JSON_TYPE, pipeline);
  assert.equal(bad.status, 400);
  assert.match((JSON.parse(bad.body as string) as { message: string }).message, /resourceSpans/);
  const badProto = await handleOtlpTraces(Uint8Array.of(0x0a, 0xff, 0xff), 'application/x-protobuf', pipeline);
  assert.equal(badProto.status, 400);
  assert.equal(RpcStatus.decode(badProto.body as Uint8Array).toJSON().code, 3);
  assert.equal((await handleOtlpTraces(encode({}), 'text/plain', pipeline)).status, 415);
  assert.equal((await handleOtlpTraces(encode({}), undefined, pipeline)).status, 415);
  const two = request([span({}), span({ spanId: 'bbbbbbbbbbbbbbbb' })]);
  assert.equal((await handleOtlpTraces(encode(two), 'application/json; charset=utf-8', pipeline)).status, 503);
});

// ExportTraceServiceRequest with one span whose trace id is 1 byte and span id 2 bytes: readable, rejected alone.
const PROTO_WITH_BAD_SPAN = Uint8Array.of(0x0a, 0x0b, 0x12, 0x09, 0x12, 0x07, 0x0a, 0x01, 0x01, 0x12, 0x02, 0x01, 0x02);

test('protobuf partial success is encoded in the response message', async () => {
  const { pipeline } = setup();
  const response = await handleOtlpTraces(PROTO_WITH_BAD_SPAN, 'application/x-protobuf', pipeline);
  assert.equal(response.status, 200);
  const decoded = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(response.body as Uint8Array), {
    longs: Number,
  }) as { partialSuccess?: { rejectedSpans: number; errorMessage: string } };
  assert.equal(decoded.partialSuccess?.rejectedSpans, 1);
  assert.match(String(decoded.partialSuccess?.errorMessage), /InvalidTraceId/);
});
