/**
 * Reads `GraphStatsWindow`s from the coarsest buckets that cover the window (graph-levels.ts):
 * counters summed, times widened and `root` or-ed (over rows that still count requests) in SQL, per
 * key and output bucket; histograms (JSON text) collected per group and merged in JavaScript.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { GraphStatsWindow, Histogram, TimeWindow } from '@roentgen/storage';
import { mergeHistograms } from '@roentgen/storage';
import { coveringRanges } from './graph-levels.ts';
import { edgeFromRow, nodeFromRow } from './graph-row-shapes.ts';
import type { Row } from './record-rows.ts';
import type { SqlStatement } from './sql-params.ts';
import { SqlParams } from './sql-params.ts';

const COUNTER_SUMS = `
  sum(ok_count) AS ok_count, sum(error_throttle_count) AS error_throttle_count,
  sum(error_other_count) AS error_other_count, sum(fault_count) AS fault_count,
  sum(total_count) AS total_count, sum(total_response_time) AS total_response_time,
  min(start_time) AS start_time, max(end_time) AS end_time`;

// Rows whose request counts sum to zero have been retracted entirely (see countsAnyRequest).
const HAS_REQUESTS = `HAVING sum(ok_count) <> 0 OR sum(error_throttle_count) <> 0 OR sum(error_other_count) <> 0
  OR sum(fault_count) <> 0 OR sum(total_count) <> 0`;

/** Node and edge statistics of `window`, as the port's `queryGraphStats` describes. */
export async function readGraphStats(
  connection: DuckDBConnection,
  window: TimeWindow,
  perBucketSeconds: number | undefined,
): Promise<GraphStatsWindow> {
  const nodes = await readAll(
    connection,
    statement(
      window,
      perBucketSeconds,
      // Rows of one stored bucket are netted per root flag first, so that a root contribution a late
      // parent retracted does not leave the node marked as root.
      (bucket, where) => `SELECT ${bucket} AS bucket, name, type, account_id, bool_or(root) AS root, ${COUNTER_SUMS},
        flatten(list(rt)) AS rt, flatten(list(dur)) AS dur
      FROM (
        SELECT bucket_start, name, type, account_id, root, ${COUNTER_SUMS},
          list(response_time_histogram) AS rt, list(duration_histogram) AS dur
        FROM graph_nodes WHERE ${where} GROUP BY bucket_start, name, type, account_id, root ${HAS_REQUESTS}
      ) GROUP BY ALL ${HAS_REQUESTS}`,
    ),
  );
  const edges = await readAll(
    connection,
    statement(
      window,
      perBucketSeconds,
      (bucket, where) => `SELECT ${bucket} AS bucket, source_name, source_type, source_account_id,
        target_name, target_type, target_account_id, edge_type, ${COUNTER_SUMS},
        list(response_time_histogram) AS rt
      FROM graph_edges WHERE ${where} GROUP BY ALL ${HAS_REQUESTS}`,
    ),
  );
  return {
    nodes: nodes.map((row) => nodeFromRow(row, Number(row.bucket), histogram(row.rt), histogram(row.dur))),
    edges: edges.map((row) => edgeFromRow(row, Number(row.bucket), histogram(row.rt))),
  };
}

async function readAll(connection: DuckDBConnection, { sql, params }: SqlStatement): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, params.values, params.types);
  return reader.getRowObjectsJS();
}

function statement(
  window: TimeWindow,
  perBucketSeconds: number | undefined,
  build: (bucket: string, where: string) => string,
): SqlStatement {
  const params = new SqlParams();
  const ranges = coveringRanges(window, perBucketSeconds).map(
    ({ width, from, to }) =>
      `(width = ${params.add(width)} AND bucket_start >= ${params.add(from)} AND bucket_start < ${params.add(to)})`,
  );
  const where = ranges.length === 0 ? 'false' : `(${ranges.join(' OR ')})`;
  let bucket: string;
  if (perBucketSeconds === undefined) bucket = `${params.add(window.from)}::DOUBLE`;
  else {
    const period = params.add(perBucketSeconds);
    bucket = `floor(bucket_start / ${period}) * ${period}`;
  }
  return { sql: build(bucket, where), params };
}

function histogram(texts: Row[string] | undefined): Histogram {
  return mergeHistograms((texts as string[]).map((text) => JSON.parse(text) as Histogram));
}
