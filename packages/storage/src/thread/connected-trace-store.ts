/**
 * A further client of a store another thread owns: made in the thread that received a port from
 * `ThreadHostedTraceStore.connect` or `serveStoreOnPort`. `open` and `close` concern only this
 * connection; the owner opens and closes the store itself.
 */
import type { MessagePort } from 'node:worker_threads';
import { MessageChannel } from 'node:worker_threads';
import type { TraceStore } from '../trace-store.ts';
import { RemoteTraceStore } from './remote-trace-store.ts';
import { serveStoreOnPort } from './serve-trace-store.ts';
import { ThreadHostedTraceStore } from './thread-hosted-trace-store.ts';
import { SplitTraceStore } from '../split-trace-store.ts';

class ConnectedTraceStore extends RemoteTraceStore {
  readonly #port: MessagePort;

  constructor(port: MessagePort, name: string, logger?: { warn(message: string): void }) {
    super(name, logger);
    this.#port = port;
    this.attach(port);
    port.on('close', () => this.fail(new Error(`${name}: the connection was closed`)));
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  #closing: Promise<void> | undefined;

  close(): Promise<void> {
    this.markClosed();
    // Calls made before close still get their answers.
    this.#closing ??= this.idle().then(() => this.#port.close());
    return this.#closing;
  }
}

/**
 * How another thread reaches a store: a port served by the store's own thread, or, for a split store,
 * one such connection per half. Structured-cloneable; transfer `connectionPorts(connection)` with it.
 */
export type StoreConnection =
  | { readonly kind: 'port'; readonly port: MessagePort }
  | { readonly kind: 'split'; readonly documents: StoreConnection; readonly derived: StoreConnection };

/** The client end of `connection`, for the thread that received it. */
export function connectedTraceStore(
  connection: StoreConnection,
  name = 'the connected store',
  logger?: { warn(message: string): void },
): TraceStore {
  if (connection.kind === 'port') return new ConnectedTraceStore(connection.port, name, logger);
  return new SplitTraceStore({
    documents: connectedTraceStore(connection.documents, `${name} (documents)`, logger),
    derived: connectedTraceStore(connection.derived, `${name} (derived)`, logger),
  });
}

/**
 * A connection to `store` (opened by the calling thread) for another thread. A store hosted in a
 * worker serves it from that worker, so the other thread's calls never pass through this one; any
 * other store is served from this thread.
 */
export function connectionTo(store: TraceStore): StoreConnection {
  if (store instanceof SplitTraceStore) {
    return { kind: 'split', documents: connectionTo(store.documents), derived: connectionTo(store.derived) };
  }
  if (store instanceof ThreadHostedTraceStore) return { kind: 'port', port: store.connect() };
  const { port1, port2 } = new MessageChannel();
  serveStoreOnPort(store, port1);
  return { kind: 'port', port: port2 };
}

/** The ports inside `connection`: the transfer list of the message that carries it. */
export function connectionPorts(connection: StoreConnection): MessagePort[] {
  return connection.kind === 'port'
    ? [connection.port]
    : [...connectionPorts(connection.documents), ...connectionPorts(connection.derived)];
}
