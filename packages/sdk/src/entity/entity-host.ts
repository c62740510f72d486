import type { OnceLogger } from '../sdk-logger.ts';
import type { TraceSegment } from './trace-segment.ts';
import type { TraceSubsegment } from './trace-subsegment.ts';

/**
 * What a segment tree needs from the tracer that owns it: where completed documents go and where
 * problems are reported. Implemented by the tracer's document dispatcher; tests may pass a fake.
 */
export interface EntityHost {
  readonly problems: OnceLogger;
  /** Exception IDs already written for an error object, so a rethrown error is referenced, not repeated. */
  readonly recordedErrors: WeakMap<object, string>;
  /** `cause.working_directory`, read once per tracer. */
  readonly workingDirectory: string;
  /** A sampled segment closed and every subsegment under it completed. Called once per segment. */
  segmentCompleted(segment: TraceSegment): void;
  /**
   * A sampled subsegment closed and its whole subtree completed. The host may stream it (send it as
   * an independent subsegment and detach it from its parent); it returns whether it did.
   */
  subsegmentCompleted(subsegment: TraceSubsegment): boolean;
}
