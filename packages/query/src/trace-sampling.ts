/**
 * GetTraceSummaries `Sampling`: a subset of the traces chosen by a hash of the trace ID, so that the
 * same request returns the same traces every time (and every page agrees with the others).
 */

/** X-Ray's `SamplingStrategy`; `value` is a fraction in 0..1. */
export interface SamplingStrategy {
  /**
   * `PartialScan`: only the traces whose hash falls under `value` are scanned at all (and counted in
   * `TracesProcessedCount`). `FixedRate`: every trace is scanned, and matching ones are returned when
   * their hash falls under `value`.
   */
  readonly name: 'PartialScan' | 'FixedRate';
  readonly value: number;
}

/** Used when `Sampling` is true and no strategy is given. */
export const DEFAULT_SAMPLING: SamplingStrategy = { name: 'FixedRate', value: 0.1 };

/** A number in [0, 1) from the trace ID: 32-bit FNV-1a of its text. */
export function traceIdFraction(traceId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < traceId.length; i++) {
    hash ^= traceId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

/** Whether a trace is in the sample. */
export function isSampled(traceId: string, strategy: SamplingStrategy): boolean {
  return traceIdFraction(traceId) < strategy.value;
}
