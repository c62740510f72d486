/**
 * The filter evaluator's view of the calls in a trace (`TraceFacts.services` and `.edges`, from
 * `@roentgen/filter`): one entry per segment a node produced, one per call between two nodes, each
 * with the outcome its own record shows (reference §6.1: nodes from the callee, edges from the caller).
 */
import type { CallFacts, EdgeFacts, HttpFacts, NodeIdentity, ServiceFacts } from '@roentgen/filter';
import { isError, isFault, isThrottle, responseTimeOf } from './entity-outcome.ts';
import type { ServiceId } from './trace-summary-shapes.ts';
import type { Entity, TraceView } from './trace-view.ts';

/** The `http` block of an entity as facts; members the entity lacks are left out. */
export function httpFacts(entity: Entity | undefined): HttpFacts | undefined {
  const http = entity?.http;
  if (http === undefined) return undefined;
  const facts: { -readonly [K in keyof HttpFacts]: HttpFacts[K] } = {};
  const request = http.request ?? {};
  if (typeof request.url === 'string') facts.url = request.url;
  if (typeof http.response?.status === 'number') facts.status = http.response.status;
  if (typeof request.method === 'string') facts.method = request.method;
  if (typeof request.user_agent === 'string') facts.userAgent = request.user_agent;
  if (typeof request.client_ip === 'string') facts.clientIp = request.client_ip;
  return facts;
}

/** The outcome of one entity as the filter language sees it. */
export function callFacts(entity: Entity): CallFacts {
  const facts: { -readonly [K in keyof CallFacts]: CallFacts[K] } = {
    fault: isFault(entity),
    error: isError(entity),
    throttle: isThrottle(entity),
  };
  const responseTime = responseTimeOf(entity);
  if (responseTime !== undefined) facts.responseTime = responseTime;
  const http = httpFacts(entity);
  if (http !== undefined) facts.http = http;
  return facts;
}

/** A `ServiceId` as the evaluator's node identity. */
export function nodeIdentity(node: ServiceId): NodeIdentity {
  const identity: { -readonly [K in keyof NodeIdentity]: NodeIdentity[K] } = { name: node.Name };
  if (node.Type !== undefined) identity.type = node.Type;
  if (node.AccountId !== undefined) identity.accountId = node.AccountId;
  return identity;
}

/** Service entries: real segments (the root marked), then inferred nodes from their calls. */
export function serviceFacts(view: TraceView): ServiceFacts[] {
  const services: ServiceFacts[] = view.segments.map((segment) => ({
    ...nodeIdentity(view.nodeOf(segment)),
    ...callFacts(segment),
    ...(segment === view.root ? { root: true } : {}),
  }));
  for (const inferred of view.inferredCalls.values()) {
    services.push({ ...nodeIdentity(inferred.node), ...callFacts(inferred.call), inferred: true });
  }
  return services;
}

/** Edge entries: calls answered by a real segment, segment-to-segment parents, then inferred calls. */
export function edgeFacts(view: TraceView): EdgeFacts[] {
  const edges: EdgeFacts[] = [];
  for (const segment of view.segments) {
    const parentId = segment.parent_id;
    const owner = parentId === undefined ? undefined : view.owners.get(parentId);
    if (owner === undefined || parentId === undefined) continue;
    const caller = owner.id === parentId ? segment : findEntity(owner, parentId);
    edges.push({
      source: nodeIdentity(view.nodeOf(owner)),
      target: nodeIdentity(view.nodeOf(segment)),
      ...callFacts(caller ?? segment),
    });
  }
  for (const inferred of view.inferredCalls.values()) {
    edges.push({
      source: nodeIdentity(view.nodeOf(inferred.owner)),
      target: nodeIdentity(inferred.node),
      ...callFacts(inferred.call),
    });
  }
  return edges;
}

function findEntity(entity: Entity, id: string): Entity | undefined {
  if (entity.id === id) return entity;
  for (const child of entity.subsegments ?? []) {
    const found = findEntity(child, id);
    if (found) return found;
  }
  return undefined;
}
