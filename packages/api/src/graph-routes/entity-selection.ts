/**
 * `EntitySelectorExpression` of GetTimeSeriesServiceStatistics (reference §5.5) applied to summed
 * per-period rows: parsed by `@roentgen/filter`, matched against node keys here, then folded into
 * `TimeSeriesServiceStatistics` entries by `@roentgen/service-map`.
 */
import type { EntitySelector, NodeRef } from '@roentgen/filter';
import { FilterExpressionError, parseEntitySelector } from '@roentgen/filter';
import type { TimeSeriesServiceStatistic } from '@roentgen/service-map';
import { timeSeriesStatistics } from '@roentgen/service-map';
import type { GraphStatsWindow, NodeKey } from '@roentgen/storage';
import { invalidRequest } from '../errors/api-error.ts';

/** Parses the selector text (absent or blank: every edge); a bad one shows its caret lines. */
export function readEntitySelector(text: string | undefined): EntitySelector {
  if (text === undefined) return { kind: 'all-edges' };
  try {
    return parseEntitySelector(text);
  } catch (error) {
    if (error instanceof FilterExpressionError) {
      throw invalidRequest(`EntitySelectorExpression is not valid: ${error.format()}`);
    }
    throw error;
  }
}

/**
 * Whether `ref` names `node`. A bare name matches every type; in `id(…)` absent fields match
 * anything, and the account of a node without one is `defaultAccountId` (as the responses show it).
 */
export function refMatches(ref: NodeRef, node: NodeKey, defaultAccountId: string): boolean {
  if (ref.kind === 'node-name') return ref.name === node.name;
  return (
    (ref.name === undefined || ref.name === node.name) &&
    (ref.type === undefined || ref.type === node.type) &&
    (ref.accountId === undefined || ref.accountId === (node.accountId ?? defaultAccountId))
  );
}

// One key that every selected node row is folded onto, so that a selector matching several nodes
// (a name of several types, a type alone) sums them, which service-map's name match cannot express.
const SELECTED: NodeKey = { name: 'selected', type: undefined, accountId: undefined };

/** The time-series entries of the rows `selector` picks; see the module comment. */
export function selectTimeSeries(
  window: GraphStatsWindow,
  selector: EntitySelector,
  defaultAccountId: string,
): TimeSeriesServiceStatistic[] {
  switch (selector.kind) {
    case 'all-edges':
      return timeSeriesStatistics({ nodes: [], edges: window.edges });
    case 'edge':
      return timeSeriesStatistics({
        nodes: [],
        edges: window.edges.filter(
          (row) =>
            refMatches(selector.source, row.source, defaultAccountId) &&
            refMatches(selector.target, row.target, defaultAccountId),
        ),
      });
    case 'service':
      return timeSeriesStatistics(
        {
          nodes: window.nodes
            .filter((row) => refMatches(selector.node, row.node, defaultAccountId))
            .map((row) => ({ ...row, node: SELECTED })),
          edges: [],
        },
        { service: { name: SELECTED.name } },
      );
  }
}
