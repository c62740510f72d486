/**
 * The outcome flags of one segment or subsegment (reference §2.6, §9 item 11): a flag or an HTTP
 * status class says it, since senders set one, the other, or both.
 */
import type { Entity } from './trace-view.ts';

function status(entity: Entity): number | undefined {
  const value = entity.http?.response?.status;
  return typeof value === 'number' ? value : undefined;
}

/** A server fault: `fault` or a 5XX status. */
export function isFault(entity: Entity): boolean {
  const code = status(entity);
  return entity.fault === true || (code !== undefined && code >= 500 && code <= 599);
}

/** A client error: `error`, `throttle` (always a 429, so an error too) or a 4XX status. */
export function isError(entity: Entity): boolean {
  const code = status(entity);
  return entity.error === true || entity.throttle === true || (code !== undefined && code >= 400 && code <= 499);
}

/** Throttled: `throttle` or status 429. */
export function isThrottle(entity: Entity): boolean {
  return entity.throttle === true || status(entity) === 429;
}

/** `end_time − start_time` in seconds, or `undefined` while in progress. */
export function responseTimeOf(entity: Entity): number | undefined {
  if (entity.in_progress === true || entity.end_time === undefined) return undefined;
  return roundSeconds(entity.end_time - entity.start_time);
}

/** Rounds seconds to the microsecond, so that differences of epoch times print without float noise. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
