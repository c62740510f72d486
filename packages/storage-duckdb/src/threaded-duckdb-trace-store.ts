/**
 * The embedded DuckDB store, hosted in a worker thread of its own (docs/adr/0010): what the server
 * runs. `DuckDbTraceStore` itself stays usable in-thread (tools, tests, benchmarks that read).
 */
import type { TraceStore } from '@roentgen/storage';
import { ThreadHostedTraceStore } from '@roentgen/storage';
import type { DuckDbTraceStoreOptions } from './duckdb-trace-store.ts';

export function threadedDuckDbTraceStore(options: DuckDbTraceStoreOptions): TraceStore {
  const { logger, ...cloneable } = options;
  return new ThreadHostedTraceStore({
    entry: new URL('./duckdb-store-thread-entry.mjs', import.meta.url),
    workerData: cloneable,
    name: 'the DuckDB store',
    ...(logger ? { logger } : {}),
  });
}
