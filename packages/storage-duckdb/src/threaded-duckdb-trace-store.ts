/**
 * The embedded DuckDB store as the server runs it, in worker threads (docs/adr/0010, 0011).
 * `DuckDbTraceStore` itself stays usable in-thread, one file for everything (tools, tests, benchmarks).
 */
import type { TraceStore } from '@roentgen/storage';
import { SplitTraceStore, ThreadHostedTraceStore } from '@roentgen/storage';
import type { DuckDbTraceStoreOptions } from './duckdb-store-options.ts';

/** One DuckDB file for everything, hosted in a worker thread. */
export function threadedDuckDbTraceStore(options: DuckDbTraceStoreOptions, name = 'the DuckDB store'): TraceStore {
  const { logger, ...cloneable } = options;
  return new ThreadHostedTraceStore({
    entry: new URL('./duckdb-store-thread-entry.mjs', import.meta.url),
    workerData: cloneable,
    name,
    ...(logger ? { logger } : {}),
  });
}

export interface SplitDuckDbStoreOptions extends Omit<DuckDbTraceStoreOptions, 'moveDerivedTablesTo'> {
  /** The file of summaries and graph statistics. Default: `path` with `-derived` before `.duckdb`. */
  readonly derivedPath?: string;
}

/**
 * Documents and configuration in `path`, summaries and graph statistics in `derivedPath`, each file
 * written by a thread of its own, so that a client's document commit never waits behind a summary
 * write (ADR 0011). A file from before the split hands its derived rows over when first opened.
 */
export function splitDuckDbTraceStore(options: SplitDuckDbStoreOptions): SplitTraceStore {
  const { derivedPath = defaultDerivedPath(options.path), ...shared } = options;
  return new SplitTraceStore({
    documents: threadedDuckDbTraceStore(
      { ...shared, moveDerivedTablesTo: derivedPath },
      'the DuckDB store of documents',
    ),
    derived: threadedDuckDbTraceStore({ ...shared, path: derivedPath }, 'the DuckDB store of summaries'),
  });
}

function defaultDerivedPath(path: string): string {
  return path.endsWith('.duckdb') ? `${path.slice(0, -'.duckdb'.length)}-derived.duckdb` : `${path}-derived`;
}
