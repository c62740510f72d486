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
  return [...new Set(services.filter((s) => s[outcome] === true).map((s) => s.name))];
}

/**
 * One entry per (source name, target name): its flags the OR over the calls between them, its
 * response times the extremes over those that completed.
 */
export function summaryEdges(edges: readonly EdgeFacts[]): SummaryEdge[] {
  const byPair = new Map<string, MutableEdge>();
  for (const edge of edges) {
    const key = JSON.stringify([edge.source.name, edge.target.name]);
    let entry = byPair.get(key);
    if (entry === undefined) {
      entry = { source: edge.source.name, target: edge.target.name, fault: false, error: false, throttle: false };
      byPair.set(key, entry);
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
  return [...byPair.values()];
}

type MutableEdge = { -readonly [K in keyof SummaryEdge]: SummaryEdge[K] };

/** The names of every service on the paths of each kind of root cause, each once. */
export function rootCauseServiceNames(
  causes: Readonly<Record<RootCauseKind, readonly RootCause[]>>,
): Record<RootCauseKind, string[]> {
  const names = (list: readonly RootCause[]): string[] => [
    ...new Set(list.flatMap((cause) => cause.Services.map((service) => service.Name))),
  ];
  return { fault: names(causes.fault), error: names(causes.error), responseTime: names(causes.responseTime) };
}
