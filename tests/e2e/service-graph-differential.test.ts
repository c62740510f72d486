/**
 * Differential test of GetServiceGraph: for random traces sent in random batches through the trace
 * assembler into DuckDB (`:memory:`), the answer read from the pre-aggregated statistics equals the
 * graph computed from the raw segments of the same traces (`graphWindow` over `buildTraceGraph`),
 * restricted to the same window, for random windows aligned to the one-minute buckets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphRoutes, replyText, type Route } from '@roentgen/api';
import type { SegmentDocument } from '@roentgen/model';
import { TraceAssembler } from '@roentgen/query';
import { assembleTrace, buildTraceGraph, graphWindow, toServiceGraphResponse } from '@roentgen/service-map';
import type { DocumentRecord } from '@roentgen/storage';
import { GRAPH_BUCKET_SECONDS } from '@roentgen/storage';
import { DuckDbTraceStore } from '@roentgen/storage-duckdb';
import { toDocumentRecord } from '@roentgen/collector';
import { randomGraphTrace, SeededRandom } from './service-graph/random-graph-traces.ts';

/** Ten minutes of traffic starting on a minute boundary (an hour ago, so the assembler reads back). */
const FROM = Math.floor(Date.now() / 60_000) * 60 - 3600;
const SPREAD = 600;

/** Sends every trace's documents in its own order, interleaved with the others, in random batches. */
function batches(random: SeededRandom, traces: SegmentDocument[][]): SegmentDocument[][] {
  const queues = traces.map((documents) => [...documents]);
  const out: SegmentDocument[][] = [];
  let batch: SegmentDocument[] = [];
  for (;;) {
    const open = queues.filter((queue) => queue.length > 0);
    if (open.length === 0) break;
    batch.push(random.pick(open).shift() as SegmentDocument);
    if (random.chance(0.05)) {
      out.push(batch);
      batch = [];
    }
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

async function serviceGraph(routes: Route[], from: number, to: number): Promise<unknown> {
  const route = routes.find((r) => r.path === '/ServiceGraph');
  assert.ok(route);
  const reply = await route.handler({
    method: 'POST',
    path: '/ServiceGraph',
    query: new URLSearchParams(),
    headers: {},
    body: new TextEncoder().encode(JSON.stringify({ StartTime: from, EndTime: to })),
    requestId: 'differential',
  });
  return (JSON.parse(replyText(reply.body)) as { Services: unknown }).Services;
}

/** Drops `Root` members: the one difference left while the store keeps retracted root flags. */
function withoutRoot(services: unknown): unknown {
  return JSON.parse(JSON.stringify(services), (key, value: unknown) => (key === 'Root' ? undefined : value));
}

/**
 * Feeds 150 random traces through an assembler holding at most `maxTraces` (flushed after every batch
 * when that is fewer than the traces), then compares 12 random
 * windows; `compare` may normalise both sides first.
 */
async function differential(seed: number, maxTraces: number, compare: (services: unknown) => unknown): Promise<void> {
  // A small assembler is flushed after every batch: more than twice its size waiting would be shed.
  const flushChance = maxTraces < 150 ? 1 : 0.3;
  const random = new SeededRandom(seed);
  const traces = Array.from({ length: 150 }, (_, i) => randomGraphTrace(random, seed * 1000 + i, FROM, SPREAD));
  const store = new DuckDbTraceStore({ path: ':memory:' });
  await store.open();
  try {
    const assembler = new TraceAssembler({ store, maxTraces, logger: { warn: (m) => assert.fail(m) } });
    let receivedAt = FROM + SPREAD;
    for (const batch of batches(random, traces)) {
      receivedAt += 0.001;
      const records: DocumentRecord[] = batch.map((d) => toDocumentRecord(d, receivedAt));
      await store.appendDocuments(records);
      assembler.accept(records);
      if (random.chance(flushChance)) await assembler.flush();
    }
    await assembler.flush();
    const routes = graphRoutes({ store });
    const graphs = traces.map((documents) => buildTraceGraph(assembleTrace(documents)));
    for (let i = 0; i < 12; i++) {
      const first = random.int(SPREAD / GRAPH_BUCKET_SECONDS + 2) - 1;
      const minutes = 1 + random.int(SPREAD / GRAPH_BUCKET_SECONDS + 2 - first);
      const from = FROM + first * GRAPH_BUCKET_SECONDS;
      const to = from + minutes * GRAPH_BUCKET_SECONDS;
      const expected = toServiceGraphResponse(graphWindow(graphs, { from, to }), { accountId: '000000000000' });
      // Unaligned request times: the action widens them to the same whole minutes.
      const actual = await serviceGraph(routes, from + 0.25, to - 0.5);
      assert.deepEqual(compare(actual), compare(JSON.parse(JSON.stringify(expected))), `window [${from}, ${to})`);
    }
  } finally {
    await store.close();
  }
}

for (const seed of [1, 2, 3]) {
  test(`seed ${seed}: stored statistics equal the graph of the raw segments over random windows`, () =>
    differential(seed, 20_000, withoutRoot));
}

test('Root flags too', () => differential(1, 20_000, (services) => services));

// At most 40 traces held: most are evicted between their batches and restored from the store, so a
// late complete version must retract the share of the in-progress version it replaced.
for (const seed of [1, 2, 3]) test(`seed ${seed} with evictions`, () => differential(seed, 40, withoutRoot));
