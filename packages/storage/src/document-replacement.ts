/**
 * Which stored version of a document is current, shared by every store (X-Ray replaces a document
 * with the same trace ID and `id`; a complete document replaces its in-progress version).
 */
import type { DocumentRecord } from './document-record.ts';
import { compareCodePoints } from './summary-predicate.ts';

/**
 * Whether `candidate` replaces `current` (both with the same `traceId` and `id`): a complete document
 * beats an in-progress one whatever their `receivedAt`; otherwise the later `receivedAt` wins, and on
 * equal `receivedAt` the one appended later (`candidate`, by the caller's convention) wins.
 */
export function replacesDocument(candidate: DocumentRecord, current: DocumentRecord): boolean {
  if (candidate.inProgress !== current.inProgress) return current.inProgress;
  return candidate.receivedAt >= current.receivedAt;
}

/** The order documents of one trace are returned in: by `startTime`, then by `id` (code point order). */
export function compareDocumentOrder(a: DocumentRecord, b: DocumentRecord): number {
  if (a.startTime !== b.startTime) return a.startTime - b.startTime;
  return compareCodePoints(a.id, b.id);
}

/**
 * Whether a document's `[startTime, endTime]` touches the half-open window `[from, to)`; an
 * in-progress document spans only its start.
 */
export function documentTouchesWindow(record: DocumentRecord, from: number, to: number): boolean {
  return record.startTime < to && (record.endTime ?? record.startTime) >= from;
}
