import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSafeWorkspaces, importTable } from './import-table.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Workspace {
  name: string;
  dir: string;
  declared: string[];
  sourceFiles: string[];
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'build') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function workspaces(): Workspace[] {
  const result: Workspace[] = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const dir = join(root, group, entry.name);
      const manifest = join(dir, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) =>
        d.startsWith('@roentgen/'),
      );
      const src = join(dir, 'src');
      result.push({ name: pkg.name, dir, declared, sourceFiles: existsSync(src) ? sourceFiles(src) : [] });
    }
  }
  return result;
}

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importPattern)].map((m) => m[1] ?? '');
}

function packageOf(specifier: string): string {
  const [scope, name] = specifier.split('/');
  return `${scope}/${name}`;
}

function allowed(from: string, to: string): boolean {
  const edges = importTable[from];
  return edges !== undefined && (edges.includes('*') || edges.includes(to));
}

test('every workspace is in the import table', () => {
  const missing = workspaces()
    .map((w) => w.name)
    .filter((name) => !(name in importTable));
  assert.deepEqual(missing, [], 'add these workspaces to tests/architecture/import-table.ts and docs/architecture.md');
});

test('declared workspace dependencies follow the import table', () => {
  const violations = workspaces().flatMap((w) =>
    w.declared.filter((d) => !allowed(w.name, d)).map((d) => `${w.name} → ${d}`),
  );
  assert.deepEqual(violations, []);
});

test('source imports follow the table and are declared', () => {
  const violations: string[] = [];
  for (const w of workspaces()) {
    for (const file of w.sourceFiles) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('@roentgen/'))) {
        const target = packageOf(spec);
        if (target === w.name) continue;
        const where = relative(root, file);
        if (!allowed(w.name, target)) violations.push(`${where}: ${w.name} may not import ${target}`);
        else if (!w.declared.includes(target)) violations.push(`${where}: ${target} is not in package.json`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

// Tests may read the recorded real-client fixtures through tests/support, the one shared test door.
const sharedTestSupport = join(root, 'tests', 'support');

test('no workspace reaches into another one by a relative path', () => {
  const violations: string[] = [];
  for (const w of workspaces()) {
    for (const file of w.sourceFiles) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = join(file, '..', spec);
        const testReadingFixtures = file.endsWith('.test.ts') && target.startsWith(sharedTestSupport);
        if (!target.startsWith(w.dir) && !testReadingFixtures)
          violations.push(`${relative(root, file)} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test('browser-safe workspaces import no node: modules outside tests', () => {
  const violations: string[] = [];
  for (const w of workspaces().filter((w) => browserSafeWorkspaces.includes(w.name))) {
    for (const file of w.sourceFiles.filter((f) => !f.endsWith('.test.ts') && !f.includes('/testing/'))) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('node:'))) {
        violations.push(`${relative(root, file)} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test('the workspace graph has no cycles', () => {
  const graph = new Map(workspaces().map((w) => [w.name, w.declared]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const visit = (node: string, path: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      cycles.push([...path, node].join(' → '));
      return;
    }
    state.set(node, 'visiting');
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  assert.deepEqual(cycles, []);
});
