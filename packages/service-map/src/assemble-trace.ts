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

/**
 * Maps every entity id inside the documents (each document included) to the entity and to the
 * document holding it, depth first in document order, so a later entity with the same id wins. One
 * walk with a stack: a large trace has tens of thousands of entities, and some nest deeply.
 */
function indexDocuments(
  documents: readonly SegmentDocument[],
  entities: Map<string, Entity>,
  owners: Map<string, SegmentDocument>,
): void {
  const stack: Entity[] = [];
  for (const document of documents) {
    stack.push(document);
    for (let entity = stack.pop(); entity !== undefined; entity = stack.pop()) {
      entities.set(entity.id, entity);
      owners.set(entity.id, document);
      const children = entity.subsegments;
      if (children !== undefined) for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
    }
  }
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

/** What `assembleOwnedTrace` gives back: the trace, and which documents merging changed. */
export interface OwnedAssembly extends AssembledTrace {
  /**
   * Documents that received an independent subsegment (at any depth). A document in `segments` or
   * `orphans` that is not here is exactly as it was passed in, so its stored JSON text still says it.
   */
  readonly changed: ReadonlySet<SegmentDocument>;
}

/**
 * Merges documents of one trace. Documents of other traces must not be passed in; ids are assumed
 * unique within the trace. Runs in time linear in the number of entities (plus loop checks).
 */
export function assembleTrace(documents: readonly SegmentDocument[]): AssembledTrace {
  const { traceId, segments, orphans } = merge(
    latestPerId(documents).map((document) => structuredClone(document)),
    documents[0]?.trace_id,
  );
  return { traceId, segments, orphans };
}

/**
 * `assembleTrace` for documents the caller owns and will not use again (typically just parsed for
 * this one call): they are merged in place instead of copied, which saves most of the work on a large
 * trace (copying 10,000 segments takes longer than parsing them). The returned objects are the
 * passed-in ones.
 */
export function assembleOwnedTrace(documents: readonly SegmentDocument[]): OwnedAssembly {
  return merge(latestPerId(documents), documents[0]?.trace_id);
}

function merge(documents: readonly SegmentDocument[], traceId: string | undefined): OwnedAssembly {
  const segments: Segment[] = [];
  const orphans: IndependentSubsegment[] = [];
  const changed = new Set<SegmentDocument>();
  const independents = documents.filter(isIndependentSubsegment).sort(byStart);
  for (const document of documents) if (!isIndependentSubsegment(document)) segments.push(document);
  const entities = new Map<string, Entity>();
  const owners = new Map<string, SegmentDocument>();
  // The index serves only to place independent subsegments; many traces have none.
  if (independents.length > 0) indexDocuments(documents, entities, owners);
  for (const document of independents) {
    const parent = entities.get(document.parent_id);
    if (parent === undefined || closesLoop(document, document.parent_id, owners)) orphans.push(document);
    else {
      attach(parent, document);
      // The owner before any merging: if it is itself merged somewhere, its own owner is marked too.
      const owner = owners.get(document.parent_id);
      if (owner !== undefined) changed.add(owner);
    }
  }
  const orphaned = new Set(orphans);
  for (const document of independents) if (!orphaned.has(document)) makeEmbedded(document);
  return { traceId, segments: segments.sort(byStart), orphans: orphans.sort(byStart), changed };
}
