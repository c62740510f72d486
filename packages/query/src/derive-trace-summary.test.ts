import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Segment } from '@roentgen/model';
import { deriveTraceSummary } from './derive-trace-summary.ts';
import { at, toRecord, traceIdFor } from './testing/trace-builders.ts';

const traceId = traceIdFor(1);

/** front → (call "orders") → orders → DynamoDB call; overrides apply to the orders segment. */
function shopTrace(orders: Partial<Segment> = {}, frontOverrides: Partial<Segment> = {}): Segment[] {
  const front: Segment = {
    id: 'f000000000000001',
    trace_id: traceId,
    name: 'front',
    origin: 'AWS::EC2::Instance',
    start_time: at(0),
    end_time: at(1000),
    user: 'alice',
    annotations: { customer: 'acme', tier: 2 },
    http: { request: { method: 'GET', url: 'https://shop/cart' }, response: { status: 200 } },
    subsegments: [
      { id: 'f000000000000002', name: 'orders', namespace: 'remote', start_time: at(100), end_time: at(900) },
    ],
    ...frontOverrides,
  };
  const ordersSegment: Segment = {
    id: 'a000000000000001',
    trace_id: traceId,
    parent_id: 'f000000000000002',
    name: 'orders',
    start_time: at(120),
    end_time: at(880),
    annotations: { customer: 'acme' },
    subsegments: [
      {
        id: 'a000000000000002',
        name: 'DynamoDB',
        namespace: 'aws',
        aws: { operation: 'GetItem', table_name: 'carts' },
        start_time: at(150),
        end_time: at(850),
      },
    ],
    ...orders,
  };
  return [front, ordersSegment];
}

test('every field of a healthy trace: times, http, annotations with their services, users, nodes', () => {
  const { summary, record, facts } = deriveTraceSummary(shopTrace().map((d) => toRecord(d)));
  assert.equal(summary.Id, traceId);
  assert.equal(summary.StartTime, at(0));
  assert.equal(summary.Duration, 1);
  assert.equal(summary.ResponseTime, 1);
  assert.deepEqual(
    [summary.HasFault, summary.HasError, summary.HasThrottle, summary.IsPartial],
    [false, false, false, false],
  );
  assert.deepEqual(summary.Http, { HttpURL: 'https://shop/cart', HttpStatus: 200, HttpMethod: 'GET' });
  assert.deepEqual(summary.EntryPoint, { Name: 'front', Names: ['front'], Type: 'AWS::EC2::Instance' });
  assert.deepEqual(
    summary.ServiceIds.map((s) => [s.Name, s.Type]),
    [
      ['front', 'AWS::EC2::Instance'],
      ['orders', undefined],
      ['carts', 'AWS::DynamoDB::Table'],
    ],
  );
  assert.deepEqual(summary.Annotations['customer']?.[0]?.AnnotationValue, { StringValue: 'acme' });
  assert.deepEqual(
    summary.Annotations['customer']?.[0]?.ServiceIds.map((s) => s.Name),
    ['front', 'orders'],
  );
  assert.deepEqual(summary.Annotations['tier'], [
    {
      AnnotationValue: { NumberValue: 2 },
      ServiceIds: [{ Name: 'front', Names: ['front'], Type: 'AWS::EC2::Instance' }],
    },
  ]);
  assert.deepEqual(
    summary.Users.map((u) => u.UserName),
    ['alice'],
  );
  assert.deepEqual(summary.FaultRootCauses, []);
  assert.equal(summary.Revision, 2);
  assert.deepEqual(record.services, ['front', 'orders', 'carts']);
  assert.equal(record.rootService, 'front');
  assert.equal(facts.edges?.length, 2);
});

test('a fault in a nested downstream service is the root cause, with its entity path and exception', () => {
  const documents = shopTrace(
    {
      fault: true,
      http: { response: { status: 500 } },
      subsegments: [
        {
          id: 'a000000000000002',
          name: 'DynamoDB',
          namespace: 'aws',
          aws: { operation: 'GetItem', table_name: 'carts' },
          start_time: at(150),
          end_time: at(850),
          fault: true,
          cause: { exceptions: [{ id: 'e000000000000001', type: 'InternalServerError', message: 'boom' }] },
        },
      ],
    },
    {
      fault: true,
      http: { response: { status: 502 } },
      subsegments: [
        {
          id: 'f000000000000002',
          name: 'orders',
          namespace: 'remote',
          start_time: at(100),
          end_time: at(900),
          fault: true,
        },
      ],
    },
  );
  const { summary } = deriveTraceSummary(documents.map((d) => toRecord(d)));
  assert.equal(summary.HasFault, true);
  assert.equal(summary.FaultRootCauses.length, 1);
  const cause = summary.FaultRootCauses[0];
  assert.equal(cause?.ClientImpacting, true);
  assert.deepEqual(
    cause?.Services.map((s) => [s.Name, s.Inferred]),
    [
      ['front', false],
      ['orders', false],
      ['carts', true],
    ],
  );
  assert.deepEqual(
    cause?.Services[0]?.EntityPath.map((e) => [e.Name, e.Remote]),
    [
      ['front', false],
      ['orders', true],
    ],
  );
  assert.deepEqual(cause?.Services[2]?.EntityPath[0]?.Exceptions, [{ Name: 'InternalServerError', Message: 'boom' }]);
  assert.deepEqual(summary.ErrorRootCauses, []);
});

test('a handled downstream fault is a root cause that is not client impacting', () => {
  const { summary } = deriveTraceSummary(shopTrace({ fault: true }).map((d) => toRecord(d)));
  assert.equal(summary.HasFault, false);
  assert.equal(summary.FaultRootCauses[0]?.ClientImpacting, false);
  assert.equal(summary.FaultRootCauses[0]?.Services.at(-1)?.Name, 'orders');
});

test('a 429 from a downstream call throttles the trace and is an error root cause', () => {
  const documents = shopTrace({
    subsegments: [
      {
        id: 'a000000000000002',
        name: 'DynamoDB',
        namespace: 'aws',
        aws: { table_name: 'carts' },
        start_time: at(150),
        end_time: at(850),
        http: { response: { status: 429 } },
      },
    ],
  });
  const { summary, record } = deriveTraceSummary(documents.map((d) => toRecord(d)));
  assert.equal(summary.HasThrottle, true);
  assert.equal(summary.HasError, false, 'the root segment itself answered 200');
  assert.equal(record.hasThrottle, true);
  assert.equal(summary.ErrorRootCauses[0]?.Services.at(-1)?.Type, 'AWS::DynamoDB::Table');
});

test('the response-time root cause follows the slowest path while it covers half the time', () => {
  const { summary } = deriveTraceSummary(shopTrace().map((d) => toRecord(d)));
  const [cause] = summary.ResponseTimeRootCauses;
  assert.deepEqual(
    cause?.Services.map((s) => [s.Name, s.EntityPath.map((e) => [e.Name, e.Coverage])]),
    [
      [
        'front',
        [
          ['front', 1],
          ['orders', 0.8],
        ],
      ],
      [
        'orders',
        [
          ['orders', 0.76],
          ['DynamoDB', 0.7],
        ],
      ],
      ['carts', [['DynamoDB', 0.7]]],
    ],
  );
});

test('an in-progress root makes the trace partial and leaves ResponseTime out', () => {
  const [front, orders] = shopTrace();
  const open = { ...front!, end_time: undefined, in_progress: true, subsegments: [] } as Segment;
  const { summary, facts, record } = deriveTraceSummary([toRecord(open), toRecord(orders!)]);
  assert.equal(summary.IsPartial, true);
  assert.equal('ResponseTime' in summary, false);
  assert.equal(facts.responseTime, undefined);
  assert.equal(record.responseTime, 0);
  assert.equal(record.isPartial, true);
});
