/**
 * Ingest benchmark (issue 2): UDP and HTTP into the embedded store, each beside a baseline measured
 * in the same run that only receives and JSON.parses (no store). Also: time to visibility, peak
 * memory, bytes on disk per segment. Run: `node --import tsx bench/ingest.bench.ts [--quick]`.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  EMBEDDED_DERIVED_FILE,
  EMBEDDED_STORE_FILE,
  readServerConfig,
  startServer,
  type RunningServer,
} from '@roentgen/server-app';
import { temporaryDirectory } from '../tests/support/test-server.ts';
import { benchSegment, benchTraceId, datagramFor } from './support/segment-factory.ts';
import { peakRssMiB, percentile, progress, progressDone, recordResults } from './support/bench-report.ts';

const quick = process.argv.includes('--quick');
const udpRate = 50_000;
const udpSeconds = quick ? 3 : 10;
const httpDocuments = quick ? 50_000 : 200_000;
const senderScript = fileURLToPath(new URL('./support/udp-sender.ts', import.meta.url));

function runSender(port: number, count: number, rate: number): Promise<{ sent: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', senderScript, String(port), String(count), String(rate)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { sent: number; seconds: number })
        : reject(new Error(`sender exited ${code}`)),
    );
  });
}

async function waitUntilStable(
  read: () => Promise<number>,
  target: number,
  label: string,
): Promise<{ count: number; at: number }> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const count = await read();
    progress(`${label}: ${count.toLocaleString()} / ${target.toLocaleString()} stored`);
    if (count !== last) {
      last = count;
      lastChange = Date.now();
    }
    if (count >= target || Date.now() - lastChange > 2_000) {
      progressDone();
      return { count, at: count >= target ? Date.now() : lastChange };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function udpBaseline(count: number): Promise<{ received: number; perSecond: number }> {
  const socket = createSocket('udp4');
  let received = 0;
  let first = 0;
  let lastAt = 0;
  socket.on('message', (message: Buffer) => {
    const newline = message.indexOf(10);
    JSON.parse(message.subarray(newline + 1).toString('utf8'));
    if (received === 0) first = Date.now();
    received += 1;
    lastAt = Date.now();
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  socket.setRecvBufferSize(16 * 1024 * 1024);
  await runSender(socket.address().port, count, udpRate);
  await new Promise((r) => setTimeout(r, 1_000));
  socket.close();
  return { received, perSecond: Math.round(received / Math.max(0.001, (lastAt - first) / 1000)) };
}

async function startRoentgen(): Promise<{ server: RunningServer; remove: () => void; dataDir: string }> {
  const dir = temporaryDirectory('roentgen-bench-');
  const config = readServerConfig({ listen: '127.0.0.1:0', udp: '127.0.0.1:0', data: dir.path }, {}, () => undefined);
  return { server: await startServer(config), remove: dir.remove, dataDir: dir.path };
}

async function udpIntoStore(count: number, rate = udpRate) {
  const { server, remove, dataDir } = await startRoentgen();
  const started = Date.now();
  await runSender(server.udpAddress.port, count, rate);
  const { count: stored, at } = await waitUntilStable(
    async () => (await server.store.stats()).documents,
    count,
    'udp → store',
  );
  const visibility = await timeToVisibility(server);
  await server.stop();
  // After stop the store is checkpointed: the files hold everything, the write-ahead logs nothing.
  const files = [EMBEDDED_STORE_FILE, EMBEDDED_DERIVED_FILE].map((name) => join(dataDir, name));
  const bytes = files.reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
  const disk = Math.round(bytes / stored);
  remove();
  return {
    sent: count,
    stored,
    lost: count - stored,
    perSecond: Math.round(stored / ((at - started) / 1000)),
    visibility,
    disk,
  };
}

/** Sends single probe datagrams and polls BatchGetTraces until each is visible. */
async function timeToVisibility(server: RunningServer): Promise<{ p50Ms: number; p99Ms: number }> {
  const socket = createSocket('udp4');
  const samples: number[] = [];
  const base = `http://127.0.0.1:${server.httpAddress.port}`;
  for (let i = 0; i < (quick ? 30 : 100); i++) {
    const now = Date.now() / 1000;
    const document = benchSegment(benchTraceId(now), now, i);
    const sentAt = performance.now();
    socket.send(datagramFor(document), server.udpAddress.port, '127.0.0.1');
    for (;;) {
      const response = await fetch(`${base}/Traces`, {
        method: 'POST',
        body: JSON.stringify({ TraceIds: [document['trace_id']] }),
      });
      const body = (await response.json()) as { Traces: unknown[] };
      if (body.Traces.length > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    samples.push(performance.now() - sentAt);
  }
  socket.close();
  return { p50Ms: Math.round(percentile(samples, 50)), p99Ms: Math.round(percentile(samples, 99)) };
}

function httpBatches(total: number, perBatch: number): string[] {
  const now = Date.now() / 1000;
  const batches: string[] = [];
  for (let i = 0; i < total; i += perBatch) {
    const documents = Array.from({ length: perBatch }, (_, j) =>
      JSON.stringify(benchSegment(benchTraceId(now), now, i + j)),
    );
    batches.push(JSON.stringify({ TraceSegmentDocuments: documents }));
  }
  return batches;
}

async function postAll(url: string, batches: string[], concurrency: number, label: string): Promise<number> {
  let next = 0;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const body = batches[next++]!;
        const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
        done += 1;
        if (done % 20 === 0) progress(`${label}: ${done}/${batches.length} batches`);
      }
    }),
  );
  progressDone();
  return (Date.now() - started) / 1000;
}

async function httpBaseline(batches: string[], documents: number): Promise<number> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { TraceSegmentDocuments: string[] };
      for (const d of body.TraceSegmentDocuments) JSON.parse(d);
      res.end('{"UnprocessedTraceSegments":[]}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const seconds = await postAll(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/TraceSegments`,
    batches,
    4,
    'http baseline',
  );
  server.close();
  return Math.round(documents / seconds);
}

async function httpIntoStore(batches: string[], documents: number): Promise<number> {
  const { server, remove } = await startRoentgen();
  const seconds = await postAll(
    `http://127.0.0.1:${server.httpAddress.port}/TraceSegments`,
    batches,
    4,
    'http → store',
  );
  await server.stop();
  remove();
  return Math.round(documents / seconds);
}

const udpCount = udpRate * udpSeconds;
const baseline = await udpBaseline(udpCount);
const udp = await udpIntoStore(udpCount);
// The highest of these offered rates that the server stores without losing a datagram.
const lowerRates = [];
for (const rate of [5_000, 10_000, 20_000]) {
  const run = await udpIntoStore(rate * udpSeconds, rate);
  lowerRates.push({ offeredPerSecond: rate, sent: run.sent, stored: run.stored, lost: run.lost });
}
const batches = httpBatches(httpDocuments, 250);
const httpBase = await httpBaseline(batches, httpDocuments);
const http = await httpIntoStore(batches, httpDocuments);
recordResults('ingest', {
  machine: { cores: (await import('node:os')).availableParallelism(), node: process.version },
  udp: {
    offeredPerSecond: udpRate,
    seconds: udpSeconds,
    baseline: { ...baseline, lost: udpCount - baseline.received },
    roentgen: { sent: udp.sent, stored: udp.stored, lost: udp.lost, perSecond: udp.perSecond },
    ratioToBaseline: Number((udp.perSecond / baseline.perSecond).toFixed(2)),
    lowerRates,
  },
  http: {
    documents: httpDocuments,
    batchSize: 250,
    concurrency: 4,
    baselinePerSecond: httpBase,
    roentgenPerSecond: http,
    ratioToBaseline: Number((http / httpBase).toFixed(2)),
  },
  timeToVisibilityMs: udp.visibility,
  bytesOnDiskPerSegment: udp.disk,
  peakRssMiB: peakRssMiB(),
});
