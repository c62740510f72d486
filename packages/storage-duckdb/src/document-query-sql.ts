/**
 * Statements that read documents back, resolving replacement per `(trace_id, id)` at read time:
 * complete before in-progress, then the latest `received_at`, then the later append (`seq`).
 */
import { BIGINT, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { TimeWindow } from '@roentgen/storage';
import type { SqlStatement } from './sql-params.ts';
import { SqlParams } from './sql-params.ts';

const CURRENT = `QUALIFY row_number() OVER (PARTITION BY trace_id, id ORDER BY in_progress, received_at DESC, seq DESC) = 1`;

/** The current documents of the given traces, ordered by trace, start time and id. `traceIds` is not empty. */
export function documentsSql(traceIds: readonly string[]): SqlStatement {
  const params = new SqlParams();
  // Any matching row lies between the smallest and largest ID asked for; that range is what lets the
  // row groups' min/max statistics skip most of the table (IDs start with their epoch).
  const min = params.add(codePointMin(traceIds));
  const max = params.add(codePointMax(traceIds));
  const ids = params.add(listValue([...traceIds]), LIST(VARCHAR));
  const sql = `SELECT * EXCLUDE (seq) FROM documents
    WHERE trace_id >= ${min} AND trace_id <= ${max} AND trace_id IN (SELECT unnest(${ids}))
    ${CURRENT}
    ORDER BY trace_id, start_time, id`;
  return { sql, params };
}

/**
 * Trace IDs with a current document touching the window (an in-progress one spans its start only),
 * newest first by the latest end (or start) among those documents, then trace ID descending.
 */
export function traceIdsSql(window: TimeWindow, limit: number): SqlStatement {
  const params = new SqlParams();
  const touches = `(start_time < ${params.add(window.to)} AND coalesce(end_time, start_time) >= ${params.add(window.from)})`;
  const sql = `WITH current AS (
      SELECT trace_id, start_time, end_time FROM documents
      WHERE trace_id IN (SELECT trace_id FROM documents WHERE ${touches})
      ${CURRENT}
    )
    SELECT trace_id, max(coalesce(end_time, start_time)) AS newest FROM current WHERE ${touches}
    GROUP BY trace_id ORDER BY newest DESC, trace_id DESC LIMIT ${params.add(limit, BIGINT)}`;
  return { sql, params };
}

function codePointMin(values: readonly string[]): string {
  return values.reduce((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b)) <= 0 ? a : b));
}

function codePointMax(values: readonly string[]): string {
  return values.reduce((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b)) >= 0 ? a : b));
}
