/**
 * Places the map with elkjs's layered algorithm: callers to the left of their callees, one column
 * per call depth, edges routed orthogonally around the nodes with room kept for their labels. Each
 * node has one port on each side at the height of its circle's centre, so lines meet the circles.
 */
import ELK from 'elkjs/lib/elk-api.js';
import type { ELK as ElkEngine, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { MapGraph } from './graph-model.ts';

/** Radius of a node's circle in SVG units. */
export const NODE_RADIUS = 26;
/** Room under the circle for the name and a line of statistics. */
const LABEL_ROOM = 40;

export interface PlacedNode {
  readonly key: string;
  /** Centre of the circle. */
  readonly cx: number;
  readonly cy: number;
}

export interface PlacedEdge {
  readonly key: string;
  /** The route from the caller's circle to the callee's circle. */
  readonly points: readonly { x: number; y: number }[];
  /** Centre of the label. */
  readonly label: { x: number; y: number } | undefined;
}

export interface GraphLayout {
  readonly nodes: Map<string, PlacedNode>;
  readonly edges: Map<string, PlacedEdge>;
  readonly width: number;
  readonly height: number;
}

// elkjs is most of the console's weight and needs a second of CPU for a large map: it runs in a Web
// Worker, fetched on the first layout, so neither page load nor scrolling waits for it.
let engine: Promise<ElkEngine> | undefined;

/** Starts fetching the layout engine now, e.g. while the map's data is still on its way. */
export function loadElk(): Promise<ElkEngine> {
  engine ??= (async () => {
    const elk = new ELK({ workerUrl: elkWorkerUrl });
    // A first tiny layout loads the worker and warms its code while the map's data is still coming.
    await elk.layout({ id: 'warm', children: [{ id: 'a', width: 1, height: 1 }], edges: [] });
    return elk;
  })();
  return engine;
}

/** Past this many nodes, edge labels are placed after the layout rather than by it. */
export const LABELLED_LAYOUT_LIMIT = 60;

/** Just above the middle of the longest horizontal run of an orthogonal route. */
function onLongestRun(points: readonly { x: number; y: number }[]): { x: number; y: number } | undefined {
  let best: { x: number; y: number } | undefined;
  let longest = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.abs(b.x - a.x);
    if (a.y === b.y && length > longest) {
      longest = length;
      best = { x: (a.x + b.x) / 2, y: a.y - 8 };
    }
  }
  return best;
}

/** A width for text of `length` characters at the map's 11–12 px font. */
function textWidth(length: number): number {
  return length * 6.6 + 10;
}

/** Lays out `graph`; `edgeLabels` gives each edge's label text (by edge key) so room is kept for it. */
export async function layoutGraph(graph: MapGraph, edgeLabels: ReadonlyMap<string, string>): Promise<GraphLayout> {
  const ids = new Map(graph.nodes.map((n, i) => [n.key, `n${i}`]));
  const widths = new Map<string, number>();
  const children: ElkNode[] = graph.nodes.map((n) => {
    const id = ids.get(n.key)!;
    // Wide enough for the name under the circle, so neighbours in a column do not overlap.
    const width = Math.max(NODE_RADIUS * 2 + 16, Math.min(230, textWidth(n.name.length)));
    widths.set(n.key, width);
    return {
      id,
      width,
      height: NODE_RADIUS * 2 + LABEL_ROOM,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        {
          id: `${id}.in`,
          x: width / 2 - NODE_RADIUS,
          y: NODE_RADIUS,
          width: 0,
          height: 0,
          layoutOptions: { 'elk.port.side': 'WEST' },
        },
        {
          id: `${id}.out`,
          x: width / 2 + NODE_RADIUS,
          y: NODE_RADIUS,
          width: 0,
          height: 0,
          layoutOptions: { 'elk.port.side': 'EAST' },
        },
      ],
    };
  });
  const drawn = graph.edges.filter((e) => e.from !== e.to && ids.has(e.from) && ids.has(e.to));
  // Labels as layout objects make elk keep room for them, but cost it four times the time: past
  // LABELLED_LAYOUT_LIMIT nodes the labels sit on the routes' longest horizontal run instead.
  const labelled = graph.nodes.length <= LABELLED_LAYOUT_LIMIT;
  const edges: ElkExtendedEdge[] = drawn.map((e, i) => {
    const text = labelled ? (edgeLabels.get(e.key) ?? '') : '';
    return {
      id: `e${i}`,
      sources: [`${ids.get(e.from)!}.out`],
      targets: [`${ids.get(e.to)!}.in`],
      labels: text ? [{ id: `e${i}.label`, text, width: textWidth(text.length) - 14, height: 14 }] : [],
    };
  });
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': labelled ? '36' : '120',
      'elk.layered.spacing.edgeNodeBetweenLayers': '8',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeEdge': '12',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // Fewer crossing-minimisation passes than the default 7: measured 2–3× faster on 200 nodes.
      'elk.layered.thoroughness': '2',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '40',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
    },
    children,
    edges,
  };
  const laid = await (await loadElk()).layout(root);
  const keyOf = new Map(graph.nodes.map((n) => [ids.get(n.key)!, n.key]));
  const nodes = new Map<string, PlacedNode>();
  for (const child of laid.children ?? []) {
    const key = keyOf.get(child.id)!;
    nodes.set(key, { key, cx: (child.x ?? 0) + (child.width ?? 0) / 2, cy: (child.y ?? 0) + NODE_RADIUS });
  }
  const placedEdges = new Map<string, PlacedEdge>();
  (laid.edges ?? []).forEach((edge, i) => {
    const key = drawn[i]!.key;
    const points = (edge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    const label = edge.labels?.[0];
    placedEdges.set(key, {
      key,
      points,
      label: label
        ? { x: (label.x ?? 0) + (label.width ?? 0) / 2, y: (label.y ?? 0) + (label.height ?? 0) / 2 }
        : onLongestRun(points),
    });
  });
  return { nodes, edges: placedEdges, width: laid.width ?? 400, height: laid.height ?? 300 };
}
