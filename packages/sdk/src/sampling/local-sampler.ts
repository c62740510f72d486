/**
 * Sampling from local rules in X-Ray's JSON format (reference §7.6): the first matching rule wins;
 * each takes `fixed_target` requests per second, then `rate` of the rest. Version 2 matches
 * `host`, version 1 names the same field `service_name`.
 *
 * ```json
 * { "version": 2,
 *   "rules": [{ "description": "checkout", "host": "*", "http_method": "POST", "url_path": "/checkout*",
 *               "fixed_target": 5, "rate": 0.5 }],
 *   "default": { "fixed_target": 1, "rate": 0.05 } }
 * ```
 */
import { PerSecondReservoir } from './reservoir.ts';
import type { Clock, Sampler, SamplingDecision, SamplingRequest } from './sampling-types.ts';
import { wildcardMatch } from './wildcard.ts';

/** One rule of a local rules document. */
export interface LocalSamplingRule {
  description?: string;
  host?: string;
  /** Version 1 spelling of `host`. */
  service_name?: string;
  http_method?: string;
  url_path?: string;
  /** Requests per second always sampled. */
  fixed_target: number;
  /** Fraction (0..1) of the requests beyond `fixed_target` that are sampled. */
  rate: number;
}

/** A local rules document; `default` is required. */
export interface LocalSamplingRules {
  version: 1 | 2;
  rules?: LocalSamplingRule[];
  default: { fixed_target: number; rate: number };
}

/** X-Ray's default: the first request each second, then 5 %. */
export const DEFAULT_LOCAL_RULES: LocalSamplingRules = { version: 2, default: { fixed_target: 1, rate: 0.05 } };

// Shared answers: a decision allocates nothing.
const SAMPLED: SamplingDecision = Object.freeze({ sampled: true });
const NOT_SAMPLED: SamplingDecision = Object.freeze({ sampled: false });

interface CompiledRule {
  host: string;
  method: string;
  path: string;
  rate: number;
  reservoir: PerSecondReservoir;
}

/** Checks a rules document from outside (a file, an option); returns a reason when it is unusable. */
export function checkLocalRules(value: unknown): LocalSamplingRules | string {
  if (typeof value !== 'object' || value === null) return 'sampling rules must be an object';
  const doc = value as Partial<LocalSamplingRules>;
  if (doc.version !== 1 && doc.version !== 2) return 'sampling rules need "version": 1 or 2';
  if (!isTargetAndRate(doc.default)) return 'sampling rules need "default": {"fixed_target", "rate"}';
  if (doc.rules !== undefined && !Array.isArray(doc.rules)) return '"rules" must be an array';
  for (const rule of doc.rules ?? []) {
    if (!isTargetAndRate(rule)) return 'every rule needs a non-negative "fixed_target" and a "rate" in 0..1';
  }
  return doc as LocalSamplingRules;
}

function isTargetAndRate(value: unknown): value is { fixed_target: number; rate: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { fixed_target: target, rate } = value as { fixed_target?: unknown; rate?: unknown };
  return typeof target === 'number' && target >= 0 && typeof rate === 'number' && rate >= 0 && rate <= 1;
}

/** A {@link Sampler} over checked local rules. Per process: each process samples its own `fixed_target`. */
export class LocalSampler implements Sampler {
  readonly #rules: CompiledRule[];
  readonly #clock: Clock;
  readonly #random: () => number;

  constructor(rules: LocalSamplingRules, clock: Clock, random: () => number) {
    this.#clock = clock;
    this.#random = random;
    const compiled = (rules.rules ?? []).map((rule) => ({
      host: (rules.version === 1 ? rule.service_name : rule.host) ?? '*',
      method: rule.http_method ?? '*',
      path: rule.url_path ?? '*',
      rate: rule.rate,
      reservoir: new PerSecondReservoir(rule.fixed_target),
    }));
    const fallback = rules.default;
    compiled.push({
      host: '*',
      method: '*',
      path: '*',
      rate: fallback.rate,
      reservoir: new PerSecondReservoir(fallback.fixed_target),
    });
    this.#rules = compiled;
  }

  decide(request: SamplingRequest): SamplingDecision {
    for (const rule of this.#rules) {
      if (!wildcardMatch(rule.host, request.host)) continue;
      if (!wildcardMatch(rule.method, request.method)) continue;
      if (!wildcardMatch(rule.path, request.urlPath)) continue;
      return rule.reservoir.take(this.#clock.now()) || this.#random() < rule.rate ? SAMPLED : NOT_SAMPLED;
    }
    return NOT_SAMPLED;
  }

  stop(): void {
    // Nothing runs in the background.
  }
}
