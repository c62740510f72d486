/**
 * OpenTelemetry JS calls a service traced by our SDK: a NodeTracerProvider with the AWS X-Ray
 * propagator, context carried by AsyncLocalStorage across an `await`, a CLIENT span around a
 * node:http call. OTel's spans go to Roentgen over OTLP, ours over UDP; BatchGetTraces must show one
 * trace whose segment from our SDK has the OTel client span as its parent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http, { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchGetTracesCommand } from '@aws-sdk/client-xray';
import { w3cTraceIdToXray } from '@roentgen/model';
import { createTracer, traceHttpServer, type Tracer } from '@roentgen/sdk';
import { eventually, startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

interface Document {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  subsegments?: Document[];
}

let roentgen: TestServer;
let tracer: Tracer;
let provider: NodeTracerProvider;
let service: Server;
let serviceUrl: string;
let lastHeaders: IncomingHttpHeaders = {};

before(async () => {
  roentgen = await startTestServer();
  tracer = createTracer({
    serviceName: 'inventory',
    daemonAddress: `tcp:127.0.0.1:${new URL(roentgen.baseUrl).port} udp:127.0.0.1:${roentgen.udpPort}`,
    // Our own decision would sample nothing: what is recorded below is the caller's decision.
    sampling: { rules: { version: 2, default: { fixed_target: 0, rate: 0 } }, centralized: false },
  });
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'otel-shop' }),
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${roentgen.baseUrl}/v1/traces` }))],
  });
  provider.register({ propagator: new AWSXRayPropagator() });
  service = createServer(
    traceHttpServer(tracer, (req, res) => {
      lastHeaders = req.headers;
      tracer.addAnnotation('sku', 'A-1');
      res.end('in stock');
    }),
  );
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});

after(async () => {
  service.close();
  await provider.shutdown();
  await tracer.shutdown();
  await roentgen.close();
});

/** A GET with the trace headers of the active OTel context, as OTel's http instrumentation would send them. */
function getWithActiveContext(url: string): Promise<{ status: number; traceHeader: string | undefined }> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, traceHeader: res.headers['x-amzn-trace-id'] as string }),
        );
      })
      .on('error', reject);
  });
}

test('an OTel client span with the X-Ray propagator continues into our segment', async () => {
  const otel = trace.getTracer('e2e');
  const { traceId, clientSpanId, status } = await otel.startActiveSpan('reserve-stock', async (root) => {
    // AsyncLocalStorage must carry the root span across this await.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return otel.startActiveSpan('GET inventory', { kind: SpanKind.CLIENT }, async (client) => {
      const response = await getWithActiveContext(`${serviceUrl}/stock/A-1`);
      client.setAttribute('http.response.status_code', response.status);
      client.end();
      root.end();
      return {
        traceId: client.spanContext().traceId,
        clientSpanId: client.spanContext().spanId,
        status: response.status,
      };
    });
  });
  assert.equal(status, 200);
  const xrayTraceId = w3cTraceIdToXray(traceId);
  assert.ok(xrayTraceId);
  assert.equal(lastHeaders['x-amzn-trace-id'], `Root=${xrayTraceId};Parent=${clientSpanId};Sampled=1`);

  const client = xrayClient(roentgen.baseUrl);
  const documents = await eventually(
    async () => {
      const out = await client.send(new BatchGetTracesCommand({ TraceIds: [xrayTraceId] }));
      const docs = (out.Traces?.[0]?.Segments ?? []).map((s) => JSON.parse(s.Document ?? '{}') as Document);
      return docs.some((d) => d.name === 'inventory') && docs.some((d) => d.name === 'otel-shop') ? docs : undefined;
    },
    5_000,
    'both services in the trace',
  );
  const ours = documents.find((d) => d.name === 'inventory');
  assert.ok(ours);
  assert.equal(ours.trace_id, xrayTraceId, 'same trace, the W3C id in X-Ray form');
  assert.equal(ours.parent_id, clientSpanId, 'parent = the OTel client span');
  const all = documents.flatMap(function flatten(d: Document): Document[] {
    return [d, ...(d.subsegments ?? []).flatMap(flatten)];
  });
  assert.ok(
    all.some((d) => d.id === clientSpanId),
    'the OTel client span itself is in the trace, so the parent link resolves',
  );
});

test('an unsampled OTel context is obeyed: our service records nothing but keeps the trace ID', async () => {
  const before = tracer.stats().sent;
  const unsampled = trace.wrapSpanContext({
    traceId: '5759e988bd862e3fe1be46a994272793',
    spanId: '53995c3f42cd8ad8',
    traceFlags: TraceFlags.NONE,
  });
  const response = await context.with(trace.setSpan(context.active(), unsampled), () =>
    getWithActiveContext(`${serviceUrl}/stock/B-2`),
  );
  assert.equal(
    lastHeaders['x-amzn-trace-id'],
    'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0',
  );
  assert.equal(response.traceHeader, 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0');
  await tracer.flush();
  assert.equal(tracer.stats().sent, before, 'nothing was sent for the unsampled request');
});
