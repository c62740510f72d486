/**
 * The load driver of the SDK overhead benchmark, run as its own process so its work is never
 * counted against the service: `sdk-load-driver.ts SERVICE_URL REQUESTS CONCURRENT_REQUESTS WARMUP`.
 *
 * Phases: WARMUP untimed requests; REQUESTS sequential requests, timing each, sampling the service's
 * memory at 10 %, 50 % and 100 %; then CONCURRENT_REQUESTS with 10 in flight. CPU time is the
 * service's own (`/__stats` before and after each phase). Prints one JSON object on stdout.
 */
import http from 'node:http';
import { percentile, progress } from './bench-report.ts';
import type { ServiceStats } from './sdk-service.ts';

const [baseUrl, requestsArg, concurrentArg, warmupArg] = process.argv.slice(2);
const requests = Number(requestsArg);
const concurrentRequests = Number(concurrentArg);
const warmup = Number(warmupArg);
const CONCURRENCY = 10;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}: ${text}`)),
        );
      })
      .on('error', reject);
  });
}

/** The service's figures; `gc` runs a full collection first (for memory), else CPU only matters. */
async function serviceStats(gc: boolean): Promise<ServiceStats> {
  return JSON.parse(await get(gc ? '/__stats' : '/__cpu')) as ServiceStats;
}

function cpuMicros(from: ServiceStats, to: ServiceStats): number {
  return to.userMicros - from.userMicros + (to.systemMicros - from.systemMicros);
}

/** Latencies in microseconds, kept in a typed array: a million numbers without a million boxes. */
async function timedRequest(latencies: Float64Array, index: number): Promise<void> {
  const started = process.hrtime.bigint();
  await get('/order');
  latencies[index] = Number(process.hrtime.bigint() - started) / 1000;
}

function summarize(latencies: Float64Array, seconds: number, cpu: number, count: number) {
  const values = Array.from(latencies);
  return {
    requests: count,
    seconds: Number(seconds.toFixed(2)),
    requestsPerSecond: Math.round(count / seconds),
    p50Micros: Math.round(percentile(values, 50)),
    p99Micros: Math.round(percentile(values, 99)),
    cpuMicrosPerRequest: Number((cpu / count).toFixed(2)),
  };
}

for (let i = 0; i < warmup; i++) await get('/order');

const memory: { afterRequests: number; rssMiB: number; heapUsedMiB: number }[] = [];
const mib = (bytes: number): number => Number((bytes / 1_048_576).toFixed(2));
const checkpoints = new Set([Math.round(requests * 0.1), Math.round(requests * 0.5), requests]);

const sequentialLatencies = new Float64Array(requests);
let cpuExcluded = 0;
const initial = await serviceStats(true);
memory.push({ afterRequests: 0, rssMiB: mib(initial.rss), heapUsedMiB: mib(initial.heapUsed) });
const sequentialStart = await serviceStats(false);
let started = performance.now();
for (let i = 0; i < requests; i++) {
  await timedRequest(sequentialLatencies, i);
  if (checkpoints.has(i + 1)) {
    // A forced GC costs the service CPU that is not tracing; measure it and leave it out.
    const before = await serviceStats(false);
    const sample = await serviceStats(true);
    cpuExcluded += cpuMicros(before, sample);
    memory.push({ afterRequests: i + 1, rssMiB: mib(sample.rss), heapUsedMiB: mib(sample.heapUsed) });
  }
  if ((i + 1) % 10_000 === 0) progress(`  sequential ${i + 1}/${requests}`);
}
let seconds = (performance.now() - started) / 1000;
const sequentialEnd = await serviceStats(false);
const sequential = summarize(
  sequentialLatencies,
  seconds,
  cpuMicros(sequentialStart, sequentialEnd) - cpuExcluded,
  requests,
);

const concurrentLatencies = new Float64Array(concurrentRequests);
const concurrentStart = await serviceStats(false);
started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < concurrentRequests) {
      const index = next++;
      await timedRequest(concurrentLatencies, index);
      if ((index + 1) % 10_000 === 0) progress(`  concurrency ${CONCURRENCY}: ${index + 1}/${concurrentRequests}`);
    }
  }),
);
seconds = (performance.now() - started) / 1000;
const concurrentEnd = await serviceStats(false);
const concurrent = summarize(
  concurrentLatencies,
  seconds,
  cpuMicros(concurrentStart, concurrentEnd),
  concurrentRequests,
);
await get('/__flush');

agent.destroy();
process.stdout.write(JSON.stringify({ sequential, concurrent, memory }) + '\n');
