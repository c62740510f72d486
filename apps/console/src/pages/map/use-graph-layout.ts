import { useEffect, useState } from 'react';
import { statsLine } from '../../components/health.ts';
import type { MapGraph } from './graph-model.ts';
import { layoutGraph, loadElk, type GraphLayout } from './layout-graph.ts';

/**
 * Lays out a graph whenever its shape (not its statistics) changes, so an auto-refresh that only
 * updates numbers does not move the nodes under the person's pointer.
 */
export function useGraphLayout(
  graph: MapGraph | undefined,
  windowSeconds: number,
): { layout: GraphLayout | undefined; error: string | undefined } {
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
  return { layout: state.shape === shape ? state.layout : undefined, error: state.error };
}
