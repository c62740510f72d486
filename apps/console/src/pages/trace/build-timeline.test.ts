/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceTimeline } from '../../api/timeline-types.ts';
import { buildTimeline, nodeAt, type Timeline } from './build-timeline.ts';
import { criticalPath, visibleRows } from './timeline-walks.ts';

const T = 1_700_000_000;

interface Row {
  id: string;
  name: string;
  parent: number;
  start: number;
  end: number | null;
  kind?: 's' | 'u' | 'i';
  status?: 'o' | 'e' | 't' | 'f';
}

/** The server's rows for the given entities; times are seconds after `T`. */
function rows(entities: Row[]): TraceTimeline {
  return {
    Id: '1-x',
    Duration: 1,
    LimitExceeded: false,
    Start: T,
    Ids: entities.map((e) => e.id),
    Names: entities.map((e) => e.name),
    Parents: entities.map((e) => e.parent),
    Starts: entities.map((e) => e.start),
    Ends: entities.map((e) => e.end),
    Kinds: entities.map((e) => e.kind ?? (e.parent === -1 ? 's' : 'u')).join(''),
    Statuses: entities.map((e) => e.status ?? 'o').join(''),
  };
}

/** The shown rows as nodes, so tests read names and depths. */
function shown(timeline: Timeline, collapsed: ReadonlySet<string> = new Set()) {
  return visibleRows(timeline, collapsed).map((index) => nodeAt(timeline, index));
}

// front (0) calls back through its subsegment `back` (2); `audit` (3) ran inside back's call; `auth` (1)
// ended before the call started. The rows come in the server's order, children out of start order.
const shop = rows([
  { id: 'a1', name: 'front', parent: -1, start: 0, end: 1, status: 'f' },
  { id: 'b3', name: 'audit', parent: 0, start: 0.3, end: 0.4 },
  { id: 'b2', name: 'back', parent: 0, start: 0.2, end: 0.9 },
  { id: 'b1', name: 'auth', parent: 0, start: 0.01, end: 0.1 },
  { id: 'c1', name: 'back', parent: 2, start: 0.21, end: 0.89, kind: 's', status: 't' },
]);

test('rows come depth first with children in start order, times in epoch seconds', () => {
  const timeline = buildTimeline(shop);
  assert.equal(timeline.roots.length, 1);
  assert.equal(timeline.count, 5);
  assert.deepEqual(
    shown(timeline).map((r) => `${'  '.repeat(r.depth)}${r.name}`),
    ['front', '  auth', '  back', '    back', '  audit'],
  );
  const status = (id: string) => nodeAt(timeline, timeline.indexOf(id)!).status;
  assert.equal(status('a1'), 'fault');
  assert.equal(status('c1'), 'throttle');
  assert.equal(timeline.failed, 2);
  assert.equal(timeline.start, T);
  assert.equal(timeline.end, T + 1);
});

test('collapsing a row hides its descendants only', () => {
  const timeline = buildTimeline(shop);
  assert.deepEqual(
    shown(timeline, new Set(['b2'])).map((r) => r.name),
    ['front', 'auth', 'back', 'audit'],
  );
});

test('the critical path follows the work the end waited for, skipping overlapped siblings', () => {
  const path = criticalPath(buildTimeline(shop));
  assert.ok(path.has('a1'));
  assert.ok(path.has('b2'));
  assert.ok(path.has('c1'));
  assert.ok(path.has('b1'), 'auth ended before back started, so back waited for it');
  assert.ok(!path.has('b3'), 'audit ran inside back and delayed nothing');
});

test('a row knows its kind, parent, first child and whether it is in progress', () => {
  const running = rows([
    { id: 'a1', name: 'front', parent: -1, start: 0, end: 1 },
    { id: 'b1', name: 'call', parent: 0, start: 0.1, end: null },
    { id: 'c1', name: 'table', parent: 1, start: 0.1, end: 0.5, kind: 'i' },
  ]);
  const timeline = buildTimeline(running);
  const [root, call, table] = shown(timeline);
  assert.equal(root?.parent, -1);
  assert.equal(root?.childCount, 1);
  assert.equal(root?.firstChild, call?.index);
  assert.equal(call?.end, undefined);
  assert.equal(call?.kind, 'subsegment');
  assert.equal(table?.kind, 'inferred');
  assert.equal(table?.parent, call?.index);
  assert.equal(timeline.end, T + 1);
  assert.equal(timeline.indexOf('nope'), undefined);
});

test('a 10,000-deep chain builds and walks without overflowing the stack', () => {
  const chain: Row[] = [];
  for (let i = 0; i < 10_000; i++) {
    chain.push({ id: `s${i}`, name: `s${i}`, parent: 2 * i - 1, start: i * 1e-4, end: 2 - i * 1e-4 });
    chain.push({ id: `c${i}`, name: 'call', parent: 2 * i, start: i * 1e-4, end: 2 - i * 1e-4 });
  }
  const timeline = buildTimeline(rows(chain));
  assert.equal(timeline.count, 20_000);
  assert.equal(visibleRows(timeline, new Set()).length, 20_000);
  assert.equal(criticalPath(timeline).size, 20_000);
  assert.equal(timeline.depths[19_999], 19_999);
});

test('an empty timeline spans no time and shows no rows', () => {
  const timeline = buildTimeline(rows([]));
  assert.equal(timeline.count, 0);
  assert.deepEqual(visibleRows(timeline, new Set()), []);
  assert.equal(timeline.start, 0);
});
