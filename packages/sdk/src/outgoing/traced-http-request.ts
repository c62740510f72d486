/**
 * One outgoing `node:http` / `node:https` request recorded as a `remote` subsegment (reference §7.3):
 * name = host name, `http.request {url, method}` (URL without port and query, as the X-Ray Node SDK
 * writes it), `http.response {status, content_length}`, flags by status, network errors in `cause`.
 * The trace headers are added to a copy of the caller's options, never to the caller's object.
 */
import type { ClientRequest, IncomingMessage, OutgoingHttpHeaders, RequestOptions } from 'node:http';
import type { TraceSubsegment } from '../entity/trace-subsegment.ts';
import type { Tracer } from '../tracer.ts';

/** `http.request` / `https.request`, in all three of its call shapes. */
export type RequestFunction = (...args: unknown[]) => ClientRequest;

type ResponseCallback = (response: IncomingMessage) => void;

/**
 * Calls `original` with the given arguments, traced when a segment is current and the caller did
 * not set `X-Amzn-Trace-Id` itself (then someone else, such as the AWS SDK middleware, traces it).
 * `defaultProtocol` is `"http:"` or `"https:"`, depending on the module.
 */
export function tracedHttpRequest(
  tracer: Tracer,
  original: RequestFunction,
  defaultProtocol: string,
  args: unknown[],
): ClientRequest {
  const parent = tracer.currentEntity();
  if (parent === undefined) return original(...args);
  const first = args[0];
  const url = typeof first === 'string' ? new URL(first) : first instanceof URL ? first : undefined;
  const optionsIndex = url === undefined ? 0 : 1;
  const given = args[optionsIndex];
  const options: RequestOptions = typeof given === 'object' && given !== null ? { ...(given as RequestOptions) } : {};
  const callback = args.find((arg): arg is ResponseCallback => typeof arg === 'function');
  if (Array.isArray(options.headers)) return original(...args);
  const headers = options.headers as OutgoingHttpHeaders | undefined;
  if (hasTraceHeader(headers)) return original(...args);

  const hostname = options.hostname ?? stripPort(options.host) ?? url?.hostname ?? 'localhost';
  const protocol = options.protocol ?? url?.protocol ?? defaultProtocol;
  const path = options.path ?? (url === undefined ? '/' : url.pathname);
  const queryAt = path.indexOf('?');
  const method = (options.method ?? 'GET').toUpperCase();
  const subsegment = tracer.startSubsegment(hostname, { namespace: 'remote', parent });
  if (subsegment.sampled) {
    subsegment.setHttp({
      request: { url: `${protocol}//${hostname}${queryAt < 0 ? path : path.slice(0, queryAt)}`, method },
    });
  }
  const outgoing: OutgoingHttpHeaders = { ...headers };
  tracer.injectHeaders(subsegment, (name, value) => (outgoing[name] = value));
  options.headers = outgoing;

  // The response callback runs under the caller's entity, not under the socket's stale context.
  const boundCallback = callback === undefined ? undefined : tracer.bind(callback, parent);
  const request = url === undefined ? original(options, boundCallback) : original(url, options, boundCallback);
  observe(request, subsegment);
  return request;
}

function observe(request: ClientRequest, subsegment: TraceSubsegment): void {
  let responded = false;
  request.once('response', (response: IncomingMessage) => {
    responded = true;
    subsegment.setHttpStatus(response.statusCode ?? 0);
    const length = response.headers['content-length'];
    if (length !== undefined) subsegment.setHttp({ response: { content_length: Number(length) } });
    const close = (): void => subsegment.close();
    response.once('end', close);
    response.once('close', close);
  });
  request.once('close', () => {
    if (!responded) subsegment.close();
  });
  request.once('error', function onError(this: ClientRequest, error: Error) {
    subsegment.recordError(error, { remote: false });
    subsegment.close();
    // Without tracing, an 'error' nobody listens to would throw; adding our listener must not change that.
    if (this.listenerCount('error') === 0) throw error;
  });
}

function hasTraceHeader(headers: OutgoingHttpHeaders | undefined): boolean {
  if (headers === undefined) return false;
  for (const name in headers) if (name.toLowerCase() === 'x-amzn-trace-id') return true;
  return false;
}

function stripPort(host: string | null | undefined): string | undefined {
  if (host === undefined || host === null) return undefined;
  const colon = host.lastIndexOf(':');
  return colon < 0 || host.includes(']') ? host : host.slice(0, colon);
}
