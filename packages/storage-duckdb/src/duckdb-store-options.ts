/** The settings of a `DuckDbTraceStore`. */

/** Where the database lives: a file path (its directory must exist) or `':memory:'`. */
export interface DuckDbTraceStoreOptions {
  readonly path: string;
  /**
   * Most memory DuckDB may use, in its own syntax (`'1GB'`). DuckDB's default is 80 % of the machine,
   * which an embedded store must not take from the process around it. Default `'1GB'`.
   */
  readonly memoryLimit?: string;
  /**
   * Graph-statistics delta rows written before their buckets are folded into one row per key
   * (graph-compaction.ts). Default 20,000: a few seconds of a busy server's writes.
   */
  readonly compactGraphAfterRows?: number;
  /**
   * Graph-statistics buckets kept in memory between map reads, measured in histogram entries (about
   * 12 bytes each). Default 6,000,000 (some 70 MB): a six-hour map at a million traces uses about a
   * third of it. 0 reads every bucket from the database each time.
   */
  readonly graphCacheEntries?: number;
  /**
   * The file of the store that holds this one's derived data (a split store, ADR 0011): summaries and
   * graph statistics this file holds from an older layout are moved there when it is opened.
   */
  readonly moveDerivedTablesTo?: string;
  /** Where an upgrade of an older file says what it changed, and maintenance its failures. Default: `console`. */
  readonly logger?: { warn(message: string): void };
}
