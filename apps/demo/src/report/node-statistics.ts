/**
 * Per-node statistics read back from Roentgen's X-Ray API, never from what the demo knows it
 * injected: `POST /ServiceGraph` (node summary statistics and response-time histograms), or, on a
 * server without it, the same numbers rebuilt from `POST /TraceSummaries` + `POST /Traces`.
 */

/** `{Value: seconds, Count}`, as in GetServiceGraph. */
export interface HistogramEntry {
  readonly Value: number;
  readonly Count: number;
}

/** One service-graph node's numbers over the window. */
export interface NodeStatistics {
  readonly name: string;
  /** The node type (`AWS::Lambda::Function`, …); `undefined` for SDK segments without origin. */
  readonly type: string | undefined;
  /** Completed requests. */
  readonly total: number;
  readonly faults: number;
  readonly errors: number;
  readonly histogram: readonly HistogramEntry[];
}

/** A time window in epoch seconds. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

interface XRayService {
  Name?: string;
  Type?: string | null;
  SummaryStatistics?: {
    TotalCount?: number;
    FaultStatistics?: { TotalCount?: number };
    ErrorStatistics?: { TotalCount?: number };
  };
  ResponseTimeHistogram?: HistogramEntry[];
}

/** POSTs an X-Ray action to `server` (`http://host:port`); `undefined` when the server has no such path. */
export async function callXRay<T>(server: string, path: string, body: object): Promise<T | undefined> {
  const response = await fetch(server + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 404) return undefined;
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Node statistics over `window`, and which API they came from. */
export async function fetchNodeStatistics(
  server: string,
  window: TimeWindow,
): Promise<{ source: 'ServiceGraph' | 'Traces'; nodes: NodeStatistics[] }> {
  const services: XRayService[] = [];
  let token: string | undefined;
  do {
    const page = await callXRay<{ Services?: XRayService[]; NextToken?: string }>(server, '/ServiceGraph', {
      StartTime: window.start,
      EndTime: window.end,
      ...(token ? { NextToken: token } : {}),
    });
    if (page === undefined) return { source: 'Traces', nodes: await nodesFromTraces(server, window) };
    services.push(...(page.Services ?? []));
    token = page.NextToken;
  } while (token);
  const nodes = services
    .filter((s) => s.SummaryStatistics !== undefined && s.Name !== undefined)
    .map((s) => ({
      name: s.Name ?? '',
      type: s.Type ?? undefined,
      total: s.SummaryStatistics?.TotalCount ?? 0,
      faults: s.SummaryStatistics?.FaultStatistics?.TotalCount ?? 0,
      errors: s.SummaryStatistics?.ErrorStatistics?.TotalCount ?? 0,
      histogram: s.ResponseTimeHistogram ?? [],
    }));
  return { source: 'ServiceGraph', nodes };
}

/** Every trace ID whose summary matches `filter` (all traces when absent), newest pages first. */
export async function traceIdsMatching(server: string, window: TimeWindow, filter?: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await callXRay<{ TraceSummaries?: { Id: string }[]; NextToken?: string }>(server, '/TraceSummaries', {
      StartTime: window.start,
      EndTime: window.end,
      ...(filter ? { FilterExpression: filter } : {}),
      ...(token ? { NextToken: token } : {}),
    });
    ids.push(...(page?.TraceSummaries ?? []).map((s) => s.Id));
    token = page?.NextToken;
  } while (token);
  return ids;
}

/** The segment documents of `ids`, parsed; five IDs per call, as X-Ray allows. */
export async function segmentDocuments(server: string, ids: readonly string[]): Promise<Record<string, unknown>[]> {
  const documents: Record<string, unknown>[] = [];
  for (let i = 0; i < ids.length; i += 5) {
    let token: string | undefined;
    do {
      const page = await callXRay<{ Traces?: { Segments?: { Document: string }[] }[]; NextToken?: string }>(
        server,
        '/Traces',
        { TraceIds: ids.slice(i, i + 5), ...(token ? { NextToken: token } : {}) },
      );
      for (const trace of page?.Traces ?? []) {
        for (const segment of trace.Segments ?? [])
          documents.push(JSON.parse(segment.Document) as Record<string, unknown>);
      }
      token = page?.NextToken;
    } while (token);
  }
  return documents;
}

async function nodesFromTraces(server: string, window: TimeWindow): Promise<NodeStatistics[]> {
  const documents = await segmentDocuments(server, await traceIdsMatching(server, window));
  const byNode = new Map<
    string,
    { name: string; type: string | undefined; faults: number; errors: number; times: number[] }
  >();
  for (const doc of documents) {
    if (doc['inferred'] === true || doc['type'] === 'subsegment' || typeof doc['end_time'] !== 'number') continue;
    const name = String(doc['name']);
    const type = typeof doc['origin'] === 'string' ? doc['origin'] : undefined;
    const key = `${name}\n${type ?? ''}`;
    const node = byNode.get(key) ?? { name, type, faults: 0, errors: 0, times: [] };
    byNode.set(key, node);
    node.times.push(doc['end_time'] - (doc['start_time'] as number));
    if (doc['fault'] === true) node.faults++;
    else if (doc['error'] === true) node.errors++;
  }
  return [...byNode.values()].map((n) => ({ ...n, total: n.times.length, histogram: histogramOf(n.times) }));
}

function histogramOf(seconds: readonly number[]): HistogramEntry[] {
  const counts = new Map<number, number>();
  for (const s of seconds) {
    const value = Math.round(s * 1000) / 1000;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].map(([Value, Count]) => ({ Value, Count }));
}
