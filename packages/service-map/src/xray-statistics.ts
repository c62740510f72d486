/**
 * Conversions from stored counters and histograms to X-Ray's wire shapes (reference §4.5.4, §6.4).
 */
import type { SortedHistogram, StatisticCounters } from '@roentgen/storage';
import { sumSortedHistograms } from '@roentgen/storage';
import { HistogramEntries } from './histogram-entries.ts';
import type { ServiceStatistics } from './xray-service-types.ts';

/** `ServiceStatistics` from counters; `TotalCount` of errors includes throttles (§6.4). */
export function toServiceStatistics(counters: StatisticCounters): ServiceStatistics {
  return {
    OkCount: counters.okCount,
    ErrorStatistics: {
      ThrottleCount: counters.errorThrottleCount,
      OtherCount: counters.errorOtherCount,
      TotalCount: counters.errorThrottleCount + counters.errorOtherCount,
    },
    FaultStatistics: { OtherCount: counters.faultCount, TotalCount: counters.faultCount },
    TotalCount: counters.totalCount,
    // Summing many floats leaves noise such as 0.30000000000000004; microseconds are plenty.
    TotalResponseTime: Math.round(counters.totalResponseTime * 1e6) / 1e6,
  };
}

/** The entrywise sum of `histograms` as X-Ray's entries; buckets that sum to zero are dropped. */
export function toHistogramEntries(histograms: readonly SortedHistogram[]): HistogramEntries {
  return new HistogramEntries(sumSortedHistograms(histograms));
}

/** Adds `from` into `into` in place. */
export function addCounters(into: StatisticCounters, from: StatisticCounters): void {
  into.okCount += from.okCount;
  into.errorThrottleCount += from.errorThrottleCount;
  into.errorOtherCount += from.errorOtherCount;
  into.faultCount += from.faultCount;
  into.totalCount += from.totalCount;
  into.totalResponseTime += from.totalResponseTime;
}
