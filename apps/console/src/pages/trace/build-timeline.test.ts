/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { XRayTrace } from '../../api/xray-types.ts';
import { buildTimeline, criticalPath, visibleRows } from './build-timeline.ts';

const T = 1_700_000_000;

function trace(documents: object[]): XRayTrace {
  return { Id: '1-x', Segments: documents.map((d, i) => ({ Id: String(i), Document: JSON.stringify(d) })) };
}

const front = {
  id: 'a000000000000001',
  name: 'front',
  start_time: T,
  end_time: T + 1,
  http: { response: { status: 502 } },
  subsegments: [
    { id: 'b000000000000001', name: 'auth', start_time: T + 0.01, end_time: T + 0.1 },
    { id: 'b000000000000002', name: 'back', start_time: T + 0.2, end_time: T + 0.9, namespace: 'remote' },
    { id: 'b000000000000003', name: 'audit', start_time: T + 0.3, end_time: T + 0.4 },
  ],
};
const back = {
  id: 'c000000000000001',
  name: 'back',
  parent_id: 'b000000000000002',
  start_time: T + 0.21,
  end_time: T + 0.89,
  throttle: true,
};

test('segments hang under the subsegment that called them, children in start order', () => {
  const timeline = buildTimeline(trace([back, front]));
  assert.equal(timeline.roots.length, 1);
  assert.equal(timeline.count, 5);
  const rows = visibleRows(timeline, new Set());
  assert.deepEqual(
    rows.map((r) => `${'  '.repeat(r.depth)}${r.name}`),
    ['front', '  auth', '  back', '    back', '  audit'],
  );
  assert.equal(timeline.byId.get('a000000000000001')?.status, 'fault');
  assert.equal(timeline.byId.get('c000000000000001')?.status, 'throttle');
  assert.equal(timeline.start, T);
  assert.equal(timeline.end, T + 1);
});

test('collapsing a row hides its descendants only', () => {
  const timeline = buildTimeline(trace([front, back]));
  const rows = visibleRows(timeline, new Set(['b000000000000002']));
  assert.deepEqual(
    rows.map((r) => r.name),
    ['front', 'auth', 'back', 'audit'],
  );
});

test('the critical path follows the work the end waited for, skipping overlapped siblings', () => {
  const timeline = buildTimeline(trace([front, back]));
  const path = criticalPath(timeline);
  assert.ok(path.has('a000000000000001'));
  assert.ok(path.has('b000000000000002'));
  assert.ok(path.has('c000000000000001'));
  assert.ok(path.has('b000000000000001'), 'auth ended before back started, so back waited for it');
  assert.ok(!path.has('b000000000000003'), 'audit ran inside back and delayed nothing');
});

test('a 10,000-deep chain builds without overflowing the stack, and unparseable documents are skipped', () => {
  const docs: object[] = [];
  for (let i = 0; i < 10_000; i++) {
    const id = i.toString(16).padStart(16, '0');
    const call = `f${i.toString(16).padStart(15, '0')}`;
    docs.push({
      id,
      name: `s${i}`,
      start_time: T + i * 1e-4,
      end_time: T + 2 - i * 1e-4,
      ...(i > 0 ? { parent_id: `f${(i - 1).toString(16).padStart(15, '0')}` } : {}),
      subsegments: [{ id: call, name: 'call', start_time: T + i * 1e-4, end_time: T + 2 - i * 1e-4 }],
    });
  }
  const t = trace(docs);
  t.Segments.push({ Id: 'bad', Document: '{"truncated' });
  const timeline = buildTimeline(t);
  assert.equal(timeline.count, 20_000);
  assert.equal(visibleRows(timeline, new Set()).length, 20_000);
  assert.equal(criticalPath(timeline).size, 20_000);
});

test('a parent_id pointing into its own subtree does not make a cycle', () => {
  const self = {
    id: 'd000000000000001',
    name: 'loop',
    parent_id: 'e000000000000001',
    start_time: T,
    end_time: T + 1,
    subsegments: [{ id: 'e000000000000001', name: 'inner', start_time: T, end_time: T + 1 }],
  };
  const timeline = buildTimeline(trace([self]));
  assert.equal(timeline.roots.length, 1);
  assert.equal(visibleRows(timeline, new Set()).length, 2);
});
