/**
 * OTLP/HTTP trace requests, JSON or protobuf, into one internal shape. Protobuf is decoded with the
 * reflection schema and turned into the JSON mapping's shape (`toObject`), so one reader serves both.
 * A request whose structure cannot be read fails whole (HTTP 400); a span whose own fields are wrong
 * carries a `problem` and is rejected alone (partial success).
 */
import { ExportTraceServiceRequest } from './otlp-proto-schema.ts';

/** An attribute value as plain JSON: int64 beyond 2^53 stays a decimal string, bytes become base64. */
export type OtlpValue = string | number | boolean | null | OtlpValue[] | { [key: string]: OtlpValue };

/** Attributes in the order sent; a key may repeat (the last one wins where it matters). */
export type OtlpAttributes = readonly { readonly key: string; readonly value: OtlpValue }[];

export interface OtlpEvent {
  readonly name: string;
  readonly attributes: OtlpAttributes;
}

export interface OtlpSpan {
  /** 32 lowercase hex, or `''` when absent or unreadable. */
  readonly traceId: string;
  /** 16 lowercase hex, or `''`. */
  readonly spanId: string;
  /** 16 lowercase hex, or `''` for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP `SpanKind`: 1 internal, 2 server, 3 client, 4 producer, 5 consumer; 0 unspecified. */
  readonly kind: number;
  /** OTLP `SpanFlags`: bits 8 and 9 say whether the parent is known to be remote. */
  readonly flags: number;
  /** Nanoseconds since the epoch. */
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly attributes: OtlpAttributes;
  readonly events: readonly OtlpEvent[];
  /** 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly scopeName: string;
  readonly scopeVersion: string;
  /** Why the span cannot be mapped, when one of its own fields is malformed. */
  readonly problem?: { readonly code: string; readonly message: string };
}

export interface OtlpResourceSpans {
  readonly resource: OtlpAttributes;
  readonly spans: readonly OtlpSpan[];
}

/** The decoded request, or why it could not be read at all. */
export type OtlpDecode =
  { readonly ok: true; readonly resources: OtlpResourceSpans[] } | { readonly ok: false; readonly message: string };

/** Raised inside the reader for a structure that makes the whole request unreadable. */
class Unreadable extends Error {}
/** Raised inside the reader for a malformed field of one span. */
class SpanProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type IdEncoding = 'hex-or-base64' | 'base64';
type Json = Record<string, unknown>;

const MAX_VALUE_DEPTH = 16;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an OTLP/JSON body. Never throws. */
export function decodeOtlpJson(body: Uint8Array): OtlpDecode {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch (error) {
    return { ok: false, message: `the body is not UTF-8 JSON: ${error instanceof Error ? error.message : 'unknown'}` };
  }
  return readRequest(value, 'hex-or-base64');
}

/** Decodes an OTLP/protobuf body. Never throws. */
export function decodeOtlpProtobuf(body: Uint8Array): OtlpDecode {
  let value: unknown;
  try {
    const message = ExportTraceServiceRequest.decode(body);
    value = ExportTraceServiceRequest.toObject(message, { longs: String, bytes: String, defaults: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown';
    return { ok: false, message: `the body is not an ExportTraceServiceRequest: ${reason}` };
  }
  return readRequest(value, 'base64');
}

function readRequest(value: unknown, ids: IdEncoding): OtlpDecode {
  try {
    const request = object(value, 'the request');
    const resources = list(request.resourceSpans, 'resourceSpans').map((item, i) => {
      const resourceSpans = object(item, `resourceSpans[${i}]`);
      const resource = optionalObject(resourceSpans.resource, `resourceSpans[${i}].resource`);
      const spans: OtlpSpan[] = [];
      list(resourceSpans.scopeSpans, `resourceSpans[${i}].scopeSpans`).forEach((scopeItem, j) => {
        const scopeSpans = object(scopeItem, `resourceSpans[${i}].scopeSpans[${j}]`);
        const scope = optionalObject(scopeSpans.scope, `resourceSpans[${i}].scopeSpans[${j}].scope`);
        const where = `resourceSpans[${i}].scopeSpans[${j}].spans`;
        for (const spanItem of list(scopeSpans.spans, where)) spans.push(readSpan(spanItem, scope, ids));
      });
      return { resource: safeAttributes(resource.attributes), spans };
    });
    return { ok: true, resources };
  } catch (error) {
    if (error instanceof Unreadable) return { ok: false, message: error.message };
    return {
      ok: false,
      message: `the request could not be read: ${error instanceof Error ? error.message : 'unknown'}`,
    };
  }
}

function readSpan(item: unknown, scope: Json, ids: IdEncoding): OtlpSpan {
  const span = isObject(item) ? item : {};
  const base = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    name: '',
    kind: 0,
    flags: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: [],
    events: [],
    statusCode: 0,
    statusMessage: '',
    scopeName: typeof scope.name === 'string' ? scope.name : '',
    scopeVersion: typeof scope.version === 'string' ? scope.version : '',
  };
  try {
    if (!isObject(item)) throw new SpanProblem('InvalidParam', 'a span must be a JSON object');
    const status = optionalObject(span.status, 'status');
    return {
      ...base,
      traceId: id(span.traceId, 16, ids, 'traceId', 'InvalidTraceId'),
      spanId: id(span.spanId, 8, ids, 'spanId', 'InvalidSegmentId'),
      parentSpanId:
        span.parentSpanId === undefined ? '' : id(span.parentSpanId, 8, ids, 'parentSpanId', 'InvalidSegmentId'),
      name: text(span.name, 'name'),
      kind: integer(span.kind, 'kind'),
      flags: integer(span.flags, 'flags'),
      startTimeUnixNano: nanos(span.startTimeUnixNano, 'startTimeUnixNano'),
      endTimeUnixNano: nanos(span.endTimeUnixNano, 'endTimeUnixNano'),
      attributes: attributes(span.attributes, 'attributes'),
      events: list(span.events, 'events').map((event, i) => {
        const fields = object(event, `events[${i}]`);
        return {
          name: text(fields.name, `events[${i}].name`),
          attributes: attributes(fields.attributes, `events[${i}]`),
        };
      }),
      statusCode: integer(status.code, 'status.code'),
      statusMessage: text(status.message, 'status.message'),
    };
  } catch (error) {
    const problem =
      error instanceof SpanProblem
        ? { code: error.code, message: error.message }
        : { code: 'InvalidParam', message: error instanceof Error ? error.message : 'unreadable span' };
    return { ...base, problem };
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, where: string): Json {
  if (!isObject(value)) throw new Unreadable(`${where} must be a JSON object`);
  return value;
}

function optionalObject(value: unknown, where: string): Json {
  return value === undefined || value === null ? {} : object(value, where);
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Unreadable(`${where} must be an array`);
  return value;
}

function text(value: unknown, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new SpanProblem('InvalidParam', `${where} must be a string`);
  return value;
}

function integer(value: unknown, where: string): number {
  if (value === undefined || value === null) return 0;
  const number = typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value;
  if (!Number.isSafeInteger(number)) throw new SpanProblem('InvalidParam', `${where} must be an integer`);
  return number as number;
}

/** `fixed64` nanoseconds: a decimal string (the JSON mapping's int64) or a JSON number. */
function nanos(value: unknown, where: string): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  // Numbers past 2^53 lost their last digits in JSON.parse already; microsecond precision survives.
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return BigInt(Math.round(value));
  throw new SpanProblem('InvalidParam', `${where} must be nanoseconds as a decimal string or a number`);
}

const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * An ID of `bytes` bytes as lowercase hex. OTLP/JSON says base64, but the JS exporter (and others)
 * send hex: a string of exactly twice `bytes` hex digits is read as hex, anything else as base64.
 */
function id(value: unknown, bytes: number, ids: IdEncoding, where: string, code: string): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value !== 'string') throw new SpanProblem(code, `${where} must be a string`);
  if (ids === 'hex-or-base64' && value.length === bytes * 2 && HEX.test(value)) return value.toLowerCase();
  const decoded = BASE64.test(value) ? Buffer.from(value, 'base64') : undefined;
  if (decoded?.length !== bytes) {
    throw new SpanProblem(code, `${where} must be ${bytes} bytes (${bytes * 2} hex digits or base64)`);
  }
  return decoded.toString('hex');
}

function attributes(value: unknown, where: string): OtlpAttributes {
  return list(value, where).flatMap((item) => {
    if (!isObject(item) || typeof item.key !== 'string') {
      throw new SpanProblem('InvalidParam', `${where} must hold {key, value} objects`);
    }
    return [{ key: item.key, value: anyValue(item.value, 0) }];
  });
}

/** Resource attributes never fail the request: a malformed one is left out. */
function safeAttributes(value: unknown): OtlpAttributes {
  try {
    return attributes(value, 'resource.attributes');
  } catch {
    return [];
  }
}

/** An `AnyValue` as plain JSON. */
function anyValue(value: unknown, depth: number): OtlpValue {
  if (!isObject(value)) return null;
  if (depth > MAX_VALUE_DEPTH) throw new SpanProblem('TooDeep', `attribute values nest deeper than ${MAX_VALUE_DEPTH}`);
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (value.intValue !== undefined) return int64(value.intValue);
  if (value.doubleValue !== undefined) return double(value.doubleValue);
  if (typeof value.bytesValue === 'string') return value.bytesValue;
  if (isObject(value.arrayValue)) {
    return list(value.arrayValue.values, 'arrayValue.values').map((item) => anyValue(item, depth + 1));
  }
  if (isObject(value.kvlistValue)) {
    // A null prototype keeps a sender's `__proto__` key a plain key.
    const entries = Object.create(null) as Record<string, OtlpValue>;
    for (const item of list(value.kvlistValue.values, 'kvlistValue.values')) {
      if (isObject(item) && typeof item.key === 'string') entries[item.key] = anyValue(item.value, depth + 1);
    }
    return entries;
  }
  return null;
}

function int64(value: unknown): OtlpValue {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
  }
  throw new SpanProblem('InvalidParam', 'intValue must be an integer or a decimal string');
}

function double(value: unknown): OtlpValue {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || (Number.isNaN(number) && value !== 'NaN')) {
    throw new SpanProblem('InvalidParam', 'doubleValue must be a number');
  }
  // JSON cannot carry NaN or ±Infinity; keep them readable as text.
  return Number.isFinite(number) ? number : String(number);
}
