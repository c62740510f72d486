/**
 * The service map's view state, all in the address: `/console/map?range=1h&group=…&node=…&edge=a>b`.
 */
import { formatBand, parseBand, type Band } from '../../components/histogram-bins.ts';
import { CONSOLE_BASE, hrefFor } from '../../routing/navigation.ts';
import { DEFAULT_RANGE } from '../../time/time-range.ts';

export const MAP_PATH = `${CONSOLE_BASE}/map`;

export interface MapView {
  readonly range: string;
  readonly group: string | undefined;
  /** The selected node's name. */
  readonly node: string | undefined;
  /** The selected edge as caller and callee names. */
  readonly edge: { readonly from: string; readonly to: string } | undefined;
  readonly isolate: boolean;
  /** Auto-refresh period in seconds; 0 is off. */
  readonly refresh: number;
  readonly band: Band | undefined;
}

// Names may hold any character but a newline; the edge is written "caller\ncallee" in the URL.
const EDGE_SEPARATOR = '\n';

export function readMapView(params: URLSearchParams): MapView {
  const edge = params.get('edge')?.split(EDGE_SEPARATOR);
  return {
    range: params.get('range') ?? DEFAULT_RANGE,
    group: params.get('group') ?? undefined,
    node: params.get('node') ?? undefined,
    edge: edge && edge.length === 2 ? { from: edge[0]!, to: edge[1]! } : undefined,
    isolate: params.get('isolate') === '1',
    refresh: Number(params.get('refresh') ?? 0) || 0,
    band: parseBand(params.get('band')),
  };
}

export function mapHref(view: Partial<MapView>): string {
  return hrefFor(MAP_PATH, {
    range: view.range,
    group: view.group,
    node: view.node,
    edge: view.edge ? `${view.edge.from}${EDGE_SEPARATOR}${view.edge.to}` : undefined,
    isolate: view.isolate ? '1' : undefined,
    refresh: view.refresh || undefined,
    band: formatBand(view.band),
  });
}
