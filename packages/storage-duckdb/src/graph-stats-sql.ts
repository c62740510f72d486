/**
 * Reads `GraphStatsWindow`s from the coarsest buckets that cover the window (graph-levels.ts):
 * counters summed, times widened and `root` or-ed (over rows that still count requests) in SQL, per
 * key and output bucket; the packed histograms of each group come back joined into one BLOB and are
 * summed in JavaScript (histogram-blob.ts), which does a million entries faster than SQL can unpack them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { GraphStatsWindow, Histogram, TimeWindow } from '@roentgen/storage';
import { coveringRanges } from './graph-levels.ts';
import { edgeFromRow, nodeFromRow } from './graph-row-shapes.ts';
import { mergePackedHistograms } from './histogram-blob.ts';
import type { Row } from './record-rows.ts';
import type { SqlStatement } from './sql-params.ts';
import { SqlParams } from './sql-params.ts';

/** Counters summed and times widened over a group's rows, under the columns' own names. */
export const COUNTER_SUMS = `
  sum(ok_count) AS ok_count, sum(error_throttle_count) AS error_throttle_count,
  sum(error_other_count) AS error_other_count, sum(fault_count) AS fault_count,
  sum(total_count) AS total_count, sum(total_response_time) AS total_response_time,
  min(start_time) AS start_time, max(end_time) AS end_time`;

// Rows whose request counts sum to zero have been retracted entirely (see countsAnyRequest).
export const HAS_REQUESTS = `HAVING sum(ok_count) <> 0 OR sum(error_throttle_count) <> 0 OR sum(error_other_count) <> 0
  OR sum(fault_count) <> 0 OR sum(total_count) <> 0`;

const NODE_KEYS = ['name', 'type', 'account_id'];
const EDGE_KEYS = [
  'source_name',
  'source_type',
  'source_account_id',
  'target_name',
  'target_type',
  'target_account_id',
  'edge_type',
];
const COUNTERS = 'ok_count, error_throttle_count, error_other_count, fault_count, total_count, total_response_time';

/** Node and edge statistics of `window`, as the port's `queryGraphStats` describes. */
export async function readGraphStats(
  connection: DuckDBConnection,
  window: TimeWindow,
  perBucketSeconds: number | undefined,
): Promise<GraphStatsWindow> {
  const nodes = await readAll(connection, nodesStatement(window, perBucketSeconds));
  const edges = await readAll(connection, edgesStatement(window, perBucketSeconds));
  return {
    nodes: nodes.map((row) => nodeFromRow(row, Number(row.bucket), merged(row.rts), merged(row.durs))),
    edges: edges.map((row) => edgeFromRow(row, Number(row.bucket), merged(row.rts))),
  };
}

// Rows of one stored bucket are netted per root flag first, so that a root contribution a late parent
// retracted does not leave the node marked as root; only the histograms of rows kept count.
function nodesStatement(window: TimeWindow, perBucketSeconds: number | undefined): SqlStatement {
  const params = new SqlParams();
  const keys = NODE_KEYS.join(', ');
  const stored = storedRows(
    'graph_nodes',
    `bucket_start, width, ${keys}, root, ${COUNTERS}, start_time, end_time, response_time_histogram, duration_histogram`,
    window,
    perBucketSeconds,
    params,
  );
  const sql = `
    WITH netted AS (
      SELECT bucket_start, width, ${keys}, root, ${COUNTER_SUMS},
        list(response_time_histogram) AS rts, list(duration_histogram) AS durs
      FROM (${stored}) GROUP BY bucket_start, width, ${keys}, root ${HAS_REQUESTS}
    ),
    out AS (SELECT ${outputBucket(window, perBucketSeconds, params)} AS bucket, * FROM netted)
    SELECT bucket, ${keys}, bool_or(root) AS root, ${COUNTER_SUMS},
      ${joinedBlobs('flatten(list(rts))')} AS rts, ${joinedBlobs('flatten(list(durs))')} AS durs
    FROM out GROUP BY bucket, ${keys} ${HAS_REQUESTS}`;
  return { sql, params };
}

function edgesStatement(window: TimeWindow, perBucketSeconds: number | undefined): SqlStatement {
  const params = new SqlParams();
  const keys = EDGE_KEYS.join(', ');
  const stored = storedRows(
    'graph_edges',
    `bucket_start, ${keys}, ${COUNTERS}, start_time, end_time, response_time_histogram`,
    window,
    perBucketSeconds,
    params,
  );
  const sql = `
    WITH out AS (SELECT ${outputBucket(window, perBucketSeconds, params)} AS bucket, * FROM (${stored}))
    SELECT bucket, ${keys}, ${COUNTER_SUMS}, ${joinedBlobs('list(response_time_histogram)')} AS rts
    FROM out GROUP BY bucket, ${keys} ${HAS_REQUESTS}`;
  return { sql, params };
}

/**
 * The stored rows of the buckets that cover the window: one branch per range, so that each branch's
 * bounds let DuckDB skip the row groups outside it (an OR of ranges would scan the whole table).
 */
function storedRows(
  table: string,
  columns: string,
  window: TimeWindow,
  perBucketSeconds: number | undefined,
  params: SqlParams,
): string {
  const ranges = coveringRanges(window, perBucketSeconds);
  if (ranges.length === 0) return `SELECT ${columns} FROM ${table} WHERE false`;
  return ranges
    .map(
      ({ width, from, to }) =>
        `SELECT ${columns} FROM ${table}
         WHERE bucket_start >= ${params.add(from)} AND bucket_start < ${params.add(to)} AND width = ${params.add(width)}`,
    )
    .join(' UNION ALL ');
}

function outputBucket(window: TimeWindow, perBucketSeconds: number | undefined, params: SqlParams): string {
  if (perBucketSeconds === undefined) return `${params.add(window.from)}::DOUBLE`;
  const period = params.add(perBucketSeconds);
  return `floor(bucket_start / ${period}) * ${period}`;
}

// A group's packed histograms as one BLOB (histogram-blob.ts merges concatenated ones): a list of
// blobs costs JavaScript a buffer per element, thousands per map.
function joinedBlobs(list: string): string {
  return `list_reduce(${list}, (a, b) -> a || b)`;
}

async function readAll(connection: DuckDBConnection, { sql, params }: SqlStatement): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params.values, params.types);
  return reader.getRowObjectsJS();
}

function merged(blob: Row[string] | undefined): Histogram {
  return mergePackedHistograms(blob instanceof Uint8Array ? [blob] : []);
}
