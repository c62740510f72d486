/**
 * Why a segment document was refused. The codes go back to senders as `ErrorCode` in
 * `PutTraceSegments`' `UnprocessedTraceSegments` (reference §4.5.1), so they are a stable catalog.
 */

/**
 * Stable reason codes. `InvalidTraceId` is X-Ray's own; the others follow the reference's suggestions
 * and name the one check that failed.
 */
export type DocumentErrorCode =
  | 'JSONFormatError'
  | 'MissingParam'
  | 'InvalidParam'
  | 'InvalidTraceId'
  | 'InvalidSegmentId'
  | 'DocumentTooLarge'
  | 'TooDeep'
  | 'TooManyAnnotations'
  | 'InvalidUtf8';

/** Every `DocumentErrorCode`, for catalogs and exhaustive tests. */
export const DOCUMENT_ERROR_CODES: readonly DocumentErrorCode[] = [
  'JSONFormatError',
  'MissingParam',
  'InvalidParam',
  'InvalidTraceId',
  'InvalidSegmentId',
  'DocumentTooLarge',
  'TooDeep',
  'TooManyAnnotations',
  'InvalidUtf8',
];

/** The first thing found wrong with a document; validation stops there. */
export interface DocumentProblem {
  code: DocumentErrorCode;
  /**
   * Where, as a readable access path: `subsegments[2].end_time`, `annotations["a b"]`, `[0].id` for
   * the first element of an array document; `''` for the document as a whole.
   */
  path: string;
  /** A sentence for the sender saying what was wrong and where; may quote (shortened) input. */
  message: string;
  /** The document's own `id`, when it is a string that could be read. */
  id?: string;
}

const QUOTE_LIMIT = 40;

/**
 * Describes an untrusted value for a message, e.g. `string "abc"`, `number 5`, `object`. Long
 * strings are cut so a message never echoes a whole hostile payload.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value;
      return `string ${JSON.stringify(shown)}`;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'undefined':
      return 'nothing';
    case 'object':
    case 'function':
    case 'symbol':
      break;
  }
  return typeof value;
}
