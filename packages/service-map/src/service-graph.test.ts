import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeStatsSum } from '@roentgen/storage';
import { sortHistogram } from '@roentgen/storage';
import { assembleTrace } from './assemble-trace.ts';
import { graphWindow } from './graph-window.ts';
import { toServiceGraphResponse } from './service-graph.ts';
import { lambdaTraceDocuments } from './testing/lambda-trace.ts';
import { buildTraceGraph } from './trace-graph.ts';

function lambdaServices(accountId?: string) {
  const window = graphWindow([buildTraceGraph(assembleTrace(lambdaTraceDocuments()))]);
  return toServiceGraphResponse(window, accountId === undefined ? {} : { accountId });
}

test('the Lambda trace becomes X-Ray Services with reference ids, edges and zero-filled statistics', () => {
  const services = lambdaServices();
  assert.deepEqual(
    services.map((s) => [s.ReferenceId, s.Name, s.Type, s.State, s.Root ?? false]),
    [
      [0, 'orders-api/prod', 'client', 'unknown', false],
      [1, 'api.example.com', 'remote', 'unknown', false],
      [2, 'orders', 'AWS::DynamoDB::Table', 'unknown', false],
      [3, 'orders-api/prod', 'AWS::ApiGateway::Stage', 'active', true],
      [4, 'orders-fn', 'AWS::Lambda', 'active', false],
      [5, 'orders-fn', 'AWS::Lambda::Function', 'active', false],
    ],
  );
  const edges = services.map((s) => s.Edges.map((e) => e.ReferenceId));
  assert.deepEqual(edges, [[3], [], [], [4], [5], [1, 2]]);
  // As on the wire: histograms serialize to their entries.
  assert.deepEqual(JSON.parse(JSON.stringify(services[2])), {
    ReferenceId: 2,
    Name: 'orders',
    Names: ['orders'],
    Type: 'AWS::DynamoDB::Table',
    State: 'unknown',
    StartTime: 1_700_000_000,
    EndTime: 1_700_000_001,
    Edges: [],
    SummaryStatistics: {
      OkCount: 1,
      ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
      FaultStatistics: { OtherCount: 0, TotalCount: 0 },
      TotalCount: 1,
      TotalResponseTime: 0.02,
    },
    DurationHistogram: [{ Value: 0.02, Count: 1 }],
    ResponseTimeHistogram: [{ Value: 0.02, Count: 1 }],
  });
});

test('client nodes carry no statistics; the client edge counts what the root node counts', () => {
  const services = lambdaServices();
  const client = services.find((s) => s.Type === 'client');
  const stage = services.find((s) => s.Root === true);
  assert.equal(client?.SummaryStatistics, undefined);
  assert.equal(client?.DurationHistogram, undefined);
  assert.equal(client?.ResponseTimeHistogram, undefined);
  assert.deepEqual(client?.Edges[0]?.SummaryStatistics, stage?.SummaryStatistics);
  assert.deepEqual(client?.Edges[0]?.Aliases, []);
  assert.deepEqual(client?.Edges[0]?.ResponseTimeHistogram.toJSON(), [{ Value: 0.5, Count: 1 }]);
  assert.equal('EdgeType' in (client?.Edges[0] ?? {}), false);
});

test('the fault on the HTTP API call shows in the edge and the inferred node', () => {
  const services = lambdaServices();
  const fn = services.find((s) => s.Type === 'AWS::Lambda::Function');
  const toApi = fn?.Edges.find((e) => e.ReferenceId === 1);
  assert.deepEqual(toApi?.SummaryStatistics.FaultStatistics, { OtherCount: 1, TotalCount: 1 });
  assert.equal(toApi?.SummaryStatistics.OkCount, 0);
  assert.deepEqual(services[1]?.SummaryStatistics?.FaultStatistics, { OtherCount: 1, TotalCount: 1 });
});

test('the ingesting account fills nodes without one, and the response survives JSON as numbers', () => {
  const services = lambdaServices('000000000000');
  assert.ok(services.every((s) => s.AccountId === '000000000000'));
  const json = JSON.parse(JSON.stringify(services)) as { StartTime: unknown }[];
  assert.ok(json.every((s) => typeof s.StartTime === 'number'));
});

test('rows of one node from several buckets and root flags are merged into one service', () => {
  const node = { name: 'svc', type: undefined, accountId: undefined };
  const row = (bucketStart: number, root: boolean, ok: number): NodeStatsSum => ({
    bucketStart,
    node,
    root,
    counters: {
      okCount: ok,
      errorThrottleCount: 1,
      errorOtherCount: 0,
      faultCount: 0,
      totalCount: ok + 1,
      totalResponseTime: 0.3,
    },
    responseTimeHistogram: sortHistogram({ 100: ok, 200: 1 }),
    durationHistogram: sortHistogram({ 100: ok + 1 }),
    startTime: bucketStart + 1.5,
    endTime: bucketStart + 2.5,
  });
  const [service, ...rest] = toServiceGraphResponse({ nodes: [row(60, false, 2), row(0, true, 1)], edges: [] });
  assert.equal(rest.length, 0);
  assert.equal(service?.Root, true);
  assert.equal(service?.Type, undefined);
  assert.equal(service?.State, 'active');
  assert.deepEqual([service?.StartTime, service?.EndTime], [1, 63]);
  assert.deepEqual(service?.SummaryStatistics?.ErrorStatistics, { ThrottleCount: 2, OtherCount: 0, TotalCount: 2 });
  assert.equal(service?.SummaryStatistics?.TotalResponseTime, 0.6);
  assert.deepEqual(service?.ResponseTimeHistogram?.toJSON(), [
    { Value: 0.1, Count: 3 },
    { Value: 0.2, Count: 2 },
  ]);
});

test('an edge whose ends have no node rows in the window still shows, with zero-statistics nodes', () => {
  const source = { name: 'svc', type: 'AWS::EC2::Instance', accountId: undefined };
  const target = { name: 'worker', type: undefined, accountId: undefined };
  const counters = {
    okCount: 1,
    errorThrottleCount: 0,
    errorOtherCount: 0,
    faultCount: 0,
    totalCount: 1,
    totalResponseTime: 0.5,
  };
  const services = toServiceGraphResponse({
    nodes: [],
    edges: [
      {
        bucketStart: 0,
        source,
        target,
        edgeType: undefined,
        counters,
        responseTimeHistogram: sortHistogram({ 500: 1 }),
        startTime: 10.2,
        endTime: 10.7,
      },
    ],
  });
  assert.deepEqual(
    services.map((s) => [
      s.ReferenceId,
      s.Name,
      s.StartTime,
      s.EndTime,
      s.SummaryStatistics?.TotalCount,
      s.Edges.map((e) => e.ReferenceId),
    ]),
    [
      [0, 'svc', 10, 11, 0, [1]],
      [1, 'worker', 10, 11, 0, []],
    ],
  );
  assert.deepEqual(services[1]?.DurationHistogram?.toJSON(), []);
});
