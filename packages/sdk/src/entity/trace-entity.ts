/**
 * What segments and subsegments share: annotations, metadata, http/aws blocks, error flags, causes,
 * and the bookkeeping that decides when a finished subtree can be sent.
 *
 * Each entity writes straight into `doc`, the plain object that goes on the wire, so emitting is one
 * `JSON.stringify` with no copy. Unsampled entities keep IDs (for header propagation) and skip all
 * recording.
 */
import type { AnnotationValue, AwsData, EntityFields, Http } from '@roentgen/model';
import { exceptionRecordOf } from './error-cause.ts';
import type { TraceSegment } from './trace-segment.ts';
import type { TraceSubsegment } from './trace-subsegment.ts';

const FILTERABLE_KEY = /^[A-Za-z0-9_]+$/;
const NOT_FILTERABLE_CHARACTER = /[^A-Za-z0-9_]/g;

/** Options for {@link TraceEntity.recordError}. */
export interface RecordErrorOptions {
  /** The error came from a downstream service (its response), not from this process. */
  remote?: boolean;
}

/** A segment or subsegment being recorded. Owned by the tracer; do not keep it after it is closed. */
export abstract class TraceEntity {
  /** The wire document, mutated in place until the entity is sent. */
  abstract readonly doc: EntityFields;
  /** The segment at the root of this entity's tree (itself, for a segment). */
  abstract readonly segment: TraceSegment;
  /** Direct children that have not completed yet. */
  openChildren = 0;
  /** Closed, and every descendant completed: the subtree is final. */
  completed = false;
  #ended = false;

  /** 16-hex-digit ID, the `Parent` that downstream calls made under this entity receive. */
  get id(): string {
    return this.doc.id;
  }

  get name(): string {
    return this.doc.name;
  }

  get traceId(): string {
    return this.segment.doc.trace_id;
  }

  /** Whether this trace is recorded and sent. Unsampled entities still propagate the trace header. */
  get sampled(): boolean {
    return this.segment.sampled;
  }

  /** `close()` has been called. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Adds an indexed annotation. X-Ray filters can address only keys of `[A-Za-z0-9_]`, so other
   * characters are replaced by `_` (reported once). Values other than strings, finite numbers and
   * booleans are ignored (reported once).
   */
  addAnnotation(key: string, value: AnnotationValue): void {
    if (!this.writable('annotation')) return;
    const valueType = typeof value;
    if (!(valueType === 'string' || valueType === 'boolean' || (valueType === 'number' && Number.isFinite(value)))) {
      this.segment.host.problems.once(
        'annotation-value',
        `annotation "${key}" ignored: value must be string, finite number or boolean`,
      );
      return;
    }
    let safeKey = key;
    if (!FILTERABLE_KEY.test(key)) {
      if (key.length === 0) return;
      safeKey = key.replace(NOT_FILTERABLE_CHARACTER, '_');
      this.segment.host.problems.once(
        'annotation-key',
        `annotation key "${key}" written as "${safeKey}" (only [A-Za-z0-9_] is filterable)`,
      );
    }
    (this.doc.annotations ??= {})[safeKey] = value;
  }

  /**
   * Adds unindexed metadata under `namespace` (default `"default"`). Namespaces starting with `AWS.`
   * are reserved by X-Ray and refused. The value is serialized when the entity is sent, not now:
   * mutating it afterwards changes what is sent; cycles are replaced by `"[Circular]"`.
   */
  addMetadata(key: string, value: unknown, namespace = 'default'): void {
    if (!this.writable('metadata')) return;
    if (namespace.startsWith('AWS.')) {
      this.segment.host.problems.once('metadata-namespace', `metadata namespace "${namespace}" is reserved for AWS`);
      return;
    }
    const metadata = (this.doc.metadata ??= {});
    (metadata[namespace] ??= {})[key] = value;
  }

  /**
   * Records a thrown value in `cause.exceptions` and sets `fault`, as the X-Ray SDKs do. An error
   * object already recorded elsewhere in this process is referenced by its exception ID instead.
   */
  recordError(error: unknown, options?: RecordErrorOptions): void {
    if (!this.writable('error')) return;
    this.doc.fault = true;
    const host = this.segment.host;
    const key = typeof error === 'object' && error !== null ? error : undefined;
    const knownId = key === undefined ? undefined : host.recordedErrors.get(key);
    if (knownId !== undefined) {
      this.doc.cause ??= knownId;
      return;
    }
    const record = exceptionRecordOf(error, options?.remote === true);
    if (key !== undefined) host.recordedErrors.set(key, record.id);
    const cause = this.doc.cause;
    if (typeof cause === 'object') (cause.exceptions ??= []).push(record);
    else this.doc.cause = { working_directory: host.workingDirectory, exceptions: [record] };
  }

  /** Sets `http.response.status` and the flags X-Ray derives from it: 429 throttle+error, 4xx error, 5xx fault. */
  setHttpStatus(status: number): void {
    if (!this.writable('http')) return;
    const http = (this.doc.http ??= {});
    (http.response ??= {}).status = status;
    if (status === 429) this.doc.throttle = true;
    if (status >= 400 && status < 500) this.doc.error = true;
    else if (status >= 500) this.doc.fault = true;
  }

  /** Merges `http.request` / `http.response` fields into this entity's `http` block. */
  setHttp(http: Http): void {
    if (!this.writable('http')) return;
    const own = (this.doc.http ??= {});
    if (http.request !== undefined) own.request = { ...own.request, ...http.request };
    if (http.response !== undefined) own.response = { ...own.response, ...http.response };
  }

  /** Merges fields into the `aws` block (on a subsegment: the AWS call; on a segment: where the app runs). */
  setAws(fields: AwsData): void {
    if (!this.writable('aws')) return;
    this.doc.aws = { ...this.doc.aws, ...fields };
  }

  /** Sets the `error` flag (client error, 4xx-like). */
  markError(): void {
    if (this.writable('flags')) this.doc.error = true;
  }

  /** Sets the `fault` flag (server error, 5xx-like). */
  markFault(): void {
    if (this.writable('flags')) this.doc.fault = true;
  }

  /** Sets the `throttle` flag. */
  markThrottle(): void {
    if (this.writable('flags')) this.doc.throttle = true;
  }

  /**
   * Ends the entity now. Idempotent. The document is sent once this entity and all its
   * subsegments are closed (a segment) or streamed with its parent's document (a subsegment).
   */
  close(): void {
    if (this.#ended) return;
    this.#ended = true;
    if (!this.segment.sampled) return;
    this.doc.end_time = Date.now() / 1000;
    this.onEnded();
    if (this.openChildren === 0) this.complete();
  }

  /** Called by a child whose subtree just completed. */
  childCompleted(child: TraceSubsegment): void {
    this.openChildren--;
    this.segment.host.subsegmentCompleted(child);
    if (this.#ended && this.openChildren === 0) this.complete();
  }

  /** Whether fields may be written now; reports misuse on the host's function segment once. */
  protected writable(what: string): boolean {
    const segment = this.segment;
    if (!segment.sampled) return false;
    if (segment.facade && (this as TraceEntity) === segment) {
      segment.host.problems.once('facade-' + what, `the function segment belongs to its host: ${what} ignored`);
      return false;
    }
    return true;
  }

  /** Hook run at `close()` before completion is checked. */
  protected abstract onEnded(): void;
  /** Marks the subtree final and hands it on (to the parent, or to the host). */
  protected abstract complete(): void;
}
