/**
 * Per-trace derivation benchmark: the CPU cost of `deriveJob` (summary, filter facts, store record and
 * service-graph contribution of one settled trace), which the server's derivation worker pays for
 * every trace it keeps current. Traces are those of the GetTraceSummaries data set (about 8.5
 * documents each, bench/support/summary-traces.ts). Beside it, in the same run and on the same
 * documents, a baseline: just `JSON.parse` of each trace's documents, so that the ratio of the two
 * says how far derivation is from the least a worker must do, whatever the machine's speed today.
 * Run: `node --import tsx bench/derive.bench.ts [--traces N] [--rounds R]`.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { deriveJob } from '@roentgen/query';
import type { DerivationJob } from '@roentgen/query';
import type { DocumentRecord } from '@roentgen/storage';
import { percentile, progress, progressDone, recordResults } from './support/bench-report.ts';
import { benchTraceDocuments } from './support/summary-traces.ts';

const { values } = parseArgs({ options: { traces: { type: 'string' }, rounds: { type: 'string' } } });
const traceCount = Number(values.traces ?? 6_000);
const rounds = Number(values.rounds ?? 7);
const nowSeconds = Math.floor(Date.now() / 1000);

const traces: DocumentRecord[][] = Array.from({ length: traceCount }, (_, i) =>
  benchTraceDocuments(i, 1e9, nowSeconds, 1e9 / 1000),
);
const documents = traces.reduce((sum, records) => sum + records.length, 0);

// Fresh record objects every round, made outside the timed part: the worker receives structured
// clones it has never seen, so nothing cached on a record object from an earlier round may help.
function freshJobs(): DerivationJob[] {
  return traces.map((records) => ({ revision: records.length, records: records.map((r) => ({ ...r })) }));
}

/** Wall-clock and CPU microseconds per trace (CPU: every thread of the process, GC helpers too). */
interface Sample {
  readonly wallUs: number;
  readonly cpuUs: number;
}

async function measure(work: () => Promise<unknown> | void): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallUs = ((performance.now() - started) * 1000) / traceCount;
  const used = process.cpuUsage(cpu);
  return { wallUs, cpuUs: (used.user + used.system) / traceCount };
}

/** `deriveJob` over every trace once, the results kept until all are done (as the worker does per batch). */
async function timeDerive(): Promise<Sample> {
  const jobs = freshJobs();
  let derived: unknown[] = [];
  const sample = await measure(() => {
    derived = jobs.map(deriveJob);
  });
  if (derived.length !== traceCount) throw new Error(`derived ${derived.length} of ${traceCount} traces`);
  return sample;
}

/** Parsing every trace's documents' JSON text, the least any derivation does. */
async function timeParse(): Promise<Sample> {
  const jobs = freshJobs();
  let kept = 0;
  const sample = await measure(() => {
    for (const job of jobs) {
      for (const record of job.records) kept += (JSON.parse(record.document) as { id: string }).id.length;
    }
  });
  if (kept === 0) throw new Error('parsed nothing');
  return sample;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

// Warm-up: let the JIT settle on both paths before anything is timed.
progress('warming up');
for (let i = 0; i < 2; i++) {
  await timeDerive();
  await timeParse();
}

// Rounds alternate the two measurements, so a slow patch of the machine hits both alike.
const deriveSamples: Sample[] = [];
const parseSamples: Sample[] = [];
for (let i = 0; i < rounds; i++) {
  progress(`round ${i + 1} / ${rounds}`);
  deriveSamples.push(await timeDerive());
  parseSamples.push(await timeParse());
}
progressDone();

/** Median and best of one measure over the rounds, µs per trace. */
function summarize(samples: readonly Sample[], pick: (sample: Sample) => number) {
  const values = samples.map(pick);
  return { p50UsPerTrace: round(percentile(values, 50)), minUsPerTrace: round(Math.min(...values)) };
}

const deriveWall = summarize(deriveSamples, (s) => s.wallUs);
const deriveCpu = summarize(deriveSamples, (s) => s.cpuUs);
const parseWall = summarize(parseSamples, (s) => s.wallUs);
const parseCpu = summarize(parseSamples, (s) => s.cpuUs);
recordResults('derive', {
  machine: { cores: availableParallelism(), node: process.version },
  traces: traceCount,
  documentsPerTrace: round(documents / traceCount, 2),
  rounds,
  deriveJob: { wall: deriveWall, cpu: deriveCpu },
  parseBaseline: { wall: parseWall, cpu: parseCpu },
  // The figures to compare across runs and machines: derivation in units of plain parsing.
  deriveToParseRatio: {
    wall: round(deriveWall.p50UsPerTrace / parseWall.p50UsPerTrace, 2),
    cpu: round(deriveCpu.p50UsPerTrace / parseCpu.p50UsPerTrace, 2),
  },
});
