/**
 * GetServiceGraph (`POST /ServiceGraph`, reference §4.5.4): the graph of every trace over the window,
 * read from the pre-aggregated per-minute statistics; for a group other than `Default`, computed
 * from the group's traces restricted to the same window. `Services` come whole, without paging.
 */
import type { Group, GroupRegistry } from '@roentgen/query';
import { buildTraceGraph, graphWindow, toServiceGraphResponse } from '@roentgen/service-map';
import type { GraphStatsWindow, TraceStore } from '@roentgen/storage';
import { GRAPH_BUCKET_SECONDS } from '@roentgen/storage';
import { withQueryErrors } from '../query-routes/query-errors.ts';
import { selectedGroup } from './group-selection.ts';
import { groupTraces } from './group-traces.ts';
import type { AlignedWindow } from './graph-window-input.ts';
import { MAX_GRAPH_WINDOW_SECONDS, readAlignedWindow } from './graph-window-input.ts';

/** What the graph actions share. */
export interface GraphActionContext {
  readonly store: TraceStore;
  readonly groups: GroupRegistry;
  /** Account shown on nodes whose segments named none. */
  readonly accountId: string;
  /** Most traces a group's graph is computed from. */
  readonly maxGroupTraces: number;
}

/** The action. */
export function serviceGraphAction(context: GraphActionContext) {
  return (input: Record<string, unknown>): Promise<object> =>
    withQueryErrors(async () => {
      const window = readAlignedWindow(input, GRAPH_BUCKET_SECONDS, MAX_GRAPH_WINDOW_SECONDS, 'GetServiceGraph');
      const group = await selectedGroup(input, context.groups);
      const stats = group
        ? await groupGraphWindow(context, group, window)
        : await context.store.queryGraphStats(window);
      return {
        StartTime: window.from,
        EndTime: window.to,
        Services: toServiceGraphResponse(stats, { accountId: context.accountId }),
        // Groups are evaluated with their current expression only (§4.4).
        ContainsOldGroupVersions: false,
      };
    });
}

async function groupGraphWindow(
  context: GraphActionContext,
  group: Group,
  window: AlignedWindow,
): Promise<GraphStatsWindow> {
  const traces = await groupTraces(context.store, context.groups, group, window, context.maxGroupTraces);
  return graphWindow(traces.map(buildTraceGraph), window);
}
