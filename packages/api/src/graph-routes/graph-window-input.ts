/**
 * The time window of the graph actions (reference §4.5.4, §4.5.6, §4.6): `StartTime`/`EndTime` read,
 * checked, and widened to whole buckets, because statistics are stored per bucket and a partial
 * bucket cannot be split on read.
 */
import { invalidRequest } from '../errors/api-error.ts';
import { optionalNumber, requiredTimestamp } from '../http/input-members.ts';

/** A window `[from, to)` aligned to a bucket width, epoch seconds. */
export interface AlignedWindow {
  readonly from: number;
  readonly to: number;
}

/** Longest GetServiceGraph window accepted, seconds (the console shows at most 6 hours; §4.6). */
export const MAX_GRAPH_WINDOW_SECONDS = 24 * 60 * 60;

/** Most periods one GetTimeSeriesServiceStatistics answer may hold (24 hours of minutes). */
export const MAX_TIME_SERIES_PERIODS = 1440;

/** Width of one time-series period when `Period` is absent, seconds (Grafana's default too). */
export const DEFAULT_PERIOD_SECONDS = 60;

/**
 * Reads `StartTime` and `EndTime`, refuses an empty or reversed window and one longer than
 * `maxSeconds`, then widens it to multiples of `alignSeconds` (start down, end up).
 */
export function readAlignedWindow(
  input: Record<string, unknown>,
  alignSeconds: number,
  maxSeconds: number,
  action: string,
): AlignedWindow {
  const start = requiredTimestamp(input, 'StartTime');
  const end = requiredTimestamp(input, 'EndTime');
  if (!(end > start)) {
    throw invalidRequest(`EndTime (${end}) must be later than StartTime (${start}).`);
  }
  if (end - start > maxSeconds) {
    throw invalidRequest(
      `The time range from StartTime to EndTime is ${hours(end - start)}; ${action} covers at most ${hours(maxSeconds)} at once. Ask for a shorter window.`,
    );
  }
  return {
    from: Math.floor(start / alignSeconds) * alignSeconds,
    to: Math.ceil(end / alignSeconds) * alignSeconds,
  };
}

/**
 * `Period` in seconds: a whole multiple of `bucketSeconds` (the stored bucket width), default
 * `DEFAULT_PERIOD_SECONDS`. Anything else cannot be answered exactly from the stored buckets.
 */
export function readPeriod(input: Record<string, unknown>, bucketSeconds: number): number {
  const period = optionalNumber(input, 'Period') ?? DEFAULT_PERIOD_SECONDS;
  if (!Number.isInteger(period) || period < bucketSeconds || period % bucketSeconds !== 0) {
    throw invalidRequest(
      `Period must be a whole number of seconds that is a multiple of ${bucketSeconds} (60, 300, 3600, …), got ${period}.`,
    );
  }
  return period;
}

function hours(seconds: number): string {
  return `${Math.round((seconds / 3600) * 100) / 100} hours`;
}
