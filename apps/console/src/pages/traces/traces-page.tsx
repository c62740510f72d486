import { useServiceGraph, useTraceSummaries } from '../../api/queries.ts';
import { FilterBar } from '../../components/filter-bar.tsx';
import { entriesFromValues } from '../../components/histogram-bins.ts';
import { Histogram } from '../../components/histogram.tsx';
import { EmptyState, ErrorBox, Loading, NoTracesHelp } from '../../components/query-state.tsx';
import { RangePicker } from '../../components/range-picker.tsx';
import { TraceTable } from '../../components/trace-table.tsx';
import { XRayApiError } from '../../api/xray-client.ts';
import { navigate } from '../../routing/navigation.ts';
import { formatSeconds } from '../../time/time-range.ts';
import { ComparePanel } from './compare-panel.tsx';
import { GroupByTables } from './group-by-tables.tsx';
import { annotationKeys } from './trace-attributes.ts';
import { readTracesView, tracesHref, type TracesView } from './url.ts';

const PAGE_SIZE = 25;

/** Trace search: filter, response-time distribution with brushing, group-by tables, compare, list. */
export function TracesPage({ params }: { params: URLSearchParams }) {
  const view = readTracesView(params);
  const go = (change: Partial<TracesView>, replace = false) =>
    navigate(tracesHref({ ...view, ...change }), { replace });
  const query = useTraceSummaries(view.range, view.filter);
  const graph = useServiceGraph(view.range, undefined);
  const all = query.data?.summaries ?? [];
  const band = view.band;
  const inBand = (t: (typeof all)[number]) =>
    band !== undefined && (t.ResponseTime ?? 0) >= band.low && (t.ResponseTime ?? 0) <= band.high;
  const selection = band ? all.filter(inBand) : all;
  const baseline = band ? all.filter((t) => !inBand(t)) : [];
  const keys = annotationKeys(all);
  const services = [
    ...new Set([
      ...(graph.data?.services ?? []).map((s) => s.Name ?? ''),
      ...all.flatMap((s) => (s.ServiceIds ?? []).map((i) => i.Name ?? '')),
    ]),
  ].filter(Boolean);
  const filterError =
    query.error instanceof XRayApiError && query.error.code === 'InvalidRequestException'
      ? query.error.message
      : undefined;

  return (
    <div className="page traces-page">
      <div className="toolbar">
        <h1>Traces</h1>
        <RangePicker value={view.range} onChange={(range) => go({ range, page: 0 })} />
      </div>
      <FilterBar
        value={view.filter}
        services={services}
        annotationKeys={keys}
        serverError={filterError}
        onSubmit={(filter) => go({ filter, band: undefined, page: 0 })}
      />
      {query.isPending && <Loading what="traces" />}
      {query.isError && !filterError && <ErrorBox error={query.error} what="traces" />}
      {query.data && all.length === 0 && (
        <EmptyState title={view.filter ? 'No trace matches this filter' : 'No traces in this time range'}>
          {view.filter ? <p>Loosen the filter or choose a longer time range.</p> : <NoTracesHelp />}
        </EmptyState>
      )}
      {query.data && all.length > 0 && (
        <>
          <p className="result-line" role="status">
            {all.length} traces match
            {query.data.processed ? ` (of ${query.data.processed} scanned)` : ''}
            {query.data.truncated ? `; only the first ${all.length} are analysed, narrow the range to see all` : ''}
            {band ? `; ${selection.length} in the band ${formatSeconds(band.low)} – ${formatSeconds(band.high)}` : ''}.
          </p>
          <div className="analysis">
            <section className="distribution" aria-label="Response time distribution">
              <h2>Response time distribution</h2>
              <Histogram
                entries={entriesFromValues(all.map((s) => s.ResponseTime ?? 0))}
                band={band}
                onBand={(b) => go({ band: b, page: 0 }, true)}
                label="Response times of the matching traces"
              />
            </section>
            {band && <ComparePanel selection={selection} baseline={baseline} label="the band" />}
          </div>
          <GroupByTables
            summaries={selection}
            annotationKeys={keys}
            annotationKey={view.annotationKey}
            onAnnotationKey={(annotationKey) => go({ annotationKey }, true)}
          />
          <TraceTable
            summaries={selection}
            column={view.sort}
            descending={view.descending}
            page={view.page}
            pageSize={PAGE_SIZE}
            onSort={(sort, descending) => go({ sort, descending, page: 0 }, true)}
            onPage={(page) => go({ page }, true)}
            caption={band ? `${selection.length} traces in the band` : `${selection.length} traces`}
          />
        </>
      )}
    </div>
  );
}
