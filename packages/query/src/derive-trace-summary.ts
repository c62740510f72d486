/**
 * Everything derived from one trace's current documents: the API's `TraceSummary`, the filter
 * evaluator's `TraceFacts`, and the `TraceSummaryRecord` the store indexes (reference §4.5.2, §6.6).
 */
import type { RootCauseFacts, TraceFacts } from '@roentgen/filter';
import type { SegmentDocument } from '@roentgen/model';
import { traceIdEpochSeconds } from '@roentgen/model';
import type { DocumentRecord, TraceSummaryRecord } from '@roentgen/storage';
import type { AssembledTrace } from '@roentgen/service-map';
import { callFacts, edgeFacts, httpFacts, serviceFacts } from './call-facts.ts';
import { isThrottle, responseTimeOf, roundSeconds } from './entity-outcome.ts';
import { failureRootCauses, responseTimeRootCauses } from './root-causes.ts';
import { collectAnnotations } from './trace-annotations.ts';
import { rootCauseServiceNames, servicesShowing, summaryEdges } from './summary-call-lists.ts';
import type { RootCause, ServiceId, TraceSummary, TraceSummaryHttp } from './trace-summary-shapes.ts';
import type { Entity, TraceView } from './trace-view.ts';
import { buildTraceView, descendants } from './trace-view.ts';

/** The three derived forms of one trace; `record.summary` and `record.facts` are the JSON of the others. */
export interface DerivedTrace {
  readonly summary: TraceSummary;
  readonly facts: TraceFacts;
  readonly record: TraceSummaryRecord;
  /** The merged trace the summary was derived from; the graph contribution reuses it. */
  readonly assembled: AssembledTrace;
}

// Parsed once per record object: the assembler re-derives a trace from the same records many times.
const parsedDocuments = new WeakMap<DocumentRecord, SegmentDocument>();

export function documentOf(record: DocumentRecord): SegmentDocument {
  let document = parsedDocuments.get(record) ?? record.parsed;
  if (document === undefined) {
    document = JSON.parse(record.document) as SegmentDocument;
    parsedDocuments.set(record, document);
  }
  return document;
}

/**
 * Derives the summary of one trace from its current documents (one per id, as the store returns
 * them; all of the same trace, at least one). `revision` is the summary's `Revision`; by default the
 * number of documents.
 */
export function deriveTraceSummary(documents: readonly DocumentRecord[], revision = documents.length): DerivedTrace {
  const first = documents[0];
  if (first === undefined) throw new RangeError('deriveTraceSummary needs at least one document');
  const view = buildTraceView(first.traceId, documents.map(documentOf));
  const { startTime, endTime } = timeBounds(view);
  const root = view.root;
  const responseTime = root === undefined ? undefined : responseTimeOf(root);
  const marks = annotationsAndNodes(view);
  const fault = failureRootCauses(view, 'fault');
  const error = failureRootCauses(view, 'error');
  const slow = responseTimeRootCauses(view);
  const duration = roundSeconds(endTime - startTime);
  const rootOutcome = root === undefined ? { fault: false, error: false } : callFacts(root);
  const hasThrottle = allEntities(view).some(isThrottle);
  const isPartial = partial(view);
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
    ResourceARNs: distinct(view.segments.map((s) => s.resource_arn)).map((ARN) => ({ ARN })),
    InstanceIds: distinct(view.segments.map((s) => s.aws?.ec2?.instance_id)).map((Id) => ({ Id })),
    AvailabilityZones: distinct(view.segments.map((s) => s.aws?.ec2?.availability_zone)).map((Name) => ({ Name })),
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
    services: distinct(marks.nodes.map((n) => n.Name)),
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
  const add = (node: ServiceId): void => {
    const key = JSON.stringify([node.Name, node.Type ?? null, node.AccountId ?? null]);
    if (!nodes.has(key)) nodes.set(key, node);
  };
  for (const segment of view.segments) add(view.nodeOf(segment));
  for (const inferred of view.inferredCalls.values()) add(inferred.node);
  return { annotations: collectAnnotations(view), nodes: [...nodes.values()] };
}

function allEntities(view: TraceView): Entity[] {
  const entities: Entity[] = [];
  for (const top of [...view.segments, ...view.orphans]) entities.push(top, ...descendants(top));
  return entities;
}

/** Earliest start and latest end (or start, while in progress) of any entity, epoch seconds. */
function timeBounds(view: TraceView): { startTime: number; endTime: number } {
  let startTime = Infinity;
  let endTime = -Infinity;
  for (const entity of allEntities(view)) {
    startTime = Math.min(startTime, entity.start_time);
    endTime = Math.max(endTime, entity.end_time ?? entity.start_time);
  }
  return { startTime, endTime };
}

/**
 * In progress or incomplete: a document in progress, an orphaned subsegment, a segment whose parent
 * has not arrived, or a traced downstream call whose segment has not arrived (§6.3 step 3).
 */
function partial(view: TraceView): boolean {
  if (view.orphans.length > 0) return true;
  if (view.segments.some((s) => s.parent_id !== undefined && !view.owners.has(s.parent_id))) return true;
  return allEntities(view).some((entity) => {
    if (entity.in_progress === true) return true;
    const traced = (entity as { traced?: boolean }).traced === true || entity.http?.request?.traced === true;
    return traced && !view.answering.has(entity.id);
  });
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

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string'))];
}

/** The evaluator's form of a root cause (same content, camel-case names). */
function rootCauseFacts(cause: RootCause): RootCauseFacts {
  return {
    clientImpacting: cause.ClientImpacting,
    services: cause.Services.map((service) => ({
      name: service.Name,
      names: service.Names,
      ...(service.Type === undefined ? {} : { type: service.Type }),
      ...(service.AccountId === undefined ? {} : { accountId: service.AccountId }),
      inferred: service.Inferred,
      entityPath: service.EntityPath.map((entity) => ({
        name: entity.Name,
        remote: entity.Remote,
        ...(entity.Coverage === undefined ? {} : { coverage: entity.Coverage }),
        ...(entity.Exceptions === undefined
          ? {}
          : {
              exceptions: entity.Exceptions.map((e) => ({
                name: e.Name,
                ...(e.Message === undefined ? {} : { message: e.Message }),
              })),
            }),
      })),
    })),
  };
}
