/**
 * Tracing for `node:http` / `node:https` servers: wrap the request listener.
 *
 * ```ts
 * const server = http.createServer(traceHttpServer(tracer, (req, res) => res.end('ok')));
 * ```
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Tracer } from '../tracer.ts';
import { beginIncomingRequest, type IncomingRequestOptions } from './incoming-request.ts';

/** A `(req, res)` listener as `http.createServer` takes it. */
export type RequestListener<
  Req extends IncomingMessage = IncomingMessage,
  Res extends ServerResponse = ServerResponse,
> = (req: Req, res: Res) => void;

/**
 * Returns a listener that records one segment per request and runs `listener` under it, so
 * subsegments, annotations and outgoing calls made while handling the request join its trace.
 * The segment ends when the response finishes; its status decides `error`/`throttle`/`fault`.
 */
export function traceHttpServer<Req extends IncomingMessage, Res extends ServerResponse>(
  tracer: Tracer,
  listener: RequestListener<Req, Res>,
  options?: IncomingRequestOptions,
): RequestListener<Req, Res> {
  return function tracedListener(req: Req, res: Res): void {
    const segment = beginIncomingRequest(tracer, req, res, options);
    tracer.runWith(segment, () => {
      try {
        listener(req, res);
      } catch (error) {
        // Record, then let it propagate as it would have without tracing.
        segment.recordError(error);
        throw error;
      }
    });
  };
}
