/**
 * The lists a `TraceSummaryRecord` carries so that the store can answer `service(…) { fault }`,
 * `edge(…, …) { … }` and `rootcause.*.service { name = … }` itself: per-outcome service names, edges
 * by name pair, and the services on the root-cause paths, all taken from the evaluator's facts so
 * that the store and the exact check see the same trace.
 */
import type { EdgeFacts, ServiceFacts } from '@roentgen/filter';
import type { CallOutcome, RootCauseKind, SummaryEdge } from '@roentgen/storage';
import type { RootCause } from './trace-summary-shapes.ts';

/** Names of the service entries that showed `outcome`, each once, in first-seen order. */
export function servicesShowing(services: readonly ServiceFacts[], outcome: CallOutcome): string[] {
  const names = new Set<string>();
  for (const service of services) if (service[outcome] === true) names.add(service.name);
  return [...names];
}

/**
 * One entry per (source name, target name): its flags the OR over the calls between them, its
 * response times the extremes over those that completed.
 */
export function summaryEdges(edges: readonly EdgeFacts[]): SummaryEdge[] {
  // Source name → target name → entry; `pairs` keeps the order in which pairs were first seen.
  const bySource = new Map<string, Map<string, MutableEdge>>();
  const pairs: MutableEdge[] = [];
  for (const edge of edges) {
    const source = edge.source.name;
    const target = edge.target.name;
    let byTarget = bySource.get(source);
    if (byTarget === undefined) bySource.set(source, (byTarget = new Map<string, MutableEdge>()));
    let entry = byTarget.get(target);
    if (entry === undefined) {
      entry = { source, target, fault: false, error: false, throttle: false };
      byTarget.set(target, entry);
      pairs.push(entry);
    }
    entry.fault ||= edge.fault === true;
    entry.error ||= edge.error === true;
    entry.throttle ||= edge.throttle === true;
    const time = edge.responseTime;
    if (time !== undefined) {
      entry.slowestResponseTime = Math.max(entry.slowestResponseTime ?? time, time);
      entry.fastestResponseTime = Math.min(entry.fastestResponseTime ?? time, time);
    }
  }
  return pairs;
}

type MutableEdge = { -readonly [K in keyof SummaryEdge]: SummaryEdge[K] };

/** The names of every service on the paths of each kind of root cause, each once. */
export function rootCauseServiceNames(
  causes: Readonly<Record<RootCauseKind, readonly RootCause[]>>,
): Record<RootCauseKind, string[]> {
  return {
    fault: serviceNames(causes.fault),
    error: serviceNames(causes.error),
    responseTime: serviceNames(causes.responseTime),
  };
}

function serviceNames(causes: readonly RootCause[]): string[] {
  const names = new Set<string>();
  for (const cause of causes) for (const service of cause.Services) names.add(service.Name);
  return [...names];
}
