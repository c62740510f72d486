/**
 * Conversions from stored counters and histograms to X-Ray's wire shapes (reference §4.5.4, §6.4).
 */
import type { Histogram, StatisticCounters } from '@roentgen/storage';
import type { HistogramEntry, ServiceStatistics } from './xray-service-types.ts';

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

/** Histogram entries in ascending `Value` (seconds); buckets that sum to zero are dropped. */
export function toHistogramEntries(histogram: Histogram): HistogramEntry[] {
  const entries: HistogramEntry[] = [];
  // Keys are whole milliseconds, which objects enumerate in ascending numeric order (array indices):
  // no sort needed. A for-in loop allocates no pair per entry; maps run to a million entries.
  for (const millis in histogram) {
    const count = histogram[millis as unknown as number] as number;
    if (count !== 0) entries.push({ Value: Number(millis) / 1000, Count: count });
  }
  return entries;
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

/** Adds `from` into `into` in place. */
export function addHistogram(into: Histogram, from: Histogram): void {
  for (const millis in from) {
    const key = millis as unknown as number;
    into[key] = (into[key] ?? 0) + (from[key] as number);
  }
}
