/**
 * The shape of Roentgen's own GetTraceTimeline (`POST /TraceTimeline`, not an X-Ray action): one
 * trace as the rows of its timeline, in parallel arrays. The server's definition is
 * `packages/api/src/actions/timeline-rows.ts`; this is the console's reading of it.
 */

/** Entity `i` is entry `i` of every array and letter `i` of every string. */
export interface TraceTimeline {
  readonly Id: string;
  readonly Duration: number;
  /** The server cut the timeline short (whole documents left out). */
  readonly LimitExceeded: boolean;
  /** Epoch seconds: the earliest start. The times below are seconds after it. */
  readonly Start: number;
  readonly Ids: readonly string[];
  readonly Names: readonly string[];
  /** The parent's index, -1 for a root. */
  readonly Parents: readonly number[];
  readonly Starts: readonly number[];
  /** `null` while the entity is in progress. */
  readonly Ends: readonly (number | null)[];
  /** `s` segment, `u` subsegment, `i` inferred segment. */
  readonly Kinds: string;
  /** `o` ok, `e` error, `t` throttle, `f` fault. */
  readonly Statuses: string;
}

export interface TraceTimelineOutput {
  /** Absent when the trace is not stored. */
  readonly Timeline?: TraceTimeline;
}
