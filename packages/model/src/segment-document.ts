/**
 * The X-Ray segment document, as senders write it (reference §2). Field names are X-Ray's own,
 * snake_case, because these objects travel on the wire unchanged. Times are epoch seconds
 * (floating point); IDs are lowercase hex.
 */

/** An annotation value: X-Ray indexes only these three kinds. */
export type AnnotationValue = string | number | boolean;

/** Annotations by key. Any key is stored; only `[A-Za-z0-9_]+` keys are addressable in filters. */
export type Annotations = Record<string, AnnotationValue>;

/** Metadata: namespace → key → any JSON value. Not indexed. */
export type Metadata = Record<string, Record<string, unknown>>;

/** Any JSON value, for fields whose content Roentgen stores but does not interpret. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface HttpRequest {
  method?: string;
  url?: string;
  user_agent?: string;
  client_ip?: string;
  x_forwarded_for?: boolean;
  /** Downstream call is traced: the trace is incomplete until its segment arrives. */
  traced?: boolean;
}

export interface HttpResponse {
  status?: number;
  /** Senders write a number, `-1`, or (OpenTelemetry) a string. */
  content_length?: number | string;
}

export interface Http {
  request?: HttpRequest;
  response?: HttpResponse;
}

export interface StackFrame {
  path?: string;
  /** The Node SDK writes `null` for frames without a line. */
  line?: number | null;
  label?: string;
}

export interface ExceptionRecord {
  id: string;
  message?: string;
  type?: string;
  remote?: boolean;
  truncated?: number;
  skipped?: number;
  /** ID of the exception that caused this one. */
  cause?: string;
  stack?: StackFrame[];
}

export interface CauseObject {
  working_directory?: string;
  paths?: string[];
  exceptions?: ExceptionRecord[];
  /** Not in the developer guide: the Node SDK sends `{id}` when an error propagates from a child. */
  id?: string;
}

/** Either an exception ID recorded elsewhere in the trace, or the exceptions themselves. */
export type Cause = string | CauseObject;

/**
 * The `aws` block. On a segment it describes the resource the application runs on; on a
 * subsegment, the AWS call. Unknown fields are kept (`[key: string]: unknown`).
 */
export interface AwsData {
  account_id?: string;
  operation?: string;
  region?: string;
  request_id?: string;
  retries?: number;
  queue_url?: string;
  table_name?: string;
  table_names?: string[];
  function_name?: string;
  resource_names?: string[];
  xray?: {
    sdk?: string;
    sdk_version?: string;
    package?: string;
    rule_name?: string;
    sampling_rule_name?: string;
    auto_instrumentation?: boolean;
  };
  ec2?: { instance_id?: string; instance_size?: string; ami_id?: string; availability_zone?: string };
  ecs?: Record<string, unknown>;
  eks?: Record<string, unknown>;
  elastic_beanstalk?: Record<string, unknown>;
  api_gateway?: { account_id?: string; rest_api_id?: string; stage?: string; request_id?: string };
  cloudwatch_logs?: { log_group?: string; arn?: string }[];
  [key: string]: unknown;
}

export interface Sql {
  connection_string?: string;
  url?: string;
  sanitized_query?: string;
  database_type?: string;
  database_version?: string;
  driver_version?: string;
  user?: string;
  preparation?: 'call' | 'statement';
}

export interface ServiceInfo {
  version?: string;
  runtime?: string;
  runtime_version?: string;
  name?: string;
  [key: string]: unknown;
}

export interface SpanLink {
  trace_id: string;
  id: string;
  attributes?: Record<string, unknown>;
}

/** Fields common to segments and subsegments. */
export interface EntityFields {
  id: string;
  name: string;
  start_time: number;
  /** Absent while `in_progress` is true. */
  end_time?: number;
  in_progress?: boolean;
  http?: Http;
  aws?: AwsData;
  error?: boolean;
  throttle?: boolean;
  fault?: boolean;
  cause?: Cause;
  annotations?: Annotations;
  metadata?: Metadata;
  subsegments?: Subsegment[];
}

/** A subsegment, embedded in its parent or sent on its own (then `type`, `trace_id`, `parent_id` are set). */
export interface Subsegment extends EntityFields {
  /** `aws` for AWS SDK calls, `remote` for other downstream calls; absent for local work. */
  namespace?: 'aws' | 'remote' | 'local' | (string & {});
  sql?: Sql;
  precursor_ids?: string[];
  /** The Node SDK writes `traced` here rather than in `http.request`. */
  traced?: boolean;
  type?: 'subsegment';
  trace_id?: string;
  parent_id?: string;
}

/** A segment: the work one service did for one request. */
export interface Segment extends EntityFields {
  trace_id: string;
  parent_id?: string;
  service?: ServiceInfo;
  user?: string;
  origin?: string;
  resource_arn?: string;
  links?: SpanLink[];
  /** Only on segments that BatchGetTraces infers for downstream calls without their own segment. */
  inferred?: boolean;
}

/** An independent subsegment: sent as its own document, attached to `parent_id` on read. */
export interface IndependentSubsegment extends Subsegment {
  type: 'subsegment';
  trace_id: string;
  parent_id: string;
}

/** One accepted document: a segment or an independent subsegment. */
export type SegmentDocument = Segment | IndependentSubsegment;

/** Tells the two kinds of document apart. */
export function isIndependentSubsegment(document: SegmentDocument): document is IndependentSubsegment {
  return (document as IndependentSubsegment).type === 'subsegment';
}
