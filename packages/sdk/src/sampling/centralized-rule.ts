/**
 * One centralized sampling rule (from `GetSamplingRules`) with its per-client state: the quota the
 * service assigned through `SamplingTargets`, and the counters reported back (reference §4.5.7-8).
 */
import { PerSecondReservoir } from './reservoir.ts';
import type { SamplingRequest } from './sampling-types.ts';
import { wildcardMatch } from './wildcard.ts';

/** The `SamplingRule` fields the SDK uses, as the API returns them. */
export interface SamplingRuleRecord {
  RuleName: string;
  Priority: number;
  FixedRate: number;
  ReservoirSize: number;
  ServiceName: string;
  ServiceType: string;
  Host: string;
  HTTPMethod: string;
  URLPath: string;
  ResourceARN: string;
  Version: number;
  Attributes?: Record<string, string>;
}

/** One `SamplingStatisticsDocuments` entry; `Timestamp` in epoch seconds. */
export interface SamplingStatistics {
  RuleName: string;
  ClientID: string;
  RequestCount: number;
  SampledCount: number;
  BorrowCount: number;
  Timestamp: number;
}

/** One `SamplingTargetDocuments` entry; `ReservoirQuotaTTL` in epoch seconds, `Interval` in seconds. */
export interface SamplingTarget {
  RuleName: string;
  FixedRate?: number;
  ReservoirQuota?: number;
  ReservoirQuotaTTL?: number;
  Interval?: number;
}

/** A rule as used for decisions. Mutable: targets update its rate and quota. */
export class CentralizedRule {
  readonly name: string;
  readonly priority: number;
  #fixedRate: number;
  readonly #record: SamplingRuleRecord;
  readonly #borrow: PerSecondReservoir;
  readonly #quota = new PerSecondReservoir(0);
  #quotaExpiresMs = 0;
  #target: SamplingTarget | undefined;
  #requests = 0;
  #sampled = 0;
  #borrowed = 0;

  constructor(record: SamplingRuleRecord) {
    this.#record = record;
    this.name = record.RuleName;
    this.priority = record.Priority;
    this.#fixedRate = record.FixedRate;
    // Until the service assigns a quota, a client may "borrow" one request per second (if the rule has a reservoir).
    this.#borrow = new PerSecondReservoir(record.ReservoirSize > 0 ? 1 : 0);
  }

  /** Whether the rule applies; absent request attributes match. */
  matches(request: SamplingRequest): boolean {
    const rule = this.#record;
    return (
      wildcardMatch(rule.URLPath, request.urlPath) &&
      wildcardMatch(rule.Host, request.host) &&
      wildcardMatch(rule.HTTPMethod, request.method) &&
      wildcardMatch(rule.ServiceName, request.serviceName) &&
      wildcardMatch(rule.ServiceType, request.serviceType)
    );
  }

  /** Decides and counts: quota while it is valid, else borrow, then `FixedRate`. */
  sample(nowMs: number, random: () => number): boolean {
    this.#requests++;
    let sampled: boolean;
    if (nowMs < this.#quotaExpiresMs) {
      sampled = this.#quota.take(nowMs) || random() < this.#fixedRate;
    } else if (this.#borrow.take(nowMs)) {
      this.#borrowed++;
      sampled = true;
    } else {
      sampled = random() < this.#fixedRate;
    }
    if (sampled) this.#sampled++;
    return sampled;
  }

  /** Whether any request matched since the last report. */
  get active(): boolean {
    return this.#requests > 0;
  }

  /** The counters since the last report, then resets them. */
  takeStatistics(clientId: string, nowMs: number): SamplingStatistics {
    const statistics: SamplingStatistics = {
      RuleName: this.name,
      ClientID: clientId,
      RequestCount: this.#requests,
      SampledCount: this.#sampled,
      BorrowCount: this.#borrowed,
      Timestamp: Math.floor(nowMs / 1000),
    };
    this.#requests = 0;
    this.#sampled = 0;
    this.#borrowed = 0;
    return statistics;
  }

  /** Applies a target from `SamplingTargets`. A missing or zero quota leaves the rule borrowing. */
  applyTarget(target: SamplingTarget): void {
    this.#target = target;
    if (typeof target.FixedRate === 'number') this.#fixedRate = target.FixedRate;
    const quota = target.ReservoirQuota;
    const ttl = target.ReservoirQuotaTTL;
    if (typeof quota === 'number' && quota > 0 && typeof ttl === 'number') {
      this.#quota.setCapacity(quota);
      this.#quotaExpiresMs = ttl * 1000;
    }
  }

  /** Carries the assigned target (rate, quota) and unreported counters over from the previous rule set. */
  inheritFrom(previous: CentralizedRule): void {
    if (previous.#target !== undefined) this.applyTarget(previous.#target);
    this.#requests += previous.#requests;
    this.#sampled += previous.#sampled;
    this.#borrowed += previous.#borrowed;
  }
}
