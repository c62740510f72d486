/**
 * The part of incoming-request tracing that node:http servers and Express share (reference §7.2):
 * continue the caller's trace from `X-Amzn-Trace-Id` or `traceparent`, decide sampling, record
 * `http.request`, answer with `X-Amzn-Trace-Id`, and on finish record `http.response` and the flags.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceSegment } from '../entity/trace-segment.ts';
import type { Tracer } from '../tracer.ts';

/** Options shared by the server wrapper and the Express middleware. */
export interface IncomingRequestOptions {
  /** Segment name; default the tracer's service name. */
  name?: string;
}

const SEGMENT = Symbol('roentgen.segment');

interface TracedResponse extends ServerResponse {
  [SEGMENT]?: TraceSegment;
}

/**
 * Starts the request's segment, binds `req`/`res` listeners to it and schedules its end on the
 * response's `finish` (or `close`, for aborted requests). The caller runs the handler under it.
 */
export function beginIncomingRequest(
  tracer: Tracer,
  req: IncomingMessage,
  res: ServerResponse,
  options?: IncomingRequestOptions,
): TraceSegment {
  const headers = req.headers;
  const hostHeader = headers.host;
  const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const segment = tracer.startSegment({
    name: options?.name,
    traceHeader: single(headers['x-amzn-trace-id']),
    traceparent: single(headers.traceparent),
    request: {
      host: hostHeader === undefined ? undefined : hostWithoutPort(hostHeader),
      method: req.method,
      urlPath: path,
    },
  });
  if (!res.headersSent)
    res.setHeader('x-amzn-trace-id', `Root=${segment.traceId};Sampled=${segment.sampled ? '1' : '0'}`);
  if (segment.sampled) recordRequest(segment, req, path);
  tracer.bindEmitter(req, segment);
  tracer.bindEmitter(res, segment);
  (res as TracedResponse)[SEGMENT] = segment;
  res.once('finish', endIncomingRequest);
  res.once('close', endIncomingRequest);
  return segment;
}

// One shared listener for every response: no closure per request.
function endIncomingRequest(this: TracedResponse): void {
  const segment = this[SEGMENT];
  if (segment === undefined || segment.ended) return;
  if (segment.sampled) {
    segment.setHttpStatus(this.statusCode);
    const length = this.getHeader('content-length');
    if (length !== undefined) segment.setHttp({ response: { content_length: Number(length) } });
    // A response closed before it finished was aborted (client gone, socket error).
    if (!this.writableFinished) segment.markFault();
  }
  segment.close();
}

function recordRequest(segment: TraceSegment, req: IncomingMessage, path: string): void {
  const headers = req.headers;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const protocol = single(headers['x-forwarded-proto'])?.split(',')[0]?.trim() ?? (encrypted ? 'https' : 'http');
  const request: NonNullable<NonNullable<typeof segment.doc.http>['request']> = {
    method: req.method,
    url: `${protocol}://${headers.host ?? 'localhost'}${path}`,
  };
  const userAgent = headers['user-agent'];
  if (userAgent !== undefined) request.user_agent = userAgent;
  const forwardedFor = single(headers['x-forwarded-for']);
  if (forwardedFor !== undefined) {
    request.client_ip = forwardedFor.split(',')[0]?.trim();
    request.x_forwarded_for = true;
  } else if (req.socket.remoteAddress !== undefined) {
    request.client_ip = req.socket.remoteAddress;
  }
  segment.doc.http = { request };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}
