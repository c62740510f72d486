/**
 * The two calls the SDK makes to the daemon's TCP address (reference §3.4): `POST /GetSamplingRules`
 * and `POST /SamplingTargets`, unsigned JSON, like the X-Ray Node SDK.
 */
import http from 'node:http';
import type { HostPort } from '../emitter/daemon-address.ts';

// Taken at load time, before any opt-in global capture can replace it: sampling calls are never traced.
const rawRequest = http.request;

/** Bodies larger than this are refused (bytes); a rules document is a few KB. */
const MAX_RESPONSE_BYTES = 1_048_576;

/** POSTs `body` as JSON to `path` and resolves the parsed JSON reply; rejects on non-2xx, timeout, bad JSON. */
export function postJson(address: HostPort, path: string, body: unknown, timeoutMs: number): Promise<unknown> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = rawRequest(
      {
        host: address.host,
        port: address.port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) response.destroy(new Error(`${path}: response too large`));
          else chunks.push(chunk);
        });
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(new Error(`${path}: HTTP ${status}`));
            return;
          }
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new Error(`${path}: response is not JSON`));
          }
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`${path}: timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(payload);
  });
}
