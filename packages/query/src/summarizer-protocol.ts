/** The messages between `startSummarizerThread` (the ingest thread) and its worker (summarizer-thread.ts). */
import type { PackedDocumentBatch, StoreConnection } from '@roentgen/storage';
import type { AssemblerTuning } from './trace-assembler.ts';

/** What the worker is started with (`workerData`; the port is transferred). */
export interface SummarizerStart extends AssemblerTuning {
  /** A connection to the store (`connectionTo`): summaries and graph statistics go straight there. */
  readonly storeConnection: StoreConnection;
  /** Graph statistics only, no summaries: a benchmark measuring what the graph costs alone. */
  readonly graphOnly?: boolean;
}

export type SummarizerRequest =
  /** A committed batch of documents, packed to cross cheaply (document-batch-wire.ts in storage). */
  | { readonly kind: 'documents'; readonly batch: PackedDocumentBatch }
  /** Finish every trace accepted so far; `close` also ends the work (the thread is then terminated). */
  | { readonly kind: 'flush' | 'close'; readonly id: number };

export type SummarizerReply =
  | { readonly kind: 'done'; readonly id: number; readonly error?: string }
  | { readonly kind: 'warning'; readonly message: string }
  /** Traces left unsummarized so far because documents outran derivation (a metric). */
  | { readonly kind: 'shed'; readonly traces: number };
