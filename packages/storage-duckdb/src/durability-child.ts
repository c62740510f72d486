/**
 * Run by `durability.test.ts` in a child process: opens the store at `argv[2]`, appends `argv[3]`
 * documents of the trace `argv[4]`, prints "ok" once the append resolved, then waits to be killed.
 */
import { makeDocumentRecord } from '@roentgen/storage/contract';
import { DuckDbTraceStore } from './duckdb-trace-store.ts';

const [path, count, traceId] = process.argv.slice(2);
if (path === undefined || count === undefined || traceId === undefined) {
  throw new Error('usage: durability-child.ts PATH COUNT TRACE_ID');
}
const store = new DuckDbTraceStore({ path });
await store.open();
await store.appendDocuments(Array.from({ length: Number(count) }, () => makeDocumentRecord({ traceId })));
process.stdout.write('ok\n');
// Keeps the process (and the open database) alive until the parent kills it.
setInterval(() => undefined, 60_000);
