/**
 * A segment: the work this service did for one request. Root of a tree of subsegments; sent as one
 * document when it and every subsegment under it are closed (minus the subsegments streamed
 * earlier). A "facade" segment stands for a segment some host already records (a function host's
 * `AWS::Lambda::Function` segment): it is never sent, and its subsegments are sent independently.
 */
import type { Segment, ServiceInfo } from '@roentgen/model';
import type { EntityHost } from './entity-host.ts';
import { entityName } from './entity-name.ts';
import { TraceEntity } from './trace-entity.ts';

/** How a segment starts; built by the tracer from the incoming trace header and the sampling decision. */
export interface SegmentInit {
  name: string;
  traceId: string;
  /** Given for facade segments (the host's segment ID); otherwise a new ID is drawn. */
  id: string;
  parentId?: string;
  sampled: boolean;
  facade: boolean;
  host: EntityHost;
  /** Opaque `key=value` pairs of the incoming header (e.g. Lineage), re-sent on AWS SDK calls. */
  headerExtra?: string;
}

/** A segment being recorded. Created by the tracer (`startSegment`, the HTTP middleware, the function wrapper). */
export class TraceSegment extends TraceEntity {
  declare readonly doc: Segment;
  readonly segment: TraceSegment = this;
  readonly parent: undefined = undefined;
  readonly host: EntityHost;
  readonly #sampled: boolean;
  readonly facade: boolean;
  /** `;key=value` pairs to append to trace headers of AWS calls; empty when there are none. */
  readonly headerExtra: string;
  /** Subsegments opened and not yet closed anywhere in this tree (the streaming threshold counts these). */
  openSubsegments = 0;

  constructor(init: SegmentInit) {
    super();
    this.host = init.host;
    this.#sampled = init.sampled;
    this.facade = init.facade;
    this.headerExtra = init.headerExtra ?? '';
    const doc: Segment = {
      trace_id: init.traceId,
      id: init.id,
      start_time: Date.now() / 1000,
      name: entityName(init.name),
    };
    if (init.parentId !== undefined) doc.parent_id = init.parentId;
    this.doc = doc;
  }

  override get sampled(): boolean {
    return this.#sampled;
  }

  /** Sets the `user` field (indexed; filterable as `user`). */
  setUser(user: string): void {
    if (this.writable('user')) this.doc.user = user;
  }

  /** Sets `origin`, the resource type (`AWS::EC2::Instance`, …) that becomes the service-graph node type. */
  setOrigin(origin: string): void {
    if (this.writable('origin')) this.doc.origin = origin;
  }

  /** Merges fields into `service` (version, runtime, …). */
  setService(service: ServiceInfo): void {
    if (this.writable('service')) this.doc.service = { ...this.doc.service, ...service };
  }

  /** Sets `resource_arn`, the ARN of the resource running this segment. */
  setResourceArn(arn: string): void {
    if (this.writable('resource_arn')) this.doc.resource_arn = arn;
  }

  protected onEnded(): void {
    // Nothing beyond the end time: a segment has no parent to tell.
  }

  protected complete(): void {
    this.completed = true;
    if (!this.facade) this.host.segmentCompleted(this);
  }
}
