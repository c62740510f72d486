import { useEffect, useState } from 'react';
import type { MapGraph } from './graph-model.ts';
import { layoutGraph, type GraphLayout } from './layout-graph.ts';

/**
 * Lays out a graph whenever its shape (not its statistics) changes, so an auto-refresh that only
 * updates numbers does not move the nodes under the person's pointer.
 */
export function useGraphLayout(graph: MapGraph | undefined): { layout: GraphLayout | undefined; error: string | undefined } {
  const shape = graph
    ? graph.nodes.map((n) => n.key).join('\u0000') + '\u0001' + graph.edges.map((e) => e.key).join('\u0000')
    : '';
  const [state, setState] = useState<{ shape: string; layout?: GraphLayout; error?: string }>({ shape: '' });
  useEffect(() => {
    if (!graph) return;
    let current = true;
    layoutGraph(graph).then(
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
