/**
 * Keeps trace summaries and service-graph statistics current as documents are committed
 * (reference §6.6 `Revision`): each committed batch re-derives only the traces it touched, from
 * their documents held by the deriver (or, for a trace evicted since, read back from the store), then
 * appends the new summary revisions in one write, and folds the graph-statistics change (new
 * contribution minus the previous one) into the change waiting to be written (unwritten-graph-change.ts).
 * Which waiting traces are due is settling-traces.ts's to say. This side decides which traces are held
 * and tracks their revisions; the documents themselves live with the deriver (trace-derivation-state.ts).
 */
import type { DocumentRecord, TraceStore } from '@roentgen/storage';
import { traceIdEpochSeconds } from '@roentgen/model';
import { inlineTraceDeriver, type TraceDeriver } from './trace-deriver.ts';
import { mergeDocument, type DerivedBatch, type TraceUpdate } from './trace-derivation-state.ts';
import { SettlingTraces } from './settling-traces.ts';
import { UnwrittenGraphChange } from './unwritten-graph-change.ts';
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
  /**
   * How long a trace waits once its root segment has arrived complete (ms). Default 0: a root segment
   * closes after the calls it made, so the documents of its synchronous calls are already in, and a
   * request's trace is summarized at the next tick rather than `settleMs` later. Documents that still
   * come after it (asynchronous work) summarize the trace again, as any late document does.
   */
  readonly settleAfterRootMs?: number;
  /** A trace that keeps receiving documents is summarized at least this often (ms). Default 2,000. */
  readonly maxDelayMs?: number;
  /**
   * While traces keep arriving, graph-statistics changes are written at most this often (ms); as soon
   * as no trace waits, at once. Default 1,000. Under load each batch's change touches most keys of the
   * map again (a few hundred rows, written at three bucket widths), so one write per second instead of
   * one per batch (ten a second) spares the store nine tenths of its graph rows; the map is at most
   * this much behind the summaries.
   */
  readonly graphWriteMs?: number;
  /** Where derivation runs. Default: in this thread (the server runs the whole assembler in its summarizer thread). */
  readonly deriver?: TraceDeriver;
}

/** The assembler's timing and memory settings, which the summarizer thread passes through. */
export type AssemblerTuning = Pick<
  TraceAssemblerOptions,
  'maxTraces' | 'settleMs' | 'settleAfterRootMs' | 'maxDelayMs' | 'graphWriteMs'
>;

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
  readonly #settling: SettlingTraces;
  readonly #tickMs: number;
  readonly #unwrittenGraph: UnwrittenGraphChange;
  /** Traces the deriver is to forget with the next update (evicted since the last). */
  #toForget: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  /** When documents stopped coming: the one moment every waiting trace is due (see `#tick`). */
  #quietTimer: NodeJS.Timeout | undefined;
  #shed = 0;
  #warnedShedding = false;
  #running: Promise<void> | undefined;

  constructor(options: TraceAssemblerOptions) {
    this.#store = options.store;
    this.#maxTraces = options.maxTraces ?? 20_000;
    this.#logger = options.logger ?? console;
    this.#deriver = options.deriver ?? inlineTraceDeriver();
    const settleMs = options.settleMs ?? 300;
    this.#settling = new SettlingTraces({
      settleMs,
      settleAfterRootMs: options.settleAfterRootMs ?? 0,
      maxDelayMs: options.maxDelayMs ?? 2_000,
    });
    this.#tickMs = Math.max(10, Math.min(settleMs, 100));
    this.#unwrittenGraph = new UnwrittenGraphChange(options.graphWriteMs ?? 1_000);
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
    this.#settling.add(records, Date.now());
    this.#shedIfOverfull();
    // The timer is unref'd: waiting traces never keep a process alive; `flush` finishes them on stop.
    this.#timer ??= setInterval(() => this.#tick(), this.#tickMs).unref();
  }

  /** Resolves when every record accepted so far is reflected in the store (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.#running || this.#settling.size > 0 || this.#unwrittenGraph.waiting) {
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
    const shed = this.#settling.shedOldest(2 * this.#maxTraces);
    if (shed === 0) return;
    this.#shed += shed;
    if (!this.#warnedShedding) {
      this.#warnedShedding = true;
      this.#logger.warn(
        `trace assembler: documents arrive faster than traces can be summarized; ` +
          `the oldest waiting traces are left unsummarized (counted in shedTraces)`,
      );
    }
  }

  /**
   * Starts what is due. And when documents have stopped coming, every waiting trace is due exactly
   * `settleMs` after the last one came: that moment gets a timer of its own, so the last traces of a
   * burst are summarized then, not up to a tick later.
   */
  #tick(): void {
    this.#start(false);
    const wait = this.#settling.allDueIn(Date.now());
    if (this.#settling.size > 0 && !this.#quietTimer && wait > 0 && wait < this.#tickMs) {
      this.#quietTimer = setTimeout(() => {
        this.#quietTimer = undefined;
        this.#start(false);
      }, wait).unref();
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
    if (this.#quietTimer) clearTimeout(this.#quietTimer);
    this.#timer = undefined;
    this.#quietTimer = undefined;
    await this.#deriver.close();
  }

  /**
   * Starts summarizing the traces that settled (all of them when `everything`), or writing a graph
   * change that is due, unless already busy.
   */
  #start(everything: boolean): void {
    if (this.#running) return;
    const due = this.#settling.takeDue(Date.now(), everything);
    if (due.length === 0 && !(this.#unwrittenGraph.waiting && (everything || this.#graphWriteDue()))) {
      if (this.#settling.size === 0 && !this.#unwrittenGraph.waiting && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
      return;
    }
    this.#running = this.#drain(due, everything).finally(() => {
      this.#running = undefined;
    });
  }

  /** Traces currently held in memory. */
  get activeTraces(): number {
    return this.#active.size;
  }

  async #drain(batch: readonly DocumentRecord[], everything: boolean): Promise<void> {
    try {
      if (batch.length > 0) await this.#process(batch);
    } catch (error) {
      this.#logger.warn(`trace assembler: ${batch.length} documents not summarized: ${messageOf(error)}`);
    }
    try {
      if (everything || this.#graphWriteDue()) await this.#unwrittenGraph.write(this.#store, this.#deriver, Date.now());
    } catch (error) {
      this.#logger.warn(
        `trace assembler: a graph-statistics change was not written (its traces count again with their next documents): ${messageOf(error)}`,
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
    // A trace whose derivation fails keeps its contribution (trace-derivation-state.ts): this batch's
    // documents of it count with its next documents.
    const { summaries, delta, failures } = await this.#deriver.update(updates, forget);
    if (failures.length > 0) {
      const first = failures[0] as DerivedBatch['failures'][number];
      this.#logger.warn(
        `trace assembler: ${failures.length} traces not summarized (until their next documents): ${first.traceId}: ${first.message}`,
      );
    }
    this.#evict();
    this.#unwrittenGraph.fold(delta);
    if (summaries.length > 0) await this.#store.appendTraceSummaries(summaries);
  }

  /** Under load, a graph change waits for the next write at most `graphWriteMs`; with no trace waiting, not at all. */
  #graphWriteDue(): boolean {
    return this.#unwrittenGraph.due(Date.now(), this.#settling.size === 0);
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// A stored version equals a batch record when all of these do (a resend arrives at another time).
function versionKey(record: DocumentRecord): string {
  return JSON.stringify([record.id, record.receivedAt, record.inProgress, record.document]);
}
