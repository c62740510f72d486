/**
 * The service graph of traffic recorded by real instrumentation: `aws-xray-sdk-core` (an HTTP
 * call between two services, over UDP) and the OpenTelemetry OTLP exporters (two services and an
 * unanswered call), read back with GetServiceGraph from `@aws-sdk/client-xray`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import AWSXRay from 'aws-xray-sdk-core';
import { ROOT_CONTEXT, SpanKind, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { GetServiceGraphCommand, type Service, type XRayClient } from '@aws-sdk/client-xray';
import { eventually, startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';
import { graphEndpoint } from './service-graph/graph-endpoint.ts';
import { edgeTo, histogramCount, nodeOf, stats } from './service-graph/graph-assertions.ts';

let server: TestServer;
let graph: { url: string; close: () => Promise<void> };
let client: XRayClient;
/** The graph test (b) read, for the test after it. */
let sdkGraph: Service[] = [];

before(async () => {
  server = await startTestServer();
  graph = await graphEndpoint(server);
  client = xrayClient(graph.url);
});
after(async () => {
  await graph.close();
  await server.close();
});

/** The graph of the last five minutes once `ready` holds for it. */
function currentGraph(ready: (services: Service[]) => boolean): Promise<Service[]> {
  const now = Date.now();
  return eventually(
    async () => {
      const out = await client.send(
        new GetServiceGraphCommand({ StartTime: new Date(now - 300_000), EndTime: new Date(now + 60_000) }),
      );
      return ready(out.Services ?? []) ? (out.Services ?? []) : undefined;
    },
    5_000,
    'the service graph',
  );
}

async function listen(handler: http.RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
  const listener = http.createServer(handler);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    port: (listener.address() as AddressInfo).port,
    close: () => new Promise((resolve) => listener.close(() => resolve())),
  };
}

function get(client: typeof http, port: number, path: string, segment: AWSXRay.Segment): Promise<void> {
  return new Promise((resolve, reject) => {
    // Manual mode: the SDK finds the parent segment in the request options.
    const options = { host: '127.0.0.1', port, path, XRaySegment: segment } as http.RequestOptions;
    client.get(options, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}

test('(b) aws-xray-sdk-core over UDP: inventory calls pricing (traced) and an uninstrumented API', async () => {
  AWSXRay.setLogger({ error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined });
  AWSXRay.setDaemonAddress(`127.0.0.1:${server.udpPort}`);
  AWSXRay.enableManualMode();
  AWSXRay.middleware.setDefaultName('pricing');
  const pricing = await listen((req, res) => {
    AWSXRay.middleware.traceRequestResponseCycle(req, res);
    res.statusCode = req.url === '/throttled' ? 429 : 200;
    res.end('ok');
  });
  const plain = await listen((_req, res) => res.end('plain'));
  const traced = AWSXRay.captureHTTPs(http, true);
  for (const path of ['/price', '/price', '/throttled']) {
    const segment = new AWSXRay.Segment('inventory');
    await get(traced, pricing.port, path, segment);
    await get(traced, plain.port, '/stock', segment);
    segment.close();
  }
  await pricing.close();
  await plain.close();

  const services = await currentGraph((s) => {
    const node = s.find((n) => n.Name === 'inventory' && n.Type === undefined);
    return (
      node?.SummaryStatistics?.TotalCount === 3 &&
      s.find((n) => n.Name === 'pricing')?.SummaryStatistics?.TotalCount === 3
    );
  });
  const clientNode = nodeOf(services, 'inventory', 'client');
  const inventory = nodeOf(services, 'inventory', undefined);
  assert.equal(inventory.Root, true);
  assert.equal(inventory.State, 'active');
  assert.deepEqual(stats(edgeTo(services, clientNode, inventory).SummaryStatistics), {
    ok: 3,
    error: 0,
    throttle: 0,
    fault: 0,
    total: 3,
  });
  assert.deepEqual(stats(inventory.SummaryStatistics), { ok: 3, error: 0, throttle: 0, fault: 0, total: 3 });
  assert.equal(histogramCount(inventory.ResponseTimeHistogram), 3);

  const pricingNode = nodeOf(services, 'pricing', undefined);
  sdkGraph = services;
  assert.deepEqual(stats(pricingNode.SummaryStatistics), { ok: 2, error: 0, throttle: 1, fault: 0, total: 3 });
  const call = edgeTo(services, inventory, pricingNode);
  assert.deepEqual(
    stats(call.SummaryStatistics),
    { ok: 2, error: 0, throttle: 1, fault: 0, total: 3 },
    "the caller's view",
  );
  assert.equal(histogramCount(call.ResponseTimeHistogram), 3);

  const api = nodeOf(services, '127.0.0.1', 'remote');
  assert.equal(api.State, 'unknown');
  assert.deepEqual(stats(edgeTo(services, inventory, api).SummaryStatistics), {
    ok: 3,
    error: 0,
    throttle: 0,
    fault: 0,
    total: 3,
  });
  assert.deepEqual(stats(api.SummaryStatistics), { ok: 3, error: 0, throttle: 0, fault: 0, total: 3 });
});

test('(b) the downstream service is not Root', () => {
  assert.equal(nodeOf(sdkGraph, 'pricing', undefined).Root, undefined);
});

function providerFor(exporter: SpanExporter, serviceName: string): BasicTracerProvider {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
}

/** One request into `catalog`: a call to `search` (its own OTLP service) and one to `reviews.example`. */
function recordRequest(catalog: Tracer, search: Tracer, startMs: number, searchFails: boolean): void {
  const at = (ms: number) => new Date(startMs + ms);
  const status = searchFails ? 500 : 200;
  const root = catalog.startSpan(
    'GET /catalog',
    {
      kind: SpanKind.SERVER,
      startTime: at(0),
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': status },
    },
    ROOT_CONTEXT,
  );
  const inRoot = trace.setSpan(ROOT_CONTEXT, root);
  const call = catalog.startSpan(
    'GET',
    {
      kind: SpanKind.CLIENT,
      startTime: at(10),
      attributes: {
        'server.address': 'search.internal',
        'http.request.method': 'GET',
        'http.response.status_code': status,
      },
    },
    inRoot,
  );
  const served = search.startSpan(
    'GET /search',
    {
      kind: SpanKind.SERVER,
      startTime: at(20),
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': status },
    },
    trace.setSpan(ROOT_CONTEXT, call),
  );
  served.end(at(60));
  call.end(at(70));
  const reviews = catalog.startSpan(
    'GET',
    {
      kind: SpanKind.CLIENT,
      startTime: at(75),
      attributes: {
        'server.address': 'reviews.example',
        'http.request.method': 'GET',
        'http.response.status_code': 503,
      },
    },
    inRoot,
  );
  reviews.end(at(95));
  root.end(at(100));
}

test('(c) OTLP: catalog calls search (both exporting spans) and an unanswered reviews API', async () => {
  const catalogProvider = providerFor(new JsonExporter({ url: `${server.baseUrl}/v1/traces` }), 'catalog');
  const searchProvider = providerFor(new ProtoExporter({ url: `${server.baseUrl}/v1/traces` }), 'search');
  const start = Date.now() - 2_000;
  for (let i = 0; i < 3; i++) {
    recordRequest(catalogProvider.getTracer('e2e'), searchProvider.getTracer('e2e'), start + i * 200, i === 2);
  }
  await Promise.all([catalogProvider.shutdown(), searchProvider.shutdown()]);

  // Each span is exported on its own: wait until every node has all three requests.
  const services = await currentGraph((s) =>
    ['catalog', 'search', 'reviews.example'].every(
      (name) => s.find((n) => n.Name === name && n.Type !== 'client')?.SummaryStatistics?.TotalCount === 3,
    ),
  );
  const catalog = nodeOf(services, 'catalog', undefined);
  assert.equal(catalog.Root, true);
  assert.deepEqual(stats(catalog.SummaryStatistics), { ok: 2, error: 0, throttle: 0, fault: 1, total: 3 });
  assert.deepEqual(catalog.ResponseTimeHistogram, [{ Value: 0.1, Count: 3 }]);
  assert.deepEqual(stats(edgeTo(services, nodeOf(services, 'catalog', 'client'), catalog).SummaryStatistics), {
    ok: 2,
    error: 0,
    throttle: 0,
    fault: 1,
    total: 3,
  });

  const search = nodeOf(services, 'search', undefined);
  assert.deepEqual(stats(search.SummaryStatistics), { ok: 2, error: 0, throttle: 0, fault: 1, total: 3 });
  assert.deepEqual(search.ResponseTimeHistogram, [{ Value: 0.04, Count: 3 }]);
  const call = edgeTo(services, catalog, search);
  assert.deepEqual(stats(call.SummaryStatistics), { ok: 2, error: 0, throttle: 0, fault: 1, total: 3 });
  assert.deepEqual(call.ResponseTimeHistogram, [{ Value: 0.06, Count: 3 }], "the caller's view");

  const reviews = nodeOf(services, 'reviews.example', 'remote');
  assert.deepEqual(stats(edgeTo(services, catalog, reviews).SummaryStatistics), {
    ok: 0,
    error: 0,
    throttle: 0,
    fault: 3,
    total: 3,
  });
  assert.deepEqual(reviews.ResponseTimeHistogram, [{ Value: 0.02, Count: 3 }]);
  assert.deepEqual(search.Edges, []);
});
