/**
 * The official OpenTelemetry OTLP exporters (JSON over HTTP and protobuf over HTTP) send spans to
 * Roentgen's /v1/traces; BatchGetTraces returns them mapped to X-Ray segments and subsegments.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { BatchGetTracesCommand } from '@aws-sdk/client-xray';
import { w3cTraceIdToXray } from '@roentgen/model';
import { eventually, startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

interface MappedDocument {
  name: string;
  id: string;
  parent_id?: string;
  fault?: boolean;
  error?: boolean;
  http?: { request?: { method?: string }; response?: { status?: number } };
  annotations?: Record<string, unknown>;
  subsegments?: MappedDocument[];
  cause?: { exceptions?: { message?: string }[] };
}

function providerFor(exporter: SpanExporter, serviceName: string) {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
}

function recordRequest(tracer: Tracer): string {
  // The parent is passed explicitly: a bare provider registers no context manager.
  const server = tracer.startSpan('GET /orders', { kind: SpanKind.SERVER }, ROOT_CONTEXT);
  server.setAttribute('http.request.method', 'GET');
  server.setAttribute('http.response.status_code', 500);
  server.setAttribute('customer', 'acme');
  const query = tracer.startSpan('SELECT orders', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, server));
  query.recordException(new Error('connection reset'));
  query.setStatus({ code: SpanStatusCode.ERROR, message: 'connection reset' });
  query.end();
  server.setStatus({ code: SpanStatusCode.ERROR });
  server.end();
  return server.spanContext().traceId;
}

for (const [format, Exporter] of [
  ['json', JsonExporter],
  ['protobuf', ProtoExporter],
] as const) {
  test(`spans from the ${format} exporter come back as segments`, async () => {
    const exporter = new Exporter({ url: `${server.baseUrl}/v1/traces` });
    const provider = providerFor(exporter, `orders-${format}`);
    const traceId = recordRequest(provider.getTracer('e2e'));
    await provider.forceFlush();
    await provider.shutdown();

    const xrayTraceId = w3cTraceIdToXray(traceId);
    assert.ok(xrayTraceId);
    const client = xrayClient(server.baseUrl);
    const trace = await eventually(async () => {
      const out = await client.send(new BatchGetTracesCommand({ TraceIds: [xrayTraceId] }));
      return out.Traces?.[0];
    });
    const documents = (trace.Segments ?? []).map((s) => JSON.parse(s.Document ?? '{}') as MappedDocument);
    const segment = documents.find((d) => d.name === `orders-${format}`);
    assert.ok(segment, `a segment named after service.name among ${documents.map((d) => d.name).join(', ')}`);
    assert.equal(segment.http?.request?.method, 'GET');
    assert.equal(segment.http?.response?.status, 500);
    assert.equal(segment.fault, true);
    assert.equal(segment.annotations?.['customer'], 'acme');
    const query = segment.subsegments?.find((s) => s.name === 'SELECT orders');
    assert.ok(query, 'the CLIENT span is a subsegment of the SERVER span');
    assert.equal(query.cause?.exceptions?.[0]?.message, 'connection reset');
  });
}

test('an undecodable OTLP payload gets 400, an unknown content type 415', async () => {
  const garbage = await fetch(`${server.baseUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]),
  });
  assert.equal(garbage.status, 400);
  const wrongType = await fetch(`${server.baseUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: 'hello',
  });
  assert.equal(wrongType.status, 415);
});
