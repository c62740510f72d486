/**
 * `@roentgen/sdk`: the Node tracing SDK. Segments and subsegments in X-Ray's document format,
 * context through AsyncLocalStorage, capture of incoming HTTP (node:http, Express), outgoing HTTP
 * and fetch, AWS SDK v3 clients and Lambda-style function handlers; X-Ray sampling (local and
 * centralized); UDP emission in the daemon protocol. See README.md.
 */
export { createTracer, Tracer } from './tracer.ts';
export type { SetHeader, StartSegmentOptions, SubsegmentOptions } from './tracer.ts';
export type { SamplingOptions, TracerOptions } from './tracer-options.ts';
export type { SdkLogger } from './sdk-logger.ts';
export type { PropagationFormat } from './trace-propagation.ts';
export type { EmitterStats } from './emitter/udp-emitter.ts';

export { TraceEntity } from './entity/trace-entity.ts';
export type { RecordErrorOptions } from './entity/trace-entity.ts';
export { TraceSegment } from './entity/trace-segment.ts';
export { TraceSubsegment } from './entity/trace-subsegment.ts';

export { traceHttpServer } from './http/trace-http-server.ts';
export type { RequestListener } from './http/trace-http-server.ts';
export { expressErrorMiddleware, expressMiddleware } from './http/express-middleware.ts';
export type { ExpressErrorMiddleware, ExpressMiddleware } from './http/express-middleware.ts';
export type { IncomingRequestOptions } from './http/incoming-request.ts';

export { captureHttpClient } from './outgoing/http-client-capture.ts';
export type { TracedHttpClient } from './outgoing/http-client-capture.ts';
export { tracedFetch } from './outgoing/traced-fetch.ts';
export type { FetchFunction } from './outgoing/traced-fetch.ts';
export { captureHttpGlobal } from './patch/capture-http-global.ts';
export { captureFetchGlobal } from './patch/capture-fetch-global.ts';

export { captureAWSClient } from './aws/capture-aws-client.ts';
export type { AwsClientLike } from './aws/capture-aws-client.ts';

export { runFunctionInvocation, traceFunctionHandler } from './function-handler/trace-function-handler.ts';
export type { FunctionHandlerOptions } from './function-handler/trace-function-handler.ts';

export { DEFAULT_LOCAL_RULES } from './sampling/local-sampler.ts';
export type { LocalSamplingRule, LocalSamplingRules } from './sampling/local-sampler.ts';
export type { Clock, Sampler, SamplingDecision, SamplingRequest } from './sampling/sampling-types.ts';
