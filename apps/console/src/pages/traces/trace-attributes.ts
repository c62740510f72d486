/**
 * The attributes of a trace summary that a person groups by and compares on, as (dimension, value)
 * pairs. A trace holds each pair at most once, so counts are numbers of traces.
 */
import type { AnnotationValue, RootCause, TraceSummary } from '../../api/xray-types.ts';

export type Dimension =
  | 'annotation'
  | 'user'
  | 'http.url'
  | 'http.status'
  | 'http.method'
  | 'rootcause.service'
  | 'rootcause.entity'
  | 'service';

/**
 * Order of dimensions when two attributes separate the traces equally well: what the application
 * itself recorded (annotations, users) explains more than where the time went.
 */
export const DIMENSION_ORDER: readonly Dimension[] = [
  'annotation',
  'user',
  'http.url',
  'http.status',
  'http.method',
  'rootcause.service',
  'rootcause.entity',
  'service',
];

export interface Attribute {
  readonly dimension: Dimension;
  /** For annotations, the annotation's key; empty otherwise. */
  readonly key: string;
  readonly value: string;
}

export function attributeId(a: Attribute): string {
  return `${a.dimension}\u0000${a.key}\u0000${a.value}`;
}

/** How an attribute reads in a table: `annotation.tier = "gold"`, `http.status = 502`. */
export function attributeLabel(a: Attribute): string {
  return a.dimension === 'annotation' ? `annotation.${a.key} = ${a.value}` : `${a.dimension} = ${a.value}`;
}

export function annotationText(value: AnnotationValue | undefined): string {
  if (!value) return '(none)';
  if (value.StringValue !== undefined) return JSON.stringify(value.StringValue);
  if (value.NumberValue !== undefined) return String(value.NumberValue);
  if (value.BooleanValue !== undefined) return String(value.BooleanValue);
  return '(none)';
}

/** The culprit of each root cause: the last service on the path and that service's last entity. */
function rootCauseParts(causes: readonly RootCause[] | undefined): { service: string[]; entity: string[] } {
  const service: string[] = [];
  const entity: string[] = [];
  for (const cause of causes ?? []) {
    const culprit = cause.Services?.at(-1);
    if (culprit?.Name) service.push(culprit.Name);
    const last = culprit?.EntityPath?.at(-1);
    if (last?.Name) entity.push(last.Name);
  }
  return { service, entity };
}

/** Every attribute of one summary, without duplicates. */
export function attributesOf(s: TraceSummary): Attribute[] {
  const out = new Map<string, Attribute>();
  const add = (dimension: Dimension, value: string | undefined, key = '') => {
    if (value === undefined || value === '') return;
    const a = { dimension, key, value };
    out.set(attributeId(a), a);
  };
  for (const [key, values] of Object.entries(s.Annotations ?? {})) {
    for (const v of values) add('annotation', annotationText(v.AnnotationValue), key);
  }
  for (const u of s.Users ?? []) add('user', u.UserName);
  add('http.url', s.Http?.HttpURL);
  add('http.status', s.Http?.HttpStatus?.toString());
  add('http.method', s.Http?.HttpMethod);
  const causes = [...(s.FaultRootCauses ?? []), ...(s.ErrorRootCauses ?? []), ...(s.ResponseTimeRootCauses ?? [])];
  const { service, entity } = rootCauseParts(causes);
  for (const name of service) add('rootcause.service', name);
  for (const name of entity) add('rootcause.entity', name);
  for (const id of s.ServiceIds ?? []) add('service', id.Name);
  return [...out.values()];
}

/** Counts of traces per attribute value within one dimension (and annotation key), largest first. */
export function groupBy(
  summaries: readonly TraceSummary[],
  dimension: Dimension,
  key = '',
): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const s of summaries) {
    for (const a of attributesOf(s)) {
      if (a.dimension === dimension && a.key === key) counts.set(a.value, (counts.get(a.value) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * Every annotation key in the summaries: keys whose value varies first (a constant tells nothing
 * when grouped by), then the most common, then by name.
 */
export function annotationKeys(summaries: readonly TraceSummary[]): string[] {
  const counts = new Map<string, { traces: number; values: Set<string> }>();
  for (const s of summaries) {
    for (const [key, values] of Object.entries(s.Annotations ?? {})) {
      const entry = counts.get(key) ?? { traces: 0, values: new Set<string>() };
      entry.traces++;
      for (const v of values) entry.values.add(annotationText(v.AnnotationValue));
      counts.set(key, entry);
    }
  }
  const varies = (e: { values: Set<string> }) => (e.values.size > 1 ? 1 : 0);
  return [...counts]
    .sort(([ka, a], [kb, b]) => varies(b) - varies(a) || b.traces - a.traces || ka.localeCompare(kb))
    .map(([key]) => key);
}
