import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { traceCommand } from './trace-command.ts';
import { formatTable, parseAge, tracesCommand } from './traces-command.ts';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, env: {} },
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

test('traces prints matching traces newest first, with the filter sent to the server', async () => {
  let sent: { FilterExpression?: string; StartTime: number; EndTime: number } | undefined;
  const server = await fakeServer((_path, body) => {
    sent = JSON.parse(body) as typeof sent;
    return [
      200,
      {
        TraceSummaries: [
          {
            Id: '1-old',
            StartTime: 1_800_000_000,
            ResponseTime: 2,
            Http: { HttpStatus: 200, HttpMethod: 'GET', HttpURL: '/a' },
          },
          { Id: '1-new', StartTime: 1_800_000_100, ResponseTime: 1.6, HasFault: true, Http: { HttpStatus: 500 } },
        ],
      },
    ];
  });
  const c = capture();
  assert.equal(
    await tracesCommand(['--filter', 'responsetime > 1.5', '--since', '1h', '--server', server.url], c.io),
    0,
  );
  await server.close();
  assert.equal(sent?.FilterExpression, 'responsetime > 1.5');
  assert.ok(Math.abs((sent?.EndTime ?? 0) - (sent?.StartTime ?? 0) - 3600) < 1);
  const lines = c.out().trim().split('\n');
  assert.match(lines[0] ?? '', /^ID\s+TIME \(UTC\)\s+RESPONSE\s+STATUS\s+METHOD\s+URL\s+FLAGS$/);
  assert.match(lines[1] ?? '', /^1-new .*1600 ms\s+500\s+fault$/);
  assert.match(lines[2] ?? '', /^1-old .*2000 ms\s+200\s+GET\s+\/a$/);
});

test('a bad filter prints the caret message; an unreachable server says so', async () => {
  const message = "1:1: Unknown keyword 'responstime'.\n  responstime > 1\n  ^^^^^^^^^^^";
  const server = await fakeServer(() => [400, { __type: 'InvalidRequestException', message }]);
  const c = capture();
  assert.equal(await tracesCommand(['--filter', 'responstime > 1', '--server', server.url], c.io), 1);
  await server.close();
  assert.ok(c.err().includes(message));
  const d = capture();
  assert.equal(await tracesCommand(['--server', server.url], d.io), 1);
  assert.match(d.err(), /cannot reach the Roentgen server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  assert.equal(parseAge('nonsense'), undefined);
  assert.match(formatTable([]), /0 traces$/);
});

test('trace draws a timeline: rows indented under parents, bars scaled, faults marked', async () => {
  const front = {
    id: 'a1',
    name: 'front',
    trace_id: 't',
    start_time: 100,
    end_time: 101,
    fault: true,
    subsegments: [{ id: 'a2', name: 'call', start_time: 100.5, end_time: 101 }],
  };
  const orders = { id: 'b1', name: 'orders', trace_id: 't', parent_id: 'a2', start_time: 100.5, end_time: 100.75 };
  const server = await fakeServer(() => [
    200,
    { Traces: [{ Segments: [front, orders].map((d) => ({ Id: d.id, Document: JSON.stringify(d) })) }] },
  ]);
  const c = capture();
  assert.equal(await traceCommand(['1-x', '--server', server.url], c.io), 0);
  await server.close();
  const lines = c.out().trim().split('\n');
  assert.equal(lines[0], 'trace 1-x  1000 ms');
  assert.match(lines[1] ?? '', /^front\s+\|█{40}\|\s+1000 ms FAULT$/);
  assert.match(lines[2] ?? '', /^ {2}call\s+\| {20}█{20}\|\s+500 ms$/);
  assert.match(lines[3] ?? '', /^ {4}orders\s+\| {20}█{10} {10}\|\s+250 ms$/);
});
