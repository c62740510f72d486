/**
 * X-Ray trace IDs (reference §1.1): `1-` + 8 hex digits of whole epoch seconds + `-` + 24 random hex
 * digits, 35 characters in all, lowercase.
 */
import { randomHex } from './random-hex.ts';

const TRACE_ID_PATTERN = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

/**
 * A fresh trace ID whose time part is `nowSeconds` (epoch seconds, fraction dropped; defaults to the
 * clock). Times outside 32 bits wrap, as the 8-hex field cannot hold them; a non-finite time falls
 * back to the clock. The random part is 96 bits from `crypto.getRandomValues`.
 */
export function generateTraceId(nowSeconds: number = Date.now() / 1000): string {
  const seconds = Number.isFinite(nowSeconds) ? Math.floor(nowSeconds) : Math.floor(Date.now() / 1000);
  // `>>> 0` keeps the low 32 bits as an unsigned number, which is what the 8 hex digits can carry.
  const epochHex = (seconds >>> 0).toString(16).padStart(8, '0');
  return `1-${epochHex}-${randomHex(12)}`;
}

/** True for exactly `1-` + 8 lowercase hex + `-` + 24 lowercase hex; nothing is trimmed or case-folded. */
export function isValidTraceId(value: string): boolean {
  return typeof value === 'string' && TRACE_ID_PATTERN.test(value);
}

/**
 * The whole epoch seconds encoded in a trace ID, which X-Ray uses for `TimeRangeType: TraceId`;
 * `undefined` for an invalid ID. IDs converted from W3C carry a random value here, not a real time.
 */
export function traceIdEpochSeconds(traceId: string): number | undefined {
  if (!isValidTraceId(traceId)) return undefined;
  return Number.parseInt(traceId.slice(2, 10), 16);
}
