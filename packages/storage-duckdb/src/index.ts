/** `@roentgen/storage-duckdb`: the embedded DuckDB adapter of the store port. */
export { DuckDbTraceStore } from './duckdb-trace-store.ts';
export type { DuckDbTraceStoreOptions } from './duckdb-store-options.ts';
export { SCHEMA_VERSION } from './duckdb-schema.ts';
export { splitDuckDbTraceStore, threadedDuckDbTraceStore } from './threaded-duckdb-trace-store.ts';
export type { SplitDuckDbStoreOptions } from './threaded-duckdb-trace-store.ts';
