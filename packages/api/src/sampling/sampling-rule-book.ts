import type { TraceStore } from '@roentgen/storage';
import { ApiError, invalidRequest } from '../errors/api-error.ts';
import {
  DEFAULT_RULE_NAME,
  MAX_SAMPLING_RULES,
  applyRuleUpdate,
  defaultRuleRecord,
  type SamplingRule,
  type SamplingRuleRecord,
} from './sampling-rule.ts';

const KIND = 'sampling-rule';

/**
 * The sampling rules, persisted in the store as config records and cached in memory (they are few
 * and read on every SDK poll). The Default rule always exists: it is created on first read.
 */
export class SamplingRuleBook {
  private cache: Map<string, SamplingRuleRecord> | undefined;

  constructor(
    private readonly store: TraceStore,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {}

  /** Every rule, by ascending priority then name (the order SDKs evaluate them in). */
  async list(): Promise<SamplingRuleRecord[]> {
    const rules = await this.load();
    return [...rules.values()].sort(
      (a, b) =>
        a.SamplingRule.Priority - b.SamplingRule.Priority ||
        a.SamplingRule.RuleName.localeCompare(b.SamplingRule.RuleName),
    );
  }

  async get(name: string): Promise<SamplingRuleRecord | undefined> {
    return (await this.load()).get(name);
  }

  /** The latest `ModifiedAt` of any rule, epoch seconds: SDKs re-fetch rules when it moves. */
  async lastModification(): Promise<number> {
    return Math.max(0, ...(await this.list()).map((r) => r.ModifiedAt));
  }

  async create(rule: SamplingRule): Promise<SamplingRuleRecord> {
    const rules = await this.load();
    if (rules.has(rule.RuleName)) throw invalidRequest(`A sampling rule named ${rule.RuleName} already exists.`);
    if (rules.size - 1 >= MAX_SAMPLING_RULES) {
      throw new ApiError(
        'RuleLimitExceededException',
        `At most ${MAX_SAMPLING_RULES} sampling rules besides Default may exist.`,
      );
    }
    const now = this.now();
    return this.save({ SamplingRule: rule, CreatedAt: now, ModifiedAt: now });
  }

  async update(name: string, update: Record<string, unknown>): Promise<SamplingRuleRecord> {
    const existing = await this.require(name);
    return this.save({
      ...existing,
      SamplingRule: applyRuleUpdate(existing.SamplingRule, update),
      ModifiedAt: this.now(),
    });
  }

  async delete(name: string): Promise<SamplingRuleRecord> {
    if (name === DEFAULT_RULE_NAME) throw invalidRequest('The Default sampling rule cannot be deleted.');
    const existing = await this.require(name);
    await this.store.deleteConfig(KIND, name);
    (await this.load()).delete(name);
    return existing;
  }

  private async require(name: string): Promise<SamplingRuleRecord> {
    const record = (await this.load()).get(name);
    if (!record)
      throw new ApiError('ResourceNotFoundException', `No sampling rule is named ${name}.`, { ResourceName: name });
    return record;
  }

  private async save(record: SamplingRuleRecord): Promise<SamplingRuleRecord> {
    await this.store.putConfig({
      kind: KIND,
      name: record.SamplingRule.RuleName,
      body: JSON.stringify(record),
      modifiedAt: record.ModifiedAt,
    });
    (await this.load()).set(record.SamplingRule.RuleName, record);
    return record;
  }

  private async load(): Promise<Map<string, SamplingRuleRecord>> {
    if (this.cache) return this.cache;
    const records = await this.store.listConfig(KIND);
    const rules = new Map(records.map((r) => [r.name, JSON.parse(r.body) as SamplingRuleRecord]));
    this.cache = rules;
    if (!rules.has(DEFAULT_RULE_NAME)) await this.save(defaultRuleRecord());
    return rules;
  }
}
