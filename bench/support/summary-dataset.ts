/**
 * The data set of the GetTraceSummaries and GetServiceGraph benchmarks: `count` generated traces
 * (documents, derived summaries and service-graph statistics) in a DuckDB file under bench/results/,
 * written once and reused while the count, the span and the store's schema version stay the same
 * (they name the file; a marker file says the write finished). Graph statistics are written as the
 * trace assembler writes them: one merged delta per ~2 seconds of traffic.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveJob, mergeGraphDelta } from '@roentgen/query';
import type { DerivationJob } from '@roentgen/query';
import type { DocumentRecord } from '@roentgen/storage';
import { DuckDbTraceStore, SCHEMA_VERSION } from '@roentgen/storage-duckdb';
import { progress, progressDone } from './bench-report.ts';
import { benchTraceDocuments } from './summary-traces.ts';

/** Epoch seconds of the data set's first trace. */
export const DATASET_START = 1_800_000_000;

/** Where the data set lives, and whether it was written by this run. */
export interface SummaryDataset {
  readonly path: string;
  readonly built: boolean;
  readonly documents: number;
}

/** Opens (building first when needed) the data set of `count` traces over `spanSeconds`. */
export async function summaryDataset(count: number, spanSeconds: number): Promise<SummaryDataset> {
  const dir = join(fileURLToPath(new URL('..', import.meta.url)), 'results', 'summary-data');
  mkdirSync(dir, { recursive: true });
  const name = `traces-${count}-span-${spanSeconds}-schema-${SCHEMA_VERSION}`;
  const path = join(dir, `${name}.duckdb`);
  const marker = join(dir, `${name}.done`);
  if (existsSync(marker) && existsSync(path)) return { path, built: false, documents: NaN };
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const store = new DuckDbTraceStore({ path });
  await store.open();
  const started = performance.now();
  let documents = 0;
  const chunk = 2_000;
  const tracesPerGraphWrite = Math.max(1, Math.round((2 * count) / spanSeconds));
  for (let first = 0; first < count; first += chunk) {
    const records: DocumentRecord[] = [];
    const jobs: DerivationJob[] = [];
    for (let i = first; i < Math.min(count, first + chunk); i++) {
      const trace = benchTraceDocuments(i, count, DATASET_START, spanSeconds);
      records.push(...trace);
      jobs.push({ revision: 1, records: trace });
    }
    const derived = jobs.map(deriveJob);
    await store.appendDocuments(records);
    await store.appendTraceSummaries(derived.map((d) => d.record));
    for (let at = 0; at < derived.length; at += tracesPerGraphWrite) {
      const slice = derived.slice(at, at + tracesPerGraphWrite).map((d) => d.contribution);
      await store.appendGraphStats(
        mergeGraphDelta(
          slice.flatMap((c) => c.nodes),
          slice.flatMap((c) => c.edges),
        ),
      );
    }
    documents += records.length;
    const done = Math.min(count, first + chunk);
    const seconds = (performance.now() - started) / 1000;
    const rate = done / seconds;
    progress(
      `data set: ${done.toLocaleString()} / ${count.toLocaleString()} traces generated and written ` +
        `(${documents.toLocaleString()} documents), ${Math.round(rate).toLocaleString()} traces/s, ` +
        `ETA ${Math.round((count - done) / rate)} s`,
    );
  }
  progressDone();
  await store.close();
  writeFileSync(marker, `${new Date().toISOString()} ${documents} documents\n`);
  return { path, built: true, documents };
}
