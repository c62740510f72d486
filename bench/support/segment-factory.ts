/**
 * Realistic segment documents for benchmarks: a service segment with HTTP data, annotations, and a
 * few subsegments (a remote call, an AWS call, local work), about 1.2 KB of JSON each.
 */
import { randomBytes } from 'node:crypto';

const services = ['gateway', 'orders', 'payments', 'inventory', 'users', 'search', 'shipping', 'email'];

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A fresh trace ID whose epoch part is `nowSeconds`. */
export function benchTraceId(nowSeconds: number): string {
  return `1-${Math.floor(nowSeconds).toString(16).padStart(8, '0')}-${hex(12)}`;
}

/** One segment document (as an object) in trace `traceId`, starting at `start` epoch seconds. */
export function benchSegment(traceId: string, start: number, index: number): Record<string, unknown> {
  const name = services[index % services.length] ?? 'svc';
  const duration = 0.005 + (index % 17) * 0.003;
  const id = hex(8);
  return {
    trace_id: traceId,
    id,
    name,
    start_time: start,
    end_time: start + duration,
    origin: 'AWS::EC2::Instance',
    service: { runtime: 'node', runtime_version: 'v20.20.2', version: '1.4.2' },
    aws: { xray: { sdk: 'X-Ray for Node.js', sdk_version: '3.12.0', package: 'aws-xray-sdk-core' } },
    http: {
      request: {
        method: 'GET',
        url: `http://${name}.internal/api/items/${index % 100}`,
        client_ip: '10.0.0.7',
        user_agent: 'bench/1.0',
      },
      response: { status: index % 50 === 0 ? 500 : 200, content_length: 512 },
    },
    fault: index % 50 === 0,
    annotations: { customer: `customer-${index % 20}`, tier: index % 3 === 0 ? 'gold' : 'silver', items: index % 7 },
    metadata: { default: { request_id: hex(8) } },
    subsegments: [
      {
        id: hex(8),
        name: `${name}-db.internal`,
        namespace: 'remote',
        start_time: start + 0.001,
        end_time: start + duration * 0.6,
        http: { request: { method: 'POST', url: `http://${name}-db.internal/query` }, response: { status: 200 } },
      },
      {
        id: hex(8),
        name: 'DynamoDB',
        namespace: 'aws',
        start_time: start + duration * 0.6,
        end_time: start + duration * 0.9,
        aws: { operation: 'GetItem', region: 'us-east-1', request_id: hex(8), retries: 0, table_name: `${name}-table` },
        http: { response: { status: 200 } },
      },
      { id: hex(8), name: 'render', start_time: start + duration * 0.9, end_time: start + duration },
    ],
  };
}

/** The daemon-protocol datagram for a document. */
export function datagramFor(document: Record<string, unknown>): Buffer {
  return Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(document)}`);
}
