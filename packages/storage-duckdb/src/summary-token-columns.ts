/**
 * The token-set columns of a summary row (see token-set.ts): what goes into each, and the needle a
 * predicate looks for. Both sides are built here so that writing and querying cannot drift apart.
 */
import type { CallOutcome, ScalarValue, SummaryEdge, TraceSummaryRecord } from '@roentgen/storage';
import { needleOf, pairTokenOf, tokenOf, tokenSetText } from './token-set.ts';

/** The column text of the edges' (source, target) pairs; with `outcome`, of those whose calls showed it. */
export function edgePairsText(edges: readonly SummaryEdge[], outcome: CallOutcome | undefined): string {
  const chosen = outcome === undefined ? edges : edges.filter((e) => e[outcome]);
  return tokenSetText(chosen.map((e) => pairTokenOf(e.source, e.target)));
}

/**
 * The column text of the edges' response times: per edge with a completed call, its pair token, then
 * the slowest and the fastest response time as JavaScript prints them (shortest round-trip form,
 * which DuckDB parses back to the same double). `edgeResponseTimeSql` reads a time after a needle.
 */
export function edgeResponseTimesText(edges: readonly SummaryEdge[]): string {
  const tokens: string[] = [];
  for (const e of edges) {
    if (e.slowestResponseTime === undefined || e.fastestResponseTime === undefined) continue;
    tokens.push(pairTokenOf(e.source, e.target), String(e.slowestResponseTime), String(e.fastestResponseTime));
  }
  return tokenSetText(tokens);
}

/** The needle of one edge pair. */
export function edgeNeedle(source: string, target: string): string {
  return needleOf(pairTokenOf(source, target));
}

/** The needle of one name in a string-set column. */
export function stringNeedle(value: string): string {
  return needleOf(tokenOf(value));
}

/**
 * The column text of the annotations: a token per key (for `present`) and per key and value (for
 * `=`). JSON keeps the value's type (`30` and `"30"` differ) and gives one text per number, since
 * JavaScript prints every finite double in one shortest form (0 and -0, equal numbers, print alike).
 */
export function annotationValuesText(annotations: TraceSummaryRecord['annotations']): string {
  const tokens: string[] = [];
  for (const [key, values] of Object.entries(annotations)) {
    if (values.length === 0) continue;
    tokens.push(tokenOf(JSON.stringify([key])));
    for (const value of values) tokens.push(tokenOf(JSON.stringify([key, value])));
  }
  return tokenSetText(tokens);
}

/** The needle of an annotation key that has some value. */
export function annotationKeyNeedle(key: string): string {
  return needleOf(tokenOf(JSON.stringify([key])));
}

/** The needle of an annotation key with one value. */
export function annotationValueNeedle(key: string, value: ScalarValue): string {
  return needleOf(tokenOf(JSON.stringify([key, value])));
}
