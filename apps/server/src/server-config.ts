/**
 * The server's configuration, read once at start. Flags win over environment variables, which win
 * over defaults; an environment variable set to blank counts as unset. docs/configuration.md lists
 * every setting.
 */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface ServerConfig {
  /** The one HTTP port: X-Ray API, sampling, OTLP, console, health, metrics. */
  readonly listen: HostPort;
  /** The UDP port for X-Ray daemon-protocol datagrams. */
  readonly udp: HostPort;
  /** Directory holding the embedded store; created when missing. */
  readonly dataDir: string;
  /** HTTP bodies over this size are refused with 413. */
  readonly maxBodyBytes: number;
  /** Documents buffered between receiving and storing; beyond it UDP drops and HTTP refuses. */
  readonly maxBufferedDocuments: number;
  /** Where log lines go; quiet in tests. */
  readonly log: (message: string) => void;
}

export const DEFAULT_LISTEN = '127.0.0.1:2000';
export const DEFAULT_UDP = '127.0.0.1:2000';
export const DEFAULT_DATA_DIR = './.roentgen';
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_BUFFERED_DOCUMENTS = 200_000;

/** Parses `HOST:PORT` (IPv6 as `[::1]:2000`); the error names the flag so the user can fix it. */
export function parseHostPort(value: string, flag: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) {
    throw new Error(`${flag} must be HOST:PORT (for example 127.0.0.1:2000), got "${value}"`);
  }
  return { host: match[1] ?? (match[2] || '127.0.0.1'), port };
}

/** Formats an address for messages and URLs. */
export function formatHostPort(address: HostPort): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
