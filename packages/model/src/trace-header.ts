/**
 * The `X-Amzn-Trace-Id` header (reference §1.3): `Root=…;Parent=…;Sampled=…` plus opaque extra pairs.
 * Parsing follows the Node X-Ray SDK's leniency, because that is what real callers already send.
 */
import { MAX_TRACE_HEADER_EXTRA_BYTES } from './limits.ts';

/** The HTTP header X-Ray propagates trace context in. Header names are case-insensitive on the wire. */
export const TRACE_HEADER_NAME = 'X-Amzn-Trace-Id';

/**
 * One parsed trace header. Values are kept as sent (trimmed, not validated): check `root` with
 * `isValidTraceId` and `parent` with `isValidSegmentId` before trusting them.
 */
export interface TraceHeader {
  /** Trace ID. */
  root?: string;
  /** ID of the caller's segment or subsegment; becomes the receiving segment's `parent_id`. */
  parent?: string;
  /** `1` record, `0` do not, `?` the receiver decides. Any other value is dropped. */
  sampled?: '1' | '0' | '?';
  /** Loop-detection data added by AWS services; opaque. */
  lineage?: string;
  /** Every other pair, keys in their original case, at most `MAX_TRACE_HEADER_EXTRA_BYTES` in all. */
  extra: Record<string, string>;
}

const RESERVED_KEYS = new Set(['root', 'parent', 'sampled', 'lineage', 'self']);
const utf8 = new TextEncoder();

/**
 * Reads a trace header. Never throws: pairs without `=`, or with an empty key or value, are dropped;
 * keys `Root`, `Parent`, `Sampled`, `Lineage` and `Self` match in any case (`Self` is reserved and
 * dropped, as the Node SDK does); a repeated key keeps its last value; extra pairs that would take
 * the extra data past 256 UTF-8 bytes are dropped.
 */
export function parseTraceHeader(value: string): TraceHeader {
  const header: TraceHeader = { extra: {} };
  if (typeof value !== 'string') return header;
  const extra = new Map<string, string>();
  for (const field of value.split(';')) {
    const equals = field.indexOf('=');
    if (equals < 0) continue;
    const key = field.slice(0, equals).trim();
    const fieldValue = field.slice(equals + 1).trim();
    if (key === '' || fieldValue === '') continue;
    const lowerKey = key.toLowerCase();
    if (RESERVED_KEYS.has(lowerKey)) {
      assignReserved(header, lowerKey, fieldValue);
    } else {
      extra.delete(key);
      if (byteLengthOf(extra) + pairBytes(key, fieldValue) <= MAX_TRACE_HEADER_EXTRA_BYTES) {
        extra.set(key, fieldValue);
      }
    }
  }
  // fromEntries defines own properties, so a key such as `__proto__` stays plain data.
  header.extra = Object.fromEntries(extra);
  return header;
}

function assignReserved(header: TraceHeader, lowerKey: string, value: string): void {
  switch (lowerKey) {
    case 'root':
      header.root = value;
      return;
    case 'parent':
      header.parent = value;
      return;
    case 'sampled':
      if (value === '1' || value === '0' || value === '?') header.sampled = value;
      return;
    case 'lineage':
      header.lineage = value;
      return;
    default:
      // `Self` is set by load balancers for their own hop; the SDK ignores it and so do we.
      return;
  }
}

function pairBytes(key: string, value: string): number {
  return utf8.encode(key).length + utf8.encode(value).length;
}

function byteLengthOf(extra: Map<string, string>): number {
  let total = 0;
  for (const [key, value] of extra) total += pairBytes(key, value);
  return total;
}

/** Options for `formatTraceHeader`. */
export interface FormatTraceHeaderOptions {
  /**
   * Whether to write `Lineage` and the extra pairs (default true). The Node SDK writes them on AWS SDK
   * calls only, so pass false for plain HTTP calls to match it.
   */
  includeExtra?: boolean;
}

/**
 * Writes `Root=…;Parent=…;Sampled=…[;Lineage=…][;key=value…]`, leaving out absent fields. A field whose
 * key or value could break the header (`;`, a line break, or `=` in a key) is left out rather than
 * written, so a hostile extra pair cannot inject fields downstream.
 */
export function formatTraceHeader(header: TraceHeader, options: FormatTraceHeaderOptions = {}): string {
  const fields: [string, string | undefined][] = [
    ['Root', header.root],
    ['Parent', header.parent],
    ['Sampled', header.sampled],
  ];
  if (options.includeExtra ?? true) {
    fields.push(['Lineage', header.lineage]);
    for (const [key, value] of Object.entries(header.extra)) {
      if (!RESERVED_KEYS.has(key.toLowerCase())) fields.push([key, value]);
    }
  }
  const written: string[] = [];
  for (const [key, value] of fields) {
    if (value !== undefined && isSafeField(key, value)) written.push(`${key}=${value}`);
  }
  return written.join(';');
}

const UNSAFE_VALUE = /[;\r\n]/;
const UNSAFE_KEY = /[;=\r\n]/;

function isSafeField(key: string, value: string): boolean {
  return key.trim() !== '' && value.trim() !== '' && !UNSAFE_KEY.test(key) && !UNSAFE_VALUE.test(value);
}
