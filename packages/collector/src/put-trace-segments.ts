/**
 * X-Ray's `PutTraceSegments` (reference §4.5.1): each string of `TraceSegmentDocuments` is parsed on
 * its own, so one bad document never costs its neighbours. Bad ones come back in
 * `UnprocessedTraceSegments`; good ones are answered only once the store has committed them.
 */
import { parseSegmentDocuments } from '@roentgen/model';
import type { DocumentRecord } from '@roentgen/storage';
import { toDocumentRecord } from './document-record.ts';
import type { IngestPipeline } from './ingest-pipeline.ts';

/** One entry of `UnprocessedTraceSegments`, X-Ray's shape. */
export interface UnprocessedTraceSegment {
  /** The document's `id` when it could be read. */
  Id?: string;
  /** A model problem code, `ThrottledException` (buffer full) or `InternalFailure` (store failed). */
  ErrorCode: string;
  Message: string;
}

/** The `PutTraceSegments` output: `[]` when every document was committed. */
export interface PutTraceSegmentsResult {
  UnprocessedTraceSegments: UnprocessedTraceSegment[];
}

/**
 * The request itself is malformed (not the documents in it). The API layer answers it as
 * `InvalidRequestException`, HTTP 400, with this `message`.
 */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
}

/**
 * Handles one parsed request body (`JSON.parse` of the HTTP body). `now` is the receipt time in epoch
 * seconds, stamped on every record. Throws `RequestValidationError` for a body without a
 * `TraceSegmentDocuments` array of strings; otherwise resolves, never rejects.
 */
export async function handlePutTraceSegments(
  body: unknown,
  pipeline: IngestPipeline,
  now: number = Date.now() / 1000,
): Promise<PutTraceSegmentsResult> {
  const documents = readDocuments(body);
  const unprocessed: UnprocessedTraceSegment[] = [];
  const records: DocumentRecord[] = [];
  for (const text of documents) {
    const parsed = parseSegmentDocuments(text);
    if (!parsed.ok) {
      pipeline.countRejection('xray-api', parsed.problem.code);
      unprocessed.push(withId(parsed.problem.id, parsed.problem.code, parsed.problem.message));
      continue;
    }
    for (const document of parsed.documents) records.push(toDocumentRecord(document, now));
  }
  if (records.length === 0) return { UnprocessedTraceSegments: unprocessed };

  const { accepted, durable } = pipeline.submit(records, 'xray-api');
  for (const record of records.slice(accepted)) {
    unprocessed.push(
      withId(record.id, 'ThrottledException', 'the ingest buffer is full; send the document again shortly'),
    );
  }
  try {
    await durable;
  } catch {
    // The store lost the batch: none of this call's accepted documents is known to be kept.
    for (const record of records.slice(0, accepted)) {
      unprocessed.push(withId(record.id, 'InternalFailure', 'the store could not commit the document; send it again'));
    }
  }
  return { UnprocessedTraceSegments: unprocessed };
}

function readDocuments(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestValidationError('the request body must be a JSON object with TraceSegmentDocuments');
  }
  const documents = (body as { TraceSegmentDocuments?: unknown }).TraceSegmentDocuments;
  if (documents === undefined) {
    throw new RequestValidationError('TraceSegmentDocuments is missing; it must be an array of JSON strings');
  }
  if (!Array.isArray(documents)) {
    throw new RequestValidationError('TraceSegmentDocuments must be an array of JSON strings');
  }
  const index = documents.findIndex((document) => typeof document !== 'string');
  if (index >= 0) {
    throw new RequestValidationError(
      `TraceSegmentDocuments[${index}] must be a string holding a segment document, got ${describe(documents[index])}`,
    );
  }
  return documents as string[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function withId(id: string | undefined, ErrorCode: string, Message: string): UnprocessedTraceSegment {
  return id === undefined ? { ErrorCode, Message } : { Id: id, ErrorCode, Message };
}
