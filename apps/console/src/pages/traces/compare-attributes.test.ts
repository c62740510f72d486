/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceSummary } from '../../api/xray-types.ts';
import { compareAttributes } from './compare-attributes.ts';
import { annotationKeys, attributeLabel, groupBy } from './trace-attributes.ts';

function summary(i: number, engine: string, url: string): TraceSummary {
  return {
    Id: `t${i}`,
    ResponseTime: engine === 'beta' ? 2 : 0.1,
    Http: { HttpURL: url, HttpStatus: 200 },
    Annotations: {
      engine: [{ AnnotationValue: { StringValue: engine } }],
      stage: [{ AnnotationValue: { StringValue: 'prod' } }],
    },
    Users: [{ UserName: i % 2 ? 'ada' : 'ken' }],
    ServiceIds: [{ Name: 'front' }, { Name: 'pricing' }],
    ResponseTimeRootCauses: [
      { Services: [{ Name: 'front' }, { Name: 'pricing', EntityPath: [{ Name: 'pricing' }, { Name: 'rules' }] }] },
    ],
  };
}

const slow = [0, 1, 2, 3].map((i) => summary(i, 'beta', i % 2 ? '/a' : '/b'));
const fast = [4, 5, 6, 7, 8, 9, 10, 11].map((i) => summary(i, 'v1', i % 4 ? '/a' : '/b'));

test('the attribute present in every selected trace and no other ranks first', () => {
  const ranked = compareAttributes(slow, fast);
  assert.equal(attributeLabel(ranked[0]!.attribute), 'annotation.engine = "beta"');
  assert.equal(ranked[0]!.selectionShare, 1);
  assert.equal(ranked[0]!.baselineShare, 0);
  assert.equal(attributeLabel(ranked[1]!.attribute), 'annotation.engine = "v1"');
  assert.equal(ranked[1]!.difference, -1);
  // Attributes everyone has do not separate anything.
  const stage = ranked.find((d) => attributeLabel(d.attribute) === 'annotation.stage = "prod"');
  assert.equal(stage?.difference, 0);
});

test('nothing to compare when a side is empty', () => {
  assert.deepEqual(compareAttributes(slow, []), []);
  assert.deepEqual(compareAttributes([], fast), []);
});

test('group-by counts traces per value, root causes by their culprit service and entity', () => {
  const all = [...slow, ...fast];
  assert.deepEqual(groupBy(all, 'user'), [
    { value: 'ada', count: 6 },
    { value: 'ken', count: 6 },
  ]);
  assert.deepEqual(groupBy(all, 'rootcause.service'), [{ value: 'pricing', count: 12 }]);
  assert.deepEqual(groupBy(all, 'rootcause.entity'), [{ value: 'rules', count: 12 }]);
  assert.deepEqual(groupBy(all, 'annotation', 'engine'), [
    { value: '"v1"', count: 8 },
    { value: '"beta"', count: 4 },
  ]);
});

test('annotation keys whose value varies come first', () => {
  assert.deepEqual(annotationKeys([...slow, ...fast]), ['engine', 'stage']);
});
