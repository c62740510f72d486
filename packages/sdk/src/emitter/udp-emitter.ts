/**
 * Sends documents to the daemon as UDP datagrams: `{"format":"json","version":1}\n` + document.
 *
 * Fire and forget, never blocking. Datagrams are released in bursts: `send` queues the buffer and
 * the queue goes to the socket after at most {@link BURST_DELAY_MS}, or at once when it holds
 * {@link BURST_SIZE}. A datagram sent to a sleeping receiver makes the sending syscall wake it,
 * which costs ten times the send itself (measured on loopback: ~40 µs against ~4 µs); a burst pays
 * that once. `flush()`, `close()` and the process's `exit` release the queue immediately.
 *
 * Memory is bounded by `maxPendingDatagrams` (queued, waiting for the socket to connect, or handed
 * to the socket and not yet confirmed); beyond it datagrams are dropped and counted. Socket errors
 * (unreachable daemon, unresolvable host) are counted and reported once; nothing is thrown to the caller.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { OnceLogger } from '../sdk-logger.ts';
import type { HostPort } from './daemon-address.ts';

/** The daemon protocol's header line, newline included. */
export const DAEMON_HEADER = '{"format":"json","version":1}\n';
/** Largest UDP payload over IPv4; the daemon reads at most 64 KiB per datagram. */
export const MAX_DATAGRAM_BYTES = 65_507;

/** Counters since the tracer started. Drops include datagrams the socket reported as failed. */
export interface EmitterStats {
  sent: number;
  dropped: number;
}

/** Retry connecting at most this often after the socket failed (ms). */
const RECONNECT_DELAY_MS = 5_000;
/** Longest a datagram waits for its burst (ms); the X-Ray daemon itself buffers up to a second. */
export const BURST_DELAY_MS = 20;
/** Queued datagrams that are released at once without waiting for the timer. */
export const BURST_SIZE = 64;

// Queues to release if the process exits first: `socket.send` on a connected socket completes
// synchronously when the kernel buffer has room, so an `exit` listener can still send them.
const queuedAtExit = new Set<() => void>();
let exitHookInstalled = false;

function releaseAllQueued(): void {
  for (const release of queuedAtExit) release();
}

/** One socket to one daemon address. Create through the tracer; `close()` flushes and releases it. */
export class UdpEmitter {
  readonly stats: EmitterStats = { sent: 0, dropped: 0 };
  readonly #address: HostPort;
  readonly #problems: OnceLogger;
  readonly #maxPending: number;
  #socket: Socket | undefined;
  #connected = false;
  #retryAfter = 0;
  #closed = false;
  #inFlight = 0;
  #waiting: Buffer[] = [];
  #burst: Buffer[] = [];
  #burstTimer: NodeJS.Timeout | undefined;
  #idleWaiters: (() => void)[] = [];
  readonly #afterSend = (error: Error | null): void => this.#settle(error);
  readonly #release = (): void => this.#releaseBurst();

  constructor(address: HostPort, problems: OnceLogger, maxPendingDatagrams: number) {
    this.#address = address;
    this.#problems = problems;
    this.#maxPending = maxPendingDatagrams;
  }

  /** Queues one serialized document (without the header). Oversized documents must be split before. */
  send(documentJson: string): void {
    if (this.#closed || this.#inFlight + this.#waiting.length + this.#burst.length >= this.#maxPending) {
      this.stats.dropped++;
      if (!this.#closed) this.#problems.once('queue-full', 'UDP send queue full: dropping documents');
      return;
    }
    this.#burst.push(Buffer.from(DAEMON_HEADER + documentJson));
    if (this.#burst.length >= BURST_SIZE) this.#releaseBurst();
    else if (this.#burstTimer === undefined) {
      this.#burstTimer = setTimeout(this.#release, BURST_DELAY_MS).unref();
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.once('exit', releaseAllQueued);
      }
      queuedAtExit.add(this.#release);
    }
  }

  /** Resolves once every datagram handed to the socket so far has been sent or dropped. */
  flush(): Promise<void> {
    this.#releaseBurst();
    if (this.#inFlight === 0 && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Flushes (at most `timeoutMs`), then closes the socket. Idempotent; later sends are dropped. */
  async close(timeoutMs = 2_000): Promise<void> {
    if (this.#closed) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([this.flush(), timeout]);
    clearTimeout(timer);
    this.#closed = true;
    // Documents completed while the flush was waiting are dropped, as later ones are.
    this.stats.dropped += this.#burst.length;
    this.#burst = [];
    this.#releaseBurst();
    this.#dropWaiting();
    this.#socket?.close();
    this.#socket = undefined;
  }

  #releaseBurst(): void {
    if (this.#burstTimer !== undefined) {
      clearTimeout(this.#burstTimer);
      this.#burstTimer = undefined;
    }
    queuedAtExit.delete(this.#release);
    const burst = this.#burst;
    if (burst.length === 0) return;
    this.#burst = [];
    for (const datagram of burst) this.#deliver(datagram);
  }

  #deliver(datagram: Buffer): void {
    const socket = this.#socket ?? this.#open();
    if (socket === undefined) {
      this.stats.dropped++;
      return;
    }
    if (!this.#connected) {
      this.#waiting.push(datagram);
      return;
    }
    this.#transmit(socket, datagram);
  }

  #open(): Socket | undefined {
    if (Date.now() < this.#retryAfter) return undefined;
    const socket = createSocket(isIPv6(this.#address.host) ? 'udp6' : 'udp4');
    socket.unref();
    socket.on('error', (error) => this.#fail(socket, error));
    this.#socket = socket;
    this.#connected = false;
    // Connecting once resolves the host once; sends then carry no address and no lookup.
    // Node passes a lookup or connect failure to this callback rather than emitting 'error'.
    socket.connect(this.#address.port, this.#address.host, (error?: Error) => {
      if (this.#socket !== socket) return;
      if (error instanceof Error) {
        this.#fail(socket, error);
        return;
      }
      this.#connected = true;
      const waiting = this.#waiting;
      this.#waiting = [];
      for (const datagram of waiting) this.#transmit(socket, datagram);
    });
    return socket;
  }

  #transmit(socket: Socket, datagram: Buffer): void {
    this.#inFlight++;
    try {
      socket.send(datagram, this.#afterSend);
    } catch (error) {
      // A socket closed under us throws synchronously; count it like any failed send.
      this.#settle(error as Error);
    }
  }

  #fail(socket: Socket, error: Error): void {
    this.#problems.once(
      'socket-error',
      `cannot send to the daemon at ${this.#address.host}:${this.#address.port}: ${error.message}`,
    );
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    this.#connected = false;
    this.#retryAfter = Date.now() + RECONNECT_DELAY_MS;
    this.#dropWaiting();
    try {
      socket.close();
    } catch {
      // Already closed.
    }
  }

  #settle(error: Error | null): void {
    this.#inFlight--;
    if (error === null) this.stats.sent++;
    else {
      this.stats.dropped++;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EMSGSIZE') this.#problems.once('too-large', 'a document was too large for one datagram');
      else this.#problems.once('send-error', `UDP send failed: ${error.message}`);
    }
    this.#notifyIdle();
  }

  #dropWaiting(): void {
    this.stats.dropped += this.#waiting.length;
    this.#waiting = [];
    this.#notifyIdle();
  }

  #notifyIdle(): void {
    if (this.#inFlight !== 0 || this.#waiting.length !== 0 || this.#idleWaiters.length === 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
