/**
 * The W3C `traceparent` header and its mapping to X-Ray IDs (reference §1.4): the 32-hex W3C trace id
 * is the X-Ray trace ID without `1-` and the second `-`; span ids and segment IDs are the same 16 hex.
 */
import { isValidSegmentId } from './segment-id.ts';
import { isValidTraceId } from './trace-id.ts';

/** Trace context carried by `traceparent`, with the trace ID already in X-Ray form. */
export interface TraceContext {
  /** X-Ray form: `1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy`. */
  traceId: string;
  /** The caller's span id, 16 lowercase hex; an X-Ray segment or subsegment ID. */
  parentId: string;
  /** W3C flags bit 0. */
  sampled: boolean;
}

// Version 00 exactly: later versions may append fields, and we do not guess at their meaning.
const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const W3C_TRACE_ID_PATTERN = /^[0-9a-f]{32}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/**
 * Reads a version-00 `traceparent`. Surrounding whitespace is trimmed; anything else off the W3C
 * grammar (upper-case hex, all-zero ids, other versions, extra fields) gives `undefined`. Never throws.
 */
export function parseTraceparent(value: string): TraceContext | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TRACEPARENT_PATTERN.exec(value.trim());
  if (match === null) return undefined;
  const [, w3cTraceId = '', parentId = '', flags = ''] = match;
  if (w3cTraceId === ZERO_TRACE_ID || parentId === ZERO_SPAN_ID) return undefined;
  const traceId = w3cTraceIdToXray(w3cTraceId);
  if (traceId === undefined) return undefined;
  return { traceId, parentId, sampled: (Number.parseInt(flags, 16) & 1) === 1 };
}

/**
 * Writes `00-<trace>-<parent>-<01|00>`. Throws a `RangeError` when `traceId` is not a valid X-Ray
 * trace ID or `parentId` not a valid non-zero segment ID: a malformed header would be dropped by
 * every receiver, so that is a programming error, not data.
 */
export function formatTraceparent(context: TraceContext): string {
  const w3cTraceId = xrayTraceIdToW3c(context.traceId);
  if (w3cTraceId === undefined) {
    throw new RangeError(`traceparent needs an X-Ray trace ID with a non-zero value, got "${context.traceId}"`);
  }
  if (!isValidSegmentId(context.parentId) || context.parentId === ZERO_SPAN_ID) {
    throw new RangeError(`traceparent needs a non-zero 16-hex parent id, got "${context.parentId}"`);
  }
  return `00-${w3cTraceId}-${context.parentId}-${context.sampled ? '01' : '00'}`;
}

/**
 * A W3C / OpenTelemetry 32-hex trace id in X-Ray form. Upper-case hex is accepted and lowered (OTLP
 * senders differ); an all-zero or malformed id gives `undefined`. The X-Ray time part of the result
 * is whatever the first 8 hex digits happen to be.
 */
export function w3cTraceIdToXray(hex32: string): string | undefined {
  if (typeof hex32 !== 'string') return undefined;
  const lower = hex32.toLowerCase();
  if (!W3C_TRACE_ID_PATTERN.test(lower) || lower === ZERO_TRACE_ID) return undefined;
  return `1-${lower.slice(0, 8)}-${lower.slice(8)}`;
}

/** An X-Ray trace ID as a 32-hex W3C trace id; `undefined` when invalid or all zeros (W3C forbids it). */
export function xrayTraceIdToW3c(traceId: string): string | undefined {
  if (!isValidTraceId(traceId)) return undefined;
  const hex = traceId.slice(2, 10) + traceId.slice(11);
  return hex === ZERO_TRACE_ID ? undefined : hex;
}
