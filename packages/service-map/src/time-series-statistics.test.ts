import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EdgeStatsSum, GraphStatsWindow, NodeKey, NodeStatsSum, StatisticCounters } from '@roentgen/storage';
import { sortHistogram } from '@roentgen/storage';
import { timeSeriesStatistics } from './time-series-statistics.ts';

const api: NodeKey = { name: 'api', type: 'AWS::EC2::Instance', accountId: undefined };
const db: NodeKey = { name: 'db', type: 'remote', accountId: undefined };
const client: NodeKey = { name: 'api', type: 'client', accountId: undefined };

function counters(overrides: Partial<StatisticCounters>): StatisticCounters {
  return {
    okCount: 0,
    errorThrottleCount: 0,
    errorOtherCount: 0,
    faultCount: 0,
    totalCount: 0,
    totalResponseTime: 0,
    ...overrides,
  };
}

function edge(bucketStart: number, source: NodeKey, target: NodeKey, ok: number): EdgeStatsSum {
  return {
    bucketStart,
    source,
    target,
    edgeType: undefined,
    counters: counters({ okCount: ok, totalCount: ok, totalResponseTime: ok * 0.1 }),
    responseTimeHistogram: sortHistogram({ 100: ok }),
    startTime: bucketStart,
    endTime: bucketStart + 1,
  };
}

function node(bucketStart: number, key: NodeKey, faults: number): NodeStatsSum {
  return {
    bucketStart,
    node: key,
    root: false,
    counters: counters({ faultCount: faults, totalCount: faults, totalResponseTime: faults * 0.25 }),
    responseTimeHistogram: sortHistogram({ 250: faults }),
    durationHistogram: sortHistogram({ 250: faults }),
    startTime: bucketStart,
    endTime: bucketStart + 1,
  };
}

const window: GraphStatsWindow = {
  nodes: [node(120, api, 2), node(60, api, 1), node(60, db, 5)],
  edges: [edge(60, client, api, 3), edge(60, api, db, 4), edge(180, api, db, 1)],
};

test('without a selector every edge is summed per period, with zero service statistics', () => {
  const series = timeSeriesStatistics(window);
  assert.deepEqual(
    series.map((entry) => [
      entry.Timestamp,
      entry.EdgeSummaryStatistics.OkCount,
      entry.ServiceSummaryStatistics.TotalCount,
    ]),
    [
      [60, 7, 0],
      [180, 1, 0],
    ],
  );
  assert.deepEqual(series[0]?.ResponseTimeHistogram.toJSON(), [{ Value: 0.1, Count: 7 }]);
  assert.deepEqual(series[0]?.ServiceSummaryStatistics.ErrorStatistics, {
    ThrottleCount: 0,
    OtherCount: 0,
    TotalCount: 0,
  });
});

test('an edge selector keeps only that edge; an untyped id matches any type', () => {
  const series = timeSeriesStatistics(window, {
    edge: { source: { name: 'api', type: 'AWS::EC2::Instance' }, target: { name: 'db' } },
  });
  assert.deepEqual(
    series.map((entry) => [entry.Timestamp, entry.EdgeSummaryStatistics.OkCount]),
    [
      [60, 4],
      [180, 1],
    ],
  );
});

test('a service selector fills service statistics and the histogram from that node, edges zero', () => {
  const series = timeSeriesStatistics(window, { service: { name: 'api', type: 'AWS::EC2::Instance' } });
  assert.deepEqual(
    series.map((entry) => [
      entry.Timestamp,
      entry.ServiceSummaryStatistics.FaultStatistics.TotalCount,
      entry.EdgeSummaryStatistics.TotalCount,
    ]),
    [
      [60, 1, 0],
      [120, 2, 0],
    ],
  );
  assert.deepEqual(series[1]?.ResponseTimeHistogram.toJSON(), [{ Value: 0.25, Count: 2 }]);
  assert.deepEqual(timeSeriesStatistics(window, { service: { name: 'api', type: 'client' } }), []);
});
