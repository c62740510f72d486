/**
 * Keeps trace summaries and service-graph statistics current as documents are committed
 * (reference §6.6 `Revision`): each committed batch re-derives only the traces it touched, from
 * their documents held in memory (or, for a trace evicted since, read back from the store), then
 * appends the new summary revisions and the graph-statistics change (new contribution minus the
 * previous one) in one write each.
 */
import type { DocumentRecord, GraphStatsDelta, TraceStore, TraceSummaryRecord } from '@roentgen/storage';
import { replacesDocument } from '@roentgen/storage';
import type { SegmentDocument } from '@roentgen/model';
import { traceIdEpochSeconds } from '@roentgen/model';
import { assembleTrace, negateDelta, traceGraphContribution } from '@roentgen/service-map';
import { deriveTraceSummary } from './derive-trace-summary.ts';
import { previousRevisions } from './previous-revisions.ts';

export interface TraceAssemblerOptions {
  readonly store: TraceStore;
  /** Most traces held in memory; the least recently active are evicted first. Default 20,000. */
  readonly maxTraces?: number;
  /** Where failures of the background work are reported. Default: `console`. */
  readonly logger?: { warn(message: string): void };
}

/** What the assembler remembers of a recently active trace. */
interface ActiveTrace {
  readonly documents: Map<string, DocumentRecord>;
  revision: number;
  contribution: GraphStatsDelta;
}

/** Anything with the collector pipeline's `onStored` (kept structural: query does not import collector). */
export interface StoredBatchSource {
  onStored(listener: (records: readonly DocumentRecord[]) => void): () => void;
}

/** See the module comment. One per server; owned by the composition root. */
export class TraceAssembler {
  readonly #store: TraceStore;
  readonly #maxTraces: number;
  readonly #logger: { warn(message: string): void };
  // Map order is recency order: a touched trace is deleted and re-inserted at the end.
  readonly #active = new Map<string, ActiveTrace>();
  // Evicted trace IDs, so that only they (and traces older than the horizon) cost a store read.
  readonly #forgotten = new Set<string>();
  #horizon = Math.floor(Date.now() / 1000);
  #pending: DocumentRecord[] = [];
  #running: Promise<void> | undefined;

  constructor(options: TraceAssemblerOptions) {
    this.#store = options.store;
    this.#maxTraces = options.maxTraces ?? 20_000;
    this.#logger = options.logger ?? console;
  }

  /** Subscribes to committed batches; returns the unsubscribe function. */
  attach(source: StoredBatchSource): () => void {
    return source.onStored((records) => this.accept(records));
  }

  /**
   * Queues committed records; never throws. Batches that arrive while earlier ones are processed are
   * coalesced, so under load the work per store write grows instead of the queue of writes.
   */
  accept(records: readonly DocumentRecord[]): void {
    for (const record of records) this.#pending.push(record);
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves when every record accepted so far is reflected in the store (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Traces currently held in memory. */
  get activeTraces(): number {
    return this.#active.size;
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      try {
        await this.#process(batch);
      } catch (error) {
        this.#logger.warn(
          `trace assembler: ${batch.length} documents not summarized: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  async #process(batch: readonly DocumentRecord[]): Promise<void> {
    const byTrace = new Map<string, DocumentRecord[]>();
    for (const record of batch) {
      const list = byTrace.get(record.traceId);
      if (list) list.push(record);
      else byTrace.set(record.traceId, [record]);
    }
    const missing = [...byTrace.keys()].filter((id) => !this.#active.has(id) && this.#mayBeStored(id));
    const restored = missing.length > 0 ? await this.#restore(missing, byTrace) : new Map<string, ActiveTrace>();

    const summaries: TraceSummaryRecord[] = [];
    const nodes: GraphStatsDelta['nodes'][number][] = [];
    const edges: GraphStatsDelta['edges'][number][] = [];
    for (const [traceId, records] of byTrace) {
      let trace = this.#active.get(traceId);
      if (trace) {
        for (const record of records) mergeDocument(trace.documents, record);
      } else {
        trace = restored.get(traceId) ?? { documents: new Map(), revision: 0, contribution: { nodes: [], edges: [] } };
        for (const record of records) mergeDocument(trace.documents, record);
      }
      trace.revision += records.length;
      const current = [...trace.documents.values()];
      const derived = deriveTraceSummary(current, trace.revision);
      summaries.push(derived.record);
      const contribution = traceGraphContribution(assembleTrace(current.map(parse)));
      const retraction = negateDelta(trace.contribution);
      nodes.push(...retraction.nodes, ...contribution.nodes);
      edges.push(...retraction.edges, ...contribution.edges);
      trace.contribution = contribution;
      this.#active.delete(traceId);
      this.#active.set(traceId, trace);
      this.#forgotten.delete(traceId);
    }
    this.#evict();
    await this.#store.appendTraceSummaries(summaries);
    if (nodes.length > 0 || edges.length > 0) await this.#store.appendGraphStats({ nodes, edges });
  }

  /**
   * Rebuilds the memory of traces seen before but no longer held: documents from the store (which
   * already holds this batch), revision from the stored summary, and the previous contribution from
   * the documents other than this batch's. A document of this batch that replaced an earlier version
   * of the same id hides that version, whose share then cannot be retracted exactly; eviction takes
   * only quiet traces, so this is rare.
   */
  async #restore(traceIds: string[], batch: ReadonlyMap<string, DocumentRecord[]>): Promise<Map<string, ActiveTrace>> {
    const [documents, revisions] = await Promise.all([
      this.#store.getTraceDocuments(traceIds),
      previousRevisions(this.#store, traceIds),
    ]);
    const restored = new Map<string, ActiveTrace>();
    for (const traceId of traceIds) {
      const revision = revisions.get(traceId);
      if (revision === undefined) continue;
      const fresh = new Set(batch.get(traceId)?.map((r) => r.id));
      const earlier = (documents.get(traceId) ?? []).filter((d) => !fresh.has(d.id));
      const contribution =
        earlier.length > 0 ? traceGraphContribution(assembleTrace(earlier.map(parse))) : { nodes: [], edges: [] };
      restored.set(traceId, { documents: new Map(earlier.map((d) => [d.id, d])), revision, contribution });
    }
    return restored;
  }

  /**
   * Whether the store may hold earlier documents of a trace not in memory: it was evicted, or it
   * started before the horizon (before this assembler ran, or before the evicted set was last cleared).
   */
  #mayBeStored(traceId: string): boolean {
    return this.#forgotten.has(traceId) || (traceIdEpochSeconds(traceId) ?? 0) < this.#horizon;
  }

  #evict(): void {
    for (const traceId of this.#active.keys()) {
      if (this.#active.size <= this.#maxTraces) break;
      this.#active.delete(traceId);
      this.#forgotten.add(traceId);
    }
    if (this.#forgotten.size > 4 * this.#maxTraces) {
      // Bounded memory: forget the names too, and read the store for anything that started before now.
      this.#forgotten.clear();
      this.#horizon = Math.floor(Date.now() / 1000) + 1;
    }
  }
}

function mergeDocument(documents: Map<string, DocumentRecord>, record: DocumentRecord): void {
  const current = documents.get(record.id);
  if (!current || replacesDocument(record, current)) documents.set(record.id, record);
}

function parse(record: DocumentRecord): SegmentDocument {
  return JSON.parse(record.document) as SegmentDocument;
}
