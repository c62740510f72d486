/**
 * Builders of stored documents for this package's tests: a document with overrides becomes the
 * `DocumentRecord` the collector would store. Times are offsets in milliseconds from `T0`.
 */
import type { SegmentDocument } from '@roentgen/model';
import { isIndependentSubsegment, traceIdEpochSeconds } from '@roentgen/model';
import type { DocumentRecord } from '@roentgen/storage';

/** Epoch seconds of every built trace's first moment. */
export const T0 = 1_800_000_000;

/** Epoch seconds `ms` milliseconds after `T0`. */
export function at(ms: number): number {
  return (T0 * 1000 + ms) / 1000;
}

/** A trace ID whose time is `T0 + offsetSeconds`, unique per `n`. */
export function traceIdFor(n: number, offsetSeconds = 0): string {
  return `1-${(T0 + offsetSeconds).toString(16)}-${n.toString(16).padStart(24, '0')}`;
}

/** The record of a validated document, as `toDocumentRecord` in the collector builds it. */
export function toRecord(document: SegmentDocument, receivedAt = at(0) + 1): DocumentRecord {
  const status = document.http?.response?.status;
  return {
    traceId: document.trace_id,
    id: document.id,
    parentId: document.parent_id,
    kind: isIndependentSubsegment(document) ? 'subsegment' : 'segment',
    name: document.name,
    origin: isIndependentSubsegment(document) ? undefined : document.origin,
    startTime: document.start_time,
    endTime: document.end_time,
    inProgress: document.in_progress === true,
    fault: document.fault === true,
    error: document.error === true,
    throttle: document.throttle === true,
    httpStatus: typeof status === 'number' ? status : undefined,
    traceEpoch: traceIdEpochSeconds(document.trace_id) ?? 0,
    receivedAt,
    document: JSON.stringify(document),
  };
}
