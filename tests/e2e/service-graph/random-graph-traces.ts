/**
 * Random traces for the service-graph differential test: trees of services spread over several
 * minutes, with AWS and remote calls (some answered by a downstream service, some by a Lambda
 * service/function pair), local work, faults, errors, throttles and HTTP statuses, in-progress
 * versions later replaced by complete ones, and subsegments sent on their own. Deterministic per seed.
 */
import type { SegmentDocument } from '@roentgen/model';

/** mulberry32: small, seeded, uniform in [0, 1). */
export class SeededRandom {
  #state: number;
  constructor(seed: number) {
    this.#state = seed | 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.#state ^ (this.#state >>> 15), 1 | this.#state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

type Entity = Record<string, unknown> & { id: string; subsegments?: Entity[] };

const SERVICES = [
  { name: 'web' },
  { name: 'cart', origin: 'AWS::ECS::Container' },
  { name: 'billing', origin: 'AWS::EC2::Instance', aws: { account_id: '111122223333' } },
  { name: 'search', origin: 'AWS::EC2::Instance' },
];
const CALLS = [
  { name: 'DynamoDB', namespace: 'aws', aws: { operation: 'Query', table_name: 'carts' } },
  { name: 'S3', namespace: 'aws', aws: { operation: 'GetObject' } },
  { name: 'Lambda', namespace: 'aws', aws: { operation: 'Invoke', function_name: 'resize' } },
  { name: 'api.partner.example', namespace: 'remote' },
  { name: 'internal-rpc', namespace: 'remote' },
  { name: 'compute' },
];
const STATUSES = [200, 200, 200, 201, 404, 429, 500, 503];

class TraceBuilder {
  readonly documents: SegmentDocument[] = [];
  #ids = 0;
  constructor(
    readonly random: SeededRandom,
    readonly traceId: string,
    readonly prefix: string,
  ) {}

  id(): string {
    this.#ids += 1;
    return this.prefix + this.#ids.toString(16).padStart(8, '0');
  }

  /** Times, flags and status of one entity; a few stay in progress. */
  timing(start: number): Record<string, unknown> {
    const status = this.random.pick(STATUSES);
    const flags =
      status >= 500
        ? { fault: true }
        : status === 429
          ? { error: true, throttle: true }
          : status >= 400
            ? { error: true }
            : {};
    const base = { start_time: start, http: { response: { status } }, ...flags };
    if (this.random.chance(0.05)) return { ...base, in_progress: true };
    return { ...base, end_time: Math.round(start * 1000 + 1 + this.random.int(3000)) / 1000 };
  }

  service(parentId: string | undefined, start: number, depth: number, template = this.random.pick(SERVICES)): void {
    const segment: Entity = {
      id: this.id(),
      trace_id: this.traceId,
      ...structuredClone(template),
      ...this.timing(start),
    };
    if (parentId !== undefined) segment['parent_id'] = parentId;
    const calls = depth < 3 ? this.random.int(4) : 0;
    if (calls > 0)
      segment.subsegments = Array.from({ length: calls }, (_, i) => this.call(start + 0.001 * (i + 1), depth));
    this.emit(segment);
  }

  call(start: number, depth: number): Entity {
    const template = this.random.pick(CALLS);
    const call: Entity = { id: this.id(), ...structuredClone(template), ...this.timing(start) };
    if (template.namespace === undefined && depth < 3) call.subsegments = [this.call(start + 0.001, depth + 1)];
    else if (template.name === 'Lambda' && this.random.chance(0.6)) this.lambda(call.id, start + 0.002, depth + 1);
    else if (template.namespace === 'remote' && this.random.chance(0.5))
      this.service(call.id, start + 0.002, depth + 1);
    return call;
  }

  lambda(parentId: string, start: number, depth: number): void {
    const service: Entity = {
      id: this.id(),
      trace_id: this.traceId,
      parent_id: parentId,
      name: 'resize',
      origin: 'AWS::Lambda',
      ...this.timing(start),
    };
    this.emit(service);
    this.service(service.id, start + 0.001, depth, { name: 'resize', origin: 'AWS::Lambda::Function' });
  }

  /** Sends a segment, sometimes first in progress, and some of its subsegments on their own. */
  emit(segment: Entity): void {
    if (segment['in_progress'] !== true && this.random.chance(0.2)) {
      const { end_time: _end, subsegments: _subsegments, ...pending } = segment;
      this.documents.push({ ...pending, in_progress: true } as unknown as SegmentDocument);
    }
    this.detach(segment);
    this.documents.push(segment as unknown as SegmentDocument);
  }

  detach(parent: Entity): void {
    const kept: Entity[] = [];
    for (const child of parent.subsegments ?? []) {
      this.detach(child);
      if (this.random.chance(0.25)) {
        this.documents.push({
          ...child,
          type: 'subsegment',
          trace_id: this.traceId,
          parent_id: parent.id,
        } as unknown as SegmentDocument);
      } else kept.push(child);
    }
    if (parent.subsegments !== undefined) parent.subsegments = kept;
  }
}

/**
 * The documents of trace `index`, starting somewhere in `[from, from + spreadSeconds)`, in the
 * order they are sent (an in-progress version always before its complete one).
 */
export function randomGraphTrace(
  random: SeededRandom,
  index: number,
  from: number,
  spreadSeconds: number,
): SegmentDocument[] {
  const start = Math.round((from + random.next() * spreadSeconds) * 1000) / 1000;
  const traceId = `1-${Math.floor(start).toString(16)}-${index.toString(16).padStart(24, '0')}`;
  const builder = new TraceBuilder(random, traceId, index.toString(16).padStart(8, '0'));
  builder.service(undefined, start, 0);
  return builder.documents;
}
