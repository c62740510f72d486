#!/usr/bin/env node
// The one test command (`npm test`, also run by .ci/run): static checks first, each counted as a
// test, then every *.test.ts file under node:test with tsx. Ends with the line `N passed, N failed,
// N skipped` that CI reads. Arguments narrow the run to files whose path contains one of them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const skipStatic = process.argv.includes('--no-static') || filters.length > 0;
const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };

function findTestFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTestFiles(path, out);
    else if (entry.name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

function runStatic(name, command, args) {
  process.stdout.write(`▶ ${name}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = result.status === 0;
  process.stdout.write(`${ok ? '✔' : '✖'} ${name} (${Date.now() - started} ms)\n`);
  if (ok) totals.passed += 1;
  else {
    totals.failed += 1;
    totals.failures.push(name);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (!skipStatic) {
  runStatic('type check (tsc -b)', npx, ['tsc', '-b']);
  runStatic('type check console (tsc -p apps/console)', npx, ['tsc', '-p', 'apps/console']);
  runStatic('lint (eslint)', npx, ['eslint', '.']);
  runStatic('format (prettier --check)', npx, ['prettier', '--check', '.']);
}

const searchRoots = ['packages', 'apps', 'tests', 'bench', 'scripts'].map((d) => join(root, d));
const files = searchRoots
  .flatMap((dir) => {
    try {
      return findTestFiles(dir);
    } catch {
      return [];
    }
  })
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });
// One file per run: two runs at once (a developer and an editor's test task) must not share it.
const countsFile = join(outDir, `counts-${process.pid}.json`);
rmSync(countsFile, { force: true });
if (files.length > 0) {
  spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      '--test-timeout=600000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts', 'count-reporter.js')}`,
      `--test-reporter-destination=${countsFile}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ROENTGEN_TEST: '1' } },
  );
  try {
    const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    totals.failures.push(...counts.failures);
    rmSync(countsFile, { force: true });
  } catch {
    totals.failed += 1;
    totals.failures.push('the test runner produced no counts (crashed?)');
  }
}

if (totals.failures.length > 0) {
  process.stdout.write(`\nFailed:\n${totals.failures.map((f) => `  - ${f}`).join('\n')}\n`);
}
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed > 0 ? 1 : 0);
