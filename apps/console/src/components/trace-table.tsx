import type { TraceSummary } from '../api/xray-types.ts';
import { Link } from '../routing/link.tsx';
import { formatInstant, formatSeconds } from '../time/time-range.ts';
import { traceHref } from '../pages/trace/url.ts';

export type TraceColumn = 'id' | 'method' | 'url' | 'status' | 'responsetime' | 'time';

const COLUMNS: readonly { key: TraceColumn; label: string }[] = [
  { key: 'id', label: 'Trace ID' },
  { key: 'method', label: 'Method' },
  { key: 'url', label: 'URL' },
  { key: 'status', label: 'Status' },
  { key: 'responsetime', label: 'Response time' },
  { key: 'time', label: 'Started' },
];

const COMPACT: readonly TraceColumn[] = ['id', 'status', 'responsetime'];

function sortValue(s: TraceSummary, column: TraceColumn): string | number {
  switch (column) {
    case 'id':
      return s.Id;
    case 'method':
      return s.Http?.HttpMethod ?? '';
    case 'url':
      return s.Http?.HttpURL ?? '';
    case 'status':
      return s.Http?.HttpStatus ?? 0;
    case 'responsetime':
      return s.ResponseTime ?? 0;
    case 'time':
      return s.StartTime ?? 0;
  }
}

/** Sorts a copy; ties keep the server's order. */
export function sortSummaries(list: readonly TraceSummary[], column: TraceColumn, descending: boolean): TraceSummary[] {
  const sign = descending ? -1 : 1;
  return [...list].sort((a, b) => {
    const x = sortValue(a, column);
    const y = sortValue(b, column);
    return x < y ? -sign : x > y ? sign : 0;
  });
}

function statusClass(s: TraceSummary): string {
  if (s.HasFault) return 'fault';
  if (s.HasThrottle) return 'throttle';
  if (s.HasError) return 'error';
  return 'ok';
}

export interface TraceTableProps {
  readonly summaries: readonly TraceSummary[];
  readonly column: TraceColumn;
  readonly descending: boolean;
  /** Zero-based page of `pageSize` rows. */
  readonly page: number;
  readonly pageSize: number;
  readonly onSort: (column: TraceColumn, descending: boolean) => void;
  readonly onPage: (page: number) => void;
  readonly caption: string;
  /** Only ID, status and response time, for narrow panels. */
  readonly compact?: boolean;
}

/** The trace list: sortable by every column, paged, each ID a link to the trace's timeline. */
export function TraceTable(props: TraceTableProps) {
  const sorted = sortSummaries(props.summaries, props.column, props.descending);
  const pages = Math.max(1, Math.ceil(sorted.length / props.pageSize));
  const page = Math.min(props.page, pages - 1);
  const rows = sorted.slice(page * props.pageSize, (page + 1) * props.pageSize);
  const columns = props.compact ? COLUMNS.filter((c) => COMPACT.includes(c.key)) : COLUMNS;
  const shown = (key: TraceColumn) => !props.compact || COMPACT.includes(key);
  return (
    <div className="trace-table">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = c.key === props.column;
              return (
                <th
                  key={c.key}
                  aria-sort={active ? (props.descending ? 'descending' : 'ascending') : 'none'}
                  scope="col"
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => props.onSort(c.key, active ? !props.descending : true)}
                  >
                    {c.label}
                    {active ? (props.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.Id} data-trace-id={s.Id}>
              <td className="mono">
                <Link href={traceHref({ id: s.Id })}>{s.Id}</Link>
              </td>
              {shown('method') && <td>{s.Http?.HttpMethod ?? '–'}</td>}
              {shown('url') && (
                <td className="url-cell" title={s.Http?.HttpURL}>
                  {s.Http?.HttpURL ?? '–'}
                </td>
              )}
              <td>
                <span className={`status-pill ${statusClass(s)}`}>{s.Http?.HttpStatus ?? statusClass(s)}</span>
              </td>
              <td className="num">{formatSeconds(s.ResponseTime)}</td>
              {shown('time') && <td>{formatInstant(s.StartTime)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <nav className="pager" aria-label="Trace list pages">
          <button type="button" disabled={page === 0} onClick={() => props.onPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {page + 1} of {pages}
          </span>
          <button type="button" disabled={page >= pages - 1} onClick={() => props.onPage(page + 1)}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
