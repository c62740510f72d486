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

export function connectedTraceStore(
  port: MessagePort,
  name = 'the connected store',
  logger?: { warn(message: string): void },
): RemoteTraceStore {
  return new ConnectedTraceStore(port, name, logger);
}

/**
 * A port on which `store` (opened by the calling thread) is served to another thread, for
 * `connectedTraceStore` there. A store hosted in a worker serves it from that worker, so the other
 * thread's calls never pass through this one; any other store is served from this thread.
 */
export function connectionTo(store: TraceStore): MessagePort {
  if (store instanceof ThreadHostedTraceStore) return store.connect();
  const { port1, port2 } = new MessageChannel();
  serveStoreOnPort(store, port1);
  return port2;
}
