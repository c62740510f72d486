/**
 * The bounded buffer and batcher between the decoders and the store. Decoders hand over validated
 * records; one writer drains them in batches, one store write at a time, while the next batch
 * accumulates. Memory is bounded by `maxBufferedDocuments`: what does not fit is dropped and counted,
 * the buffer never grows past it.
 */
import type { MetricsRegistry } from '@roentgen/metrics';
import type { DocumentRecord, TraceStore } from '@roentgen/storage';
import { ingestMetricsFor } from './ingest-metrics.ts';
import type { IngestMetrics } from './ingest-metrics.ts';

/** Where documents came from; the `protocol` label of every ingest metric. */
export type IngestProtocol = 'udp' | 'xray-api' | 'otlp';

/** Where the collector reports what it cannot tell a sender (store failures, socket errors). */
export interface IngestLogger {
  warn(message: string): void;
}

export interface IngestPipelineOptions {
  readonly store: TraceStore;
  readonly metrics: MetricsRegistry;
  /** Most records held at once, counting the batch being written. Default 100,000. */
  readonly maxBufferedDocuments?: number;
  /** Most records per `appendDocuments` call; a full batch is written at once. Default 5,000. */
  readonly maxBatchSize?: number;
  /** Longest a record waits in a partial batch before it is written, milliseconds. Default 50. */
  readonly flushIntervalMs?: number;
  /** Default: `console`. */
  readonly logger?: IngestLogger;
}

/** The outcome of one `submit` call. */
export interface SubmitResult {
  /** The first `accepted` records of the call were buffered. */
  readonly accepted: number;
  /** The remaining records, dropped because the buffer was full. */
  readonly dropped: number;
  /**
   * Resolves once every accepted record of the call is committed by the store; rejects if a store
   * write holding one of them failed. Never left unhandled: ignoring it (UDP) is safe.
   */
  readonly durable: Promise<void>;
}

/** Settles one submit call's `durable` once all of its accepted records are written. */
interface Ticket {
  remaining: number;
  failed: boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** A run of records from one submit call; `offset` is where the next batch starts taking. */
interface Chunk {
  readonly records: readonly DocumentRecord[];
  readonly protocol: IngestProtocol;
  readonly ticket: Ticket;
  offset: number;
}

/** A slice of one chunk inside a batch being written. */
interface BatchPart {
  readonly protocol: IngestProtocol;
  readonly ticket: Ticket;
  readonly count: number;
}

/** See the module comment. One instance per server; owned by the composition root. */
export class IngestPipeline {
  private readonly store: TraceStore;
  private readonly metrics: IngestMetrics;
  private readonly logger: IngestLogger;
  private readonly maxBuffered: number;
  private readonly maxBatchSize: number;
  private readonly flushIntervalMs: number;
  private readonly chunks: Chunk[] = [];
  private readonly listeners: ((records: readonly DocumentRecord[]) => void)[] = [];
  private pendingCount = 0;
  private writingCount = 0;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushDue = false;

  constructor(options: IngestPipelineOptions) {
    this.store = options.store;
    this.metrics = ingestMetricsFor(options.metrics);
    this.logger = options.logger ?? console;
    this.maxBuffered = options.maxBufferedDocuments ?? 100_000;
    this.maxBatchSize = options.maxBatchSize ?? 5_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 50;
    this.metrics.bufferDepth.collectFrom(() => this.depth());
  }

  /**
   * Buffers as many of `records` as fit, in order, and counts them as received and accepted or
   * dropped. With `allOrNothing`, a call that does not fit whole is dropped whole (OTLP answers 503
   * and the exporter retries the full request). Never throws.
   */
  submit(
    records: readonly DocumentRecord[],
    protocol: IngestProtocol,
    options: { allOrNothing?: boolean } = {},
  ): SubmitResult {
    const room = Math.max(0, this.maxBuffered - this.depth());
    const fits = options.allOrNothing && records.length > room ? 0 : Math.min(records.length, room);
    const dropped = records.length - fits;
    this.metrics.received.inc({ protocol }, records.length);
    if (dropped > 0) this.metrics.dropped.inc({ protocol, reason: 'buffer_full' }, dropped);
    if (fits === 0) return { accepted: 0, dropped, durable: Promise.resolve() };

    this.metrics.accepted.inc({ protocol }, fits);
    const durable = new Promise<void>((resolve, reject) => {
      const ticket: Ticket = { remaining: fits, failed: false, resolve, reject };
      this.chunks.push({
        records: fits === records.length ? records : records.slice(0, fits),
        protocol,
        ticket,
        offset: 0,
      });
    });
    // Marks the promise handled so a caller that ignores it cannot crash the process.
    durable.catch(() => undefined);
    this.pendingCount += fits;
    this.schedule();
    return { accepted: fits, dropped, durable };
  }

  /**
   * Counts documents a decoder refused as received and rejected. `reason` is a model problem code or
   * a decoder's own (`missing_header`, `bad_header`, ...). `count` is documents, or spans for OTLP.
   */
  countRejection(protocol: IngestProtocol, reason: string, count = 1): void {
    this.metrics.received.inc({ protocol }, count);
    this.metrics.rejected.inc({ protocol, reason }, count);
  }

  /**
   * Calls `listener` after each committed batch, in commit order, with the batch's records (not to be
   * mutated). A throwing listener is logged and does not affect others. Returns an unsubscribe function.
   */
  onStored(listener: (records: readonly DocumentRecord[]) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** Records accepted and not yet committed: buffered plus the batch being written. */
  depth(): number {
    return this.pendingCount + this.writingCount;
  }

  /** Writes everything buffered now, in batches, and resolves when the buffer is empty (SIGTERM). */
  async drain(): Promise<void> {
    while (this.depth() > 0) {
      this.flushDue = true;
      this.startWrite();
      await this.writing;
    }
  }

  private schedule(): void {
    if (this.pendingCount === 0) return;
    if (this.pendingCount >= this.maxBatchSize || this.flushDue) this.startWrite();
    else if (!this.timer) {
      // Keeps the process alive only while records wait, which is real work to finish.
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flushDue = true;
        this.startWrite();
      }, this.flushIntervalMs);
    }
  }

  private startWrite(): void {
    if (this.writing || this.pendingCount === 0) return;
    if (this.pendingCount < this.maxBatchSize && !this.flushDue) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const { records, parts } = this.takeBatch();
    // Records left behind were waiting while this batch filled: write them right after, not a tick later.
    this.flushDue = this.pendingCount > 0;
    this.writing = this.write(records, parts).finally(() => {
      this.writing = undefined;
      this.schedule();
    });
  }

  private takeBatch(): { records: DocumentRecord[]; parts: BatchPart[] } {
    const records: DocumentRecord[] = [];
    const parts: BatchPart[] = [];
    while (records.length < this.maxBatchSize && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const take = Math.min(this.maxBatchSize - records.length, chunk.records.length - chunk.offset);
      for (let i = chunk.offset; i < chunk.offset + take; i++) records.push(chunk.records[i]!);
      parts.push({ protocol: chunk.protocol, ticket: chunk.ticket, count: take });
      chunk.offset += take;
      if (chunk.offset === chunk.records.length) this.chunks.shift();
    }
    this.pendingCount -= records.length;
    this.writingCount = records.length;
    return { records, parts };
  }

  private async write(records: DocumentRecord[], parts: readonly BatchPart[]): Promise<void> {
    const started = performance.now();
    try {
      await this.store.appendDocuments(records);
    } catch (error) {
      this.metrics.storeWriteFailures.inc();
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`ingest: store write of ${records.length} documents failed, they are lost: ${message}`);
      const failure = new Error(`store write failed: ${message}`);
      for (const part of parts) {
        this.metrics.dropped.inc({ protocol: part.protocol, reason: 'store_failure' }, part.count);
        if (!part.ticket.failed) {
          part.ticket.failed = true;
          part.ticket.reject(failure);
        }
      }
      return;
    } finally {
      // Committed or lost, the batch no longer occupies the buffer, before anyone is told.
      this.writingCount = 0;
      this.metrics.storeWriteSeconds.observe((performance.now() - started) / 1000);
    }
    for (const part of parts) {
      part.ticket.remaining -= part.count;
      if (part.ticket.remaining === 0 && !part.ticket.failed) part.ticket.resolve();
    }
    this.notify(records);
  }

  private notify(records: readonly DocumentRecord[]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(records);
      } catch (error) {
        this.logger.warn(
          `ingest: an onStored listener threw: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}
