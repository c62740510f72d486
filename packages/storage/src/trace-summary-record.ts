/**
 * A trace summary as stored: the columns a filter can be pushed down to, beside two JSON texts:
 * `summary` (the X-Ray `TraceSummary` exactly as the API returns it) and `facts` (what the in-memory
 * evaluator needs for complex keywords: per-service and per-edge flags and times). The query
 * package owns what goes into the JSON; the store only keeps it.
 */
export interface TraceSummaryRecord {
  readonly traceId: string;
  /** Grows with every document accepted for the trace; the highest revision wins on read. */
  readonly revision: number;
  /** Whole seconds from the trace ID. */
  readonly traceEpoch: number;
  /** Earliest start of any segment, epoch seconds. */
  readonly startTime: number;
  /** Latest end (or start, for in-progress documents) of any segment, epoch seconds. */
  readonly endTime: number;
  /** Root segment end − start, seconds. */
  readonly responseTime: number;
  /** Last end − earliest start, seconds. */
  readonly duration: number;
  readonly hasFault: boolean;
  readonly hasError: boolean;
  readonly hasThrottle: boolean;
  readonly isPartial: boolean;
  readonly httpStatus: number | undefined;
  readonly httpUrl: string | undefined;
  readonly httpMethod: string | undefined;
  readonly userAgent: string | undefined;
  readonly clientIp: string | undefined;
  /** Name of the root segment's service. */
  readonly rootService: string | undefined;
  /** Names of every service node in the trace (real and inferred). */
  readonly services: readonly string[];
  /** Names of the service nodes with a faulted segment (or, for an inferred node, a faulted call). */
  readonly faultServices: readonly string[];
  /** Names of the service nodes with an erred segment or inferred call. */
  readonly errorServices: readonly string[];
  /** Names of the service nodes with a throttled segment or inferred call. */
  readonly throttleServices: readonly string[];
  /** Calls between two nodes, one entry per (source, target) pair, with the outcomes any call showed. */
  readonly edges: readonly SummaryEdge[];
  /** Names of the services on the paths of the trace's root causes, per kind. */
  readonly rootCauseServices: Readonly<Record<RootCauseKind, readonly string[]>>;
  readonly users: readonly string[];
  /** Annotation key → distinct values seen in the trace. */
  readonly annotations: Readonly<Record<string, readonly (string | number | boolean)[]>>;
  /** JSON text of the API's `TraceSummary`. */
  readonly summary: string;
  /** JSON text of the evaluator's facts (owned by the query package). */
  readonly facts: string;
}

/** The calls from the node named `source` to the node named `target` in one trace. */
export interface SummaryEdge {
  readonly source: string;
  readonly target: string;
  /** Some call faulted (5XX). */
  readonly fault: boolean;
  /** Some call erred (4XX). */
  readonly error: boolean;
  /** Some call was throttled (429). */
  readonly throttle: boolean;
  /** The longest response time of a completed call, seconds; absent when no call completed. */
  readonly slowestResponseTime?: number;
  /** The shortest response time of a completed call, seconds; absent when no call completed. */
  readonly fastestResponseTime?: number;
}

/** An outcome a call may show; each names a list of `TraceSummaryRecord` or a flag of `SummaryEdge`. */
export type CallOutcome = 'fault' | 'error' | 'throttle';

/** The three root-cause lists of a trace summary. */
export type RootCauseKind = 'fault' | 'error' | 'responseTime';

/** Which time of a trace a window selects on (X-Ray's `TimeRangeType`). */
export type TimeRangeType = 'TraceId' | 'Event' | 'Service';

/** The fields of `TraceSummaryRecord` a predicate may compare. */
export type SummaryField =
  | 'responseTime'
  | 'duration'
  | 'hasFault'
  | 'hasError'
  | 'hasThrottle'
  | 'isPartial'
  | 'httpStatus'
  | 'httpUrl'
  | 'httpMethod'
  | 'userAgent'
  | 'clientIp'
  | 'rootService'
  | 'traceId';

export type CompareOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type TextOperator = 'contains' | 'beginsWith' | 'endsWith';
export type ScalarValue = string | number | boolean;

/**
 * What a store can evaluate itself. The query package translates a filter expression into one of
 * these that selects a superset of the matches, then checks each candidate exactly in memory.
 * String comparisons are case-sensitive, like X-Ray's.
 */
export type SummaryPredicate =
  | { readonly kind: 'true' }
  | { readonly kind: 'and'; readonly of: readonly SummaryPredicate[] }
  | { readonly kind: 'or'; readonly of: readonly SummaryPredicate[] }
  | { readonly kind: 'not'; readonly of: SummaryPredicate }
  | {
      readonly kind: 'compare';
      readonly field: SummaryField;
      readonly op: CompareOperator;
      readonly value: ScalarValue;
    }
  | { readonly kind: 'text'; readonly field: SummaryField; readonly op: TextOperator; readonly value: string }
  /** The field is present (not undefined). */
  | { readonly kind: 'present'; readonly field: SummaryField }
  /** The trace has a service node with this name; with `outcome`, one that showed it (`faultServices`, …). */
  | { readonly kind: 'hasService'; readonly name: string; readonly outcome?: CallOutcome }
  /** The trace has an edge between nodes of these names; with `outcome`, one whose calls showed it. */
  | { readonly kind: 'hasEdge'; readonly source: string; readonly target: string; readonly outcome?: CallOutcome }
  /**
   * The trace has an edge between nodes of these names with a completed call whose response time
   * compares true: `>`/`>=` test the edge's slowest call, `<`/`<=` its fastest.
   */
  | {
      readonly kind: 'edgeResponseTime';
      readonly source: string;
      readonly target: string;
      readonly op: '>' | '>=' | '<' | '<=';
      readonly value: number;
    }
  /** A root cause of this kind has a service of this name on its path. */
  | { readonly kind: 'rootCauseService'; readonly cause: RootCauseKind; readonly name: string }
  | { readonly kind: 'hasUser'; readonly op: CompareOperator | TextOperator; readonly value: string }
  /** Some value of the annotation compares true; `present` when only the key matters. */
  | {
      readonly kind: 'annotation';
      readonly key: string;
      readonly op: CompareOperator | TextOperator | 'present';
      readonly value?: ScalarValue;
    };

export interface SummaryQuery {
  readonly timeRangeType: TimeRangeType;
  /** Half-open `[from, to)` window, epoch seconds. */
  readonly from: number;
  readonly to: number;
  readonly predicate: SummaryPredicate;
  /** At most this many records in the page. */
  readonly limit: number;
  /** Opaque position from the previous page's `nextCursor`. */
  readonly cursor?: SummaryCursor;
  /**
   * Leave every record's `facts` empty (''): the caller decides without them, because the predicate
   * is exact. Facts are the widest field by far, and reading them dominates the cost of a page.
   */
  readonly withoutFacts?: boolean;
}

/**
 * Records are ordered newest first by the time the window selects on, then by trace ID descending,
 * so that a cursor (the last record's key) continues exactly where the page ended.
 */
export interface SummaryCursor {
  readonly time: number;
  readonly traceId: string;
}

export interface SummaryPage {
  readonly records: TraceSummaryRecord[];
  /** Latest revisions inside the window that were looked at, matching or not. */
  readonly scanned: number;
  readonly nextCursor: SummaryCursor | undefined;
}
