/**
 * Which summaries a `SummaryQuery` window selects and in what order, shared by every store so that
 * pages and cursors mean the same thing everywhere.
 */
import type { SummaryCursor, TimeRangeType, TraceSummaryRecord } from './trace-summary-record.ts';
import { compareCodePoints } from './summary-predicate.ts';

/**
 * The time a summary is ordered by for a `TimeRangeType`, epoch seconds: `traceEpoch` for `TraceId`,
 * `endTime` for `Event` and `Service`.
 */
export function summaryOrderTime(record: TraceSummaryRecord, type: TimeRangeType): number {
  return type === 'TraceId' ? record.traceEpoch : record.endTime;
}

/**
 * Whether a summary falls in the half-open window `[from, to)`: `TraceId` tests `traceEpoch`,
 * `Service` tests `endTime`, `Event` tests whether `[startTime, endTime]` overlaps the window
 * (`startTime < to` and `endTime >= from`).
 */
export function isInSummaryWindow(record: TraceSummaryRecord, type: TimeRangeType, from: number, to: number): boolean {
  switch (type) {
    case 'TraceId':
      return record.traceEpoch >= from && record.traceEpoch < to;
    case 'Service':
      return record.endTime >= from && record.endTime < to;
    case 'Event':
      return record.startTime < to && record.endTime >= from;
  }
}

/**
 * Orders summaries newest first by `summaryOrderTime`, then by trace ID descending (code point order);
 * negative when `a` comes first.
 */
export function compareSummaryOrder(a: TraceSummaryRecord, b: TraceSummaryRecord, type: TimeRangeType): number {
  const ta = summaryOrderTime(a, type);
  const tb = summaryOrderTime(b, type);
  if (ta !== tb) return tb - ta;
  return compareCodePoints(b.traceId, a.traceId);
}

/** Whether a summary comes strictly after the cursor in the order of `compareSummaryOrder`. */
export function isAfterCursor(record: TraceSummaryRecord, type: TimeRangeType, cursor: SummaryCursor): boolean {
  const time = summaryOrderTime(record, type);
  if (time !== cursor.time) return time < cursor.time;
  return compareCodePoints(record.traceId, cursor.traceId) < 0;
}

/** The cursor that continues after `record`. */
export function cursorAfter(record: TraceSummaryRecord, type: TimeRangeType): SummaryCursor {
  return { time: summaryOrderTime(record, type), traceId: record.traceId };
}

/** Throws a `RangeError` unless a page `limit` is a positive safe integer. */
export function checkSummaryLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
}
