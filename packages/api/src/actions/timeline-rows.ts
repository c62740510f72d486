/**
 * A compiled trace as the rows of the console's timeline: every segment, subsegment and inferred
 * segment with its parent, times and status, as parallel arrays (one entry per entity). Segments hang
 * under the subsegment that called them (by `parent_id`), as the console draws them. One pass, no
 * object per entity: a trace of 10,000 segments has 60,000 of them.
 */
import type { SegmentDocument, Subsegment } from '@roentgen/model';
import { inferredCalls, inferredSegmentId, type AssembledTrace } from '@roentgen/service-map';

/** The timeline of one trace; entity `i` is entry `i` of every array and letter `i` of every string. */
export interface TraceTimeline {
  Id: string;
  /** As BatchGetTraces' `Duration`. */
  Duration: number;
  /** More entities than the server returns: the timeline is cut short (whole documents left out). */
  LimitExceeded: boolean;
  /** Epoch seconds: the earliest start. Every time below is seconds after it, to the microsecond. */
  Start: number;
  Ids: string[];
  Names: string[];
  /** The parent's index, -1 for a root. */
  Parents: number[];
  Starts: number[];
  /** `null` while the entity is in progress. */
  Ends: (number | null)[];
  /** One letter per entity: `s` segment, `u` subsegment, `i` inferred segment. */
  Kinds: string;
  /** One letter per entity: `o` ok, `e` error, `t` throttle, `f` fault (the worst that applies). */
  Statuses: string;
}

type Entity = SegmentDocument | Subsegment;

function statusLetter(entity: Entity): string {
  const status = entity.http?.response?.status ?? 0;
  if (entity.fault === true || status >= 500) return 'f';
  if (entity.throttle === true || status === 429) return 't';
  if (entity.error === true || (status >= 400 && status < 500)) return 'e';
  return 'o';
}

/** As the console has always named them: `inferred` wins; a document is a segment unless it is a stand-alone subsegment. */
function kindLetter(entity: Entity, top: boolean): string {
  if ((entity as { inferred?: unknown }).inferred === true) return 'i';
  return top && (entity as { type?: unknown }).type !== 'subsegment' ? 's' : 'u';
}

/** The rows while they grow; times stay epoch seconds until the earliest start is known. */
class Rows {
  readonly ids: string[] = [];
  readonly names: string[] = [];
  readonly parents: number[] = [];
  readonly starts: number[] = [];
  readonly ends: (number | null)[] = [];
  readonly kinds: string[] = [];
  readonly statuses: string[] = [];
  /** Rows of documents and inferred segments, and the `parent_id` each names. */
  readonly tops: number[] = [];
  readonly topParentIds: (string | undefined)[] = [];

  get length(): number {
    return this.ids.length;
  }

  add(id: string, name: string, parent: number, start: number, end: number | undefined, kind: string, status: string) {
    this.ids.push(id);
    this.names.push(name);
    this.parents.push(parent);
    this.starts.push(start);
    this.ends.push(end ?? null);
    this.kinds.push(kind);
    this.statuses.push(status);
  }

  /** Adds a document and its subsegments, depth first in document order. */
  addDocument(document: SegmentDocument, stack: Entity[], stackParents: number[]): void {
    this.tops.push(this.length);
    this.topParentIds.push(document.parent_id);
    stack.push(document);
    stackParents.push(-1);
    for (let entity = stack.pop(); entity !== undefined; entity = stack.pop()) {
      const index = this.length;
      const kind = kindLetter(entity, entity === document);
      this.add(
        entity.id,
        entity.name,
        stackParents.pop()!,
        entity.start_time,
        entity.end_time,
        kind,
        statusLetter(entity),
      );
      const children = entity.subsegments ?? [];
      for (let i = children.length - 1; i >= 0; i -= 1) {
        stack.push(children[i]!);
        stackParents.push(index);
      }
    }
  }

  /** Drops every row from `length` on (a document that did not fit). */
  truncate(length: number): void {
    for (const list of [this.ids, this.names, this.parents, this.starts, this.ends, this.kinds, this.statuses]) {
      list.length = length;
    }
    while (this.tops.length > 0 && this.tops[this.tops.length - 1]! >= length) {
      this.tops.pop();
      this.topParentIds.pop();
    }
  }
}

/**
 * The rows of a trace: its real segments, orphaned independent subsegments and inferred segments in
 * the order BatchGetTraces sends them, each document followed by its subsegments. At most
 * `maxEntities` rows: documents past the limit are left out whole.
 */
export function timelineRows(
  traceId: string,
  duration: number,
  trace: AssembledTrace,
  maxEntities: number,
): TraceTimeline {
  const rows = new Rows();
  const stack: Entity[] = [];
  const stackParents: number[] = [];
  let limitExceeded = false;
  for (const document of [...trace.segments, ...trace.orphans]) {
    const before = rows.length;
    rows.addDocument(document, stack, stackParents);
    if (rows.length > maxEntities) {
      rows.truncate(before);
      limitExceeded = true;
      break;
    }
  }
  // Inferred segments carry the fields of the call they stand for (infer-segments.ts), so their rows
  // come straight from the call, without making the segments.
  for (const { call } of limitExceeded ? [] : inferredCalls(trace)) {
    if (rows.length >= maxEntities) {
      limitExceeded = true;
      break;
    }
    rows.tops.push(rows.length);
    rows.topParentIds.push(call.id);
    rows.add(inferredSegmentId(call.id), call.name, -1, call.start_time, call.end_time, 'i', statusLetter(call));
  }
  hangOnCallers(rows);
  let start = Infinity;
  for (const s of rows.starts) if (s < start) start = s;
  if (!Number.isFinite(start)) start = 0;
  const offset = (seconds: number) => Math.round((seconds - start) * 1e6) / 1e6;
  return {
    Id: traceId,
    Duration: duration,
    LimitExceeded: limitExceeded,
    Start: start,
    Ids: rows.ids,
    Names: rows.names,
    Parents: rows.parents,
    Starts: rows.starts.map(offset),
    Ends: rows.ends.map((end) => (end === null ? null : offset(end))),
    Kinds: rows.kinds.join(''),
    Statuses: rows.statuses.join(''),
  };
}

/**
 * Sets the parent of each document and inferred segment that names one (`parent_id`) present in
 * the trace, unless that parent lies inside the document itself (a cycle; it stays a root). When two
 * entities share an ID, the later one is the parent.
 */
function hangOnCallers(rows: Rows): void {
  // Only the named parents are indexed: far fewer than all the rows.
  const named = new Set<string>();
  for (const parentId of rows.topParentIds) if (parentId !== undefined) named.add(parentId);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < rows.ids.length; i += 1) if (named.has(rows.ids[i]!)) indexOf.set(rows.ids[i]!, i);
  const parents = rows.parents;
  for (let k = 0; k < rows.tops.length; k += 1) {
    const parentId = rows.topParentIds[k];
    const parent = parentId === undefined ? undefined : indexOf.get(parentId);
    if (parent === undefined) continue;
    const top = rows.tops[k]!;
    let within = false;
    for (let i = parent; i !== -1 && !within; i = parents[i]!) within = i === top;
    if (!within) parents[top] = parent;
  }
}
