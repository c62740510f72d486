/**
 * The three root-cause lists of a trace summary (reference §6.7): where faults and errors began, and
 * which path of calls made up the response time. Each cause lists the services from the entry point
 * to the culprit, each with the chain of its entities (segment, then nested subsegments).
 */
import type { Segment, Subsegment } from '@roentgen/model';
import { isError, isFault, responseTimeOf, roundSeconds } from './entity-outcome.ts';
import type { RootCause, RootCauseEntity, RootCauseException, RootCauseService } from './trace-summary-shapes.ts';
import type { Entity, TraceView } from './trace-view.ts';

/** Most causes kept per list, so that a trace with thousands of failing calls stays a small summary. */
export const MAX_ROOT_CAUSES = 20;

/** A response-time cause descends into a child only while the child covers at least this share. */
export const RESPONSE_TIME_COVERAGE_THRESHOLD = 0.5;

/**
 * Fault (or error) root causes: one per culprit, the deepest flagged entity none of whose
 * descendants (through answered calls too) is flagged. `ClientImpacting` when every entity on the
 * way from the entry point is flagged, i.e. the failure reached the client. Exceptions are the
 * culprit's; an unanswered `aws`/`remote` call as culprit adds its inferred node as the last service.
 */
export function failureRootCauses(view: TraceView, kind: 'fault' | 'error'): RootCause[] {
  const flagged = kind === 'fault' ? isFault : isError;
  // Most traces have no flagged entity at all, and then no cause: skip the walk.
  if (!view.segments.some((segment) => flagged(segment) || view.subsegmentsOf(segment).some(flagged))) return [];
  const walk: FailureWalk = {
    view,
    flagged,
    causes: new Map(),
    path: [],
    visited: new Set(),
    allFlagged: true,
  };
  for (const top of view.tops) enterSegment(walk, top);
  return [...walk.causes.values()];
}

/** One service on the way down: its segment and the chain of its entities, segment first. */
interface PathService {
  readonly segment: Segment;
  readonly entities: Entity[];
}

/** The state of one failure walk; the path holds entities, and causes are built only when found. */
interface FailureWalk {
  readonly view: TraceView;
  readonly flagged: (entity: Entity) => boolean;
  /** By their JSON text, so that two culprits with the same path count once. */
  readonly causes: Map<string, RootCause>;
  readonly path: PathService[];
  readonly visited: Set<Segment>;
  /** Every entity on the path so far is flagged. */
  allFlagged: boolean;
}

function enterSegment(walk: FailureWalk, segment: Segment): boolean {
  if (walk.visited.has(segment)) return false;
  walk.visited.add(segment);
  walk.path.push({ segment, entities: [segment] });
  const found = visit(walk, segment);
  walk.path.pop();
  return found;
}

// Returns whether `entity`'s subtree holds a flagged entity; `entity` is already on the path.
function visit(walk: FailureWalk, entity: Entity): boolean {
  const before = walk.allFlagged;
  const flagged = walk.flagged(entity);
  walk.allFlagged &&= flagged;
  let found = false;
  const service = walk.path[walk.path.length - 1] as PathService;
  for (const child of entity.subsegments ?? []) {
    service.entities.push(child);
    found = visit(walk, child) || found;
    service.entities.pop();
  }
  for (const downstream of walk.view.answering.get(entity.id) ?? []) {
    found = enterSegment(walk, downstream) || found;
  }
  if (!found && flagged) {
    recordCulprit(walk, entity);
    found = true;
  }
  walk.allFlagged = before;
  return found;
}

/** Adds the cause whose culprit is `entity`, the last entity on the path (at most `MAX_ROOT_CAUSES`). */
function recordCulprit(walk: FailureWalk, entity: Entity): void {
  if (walk.causes.size >= MAX_ROOT_CAUSES) return;
  const inferred = walk.view.inferredCalls.get(entity.id);
  const services: RootCauseService[] = walk.path.map((service, index) => {
    const steps = service.entities.map(entityStep);
    // The culprit's exceptions go on its own step, or on its inferred node's when there is one.
    if (inferred === undefined && index === walk.path.length - 1) {
      (steps[steps.length - 1] as RootCauseEntity).Exceptions = exceptionsOf(entity);
    }
    return { ...serviceHeader(walk.view, service.segment), EntityPath: steps };
  });
  if (inferred !== undefined) {
    services.push({
      ...inferredService(inferred.node),
      EntityPath: [{ ...entityStep(entity), Exceptions: exceptionsOf(entity) }],
    });
  }
  const cause: RootCause = { Services: services, ClientImpacting: walk.allFlagged };
  walk.causes.set(JSON.stringify(cause), cause);
}

/**
 * The response-time root cause: from the root segment, descend into the slowest child (subsegment or
 * answering segment) while it covers at least half of the root's response time. Empty while the root
 * is in progress or took no time.
 */
export function responseTimeRootCauses(view: TraceView): RootCause[] {
  const root = view.root;
  const total = root === undefined ? undefined : responseTimeOf(root);
  if (root === undefined || total === undefined || total <= 0) return [];
  const services: RootCauseService[] = [
    { ...serviceHeader(view, root), EntityPath: [{ ...timedStep(root), Coverage: 1 }] },
  ];
  let current: Entity = root;
  const seen = new Set<Entity>([root]);
  for (;;) {
    const downstream: readonly Segment[] = view.answering.get(current.id) ?? [];
    // Subsegments first, then answering segments: the first of equally slow children wins.
    let slowest: Entity | undefined;
    let slowestTime = 0;
    let slowestAnswers = false;
    for (const child of current.subsegments ?? []) {
      const time = responseTimeOf(child);
      if (time === undefined || seen.has(child)) continue;
      if (slowest !== undefined && !(time > slowestTime)) continue;
      slowest = child;
      slowestTime = time;
    }
    for (const child of downstream) {
      const time = responseTimeOf(child);
      if (time === undefined || seen.has(child)) continue;
      if (slowest !== undefined && !(time > slowestTime)) continue;
      slowest = child;
      slowestTime = time;
      slowestAnswers = true;
    }
    const share = roundSeconds(slowestTime / total);
    if (slowest === undefined || share < RESPONSE_TIME_COVERAGE_THRESHOLD) break;
    seen.add(slowest);
    const step = { ...timedStep(slowest), Coverage: share };
    if (slowestAnswers) {
      services.push({ ...serviceHeader(view, slowest as Segment), EntityPath: [step] });
    } else {
      (services[services.length - 1] as RootCauseService).EntityPath.push(step);
      const inferred = view.inferredCalls.get(slowest.id);
      if (inferred) {
        services.push({ ...inferredService(inferred.node), EntityPath: [{ ...step, Remote: true }] });
        break;
      }
    }
    current = slowest;
  }
  return [{ Services: services, ClientImpacting: true }];
}

function serviceHeader(view: TraceView, segment: Segment): Omit<RootCauseService, 'EntityPath'> {
  const node = view.nodeOf(segment);
  return { ...node, Names: [...node.Names], Inferred: false };
}

function inferredService(node: ReturnType<TraceView['nodeOf']>): Omit<RootCauseService, 'EntityPath'> {
  return { ...node, Names: [...node.Names], Inferred: true };
}

function isRemote(entity: Entity): boolean {
  const namespace = (entity as Subsegment).namespace;
  if (namespace === 'aws' || namespace === 'remote') return true;
  const cause = entity.cause;
  return typeof cause === 'object' && (cause.exceptions ?? []).some((e) => e.remote === true);
}

function entityStep(entity: Entity): RootCauseEntity {
  return { Name: entity.name, Remote: isRemote(entity), Exceptions: [] };
}

function timedStep(entity: Entity): RootCauseEntity {
  return { Name: entity.name, Remote: isRemote(entity) };
}

/** The culprit's recorded exceptions; a `cause` that only points at another exception id has none. */
function exceptionsOf(entity: Entity): RootCauseException[] {
  const cause = entity.cause;
  if (typeof cause !== 'object') return [];
  return (cause.exceptions ?? []).map((e) => {
    const exception: RootCauseException = { Name: e.type ?? e.message ?? e.id };
    if (e.message !== undefined) exception.Message = e.message;
    return exception;
  });
}
