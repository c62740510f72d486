/**
 * Tracing for Express (4 and 5): mount first, before routes.
 *
 * ```ts
 * app.use(expressMiddleware(tracer));
 * app.get('/', (req, res) => res.send('ok'));
 * app.use(expressErrorMiddleware(tracer)); // optional: records errors passed to next(err)
 * ```
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Tracer } from '../tracer.ts';
import { beginIncomingRequest, type IncomingRequestOptions } from './incoming-request.ts';

/** The middleware shape Express accepts; typed structurally so the SDK does not depend on Express. */
export type ExpressMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The error-middleware shape Express accepts (four parameters). */
export type ExpressErrorMiddleware = (
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Records one segment per request and runs the rest of the chain under it. */
export function expressMiddleware(tracer: Tracer, options?: IncomingRequestOptions): ExpressMiddleware {
  return function roentgenTracing(req, res, next): void {
    const segment = beginIncomingRequest(tracer, req, res, options);
    tracer.runWith(segment, next);
  };
}

/** Records the error passed to `next(err)` on the request's segment, then passes it on unchanged. */
export function expressErrorMiddleware(tracer: Tracer): ExpressErrorMiddleware {
  return function roentgenErrors(error, _req, _res, next): void {
    tracer.currentSegment()?.recordError(error);
    next(error);
  };
}
