/**
 * Starting the demo's TypeScript child processes: through tsx (the repository has no build step),
 * with an IPC channel, their stderr forwarded line by line, and a stop that closes the channel
 * first (the child flushes and exits) and kills only a child that lingers.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Starts `file` (a .ts entry point) with `env` added; stderr lines go to `log` prefixed with `label`. */
export function spawnTsChild(
  file: string,
  env: Record<string, string>,
  label: string,
  log: (line: string) => void,
): ChildProcess {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), file], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      ...process.env,
      ...env,
      // The AWS SDK's notice about future Node versions would repeat once per process.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') log(`[${label}] ${line}`);
  });
  return child;
}

/** Resolves with the first message `accept` maps to a value; rejects when the child exits first or on timeout. */
export function firstMessage<M, T>(
  child: ChildProcess,
  accept: (message: M) => T | undefined,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: M): void => {
      const value = accept(message);
      if (value === undefined) return;
      cleanUp();
      resolve(value);
    };
    const onExit = (code: number | null): void => {
      cleanUp();
      reject(new Error(`${what}: the process exited (code ${String(code)}) first; see the lines above`));
    };
    const timer = setTimeout(() => {
      cleanUp();
      reject(new Error(`${what}: no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const cleanUp = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Closes the channel (the child stops and exits); kills it if it has not exited after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}
