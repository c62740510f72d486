/**
 * The official aws-xray-sdk-core sends segments to Roentgen's UDP port, and the official
 * @aws-sdk/client-xray reads them back with BatchGetTraces: what was sent is what comes back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import AWSXRay from 'aws-xray-sdk-core';
import { BatchGetTracesCommand } from '@aws-sdk/client-xray';
import { eventually, startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

let server: TestServer;

before(async () => {
  server = await startTestServer();
  AWSXRay.setLogger({ error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined });
  AWSXRay.setDaemonAddress(`127.0.0.1:${server.udpPort}`);
  AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
});
after(() => server.close());

interface SentDocument {
  id: string;
  name: string;
  annotations?: Record<string, unknown>;
  metadata?: Record<string, Record<string, unknown>>;
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
  fault?: boolean;
  error?: boolean;
  cause?: { exceptions?: { message?: string; type?: string }[] };
  subsegments?: SentDocument[];
  parent_id?: string;
  trace_id?: string;
}

async function fetchTrace(traceId: string) {
  const client = xrayClient(server.baseUrl);
  return eventually(
    async () => {
      const out = await client.send(new BatchGetTracesCommand({ TraceIds: [traceId] }));
      return out.Traces?.[0];
    },
    5_000,
    `trace ${traceId} to be visible`,
  );
}

test('a segment with subsegments, annotations, metadata, an error and HTTP data round-trips', async () => {
  const segment = new AWSXRay.Segment('checkout-service');
  segment.addAnnotation('customer', 'acme');
  segment.addAnnotation('items', 3);
  segment.addAnnotation('vip', true);
  segment.addMetadata('cart', { lines: [1, 2] }, 'debug');
  segment.setUser('alice');
  const work = segment.addNewSubsegment('load-cart');
  work.addAnnotation('cache', 'miss');
  work.close();
  const failing = segment.addNewSubsegment('charge-card');
  failing.addError(new Error('card declined'));
  failing.close();
  (segment as unknown as { http: unknown }).http = {
    request: { method: 'POST', url: 'http://shop.example/checkout', client_ip: '10.0.0.1' },
    response: { status: 502 },
  };
  segment.addFaultFlag();
  segment.close();

  const trace = await fetchTrace(segment.trace_id);
  assert.equal(trace.Id, segment.trace_id);
  assert.equal(trace.Segments?.length, 1);
  const document = JSON.parse(trace.Segments?.[0]?.Document ?? '{}') as SentDocument & { user?: string };
  assert.equal(document.id, segment.id);
  assert.equal(document.name, 'checkout-service');
  assert.deepEqual(document.annotations, { customer: 'acme', items: 3, vip: true });
  assert.deepEqual(document.metadata?.['debug'], { cart: { lines: [1, 2] } });
  assert.equal(document.user, 'alice');
  assert.equal(document.http?.request?.method, 'POST');
  assert.equal(document.http?.response?.status, 502);
  assert.equal(document.fault, true);
  const names = (document.subsegments ?? []).map((s) => s.name).sort();
  assert.deepEqual(names, ['charge-card', 'load-cart']);
  const charge = document.subsegments?.find((s) => s.name === 'charge-card');
  assert.equal(charge?.fault, true);
  assert.equal(charge?.cause?.exceptions?.[0]?.message, 'card declined');
  assert.ok((trace.Duration ?? -1) >= 0);
});

test('streamed (independent) subsegments are merged into their parent segment on read', async () => {
  AWSXRay.setStreamingThreshold(0);
  try {
    const segment = new AWSXRay.Segment('streaming-service');
    const outer = segment.addNewSubsegment('outer');
    const inner = outer.addNewSubsegment('inner');
    inner.close();
    outer.close();
    segment.close();
    const trace = await eventually(async () => {
      const t = await fetchTrace(segment.trace_id);
      const doc = JSON.parse(t.Segments?.[0]?.Document ?? '{}') as SentDocument;
      return doc.subsegments?.[0]?.subsegments?.length ? t : undefined;
    });
    assert.equal(trace.Segments?.length, 1, 'one document per real segment');
    const document = JSON.parse(trace.Segments?.[0]?.Document ?? '{}') as SentDocument;
    assert.equal(document.subsegments?.[0]?.name, 'outer');
    assert.equal(document.subsegments?.[0]?.subsegments?.[0]?.name, 'inner');
  } finally {
    AWSXRay.setStreamingThreshold(100);
  }
});

test('unknown and malformed trace IDs come back as UnprocessedTraceIds', async () => {
  const client = xrayClient(server.baseUrl);
  const out = await client.send(
    new BatchGetTracesCommand({ TraceIds: ['1-00000000-000000000000000000000000', 'not-a-trace-id'] }),
  );
  assert.deepEqual(out.Traces, []);
  assert.deepEqual(out.UnprocessedTraceIds?.sort(), ['1-00000000-000000000000000000000000', 'not-a-trace-id']);
});
