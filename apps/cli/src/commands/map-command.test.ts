import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatMap, histogramPercentile, mapCommand, mapRows } from './map-command.ts';

function capture(env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env },
    out: () => out,
    err: () => err,
  };
}

async function fakeServer(answer: (path: string, body: string) => [number, unknown]) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const [status, value] = answer(req.url ?? '', body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

const statistics = (ok: number, fault: number, error = 0, throttle = 0) => ({
  OkCount: ok,
  ErrorStatistics: { ThrottleCount: throttle, OtherCount: error, TotalCount: error + throttle },
  FaultStatistics: { OtherCount: fault, TotalCount: fault },
  TotalCount: ok + fault + error + throttle,
  TotalResponseTime: 1,
});

/** 10 minutes: client → front → orders → table; orders faults 20% of the time, front is slow. */
const GRAPH = {
  StartTime: 1_800_000_000,
  EndTime: 1_800_000_600,
  Services: [
    {
      ReferenceId: 0,
      Name: 'front',
      Type: 'client',
      Edges: [{ ReferenceId: 1, SummaryStatistics: statistics(100, 0) }],
    },
    {
      ReferenceId: 1,
      Name: 'front',
      Type: 'AWS::EC2::Instance',
      SummaryStatistics: statistics(90, 0, 8, 2),
      ResponseTimeHistogram: [
        { Value: 0.1, Count: 50 },
        { Value: 0.9, Count: 45 },
        { Value: 2.5, Count: 5 },
      ],
      Edges: [
        {
          ReferenceId: 2,
          SummaryStatistics: statistics(40, 10),
          ResponseTimeHistogram: [{ Value: 0.05, Count: 50 }],
        },
      ],
    },
    {
      ReferenceId: 2,
      Name: 'orders',
      SummaryStatistics: statistics(40, 10),
      ResponseTimeHistogram: [{ Value: 0.04, Count: 50 }],
      Edges: [],
    },
  ],
};

test('map prints nodes and edges worst first with rates, shares and percentiles', async () => {
  let asked: { StartTime: number; EndTime: number } | undefined;
  let path = '';
  const server = await fakeServer((p, body) => {
    path = p;
    asked = JSON.parse(body) as typeof asked;
    return [200, GRAPH];
  });
  const c = capture({ ROENTGEN_SERVER: server.url });
  assert.equal(await mapCommand(['--since', '10m'], c.io), 0);
  await server.close();
  assert.equal(path, '/ServiceGraph');
  assert.ok(Math.abs((asked?.EndTime ?? 0) - (asked?.StartTime ?? 0) - 600) < 1);
  const lines = c.out().trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^KIND\s+NAME\s+TYPE\s+REQ\/MIN\s+FAULT\s+ERROR\s+THROTTLE\s+P50\s+P95$/);
  // Fault share first (orders and its inbound edge, 20%), then the slowest p95 (front, 900 ms).
  assert.match(lines[1] ?? '', /^edge\s+front → orders\s+5\.0\s+20\.0%\s+0\.0%\s+0\.0%\s+50 ms\s+50 ms$/);
  assert.match(lines[2] ?? '', /^node\s+orders\s+5\.0\s+20\.0%\s+0\.0%\s+0\.0%\s+40 ms\s+40 ms$/);
  assert.match(lines[3] ?? '', /^node\s+front\s+AWS::EC2::Instance\s+10\.0\s+0\.0%\s+8\.0%\s+2\.0%\s+100 ms\s+900 ms$/);
  assert.match(
    lines[4] ?? '',
    /^edge\s+front \(client\) → front\s+AWS::EC2::Instance\s+10\.0\s+0\.0%\s+0\.0%\s+0\.0%\s+-\s+-$/,
  );
  assert.equal(lines[5], '2 nodes, 2 edges');
  // Every figure column ends at the same place: the table is aligned.
  assert.equal(new Set(lines.slice(0, 5).map((l) => l.length)).size, 1);
});

test('map says clearly when the server is unreachable or refuses, and checks --since', async () => {
  const server = await fakeServer(() => [400, { __type: 'InvalidRequestException', message: 'EndTime must be later' }]);
  const refused = capture();
  assert.equal(await mapCommand(['--server', server.url], refused.io), 1);
  await server.close();
  assert.match(refused.err(), /the server refused the request \(400\):\nEndTime must be later/);
  const unreachable = capture();
  assert.equal(await mapCommand(['--server', server.url], unreachable.io), 1);
  assert.match(unreachable.err(), /cannot reach the Roentgen server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  const bad = capture();
  assert.equal(await mapCommand(['--since', 'yesterday'], bad.io), 2);
  assert.match(bad.err(), /--since must look like/);
  const help = capture();
  assert.equal(await mapCommand(['--help'], help.io), 0);
  assert.match(help.out(), /^Usage: roentgen map/);
});

test('percentiles come from the histogram by nearest rank; an empty map still prints a table', () => {
  const histogram = [
    { Value: 0.3, Count: 1 },
    { Value: 0.1, Count: 3 },
  ];
  assert.equal(histogramPercentile(histogram, 50), 0.1);
  assert.equal(histogramPercentile(histogram, 95), 0.3);
  assert.equal(histogramPercentile([], 50), undefined);
  assert.equal(formatMap(mapRows({ StartTime: 0, EndTime: 60, Services: [] })).split('\n')[1], '0 nodes, 0 edges');
});
