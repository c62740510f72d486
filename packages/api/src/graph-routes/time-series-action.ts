/**
 * GetTimeSeriesServiceStatistics (`POST /TimeSeriesServiceStatistics`, reference §4.5.6, §5.5):
 * per-period statistics of the selected service, edge, or all edges, summed from the stored
 * per-minute buckets; for a group other than `Default`, from the group's traces' own per-minute
 * contributions, summed the same way. Every counter is present (§9 item 17).
 */
import type { Group } from '@roentgen/query';
import { traceGraphContribution } from '@roentgen/service-map';
import type { EdgeStatsRow, GraphStatsWindow, NodeStatsRow } from '@roentgen/storage';
import { GRAPH_BUCKET_SECONDS, sumGraphStats } from '@roentgen/storage';
import { invalidRequest } from '../errors/api-error.ts';
import { optionalBoolean, optionalString } from '../http/input-members.ts';
import { withQueryErrors } from '../query-routes/query-errors.ts';
import { readEntitySelector, selectTimeSeries } from './entity-selection.ts';
import { selectedGroup } from './group-selection.ts';
import { groupTraces } from './group-traces.ts';
import type { AlignedWindow } from './graph-window-input.ts';
import { MAX_TIME_SERIES_PERIODS, readAlignedWindow, readPeriod } from './graph-window-input.ts';
import type { GraphActionContext } from './service-graph-action.ts';

/** The action. */
export function timeSeriesAction(context: GraphActionContext) {
  return (input: Record<string, unknown>): Promise<object> =>
    withQueryErrors(async () => {
      const period = readPeriod(input, GRAPH_BUCKET_SECONDS);
      const window = readAlignedWindow(
        input,
        period,
        period * MAX_TIME_SERIES_PERIODS,
        `GetTimeSeriesServiceStatistics with a Period of ${period} s`,
      );
      const selectorText = optionalString(input, 'EntitySelectorExpression');
      if (selectorText !== undefined && (selectorText.length < 1 || selectorText.length > 500)) {
        throw invalidRequest(`EntitySelectorExpression must be 1 to 500 characters long, got ${selectorText.length}.`);
      }
      const selector = readEntitySelector(selectorText);
      if (optionalBoolean(input, 'ForecastStatistics') === true && selector.kind !== 'service') {
        throw invalidRequest('ForecastStatistics needs an EntitySelectorExpression that selects a service.');
      }
      const group = await selectedGroup(input, context.groups);
      const rows = group
        ? await groupPeriodRows(context, group, window, period)
        : await context.store.queryGraphStats(window, { perBucketSeconds: period });
      return {
        TimeSeriesServiceStatistics: selectTimeSeries(rows, selector, context.accountId),
        ContainsOldGroupVersions: false,
      };
    });
}

async function groupPeriodRows(
  context: GraphActionContext,
  group: Group,
  window: AlignedWindow,
  period: number,
): Promise<GraphStatsWindow> {
  const traces = await groupTraces(context.store, context.groups, group, window, context.maxGroupTraces);
  const nodes: NodeStatsRow[] = [];
  const edges: EdgeStatsRow[] = [];
  for (const trace of traces) {
    const contribution = traceGraphContribution(trace, GRAPH_BUCKET_SECONDS);
    nodes.push(...contribution.nodes);
    edges.push(...contribution.edges);
  }
  return sumGraphStats(nodes, edges, window, period);
}
