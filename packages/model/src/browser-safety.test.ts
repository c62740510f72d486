import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

// tsconfig.json already builds the sources without Node's types; this also catches what slips past
// a type check, such as a `require` or an `any`-typed global.
const NODE_ONLY = [/from ['"]node:/, /import\(['"]node:/, /\brequire\(/, /\bBuffer\b/, /\bprocess\./, /\b__dirname\b/];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

test('model sources use nothing that only Node has', () => {
  const files = sourceFiles(import.meta.dirname);
  assert.ok(files.length >= 10);
  for (const file of files) {
    const code = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)) // comments may mention these words
      .join('\n');
    for (const pattern of NODE_ONLY) assert.doesNotMatch(code, pattern, file);
  }
});
