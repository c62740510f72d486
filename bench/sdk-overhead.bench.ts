/**
 * SDK overhead benchmark (issue 3): the same small HTTP service (one incoming request, two
 * annotations, one outgoing GET to a local stub) untraced, traced by our SDK, by aws-xray-sdk-core
 * and by OpenTelemetry, each in its own process, driven by a load driver in another process. This
 * process only hosts the stub and the sinks (a UDP sink that counts datagrams, an OTLP sink that
 * counts export requests).
 *
 * Reports per variant: CPU time of the service per request and latency p50/p99 (sequential, and
 * with 10 in flight), each also as "added" over the untraced baseline; RSS and heap after a full GC
 * at 0 %, 10 %, 50 % and 100 % of the sequential requests. Goal: our added CPU at most half the
 * cheaper peer's, and flat memory.
 *
 * Run: `node --import tsx bench/sdk-overhead.bench.ts [--full] [--requests N] [--profile] [--variants a,b]`
 * (default 100,000 sequential requests, `--full` 1,000,000; `--profile` writes `--cpu-prof` files
 * of every service under bench/results/profiles/).
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { progress, progressDone, recordResults } from './support/bench-report.ts';
import { VARIANTS, type VariantName } from './support/sdk-variants.ts';

const args = process.argv.slice(2);
const requestsFlag = args.indexOf('--requests');
const requests = requestsFlag >= 0 ? Number(args[requestsFlag + 1]) : args.includes('--full') ? 1_000_000 : 100_000;
const concurrentRequests = Math.round(requests / 2);
const warmup = Math.min(5_000, Math.max(500, Math.round(requests / 20)));
const profile = args.includes('--profile');
const variantsFlag = args.indexOf('--variants');
// A subset (comma-separated) for profiling rounds; the baseline always runs, the goal needs all.
const selected = VARIANTS.filter(
  (v) => variantsFlag < 0 || v === 'untraced' || (args[variantsFlag + 1] ?? '').split(',').includes(v),
);
/** Heap growth between the 10 % and the 100 % sample that still counts as flat (MiB). */
const FLAT_HEAP_MIB = 2;

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const profileDir = here('./results/profiles');

interface PhaseFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Micros: number;
  p99Micros: number;
  cpuMicrosPerRequest: number;
}
interface DriverFigures {
  sequential: PhaseFigures;
  concurrent: PhaseFigures;
  memory: { afterRequests: number; rssMiB: number; heapUsedMiB: number }[];
}

async function startSinks() {
  const stub = createServer((_req, res) => res.end('ok'));
  stub.keepAliveTimeout = 60_000;
  const counts = { datagrams: 0, otlpRequests: 0 };
  const otlp = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      counts.otlpRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const udp = createSocket('udp4');
  udp.on('message', () => counts.datagrams++);
  await Promise.all([
    new Promise<void>((r) => stub.listen(0, '127.0.0.1', r)),
    new Promise<void>((r) => otlp.listen(0, '127.0.0.1', r)),
    new Promise<void>((r) => udp.bind(0, '127.0.0.1', r)),
  ]);
  udp.setRecvBufferSize(8 * 1024 * 1024);
  return {
    counts,
    stubUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}/stock`,
    otlpUrl: `http://127.0.0.1:${(otlp.address() as AddressInfo).port}/v1/traces`,
    udpPort: udp.address().port,
    close: () => {
      stub.close();
      otlp.close();
      udp.close();
    },
  };
}

function runNode(script: string, scriptArgs: string[], nodeFlags: string[] = []) {
  return spawn(process.execPath, [...nodeFlags, '--import', 'tsx', here(script), ...scriptArgs], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

async function runVariant(variant: VariantName, sinks: Awaited<ReturnType<typeof startSinks>>): Promise<DriverFigures> {
  const flags = ['--expose-gc', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, variant)}`] : [])];
  const service = runNode(
    './support/sdk-service.ts',
    [variant, sinks.stubUrl, String(sinks.udpPort), sinks.otlpUrl],
    flags,
  );
  const exited = new Promise<number | null>((r) => service.once('exit', r));
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: service.stdout }).once('line', resolve);
    void exited.then((code) => reject(new Error(`${variant} service exited (${code}) before listening`)));
  });
  const { port } = JSON.parse(firstLine) as { port: number };
  const driver = runNode('./support/sdk-load-driver.ts', [
    `http://127.0.0.1:${port}`,
    String(requests),
    String(concurrentRequests),
    String(warmup),
  ]);
  let out = '';
  driver.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((r) => driver.once('exit', r));
  service.stdin.end();
  await exited;
  if (code !== 0) throw new Error(`load driver for ${variant} exited with ${code}`);
  return JSON.parse(out) as DriverFigures;
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

function added(figures: PhaseFigures, baseline: PhaseFigures) {
  return {
    cpuMicrosPerRequest: round(figures.cpuMicrosPerRequest - baseline.cpuMicrosPerRequest),
    p50Micros: figures.p50Micros - baseline.p50Micros,
    p99Micros: figures.p99Micros - baseline.p99Micros,
  };
}

function heapGrowth(memory: DriverFigures['memory']): number {
  const at10 = memory[1]?.heapUsedMiB ?? NaN;
  const at100 = memory.at(-1)?.heapUsedMiB ?? NaN;
  return round(at100 - at10, 2);
}

const sinks = await startSinks();
const results: Partial<Record<VariantName, DriverFigures & { datagrams: number; otlpRequests: number }>> = {};
progress(
  `sdk overhead: ${requests.toLocaleString()} sequential + ${concurrentRequests.toLocaleString()} concurrent requests per variant`,
);
progressDone();
for (const variant of selected) {
  progress(`${variant}…`);
  progressDone();
  const before = { ...sinks.counts };
  const figures = await runVariant(variant, sinks);
  await new Promise((r) => setTimeout(r, 200)); // the last datagrams and exports
  results[variant] = {
    ...figures,
    datagrams: sinks.counts.datagrams - before.datagrams,
    otlpRequests: sinks.counts.otlpRequests - before.otlpRequests,
  };
  const s = figures.sequential;
  progress(`${variant}: ${s.cpuMicrosPerRequest} µs CPU/request, p50 ${s.p50Micros} µs, p99 ${s.p99Micros} µs`);
  progressDone();
}
sinks.close();

const baseline = results.untraced;
if (baseline === undefined) throw new Error('no baseline');
const traced = selected
  .filter((v) => v !== 'untraced')
  .map((variant) => {
    const r = results[variant];
    if (r === undefined) throw new Error(`no figures for ${variant}`);
    return {
      variant,
      addedSequential: added(r.sequential, baseline.sequential),
      addedConcurrent: added(r.concurrent, baseline.concurrent),
      heapGrowthMiB: heapGrowth(r.memory),
    };
  });
const ours = traced.find((t) => t.variant === 'roentgen-sdk');
const peers = traced.filter((t) => t.variant !== 'roentgen-sdk');
const cheaperPeer = Math.min(...peers.map((p) => p.addedSequential.cpuMicrosPerRequest));
recordResults('sdk-overhead', {
  requests,
  concurrentRequests,
  warmup,
  node: process.version,
  variants: results,
  added: traced,
  goal: {
    ourAddedCpuMicros: ours?.addedSequential.cpuMicrosPerRequest,
    cheaperPeerAddedCpuMicros: cheaperPeer,
    ratio: ours === undefined ? NaN : round(ours.addedSequential.cpuMicrosPerRequest / cheaperPeer, 2),
    atMostHalf: ours !== undefined && ours.addedSequential.cpuMicrosPerRequest <= cheaperPeer / 2,
    memoryFlat: ours !== undefined && ours.heapGrowthMiB <= FLAT_HEAP_MIB,
  },
  profiles: profile ? join('bench', 'results', 'profiles') : undefined,
});
