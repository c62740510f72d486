/**
 * The four ways the overhead benchmark's service can be instrumented: not at all, with our SDK,
 * with aws-xray-sdk-core, and with OpenTelemetry (NodeTracerProvider, BatchSpanProcessor, OTLP over
 * HTTP). Every traced variant samples every request, so each pays its full recording cost.
 *
 * Each factory imports its tracing library itself, so a service process loads only the one it uses
 * (the untraced baseline's memory then includes no tracing code at all).
 */
import http, { type Agent, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';

/** What the service's handler needs from its instrumentation. */
export interface Instrumentation {
  /** Wraps the request handler: one traced unit of work per request. */
  listener(handler: RequestListener): RequestListener;
  /** GETs `url` through the instrumented client; resolves with the status once the body has ended. */
  get(url: string, agent: Agent): Promise<number>;
  /** Adds an indexed annotation (an attribute, for OpenTelemetry) to the current request's segment. */
  annotate(key: string, value: string | number): void;
  /** Sends what is queued; called before the process reports its final figures. */
  flush(): Promise<void>;
}

/** Where the traced variants send their data. */
export interface Sinks {
  udpPort: number;
  otlpUrl: string;
}

export const VARIANTS = ['untraced', 'roentgen-sdk', 'xray-sdk-core', 'opentelemetry'] as const;
export type VariantName = (typeof VARIANTS)[number];

type GetFunction = (
  url: string,
  options: http.RequestOptions,
  callback: (res: IncomingMessage) => void,
) => http.ClientRequest;

function getWith(get: GetFunction, url: string, agent: Agent, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

const SAMPLE_EVERYTHING = { version: 2, default: { fixed_target: 0, rate: 1 } } as const;

function untraced(): Instrumentation {
  return {
    listener: (handler) => handler,
    get: (url, agent) => getWith(http.get, url, agent),
    annotate: () => undefined,
    flush: () => Promise.resolve(),
  };
}

async function roentgenSdk(sinks: Sinks): Promise<Instrumentation> {
  const { captureHttpClient, createTracer, traceHttpServer } = await import('@roentgen/sdk');
  const tracer = createTracer({
    serviceName: 'bench-service',
    daemonAddress: `127.0.0.1:${sinks.udpPort}`,
    sampling: { rules: SAMPLE_EVERYTHING, centralized: false },
  });
  const client = captureHttpClient(tracer, http);
  return {
    listener: (handler) => traceHttpServer(tracer, handler),
    get: (url, agent) => getWith(client.get, url, agent),
    annotate: (key, value) => tracer.addAnnotation(key, value),
    flush: () => tracer.flush(),
  };
}

async function xraySdkCore(sinks: Sinks): Promise<Instrumentation> {
  const { default: AWSXRay } = await import('aws-xray-sdk-core');
  AWSXRay.setLogger({ error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined });
  AWSXRay.setDaemonAddress(`127.0.0.1:${sinks.udpPort}`);
  AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
  AWSXRay.middleware.setDefaultName('bench-service');
  AWSXRay.middleware.disableCentralizedSampling();
  AWSXRay.middleware.setSamplingRules(SAMPLE_EVERYTHING);
  const captured = AWSXRay.captureHTTPs(http);
  return {
    // What aws-xray-sdk-express's openSegment does: the segment, then the chain inside the CLS namespace.
    listener: (handler) => (req, res) => {
      const segment = AWSXRay.middleware.traceRequestResponseCycle(req, res);
      const namespace = AWSXRay.getNamespace();
      namespace.bindEmitter(req);
      namespace.bindEmitter(res);
      namespace.run(() => {
        AWSXRay.setSegment(segment);
        handler(req, res);
      });
    },
    get: (url, agent) => getWith(captured.get, url, agent),
    annotate: (key, value) => AWSXRay.getSegment()?.addAnnotation(key, value),
    flush: () => new Promise((resolve) => setTimeout(resolve, 100)),
  };
}

async function openTelemetry(sinks: Sinks): Promise<Instrumentation> {
  const api = await import('@opentelemetry/api');
  const { NodeTracerProvider } = await import('@opentelemetry/sdk-trace-node');
  const { BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const { AWSXRayPropagator } = await import('@opentelemetry/propagator-aws-xray');
  const { context, propagation, trace, SpanKind, ROOT_CONTEXT } = api;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'bench-service' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: sinks.otlpUrl }))],
  });
  provider.register({ propagator: new AWSXRayPropagator() });
  const tracer = trace.getTracer('bench');
  // No HTTP auto-instrumentation is installed here, so spans are made by hand with the attributes
  // @opentelemetry/instrumentation-http would set: a lower bound on what an OTel user pays.
  return {
    listener: (handler) => (req: IncomingMessage, res: ServerResponse) => {
      const parent = propagation.extract(ROOT_CONTEXT, req.headers);
      const span = tracer.startSpan(
        `${req.method} ${req.url}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': req.method ?? 'GET',
            'url.path': req.url ?? '/',
            'server.address': req.headers.host ?? '',
            'user_agent.original': req.headers['user-agent'] ?? '',
            'client.address': req.socket.remoteAddress ?? '',
          },
        },
        parent,
      );
      res.once('finish', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        span.end();
      });
      context.with(trace.setSpan(parent, span), () => handler(req, res));
    },
    get: (url, agent) => {
      const target = new URL(url);
      const span = tracer.startSpan('GET', {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': 'GET', 'url.full': url, 'server.address': target.hostname },
      });
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), headers);
      return getWith(http.get, url, agent, headers).then((status) => {
        span.setAttribute('http.response.status_code', status);
        span.end();
        return status;
      });
    },
    annotate: (key, value) => trace.getActiveSpan()?.setAttribute(key, value),
    flush: () => provider.forceFlush(),
  };
}

/** Sets up the named variant's instrumentation in this process. */
export function instrument(name: VariantName, sinks: Sinks): Promise<Instrumentation> {
  switch (name) {
    case 'untraced':
      return Promise.resolve(untraced());
    case 'roentgen-sdk':
      return roentgenSdk(sinks);
    case 'xray-sdk-core':
      return xraySdkCore(sinks);
    case 'opentelemetry':
      return openTelemetry(sinks);
  }
}
