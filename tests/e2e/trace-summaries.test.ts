/**
 * GetTraceSummaries end to end on the embedded DuckDB store: documents in through PutTraceSegments,
 * summaries kept current by the trace assembler, searched through the real @aws-sdk/client-xray.
 * Also the differential check of the pushdown path against the in-memory reference, and hostile
 * strings thrown through filter values into DuckDB's SQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetTraceSummariesCommand, InvalidRequestException, PutTraceSegmentsCommand } from '@aws-sdk/client-xray';
import { PageTokens, invalidRequest, jsonAction, startHttpServer, type RunningHttpServer } from '@roentgen/api';
import { queryRoutes } from '@roentgen/api';
import { IngestPipeline, RequestValidationError, handlePutTraceSegments } from '@roentgen/collector';
import { MetricsRegistry } from '@roentgen/metrics';
import { TraceAssembler } from '@roentgen/query';
import {
  HOSTILE_STRINGS,
  expectedIds,
  loadRandomTraces,
  pushdownDisagreements,
  quoted,
  searchAll,
} from '@roentgen/query/testing';
import { DuckDbTraceStore } from '@roentgen/storage-duckdb';
import { makeSegment } from '@roentgen/model/testing';
import { xrayClient } from '../support/xray-client.ts';

let store: DuckDbTraceStore;
let http: RunningHttpServer;
let assembler: TraceAssembler;
let pipeline: IngestPipeline;

before(async () => {
  store = new DuckDbTraceStore({ path: ':memory:' });
  await store.open();
  const metrics = new MetricsRegistry();
  pipeline = new IngestPipeline({ store, metrics, flushIntervalMs: 5 });
  assembler = new TraceAssembler({ store });
  assembler.attach(pipeline);
  http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    metrics,
    maxBodyBytes: 1 << 20,
    log: () => undefined,
    routes: [
      ...queryRoutes({ store, tokens: new PageTokens() }),
      {
        method: 'POST',
        path: '/TraceSegments',
        action: 'PutTraceSegments',
        handler: jsonAction(async (input) => {
          try {
            return await handlePutTraceSegments(input, pipeline);
          } catch (error) {
            if (error instanceof RequestValidationError) throw invalidRequest(error.message);
            throw error;
          }
        }),
      },
    ],
  });
});

after(async () => {
  await http.close();
  await pipeline.drain();
  await assembler.flush();
  await store.close();
});

const baseUrl = (): string => `http://127.0.0.1:${http.address.port}`;

test('responsetime > 1.5 returns exactly the slow traces, page after page', async () => {
  const client = xrayClient(baseUrl());
  const now = Date.now() / 1000;
  const slow: string[] = [];
  const documents: string[] = [];
  for (let i = 0; i < 12; i++) {
    const seconds = i % 2 === 0 ? 2 : 0.2;
    const segment = makeSegment({ name: 'checkout', start_time: now - 5 - seconds, end_time: now - 5 });
    if (seconds > 1.5) slow.push(segment.trace_id);
    documents.push(JSON.stringify(segment));
  }
  await client.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: documents }));
  await assembler.flush();

  const found: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const out = await client.send(
      new GetTraceSummariesCommand({
        StartTime: new Date((now - 60) * 1000),
        EndTime: new Date((now + 60) * 1000),
        FilterExpression: 'responsetime > 1.5',
        NextToken: token,
      }),
    );
    pages++;
    for (const summary of out.TraceSummaries ?? []) {
      found.push(summary.Id ?? '');
      assert.ok((summary.ResponseTime ?? 0) > 1.5);
      assert.equal(summary.Revision, 1);
      assert.ok(summary.EntryPoint?.Name === 'checkout');
    }
    assert.equal(typeof out.TracesProcessedCount, 'number');
    assert.ok(out.ApproximateTime instanceof Date);
    token = out.NextToken;
  } while (token);
  assert.deepEqual(found.sort(), slow.sort());
  assert.equal(pages, 1);
});

test('a bad filter raises InvalidRequestException with the caret message', async () => {
  const client = xrayClient(baseUrl());
  const now = Date.now() / 1000;
  await assert.rejects(
    client.send(
      new GetTraceSummariesCommand({
        StartTime: new Date((now - 60) * 1000),
        EndTime: new Date(now * 1000),
        FilterExpression: 'responstime > 1.5',
      }),
    ),
    (error) => {
      assert.ok(error instanceof InvalidRequestException);
      assert.match(error.message, /1:1: .*\n {2}responstime > 1\.5\n {2}\^+/);
      return true;
    },
  );
});

test('a window over 24 hours and a tampered NextToken are refused cleanly', async () => {
  const post = (body: object): Promise<Response> =>
    fetch(`${baseUrl()}/TraceSummaries`, { method: 'POST', body: JSON.stringify(body) });
  const long = await post({ StartTime: 1_800_000_000, EndTime: 1_800_000_000 + 25 * 3600 });
  assert.equal(long.status, 400);
  assert.match(((await long.json()) as { message: string }).message, /at most 24 hours/);
  const tampered = await post({ StartTime: 1_800_000_000, EndTime: 1_800_000_060, NextToken: 'eyJ0aW1lIjoxfQ.AAAA' });
  assert.equal(tampered.status, 400);
  assert.equal(tampered.headers.get('x-amzn-errortype'), 'InvalidRequestException');
});

test('DuckDB pushdown agrees with the in-memory reference on random expressions', async () => {
  const differential = new DuckDbTraceStore({ path: ':memory:' });
  await differential.open();
  try {
    const facts = await loadRandomTraces(differential, 7, 120);
    const { disagreements, checked, nonEmpty } = await pushdownDisagreements(differential, facts, 23, 150);
    assert.deepEqual(disagreements, []);
    assert.ok(checked >= 120 && nonEmpty > checked / 4);
  } finally {
    await differential.close();
  }
});

test('hostile strings in filter values reach DuckDB only as values: results stay exact', async () => {
  const differential = new DuckDbTraceStore({ path: ':memory:' });
  await differential.open();
  try {
    const facts = await loadRandomTraces(differential, 7, 120);
    for (const hostile of HOSTILE_STRINGS) {
      for (const text of [
        `annotation.customer = ${quoted(hostile)}`,
        `annotation.customer CONTAINS ${quoted(hostile)}`,
        `http.url BEGINSWITH ${quoted(hostile)} OR user = ${quoted(hostile)}`,
        `service(${quoted(hostile)}) OR !(annotation.customer != ${quoted(hostile)})`,
      ]) {
        assert.deepEqual((await searchAll(differential, text)).sort(), expectedIds(facts, text).sort(), text);
      }
    }
    assert.ok(expectedIds(facts, `annotation.customer = ${quoted("'; DROP TABLE trace_summaries; --")}`).length > 0);
    assert.equal((await searchAll(differential, 'duration >= 0')).length, 120, 'the table is still whole');
  } finally {
    await differential.close();
  }
});
