/**
 * Builders of valid documents for tests, in every workspace (`@roentgen/model/testing`). Each call
 * makes fresh IDs and times just before now, so documents never collide; overrides replace fields
 * wholesale (no deep merge), so `makeSegment({ http: { response: { status: 500 } } })` is the whole `http`.
 */
import { generateSegmentId } from '../segment-id.ts';
import type { IndependentSubsegment, Segment, Subsegment } from '../segment-document.ts';
import { generateTraceId } from '../trace-id.ts';

// Millisecond precision, as the Node SDK writes times.
function recentTimes(): { start_time: number; end_time: number } {
  const endMs = Date.now();
  return { start_time: (endMs - 50) / 1000, end_time: endMs / 1000 };
}

/**
 * A complete segment named `test-service` that ended just now and lasted 50 ms, in a fresh trace
 * whose ID carries the current time.
 */
export function makeSegment(overrides: Partial<Segment> = {}): Segment {
  return {
    name: 'test-service',
    id: generateSegmentId(),
    trace_id: generateTraceId(),
    ...recentTimes(),
    ...overrides,
  };
}

/** An embedded subsegment named `test-subsegment` (no `trace_id`, `parent_id` or `type`), 50 ms, ended now. */
export function makeSubsegment(overrides: Partial<Subsegment> = {}): Subsegment {
  return {
    name: 'test-subsegment',
    id: generateSegmentId(),
    ...recentTimes(),
    ...overrides,
  };
}

/**
 * A subsegment sent on its own (`type: "subsegment"`) with a fresh `trace_id` and `parent_id`; pass
 * both to attach it to an existing segment.
 */
export function makeIndependentSubsegment(overrides: Partial<IndependentSubsegment> = {}): IndependentSubsegment {
  return {
    name: 'test-subsegment',
    id: generateSegmentId(),
    ...recentTimes(),
    type: 'subsegment',
    trace_id: generateTraceId(),
    parent_id: generateSegmentId(),
    ...overrides,
  };
}
