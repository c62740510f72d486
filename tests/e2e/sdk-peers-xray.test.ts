/**
 * Our SDK and the official aws-xray-sdk-core in one trace, in both directions: a service traced by
 * `@roentgen/sdk` calls a service traced by aws-xray-sdk-core, and the other way round. Both send to
 * the same Roentgen server; `@aws-sdk/client-xray`'s BatchGetTraces must return one trace whose
 * downstream segment hangs off the caller's outgoing-call subsegment.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http, { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AWSXRay from 'aws-xray-sdk-core';
import express from 'express';
import { BatchGetTracesCommand } from '@aws-sdk/client-xray';
import { captureHttpClient, createTracer, traceHttpServer, tracedFetch, type Tracer } from '@roentgen/sdk';
import { eventually, startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

interface Document {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  namespace?: string;
  annotations?: Record<string, unknown>;
  http?: { request?: { url?: string; method?: string }; response?: { status?: number } };
  subsegments?: Document[];
}

const SAMPLE_ALL = { version: 2, default: { fixed_target: 0, rate: 1 } } as const;

let roentgen: TestServer;
let tracer: Tracer;
const servers: Server[] = [];

before(async () => {
  roentgen = await startTestServer();
  const daemon = `tcp:127.0.0.1:${new URL(roentgen.baseUrl).port} udp:127.0.0.1:${roentgen.udpPort}`;
  tracer = createTracer({
    serviceName: 'roentgen-sdk-svc',
    daemonAddress: daemon,
    sampling: { rules: SAMPLE_ALL, centralized: false },
  });
  AWSXRay.setLogger({ error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined });
  AWSXRay.setDaemonAddress(daemon);
  AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
  AWSXRay.middleware.setDefaultName('xray-core-svc');
  AWSXRay.middleware.disableCentralizedSampling();
  AWSXRay.middleware.setSamplingRules(SAMPLE_ALL);
});

after(async () => {
  for (const server of servers) server.close();
  await tracer.shutdown();
  await roentgen.close();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * An Express app traced by aws-xray-sdk-core the way its Express package does it: the core
 * middleware opens the segment, and the rest of the chain runs in the SDK's CLS namespace with it.
 */
function xrayCoreApp(route: (req: express.Request, res: express.Response) => void): express.Express {
  const app = express();
  app.use((req, res, next) => {
    const segment = AWSXRay.middleware.traceRequestResponseCycle(req, res);
    const namespace = AWSXRay.getNamespace();
    namespace.bindEmitter(req);
    namespace.bindEmitter(res);
    namespace.run(() => {
      AWSXRay.setSegment(segment);
      next();
    });
  });
  app.get('/work', route);
  return app;
}

/** The trace's documents, once it has `count` segments. */
async function traceDocuments(traceId: string, count: number): Promise<Document[]> {
  const client = xrayClient(roentgen.baseUrl);
  return eventually(
    async () => {
      const out = await client.send(new BatchGetTracesCommand({ TraceIds: [traceId] }));
      const segments = out.Traces?.[0]?.Segments ?? [];
      if (segments.length < count) return undefined;
      return segments.map((s) => JSON.parse(s.Document ?? '{}') as Document);
    },
    5_000,
    `${count} segments in trace ${traceId}`,
  );
}

function rootOf(header: string | null): string {
  const root = /Root=([^;]+)/.exec(header ?? '')?.[1];
  assert.ok(root, `a Root in the response header ${header}`);
  return root;
}

function byName(documents: Document[], name: string): Document {
  const found = documents.find((d) => d.name === name);
  assert.ok(found, `a segment named ${name} among ${documents.map((d) => d.name).join(', ')}`);
  return found;
}

test('our SDK (fetch and node:http) calls aws-xray-sdk-core: one trace, downstream parent = our subsegment', async () => {
  const downstream = await listen(
    createServer(
      xrayCoreApp((req, res) => {
        AWSXRay.getSegment()?.addAnnotation('seen_by', 'xray-core');
        res.json({ traceHeader: req.headers['x-amzn-trace-id'] });
      }),
    ),
  );
  const fetchTraced = tracedFetch(tracer);
  const httpTraced = captureHttpClient(tracer, http);
  const upstream = await listen(
    createServer(
      traceHttpServer(tracer, (req, res) => {
        tracer.addAnnotation('caller', 'roentgen');
        const viaHttp = (): Promise<void> =>
          new Promise((resolve, reject) => {
            httpTraced.get(`${downstream}/work?via=http`, (r) => r.resume().on('end', resolve)).on('error', reject);
          });
        void (async () => {
          const response = await fetchTraced(`${downstream}/work?via=fetch`);
          await response.text();
          await viaHttp();
          res.end('done');
        })();
      }),
    ),
  );

  const response = await fetch(`${upstream}/checkout`);
  assert.equal(await response.text(), 'done');
  const traceId = rootOf(response.headers.get('x-amzn-trace-id'));

  const documents = await traceDocuments(traceId, 3);
  assert.equal(documents.length, 3, 'our segment and two xray-core segments, nothing else');
  const ours = byName(documents, 'roentgen-sdk-svc');
  assert.equal(ours.parent_id, undefined);
  assert.deepEqual(ours.annotations, { caller: 'roentgen' });
  const calls = ours.subsegments ?? [];
  assert.equal(calls.length, 2);
  const theirs = documents.filter((d) => d.name === 'xray-core-svc');
  assert.equal(theirs.length, 2);
  for (const call of calls) {
    assert.equal(call.namespace, 'remote');
    assert.equal(call.name, '127.0.0.1');
    assert.equal(call.http?.response?.status, 200);
    const child = theirs.find((d) => d.parent_id === call.id);
    assert.ok(child, `an xray-core segment whose parent is our subsegment ${call.id}`);
    assert.equal(child.trace_id, traceId);
    assert.deepEqual(child.annotations, { seen_by: 'xray-core' });
  }
});

test('aws-xray-sdk-core (captureHTTPs) calls our SDK: one trace, our parent = its subsegment', async () => {
  let received: string | undefined;
  const downstream = await listen(
    createServer(
      traceHttpServer(tracer, (req, res) => {
        received = req.headers['x-amzn-trace-id'] as string | undefined;
        tracer.addAnnotation('seen_by', 'roentgen');
        res.end('ok');
      }),
    ),
  );
  const capturedHttp = AWSXRay.captureHTTPs(http, true);
  const upstream = await listen(
    createServer(
      xrayCoreApp((_req, res) => {
        AWSXRay.getSegment()?.addAnnotation('caller', 'xray-core');
        capturedHttp
          .get(`${downstream}/work?q=1`, (r) => {
            r.resume();
            r.on('end', () => res.send('done'));
          })
          .on('error', (error) => res.status(502).send(error.message));
      }),
    ),
  );

  const response = await fetch(`${upstream}/work`);
  assert.equal(await response.text(), 'done');
  // aws-xray-sdk-core echoes the header only to callers that sent `Sampled=?`; take the Root we received.
  const traceId = rootOf(received ?? null);

  const documents = await traceDocuments(traceId, 2);
  assert.equal(documents.length, 2);
  const theirs = byName(documents, 'xray-core-svc');
  const ours = byName(documents, 'roentgen-sdk-svc');
  const call = theirs.subsegments?.find((s) => s.namespace === 'remote');
  assert.ok(call, 'the xray-core segment has a remote subsegment for the call');
  assert.match(received ?? '', new RegExp(`^Root=${traceId};Parent=${call.id};Sampled=1`));
  assert.equal(ours.trace_id, traceId);
  assert.equal(ours.parent_id, call.id, "our segment's parent is aws-xray-sdk-core's subsegment");
  assert.deepEqual(ours.annotations, { seen_by: 'roentgen' });
  assert.equal(ours.http?.request?.url, `${downstream}/work?q=1`);
  assert.equal(ours.http?.response?.status, 200);
});
