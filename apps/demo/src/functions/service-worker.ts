/**
 * One service's process: it runs that service's functions, each invocation arriving from the host
 * over loopback HTTP (`POST /invoke/{function}` with the invocation's trace header), as a Lambda
 * runtime gets its events. A redeploy swaps one function's handler without a restart.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { captureAWSClient, createTracer, type Tracer } from '@roentgen/sdk';
import type { FunctionSpec, HandlerName } from '../demo-manifest.ts';
import { createHandler, type FunctionHandler, type HandlerDependencies } from './function-handlers.ts';

/** What the host tells a worker when it starts it (as JSON in `ROENTGEN_DEMO_WORKER`). */
export interface WorkerConfig {
  readonly service: string;
  readonly functions: readonly FunctionSpec[];
  /** Roentgen's UDP address, `host:port`. */
  readonly daemonAddress: string;
  /** The host's Lambda Invoke endpoint, for the entrypoint's calls. */
  readonly lambdaEndpoint: string;
  readonly region: string;
  readonly families: Readonly<Record<string, readonly string[]>>;
}

/** Headers of the worker protocol; the host sets the first two, the worker answers with the third. */
export const WORKER_HEADERS = {
  traceHeader: 'x-amzn-trace-id',
  requestId: 'x-amz-request-id',
  functionError: 'x-amz-function-error',
} as const;

/** A running worker. */
export interface ServiceWorker {
  readonly port: number;
  deploy(name: string, handler: HandlerName): void;
  stop(): Promise<void>;
}

/** Starts the worker's HTTP server on 127.0.0.1 with a port the OS chooses. */
export async function startServiceWorker(config: WorkerConfig): Promise<ServiceWorker> {
  const tracer = createTracer({
    serviceName: config.service,
    daemonAddress: config.daemonAddress,
    // Decisions come from the host's trace header; a worker never samples on its own.
    sampling: { centralized: false },
  });
  const lambda = captureAWSClient(
    tracer,
    new LambdaClient({
      endpoint: config.lambdaEndpoint,
      region: config.region,
      credentials: { accessKeyId: 'DEMO', secretAccessKey: 'demo' },
      // One attempt, so that every failure shows in the traces exactly once.
      maxAttempts: 1,
    }),
  );
  const deps: HandlerDependencies = { tracer, lambda, families: config.families };
  const specs = new Map(config.functions.map((spec) => [spec.name, spec]));
  const handlers = new Map<string, FunctionHandler>();
  for (const spec of specs.values()) handlers.set(spec.name, createHandler(spec, deps));

  const server = createServer((req, res) => void serve(req, res, handlers));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    deploy(name, handler) {
      const spec = specs.get(name);
      if (spec === undefined) return;
      const next = { ...spec, handler };
      specs.set(name, next);
      handlers.set(name, createHandler(next, deps));
    },
    stop: () => stopWorker(server, tracer, lambda),
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: ReadonlyMap<string, FunctionHandler>,
): Promise<void> {
  const name = decodeURIComponent(/^\/invoke\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '');
  const handler = handlers.get(name);
  const body = await readBody(req);
  if (req.method !== 'POST' || handler === undefined) {
    res.writeHead(404).end();
    return;
  }
  const context = {
    functionName: name,
    awsRequestId: header(req, WORKER_HEADERS.requestId) ?? '',
    traceHeader: header(req, WORKER_HEADERS.traceHeader),
  };
  try {
    const event: unknown = body.length === 0 ? {} : JSON.parse(body);
    const result = await handler(event, context);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? null));
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    const payload = {
      errorType: failure.name,
      errorMessage: failure.message,
      trace: (failure.stack ?? '')
        .split('\n')
        .slice(1, 11)
        .map((line) => line.trim()),
    };
    res
      .writeHead(200, { 'content-type': 'application/json', [WORKER_HEADERS.functionError]: 'Unhandled' })
      .end(JSON.stringify(payload));
  }
}

async function stopWorker(server: Server, tracer: Tracer, lambda: LambdaClient): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  lambda.destroy();
  await tracer.shutdown();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
