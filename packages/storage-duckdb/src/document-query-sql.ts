/**
 * Statements that read documents back, resolving replacement per `(trace_id, id)` at read time:
 * complete before in-progress, then the latest `received_at`, then the later append (`seq`).
 */
import { BIGINT, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import type { TimeWindow } from '@roentgen/storage';
import type { Row } from './record-rows.ts';
import type { SqlStatement } from './sql-params.ts';
import { SqlParams } from './sql-params.ts';

const CURRENT = `QUALIFY row_number() OVER (PARTITION BY trace_id, id ORDER BY in_progress, received_at DESC, seq DESC) = 1`;

/**
 * The current documents of the given traces (every version with `everyVersion`), ordered by trace,
 * start time and id. `traceIds` is not empty.
 */
export function documentsSql(traceIds: readonly string[], everyVersion = false): SqlStatement {
  return currentDocumentsSql(traceIds, '* EXCLUDE (seq)', everyVersion);
}

/**
 * Text columns a `packedDocumentsSql` row carries joined into its `packed` column, in this order. The
 * driver hands each text value over through a native call that costs more than DuckDB's whole query
 * (~4 per row: 85 ms for a trace of 10,000 documents); one joined value per row costs a quarter of that.
 */
const PACKED = ['trace_id', 'id', 'parent_id', 'kind', 'name', 'origin', 'document'] as const;

/**
 * What a row's text values are joined with: U+001F, which JSON text never holds raw (it must be
 * escaped), and names and IDs practically never. `unpackDocumentRow` notices when one does.
 */
const SEPARATOR = '\u001f';

/**
 * `documentsSql` with the text columns joined into `packed` (NULL as empty, flagged in
 * `<column>_null`) and the other columns as they are; rows go through `unpackDocumentRow`.
 */
export function packedDocumentsSql(traceIds: readonly string[], everyVersion = false): SqlStatement {
  const texts = PACKED.map((column) => `coalesce(${column}, '')`).join(', ');
  return currentDocumentsSql(
    traceIds,
    `concat_ws(chr(31), ${texts}) AS packed, parent_id IS NULL AS parent_id_null, origin IS NULL AS origin_null,
    start_time, end_time, in_progress, fault, error, throttle, http_status, trace_epoch, received_at`,
    everyVersion,
  );
}

/**
 * The row `documentsSql` would have given for a `packedDocumentsSql` row, or `undefined` when a
 * text value held the separator (the caller reads the columns one by one instead).
 */
export function unpackDocumentRow(row: Row): Row | undefined {
  const texts = (row.packed as string).split(SEPARATOR);
  if (texts.length !== PACKED.length) return undefined;
  const [traceId, id, parentId, kind, name, origin, document] = texts;
  return {
    trace_id: traceId ?? null,
    id: id ?? null,
    parent_id: row.parent_id_null === true ? null : (parentId ?? null),
    kind: kind ?? null,
    name: name ?? null,
    origin: row.origin_null === true ? null : (origin ?? null),
    start_time: row.start_time ?? null,
    end_time: row.end_time ?? null,
    in_progress: row.in_progress ?? null,
    fault: row.fault ?? null,
    error: row.error ?? null,
    throttle: row.throttle ?? null,
    http_status: row.http_status ?? null,
    trace_epoch: row.trace_epoch ?? null,
    received_at: row.received_at ?? null,
    document: document ?? null,
  };
}

function currentDocumentsSql(traceIds: readonly string[], columns: string, everyVersion: boolean): SqlStatement {
  const params = new SqlParams();
  // Any matching row lies between the smallest and largest ID asked for; that range is what lets the
  // row groups' min/max statistics skip most of the table (IDs start with their epoch).
  const min = params.add(codePointMin(traceIds));
  const max = params.add(codePointMax(traceIds));
  const ids = params.add(listValue([...traceIds]), LIST(VARCHAR));
  const sql = `SELECT ${columns} FROM documents
    WHERE trace_id >= ${min} AND trace_id <= ${max} AND trace_id IN (SELECT unnest(${ids}))
    ${everyVersion ? '' : CURRENT}
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
