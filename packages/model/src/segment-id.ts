/**
 * Segment, subsegment and exception IDs (reference §1.2): 64 bits as exactly 16 lowercase hex digits.
 */
import { randomHex } from './random-hex.ts';

const SEGMENT_ID_PATTERN = /^[0-9a-f]{16}$/;
const ZERO_ID = '0000000000000000';

/**
 * A fresh random segment ID. Never all zeros, because W3C forbids a zero parent id and these IDs
 * travel as `traceparent` parent ids too.
 */
export function generateSegmentId(): string {
  let id = randomHex(8);
  while (id === ZERO_ID) id = randomHex(8);
  return id;
}

/** True for exactly 16 lowercase hex digits; nothing is trimmed or case-folded. */
export function isValidSegmentId(value: string): boolean {
  return typeof value === 'string' && SEGMENT_ID_PATTERN.test(value);
}
