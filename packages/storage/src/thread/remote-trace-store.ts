/**
 * A `TraceStore` held by another thread, called by message: the client half shared by
 * `ThreadHostedTraceStore` (which owns the store's worker) and `ConnectedTraceStore` (a further
 * client, in a third thread, of a store someone else owns).
 *
 * Every value crosses by structured clone; documents to append cross packed (document-batch-wire.ts),
 * and `DocumentRecord.parsed` stays behind: stores ignore it.
 * The endpoint keeps the process alive only while a call is in flight, so an idle store never holds
 * a process open and a call made just before exit (a final `close`) still completes.
 */
import type { ConfigKind, ConfigRecord } from '../config-record.ts';
import type { DocumentRecord } from '../document-record.ts';
import { packDocumentBatch } from '../document-batch-wire.ts';
import type { GraphStatsDelta, GraphStatsWindow } from '../graph-stats.ts';
import type { StoreStats, TimeWindow, TraceStore } from '../trace-store.ts';
import type { SummaryPage, SummaryQuery, TraceSummaryRecord } from '../trace-summary-record.ts';
import type { StoreCall, StoreMethod, StoreReply } from './store-thread-protocol.ts';

/** What a `Worker` and a `MessagePort` both are, as far as a client needs. */
export interface StoreEndpoint {
  postMessage(message: StoreCall): void;
  on(event: 'message', listener: (reply: StoreReply) => void): unknown;
  ref(): void;
  unref(): void;
}

interface Waiting {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export abstract class RemoteTraceStore implements TraceStore {
  /** Names the store in errors ("the DuckDB store is closed"). */
  protected readonly name: string;
  readonly #logger: { warn(message: string): void };
  readonly #waiting = new Map<number, Waiting>();
  #endpoint: StoreEndpoint | undefined;
  #nextId = 0;
  /** Set when the other side is gone: every later call fails with it. */
  #failure: Error | undefined;
  /** Set by `close`: later calls fail, calls already made still complete. */
  #closed = false;
  readonly #idleWaiters: (() => void)[] = [];

  protected constructor(name: string, logger: { warn(message: string): void } = console) {
    this.name = name;
    this.#logger = logger;
  }

  abstract open(): Promise<void>;
  abstract close(): Promise<void>;

  appendDocuments(records: readonly DocumentRecord[]): Promise<void> {
    return this.call('appendDocuments', [packDocumentBatch(records)]);
  }

  getTraceDocuments(
    traceIds: readonly string[],
    options?: { readonly everyVersion?: boolean },
  ): Promise<Map<string, DocumentRecord[]>> {
    return this.call('getTraceDocuments', [traceIds, options]);
  }

  listTraceIds(window: TimeWindow, limit: number): Promise<string[]> {
    return this.call('listTraceIds', [window, limit]);
  }

  appendTraceSummaries(records: readonly TraceSummaryRecord[]): Promise<void> {
    return this.call('appendTraceSummaries', [records]);
  }

  queryTraceSummaries(query: SummaryQuery): Promise<SummaryPage> {
    return this.call('queryTraceSummaries', [query]);
  }

  appendGraphStats(delta: GraphStatsDelta): Promise<void> {
    return this.call('appendGraphStats', [delta]);
  }

  queryGraphStats(window: TimeWindow, options?: { perBucketSeconds?: number }): Promise<GraphStatsWindow> {
    return this.call('queryGraphStats', [window, options]);
  }

  listConfig(kind: ConfigKind): Promise<ConfigRecord[]> {
    return this.call('listConfig', [kind]);
  }

  putConfig(record: ConfigRecord): Promise<void> {
    return this.call('putConfig', [record]);
  }

  deleteConfig(kind: ConfigKind, name: string): Promise<boolean> {
    return this.call('deleteConfig', [kind, name]);
  }

  stats(): Promise<StoreStats> {
    return this.call('stats', []);
  }

  /** Starts talking through `endpoint`; it is unref'd until a call is in flight. */
  protected attach(endpoint: StoreEndpoint): void {
    this.#endpoint = endpoint;
    endpoint.unref();
    endpoint.on('message', (reply) => this.#receive(reply));
  }

  /** Refuses every later call except the owner's own `close`; calls already made still complete. */
  protected markClosed(): void {
    this.#closed = true;
  }

  /** The other side is gone: fails the calls in flight and every later one with `error`. */
  protected fail(error: Error): void {
    this.#failure ??= error;
    for (const [id, waiting] of this.#waiting) {
      this.#settled(id);
      waiting.reject(this.#failure);
    }
  }

  /** Resolves once no call is in flight. */
  protected idle(): Promise<void> {
    if (this.#waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  protected get failed(): boolean {
    return this.#failure !== undefined;
  }

  // The type parameter states what the served method resolves to; this side cannot check it.
  protected call<T>(method: StoreMethod, args: readonly unknown[], evenIfClosed = false): Promise<T> {
    const endpoint = this.#endpoint;
    if (this.#closed && !evenIfClosed) return Promise.reject(new Error(`${this.name} is closed`));
    if (this.#failure) return Promise.reject(this.#failure);
    if (!endpoint) return Promise.reject(new Error(`${this.name} is not open`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      try {
        endpoint.postMessage({ kind: 'call', id, method, args });
      } catch (error) {
        // Arguments that cannot be cloned (a function, say): this call fails, the store goes on.
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (this.#waiting.size === 0) endpoint.ref();
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
  }

  #receive(reply: StoreReply): void {
    if (reply.kind === 'warning') {
      this.#logger.warn(reply.message);
      return;
    }
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#settled(reply.id);
    if (reply.kind === 'answer') waiting.resolve(reply.value);
    else waiting.reject(reply.error);
  }

  #settled(id: number): void {
    this.#waiting.delete(id);
    if (this.#waiting.size > 0) return;
    this.#endpoint?.unref();
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
