import type { TraceSummary } from '../../api/xray-types.ts';
import { formatPercent } from '../../components/health.ts';
import { groupBy, type Dimension } from './trace-attributes.ts';

const TABLES: readonly { dimension: Dimension; title: string }[] = [
  { dimension: 'http.url', title: 'URL' },
  { dimension: 'http.status', title: 'Status' },
  { dimension: 'user', title: 'User' },
  { dimension: 'rootcause.service', title: 'Root-cause service' },
  { dimension: 'rootcause.entity', title: 'Root-cause entity' },
];

const ROWS = 8;

export interface GroupByTablesProps {
  readonly summaries: readonly TraceSummary[];
  readonly annotationKeys: readonly string[];
  readonly annotationKey: string | undefined;
  readonly onAnnotationKey: (key: string) => void;
}

/** Counts and percentages of the selected traces by URL, status, user, annotation value and root cause. */
export function GroupByTables(props: GroupByTablesProps) {
  const key = props.annotationKey ?? props.annotationKeys[0];
  return (
    <section className="group-tables" aria-label="Group by">
      {TABLES.map((t) => (
        <CountTable
          key={t.dimension}
          title={t.title}
          rows={groupBy(props.summaries, t.dimension)}
          total={props.summaries.length}
          shorten={t.dimension === 'http.url' ? shortUrl : undefined}
        />
      ))}
      <div className="count-table">
        <label className="control">
          Annotation
          <select
            value={key ?? ''}
            onChange={(e) => props.onAnnotationKey(e.target.value)}
            disabled={props.annotationKeys.length === 0}
          >
            {props.annotationKeys.length === 0 && <option value="">(no annotations)</option>}
            {props.annotationKeys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {key !== undefined && (
          <CountTable
            title={`annotation.${key}`}
            rows={groupBy(props.summaries, 'annotation', key)}
            total={props.summaries.length}
            bare
          />
        )}
      </div>
    </section>
  );
}

/** A URL as its path and query: in one system the origins are mostly the same and crowd the column. */
function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

interface CountTableProps {
  readonly title: string;
  readonly rows: { value: string; count: number }[];
  readonly total: number;
  readonly bare?: boolean;
  readonly shorten?: ((value: string) => string) | undefined;
}

function CountTable(props: CountTableProps) {
  const table = (
    <table>
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th scope="col">Value</th>
          <th scope="col" className="num">
            Traces
          </th>
          <th scope="col" className="num">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              none
            </td>
          </tr>
        )}
        {props.rows.slice(0, ROWS).map((r) => (
          <tr key={r.value}>
            <td className="url-cell" title={r.value}>
              {props.shorten ? props.shorten(r.value) : r.value}
            </td>
            <td className="num">{r.count}</td>
            <td className="num">
              <span className="share-bar" style={{ width: `${(r.count / Math.max(1, props.total)) * 100}%` }} />
              {formatPercent(r.count, props.total)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return props.bare ? table : <div className="count-table">{table}</div>;
}
