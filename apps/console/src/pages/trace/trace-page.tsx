import { useMemo, useState } from 'react';
import { useTraceTimeline } from '../../api/queries.ts';
import { ErrorBox, Loading, EmptyState } from '../../components/query-state.tsx';
import { Link } from '../../routing/link.tsx';
import { navigate } from '../../routing/navigation.ts';
import { formatInstant, formatSeconds } from '../../time/time-range.ts';
import { TRACES_PATH } from '../traces/url.ts';
import { buildTimeline, nodeAt } from './build-timeline.ts';
import { DetailsDrawer } from './details-drawer.tsx';
import { TimelineView } from './timeline-view.tsx';
import { TraceMap } from './trace-map.tsx';
import { criticalPath, visibleRows } from './timeline-walks.ts';
import { readTraceView, traceHref } from './url.ts';
import { useEntityDetails } from './use-entity-details.ts';

/** One trace: its map, its timeline with the critical path, and the details of the opened entity. */
export function TracePage({ path, params }: { path: string; params: URLSearchParams }) {
  const view = readTraceView(path, params);
  const query = useTraceTimeline(view.id);
  const trace = query.data?.Timeline;
  const timeline = useMemo(() => (trace ? buildTimeline(trace) : undefined), [trace]);
  const critical = useMemo(() => (timeline ? criticalPath(timeline) : new Set<string>()), [timeline]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => (timeline ? visibleRows(timeline, collapsed) : []), [timeline, collapsed]);
  const [focused, setFocused] = useState<string | undefined>(view.segment);
  const openedIndex = view.segment === undefined ? undefined : timeline?.indexOf(view.segment);
  const opened = timeline && openedIndex !== undefined ? nodeAt(timeline, openedIndex) : undefined;
  const details = useEntityDetails(view.id, opened?.id);

  if (query.isPending) return <Loading what={`trace ${view.id}`} />;
  if (query.isError) return <ErrorBox error={query.error} what={`trace ${view.id}`} />;
  if (!trace || !timeline || timeline.count === 0) {
    return (
      <EmptyState title={`Trace ${view.id} was not found`}>
        <p>
          It may be older than the retention, or its segments have not arrived yet.{' '}
          <Link href={TRACES_PATH}>Search traces</Link>.
        </p>
      </EmptyState>
    );
  }
  const toggle = (id: string) => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  const failed = timeline.failed;
  return (
    <div className="page trace-page">
      <div className="toolbar">
        <h1>
          Trace <span className="mono">{trace.Id}</span>
        </h1>
        <span>{formatInstant(timeline.start)}</span>
        <span>Duration {formatSeconds(trace.Duration)}</span>
        <span>{timeline.count.toLocaleString()} segments and subsegments</span>
        {trace.LimitExceeded && (
          <strong className="warning">The trace is larger than the server returns; it is cut short.</strong>
        )}
        <span className="muted">
          {failed > 0 ? `${failed.toLocaleString()} with a fault, error or throttle` : 'no failures'}
        </span>
        <span className="legend-inline">
          <span className="swatch critical" aria-hidden="true" /> critical path
        </span>
      </div>
      <TraceMap id={trace.Id} />
      <div className="trace-body">
        <TimelineView
          timeline={timeline}
          rows={rows}
          collapsed={collapsed}
          critical={critical}
          focused={focused}
          onFocus={setFocused}
          onToggle={toggle}
          onOpen={(segment) => navigate(traceHref({ id: view.id, segment }), { replace: true })}
        />
        {opened && (
          <DetailsDrawer
            key={opened.id}
            node={opened}
            details={details}
            onClose={() => navigate(traceHref({ id: view.id }), { replace: true })}
          />
        )}
      </div>
    </div>
  );
}
