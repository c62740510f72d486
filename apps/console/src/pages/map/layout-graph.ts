/**
 * Places the map's nodes with elkjs's layered algorithm: callers to the left of their callees, one
 * column per call depth. Edges are drawn by the view between circles, so only positions are kept.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { MapGraph } from './graph-model.ts';

/** Radius of a node's circle in SVG units. */
export const NODE_RADIUS = 26;
/** Room under the circle for the name and two lines of statistics. */
const LABEL_ROOM = 46;

export interface PlacedNode {
  readonly key: string;
  /** Centre of the circle. */
  readonly cx: number;
  readonly cy: number;
}

export interface GraphLayout {
  readonly nodes: Map<string, PlacedNode>;
  readonly width: number;
  readonly height: number;
}

const elk = new ELK();

export async function layoutGraph(graph: MapGraph): Promise<GraphLayout> {
  const ids = new Map(graph.nodes.map((n, i) => [n.key, `n${i}`]));
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '120',
      'elk.spacing.nodeNode': '36',
      'elk.spacing.componentComponent': '48',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
      'elk.padding': '[top=24,left=24,bottom=24,right=24]',
    },
    children: graph.nodes.map((n) => ({
      id: ids.get(n.key)!,
      // Wide enough for the name under the circle, so neighbours in a column do not overlap.
      width: Math.max(NODE_RADIUS * 2 + 20, Math.min(220, n.name.length * 7.2 + 12)),
      height: NODE_RADIUS * 2 + LABEL_ROOM,
    })),
    edges: graph.edges
      .filter((e) => e.from !== e.to)
      .map((e, i) => ({ id: `e${i}`, sources: [ids.get(e.from)!], targets: [ids.get(e.to)!] })),
  };
  const laid = await elk.layout(root);
  const byId = new Map(graph.nodes.map((n) => [ids.get(n.key)!, n.key]));
  const nodes = new Map<string, PlacedNode>();
  for (const child of laid.children ?? []) {
    const key = byId.get(child.id)!;
    nodes.set(key, { key, cx: (child.x ?? 0) + (child.width ?? 0) / 2, cy: (child.y ?? 0) + NODE_RADIUS });
  }
  return { nodes, width: laid.width ?? 400, height: laid.height ?? 300 };
}
