import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import type { Segment, Subsegment } from '@roentgen/model';
import { FakeDaemon, tracerFor } from '../testing/fake-daemon.ts';
import type { Tracer } from '../tracer.ts';
import { captureAWSClient } from './capture-aws-client.ts';

/** Answers like Lambda's Invoke (tests/fixtures/real-clients/lambda-invoke): 200 + payload, function error, 404. */
function fakeLambda(seen: IncomingHttpHeaders[]): Server {
  return createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      res.setHeader('x-amzn-requestid', 'req-' + seen.length);
      if (req.url?.includes('/functions/missing/')) {
        res.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException', 'content-type': 'application/json' });
        res.end(JSON.stringify({ Type: 'User', Message: 'Function not found: missing' }));
      } else if (req.url?.includes('/functions/broken/')) {
        res.writeHead(200, { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' });
        res.end(JSON.stringify({ errorType: 'Error', errorMessage: 'kaboom', trace: [] }));
      } else {
        res.writeHead(200, { 'x-amz-executed-version': '$LATEST' });
        res.end('{"ok":true}');
      }
    });
  });
}

describe('captureAWSClient with @aws-sdk/client-lambda', () => {
  let daemon: FakeDaemon;
  let tracer: Tracer;
  let server: Server;
  let client: LambdaClient;
  const seen: IncomingHttpHeaders[] = [];

  before(async () => {
    daemon = await FakeDaemon.start();
    tracer = tracerFor(daemon);
    server = fakeLambda(seen);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = captureAWSClient(
      tracer,
      new LambdaClient({
        region: 'eu-west-1',
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        maxAttempts: 1,
      }),
    );
  });
  after(async () => {
    client.destroy();
    server.close();
    await tracer.shutdown();
    await daemon.close();
  });

  async function traced(work: () => Promise<unknown>): Promise<{ segment: Segment; call: Subsegment }> {
    const segment = tracer.startSegment({
      traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1',
    });
    await tracer.runWith(segment, work).catch(() => undefined);
    segment.close();
    for (let i = 0; i < 100; i++) {
      const doc: Segment | undefined = daemon.documents.find((d): d is Segment => d.id === segment.id);
      if (doc !== undefined) return { segment: doc, call: doc.subsegments?.[0] as Subsegment };
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('segment not sent');
  }

  it('records Invoke as an aws subsegment and sends the trace header with Lineage', async () => {
    let payload = '';
    const { call } = await traced(async () => {
      const out = await client.send(
        new InvokeCommand({
          FunctionName: 'checkout-fn',
          Payload: Buffer.from('{"orderId":42}'),
          Qualifier: '$LATEST',
        }),
      );
      payload = Buffer.from(out.Payload ?? []).toString();
    });
    assert.equal(payload, '{"ok":true}');
    assert.equal(call.name, 'Lambda');
    assert.equal(call.namespace, 'aws');
    assert.deepEqual(call.aws, {
      operation: 'Invoke',
      function_name: 'checkout-fn',
      qualifier: '$LATEST',
      status_code: 200,
      region: 'eu-west-1',
      request_id: 'req-1',
      retries: 0,
    });
    assert.equal(call.http?.response?.status, 200);
    assert.equal(
      seen[0]?.['x-amzn-trace-id'],
      `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=${call.id};Sampled=1;Lineage=a87bd80c:1`,
    );
    assert.equal(seen[0]?.traceparent, undefined);
  });

  it('marks a function error (200 + X-Amz-Function-Error) as a fault without throwing', async () => {
    const { call } = await traced(() => client.send(new InvokeCommand({ FunctionName: 'broken' })));
    assert.equal(call.aws?.function_error, 'Unhandled');
    assert.equal(call.fault, true);
    assert.equal(call.cause, undefined);
  });

  it('records service errors as remote exceptions with the 4xx flags', async () => {
    let thrown: unknown;
    const { call } = await traced(() =>
      client.send(new InvokeCommand({ FunctionName: 'missing' })).catch((error: unknown) => {
        thrown = error;
        throw error;
      }),
    );
    assert.ok(thrown instanceof ResourceNotFoundException, 'the application still sees the typed error');
    assert.equal(call.error, true);
    assert.equal(call.fault, true);
    assert.equal(call.http?.response?.status, 404);
    const exception = typeof call.cause === 'object' ? call.cause.exceptions?.[0] : undefined;
    assert.equal(exception?.type, 'ResourceNotFoundException');
    assert.equal(exception?.remote, true);
  });

  it('leaves calls made outside any segment alone', async () => {
    await client.send(new InvokeCommand({ FunctionName: 'checkout-fn' }));
    assert.equal(seen.at(-1)?.['x-amzn-trace-id'], undefined);
  });
});
