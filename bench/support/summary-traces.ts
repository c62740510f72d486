/**
 * Deterministic realistic traces for the GetTraceSummaries benchmark: each trace enters one of five
 * front services and fans out through a call tree over 30 services (5–30 per trace with the
 * inferred database nodes), one segment document per service call, each with a calling subsegment
 * per child and a database subsegment. About 2 % of traces fault deep in the tree (the fault
 * propagates to the callers as 5XX), 1 % are throttled, 6 % have a slow leaf (1–3 s) that makes its
 * callers slow; annotations `customer` (1 of 500), `tier`, and a user on a tenth of the traces.
 */
import type { SegmentDocument } from '@roentgen/model';
import type { DocumentRecord } from '@roentgen/storage';
import { toRecord } from '@roentgen/query/testing';

/** Service names; the first five are entry points. */
export const BENCH_SERVICES: readonly string[] = Array.from({ length: 30 }, (_, i) =>
  i < 5 ? `front-${i}` : `svc-${String(i).padStart(2, '0')}`,
);

/** A small deterministic generator (mulberry32), so that every run builds the same data set. */
class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

interface Call {
  readonly service: string;
  readonly children: Call[];
  fault: boolean;
  throttle: boolean;
  ownSeconds: number;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0').slice(-width);
}

/**
 * The documents of trace number `index` of a data set that spreads `count` traces evenly over
 * `[startEpoch, startEpoch + spanSeconds)`. Same arguments, same documents.
 */
export function benchTraceDocuments(
  index: number,
  count: number,
  startEpoch: number,
  spanSeconds: number,
): DocumentRecord[] {
  const random = new Random(index * 2654435761 + 1);
  const start = startEpoch + (index * spanSeconds) / count;
  const traceId = `1-${hex(Math.floor(start), 8)}-${hex(index, 24)}`;
  const root = callTree(random);
  const roll = random.next();
  const leaf = deepestLeaf(root, random);
  if (roll < 0.02) leaf.fault = true;
  else if (roll < 0.03) leaf.throttle = true;
  else if (roll < 0.09) leaf.ownSeconds += 1 + random.next() * 2;
  const annotations = { customer: `customer-${random.int(500)}`, tier: random.next() < 0.2 ? 'gold' : 'silver' };
  const user = random.next() < 0.1 ? `user-${random.int(1000)}` : undefined;
  const documents: SegmentDocument[] = [];
  let segmentNumber = 0;
  const emit = (call: Call, begin: number, parentId: string | undefined): { end: number; status: number } => {
    const id = hex(index * 64 + segmentNumber++, 16);
    const subsegments: NonNullable<SegmentDocument['subsegments']> = [];
    let cursor = begin + 0.001;
    let faulted = call.fault;
    for (const child of call.children) {
      const callId = hex(index * 64 + segmentNumber++, 16);
      const result = emit(child, cursor + 0.0005, callId);
      faulted ||= result.status >= 500;
      subsegments.push({
        id: callId,
        name: child.service,
        namespace: 'remote',
        start_time: cursor,
        end_time: result.end + 0.0005,
        http: { request: { method: 'GET', url: `http://${child.service}/api` }, response: { status: result.status } },
        ...(result.status >= 500 ? { fault: true } : result.status === 429 ? { throttle: true, error: true } : {}),
      });
      cursor = result.end + 0.001;
    }
    const dbEnd = cursor + 0.002 + call.ownSeconds;
    subsegments.push({
      id: hex(index * 64 + segmentNumber++, 16),
      name: `${call.service}-db`,
      namespace: 'remote',
      start_time: cursor,
      end_time: dbEnd,
    });
    const end = dbEnd + 0.001;
    const status = faulted ? 500 : call.throttle ? 429 : 200;
    documents.push({
      trace_id: traceId,
      id,
      ...(parentId === undefined ? {} : { parent_id: parentId }),
      name: call.service,
      origin: 'AWS::EC2::Instance',
      start_time: begin,
      end_time: end,
      http: {
        request: { method: 'GET', url: `https://${call.service}.example.com/api`, client_ip: '10.0.0.7' },
        response: { status },
      },
      ...(faulted ? { fault: true } : {}),
      ...(call.throttle ? { throttle: true, error: true } : {}),
      ...(parentId === undefined ? { annotations, ...(user ? { user } : {}) } : {}),
      subsegments,
    });
    return { end, status };
  };
  emit(root, start, undefined);
  return documents.map((d) => toRecord(d, start + 5));
}

// A tree of 2–15 service calls under one of the five entry services.
function callTree(random: Random): Call {
  const size = 2 + random.int(14);
  const root: Call = {
    service: BENCH_SERVICES[random.int(5)] ?? 'front-0',
    children: [],
    fault: false,
    throttle: false,
    ownSeconds: random.next() * 0.02,
  };
  const all = [root];
  for (let i = 1; i < size; i++) {
    const parent = all[random.int(all.length)] ?? root;
    const call: Call = {
      service: BENCH_SERVICES[5 + random.int(25)] ?? 'svc-05',
      children: [],
      fault: false,
      throttle: false,
      ownSeconds: random.next() * 0.05,
    };
    parent.children.push(call);
    all.push(call);
  }
  return root;
}

function deepestLeaf(call: Call, random: Random): Call {
  const child = call.children[random.int(Math.max(1, call.children.length))];
  return child === undefined ? call : deepestLeaf(child, random);
}
