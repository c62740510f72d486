import { runTraceStoreContract } from './contract/trace-store-contract.ts';
import { InMemoryTraceStore } from './in-memory-trace-store.ts';

runTraceStoreContract('in-memory', () =>
  Promise.resolve({ store: new InMemoryTraceStore(), cleanup: () => Promise.resolve() }),
);
