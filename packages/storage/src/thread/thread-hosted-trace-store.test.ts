import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MessagePort } from 'node:worker_threads';
import { runTraceStoreContract } from '../contract/trace-store-contract.ts';
import { makeConfigRecord, makeDocumentRecord } from '../contract/record-builders.ts';
import { InMemoryTraceStore } from '../in-memory-trace-store.ts';
import { connectedTraceStore, connectionTo } from './connected-trace-store.ts';
import type { StoreReply } from './store-thread-protocol.ts';
import { ThreadHostedTraceStore } from './thread-hosted-trace-store.ts';

const FAKE_ENTRY = new URL('./fake-store-thread-entry.mjs', import.meta.url);

function hostedFake(warnings: string[] = []): ThreadHostedTraceStore {
  return new ThreadHostedTraceStore({
    entry: FAKE_ENTRY,
    name: 'the fake store',
    logger: { warn: (message) => warnings.push(message) },
  });
}

// The proxy itself keeps every promise of the port: the whole contract, through a thread.
runTraceStoreContract('in-memory, hosted in a worker thread', () =>
  Promise.resolve({ store: hostedFake(), cleanup: () => Promise.resolve() }),
);

test('an error thrown in the thread reaches the caller with its type and message', async () => {
  const store = hostedFake();
  await store.open();
  try {
    await assert.rejects(
      store.queryTraceSummaries({ timeRangeType: 'TraceId', from: 0, to: 1, predicate: { kind: 'true' }, limit: 0 }),
      (error: unknown) => error instanceof RangeError && /limit must be a positive integer, got 0/.test(error.message),
    );
    // The store goes on after a failed call.
    assert.equal((await store.stats()).documents, 0);
  } finally {
    await store.close();
  }
});

test("the hosted store's warnings go to the host's logger", async () => {
  const warnings: string[] = [];
  const store = hostedFake(warnings);
  await store.open();
  try {
    await store.putConfig(makeConfigRecord({ name: 'warn:1', body: 'schema upgraded' }));
    assert.deepEqual(warnings, ['schema upgraded']);
  } finally {
    await store.close();
  }
});

test('arguments that cannot be cloned fail that call only', async () => {
  const store = hostedFake();
  await store.open();
  try {
    const unclonable = { ...makeConfigRecord(), body: (() => '{}') as unknown as string };
    await assert.rejects(store.putConfig(unclonable), /could not be cloned/);
    await store.appendDocuments([makeDocumentRecord()]);
    assert.equal((await store.stats()).documents, 1);
  } finally {
    await store.close();
  }
});

test('a thread that stops fails the calls in flight and every later call, naming the exit code', async () => {
  const store = hostedFake();
  await store.open();
  try {
    await assert.rejects(store.deleteConfig('group', 'exit-thread'), /the fake store thread stopped \(exit code 3\)/);
    await assert.rejects(store.stats(), /the fake store thread stopped \(exit code 3\)/);
  } finally {
    await store.close();
  }
  await assert.rejects(store.stats(), /the fake store is closed/);
});

test('an idle store does not keep its process alive, and a last call still completes', () => {
  // A script that opens the store, writes, never closes: it must end by itself, after its write.
  const script = `
    import { ThreadHostedTraceStore } from ${JSON.stringify(new URL('./thread-hosted-trace-store.ts', import.meta.url).href)};
    const store = new ThreadHostedTraceStore({ entry: new URL(${JSON.stringify(FAKE_ENTRY.href)}), name: 'fake' });
    await store.open();
    await store.putConfig({ kind: 'group', name: 'g', body: '{}', modifiedAt: 1 });
    console.log('groups', (await store.listConfig('group')).length);
  `;
  const dir = mkdtempSync(join(tmpdir(), 'roentgen-idle-store-'));
  const file = join(dir, 'idle-store.mts');
  writeFileSync(file, script);
  const child = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 30_000 });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(child.signal, null, 'the process had to be killed: the idle store kept it alive');
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /groups 1/);
});

// A client in another thread, on a port served by the owner's thread: the whole contract again.
runTraceStoreContract('in-memory, called through a connected port', async () => {
  const owned = new InMemoryTraceStore();
  await owned.open();
  return { store: connectedTraceStore(connectionTo(owned)), cleanup: () => owned.close() };
});

test("a connected client's calls go to the hosted store; closing the client leaves the store open", async () => {
  const store = hostedFake();
  await store.open();
  try {
    const client = connectedTraceStore({ kind: 'port', port: store.connect() }, 'the connected client');
    await client.open();
    await client.appendDocuments([makeDocumentRecord(), makeDocumentRecord()]);
    assert.equal((await store.stats()).documents, 2, 'written through the client, read through the owner');
    await client.close();
    await assert.rejects(client.stats(), /the connected client is closed/);
    assert.equal((await store.stats()).documents, 2);
  } finally {
    await store.close();
  }
});

test('a connected port cannot open or close the store it is served', async () => {
  const owned = new InMemoryTraceStore();
  await owned.open();
  const connection = connectionTo(owned);
  assert.equal(connection.kind, 'port');
  const { port } = connection as { port: MessagePort };
  const reply = new Promise<StoreReply>((resolve) => port.once('message', resolve));
  port.postMessage({ kind: 'call', id: 1, method: 'close', args: [] });
  const answer = await reply;
  assert.equal(answer.kind, 'failure');
  assert.match(String((answer as { error: unknown }).error), /close belongs to the store's owner/);
  assert.equal((await owned.stats()).documents, 0, 'the store is still open');
  port.close();
  await owned.close();
});
