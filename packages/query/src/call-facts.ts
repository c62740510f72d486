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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The outcome of one entity as the filter language sees it. */
export function callFacts(entity: Entity): CallFacts {
  const facts: Mutable<CallFacts> = {};
  addCallFacts(facts, entity);
  return facts;
}

/**
 * Adds `callFacts(entity)` to `facts`, members in the same order: the entries below are built in
 * place rather than spread together from parts, a few objects fewer per segment and call.
 */
function addCallFacts(facts: Mutable<CallFacts>, entity: Entity): void {
  facts.fault = isFault(entity);
  facts.error = isError(entity);
  facts.throttle = isThrottle(entity);
  const responseTime = responseTimeOf(entity);
  if (responseTime !== undefined) facts.responseTime = responseTime;
  const http = httpFacts(entity);
  if (http !== undefined) facts.http = http;
}

/** A `ServiceId` as the evaluator's node identity. */
export function nodeIdentity(node: ServiceId): NodeIdentity {
  const identity: Mutable<NodeIdentity> = { name: node.Name };
  if (node.Type !== undefined) identity.type = node.Type;
  if (node.AccountId !== undefined) identity.accountId = node.AccountId;
  return identity;
}

/** Service entries: real segments (the root marked), then inferred nodes from their calls. */
export function serviceFacts(view: TraceView): ServiceFacts[] {
  const services: ServiceFacts[] = [];
  for (const segment of view.segments) {
    const entry: Mutable<ServiceFacts> = nodeIdentity(view.nodeOf(segment));
    addCallFacts(entry, segment);
    if (segment === view.root) entry.root = true;
    services.push(entry);
  }
  for (const inferred of view.inferredCalls.values()) {
    const entry: Mutable<ServiceFacts> = nodeIdentity(inferred.node);
    addCallFacts(entry, inferred.call);
    entry.inferred = true;
    services.push(entry);
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
    const caller = owner.id === parentId ? segment : view.subsegmentsOf(owner).find((e) => e.id === parentId);
    const edge: Mutable<EdgeFacts> = {
      source: nodeIdentity(view.nodeOf(owner)),
      target: nodeIdentity(view.nodeOf(segment)),
    };
    addCallFacts(edge, caller ?? segment);
    edges.push(edge);
  }
  for (const inferred of view.inferredCalls.values()) {
    const edge: Mutable<EdgeFacts> = {
      source: nodeIdentity(view.nodeOf(inferred.owner)),
      target: nodeIdentity(inferred.node),
    };
    addCallFacts(edge, inferred.call);
    edges.push(edge);
  }
  return edges;
}
