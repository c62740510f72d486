/**
 * Time ranges as the URL carries them: a relative window (`15m`, `1h`, …) that slides with "now",
 * or an absolute one (`1700000000-1700000900`, epoch seconds) that a colleague can open later and
 * see the same data.
 */

/** Epoch seconds, as on the wire. */
export type EpochSeconds = number;

export interface TimeWindow {
  readonly start: EpochSeconds;
  readonly end: EpochSeconds;
}

/** The relative choices the picker offers, in seconds. */
export const RELATIVE_RANGES: readonly { readonly spec: string; readonly label: string; readonly seconds: number }[] = [
  { spec: '5m', label: 'Last 5 minutes', seconds: 300 },
  { spec: '15m', label: 'Last 15 minutes', seconds: 900 },
  { spec: '1h', label: 'Last hour', seconds: 3600 },
  { spec: '6h', label: 'Last 6 hours', seconds: 21_600 },
  { spec: '24h', label: 'Last 24 hours', seconds: 86_400 },
];

export const DEFAULT_RANGE = '1h';

/** Turns a range spec into a window ending at `now` (relative) or as written (absolute). */
export function resolveRange(spec: string, now: EpochSeconds = Date.now() / 1000): TimeWindow {
  const absolute = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(spec);
  if (absolute) {
    const start = Number(absolute[1]);
    const end = Number(absolute[2]);
    if (end > start) return { start, end };
  }
  const relative = RELATIVE_RANGES.find((r) => r.spec === spec) ?? RELATIVE_RANGES[2]!;
  // A minute of slack past "now" keeps segments from clocks slightly ahead of the browser's.
  return { start: now - relative.seconds, end: now + 60 };
}

/** The spec of an absolute window, for "freeze this range" links. */
export function absoluteSpec(window: TimeWindow): string {
  return `${Math.floor(window.start)}-${Math.ceil(window.end)}`;
}

/** Seconds as a person reads them: `850 ms`, `2.04 s`, `3 min`. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${seconds.toFixed(2)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

/** An epoch-seconds instant as local date and time with seconds. */
export function formatInstant(epoch: EpochSeconds | undefined): string {
  if (epoch === undefined) return '–';
  const date = new Date(epoch * 1000);
  return `${date.toLocaleDateString()} ${date.toLocaleTimeString()}`;
}
