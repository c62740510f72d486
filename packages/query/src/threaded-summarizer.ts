/**
 * Keeps trace summaries and graph statistics current from a worker thread of their own: the server's
 * summarizer (docs/adr/0010). The ingest thread forwards each committed batch; assembling, deriving
 * and writing the results all happen in the worker, which talks to the store through its own
 * connection. Same behaviour as a `TraceAssembler` in this thread (trace-assembler.ts), which the
 * worker runs.
 */
import { Worker } from 'node:worker_threads';
import type { DocumentRecord, StoreConnection } from '@roentgen/storage';
import { connectionPorts, packDocumentBatch } from '@roentgen/storage';
import type { SummarizerReply, SummarizerRequest, SummarizerStart } from './summarizer-protocol.ts';
import type { AssemblerTuning, StoredBatchSource } from './trace-assembler.ts';

/** The assembler's settings (`AssemblerTuning`) are as in `TraceAssemblerOptions`. */
export interface SummarizerThreadOptions extends AssemblerTuning {
  /** A connection to the store (`connectionTo(store)` from `@roentgen/storage`); its ports are transferred. */
  readonly storeConnection: StoreConnection;
  /** Where the worker's warnings go. Default: `console`. */
  readonly logger?: { warn(message: string): void };
  /** Keep graph statistics only, no summaries: for a benchmark measuring what the graph costs alone. */
  readonly graphOnly?: boolean;
}

export interface SummarizerThread {
  /** Forwards every batch `source` commits from now on. Returns an unsubscribe function. */
  attach(source: StoredBatchSource): () => void;
  /** Forwards one committed batch. Never throws. */
  accept(records: readonly DocumentRecord[]): void;
  /** Resolves when every batch forwarded so far is reflected in the store. */
  flush(): Promise<void>;
  /** Finishes every forwarded batch, then stops the worker. Idempotent. */
  close(): Promise<void>;
  /** Traces left unsummarized because documents outran derivation, as last reported. */
  readonly shedTraces: number;
}

export function startSummarizerThread(options: SummarizerThreadOptions): SummarizerThread {
  const { storeConnection, logger = console, ...assembler } = options;
  const start: SummarizerStart = { storeConnection, ...assembler };
  const worker = new Worker(new URL('./summarizer-thread-entry.mjs', import.meta.url), {
    workerData: start,
    transferList: connectionPorts(storeConnection),
  });
  // Idle, the worker keeps nothing alive; a flush or close in flight does.
  worker.unref();
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let shedTraces = 0;
  let failure: Error | undefined;
  let closing: Promise<void> | undefined;

  const settle = (id: number, error?: Error): void => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    if (error) entry.reject(error);
    else entry.resolve();
  };
  worker.on('message', (reply: SummarizerReply) => {
    if (reply.kind === 'warning') logger.warn(reply.message);
    else if (reply.kind === 'shed') shedTraces = reply.traces;
    else settle(reply.id, reply.error === undefined ? undefined : new Error(reply.error));
  });
  const fail = (error: Error): void => {
    failure ??= error;
    for (const id of [...waiting.keys()]) settle(id, failure);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the summarizer thread stopped (exit code ${code})`)));

  const request = (kind: 'flush' | 'close'): Promise<void> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject });
      worker.postMessage({ kind, id } satisfies SummarizerRequest);
    });
  };
  let warnedLost = false;
  const accept = (records: readonly DocumentRecord[]): void => {
    if (failure || closing) {
      // Documents are stored all the same; only their summaries are missing, until the next ones.
      if (!warnedLost) logger.warn(`summarizer: ${records.length} documents not summarized: the summarizer is stopped`);
      warnedLost = true;
      return;
    }
    worker.postMessage({ kind: 'documents', batch: packDocumentBatch(records) } satisfies SummarizerRequest);
  };

  return {
    attach: (source) => source.onStored(accept),
    accept,
    flush: () => request('flush'),
    close() {
      closing ??= request('close')
        .catch((error: unknown) => logger.warn(`summarizer: closing failed: ${String(error)}`))
        .finally(() => worker.terminate());
      return closing.then(() => undefined);
    },
    get shedTraces() {
      return shedTraces;
    },
  };
}
