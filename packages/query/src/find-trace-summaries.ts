/**
 * GetTraceSummaries over the store (reference §4.5.2, §4.6): the filter expression is pushed down as
 * a `SummaryPredicate` superset, each candidate is checked exactly with `evaluateFilter` (skipped
 * when the pushdown is exact), and pages are cut by result count or by a scan budget, newest first.
 */
import type { FilterExpression, GroupFacts, TraceFacts } from '@roentgen/filter';
import { FilterExpressionError, evaluateFilter, parseFilterExpression } from '@roentgen/filter';
import type { SummaryCursor, SummaryPredicate, TimeRangeType, TraceStore, TraceSummaryRecord } from '@roentgen/storage';
import { cursorAfter, summaryOrderTime } from '@roentgen/storage';
import { and, pushdownFilter } from './filter-pushdown.ts';
import { QueryInputError } from './query-input-error.ts';
import type { TraceSummary } from './trace-summary-shapes.ts';
import type { SamplingStrategy } from './trace-sampling.ts';
import { isSampled } from './trace-sampling.ts';

export interface TraceSummariesRequest {
  /** `[startTime, endTime)`, epoch seconds. */
  readonly startTime: number;
  readonly endTime: number;
  readonly timeRangeType: TimeRangeType;
  readonly filterExpression?: string;
  readonly sampling?: SamplingStrategy;
  /** Every group, for `group.name`/`group.arn` terms (the `Default` group included). */
  readonly groups: readonly GroupFacts[];
  /** Results are restricted to traces that meet this group's expression. */
  readonly group?: GroupFacts;
  /** Where the previous page stopped. */
  readonly cursor?: SummaryCursor;
}

export interface TraceSummariesPage {
  readonly summaries: TraceSummary[];
  /** Traces in the window the store examined for this page, matching or not. */
  readonly tracesProcessedCount: number;
  /** The oldest order time this page reached, epoch seconds (the window start when it is exhausted). */
  readonly approximateTime: number;
  readonly nextCursor?: SummaryCursor;
}

export interface FindOptions {
  /** Most summaries per page. Default 100. */
  readonly pageSize?: number;
  /** A page stops once the store has examined this many traces, so rare matches cost bounded time. Default 5,000. */
  readonly scanBudget?: number;
  /** Candidates fetched per store call. Default 500. */
  readonly storeBatch?: number;
  /** Longest `endTime − startTime` accepted, seconds. Default 24 hours. */
  readonly maxWindowSeconds?: number;
}

export const DEFAULT_MAX_WINDOW_SECONDS = 24 * 60 * 60;

/** Parses a filter expression; syntax and check errors become a `QueryInputError` with the caret text. */
export function parseFilterOrThrow(text: string): FilterExpression {
  try {
    return parseFilterExpression(text);
  } catch (error) {
    if (error instanceof FilterExpressionError) throw new QueryInputError('invalid', error.format());
    throw error;
  }
}

/** One page of GetTraceSummaries; see the module comment. Throws `QueryInputError` for bad input. */
export async function findTraceSummaries(
  store: TraceStore,
  request: TraceSummariesRequest,
  options: FindOptions = {},
): Promise<TraceSummariesPage> {
  const pageSize = options.pageSize ?? 100;
  const scanBudget = options.scanBudget ?? 5_000;
  checkWindow(request, options.maxWindowSeconds ?? DEFAULT_MAX_WINDOW_SECONDS);
  const expressions = [request.filterExpression, request.group?.filterExpression]
    .filter((text): text is string => text !== undefined && text.trim() !== '')
    .map(parseFilterOrThrow);
  const pushdowns = expressions.map((e) => pushdownFilter(e, request.groups));
  const predicate: SummaryPredicate = and(pushdowns.map((p) => p.predicate));
  const exact = pushdowns.every((p) => p.exact);
  const { sampling, timeRangeType: type } = request;

  const summaries: TraceSummary[] = [];
  let processed = 0;
  let cursor = request.cursor;
  let approximateTime = request.startTime;
  for (;;) {
    const limit = exact && sampling === undefined ? pageSize - summaries.length : (options.storeBatch ?? 500);
    const page = await store.queryTraceSummaries({
      timeRangeType: type,
      from: request.startTime,
      to: request.endTime,
      predicate,
      limit,
      withoutFacts: exact,
      ...(cursor ? { cursor } : {}),
    });
    processed += page.scanned;
    for (const [index, record] of page.records.entries()) {
      if (sampling?.name === 'PartialScan' && !isSampled(record.traceId, sampling)) continue;
      if (!exact && !meetsAll(expressions, record, request.groups)) continue;
      if (sampling?.name === 'FixedRate' && !isSampled(record.traceId, sampling)) continue;
      summaries.push(toSummary(record, request));
      const more = index < page.records.length - 1 || page.nextCursor !== undefined;
      if (summaries.length >= pageSize && more) {
        return finish(summaries, processed, summaryOrderTime(record, type), cursorAfter(record, type));
      }
    }
    const last = page.records[page.records.length - 1];
    if (last) approximateTime = summaryOrderTime(last, type);
    if (page.nextCursor === undefined) return finish(summaries, processed, request.startTime, undefined);
    cursor = page.nextCursor;
    if (processed >= scanBudget) return finish(summaries, processed, approximateTime, cursor);
  }
}

function finish(
  summaries: TraceSummary[],
  tracesProcessedCount: number,
  approximateTime: number,
  nextCursor: SummaryCursor | undefined,
): TraceSummariesPage {
  return { summaries, tracesProcessedCount, approximateTime, ...(nextCursor ? { nextCursor } : {}) };
}

function checkWindow(request: TraceSummariesRequest, maxWindowSeconds: number): void {
  const { startTime, endTime } = request;
  if (!(endTime > startTime)) {
    throw new QueryInputError('invalid', `EndTime (${endTime}) must be later than StartTime (${startTime}).`);
  }
  if (endTime - startTime > maxWindowSeconds) {
    const hours = (s: number): string => `${Math.round((s / 3600) * 100) / 100} hours`;
    throw new QueryInputError(
      'invalid',
      `The time range from StartTime to EndTime is ${hours(endTime - startTime)}; GetTraceSummaries searches at most ${hours(maxWindowSeconds)} at once. Split the search into smaller windows.`,
    );
  }
}

function meetsAll(
  expressions: readonly FilterExpression[],
  record: TraceSummaryRecord,
  groups: readonly GroupFacts[],
): boolean {
  if (expressions.length === 0) return true;
  const facts: TraceFacts = { ...(JSON.parse(record.facts) as TraceFacts), groups };
  return expressions.every((expression) => evaluateFilter(expression, facts));
}

/**
 * The stored summary with `MatchedEventTime`: for `Event`, the trace's last moment inside the window;
 * for `Service`, its last segment end; for `TraceId`, the time in its ID.
 */
function toSummary(record: TraceSummaryRecord, request: TraceSummariesRequest): TraceSummary {
  const summary = JSON.parse(record.summary) as TraceSummary;
  const matched =
    request.timeRangeType === 'TraceId'
      ? record.traceEpoch
      : request.timeRangeType === 'Service'
        ? record.endTime
        : Math.max(request.startTime, Math.min(record.endTime, request.endTime));
  return { ...summary, MatchedEventTime: matched };
}
