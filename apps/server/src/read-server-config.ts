import { resolve } from 'node:path';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_LISTEN,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_BUFFERED_DOCUMENTS,
  DEFAULT_UDP,
  parseHostPort,
  type ServerConfig,
} from './server-config.ts';

/** The flags `roentgen start` and `roentgen demo` share, as parsed by `node:util` `parseArgs`. */
export interface ServerFlags {
  readonly listen?: string | undefined;
  readonly udp?: string | undefined;
  readonly data?: string | undefined;
  readonly 'max-body-bytes'?: string | undefined;
}

/** Reads one environment variable; blank is unset. */
function env(environment: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = environment[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function positiveInteger(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return parsed;
}

/** Builds the configuration from flags, then `ROENTGEN_*` variables, then defaults. */
export function readServerConfig(
  flags: ServerFlags,
  environment: NodeJS.ProcessEnv = process.env,
  log: (message: string) => void = (m) => process.stderr.write(m + '\n'),
): ServerConfig {
  const maxBody = flags['max-body-bytes'] ?? env(environment, 'ROENTGEN_MAX_BODY_BYTES');
  const maxBuffered = env(environment, 'ROENTGEN_MAX_BUFFERED_DOCUMENTS');
  return {
    listen: parseHostPort(flags.listen ?? env(environment, 'ROENTGEN_LISTEN') ?? DEFAULT_LISTEN, '--listen'),
    udp: parseHostPort(flags.udp ?? env(environment, 'ROENTGEN_UDP') ?? DEFAULT_UDP, '--udp'),
    dataDir: resolve(flags.data ?? env(environment, 'ROENTGEN_DATA') ?? DEFAULT_DATA_DIR),
    maxBodyBytes: maxBody ? positiveInteger(maxBody, '--max-body-bytes') : DEFAULT_MAX_BODY_BYTES,
    maxBufferedDocuments: maxBuffered
      ? positiveInteger(maxBuffered, 'ROENTGEN_MAX_BUFFERED_DOCUMENTS')
      : DEFAULT_MAX_BUFFERED_DOCUMENTS,
    log,
  };
}
