import type { TraceSummary } from '../../api/xray-types.ts';
import { formatPercent } from '../../components/health.ts';
import { compareAttributes } from './compare-attributes.ts';
import { attributeLabel } from './trace-attributes.ts';

const SHOWN = 12;

/**
 * Compare: the selection (the brushed band) against every other matching trace. The first row is
 * the attribute that best tells the two apart.
 */
export function ComparePanel({
  selection,
  baseline,
  label,
}: {
  selection: readonly TraceSummary[];
  baseline: readonly TraceSummary[];
  label: string;
}) {
  const ranked = compareAttributes(selection, baseline).slice(0, SHOWN);
  return (
    <section className="compare" aria-label="Compare selection with baseline">
      <h2>What sets the selection apart</h2>
      <p className="muted">
        {selection.length} traces in {label} against {baseline.length} other traces; attributes ranked by how
        differently they are spread.
      </p>
      {ranked.length === 0 ? (
        <p className="muted">Select a band that leaves traces on both sides to compare.</p>
      ) : (
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col" className="num">
                In selection
              </th>
              <th scope="col" className="num">
                In baseline
              </th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((d) => (
              <tr key={attributeLabel(d.attribute)} data-attribute={attributeLabel(d.attribute)}>
                <td className="mono url-cell" title={attributeLabel(d.attribute)}>
                  {attributeLabel(d.attribute)}
                </td>
                <td className="num">{formatPercent(d.selectionShare, 1)}</td>
                <td className="num">{formatPercent(d.baselineShare, 1)}</td>
                <td className={`num ${d.difference > 0 ? 'more' : 'less'}`}>
                  {d.difference > 0 ? '+' : '−'}
                  {Math.round(Math.abs(d.difference) * 100)} pts
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
