/// <reference types="node" />
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entitiesById } from './trace-entities.ts';

test('every segment and nested subsegment is found by ID; unparseable documents are skipped', () => {
  const front = {
    id: 'a1',
    name: 'front',
    subsegments: [{ id: 'b1', name: 'call', subsegments: [{ id: 'c1', name: 'query', sql: { url: 'db' } }] }],
  };
  const back = { id: 'd1', name: 'back', parent_id: 'b1' };
  const byId = entitiesById({
    Id: '1-x',
    Segments: [
      { Id: 'a1', Document: JSON.stringify(front) },
      { Id: 'bad', Document: '{"truncated' },
      { Id: 'd1', Document: JSON.stringify(back) },
    ],
  });
  assert.deepEqual([...byId.keys()], ['a1', 'b1', 'c1', 'd1']);
  assert.deepEqual(byId.get('c1')?.['sql'], { url: 'db' });
  assert.equal(byId.get('d1')?.['parent_id'], 'b1');
});
