import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from '@roentgen/metrics';
import { ApiError } from '../errors/api-error.ts';
import type { ApiReply, ApiRequest, Route } from './api-types.ts';
import { Router } from './router.ts';

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly routes: readonly Route[];
  readonly metrics: MetricsRegistry;
  /** Bodies larger than this are refused with 413 before they are read whole. */
  readonly maxBodyBytes: number;
  readonly log: (message: string) => void;
}

export interface RunningHttpServer {
  readonly address: { host: string; port: number };
  /** Stops accepting connections and waits for requests in flight (at most `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/**
 * The one HTTP port: every X-Ray action, OTLP, the console, health and metrics are routes on it.
 * Each request is answered exactly once; a handler's `ApiError` becomes X-Ray's error shape and
 * any other failure a logged 500, so no request can crash the process.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const router = new Router(options.routes);
  const requests = options.metrics.counter(
    'roentgen_http_requests_total',
    'HTTP requests answered, by action and status.',
  );
  const rejections = options.metrics.counter(
    'roentgen_http_rejections_total',
    'HTTP requests refused with an error, by action and error code.',
  );
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      options.log(`unexpected failure answering ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://roentgen');
    const method = req.method ?? 'GET';
    const requestId = randomUUID();
    const { route, allowed } = router.find(method, url.pathname);
    const action = route?.action ?? 'unknown';
    let reply: ApiReply;
    try {
      if (!route) {
        throw allowed.length > 0
          ? new ApiError(
              'UnknownOperationException',
              `${method} is not allowed on ${url.pathname}; use ${allowed.join(' or ')}.`,
            )
          : new ApiError('UnknownOperationException', `No operation is served at ${method} ${url.pathname}.`);
      }
      const body = await readBody(req, options.maxBodyBytes);
      const request: ApiRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        requestId,
      };
      reply = await route.handler(request);
    } catch (error) {
      reply = errorReply(error, options.log, `${method} ${url.pathname}`);
      const code = error instanceof ApiError ? error.code : 'InternalFailure';
      rejections.inc({ action, code });
      if (error instanceof ApiError && error.code === 'RequestEntityTooLargeException')
        res.setHeader('connection', 'close');
    }
    requests.inc({ action, status: String(reply.status) });
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
    res.writeHead(reply.status, {
      ...reply.headers,
      'x-amzn-RequestId': requestId,
      'content-length': String(body.byteLength),
    });
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `HTTP address ${options.host}:${options.port} is already in use; choose another with --listen HOST:PORT`,
            )
          : error,
      );
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    address: { host: address.address, port: address.port },
    close: (graceMs = 5_000) => closeServer(server, graceMs),
  };
}

/** Reads a body up to `limit` bytes; past it, stops reading and refuses with 413. */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(declared, limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(size, limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(size: number, limit: number): ApiError {
  return new ApiError(
    'RequestEntityTooLargeException',
    `The request body is larger than the limit of ${limit} bytes (at least ${size} bytes); split it or raise --max-body-bytes.`,
  );
}

/** X-Ray's error wire shape: the code in a header and in `__type`, the message in `message`. */
function errorReply(error: unknown, log: (message: string) => void, where: string): ApiReply {
  const apiError =
    error instanceof ApiError ? error : new ApiError('InternalFailure', 'The server failed to answer; see its log.');
  if (!(error instanceof ApiError))
    log(`internal failure on ${where}: ${error instanceof Error ? error.stack : String(error)}`);
  return {
    status: apiError.status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': apiError.code },
    body: JSON.stringify({ __type: apiError.code, message: apiError.message, ...apiError.members }),
  };
}

async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
