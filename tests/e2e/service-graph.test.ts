/**
 * GetServiceGraph, GetTraceGraph and GetTimeSeriesServiceStatistics through the real
 * `@aws-sdk/client-xray`, over graphs fed by PutTraceSegments (a Lambda behind API Gateway),
 * by `aws-xray-sdk-core` over UDP and by OpenTelemetry exporters: asserted node by node and
 * edge by edge. Also: the map is live (new documents show within a second).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetServiceGraphCommand,
  GetTimeSeriesServiceStatisticsCommand,
  GetTraceGraphCommand,
  InvalidRequestException,
  PutTraceSegmentsCommand,
  type Service,
  type XRayClient,
} from '@aws-sdk/client-xray';
import { eventually, startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';
import { graphEndpoint } from './service-graph/graph-endpoint.ts';
import { DURATIONS, lambdaShopTrace } from './service-graph/lambda-shop.ts';
import { edgeTo, nodeOf, stats } from './service-graph/graph-assertions.ts';

let server: TestServer;
let graph: { url: string; close: () => Promise<void> };
let client: XRayClient;
let writer: XRayClient;
/** A whole minute an hour ago: scenario (a) lives in [A, A + 60). */
const A = Math.floor(Date.now() / 60_000) * 60 - 3600;

before(async () => {
  server = await startTestServer();
  graph = await graphEndpoint(server);
  client = xrayClient(graph.url);
  writer = xrayClient(server.baseUrl);
  const documents = [0, 1, 2].flatMap((i) => lambdaShopTrace(100 + i, A + 5 + 10 * i, i === 2));
  await writer.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: documents.map((d) => JSON.stringify(d)) }));
});
after(async () => {
  await graph.close();
  await server.close();
});

async function serviceGraph(start: number, end: number, until: (services: Service[]) => boolean): Promise<Service[]> {
  return eventually(
    async () => {
      const out = await client.send(
        new GetServiceGraphCommand({ StartTime: new Date(start * 1000), EndTime: new Date(end * 1000) }),
      );
      return until(out.Services ?? []) ? (out.Services ?? []) : undefined;
    },
    5_000,
    'the service graph',
  );
}

test('(a) API Gateway → Lambda → DynamoDB and an external API, node by node and edge by edge', async () => {
  // Eventually consistent: under load the documents may be derived in more than one batch, and the
  // root moves to the gateway only once its segment is in.
  const services = await serviceGraph(A, A + 60, (s) => s.length === 6 && s.some((node) => node.Root === true));
  const out = await client.send(
    new GetServiceGraphCommand({ StartTime: new Date(A * 1000), EndTime: new Date((A + 60) * 1000) }),
  );
  assert.equal(out.StartTime?.getTime(), A * 1000);
  assert.equal(out.EndTime?.getTime(), (A + 60) * 1000);
  assert.equal(out.ContainsOldGroupVersions, false);
  assert.deepEqual(
    services.map((s) => [s.ReferenceId, s.Name, s.Type, s.State, s.Root ?? false]),
    [
      [0, 'shop-api/prod', 'client', 'unknown', false],
      [1, 'api.payments.example', 'remote', 'unknown', false],
      [2, 'carts', 'AWS::DynamoDB::Table', 'unknown', false],
      [3, 'checkout', 'AWS::Lambda', 'active', false],
      [4, 'checkout', 'AWS::Lambda::Function', 'active', false],
      [5, 'shop-api/prod', 'AWS::ApiGateway::Stage', 'active', true],
    ],
  );
  const clientNode = nodeOf(services, 'shop-api/prod', 'client');
  assert.equal(clientNode.SummaryStatistics, undefined, 'a client node has no statistics');
  assert.equal(clientNode.ResponseTimeHistogram, undefined);
  const gateway = nodeOf(services, 'shop-api/prod', 'AWS::ApiGateway::Stage');
  assert.deepEqual(stats(edgeTo(services, clientNode, gateway).SummaryStatistics), {
    ok: 2,
    error: 0,
    throttle: 0,
    fault: 1,
    total: 3,
  });
  assert.deepEqual(stats(gateway.SummaryStatistics), { ok: 2, error: 0, throttle: 0, fault: 1, total: 3 });
  assert.deepEqual(gateway.ResponseTimeHistogram, [{ Value: DURATIONS.gateway, Count: 3 }]);
  assert.equal(gateway.AccountId, '000000000000');

  const lambda = nodeOf(services, 'checkout', 'AWS::Lambda');
  const call = edgeTo(services, gateway, lambda);
  assert.deepEqual(stats(call.SummaryStatistics), { ok: 2, error: 0, throttle: 0, fault: 1, total: 3 });
  assert.deepEqual(call.ResponseTimeHistogram, [{ Value: DURATIONS.gatewayCall, Count: 3 }], "the caller's view");
  assert.deepEqual(call.Aliases, []);
  assert.deepEqual(lambda.ResponseTimeHistogram, [{ Value: DURATIONS.lambda, Count: 3 }]);

  const fn = nodeOf(services, 'checkout', 'AWS::Lambda::Function');
  assert.deepEqual(edgeTo(services, lambda, fn).ResponseTimeHistogram, [{ Value: DURATIONS.fn, Count: 3 }]);
  assert.deepEqual(stats(fn.SummaryStatistics), { ok: 2, error: 0, throttle: 0, fault: 1, total: 3 });

  const carts = nodeOf(services, 'carts', 'AWS::DynamoDB::Table');
  assert.deepEqual(stats(edgeTo(services, fn, carts).SummaryStatistics), {
    ok: 3,
    error: 0,
    throttle: 0,
    fault: 0,
    total: 3,
  });
  assert.deepEqual(stats(carts.SummaryStatistics), { ok: 3, error: 0, throttle: 0, fault: 0, total: 3 });
  assert.deepEqual(carts.ResponseTimeHistogram, [{ Value: DURATIONS.dynamodb, Count: 3 }]);
  assert.deepEqual(carts.Edges, []);

  const payments = nodeOf(services, 'api.payments.example', 'remote');
  assert.deepEqual(stats(edgeTo(services, fn, payments).SummaryStatistics), {
    ok: 2,
    error: 0,
    throttle: 0,
    fault: 1,
    total: 3,
  });
  assert.equal(payments.SummaryStatistics?.TotalResponseTime, Math.round(3 * DURATIONS.payments * 1e6) / 1e6);
  assert.deepEqual(fn.Edges?.map((e) => e.ReferenceId).sort(), [payments.ReferenceId, carts.ReferenceId].sort());
});

test('GetTraceGraph: the graph of just the named traces, from their documents', async () => {
  const faulty = lambdaShopTrace(102, A + 25, true)[0]?.trace_id ?? '';
  const out = await client.send(new GetTraceGraphCommand({ TraceIds: [faulty] }));
  const services = out.Services ?? [];
  assert.equal(services.length, 6);
  const fn = nodeOf(services, 'checkout', 'AWS::Lambda::Function');
  assert.deepEqual(stats(fn.SummaryStatistics), { ok: 0, error: 0, throttle: 0, fault: 1, total: 1 });
  const payments = nodeOf(services, 'api.payments.example', 'remote');
  assert.deepEqual(stats(edgeTo(services, fn, payments).SummaryStatistics), {
    ok: 0,
    error: 0,
    throttle: 0,
    fault: 1,
    total: 1,
  });
  const none = await client.send(new GetTraceGraphCommand({ TraceIds: ['1-00000000-000000000000000000000000'] }));
  assert.deepEqual(none.Services, []);
});

test('GetTimeSeriesServiceStatistics: every edge, one edge, one service, per minute', async () => {
  await serviceGraph(A, A + 60, (s) => s.length === 6);
  const window = { StartTime: new Date((A - 60) * 1000), EndTime: new Date((A + 120) * 1000), Period: 60 };
  const all = await client.send(new GetTimeSeriesServiceStatisticsCommand(window));
  assert.equal(all.ContainsOldGroupVersions, false);
  assert.deepEqual(
    all.TimeSeriesServiceStatistics?.map((p) => [p.Timestamp?.getTime(), p.EdgeSummaryStatistics?.TotalCount]),
    [[A * 1000, 15]],
    'five edges, three calls each, in the one minute with data',
  );
  const edge = await client.send(
    new GetTimeSeriesServiceStatisticsCommand({
      ...window,
      EntitySelectorExpression:
        'edge(id(name: "checkout", type: "AWS::Lambda::Function"), id(name: "api.payments.example"))',
    }),
  );
  const point = edge.TimeSeriesServiceStatistics?.[0];
  assert.deepEqual(stats(point?.EdgeSummaryStatistics), { ok: 2, error: 0, throttle: 0, fault: 1, total: 3 });
  assert.deepEqual(stats(point?.ServiceSummaryStatistics), { ok: 0, error: 0, throttle: 0, fault: 0, total: 0 });
  assert.deepEqual(point?.ResponseTimeHistogram, [{ Value: DURATIONS.payments, Count: 3 }]);
  const service = await client.send(
    new GetTimeSeriesServiceStatisticsCommand({ ...window, EntitySelectorExpression: 'service(id(name: "carts"))' }),
  );
  assert.deepEqual(stats(service.TimeSeriesServiceStatistics?.[0]?.ServiceSummaryStatistics), {
    ok: 3,
    error: 0,
    throttle: 0,
    fault: 0,
    total: 3,
  });
  await assert.rejects(
    client.send(new GetTimeSeriesServiceStatisticsCommand({ ...window, Period: 45 })),
    (error: unknown) => error instanceof InvalidRequestException && /multiple of 60/.test(error.message),
  );
});

test('bad windows raise InvalidRequestException with a clear message', async () => {
  const at = (s: number) => new Date(s * 1000);
  await assert.rejects(
    client.send(new GetServiceGraphCommand({ StartTime: at(A + 60), EndTime: at(A) })),
    (error: unknown) => error instanceof InvalidRequestException && /must be later than StartTime/.test(error.message),
  );
  await assert.rejects(
    client.send(new GetServiceGraphCommand({ StartTime: at(A - 2 * 86400), EndTime: at(A) })),
    (error: unknown) => error instanceof InvalidRequestException && /at most 24 hours/.test(error.message),
  );
});

test('the map is live: documents sent after a first GetServiceGraph show in the next within a second', async () => {
  const now = Math.floor(Date.now() / 1000);
  const window = { StartTime: new Date((now - 120) * 1000), EndTime: new Date((now + 120) * 1000) };
  const before = await client.send(new GetServiceGraphCommand(window));
  assert.equal(
    before.Services?.find((s) => s.Name === 'live-gateway/prod'),
    undefined,
  );
  const documents = lambdaShopTrace(900, now - 1).map((d) =>
    d.name === 'shop-api/prod' ? { ...d, name: 'live-gateway/prod' } : d,
  );
  const sentAt = Date.now();
  await writer.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: documents.map((d) => JSON.stringify(d)) }));
  const services = await eventually(
    async () => {
      const out = await client.send(new GetServiceGraphCommand(window));
      return out.Services?.some(
        (s) =>
          s.Name === 'live-gateway/prod' &&
          s.Type === 'AWS::ApiGateway::Stage' &&
          s.SummaryStatistics?.TotalCount === 1,
      )
        ? out.Services
        : undefined;
    },
    1_000,
    'the new node on the map',
  );
  assert.ok(Date.now() - sentAt <= 1_000);
  assert.equal(stats(nodeOf(services, 'live-gateway/prod', 'AWS::ApiGateway::Stage').SummaryStatistics).total, 1);
});
