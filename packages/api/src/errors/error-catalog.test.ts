import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorCatalog } from './error-catalog.ts';

const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
const apiSection = doc.split('## HTTP API errors')[1]?.split('\n## ')[0] ?? '';

test('docs/errors.md lists exactly the codes of the catalog, with their statuses', () => {
  const rows = [...apiSection.matchAll(/^\|\s*`(\w+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1], Number(m[2])]);
  const catalog = Object.entries(errorCatalog).map(([code, entry]) => [code, entry.status]);
  assert.deepEqual(rows.sort(), catalog.sort());
});
