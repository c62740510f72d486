/**
 * Service-graph benchmark (issue 5) on the data set of the GetTraceSummaries benchmark: 1,000,000
 * traces (about 8.5 million segment documents, 5-30 services each) over six hours, whose graph
 * statistics were written as the trace assembler writes them (bench/support/summary-dataset.ts).
 * GetServiceGraph over one hour and over six (p50/p99 of 20 runs, through the action itself): without
 * the store's bucket cache, with it (the first request fills it), and as a live map whose window moves
 * one minute per request; beside the same graph computed from the raw segments in the same run, the
 * answers compared. Windows end 23 minutes before the data does, so neither is aligned on an hour or
 * ten minutes.
 * The ingest cost of aggregation is measured by bench/trace-summaries.bench.ts (the assembler derives
 * summaries and graph statistics together).
 * Run: `node --import tsx bench/service-graph.bench.ts [--traces N] [--raw-runs R] [--raw-six-hours]`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { graphRoutes, replyText } from '@roentgen/api';
import type { SegmentDocument } from '@roentgen/model';
import { assembleTrace, buildTraceGraph, graphWindow, toServiceGraphResponse } from '@roentgen/service-map';
import type { EdgeStatsSum, NodeStatsSum, TimeWindow, TraceStore } from '@roentgen/storage';
import { threadedDuckDbTraceStore } from '@roentgen/storage-duckdb';
import { peakRssMiB, percentile, progress, progressDone, recordResults } from './support/bench-report.ts';
import { DATASET_START, summaryDataset } from './support/summary-dataset.ts';

const { values } = parseArgs({
  options: {
    traces: { type: 'string' },
    'raw-runs': { type: 'string' },
    'raw-six-hours': { type: 'boolean' },
  },
});
const traceCount = Number(values.traces ?? 1_000_000);
const rawRuns = Number(values['raw-runs'] ?? 1);
const QUERY_RUNS = 20;
const SPAN_SECONDS = 6 * 3600;
const END = DATASET_START + SPAN_SECONDS - 23 * 60;

/** GetServiceGraph through the action itself (JSON in and out, no socket), once per window. */
async function timeAction(store: TraceStore, windows: readonly TimeWindow[]) {
  const route = graphRoutes({ store }).find((r) => r.path === '/ServiceGraph');
  if (!route) throw new Error('no /ServiceGraph route');
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  let services: unknown[] = [];
  for (const [i, window] of windows.entries()) {
    const body = new TextEncoder().encode(JSON.stringify({ StartTime: window.from, EndTime: window.to }));
    const started = performance.now();
    const reply = await route.handler({
      method: 'POST',
      path: '/ServiceGraph',
      query: new URLSearchParams(),
      headers: {},
      body,
      requestId: 'bench',
    });
    // The server's part ends with the serialized reply; parsing it is the client's.
    samples.push(performance.now() - started);
    if (i === 0) services = (JSON.parse(replyText(reply.body)) as { Services: unknown[] }).Services;
  }
  return {
    firstMs: round(samples[0] ?? NaN),
    p50Ms: round(percentile(samples, 50)),
    p99Ms: round(percentile(samples, 99)),
    cpuMsPerRun: round((cpuSeconds(cpu) * 1000) / windows.length),
    services,
  };
}

/** The same window `QUERY_RUNS` times. */
function repeated(window: TimeWindow): TimeWindow[] {
  return Array.from({ length: QUERY_RUNS }, () => window);
}

/** A live map: each request's window one minute later than the one before. */
function sliding(window: TimeWindow): TimeWindow[] {
  return Array.from({ length: QUERY_RUNS }, (_, i) => ({
    from: window.from + 60 * (i + 1),
    to: window.to + 60 * (i + 1),
  }));
}

/** The same graph from raw segments: every trace touching the window read, assembled and built, 1,000 at a time. */
async function rawGraph(
  store: TraceStore,
  window: TimeWindow,
): Promise<{ ms: number; traces: number; services: unknown[] }> {
  const started = performance.now();
  const ids = await store.listTraceIds(window, traceCount * 2);
  const nodes: NodeStatsSum[] = [];
  const edges: EdgeStatsSum[] = [];
  for (let i = 0; i < ids.length; i += 1_000) {
    progress(`from raw segments: ${i.toLocaleString()} / ${ids.length.toLocaleString()} traces`);
    const found = await store.getTraceDocuments(ids.slice(i, i + 1_000));
    const graphs = [...found.values()].map((records) =>
      buildTraceGraph(assembleTrace(records.map((r) => JSON.parse(r.document) as SegmentDocument))),
    );
    const rows = graphWindow(graphs, window);
    nodes.push(...rows.nodes);
    edges.push(...rows.edges);
  }
  // Rows of one node or edge from different batches are summed by the response builder itself.
  const services = toServiceGraphResponse(
    { nodes, edges },
    {
      accountId: '000000000000',
    },
  );
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

/** Without the bucket cache: every request reads its buckets from DuckDB. */
async function uncachedFigures(store: TraceStore, window: TimeWindow, label: string) {
  progress(`${label}: GetServiceGraph × ${QUERY_RUNS}, no bucket cache`);
  const { services, ...figures } = await timeAction(store, repeated(window));
  progressDone();
  return { figures, services };
}

async function cachedFigures(
  store: TraceStore,
  window: TimeWindow,
  label: string,
  runsFromRaw: number,
  uncached: Awaited<ReturnType<typeof uncachedFigures>>,
) {
  progress(`${label}: GetServiceGraph × ${QUERY_RUNS}, cached, then a live map × ${QUERY_RUNS}`);
  const { services, ...sameWindow } = await timeAction(store, repeated(window));
  const { services: _, ...liveRefresh } = await timeAction(store, sliding(window));
  const raw: number[] = [];
  let last: Awaited<ReturnType<typeof rawGraph>> | undefined;
  for (let i = 0; i < runsFromRaw; i++) {
    last = await rawGraph(store, window);
    raw.push(last.ms);
  }
  progressDone();
  const edges = (services as { Edges?: unknown[] }[]).reduce((n, s) => n + (s.Edges?.length ?? 0), 0);
  return {
    window,
    nodes: services.length,
    edges,
    uncached: uncached.figures,
    // First request after start: every bucket read from DuckDB, then kept.
    cached: sameWindow,
    liveRefresh,
    cachedAnswerEqualsUncached: isDeepStrictEqual(services, uncached.services),
    fromRawSegments:
      runsFromRaw === 0
        ? null
        : {
            p50Ms: round(percentile(raw, 50)),
            maxMs: round(Math.max(...raw)),
            runs: runsFromRaw,
            traces: last?.traces,
          },
    speedup: runsFromRaw === 0 ? null : Number((percentile(raw, 50) / uncached.figures.p50Ms).toFixed(1)),
    answersAgree: last === undefined ? null : agree(services, last.services),
  };
}

const dataset = await summaryDataset(traceCount, SPAN_SECONDS);
const hourWindow = { from: END - 3600, to: END };
const sixHourWindow = { from: END - SPAN_SECONDS, to: END };
// The store as the server runs it, in its own thread: every answer pays the copy across (ADR 0010).
const plain = threadedDuckDbTraceStore({ path: dataset.path, graphCacheEntries: 0 });
await plain.open();
const hourUncached = await uncachedFigures(plain, hourWindow, '1 hour');
const sixUncached = await uncachedFigures(plain, sixHourWindow, '6 hours');
await plain.close();
const store = threadedDuckDbTraceStore({ path: dataset.path });
await store.open();
const oneHour = await cachedFigures(store, hourWindow, '1 hour', rawRuns, hourUncached);
const sixHours = await cachedFigures(
  store,
  sixHourWindow,
  '6 hours',
  values['raw-six-hours'] ? rawRuns : 0,
  sixUncached,
);
const stats = await store.stats();
await store.close();

recordResults('service-graph', {
  machine: {
    cores: availableParallelism(),
    node: process.version,
    // Other work on the machine skews wall times; the CPU figures are this process's own.
    loadAverage: loadavg().map((n) => Number(n.toFixed(1))),
  },
  dataset: {
    traces: traceCount,
    spanHours: SPAN_SECONDS / 3600,
    documents: stats.documents,
    bytesOnDisk: stats.bytesOnDisk,
  },
  getServiceGraph: { oneHour, sixHours },
  peakRssMiB: peakRssMiB(),
});
