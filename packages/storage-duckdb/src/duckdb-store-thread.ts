/**
 * The worker thread of `threadedDuckDbTraceStore`: hosts one `DuckDbTraceStore`, made from the
 * options the host sent as `workerData`, and serves the store port to the host.
 */
import { workerData } from 'node:worker_threads';
import { serveTraceStore } from '@roentgen/storage';
import type { DuckDbTraceStoreOptions } from './duckdb-store-options.ts';
import { DuckDbTraceStore } from './duckdb-trace-store.ts';

serveTraceStore((warn) => new DuckDbTraceStore({ ...(workerData as DuckDbTraceStoreOptions), logger: { warn } }));
