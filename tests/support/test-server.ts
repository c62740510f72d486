/**
 * Real Roentgen servers for whole-system tests: in this process (fast, for most tests), or as a
 * child process running the `roentgen` command exactly as a user would (for signals and kill -9).
 * Both listen on 127.0.0.1 with ports chosen by the OS and a fresh data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readServerConfig, startServer, type RunningServer } from '@roentgen/server-app';
import type { TraceStore } from '@roentgen/storage';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh temporary directory, removed by the returned function. */
export function temporaryDirectory(prefix = 'roentgen-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestServer {
  readonly server: RunningServer;
  readonly baseUrl: string;
  readonly udpPort: number;
  readonly dataDir: string;
  /** Stops the server and removes its data directory (unless `keepData`). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts a server in this process on the embedded store (or `store`), quiet unless ROENTGEN_TEST_LOG is set. */
export async function startTestServer(options: { dataDir?: string; store?: TraceStore } = {}): Promise<TestServer> {
  const dir = options.dataDir ? { path: options.dataDir, remove: () => undefined } : temporaryDirectory();
  const log = process.env['ROENTGEN_TEST_LOG'] ? (m: string) => process.stderr.write(m + '\n') : () => undefined;
  const config = readServerConfig({ listen: '127.0.0.1:0', udp: '127.0.0.1:0', data: dir.path }, {}, log);
  const server = await startServer(config, options.store ? { store: options.store } : {});
  return {
    server,
    baseUrl: `http://127.0.0.1:${server.httpAddress.port}`,
    udpPort: server.udpAddress.port,
    dataDir: dir.path,
    close: async ({ keepData = false } = {}) => {
      await server.stop();
      if (!keepData) dir.remove();
    },
  };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly udpPort: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
}

/** Runs `roentgen start` (through bin/roentgen.js) as a child and waits until it is listening. */
export async function spawnServerProcess(dataDir: string, extraArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      join(repositoryRoot, 'bin', 'roentgen.js'),
      'start',
      '--listen',
      '127.0.0.1:0',
      '--udp',
      '127.0.0.1:0',
      '--data',
      dataDir,
      ...extraArgs,
    ],
    { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const addresses = await new Promise<{ http: number; udp: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 30 s:\n${stderr}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+) and udp:\/\/[^:]+:(\d+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({ http: Number(match[1]), udp: Number(match[2]) });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${stderr}`));
    });
  });
  child.stdout.resume();
  return {
    child,
    baseUrl: `http://127.0.0.1:${addresses.http}`,
    udpPort: addresses.udp,
    stderr: () => stderr,
    exited,
  };
}

/** Polls `check` until it returns a value other than `undefined`, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
