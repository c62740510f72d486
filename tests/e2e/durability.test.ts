/**
 * The server as a user runs it (`roentgen start` in its own process): a document acknowledged over
 * HTTP survives kill -9, and SIGTERM flushes everything buffered (UDP included) and exits 0 in time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { makeSegment } from '@roentgen/model/testing';
import { eventually, spawnServerProcess, temporaryDirectory } from '../support/test-server.ts';

async function tracesFound(baseUrl: string, traceIds: string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < traceIds.length; i += 50) {
    const response = await fetch(`${baseUrl}/Traces`, {
      method: 'POST',
      body: JSON.stringify({ TraceIds: traceIds.slice(i, i + 50) }),
    });
    const body = (await response.json()) as { UnprocessedTraceIds: string[] };
    found += traceIds.slice(i, i + 50).length - body.UnprocessedTraceIds.length;
  }
  return found;
}

test('documents acknowledged by PutTraceSegments survive kill -9', { timeout: 90_000 }, async () => {
  const data = temporaryDirectory();
  try {
    const first = await spawnServerProcess(data.path);
    const traceIds: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const documents = Array.from({ length: 40 }, () => makeSegment({ name: 'durable' }));
      traceIds.push(...documents.map((d) => d.trace_id));
      const response = await fetch(`${first.baseUrl}/TraceSegments`, {
        method: 'POST',
        body: JSON.stringify({ TraceSegmentDocuments: documents.map((d) => JSON.stringify(d)) }),
      });
      assert.equal(response.status, 200);
      assert.deepEqual(
        ((await response.json()) as { UnprocessedTraceSegments: unknown[] }).UnprocessedTraceSegments,
        [],
      );
    }
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, 'SIGKILL');

    const second = await spawnServerProcess(data.path);
    try {
      assert.equal(await tracesFound(second.baseUrl, traceIds), traceIds.length);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  } finally {
    data.remove();
  }
});

test(
  'SIGTERM flushes buffered UDP documents, closes the store and exits 0 within 10 s',
  { timeout: 90_000 },
  async () => {
    const data = temporaryDirectory();
    try {
      const first = await spawnServerProcess(data.path);
      const socket = createSocket('udp4');
      const documents = Array.from({ length: 500 }, () => makeSegment({ name: 'udp-flush' }));
      for (const document of documents) {
        const datagram = Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(document)}`);
        await new Promise<void>((resolve, reject) =>
          socket.send(datagram, first.udpPort, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
        );
      }
      socket.close();
      // Wait until the server has read every datagram (they may still sit in its buffer: that is the point).
      await eventually(
        async () => {
          const metrics = await (await fetch(`${first.baseUrl}/metrics`)).text();
          const read = /^roentgen_udp_datagrams_total(?:\{[^}]*\})? (\d+)/m.exec(metrics);
          return read && Number(read[1]) >= documents.length ? true : undefined;
        },
        10_000,
        'the server to read every datagram',
      );
      const stoppedAt = Date.now();
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0, first.stderr());
      assert.ok(Date.now() - stoppedAt < 10_000, 'stopped within 10 s');

      const second = await spawnServerProcess(data.path);
      try {
        assert.equal(
          await tracesFound(
            second.baseUrl,
            documents.map((d) => d.trace_id),
          ),
          documents.length,
        );
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      data.remove();
    }
  },
);

test('a second server on the same data directory fails with a clear message', { timeout: 60_000 }, async () => {
  const data = temporaryDirectory();
  try {
    const first = await spawnServerProcess(data.path);
    try {
      await assert.rejects(spawnServerProcess(data.path), /in use by another Roentgen process/);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  } finally {
    data.remove();
  }
});
