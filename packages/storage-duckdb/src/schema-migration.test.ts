import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { EMPTY_SORTED_HISTOGRAM, histogramRecord } from '@roentgen/storage';
import { makeTraceSummaryRecord } from '@roentgen/storage/contract';
import { DuckDbTraceStore } from './duckdb-trace-store.ts';

const HOUR = 1_800_000_000; // a multiple of an hour

// The graph tables as schema version 2 wrote them: minute buckets only, no `width`.
const VERSION_2 = [
  `CREATE TABLE schema_version (version INTEGER NOT NULL)`,
  `INSERT INTO schema_version VALUES (2)`,
  `CREATE TABLE trace_summaries (trace_id VARCHAR, an_old_column VARCHAR)`,
  `INSERT INTO trace_summaries VALUES ('1-6b49d41c-000000000000000000000001', 'x')`,
  `CREATE TABLE graph_nodes (bucket_start DOUBLE NOT NULL, name VARCHAR NOT NULL, type VARCHAR, account_id VARCHAR,
    root BOOLEAN NOT NULL, ok_count DOUBLE NOT NULL, error_throttle_count DOUBLE NOT NULL,
    error_other_count DOUBLE NOT NULL, fault_count DOUBLE NOT NULL, total_count DOUBLE NOT NULL,
    total_response_time DOUBLE NOT NULL, response_time_histogram VARCHAR NOT NULL,
    duration_histogram VARCHAR NOT NULL, start_time DOUBLE NOT NULL, end_time DOUBLE NOT NULL)`,
  `CREATE TABLE graph_edges (bucket_start DOUBLE NOT NULL, source_name VARCHAR NOT NULL, source_type VARCHAR,
    source_account_id VARCHAR, target_name VARCHAR NOT NULL, target_type VARCHAR, target_account_id VARCHAR,
    edge_type VARCHAR, ok_count DOUBLE NOT NULL, error_throttle_count DOUBLE NOT NULL,
    error_other_count DOUBLE NOT NULL, fault_count DOUBLE NOT NULL, total_count DOUBLE NOT NULL,
    total_response_time DOUBLE NOT NULL, response_time_histogram VARCHAR NOT NULL, start_time DOUBLE NOT NULL,
    end_time DOUBLE NOT NULL)`,
  // Two requests of `api` in the first minute of the hour and one 70 minutes later; one call api → db.
  `INSERT INTO graph_nodes VALUES (${HOUR}, 'api', NULL, NULL, true, 2, 0, 0, 0, 2, 0.3, '{"100":1,"200":1}',
    '{"100":1,"200":1}', ${HOUR + 1}, ${HOUR + 2})`,
  `INSERT INTO graph_nodes VALUES (${HOUR + 4200}, 'api', NULL, NULL, true, 1, 0, 0, 0, 1, 0.1, '{"100":1}',
    '{"100":1}', ${HOUR + 4201}, ${HOUR + 4202})`,
  `INSERT INTO graph_edges VALUES (${HOUR}, 'api', NULL, NULL, 'db', 'remote', NULL, NULL, 0, 0, 0, 1, 1, 0.05,
    '{"50":1}', ${HOUR + 1}, ${HOUR + 1.05})`,
];

// A database file written by running `statements`, as an older Roentgen left it.
async function writeOldFile(path: string, statements: readonly string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const statement of statements) await connection.run(statement);
  connection.closeSync();
  instance.closeSync();
}

describe('opening a schema version 2 file', () => {
  let dir: string;
  let path: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roentgen-migration-'));
    path = join(dir, 'store.duckdb');
    await writeOldFile(path, VERSION_2);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('keeps graph statistics for windows of every length, drops old summaries, takes new ones', async () => {
    const warnings: string[] = [];
    const store = new DuckDbTraceStore({ path, logger: { warn: (message) => warnings.push(message) } });
    await store.open();
    try {
      assert.match(warnings.join('\n'), /schema version 2 to 4: 1 trace summaries .* dropped; .* readable by ID/);
      const totals = async (from: number, to: number) =>
        (await store.queryGraphStats({ from, to })).nodes.map((n) => [n.node.name, n.counters.totalCount]);
      assert.deepEqual(await totals(HOUR, HOUR + 60), [['api', 2]]);
      assert.deepEqual(await totals(HOUR, HOUR + 3600), [['api', 2]]);
      assert.deepEqual(await totals(HOUR, HOUR + 6 * 3600), [['api', 3]]);
      const sixHours = await store.queryGraphStats({ from: HOUR, to: HOUR + 6 * 3600 });
      assert.deepEqual(histogramRecord(sixHours.nodes[0]?.responseTimeHistogram ?? EMPTY_SORTED_HISTOGRAM), {
        100: 2,
        200: 1,
      });
      assert.deepEqual(
        sixHours.edges.map((e) => [e.source.name, e.target.name, e.counters.faultCount]),
        [['api', 'db', 1]],
      );
      const window = { timeRangeType: 'TraceId' as const, from: 0, to: 2e9, predicate: { kind: 'true' as const } };
      assert.equal((await store.queryTraceSummaries({ ...window, limit: 10 })).records.length, 0);
      const record = makeTraceSummaryRecord({});
      await store.appendTraceSummaries([record]);
      assert.deepEqual(
        (await store.queryTraceSummaries({ ...window, limit: 10 })).records.map((r) => r.traceId),
        [record.traceId],
      );
    } finally {
      await store.close();
    }
  });

  test('a file of a newer schema is refused with a message that says so', async () => {
    const newer = join(dir, 'newer.duckdb');
    await writeOldFile(newer, [
      'CREATE TABLE schema_version (version INTEGER NOT NULL)',
      'INSERT INTO schema_version VALUES (99)',
    ]);
    await assert.rejects(
      new DuckDbTraceStore({ path: newer }).open(),
      /schema version 99; this Roentgen reads up to 4/,
    );
  });
});

// Version 3: three widths, histograms still JSON text; one node row and one edge row per width.
const VERSION_3 = [
  `CREATE TABLE schema_version (version INTEGER NOT NULL)`,
  `INSERT INTO schema_version VALUES (3)`,
  ...VERSION_2.slice(4, 6).map((statement) =>
    statement.replace(/end_time DOUBLE NOT NULL\)$/, 'end_time DOUBLE NOT NULL, width DOUBLE NOT NULL)'),
  ),
  ...[60, 600, 3600].flatMap((width) => [
    `INSERT INTO graph_nodes VALUES (${HOUR}, 'api', NULL, NULL, true, 3, 0, 0, 0, 3, 0.35, '{"100":1,"200":1,"50":1}',
      '{"100":2,"250":1}', ${HOUR + 1}, ${HOUR + 2}, ${width})`,
    // A retraction, as an uncompacted delta leaves it: the 200 ms entry nets to zero and must vanish.
    `INSERT INTO graph_nodes VALUES (${HOUR}, 'api', NULL, NULL, true, -1, 0, 0, 0, -1, -0.2, '{"200":-1}',
      '{"250":-1}', ${HOUR + 1}, ${HOUR + 2}, ${width})`,
    `INSERT INTO graph_edges VALUES (${HOUR}, 'api', NULL, NULL, 'db', 'remote', NULL, NULL, 0, 0, 0, 1, 1, 0.05,
      '{"50":1}', ${HOUR + 1}, ${HOUR + 1.05}, ${width})`,
  ]),
];

describe('opening a schema version 3 file', () => {
  let dir: string;
  let path: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roentgen-migration-'));
    path = join(dir, 'store.duckdb');
    await writeOldFile(path, VERSION_3);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('converts JSON histograms to the packed form, every width, and keeps reading and writing them', async () => {
    const warnings: string[] = [];
    const store = new DuckDbTraceStore({ path, logger: { warn: (message) => warnings.push(message) } });
    await store.open();
    try {
      assert.match(
        warnings.join('\n'),
        /schema version 3 to 4: the histograms of 9 graph-statistics rows were converted/,
      );
      for (const to of [HOUR + 60, HOUR + 3600, HOUR + 6 * 3600]) {
        const { nodes, edges } = await store.queryGraphStats({ from: HOUR, to });
        assert.deepEqual(
          nodes.map((n) => [
            n.node.name,
            n.counters.totalCount,
            histogramRecord(n.responseTimeHistogram),
            histogramRecord(n.durationHistogram),
          ]),
          [['api', 2, { 50: 1, 100: 1 }, { 100: 2 }]],
        );
        assert.deepEqual(
          edges.map((e) => [e.target.name, histogramRecord(e.responseTimeHistogram)]),
          [['db', { 50: 1 }]],
        );
      }
    } finally {
      await store.close();
    }
    // Reopened: already version 4, nothing to convert, nothing said.
    const again = new DuckDbTraceStore({ path, logger: { warn: (message) => warnings.push(`again: ${message}`) } });
    await again.open();
    await again.close();
    assert.doesNotMatch(warnings.join('\n'), /again:/);
  });
});
