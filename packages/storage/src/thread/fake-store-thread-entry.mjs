// Entry of the test fake's store thread: registers tsx, then loads the TypeScript (see
// duckdb-store-thread-entry.mjs in @roentgen/storage-duckdb for why).
import { register } from 'tsx/esm/api';

register();
await import('./fake-store-thread.ts');
