/**
 * Options of `createTracer`, and how they are completed from the environment the X-Ray SDKs read
 * (`AWS_XRAY_DAEMON_ADDRESS`, `AWS_XRAY_TRACING_NAME`). Blank environment values count as unset.
 */
import { DEFAULT_DAEMON_ADDRESS, parseDaemonAddress, type DaemonAddress } from './emitter/daemon-address.ts';
import { checkLocalRules, DEFAULT_LOCAL_RULES, type LocalSamplingRules } from './sampling/local-sampler.ts';
import { systemClock, type Clock, type Sampler } from './sampling/sampling-types.ts';
import { OnceLogger, silentLogger, type SdkLogger } from './sdk-logger.ts';
import type { PropagationFormat } from './trace-propagation.ts';

/** How new traces are sampled. Incoming headers with `Sampled=1`/`0` (or W3C flags) are always obeyed. */
export interface SamplingOptions {
  /** Local rules in X-Ray's JSON format; default: 1 request/s, then 5 %. Also the fallback of centralized sampling. */
  rules?: LocalSamplingRules;
  /** Poll the daemon's `/GetSamplingRules` and `/SamplingTargets` (default true). */
  centralized?: boolean;
  /** Replaces the built-in samplers entirely. The tracer calls `stop()` on shutdown. */
  sampler?: Sampler;
  /** Time source for reservoirs and quotas (epoch ms); tests pass a fake. */
  clock?: Clock;
  /** Uniform [0, 1) source for rates; tests pass a fake. */
  random?: () => number;
}

/** Everything `createTracer` accepts; only what differs from X-Ray's defaults needs saying. */
export interface TracerOptions {
  /** Segment name of this service. Default: `AWS_XRAY_TRACING_NAME`, else `npm_package_name`, else `"unknown"`. */
  serviceName?: string;
  /** Written to `service.version`. Default: `npm_package_version` when set. */
  serviceVersion?: string;
  /** Segment `origin`, e.g. `AWS::EC2::Instance`; matched by sampling rules' ServiceType. */
  origin?: string;
  /**
   * Daemon (or Roentgen server) address: `host:port` for UDP and TCP, or `udp:h:p tcp:h:p`.
   * `AWS_XRAY_DAEMON_ADDRESS` wins, as in the X-Ray SDKs. Default `127.0.0.1:2000`.
   */
  daemonAddress?: string;
  sampling?: SamplingOptions;
  /** Where the SDK reports its own problems, once each. Default: silent. */
  logger?: SdkLogger;
  /** Trace headers written on outgoing calls. Default `['xray', 'w3c']`. AWS SDK calls always get X-Ray's. */
  propagation?: readonly PropagationFormat[];
  /** Open subsegments in one segment beyond which completed subsegments are sent on their own (default 100). */
  streamingThreshold?: number;
  /** Datagrams waiting for the socket beyond which new ones are dropped and counted (default 1000). */
  maxPendingDatagrams?: number;
}

/** Options with every default applied. */
export interface ResolvedTracerOptions {
  serviceName: string;
  serviceVersion: string | undefined;
  origin: string | undefined;
  daemon: DaemonAddress;
  problems: OnceLogger;
  propagateXray: boolean;
  propagateW3c: boolean;
  streamingThreshold: number;
  maxPendingDatagrams: number;
  localRules: LocalSamplingRules;
  centralized: boolean;
  sampler: Sampler | undefined;
  clock: Clock;
  random: () => number;
}

const FALLBACK_DAEMON: DaemonAddress = {
  udp: { host: '127.0.0.1', port: 2000 },
  tcp: { host: '127.0.0.1', port: 2000 },
};

function fromEnv(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Applies defaults; malformed values are reported through the logger and replaced by defaults, never thrown. */
export function resolveTracerOptions(options: TracerOptions): ResolvedTracerOptions {
  const problems = new OnceLogger(options.logger ?? silentLogger);
  const addressText = fromEnv('AWS_XRAY_DAEMON_ADDRESS') ?? options.daemonAddress ?? DEFAULT_DAEMON_ADDRESS;
  const parsed = parseDaemonAddress(addressText);
  let daemon: DaemonAddress = FALLBACK_DAEMON;
  if (typeof parsed === 'string')
    problems.once('daemon-address', `daemon address ${parsed}; using ${DEFAULT_DAEMON_ADDRESS}`);
  else daemon = parsed;
  let localRules = DEFAULT_LOCAL_RULES;
  if (options.sampling?.rules !== undefined) {
    const checked = checkLocalRules(options.sampling.rules);
    if (typeof checked === 'string') problems.once('sampling-rules-local', `${checked}; using the default rule`);
    else localRules = checked;
  }
  const propagation = options.propagation ?? ['xray', 'w3c'];
  const threshold = options.streamingThreshold;
  return {
    serviceName: options.serviceName ?? fromEnv('AWS_XRAY_TRACING_NAME') ?? fromEnv('npm_package_name') ?? 'unknown',
    serviceVersion: options.serviceVersion ?? fromEnv('npm_package_version'),
    origin: options.origin,
    daemon,
    problems,
    propagateXray: propagation.includes('xray'),
    propagateW3c: propagation.includes('w3c'),
    streamingThreshold: threshold !== undefined && threshold >= 0 ? threshold : 100,
    maxPendingDatagrams: Math.max(1, options.maxPendingDatagrams ?? 1000),
    localRules,
    centralized: options.sampling?.centralized ?? true,
    sampler: options.sampling?.sampler,
    clock: options.sampling?.clock ?? systemClock,
    random: options.sampling?.random ?? Math.random,
  };
}
