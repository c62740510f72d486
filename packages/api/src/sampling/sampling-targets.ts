import type { SamplingRuleRecord } from './sampling-rule.ts';

/** One client's report for one rule (a `SamplingStatisticsDocument`). */
export interface SamplingStatistics {
  readonly RuleName: string;
  readonly ClientID: string;
  readonly Timestamp: number;
  readonly RequestCount: number;
  readonly SampledCount: number;
  readonly BorrowCount: number;
}

export interface SamplingTarget {
  RuleName: string;
  FixedRate: number;
  ReservoirQuota: number;
  /** Epoch seconds until which the quota holds. */
  ReservoirQuotaTTL: number;
  /** Seconds until the client should report again. */
  Interval: number;
}

/** Seconds a quota is valid for (X-Ray's documented example is about five minutes). */
export const QUOTA_TTL_SECONDS = 300;
/** Seconds between a client's reports. */
export const REPORT_INTERVAL_SECONDS = 10;
/** A client that has not reported for this long no longer takes a share of the reservoir. */
const CLIENT_EXPIRY_SECONDS = 3 * REPORT_INTERVAL_SECONDS;

/**
 * Splits each rule's reservoir among the clients that report for it: every active client gets
 * `floor(size / clients)`, and the remainder goes one each to the clients that sort first, so the
 * quotas add up to the reservoir exactly. Also keeps per-rule totals for statistic summaries.
 */
export class SamplingTargetPlanner {
  /** rule name → client id → last report time, epoch seconds. */
  private readonly clients = new Map<string, Map<string, number>>();
  private readonly totals = new Map<
    string,
    { RequestCount: number; SampledCount: number; BorrowCount: number; Timestamp: number }
  >();

  /** Records the reports and returns one target per reported rule, for the reporting client. */
  plan(reports: readonly SamplingStatistics[], rules: readonly SamplingRuleRecord[], now: number): SamplingTarget[] {
    const byName = new Map(rules.map((r) => [r.SamplingRule.RuleName, r.SamplingRule]));
    for (const report of reports) {
      if (!byName.has(report.RuleName)) continue;
      const clients = this.clients.get(report.RuleName) ?? new Map<string, number>();
      clients.set(report.ClientID, now);
      this.clients.set(report.RuleName, clients);
      const total = this.totals.get(report.RuleName) ?? {
        RequestCount: 0,
        SampledCount: 0,
        BorrowCount: 0,
        Timestamp: now,
      };
      total.RequestCount += report.RequestCount;
      total.SampledCount += report.SampledCount;
      total.BorrowCount += report.BorrowCount;
      total.Timestamp = now;
      this.totals.set(report.RuleName, total);
    }
    return reports.flatMap((report) => {
      const rule = byName.get(report.RuleName);
      if (!rule) return [];
      return [
        {
          RuleName: rule.RuleName,
          FixedRate: rule.FixedRate,
          ReservoirQuota: this.quotaFor(rule.RuleName, report.ClientID, rule.ReservoirSize, now),
          ReservoirQuotaTTL: Math.round(now + QUOTA_TTL_SECONDS),
          Interval: REPORT_INTERVAL_SECONDS,
        },
      ];
    });
  }

  /** Totals reported per rule since the server started, for GetSamplingStatisticSummaries. */
  summaries(): {
    RuleName: string;
    Timestamp: number;
    RequestCount: number;
    SampledCount: number;
    BorrowCount: number;
  }[] {
    return [...this.totals.entries()].map(([RuleName, t]) => ({ RuleName, ...t }));
  }

  private quotaFor(ruleName: string, clientId: string, reservoir: number, now: number): number {
    const clients = this.clients.get(ruleName) ?? new Map<string, number>();
    for (const [id, seen] of clients) if (now - seen > CLIENT_EXPIRY_SECONDS) clients.delete(id);
    const active = [...clients.keys()].sort();
    const index = active.indexOf(clientId);
    if (active.length === 0 || index < 0) return reservoir;
    const share = Math.floor(reservoir / active.length);
    return share + (index < reservoir % active.length ? 1 : 0);
  }
}
