import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeTraceId } from '@roentgen/storage/contract';
import { DuckDbTraceStore } from './duckdb-trace-store.ts';

const CHILD = fileURLToPath(new URL('./durability-child.ts', import.meta.url));

// Resolves once the child printed "ok" (its append resolved), after killing it with SIGKILL, so
// nothing after the append (no close, no checkpoint) ever runs.
function appendInChildThenKill(path: string, count: number, traceId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(count), traceId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!killed && chunk.toString().includes('ok')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && killed) resolve();
      else reject(new Error(`child ended without "ok" (signal ${signal}): ${stderr}`));
    });
  });
}

test('documents appended before a SIGKILL are there after reopening', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roentgen-duckdb-kill-'));
  try {
    const path = join(dir, 'store.duckdb');
    const traceId = makeTraceId();
    await appendInChildThenKill(path, 2500, traceId);
    const store = new DuckDbTraceStore({ path });
    await store.open();
    try {
      assert.equal((await store.getTraceDocuments([traceId])).get(traceId)?.length, 2500);
      assert.equal((await store.stats()).documents, 2500);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
