/**
 * How contract cases get a store: each case makes a fresh one, opens it, and always closes and
 * cleans it up, even when the case fails.
 */
import type { TraceStore } from '../trace-store.ts';

/**
 * What an adapter's test hands the contract for each case. `store` is not yet opened. `reopen`, when
 * given, is called after the current store was closed and returns a new, not yet opened store on the
 * same data (durability cases are skipped without it). `cleanup` removes files and the like.
 */
export interface ContractStoreHandle {
  readonly store: TraceStore;
  readonly reopen?: () => Promise<TraceStore>;
  readonly cleanup: () => Promise<void>;
}

/** Makes a fresh, empty store for one contract case. */
export type ContractStoreFactory = () => Promise<ContractStoreHandle>;

/** The store a case works on, and a way to close it and open the same data again. */
export interface ContractContext {
  readonly store: TraceStore;
  readonly canReopen: boolean;
  /** Closes the current store and opens a new one on the same data; `store` then points at it. */
  reopen(): Promise<TraceStore>;
}

/** Runs `body` on a fresh opened store, then closes it and cleans up. */
export async function withStore(
  createStore: ContractStoreFactory,
  body: (context: ContractContext) => Promise<void>,
): Promise<void> {
  const handle = await createStore();
  let current = handle.store;
  await current.open();
  const context: ContractContext = {
    get store() {
      return current;
    },
    canReopen: handle.reopen !== undefined,
    async reopen() {
      if (!handle.reopen) throw new Error('this store cannot be reopened');
      await current.close();
      current = await handle.reopen();
      await current.open();
      return current;
    },
  };
  try {
    await body(context);
  } finally {
    await current.close();
    await handle.cleanup();
  }
}
