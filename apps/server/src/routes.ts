import {
  ApiError,
  batchGetTraces,
  invalidRequest,
  jsonAction,
  jsonReply,
  jsonRoute,
  graphRoutes,
  putTelemetryRecords,
  queryRoutes,
  samplingRoutes,
  traceTimeline,
  type PageTokens,
  type Route,
} from '@roentgen/api';
import {
  handleOtlpTraces,
  handlePutTraceSegments,
  RequestValidationError,
  type IngestPipeline,
} from '@roentgen/collector';
import type { MetricsRegistry } from '@roentgen/metrics';
import type { TraceStore } from '@roentgen/storage';
import { consoleRoutes } from './console-routes.ts';

/** What the routes need from the composition root. */
export interface RouteDependencies {
  readonly store: TraceStore;
  readonly pipeline: IngestPipeline;
  readonly metrics: MetricsRegistry;
  readonly tokens: PageTokens;
  readonly isReady: () => boolean;
  /** Where the built console is; `/` answers 503 with the build command when it is missing. */
  readonly consoleBuildDir: string;
}

/** A compiled trace larger than this is returned cut short with `LimitExceeded: true`. */
const MAX_TRACE_BYTES = 64 * 1024 * 1024;
/** The console's timeline of a trace stops at this many rows (~60 MB of it), also with `LimitExceeded`. */
const MAX_TIMELINE_ENTITIES = 1_000_000;

/** Every route of the one HTTP port. */
export function buildRoutes(deps: RouteDependencies): Route[] {
  return [
    { method: 'GET', path: '/health', action: 'Health', handler: () => Promise.resolve(health(deps.isReady())) },
    {
      method: 'GET',
      path: '/metrics',
      action: 'Metrics',
      handler: () =>
        Promise.resolve({
          status: 200,
          headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
          body: deps.metrics.render(),
        }),
    },
    {
      method: 'POST',
      path: '/TraceSegments',
      action: 'PutTraceSegments',
      handler: jsonAction(async (input) => {
        try {
          return await handlePutTraceSegments(input, deps.pipeline);
        } catch (error) {
          if (error instanceof RequestValidationError) throw invalidRequest(error.message);
          throw error;
        }
      }),
    },
    {
      method: 'POST',
      path: '/v1/traces',
      action: 'OtlpExport',
      handler: async (request) => {
        const reply = await handleOtlpTraces(request.body, request.headers['content-type'], deps.pipeline);
        return { status: reply.status, headers: { 'content-type': reply.contentType }, body: reply.body };
      },
    },
    {
      method: 'POST',
      path: '/Traces',
      action: 'BatchGetTraces',
      handler: jsonAction(batchGetTraces(deps.store, deps.tokens, MAX_TRACE_BYTES)),
    },
    jsonRoute('/TraceTimeline', 'GetTraceTimeline', traceTimeline(deps.store, MAX_TIMELINE_ENTITIES)),
    {
      method: 'POST',
      path: '/TelemetryRecords',
      action: 'PutTelemetryRecords',
      handler: jsonAction(putTelemetryRecords()),
    },
    ...samplingRoutes(deps.store),
    ...queryRoutes({ store: deps.store, tokens: deps.tokens }),
    ...graphRoutes({ store: deps.store }),
    ...consoleRoutes(deps.consoleBuildDir),
  ];
}

function health(ready: boolean) {
  if (!ready) throw new ApiError('ServiceUnavailableException', 'Roentgen is starting or stopping.');
  return jsonReply(200, { status: 'ok' });
}
