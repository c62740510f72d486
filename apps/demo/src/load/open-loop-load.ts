/**
 * Runs a load script open-loop, as Artillery does: arrivals follow the phases' rates whatever the
 * responses do, so a slow function shows up as latency instead of quietly lowering the load.
 */
import { LatencyStats, progressLine } from './latency-stats.ts';
import { arrivalsDue, scriptDuration, type LoadScript } from './load-script.ts';

/** How to run a script. */
export interface LoadOptions {
  /** Replaces the script's `config.target` (the demo aims at the gateway it started). */
  readonly target?: string;
  /** Called about once a second with the progress line, and once at the end with `final: true`. */
  readonly onProgress?: (line: string, final: boolean) => void;
  /** A request still unanswered after this long counts as `timeout`. Default 10 s. */
  readonly timeoutMs?: number;
  /** Stops new arrivals (requests in flight still finish). */
  readonly signal?: AbortSignal;
}

/** What a run measured. */
export interface LoadResult {
  readonly stats: LatencyStats;
  /** Arrivals started. */
  readonly arrivals: number;
  /** Epoch seconds of the first arrival and of the last completion. */
  readonly startTime: number;
  readonly endTime: number;
}

const TICK_MS = 10;

/** Runs `script` to its end (or until `signal` aborts) and waits for the requests in flight. */
export async function runLoad(script: LoadScript, options: LoadOptions = {}): Promise<LoadResult> {
  const target = options.target ?? script.target;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const stats = new LatencyStats();
  const inFlight = new Set<Promise<void>>();
  const duration = scriptDuration(script);
  const startTime = Date.now() / 1000;
  const started = performance.now();
  let arrivals = 0;
  let lastReport = { at: 0, arrivals: 0 };
  let rate = 0;

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      const done = elapsed >= duration || options.signal?.aborted === true;
      const due = Math.floor(arrivalsDue(script, Math.min(elapsed, duration)));
      while (!options.signal?.aborted && arrivals < due) {
        const flow = script.scenarios[arrivals % script.scenarios.length] ?? [];
        const request = runFlow(target, flow, stats, timeoutMs).finally(() => inFlight.delete(request));
        inFlight.add(request);
        arrivals++;
      }
      if (elapsed - lastReport.at >= 1) {
        rate = (arrivals - lastReport.arrivals) / (elapsed - lastReport.at);
        lastReport = { at: elapsed, arrivals };
        options.onProgress?.(progressLine(elapsed, rate, stats), false);
      }
      if (done) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  const elapsed = (performance.now() - started) / 1000;
  // The final rate is the arrival rate over the script, not diluted by waiting for the last answers.
  options.onProgress?.(progressLine(elapsed, arrivals / Math.max(Math.min(elapsed, duration), 1e-3), stats), true);
  return { stats, arrivals, startTime, endTime: Date.now() / 1000 };
}

async function runFlow(target: string, flow: readonly string[], stats: LatencyStats, timeoutMs: number) {
  for (const path of flow) {
    const began = performance.now();
    try {
      const response = await fetch(new URL(path, target), { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      stats.record(performance.now() - began, response.status);
    } catch (error) {
      stats.record(performance.now() - began, failureCode(error));
    }
  }
}

function failureCode(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timeout';
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof cause === 'string' ? cause : 'error';
}
