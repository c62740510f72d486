/**
 * AWS SDK v3 clients: `captureAWSClient(tracer, client)` adds one middleware to the client's stack
 * that records each command as an `aws` subsegment (reference §7.3): name = service (`Lambda`,
 * `DynamoDB`), `aws {operation, region, request_id, retries, resource fields}`, `http.response.status`,
 * flags (throttling errors and 429 → throttle), errors with `remote: true`; and sets
 * `X-Amzn-Trace-Id` (with Lineage) on every attempt's request.
 *
 * ```ts
 * const lambda = captureAWSClient(tracer, new LambdaClient({ region: 'us-east-1' }));
 * ```
 */
import type { AwsData } from '@roentgen/model';
import type { Tracer } from '../tracer.ts';
import { addRequestFields, addResponseFields } from './aws-call-fields.ts';

/** The part of an AWS SDK v3 client this needs; typed structurally so the SDK has no AWS dependency. */
export interface AwsClientLike {
  middlewareStack: {
    add(middleware: never, options: { step: 'build'; name: string; priority?: 'high' | 'low' }): void;
  };
  config: { region?: unknown };
}

interface MiddlewareContext {
  clientName?: string;
  commandName?: string;
}

interface BuildArgs {
  input: unknown;
  request: unknown;
}

interface CallMetadata {
  httpStatusCode?: number;
  requestId?: string;
  extendedRequestId?: string;
  attempts?: number;
}

type Handler = (
  args: BuildArgs,
) => Promise<{ output: { $metadata?: CallMetadata } & Record<string, unknown>; response: unknown }>;

const MIDDLEWARE_NAME = 'roentgenXRayTracing';
const THROTTLING_ERRORS = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** Adds the tracing middleware to `client` (once; a second call is ignored) and returns the client. */
export function captureAWSClient<C extends AwsClientLike>(tracer: Tracer, client: C): C {
  const region = regionReader(client.config.region);
  const middleware = (next: Handler, context: MiddlewareContext) => async (args: BuildArgs) => {
    const parent = tracer.currentEntity();
    if (parent === undefined) return next(args);
    const service = (context.clientName ?? 'AWS').replace(/Client$/, '');
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
    const subsegment = tracer.startSubsegment(service, { namespace: 'aws', parent });
    // The build step runs before retries: one subsegment per command, one header reused by every attempt.
    const request = args.request as { headers?: Record<string, string> } | undefined;
    if (request?.headers !== undefined) {
      const headers = request.headers;
      tracer.injectHeaders(subsegment, (name, value) => (headers[name] = value), { aws: true });
    }
    const aws: AwsData = { operation };
    addRequestFields(service, args.input, aws);
    try {
      const result = await next(args);
      const metadata = result.output.$metadata ?? {};
      addResponseFields(service, result.output, aws);
      finish(subsegment, aws, metadata, await region());
      if (typeof result.output.FunctionError === 'string') subsegment.markFault();
      return result;
    } catch (error) {
      const failure = error as { name?: string; $metadata?: CallMetadata; $retryable?: { throttling?: boolean } };
      const metadata = failure.$metadata ?? {};
      finish(subsegment, aws, metadata, await region());
      if (
        metadata.httpStatusCode === 429 ||
        THROTTLING_ERRORS.has(failure.name ?? '') ||
        failure.$retryable?.throttling === true
      ) {
        subsegment.markThrottle();
      }
      subsegment.recordError(error, { remote: metadata.httpStatusCode !== undefined });
      throw error;
    } finally {
      subsegment.close();
    }
  };
  try {
    client.middlewareStack.add(middleware as never, { step: 'build', name: MIDDLEWARE_NAME, priority: 'high' });
  } catch {
    // Already captured: the stack refuses a second middleware of the same name.
  }
  return client;
}

function finish(
  subsegment: { setAws(a: AwsData): void; setHttpStatus(s: number): void },
  aws: AwsData,
  metadata: CallMetadata,
  region: string | undefined,
): void {
  if (region !== undefined) aws.region = region;
  if (metadata.requestId !== undefined) aws.request_id = metadata.requestId;
  if (metadata.extendedRequestId !== undefined) aws.id_2 = metadata.extendedRequestId;
  // A true retry count (attempts - 1); the X-Ray Node SDK writes attempts, so 1 for a single try.
  if (metadata.attempts !== undefined) aws.retries = metadata.attempts - 1;
  subsegment.setAws(aws);
  if (metadata.httpStatusCode !== undefined) subsegment.setHttpStatus(metadata.httpStatusCode);
}

/** The client's region, resolved once: v3 configs hold a string or an async provider. */
function regionReader(config: unknown): () => Promise<string | undefined> {
  let cached: Promise<string | undefined> | undefined;
  return () => {
    cached ??= (async () => {
      try {
        const value: unknown = typeof config === 'function' ? await (config as () => unknown)() : config;
        return typeof value === 'string' ? value : undefined;
      } catch {
        return undefined;
      }
    })();
    return cached;
  };
}
