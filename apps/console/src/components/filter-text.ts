/**
 * Writes filter expressions for the person, the way they would type them, so that a brushed band
 * on the map becomes an expression they can read, edit and share.
 */
import type { Band } from './histogram-bins.ts';

/** A filter-language string literal: only `"` and `\` need escaping. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

export function responseTimeClause(band: Band): string {
  return `responsetime >= ${band.low} AND responsetime <= ${band.high}`;
}

/** `service("x") { responsetime >= a AND responsetime <= b }`, or the bare service term. */
export function serviceFilter(name: string, band?: Band): string {
  return band ? `service(${quote(name)}) { ${responseTimeClause(band)} }` : `service(${quote(name)})`;
}

/** `edge("a", "b") { responsetime >= a AND responsetime <= b }`, or the bare edge term. */
export function edgeFilter(from: string, to: string, band?: Band): string {
  return band
    ? `edge(${quote(from)}, ${quote(to)}) { ${responseTimeClause(band)} }`
    : `edge(${quote(from)}, ${quote(to)})`;
}
