/**
 * The trace search's view state: `/console/traces?range=1h&filter=…&band=1.8-2.2&sort=responsetime&desc=1&page=0&key=…`.
 */
import { formatBand, parseBand, type Band } from '../../components/histogram-bins.ts';
import type { TraceColumn } from '../../components/trace-table.tsx';
import { CONSOLE_BASE, hrefFor } from '../../routing/navigation.ts';
import { DEFAULT_RANGE } from '../../time/time-range.ts';

export const TRACES_PATH = `${CONSOLE_BASE}/traces`;

const COLUMNS: readonly TraceColumn[] = ['id', 'method', 'url', 'status', 'responsetime', 'time'];

export interface TracesView {
  readonly range: string;
  /** The submitted filter expression ('' for every trace). */
  readonly filter: string;
  /** The brushed response-time band: the selection that the tables, list and compare look at. */
  readonly band: Band | undefined;
  readonly sort: TraceColumn;
  readonly descending: boolean;
  readonly page: number;
  /** The annotation key whose values the annotation table counts. */
  readonly annotationKey: string | undefined;
}

export function readTracesView(params: URLSearchParams): TracesView {
  const sort = params.get('sort') as TraceColumn | null;
  return {
    range: params.get('range') ?? DEFAULT_RANGE,
    filter: params.get('filter') ?? '',
    band: parseBand(params.get('band')),
    sort: sort && COLUMNS.includes(sort) ? sort : 'time',
    descending: params.get('desc') !== '0',
    page: Math.max(0, Number(params.get('page') ?? 0) || 0),
    annotationKey: params.get('key') ?? undefined,
  };
}

export function tracesHref(view: Partial<TracesView>): string {
  return hrefFor(TRACES_PATH, {
    range: view.range,
    filter: view.filter,
    band: formatBand(view.band),
    sort: view.sort,
    desc: view.descending === false ? '0' : undefined,
    page: view.page || undefined,
    key: view.annotationKey,
  });
}
