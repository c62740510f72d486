/**
 * Compiles a trace's stored documents into the shape `BatchGetTraces` returns (reference §2.3 read-side
 * rule, §2.11, §9 items 9-10): one tree per real segment, independent subsegments nested under the
 * segment or subsegment whose `id` is their `parent_id`, at any depth and in any arrival order.
 */
import { isIndependentSubsegment } from '@roentgen/model';
import type { IndependentSubsegment, Segment, SegmentDocument, Subsegment } from '@roentgen/model';

/** A trace after merging. Every object in it is a fresh copy; the input documents are not touched. */
export interface AssembledTrace {
  /** The `trace_id` of the first document; `undefined` for an empty input. */
  readonly traceId: string | undefined;
  /** Real segments with their subsegments nested, ordered by `start_time`, then `id`. */
  readonly segments: Segment[];
  /**
   * Independent subsegments whose parent is in no document (yet), with their own descendants nested.
   * Kept rather than dropped (§9 item 9: Lambda parents never arrive from the SDK); they still carry
   * `type`, `trace_id` and `parent_id`, so a later document can adopt them.
   */
  readonly orphans: IndependentSubsegment[];
}

type Entity = Segment | Subsegment;

/**
 * §2.11 item 1: one document per id; a complete one beats an in-progress one, otherwise the later in
 * the input wins (stores hand documents over in arrival order).
 */
function latestPerId(documents: readonly SegmentDocument[]): SegmentDocument[] {
  const byId = new Map<string, SegmentDocument>();
  for (const document of documents) {
    const earlier = byId.get(document.id);
    if (earlier !== undefined && earlier.in_progress !== true && document.in_progress === true) continue;
    byId.set(document.id, document);
  }
  return [...byId.values()];
}

/** Maps every entity id inside `entity` (itself included) to the entity. */
function indexEntities(entity: Entity, index: Map<string, Entity>): void {
  index.set(entity.id, entity);
  for (const child of entity.subsegments ?? []) indexEntities(child, index);
}

/** Maps every entity id inside `document` to the document holding it. */
function indexOwners(document: SegmentDocument, entity: Entity, owners: Map<string, SegmentDocument>): void {
  owners.set(entity.id, document);
  for (const child of entity.subsegments ?? []) indexOwners(document, child, owners);
}

/** Whether hanging `document` under `parentId` would close a loop of independent subsegments. */
function closesLoop(document: IndependentSubsegment, parentId: string, owners: Map<string, SegmentDocument>): boolean {
  const seen = new Set<SegmentDocument>();
  let current = owners.get(parentId);
  while (current !== undefined && isIndependentSubsegment(current)) {
    if (current === document || seen.has(current)) return true;
    seen.add(current);
    current = owners.get(current.parent_id);
  }
  return false;
}

/**
 * Strips the fields that only a stand-alone subsegment needs, so merged ones look embedded [INF].
 * Done in place, after every attachment, because deeper documents hold references to this object.
 */
function makeEmbedded(document: Subsegment): void {
  delete document.type;
  delete document.trace_id;
  delete document.parent_id;
}

/** Adds `child` under `parent`; an embedded fragment with the same id is replaced unless it is the complete one. */
function attach(parent: Entity, child: Subsegment): void {
  const siblings = (parent.subsegments ??= []);
  const at = siblings.findIndex((sibling) => sibling.id === child.id);
  if (at === -1) siblings.push(child);
  else if (siblings[at]?.in_progress === true || child.in_progress !== true) siblings[at] = child;
}

function byStart(a: Entity, b: Entity): number {
  return a.start_time - b.start_time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Merges documents of one trace. Documents of other traces must not be passed in; ids are assumed
 * unique within the trace. Runs in time linear in the number of entities (plus loop checks).
 */
export function assembleTrace(documents: readonly SegmentDocument[]): AssembledTrace {
  const copies = latestPerId(documents).map((document) => structuredClone(document));
  const entities = new Map<string, Entity>();
  const owners = new Map<string, SegmentDocument>();
  for (const copy of copies) {
    indexEntities(copy, entities);
    indexOwners(copy, copy, owners);
  }
  const segments: Segment[] = [];
  const orphans: IndependentSubsegment[] = [];
  const independents = copies.filter(isIndependentSubsegment).sort(byStart);
  for (const copy of copies) if (!isIndependentSubsegment(copy)) segments.push(copy);
  for (const document of independents) {
    const parent = entities.get(document.parent_id);
    if (parent === undefined || closesLoop(document, document.parent_id, owners)) orphans.push(document);
    else attach(parent, document);
  }
  const orphaned = new Set(orphans);
  for (const document of independents) if (!orphaned.has(document)) makeEmbedded(document);
  return { traceId: documents[0]?.trace_id, segments: segments.sort(byStart), orphans: orphans.sort(byStart) };
}
