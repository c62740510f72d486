/**
 * Outgoing `fetch` calls as `remote` subsegments, with the trace headers added. The subsegment ends
 * when the response headers arrive (the body is the caller's to read, or not).
 *
 * ```ts
 * const fetch = tracedFetch(tracer);
 * const res = await fetch('http://inventory.internal/items');
 * ```
 */
import type { Tracer } from '../tracer.ts';

/** The global `fetch` signature. */
export type FetchFunction = typeof globalThis.fetch;

/** Returns `fetchImpl` (default: the global `fetch` at call time) wrapped in tracing. */
export function tracedFetch(tracer: Tracer, fetchImpl?: FetchFunction): FetchFunction {
  return function fetchWithTracing(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const target = fetchImpl ?? globalThis.fetch;
    const parent = tracer.currentEntity();
    if (parent === undefined) return target(input, init);
    const request = input instanceof Request ? input : undefined;
    const headers = new Headers(init?.headers ?? request?.headers);
    if (headers.has('x-amzn-trace-id')) return target(input, init);
    let url: URL;
    try {
      url = new URL(request?.url ?? (input instanceof URL ? input.href : input));
    } catch {
      return target(input, init);
    }
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const subsegment = tracer.startSubsegment(url.hostname, { namespace: 'remote', parent });
    if (subsegment.sampled)
      subsegment.setHttp({ request: { url: `${url.protocol}//${url.hostname}${url.pathname}`, method } });
    tracer.injectHeaders(subsegment, (name, value) => headers.set(name, value));
    return target(input, { ...init, headers }).then(
      (response) => {
        subsegment.setHttpStatus(response.status);
        const length = response.headers.get('content-length');
        if (length !== null) subsegment.setHttp({ response: { content_length: Number(length) } });
        subsegment.close();
        return response;
      },
      (error: unknown) => {
        subsegment.recordError(error);
        subsegment.close();
        throw error;
      },
    );
  };
}
