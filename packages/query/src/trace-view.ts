/**
 * One trace, assembled and indexed for the derivations of this package: which segment is the root,
 * which real segments answer which calls, which calls land on inferred nodes, and the service-graph
 * node of every segment (reference §6.3, §6.6).
 */
import type { IndependentSubsegment, Segment, SegmentDocument, Subsegment } from '@roentgen/model';
import { assembleTrace, downstreamTarget } from '@roentgen/service-map';
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
  nodeOf(segment: Segment): ServiceId;
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

/** Every subsegment under `entity`, parents before children. */
export function* descendants(entity: Entity): Generator<Subsegment> {
  for (const child of entity.subsegments ?? []) {
    yield child;
    yield* descendants(child);
  }
}

/** Builds the view of one trace's current documents (any order; all of one trace). */
export function buildTraceView(traceId: string, documents: readonly SegmentDocument[]): TraceView {
  const assembled = assembleTrace(documents);
  const segments = assembled.segments;
  const owners = new Map<string, Segment>();
  for (const segment of segments) {
    owners.set(segment.id, segment);
    for (const child of descendants(segment)) owners.set(child.id, segment);
  }
  const answering = new Map<string, Segment[]>();
  for (const segment of segments) {
    if (segment.parent_id === undefined || !owners.has(segment.parent_id)) continue;
    const list = answering.get(segment.parent_id) ?? [];
    list.push(segment);
    answering.set(segment.parent_id, list);
  }
  const inferredCalls = new Map<string, InferredCall>();
  for (const owner of segments) {
    for (const call of descendants(owner)) {
      if (answering.has(call.id)) continue;
      const target = downstreamTarget(call);
      if (target !== undefined) {
        inferredCalls.set(call.id, { owner, call, node: serviceId(target.name, target.type, accountOf(call)) });
      }
    }
  }
  const tops = segments.filter((s) => s.parent_id === undefined || !owners.has(s.parent_id));
  const root = tops.find((s) => s.parent_id === undefined) ?? tops[0] ?? segments[0];
  const orderedTops = root === undefined ? tops : [root, ...tops.filter((s) => s !== root)];
  return {
    traceId,
    assembled,
    segments,
    orphans: assembled.orphans,
    root,
    tops: orderedTops,
    answering,
    inferredCalls,
    owners,
    nodeOf: segmentNode,
  };
}
