import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { TraceSummaryRecord } from '@roentgen/storage';
import { evaluateSummaryPredicate } from '@roentgen/storage';
import { TRICKY_STRINGS } from '@roentgen/storage/contract';
import { DuckDbTraceStore } from './duckdb-trace-store.ts';
import { SqlParams } from './sql-params.ts';
import { summaryPredicateArbitrary, summaryRecordArbitrary } from './summary-predicate-arbitrary.ts';
import { summaryPredicateSql } from './summary-predicate-sql.ts';
import { summaryKeysSql, summaryRowsSql } from './summary-query-sql.ts';

describe('summary predicate SQL', () => {
  test('no value ever appears in the SQL text: every one is a parameter', () => {
    fc.assert(
      fc.property(summaryPredicateArbitrary, (predicate) => {
        const params = new SqlParams();
        const sql = summaryPredicateSql(predicate, params);
        // The builders write no string literal at all, so a quote can only come from a value.
        assert.ok(!sql.includes("'") && !sql.includes('"'), sql);
        const placeholders = sql.match(/\$\d+/g) ?? [];
        assert.equal(new Set(placeholders).size, params.values.length);
      }),
      { numRuns: 500 },
    );
  });

  test('injection attempts in cursors and predicates are bound, not spliced', () => {
    for (const text of TRICKY_STRINGS) {
      const { sql, params } = summaryKeysSql({
        timeRangeType: 'Event',
        from: 0,
        to: 1,
        limit: 5,
        cursor: { time: 1, traceId: text },
        predicate: { kind: 'annotation', key: text, op: 'contains', value: text },
      });
      assert.ok(!sql.includes("'"), sql);
      assert.ok(params.values.includes(text));
    }
    const rows = summaryRowsSql('Event', [1, 2], 0, 1, true);
    assert.ok(!rows.sql.includes("'"), rows.sql);
  });
});

describe('DuckDB pushdown agrees with evaluateSummaryPredicate (differential)', () => {
  const store = new DuckDbTraceStore({ path: ':memory:' });
  const records: TraceSummaryRecord[] = [];

  before(async () => {
    await store.open();
    for (let i = 0; i < 300; i++) records.push(fc.sample(summaryRecordArbitrary(i), { numRuns: 1, seed: 7 + i })[0]!);
    await store.appendTraceSummaries(records);
  });
  after(() => store.close());

  test('on random predicates over random records', async () => {
    await fc.assert(
      fc.asyncProperty(summaryPredicateArbitrary, async (predicate) => {
        const page = await store.queryTraceSummaries({
          timeRangeType: 'TraceId',
          from: 0,
          to: 1000,
          predicate,
          limit: 1000,
        });
        const withoutFacts = await store.queryTraceSummaries({
          timeRangeType: 'TraceId',
          from: 0,
          to: 1000,
          predicate,
          limit: 1000,
          withoutFacts: true,
        });
        assert.deepEqual(
          withoutFacts.records.map((r) => r.traceId),
          page.records.map((r) => r.traceId),
        );
        assert.ok(withoutFacts.records.every((r) => r.facts === ''));
        const expected = records.filter((r) => evaluateSummaryPredicate(predicate, r)).map((r) => r.traceId);
        assert.deepEqual(page.records.map((r) => r.traceId).sort(), expected.sort());
        assert.equal(page.scanned, records.length);
        assert.ok(page.records.every((r) => r.facts === records.find((x) => x.traceId === r.traceId)?.facts));
      }),
      { numRuns: 300 },
    );
  });
});
