/**
 * The host's Lambda service: the Invoke API of AWS Lambda (`POST /2015-03-31/functions/{name}/invocations`,
 * function errors as 200 + `X-Amz-Function-Error`) and `UpdateFunctionConfiguration` for redeploys,
 * both as `@aws-sdk/client-lambda` speaks them. Per invocation it records what Lambda records under
 * active tracing (reference §6.5): an `AWS::Lambda` segment whose parent is the caller's subsegment,
 * an `AWS::Lambda::Function` segment under it, and hands the function a trace header whose Parent is
 * the function segment, so the function's own subsegments hang below it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TraceSegment, Tracer } from '@roentgen/sdk';
import type { HandlerName } from '../demo-manifest.ts';
import { WORKER_HEADERS } from '../functions/service-worker.ts';
import { functionArn, functionNameOf, passThroughHeader, readBody, replyJson } from './lambda-protocol.ts';
import type { WorkerPool } from './worker-pool.ts';

/** What the Lambda service needs. */
export interface LambdaHostOptions {
  readonly tracer: Tracer;
  /** `false`: PassThrough mode, no Lambda segments, the header forwarded without Parent. */
  readonly activeTracing: boolean;
  readonly region: string;
  /** Set once the workers run (they need this host's address first). */
  readonly workers: () => WorkerPool | undefined;
}

/** The running Lambda service. */
export interface LambdaHost {
  /** `http://127.0.0.1:PORT`: point `LambdaClient`'s `endpoint` here. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations(?:\?.*)?$/;
const CONFIGURATION = /^\/2015-03-31\/functions\/([^/]+)\/configuration(?:\?.*)?$/;

/** Starts the Lambda service on 127.0.0.1 with a port the OS chooses. */
export async function startLambdaHost(options: LambdaHostOptions): Promise<LambdaHost> {
  const server: Server = createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      if (!res.headersSent) replyJson(res, 500, { Type: 'Service', Message: String(error) }, 'ServiceException');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: LambdaHostOptions): Promise<void> {
  const url = req.url ?? '';
  const body = await readBody(req);
  const invoke = INVOKE.exec(url);
  const configure = CONFIGURATION.exec(url);
  const name = functionNameOf(invoke?.[1] ?? configure?.[1] ?? '');
  const workers = options.workers();
  const workerUrl = workers?.urlOf(name);
  if (workers === undefined || workerUrl === undefined || (!invoke && !configure)) {
    const message = `Function not found: ${functionArn(options.region, name)}`;
    replyJson(res, 404, { Type: 'User', Message: message }, 'ResourceNotFoundException');
    return;
  }
  if (configure && req.method === 'PUT') {
    const handler = (JSON.parse(body.toString('utf8') || '{}') as { Handler?: unknown }).Handler;
    if (handler !== 'word' && handler !== 'faulty') {
      const message = `Handler must be "word" or "faulty", got ${JSON.stringify(handler)}`;
      replyJson(res, 400, { Type: 'User', message }, 'InvalidParameterValueException');
      return;
    }
    await workers.deploy(name, handler satisfies HandlerName);
    replyJson(res, 200, { FunctionName: name, FunctionArn: functionArn(options.region, name), Handler: handler });
    return;
  }
  const requestId = randomUUID();
  if (req.headers['x-amz-invocation-type'] === 'Event') {
    res.writeHead(202, { 'x-amzn-requestid': requestId }).end();
    void invokeTraced(name, workerUrl, body, req.headers[WORKER_HEADERS.traceHeader], requestId, options);
    return;
  }
  const outcome = await invokeTraced(
    name,
    workerUrl,
    body,
    req.headers[WORKER_HEADERS.traceHeader],
    requestId,
    options,
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': requestId,
    'x-amz-executed-version': '$LATEST',
  };
  if (outcome.functionError) headers['x-amz-function-error'] = 'Unhandled';
  res.writeHead(outcome.status, headers).end(outcome.body);
}

interface InvocationOutcome {
  readonly status: number;
  readonly body: Buffer;
  readonly functionError: boolean;
}

async function invokeTraced(
  name: string,
  workerUrl: string,
  payload: Buffer,
  incoming: string | string[] | undefined,
  requestId: string,
  options: LambdaHostOptions,
): Promise<InvocationOutcome> {
  const callerHeader = Array.isArray(incoming) ? incoming[0] : incoming;
  if (!options.activeTracing) return callWorker(name, workerUrl, payload, passThroughHeader(callerHeader), requestId);
  const { tracer, region } = options;
  const service = tracer.startSegment({ name, ...(callerHeader ? { traceHeader: callerHeader } : {}) });
  describe(service, 'AWS::Lambda', region, name, requestId);
  const sampled = service.sampled ? '1' : '0';
  const fn = tracer.startSegment({
    name,
    traceHeader: `Root=${service.traceId};Parent=${service.id};Sampled=${sampled}`,
  });
  describe(fn, 'AWS::Lambda::Function', region, name, requestId);
  try {
    const header = `Root=${service.traceId};Parent=${fn.id};Sampled=${sampled}`;
    const outcome = await callWorker(name, workerUrl, payload, header, requestId);
    if (outcome.functionError) fn.recordError(functionErrorOf(outcome.body));
    return outcome;
  } catch (error) {
    // The function never answered: a problem of the Lambda service, not of the function.
    service.recordError(error);
    return { status: 502, body: Buffer.from(JSON.stringify({ Message: String(error) })), functionError: false };
  } finally {
    fn.close();
    service.close();
  }
}

function describe(segment: TraceSegment, origin: string, region: string, name: string, requestId: string): void {
  segment.setOrigin(origin);
  segment.setResourceArn(functionArn(region, name));
  segment.setAws({ request_id: requestId, function_name: name });
}

async function callWorker(
  name: string,
  workerUrl: string,
  payload: Buffer,
  traceHeader: string | undefined,
  requestId: string,
): Promise<InvocationOutcome> {
  const headers: Record<string, string> = { [WORKER_HEADERS.requestId]: requestId };
  if (traceHeader !== undefined) headers[WORKER_HEADERS.traceHeader] = traceHeader;
  const response = await fetch(`${workerUrl}/invoke/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body: payload,
  });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: 200, body, functionError: response.headers.has(WORKER_HEADERS.functionError) };
}

/** The function's error payload as an Error, so the segment's `cause` carries its type, message and frames. */
function functionErrorOf(body: Buffer): Error {
  let parsed: { errorType?: string; errorMessage?: string; trace?: string[] } = {};
  try {
    parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
  } catch {
    // Not JSON: keep the generic message below.
  }
  const error = new Error(parsed.errorMessage ?? 'the function failed');
  error.name = parsed.errorType ?? 'Error';
  error.stack = [`${error.name}: ${error.message}`, ...(parsed.trace ?? [])].join('\n    ');
  return error;
}
