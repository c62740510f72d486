/**
 * Random traces for property tests: service trees with local, AWS and remote calls, answered calls,
 * the Lambda two-segment pattern, faults, errors, throttles, in-progress documents (some replaced by a
 * complete version later), independent subsegments, orphans and dangling parents. Deterministic for
 * a seed, so fast-check can replay a failure.
 */
import type { IndependentSubsegment, Segment, SegmentDocument, Subsegment } from '@roentgen/model';

/** A small seeded generator (mulberry32); `next()` is uniform in [0, 1). */
class Random {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

const SERVICES: readonly Pick<Segment, 'name' | 'origin' | 'aws'>[] = [
  { name: 'front' },
  { name: 'orders', origin: 'AWS::EC2::Instance' },
  { name: 'users', origin: 'AWS::ECS::Container', aws: { account_id: '111122223333' } },
  { name: 'billing', origin: 'AWS::EC2::Instance' },
];

const CALLS: readonly Pick<Subsegment, 'name' | 'namespace' | 'aws' | 'sql'>[] = [
  { name: 'DynamoDB', namespace: 'aws', aws: { operation: 'GetItem', table_name: 'orders' } },
  { name: 'dynamodb', namespace: 'aws', aws: { operation: 'PutItem', table_name: 'orders' } },
  { name: 'SNS', namespace: 'aws', aws: { operation: 'Publish' } },
  { name: 'api.example.com', namespace: 'remote' },
  { name: 'db@pg', namespace: 'remote', sql: { url: 'postgres://pg/db' } },
  { name: 'work' },
];

interface Context {
  readonly random: Random;
  readonly traceId: string;
  readonly prefix: string;
  counter: number;
  readonly documents: SegmentDocument[];
}

function nextId(context: Context): string {
  context.counter += 1;
  return context.prefix + context.counter.toString(16).padStart(12, '0');
}

/** Times and flags of one entity, starting at `start` (epoch seconds, millisecond precision). */
function timing(
  context: Context,
  start: number,
): Pick<Segment, 'start_time' | 'end_time' | 'in_progress' | 'fault' | 'error' | 'throttle'> {
  const { random } = context;
  const end = Math.round(start * 1000 + 1 + random.int(4000)) / 1000;
  const flags: Pick<Segment, 'fault' | 'error' | 'throttle'> = {};
  const roll = random.int(10);
  if (roll === 0) flags.fault = true;
  if (roll === 1) flags.error = true;
  if (roll === 2) Object.assign(flags, { error: true, throttle: true });
  if (roll === 3) Object.assign(flags, { error: true, fault: true });
  if (random.chance(0.08)) return { start_time: start, in_progress: true, ...flags };
  return { start_time: start, end_time: end, ...flags };
}

/** A call subsegment, possibly answered by a downstream service and possibly holding nested calls. */
function call(context: Context, start: number, depth: number): Subsegment {
  const { random } = context;
  const template = random.pick(CALLS);
  const subsegment: Subsegment = { id: nextId(context), ...structuredClone(template), ...timing(context, start) };
  if (template.namespace === undefined && depth < 3) {
    subsegment.subsegments = [call(context, start + 0.001, depth + 1)];
  } else if (template.namespace === 'remote' && template.sql === undefined && depth < 3 && random.chance(0.5)) {
    service(context, subsegment.id, start + 0.002, depth + 1);
  } else if (template.namespace === 'aws' && depth < 3 && random.chance(0.15)) {
    lambdaPair(context, subsegment.id, start + 0.002, depth + 1);
  }
  return subsegment;
}

/** Sends some subsegments on their own (§2.3), a few with a parent that never arrives. */
function detachSome(context: Context, parent: Segment | Subsegment): void {
  const kept: Subsegment[] = [];
  for (const child of parent.subsegments ?? []) {
    detachSome(context, child);
    if (!context.random.chance(0.3)) {
      kept.push(child);
      continue;
    }
    const parentId = context.random.chance(0.1) ? nextId(context) : parent.id;
    const detached: IndependentSubsegment = {
      ...child,
      type: 'subsegment',
      trace_id: context.traceId,
      parent_id: parentId,
    };
    context.documents.push(detached);
  }
  if (parent.subsegments !== undefined) parent.subsegments = kept;
}

/** Pushes a segment, sometimes preceded by its in-progress version. */
function emit(context: Context, segment: Segment): void {
  if (segment.in_progress !== true && context.random.chance(0.2)) {
    const { end_time: _end, subsegments: _subsegments, ...pending } = segment;
    context.documents.push({ ...pending, in_progress: true });
  }
  detachSome(context, segment);
  context.documents.push(segment);
}

function service(context: Context, parentId: string | undefined, start: number, depth: number): void {
  const { random } = context;
  const segment: Segment = {
    id: nextId(context),
    trace_id: context.traceId,
    ...structuredClone(random.pick(SERVICES)),
    ...timing(context, start),
  };
  if (parentId !== undefined) segment.parent_id = parentId;
  const calls = random.int(4);
  if (calls > 0)
    segment.subsegments = Array.from({ length: calls }, (_, i) => call(context, start + 0.001 * (i + 1), depth));
  emit(context, segment);
}

/** The AWS::Lambda service segment and its AWS::Lambda::Function child (§6.5). */
function lambdaPair(context: Context, parentId: string, start: number, depth: number): void {
  const lambda: Segment = {
    id: nextId(context),
    trace_id: context.traceId,
    parent_id: parentId,
    name: 'fn',
    origin: 'AWS::Lambda',
    ...timing(context, start),
  };
  const fn: Segment = {
    id: nextId(context),
    trace_id: context.traceId,
    parent_id: lambda.id,
    name: 'fn',
    origin: 'AWS::Lambda::Function',
    ...timing(context, start + 0.001),
  };
  fn.subsegments = [call(context, start + 0.002, depth)];
  emit(context, lambda);
  emit(context, fn);
}

/**
 * The documents of one random trace starting at `start` (epoch seconds). `index` makes ids unique
 * across traces (so all traces' documents may also be assembled together). Order is shuffled.
 */
export function randomTraceDocuments(seed: number, index: number, start: number): SegmentDocument[] {
  const random = new Random(seed);
  const prefix = (index & 0xffff).toString(16).padStart(4, '0');
  const traceId = `1-${Math.floor(start).toString(16).padStart(8, '0')}-${prefix.padStart(24, '0')}`;
  const context: Context = { random, traceId, prefix, counter: 0, documents: [] };
  service(context, random.chance(0.15) ? nextId(context) : undefined, start, 0);
  for (let i = context.documents.length - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    [context.documents[i], context.documents[j]] = [
      context.documents[j] as SegmentDocument,
      context.documents[i] as SegmentDocument,
    ];
  }
  return context.documents;
}
