/**
 * Centralized sampling (reference §7.6): rules from `GetSamplingRules` (fetched at start, then every
 * 5 minutes; trusted for 1 hour after the last success), statistics to and quotas from
 * `SamplingTargets` every 10 seconds. Until rules arrive, or when they expire, the local sampler
 * decides. Polling starts on the first decision; its timers are unref'd and never keep the process up.
 */
import type { HostPort } from '../emitter/daemon-address.ts';
import type { OnceLogger } from '../sdk-logger.ts';
import { CentralizedRule, type SamplingRuleRecord, type SamplingTarget } from './centralized-rule.ts';
import { postJson } from './sampling-client.ts';
import type { Clock, Sampler, SamplingDecision, SamplingRequest } from './sampling-types.ts';

const RULES_INTERVAL_MS = 300_000;
const TARGETS_INTERVAL_MS = 10_000;
const RULES_TTL_MS = 3_600_000;
const REQUEST_TIMEOUT_MS = 2_000;

/** What the centralized sampler needs; `runDetached` runs a function outside any trace context. */
export interface CentralizedSamplerOptions {
  address: HostPort;
  fallback: Sampler;
  clock: Clock;
  random: () => number;
  problems: OnceLogger;
  clientId: string;
  runDetached: (fn: () => void) => void;
}

interface ActiveRule {
  rule: CentralizedRule;
  sampled: SamplingDecision;
  notSampled: SamplingDecision;
}

/** A {@link Sampler} driven by the daemon's (or Roentgen's) sampling API. */
export class CentralizedSampler implements Sampler {
  readonly #options: CentralizedSamplerOptions;
  #rules: ActiveRule[] = [];
  #rulesFetchedMs = 0;
  #started = false;
  #stopped = false;
  #timers: NodeJS.Timeout[] = [];

  constructor(options: CentralizedSamplerOptions) {
    this.#options = options;
  }

  decide(request: SamplingRequest): SamplingDecision {
    if (!this.#started) this.#start();
    const now = this.#options.clock.now();
    if (this.#rules.length === 0 || now - this.#rulesFetchedMs > RULES_TTL_MS)
      return this.#options.fallback.decide(request);
    for (const active of this.#rules) {
      if (!active.rule.matches(request)) continue;
      return active.rule.sample(now, this.#options.random) ? active.sampled : active.notSampled;
    }
    return this.#options.fallback.decide(request);
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
  }

  /** Fetches the rules now. Failures keep the previous rules and are reported once. */
  async refreshRules(): Promise<void> {
    try {
      const reply = await postJson(this.#options.address, '/GetSamplingRules', {}, REQUEST_TIMEOUT_MS);
      const records = (reply as { SamplingRuleRecords?: { SamplingRule?: unknown }[] }).SamplingRuleRecords;
      if (!Array.isArray(records)) throw new Error('GetSamplingRules reply has no SamplingRuleRecords');
      const previous = new Map(this.#rules.map((active) => [active.rule.name, active.rule]));
      const rules = records
        .map((record) => record.SamplingRule)
        .filter(isUsableRule)
        .map((record) => new CentralizedRule(record));
      for (const rule of rules) {
        const before = previous.get(rule.name);
        if (before !== undefined) rule.inheritFrom(before);
      }
      rules.sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.#rules = rules.map((rule) => ({
        rule,
        sampled: Object.freeze({ sampled: true, ruleName: rule.name }),
        notSampled: Object.freeze({ sampled: false, ruleName: rule.name }),
      }));
      this.#rulesFetchedMs = this.#options.clock.now();
    } catch (error) {
      this.#options.problems.once('sampling-rules', `cannot fetch sampling rules: ${(error as Error).message}`);
    }
  }

  /** Reports the counters of rules used since the last report and applies the targets returned. */
  async reportStatistics(): Promise<void> {
    const { clientId, clock } = this.#options;
    const used = this.#rules.filter((active) => active.rule.active);
    if (used.length === 0) return;
    const now = clock.now();
    const documents = used.map((active) => active.rule.takeStatistics(clientId, now));
    try {
      const body = { SamplingStatisticsDocuments: documents };
      const reply = await postJson(this.#options.address, '/SamplingTargets', body, REQUEST_TIMEOUT_MS);
      const { SamplingTargetDocuments: targets, LastRuleModification: modified } = reply as {
        SamplingTargetDocuments?: SamplingTarget[];
        LastRuleModification?: unknown;
      };
      if (typeof modified !== 'number' || !Array.isArray(targets))
        throw new Error('SamplingTargets reply is malformed');
      const byName = new Map(this.#rules.map((active) => [active.rule.name, active.rule]));
      for (const target of targets) byName.get(target.RuleName)?.applyTarget(target);
      if (modified * 1000 > this.#rulesFetchedMs) await this.refreshRules();
    } catch (error) {
      this.#options.problems.once('sampling-targets', `cannot report sampling statistics: ${(error as Error).message}`);
    }
  }

  #start(): void {
    this.#started = true;
    if (this.#stopped) return;
    this.#options.runDetached(() => {
      void this.refreshRules();
      const jitter = Math.floor(this.#options.random() * 100);
      this.#timers.push(setInterval(() => void this.refreshRules(), RULES_INTERVAL_MS).unref());
      this.#timers.push(setInterval(() => void this.reportStatistics(), TARGETS_INTERVAL_MS + jitter).unref());
    });
  }
}

/** The checks the X-Ray Node SDK applies before it uses a rule (reference §3.4). */
function isUsableRule(value: unknown): value is SamplingRuleRecord {
  if (typeof value !== 'object' || value === null) return false;
  const rule = value as Partial<SamplingRuleRecord>;
  return (
    rule.Version === 1 &&
    rule.ResourceARN === '*' &&
    (rule.Attributes === undefined || Object.keys(rule.Attributes).length === 0) &&
    typeof rule.RuleName === 'string' &&
    typeof rule.Priority === 'number' &&
    typeof rule.FixedRate === 'number' &&
    typeof rule.ReservoirSize === 'number' &&
    typeof rule.ServiceName === 'string' &&
    typeof rule.ServiceType === 'string' &&
    typeof rule.Host === 'string' &&
    typeof rule.HTTPMethod === 'string' &&
    typeof rule.URLPath === 'string'
  );
}
