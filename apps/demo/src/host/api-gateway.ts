/**
 * The host's API Gateway: a REST API stage in front of the entrypoint function. With tracing on it
 * records what API Gateway records (reference §6.5): a segment named `<api-name>/<stage>` with origin
 * `AWS::ApiGateway::Stage`, the stage ARN, `aws.api_gateway` and the annotations `aws:api_id` and
 * `aws:api_stage`, and the integration call as a `Lambda` subsegment (the real Lambda client,
 * captured by the SDK). A function error answers 502, as API Gateway does.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { traceHttpServer, type Tracer } from '@roentgen/sdk';
import { ENTRYPOINT } from '../demo-manifest.ts';
import { DEMO_ACCOUNT_ID } from './lambda-protocol.ts';

/** What the gateway needs. */
export interface ApiGatewayOptions {
  readonly apiName: string;
  readonly stage: string;
  readonly region: string;
  /** `undefined`: the stage is not traced (provider.tracing.apiGateway: false). */
  readonly tracer: Tracer | undefined;
  /** A Lambda client aimed at the host, captured by `tracer` when there is one. */
  readonly lambda: LambdaClient;
  readonly host: string;
  /** 0 lets the OS choose. */
  readonly port: number;
}

/** The running gateway. */
export interface ApiGateway {
  /** `http://HOST:PORT` as bound. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the gateway; a taken port fails with a message that says which flag moves it. */
export async function startApiGateway(options: ApiGatewayOptions): Promise<ApiGateway> {
  const apiId = createHash('sha256').update(options.apiName).digest('hex').slice(0, 10);
  const listener: RequestListener = (req, res) => void route(req, res, options, apiId);
  const { tracer } = options;
  const server = createServer(
    tracer === undefined
      ? listener
      : traceHttpServer(tracer, listener, { name: `${options.apiName}/${options.stage}` }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`the gateway's address ${where} is in use; choose another with --gateway HOST:PORT`)
          : error,
      );
    });
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function route(req: IncomingMessage, res: ServerResponse, options: ApiGatewayOptions, apiId: string) {
  describeStage(options, apiId);
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (req.method !== 'GET' || path !== '/') {
    reply(res, 404, { message: 'Not Found' });
    return;
  }
  const event = { resource: '/', path, httpMethod: 'GET', headers: req.headers, requestContext: { apiId } };
  try {
    const result = await options.lambda.send(
      new InvokeCommand({ FunctionName: ENTRYPOINT, Payload: new TextEncoder().encode(JSON.stringify(event)) }),
    );
    if (result.FunctionError !== undefined) {
      reply(res, 502, { message: 'Internal server error' });
      return;
    }
    const answer = JSON.parse(new TextDecoder().decode(result.Payload)) as { statusCode?: number; body?: string };
    res.writeHead(answer.statusCode ?? 200, { 'content-type': 'application/json' }).end(answer.body ?? '');
  } catch {
    reply(res, 502, { message: 'Internal server error' });
  }
}

/** Fills the stage segment's AWS fields; a no-op when the stage is not traced or not sampled. */
function describeStage(options: ApiGatewayOptions, apiId: string): void {
  const segment = options.tracer?.currentSegment();
  if (segment === undefined || !segment.sampled) return;
  const { stage, region } = options;
  segment.setOrigin('AWS::ApiGateway::Stage');
  segment.setResourceArn(`arn:aws:apigateway:${region}::/restapis/${apiId}/stages/${stage}`);
  segment.setAws({ api_gateway: { account_id: DEMO_ACCOUNT_ID, rest_api_id: apiId, stage } });
  // API Gateway's own annotation keys contain ':', which the SDK rewrites to '_' for keys users
  // write (only [A-Za-z0-9_] is filterable); a recording of what AWS sends keeps them as they are.
  segment.doc.annotations = { ...segment.doc.annotations, 'aws:api_id': apiId, 'aws:api_stage': stage };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
