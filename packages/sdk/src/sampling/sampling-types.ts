/** The request attributes sampling rules match on (reference §7.6). Absent attributes match any rule value. */
export interface SamplingRequest {
  /** The `Host` header without the port. */
  host?: string;
  method?: string;
  /** Path as received, query string included (as the X-Ray Node SDK matches it). */
  urlPath?: string;
  /** The segment name. */
  serviceName: string;
  /** The segment `origin`, e.g. `AWS::EC2::Instance`. */
  serviceType?: string;
}

/** A sampling answer; `ruleName` (centralized rules only) is written to `aws.xray.rule_name`. */
export interface SamplingDecision {
  sampled: boolean;
  ruleName?: string;
}

/** Decides whether a new trace is recorded. Called once per trace that arrives without a decision. */
export interface Sampler {
  decide(request: SamplingRequest): SamplingDecision;
  /** Stops background work (pollers). Idempotent. */
  stop(): void;
}

/** Time source in epoch milliseconds; tests pass a fake. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };
