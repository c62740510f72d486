/**
 * Trace and segment IDs from a pool of random bytes. One `randomFillSync` of 4 KiB serves 512
 * segment IDs, which keeps ID generation off the per-request cost sheet (a `randomBytes(8)` call per
 * ID costs far more). The bytes come from the OS CSPRNG; refilling is CPU work, not I/O.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

function randomHex(bytes: number): string {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** A new 16-hex-digit segment, subsegment or exception ID; never all zeros (W3C forbids a zero span id). */
export function newSegmentId(): string {
  const id = randomHex(8);
  return id === '0000000000000000' ? newSegmentId() : id;
}

/** A new X-Ray trace ID `1-<8 hex epoch seconds>-<24 hex random>`; `nowMs` is epoch milliseconds. */
export function newTraceId(nowMs: number): string {
  return `1-${Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0')}-${randomHex(12)}`;
}

/** A new 24-hex-character sampling client ID, generated once per tracer. */
export function newClientId(): string {
  return randomHex(12);
}
