/**
 * Keeps trace summaries and service-graph statistics current as documents are committed
 * (reference §6.6 `Revision`): each committed batch re-derives only the traces it touched, from
 * their documents held by the deriver (or, for a trace evicted since, read back from the store), then
 * appends the new summary revisions and the graph-statistics change (new contribution minus the
 * previous one) in one write each. This side decides which traces are held and tracks their
 * revisions; the documents themselves live with the deriver (trace-derivation-state.ts).
 */
import type { DocumentRecord, TraceStore } from '@roentgen/storage';
import { traceIdEpochSeconds } from '@roentgen/model';
import { inlineTraceDeriver, type TraceDeriver } from './trace-deriver.ts';
import { mergeDocument, type DerivedBatch, type TraceUpdate } from './trace-derivation-state.ts';
import { previousRevisions } from './previous-revisions.ts';

export interface TraceAssemblerOptions {
  readonly store: TraceStore;
  /** Most traces held in memory; the least recently active are evicted first. Default 20,000. */
  readonly maxTraces?: number;
  /** Where failures of the background work are reported. Default: `console`. */
  readonly logger?: { warn(message: string): void };
  /**
   * A trace is summarized once no document of it arrived for this long (ms), so that the documents
   * of one request, which arrive over a few hundred milliseconds, cost one derivation rather than
   * one per batch. Default 300.
   */
  readonly settleMs?: number;
  /** A trace that keeps receiving documents is summarized at least this often (ms). Default 2,000. */
  readonly maxDelayMs?: number;
  /** Where derivation runs. Default: in this thread (the server runs the whole assembler in its summarizer thread). */
  readonly deriver?: TraceDeriver;
}

/** Records of one trace waiting to settle, with when the first and the last of them arrived. */
interface SettlingTrace {
  readonly records: DocumentRecord[];
  readonly firstAt: number;
  lastAt: number;
}

/** How far before the horizon a trace ID's epoch may lie for the store to be asked about it. */
const RESTORE_HORIZON_SECONDS = 3_600;

/** What the assembler remembers of a trace the deriver holds. */
interface ActiveTrace {
  revision: number;
}

/** A trace read back from the store: its revision and its documents before the batch at hand. */
interface RestoredTrace {
  readonly revision: number;
  readonly earlier: DocumentRecord[];
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
  readonly #deriver: TraceDeriver;
  readonly #settleMs: number;
  readonly #maxDelayMs: number;
  readonly #settling = new Map<string, SettlingTrace>();
  /** Traces the deriver is to forget with the next update (evicted since the last). */
  #toForget: string[] = [];
  /** Whether the last update's delta failed to reach the store (see `TraceDeriver.update`). */
  #revertLast = false;
  #timer: NodeJS.Timeout | undefined;
  #shed = 0;
  #warnedShedding = false;
  #running: Promise<void> | undefined;

  constructor(options: TraceAssemblerOptions) {
    this.#store = options.store;
    this.#maxTraces = options.maxTraces ?? 20_000;
    this.#logger = options.logger ?? console;
    this.#deriver = options.deriver ?? inlineTraceDeriver();
    this.#settleMs = options.settleMs ?? 300;
    this.#maxDelayMs = options.maxDelayMs ?? 2_000;
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
    const now = Date.now();
    for (const record of records) {
      const waiting = this.#settling.get(record.traceId);
      if (waiting) {
        waiting.records.push(record);
        waiting.lastAt = now;
      } else {
        this.#settling.set(record.traceId, { records: [record], firstAt: now, lastAt: now });
      }
    }
    this.#shedIfOverfull();
    // The timer is unref'd: waiting traces never keep a process alive; `flush` finishes them on stop.
    this.#timer ??= setInterval(() => this.#start(false), Math.max(10, Math.min(this.#settleMs, 100))).unref();
  }

  /** Resolves when every record accepted so far is reflected in the store (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.#running || this.#settling.size > 0) {
      this.#start(true);
      await this.#running;
    }
  }

  /**
   * Bounded memory when documents arrive faster than traces can be derived: past twice `maxTraces`
   * waiting traces, the oldest are left unsummarized (their documents are stored all the same, and
   * their next document summarizes them). Said once in the log, counted in `shedTraces`.
   */
  #shedIfOverfull(): void {
    const limit = 2 * this.#maxTraces;
    if (this.#settling.size <= limit) return;
    for (const traceId of this.#settling.keys()) {
      if (this.#settling.size <= limit) break;
      this.#settling.delete(traceId);
      this.#shed += 1;
    }
    if (!this.#warnedShedding) {
      this.#warnedShedding = true;
      this.#logger.warn(
        `trace assembler: documents arrive faster than traces can be summarized; ` +
          `the oldest waiting traces are left unsummarized (counted in shedTraces)`,
      );
    }
  }

  /** Traces left unsummarized because too many were waiting (see `#shedIfOverfull`). */
  get shedTraces(): number {
    return this.#shed;
  }

  /** Finishes every waiting trace, then releases the deriver (its worker thread, if any). */
  async close(): Promise<void> {
    await this.flush();
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#deriver.close();
  }

  /** Starts summarizing the traces that settled (all of them when `everything`), unless already busy. */
  #start(everything: boolean): void {
    if (this.#running) return;
    const due = this.#takeDue(everything);
    if (due.length === 0) {
      if (this.#settling.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
      return;
    }
    this.#running = this.#drain(due).finally(() => {
      this.#running = undefined;
    });
  }

  #takeDue(everything: boolean): DocumentRecord[] {
    const now = Date.now();
    const due: DocumentRecord[] = [];
    for (const [traceId, waiting] of this.#settling) {
      if (everything || now - waiting.lastAt >= this.#settleMs || now - waiting.firstAt >= this.#maxDelayMs) {
        due.push(...waiting.records);
        this.#settling.delete(traceId);
      }
    }
    return due;
  }

  /** Traces currently held in memory. */
  get activeTraces(): number {
    return this.#active.size;
  }

  async #drain(batch: readonly DocumentRecord[]): Promise<void> {
    try {
      await this.#process(batch);
    } catch (error) {
      this.#logger.warn(
        `trace assembler: ${batch.length} documents not summarized: ${error instanceof Error ? error.message : String(error)}`,
      );
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
    const restored = missing.length > 0 ? await this.#restore(missing, byTrace) : new Map<string, RestoredTrace>();

    const updates: TraceUpdate[] = [];
    for (const [traceId, records] of byTrace) {
      const held = this.#active.get(traceId);
      const earlier = held === undefined ? restored.get(traceId) : undefined;
      const revision = (held?.revision ?? earlier?.revision ?? 0) + records.length;
      this.#active.delete(traceId);
      this.#active.set(traceId, { revision });
      this.#forgotten.delete(traceId);
      updates.push({ traceId, revision, records, ...(earlier ? { restored: earlier.earlier } : {}) });
    }
    // Traces evicted after an earlier batch are forgotten before this one is applied; this batch's
    // evictions wait for the next, since a trace of this batch may be among them.
    const forget = this.#toForget;
    this.#toForget = [];
    const revertLast = this.#revertLast;
    this.#revertLast = false;
    // A trace whose derivation fails keeps its contribution (trace-derivation-state.ts): this batch's
    // documents of it count with its next documents.
    const { summaries, delta, failures } = await this.#deriver.update(updates, forget, revertLast);
    if (failures.length > 0) {
      const first = failures[0] as DerivedBatch['failures'][number];
      this.#logger.warn(
        `trace assembler: ${failures.length} traces not summarized (until their next documents): ${first.traceId}: ${first.message}`,
      );
    }
    this.#evict();
    try {
      if (summaries.length > 0) await this.#store.appendTraceSummaries(summaries);
      if (delta.nodes.length > 0 || delta.edges.length > 0) await this.#store.appendGraphStats(delta);
    } catch (error) {
      // The store's graph statistics lack this delta: the deriver must retract the old contributions.
      this.#revertLast = true;
      throw error;
    }
  }

  /**
   * Rebuilds the memory of traces seen before but no longer held: revision from the stored summary,
   * documents and previous contribution from what the trace was before this batch. The store already
   * holds the batch, and a document of it may have replaced an earlier version of the same id; so
   * every stored version is read, the batch's own left out, and the rest resolved as the store
   * resolves them, so that the earlier version's share is the one retracted.
   */
  async #restore(
    traceIds: string[],
    batch: ReadonlyMap<string, DocumentRecord[]>,
  ): Promise<Map<string, RestoredTrace>> {
    const [versions, revisions] = await Promise.all([
      this.#store.getTraceDocuments(traceIds, { everyVersion: true }),
      previousRevisions(this.#store, traceIds),
    ]);
    const restored = new Map<string, RestoredTrace>();
    for (const traceId of traceIds) {
      const revision = revisions.get(traceId);
      if (revision === undefined) continue;
      const fresh = new Set((batch.get(traceId) ?? []).map(versionKey));
      const before = new Map<string, DocumentRecord>();
      for (const version of versions.get(traceId) ?? []) {
        if (!fresh.has(versionKey(version))) mergeDocument(before, version);
      }
      restored.set(traceId, { revision, earlier: [...before.values()] });
    }
    return restored;
  }

  /**
   * Whether the store may hold earlier documents of a trace not in memory: it was evicted, or it
   * started before the horizon (before this assembler ran, or before the evicted set was last cleared).
   */
  #mayBeStored(traceId: string): boolean {
    if (this.#forgotten.has(traceId)) return true;
    // Only the last hour before the horizon: W3C-derived trace IDs (OTLP) carry random "epochs", and
    // reading the store for each of them would cost a query per batch for nothing.
    const epoch = traceIdEpochSeconds(traceId) ?? 0;
    return epoch < this.#horizon && epoch >= this.#horizon - RESTORE_HORIZON_SECONDS;
  }

  #evict(): void {
    for (const traceId of this.#active.keys()) {
      if (this.#active.size <= this.#maxTraces) break;
      this.#forget(traceId);
    }
    if (this.#forgotten.size > 4 * this.#maxTraces) {
      // Bounded memory: forget the names too, and read the store for anything that started before now.
      this.#forgotten.clear();
      this.#horizon = Math.floor(Date.now() / 1000) + 1;
    }
  }

  #forget(traceId: string): void {
    this.#active.delete(traceId);
    this.#forgotten.add(traceId);
    this.#toForget.push(traceId);
  }
}

// A stored version equals a batch record when all of these do (a resend arrives at another time).
function versionKey(record: DocumentRecord): string {
  return JSON.stringify([record.id, record.receivedAt, record.inProgress, record.document]);
}
