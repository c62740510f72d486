import { Worker } from 'node:worker_threads';
import type { DocumentRecord } from '@roentgen/storage';
import type { DerivedBatch, TraceUpdate } from './trace-derivation-state.ts';
import type { TraceDeriver } from './trace-deriver.ts';

interface Reply {
  readonly id: number;
  readonly batch?: DerivedBatch;
  readonly error?: string;
}

/**
 * A deriver that holds traces and summarizes them in a worker thread, so that on a machine with two
 * cores the derivation of summaries runs beside ingest instead of taking its turns on the event loop,
 * and the documents of active traces live in the worker's heap, not the ingest thread's. The
 * worker runs the same TypeScript through tsx (see derive-worker-entry.mjs). The worker is unref'd: it never keeps a process alive.
 */
export function workerTraceDeriver(): TraceDeriver {
  const worker = new Worker(new URL('./derive-worker-entry.mjs', import.meta.url));
  worker.unref();
  const waiting = new Map<number, { resolve: (batch: DerivedBatch) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error): void => {
    failure = error;
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: Reply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (reply.batch) entry.resolve(reply.batch);
    else entry.reject(new Error(reply.error ?? 'the derivation worker answered nothing'));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the derivation worker stopped (exit code ${code})`)));
  let closed: Promise<void> | undefined;
  return {
    update(updates: readonly TraceUpdate[], forget: readonly string[], revertLast = false): Promise<DerivedBatch> {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      // The parsed copies stay behind: the worker parses the text itself, in parallel.
      const portable = updates.map((update) => ({
        ...update,
        records: update.records.map(withoutParsed),
        ...(update.restored ? { restored: update.restored.map(withoutParsed) } : {}),
      }));
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, updates: portable, forget, revertLast });
      });
    },
    close(): Promise<void> {
      closed ??= worker.terminate().then(() => undefined);
      return closed;
    },
  };
}

function withoutParsed(record: DocumentRecord): DocumentRecord {
  if (record.parsed === undefined) return record;
  const { parsed: _parsed, ...rest } = record;
  return rest;
}
