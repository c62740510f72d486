/**
 * A subsegment: a unit of work inside a segment (a local step, a downstream HTTP call, an AWS SDK
 * call, a query). Its document lives inside its parent's `subsegments` until the whole segment is
 * sent, unless the tracer streams it earlier as an independent subsegment.
 */
import type { Sql, Subsegment } from '@roentgen/model';
import { newSegmentId } from '../id-source.ts';
import { entityName } from './entity-name.ts';
import { TraceEntity } from './trace-entity.ts';
import type { TraceSegment } from './trace-segment.ts';

/** A subsegment being recorded. Create it through the tracer (`captureAsync`, `startSubsegment`). */
export class TraceSubsegment extends TraceEntity {
  declare readonly doc: Subsegment;
  readonly segment: TraceSegment;
  readonly parent: TraceEntity;
  /**
   * Opened under a parent whose subtree was already final (for example work started after the
   * response was sent). Such a subsegment is always sent on its own, with `parent_id`.
   */
  readonly late: boolean;

  constructor(name: string, parent: TraceEntity, namespace?: string) {
    super();
    this.parent = parent;
    const segment = parent.segment;
    this.segment = segment;
    const doc: Subsegment = { id: newSegmentId(), name: entityName(name), start_time: Date.now() / 1000 };
    if (namespace !== undefined) doc.namespace = namespace;
    this.doc = doc;
    this.late = parent.completed;
    if (!segment.sampled) return;
    segment.openSubsegments++;
    if (this.late) return;
    parent.openChildren++;
    (parent.doc.subsegments ??= []).push(doc);
  }

  /** Sets `namespace`: `"remote"` for downstream calls, `"aws"` for AWS SDK calls. */
  setNamespace(namespace: string): void {
    if (this.writable('namespace')) this.doc.namespace = namespace;
  }

  /** Merges fields into the `sql` block. Record only sanitized queries: this travels in clear. */
  setSql(sql: Sql): void {
    if (this.writable('sql')) this.doc.sql = { ...this.doc.sql, ...sql };
  }

  /** Adds a sibling subsegment ID that completed before this one started (`precursor_ids`). */
  addPrecursorId(id: string): void {
    if (this.writable('precursor_ids')) (this.doc.precursor_ids ??= []).push(id);
  }

  /** Marks the downstream as traced (top-level `traced`, as the Node SDK writes it). */
  setTraced(traced: boolean): void {
    if (this.writable('traced')) this.doc.traced = traced;
  }

  /** Removes this document from its parent's `subsegments`, before it is sent on its own. */
  detachFromParent(): void {
    if (this.late) return;
    const siblings = this.parent.doc.subsegments;
    if (siblings === undefined) return;
    const index = siblings.lastIndexOf(this.doc);
    if (index >= 0) siblings.splice(index, 1);
    if (siblings.length === 0) delete this.parent.doc.subsegments;
  }

  protected onEnded(): void {
    this.segment.openSubsegments--;
  }

  protected complete(): void {
    this.completed = true;
    if (this.late) this.segment.host.subsegmentCompleted(this);
    else this.parent.childCompleted(this);
  }
}
