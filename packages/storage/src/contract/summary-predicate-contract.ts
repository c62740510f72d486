/**
 * Contract cases for predicate pushdown: each case names the records it must select, so the
 * semantics of `evaluateSummaryPredicate` are pinned here as data, and every store must agree.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SummaryPredicate, TraceSummaryRecord } from '../trace-summary-record.ts';
import { evaluateSummaryPredicate } from '../summary-predicate.ts';
import type { ContractStoreFactory } from './contract-harness.ts';
import { withStore } from './contract-harness.ts';
import { TRICKY_STRINGS, makeTraceSummaryRecord } from './record-builders.ts';

const record = (name: string, overrides: Partial<TraceSummaryRecord>): TraceSummaryRecord =>
  makeTraceSummaryRecord({ traceId: `1-00000064-${name}`, traceEpoch: 100, ...overrides });

/** Records the cases select from, named by the last part of their trace ID. */
const RECORDS: readonly TraceSummaryRecord[] = [
  record('fast', {
    responseTime: 0.2,
    users: ['alice'],
    annotations: { tier: ['gold'], age: [30] },
    services: ['checkout', 'api'],
    edges: [
      {
        source: 'checkout',
        target: 'api',
        fault: false,
        error: true,
        throttle: true,
        slowestResponseTime: 0.15,
        fastestResponseTime: 0.05,
      },
    ],
    errorServices: ['api'],
    throttleServices: ['api'],
    rootCauseServices: { fault: [], error: ['checkout', 'api'], responseTime: [] },
  }),
  record('slow', {
    responseTime: 3,
    hasFault: true,
    httpStatus: 503,
    annotations: { tier: ['silver', 'gold'] },
    services: ['checkout', 'api', 'db'],
    faultServices: ['checkout', 'db'],
    edges: [
      {
        source: 'checkout',
        target: 'api',
        fault: false,
        error: false,
        throttle: false,
        slowestResponseTime: 2.9,
        fastestResponseTime: 2.9,
      },
      { source: 'api', target: 'db', fault: true, error: false, throttle: false },
    ],
    rootCauseServices: { fault: ['checkout', 'api', 'db'], error: [], responseTime: ['checkout'] },
  }),
  record('bare', {
    responseTime: 1,
    httpStatus: undefined,
    httpUrl: undefined,
    rootService: undefined,
    services: ['api', "O'Brien"],
    annotations: { internal: [false], age: ['30'] },
    edges: [
      { source: "O'Brien", target: 'api', fault: false, error: false, throttle: false },
      {
        source: 'api\u0003',
        target: "O'Brien",
        fault: true,
        error: false,
        throttle: false,
        slowestResponseTime: 1e-7,
        fastestResponseTime: 1e-7,
      },
    ],
  }),
  record('odd', {
    responseTime: 1.5,
    hasError: true,
    httpStatus: 404,
    httpUrl: "https://x/'); DROP TABLE trace_summaries; --",
    userAgent: '100%_sure\\',
    users: ["O'Brien", 'bob'],
    annotations: { "it's": ['say "hi"'], age: [7.5] },
  }),
  record('uni', { httpMethod: 'PÖST', clientIp: '🧪', annotations: { tier: ['\uffff'] }, users: ['𝔘'] }),
];

const c = (field: 'responseTime' | 'httpStatus' | 'httpUrl' | 'userAgent' | 'hasFault' | 'traceId' | 'httpMethod') =>
  ({
    eq: (value: string | number | boolean): SummaryPredicate => ({ kind: 'compare', field, op: '=', value }),
    ne: (value: string | number | boolean): SummaryPredicate => ({ kind: 'compare', field, op: '!=', value }),
  }) as const;

const edgeTime = (source: string, target: string, op: '>' | '>=' | '<' | '<=', value: number): SummaryPredicate => ({
  kind: 'edgeResponseTime',
  source,
  target,
  op,
  value,
});

const CASES: readonly (readonly [string, SummaryPredicate, string])[] = [
  ['true selects everything', { kind: 'true' }, 'fast slow bare odd uni'],
  ['number >', { kind: 'compare', field: 'responseTime', op: '>', value: 1 }, 'slow odd'],
  ['number <=', { kind: 'compare', field: 'responseTime', op: '<=', value: 1 }, 'fast bare uni'],
  ['= on a boolean', c('hasFault').eq(true), 'slow'],
  ['< on a boolean is false', { kind: 'compare', field: 'hasFault', op: '<', value: true }, ''],
  ['absent field never compares', c('httpStatus').ne(200), 'slow odd'],
  ['not of an absent comparison is true', { kind: 'not', of: c('httpStatus').eq(200) }, 'slow bare odd'],
  ['mismatched type compares false', c('httpStatus').eq('200'), ''],
  ['string < by code point', { kind: 'compare', field: 'httpMethod', op: '>', value: 'POST' }, 'uni'],
  ['present', { kind: 'present', field: 'httpUrl' }, 'fast slow odd uni'],
  ['contains with quotes', { kind: 'text', field: 'httpUrl', op: 'contains', value: "'); DROP" }, 'odd'],
  ['% and _ are not patterns', { kind: 'text', field: 'userAgent', op: 'contains', value: '%_' }, 'odd'],
  ['beginsWith', { kind: 'text', field: 'userAgent', op: 'beginsWith', value: 'curl/' }, 'fast slow bare uni'],
  ['endsWith a backslash', { kind: 'text', field: 'userAgent', op: 'endsWith', value: '\\' }, 'odd'],
  ['text on a number field is false', { kind: 'text', field: 'responseTime', op: 'contains', value: '1' }, ''],
  ['traceId', c('traceId').eq('1-00000064-bare'), 'bare'],
  ['empty and', { kind: 'and', of: [] }, 'fast slow bare odd uni'],
  ['empty or', { kind: 'or', of: [] }, ''],
  [
    'and / or / not',
    { kind: 'or', of: [c('hasFault').eq(true), { kind: 'and', of: [{ kind: 'not', of: c('httpStatus').eq(200) }] }] },
    'slow bare odd',
  ],
  ['hasService with a quote', { kind: 'hasService', name: "O'Brien" }, 'bare'],
  ['hasService with an outcome', { kind: 'hasService', name: 'db', outcome: 'fault' }, 'slow'],
  ['hasService error', { kind: 'hasService', name: 'api', outcome: 'error' }, 'fast'],
  ['hasService throttle, no such', { kind: 'hasService', name: 'checkout', outcome: 'throttle' }, ''],
  ['hasEdge', { kind: 'hasEdge', source: 'checkout', target: 'api' }, 'fast slow'],
  ['hasEdge is directed', { kind: 'hasEdge', source: 'api', target: 'checkout' }, ''],
  ['hasEdge fault', { kind: 'hasEdge', source: 'api', target: 'db', outcome: 'fault' }, 'slow'],
  ['hasEdge throttle', { kind: 'hasEdge', source: 'checkout', target: 'api', outcome: 'throttle' }, 'fast'],
  ['hasEdge, names with quotes', { kind: 'hasEdge', source: "O'Brien", target: 'api' }, 'bare'],
  ['hasEdge, no joining of names', { kind: 'hasEdge', source: 'api', target: "\u0003O'Brien" }, ''],
  [
    'hasEdge, control characters',
    { kind: 'hasEdge', source: 'api\u0003', target: "O'Brien", outcome: 'fault' },
    'bare',
  ],
  ['edgeResponseTime > tests the slowest call', edgeTime('checkout', 'api', '>', 0.1), 'fast slow'],
  ['edgeResponseTime >= at the slowest call', edgeTime('checkout', 'api', '>=', 2.9), 'slow'],
  ['edgeResponseTime < tests the fastest call', edgeTime('checkout', 'api', '<', 0.1), 'fast'],
  ['edgeResponseTime <= at the fastest call', edgeTime('checkout', 'api', '<=', 2.9), 'fast slow'],
  ['edgeResponseTime, no completed call', edgeTime('api', 'db', '>=', -1), ''],
  ['edgeResponseTime, control characters, tiny time', edgeTime('api\u0003', "O'Brien", '<', 1e-6), 'bare'],
  ['rootCauseService fault', { kind: 'rootCauseService', cause: 'fault', name: 'api' }, 'slow'],
  ['rootCauseService error', { kind: 'rootCauseService', cause: 'error', name: 'api' }, 'fast'],
  ['rootCauseService responseTime', { kind: 'rootCauseService', cause: 'responseTime', name: 'checkout' }, 'slow'],
  ['hasUser =', { kind: 'hasUser', op: '=', value: "O'Brien" }, 'odd'],
  ['hasUser beginsWith', { kind: 'hasUser', op: 'beginsWith', value: 'b' }, 'odd'],
  ['hasUser > by code point', { kind: 'hasUser', op: '>', value: '\uffff' }, 'uni'],
  ['annotation string, any value', { kind: 'annotation', key: 'tier', op: '=', value: 'gold' }, 'fast slow'],
  ['annotation !=, any value', { kind: 'annotation', key: 'tier', op: '!=', value: 'gold' }, 'slow uni'],
  ['annotation number', { kind: 'annotation', key: 'age', op: '>=', value: 7.5 }, 'fast odd'],
  ['annotation number vs string value', { kind: 'annotation', key: 'age', op: '=', value: '30' }, 'bare'],
  ['annotation boolean', { kind: 'annotation', key: 'internal', op: '=', value: false }, 'bare'],
  ['annotation present', { kind: 'annotation', key: 'age', op: 'present' }, 'fast bare odd'],
  ['annotation key with a quote', { kind: 'annotation', key: "it's", op: 'contains', value: '"hi"' }, 'odd'],
  ['annotation text on a number', { kind: 'annotation', key: 'age', op: 'beginsWith', value: '3' }, 'bare'],
  ['unknown annotation', { kind: 'annotation', key: 'nope', op: 'present' }, ''],
  ...TRICKY_STRINGS.map((text) => [`injection as data: ${JSON.stringify(text)}`, c('httpUrl').eq(text), ''] as const),
];

/** Registers the predicate cases. */
export function describeSummaryPredicateContract(createStore: ContractStoreFactory): void {
  describe('trace summary predicates', () => {
    test('the reference evaluator selects what each case names', () => {
      for (const [name, predicate, expected] of CASES) {
        const selected = RECORDS.filter((r) => evaluateSummaryPredicate(predicate, r));
        assert.deepEqual(selected.map(shortName).join(' '), expected, name);
      }
    });

    test('the store selects what each case names', () =>
      withStore(createStore, async ({ store }) => {
        await store.appendTraceSummaries(RECORDS);
        for (const [name, predicate, expected] of CASES) {
          const page = await store.queryTraceSummaries({
            timeRangeType: 'TraceId',
            from: 0,
            to: 1000,
            predicate,
            limit: 100,
          });
          const selected = RECORDS.filter((r) => page.records.some((p) => p.traceId === r.traceId));
          assert.deepEqual(selected.map(shortName).join(' '), expected, name);
          assert.equal(page.scanned, RECORDS.length, name);
        }
        assert.equal((await store.stats()).traceSummaries, RECORDS.length, 'nothing was dropped');
      }));
  });
}

function shortName(r: TraceSummaryRecord): string {
  return r.traceId.slice('1-00000064-'.length);
}
