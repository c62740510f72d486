/**
 * The annotations and users of a trace with the nodes that carried them (TraceSummary `Annotations`
 * and `Users`, reference §4.5.2, §6.6): one entry per distinct value, each naming its nodes once.
 */
import type { AnnotationValue } from '@roentgen/model';
import type { TraceUser, ServiceId, ValueWithServiceIds } from './trace-summary-shapes.ts';
import type { Entity, TraceView } from './trace-view.ts';
import { serviceIdKey } from './service-id-key.ts';

/** X-Ray indexes at most this many annotation keys per trace; later keys are not filterable. */
export const MAX_ANNOTATION_KEYS = 50;

/**
 * Values with their carriers. Keyed by the value itself: a `Map` keeps `1`, `"1"` and `true` apart
 * and, for finite numbers, equates exactly the values whose text is the same (`0` and `-0`).
 */
class ValueIndex<V extends AnnotationValue> {
  readonly entries = new Map<V, { value: V; nodes: Map<string, ServiceId> }>();

  add(value: V, node: ServiceId | undefined): void {
    let entry = this.entries.get(value);
    if (!entry) this.entries.set(value, (entry = { value, nodes: new Map() }));
    if (node) entry.nodes.set(serviceIdKey(node), node);
  }
}

/** Annotations and users of every segment, subsegment and orphan (orphans carry no node). */
export interface TraceAnnotations {
  readonly annotations: Record<string, ValueWithServiceIds[]>;
  readonly users: TraceUser[];
  /** Key → distinct values, for the filter facts and the store's annotation index. */
  readonly values: Record<string, AnnotationValue[]>;
  readonly userNames: string[];
}

/** Collects annotations (first `MAX_ANNOTATION_KEYS` keys in document order) and users. */
export function collectAnnotations(view: TraceView): TraceAnnotations {
  const byKey = new Map<string, ValueIndex<AnnotationValue>>();
  const users = new ValueIndex<string>();
  for (const segment of view.segments) {
    const node = view.nodeOf(segment);
    if (typeof segment.user === 'string') users.add(segment.user, node);
    addAnnotations(byKey, segment, node);
    for (const child of view.subsegmentsOf(segment)) addAnnotations(byKey, child, node);
  }
  for (const orphan of view.orphans) {
    addAnnotations(byKey, orphan, undefined);
    for (const child of view.subsegmentsOf(orphan)) addAnnotations(byKey, child, undefined);
  }
  const annotations: Record<string, ValueWithServiceIds[]> = {};
  const values: Record<string, AnnotationValue[]> = {};
  for (const [key, index] of byKey) {
    const entries = [...index.entries.values()];
    annotations[key] = entries.map((e) => ({
      AnnotationValue: annotationShape(e.value),
      ServiceIds: [...e.nodes.values()],
    }));
    values[key] = entries.map((e) => e.value);
  }
  const userEntries = [...users.entries.values()];
  return {
    annotations,
    values,
    users: userEntries.map((e) => ({ UserName: e.value, ServiceIds: [...e.nodes.values()] })),
    userNames: userEntries.map((e) => e.value),
  };
}

function addAnnotations(
  byKey: Map<string, ValueIndex<AnnotationValue>>,
  entity: Entity,
  node: ServiceId | undefined,
): void {
  const annotations = entity.annotations;
  if (annotations === undefined) return;
  for (const key of Object.keys(annotations)) {
    const value = annotations[key];
    if (!isAnnotationValue(value)) continue;
    let index = byKey.get(key);
    if (!index) {
      if (byKey.size >= MAX_ANNOTATION_KEYS) continue;
      byKey.set(key, (index = new ValueIndex()));
    }
    index.add(value, node);
  }
}

function isAnnotationValue(value: unknown): value is AnnotationValue {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

function annotationShape(value: AnnotationValue): ValueWithServiceIds['AnnotationValue'] {
  if (typeof value === 'number') return { NumberValue: value };
  return typeof value === 'boolean' ? { BooleanValue: value } : { StringValue: value };
}
