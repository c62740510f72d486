import { useEffect, useMemo, useState } from 'react';
import { statsLine } from '../../components/health.ts';
import type { MapGraph } from './graph-model.ts';
import { LABELLED_LAYOUT_LIMIT, layoutGraph, loadElk, type GraphLayout } from './layout-graph.ts';
import { quickLayout } from './quick-layout.ts';

/**
 * Lays out a graph whenever its shape (not its statistics) changes, so an auto-refresh that only
 * updates numbers does not move the nodes under the person's pointer. A large graph is drawn at
 * once with the provisional `quickLayout`, then settles into elk's layout (`provisional` false).
 */
export function useGraphLayout(
  graph: MapGraph | undefined,
  windowSeconds: number,
): { layout: GraphLayout | undefined; provisional: boolean; error: string | undefined } {
  const shape = graph
    ? graph.nodes.map((n) => n.key).join('\u0000') + '\u0001' + graph.edges.map((e) => e.key).join('\u0000')
    : '';
  const [state, setState] = useState<{ shape: string; layout?: GraphLayout; error?: string }>({ shape: '' });
  // Fetch the engine in parallel with the graph's data rather than after it.
  useEffect(() => void loadElk().catch(() => undefined), []);
  useEffect(() => {
    if (!graph) return;
    let current = true;
    const labels = new Map(graph.edges.map((e) => [e.key, statsLine(e.stats, windowSeconds)]));
    layoutGraph(graph, labels).then(
      (layout) => current && setState({ shape, layout }),
      (error: unknown) => current && setState({ shape, error: String(error) }),
    );
    return () => {
      current = false;
    };
    // The shape string stands for the graph: statistics changes must not trigger a new layout.
  }, [shape]);
  const large = graph !== undefined && graph.nodes.length > LABELLED_LAYOUT_LIMIT;
  // Keyed by the shape for the same reason as the effect below.
  const quick = useMemo(() => (large && graph ? quickLayout(graph) : undefined), [shape, large]);
  const settled = state.shape === shape ? state.layout : undefined;
  return { layout: settled ?? quick, provisional: settled === undefined && quick !== undefined, error: state.error };
}
