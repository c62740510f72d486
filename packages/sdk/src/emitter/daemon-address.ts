/**
 * Reads the daemon address in the forms `AWS_XRAY_DAEMON_ADDRESS` allows (reference §3.5):
 * `host:port` for both UDP and TCP, or `udp:host:port tcp:host:port` in either order (a comma after
 * the first entry is tolerated, as the X-Ray docs write it).
 */

/** A host and port; `host` may be a name, an IPv4 address or a bracket-less IPv6 address. */
export interface HostPort {
  host: string;
  port: number;
}

/** Where segments (UDP) and sampling calls (TCP, HTTP) go. */
export interface DaemonAddress {
  udp: HostPort;
  tcp: HostPort;
}

/** The X-Ray daemon's default, used when nothing is configured. */
export const DEFAULT_DAEMON_ADDRESS = '127.0.0.1:2000';

/** Parses one of the accepted forms; returns a reason string instead of throwing when it is malformed. */
export function parseDaemonAddress(value: string): DaemonAddress | string {
  const parts = value
    .trim()
    .split(/[\s,]+/)
    .filter((part) => part.length > 0);
  if (parts.length === 1) {
    const single = hostPort(parts[0] ?? '');
    return single === undefined ? `"${value}" is not host:port` : { udp: single, tcp: single };
  }
  if (parts.length !== 2) return `"${value}" must be host:port or "udp:host:port tcp:host:port"`;
  let udp: HostPort | undefined;
  let tcp: HostPort | undefined;
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (lower.startsWith('udp:')) udp = hostPort(part.slice(4));
    else if (lower.startsWith('tcp:')) tcp = hostPort(part.slice(4));
  }
  if (udp === undefined || tcp === undefined) return `"${value}" needs both a udp: and a tcp: entry with host:port`;
  return { udp, tcp };
}

function hostPort(text: string): HostPort | undefined {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return undefined;
  let host = text.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const portText = text.slice(colon + 1);
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  return { host, port };
}
