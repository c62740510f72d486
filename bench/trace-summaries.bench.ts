/**
 * GetTraceSummaries benchmark (issue 4): p50/p99 of one page (100 summaries) through
 * `findTraceSummaries` for five filter expressions over a 1-hour and a 6-hour window, beside a
 * full-scan baseline in the same run (the same call with the pushdown replaced by "every trace", so
 * that each trace in the window is checked in memory); then the ingest cost of keeping summaries
 * current: documents/s through IngestPipeline + DuckDbTraceStore with and without a TraceAssembler.
 * Run: `node --import tsx bench/trace-summaries.bench.ts [--traces N] [--runs R] [--baseline-runs B]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestPipeline } from '@roentgen/collector';
import { MetricsRegistry } from '@roentgen/metrics';
import { TraceAssembler, findTraceSummaries } from '@roentgen/query';
import type { TraceFacts } from '@roentgen/filter';
import { evaluateFilter, parseFilterExpression } from '@roentgen/filter';
import type { DocumentRecord, SummaryCursor, TraceStore } from '@roentgen/storage';
import { DuckDbTraceStore } from '@roentgen/storage-duckdb';
import { peakRssMiB, percentile, progress, progressDone, recordResults } from './support/bench-report.ts';
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
  const store = new DuckDbTraceStore({ path });
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

// Submits `records` in requests of 250 as the HTTP ingest does, retrying what a full buffer refused.
async function ingest(records: readonly DocumentRecord[], withAssembler: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'roentgen-summary-ingest-'));
  const store = new DuckDbTraceStore({ path: join(dir, 'store.duckdb') });
  await store.open();
  const pipeline = new IngestPipeline({ store, metrics: new MetricsRegistry() });
  const assembler = withAssembler ? new TraceAssembler({ store }) : undefined;
  assembler?.attach(pipeline);
  const started = performance.now();
  let last: Promise<void> = Promise.resolve();
  for (let i = 0; i < records.length;) {
    const result = pipeline.submit(records.slice(i, i + 250), 'xray-api');
    i += result.accepted;
    if (result.accepted > 0) last = result.durable;
    else await last;
  }
  await pipeline.drain();
  await last;
  await assembler?.flush();
  const seconds = (performance.now() - started) / 1000;
  const summaries = (await store.stats()).traceSummaries;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (withAssembler && summaries === 0) throw new Error('the assembler wrote no summaries');
  return Math.round(records.length / seconds);
}

async function ingestFigures() {
  // Traces that start after the assembler does (as live traffic does), ~8.5 documents each, in order.
  const now = Math.floor(Date.now() / 1000) + 5;
  const records: DocumentRecord[] = [];
  for (let i = 0; records.length < ingestDocuments; i++) records.push(...benchTraceDocuments(i, 1e9, now, 1e9 / 1000));
  records.length = ingestDocuments;
  progress(`ingest: ${records.length.toLocaleString()} documents without the assembler`);
  const without = await ingest(records, false);
  progress(`ingest: ${records.length.toLocaleString()} documents with the assembler`);
  const withSummaries = await ingest(records, true);
  progressDone();
  return {
    documents: records.length,
    withoutAssemblerPerSecond: without,
    withAssemblerPerSecond: withSummaries,
    throughputLoss: Number((1 - withSummaries / without).toFixed(3)),
  };
}

const dataset = await summaryDataset(traces, SPAN);
const queries = await queryFigures(dataset.path);
const ingestCost = await ingestFigures();
recordResults('trace-summaries', {
  machine: { cores: availableParallelism(), node: process.version },
  dataset: { traces, spanHours: SPAN / 3600, built: dataset.built, ...queries.stats },
  pageSize: 100,
  queries: queries.figures,
  ingest: ingestCost,
  peakRssMiB: peakRssMiB(),
});
