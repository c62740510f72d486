import { parseArgs } from 'node:util';
import type { CommandIo } from './traces-command.ts';
import { callServer, parseAge, serverUrl } from './traces-command.ts';

export const mapUsage = `Usage: roentgen map [--since 15m] [--server URL]

Prints the service map of the last AGE: every node and edge with its request rate, fault, error and
throttle shares and p50/p95 response times, worst first (highest fault share, then slowest p95).
  --since AGE     how far back: 30s, 15m, 2h (at most 24h; widened to whole minutes)   (default 15m)
  --server URL    the Roentgen server (default http://127.0.0.1:2000, env ROENTGEN_SERVER)`;

const processIo: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };

/** The parts of GetServiceGraph's answer the map reads (reference §4.5.4). */
interface Statistics {
  OkCount?: number;
  ErrorStatistics?: { ThrottleCount?: number; OtherCount?: number; TotalCount?: number };
  FaultStatistics?: { TotalCount?: number };
  TotalCount?: number;
}
interface Histogram {
  Value?: number;
  Count?: number;
}
interface Edge {
  ReferenceId?: number;
  SummaryStatistics?: Statistics;
  ResponseTimeHistogram?: Histogram[];
}
interface Service {
  ReferenceId?: number;
  Name?: string;
  Type?: string;
  SummaryStatistics?: Statistics;
  ResponseTimeHistogram?: Histogram[];
  Edges?: Edge[];
}
interface ServiceGraph {
  StartTime: number;
  EndTime: number;
  Services: Service[];
}

/** One printed line: a node or an edge with its figures (shares 0..1, times in seconds). */
export interface MapRow {
  readonly kind: 'node' | 'edge';
  readonly name: string;
  readonly type: string;
  readonly perMinute: number;
  readonly fault: number;
  readonly error: number;
  readonly throttle: number;
  readonly p50: number | undefined;
  readonly p95: number | undefined;
}

/** `roentgen map`: the service graph as a table, worst first. */
export async function mapCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { since: { type: 'string' }, server: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(mapUsage + '\n');
    return 0;
  }
  const seconds = parseAge(values.since ?? '15m');
  if (seconds === undefined) {
    io.stderr.write(`roentgen map: --since must look like 30s, 15m, 2h or 1d, got "${values.since}"\n`);
    return 2;
  }
  const now = Date.now() / 1000;
  const graph = await callServer<ServiceGraph>(
    serverUrl(values.server, io.env),
    '/ServiceGraph',
    { StartTime: now - seconds, EndTime: now },
    io,
  );
  if (graph === undefined) return 1;
  io.stdout.write(formatMap(mapRows(graph)) + '\n');
  return 0;
}

/** The rows of a graph, worst first; exported for tests. */
export function mapRows(graph: ServiceGraph): MapRow[] {
  const minutes = Math.max(1, (graph.EndTime - graph.StartTime) / 60);
  const byReference = new Map(graph.Services.map((s) => [s.ReferenceId, s]));
  const rows: MapRow[] = [];
  for (const service of graph.Services) {
    const label = service.Name ?? '?';
    // Client nodes carry no statistics: their traffic shows on their edge into the root.
    if (service.SummaryStatistics) {
      rows.push(
        row('node', label, service.Type ?? '', service.SummaryStatistics, service.ResponseTimeHistogram, minutes),
      );
    }
    for (const edge of service.Edges ?? []) {
      const target = byReference.get(edge.ReferenceId);
      const from = service.Type === 'client' ? `${label} (client)` : label;
      rows.push(
        row(
          'edge',
          `${from} → ${target?.Name ?? '?'}`,
          target?.Type ?? '',
          edge.SummaryStatistics ?? {},
          edge.ResponseTimeHistogram,
          minutes,
        ),
      );
    }
  }
  return rows.sort((a, b) => b.fault - a.fault || (b.p95 ?? -1) - (a.p95 ?? -1) || (a.name < b.name ? -1 : 1));
}

function row(
  kind: MapRow['kind'],
  name: string,
  type: string,
  statistics: Statistics,
  histogram: Histogram[] | undefined,
  minutes: number,
): MapRow {
  const total = statistics.TotalCount ?? 0;
  const share = (count: number | undefined): number => (total > 0 ? (count ?? 0) / total : 0);
  return {
    kind,
    name,
    type,
    perMinute: total / minutes,
    fault: share(statistics.FaultStatistics?.TotalCount),
    error: share(statistics.ErrorStatistics?.OtherCount),
    throttle: share(statistics.ErrorStatistics?.ThrottleCount),
    p50: histogramPercentile(histogram ?? [], 50),
    p95: histogramPercentile(histogram ?? [], 95),
  };
}

/** The nearest-rank p-th percentile (0..100) of a response-time histogram, seconds; none when empty. */
export function histogramPercentile(histogram: readonly Histogram[], p: number): number | undefined {
  const entries = histogram
    .filter((e) => (e.Count ?? 0) > 0 && typeof e.Value === 'number')
    .sort((a, b) => (a.Value ?? 0) - (b.Value ?? 0));
  const total = entries.reduce((sum, e) => sum + (e.Count ?? 0), 0);
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const entry of entries) {
    seen += entry.Count ?? 0;
    if (seen >= rank) return entry.Value;
  }
  return entries[entries.length - 1]?.Value;
}

/** The aligned table: text columns left, figures right; exported for tests. */
export function formatMap(rows: readonly MapRow[]): string {
  const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
  const millis = (seconds: number | undefined): string =>
    seconds === undefined ? '-' : `${Math.round(seconds * 1000)} ms`;
  const header = ['KIND', 'NAME', 'TYPE', 'REQ/MIN', 'FAULT', 'ERROR', 'THROTTLE', 'P50', 'P95'];
  const cells = rows.map((r) => [
    r.kind,
    r.name,
    r.type,
    r.perMinute.toFixed(1),
    percent(r.fault),
    percent(r.error),
    percent(r.throttle),
    millis(r.p50),
    millis(r.p95),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]): string =>
    values
      .map((value, i) => (i < 3 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const nodes = rows.filter((r) => r.kind === 'node').length;
  const footer = `${nodes} node${nodes === 1 ? '' : 's'}, ${rows.length - nodes} edge${rows.length - nodes === 1 ? '' : 's'}`;
  return [line(header), ...cells.map(line), footer].join('\n');
}
