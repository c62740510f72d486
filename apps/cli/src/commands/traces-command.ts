import { parseArgs } from 'node:util';

export const tracesUsage = `Usage: roentgen traces [--filter EXPR] [--since 15m] [--server URL]

Prints the traces that match a filter expression, newest first.
  --filter EXPR   an X-Ray filter expression, e.g. 'responsetime > 1.5'   (default: every trace)
  --since AGE     how far back to search: 30s, 15m, 2h, 1d (at most 24h)    (default 15m)
  --server URL    the Roentgen server (default http://127.0.0.1:2000, env ROENTGEN_SERVER)`;

/** Where a command writes; tests pass their own. */
export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
}

const processIo: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

interface Summary {
  Id: string;
  StartTime?: number;
  ResponseTime?: number;
  HasFault?: boolean;
  HasError?: boolean;
  HasThrottle?: boolean;
  IsPartial?: boolean;
  Http?: { HttpStatus?: number; HttpMethod?: string; HttpURL?: string };
}

/** `roentgen traces`: a table of matching traces (ID, time, response time, status, method, URL, flags). */
export async function tracesCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      filter: { type: 'string' },
      since: { type: 'string' },
      server: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(tracesUsage + '\n');
    return 0;
  }
  const seconds = parseAge(values.since ?? '15m');
  if (seconds === undefined) {
    io.stderr.write(`roentgen traces: --since must look like 30s, 15m, 2h or 1d, got "${values.since}"\n`);
    return 2;
  }
  const server = serverUrl(values.server, io.env);
  const now = Date.now() / 1000;
  const summaries: Summary[] = [];
  let token: string | undefined;
  do {
    const body = {
      StartTime: now - seconds,
      EndTime: now,
      ...(values.filter ? { FilterExpression: values.filter } : {}),
      ...(token ? { NextToken: token } : {}),
    };
    const out = await callServer<{ TraceSummaries: Summary[]; NextToken?: string }>(
      server,
      '/TraceSummaries',
      body,
      io,
    );
    if (out === undefined) return 1;
    summaries.push(...out.TraceSummaries);
    token = out.NextToken;
  } while (token && summaries.length < 1000);
  summaries.sort((a, b) => (b.StartTime ?? 0) - (a.StartTime ?? 0));
  io.stdout.write(formatTable(summaries) + '\n');
  return 0;
}

/** The table, one row per trace; exported for tests. */
export function formatTable(summaries: readonly Summary[]): string {
  const rows = summaries.map((s) => [
    s.Id,
    s.StartTime === undefined ? '' : new Date(s.StartTime * 1000).toISOString().replace('T', ' ').slice(0, 23),
    s.ResponseTime === undefined ? '…' : `${Math.round(s.ResponseTime * 1000)} ms`,
    String(s.Http?.HttpStatus ?? ''),
    s.Http?.HttpMethod ?? '',
    s.Http?.HttpURL ?? '',
    [
      s.HasFault ? 'fault' : '',
      s.HasError ? 'error' : '',
      s.HasThrottle ? 'throttle' : '',
      s.IsPartial ? 'partial' : '',
    ]
      .filter(Boolean)
      .join(','),
  ]);
  const header = ['ID', 'TIME (UTC)', 'RESPONSE', 'STATUS', 'METHOD', 'URL', 'FLAGS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), `${rows.length} trace${rows.length === 1 ? '' : 's'}`].join('\n');
}

/** Seconds in `30s`, `15m`, `2h`, `1d`; `undefined` when malformed. */
export function parseAge(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** The server's base URL: the flag, else `ROENTGEN_SERVER`, else the default port. */
export function serverUrl(flag: string | undefined, env: CommandIo['env']): string {
  const value = flag ?? (env['ROENTGEN_SERVER']?.trim() || undefined) ?? 'http://127.0.0.1:2000';
  return value.replace(/\/+$/, '');
}

/**
 * POSTs an X-Ray action; prints a clear error and returns `undefined` when the server is unreachable
 * or refuses (a bad filter's message carries its caret lines).
 */
export async function callServer<T>(server: string, path: string, body: object, io: CommandIo): Promise<T | undefined> {
  let response: Response;
  try {
    response = await fetch(server + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    io.stderr.write(
      `roentgen: cannot reach the Roentgen server at ${server} (${cause}); is \`roentgen start\` running? Use --server URL or ROENTGEN_SERVER.\n`,
    );
    return undefined;
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // Not JSON: show the body as it came.
    }
    io.stderr.write(`roentgen: the server refused the request (${response.status}):\n${message}\n`);
    return undefined;
  }
  return JSON.parse(text) as T;
}
