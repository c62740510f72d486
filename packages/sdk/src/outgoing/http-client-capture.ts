/**
 * Explicit capture of outgoing `node:http` / `node:https` calls, without touching the modules:
 *
 * ```ts
 * const traced = captureHttpClient(tracer, https);
 * traced.get('https://api.example.com/users', (res) => res.resume());
 * ```
 */
import type { ClientRequest } from 'node:http';
import type * as http from 'node:http';
import type { Tracer } from '../tracer.ts';
import { tracedHttpRequest, type RequestFunction } from './traced-http-request.ts';

/** `request` and `get` with the module's own signatures, traced. */
export interface TracedHttpClient {
  request: typeof http.request;
  get: typeof http.get;
}

/** Wraps `module.request` / `module.get` (`node:http` or `node:https`) in traced versions. */
export function captureHttpClient(tracer: Tracer, module: Pick<typeof http, 'request' | 'get'>): TracedHttpClient {
  const original = module.request as unknown as RequestFunction;
  const protocol = protocolOf(module);
  function request(...args: unknown[]): ClientRequest {
    return tracedHttpRequest(tracer, original, protocol, args);
  }
  function get(...args: unknown[]): ClientRequest {
    const req = request(...args);
    req.end();
    return req;
  }
  return { request: request, get: get };
}

/** `https:` for the https module (its global agent says so), else `http:`. */
export function protocolOf(module: object): string {
  const agent = (module as { globalAgent?: { protocol?: string } }).globalAgent;
  return agent?.protocol === 'https:' ? 'https:' : 'http:';
}
