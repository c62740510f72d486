/**
 * Reads X-Ray statistics the way the map and panels show them: four mutually exclusive shares
 * (ok, other 4xx, 5xx, 429), average latency and requests per minute.
 */
import type { XRayStatistics } from '../api/xray-types.ts';
import { formatSeconds } from '../time/time-range.ts';

export type HealthKind = 'ok' | 'error' | 'fault' | 'throttle';

/** Ring and legend order; colours come from the CSS variables of the same names. */
export const HEALTH_KINDS: readonly HealthKind[] = ['ok', 'error', 'fault', 'throttle'];

export const HEALTH_LABELS: Record<HealthKind, string> = {
  ok: 'OK',
  error: 'Errors (4xx)',
  fault: 'Faults (5xx)',
  throttle: 'Throttled (429)',
};

export interface Health {
  readonly counts: Record<HealthKind, number>;
  readonly total: number;
  /** Seconds; undefined when nothing completed. */
  readonly averageSeconds: number | undefined;
  /** Requests per minute over the window. */
  readonly perMinute: number;
}

/** Statistics → health; `windowSeconds` is the length of the map's time range. */
export function healthOf(stats: XRayStatistics | undefined, windowSeconds: number): Health {
  const throttle = stats?.ErrorStatistics?.ThrottleCount ?? 0;
  const errorTotal = stats?.ErrorStatistics?.TotalCount ?? 0;
  const error = stats?.ErrorStatistics?.OtherCount ?? Math.max(0, errorTotal - throttle);
  const fault = stats?.FaultStatistics?.TotalCount ?? 0;
  const ok = stats?.OkCount ?? 0;
  const total = stats?.TotalCount ?? ok + error + fault + throttle;
  return {
    counts: { ok, error, fault, throttle },
    total,
    averageSeconds: total > 0 ? (stats?.TotalResponseTime ?? 0) / total : undefined,
    perMinute: windowSeconds > 0 ? total / (windowSeconds / 60) : 0,
  };
}

/** The worst kind with a share of at least 1 %, for the node's accessible description and tests. */
export function worstKind(health: Health): HealthKind {
  for (const kind of ['fault', 'throttle', 'error'] as const) {
    if (health.total > 0 && health.counts[kind] / health.total >= 0.01) return kind;
  }
  return 'ok';
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '0 %';
  const value = (part / whole) * 100;
  return `${value < 10 && value > 0 ? value.toFixed(1) : Math.round(value)} %`;
}

export function formatRate(perMinute: number): string {
  if (perMinute > 0 && perMinute < 0.1) return '<0.1/min';
  return perMinute >= 10 ? `${Math.round(perMinute)}/min` : `${perMinute.toFixed(1)}/min`;
}

/**
 * The one line of numbers under a node or on an edge: average latency and requests per minute. A
 * `windowSeconds` of 0 leaves the rate out (one trace's map has no meaningful rate).
 */
export function statsLine(stats: XRayStatistics | undefined, windowSeconds: number): string {
  const health = healthOf(stats, windowSeconds);
  if (health.total === 0) return '';
  const latency = formatSeconds(health.averageSeconds);
  return windowSeconds > 0 ? `${latency} · ${formatRate(health.perMinute)}` : latency;
}
