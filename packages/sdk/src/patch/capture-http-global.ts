/**
 * Opt-in global capture of `node:http` and `node:https` client calls: replaces `request` and `get`
 * on the module objects (and re-syncs ESM named imports), so libraries that call them are traced.
 * Monkey-patching is never the SDK's default; it lives here, in one folder, and can be undone.
 */
import type { ClientRequest } from 'node:http';
import type * as http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { protocolOf } from '../outgoing/http-client-capture.ts';
import { tracedHttpRequest, type RequestFunction } from '../outgoing/traced-http-request.ts';
import type { Tracer } from '../tracer.ts';

type HttpModule = Pick<typeof http, 'request' | 'get'>;

const PATCHED = Symbol.for('roentgen.httpCapture');

/**
 * Traces every outgoing call made through the given modules (typically `http` and `https`) while a
 * segment is current. Returns a function that restores the originals. A module already captured
 * (by any tracer) is left as it is: undo the first capture before capturing for another tracer.
 */
export function captureHttpGlobal(tracer: Tracer, modules: readonly HttpModule[]): () => void {
  const undo: (() => void)[] = [];
  for (const module of modules) {
    const target = module as HttpModule & { [PATCHED]?: true };
    if (target[PATCHED] === true) continue;
    const originalRequest = module.request;
    const originalGet = module.get;
    const protocol = protocolOf(module);
    const request = (...args: unknown[]): ClientRequest =>
      tracedHttpRequest(tracer, originalRequest as unknown as RequestFunction, protocol, args);
    const get = (...args: unknown[]): ClientRequest => {
      const req = request(...args);
      req.end();
      return req;
    };
    target.request = request;
    target.get = get;
    target[PATCHED] = true;
    undo.push(() => {
      target.request = originalRequest;
      target.get = originalGet;
      delete target[PATCHED];
    });
  }
  syncBuiltinESMExports();
  return () => {
    for (const restore of undo.splice(0)) restore();
    syncBuiltinESMExports();
  };
}
