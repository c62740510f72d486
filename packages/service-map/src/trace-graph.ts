/**
 * The graph of one trace (reference §6.3): nodes for real segments, client nodes for roots, inferred
 * nodes for unanswered downstream calls, caller → callee edges, each carrying the completed records
 * its statistics are summed from (§6.1: nodes from the callee's own segments, edges from the caller's
 * subsegments).
 */
import type { Segment, Subsegment } from '@roentgen/model';
import type { NodeKey } from '@roentgen/storage';
import type { AssembledTrace } from './assemble-trace.ts';
import { toCallRecord } from './call-record.ts';
import type { CallRecord } from './call-record.ts';
import { downstreamTarget } from './downstream-target.ts';
import { allSubsegments, answeredCallIds } from './infer-segments.ts';

/** `service`: backed by real segments; `inferred`: a downstream call's target; `client`: a root's caller. */
export type NodeKind = 'service' | 'inferred' | 'client';

/** A node record, marked when it came from a root segment so `Root` can be summed and retracted. */
export interface NodeRecord extends CallRecord {
  readonly root: boolean;
}

export interface TraceGraphNode {
  readonly key: NodeKey;
  readonly kind: NodeKind;
  /** A segment of this node had no `parent_id`, or one that resolves to nothing in the trace. */
  root: boolean;
  /** Completed records only (§6.4); a node seen only in progress has none. */
  readonly records: NodeRecord[];
}

export interface TraceGraphEdge {
  readonly source: NodeKey;
  readonly target: NodeKey;
  /** Completed caller-side records (the calling subsegment; the callee segment when there is none). */
  readonly records: CallRecord[];
}

/** Nodes and edges in order of discovery: segments by start time, then their calls in document order. */
export interface TraceGraph {
  readonly nodes: TraceGraphNode[];
  readonly edges: TraceGraphEdge[];
}

/**
 * A string that identifies a `NodeKey`, for maps: equal keys give equal strings, different keys
 * different ones. Each part is length-prefixed and an absent part is `~` (so an absent type and an
 * empty one stay apart); that also makes the string self-delimiting, so two of them joined with a
 * separator identify a pair. Cheaper than `JSON.stringify` of the triple, which graph building used
 * to pay for every node and edge of every trace.
 */
export function nodeKeyId(key: NodeKey): string {
  return `${key.name.length}:${key.name}${keyPart(key.type)}${keyPart(key.accountId)}`;
}

// Stored rows may carry `null` where the type says `undefined`; both are absent.
function keyPart(value: string | undefined | null): string {
  return typeof value === 'string' ? `${value.length}:${value}` : '~';
}

function accountOf(entity: Segment | Subsegment): string | undefined {
  const account = entity.aws?.account_id;
  return typeof account === 'string' && account !== '' ? account : undefined;
}

/** A real segment with what the graph needs of it more than once, worked out once. */
interface SegmentEntry {
  readonly segment: Segment;
  readonly key: NodeKey;
  readonly id: string;
  /** Every subsegment, parents before children, in document order. */
  readonly calls: readonly Subsegment[];
}

function segmentEntry(segment: Segment): SegmentEntry {
  const key: NodeKey = { name: segment.name, type: segment.origin, accountId: accountOf(segment) };
  return { segment, key, id: nodeKeyId(key), calls: allSubsegments(segment) };
}

/** Accumulates nodes and edges, merging repeats of the same identity. */
class GraphBuilder {
  private readonly nodes = new Map<string, TraceGraphNode>();
  // Source id → target id → edge; `edgeList` keeps the order in which edges were first seen.
  private readonly edges = new Map<string, Map<string, TraceGraphEdge>>();
  private readonly edgeList: TraceGraphEdge[] = [];

  /** The node of `key` (whose `nodeKeyId` is `id`), made on first sight with `key` as its key. */
  node(key: NodeKey, id: string, kind: NodeKind): TraceGraphNode {
    let node = this.nodes.get(id);
    if (node === undefined) {
      node = { key, kind, root: false, records: [] };
      this.nodes.set(id, node);
    }
    return node;
  }

  count(node: TraceGraphNode, record: CallRecord | undefined, root: boolean): void {
    if (root) node.root = true;
    if (record !== undefined) node.records.push(nodeRecord(record, root));
  }

  edge(source: NodeKey, sourceId: string, target: NodeKey, targetId: string, record: CallRecord | undefined): void {
    let fromSource = this.edges.get(sourceId);
    if (fromSource === undefined) this.edges.set(sourceId, (fromSource = new Map<string, TraceGraphEdge>()));
    let edge = fromSource.get(targetId);
    if (edge === undefined) {
      edge = { source, target, records: [] };
      fromSource.set(targetId, edge);
      this.edgeList.push(edge);
    }
    if (record !== undefined) edge.records.push(record);
  }

  build(): TraceGraph {
    return { nodes: [...this.nodes.values()], edges: this.edgeList };
  }
}

/** `record` marked with `root`, members in the order `{ ...record, root }` would give. */
function nodeRecord(record: CallRecord, root: boolean): NodeRecord {
  return {
    startTime: record.startTime,
    endTime: record.endTime,
    responseTime: record.responseTime,
    duration: record.duration,
    outcome: record.outcome,
    root,
  };
}

/**
 * Builds the graph of one assembled trace. Orphaned subsegments are left out: without their segment
 * there is no node to attribute their calls to [INF]. Async `link` edges are not derived here.
 */
export function buildTraceGraph(trace: AssembledTrace): TraceGraph {
  const builder = new GraphBuilder();
  const entries = trace.segments.map(segmentEntry);
  // Later entries win, as the id of a segment or call should be unique in a trace anyway.
  const segmentsById = new Map<string, SegmentEntry>();
  const callOwners = new Map<string, { entry: SegmentEntry; call: Subsegment }>();
  for (const entry of entries) {
    segmentsById.set(entry.segment.id, entry);
    for (const call of entry.calls) callOwners.set(call.id, { entry, call });
  }
  const answered = answeredCallIds(trace.segments);

  for (const entry of entries) {
    const { segment, key, id } = entry;
    const record = toCallRecord(segment);
    const parentId = segment.parent_id;
    const viaCall = parentId === undefined ? undefined : callOwners.get(parentId);
    const viaSegment = parentId === undefined ? undefined : segmentsById.get(parentId);
    const isRoot = viaCall === undefined && viaSegment === undefined;
    builder.count(builder.node(key, id, 'service'), record, isRoot);
    if (viaCall !== undefined) {
      builder.edge(viaCall.entry.key, viaCall.entry.id, key, id, toCallRecord(viaCall.call));
    } else if (viaSegment !== undefined) builder.edge(viaSegment.key, viaSegment.id, key, id, record);
    else if (parentId === undefined) {
      // §6.3 step 5: the client is drawn only for a true root; a dangling parent means upstream is unknown.
      const client: NodeKey = { name: segment.name, type: 'client', accountId: undefined };
      const clientId = nodeKeyId(client);
      builder.count(builder.node(client, clientId, 'client'), record, false);
      builder.edge(client, clientId, key, id, record);
    }
  }

  for (const entry of entries) {
    for (const call of entry.calls) {
      if (answered.has(call.id)) continue;
      const target = downstreamTarget(call);
      if (target === undefined) continue;
      const targetKey: NodeKey = { name: target.name, type: target.type, accountId: accountOf(call) };
      const targetId = nodeKeyId(targetKey);
      const record = toCallRecord(call);
      builder.count(builder.node(targetKey, targetId, 'inferred'), record, false);
      builder.edge(entry.key, entry.id, targetKey, targetId, record);
    }
  }
  return builder.build();
}
