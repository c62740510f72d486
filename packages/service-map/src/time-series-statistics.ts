/**
 * `GetTimeSeriesServiceStatistics` entries from per-period statistics rows (reference §4.5.6, §5.5).
 */
import type { GraphStatsWindow, NodeKey, SortedHistogram, StatisticCounters } from '@roentgen/storage';
import { emptyCounters } from './statistics-rows.ts';
import type { TimeSeriesServiceStatistic } from './xray-service-types.ts';
import { addCounters, toHistogramEntries, toServiceStatistics } from './xray-statistics.ts';

/** A node named in an entity selector: `id(name: "…", type: "…")`; no type matches any type. */
export interface EntityId {
  readonly name: string;
  readonly type?: string;
}

/**
 * A parsed `EntitySelectorExpression`: `service(id(…))` or `edge(id(…), id(…))`. Parsing the text is
 * the caller's job; an empty selector means "every edge" (§5.5).
 */
export interface EntitySelector {
  readonly service?: EntityId;
  readonly edge?: { readonly source: EntityId; readonly target: EntityId };
}

function matches(selector: EntityId, key: NodeKey): boolean {
  return selector.name === key.name && (selector.type === undefined || selector.type === key.type);
}

interface Period {
  edge: StatisticCounters;
  service: StatisticCounters;
  histograms: SortedHistogram[];
}

/**
 * One entry per period that has data, in time order. `window` must hold one row per key and period
 * (the store's `perBucketSeconds` = the request's `Period`); `Timestamp` is the row's `bucketStart`.
 * A service selector fills `ServiceSummaryStatistics` and the histogram from that node's rows; an
 * edge selector, or none, fills `EdgeSummaryStatistics` from the chosen (or all) edges. The other
 * statistics object is present with zeros, because Grafana reads both (§4.5.6).
 */
export function timeSeriesStatistics(
  window: GraphStatsWindow,
  selector: EntitySelector = {},
): TimeSeriesServiceStatistic[] {
  const periods = new Map<number, Period>();
  const periodAt = (start: number): Period => {
    let period = periods.get(start);
    if (period === undefined) {
      period = { edge: emptyCounters(), service: emptyCounters(), histograms: [] };
      periods.set(start, period);
    }
    return period;
  };
  const serviceSelector = selector.service;
  if (serviceSelector !== undefined) {
    for (const row of window.nodes) {
      if (!matches(serviceSelector, row.node)) continue;
      const period = periodAt(row.bucketStart);
      addCounters(period.service, row.counters);
      period.histograms.push(row.responseTimeHistogram);
    }
  } else {
    const edgeSelector = selector.edge;
    for (const row of window.edges) {
      if (
        edgeSelector !== undefined &&
        !(matches(edgeSelector.source, row.source) && matches(edgeSelector.target, row.target))
      )
        continue;
      const period = periodAt(row.bucketStart);
      addCounters(period.edge, row.counters);
      period.histograms.push(row.responseTimeHistogram);
    }
  }
  return [...periods.entries()]
    .filter(([, period]) => period.edge.totalCount !== 0 || period.service.totalCount !== 0)
    .sort(([a], [b]) => a - b)
    .map(([timestamp, period]) => ({
      Timestamp: timestamp,
      EdgeSummaryStatistics: toServiceStatistics(period.edge),
      ServiceSummaryStatistics: toServiceStatistics(period.service),
      ResponseTimeHistogram: toHistogramEntries(period.histograms),
    }));
}
