/**
 * Reads `GraphStatsWindow`s: counters summed, times widened and `root` or-ed (over rows that still
 * count requests) in SQL, per key and
 * output bucket; histograms (JSON text) collected per group and merged in JavaScript.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  EdgeStatsRow,
  GraphStatsWindow,
  Histogram,
  NodeKey,
  NodeStatsRow,
  StatisticCounters,
  TimeWindow,
} from '@roentgen/storage';
import { mergeHistograms } from '@roentgen/storage';
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
    nodes: nodes.map(nodeFromRow),
    edges: edges.map(edgeFromRow),
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
  const from = params.add(window.from);
  const where = `bucket_start >= ${from} AND bucket_start < ${params.add(window.to)}`;
  let bucket = `${from}::DOUBLE`;
  if (perBucketSeconds !== undefined) {
    const period = params.add(perBucketSeconds);
    bucket = `floor(bucket_start / ${period}) * ${period}`;
  }
  return { sql: build(bucket, where), params };
}

function nodeFromRow(row: Row): NodeStatsRow {
  return {
    bucketStart: Number(row.bucket),
    node: nodeKey(row.name, row.type, row.account_id),
    root: row.root as boolean,
    counters: countersFromRow(row),
    responseTimeHistogram: histogram(row.rt),
    durationHistogram: histogram(row.dur),
    startTime: row.start_time as number,
    endTime: row.end_time as number,
  };
}

function edgeFromRow(row: Row): EdgeStatsRow {
  return {
    bucketStart: Number(row.bucket),
    source: nodeKey(row.source_name, row.source_type, row.source_account_id),
    target: nodeKey(row.target_name, row.target_type, row.target_account_id),
    edgeType: row.edge_type === null ? undefined : (row.edge_type as 'link'),
    counters: countersFromRow(row),
    responseTimeHistogram: histogram(row.rt),
    startTime: row.start_time as number,
    endTime: row.end_time as number,
  };
}

function nodeKey(
  name: Row[string] | undefined,
  type: Row[string] | undefined,
  accountId: Row[string] | undefined,
): NodeKey {
  return {
    name: name as string,
    type: type === null ? undefined : (type as string),
    accountId: accountId === null ? undefined : (accountId as string),
  };
}

function countersFromRow(row: Row): StatisticCounters {
  return {
    okCount: row.ok_count as number,
    errorThrottleCount: row.error_throttle_count as number,
    errorOtherCount: row.error_other_count as number,
    faultCount: row.fault_count as number,
    totalCount: row.total_count as number,
    totalResponseTime: row.total_response_time as number,
  };
}

function histogram(texts: Row[string] | undefined): Histogram {
  return mergeHistograms((texts as string[]).map((text) => JSON.parse(text) as Histogram));
}
