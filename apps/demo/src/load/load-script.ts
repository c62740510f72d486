/**
 * The subset of Artillery's script format the demo's load runner reads, so one file drives both it
 * and the real Artillery: `config.target`, `config.phases[]` (`duration` s, `arrivalRate` and
 * optional `rampTo` per second, `name`), and `scenarios[].flow[].get.url`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** One phase: arrivals per second go linearly from `arrivalRate` to `rampTo` over `duration`. */
export interface LoadPhase {
  readonly name: string | undefined;
  /** Seconds. */
  readonly duration: number;
  /** Arrivals per second at the phase's start. */
  readonly arrivalRate: number;
  /** Arrivals per second at its end (equal to `arrivalRate` when the script has no `rampTo`). */
  readonly rampTo: number;
}

/** A parsed script; each arrival runs one scenario's flow (the scenarios are picked in turn). */
export interface LoadScript {
  readonly target: string;
  readonly phases: readonly LoadPhase[];
  /** Per scenario, the paths its `get` steps fetch, in order. */
  readonly scenarios: readonly (readonly string[])[];
}

/** apps/demo/load/script.yml: ramp 10 → 25 requests/s over 15 s, then 25 requests/s for 60 s. */
export const DEFAULT_SCRIPT_PATH = fileURLToPath(new URL('../../load/script.yml', import.meta.url));

/** Reads and validates a script file; errors name the file and the field. */
export function readLoadScript(path: string = DEFAULT_SCRIPT_PATH): LoadScript {
  try {
    return parseLoadScript(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses script text (YAML). */
export function parseLoadScript(text: string): LoadScript {
  const root = mapping(parse(text), 'the script');
  const config = mapping(root['config'], 'config');
  const target = config['target'];
  if (typeof target !== 'string' || !/^https?:\/\//.test(target)) {
    throw new Error('config.target must be an http:// or https:// URL');
  }
  const phases = list(config['phases'], 'config.phases').map((value, i) =>
    phase(mapping(value, `config.phases[${i}]`), i),
  );
  const scenarios = list(root['scenarios'], 'scenarios').map((value, i) => {
    const flow = list(mapping(value, `scenarios[${i}]`)['flow'], `scenarios[${i}].flow`);
    return flow.map((step, j) => {
      const get = mapping(mapping(step, `scenarios[${i}].flow[${j}]`)['get'], `scenarios[${i}].flow[${j}].get`);
      const url = get['url'];
      if (typeof url !== 'string') throw new Error(`scenarios[${i}].flow[${j}].get.url must be a string`);
      return url;
    });
  });
  if (phases.length === 0) throw new Error('config.phases must hold at least one phase');
  if (scenarios.every((flow) => flow.length === 0)) throw new Error('scenarios must hold at least one get step');
  return { target, phases, scenarios };
}

/** The script's total length in seconds. */
export function scriptDuration(script: LoadScript): number {
  return script.phases.reduce((sum, p) => sum + p.duration, 0);
}

/**
 * How many arrivals are due `elapsed` seconds into the script: the integral of the piecewise
 * linear rate, so a ramp delivers exactly its average rate times its duration.
 */
export function arrivalsDue(script: LoadScript, elapsed: number): number {
  let due = 0;
  let start = 0;
  for (const p of script.phases) {
    const t = Math.min(Math.max(elapsed - start, 0), p.duration);
    due += p.arrivalRate * t + ((p.rampTo - p.arrivalRate) * t * t) / (2 * p.duration);
    start += p.duration;
  }
  return due;
}

function phase(value: Record<string, unknown>, index: number): LoadPhase {
  const where = `config.phases[${index}]`;
  const duration = positive(value['duration'], `${where}.duration`);
  const arrivalRate = nonNegative(value['arrivalRate'], `${where}.arrivalRate`);
  const rampTo = value['rampTo'] === undefined ? arrivalRate : nonNegative(value['rampTo'], `${where}.rampTo`);
  const name = typeof value['name'] === 'string' ? value['name'] : undefined;
  return { name, duration, arrivalRate, rampTo };
}

function mapping(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} must be a mapping`);
  return value as Record<string, unknown>;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} must be a list`);
  return value;
}

function positive(value: unknown, what: string): number {
  if (typeof value !== 'number' || !(value > 0)) throw new Error(`${what} must be a number of seconds above 0`);
  return value;
}

function nonNegative(value: unknown, what: string): number {
  if (typeof value !== 'number' || !(value >= 0)) throw new Error(`${what} must be a number ≥ 0`);
  return value;
}
