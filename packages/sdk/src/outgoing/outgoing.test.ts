import assert from 'node:assert/strict';
import http, { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { get as namedGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Segment, Subsegment } from '@roentgen/model';
import { traceHttpServer } from '../http/trace-http-server.ts';
import { captureFetchGlobal } from '../patch/capture-fetch-global.ts';
import { captureHttpGlobal } from '../patch/capture-http-global.ts';
import { FakeDaemon, tracerFor } from '../testing/fake-daemon.ts';
import type { Tracer } from '../tracer.ts';
import { captureHttpClient } from './http-client-capture.ts';
import { tracedFetch } from './traced-fetch.ts';

describe('outgoing calls', () => {
  let daemon: FakeDaemon;
  let tracer: Tracer;
  let downstreamTracer: Tracer;
  let downstream: Server;
  let port: number;
  const received: IncomingHttpHeaders[] = [];

  before(async () => {
    daemon = await FakeDaemon.start();
    tracer = tracerFor(daemon);
    downstreamTracer = tracerFor(daemon, { serviceName: 'downstream' });
    downstream = createServer(
      traceHttpServer(downstreamTracer, (req, res) => {
        received.push(req.headers);
        res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
        res.setHeader('content-length', '5');
        res.end('hello');
      }),
    );
    await new Promise<void>((resolve) => downstream.listen(0, '127.0.0.1', resolve));
    port = (downstream.address() as AddressInfo).port;
  });
  after(async () => {
    downstream.close();
    await tracer.shutdown();
    await downstreamTracer.shutdown();
    await daemon.close();
  });

  async function inSegment(work: () => Promise<void>): Promise<{ segment: Segment; calls: Subsegment[] }> {
    const segment = tracer.startSegment({ name: 'caller' });
    await tracer.runWith(segment, work);
    segment.close();
    for (let i = 0; i < 100; i++) {
      const doc = daemon.documents.find((d) => d.id === segment.id);
      if (doc !== undefined) return { segment: doc, calls: (doc as Segment).subsegments ?? [] };
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('segment not sent');
  }

  function body(get: (url: string, cb: (res: http.IncomingMessage) => void) => unknown, url: string): Promise<number> {
    return new Promise((resolve) => {
      get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
    });
  }

  async function downstreamSegmentWithParent(parentId: string): Promise<Segment> {
    for (let i = 0; i < 100; i++) {
      const doc = daemon.documents.find((d) => d.parent_id === parentId && d.name === 'downstream');
      if (doc !== undefined) return doc;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no downstream segment');
  }

  it('records node:http calls as remote subsegments and links the downstream segment', async () => {
    const traced = captureHttpClient(tracer, http);
    const headers = { accept: 'text/plain' };
    let statusInCallback = 0;
    const { segment, calls } = await inSegment(async () => {
      statusInCallback = await body(
        (url, cb) => traced.get(url, { headers }, cb),
        `http://127.0.0.1:${port}/items?page=2`,
      );
    });
    assert.equal(statusInCallback, 200);
    assert.deepEqual(headers, { accept: 'text/plain' }, "the caller's headers object is not modified");
    const [call] = calls as [Subsegment];
    assert.equal(call.name, '127.0.0.1');
    assert.equal(call.namespace, 'remote');
    assert.deepEqual(call.http, {
      request: { url: 'http://127.0.0.1/items', method: 'GET' },
      response: { status: 200, content_length: 5 },
    });
    const sent = received.at(-1) ?? {};
    assert.equal(sent['x-amzn-trace-id'], `Root=${segment.trace_id};Parent=${call.id};Sampled=1`);
    assert.equal(sent.traceparent, `00-${segment.trace_id.slice(2, 10)}${segment.trace_id.slice(11)}-${call.id}-01`);
    const remote = await downstreamSegmentWithParent(call.id);
    assert.equal(remote.trace_id, segment.trace_id);
  });

  it('records fetch calls, with status flags, and leaves the response body to the caller', async () => {
    const fetch = tracedFetch(tracer);
    let text = '';
    const { segment, calls } = await inSegment(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/missing?q=1`, { method: 'post', body: 'x' });
      text = await response.text();
    });
    assert.equal(text, 'hello');
    const [call] = calls as [Subsegment];
    assert.equal(call.name, '127.0.0.1');
    assert.equal(call.error, true);
    assert.deepEqual(call.http?.request, { url: 'http://127.0.0.1/missing', method: 'POST' });
    assert.equal(call.http?.response?.status, 404);
    assert.equal(received.at(-1)?.['x-amzn-trace-id'], `Root=${segment.trace_id};Parent=${call.id};Sampled=1`);
  });

  it('records network errors as faults and rethrows them unchanged', async () => {
    const fetch = tracedFetch(tracer);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    closed.close();
    const { calls } = await inSegment(async () => {
      await assert.rejects(fetch(`http://127.0.0.1:${deadPort}/`), TypeError);
      await new Promise<void>((resolve) => {
        captureHttpClient(tracer, http)
          .get(`http://127.0.0.1:${deadPort}/`)
          .on('error', () => resolve());
      });
    });
    assert.equal(calls.length, 2);
    for (const call of calls) {
      assert.equal(call.fault, true);
      assert.ok(typeof call.cause === 'object' && (call.cause.exceptions?.length ?? 0) > 0);
    }
  });

  it('writes only the configured header formats', async () => {
    const xrayOnly = tracerFor(daemon, { propagation: ['xray'] });
    const segment = xrayOnly.startSegment();
    await xrayOnly.runWith(segment, () => tracedFetch(xrayOnly)(`http://127.0.0.1:${port}/a`).then((r) => r.text()));
    assert.equal(received.at(-1)?.traceparent, undefined);
    assert.match(String(received.at(-1)?.['x-amzn-trace-id']), /^Root=/);
    segment.close();
    await xrayOnly.shutdown();
  });

  it('captures http and fetch globally on request, and undoes it', async () => {
    const undoHttp = captureHttpGlobal(tracer, [http]);
    const undoFetch = captureFetchGlobal(tracer);
    try {
      const { calls } = await inSegment(async () => {
        await body(namedGet, `http://127.0.0.1:${port}/named`);
        await body(http.get, `http://127.0.0.1:${port}/module`);
        await globalThis.fetch(`http://127.0.0.1:${port}/fetch`).then((r) => r.text());
      });
      assert.deepEqual(
        calls.map((c) => c.http?.request?.url),
        [`http://127.0.0.1/named`, `http://127.0.0.1/module`, `http://127.0.0.1/fetch`],
      );
    } finally {
      undoHttp();
      undoFetch();
    }
    const { calls } = await inSegment(async () => {
      await body(http.get, `http://127.0.0.1:${port}/after-undo`);
      await globalThis.fetch(`http://127.0.0.1:${port}/after-undo`).then((r) => r.text());
    });
    assert.equal(calls.length, 0);
    assert.equal(received.at(-1)?.['x-amzn-trace-id'], undefined);
  });
});
