import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTraceStoreContract } from '@roentgen/storage/contract';
import { DuckDbTraceStore } from './duckdb-trace-store.ts';
import { splitDuckDbTraceStore, threadedDuckDbTraceStore } from './threaded-duckdb-trace-store.ts';

runTraceStoreContract('duckdb file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roentgen-duckdb-'));
  const path = join(dir, 'store.duckdb');
  return {
    store: new DuckDbTraceStore({ path }),
    reopen: () => Promise.resolve(new DuckDbTraceStore({ path })),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

// Folding graph rows after every write puts compaction under every graph case (and beside reads).
runTraceStoreContract('duckdb :memory:, graph compaction after every write', () =>
  Promise.resolve({
    store: new DuckDbTraceStore({ path: ':memory:', compactGraphAfterRows: 1 }),
    cleanup: () => Promise.resolve(),
  }),
);

// The store the server runs: the same adapter in a worker thread, every value crossing by clone.
runTraceStoreContract('duckdb file, hosted in a worker thread', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roentgen-duckdb-thread-'));
  const path = join(dir, 'store.duckdb');
  return {
    store: threadedDuckDbTraceStore({ path }),
    reopen: () => Promise.resolve(threadedDuckDbTraceStore({ path })),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

// The store the server runs since ADR 0011: documents and derived data in two files, two threads.
runTraceStoreContract('duckdb split in two files, each hosted in a worker thread', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roentgen-duckdb-split-'));
  const path = join(dir, 'store.duckdb');
  return {
    store: splitDuckDbTraceStore({ path }),
    reopen: () => Promise.resolve(splitDuckDbTraceStore({ path })),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
