/**
 * "What do the slow ones have in common": each attribute's share among the selected traces against
 * its share among the others, ranked by how far apart the two shares are.
 */
import type { TraceSummary } from '../../api/xray-types.ts';
import { DIMENSION_ORDER, attributeId, attributesOf, type Attribute } from './trace-attributes.ts';

export interface AttributeDifference {
  readonly attribute: Attribute;
  /** Share (0..1) of selected traces that have the attribute. */
  readonly selectionShare: number;
  /** Share (0..1) of baseline traces that have it. */
  readonly baselineShare: number;
  /** selectionShare − baselineShare: positive when the selection has it more often. */
  readonly difference: number;
}

function shares(list: readonly TraceSummary[]): Map<string, { attribute: Attribute; count: number }> {
  const counts = new Map<string, { attribute: Attribute; count: number }>();
  for (const s of list) {
    for (const a of attributesOf(s)) {
      const id = attributeId(a);
      const entry = counts.get(id);
      if (entry) entry.count++;
      else counts.set(id, { attribute: a, count: 1 });
    }
  }
  return counts;
}

/**
 * Ranks every attribute seen in either set by |difference|, largest first; ties go to the dimension
 * listed first in `DIMENSION_ORDER`, then to the larger selection share. Empty sets give no ranking.
 */
export function compareAttributes(
  selection: readonly TraceSummary[],
  baseline: readonly TraceSummary[],
): AttributeDifference[] {
  if (selection.length === 0 || baseline.length === 0) return [];
  const inSelection = shares(selection);
  const inBaseline = shares(baseline);
  const ids = new Set([...inSelection.keys(), ...inBaseline.keys()]);
  const out: AttributeDifference[] = [];
  for (const id of ids) {
    const s = inSelection.get(id);
    const b = inBaseline.get(id);
    const attribute = (s ?? b)!.attribute;
    const selectionShare = (s?.count ?? 0) / selection.length;
    const baselineShare = (b?.count ?? 0) / baseline.length;
    out.push({ attribute, selectionShare, baselineShare, difference: selectionShare - baselineShare });
  }
  const rank = (d: AttributeDifference) => DIMENSION_ORDER.indexOf(d.attribute.dimension);
  return out.sort(
    (x, y) =>
      Math.abs(y.difference) - Math.abs(x.difference) || rank(x) - rank(y) || y.selectionShare - x.selectionShare,
  );
}
