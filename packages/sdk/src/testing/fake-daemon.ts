/**
 * Test support, not exported by the package: a fake X-Ray daemon that records UDP datagrams on
 * 127.0.0.1 (port chosen by the OS), checks the daemon header line and validates every document
 * with `@roentgen/model`, and a tracer factory pointed at it.
 */
import { createSocket, type Socket } from 'node:dgram';
import { validateSegmentDocument, type SegmentDocument } from '@roentgen/model';
import { createTracer, type Tracer } from '../tracer.ts';
import type { TracerOptions } from '../tracer-options.ts';

const HEADER = '{"format":"json","version":1}\n';

/** Records datagrams; `documents` holds the parsed, validated ones in arrival order. */
export class FakeDaemon {
  readonly documents: SegmentDocument[] = [];
  readonly problems: string[] = [];
  readonly #socket: Socket;
  #waiters: { count: number; resolve: () => void }[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('message', (message) => this.#receive(message));
  }

  /** Binds a UDP socket on 127.0.0.1, port 0. */
  static async start(): Promise<FakeDaemon> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new FakeDaemon(socket);
  }

  /** Datagrams received so far, valid or not. */
  get stats(): number {
    return this.documents.length + this.problems.length;
  }

  /** `127.0.0.1:<port>`, as a daemon address. */
  get address(): string {
    return `127.0.0.1:${this.#socket.address().port}`;
  }

  /** Resolves when at least `count` documents arrived; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 2000): Promise<SegmentDocument[]> {
    if (this.documents.length < count) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} documents, got ${this.documents.length}`)),
          timeoutMs,
        );
        this.#waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    }
    return this.documents;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }

  #receive(message: Buffer): void {
    const text = message.toString('utf8');
    if (!text.startsWith(HEADER)) this.problems.push(`bad header: ${text.slice(0, 40)}`);
    else {
      const result = validateSegmentDocument(JSON.parse(text.slice(HEADER.length)) as unknown);
      if (result.ok) this.documents.push(result.document);
      else this.problems.push(JSON.stringify(result.problem));
    }
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.documents.length + this.problems.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}

/** Samples every request: a fixed target far above what any test sends. */
export const SAMPLE_ALL = { version: 2 as const, default: { fixed_target: 1_000_000, rate: 1 } };

/** A tracer sending to `daemon`, sampling everything locally, unless `options` says otherwise. */
export function tracerFor(daemon: FakeDaemon, options: TracerOptions = {}): Tracer {
  return createTracer({
    serviceName: 'test-svc',
    daemonAddress: daemon.address,
    ...options,
    sampling: { centralized: false, rules: SAMPLE_ALL, ...options.sampling },
  });
}
