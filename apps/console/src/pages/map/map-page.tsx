import { useGroups, useServiceGraph } from '../../api/queries.ts';
import { HEALTH_KINDS, HEALTH_LABELS } from '../../components/health.ts';
import { EmptyState, ErrorBox, Loading, NoTracesHelp } from '../../components/query-state.tsx';
import { RangePicker, RefreshPicker } from '../../components/range-picker.tsx';
import { navigate } from '../../routing/navigation.ts';
import { buildMapGraph, isolateNode, type MapGraph } from './graph-model.ts';
import { SelectionPanel } from './selection-panel.tsx';
import { ServiceMapView } from './service-map-view.tsx';
import { useGraphLayout } from './use-graph-layout.ts';
import { mapHref, readMapView, type MapView } from './url.ts';

/** The service map: every service of the range, laid out callers-left, with a panel for the selection. */
export function MapPage({ params }: { params: URLSearchParams }) {
  const view = readMapView(params);
  const go = (change: Partial<MapView>, replace = false) => navigate(mapHref({ ...view, ...change }), { replace });
  const graphQuery = useServiceGraph(view.range, view.group, view.refresh);
  const groups = useGroups();
  const full = graphQuery.data ? buildMapGraph(graphQuery.data.services) : undefined;
  const shown: MapGraph | undefined = full && view.isolate && view.node ? isolateNode(full, view.node) : full;
  const windowSeconds = graphQuery.data ? graphQuery.data.window.end - graphQuery.data.window.start : 3600;
  const { layout, provisional, error: layoutError } = useGraphLayout(shown, windowSeconds);
  const node = view.node ? full?.nodes.find((n) => n.key === view.node) : undefined;
  const edge = view.edge ? full?.edges.find((e) => e.from === view.edge!.from && e.to === view.edge!.to) : undefined;

  return (
    <div className="page map-page">
      <div className="toolbar">
        <h1>Service map</h1>
        <RangePicker value={view.range} onChange={(range) => go({ range })} />
        <label className="control">
          Group
          <select value={view.group ?? ''} onChange={(e) => go({ group: e.target.value || undefined })}>
            <option value="">All traces</option>
            {(groups.data ?? [])
              .filter((g) => g.GroupName !== 'Default')
              .map((g) => (
                <option key={g.GroupName} value={g.GroupName}>
                  {g.GroupName}
                </option>
              ))}
          </select>
        </label>
        <RefreshPicker value={view.refresh} onChange={(refresh) => go({ refresh })} />
        <button type="button" onClick={() => void graphQuery.refetch()} disabled={graphQuery.isFetching}>
          {graphQuery.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
        <ul className="legend" aria-label="Ring colours">
          {HEALTH_KINDS.map((kind) => (
            <li key={kind}>
              <span className={`swatch ${kind}`} aria-hidden="true" /> {HEALTH_LABELS[kind]}
            </li>
          ))}
        </ul>
      </div>
      <div className="map-body">
        <div className="map-canvas" aria-busy={provisional}>
          {graphQuery.isPending && <Loading what="the service map" />}
          {graphQuery.isError && <ErrorBox error={graphQuery.error} what="the service map" />}
          {layoutError && <ErrorBox error={layoutError} what="the map layout" />}
          {full && full.nodes.length === 0 && (
            <EmptyState title="No services in this time range">
              <NoTracesHelp />
              <p>Or choose a longer time range above.</p>
            </EmptyState>
          )}
          {shown && layout && shown.nodes.length > 0 && (
            <ServiceMapView
              graph={shown}
              layout={layout}
              windowSeconds={windowSeconds}
              selectedNode={view.node}
              selectedEdge={view.edge ? `${view.edge.from}\n${view.edge.to}` : undefined}
              onNode={(n) => go({ node: n.key, edge: undefined, band: undefined })}
              onEdge={(e) => go({ edge: { from: e.from, to: e.to }, node: undefined, band: undefined, isolate: false })}
              label={`Service map with ${shown.nodes.length} nodes and ${shown.edges.length} edges`}
            />
          )}
        </div>
        {(node ?? edge) && (
          <SelectionPanel
            target={node ? { kind: 'node', node } : { kind: 'edge', edge: edge! }}
            range={view.range}
            windowSeconds={windowSeconds}
            band={view.band}
            isolated={view.isolate}
            onBand={(band) => go({ band }, true)}
            onIsolate={(isolate) => go({ isolate })}
            onClose={() => go({ node: undefined, edge: undefined, band: undefined, isolate: false })}
          />
        )}
      </div>
    </div>
  );
}
