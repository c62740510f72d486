import type { IncomingHttpHeaders } from 'node:http';

/** One HTTP request as every route sees it: the whole body already read (within the size limit). */
export interface ApiRequest {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
  /** The request ID echoed in `x-amzn-RequestId`. */
  readonly requestId: string;
}

/** What a route answers; the server adds the request ID and the content length. */
export interface ApiReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

/** A route's handler. Throwing an `ApiError` answers in X-Ray's error shape; anything else is a 500. */
export type RouteHandler = (request: ApiRequest) => Promise<ApiReply>;

/** A route: a method and an exact path, or a path prefix ending in `/*`. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** A name for metrics and logs, e.g. the X-Ray action `BatchGetTraces`. */
  readonly action: string;
  readonly handler: RouteHandler;
}
