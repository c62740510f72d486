/**
 * Builds the stored form of a validated segment document: the columns the engine filters on, beside
 * the document's JSON text.
 */
import { isIndependentSubsegment, traceIdEpochSeconds } from '@roentgen/model';
import type { SegmentDocument } from '@roentgen/model';
import type { DocumentRecord } from '@roentgen/storage';

/**
 * The record for one document that already passed validation. `receivedAt` is epoch seconds.
 * The document is serialized here, once; callers must not mutate it afterwards. The flag columns
 * are the document's own (`fault` on an embedded subsegment does not raise the segment's column):
 * trace-level flags are the trace assembler's job.
 */
export function toDocumentRecord(document: SegmentDocument, receivedAt: number): DocumentRecord {
  const independent = isIndependentSubsegment(document);
  const status = document.http?.response?.status;
  return {
    traceId: document.trace_id,
    id: document.id,
    parentId: document.parent_id,
    kind: independent ? 'subsegment' : 'segment',
    name: document.name,
    origin: independent ? undefined : document.origin,
    startTime: document.start_time,
    endTime: document.end_time,
    inProgress: document.in_progress === true,
    fault: document.fault === true,
    error: document.error === true,
    throttle: document.throttle === true,
    httpStatus: typeof status === 'number' ? status : undefined,
    // Validation guarantees a well-formed trace ID; 0 only guards the type.
    traceEpoch: traceIdEpochSeconds(document.trace_id) ?? 0,
    receivedAt,
    // No parsed copy: every consumer of committed batches (the summarizer, the store) is in another
    // thread, and a copy would be stripped again before each crossing.
    document: JSON.stringify(document),
  };
}
