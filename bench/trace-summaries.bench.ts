/**
 * GetTraceSummaries benchmark (issue 4): p50/p99 of one page (100 summaries) through
 * `findTraceSummaries` for five filter expressions over a 1-hour and a 6-hour window, beside a
 * full-scan baseline in the same run (the same call with the pushdown replaced by "every trace", so
 * that each trace in the window is checked in memory); then the ingest cost of keeping summaries and
 * graph statistics current: documents/s into the real server over HTTP with and without them.
 * Run: `node --import tsx bench/trace-summaries.bench.ts [--traces N] [--runs R] [--baseline-runs B]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { findTraceSummaries } from '@roentgen/query';
import { readServerConfig, startServer, type RunningServer } from '@roentgen/server-app';
import type { TraceFacts } from '@roentgen/filter';
import { evaluateFilter, parseFilterExpression } from '@roentgen/filter';
import type { DocumentRecord, SummaryCursor, TraceStore } from '@roentgen/storage';
import { threadedDuckDbTraceStore } from '@roentgen/storage-duckdb';
import {
  loadPreviousResults,
  peakRssMiB,
  percentile,
  progress,
  progressDone,
  recordResults,
} from './support/bench-report.ts';
import { DATASET_START, summaryDataset } from './support/summary-dataset.ts';
import { benchTraceDocuments } from './support/summary-traces.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const traces = option('--traces', 1_000_000);
const runs = option('--runs', 20);
const baselineRuns = option('--baseline-runs', 3);
const ingestDocuments = option('--ingest-documents', 200_000);
const SPAN = 6 * 3600;

const EXPRESSIONS = [
  'responsetime > 1.5',
  'annotation.customer = "customer-42"',
  'service("svc-07") { fault }',
  'edge("svc-07", "svc-12") { responsetime > 1 }',
  'rootcause.fault.service { name = "svc-07" }',
];
const WINDOWS = {
  '1h': [DATASET_START + SPAN - 3600, DATASET_START + SPAN],
  '6h': [DATASET_START, DATASET_START + SPAN],
};

type PageRunner = (expression: string, window: readonly number[]) => Promise<{ found: number; processed: number }>;

// The real code path: one page of 100 through findTraceSummaries, pushdown and exact check.
function throughFind(store: TraceStore): PageRunner {
  return async (expression, window) => {
    const page = await findTraceSummaries(
      store,
      {
        startTime: window[0] as number,
        endTime: window[1] as number,
        timeRangeType: 'TraceId',
        filterExpression: expression,
        groups: [],
      },
      // A full page of 100 or the whole window, whatever the cost: the figure a user waits for.
      { pageSize: 100, scanBudget: Number.POSITIVE_INFINITY },
    );
    return { found: page.summaries.length, processed: page.tracesProcessedCount };
  };
}

// The full-scan baseline: every trace of the window, newest first, its facts evaluated in memory.
function fullScan(store: TraceStore): PageRunner {
  return async (expression, window) => {
    const parsed = parseFilterExpression(expression);
    let found = 0;
    let processed = 0;
    let cursor: SummaryCursor | undefined;
    do {
      const page = await store.queryTraceSummaries({
        timeRangeType: 'TraceId',
        from: window[0] as number,
        to: window[1] as number,
        predicate: { kind: 'true' },
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const record of page.records) {
        processed += 1;
        if (evaluateFilter(parsed, JSON.parse(record.facts) as TraceFacts) && ++found === 100) break;
      }
      cursor = found < 100 ? page.nextCursor : undefined;
    } while (cursor);
    return { found, processed };
  };
}

async function timePages(run: PageRunner, expression: string, window: readonly number[], count: number) {
  const samples: number[] = [];
  let found = 0;
  let processed = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const page = await run(expression, window);
    samples.push(performance.now() - started);
    found = page.found;
    processed = page.processed;
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    p50Ms: round(percentile(samples, 50)),
    p99Ms: round(percentile(samples, 99)),
    runs: count,
    summaries: found,
    tracesProcessed: processed,
  };
}

async function queryFigures(path: string) {
  // The store as the server runs it, in its own thread: every page pays the copy across (ADR 0010).
  const store = threadedDuckDbTraceStore({ path });
  await store.open();
  const [pushdown, baseline] = [throughFind(store), fullScan(store)];
  const figures: Record<string, Record<string, unknown>> = {};
  for (const expression of EXPRESSIONS) {
    const byWindow: Record<string, unknown> = {};
    figures[expression] = byWindow;
    for (const [name, window] of Object.entries(WINDOWS)) {
      progress(`query ${name} ${expression}`);
      const withPushdown = await timePages(pushdown, expression, window, runs);
      const scan = await timePages(baseline, expression, window, baselineRuns);
      byWindow[name] = { pushdown: withPushdown, fullScanBaseline: scan };
    }
  }
  progressDone();
  const stats = await store.stats();
  await store.close();
  return { figures, stats };
}

type Derive = 'nothing' | 'graph-only' | 'summaries-and-graph';

/**
 * How many of the traces are reflected in what the server derives: summaries, or (graph only) the
 * requests counted at root nodes, one per trace of the benchmark.
 */
async function tracesDerived(server: RunningServer, derive: Derive): Promise<number> {
  if (derive === 'summaries-and-graph') return (await server.store.stats()).traceSummaries;
  const now = Date.now() / 1000;
  const graph = await server.store.queryGraphStats({ from: now - 3600, to: now + 3600 });
  return graph.nodes.filter((n) => n.root).reduce((sum, n) => sum + n.counters.totalCount, 0);
}

/**
 * Ingest throughput of the real server over HTTP (requests of 250 documents, 4 at a time, as the
 * ingest benchmark of issue 2 sends them), keeping `derive` current. When it keeps anything, the clock
 * stops only when every trace is reflected in it: the figure is the rate at which documents become
 * searchable (or counted in the map), not merely stored.
 */
async function serverIngest(bodies: readonly string[], traceCount: number, documents: number, derive: Derive) {
  const dir = mkdtempSync(join(tmpdir(), 'roentgen-summary-ingest-'));
  const config = readServerConfig({ listen: '127.0.0.1:0', udp: '127.0.0.1:0', data: dir }, {}, () => undefined);
  const server = await startServer(config, { derive });
  const deriving = derive !== 'nothing';
  const url = `http://127.0.0.1:${server.httpAddress.port}/TraceSegments`;
  // How long the server's event loop (shared with this sender) was kept from answering anything.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
        if (next % 40 === 0) progress(`ingest, derive ${derive}: ${next}/${bodies.length} requests`);
      }
    }),
  );
  const acknowledgedSeconds = (performance.now() - started) / 1000;
  while (deriving) {
    const derived = await tracesDerived(server, derive);
    progress(`ingest, derive ${derive}: ${derived.toLocaleString()} / ${traceCount.toLocaleString()} traces derived`);
    if (derived >= traceCount) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const currentSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  loopDelay.disable();
  const metrics = await (await fetch(`http://127.0.0.1:${server.httpAddress.port}/metrics`)).text();
  const shed = Number(/^roentgen_traces_unsummarized (\S+)$/m.exec(metrics)?.[1] ?? NaN);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  progressDone();
  return {
    acknowledgedPerSecond: Math.round(documents / acknowledgedSeconds),
    searchablePerSecond: deriving ? Math.round(documents / currentSeconds) : undefined,
    summaryLagMs: deriving ? Math.round((currentSeconds - acknowledgedSeconds) * 1000) : undefined,
    tracesUnsummarized: shed,
    eventLoopDelayMs: {
      p50: Number((loopDelay.percentile(50) / 1e6).toFixed(1)),
      p99: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
      max: Number((loopDelay.max / 1e6).toFixed(1)),
    },
    // This process's CPU over the run (the sender's, the server's threads and DuckDB's), and as cores.
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(1)),
    cores: Number(((used.user + used.system) / 1e6 / currentSeconds).toFixed(2)),
  };
}

/**
 * Requests of 250 documents of traces that start as the server does (live traffic): trace IDs carry
 * the current time, ~8.5 documents each, in time order. Made afresh for each server, so that no trace
 * predates the server it is sent to; the assembler reads the store for traces that may (after a
 * restart), which live traffic does not ask of it.
 */
function liveRequestBodies(): { bodies: string[]; documents: number; traces: number } {
  const now = Math.floor(Date.now() / 1000) + 5;
  const records: DocumentRecord[] = [];
  let traces = 0;
  for (; records.length < ingestDocuments; traces++) {
    records.push(...benchTraceDocuments(traces, 1e9, now, 1e9 / 1000));
  }
  const bodies: string[] = [];
  for (let i = 0; i < records.length; i += 250) {
    const batch = records.slice(i, i + 250).map((r) => r.document);
    bodies.push(JSON.stringify({ TraceSegmentDocuments: batch }));
  }
  return { bodies, documents: records.length, traces };
}

async function ingestFigures() {
  // Each server gets its own traces, made when it starts; all three sets have the same shapes.
  const runs: Partial<Record<Derive, Awaited<ReturnType<typeof serverIngest>>>> = {};
  let shape = { documents: 0, traces: 0 };
  for (const derive of ['nothing', 'graph-only', 'summaries-and-graph'] as const) {
    const { bodies, traces, documents } = liveRequestBodies();
    shape = { documents, traces };
    runs[derive] = await serverIngest(bodies, traces, documents, derive);
  }
  const without = runs.nothing?.acknowledgedPerSecond ?? NaN;
  const loss = (derive: Derive) => Number((1 - (runs[derive]?.searchablePerSecond ?? 0) / without).toFixed(3));
  return {
    ...shape,
    without: runs.nothing,
    graphOnly: runs['graph-only'],
    withSummaries: runs['summaries-and-graph'],
    // Summaries and graph statistics together (issue 4), and graph statistics alone (issue 5).
    throughputLoss: loss('summaries-and-graph'),
    graphOnlyThroughputLoss: loss('graph-only'),
  };
}

// `--only queries` or `--only ingest` runs one half (the other half's figures are kept from the last run).
const only = process.argv[process.argv.indexOf('--only') + 1];
const previous = loadPreviousResults('trace-summaries');
function previousQueries(results: Record<string, unknown> | undefined) {
  return { figures: results?.queries as Record<string, Record<string, unknown>>, stats: undefined };
}

const dataset = await summaryDataset(traces, SPAN);
const queries = only === 'ingest' ? previousQueries(previous) : await queryFigures(dataset.path);
const ingestCost = only === 'queries' ? previous?.ingest : await ingestFigures();
recordResults('trace-summaries', {
  machine: { cores: availableParallelism(), node: process.version },
  dataset: {
    traces,
    spanHours: SPAN / 3600,
    built: dataset.built,
    ...(queries.stats ?? (previous?.dataset as object | undefined)),
  },
  pageSize: 100,
  queries: queries.figures,
  ingest: ingestCost,
  peakRssMiB: peakRssMiB(),
});
