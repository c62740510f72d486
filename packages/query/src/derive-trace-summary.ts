/**
 * Everything derived from one trace's current documents: the API's `TraceSummary`, the filter
 * evaluator's `TraceFacts`, and the `TraceSummaryRecord` the store indexes (reference §4.5.2, §6.6).
 */
import type { TraceFacts } from '@roentgen/filter';
import { traceIdEpochSeconds } from '@roentgen/model';
import type { DocumentRecord, TraceSummaryRecord } from '@roentgen/storage';
import type { AssembledTrace } from '@roentgen/service-map';
import { callFacts, edgeFacts, httpFacts, serviceFacts } from './call-facts.ts';
import { isThrottle, responseTimeOf, roundSeconds } from './entity-outcome.ts';
import { rootCauseFacts } from './root-cause-facts.ts';
import { failureRootCauses, responseTimeRootCauses } from './root-causes.ts';
import { ownedDocuments } from './owned-documents.ts';
import { collectAnnotations } from './trace-annotations.ts';
import { rootCauseServiceNames, servicesShowing, summaryEdges } from './summary-call-lists.ts';
import type { ServiceId, TraceSummary, TraceSummaryHttp } from './trace-summary-shapes.ts';
import type { Entity, TraceView } from './trace-view.ts';
import { buildTraceView } from './trace-view.ts';
import { serviceIdKey } from './service-id-key.ts';

/** The three derived forms of one trace; `record.summary` and `record.facts` are the JSON of the others. */
export interface DerivedTrace {
  readonly summary: TraceSummary;
  readonly facts: TraceFacts;
  readonly record: TraceSummaryRecord;
  /** The merged trace the summary was derived from; the graph contribution reuses it. */
  readonly assembled: AssembledTrace;
}

/**
 * Derives the summary of one trace from its current documents (one per id, as the store returns
 * them; all of the same trace, at least one). `revision` is the summary's `Revision`; by default the
 * number of documents.
 */
export function deriveTraceSummary(documents: readonly DocumentRecord[], revision = documents.length): DerivedTrace {
  const first = documents[0];
  if (first === undefined) throw new RangeError('deriveTraceSummary needs at least one document');
  const view = buildTraceView(first.traceId, ownedDocuments(documents));
  const { startTime, endTime, hasThrottle, isPartial } = scanEntities(view);
  const root = view.root;
  const responseTime = root === undefined ? undefined : responseTimeOf(root);
  const marks = annotationsAndNodes(view);
  const fault = failureRootCauses(view, 'fault');
  const error = failureRootCauses(view, 'error');
  const slow = responseTimeRootCauses(view);
  const duration = roundSeconds(endTime - startTime);
  const rootOutcome = root === undefined ? { fault: false, error: false } : callFacts(root);
  const rootHttp = httpFacts(root);

  const summary: TraceSummary = {
    Id: first.traceId,
    StartTime: startTime,
    Duration: duration,
    ...(responseTime === undefined ? {} : { ResponseTime: responseTime }),
    HasFault: rootOutcome.fault === true,
    HasError: rootOutcome.error === true,
    HasThrottle: hasThrottle,
    IsPartial: isPartial,
    Http: summaryHttp(rootHttp),
    Annotations: marks.annotations.annotations,
    Users: marks.annotations.users,
    ServiceIds: marks.nodes,
    ResourceARNs: distinctOf(view.segments, (s) => s.resource_arn).map((ARN) => ({ ARN })),
    InstanceIds: distinctOf(view.segments, (s) => s.aws?.ec2?.instance_id).map((Id) => ({ Id })),
    AvailabilityZones: distinctOf(view.segments, (s) => s.aws?.ec2?.availability_zone).map((Name) => ({ Name })),
    ...(root === undefined ? {} : { EntryPoint: view.nodeOf(root) }),
    FaultRootCauses: fault,
    ErrorRootCauses: error,
    ResponseTimeRootCauses: slow,
    Revision: revision,
  };
  const facts: TraceFacts = {
    traceId: first.traceId,
    ...(responseTime === undefined ? {} : { responseTime }),
    duration,
    ...(rootHttp === undefined ? {} : { http: rootHttp }),
    fault: summary.HasFault,
    error: summary.HasError,
    throttle: hasThrottle,
    partial: isPartial,
    inferred: view.inferredCalls.size > 0,
    users: marks.annotations.userNames,
    availabilityZones: summary.AvailabilityZones.map((z) => z.Name),
    instanceIds: summary.InstanceIds.map((i) => i.Id),
    resourceArns: summary.ResourceARNs.map((r) => r.ARN),
    annotations: marks.annotations.values,
    services: serviceFacts(view),
    edges: edgeFacts(view),
    rootCauses: {
      fault: fault.map(rootCauseFacts),
      error: error.map(rootCauseFacts),
      responseTime: slow.map(rootCauseFacts),
    },
  };
  const services = facts.services ?? [];
  const record: TraceSummaryRecord = {
    traceId: first.traceId,
    revision,
    traceEpoch: traceIdEpochSeconds(first.traceId) ?? Math.floor(startTime),
    startTime,
    endTime,
    responseTime: responseTime ?? 0,
    duration,
    hasFault: summary.HasFault,
    hasError: summary.HasError,
    hasThrottle,
    isPartial,
    httpStatus: rootHttp?.status,
    httpUrl: rootHttp?.url,
    httpMethod: rootHttp?.method,
    userAgent: rootHttp?.userAgent,
    clientIp: rootHttp?.clientIp,
    rootService: root?.name,
    services: distinctOf(marks.nodes, (n) => n.Name),
    faultServices: servicesShowing(services, 'fault'),
    errorServices: servicesShowing(services, 'error'),
    throttleServices: servicesShowing(services, 'throttle'),
    edges: summaryEdges(facts.edges ?? []),
    rootCauseServices: rootCauseServiceNames({ fault, error, responseTime: slow }),
    users: marks.annotations.userNames,
    annotations: marks.annotations.values,
    summary: JSON.stringify(summary),
    facts: JSON.stringify(facts),
  };
  return { summary, facts, record, assembled: view.assembled };
}

function annotationsAndNodes(view: TraceView): {
  annotations: ReturnType<typeof collectAnnotations>;
  nodes: ServiceId[];
} {
  const nodes = new Map<string, ServiceId>();
  for (const segment of view.segments) {
    const node = view.nodeOf(segment);
    const key = serviceIdKey(node);
    if (!nodes.has(key)) nodes.set(key, node);
  }
  for (const inferred of view.inferredCalls.values()) {
    const key = serviceIdKey(inferred.node);
    if (!nodes.has(key)) nodes.set(key, inferred.node);
  }
  return { annotations: collectAnnotations(view), nodes: [...nodes.values()] };
}

/** What one look at every entity (segments, orphans and all their subsegments) tells. */
interface EntityScan {
  /** Earliest start of any entity, epoch seconds. */
  startTime: number;
  /** Latest end (or start, while in progress) of any entity, epoch seconds. */
  endTime: number;
  hasThrottle: boolean;
  /**
   * In progress or incomplete: a document in progress, an orphaned subsegment, a segment whose
   * parent has not arrived, or a traced downstream call whose segment has not arrived (§6.3 step 3).
   */
  isPartial: boolean;
}

function scanEntities(view: TraceView): EntityScan {
  const scan: EntityScan = { startTime: Infinity, endTime: -Infinity, hasThrottle: false, isPartial: false };
  if (view.orphans.length > 0) scan.isPartial = true;
  for (const segment of view.segments) {
    if (segment.parent_id !== undefined && !view.owners.has(segment.parent_id)) scan.isPartial = true;
  }
  for (const top of view.segments) {
    scanEntity(scan, top, view);
    for (const child of view.subsegmentsOf(top)) scanEntity(scan, child, view);
  }
  for (const top of view.orphans) {
    scanEntity(scan, top, view);
    for (const child of view.subsegmentsOf(top)) scanEntity(scan, child, view);
  }
  return scan;
}

function scanEntity(scan: EntityScan, entity: Entity, view: TraceView): void {
  scan.startTime = Math.min(scan.startTime, entity.start_time);
  scan.endTime = Math.max(scan.endTime, entity.end_time ?? entity.start_time);
  if (!scan.hasThrottle && isThrottle(entity)) scan.hasThrottle = true;
  if (scan.isPartial) return;
  if (entity.in_progress === true) scan.isPartial = true;
  else if ((entity as { traced?: boolean }).traced === true || entity.http?.request?.traced === true) {
    if (!view.answering.has(entity.id)) scan.isPartial = true;
  }
}

function summaryHttp(http: ReturnType<typeof httpFacts>): TraceSummaryHttp {
  const shape: TraceSummaryHttp = {};
  if (http?.url !== undefined) shape.HttpURL = http.url;
  if (http?.status !== undefined) shape.HttpStatus = http.status;
  if (http?.method !== undefined) shape.HttpMethod = http.method;
  if (http?.userAgent !== undefined) shape.UserAgent = http.userAgent;
  if (http?.clientIp !== undefined) shape.ClientIp = http.clientIp;
  return shape;
}

/** The strings `valueOf` gives for `items`, each once, in first-seen order; non-strings left out. */
function distinctOf<T>(items: readonly T[], valueOf: (item: T) => unknown): string[] {
  const values = new Set<string>();
  for (const item of items) {
    const value = valueOf(item);
    if (typeof value === 'string') values.add(value);
  }
  return [...values];
}
