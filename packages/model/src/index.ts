/**
 * `@roentgen/model`: X-Ray segment documents, trace and segment IDs, the trace headers, and the one
 * validation every document passes at the edge. Pure and browser-safe: no `node:` imports.
 */
export type {
  AnnotationValue,
  Annotations,
  AwsData,
  Cause,
  CauseObject,
  EntityFields,
  ExceptionRecord,
  Http,
  HttpRequest,
  HttpResponse,
  IndependentSubsegment,
  JsonValue,
  Metadata,
  Segment,
  SegmentDocument,
  ServiceInfo,
  SpanLink,
  Sql,
  StackFrame,
  Subsegment,
} from './segment-document.ts';
export { isIndependentSubsegment } from './segment-document.ts';

export { generateTraceId, isValidTraceId, traceIdEpochSeconds } from './trace-id.ts';
export { generateSegmentId, isValidSegmentId } from './segment-id.ts';
export { TRACE_HEADER_NAME, formatTraceHeader, parseTraceHeader } from './trace-header.ts';
export type { FormatTraceHeaderOptions, TraceHeader } from './trace-header.ts';
export { formatTraceparent, parseTraceparent, w3cTraceIdToXray, xrayTraceIdToW3c } from './traceparent.ts';
export type { TraceContext } from './traceparent.ts';

export { DOCUMENT_ERROR_CODES } from './document-problem.ts';
export type { DocumentErrorCode, DocumentProblem } from './document-problem.ts';
export { validateSegmentDocument } from './validate-document.ts';
export type { DocumentValidation } from './validate-document.ts';
export { parseSegmentDocuments } from './parse-document.ts';
export type { DocumentsParse } from './parse-document.ts';
export {
  MAX_ANNOTATIONS_PER_DOCUMENT,
  MAX_DOCUMENT_BYTES,
  MAX_JSON_NESTING,
  MAX_NAME_LENGTH,
  MAX_NESTING_DEPTH,
  MAX_TRACE_HEADER_EXTRA_BYTES,
} from './limits.ts';
