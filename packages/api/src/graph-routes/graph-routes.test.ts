import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { XRayService } from '@roentgen/service-map';
import type { Graph } from './graph-routes-harness.ts';
import { BASE, byName, refused, setUp, shopTrace } from './graph-routes-harness.ts';

test('GetServiceGraph reads the stored statistics over the window, widened to whole minutes', async () => {
  const { call } = await setUp([shopTrace(1, BASE + 10), shopTrace(2, BASE + 70, { fault: true })]);
  const graph = await call<Graph>('/ServiceGraph', { StartTime: BASE + 5.5, EndTime: BASE + 119 });
  assert.equal(graph.StartTime, BASE);
  assert.equal(graph.EndTime, BASE + 120);
  assert.equal(graph.ContainsOldGroupVersions, false);
  assert.deepEqual(
    graph.Services.map((s) => [s.ReferenceId, s.Name, s.Type ?? null, s.State]),
    [
      [0, 'front', 'client', 'unknown'],
      [1, 'front', 'AWS::EC2::Instance', 'active'],
      [2, 'orders', null, 'active'],
      [3, 'orders-table', 'AWS::DynamoDB::Table', 'unknown'],
    ],
  );
  const front = byName(graph.Services, 'front', 'AWS::EC2::Instance');
  assert.equal(front.Root, true);
  assert.equal(front.AccountId, '000000000000');
  assert.deepEqual(front.SummaryStatistics, {
    OkCount: 1,
    ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
    FaultStatistics: { OtherCount: 1, TotalCount: 1 },
    TotalCount: 2,
    TotalResponseTime: 0.6,
  });
  assert.deepEqual(front.ResponseTimeHistogram, [{ Value: 0.3, Count: 2 }]);
  assert.deepEqual(
    front.Edges.map((e) => [e.ReferenceId, e.SummaryStatistics?.TotalCount]),
    [[2, 2]],
  );
  const client = byName(graph.Services, 'front', 'client');
  assert.equal(client.SummaryStatistics, undefined);
  assert.deepEqual(client.Edges[0]?.ReferenceId, 1);
  const orders = byName(graph.Services, 'orders');
  assert.deepEqual(orders.Edges[0]?.ResponseTimeHistogram, [{ Value: 0.05, Count: 2 }]);

  const first = await call<Graph>('/ServiceGraph', { StartTime: BASE, EndTime: BASE + 60 });
  assert.equal(byName(first.Services, 'front', 'AWS::EC2::Instance').SummaryStatistics?.TotalCount, 1);
  assert.equal(byName(first.Services, 'front', 'AWS::EC2::Instance').SummaryStatistics?.FaultStatistics.TotalCount, 0);
  const empty = await call<Graph>('/ServiceGraph', { StartTime: BASE + 600, EndTime: BASE + 660 });
  assert.deepEqual(empty.Services, []);
});

test('bad windows are refused with messages that say what to change', async () => {
  const { call } = await setUp([]);
  await refused(call('/ServiceGraph', { EndTime: BASE }), /StartTime is required/);
  await refused(call('/ServiceGraph', { StartTime: BASE, EndTime: BASE }), /EndTime .* must be later than StartTime/);
  await refused(
    call('/ServiceGraph', { StartTime: BASE, EndTime: BASE + 25 * 3600 }),
    /25 hours; GetServiceGraph covers at most 24 hours/,
  );
  await refused(
    call('/ServiceGraph', { StartTime: 'soon', EndTime: BASE }),
    /StartTime must be a number of epoch seconds/,
  );
  await refused(
    call('/TimeSeriesServiceStatistics', { StartTime: BASE, EndTime: BASE + 60, Period: 90 }),
    /Period must be .* multiple of 60.*got 90/,
  );
  await refused(
    call('/TimeSeriesServiceStatistics', { StartTime: BASE, EndTime: BASE + 60, Period: 30 }),
    /multiple of 60/,
  );
  await refused(
    call('/TimeSeriesServiceStatistics', { StartTime: BASE, EndTime: BASE + 2 * 86400, Period: 60 }),
    /48 hours; GetTimeSeriesServiceStatistics with a Period of 60 s covers at most 24 hours/,
  );
  await refused(
    call('/ServiceGraph', { StartTime: BASE, EndTime: BASE + 60, GroupName: 'nope' }),
    /Group nope does not exist/,
    'ResourceNotFoundException',
  );
});

test('a group other than Default gets the graph of its own traces only', async () => {
  const { call, groups } = await setUp([
    shopTrace(1, BASE + 10),
    shopTrace(2, BASE + 20, { fault: true }),
    shopTrace(3, BASE + 30, { fault: true }),
  ]);
  const faulty = await groups.create('faulty', { filterExpression: 'fault = true' });
  const all = await call<Graph>('/ServiceGraph', { StartTime: BASE, EndTime: BASE + 60, GroupName: 'Default' });
  assert.equal(byName(all.Services, 'orders').SummaryStatistics?.TotalCount, 3);
  const graph = await call<Graph>('/ServiceGraph', { StartTime: BASE, EndTime: BASE + 60, GroupARN: faulty.GroupARN });
  const orders = byName(graph.Services, 'orders');
  assert.equal(orders.SummaryStatistics?.TotalCount, 2);
  assert.equal(orders.SummaryStatistics?.FaultStatistics.TotalCount, 2);
  assert.equal(byName(graph.Services, 'orders-table').SummaryStatistics?.TotalCount, 2);
  assert.equal(graph.ContainsOldGroupVersions, false);

  const series = await call<{ TimeSeriesServiceStatistics: { EdgeSummaryStatistics: { TotalCount: number } }[] }>(
    '/TimeSeriesServiceStatistics',
    { StartTime: BASE, EndTime: BASE + 60, GroupName: 'faulty', EntitySelectorExpression: 'edge("front", "orders")' },
  );
  assert.equal(series.TimeSeriesServiceStatistics.length, 1);
  assert.equal(series.TimeSeriesServiceStatistics[0]?.EdgeSummaryStatistics.TotalCount, 2);
});

test('a group window holding too many traces is refused, not answered partially', async () => {
  const { call, groups } = await setUp(
    [shopTrace(1, BASE + 10, { fault: true }), shopTrace(2, BASE + 20, { fault: true })],
    { maxGroupTraces: 1 },
  );
  await groups.create('faulty', { filterExpression: 'fault = true' });
  await refused(
    call('/ServiceGraph', { StartTime: BASE, EndTime: BASE + 60, GroupName: 'faulty' }),
    /Group faulty has more than 1 traces between .*; .* ask for a shorter window/,
  );
});

test('GetTraceGraph builds the graph of the named traces from their documents', async () => {
  const traces = [shopTrace(1, BASE + 10), shopTrace(2, BASE + 4000, { fault: true })];
  const { call } = await setUp(traces);
  const ids = traces.map((t) => t[0]?.trace_id ?? '');
  const graph = await call<{ Services: XRayService[] }>('/TraceGraph', {
    TraceIds: [...ids, '1-00000000-000000000000000000000000', 'garbage'],
  });
  assert.equal(byName(graph.Services, 'orders').SummaryStatistics?.TotalCount, 2);
  assert.equal(byName(graph.Services, 'orders-table').Type, 'AWS::DynamoDB::Table');
  const one = await call<{ Services: XRayService[] }>('/TraceGraph', { TraceIds: [ids[1]] });
  assert.equal(byName(one.Services, 'front', 'AWS::EC2::Instance').SummaryStatistics?.FaultStatistics.TotalCount, 1);
  await refused(call('/TraceGraph', {}), /TraceIds is required/);
});
