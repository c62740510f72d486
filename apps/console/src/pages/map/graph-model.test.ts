/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { XRayService } from '../../api/xray-types.ts';
import { healthOf, worstKind } from '../../components/health.ts';
import { buildMapGraph, isolateNode } from './graph-model.ts';
import { mapHref, readMapView } from './url.ts';

const services: XRayService[] = [
  { ReferenceId: 0, Name: 'client', Type: 'client', Edges: [{ ReferenceId: 1 }] },
  { ReferenceId: 1, Name: 'front', Root: true, Edges: [{ ReferenceId: 2 }, { ReferenceId: 3 }, { ReferenceId: 99 }] },
  { ReferenceId: 2, Name: 'db', Type: 'AWS::DynamoDB::Table', Edges: [] },
  { ReferenceId: 3, Name: 'mail', Edges: [{ ReferenceId: 4 }] },
  { ReferenceId: 4, Name: 'smtp', Edges: [] },
];

test('edges connect names; edges to unknown reference IDs are dropped', () => {
  const graph = buildMapGraph(services);
  assert.deepEqual(
    graph.nodes.map((n) => n.key),
    ['client', 'front', 'db', 'mail', 'smtp'],
  );
  assert.deepEqual(
    graph.edges.map((e) => `${e.from}>${e.to}`),
    ['client>front', 'front>db', 'front>mail', 'mail>smtp'],
  );
});

test('isolate keeps the node, its callers and its callees', () => {
  const graph = isolateNode(buildMapGraph(services), 'mail');
  assert.deepEqual(
    graph.nodes.map((n) => n.key),
    ['front', 'mail', 'smtp'],
  );
  assert.equal(graph.edges.length, 2);
});

test('health splits counts into ok, 4xx, 5xx and 429, per minute over the window', () => {
  const health = healthOf(
    {
      OkCount: 6,
      ErrorStatistics: { ThrottleCount: 1, OtherCount: 1, TotalCount: 2 },
      FaultStatistics: { TotalCount: 2 },
      TotalCount: 10,
      TotalResponseTime: 5,
    },
    300,
  );
  assert.deepEqual(health.counts, { ok: 6, error: 1, fault: 2, throttle: 1 });
  assert.equal(health.averageSeconds, 0.5);
  assert.equal(health.perMinute, 2);
  assert.equal(worstKind(health), 'fault');
  assert.equal(worstKind(healthOf(undefined, 60)), 'ok');
});

test('the map view round-trips through its URL, names with any character included', () => {
  const view = {
    range: '15m',
    group: 'g',
    node: undefined,
    edge: { from: 'a&b', to: '<x>' },
    isolate: false,
    refresh: 30,
    band: { low: 1.5, high: 2 },
  };
  const href = mapHref(view);
  const back = readMapView(new URL(href, 'http://x').searchParams);
  assert.deepEqual(back, view);
});
