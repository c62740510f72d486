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

/** Builds the map's graph from X-Ray services; edges to unknown reference IDs are dropped. */
export function buildMapGraph(services: readonly XRayService[]): MapGraph {
  const nameCount = new Map<string, number>();
  for (const s of services) nameCount.set(s.Name ?? '', (nameCount.get(s.Name ?? '') ?? 0) + 1);
  const keyOf = new Map<number, string>();
  const nodes: MapNode[] = services.map((s) => {
    const name = s.Name ?? `#${s.ReferenceId}`;
    const key = (nameCount.get(s.Name ?? '') ?? 0) > 1 && s.Type ? `${name} (${s.Type})` : name;
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
