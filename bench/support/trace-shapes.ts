/**
 * Traces of a realistic shape for the service-graph benchmark: a layered system of 80 services
 * (8 entry points, then 16, 24 and 32 services below, each calling a fixed few of the next layer),
 * plus DynamoDB tables, S3 buckets, SQS queues and external APIs that only appear as inferred
 * nodes. Each trace visits 5 to 30 services; every segment carries HTTP data, annotations and
 * metadata (about 1 KB of JSON, like `segment-factory.ts`), a few fail.
 */
import { randomBytes } from 'node:crypto';

const LAYERS = [8, 16, 24, 32];
const ORIGINS = ['AWS::EC2::Instance', 'AWS::ECS::Container', 'AWS::EKS::Container'];
const DOWNSTREAM = [
  ...Array.from({ length: 8 }, (_, i) => ({
    name: 'DynamoDB',
    namespace: 'aws',
    aws: { operation: 'Query', table_name: `table-${i}` },
  })),
  ...Array.from({ length: 4 }, (_, i) => ({
    name: 'S3',
    namespace: 'aws',
    aws: { operation: 'GetObject', bucket_name: `bucket-${i}` },
  })),
  ...Array.from({ length: 4 }, (_, i) => ({
    name: 'SQS',
    namespace: 'aws',
    aws: { operation: 'SendMessage', queue_url: `https://sqs.us-east-1.amazonaws.com/123456789012/queue-${i}` },
  })),
  ...Array.from({ length: 4 }, (_, i) => ({ name: `api-${i}.partner.example`, namespace: 'remote' })),
];

interface ServiceSpec {
  readonly name: string;
  readonly origin: string;
  readonly callees: readonly number[];
  readonly downstream: readonly number[];
}

/** The fixed system: service `i` of layer `l` calls three services of layer `l + 1` and two resources. */
const SYSTEM: readonly ServiceSpec[] = (() => {
  const specs: ServiceSpec[] = [];
  let first = 0;
  LAYERS.forEach((size, layer) => {
    const next = first + size;
    const nextSize = LAYERS[layer + 1] ?? 0;
    for (let i = 0; i < size; i++) {
      const callees = nextSize === 0 ? [] : [0, 1, 2].map((k) => next + ((i * 3 + k * 5) % nextSize));
      specs.push({
        name: layer === 0 ? `gateway-${i}` : `svc-${layer}-${i}`,
        origin: ORIGINS[(layer + i) % ORIGINS.length] ?? 'AWS::EC2::Instance',
        callees,
        downstream: [(first + i) % DOWNSTREAM.length, (first + i * 7 + 3) % DOWNSTREAM.length],
      });
    }
    first = next;
  });
  return specs;
})();

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Status and flags: about 2% faults, 3% client errors, 1% throttles. */
function outcome(random: () => number): { status: number; flags: Record<string, boolean> } {
  const roll = random();
  if (roll < 0.02) return { status: 500, flags: { fault: true } };
  if (roll < 0.05) return { status: 404, flags: { error: true } };
  if (roll < 0.06) return { status: 429, flags: { error: true, throttle: true } };
  return { status: 200, flags: {} };
}

/**
 * The segment documents of one trace starting at `start` (epoch seconds); `idEpoch` is the time in
 * its trace ID (the benchmark uses the wall clock, as live traffic would). `random` is uniform in [0, 1).
 */
export function shapedTrace(start: number, idEpoch: number, random: () => number): Record<string, unknown>[] {
  const traceId = `1-${Math.floor(idEpoch).toString(16).padStart(8, '0')}-${hex(12)}`;
  const target = 5 + Math.floor(random() * 26);
  const documents: Record<string, unknown>[] = [];
  // Breadth-first over the fixed call structure until `target` services have a segment.
  const queue: { spec: number; parentId: string | undefined; start: number; budget: number }[] = [
    { spec: Math.floor(random() * (LAYERS[0] ?? 1)), parentId: undefined, start, budget: 2 },
  ];
  while (queue.length > 0 && documents.length < target) {
    const visit = queue.shift() as (typeof queue)[number];
    const spec = SYSTEM[visit.spec] as ServiceSpec;
    const duration = visit.budget * (0.3 + random() * 0.7);
    const id = hex(8);
    const { status, flags } = outcome(random);
    const subsegments: Record<string, unknown>[] = [];
    let offset = 0.001;
    const slots = spec.callees.length + spec.downstream.length;
    for (const callee of spec.callees) {
      if (documents.length + queue.length + 1 >= target && random() < 0.7) continue;
      const callId = hex(8);
      const callStart = visit.start + offset;
      const callBudget = duration / (slots + 1);
      const next = SYSTEM[callee] as ServiceSpec;
      subsegments.push({
        id: callId,
        name: next.name,
        namespace: 'remote',
        start_time: callStart,
        end_time: callStart + callBudget,
        traced: true,
        http: { request: { method: 'GET', url: `http://${next.name}.internal/api` }, response: { status: 200 } },
      });
      queue.push({ spec: callee, parentId: callId, start: callStart + 0.0005, budget: callBudget * 0.95 });
      offset += callBudget;
    }
    for (const index of spec.downstream) {
      if (random() < 0.4) continue;
      const template = DOWNSTREAM[index] as Record<string, unknown>;
      const length = duration / (slots + 2);
      subsegments.push({
        id: hex(8),
        ...template,
        start_time: visit.start + offset,
        end_time: visit.start + offset + length,
        http: { response: { status: 200 } },
      });
      offset += length;
    }
    documents.push({
      trace_id: traceId,
      id,
      ...(visit.parentId === undefined ? {} : { parent_id: visit.parentId }),
      name: spec.name,
      origin: spec.origin,
      start_time: visit.start,
      end_time: visit.start + duration,
      ...flags,
      service: { runtime: 'node', runtime_version: 'v20.20.2', version: '1.4.2' },
      aws: { xray: { sdk: 'X-Ray for Node.js', sdk_version: '3.12.0', package: 'aws-xray-sdk-core' } },
      http: {
        request: {
          method: 'GET',
          url: `http://${spec.name}.internal/api/items/${Math.floor(random() * 100)}`,
          client_ip: '10.0.0.7',
          user_agent: 'bench/1.0',
        },
        response: { status, content_length: 512 },
      },
      annotations: { customer: `customer-${Math.floor(random() * 20)}`, tier: random() < 0.3 ? 'gold' : 'silver' },
      metadata: { default: { request_id: hex(8) } },
      subsegments,
    });
  }
  return documents;
}

/** Nodes the system can show: services, their clients (entry points) and the inferred resources. */
export const SYSTEM_SIZE = { services: SYSTEM.length, resources: DOWNSTREAM.length } as const;
