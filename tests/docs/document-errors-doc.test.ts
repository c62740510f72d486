import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOCUMENT_ERROR_CODES } from '@roentgen/model';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const section = doc.split('## Document errors')[1]?.split('\n## ')[0] ?? '';

test('docs/errors.md documents exactly the document error codes the model produces', () => {
  const documented = [...section.matchAll(/^\|\s*`(\w+)`\s*\|/gm)].map((m) => m[1]).sort();
  assert.deepEqual(documented, [...DOCUMENT_ERROR_CODES].sort());
});
