/**
 * A `TraceStore` whose adapter runs in a worker thread of its own. An embedded engine's client
 * library does part of its work synchronously on the calling thread (DuckDB's appenders copy and
 * flush every row there); hosted in a worker, that work runs beside the event loop that receives,
 * decodes and validates documents, instead of taking turns with it (docs/adr/0010).
 */
import type { MessagePort } from 'node:worker_threads';
import { MessageChannel, Worker } from 'node:worker_threads';
import { RemoteTraceStore } from './remote-trace-store.ts';
import type { StoreConnect } from './store-thread-protocol.ts';

export interface ThreadHostedStoreOptions {
  /** The worker's entry module; it calls `serveTraceStore` with the adapter to host. */
  readonly entry: URL;
  /** Handed to the entry as `workerData` (structured-cloned: no functions). */
  readonly workerData?: unknown;
  /** Where the hosted store's warnings go. Default: `console`. */
  readonly logger?: { warn(message: string): void };
  /** Names the store in errors ("the DuckDB store thread stopped …"). */
  readonly name: string;
}

export class ThreadHostedTraceStore extends RemoteTraceStore {
  readonly #options: ThreadHostedStoreOptions;
  #worker: Worker | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: ThreadHostedStoreOptions) {
    super(options.name, options.logger);
    this.#options = options;
  }

  open(): Promise<void> {
    if (this.#closing) return Promise.reject(new Error(`${this.name} is closed`));
    if (!this.#worker) {
      const worker = new Worker(this.#options.entry, { workerData: this.#options.workerData });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`${this.name} thread stopped (exit code ${code})`)));
      this.attach(worker);
      this.#worker = worker;
    }
    return this.call('open', []);
  }

  close(): Promise<void> {
    this.#closing ??= this.#closeNow();
    return this.#closing;
  }

  /**
   * A port on which the store's thread serves this same store, for a client in another thread
   * (`connectedTraceStore`): its calls go straight to the store's thread, not through this one.
   * Transfer the port to that thread. The store must be open.
   */
  connect(): MessagePort {
    const worker = this.#worker;
    if (!worker || this.#closing) throw new Error(`${this.name} is not open`);
    const { port1, port2 } = new MessageChannel();
    const request: StoreConnect = { kind: 'connect', port: port2 };
    worker.postMessage(request, [port2]);
    return port1;
  }

  async #closeNow(): Promise<void> {
    this.markClosed();
    const worker = this.#worker;
    if (!worker) return;
    try {
      // Queued behind every call made before it, like the hosted store's own close.
      if (!this.failed) await this.call('close', [], true);
    } finally {
      await worker.terminate();
    }
  }
}
