/**
 * The serving side of `RemoteTraceStore`: runs each call on the store and answers with the result.
 * Calls start in the order they arrive, synchronously, so the store queues them exactly as it would
 * for a caller in its own thread (writes in order, calls made before `close` run).
 */
import type { MessagePort } from 'node:worker_threads';
import { parentPort } from 'node:worker_threads';
import type { TraceStore } from '../trace-store.ts';
import type { StoreCall, StoreMethod, StoreReply, StoreRequest } from './store-thread-protocol.ts';
import { isStoreMethod } from './store-thread-protocol.ts';
import { isPackedDocumentBatch, unpackDocumentBatch } from '../document-batch-wire.ts';

/**
 * In a store's worker thread: serves the store made by `createStore` to the thread that started
 * the worker (which opens and closes it), and to every port that thread connects later.
 * `createStore` gets a `warn` that forwards a message to the owner's logger.
 */
export function serveTraceStore(
  createStore: (warn: (message: string) => void) => TraceStore,
  port: MessagePort | null = parentPort,
): void {
  if (!port) throw new Error('serveTraceStore runs in a worker thread, with a port to its owner');
  const store = createStore((message) => send(port, { kind: 'warning', message }));
  serve(store, port, true);
}

/**
 * Serves `store`, owned and opened by the calling thread, to a client on the other end of `port`
 * (a `connectedTraceStore` in another thread). The client cannot open or close it.
 */
export function serveStoreOnPort(store: TraceStore, port: MessagePort): void {
  serve(store, port, false);
  // The client keeps nothing alive by itself; an idle connection must not hold the process open.
  port.unref();
}

function serve(store: TraceStore, port: MessagePort, owner: boolean): void {
  port.on('message', (request: StoreRequest) => {
    if (request.kind === 'connect') {
      serveStoreOnPort(store, request.port);
      return;
    }
    void answer(store, request, owner).then((reply) => {
      try {
        send(port, reply);
      } catch (error) {
        // An answer that cannot be cloned (it never should) must still settle the caller's promise.
        const reason = error instanceof Error ? error.message : String(error);
        const failure = new Error(`the answer to ${request.method} could not be sent: ${reason}`);
        send(port, { kind: 'failure', id: request.id, error: failure });
      }
    });
  });
}

async function answer(store: TraceStore, call: StoreCall, owner: boolean): Promise<StoreReply> {
  try {
    if (!isStoreMethod(call.method)) throw new TypeError(`${String(call.method)} is not a method of the store port`);
    if (!owner && (call.method === 'open' || call.method === 'close')) {
      throw new Error(`${call.method} belongs to the store's owner, not to a connected client`);
    }
    const methods = store as unknown as Record<StoreMethod, (...args: unknown[]) => Promise<unknown>>;
    // Called before the first await: the store sees calls in arrival order.
    const pending = methods[call.method](...argumentsOf(call));
    return { kind: 'answer', id: call.id, value: await pending };
  } catch (error) {
    return { kind: 'failure', id: call.id, error };
  }
}

/** A call's arguments as the store takes them: documents to append come packed (`RemoteTraceStore`). */
function argumentsOf(call: StoreCall): readonly unknown[] {
  const [first] = call.args;
  if (call.method === 'appendDocuments' && isPackedDocumentBatch(first)) return [unpackDocumentBatch(first)];
  return call.args;
}

function send(port: MessagePort, reply: StoreReply): void {
  port.postMessage(reply);
}
