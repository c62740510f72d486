/**
 * The one statement that answers `queryTraceSummaries`: the window of the `TimeRangeType`, the
 * cursor, the pushed-down predicate, the page in order, and both `scanned` figures.
 */
import { BIGINT } from '@duckdb/node-api';
import type { SummaryQuery, TimeRangeType } from '@roentgen/storage';
import type { SqlStatement } from './sql-params.ts';
import { SqlParams } from './sql-params.ts';
import { summaryPredicateSql } from './summary-predicate-sql.ts';

const ORDER_TIME: Readonly<Record<TimeRangeType, string>> = {
  TraceId: 'trace_epoch',
  Event: 'end_time',
  Service: 'end_time',
};

/**
 * The statement and its parameters. Rows: the page (at most `limit + 1`, to tell whether another page
 * exists), each carrying `scanned_all` (latest revisions in the window past the cursor) and
 * `scanned_to_bound` (those up to the `limit`-th match); a single row of NULL page columns when no
 * record matches.
 */
export function summaryQuerySql(query: SummaryQuery): SqlStatement {
  const params = new SqlParams();
  const time = ORDER_TIME[query.timeRangeType];
  const from = params.add(query.from);
  const to = params.add(query.to);
  // Replaced revisions were deleted on append (summary-supersede-sql.ts): every row is a latest one.
  let scope = windowCondition(query.timeRangeType, from, to);
  if (query.cursor) {
    const t = params.add(query.cursor.time);
    scope += ` AND (${time} < ${t} OR (${time} = ${t} AND trace_id < ${params.add(query.cursor.traceId)}))`;
  }
  const predicate = summaryPredicateSql(query.predicate, params, windowCondition(query.timeRangeType, from, to, 'a.'));
  const limitPlusOne = params.add(query.limit + 1, BIGINT);
  const boundOffset = params.add(query.limit - 1, BIGINT);
  // The page is chosen on narrow columns first; the wide ones (JSON texts) are read for its rows only.
  const sql = `
    WITH page_keys AS (
      SELECT seq AS page_seq, ${time} AS order_time, trace_id AS page_id FROM trace_summaries s
      WHERE ${scope} AND ${predicate}
      ORDER BY order_time DESC, page_id DESC LIMIT ${limitPlusOne}
    ),
    bound AS (
      SELECT order_time AS bound_time, page_id AS bound_id FROM page_keys
      ORDER BY order_time DESC, page_id DESC LIMIT 1 OFFSET ${boundOffset}
    ),
    counts AS (
      SELECT
        (SELECT count(*) FROM trace_summaries WHERE ${scope}) AS scanned_all,
        (SELECT count(*) FROM trace_summaries, bound WHERE ${scope}
          AND (${time} > bound_time OR (${time} = bound_time AND trace_id >= bound_id))) AS scanned_to_bound
    ),
    page AS (
      SELECT t.*, k.order_time FROM page_keys k JOIN trace_summaries t ON t.seq = k.page_seq
    )
    SELECT page.* EXCLUDE (order_time), counts.* FROM counts LEFT JOIN page ON true
    ORDER BY page.order_time DESC, page.trace_id DESC`;
  return { sql, params };
}

// `alias` qualifies the columns (`'a.'`) for a table that repeats the summary's window columns.
function windowCondition(type: TimeRangeType, from: string, to: string, alias = ''): string {
  switch (type) {
    case 'TraceId':
      return `(${alias}trace_epoch >= ${from} AND ${alias}trace_epoch < ${to})`;
    case 'Service':
      return `(${alias}end_time >= ${from} AND ${alias}end_time < ${to})`;
    case 'Event':
      return `(${alias}start_time < ${to} AND ${alias}end_time >= ${from})`;
  }
}
