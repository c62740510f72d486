/**
 * One completed request as the service graph counts it (reference §6.4): a node's own segment, or the
 * caller's subsegment for an edge. Everything statistical in this package is a sum of these.
 */
import type { Subsegment } from '@roentgen/model';

/** The single class a record counts in; flags are not exclusive on the wire, so precedence decides. */
export type CallOutcome = 'ok' | 'error' | 'throttle' | 'fault';

/** A completed segment or subsegment reduced to what statistics need. Times are epoch seconds. */
export interface CallRecord {
  readonly startTime: number;
  readonly endTime: number;
  /** `end_time - start_time` of the record itself, seconds. */
  readonly responseTime: number;
  /** From `start_time` to the latest `end_time` in the record's subtree, seconds (§6.4 [INF]). */
  readonly duration: number;
  readonly outcome: CallOutcome;
}

/** The fields of a segment or subsegment that classification reads. */
type Entity = Pick<Subsegment, 'start_time' | 'end_time' | 'in_progress' | 'fault' | 'error' | 'throttle' | 'http'>;

/**
 * Classifies by §6.4: fault (flag or 5xx) wins over error, and throttle (flag or 429) counts inside error.
 * A throttle flag without the error flag still counts as a throttle [INF]: SDKs always set both.
 */
export function classifyOutcome(entity: Entity): CallOutcome {
  const status = entity.http?.response?.status;
  if (entity.fault === true || (status !== undefined && status >= 500 && status <= 599)) return 'fault';
  if (entity.throttle === true || status === 429) return 'throttle';
  if (entity.error === true || (status !== undefined && status >= 400 && status <= 499)) return 'error';
  return 'ok';
}

/** Latest `end_time` in an entity's subtree, itself included; in-progress parts contribute nothing. */
function latestEnd(entity: Pick<Subsegment, 'end_time' | 'subsegments'>): number | undefined {
  let latest = entity.end_time;
  const children = entity.subsegments;
  // Most entities are leaves: no empty array made up for them.
  if (children === undefined) return latest;
  for (const child of children) {
    const end = latestEnd(child);
    if (end !== undefined && (latest === undefined || end > latest)) latest = end;
  }
  return latest;
}

/**
 * The record of a completed entity, or `undefined` while it is in progress: §6.4 counts completed
 * requests only, so an in-progress document adds nothing until its complete version replaces it.
 */
export function toCallRecord(entity: Entity & Pick<Subsegment, 'subsegments'>): CallRecord | undefined {
  const end = entity.end_time;
  if (entity.in_progress === true || end === undefined) return undefined;
  const subtreeEnd = latestEnd(entity) ?? end;
  return {
    startTime: entity.start_time,
    endTime: end,
    responseTime: end - entity.start_time,
    duration: Math.max(end, subtreeEnd) - entity.start_time,
    outcome: classifyOutcome(entity),
  };
}

/** Histogram key of a time in seconds: whole milliseconds, as `@roentgen/storage`'s `Histogram` keeps them. */
export function histogramMillis(seconds: number): number {
  return Math.round(seconds * 1000);
}
