/**
 * One store port over two stores: documents and configuration in one, what is derived from documents
 * (trace summaries, graph statistics) in the other. The embedded server keeps them in two DuckDB files
 * written by two threads, so that a client's document commit never waits for a summary write
 * (docs/adr/0011). Derived data can always be rebuilt from documents; nothing here reads across both.
 */
import type { ConfigKind, ConfigRecord } from './config-record.ts';
import type { DocumentRecord } from './document-record.ts';
import type { GraphStatsDelta, GraphStatsWindow } from './graph-stats.ts';
import type { StoreStats, TimeWindow, TraceStore } from './trace-store.ts';
import type { SummaryPage, SummaryQuery, TraceSummaryRecord } from './trace-summary-record.ts';

export interface SplitStores {
  /** Documents and configuration records: the data of record. Opened first. */
  readonly documents: TraceStore;
  /** Trace summaries and graph statistics. */
  readonly derived: TraceStore;
}

export class SplitTraceStore implements TraceStore {
  readonly documents: TraceStore;
  readonly derived: TraceStore;

  constructor(stores: SplitStores) {
    this.documents = stores.documents;
    this.derived = stores.derived;
  }

  // Documents first: opening them may hand derived tables of an older layout over to the derived store.
  async open(): Promise<void> {
    await this.documents.open();
    try {
      await this.derived.open();
    } catch (error) {
      await this.documents.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const results = await Promise.allSettled([this.documents.close(), this.derived.close()]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }

  appendDocuments(records: readonly DocumentRecord[]): Promise<void> {
    return this.documents.appendDocuments(records);
  }

  getTraceDocuments(
    traceIds: readonly string[],
    options?: { readonly everyVersion?: boolean },
  ): Promise<Map<string, DocumentRecord[]>> {
    return this.documents.getTraceDocuments(traceIds, options);
  }

  listTraceIds(window: TimeWindow, limit: number): Promise<string[]> {
    return this.documents.listTraceIds(window, limit);
  }

  appendTraceSummaries(records: readonly TraceSummaryRecord[]): Promise<void> {
    return this.derived.appendTraceSummaries(records);
  }

  queryTraceSummaries(query: SummaryQuery): Promise<SummaryPage> {
    return this.derived.queryTraceSummaries(query);
  }

  appendGraphStats(delta: GraphStatsDelta): Promise<void> {
    return this.derived.appendGraphStats(delta);
  }

  queryGraphStats(window: TimeWindow, options?: { perBucketSeconds?: number }): Promise<GraphStatsWindow> {
    return this.derived.queryGraphStats(window, options);
  }

  listConfig(kind: ConfigKind): Promise<ConfigRecord[]> {
    return this.documents.listConfig(kind);
  }

  putConfig(record: ConfigRecord): Promise<void> {
    return this.documents.putConfig(record);
  }

  deleteConfig(kind: ConfigKind, name: string): Promise<boolean> {
    return this.documents.deleteConfig(kind, name);
  }

  async stats(): Promise<StoreStats> {
    const [documents, derived] = await Promise.all([this.documents.stats(), this.derived.stats()]);
    return {
      documents: documents.documents,
      traceSummaries: derived.traceSummaries,
      bytesOnDisk: documents.bytesOnDisk + derived.bytesOnDisk,
    };
  }
}
