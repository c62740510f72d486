/** Reading `Service` nodes and edges of client-xray's answers in the service-graph tests. */
import assert from 'node:assert/strict';
import type { Edge, EdgeStatistics, Service, ServiceStatistics } from '@aws-sdk/client-xray';

/** The node named `name` of `type` (`undefined`: a node without a type); fails the test if absent. */
export function nodeOf(services: readonly Service[], name: string, type: string | undefined): Service {
  const found = services.find((s) => s.Name === name && s.Type === type);
  assert.ok(found, `a node ${name} (${type}) among ${services.map((s) => `${s.Name} (${s.Type})`).join(', ')}`);
  return found;
}

/** The edge from `source` to `target`; fails the test if absent. */
export function edgeTo(services: readonly Service[], source: Service, target: Service): Edge {
  const edge = source.Edges?.find((e) => e.ReferenceId === target.ReferenceId);
  assert.ok(edge, `an edge ${source.Name} → ${target.Name}`);
  assert.ok(services.includes(target));
  return edge;
}

/**
 * The counters in short, after checking that every one is present (Grafana reads them all) and
 * that they add up: ok + errors + faults = total.
 */
export function stats(statistics: ServiceStatistics | EdgeStatistics | undefined): {
  ok: number;
  error: number;
  throttle: number;
  fault: number;
  total: number;
} {
  assert.ok(statistics, 'statistics present');
  const ok = statistics.OkCount;
  const error = statistics.ErrorStatistics?.OtherCount;
  const throttle = statistics.ErrorStatistics?.ThrottleCount;
  const errors = statistics.ErrorStatistics?.TotalCount;
  const fault = statistics.FaultStatistics?.TotalCount;
  const faultOther = statistics.FaultStatistics?.OtherCount;
  const total = statistics.TotalCount;
  for (const value of [ok, error, throttle, errors, fault, faultOther, total, statistics.TotalResponseTime]) {
    assert.equal(typeof value, 'number', 'every counter is a number');
  }
  assert.equal(errors, (error ?? 0) + (throttle ?? 0));
  assert.equal(total, (ok ?? 0) + (errors ?? 0) + (fault ?? 0));
  return { ok: ok ?? 0, error: error ?? 0, throttle: throttle ?? 0, fault: fault ?? 0, total: total ?? 0 };
}

/** Sum of a histogram's counts. */
export function histogramCount(histogram: readonly { Count?: number }[] | undefined): number {
  return (histogram ?? []).reduce((sum, entry) => sum + (entry.Count ?? 0), 0);
}
