/**
 * One trace, assembled and indexed for the derivations of this package: which segment is the root,
 * which real segments answer which calls, which calls land on inferred nodes, and the service-graph
 * node of every segment (reference §6.3, §6.6).
 */
import type { IndependentSubsegment, Segment, SegmentDocument, Subsegment } from '@roentgen/model';
import { assembleOwnedTrace, downstreamTarget } from '@roentgen/service-map';
import type { AssembledTrace } from '@roentgen/service-map';
import type { ServiceId } from './trace-summary-shapes.ts';

/** A segment or subsegment. */
export type Entity = Segment | Subsegment;

/** A downstream call that no real segment answers, with the node the service graph infers for it. */
export interface InferredCall {
  readonly owner: Segment;
  readonly call: Subsegment;
  readonly node: ServiceId;
}

/** See the module comment. Built once per derivation; nothing in it is shared with the input. */
export interface TraceView {
  readonly traceId: string;
  readonly assembled: AssembledTrace;
  /** Real segments, by start time. */
  readonly segments: readonly Segment[];
  readonly orphans: readonly IndependentSubsegment[];
  /** The real segment without `parent_id` (earliest), else the earliest with a dangling parent. */
  readonly root: Segment | undefined;
  /** Segments whose parent is not in the trace, the root first: where walks of the trace start. */
  readonly tops: readonly Segment[];
  /** Real segments whose `parent_id` is this id (a calling subsegment or a parent segment). */
  readonly answering: ReadonlyMap<string, readonly Segment[]>;
  /** Unanswered `aws`/`remote` calls by call id. */
  readonly inferredCalls: ReadonlyMap<string, InferredCall>;
  /** Entity id → the real segment that holds it. */
  readonly owners: ReadonlyMap<string, Segment>;
  /**
   * The node of a real segment of this trace. One object per segment, made once: callers that put
   * it in their results share it, which JSON cannot tell from copies.
   */
  nodeOf(segment: Segment): ServiceId;
  /**
   * Every subsegment under a real segment or an orphan of this trace, parents before children, in
   * document order (as `descendants`), listed once per derivation.
   */
  subsegmentsOf(top: Segment | IndependentSubsegment): readonly Subsegment[];
}

/** The node identity of a real segment: (name, origin, `aws.account_id`), X-Ray's `ServiceId`. */
export function segmentNode(segment: Segment): ServiceId {
  return serviceId(segment.name, segment.origin, accountOf(segment));
}

/** A `ServiceId` without absent members. */
export function serviceId(name: string, type: string | undefined, accountId: string | undefined): ServiceId {
  const id: ServiceId = { Name: name, Names: [name] };
  if (accountId !== undefined) id.AccountId = accountId;
  if (type !== undefined) id.Type = type;
  return id;
}

function accountOf(entity: Entity): string | undefined {
  const account = entity.aws?.account_id;
  return typeof account === 'string' && account !== '' ? account : undefined;
}

/**
 * Every subsegment under `entity`, parents before children, in document order. A loop with a stack
 * rather than recursive generators: the derivations walk every trace's entities several times.
 */
export function descendants(entity: Entity): Subsegment[] {
  const found: Subsegment[] = [];
  const children = entity.subsegments;
  if (children === undefined || children.length === 0) return found;
  const stack: Subsegment[] = [];
  for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i] as Subsegment);
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    found.push(next);
    const below = next.subsegments;
    if (below !== undefined) for (let i = below.length - 1; i >= 0; i -= 1) stack.push(below[i] as Subsegment);
  }
  return found;
}

/** What the view keeps per real segment and per orphan. */
interface TopIndex {
  /** The node of a real segment; `undefined` for an orphan. */
  readonly node: ServiceId | undefined;
  readonly subsegments: readonly Subsegment[];
}

/**
 * Builds the view of one trace's current documents (any order; all of one trace). Takes ownership
 * of `documents`: they are merged in place (see `ownedDocuments`).
 */
export function buildTraceView(traceId: string, documents: SegmentDocument[]): TraceView {
  // Only the trace: what merging changed is of no use here.
  const { traceId: assembledId, segments, orphans } = assembleOwnedTrace(documents);
  const owners = new Map<string, Segment>();
  const index = new Map<Entity, TopIndex>();
  for (const segment of segments) {
    owners.set(segment.id, segment);
    const subsegments = descendants(segment);
    for (const child of subsegments) owners.set(child.id, segment);
    index.set(segment, { node: segmentNode(segment), subsegments });
  }
  for (const orphan of orphans) index.set(orphan, { node: undefined, subsegments: descendants(orphan) });
  const answering = new Map<string, Segment[]>();
  for (const segment of segments) {
    if (segment.parent_id === undefined || !owners.has(segment.parent_id)) continue;
    const list = answering.get(segment.parent_id);
    if (list === undefined) answering.set(segment.parent_id, [segment]);
    else list.push(segment);
  }
  const inferredCalls = new Map<string, InferredCall>();
  for (const owner of segments) {
    for (const call of index.get(owner)?.subsegments ?? []) {
      if (answering.has(call.id)) continue;
      const target = downstreamTarget(call);
      if (target !== undefined) {
        inferredCalls.set(call.id, { owner, call, node: serviceId(target.name, target.type, accountOf(call)) });
      }
    }
  }
  const tops = segments.filter((s) => s.parent_id === undefined || !owners.has(s.parent_id));
  const root = tops.find((s) => s.parent_id === undefined) ?? tops[0] ?? segments[0];
  const orderedTops = root === undefined || tops[0] === root ? tops : [root, ...tops.filter((s) => s !== root)];
  return new IndexedTraceView(
    { traceId, assembled: { traceId: assembledId, segments, orphans }, root, tops: orderedTops },
    { answering, inferredCalls, owners, index },
  );
}

/**
 * The `TraceView` that `buildTraceView` returns: a class, so that its two lookups are methods
 * rather than two closures made for every trace.
 */
class IndexedTraceView implements TraceView {
  readonly traceId: string;
  readonly assembled: AssembledTrace;
  readonly root: Segment | undefined;
  readonly tops: readonly Segment[];
  readonly answering: ReadonlyMap<string, readonly Segment[]>;
  readonly inferredCalls: ReadonlyMap<string, InferredCall>;
  readonly owners: ReadonlyMap<string, Segment>;
  readonly #index: ReadonlyMap<Entity, TopIndex>;

  constructor(
    trace: Pick<TraceView, 'traceId' | 'assembled' | 'root' | 'tops'>,
    maps: Pick<TraceView, 'answering' | 'inferredCalls' | 'owners'> & { index: ReadonlyMap<Entity, TopIndex> },
  ) {
    this.traceId = trace.traceId;
    this.assembled = trace.assembled;
    this.root = trace.root;
    this.tops = trace.tops;
    this.answering = maps.answering;
    this.inferredCalls = maps.inferredCalls;
    this.owners = maps.owners;
    this.#index = maps.index;
  }

  get segments(): readonly Segment[] {
    return this.assembled.segments;
  }

  get orphans(): readonly IndependentSubsegment[] {
    return this.assembled.orphans;
  }

  nodeOf(segment: Segment): ServiceId {
    return this.#index.get(segment)?.node ?? segmentNode(segment);
  }

  subsegmentsOf(top: Segment | IndependentSubsegment): readonly Subsegment[] {
    return this.#index.get(top)?.subsegments ?? descendants(top);
  }
}
