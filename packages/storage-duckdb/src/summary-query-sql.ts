/**
 * The two statements that answer `queryTraceSummaries`: the first chooses the page (the window of
 * the `TimeRangeType`, the cursor, the pushed-down predicate, the order, both `scanned` figures) on
 * narrow columns; the second reads the chosen rows whole.
 */
import { BIGINT } from '@duckdb/node-api';
import type { SummaryQuery, TimeRangeType } from '@roentgen/storage';
import type { SqlStatement } from './sql-params.ts';
import { SqlParams } from './sql-params.ts';
import { SUMMARY_RECORD_COLUMNS } from './record-rows.ts';
import { summaryPredicateSql } from './summary-predicate-sql.ts';

const ORDER_TIME: Readonly<Record<TimeRangeType, string>> = {
  TraceId: 'trace_epoch',
  Event: 'end_time',
  Service: 'end_time',
};

/**
 * The statement that picks the page. Rows: the page's keys (at most `limit + 1`, to tell whether
 * another page exists: `page_seq`, `order_time`, `trace_id`), each carrying `scanned_all` (latest
 * revisions in the window past the cursor) and `scanned_to_bound` (those up to the `limit`-th
 * match); a single row of NULL keys when no record matches. Only narrow columns are read: the wide
 * ones are fetched for the page's rows alone by `summaryRowsSql`.
 */
export function summaryKeysSql(query: SummaryQuery): SqlStatement {
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
  const sql = `
    WITH page_keys AS (
      SELECT seq AS page_seq, ${time} AS order_time, trace_id FROM trace_summaries s
      WHERE ${scope} AND ${predicate}
      ORDER BY order_time DESC, trace_id DESC LIMIT ${limitPlusOne}
    ),
    bound AS (
      SELECT order_time AS bound_time, trace_id AS bound_id FROM page_keys
      ORDER BY order_time DESC, trace_id DESC LIMIT 1 OFFSET ${boundOffset}
    ),
    counts AS (
      SELECT
        (SELECT count(*) FROM trace_summaries WHERE ${scope}) AS scanned_all,
        (SELECT count(*) FROM trace_summaries, bound WHERE ${scope}
          AND (${time} > bound_time OR (${time} = bound_time AND trace_id >= bound_id))) AS scanned_to_bound
    )
    SELECT page_keys.*, counts.* FROM counts LEFT JOIN page_keys ON true
    ORDER BY page_keys.order_time DESC, page_keys.trace_id DESC`;
  return { sql, params };
}

/**
 * The rows of the page whose keys `summaryKeysSql` chose: `seqs`, whose order times lie within
 * `[earliest, latest]`. The bounds on the order column let DuckDB skip every row group outside them,
 * and a literal list of `seq`s (rather than a join) fetches the wide columns of those rows only:
 * on a million summaries a join read 60,000 rows' texts to keep 100.
 */
export function summaryRowsSql(
  type: TimeRangeType,
  seqs: readonly number[],
  earliest: number,
  latest: number,
  withoutFacts: boolean,
): SqlStatement {
  const params = new SqlParams();
  const time = ORDER_TIME[type];
  const list = seqs.map((seq) => params.add(seq)).join(', ');
  const columns = `seq, ${SUMMARY_RECORD_COLUMNS}${withoutFacts ? '' : ', facts'}`;
  const sql = `SELECT ${columns} FROM trace_summaries
    WHERE ${time} >= ${params.add(earliest)} AND ${time} <= ${params.add(latest)} AND seq IN (${list})`;
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
