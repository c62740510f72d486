/**
 * Hostile input for every decoder: thousands of mutations of the recorded real-client payloads.
 * Whatever arrives, nothing throws, good documents sent beside bad ones all arrive, and every
 * refusal is counted with a reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MetricsRegistry } from '@roentgen/metrics';
import { IngestPipeline } from './ingest-pipeline.ts';
import { ingestMetricsFor } from './ingest-metrics.ts';
import { handleOtlpTraces } from './otlp/handle-otlp.ts';
import { handlePutTraceSegments } from './put-trace-segments.ts';
import { submitDatagrams } from './udp-receiver.ts';
import { OpenInMemoryStore } from './testing/fake-stores.ts';
import { readFixture, readFixtureDirectory, requestBody } from './testing/real-client-fixtures.ts';

const datagrams = readFixtureDirectory('xray-sdk-udp').map(([, bytes]) => new Uint8Array(bytes));
const otlpJson = new Uint8Array(requestBody('otlp/01-otlp-http-json.request.txt'));
const otlpProto = new Uint8Array(readFixture('otlp/02-otlp-http-proto.body.bin'));
const documentText = (datagram: Uint8Array): string =>
  Buffer.from(datagram).toString('utf8').split('\n').slice(1).join('\n');

/** Byte-level damage: truncation, flipped bytes, inserted junk, oversize padding. */
function mutatedBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    fc.tuple(seed, fc.nat()).map(([s, n]) => s.subarray(0, n % (s.length + 1))),
    fc
      .tuple(seed, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }))
      .map(([s, flips]) => {
        const copy = Uint8Array.from(s);
        for (const [at, value] of flips) if (copy.length > 0) copy[at % copy.length] = value;
        return copy;
      }),
    fc.tuple(seed, fc.uint8Array({ maxLength: 64 }), fc.nat()).map(([s, junk, at]) => {
      const cut = at % (s.length + 1);
      return Uint8Array.from([...s.subarray(0, cut), ...junk, ...s.subarray(cut)]);
    }),
    seed.map((s) => Uint8Array.from([...s, ...new Uint8Array(70_000).fill(0x20)])),
    fc.uint8Array({ maxLength: 300 }),
  );
}

/** Structural damage to JSON documents: wrong types, missing fields, bad IDs, deep nesting, many annotations. */
const hostileDocument = fc.oneof(
  fc.constantFrom(...datagrams.map(documentText)).chain((text) => {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const keys = Object.keys(doc);
    return fc.oneof(
      fc.constantFrom(...keys).map((k) => JSON.stringify({ ...doc, [k]: undefined })),
      fc.tuple(fc.constantFrom(...keys), fc.jsonValue()).map(([k, v]) => JSON.stringify({ ...doc, [k]: v })),
      fc.string().map((id) => JSON.stringify({ ...doc, id })),
      fc.nat({ max: 300 }).map((n) =>
        JSON.stringify({
          ...doc,
          annotations: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])),
        }),
      ),
    );
  }),
  fc.nat({ max: 200 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
);

function setup() {
  const metrics = new MetricsRegistry();
  const pipeline = new IngestPipeline({
    store: new OpenInMemoryStore(),
    metrics,
    flushIntervalMs: 1,
    maxBufferedDocuments: 1e7,
  });
  return { metrics, pipeline, counters: ingestMetricsFor(metrics) };
}

const rejectedTotal = (metrics: MetricsRegistry): number =>
  [...metrics.render().matchAll(/^roentgen_documents_rejected_total\{[^}]*reason="[^"]+"[^}]*\} (\d+)$/gm)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );

test('UDP: mutated datagrams never throw; good neighbours arrive; every refusal has a reason', () => {
  const { metrics, pipeline, counters } = setup();
  let sent = 0;
  fc.assert(
    fc.property(fc.array(mutatedBytes(datagrams), { maxLength: 5 }), (bad) => {
      submitDatagrams([...bad, ...datagrams], pipeline);
      sent += bad.length + datagrams.length;
    }),
    { numRuns: 1500 },
  );
  const accepted = counters.accepted.get({ protocol: 'udp' });
  assert.ok(accepted >= 1500 * datagrams.length, 'every good datagram was accepted');
  assert.equal(counters.received.get({ protocol: 'udp' }), accepted + rejectedTotal(metrics));
  assert.ok(sent >= accepted);
});

test('PutTraceSegments: hostile documents never throw, are listed and counted; good ones are kept', async () => {
  const { metrics, pipeline, counters } = setup();
  const good = datagrams.map(documentText);
  await fc.assert(
    fc.asyncProperty(fc.array(hostileDocument, { maxLength: 4 }), async (bad) => {
      const result = await handlePutTraceSegments({ TraceSegmentDocuments: [...bad, ...good] }, pipeline);
      assert.ok(result.UnprocessedTraceSegments.length <= bad.length);
      for (const entry of result.UnprocessedTraceSegments) assert.ok(entry.ErrorCode !== '' && entry.Message !== '');
    }),
    { numRuns: 1000 },
  );
  assert.ok(counters.accepted.get({ protocol: 'xray-api' }) >= 1000 * good.length);
  assert.equal(
    counters.received.get({ protocol: 'xray-api' }),
    counters.accepted.get({ protocol: 'xray-api' }) + rejectedTotal(metrics),
  );
});

test('OTLP: mutated JSON and protobuf bodies and content types are answered, never thrown', async () => {
  const { pipeline } = setup();
  const contentType = fc.constantFrom(
    'application/json',
    'application/x-protobuf',
    'text/plain',
    undefined,
    'APPLICATION/JSON; charset=utf-8',
  );
  await fc.assert(
    fc.asyncProperty(mutatedBytes([otlpJson, otlpProto]), contentType, async (body, type) => {
      const response = await handleOtlpTraces(body, type, pipeline);
      assert.ok([200, 400, 415].includes(response.status), `status ${response.status}`);
    }),
    { numRuns: 1500 },
  );
  // The untouched fixtures still go through after all that.
  assert.equal((await handleOtlpTraces(otlpJson, 'application/json', pipeline)).status, 200);
  assert.equal((await handleOtlpTraces(otlpProto, 'application/x-protobuf', pipeline)).status, 200);
});

test('OTLP: spans with hostile fields are rejected alone and counted', async () => {
  const { metrics, pipeline } = setup();
  const good = JSON.parse(Buffer.from(otlpJson).toString('utf8')) as {
    resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
  };
  const spans = good.resourceSpans[0]!.scopeSpans[0]!.spans;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        'traceId',
        'spanId',
        'parentSpanId',
        'startTimeUnixNano',
        'attributes',
        'events',
        'kind',
        'status',
      ),
      fc.jsonValue(),
      async (field, value) => {
        const hostile = { ...spans[1], spanId: '0123456789abcdef', [field]: value };
        const body = { resourceSpans: [{ ...good.resourceSpans[0], scopeSpans: [{ spans: [...spans, hostile] }] }] };
        const response = await handleOtlpTraces(
          new TextEncoder().encode(JSON.stringify(body)),
          'application/json',
          pipeline,
        );
        assert.equal(response.status, 200);
        const answer = JSON.parse(response.body as string) as { partialSuccess?: { rejectedSpans: number } };
        assert.ok((answer.partialSuccess?.rejectedSpans ?? 0) <= 1);
      },
    ),
    { numRuns: 1000 },
  );
  assert.ok(rejectedTotal(metrics) > 0);
});
