/**
 * The function host's processes: one child per service family (and one for the entrypoint), each
 * running that family's functions. Children talk to the host over loopback HTTP for invocations and
 * over the IPC channel for readiness and redeploys; they exit when the channel closes, so they die
 * with the host whether it stops cleanly, is interrupted, or is killed.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FunctionSpec, HandlerName } from '../demo-manifest.ts';
import type { WorkerMessage } from '../functions/service-worker-main.ts';
import type { WorkerConfig } from '../functions/service-worker.ts';
import { firstMessage, spawnTsChild, stopChild } from './child-process.ts';

/** Where each function runs: `http://127.0.0.1:PORT`. */
export interface WorkerPool {
  /** The base URL of the process running `name`; `undefined` for an unknown function. */
  urlOf(name: string): string | undefined;
  /** Swaps `name`'s handler in its process; resolves once the process confirmed it. */
  deploy(name: string, handler: HandlerName): Promise<void>;
  stop(): Promise<void>;
}

/** What every worker shares. */
export interface WorkerPoolOptions {
  readonly functions: readonly FunctionSpec[];
  readonly daemonAddress: string;
  readonly lambdaEndpoint: string;
  readonly region: string;
  /** Where a worker's stderr lines go. */
  readonly log: (line: string) => void;
}

const WORKER_MAIN = fileURLToPath(new URL('../functions/service-worker-main.ts', import.meta.url));

/** Starts one process per service and waits until all of them listen. */
export async function startWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  const byService = new Map<string, FunctionSpec[]>();
  for (const spec of options.functions) byService.set(spec.service, [...(byService.get(spec.service) ?? []), spec]);
  const families: Record<string, string[]> = {};
  for (const [service, specs] of byService) {
    if (service !== 'entrypoint') families[service] = specs.map((s) => s.name);
  }
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(stopChild));
  };
  try {
    const started = await Promise.all(
      [...byService].map(async ([service, functions]) => {
        const config: WorkerConfig = { ...options, service, functions, families };
        const env = { ROENTGEN_DEMO_WORKER: JSON.stringify(config) };
        const child = spawnTsChild(WORKER_MAIN, env, service, options.log);
        children.push(child);
        const port = await firstMessage(
          child,
          (m: WorkerMessage) => (m.type === 'ready' ? m.port : undefined),
          `starting the ${service} process`,
        );
        return { child, functions, port };
      }),
    );
    const where = new Map<string, { url: string; child: ChildProcess }>();
    for (const { child, functions, port } of started) {
      for (const spec of functions) where.set(spec.name, { url: `http://127.0.0.1:${port}`, child });
    }
    return {
      urlOf: (name) => where.get(name)?.url,
      deploy: (name, handler) => deployTo(where.get(name)?.child, name, handler),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function deployTo(child: ChildProcess | undefined, name: string, handler: HandlerName): Promise<void> {
  if (child === undefined) throw new Error(`no function named "${name}"`);
  const confirmed = firstMessage(
    child,
    (m: WorkerMessage) => (m.type === 'deployed' && m.name === name ? true : undefined),
    `deploying ${name}`,
  );
  child.send({ type: 'deploy', name, handler } satisfies WorkerMessage);
  await confirmed;
}
