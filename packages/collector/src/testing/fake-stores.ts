/**
 * Stores for tests of the pipeline: the in-memory store with its `appendDocuments` slowed down by a
 * gate the test opens, or made to fail on demand.
 */
import { InMemoryTraceStore } from '@roentgen/storage';
import type { DocumentRecord } from '@roentgen/storage';

/** The in-memory store, already open (its `open` completes at once). */
export class OpenInMemoryStore extends InMemoryTraceStore {
  constructor() {
    super();
    void this.open();
  }
}

/** Each `appendDocuments` call waits until the test calls `release()`; calls are recorded in order. */
export class GatedStore extends OpenInMemoryStore {
  readonly calls: DocumentRecord[][] = [];
  /** Set true the moment the in-memory append has finished, before the promise resolves. */
  committed: boolean[] = [];
  failNext = false;
  private waiting: (() => void)[] = [];

  override async appendDocuments(records: readonly DocumentRecord[]): Promise<void> {
    this.calls.push([...records]);
    const index = this.committed.push(false) - 1;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    await super.appendDocuments(records);
    this.committed[index] = true;
  }

  /** Lets the oldest waiting write proceed. */
  release(): void {
    this.waiting.shift()?.();
  }

  get pendingWrites(): number {
    return this.waiting.length;
  }
}

/** A store whose writes always fail. */
export class FailingStore extends OpenInMemoryStore {
  override appendDocuments(): Promise<void> {
    return Promise.reject(new Error('store unavailable'));
  }
}

/** Resolves after the event loop has run pending callbacks `turns` times. */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
