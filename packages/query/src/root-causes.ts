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
  const causes = new Map<string, RootCause>();
  const path: RootCauseService[] = [];
  const visited = new Set<Segment>();
  let allFlagged = true;

  const record = (): void => {
    if (causes.size >= MAX_ROOT_CAUSES) return;
    const cause: RootCause = { Services: structuredClone(path), ClientImpacting: allFlagged };
    causes.set(JSON.stringify(cause), cause);
  };

  // Returns whether `entity`'s subtree holds a flagged entity; `entity` is already on the path.
  const visit = (entity: Entity): boolean => {
    const before = allFlagged;
    allFlagged &&= flagged(entity);
    let found = false;
    const service = path[path.length - 1] as RootCauseService;
    for (const child of entity.subsegments ?? []) {
      service.EntityPath.push(entityStep(child));
      found = visit(child) || found;
      service.EntityPath.pop();
    }
    for (const downstream of view.answering.get(entity.id) ?? []) {
      found = enterSegment(downstream) || found;
    }
    if (!found && flagged(entity)) {
      const inferred = view.inferredCalls.get(entity.id);
      const last = service.EntityPath[service.EntityPath.length - 1] as RootCauseEntity;
      if (inferred) {
        path.push({
          ...inferredService(inferred.node),
          EntityPath: [{ ...entityStep(entity), Exceptions: exceptionsOf(entity) }],
        });
        record();
        path.pop();
      } else {
        last.Exceptions = exceptionsOf(entity);
        record();
        last.Exceptions = [];
      }
      found = true;
    }
    allFlagged = before;
    return found;
  };

  const enterSegment = (segment: Segment): boolean => {
    if (visited.has(segment)) return false;
    visited.add(segment);
    path.push({ ...serviceHeader(view, segment), EntityPath: [entityStep(segment)] });
    const found = visit(segment);
    path.pop();
    return found;
  };

  for (const top of view.tops) enterSegment(top);
  return [...causes.values()];
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
  const coverage = (entity: Entity): number => roundSeconds((responseTimeOf(entity) ?? 0) / total);
  const services: RootCauseService[] = [
    { ...serviceHeader(view, root), EntityPath: [{ ...timedStep(root), Coverage: 1 }] },
  ];
  let current: Entity = root;
  const seen = new Set<Entity>([root]);
  for (;;) {
    const downstream: readonly Entity[] = view.answering.get(current.id) ?? [];
    const children: Entity[] = [...(current.subsegments ?? []), ...downstream];
    let slowest: Entity | undefined;
    for (const child of children) {
      if (seen.has(child) || responseTimeOf(child) === undefined) continue;
      if (slowest === undefined || (responseTimeOf(child) ?? 0) > (responseTimeOf(slowest) ?? 0)) slowest = child;
    }
    if (slowest === undefined || coverage(slowest) < RESPONSE_TIME_COVERAGE_THRESHOLD) break;
    seen.add(slowest);
    const step = { ...timedStep(slowest), Coverage: coverage(slowest) };
    if (downstream.includes(slowest)) {
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
