/**
 * The tracer: one per process (or per test), owning the context, the sampler, the dispatcher and the
 * UDP emitter. Everything else in the SDK (HTTP middleware, outgoing capture, the AWS client
 * middleware, the function wrapper) works through its public methods.
 */
import type { EventEmitter } from 'node:events';
import type { AnnotationValue } from '@roentgen/model';
import { TraceContext } from './context/trace-context.ts';
import { DocumentDispatcher } from './emitter/document-dispatcher.ts';
import { UdpEmitter, type EmitterStats } from './emitter/udp-emitter.ts';
import type { RecordErrorOptions, TraceEntity } from './entity/trace-entity.ts';
import { TraceSegment } from './entity/trace-segment.ts';
import { TraceSubsegment } from './entity/trace-subsegment.ts';
import { newClientId, newSegmentId, newTraceId } from './id-source.ts';
import { CentralizedSampler } from './sampling/centralized-sampler.ts';
import { LocalSampler } from './sampling/local-sampler.ts';
import type { Sampler, SamplingRequest } from './sampling/sampling-types.ts';
import { readTraceContext, traceparentValue, xrayHeaderValue, type IncomingTraceContext } from './trace-propagation.ts';
import { resolveTracerOptions, type ResolvedTracerOptions, type TracerOptions } from './tracer-options.ts';
import { SDK_VERSION } from './sdk-version.ts';

/** How a segment starts: its name, the caller's trace headers, and what sampling rules match on. */
export interface StartSegmentOptions {
  /** Default: the tracer's service name. */
  name?: string;
  /** The incoming `X-Amzn-Trace-Id` value, if any. */
  traceHeader?: string;
  /** The incoming W3C `traceparent` value, used when `traceHeader` gives no trace ID. */
  traceparent?: string;
  /** Request attributes for sampling rules (host without port, method, path with query). */
  request?: Pick<SamplingRequest, 'host' | 'method' | 'urlPath'>;
}

/** Where a subsegment goes and what it is. */
export interface SubsegmentOptions {
  /** `"remote"` for downstream calls, `"aws"` for AWS SDK calls; absent for local work. */
  namespace?: string;
  /** Default: the current entity. */
  parent?: TraceEntity;
}

/** Receives one header to set on an outgoing request (lower-case name). */
export type SetHeader = (name: string, value: string) => void;

/** Creates a tracer. Never throws: bad options are reported through `logger` and replaced by defaults. */
export function createTracer(options: TracerOptions = {}): Tracer {
  return new Tracer(options);
}

/** See the package README for a walkthrough. Create with {@link createTracer}; call `shutdown()` when done. */
export class Tracer {
  readonly serviceName: string;
  readonly #options: ResolvedTracerOptions;
  readonly #context = new TraceContext();
  readonly #emitter: UdpEmitter;
  readonly #dispatcher: DocumentDispatcher;
  readonly #sampler: Sampler;
  readonly #service: { runtime: string; runtime_version: string; name: string; version?: string };
  readonly #xray = { sdk: 'Roentgen for Node.js', sdk_version: SDK_VERSION, package: '@roentgen/sdk' };
  readonly #detachedRoot: TraceSegment;
  #shutdown: Promise<void> | undefined;

  constructor(options: TracerOptions) {
    const resolved = resolveTracerOptions(options);
    this.#options = resolved;
    this.serviceName = resolved.serviceName;
    this.#emitter = new UdpEmitter(resolved.daemon.udp, resolved.problems, resolved.maxPendingDatagrams);
    this.#dispatcher = new DocumentDispatcher(this.#emitter, resolved.problems, resolved.streamingThreshold);
    this.#sampler = resolved.sampler ?? this.#builtInSampler();
    this.#service = { runtime: 'node', runtime_version: process.version, name: resolved.serviceName };
    if (resolved.serviceVersion !== undefined) this.#service.version = resolved.serviceVersion;
    // Parent of work done outside any segment: records nothing, propagates nothing.
    this.#detachedRoot = this.#segment('detached', { extra: '' }, false, undefined, true, newSegmentId());
  }

  /**
   * Starts a segment for one unit of work (a request, a job). Continues the caller's trace when
   * headers are given; obeys their sampling decision, else asks the sampler. The caller must
   * `close()` it, and run work under it with {@link runWith} so subsegments find it.
   */
  startSegment(options: StartSegmentOptions = {}): TraceSegment {
    const name = options.name ?? this.serviceName;
    const incoming = readTraceContext(options.traceHeader, options.traceparent);
    let sampled = incoming.sampled;
    let ruleName: string | undefined;
    if (sampled === undefined) {
      const request = options.request ?? {};
      const decision = this.#sampler.decide({ ...request, serviceName: name, serviceType: this.#options.origin });
      sampled = decision.sampled;
      ruleName = decision.ruleName;
    }
    return this.#segment(name, incoming, sampled, ruleName, false, newSegmentId());
  }

  /**
   * A facade for a segment another process records (a function host's function segment): ID and
   * trace from `traceHeader`'s Root and Parent, sampled only when it says `Sampled=1`. Never sent;
   * its subsegments are sent as independent subsegments. `undefined` when the header has no Root or Parent.
   */
  startFacadeSegment(traceHeader: string): TraceSegment | undefined {
    const incoming = readTraceContext(traceHeader, undefined);
    if (incoming.traceId === undefined || incoming.parentId === undefined) return undefined;
    return this.#segment(this.serviceName, incoming, incoming.sampled === true, undefined, true, incoming.parentId);
  }

  /** Starts a subsegment under `options.parent` or the current entity; the caller closes it. */
  startSubsegment(name: string, options: SubsegmentOptions = {}): TraceSubsegment {
    const parent = options.parent ?? this.#context.current();
    if (parent === undefined) {
      this.#options.problems.once('no-context', `subsegment "${name}" started outside any segment; it is not recorded`);
      return new TraceSubsegment(name, this.#detachedRoot, options.namespace);
    }
    return new TraceSubsegment(name, parent, options.namespace);
  }

  /**
   * Runs `fn` in a new subsegment that is current inside it; closes it when the promise settles and
   * records a rejection (then rethrows it). Outside any segment `fn` still runs, unrecorded.
   */
  captureAsync<R>(
    name: string,
    fn: (subsegment: TraceSubsegment) => PromiseLike<R>,
    options?: SubsegmentOptions,
  ): Promise<R> {
    const subsegment = this.startSubsegment(name, options);
    return this.#context.run(subsegment, () => settleAsync(subsegment, fn));
  }

  /** Synchronous {@link captureAsync}: the subsegment closes when `fn` returns or throws. */
  capture<R>(name: string, fn: (subsegment: TraceSubsegment) => R, options?: SubsegmentOptions): R {
    const subsegment = this.startSubsegment(name, options);
    return this.#context.run(subsegment, () => {
      try {
        const result = fn(subsegment);
        subsegment.close();
        return result;
      } catch (error) {
        throw closeWithError(subsegment, error);
      }
    });
  }

  /** Runs `fn` with `entity` current (for segments from {@link startSegment}, subsegments from {@link startSubsegment}). */
  runWith<R>(entity: TraceEntity, fn: () => R): R {
    return this.#context.run(entity, fn);
  }

  /** The segment or subsegment the calling code runs under. */
  currentEntity(): TraceEntity | undefined {
    return this.#context.current();
  }

  /** The segment at the root of the current entity. */
  currentSegment(): TraceSegment | undefined {
    return this.#context.current()?.segment;
  }

  /** {@link TraceEntity.addAnnotation} on the current entity; nothing outside a segment. */
  addAnnotation(key: string, value: AnnotationValue): void {
    this.#context.current()?.addAnnotation(key, value);
  }

  /** {@link TraceEntity.addMetadata} on the current entity; nothing outside a segment. */
  addMetadata(key: string, value: unknown, namespace?: string): void {
    this.#context.current()?.addMetadata(key, value, namespace);
  }

  /** Sets `user` on the current segment. */
  setUser(user: string): void {
    this.#context.current()?.segment.setUser(user);
  }

  /** {@link TraceEntity.recordError} on the current entity. */
  recordError(error: unknown, options?: RecordErrorOptions): void {
    this.#context.current()?.recordError(error, options);
  }

  /** Pins `emitter`'s listeners to the current entity (or `entity`); see the README on streams. */
  bindEmitter<E extends EventEmitter>(emitter: E, entity?: TraceEntity): E {
    return this.#context.bindEmitter(emitter, entity);
  }

  /** Wraps `fn` so that it runs under the current entity (or `entity`) whenever it is called. */
  bind<A extends unknown[], R>(fn: (...args: A) => R, entity?: TraceEntity): (...args: A) => R {
    return this.#context.bind(fn, entity);
  }

  /**
   * Writes the trace headers for a call made from `entity` (normally the call's own subsegment) in the
   * configured formats. `aws: true` writes `X-Amzn-Trace-Id` only, with Lineage and extra data, as AWS expects.
   */
  injectHeaders(entity: TraceEntity, setHeader: SetHeader, options?: { aws?: boolean }): void {
    const segment = entity.segment;
    if (segment === this.#detachedRoot) return;
    const aws = options?.aws === true;
    if (aws || this.#options.propagateXray) {
      setHeader(
        'x-amzn-trace-id',
        xrayHeaderValue(segment.doc.trace_id, entity.id, segment.sampled, aws ? segment.headerExtra : ''),
      );
    }
    if (!aws && this.#options.propagateW3c) {
      const traceparent = traceparentValue(segment.doc.trace_id, entity.id, segment.sampled);
      if (traceparent !== undefined) setHeader('traceparent', traceparent);
    }
  }

  /** Datagrams sent and dropped so far (drops include failed sends, full queues, oversize documents). */
  stats(): EmitterStats {
    return { ...this.#emitter.stats };
  }

  /** Resolves when every document completed so far has left the socket. */
  flush(): Promise<void> {
    return this.#emitter.flush();
  }

  /** Stops sampling pollers, flushes (at most 2 s) and closes the socket. Idempotent; later documents are dropped. */
  shutdown(): Promise<void> {
    this.#shutdown ??= (async () => {
      this.#sampler.stop();
      await this.#emitter.close();
    })();
    return this.#shutdown;
  }

  #segment(
    name: string,
    incoming: IncomingTraceContext,
    sampled: boolean,
    ruleName: string | undefined,
    facade: boolean,
    id: string,
  ): TraceSegment {
    const segment = new TraceSegment({
      name,
      traceId: incoming.traceId ?? newTraceId(Date.now()),
      id,
      parentId: facade ? undefined : incoming.parentId,
      sampled,
      facade,
      host: this.#dispatcher,
      headerExtra: incoming.extra,
    });
    if (sampled && !facade) {
      const doc = segment.doc;
      doc.service = this.#service;
      doc.aws = { xray: ruleName === undefined ? this.#xray : { ...this.#xray, rule_name: ruleName } };
      if (this.#options.origin !== undefined) doc.origin = this.#options.origin;
    }
    return segment;
  }

  #builtInSampler(): Sampler {
    const { localRules, clock, random, centralized, daemon, problems } = this.#options;
    const local = new LocalSampler(localRules, clock, random);
    if (!centralized) return local;
    return new CentralizedSampler({
      address: daemon.tcp,
      fallback: local,
      clock,
      random,
      problems,
      clientId: newClientId(),
      runDetached: (fn) => this.#context.exit(fn),
    });
  }
}

async function settleAsync<R>(
  subsegment: TraceSubsegment,
  fn: (subsegment: TraceSubsegment) => PromiseLike<R>,
): Promise<R> {
  try {
    const value = await fn(subsegment);
    subsegment.close();
    return value;
  } catch (error) {
    throw closeWithError(subsegment, error);
  }
}

function closeWithError(subsegment: TraceSubsegment, error: unknown): unknown {
  subsegment.recordError(error);
  subsegment.close();
  return error;
}
