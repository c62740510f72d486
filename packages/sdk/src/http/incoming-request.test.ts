import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { Segment } from '@roentgen/model';
import { FakeDaemon, tracerFor } from '../testing/fake-daemon.ts';
import type { Tracer } from '../tracer.ts';
import { expressErrorMiddleware, expressMiddleware } from './express-middleware.ts';
import { traceHttpServer } from './trace-http-server.ts';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('incoming requests', () => {
  let daemon: FakeDaemon;
  let tracer: Tracer;
  let base: string;
  let expressBase: string;
  const servers: Server[] = [];

  before(async () => {
    daemon = await FakeDaemon.start();
    tracer = tracerFor(daemon);
    const server = createServer(
      traceHttpServer(tracer, (req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        req.on('data', () => undefined);
        // 'end' fires from the socket, outside the request's context unless the SDK binds the emitter.
        req.on('end', () => {
          tracer.addAnnotation('path', url.pathname);
          tracer.addAnnotation('n', Number(url.searchParams.get('n') ?? -1));
          setTimeout(
            () => {
              res.statusCode = Number(url.searchParams.get('status') ?? 200);
              res.setHeader('content-length', '2');
              res.end('ok');
            },
            Number(url.searchParams.get('delay') ?? 0),
          );
        });
      }),
    );
    servers.push(server);
    base = await listen(server);
    const app = express();
    app.use(expressMiddleware(tracer, { name: 'express-svc' }));
    app.get('/users/:id', (req, res) => {
      tracer.setUser(req.params.id);
      res.json({ id: req.params.id });
    });
    app.get('/boom', () => {
      throw new Error('route failed');
    });
    app.use(expressErrorMiddleware(tracer));
    const expressServer = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => expressServer.once('listening', resolve));
    servers.push(expressServer);
    expressBase = `http://127.0.0.1:${(expressServer.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const server of servers) server.close();
    await tracer.shutdown();
    await daemon.close();
  });

  async function segmentFor(response: Response): Promise<Segment> {
    const root = /Root=([^;]+)/.exec(response.headers.get('x-amzn-trace-id') ?? '')?.[1];
    await response.arrayBuffer();
    for (let i = 0; i < 100; i++) {
      const found = daemon.documents.find((d) => d.trace_id === root);
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no segment for ${root}`);
  }

  it('continues the caller trace from X-Amzn-Trace-Id and records request and response', async () => {
    const response = await fetch(`${base}/orders?n=1`, {
      method: 'POST',
      body: 'payload',
      headers: {
        'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
        'user-agent': 'probe/1.0',
        'x-forwarded-for': '1.2.3.4, 10.0.0.1',
      },
    });
    assert.equal(response.headers.get('x-amzn-trace-id'), 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1');
    const doc = await segmentFor(response);
    assert.equal(doc.name, 'test-svc');
    assert.equal(doc.parent_id, '53995c3f42cd8ad8');
    assert.deepEqual(doc.http, {
      request: {
        method: 'POST',
        url: `${base}/orders?n=1`,
        user_agent: 'probe/1.0',
        client_ip: '1.2.3.4',
        x_forwarded_for: true,
      },
      response: { status: 200, content_length: 2 },
    });
    assert.deepEqual(doc.annotations, { path: '/orders', n: 1 });
  });

  it('continues a W3C traceparent caller', async () => {
    const response = await fetch(`${base}/w3c`, {
      headers: { traceparent: '00-4efaaf4d1e8720b39541901950019ee5-53995c3f42cd8ad8-01' },
    });
    const doc = await segmentFor(response);
    assert.equal(doc.trace_id, '1-4efaaf4d-1e8720b39541901950019ee5');
    assert.equal(doc.parent_id, '53995c3f42cd8ad8');
    assert.equal(doc.http?.request?.client_ip, '127.0.0.1');
  });

  it('sets fault, error and throttle from the status', async () => {
    const flags = async (status: number): Promise<unknown> => {
      const doc = await segmentFor(await fetch(`${base}/s?status=${status}`));
      return [doc.http?.response?.status, doc.error ?? false, doc.throttle ?? false, doc.fault ?? false];
    };
    assert.deepEqual(await flags(404), [404, true, false, false]);
    assert.deepEqual(await flags(429), [429, true, true, false]);
    assert.deepEqual(await flags(502), [502, false, false, true]);
  });

  it('obeys Sampled=0 (nothing sent, decision echoed) and decides on Sampled=?', async () => {
    const sent = tracer.stats().sent;
    const unsampled = await fetch(`${base}/no`, {
      headers: { 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272794;Sampled=0' },
    });
    await unsampled.arrayBuffer();
    assert.equal(unsampled.headers.get('x-amzn-trace-id'), 'Root=1-5759e988-bd862e3fe1be46a994272794;Sampled=0');
    const decide = await fetch(`${base}/decide`, {
      headers: { 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272795;Sampled=?' },
    });
    assert.equal(decide.headers.get('x-amzn-trace-id'), 'Root=1-5759e988-bd862e3fe1be46a994272795;Sampled=1');
    await segmentFor(decide);
    await tracer.flush();
    assert.equal(tracer.stats().sent, sent + 1);
  });

  it('never mixes concurrent requests', async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, (_, n) => fetch(`${base}/c?n=${n}&delay=${n % 5}`)));
    const docs = await Promise.all(responses.map((response) => segmentFor(response)));
    docs.forEach((doc, n) => {
      assert.equal(doc.http?.request?.url, `${base}/c?n=${n}&delay=${n % 5}`);
      assert.deepEqual(doc.annotations, { path: '/c', n });
    });
  });

  it('traces Express routes, including errors passed to the error handler', async () => {
    const ok = await segmentFor(await fetch(`${expressBase}/users/alice?x=1`));
    assert.equal(ok.name, 'express-svc');
    assert.equal(ok.user, 'alice');
    assert.equal(ok.http?.request?.url, `${expressBase}/users/alice?x=1`);
    const failed = await fetch(`${expressBase}/boom`);
    assert.equal(failed.status, 500);
    const doc = await segmentFor(failed);
    assert.equal(doc.fault, true);
    assert.equal(typeof doc.cause === 'object' && doc.cause.exceptions?.[0]?.message, 'route failed');
  });
});
