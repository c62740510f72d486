import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  makeConfigRecord,
  makeDocumentRecord,
  makeNodeStatsRow,
  makeTraceSummaryRecord,
} from '@roentgen/storage/contract';
import { DuckDbTraceStore } from './duckdb-trace-store.ts';
import { sqlStringLiteral } from './sql-params.ts';
import { splitDuckDbTraceStore } from './threaded-duckdb-trace-store.ts';

// A data directory as the server left it before ADR 0011: everything in one file.
async function singleFileStore(dir: string) {
  const path = join(dir, "it's a store.duckdb");
  const document = makeDocumentRecord();
  const summary = makeTraceSummaryRecord({ traceId: document.traceId, annotations: { customer: ['acme'] } });
  const node = makeNodeStatsRow({ bucketStart: 6000 });
  const config = makeConfigRecord({ kind: 'group', name: 'kept' });
  const old = new DuckDbTraceStore({ path });
  await old.open();
  await old.appendDocuments([document]);
  await old.appendTraceSummaries([summary]);
  await old.appendGraphStats({ nodes: [node], edges: [] });
  await old.putConfig(config);
  await old.close();
  return { path, document, summary, node, config };
}

const everySummary = {
  timeRangeType: 'TraceId',
  from: 0,
  to: 4e9,
  predicate: { kind: 'annotation', key: 'customer', op: '=', value: 'acme' },
  limit: 10,
} as const;

test('a single-file store hands its summaries and graph statistics to the derived file, once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roentgen-split-move-'));
  try {
    const { path, document, summary, config } = await singleFileStore(dir);
    const derivedPath = join(dir, 'derived.duckdb');
    const warnings: string[] = [];
    const split = splitDuckDbTraceStore({ path, derivedPath, logger: { warn: (m) => warnings.push(m) } });
    await split.open();
    assert.deepEqual((await split.getTraceDocuments([document.traceId])).get(document.traceId), [document]);
    assert.deepEqual((await split.queryTraceSummaries(everySummary)).records, [summary]);
    assert.equal((await split.queryGraphStats({ from: 6000, to: 6060 })).nodes.length, 1);
    assert.deepEqual(await split.listConfig('group'), [config]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /moved 1 trace summary and 3 graph-statistics rows to .*derived\.duckdb/);
    await split.close();

    // The documents file kept nothing derived; opening again moves nothing and says nothing.
    const documentsOnly = new DuckDbTraceStore({ path });
    await documentsOnly.open();
    assert.equal((await documentsOnly.stats()).traceSummaries, 0);
    assert.equal((await documentsOnly.queryGraphStats({ from: 6000, to: 6060 })).nodes.length, 0);
    await documentsOnly.close();
    const again = splitDuckDbTraceStore({ path, derivedPath, logger: { warn: (m) => warnings.push(m) } });
    await again.open();
    assert.deepEqual((await again.queryTraceSummaries(everySummary)).records, [summary]);
    await again.close();
    assert.equal(warnings.length, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('derived rows left beside an existing derived file are reported, not read twice', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roentgen-split-move-'));
  try {
    const { path, summary } = await singleFileStore(dir);
    const derivedPath = join(dir, 'derived.duckdb');
    const fresh = new DuckDbTraceStore({ path: derivedPath });
    await fresh.open();
    await fresh.close();
    const warnings: string[] = [];
    const split = splitDuckDbTraceStore({ path, derivedPath, logger: { warn: (m) => warnings.push(m) } });
    await split.open();
    assert.deepEqual((await split.queryTraceSummaries(everySummary)).records, []);
    assert.match(
      warnings.join('\n'),
      /still holds 1 trace summary and 3 graph-statistics rows .* exists, so they are not read/,
    );
    await split.close();
    assert.ok(summary);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a move that fails leaves no derived file behind, and the old file keeps its rows', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'roentgen-split-move-'));
  try {
    const { path } = await singleFileStore(dir);
    // A directory where the derived file should go: creating the file fails.
    const derivedPath = join(dir, 'no-such-dir', 'derived.duckdb');
    const split = splitDuckDbTraceStore({ path, derivedPath, logger: { warn: () => undefined } });
    await assert.rejects(split.open());
    assert.equal(existsSync(derivedPath), false);
    const old = new DuckDbTraceStore({ path });
    await old.open();
    assert.equal((await old.stats()).traceSummaries, 1);
    await old.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a string literal for ATTACH cannot end early, whatever the path holds', async () => {
  assert.equal(sqlStringLiteral("a'b"), "'a''b'");
  assert.throws(() => sqlStringLiteral('a\0b'), /NUL/);
  const dir = await mkdtemp(join(tmpdir(), 'roentgen-literal-'));
  try {
    const hostile = join(dir, "x.duckdb' AS y; DROP TABLE documents; --");
    await writeFile(join(dir, 'marker'), '');
    const store = new DuckDbTraceStore({ path: join(dir, 'home.duckdb'), moveDerivedTablesTo: hostile });
    await store.open();
    await store.appendTraceSummaries([makeTraceSummaryRecord()]);
    await store.appendDocuments([makeDocumentRecord()]);
    await store.close();
    // Reopening moves the summary into the file whose name is the hostile text itself.
    const again = new DuckDbTraceStore({ path: join(dir, 'home.duckdb'), moveDerivedTablesTo: hostile });
    await again.open();
    assert.equal((await again.stats()).documents, 1, 'the documents table is still there');
    await again.close();
    assert.ok(existsSync(hostile));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
