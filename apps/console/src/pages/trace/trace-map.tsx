import { useState } from 'react';
import { useTraceGraph } from '../../api/queries.ts';
import { ErrorBox } from '../../components/query-state.tsx';
import { buildMapGraph } from '../map/graph-model.ts';
import { ServiceMapView } from '../map/service-map-view.tsx';
import { useGraphLayout } from '../map/use-graph-layout.ts';

/**
 * The trace's own service map (GetTraceGraph), collapsible so the timeline can take the screen.
 * Mounted only once the trace is drawn, so its request never delays the timeline's.
 */
export function TraceMap({ id }: { id: string }) {
  const [open, setOpen] = useState(true);
  const query = useTraceGraph(id, open);
  const graph = query.data ? buildMapGraph(query.data.Services ?? []) : undefined;
  const { layout } = useGraphLayout(open ? graph : undefined, 0);
  return (
    <details className="trace-map" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Trace map{graph ? ` (${graph.nodes.length} nodes)` : ''}</summary>
      {query.isError && <ErrorBox error={query.error} what="the trace map" />}
      {graph && layout && (
        <div className="trace-map-canvas">
          <ServiceMapView
            graph={graph}
            layout={layout}
            windowSeconds={0}
            fitHeight={340}
            label={`Map of trace ${id}`}
          />
        </div>
      )}
    </details>
  );
}
