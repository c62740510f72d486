/**
 * Small helpers every benchmark shares: percentiles, a progress line on stderr, and writing the
 * figures as JSON under bench/results/ (gitignored) for docs/benchmarks.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The p-th percentile (0..100) of `values`, nearest-rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** Rewrites one progress line on stderr (a TTY) or prints it (a log). */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${message}`);
  else process.stderr.write(message + '\n');
}

/** Ends a progress line. */
export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
}

/** Writes `figures` to bench/results/NAME.json and prints them. */
export function recordResults(name: string, figures: unknown): void {
  const dir = join(fileURLToPath(new URL('..', import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(figures, null, 2) + '\n');
  process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
}

/** Peak resident memory of this process so far, MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** The figures a previous run wrote to bench/results/NAME.json, if any (for runs of one part). */
export function loadPreviousResults(name: string): Record<string, unknown> | undefined {
  const file = join(fileURLToPath(new URL('..', import.meta.url)), 'results', `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}
