/**
 * The inferred segments `BatchGetTraces` adds for downstream calls that no real segment answers
 * (reference §2.11 item 4, §6.3 step 3, §6.5 DynamoDB example).
 */
import type { Segment, Subsegment } from '@roentgen/model';
import type { AssembledTrace } from './assemble-trace.ts';
import { downstreamTarget } from './downstream-target.ts';

/** 32-bit FNV-1a of `text`, starting from `seed`. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

// The hashes of the constant prefix, so each id hashes only its own characters (FNV-1a runs left
// to right, so the result is the hash of `inferred:<id>` all the same).
const PREFIX = 'inferred:';
const HIGH_SEED = fnv1a(PREFIX, 0x811c9dc5);
const LOW_SEED = fnv1a(PREFIX, 0x050c5d1f);

/**
 * A 16-hex id derived from the calling subsegment's id, so that reading the same trace twice yields
 * the same inferred ids (clients may cache documents by id) [INF]. Two seeded hashes of
 * `inferred:<subsegment id>` give 64 bits.
 */
export function inferredSegmentId(subsegmentId: string): string {
  // `fnv1a` twice, in one pass over the characters (a large trace has tens of thousands of calls).
  let high = HIGH_SEED;
  let low = LOW_SEED;
  for (let i = 0; i < subsegmentId.length; i += 1) {
    const code = subsegmentId.charCodeAt(i);
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
    low = Math.imul(low ^ code, 0x01000193) >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** Ids that real segments name as their parent: calls with such an id are answered, not inferred. */
export function answeredCallIds(segments: readonly Segment[]): Set<string> {
  const ids = new Set<string>();
  for (const segment of segments) if (segment.parent_id !== undefined) ids.add(segment.parent_id);
  return ids;
}

/**
 * Subsegments of `entity` at every depth, parents before children (depth first, in document order).
 * A loop with a stack rather than recursive generators: a large trace has tens of thousands of them.
 */
export function allSubsegments(entity: { subsegments?: Subsegment[] }): Subsegment[] {
  const found: Subsegment[] = [];
  const stack: Subsegment[] = [];
  // Children pushed last to first, so the first is visited next.
  for (let i = (entity.subsegments?.length ?? 0) - 1; i >= 0; i -= 1) stack.push(entity.subsegments![i]!);
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    found.push(next);
    const children = next.subsegments;
    if (children !== undefined) for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  return found;
}

function inferredSegment(traceId: string, call: Subsegment, origin: string): Segment {
  const segment: Segment = {
    id: inferredSegmentId(call.id),
    name: call.name,
    trace_id: traceId,
    parent_id: call.id,
    start_time: call.start_time,
    origin,
    inferred: true,
  };
  if (call.end_time !== undefined) segment.end_time = call.end_time;
  if (call.in_progress === true) segment.in_progress = true;
  if (call.http !== undefined) segment.http = structuredClone(call.http);
  if (call.aws !== undefined) segment.aws = structuredClone(call.aws);
  // The callee's outcome is what the caller saw; without it the inferred node would look healthy [INF].
  if (call.error === true) segment.error = true;
  if (call.throttle === true) segment.throttle = true;
  if (call.fault === true) segment.fault = true;
  return segment;
}

/** A downstream call no real segment answers, with the node type its inferred segment gets. */
export interface InferredCall {
  readonly segment: Segment;
  readonly call: Subsegment;
  readonly origin: string;
}

/**
 * The calls that get an inferred segment: `aws`/`remote` subsegments (any depth, in real segments
 * only) whose id no real segment names as `parent_id`, in document order. For readers that need only
 * a few of the inferred segment's fields and not the segments themselves.
 */
export function inferredCalls(trace: AssembledTrace): InferredCall[] {
  const answered = answeredCallIds(trace.segments);
  const calls: InferredCall[] = [];
  for (const segment of trace.segments) {
    for (const call of allSubsegments(segment)) {
      if (answered.has(call.id)) continue;
      const target = downstreamTarget(call);
      if (target !== undefined) calls.push({ segment, call, origin: target.type });
    }
  }
  return calls;
}

/**
 * One inferred segment per call of `inferredCalls`. `name` is the subsegment's name; `origin` the
 * inferred node type (the graph node of a DynamoDB call is named after the table, the segment after
 * the call, as in §6.5). Returns fresh objects in document order.
 */
export function inferSegments(trace: AssembledTrace): Segment[] {
  return inferredCalls(trace).map(({ segment, call, origin }) => inferredSegment(segment.trace_id, call, origin));
}
