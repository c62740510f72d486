import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSegment, makeSubsegment } from '@roentgen/model/testing';
import { assembleTrace } from './assemble-trace.ts';
import { buildTraceGraph, nodeKeyId } from './trace-graph.ts';
import type { TraceGraph } from './trace-graph.ts';
import { lambdaTraceDocuments } from './testing/lambda-trace.ts';

/** `name|type` of every node, sorted. */
function nodeNames(graph: TraceGraph): string[] {
  return graph.nodes.map((node) => `${node.key.name}|${node.key.type ?? '-'}`).sort();
}

/** `source -> target: outcomes` of every edge, sorted. */
function edgeLines(graph: TraceGraph): string[] {
  return graph.edges
    .map((edge) => {
      const outcomes = edge.records.map((r) => `${r.outcome}@${Math.round(r.responseTime * 1000)}ms`).join(',');
      return `${edge.source.name}|${edge.source.type ?? '-'} -> ${edge.target.name}|${edge.target.type ?? '-'}: ${outcomes}`;
    })
    .sort();
}

test('a Lambda behind API Gateway calling DynamoDB and an HTTP API gives the documented nodes and edges', () => {
  const graph = buildTraceGraph(assembleTrace(lambdaTraceDocuments()));
  assert.deepEqual(nodeNames(graph), [
    'api.example.com|remote',
    'orders-api/prod|AWS::ApiGateway::Stage',
    'orders-api/prod|client',
    'orders-fn|AWS::Lambda',
    'orders-fn|AWS::Lambda::Function',
    'orders|AWS::DynamoDB::Table',
  ]);
  assert.deepEqual(edgeLines(graph), [
    'orders-api/prod|AWS::ApiGateway::Stage -> orders-fn|AWS::Lambda: ok@480ms',
    'orders-api/prod|client -> orders-api/prod|AWS::ApiGateway::Stage: ok@500ms',
    'orders-fn|AWS::Lambda -> orders-fn|AWS::Lambda::Function: ok@370ms',
    'orders-fn|AWS::Lambda::Function -> api.example.com|remote: fault@310ms',
    'orders-fn|AWS::Lambda::Function -> orders|AWS::DynamoDB::Table: ok@20ms',
  ]);
  const roots = graph.nodes.filter((node) => node.root).map((node) => nodeKeyId(node.key));
  assert.deepEqual(roots, [
    nodeKeyId({ name: 'orders-api/prod', type: 'AWS::ApiGateway::Stage', accountId: undefined }),
  ]);
});

test('node statistics come from the node’s own segments, edge statistics from the calling subsegment', () => {
  const graph = buildTraceGraph(assembleTrace(lambdaTraceDocuments()));
  const lambda = graph.nodes.find((node) => node.key.type === 'AWS::Lambda');
  assert.deepEqual(
    lambda?.records.map((r) => Math.round(r.responseTime * 1000)),
    [410],
    'the Lambda node counts its own 410 ms segment, the edge into it the caller’s 480 ms call',
  );
  const table = graph.nodes.find((node) => node.key.type === 'AWS::DynamoDB::Table');
  assert.deepEqual(
    table?.records.map((r) => r.outcome),
    ['ok'],
    'an inferred node counts the inbound calls',
  );
});

test('duration reaches the end of the last descendant, response time only the record itself', () => {
  const traceId = '1-6553f100-aaaaaaaaaaaaaaaaaaaaaaaa';
  const segment = makeSegment({
    trace_id: traceId,
    start_time: 100,
    end_time: 100.2,
    subsegments: [makeSubsegment({ name: 'async-work', start_time: 100.1, end_time: 100.9 })],
  });
  const [node] = buildTraceGraph(assembleTrace([segment])).nodes.filter((n) => n.kind === 'service');
  assert.equal(Math.round((node?.records[0]?.responseTime ?? 0) * 1000), 200);
  assert.equal(Math.round((node?.records[0]?.duration ?? 0) * 1000), 900);
});

test('local subsegments create no node; calls inside them belong to the enclosing segment', () => {
  const traceId = '1-6553f100-bbbbbbbbbbbbbbbbbbbbbbbb';
  const call = makeSubsegment({ name: 'SNS', namespace: 'aws', aws: { operation: 'Publish' } });
  const segment = makeSegment({
    trace_id: traceId,
    name: 'worker',
    subsegments: [
      makeSubsegment({ name: 'handle', subsegments: [makeSubsegment({ name: 'inner', subsegments: [call] })] }),
    ],
  });
  const graph = buildTraceGraph(assembleTrace([segment]));
  assert.deepEqual(nodeNames(graph), ['SNS|AWS::SNS', 'worker|-', 'worker|client']);
  assert.ok(edgeLines(graph).some((line) => line.startsWith('worker|- -> SNS|AWS::SNS')));
});

test('a dangling parent makes a root without a client; in-progress records add no statistics', () => {
  const traceId = '1-6553f100-cccccccccccccccccccccccc';
  const segment = makeSegment({ trace_id: traceId, name: 'mid', parent_id: 'ffffffffffffffff' });
  const pending = makeSegment({ trace_id: traceId, name: 'pending', in_progress: true, end_time: undefined });
  const graph = buildTraceGraph(assembleTrace([segment, pending]));
  assert.deepEqual(nodeNames(graph), ['mid|-', 'pending|-', 'pending|client']);
  const byName = new Map(graph.nodes.map((node) => [`${node.key.name}|${node.kind}`, node]));
  assert.equal(byName.get('mid|service')?.root, true);
  assert.equal(byName.get('pending|service')?.records.length, 0);
  assert.equal(byName.get('pending|client')?.records.length, 0);
});

test('one service with several segments in a trace is one node with one record each', () => {
  const traceId = '1-6553f100-dddddddddddddddddddddddd';
  const callA = makeSubsegment({ name: 'svc-b', namespace: 'remote' });
  const callB = makeSubsegment({ name: 'svc-b', namespace: 'remote' });
  const root = makeSegment({ trace_id: traceId, name: 'svc-a', subsegments: [callA, callB] });
  const b1 = makeSegment({ trace_id: traceId, name: 'svc-b', parent_id: callA.id, fault: true });
  const b2 = makeSegment({ trace_id: traceId, name: 'svc-b', parent_id: callB.id, error: true, throttle: true });
  const graph = buildTraceGraph(assembleTrace([root, b1, b2]));
  assert.deepEqual(nodeNames(graph), ['svc-a|-', 'svc-a|client', 'svc-b|-']);
  const b = graph.nodes.find((node) => node.key.name === 'svc-b');
  assert.deepEqual(b?.records.map((r) => r.outcome).sort(), ['fault', 'throttle']);
  assert.equal(graph.edges.find((edge) => edge.target.name === 'svc-b')?.records.length, 2);
});
