/**
 * The messages between a store client in one thread (`RemoteTraceStore`) and the thread that holds
 * the store (`serveTraceStore`, `serveStoreOnPort`). Calls are answered in any order, matched by
 * `id`; every value crosses by structured clone, so records, maps and typed arrays arrive as sent.
 */
import type { MessagePort } from 'node:worker_threads';
import type { TraceStore } from '../trace-store.ts';

/** The port methods a client may call: every method of `TraceStore`, nothing else. */
export const STORE_METHODS = [
  'open',
  'close',
  'appendDocuments',
  'getTraceDocuments',
  'listTraceIds',
  'appendTraceSummaries',
  'queryTraceSummaries',
  'appendGraphStats',
  'queryGraphStats',
  'listConfig',
  'putConfig',
  'deleteConfig',
  'stats',
] as const satisfies readonly (keyof TraceStore)[];

export type StoreMethod = (typeof STORE_METHODS)[number];

export interface StoreCall {
  readonly kind: 'call';
  readonly id: number;
  readonly method: StoreMethod;
  readonly args: readonly unknown[];
}

/**
 * Asks the store's thread to serve the same store on `port` too, for a client in a third thread
 * (the summarizer writes summaries straight to the store thread, not through the ingest thread).
 */
export interface StoreConnect {
  readonly kind: 'connect';
  readonly port: MessagePort;
}

export type StoreRequest = StoreCall | StoreConnect;

/** The answer to one call: its value, or what it threw (an `Error` keeps its name, message and stack). */
export type StoreAnswer =
  | { readonly kind: 'answer'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'failure'; readonly id: number; readonly error: unknown };

/** A warning the served store logged (schema upgrades, failed maintenance), for the owner's logger. */
export interface StoreWarning {
  readonly kind: 'warning';
  readonly message: string;
}

export type StoreReply = StoreAnswer | StoreWarning;

export function isStoreMethod(name: unknown): name is StoreMethod {
  return typeof name === 'string' && (STORE_METHODS as readonly string[]).includes(name);
}
