/**
 * Decoded OTLP spans → validated X-Ray segment documents. A span that starts work in a service
 * (SERVER, CONSUMER, a root, or one with a remote parent) becomes a segment named after
 * `service.name`; every other span becomes a subsegment, embedded under its parent when the parent
 * is in the same request and resource, otherwise sent as an independent subsegment with `parent_id`.
 */
import { MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH, validateSegmentDocument, w3cTraceIdToXray } from '@roentgen/model';
import type { SegmentDocument, Subsegment } from '@roentgen/model';
import type { OtlpResourceSpans, OtlpSpan } from './decode-otlp.ts';
import { attributeMap, attributesObject, stringAttribute } from './span-attributes.ts';
import { originFromPlatform, segmentFromSpan, segmentName, SpanKind, subsegmentFromSpan } from './span-entity.ts';
import type { ResourceContext } from './span-entity.ts';

/** Spans refused for one reason: a model problem code, or the decoder's. */
export interface SpanRejection {
  readonly reason: string;
  readonly count: number;
  /** The first message seen for this reason. */
  readonly message: string;
}

/** The documents made from a request, and the spans that could not become (part of) one. */
export interface SpanMapping {
  readonly documents: SegmentDocument[];
  readonly rejectedSpans: number;
  readonly rejections: SpanRejection[];
}

interface Node {
  readonly span: OtlpSpan;
  readonly traceId: string;
  readonly entity: Subsegment & { trace_id?: string; parent_id?: string };
  readonly segment: boolean;
  readonly children: Node[];
}

// Room below the model's limit: a chain of embedded spans deeper than this is cut into independents.
const MAX_EMBED_DEPTH = MAX_NESTING_DEPTH - 2;
const ZERO_SPAN_ID = '0'.repeat(16);
const PARENT_IS_REMOTE = 0x300;

/** Maps every span of the request. Never throws on decoded input. */
export function mapSpans(resources: readonly OtlpResourceSpans[]): SpanMapping {
  const documents: SegmentDocument[] = [];
  const rejections = new Map<string, { count: number; message: string }>();
  const reject = (reason: string, count: number, message: string): void => {
    const entry = rejections.get(reason) ?? { count: 0, message };
    entry.count += count;
    rejections.set(reason, entry);
  };
  for (const resource of resources) mapResource(resource, documents, reject);
  const list = [...rejections].map(([reason, { count, message }]) => ({ reason, count, message }));
  return { documents, rejectedSpans: list.reduce((sum, r) => sum + r.count, 0), rejections: list };
}

type Reject = (reason: string, count: number, message: string) => void;

function mapResource(resource: OtlpResourceSpans, out: SegmentDocument[], reject: Reject): void {
  const context = resourceContext(resource);
  const nodes = new Map<string, Node>();
  for (const span of resource.spans) {
    const node = makeNode(span, context, nodes, reject);
    if (node !== undefined) nodes.set(`${span.traceId}/${span.spanId}`, node);
  }
  const tops: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.segment ? undefined : nodes.get(`${node.span.traceId}/${node.span.parentSpanId}`);
    if (parent === undefined) tops.push(node);
    else parent.children.push(node);
  }
  // Walk down from the top-level spans; a span reached too deep, or never reached (a parent cycle),
  // starts a document of its own. Documents are finished only once every child is embedded.
  const placed = new Set<Node>();
  const roots: Node[] = [];
  const place = (top: Node): void => {
    const stack: [Node, number][] = [[top, 0]];
    placed.add(top);
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (depth === 0) roots.push(node);
      for (const child of node.children) {
        if (placed.has(child)) continue;
        placed.add(child);
        if (depth + 1 > MAX_EMBED_DEPTH) stack.push([child, 0]);
        else {
          (node.entity.subsegments ??= []).push(child.entity);
          stack.push([child, depth + 1]);
        }
      }
    }
  };
  for (const top of tops) place(top);
  for (const node of nodes.values()) if (!placed.has(node)) place(node);
  for (const root of roots) out.push(...finish(root, reject));
}

function resourceContext(resource: OtlpResourceSpans): ResourceContext {
  const map = attributeMap(resource.resource);
  return {
    serviceName: segmentName(stringAttribute(map, 'service.name') ?? 'unknown_service'),
    serviceVersion: stringAttribute(map, 'service.version'),
    origin: originFromPlatform(stringAttribute(map, 'cloud.platform')),
    attributes: attributesObject(resource.resource),
  };
}

function makeNode(
  span: OtlpSpan,
  context: ResourceContext,
  nodes: ReadonlyMap<string, Node>,
  reject: Reject,
): Node | undefined {
  const problem = spanProblem(span, nodes);
  const traceId = w3cTraceIdToXray(span.traceId);
  if (problem !== undefined || traceId === undefined) {
    const { code, message } = problem ?? { code: 'InvalidTraceId', message: 'traceId must be 16 bytes, not all zero' };
    reject(code, 1, message);
    return undefined;
  }
  const remoteParent = (span.flags & PARENT_IS_REMOTE) === PARENT_IS_REMOTE;
  const segment =
    span.kind === SpanKind.server || span.kind === SpanKind.consumer || span.parentSpanId === '' || remoteParent;
  const entity = segment ? segmentFromSpan(span, traceId, context) : subsegmentFromSpan(span, context);
  return { span, traceId, entity, segment, children: [] };
}

function spanProblem(span: OtlpSpan, nodes: ReadonlyMap<string, Node>): OtlpSpan['problem'] {
  if (span.problem !== undefined) return span.problem;
  if (span.spanId === '' || span.spanId === ZERO_SPAN_ID) {
    return { code: 'InvalidSegmentId', message: 'spanId must be 8 bytes, not all zero' };
  }
  if (nodes.has(`${span.traceId}/${span.spanId}`)) {
    return { code: 'InvalidSegmentId', message: `span ${span.spanId} appears twice in the request` };
  }
  return undefined;
}

/**
 * The documents for one top-level span: marked independent when it is a subsegment, validated, and
 * split into independent subsegments when embedding made it larger than X-Ray's document limit.
 */
function finish(node: Node, reject: Reject): SegmentDocument[] {
  if (!node.segment) {
    Object.assign(node.entity, { type: 'subsegment', trace_id: node.traceId, parent_id: node.span.parentSpanId });
  }
  return finishEntity(node.entity, reject);
}

function finishEntity(entity: Node['entity'], reject: Reject): SegmentDocument[] {
  const bytes = Buffer.byteLength(JSON.stringify(entity));
  if (bytes > MAX_DOCUMENT_BYTES && entity.subsegments !== undefined) {
    const children = entity.subsegments;
    delete entity.subsegments;
    const documents = finishEntity(entity, reject);
    for (const child of children) {
      Object.assign(child, { type: 'subsegment', trace_id: entity.trace_id, parent_id: entity.id });
      documents.push(...finishEntity(child, reject));
    }
    return documents;
  }
  if (bytes > MAX_DOCUMENT_BYTES) {
    reject('DocumentTooLarge', 1, `span ${entity.id} maps to ${bytes} bytes; at most ${MAX_DOCUMENT_BYTES} fit`);
    return [];
  }
  const validation = validateSegmentDocument(entity);
  if (validation.ok) return [validation.document];
  reject(validation.problem.code, countEntities(entity), validation.problem.message);
  return [];
}

function countEntities(entity: Subsegment): number {
  let count = 1;
  for (const child of entity.subsegments ?? []) count += countEntities(child);
  return count;
}
