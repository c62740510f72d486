import type { SegmentDocument } from '@roentgen/model';

/**
 * One stored document: the columns the engine filters on, beside the document's JSON text.
 * The collector builds it once, at the edge, from a validated document; the store never parses JSON.
 */
export interface DocumentRecord {
  readonly traceId: string;
  /** The document's own `id` (segment or independent subsegment). */
  readonly id: string;
  readonly parentId: string | undefined;
  readonly kind: 'segment' | 'subsegment';
  readonly name: string;
  /** `origin` of a segment; `undefined` for subsegments and SDK segments without one. */
  readonly origin: string | undefined;
  /** Epoch seconds. */
  readonly startTime: number;
  /** Epoch seconds; `undefined` while in progress. */
  readonly endTime: number | undefined;
  readonly inProgress: boolean;
  readonly fault: boolean;
  readonly error: boolean;
  readonly throttle: boolean;
  readonly httpStatus: number | undefined;
  /** The whole seconds encoded in the trace ID (X-Ray's `TimeRangeType: TraceId`). */
  readonly traceEpoch: number;
  /** When Roentgen accepted the document, epoch seconds; orders replacements. */
  readonly receivedAt: number;
  /** The document as accepted, JSON text. */
  readonly document: string;
  /**
   * The parsed document, when a producer in the same thread as its consumer has it: an in-thread trace
   * assembler reads it instead of parsing `document` again. Stores ignore it and never return it; it
   * never crosses to another thread (`withoutParsedCopy`). Treat it as read-only.
   */
  readonly parsed?: SegmentDocument;
}

/** `record` without its parsed copy: what is stored, and what crosses to another thread. */
export function withoutParsedCopy(record: DocumentRecord): DocumentRecord {
  if (record.parsed === undefined) return record;
  const { parsed: _parsed, ...rest } = record;
  return rest;
}
