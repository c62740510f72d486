/**
 * Random traces and random filter expressions for differential tests: a small world of services,
 * annotation values (hostile strings among them) and users, so that generated expressions match
 * some traces and miss others. Deterministic for a seed.
 */
import type { Segment, Subsegment } from '@roentgen/model';
import type { DocumentRecord } from '@roentgen/storage';
import { at, toRecord, traceIdFor } from './trace-builders.ts';

/** A seeded generator (mulberry32), uniform in [0, 1). */
export class Random {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** Strings that have broken query engines: quotes, backslashes, SQL, wildcards, NUL, astral characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  "o'brien",
  '"; DROP TABLE trace_summaries; --',
  "'; DROP TABLE trace_summaries; --",
  'back\\slash',
  '100%_done',
  'nul\u0000byte',
  'ünïcødé',
  '😀 emoji',
  '\uffff',
  '',
];

export const SERVICES = ['front', 'orders', 'users', 'billing'] as const;
export const STRINGS = ['acme', 'globex', ...HOSTILE_STRINGS] as const;
export const USERS = ['alice', 'bob', "o'brien"] as const;
const URLS = ['https://shop/cart', 'https://shop/pay?x=1', 'https://api/orders'];
const STATUSES = [200, 201, 404, 429, 500, 503];

/** The documents of `count` random traces inside one minute after `T0`. */
export function randomTraces(seed: number, count: number): DocumentRecord[][] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, n) => randomTrace(random, n));
}

function randomTrace(random: Random, n: number): DocumentRecord[] {
  const traceId = traceIdFor(n + 1, random.int(60));
  const start = random.int(50_000);
  let ids = 0;
  const nextId = (): string => (n + 1).toString(16).padStart(8, '0') + (++ids).toString(16).padStart(8, '0');
  const segments: Segment[] = [];
  const makeSegment = (name: string, parentId: string | undefined, from: number, depth: number): void => {
    const length = 10 + random.int(3000);
    const status = random.pick(STATUSES);
    const segment: Segment = {
      id: nextId(),
      trace_id: traceId,
      name,
      start_time: at(from),
      ...(random.chance(0.1) ? { in_progress: true } : { end_time: at(from + length) }),
      http: { request: { method: random.pick(['GET', 'POST']), url: random.pick(URLS) }, response: { status } },
      ...(status >= 500 || random.chance(0.05) ? { fault: true } : {}),
      ...(status >= 400 && status < 500 ? { error: true } : {}),
      ...(status === 429 ? { throttle: true } : {}),
      ...(random.chance(0.5) ? { user: random.pick(USERS) } : {}),
      annotations: randomAnnotations(random),
    };
    if (parentId !== undefined) segment.parent_id = parentId;
    segments.push(segment);
    const calls: Subsegment[] = [];
    for (let i = random.int(3); i > 0; i--) {
      const call: Subsegment = {
        id: nextId(),
        name: random.pick(['DynamoDB', 'api.example.com', 'work']),
        start_time: at(from + 1),
        end_time: at(from + 1 + random.int(length)),
        ...(random.chance(0.2) ? { fault: true } : {}),
      };
      if (call.name === 'DynamoDB') Object.assign(call, { namespace: 'aws', aws: { table_name: 'carts' } });
      if (call.name === 'api.example.com') call.namespace = 'remote';
      calls.push(call);
      if (depth < 2 && random.chance(0.4)) {
        const downstream: Subsegment = {
          id: nextId(),
          name: 'call',
          namespace: 'remote',
          start_time: at(from + 2),
          end_time: at(from + 2 + random.int(length)),
        };
        calls.push(downstream);
        makeSegment(random.pick(SERVICES), downstream.id, from + 3, depth + 1);
      }
    }
    segment.subsegments = calls;
  };
  makeSegment(random.pick(SERVICES), random.chance(0.05) ? 'ffffffffffffffff' : undefined, start, 0);
  return segments.map((segment) => toRecord(segment));
}

function randomAnnotations(random: Random): Record<string, string | number | boolean> {
  const annotations: Record<string, string | number | boolean> = {};
  if (random.chance(0.6)) annotations['customer'] = random.pick(STRINGS);
  if (random.chance(0.4)) annotations['tier'] = random.int(4);
  if (random.chance(0.3)) annotations['vip'] = random.chance(0.5);
  return annotations;
}
