/**
 * The DuckDB schema of the trace store, and how an opened file is brought to it. Documents and graph
 * statistics are append-only, resolved on read ("latest wins" by window functions, deltas by sums);
 * replaced summary revisions are deleted when they are replaced. `seq` is a store-wide insertion
 * counter kept in DOUBLE columns (exact up to 2^53) like every number, so that JavaScript numbers go
 * in and come out without BigInt conversions.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { GRAPH_BUCKET_SECONDS, sortHistogram } from '@roentgen/storage';
import { GRAPH_WIDTHS } from './graph-levels.ts';
import { edgeFromRow, nodeFromRow } from './graph-row-shapes.ts';
import { appendEdgeRows, appendNodeRows } from './record-appenders.ts';
import type { Histogram, SortedHistogram } from '@roentgen/storage';

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = 4;

const TABLES = [
  `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`,
  // Trace IDs begin with the epoch in hex and documents arrive roughly in time order, so the per-row-group
  // min/max of trace_id (and of trace_epoch) prune lookups without an index.
  `CREATE TABLE IF NOT EXISTS documents (
    trace_epoch DOUBLE NOT NULL,
    trace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    parent_id VARCHAR,
    kind VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    origin VARCHAR,
    start_time DOUBLE NOT NULL,
    end_time DOUBLE,
    in_progress BOOLEAN NOT NULL,
    fault BOOLEAN NOT NULL,
    error BOOLEAN NOT NULL,
    throttle BOOLEAN NOT NULL,
    http_status INTEGER,
    received_at DOUBLE NOT NULL,
    seq DOUBLE NOT NULL,
    document VARCHAR NOT NULL
  )`,
  // One row per trace: each append deletes the revisions it replaced (summary-supersede-sql.ts), so
  // reads need no ranking. Every pushdown field is a column. Name lists are token sets (token-set.ts):
  // a VARCHAR tested with contains(), far faster to append and to scan than VARCHAR[]. `edges` and
  // `annotations` are the record's JSON texts, kept only to give the record back.
  `CREATE TABLE IF NOT EXISTS trace_summaries (
    trace_epoch DOUBLE NOT NULL,
    trace_id VARCHAR NOT NULL,
    revision DOUBLE NOT NULL,
    seq DOUBLE NOT NULL,
    start_time DOUBLE NOT NULL,
    end_time DOUBLE NOT NULL,
    response_time DOUBLE NOT NULL,
    duration DOUBLE NOT NULL,
    has_fault BOOLEAN NOT NULL,
    has_error BOOLEAN NOT NULL,
    has_throttle BOOLEAN NOT NULL,
    is_partial BOOLEAN NOT NULL,
    http_status INTEGER,
    http_url VARCHAR,
    http_method VARCHAR,
    user_agent VARCHAR,
    client_ip VARCHAR,
    root_service VARCHAR,
    services VARCHAR NOT NULL,
    fault_services VARCHAR NOT NULL,
    error_services VARCHAR NOT NULL,
    throttle_services VARCHAR NOT NULL,
    users VARCHAR NOT NULL,
    edge_pairs VARCHAR NOT NULL,
    fault_edge_pairs VARCHAR NOT NULL,
    error_edge_pairs VARCHAR NOT NULL,
    throttle_edge_pairs VARCHAR NOT NULL,
    edge_response_times VARCHAR NOT NULL,
    fault_cause_services VARCHAR NOT NULL,
    error_cause_services VARCHAR NOT NULL,
    response_time_cause_services VARCHAR NOT NULL,
    annotation_values VARCHAR NOT NULL,
    edges VARCHAR NOT NULL,
    annotations VARCHAR NOT NULL,
    summary VARCHAR NOT NULL,
    facts VARCHAR NOT NULL
  )`,
  // One row per annotation value of a summary row (joined by seq), typed so that comparisons need no
  // JSON parsing and a number never equals a string. The summary's window columns are repeated so
  // that a filter on them lets the row groups' min/max skip all but the queried window.
  `CREATE TABLE IF NOT EXISTS summary_annotations (
    seq DOUBLE NOT NULL,
    trace_epoch DOUBLE NOT NULL,
    start_time DOUBLE NOT NULL,
    end_time DOUBLE NOT NULL,
    key VARCHAR NOT NULL,
    str_value VARCHAR,
    num_value DOUBLE,
    bool_value BOOLEAN
  )`,
  // Graph statistics per bucket of `width` seconds (60, 600 and 3600: graph-levels.ts); each delta is
  // written at every width. Rows are deltas, summed on read and folded by compaction.
  `CREATE TABLE IF NOT EXISTS graph_nodes (
    bucket_start DOUBLE NOT NULL,
    name VARCHAR NOT NULL,
    type VARCHAR,
    account_id VARCHAR,
    root BOOLEAN NOT NULL,
    ok_count DOUBLE NOT NULL,
    error_throttle_count DOUBLE NOT NULL,
    error_other_count DOUBLE NOT NULL,
    fault_count DOUBLE NOT NULL,
    total_count DOUBLE NOT NULL,
    total_response_time DOUBLE NOT NULL,
    response_time_histogram BLOB NOT NULL,
    duration_histogram BLOB NOT NULL,
    start_time DOUBLE NOT NULL,
    end_time DOUBLE NOT NULL,
    width DOUBLE NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS graph_edges (
    bucket_start DOUBLE NOT NULL,
    source_name VARCHAR NOT NULL,
    source_type VARCHAR,
    source_account_id VARCHAR,
    target_name VARCHAR NOT NULL,
    target_type VARCHAR,
    target_account_id VARCHAR,
    edge_type VARCHAR,
    ok_count DOUBLE NOT NULL,
    error_throttle_count DOUBLE NOT NULL,
    error_other_count DOUBLE NOT NULL,
    fault_count DOUBLE NOT NULL,
    total_count DOUBLE NOT NULL,
    total_response_time DOUBLE NOT NULL,
    response_time_histogram BLOB NOT NULL,
    start_time DOUBLE NOT NULL,
    end_time DOUBLE NOT NULL,
    width DOUBLE NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS config (
    kind VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    modified_at DOUBLE NOT NULL,
    PRIMARY KEY (kind, name)
  )`,
];

/** What opening a file did to it: the next free `seq`, and what an upgrade dropped, for the log. */
export interface MigrationOutcome {
  readonly nextSeq: number;
  readonly notes: readonly string[];
}

/**
 * Creates the tables of an empty database or upgrades an older one, and records `SCHEMA_VERSION`;
 * throws on a file written by a newer version. Runs in one transaction on the write connection.
 */
export async function migrateSchema(connection: DuckDBConnection): Promise<MigrationOutcome> {
  const notes: string[] = [];
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(TABLES[0] as string);
    const rows = (await connection.runAndReadAll('SELECT max(version) AS v FROM schema_version')).getRowObjectsJS();
    const found = rows[0]?.v;
    if (found !== null && found !== undefined && Number(found) > SCHEMA_VERSION) {
      throw new Error(
        `the store file has schema version ${Number(found)}; this Roentgen reads up to ${SCHEMA_VERSION}`,
      );
    }
    const version = found === null || found === undefined ? SCHEMA_VERSION : Number(found);
    if (version < 3) {
      // Summaries before version 3 lack what filters are pushed down to (per-service outcomes and
      // root causes in 1, per-edge response times in 2). They are derived data: dropped, not half
      // migrated; the documents stay, and BatchGetTraces still returns those traces.
      const dropped = await summaryCount(connection);
      await connection.run('DROP TABLE IF EXISTS trace_summaries');
      await connection.run('DROP TABLE IF EXISTS summary_annotations');
      if (dropped > 0) {
        notes.push(
          `store upgraded from schema version ${version} to ${SCHEMA_VERSION}: ${dropped} trace summaries of the old ` +
            `format were dropped; those traces stay readable by ID (BatchGetTraces) but no longer match searches`,
        );
      }
    }
    if (version < 3) await addGraphWidths(connection);
    if (version < 4) {
      const converted = await packGraphHistograms(connection);
      if (converted > 0) {
        notes.push(
          `store upgraded from schema version ${version} to ${SCHEMA_VERSION}: the histograms of ${converted} ` +
            `graph-statistics rows were converted from JSON text to packed binary`,
        );
      }
    }
    for (const statement of TABLES.slice(1)) await connection.run(statement);
    await connection.run('DELETE FROM schema_version');
    await connection.run('INSERT INTO schema_version VALUES ($1)', [SCHEMA_VERSION]);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  const seq = await connection.runAndReadAll(
    `SELECT greatest((SELECT max(seq) FROM documents), (SELECT max(seq) FROM trace_summaries)) AS s`,
  );
  const last = seq.getRowObjectsJS()[0]?.s;
  return { nextSeq: typeof last === 'number' ? last + 1 : 1, notes };
}

async function summaryCount(connection: DuckDBConnection): Promise<number> {
  const exists = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'trace_summaries'`,
  );
  if (Number(exists.getRowObjectsJS()[0]?.n ?? 0) === 0) return 0;
  const rows = await connection.runAndReadAll('SELECT count(*) AS n FROM trace_summaries');
  return Number(rows.getRowObjectsJS()[0]?.n ?? 0);
}

/**
 * Version 2 kept graph statistics per minute only: those rows become the minute level, and are
 * copied, bucket widened, into the coarser levels (compaction folds the copies later).
 */
async function addGraphWidths(connection: DuckDBConnection): Promise<void> {
  const exists = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'graph_nodes'`,
  );
  if (Number(exists.getRowObjectsJS()[0]?.n ?? 0) === 0) return;
  for (const table of ['graph_nodes', 'graph_edges']) {
    await connection.run(`ALTER TABLE ${table} ADD COLUMN width DOUBLE DEFAULT ${GRAPH_BUCKET_SECONDS}`);
    for (const width of GRAPH_WIDTHS.filter((w) => w !== GRAPH_BUCKET_SECONDS)) {
      await connection.run(
        `INSERT INTO ${table} SELECT * REPLACE (floor(bucket_start / ${width}) * ${width} AS bucket_start, ${width} AS width)
         FROM ${table} WHERE width = ${GRAPH_BUCKET_SECONDS}`,
      );
    }
  }
}

/**
 * Before version 4 histograms were JSON text (`{"ms": count}`); they become packed binary
 * (histogram-blob.ts). Each graph table is renamed, recreated and refilled in chunks through the same
 * appenders the store writes with. Returns the number of rows converted.
 */
async function packGraphHistograms(connection: DuckDBConnection): Promise<number> {
  let converted = 0;
  for (const table of ['graph_nodes', 'graph_edges'] as const) {
    const column = await connection.runAndReadAll(
      `SELECT data_type FROM information_schema.columns WHERE table_name = '${table}' AND column_name = 'response_time_histogram'`,
    );
    if (column.getRowObjectsJS()[0]?.data_type !== 'VARCHAR') continue;
    const old = `${table}_json_histograms`;
    await connection.run(`ALTER TABLE ${table} RENAME TO ${old}`);
    await connection.run(TABLES.find((statement) => statement.includes(`EXISTS ${table} (`)) as string);
    // Paged by offset in rowid order: rows an upgrade in the same transaction added (version 2's
    // coarser widths) carry transaction-local rowids far above the others, so rowid ranges would not do.
    for (let offset = 0; ; offset += CONVERT_CHUNK_ROWS) {
      const rows = (
        await connection.runAndReadAll(
          `SELECT * FROM ${old} ORDER BY rowid LIMIT ${CONVERT_CHUNK_ROWS} OFFSET ${offset}`,
        )
      ).getRowObjectsJS();
      if (rows.length === 0) break;
      for (const width of new Set(rows.map((row) => Number(row.width)))) {
        const ofWidth = rows.filter((row) => Number(row.width) === width);
        if (table === 'graph_nodes') {
          const nodes = ofWidth.map((row) =>
            nodeFromRow(
              row,
              Number(row.bucket_start),
              parsed(row.response_time_histogram),
              parsed(row.duration_histogram),
            ),
          );
          await appendNodeRows(connection, nodes, width);
        } else {
          const edges = ofWidth.map((row) =>
            edgeFromRow(row, Number(row.bucket_start), parsed(row.response_time_histogram)),
          );
          await appendEdgeRows(connection, edges, width);
        }
      }
      converted += rows.length;
    }
    await connection.run(`DROP TABLE ${old}`);
  }
  return converted;
}

const CONVERT_CHUNK_ROWS = 50_000;

function parsed(text: unknown): SortedHistogram {
  return sortHistogram(JSON.parse(String(text)) as Histogram);
}
