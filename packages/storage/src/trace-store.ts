/**
 * The store port. Every adapter (in-memory for tests, DuckDB embedded, ClickHouse at scale) implements
 * `TraceStore` and passes the one contract suite in `./contract`.
 *
 * Shaped for a columnar, append-only engine: nothing here updates a row in place. Replacement
 * (a complete document replacing its in-progress version, a newer summary revision replacing an older
 * one) is resolved at read time, "latest wins", which ClickHouse's ReplacingMergeTree and DuckDB's
 * window functions both express cheaply. Aggregates are written as deltas and summed on read.
 *
 * Times are epoch seconds (floating point) throughout, like X-Ray's wire format.
 */
import type { DocumentRecord } from './document-record.ts';
import type { GraphStatsDelta, GraphStatsWindow } from './graph-stats.ts';
import type { SummaryPage, SummaryQuery, TraceSummaryRecord } from './trace-summary-record.ts';
import type { ConfigKind, ConfigRecord } from './config-record.ts';

/** A half-open time window `[from, to)` in epoch seconds. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export interface TraceStore {
  /** Opens files and connections, creates or migrates the schema. Called once before any other method. */
  open(): Promise<void>;
  /** Makes everything written durable and releases files and connections. Idempotent. */
  close(): Promise<void>;

  /** Appends documents. Durable when the promise resolves (the HTTP ingest acknowledges only then). */
  appendDocuments(records: readonly DocumentRecord[]): Promise<void>;
  /**
   * The current documents of each trace: per `(traceId, id)` a complete document wins over an
   * in-progress one, then the latest `receivedAt` wins. Unknown trace IDs are absent from the map.
   * With `everyVersion`, every appended version instead, replaced ones included, in no particular
   * order: what the trace assembler needs to rebuild a trace as it was before its latest documents.
   */
  getTraceDocuments(
    traceIds: readonly string[],
    options?: { readonly everyVersion?: boolean },
  ): Promise<Map<string, DocumentRecord[]>>;
  /**
   * The IDs of traces with at least one document whose `[startTime, endTime]` touches the window,
   * newest first, at most `limit`. Used to rebuild derived data from raw documents.
   */
  listTraceIds(window: TimeWindow, limit: number): Promise<string[]>;

  /** Appends summary revisions. A higher `revision` of the same trace replaces a lower one on read. */
  appendTraceSummaries(records: readonly TraceSummaryRecord[]): Promise<void>;
  /** One page of the latest summary revisions matching the query, ordered as `SummaryQuery` says. */
  queryTraceSummaries(query: SummaryQuery): Promise<SummaryPage>;

  /** Adds per-bucket node and edge statistics; counts may be negative to retract earlier ones. */
  appendGraphStats(delta: GraphStatsDelta): Promise<void>;
  /** Node and edge statistics summed over the buckets inside the window, per bucket if asked. */
  queryGraphStats(window: TimeWindow, options?: { perBucketSeconds?: number }): Promise<GraphStatsWindow>;

  /** Durable small documents: sampling rules and groups, by kind and name. */
  listConfig(kind: ConfigKind): Promise<ConfigRecord[]>;
  putConfig(record: ConfigRecord): Promise<void>;
  /** Returns whether a record was deleted. */
  deleteConfig(kind: ConfigKind, name: string): Promise<boolean>;

  /** Figures for `/metrics` and benchmarks: rows and bytes held, as the engine counts them. */
  stats(): Promise<StoreStats>;
}

export interface StoreStats {
  /** Document rows held, every appended version included (replacement is resolved on read). */
  readonly documents: number;
  /** Summary rows held: one per trace in stores that drop replaced revisions on write (all so far). */
  readonly traceSummaries: number;
  /** Bytes on disk, or 0 for a store that keeps nothing on disk. */
  readonly bytesOnDisk: number;
}
