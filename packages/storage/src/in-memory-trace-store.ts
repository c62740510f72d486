/**
 * A `TraceStore` held in plain maps: the reference semantics of the port and the fake that tests of
 * other packages use. Nothing survives `close()`; it keeps only the current version of each document
 * and summary, which is all a reader of any store can observe.
 */
import type { ConfigKind, ConfigRecord } from './config-record.ts';
import type { DocumentRecord } from './document-record.ts';
import { withoutParsedCopy } from './document-record.ts';
import type { EdgeStatsRow, GraphStatsDelta, GraphStatsWindow, NodeStatsRow } from './graph-stats.ts';
import type { StoreStats, TimeWindow, TraceStore } from './trace-store.ts';
import type { SummaryPage, SummaryQuery, TraceSummaryRecord } from './trace-summary-record.ts';
import { compareDocumentOrder, documentTouchesWindow, replacesDocument } from './document-replacement.ts';
import { checkPerBucketSeconds, sumGraphStats } from './graph-stats-sum.ts';
import { compareCodePoints, evaluateSummaryPredicate } from './summary-predicate.ts';
import {
  checkSummaryLimit,
  compareSummaryOrder,
  cursorAfter,
  isAfterCursor,
  isInSummaryWindow,
} from './summary-window.ts';

/** The in-memory store. Records passed in are kept by reference; callers must not mutate them. */
export class InMemoryTraceStore implements TraceStore {
  #open = false;
  #documentRows = 0;
  readonly #documents = new Map<string, Map<string, DocumentRecord>>();
  // Every appended version, for `everyVersion` reads.
  readonly #versions = new Map<string, DocumentRecord[]>();
  readonly #summaries = new Map<string, TraceSummaryRecord>();
  readonly #nodes: NodeStatsRow[] = [];
  readonly #edges: EdgeStatsRow[] = [];
  readonly #config = new Map<string, ConfigRecord>();

  open(): Promise<void> {
    this.#open = true;
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#open = false;
    return Promise.resolve();
  }

  appendDocuments(records: readonly DocumentRecord[]): Promise<void> {
    return this.#run(() => {
      for (const given of records) {
        // Keep only what a real engine keeps: the parsed copy is not part of the stored row.
        const record = withoutParsedCopy(given);
        let trace = this.#documents.get(record.traceId);
        if (!trace) this.#documents.set(record.traceId, (trace = new Map<string, DocumentRecord>()));
        const current = trace.get(record.id);
        if (!current || replacesDocument(record, current)) trace.set(record.id, record);
        const versions = this.#versions.get(record.traceId);
        if (versions) versions.push(record);
        else this.#versions.set(record.traceId, [record]);
      }
      this.#documentRows += records.length;
    });
  }

  getTraceDocuments(
    traceIds: readonly string[],
    options?: { readonly everyVersion?: boolean },
  ): Promise<Map<string, DocumentRecord[]>> {
    return this.#run(() => {
      const result = new Map<string, DocumentRecord[]>();
      for (const traceId of traceIds) {
        if (options?.everyVersion) {
          const versions = this.#versions.get(traceId);
          if (versions) result.set(traceId, [...versions]);
          continue;
        }
        const trace = this.#documents.get(traceId);
        if (trace) result.set(traceId, [...trace.values()].sort(compareDocumentOrder));
      }
      return result;
    });
  }

  listTraceIds(window: TimeWindow, limit: number): Promise<string[]> {
    return this.#run(() => {
      const newest: { traceId: string; time: number }[] = [];
      for (const [traceId, trace] of this.#documents) {
        let time = -Infinity;
        for (const d of trace.values()) {
          if (documentTouchesWindow(d, window.from, window.to)) time = Math.max(time, d.endTime ?? d.startTime);
        }
        if (time !== -Infinity) newest.push({ traceId, time });
      }
      newest.sort((a, b) => (a.time !== b.time ? b.time - a.time : compareCodePoints(b.traceId, a.traceId)));
      return newest.slice(0, Math.max(0, limit)).map((entry) => entry.traceId);
    });
  }

  appendTraceSummaries(records: readonly TraceSummaryRecord[]): Promise<void> {
    return this.#run(() => {
      for (const record of records) {
        const current = this.#summaries.get(record.traceId);
        // Equal revisions: the one appended later wins, as in the stores that order by insertion.
        if (!current || record.revision >= current.revision) this.#summaries.set(record.traceId, record);
      }
    });
  }

  queryTraceSummaries(query: SummaryQuery): Promise<SummaryPage> {
    return this.#run(() => {
      checkSummaryLimit(query.limit);
      const { timeRangeType: type, cursor, limit } = query;
      const candidates = [...this.#summaries.values()]
        .filter((r) => isInSummaryWindow(r, type, query.from, query.to))
        .filter((r) => cursor === undefined || isAfterCursor(r, type, cursor))
        .sort((a, b) => compareSummaryOrder(a, b, type));
      const matches: number[] = [];
      for (let i = 0; i < candidates.length && matches.length <= limit; i++) {
        if (evaluateSummaryPredicate(query.predicate, candidates[i] as TraceSummaryRecord)) matches.push(i);
      }
      const records = matches
        .slice(0, limit)
        .map((i) => candidates[i] as TraceSummaryRecord)
        .map((r) => (query.withoutFacts ? { ...r, facts: '' } : r));
      if (matches.length <= limit) return { records, scanned: candidates.length, nextCursor: undefined };
      // Scanned up to the page's last record, so that the pages of a window add up to its total.
      const lastIndex = matches[limit - 1] as number;
      const last = candidates[lastIndex] as TraceSummaryRecord;
      return { records, scanned: lastIndex + 1, nextCursor: cursorAfter(last, type) };
    });
  }

  appendGraphStats(delta: GraphStatsDelta): Promise<void> {
    return this.#run(() => {
      this.#nodes.push(...delta.nodes);
      this.#edges.push(...delta.edges);
    });
  }

  queryGraphStats(window: TimeWindow, options?: { perBucketSeconds?: number }): Promise<GraphStatsWindow> {
    return this.#run(() => {
      checkPerBucketSeconds(options?.perBucketSeconds);
      return sumGraphStats(this.#nodes, this.#edges, window, options?.perBucketSeconds);
    });
  }

  listConfig(kind: ConfigKind): Promise<ConfigRecord[]> {
    return this.#run(() =>
      [...this.#config.values()].filter((r) => r.kind === kind).sort((a, b) => compareCodePoints(a.name, b.name)),
    );
  }

  putConfig(record: ConfigRecord): Promise<void> {
    return this.#run(() => {
      this.#config.set(configKey(record.kind, record.name), record);
    });
  }

  deleteConfig(kind: ConfigKind, name: string): Promise<boolean> {
    return this.#run(() => this.#config.delete(configKey(kind, name)));
  }

  stats(): Promise<StoreStats> {
    return this.#run(() => ({ documents: this.#documentRows, traceSummaries: this.#summaries.size, bytesOnDisk: 0 }));
  }

  // Runs synchronous work as an async method would: a throw becomes a rejection.
  #run<T>(work: () => T): Promise<T> {
    try {
      if (!this.#open) throw new Error('InMemoryTraceStore is not open');
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function configKey(kind: ConfigKind, name: string): string {
  return JSON.stringify([kind, name]);
}
