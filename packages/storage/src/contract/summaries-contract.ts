/** Contract cases for trace summaries: latest revision, windows per time-range type, order, pages. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TraceStore } from '../trace-store.ts';
import type { SummaryPredicate, SummaryQuery, TimeRangeType, TraceSummaryRecord } from '../trace-summary-record.ts';
import type { ContractStoreFactory } from './contract-harness.ts';
import { withStore } from './contract-harness.ts';
import { TRICKY_STRINGS, makeTraceId, makeTraceSummaryRecord } from './record-builders.ts';

const ALL: SummaryPredicate = { kind: 'true' };

function query(type: TimeRangeType, from: number, to: number, more: Partial<SummaryQuery> = {}): SummaryQuery {
  return { timeRangeType: type, from, to, predicate: ALL, limit: 1000, ...more };
}

async function ids(store: TraceStore, q: SummaryQuery): Promise<string[]> {
  return (await store.queryTraceSummaries(q)).records.map((r) => r.traceId);
}

/** Registers the trace-summary cases (predicates have their own file). */
export function describeSummariesContract(createStore: ContractStoreFactory): void {
  describe('trace summaries', () => {
    test('round-trips every field, unicode and quotes included', () =>
      withStore(createStore, async ({ store }) => {
        const full = makeTraceSummaryRecord({
          httpUrl: TRICKY_STRINGS.join('|'),
          services: [...TRICKY_STRINGS],
          faultServices: ['', "O'Brien", '\u0001\u0002\u0003'],
          errorServices: ['a', 'a'],
          throttleServices: ['🧪'],
          edges: [
            { source: 'a', target: 'b', fault: true, error: false, throttle: false },
            { source: 'a', target: 'b', fault: false, error: true, throttle: true },
            { source: '\u0003', target: "it's\u0001", fault: false, error: false, throttle: false },
          ],
          rootCauseServices: { fault: ['b', 'a'], error: [''], responseTime: ['say "hi"'] },
          users: ["O'Brien", 'ünïcødé'],
          annotations: { "it's": ['a"b', 3.5, true], 'emoji 🧪': [false], empty: [] },
          summary: JSON.stringify({ Id: 'x', Note: "'); DROP TABLE trace_summaries; --" }),
          facts: '{"services":{"a\\\\b":1}}',
        });
        const sparse = makeTraceSummaryRecord({
          httpStatus: undefined,
          httpUrl: undefined,
          httpMethod: undefined,
          userAgent: undefined,
          clientIp: undefined,
          rootService: undefined,
          services: [],
          isPartial: true,
        });
        await store.appendTraceSummaries([full, sparse]);
        const page = await store.queryTraceSummaries(query('TraceId', 0, 2e9));
        const byId = new Map(page.records.map((r) => [r.traceId, r]));
        assert.deepEqual(byId.get(full.traceId), full);
        assert.deepEqual(byId.get(sparse.traceId), sparse);
        await store.appendTraceSummaries([]);
        assert.equal((await store.stats()).traceSummaries, 2);
      }));

    test('the highest revision wins whatever the append order; equal revisions: the later append', () =>
      withStore(createStore, async ({ store }) => {
        const traceId = makeTraceId();
        const r2 = makeTraceSummaryRecord({ traceId, revision: 2, rootService: 'two' });
        const r1 = makeTraceSummaryRecord({ traceId, revision: 1, rootService: 'one' });
        const r2again = { ...r2, rootService: 'two again' };
        await store.appendTraceSummaries([r2, r1]);
        assert.deepEqual((await store.queryTraceSummaries(query('TraceId', 0, 2e9))).records, [r2]);
        await store.appendTraceSummaries([r2again]);
        const page = await store.queryTraceSummaries(query('TraceId', 0, 2e9));
        assert.deepEqual(page.records, [r2again]);
        assert.equal(page.scanned, 1, 'scanned counts latest revisions only');
      }));

    test('an older revision inside the window does not show when the latest left it', () =>
      withStore(createStore, async ({ store }) => {
        const r1 = makeTraceSummaryRecord({ startTime: 100, endTime: 150 });
        const r2 = { ...r1, revision: 2, endTime: 250 };
        await store.appendTraceSummaries([r1, r2]);
        assert.deepEqual(await ids(store, query('Service', 100, 200)), []);
        assert.deepEqual(await ids(store, query('Service', 200, 300)), [r1.traceId]);
        assert.equal((await store.queryTraceSummaries(query('Service', 100, 200))).scanned, 0);
      }));

    test('TraceId windows select traceEpoch in [from, to), newest first', () =>
      withStore(createStore, async ({ store }) => {
        const at = (epoch: number) => makeTraceSummaryRecord({ traceId: makeTraceId(epoch), traceEpoch: epoch });
        const records = [99, 100, 150, 199, 200].map(at);
        await store.appendTraceSummaries(records);
        const [, first, middle, last] = records as [
          TraceSummaryRecord,
          TraceSummaryRecord,
          TraceSummaryRecord,
          TraceSummaryRecord,
        ];
        assert.deepEqual(
          await ids(store, query('TraceId', 100, 200)),
          [last, middle, first].map((r) => r.traceId),
        );
      }));

    test('Event windows select [startTime, endTime] overlapping [from, to), by endTime', () =>
      withStore(createStore, async ({ store }) => {
        const span = (startTime: number, endTime: number) => makeTraceSummaryRecord({ startTime, endTime });
        const endsAtFrom = span(50, 100);
        const endsBefore = span(50, 99.9);
        const covers = span(50, 300);
        const inside = span(120, 130);
        const startsAtTo = span(200, 210);
        await store.appendTraceSummaries([endsAtFrom, endsBefore, covers, inside, startsAtTo]);
        assert.deepEqual(
          await ids(store, query('Event', 100, 200)),
          [covers, inside, endsAtFrom].map((r) => r.traceId),
        );
      }));

    test('Service windows select endTime in [from, to), by endTime', () =>
      withStore(createStore, async ({ store }) => {
        const span = (startTime: number, endTime: number) => makeTraceSummaryRecord({ startTime, endTime });
        const endsAtFrom = span(50, 100);
        const covers = span(50, 300);
        const inside = span(120, 130);
        const endsAtTo = span(150, 200);
        await store.appendTraceSummaries([endsAtFrom, covers, inside, endsAtTo]);
        assert.deepEqual(
          await ids(store, query('Service', 100, 200)),
          [inside, endsAtFrom].map((r) => r.traceId),
        );
      }));

    test('equal times are ordered by trace ID descending', () =>
      withStore(createStore, async ({ store }) => {
        const records = ['1-00000064-b', '1-00000064-a', '1-00000064-c'].map((traceId) =>
          makeTraceSummaryRecord({ traceId, endTime: 150 }),
        );
        await store.appendTraceSummaries(records);
        assert.deepEqual(await ids(store, query('TraceId', 100, 101)), [
          '1-00000064-c',
          '1-00000064-b',
          '1-00000064-a',
        ]);
        assert.deepEqual(await ids(store, query('Service', 100, 200)), [
          '1-00000064-c',
          '1-00000064-b',
          '1-00000064-a',
        ]);
      }));

    test('pages visit every match exactly once, and their scanned counts add up to the window', () =>
      withStore(createStore, async ({ store }) => {
        // Pairs of equal times make page boundaries fall between equal times too.
        const records = Array.from({ length: 57 }, (_, i) =>
          makeTraceSummaryRecord({ traceEpoch: 1000 + Math.floor(i / 2), hasError: i % 3 === 0 }),
        );
        await store.appendTraceSummaries(records);
        const errors: SummaryPredicate = { kind: 'compare', field: 'hasError', op: '=', value: true };
        for (const [predicate, expected] of [
          [ALL, records],
          [errors, records.filter((r) => r.hasError)],
        ] as const) {
          const seen: string[] = [];
          let scanned = 0;
          let cursor: SummaryQuery['cursor'];
          for (let pages = 0; pages < 100; pages++) {
            const page = await store.queryTraceSummaries(query('TraceId', 0, 2e9, { predicate, limit: 4, cursor }));
            assert.ok(page.records.length <= 4);
            seen.push(...page.records.map((r) => r.traceId));
            scanned += page.scanned;
            cursor = page.nextCursor;
            if (!cursor) break;
          }
          assert.equal(cursor, undefined);
          assert.deepEqual(new Set(seen).size, seen.length, 'no record twice');
          assert.deepEqual([...seen].sort(), expected.map((r) => r.traceId).sort());
          assert.equal(scanned, records.length);
        }
      }));

    test('a page that ends exactly at the last match has no next cursor', () =>
      withStore(createStore, async ({ store }) => {
        const records = [1, 2, 3].map((i) => makeTraceSummaryRecord({ traceEpoch: 1000 + i }));
        await store.appendTraceSummaries(records);
        const page = await store.queryTraceSummaries(query('TraceId', 0, 2e9, { limit: 3 }));
        assert.equal(page.records.length, 3);
        assert.equal(page.nextCursor, undefined);
        const first = await store.queryTraceSummaries(query('TraceId', 0, 2e9, { limit: 2 }));
        assert.deepEqual(first.nextCursor, { time: 1002, traceId: records[1]!.traceId });
        assert.equal(first.scanned, 2);
      }));

    test('an empty store, an empty window and a bad limit', () =>
      withStore(createStore, async ({ store }) => {
        assert.deepEqual(await store.queryTraceSummaries(query('Event', 0, 2e9)), {
          records: [],
          scanned: 0,
          nextCursor: undefined,
        });
        await store.appendTraceSummaries([makeTraceSummaryRecord()]);
        assert.equal((await store.queryTraceSummaries(query('TraceId', 5, 5))).records.length, 0);
        await assert.rejects(store.queryTraceSummaries(query('TraceId', 0, 2e9, { limit: 0 })), RangeError);
      }));
  });
}
