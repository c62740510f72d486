/**
 * PutTraceSegments through the real @aws-sdk/client-xray: good documents are stored and readable,
 * bad ones come back one by one in UnprocessedTraceSegments with a reason, and a malformed request
 * raises the typed InvalidRequestException. Every rejection shows in /metrics.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchGetTracesCommand, InvalidRequestException, PutTraceSegmentsCommand } from '@aws-sdk/client-xray';
import { makeSegment } from '@roentgen/model/testing';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('good documents are stored, bad ones are listed with a reason, and nothing else is lost', async () => {
  const client = xrayClient(server.baseUrl);
  const good = makeSegment({ name: 'orders' });
  const alsoGood = makeSegment({ name: 'payments', trace_id: good.trace_id });
  const badTraceId = { ...makeSegment(), trace_id: '1-xyz' };
  const missingEnd = { ...makeSegment(), end_time: undefined };
  const out = await client.send(
    new PutTraceSegmentsCommand({
      TraceSegmentDocuments: [
        JSON.stringify(good),
        JSON.stringify(badTraceId),
        '{"truncated": ',
        JSON.stringify(missingEnd),
        JSON.stringify(alsoGood),
      ],
    }),
  );
  const unprocessed = out.UnprocessedTraceSegments ?? [];
  assert.equal(unprocessed.length, 3);
  assert.deepEqual(
    unprocessed.map((u) => u.ErrorCode),
    ['InvalidTraceId', 'JSONFormatError', 'MissingParam'],
  );
  assert.equal(unprocessed[0]?.Id, badTraceId.id);
  assert.match(unprocessed[0]?.Message ?? '', /trace_id/);
  assert.match(unprocessed[2]?.Message ?? '', /end_time/);

  // Acknowledged means stored: visible at once, no polling.
  const read = await client.send(new BatchGetTracesCommand({ TraceIds: [good.trace_id] }));
  const names = (read.Traces?.[0]?.Segments ?? []).map(
    (s) => (JSON.parse(s.Document ?? '{}') as { name: string }).name,
  );
  assert.deepEqual(names.sort(), ['orders', 'payments']);

  const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
  assert.match(metrics, /roentgen_documents_rejected_total\{[^}]*reason="InvalidTraceId"[^}]*\} 1/);
  assert.match(metrics, /roentgen_documents_rejected_total\{[^}]*reason="JSONFormatError"[^}]*\} 1/);
});

test('a request without TraceSegmentDocuments raises a typed InvalidRequestException', async () => {
  const client = xrayClient(server.baseUrl);
  await assert.rejects(
    client.send(new PutTraceSegmentsCommand({} as never)),
    (error: unknown) => error instanceof InvalidRequestException && /TraceSegmentDocuments/.test(error.message),
  );
});

test('malformed bodies, unknown paths and oversized bodies get X-Ray-shaped errors', async () => {
  const bad = await fetch(`${server.baseUrl}/Traces`, { method: 'POST', body: '{"TraceIds": [' });
  assert.equal(bad.status, 400);
  assert.equal(bad.headers.get('x-amzn-errortype'), 'InvalidRequestException');
  assert.match(((await bad.json()) as { message: string }).message, /not valid JSON/);

  const wrongType = await fetch(`${server.baseUrl}/Traces`, { method: 'POST', body: '{"TraceIds": "1-2-3"}' });
  assert.equal(wrongType.status, 400);
  assert.match(((await wrongType.json()) as { message: string }).message, /TraceIds must be a list of strings/);

  const unknown = await fetch(`${server.baseUrl}/NoSuchAction`, { method: 'POST', body: '{}' });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');

  const huge = await fetch(`${server.baseUrl}/TraceSegments`, { method: 'POST', body: 'x'.repeat(17 * 1024 * 1024) });
  assert.equal(huge.status, 413);

  const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
  assert.match(metrics, /roentgen_http_rejections_total\{action="BatchGetTraces",code="InvalidRequestException"\} 2/);
  assert.match(
    metrics,
    /roentgen_http_rejections_total\{action="PutTraceSegments",code="RequestEntityTooLargeException"\} 1/,
  );
});

test('health answers once the server is ready', async () => {
  const health = await fetch(`${server.baseUrl}/health`);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });
});
