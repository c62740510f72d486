/**
 * Graph statistics rows read back from `graph_nodes` / `graph_edges` (or from sums over them, with
 * the same column names) as the port's rows. Histograms arrive merged by the caller, which alone
 * knows whether the row holds one histogram text or a list of them.
 */
import type { EdgeStatsSum, NodeKey, NodeStatsSum, SortedHistogram, StatisticCounters } from '@roentgen/storage';
import type { Row } from './record-rows.ts';

export function nodeFromRow(
  row: Row,
  bucketStart: number,
  responseTimeHistogram: SortedHistogram,
  durationHistogram: SortedHistogram,
): NodeStatsSum {
  return {
    bucketStart,
    node: nodeKey(row.name, row.type, row.account_id),
    root: row.root as boolean,
    counters: countersFromRow(row),
    responseTimeHistogram,
    durationHistogram,
    startTime: row.start_time as number,
    endTime: row.end_time as number,
  };
}

export function edgeFromRow(row: Row, bucketStart: number, responseTimeHistogram: SortedHistogram): EdgeStatsSum {
  return {
    bucketStart,
    source: nodeKey(row.source_name, row.source_type, row.source_account_id),
    target: nodeKey(row.target_name, row.target_type, row.target_account_id),
    edgeType: row.edge_type === null ? undefined : (row.edge_type as 'link'),
    counters: countersFromRow(row),
    responseTimeHistogram,
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
