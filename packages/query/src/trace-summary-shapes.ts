/**
 * X-Ray's `TraceSummary` and the shapes inside it, exactly as GetTraceSummaries returns them
 * (reference §4.5.2). Times are epoch seconds, durations seconds, both floating point.
 */

/** A service-graph node: `Type` and `AccountId` are left out when the segment did not say. */
export interface ServiceId {
  Name: string;
  Names: string[];
  AccountId?: string;
  Type?: string;
}

/** Exactly one of the three members is set. */
export interface AnnotationValueShape {
  NumberValue?: number;
  BooleanValue?: boolean;
  StringValue?: string;
}

export interface ValueWithServiceIds {
  AnnotationValue: AnnotationValueShape;
  /** The nodes whose segments or subsegments carried the value. */
  ServiceIds: ServiceId[];
}

export interface TraceUser {
  UserName: string;
  ServiceIds: ServiceId[];
}

export interface RootCauseException {
  Name: string;
  Message?: string;
}

/** One entity on the path to a cause: the service's segment first, then nested subsegments. */
export interface RootCauseEntity {
  Name: string;
  Remote: boolean;
  /** Fault and error causes only. */
  Exceptions?: RootCauseException[];
  /** Response-time causes only: this entity's response time ÷ the root segment's (0..1). */
  Coverage?: number;
}

export interface RootCauseService {
  Name: string;
  Names: string[];
  Type?: string;
  AccountId?: string;
  EntityPath: RootCauseEntity[];
  Inferred: boolean;
}

/** `FaultRootCause`, `ErrorRootCause` and `ResponseTimeRootCause` share this shape. */
export interface RootCause {
  /** Outermost service (the entry point) first, the culprit last. */
  Services: RootCauseService[];
  ClientImpacting: boolean;
}

export interface TraceSummaryHttp {
  HttpURL?: string;
  HttpStatus?: number;
  HttpMethod?: string;
  UserAgent?: string;
  ClientIp?: string;
}

/** The API's `TraceSummary`; every member is always present (empty containers rather than absent). */
export interface TraceSummary {
  Id: string;
  StartTime: number;
  Duration: number;
  /** Absent while the root segment is in progress. */
  ResponseTime?: number;
  HasFault: boolean;
  HasError: boolean;
  HasThrottle: boolean;
  IsPartial: boolean;
  Http: TraceSummaryHttp;
  Annotations: Record<string, ValueWithServiceIds[]>;
  Users: TraceUser[];
  ServiceIds: ServiceId[];
  ResourceARNs: { ARN: string }[];
  InstanceIds: { Id: string }[];
  AvailabilityZones: { Name: string }[];
  /** Absent when no segment of the trace has arrived (only orphaned subsegments). */
  EntryPoint?: ServiceId;
  FaultRootCauses: RootCause[];
  ErrorRootCauses: RootCause[];
  ResponseTimeRootCauses: RootCause[];
  /** 1 on the first document of the trace, +1 for each further accepted document. */
  Revision: number;
  /** Set by the query for the window it ran over; see `findTraceSummaries`. */
  MatchedEventTime?: number;
}
