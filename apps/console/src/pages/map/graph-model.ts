/**
 * The service graph as the map draws it: nodes keyed by name (names are what filters and URLs use),
 * edges between names, each with its statistics; plus "isolate" (a node and its neighbours).
 */
import type { HistogramEntry, XRayService, XRayStatistics } from '../../api/xray-types.ts';

export interface MapNode {
  /** Unique within the graph: the name, with the type appended when two nodes share a name. */
  readonly key: string;
  readonly name: string;
  readonly type: string | undefined;
  readonly root: boolean;
  readonly stats: XRayStatistics | undefined;
  readonly histogram: readonly HistogramEntry[];
}

export interface MapEdge {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly stats: XRayStatistics | undefined;
  readonly histogram: readonly HistogramEntry[];
}

export interface MapGraph {
  readonly nodes: MapNode[];
  readonly edges: MapEdge[];
}

/**
 * Builds the map's graph from X-Ray services; edges to unknown reference IDs are dropped. When two
 * nodes share a name (a client and the gateway it calls, a service and its inferred twin), the
 * busiest keeps the bare name as its key, as `service("name")` people type would expect.
 */
export function buildMapGraph(services: readonly XRayService[]): MapGraph {
  const busiest = new Map<string, XRayService>();
  for (const s of services) {
    const name = s.Name ?? `#${s.ReferenceId}`;
    const current = busiest.get(name);
    if (!current || (s.SummaryStatistics?.TotalCount ?? -1) > (current.SummaryStatistics?.TotalCount ?? -1))
      busiest.set(name, s);
  }
  const keyOf = new Map<number, string>();
  const nodes: MapNode[] = services.map((s) => {
    const name = s.Name ?? `#${s.ReferenceId}`;
    const key = busiest.get(name) === s ? name : `${name} (${s.Type ?? `#${s.ReferenceId}`})`;
    keyOf.set(s.ReferenceId, key);
    return {
      key,
      name,
      type: s.Type ?? undefined,
      root: s.Root === true,
      stats: s.SummaryStatistics,
      histogram: s.ResponseTimeHistogram ?? [],
    };
  });
  const edges: MapEdge[] = [];
  for (const s of services) {
    const from = keyOf.get(s.ReferenceId)!;
    for (const e of s.Edges ?? []) {
      const to = keyOf.get(e.ReferenceId);
      if (to === undefined) continue;
      edges.push({
        key: `${from}\n${to}`,
        from,
        to,
        stats: e.SummaryStatistics,
        histogram: e.ResponseTimeHistogram ?? [],
      });
    }
  }
  return { nodes, edges };
}

/** Only `key`, its callers and its callees, with the edges among them. */
export function isolateNode(graph: MapGraph, key: string): MapGraph {
  const keep = new Set([key]);
  for (const e of graph.edges) {
    if (e.from === key) keep.add(e.to);
    if (e.to === key) keep.add(e.from);
  }
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.key)),
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}
