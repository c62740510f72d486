/**
 * The datagrams aws-xray-sdk-core 3.12 really sent (tests/fixtures/real-clients/xray-sdk-udp), run
 * through assembly, inference, the graph, the stored contributions and the X-Ray response.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sumGraphStats } from '@roentgen/storage';
import type { SegmentDocument } from '@roentgen/model';
import { listRealClientFixtures, readRealClientFixture } from '../../../tests/support/shared-fixtures.ts';
import { assembleTrace } from './assemble-trace.ts';
import { traceGraphContribution } from './graph-contribution.ts';
import { inferSegments } from './infer-segments.ts';
import { toServiceGraphResponse } from './service-graph.ts';
import { buildTraceGraph } from './trace-graph.ts';

/** Every recorded document, grouped by trace; the daemon header line before the first `\n` is dropped. */
function recordedTraces(): Map<string, SegmentDocument[]> {
  const traces = new Map<string, SegmentDocument[]>();
  for (const name of listRealClientFixtures('xray-sdk-udp')) {
    const datagram = readRealClientFixture(`xray-sdk-udp/${name}`).toString('utf8');
    const document = JSON.parse(datagram.slice(datagram.indexOf('\n') + 1)) as SegmentDocument;
    traces.set(document.trace_id, [...(traces.get(document.trace_id) ?? []), document]);
  }
  return traces;
}

function traceNamed(name: string) {
  const documents = [...recordedTraces().values()].find((docs) => docs.some((d) => d.name === name));
  assert.ok(documents, `a recorded trace with a document named ${name}`);
  return assembleTrace(documents);
}

test('a streamed subsegment that arrived before its segment nests under the SQS call inside it', () => {
  const trace = traceNamed('stream-svc');
  assert.deepEqual(trace.orphans, []);
  const sqs = trace.segments[0]?.subsegments?.[0];
  assert.equal(sqs?.name, 'SQS.SendMessage');
  assert.deepEqual(
    sqs?.subsegments?.map((s) => [s.name, s.type]),
    [['downstream', undefined]],
  );
});

test('the streamed trace infers the queue and the throttled remote call, both called by stream-svc', () => {
  const trace = traceNamed('stream-svc');
  assert.deepEqual(
    inferSegments(trace).map((s) => [s.name, s.origin]),
    [
      ['SQS.SendMessage', 'AWS::SQS::Queue'],
      ['downstream', 'remote'],
    ],
  );
  const graph = buildTraceGraph(trace);
  assert.deepEqual(
    graph.edges.map(
      (e) => `${e.source.name} -> ${e.target.name}|${e.target.type ?? '-'}: ${e.records.map((r) => r.outcome).join()}`,
    ),
    [
      'stream-svc -> stream-svc|AWS::EC2::Instance: ok',
      'stream-svc -> q|AWS::SQS::Queue: ok',
      'stream-svc -> downstream|remote: throttle',
    ],
  );
});

test('a manual DynamoDB.GetItem subsegment without an aws block infers an AWS::DynamoDB node', () => {
  const trace = traceNamed('manual-svc');
  const graph = buildTraceGraph(trace);
  const dynamo = graph.nodes.find((node) => node.kind === 'inferred');
  assert.deepEqual(dynamo?.key, { name: 'DynamoDB', type: 'AWS::DynamoDB', accountId: undefined });
  assert.deepEqual(
    dynamo?.records.map((r) => r.outcome),
    ['fault'],
  );
});

test('all recorded traces summed as the store would give the expected service graph', () => {
  const deltas = [...recordedTraces().values()].map((docs) => traceGraphContribution(assembleTrace(docs)));
  const window = { from: 1_795_799_200, to: 1_795_799_400 };
  const summed = sumGraphStats(
    deltas.flatMap((d) => d.nodes),
    deltas.flatMap((d) => d.edges),
    window,
    undefined,
  );
  const services = toServiceGraphResponse(summed);
  const line = (s: (typeof services)[number]) =>
    `${s.Name}|${s.Type ?? '-'}${s.Root ? ' root' : ''} ok=${s.SummaryStatistics?.OkCount ?? '-'} fault=${s.SummaryStatistics?.FaultStatistics.TotalCount ?? '-'} throttle=${s.SummaryStatistics?.ErrorStatistics.ThrottleCount ?? '-'} edges=${s.Edges.map((e) => `${e.ReferenceId}:${e.SummaryStatistics.TotalCount}`).join(',')}`;
  assert.deepEqual(services.map(line), [
    'manual-svc|client ok=- fault=- throttle=- edges=5:1',
    'mw-svc|client ok=- fault=- throttle=- edges=6:4',
    'stream-svc|client ok=- fault=- throttle=- edges=8:1',
    'DynamoDB|AWS::DynamoDB ok=0 fault=1 throttle=0 edges=',
    'downstream|remote ok=0 fault=0 throttle=1 edges=',
    'manual-svc|- root ok=0 fault=1 throttle=0 edges=3:1',
    // 04 came with an upstream Parent that was never sent: a root, but no client edge for it.
    'mw-svc|- root ok=4 fault=1 throttle=0 edges=',
    'q|AWS::SQS::Queue ok=1 fault=0 throttle=0 edges=',
    'stream-svc|AWS::EC2::Instance root ok=1 fault=0 throttle=0 edges=4:1,7:1',
  ]);
});
