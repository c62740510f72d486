/**
 * A provisional layered layout, computed synchronously in a few milliseconds, shown while elkjs
 * works on a large map (elk needs a second or more for 200 nodes in a cold page). Same rules:
 * callers left of callees, one column per call depth; rows ordered by their callers' rows.
 */
import type { MapGraph } from './graph-model.ts';
import { NODE_RADIUS, type GraphLayout, type PlacedEdge, type PlacedNode } from './layout-graph.ts';

const COLUMN_WIDTH = 260;
const ROW_HEIGHT = 110;
const PAD = 40;

export function quickLayout(graph: MapGraph): GraphLayout {
  const callers = new Map<string, string[]>(graph.nodes.map((n) => [n.key, []]));
  const callees = new Map<string, string[]>(graph.nodes.map((n) => [n.key, []]));
  for (const e of graph.edges) {
    if (e.from === e.to || !callers.has(e.to) || !callees.has(e.from)) continue;
    callers.get(e.to)!.push(e.from);
    callees.get(e.from)!.push(e.to);
  }
  // Column = length of the longest call chain reaching the node (breadth-first, bounded so a
  // cycle cannot loop forever: no chain is longer than the number of nodes).
  const column = new Map<string, number>(graph.nodes.map((n) => [n.key, 0]));
  let frontier = graph.nodes.filter((n) => callers.get(n.key)!.length === 0).map((n) => n.key);
  if (frontier.length === 0) frontier = graph.nodes.slice(0, 1).map((n) => n.key);
  for (let step = 0; frontier.length > 0 && step < graph.nodes.length; step++) {
    const next = new Set<string>();
    for (const key of frontier) {
      for (const callee of callees.get(key)!) {
        if (column.get(callee)! < column.get(key)! + 1) {
          column.set(callee, column.get(key)! + 1);
          next.add(callee);
        }
      }
    }
    frontier = [...next];
  }
  const columns: string[][] = [];
  for (const n of graph.nodes) (columns[column.get(n.key)!] ??= []).push(n.key);
  const row = new Map<string, number>();
  for (const keys of columns) {
    if (!keys) continue;
    // Sit each node near the average row of its callers, so call trees stay together.
    const weight = (key: string) => {
      const rows = callers
        .get(key)!
        .map((c) => row.get(c))
        .filter((r): r is number => r !== undefined);
      return rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
    };
    keys.sort((a, b) => weight(a) - weight(b)).forEach((key, i) => row.set(key, i));
  }
  const nodes = new Map<string, PlacedNode>();
  for (const n of graph.nodes) {
    nodes.set(n.key, {
      key: n.key,
      cx: PAD + column.get(n.key)! * COLUMN_WIDTH,
      cy: PAD + row.get(n.key)! * ROW_HEIGHT,
    });
  }
  const edges = new Map<string, PlacedEdge>();
  for (const e of graph.edges) {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b || e.from === e.to) continue;
    const x1 = a.cx + NODE_RADIUS;
    const x2 = b.cx - NODE_RADIUS;
    const bend = x2 - 24;
    edges.set(e.key, {
      key: e.key,
      points: [
        { x: x1, y: a.cy },
        { x: bend, y: a.cy },
        { x: bend, y: b.cy },
        { x: x2, y: b.cy },
      ],
      label: { x: (x1 + bend) / 2, y: a.cy - 8 },
    });
  }
  const tallest = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  return {
    nodes,
    edges,
    width: PAD * 2 + (columns.length - 1) * COLUMN_WIDTH + 120,
    height: PAD * 2 + tallest * ROW_HEIGHT,
  };
}
