import { parseArgs } from 'node:util';
import { readServerConfig, startServer, type RunningServer } from '@roentgen/server-app';

export const startUsage = `Usage: roentgen start [--listen HOST:PORT] [--udp HOST:PORT] [--data DIR] [--max-body-bytes N]

Starts the Roentgen server on the embedded store.
  --listen HOST:PORT   HTTP: X-Ray API, sampling, OTLP /v1/traces, console   (default 127.0.0.1:2000, env ROENTGEN_LISTEN)
  --udp HOST:PORT      X-Ray daemon-protocol datagrams                       (default 127.0.0.1:2000, env ROENTGEN_UDP)
  --data DIR           where the embedded store keeps its file; created if missing (default ./.roentgen, env ROENTGEN_DATA)
  --max-body-bytes N   largest HTTP body accepted (default 16777216, env ROENTGEN_MAX_BODY_BYTES)
SIGTERM or SIGINT stops it: ingest stops, everything buffered is flushed, the store is closed.`;

/** How long a stop may take before the process exits anyway (the contract says 10 s). */
const STOP_DEADLINE_MS = 9_000;

/** `roentgen start`: runs the server until SIGTERM/SIGINT, then stops cleanly and exits 0. */
export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      listen: { type: 'string' },
      udp: { type: 'string' },
      data: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(startUsage + '\n');
    return 0;
  }
  const server = await startServer(readServerConfig(values));
  return waitForSignalThenStop(server);
}

/** Resolves with the exit code once a signal has stopped the server (or the deadline passed). */
export function waitForSignalThenStop(server: RunningServer): Promise<number> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.stderr.write(`roentgen: ${signal} received, flushing and stopping\n`);
      const deadline = setTimeout(() => {
        process.stderr.write('roentgen: stop took too long; exiting anyway\n');
        resolve(1);
      }, STOP_DEADLINE_MS);
      deadline.unref();
      server.stop().then(
        () => {
          clearTimeout(deadline);
          resolve(0);
        },
        (error: unknown) => {
          process.stderr.write(`roentgen: failure while stopping: ${String(error)}\n`);
          clearTimeout(deadline);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
}
