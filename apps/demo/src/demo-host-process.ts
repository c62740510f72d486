/**
 * The demo as seen from the process that orchestrates it: one child process runs the function host
 * (API Gateway, Lambda service, load runner) and, under it, one process per service. Stopping it,
 * or the orchestrator dying, takes every one of them down.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DemoManifest, HandlerName } from './demo-manifest.ts';
import { firstMessage, spawnTsChild, stopChild } from './host/child-process.ts';
import type { LoadScript } from './load/load-script.ts';

/** What the host process is started with (as JSON in `ROENTGEN_DEMO_HOST`). */
export interface DemoHostConfig {
  /** The manifest as it is to be deployed (faults already switched). */
  readonly manifest: DemoManifest;
  /** Roentgen's UDP address, `host:port`. */
  readonly udpAddress: string;
  /** Roentgen's HTTP address (sampling rules), `host:port`. */
  readonly serverAddress: string;
  readonly gatewayHost: string;
  /** 0 lets the OS choose. */
  readonly gatewayPort: number;
}

/** Messages between the orchestrator and the host process. */
export type DemoHostMessage =
  | { readonly type: 'ready'; readonly gatewayUrl: string; readonly lambdaEndpoint: string }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'load'; readonly script: LoadScript }
  | { readonly type: 'progress'; readonly line: string; readonly final: boolean }
  | { readonly type: 'loaded'; readonly arrivals: number; readonly startTime: number; readonly endTime: number }
  | { readonly type: 'deploy'; readonly name: string; readonly handler: HandlerName }
  | { readonly type: 'deployed'; readonly name: string; readonly error: string | undefined };

/** The running demo host. */
export interface DemoHost {
  /** `http://HOST:PORT` of the API Gateway stage, as bound. */
  readonly gatewayUrl: string;
  /** The Lambda Invoke endpoint; `roentgen demo deploy` talks to it. */
  readonly lambdaEndpoint: string;
  /**
   * Runs `script` against the gateway; `onProgress` gets a line about once a second. Resolves with
   * the epoch seconds of the first arrival and the last completion.
   */
  runLoad(
    script: LoadScript,
    onProgress: (line: string, final: boolean) => void,
  ): Promise<{ arrivals: number; startTime: number; endTime: number }>;
  /** Redeploys one function with another handler. */
  deploy(name: string, handler: HandlerName): Promise<void>;
  /** Stops the host and every service process. Idempotent. */
  stop(): Promise<void>;
}

const HOST_MAIN = fileURLToPath(new URL('./host/demo-host-main.ts', import.meta.url));

/** Starts the host process and waits until the gateway listens (or reports why it could not). */
export async function spawnDemoHost(config: DemoHostConfig, log: (line: string) => void): Promise<DemoHost> {
  const child = spawnTsChild(HOST_MAIN, { ROENTGEN_DEMO_HOST: JSON.stringify(config) }, 'host', log);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopChild(child, 8000));
  const started = await firstMessage(
    child,
    (m: DemoHostMessage) => (m.type === 'ready' || m.type === 'failed' ? m : undefined),
    'starting the function host',
    60_000,
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  if (started.type !== 'ready') {
    await stop();
    throw new Error(started.type === 'failed' ? started.message : 'the function host did not start');
  }
  return {
    gatewayUrl: started.gatewayUrl,
    lambdaEndpoint: started.lambdaEndpoint,
    runLoad: (script, onProgress) => load(child, script, onProgress),
    deploy: async (name, handler) => {
      const done = firstMessage(
        child,
        (m: DemoHostMessage) => (m.type === 'deployed' && m.name === name ? m : undefined),
        `deploying ${name}`,
      );
      child.send({ type: 'deploy', name, handler } satisfies DemoHostMessage);
      const answer = await done;
      if (answer.error !== undefined) throw new Error(answer.error);
    },
    stop,
  };
}

function load(child: ChildProcess, script: LoadScript, onProgress: (line: string, final: boolean) => void) {
  const onMessage = (m: DemoHostMessage): void => {
    if (m.type === 'progress') onProgress(m.line, m.final);
  };
  child.on('message', onMessage);
  const hours = 24 * 3600 * 1000;
  const done = firstMessage(
    child,
    (m: DemoHostMessage) => (m.type === 'loaded' ? m : undefined),
    'running the load',
    hours,
  );
  child.send({ type: 'load', script } satisfies DemoHostMessage);
  return done.finally(() => child.off('message', onMessage));
}
