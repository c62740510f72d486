/**
 * What the graph-route tests share: a small shop trace (front → orders → a DynamoDB table), a store
 * fed through the real trace assembler, and calls straight into the route handlers (no sockets).
 */
import assert from 'node:assert/strict';
import type { SegmentDocument } from '@roentgen/model';
import { GroupRegistry, TraceAssembler } from '@roentgen/query';
import { toRecord } from '@roentgen/query/testing';
import type { XRayService } from '@roentgen/service-map';
import { InMemoryTraceStore } from '@roentgen/storage';
import { ApiError } from '../errors/api-error.ts';
import type { Route } from '../http/api-types.ts';
import { replyText } from '../http/json-action.ts';
import { graphRoutes } from './graph-routes.ts';

/** A minute boundary, so windows in these tests are already aligned. */
export const BASE = 1_800_000_000 - (1_800_000_000 % 60);

/** front (root, EC2) → orders (remote call answered by its own segment) → DynamoDB table (inferred). */
export function shopTrace(n: number, start: number, options: { fault?: boolean } = {}): SegmentDocument[] {
  const traceId = `1-${Math.floor(start).toString(16)}-${n.toString(16).padStart(24, '0')}`;
  const hex = (k: number): string => (n * 16 + k).toString(16).padStart(16, '0');
  const status = options.fault ? 500 : 200;
  const front: SegmentDocument = {
    trace_id: traceId,
    id: hex(1),
    name: 'front',
    origin: 'AWS::EC2::Instance',
    start_time: start,
    end_time: start + 0.3,
    http: { request: { method: 'GET', url: 'http://front/cart' }, response: { status } },
    ...(options.fault ? { fault: true } : {}),
    subsegments: [
      {
        id: hex(2),
        name: 'orders',
        namespace: 'remote',
        start_time: start + 0.01,
        end_time: start + 0.25,
        http: { request: { method: 'GET', url: 'http://orders/list' }, response: { status } },
        ...(options.fault ? { fault: true } : {}),
      },
    ],
  };
  const orders: SegmentDocument = {
    trace_id: traceId,
    id: hex(3),
    parent_id: hex(2),
    name: 'orders',
    start_time: start + 0.02,
    end_time: start + 0.2,
    http: { response: { status } },
    ...(options.fault ? { fault: true } : {}),
    subsegments: [
      {
        id: hex(4),
        name: 'DynamoDB',
        namespace: 'aws',
        start_time: start + 0.05,
        end_time: start + 0.1,
        aws: { operation: 'Query', table_name: 'orders-table' },
        http: { response: { status: 200 } },
      },
    ],
  };
  return [front, orders];
}

/** A store holding `traces`, their summaries and graph statistics, and `call` into the graph routes. */
export async function setUp(traces: SegmentDocument[][], options: { maxGroupTraces?: number } = {}) {
  const store = new InMemoryTraceStore();
  await store.open();
  const assembler = new TraceAssembler({ store });
  for (const documents of traces) {
    const records = documents.map((d) => toRecord(d, d.start_time + 1));
    await store.appendDocuments(records);
    assembler.accept(records);
  }
  await assembler.flush();
  const groups = new GroupRegistry(store);
  const routes = graphRoutes({ store, groups, ...options });
  return {
    store,
    groups,
    call: <T = Record<string, unknown>>(path: string, input: object) => callRoute<T>(routes, path, input),
  };
}

async function callRoute<T>(routes: Route[], path: string, input: object): Promise<T> {
  const route = routes.find((r) => r.path === path);
  assert.ok(route, `a route for ${path}`);
  const reply = await route.handler({
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: {},
    body: new TextEncoder().encode(JSON.stringify(input)),
    requestId: 'test',
  });
  assert.equal(reply.status, 200);
  return JSON.parse(replyText(reply.body)) as T;
}

/** Asserts that `promise` fails with an X-Ray error of `code` whose message matches `pattern`. */
export async function refused(
  promise: Promise<unknown>,
  pattern: RegExp,
  code = 'InvalidRequestException',
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

/** The GetServiceGraph answer, as the tests read it. */
export type Graph = { StartTime: number; EndTime: number; Services: XRayService[]; ContainsOldGroupVersions: boolean };

/** The node named `name` (of `type` when given); fails the test when there is none. */
export const byName = (services: XRayService[], name: string, type?: string): XRayService => {
  const found = services.find((s) => s.Name === name && (type === undefined || s.Type === type));
  assert.ok(found, `a node ${name} ${type ?? ''} among ${services.map((s) => `${s.Name}/${s.Type}`).join(', ')}`);
  return found;
};
