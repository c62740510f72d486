/**
 * Service-graph benchmark (issue 5): N traces of realistic shape (5-30 services each) spread over
 * six hours go through the ingest pipeline and the trace assembler into the embedded DuckDB store,
 * so the per-minute aggregates are the real ones. Then GetServiceGraph over the last hour and over
 * all six (p50/p99 of 20 runs) beside the same graph computed from the raw segments in the same run,
 * and the ingest cost of the aggregation: documents/s with the assembler attached and without.
 * Run: `node --import tsx bench/service-graph.bench.ts [--traces N] [--raw-runs R] [--ingest-traces M]`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { graphRoutes } from '@roentgen/api';
import { IngestPipeline, toDocumentRecord } from '@roentgen/collector';
import { MetricsRegistry } from '@roentgen/metrics';
import type { SegmentDocument } from '@roentgen/model';
import { TraceAssembler } from '@roentgen/query';
import { assembleTrace, buildTraceGraph, graphWindow, toServiceGraphResponse } from '@roentgen/service-map';
import type { DocumentRecord, EdgeStatsRow, NodeStatsRow, TimeWindow, TraceStore } from '@roentgen/storage';
import { sumGraphStats } from '@roentgen/storage';
import { DuckDbTraceStore } from '@roentgen/storage-duckdb';
import { temporaryDirectory } from '../tests/support/test-server.ts';
import { peakRssMiB, percentile, progress, progressDone, recordResults } from './support/bench-report.ts';
import { shapedTrace } from './support/trace-shapes.ts';

const { values } = parseArgs({
  options: { traces: { type: 'string' }, 'raw-runs': { type: 'string' }, 'ingest-traces': { type: 'string' } },
});
const traceCount = Number(values.traces ?? 100_000);
const rawRuns = Number(values['raw-runs'] ?? 3);
const ingestTraces = Number(values['ingest-traces'] ?? Math.min(traceCount, 10_000));
const QUERY_RUNS = 20;
const SPAN_SECONDS = 6 * 3600;
const END = Math.floor(Date.now() / 60_000) * 60;
const FROM = END - SPAN_SECONDS;
const quiet = { warn: (message: string) => process.stderr.write(`${message}\n`) };

let seed = 20_261_127;
/** Park-Miller: the same traces on every run of the benchmark. */
function random(): number {
  seed = (seed * 16_807) % 2_147_483_647;
  return seed / 2_147_483_647;
}

/** Records of `count` traces, made `perCall` traces at a time; trace IDs carry the wall clock, like live traffic. */
function* recordBatches(count: number, perCall: number): Generator<DocumentRecord[]> {
  for (let done = 0; done < count; done += perCall) {
    const now = Date.now() / 1000;
    const records: DocumentRecord[] = [];
    for (let i = done; i < Math.min(count, done + perCall); i++) {
      for (const document of shapedTrace(FROM + random() * SPAN_SECONDS, now, random)) {
        records.push(toDocumentRecord(document as unknown as SegmentDocument, now));
      }
    }
    yield records;
  }
}

async function openStore(): Promise<{ store: DuckDbTraceStore; remove: () => void }> {
  const dir = temporaryDirectory('roentgen-bench-graph-');
  const store = new DuckDbTraceStore({ path: join(dir.path, 'bench.duckdb') });
  await store.open();
  return { store, remove: dir.remove };
}

/** Pushes batches through a pipeline (and the assembler when asked) into `store`; documents/s until all is derived. */
async function ingest(store: TraceStore, batches: Iterable<DocumentRecord[]>, withAssembler: boolean, label: string) {
  const pipeline = new IngestPipeline({ store, metrics: new MetricsRegistry(), logger: quiet });
  const assembler = withAssembler ? new TraceAssembler({ store, logger: quiet }) : undefined;
  assembler?.attach(pipeline);
  const inFlight: Promise<void>[] = [];
  let documents = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const records of batches) {
    let result = pipeline.submit(records, 'xray-api', { allOrNothing: true });
    while (result.accepted === 0) {
      await (inFlight.shift() ?? new Promise((r) => setTimeout(r, 5)));
      result = pipeline.submit(records, 'xray-api', { allOrNothing: true });
    }
    inFlight.push(result.durable);
    if (inFlight.length > 8) await inFlight.shift();
    documents += records.length;
    if (documents % 50_000 < records.length) progress(`${label}: ${documents.toLocaleString()} documents`);
  }
  await Promise.all(inFlight);
  await pipeline.drain();
  await assembler?.flush();
  const seconds = (performance.now() - started) / 1000;
  progressDone();
  return {
    documents,
    seconds: Number(seconds.toFixed(1)),
    perSecond: Math.round(documents / seconds),
    // CPU time of this process (DuckDB's threads included): steadier than wall time on a busy machine.
    perCpuSecond: Math.round(documents / cpuSeconds(cpu)),
  };
}

/** GetServiceGraph through the action itself (JSON in and out, no socket), `QUERY_RUNS` times. */
async function timeAction(store: TraceStore, window: TimeWindow) {
  const route = graphRoutes({ store }).find((r) => r.path === '/ServiceGraph');
  if (!route) throw new Error('no /ServiceGraph route');
  const body = new TextEncoder().encode(JSON.stringify({ StartTime: window.from, EndTime: window.to }));
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  let services: unknown[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const started = performance.now();
    const reply = await route.handler({
      method: 'POST',
      path: '/ServiceGraph',
      query: new URLSearchParams(),
      headers: {},
      body,
      requestId: 'bench',
    });
    services = (JSON.parse(String(reply.body)) as { Services: unknown[] }).Services;
    samples.push(performance.now() - started);
  }
  const cpuMsPerRun = round((cpuSeconds(cpu) * 1000) / QUERY_RUNS);
  return { p50Ms: round(percentile(samples, 50)), p99Ms: round(percentile(samples, 99)), cpuMsPerRun, services };
}

/** The same graph from raw segments: every trace touching the window read, assembled and built, 1,000 at a time. */
async function rawGraph(
  store: TraceStore,
  window: TimeWindow,
): Promise<{ ms: number; traces: number; services: unknown[] }> {
  const started = performance.now();
  const ids = await store.listTraceIds(window, traceCount * 2);
  const nodes: NodeStatsRow[] = [];
  const edges: EdgeStatsRow[] = [];
  for (let i = 0; i < ids.length; i += 1_000) {
    const found = await store.getTraceDocuments(ids.slice(i, i + 1_000));
    const graphs = [...found.values()].map((records) =>
      buildTraceGraph(assembleTrace(records.map((r) => JSON.parse(r.document) as SegmentDocument))),
    );
    const rows = graphWindow(graphs, window);
    nodes.push(...rows.nodes);
    edges.push(...rows.edges);
  }
  const services = toServiceGraphResponse(sumGraphStats(nodes, edges, window, undefined), {
    accountId: '000000000000',
  });
  return {
    ms: round(performance.now() - started),
    traces: ids.length,
    services: JSON.parse(JSON.stringify(services)) as unknown[],
  };
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** `Root` aside (the store keeps retracted root flags; see the differential test), do the answers agree? */
function agree(a: unknown, b: unknown): boolean {
  const strip = (v: unknown) =>
    JSON.parse(JSON.stringify(v), (key, value: unknown) => (key === 'Root' ? undefined : value)) as unknown;
  return isDeepStrictEqual(strip(a), strip(b));
}

async function queryFigures(store: TraceStore, window: TimeWindow, label: string) {
  progress(`${label}: GetServiceGraph × ${QUERY_RUNS}`);
  const aggregated = await timeAction(store, window);
  const raw: number[] = [];
  let last: Awaited<ReturnType<typeof rawGraph>> | undefined;
  for (let i = 0; i < rawRuns; i++) {
    progress(`${label}: from raw segments, run ${i + 1} of ${rawRuns}`);
    last = await rawGraph(store, window);
    raw.push(last.ms);
  }
  progressDone();
  const edges = (aggregated.services as { Edges?: unknown[] }[]).reduce((n, s) => n + (s.Edges?.length ?? 0), 0);
  return {
    nodes: aggregated.services.length,
    edges,
    aggregated: {
      p50Ms: aggregated.p50Ms,
      p99Ms: aggregated.p99Ms,
      cpuMsPerRun: aggregated.cpuMsPerRun,
      runs: QUERY_RUNS,
    },
    fromRawSegments: {
      p50Ms: round(percentile(raw, 50)),
      maxMs: round(Math.max(...raw)),
      runs: rawRuns,
      traces: last?.traces,
    },
    speedup: Number((percentile(raw, 50) / aggregated.p50Ms).toFixed(1)),
    answersAgree: last === undefined ? null : agree(aggregated.services, last.services),
  };
}

// Ingest cost first, on fresh stores with the same records, so the big load does not skew it.
const comparison = [...recordBatches(ingestTraces, 250)];
const without = await openStore();
const plain = await ingest(without.store, comparison, false, 'ingest without assembler');
await without.store.close();
without.remove();
const withAgg = await openStore();
const derived = await ingest(withAgg.store, comparison, true, 'ingest with assembler');
await withAgg.store.close();
withAgg.remove();
comparison.length = 0;

const main = await openStore();
const load = await ingest(
  main.store,
  recordBatches(traceCount, 250),
  true,
  `load ${traceCount.toLocaleString()} traces`,
);
const oneHour = await queryFigures(main.store, { from: END - 3600, to: END }, '1 hour');
const sixHours = await queryFigures(main.store, { from: FROM, to: END }, '6 hours');
const stats = await main.store.stats();
await main.store.close();
main.remove();

recordResults('service-graph', {
  machine: {
    cores: (await import('node:os')).availableParallelism(),
    node: process.version,
    // Other work on the machine skews wall times; the CPU figures are this process's own.
    loadAverage: (await import('node:os')).loadavg().map((n) => Number(n.toFixed(1))),
  },
  traces: traceCount,
  spanHours: SPAN_SECONDS / 3600,
  load: { ...load, documentsStored: stats.documents, bytesOnDisk: stats.bytesOnDisk },
  getServiceGraph: { oneHour, sixHours },
  ingestCostOfAggregation: {
    traces: ingestTraces,
    withoutAssemblerPerSecond: plain.perSecond,
    withAssemblerPerSecond: derived.perSecond,
    ratio: Number((derived.perSecond / plain.perSecond).toFixed(2)),
    withoutAssemblerPerCpuSecond: plain.perCpuSecond,
    withAssemblerPerCpuSecond: derived.perCpuSecond,
    cpuRatio: Number((derived.perCpuSecond / plain.perCpuSecond).toFixed(2)),
  },
  peakRssMiB: peakRssMiB(),
});
