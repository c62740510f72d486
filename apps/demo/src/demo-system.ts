/**
 * The whole name generator as one start/stop unit: the Lambda service and the API Gateway in this
 * process, one child process per service running the functions. Only Roentgen's public SDK (and
 * its UDP and sampling addresses) connect it to Roentgen, as for any outside team's system.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { captureAWSClient, createTracer, type LocalSamplingRules, type Tracer } from '@roentgen/sdk';
import type { DemoManifest, HandlerName } from './demo-manifest.ts';
import { startApiGateway, type ApiGateway } from './host/api-gateway.ts';
import { startLambdaHost, type LambdaHost } from './host/lambda-host.ts';
import { warmUp } from './host/warm-up.ts';
import { startWorkerPool, type WorkerPool } from './host/worker-pool.ts';

/** Where the system runs and where it sends its traces. */
export interface DemoSystemOptions {
  readonly manifest: DemoManifest;
  /** Roentgen's UDP address for segments, `host:port`. */
  readonly udpAddress: string;
  /** Roentgen's HTTP address for `/GetSamplingRules`, `host:port`. */
  readonly serverAddress: string;
  /** The gateway's address; port 0 lets the OS choose. */
  readonly gatewayHost: string;
  readonly gatewayPort: number;
  /** Where the processes' own complaints go. */
  readonly log: (line: string) => void;
}

/** The running system. */
export interface DemoSystem {
  /** `http://HOST:PORT` of the API Gateway stage, as bound. */
  readonly gatewayUrl: string;
  /** The Lambda Invoke endpoint (`LambdaClient({ endpoint })`). */
  readonly lambdaEndpoint: string;
  /** Number of functions deployed, the entrypoint included. */
  readonly functionCount: number;
  /** Redeploys one function with another handler. */
  deploy(name: string, handler: HandlerName): Promise<void>;
  /** Stops the gateway, the Lambda service and every child process; flushes the tracers. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Until Roentgen's sampling rules arrive (a moment after the first request) the tracers decide
 * locally; the demo keeps everything then too, so the first second is not missing from the map.
 */
const KEEP_EVERYTHING: LocalSamplingRules = { version: 2, default: { fixed_target: 1, rate: 1 } };

/** Starts the Lambda service, the service processes, then the gateway, and warms them; undoes it all on failure. */
export async function startDemoSystem(options: DemoSystemOptions): Promise<DemoSystem> {
  const { manifest } = options;
  const daemonAddress = `udp:${options.udpAddress} tcp:${options.serverAddress}`;
  const tracerFor = (serviceName: string, origin: string): Tracer =>
    createTracer({ serviceName, origin, daemonAddress, sampling: { rules: KEEP_EVERYTHING } });
  const lambdaTracer = tracerFor('lambda', 'AWS::Lambda');
  const gatewayTracer = manifest.tracing.apiGateway
    ? tracerFor(`${manifest.service}/${manifest.stage}`, 'AWS::ApiGateway::Stage')
    : undefined;
  let workers: WorkerPool | undefined;
  let gateway: ApiGateway | undefined;
  let lambdaHost: LambdaHost | undefined;
  let lambda: LambdaClient | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await gateway?.stop();
      lambda?.destroy();
      await lambdaHost?.stop();
      await workers?.stop();
      await Promise.all([lambdaTracer.shutdown(), gatewayTracer?.shutdown()]);
    })());
  try {
    lambdaHost = await startLambdaHost({
      tracer: lambdaTracer,
      activeTracing: manifest.tracing.lambda,
      region: manifest.region,
      workers: () => workers,
    });
    workers = await startWorkerPool({
      functions: manifest.functions,
      daemonAddress: options.udpAddress,
      lambdaEndpoint: lambdaHost.endpoint,
      region: manifest.region,
      log: options.log,
    });
    lambda = new LambdaClient({
      endpoint: lambdaHost.endpoint,
      region: manifest.region,
      credentials: { accessKeyId: 'DEMO', secretAccessKey: 'demo' },
      maxAttempts: 1,
    });
    if (gatewayTracer !== undefined) captureAWSClient(gatewayTracer, lambda);
    gateway = await startApiGateway({
      apiName: manifest.service,
      stage: manifest.stage,
      region: manifest.region,
      tracer: gatewayTracer,
      lambda,
      host: options.gatewayHost,
      port: options.gatewayPort,
    });
    await warmUp(gateway.url);
  } catch (error) {
    await stop();
    throw error;
  }
  const pool = workers;
  return {
    gatewayUrl: gateway.url,
    lambdaEndpoint: lambdaHost.endpoint,
    functionCount: manifest.functions.length,
    deploy: (name, handler) => pool.deploy(name, handler),
    stop,
  };
}
