/**
 * Reads bucket ranges of the graph tables summed per key (graph-range-cache.ts `RangeSum`): node
 * rows netted per stored bucket and root flag first (over rows that still count requests), then
 * summed per key with `root` or-ed; edge rows summed per key. Counters and times are summed in SQL;
 * each key's packed histograms come back joined into one BLOB and are summed in JavaScript
 * (histogram-blob.ts), which does a million entries faster than SQL can unpack them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EdgeStatsSum, NodeStatsSum, SortedHistogram } from '@roentgen/storage';
import { edgeKeyString, nodeKeyString } from '@roentgen/storage';
import type { BucketRange } from './graph-levels.ts';
import type { RangeSum } from './graph-range-cache.ts';
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

const NODE_KEYS = 'name, type, account_id';
const EDGE_KEYS = 'source_name, source_type, source_account_id, target_name, target_type, target_account_id, edge_type';

/** The sum of each range, in the order given (empty sums for ranges nothing was written to). */
export async function readRangeSums(connection: DuckDBConnection, ranges: readonly BucketRange[]): Promise<RangeSum[]> {
  if (ranges.length === 0) return [];
  const sums = ranges.map(
    (
      range,
    ): {
      range: BucketRange;
      nodes: NodeStatsSum[];
      nodeKeys: string[];
      edges: EdgeStatsSum[];
      edgeKeys: string[];
    } => ({
      range,
      nodes: [],
      nodeKeys: [],
      edges: [],
      edgeKeys: [],
    }),
  );
  for (const row of await readAll(connection, nodesStatement(ranges))) {
    const sum = sums[Number(row.range_index)];
    const node = nodeFromRow(row, sum?.range.from ?? 0, merged(row.rts), merged(row.durs));
    sum?.nodes.push(node);
    sum?.nodeKeys.push(nodeKeyString(node.node));
  }
  for (const row of await readAll(connection, edgesStatement(ranges))) {
    const sum = sums[Number(row.range_index)];
    const edge = edgeFromRow(row, sum?.range.from ?? 0, merged(row.rts));
    sum?.edges.push(edge);
    sum?.edgeKeys.push(edgeKeyString(edge));
  }
  return sums;
}

// Rows of one stored bucket are netted per root flag first, so that a root contribution a late parent
// retracted does not leave the node marked as root; only the rows kept go into the range's sum.
function nodesStatement(ranges: readonly BucketRange[]): SqlStatement {
  const params = new SqlParams();
  const stored = storedRows(
    'graph_nodes',
    `bucket_start, ${NODE_KEYS}, root, ok_count, error_throttle_count, error_other_count, fault_count,
     total_count, total_response_time, start_time, end_time, response_time_histogram, duration_histogram`,
    ranges,
    params,
  );
  const sql = `
    WITH netted AS (
      SELECT range_index, bucket_start, ${NODE_KEYS}, root, ${COUNTER_SUMS},
        list(response_time_histogram) AS rts, list(duration_histogram) AS durs
      FROM (${stored}) GROUP BY range_index, bucket_start, ${NODE_KEYS}, root ${HAS_REQUESTS}
    )
    SELECT range_index, ${NODE_KEYS}, bool_or(root) AS root, ${COUNTER_SUMS},
      ${joinedBlobs('flatten(list(rts))')} AS rts, ${joinedBlobs('flatten(list(durs))')} AS durs
    FROM netted GROUP BY range_index, ${NODE_KEYS}`;
  return { sql, params };
}

// Edges are not netted: a window sums all of an edge's rows, as the reference summing does.
function edgesStatement(ranges: readonly BucketRange[]): SqlStatement {
  const params = new SqlParams();
  const stored = storedRows(
    'graph_edges',
    `${EDGE_KEYS}, ok_count, error_throttle_count, error_other_count, fault_count,
     total_count, total_response_time, start_time, end_time, response_time_histogram`,
    ranges,
    params,
  );
  const sql = `
    SELECT range_index, ${EDGE_KEYS}, ${COUNTER_SUMS}, ${joinedBlobs('list(response_time_histogram)')} AS rts
    FROM (${stored}) GROUP BY range_index, ${EDGE_KEYS}`;
  return { sql, params };
}

/**
 * The stored rows of the given ranges: one branch per range, so that each branch's bounds let DuckDB
 * skip the row groups outside it (an OR of ranges would scan the whole table).
 */
function storedRows(table: string, columns: string, ranges: readonly BucketRange[], params: SqlParams): string {
  return ranges
    .map(
      ({ width, from, to }, index) =>
        `SELECT ${index} AS range_index, ${columns} FROM ${table}
         WHERE bucket_start >= ${params.add(from)} AND bucket_start < ${params.add(to)} AND width = ${params.add(width)}`,
    )
    .join(' UNION ALL ');
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

function merged(blob: Row[string] | undefined): SortedHistogram {
  return mergePackedHistograms(blob instanceof Uint8Array ? [blob] : []);
}
