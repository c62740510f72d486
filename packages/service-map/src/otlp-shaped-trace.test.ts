/**
 * A trace shaped like OpenTelemetry spans mapped to segments: server spans are segments whose
 * `parent_id` points at a client or internal span (a subsegment) of another service, or at another
 * service's segment; client spans are `remote` subsegments, internal spans local ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSegment, makeSubsegment } from '@roentgen/model/testing';
import { assembleTrace } from './assemble-trace.ts';
import { inferSegments } from './infer-segments.ts';
import { buildTraceGraph } from './trace-graph.ts';

const trace_id = '1-6553f100-333333333333333333333333';
const at = (ms: number): number => (1_700_000_000_000 + ms) / 1000;

function otlpShapedDocuments() {
  const clientSpan = makeSubsegment({
    id: 'f000000000000003',
    name: 'backend:8080',
    namespace: 'remote',
    http: { response: { status: 200 } },
    start_time: at(10),
    end_time: at(90),
  });
  const frontend = makeSegment({
    id: 'f000000000000001',
    trace_id,
    name: 'frontend',
    start_time: at(0),
    end_time: at(100),
    subsegments: [
      makeSubsegment({
        id: 'f000000000000002',
        name: 'render',
        start_time: at(5),
        end_time: at(95),
        subsegments: [clientSpan],
      }),
    ],
  });
  const backend = makeSegment({
    id: 'b000000000000001',
    trace_id,
    parent_id: clientSpan.id,
    name: 'backend',
    origin: 'AWS::ECS::Container',
    start_time: at(20),
    end_time: at(80),
    subsegments: [
      makeSubsegment({
        id: 'b000000000000002',
        name: 'orders@pg',
        namespace: 'remote',
        sql: { database_type: 'PostgreSQL' },
        error: true,
        start_time: at(25),
        end_time: at(40),
      }),
      makeSubsegment({ id: 'b000000000000003', name: 'enqueue', start_time: at(45), end_time: at(50) }),
    ],
  });
  const worker = makeSegment({
    id: 'd000000000000001',
    trace_id,
    parent_id: 'b000000000000003',
    name: 'worker',
    start_time: at(46),
    end_time: at(300),
    fault: true,
  });
  const audit = makeSegment({
    id: 'e000000000000001',
    trace_id,
    parent_id: frontend.id,
    name: 'audit',
    start_time: at(2),
    end_time: at(12),
  });
  return [worker, audit, backend, frontend];
}

test('segments parented by other services’ subsegments or segments link into one graph', () => {
  const graph = buildTraceGraph(assembleTrace(otlpShapedDocuments()));
  const edges = graph.edges.map(
    (e) =>
      `${e.source.name} -> ${e.target.name}|${e.target.type ?? '-'}: ${e.records.map((r) => `${r.outcome}@${Math.round(r.responseTime * 1000)}`).join()}`,
  );
  assert.deepEqual(edges.sort(), [
    'backend -> orders@pg|Database::SQL: error@15',
    'backend -> worker|-: ok@5',
    'frontend -> audit|-: ok@10',
    'frontend -> backend|AWS::ECS::Container: ok@80',
    'frontend -> frontend|-: ok@100',
  ]);
  assert.deepEqual(
    graph.nodes.filter((n) => n.root).map((n) => n.key.name),
    ['frontend'],
  );
  const worker = graph.nodes.find((n) => n.key.name === 'worker');
  assert.deepEqual(
    worker?.records.map((r) => r.outcome),
    ['fault'],
    'the node keeps its own view',
  );
});

test('a client span answered by a server span infers nothing; an unanswered database call does', () => {
  const inferred = inferSegments(assembleTrace(otlpShapedDocuments()));
  assert.deepEqual(
    inferred.map((s) => [s.name, s.origin, s.parent_id]),
    [['orders@pg', 'Database::SQL', 'b000000000000002']],
  );
});
