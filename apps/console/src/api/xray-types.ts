/**
 * The X-Ray API shapes the console reads, as the server sends them (restJson1, epoch seconds).
 * Every member is optional where X-Ray's model makes it optional: the console must draw what it gets.
 */

/** A response-time bucket: `Value` in seconds, `Count` requests. */
export interface HistogramEntry {
  readonly Value: number;
  readonly Count: number;
}

/** Counters of one node or edge over the requested window. */
export interface XRayStatistics {
  readonly OkCount?: number;
  readonly ErrorStatistics?: { ThrottleCount?: number; OtherCount?: number; TotalCount?: number };
  readonly FaultStatistics?: { OtherCount?: number; TotalCount?: number };
  readonly TotalCount?: number;
  /** Sum of response times in seconds. */
  readonly TotalResponseTime?: number;
}

export interface XRayEdge {
  /** The `ReferenceId` of the callee node. */
  readonly ReferenceId: number;
  readonly StartTime?: number;
  readonly EndTime?: number;
  readonly SummaryStatistics?: XRayStatistics;
  readonly ResponseTimeHistogram?: HistogramEntry[];
  readonly EdgeType?: string;
}

export interface XRayService {
  readonly ReferenceId: number;
  readonly Name?: string;
  readonly Names?: string[];
  readonly Root?: boolean;
  readonly Type?: string | null;
  readonly State?: string;
  readonly StartTime?: number;
  readonly EndTime?: number;
  readonly Edges?: XRayEdge[];
  readonly SummaryStatistics?: XRayStatistics;
  readonly ResponseTimeHistogram?: HistogramEntry[];
  readonly DurationHistogram?: HistogramEntry[];
}

export interface ServiceGraphOutput {
  readonly Services: XRayService[];
  readonly StartTime?: number;
  readonly EndTime?: number;
  readonly NextToken?: string;
}

export interface ServiceId {
  readonly Name?: string;
  readonly Names?: string[];
  readonly Type?: string;
}

export interface AnnotationValue {
  readonly NumberValue?: number;
  readonly BooleanValue?: boolean;
  readonly StringValue?: string;
}

export interface RootCauseEntity {
  readonly Name?: string;
  readonly Exceptions?: { Name?: string; Message?: string }[];
  readonly Remote?: boolean;
  readonly Coverage?: number;
}

export interface RootCauseService {
  readonly Name?: string;
  readonly Type?: string;
  readonly EntityPath?: RootCauseEntity[];
  readonly Inferred?: boolean;
}

export interface RootCause {
  readonly Services?: RootCauseService[];
  readonly ClientImpacting?: boolean;
}

export interface TraceSummary {
  readonly Id: string;
  /** Epoch seconds of the earliest segment start. */
  readonly StartTime?: number;
  readonly Duration?: number;
  /** Seconds the root segment took. */
  readonly ResponseTime?: number;
  readonly HasFault?: boolean;
  readonly HasError?: boolean;
  readonly HasThrottle?: boolean;
  readonly IsPartial?: boolean;
  readonly Http?: { HttpURL?: string; HttpStatus?: number; HttpMethod?: string; UserAgent?: string; ClientIp?: string };
  readonly Annotations?: Record<string, { AnnotationValue?: AnnotationValue; ServiceIds?: ServiceId[] }[]>;
  readonly Users?: { UserName?: string; ServiceIds?: ServiceId[] }[];
  readonly ServiceIds?: ServiceId[];
  readonly EntryPoint?: ServiceId;
  readonly FaultRootCauses?: RootCause[];
  readonly ErrorRootCauses?: RootCause[];
  readonly ResponseTimeRootCauses?: RootCause[];
}

export interface TraceSummariesOutput {
  readonly TraceSummaries: TraceSummary[];
  readonly NextToken?: string;
  readonly TracesProcessedCount?: number;
}

export interface XRayTrace {
  readonly Id: string;
  readonly Duration?: number;
  readonly LimitExceeded?: boolean;
  readonly Segments: { Id: string; Document: string }[];
}

export interface TracesOutput {
  readonly Traces: XRayTrace[];
  readonly UnprocessedTraceIds?: string[];
  readonly NextToken?: string;
}

export interface Group {
  readonly GroupName: string;
  readonly GroupARN?: string;
  readonly FilterExpression?: string;
  readonly InsightsConfiguration?: { InsightsEnabled?: boolean; NotificationsEnabled?: boolean };
}

export interface SamplingRule {
  readonly RuleName: string;
  readonly RuleARN?: string;
  readonly ResourceARN: string;
  readonly Priority: number;
  readonly FixedRate: number;
  readonly ReservoirSize: number;
  readonly ServiceName: string;
  readonly ServiceType: string;
  readonly Host: string;
  readonly HTTPMethod: string;
  readonly URLPath: string;
  readonly Version: number;
  readonly Attributes?: Record<string, string>;
}

export interface SamplingRuleRecord {
  readonly SamplingRule: SamplingRule;
  readonly CreatedAt?: number;
  readonly ModifiedAt?: number;
}
