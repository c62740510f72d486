/**
 * Turns a trace's segment documents into the timeline's tree: segments, their nested subsegments,
 * and downstream segments hung under the subsegment that called them (by `parent_id`). Iterative
 * throughout, so a 10,000-segment chain cannot overflow the stack.
 */
import type { XRayTrace } from '../../api/xray-types.ts';

export type SpanStatus = 'ok' | 'error' | 'fault' | 'throttle';

/** One bar of the timeline. Times are epoch seconds. */
export interface TimelineNode {
  readonly id: string;
  readonly name: string;
  readonly kind: 'segment' | 'subsegment' | 'inferred';
  readonly start: number;
  /** Undefined while the entity is in progress. */
  readonly end: number | undefined;
  readonly status: SpanStatus;
  /** The raw entity (segment or subsegment object) for the details drawer. */
  readonly entity: Record<string, unknown>;
  readonly children: TimelineNode[];
  parent: TimelineNode | undefined;
  depth: number;
}

export interface Timeline {
  readonly roots: TimelineNode[];
  readonly byId: Map<string, TimelineNode>;
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

type Entity = Record<string, unknown>;

function statusOf(e: Entity): SpanStatus {
  const http = e['http'] as { response?: { status?: number } } | undefined;
  const status = http?.response?.status ?? 0;
  if (e['fault'] === true || status >= 500) return 'fault';
  if (e['throttle'] === true || status === 429) return 'throttle';
  if (e['error'] === true || (status >= 400 && status < 500)) return 'error';
  return 'ok';
}

function makeNode(e: Entity, kind: TimelineNode['kind']): TimelineNode {
  return {
    id: typeof e['id'] === 'string' ? e['id'] : '',
    name: typeof e['name'] === 'string' ? e['name'] : '(unnamed)',
    kind: e['inferred'] === true ? 'inferred' : kind,
    start: typeof e['start_time'] === 'number' ? e['start_time'] : 0,
    end: typeof e['end_time'] === 'number' ? e['end_time'] : undefined,
    status: statusOf(e),
    entity: e,
    children: [],
    parent: undefined,
    depth: 0,
  };
}

/** Builds the tree from BatchGetTraces' documents (JSON strings). Unparseable documents are skipped. */
export function buildTimeline(trace: XRayTrace): Timeline {
  const byId = new Map<string, TimelineNode>();
  const tops: { node: TimelineNode; parentId: string | undefined }[] = [];
  for (const segment of trace.Segments) {
    let doc: Entity;
    try {
      doc = JSON.parse(segment.Document) as Entity;
    } catch {
      continue;
    }
    const top = makeNode(doc, doc['type'] === 'subsegment' ? 'subsegment' : 'segment');
    byId.set(top.id, top);
    tops.push({ node: top, parentId: typeof doc['parent_id'] === 'string' ? doc['parent_id'] : undefined });
    const stack: TimelineNode[] = [top];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const sub of (node.entity['subsegments'] as Entity[] | undefined) ?? []) {
        const child = makeNode(sub, 'subsegment');
        child.parent = node;
        node.children.push(child);
        byId.set(child.id, child);
        stack.push(child);
      }
    }
  }
  const roots: TimelineNode[] = [];
  for (const { node, parentId } of tops) {
    const parent = parentId ? byId.get(parentId) : undefined;
    // A parent inside this very node would make a cycle; such a node is shown as a root instead.
    if (parent && !isWithin(parent, node)) {
      node.parent = parent;
      parent.children.push(node);
    } else roots.push(node);
  }
  let start = Infinity;
  let end = -Infinity;
  const stack = roots.map((r) => ({ node: r, depth: 0 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    node.depth = depth;
    node.children.sort((a, b) => a.start - b.start);
    if (node.start < start) start = node.start;
    end = Math.max(end, node.end ?? node.start);
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  roots.sort((a, b) => a.start - b.start);
  if (!Number.isFinite(start)) start = end = 0;
  return { roots, byId, start, end: Math.max(end, start + 1e-6), count: byId.size };
}

function isWithin(candidate: TimelineNode, ancestor: TimelineNode): boolean {
  for (let n: TimelineNode | undefined = candidate; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** The rows shown: depth-first in start order, skipping the descendants of collapsed nodes. */
export function visibleRows(timeline: Timeline, collapsed: ReadonlySet<string>): TimelineNode[] {
  const rows: TimelineNode[] = [];
  const stack = [...timeline.roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    rows.push(node);
    if (collapsed.has(node.id)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return rows;
}

/**
 * The critical path: from each root's end, walk back through the child that finished last before
 * the cursor, then the one that finished before that child started, and so on, descending into each.
 * What remains is the chain of work that the trace's end waited for.
 */
export function criticalPath(timeline: Timeline): Set<string> {
  const onPath = new Set<string>();
  const work: TimelineNode[] = [...timeline.roots];
  while (work.length > 0) {
    const node = work.pop()!;
    onPath.add(node.id);
    let cursor = node.end ?? timeline.end;
    const byEnd = [...node.children].sort((a, b) => (b.end ?? timeline.end) - (a.end ?? timeline.end));
    for (const child of byEnd) {
      const childEnd = child.end ?? timeline.end;
      // A millisecond of slack: clocks of different hosts disagree a little.
      if (childEnd <= cursor + 0.001) {
        work.push(child);
        cursor = child.start;
      }
    }
  }
  return onPath;
}
