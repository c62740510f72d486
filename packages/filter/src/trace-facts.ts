/**
 * Everything the filter language can ask about one trace, as plain JSON-serialisable data. The query
 * layer builds one `TraceFacts` per trace (from its segments or its stored summary) and hands it to
 * `evaluateFilter`. Times are seconds (floating point). Optional booleans mean `false` when absent;
 * optional lists mean empty; an absent number or string means "not recorded", and every comparison
 * with it is false (so `http.status != 200` is false for a trace without a status).
 */
export interface TraceFacts {
  /** The X-Ray trace ID, `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx`; informational for the evaluator. */
  readonly traceId: string;
  /** Root segment `end_time − start_time` (TraceSummary.ResponseTime); absent while in progress. */
  readonly responseTime?: number;
  /** Last end of any segment − first start of any segment (TraceSummary.Duration). */
  readonly duration?: number;
  /** The root segment's `http` block (TraceSummary.Http). */
  readonly http?: HttpFacts;
  /** The root segment faulted (5XX) — TraceSummary.HasFault. */
  readonly fault?: boolean;
  /** The root segment erred (4XX) — TraceSummary.HasError. A handled downstream error does not count. */
  readonly error?: boolean;
  /** Any segment was throttled (429) — TraceSummary.HasThrottle. */
  readonly throttle?: boolean;
  /** Some segment is in progress or its parent never arrived — TraceSummary.IsPartial. */
  readonly partial?: boolean;
  /** Some downstream call has no real segment of its own (the service graph infers a node for it). */
  readonly inferred?: boolean;
  /** The `user` of every segment that has one (duplicates harmless). */
  readonly users?: readonly string[];
  /** `aws.ec2.availability_zone` of every segment that has one. */
  readonly availabilityZones?: readonly string[];
  /** `aws.ec2.instance_id` of every segment that has one. */
  readonly instanceIds?: readonly string[];
  /** `resource_arn` of every segment that has one. */
  readonly resourceArns?: readonly string[];
  /** Every value each annotation key takes in any segment or subsegment; a key with no values is unset. */
  readonly annotations?: Readonly<Record<string, readonly AnnotationValue[]>>;
  /** One entry per segment a node produced (a node called twice appears twice), inferred nodes included. */
  readonly services?: readonly ServiceFacts[];
  /** One entry per call between two nodes, from the caller's record (the calling subsegment). */
  readonly edges?: readonly EdgeFacts[];
  /** The trace summary's root causes, in the API's order. */
  readonly rootCauses?: RootCausesFacts;
  /**
   * The groups known to the query (not properties of the trace): `group.name = "x"` holds when the
   * trace meets group x's filter expression. Share one array across every trace of a query.
   */
  readonly groups?: readonly GroupFacts[];
}

/** An annotation value; X-Ray annotations are strings, numbers or booleans. */
export type AnnotationValue = string | number | boolean;

/** A segment's `http` block: `request.url`, `response.status`, `request.method`, … */
export interface HttpFacts {
  readonly url?: string;
  readonly status?: number;
  readonly method?: string;
  readonly userAgent?: string;
  readonly clientIp?: string;
}

/** The outcome of one request, as a segment (services) or a calling subsegment (edges) records it. */
export interface CallFacts {
  readonly fault?: boolean;
  readonly error?: boolean;
  readonly throttle?: boolean;
  /** `end_time − start_time` in seconds; absent while in progress. */
  readonly responseTime?: number;
  readonly http?: HttpFacts;
}

/** Identifies a service-graph node: X-Ray nodes are (name, type, account); names repeat across types. */
export interface NodeIdentity {
  readonly name: string;
  /** Alternate names callers use for the node; `service("x")` matches these too. */
  readonly names?: readonly string[];
  /** The node type (segment `origin`, e.g. `AWS::Lambda::Function`); absent when the segment has none. */
  readonly type?: string;
  readonly accountId?: string;
}

/** One segment of a service node, seen by `service(…) { … }`. */
export interface ServiceFacts extends NodeIdentity, CallFacts {
  /** This segment is the root of the trace (the node is the entry point). */
  readonly root?: boolean;
  /** The node has no segment of its own; this entry comes from the caller's subsegment. */
  readonly inferred?: boolean;
}

/** One call from `source` to `target`, seen by `edge(…, …) { … }`. */
export interface EdgeFacts extends CallFacts {
  readonly source: NodeIdentity;
  readonly target: NodeIdentity;
}

/** The three root-cause lists of a trace summary. */
export interface RootCausesFacts {
  readonly fault?: readonly RootCauseFacts[];
  readonly error?: readonly RootCauseFacts[];
  readonly responseTime?: readonly RootCauseFacts[];
}

/** One root cause: the chain of services, outermost first (`FaultRootCause`, …). */
export interface RootCauseFacts {
  readonly services: readonly RootCauseServiceFacts[];
  readonly clientImpacting?: boolean;
}

/** `*RootCauseService`: a service on the root-cause chain with its entity path, outermost first. */
export interface RootCauseServiceFacts extends NodeIdentity {
  readonly inferred?: boolean;
  readonly entityPath: readonly RootCauseEntityFacts[];
}

/** One `EntityPath` entry (a segment or subsegment on the path to the cause). */
export interface RootCauseEntityFacts {
  readonly name: string;
  readonly remote?: boolean;
  /** Response-time root causes only: this entity's response time ÷ the root segment's (0..1). */
  readonly coverage?: number;
  /** Fault and error root causes only. */
  readonly exceptions?: readonly RootCauseExceptionFacts[];
}

export interface RootCauseExceptionFacts {
  readonly name: string;
  readonly message?: string;
}

/** A group as the query knows it. An absent or blank expression (the `Default` group) matches all. */
export interface GroupFacts {
  readonly name: string;
  readonly arn: string;
  readonly filterExpression?: string;
}
