/**
 * Turns GetTraceTimeline's rows into the timeline's tree: child lists in start order, depths and the
 * time span. The server already hung each downstream segment under the subsegment that called it;
 * what is left is linear in the number of entities and iterative throughout, so a 10,000-segment
 * chain cannot overflow the stack.
 *
 * The tree stays in parallel arrays indexed by entity (an entity's *index*), not one object per
 * entity: a trace of 10,000 segments has 60,000 entities, and allocating and collecting an object
 * and a child list for each would cost more than everything else here. Objects are made only for
 * the rows on screen (`nodeAt`).
 */
import type { TraceTimeline } from '../../api/timeline-types.ts';

export type SpanStatus = 'ok' | 'error' | 'fault' | 'throttle';
export type EntityKind = 'segment' | 'subsegment' | 'inferred';

/** The whole tree. Arrays are indexed by entity; times are epoch seconds. */
export interface Timeline {
  readonly count: number;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  /** One letter per entity, as the server sends them (see `TraceTimeline`). */
  readonly kinds: string;
  readonly statuses: string;
  readonly starts: Float64Array;
  /** NaN while the entity is in progress. */
  readonly ends: Float64Array;
  /** The parent's index, or -1 for a root. */
  readonly parents: Int32Array;
  readonly depths: Int32Array;
  /** The children of entity `i` are `children[childStart[i]]` up to `children[childStart[i + 1]]`, by start. */
  readonly childStart: Int32Array;
  readonly children: Int32Array;
  /** Entities without a parent, by start. */
  readonly roots: readonly number[];
  /** Index by ID (the later entity when two share one); the index is built on first use. */
  indexOf(id: string): number | undefined;
  readonly start: number;
  readonly end: number;
  /** Entities with a fault, error or throttle. */
  readonly failed: number;
}

/** One entity as a row or the details drawer reads it; made on demand. */
export interface TimelineNode {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  readonly start: number;
  /** Undefined while the entity is in progress. */
  readonly end: number | undefined;
  readonly status: SpanStatus;
  readonly depth: number;
  /** The parent's index, or -1. */
  readonly parent: number;
  /** The first child's index, or -1. */
  readonly firstChild: number;
  readonly childCount: number;
}

const KINDS: Readonly<Record<string, EntityKind>> = { s: 'segment', u: 'subsegment', i: 'inferred' };
const STATUSES: Readonly<Record<string, SpanStatus>> = { o: 'ok', e: 'error', t: 'throttle', f: 'fault' };

export function nodeAt(timeline: Timeline, index: number): TimelineNode {
  const end = timeline.ends[index]!;
  const from = timeline.childStart[index]!;
  const to = timeline.childStart[index + 1]!;
  return {
    index,
    id: timeline.ids[index]!,
    name: timeline.names[index]!,
    kind: KINDS[timeline.kinds[index]!] ?? 'subsegment',
    start: timeline.starts[index]!,
    end: Number.isNaN(end) ? undefined : end,
    status: STATUSES[timeline.statuses[index]!] ?? 'ok',
    depth: timeline.depths[index]!,
    parent: timeline.parents[index]!,
    firstChild: to > from ? timeline.children[from]! : -1,
    childCount: to - from,
  };
}

/** Builds the tree from the server's rows. */
export function buildTimeline(rows: TraceTimeline): Timeline {
  const count = rows.Ids.length;
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let start = Infinity;
  let end = -Infinity;
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const s = rows.Start + (rows.Starts[i] ?? 0);
    const offset = rows.Ends[i];
    const e = offset === null || offset === undefined ? NaN : rows.Start + offset;
    starts[i] = s;
    ends[i] = e;
    if (s < start) start = s;
    // An entity in progress reaches as far as its start.
    end = Math.max(end, Number.isNaN(e) ? s : e);
    if (rows.Statuses[i] !== 'o') failed++;
  }
  const parents = Int32Array.from(rows.Parents);
  const { childStart, children } = childLists(parents, starts);
  const roots: number[] = [];
  for (let i = 0; i < count; i++) if (parents[i] === -1) roots.push(i);
  sortByStart(roots, starts);
  if (!Number.isFinite(start)) start = end = 0;
  let index: Map<string, number> | undefined;
  return {
    count,
    ids: rows.Ids,
    names: rows.Names,
    kinds: rows.Kinds,
    statuses: rows.Statuses,
    starts,
    ends,
    parents,
    depths: depthsFrom(roots, childStart, children, count),
    childStart,
    children,
    roots,
    indexOf(id) {
      if (index === undefined) {
        index = new Map();
        for (let i = 0; i < count; i++) index.set(rows.Ids[i]!, i);
      }
      return index.get(id);
    },
    start,
    end: Math.max(end, start + 1e-6),
    failed,
  };
}

/** Child lists in one array: each parent's children in the order the server sent them, then sorted by start. */
function childLists(parents: Int32Array, starts: Float64Array) {
  const count = parents.length;
  const childStart = new Int32Array(count + 1);
  let linked = 0;
  for (let i = 0; i < count; i++) {
    if (parents[i]! < 0) continue;
    childStart[parents[i]! + 1]!++;
    linked++;
  }
  for (let i = 0; i < count; i++) childStart[i + 1]! += childStart[i]!;
  const next = childStart.slice(0, count);
  const children = new Int32Array(linked);
  for (let i = 0; i < count; i++) if (parents[i]! >= 0) children[next[parents[i]!]!++] = i;
  for (let i = 0; i < count; i++) {
    const from = childStart[i]!;
    const to = childStart[i + 1]!;
    if (to - from < 2 || isSorted(children, from, to, starts)) continue;
    const list = Array.from(children.subarray(from, to));
    sortByStart(list, starts);
    children.set(list, from);
  }
  return { childStart, children };
}

function isSorted(list: Int32Array, from: number, to: number, starts: Float64Array): boolean {
  for (let k = from + 1; k < to; k++) if (starts[list[k]!]! < starts[list[k - 1]!]!) return false;
  return true;
}

/** A stable sort by start time; most lists are sorted already, which costs one scan. */
function sortByStart(list: number[], starts: Float64Array): void {
  for (let k = 1; k < list.length; k++) {
    if (starts[list[k]!]! < starts[list[k - 1]!]!) {
      list.sort((a, b) => starts[a]! - starts[b]!);
      return;
    }
  }
}

function depthsFrom(roots: readonly number[], childStart: Int32Array, children: Int32Array, count: number): Int32Array {
  const depths = new Int32Array(count);
  const stack = [...roots];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    for (let k = childStart[node]!; k < childStart[node + 1]!; k++) {
      const child = children[k]!;
      depths[child] = depths[node]! + 1;
      stack.push(child);
    }
  }
  return depths;
}
