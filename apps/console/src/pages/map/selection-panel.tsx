import { useTraceSummaries } from '../../api/queries.ts';
import { HEALTH_KINDS, HEALTH_LABELS, formatPercent, formatRate, healthOf } from '../../components/health.ts';
import { Histogram } from '../../components/histogram.tsx';
import type { Band } from '../../components/histogram-bins.ts';
import { edgeFilter, serviceFilter } from '../../components/filter-text.ts';
import { ErrorBox, Loading } from '../../components/query-state.tsx';
import { TraceTable } from '../../components/trace-table.tsx';
import { Link } from '../../routing/link.tsx';
import { formatSeconds } from '../../time/time-range.ts';
import { tracesHref } from '../traces/url.ts';
import type { MapEdge, MapNode } from './graph-model.ts';

export interface SelectionPanelProps {
  readonly target: { kind: 'node'; node: MapNode } | { kind: 'edge'; edge: MapEdge };
  readonly range: string;
  readonly windowSeconds: number;
  readonly band: Band | undefined;
  readonly isolated: boolean;
  readonly onBand: (band: Band | undefined) => void;
  readonly onIsolate: (on: boolean) => void;
  readonly onClose: () => void;
}

/**
 * The side panel of a selected node or edge: its counts by kind, its response-time histogram, and,
 * once a band is dragged, the traces in that band with the filter that finds them written out.
 */
export function SelectionPanel(props: SelectionPanelProps) {
  const { target } = props;
  const stats = target.kind === 'node' ? target.node.stats : target.edge.stats;
  const histogram = target.kind === 'node' ? target.node.histogram : target.edge.histogram;
  const health = healthOf(stats, props.windowSeconds);
  const title = target.kind === 'node' ? target.node.name : `${target.edge.from} → ${target.edge.to}`;
  const filter =
    target.kind === 'node'
      ? serviceFilter(target.node.name, props.band)
      : edgeFilter(target.edge.from, target.edge.to, props.band);
  return (
    <aside className="side-panel" aria-label={`Details of ${title}`}>
      <header className="panel-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={props.onClose}>
          ×
        </button>
      </header>
      {target.kind === 'node' && <p className="muted">{target.node.type ?? 'instrumented service'}</p>}
      <dl className="stat-grid">
        <dt>Requests</dt>
        <dd>
          {health.total} ({formatRate(health.perMinute)})
        </dd>
        <dt>Average response</dt>
        <dd>{formatSeconds(health.averageSeconds)}</dd>
        {HEALTH_KINDS.map((kind) => (
          <div key={kind} className="stat-row">
            <dt>
              <span className={`swatch ${kind}`} aria-hidden="true" /> {HEALTH_LABELS[kind]}
            </dt>
            <dd>
              {health.counts[kind]} ({formatPercent(health.counts[kind], health.total)})
            </dd>
          </div>
        ))}
      </dl>
      {target.kind === 'node' && (
        <label className="checkbox">
          <input type="checkbox" checked={props.isolated} onChange={(e) => props.onIsolate(e.target.checked)} />
          Isolate: show only this node and its neighbours
        </label>
      )}
      <h3>Response time distribution</h3>
      {histogram.length > 0 ? (
        <Histogram entries={histogram} band={props.band} onBand={props.onBand} label={`Response times of ${title}`} />
      ) : (
        <p className="muted">No completed requests with a response time in this range.</p>
      )}
      <p>
        <Link href={tracesHref({ range: props.range, filter })}>Open these traces in the trace search</Link>
      </p>
      <pre className="filter-preview" aria-label="Filter expression">
        {filter}
      </pre>
      {props.band && <BandTraces range={props.range} filter={filter} />}
    </aside>
  );
}

function BandTraces({ range, filter }: { range: string; filter: string }) {
  const query = useTraceSummaries(range, filter);
  if (query.isPending) return <Loading what="traces in the band" />;
  if (query.isError) return <ErrorBox error={query.error} what="traces in the band" />;
  const { summaries, truncated } = query.data;
  return (
    <TraceTable
      summaries={summaries}
      column="responsetime"
      descending
      page={0}
      pageSize={20}
      onSort={() => undefined}
      onPage={() => undefined}
      compact
      caption={`${summaries.length}${truncated ? '+' : ''} traces in the band${summaries.length > 20 ? ' (slowest 20 shown)' : ''}`}
    />
  );
}
