import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, refused, setUp, shopTrace } from './graph-routes-harness.ts';

interface Series {
  TimeSeriesServiceStatistics: {
    Timestamp: number;
    EdgeSummaryStatistics: { TotalCount: number; FaultStatistics: { TotalCount: number } };
    ServiceSummaryStatistics: { TotalCount: number; OkCount: number };
    ResponseTimeHistogram: { Value: number; Count: number }[];
  }[];
  ContainsOldGroupVersions: boolean;
}

test('GetTimeSeriesServiceStatistics: all edges, one edge, one service, per Period', async () => {
  const { call } = await setUp([
    shopTrace(1, BASE + 10),
    shopTrace(2, BASE + 70, { fault: true }),
    shopTrace(3, BASE + 130),
  ]);
  const window = { StartTime: BASE, EndTime: BASE + 180 };
  const edges = await call<Series>('/TimeSeriesServiceStatistics', window);
  assert.deepEqual(
    edges.TimeSeriesServiceStatistics.map((p) => [p.Timestamp, p.EdgeSummaryStatistics.TotalCount]),
    [
      [BASE, 3],
      [BASE + 60, 3],
      [BASE + 120, 3],
    ],
  );
  assert.equal(edges.ContainsOldGroupVersions, false);
  assert.equal(edges.TimeSeriesServiceStatistics[0]?.ServiceSummaryStatistics.TotalCount, 0, 'zeros, present');

  const edge = await call<Series>('/TimeSeriesServiceStatistics', {
    ...window,
    Period: 120,
    EntitySelectorExpression: 'edge(id(name: "front", type: "AWS::EC2::Instance"), id(name: "orders"))',
  });
  assert.deepEqual(
    edge.TimeSeriesServiceStatistics.map((p) => [
      p.Timestamp,
      p.EdgeSummaryStatistics.TotalCount,
      p.EdgeSummaryStatistics.FaultStatistics.TotalCount,
    ]),
    [
      [BASE, 2, 1],
      [BASE + 120, 1, 0],
    ],
  );

  const service = await call<Series>('/TimeSeriesServiceStatistics', {
    ...window,
    EntitySelectorExpression: 'service(id(name: "orders-table", type: "AWS::DynamoDB::Table"))',
  });
  assert.deepEqual(
    service.TimeSeriesServiceStatistics.map((p) => [p.Timestamp, p.ServiceSummaryStatistics.OkCount]),
    [
      [BASE, 1],
      [BASE + 60, 1],
      [BASE + 120, 1],
    ],
  );
  assert.deepEqual(service.TimeSeriesServiceStatistics[0]?.ResponseTimeHistogram, [{ Value: 0.05, Count: 1 }]);
  assert.equal(service.TimeSeriesServiceStatistics[0]?.EdgeSummaryStatistics.TotalCount, 0);

  const byType = await call<Series>('/TimeSeriesServiceStatistics', {
    ...window,
    EntitySelectorExpression: 'id(type: "AWS::DynamoDB::Table")',
  });
  assert.equal(byType.TimeSeriesServiceStatistics.length, 3);

  await refused(
    call('/TimeSeriesServiceStatistics', { ...window, EntitySelectorExpression: 'servce(id(name: "x"))' }),
    /EntitySelectorExpression is not valid: .*Expected service/s,
  );
});
