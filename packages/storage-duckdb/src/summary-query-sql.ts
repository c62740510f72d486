/**
 * The one statement that answers `queryTraceSummaries`: latest revision per trace, the window of the
 * `TimeRangeType`, the cursor, the pushed-down predicate, and both `scanned` figures, in one pass.
 */
import type { SummaryQuery, TimeRangeType } from '@roentgen/storage';
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
export function summaryQuerySql(query: SummaryQuery): { sql: string; values: SqlParams['values'] } {
  const params = new SqlParams();
  const from = params.add(query.from);
  const to = params.add(query.to);
  const windowSql = windowCondition(query.timeRangeType, from, to);
  // traceEpoch never changes between revisions, so a TraceId window can prune before "latest wins";
  // for the other types a later revision may have left the window, so candidates are whole traces.
  const candidates =
    query.timeRangeType === 'TraceId'
      ? windowSql
      : `trace_id IN (SELECT trace_id FROM trace_summaries WHERE ${windowSql})`;
  const time = ORDER_TIME[query.timeRangeType];
  const cursor = query.cursor
    ? (() => {
        const t = params.add(query.cursor.time);
        return `(${time} < ${t} OR (${time} = ${t} AND trace_id < ${params.add(query.cursor.traceId)}))`;
      })()
    : 'true';
  const predicate = summaryPredicateSql(query.predicate, params);
  const limitPlusOne = params.add(query.limit + 1);
  const boundOffset = params.add(query.limit - 1);
  const sql = `
    WITH latest AS MATERIALIZED (
      SELECT * FROM trace_summaries WHERE ${candidates}
      QUALIFY row_number() OVER (PARTITION BY trace_id ORDER BY revision DESC, seq DESC) = 1
    ),
    windowed AS MATERIALIZED (
      SELECT *, ${time} AS order_time FROM latest WHERE ${windowSql} AND ${cursor}
    ),
    page AS (
      SELECT * FROM windowed s WHERE ${predicate}
      ORDER BY order_time DESC, trace_id DESC LIMIT ${limitPlusOne}
    ),
    bound AS (
      SELECT order_time AS bound_time, trace_id AS bound_id FROM page
      ORDER BY order_time DESC, trace_id DESC LIMIT 1 OFFSET ${boundOffset}
    ),
    counts AS (
      SELECT
        (SELECT count(*) FROM windowed) AS scanned_all,
        (SELECT count(*) FROM windowed, bound
          WHERE order_time > bound_time OR (order_time = bound_time AND trace_id >= bound_id)) AS scanned_to_bound
    )
    SELECT page.* EXCLUDE (order_time), counts.* FROM counts LEFT JOIN page ON true
    ORDER BY page.order_time DESC, page.trace_id DESC`;
  return { sql, values: params.values };
}

function windowCondition(type: TimeRangeType, from: string, to: string): string {
  switch (type) {
    case 'TraceId':
      return `(trace_epoch >= ${from} AND trace_epoch < ${to})`;
    case 'Service':
      return `(end_time >= ${from} AND end_time < ${to})`;
    case 'Event':
      return `(start_time < ${to} AND end_time >= ${from})`;
  }
}
