import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFaultingNodes, findSlowNodes, quantile } from './find-outliers.ts';
import type { NodeStatistics } from './node-statistics.ts';

function node(overrides: Partial<NodeStatistics> & { name: string }, seconds = 0.005): NodeStatistics {
  return {
    type: 'AWS::Lambda::Function',
    total: 10,
    faults: 0,
    errors: 0,
    histogram: [{ Value: seconds, Count: 10 }],
    ...overrides,
  };
}

const family = (name: string, slowIndex?: number, slowSeconds = 2) =>
  Array.from({ length: 10 }, (_, i) =>
    node({ name: `${name}-${i}` }, i === slowIndex ? slowSeconds : 0.004 + i / 1000),
  );

test('the node far slower than its peers of the same family and type is slow', () => {
  const slow = findSlowNodes([...family('adjective', 4), ...family('noun')]);
  assert.deepEqual(
    slow.map((s) => [s.name, s.p50]),
    [['adjective-4', 2]],
  );
  assert.equal(slow[0]?.peers, 9);
});

test('jitter among healthy nodes, even a busy machine slowing one a little, is not slowness', () => {
  const busy = family('color').map((n, i) =>
    i === 3 ? node({ name: n.name }, 0.8) : node({ name: n.name }, 0.3 + i / 100),
  );
  assert.deepEqual(findSlowNodes([...family('noun'), ...busy]), []);
});

test('the two Lambda nodes of one function are reported once, as the function', () => {
  const service = family('adjective', 4).map((n) => ({ ...n, type: 'AWS::Lambda' }));
  const slow = findSlowNodes([...service, ...family('adjective', 4)]);
  assert.deepEqual(
    slow.map((s) => [s.name, s.type]),
    [['adjective-4', 'AWS::Lambda::Function']],
  );
});

test('the faulting node with the highest fault share comes first; healthy nodes are absent', () => {
  const nodes = [
    node({ name: 'entrypoint', total: 100, faults: 5 }),
    node({ name: 'verb-6', total: 10, faults: 5 }),
    node({ name: 'verb-6', type: 'AWS::Lambda', total: 10, faults: 0 }),
    node({ name: 'noun-1', total: 10 }),
    node({ name: 'name-generator/dev', type: 'client', total: 100, faults: 5 }),
  ];
  assert.deepEqual(
    findFaultingNodes(nodes).map((n) => [n.name, n.share]),
    [
      ['verb-6', 0.5],
      ['entrypoint', 0.05],
    ],
  );
});

test('quantiles of a histogram, nearest rank', () => {
  const histogram = [
    { Value: 2, Count: 1 },
    { Value: 0.01, Count: 9 },
  ];
  assert.equal(quantile(histogram, 0.5), 0.01);
  assert.equal(quantile(histogram, 0.95), 2);
  assert.equal(quantile([], 0.5), 0);
});
