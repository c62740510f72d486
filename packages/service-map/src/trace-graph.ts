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

/** A string that identifies a `NodeKey`, for maps. */
export function nodeKeyId(key: NodeKey): string {
  return JSON.stringify([key.name, key.type ?? null, key.accountId ?? null]);
}

function accountOf(entity: Segment | Subsegment): string | undefined {
  const account = entity.aws?.account_id;
  return typeof account === 'string' && account !== '' ? account : undefined;
}

/** Accumulates nodes and edges, merging repeats of the same identity. */
class GraphBuilder {
  private readonly nodes = new Map<string, TraceGraphNode>();
  private readonly edges = new Map<string, TraceGraphEdge>();

  node(key: NodeKey, kind: NodeKind): TraceGraphNode {
    const id = nodeKeyId(key);
    let node = this.nodes.get(id);
    if (node === undefined) {
      node = { key, kind, root: false, records: [] };
      this.nodes.set(id, node);
    }
    return node;
  }

  count(node: TraceGraphNode, record: CallRecord | undefined, root: boolean): void {
    if (root) node.root = true;
    if (record !== undefined) node.records.push({ ...record, root });
  }

  edge(source: NodeKey, target: NodeKey, record: CallRecord | undefined): void {
    const id = `${nodeKeyId(source)}>${nodeKeyId(target)}`;
    let edge = this.edges.get(id);
    if (edge === undefined) {
      edge = { source, target, records: [] };
      this.edges.set(id, edge);
    }
    if (record !== undefined) edge.records.push(record);
  }

  build(): TraceGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

/**
 * Builds the graph of one assembled trace. Orphaned subsegments are left out: without their segment
 * there is no node to attribute their calls to [INF]. Async `link` edges are not derived here.
 */
export function buildTraceGraph(trace: AssembledTrace): TraceGraph {
  const builder = new GraphBuilder();
  const segmentsById = new Map<string, Segment>();
  const callOwners = new Map<string, { segment: Segment; call: Subsegment }>();
  for (const segment of trace.segments) {
    segmentsById.set(segment.id, segment);
    for (const call of allSubsegments(segment)) callOwners.set(call.id, { segment, call });
  }
  const keyOf = (segment: Segment): NodeKey => ({
    name: segment.name,
    type: segment.origin,
    accountId: accountOf(segment),
  });
  const answered = answeredCallIds(trace.segments);

  for (const segment of trace.segments) {
    const key = keyOf(segment);
    const record = toCallRecord(segment);
    const parentId = segment.parent_id;
    const viaCall = parentId === undefined ? undefined : callOwners.get(parentId);
    const viaSegment = parentId === undefined ? undefined : segmentsById.get(parentId);
    const isRoot = viaCall === undefined && viaSegment === undefined;
    builder.count(builder.node(key, 'service'), record, isRoot);
    if (viaCall !== undefined) builder.edge(keyOf(viaCall.segment), key, toCallRecord(viaCall.call));
    else if (viaSegment !== undefined) builder.edge(keyOf(viaSegment), key, record);
    else if (parentId === undefined) {
      // §6.3 step 5: the client is drawn only for a true root; a dangling parent means upstream is unknown.
      const client: NodeKey = { name: segment.name, type: 'client', accountId: undefined };
      builder.count(builder.node(client, 'client'), record, false);
      builder.edge(client, key, record);
    }
  }

  for (const segment of trace.segments) {
    for (const call of allSubsegments(segment)) {
      if (answered.has(call.id)) continue;
      const target = downstreamTarget(call);
      if (target === undefined) continue;
      const targetKey: NodeKey = { name: target.name, type: target.type, accountId: accountOf(call) };
      const record = toCallRecord(call);
      builder.count(builder.node(targetKey, 'inferred'), record, false);
      builder.edge(keyOf(segment), targetKey, record);
    }
  }
  return builder.build();
}
