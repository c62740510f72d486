/**
 * Walks over a built timeline: the rows a view shows (with collapsed branches left out) and the
 * critical path. Both work on entity indices and allocate nothing per entity.
 */
import type { Timeline } from './build-timeline.ts';

/** The rows shown, as entity indices: depth-first in start order, skipping the descendants of collapsed IDs. */
export function visibleRows(timeline: Timeline, collapsed: ReadonlySet<string>): number[] {
  const { childStart, children, ids } = timeline;
  const rows: number[] = [];
  const stack: number[] = [];
  for (let k = timeline.roots.length - 1; k >= 0; k--) stack.push(timeline.roots[k]!);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    rows.push(node);
    if (collapsed.size > 0 && collapsed.has(ids[node]!)) continue;
    for (let k = childStart[node + 1]! - 1; k >= childStart[node]!; k--) stack.push(children[k]!);
  }
  return rows;
}

/**
 * The critical path, as entity IDs: from each root's end, walk back through the child that finished
 * last before the cursor, then the one that finished before that child started, and so on,
 * descending into each. What remains is the chain of work that the trace's end waited for.
 */
export function criticalPath(timeline: Timeline): Set<string> {
  const { childStart, children, starts, ends } = timeline;
  const endOf = (i: number) => (Number.isNaN(ends[i]!) ? timeline.end : ends[i]!);
  const onPath = new Set<string>();
  const work = [...timeline.roots];
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    onPath.add(timeline.ids[node]!);
    let cursor = endOf(node);
    const byEnd = Array.from(children.subarray(childStart[node], childStart[node + 1]));
    byEnd.sort((a, b) => endOf(b) - endOf(a));
    for (const child of byEnd) {
      // A millisecond of slack: clocks of different hosts disagree a little.
      if (endOf(child) <= cursor + 0.001) {
        work.push(child);
        cursor = starts[child]!;
      }
    }
  }
  return onPath;
}
