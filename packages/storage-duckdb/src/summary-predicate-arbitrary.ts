/**
 * fast-check generators of summary records and predicates for the differential tests: values are
 * drawn from small pools (so that predicates often match) mixed with arbitrary unicode strings.
 */
import fc from 'fast-check';
import type {
  CallOutcome,
  CompareOperator,
  RootCauseKind,
  ScalarValue,
  SummaryEdge,
  SummaryField,
  SummaryPredicate,
  TextOperator,
  TraceSummaryRecord,
} from '@roentgen/storage';
import { TRICKY_STRINGS, makeTraceSummaryRecord } from '@roentgen/storage/contract';

const WORDS = ['', 'a', 'ab', 'B', 'GET', 'POST', 'gold', '\uffff', '𝔘', ...TRICKY_STRINGS];
const word = fc.oneof(fc.constantFrom(...WORDS), fc.fullUnicodeString({ maxLength: 6 }));
const number = fc.oneof(
  fc.constantFrom(0, 1, 1.5, 200, 404, 503, -2),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const scalar: fc.Arbitrary<ScalarValue> = fc.oneof(word, number, fc.boolean());
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const KEYS = ['tier', 'age', "it's", 'k'];
const responseTimes = fc.option(fc.tuple(number, number), { nil: undefined }).map((pair) => {
  if (pair === undefined) return {};
  const [a, b] = pair;
  return { slowestResponseTime: Math.max(a, b), fastestResponseTime: Math.min(a, b) };
});
const edge: fc.Arbitrary<SummaryEdge> = fc
  .tuple(
    fc.record({ source: word, target: word, fault: fc.boolean(), error: fc.boolean(), throttle: fc.boolean() }),
    responseTimes,
  )
  .map(([flags, times]) => ({ ...flags, ...times }));
// A record has one edge entry per (source, target) pair, as summaryEdges builds them.
const edges = fc.uniqueArray(edge, { maxLength: 3, selector: (e) => JSON.stringify([e.source, e.target]) });
const outcome = fc.option(fc.constantFrom<CallOutcome[]>('fault', 'error', 'throttle'), { nil: undefined });
const withOutcome = <T extends object>(base: T, o: CallOutcome | undefined): T =>
  o === undefined ? base : { ...base, outcome: o };

/** A summary record with pooled field values; `traceId` is made unique by the caller's index. */
export function summaryRecordArbitrary(index: number): fc.Arbitrary<TraceSummaryRecord> {
  return fc
    .record({
      responseTime: number,
      duration: number,
      hasFault: fc.boolean(),
      hasError: fc.boolean(),
      hasThrottle: fc.boolean(),
      isPartial: fc.boolean(),
      httpStatus: maybe(fc.constantFrom(200, 404, 429, 503)),
      httpUrl: maybe(word),
      httpMethod: maybe(word),
      userAgent: maybe(word),
      clientIp: maybe(word),
      rootService: maybe(word),
      services: fc.array(word, { maxLength: 3 }),
      faultServices: fc.array(word, { maxLength: 2 }),
      errorServices: fc.array(word, { maxLength: 2 }),
      throttleServices: fc.array(word, { maxLength: 2 }),
      edges,
      rootCauseServices: fc.record({
        fault: fc.array(word, { maxLength: 2 }),
        error: fc.array(word, { maxLength: 2 }),
        responseTime: fc.array(word, { maxLength: 2 }),
      }),
      users: fc.array(word, { maxLength: 3 }),
      annotations: fc.dictionary(fc.constantFrom(...KEYS), fc.array(scalar, { maxLength: 3 }), { maxKeys: 3 }),
    })
    .map((fields) => makeTraceSummaryRecord({ ...fields, traceId: `1-00000064-${index}`, traceEpoch: 100 }));
}

const FIELDS: SummaryField[] = [
  'responseTime',
  'duration',
  'hasFault',
  'hasError',
  'hasThrottle',
  'isPartial',
  'httpStatus',
  'httpUrl',
  'httpMethod',
  'userAgent',
  'clientIp',
  'rootService',
  'traceId',
];
const compareOp = fc.constantFrom<CompareOperator[]>('=', '!=', '<', '<=', '>', '>=');
const textOp = fc.constantFrom<TextOperator[]>('contains', 'beginsWith', 'endsWith');

const leaf: fc.Arbitrary<SummaryPredicate> = fc.oneof(
  fc.constant<SummaryPredicate>({ kind: 'true' }),
  fc.record({ kind: fc.constant('compare' as const), field: fc.constantFrom(...FIELDS), op: compareOp, value: scalar }),
  fc.record({ kind: fc.constant('text' as const), field: fc.constantFrom(...FIELDS), op: textOp, value: word }),
  fc.record({ kind: fc.constant('present' as const), field: fc.constantFrom(...FIELDS) }),
  fc.tuple(word, outcome).map(([name, o]) => withOutcome<SummaryPredicate>({ kind: 'hasService', name }, o)),
  fc
    .tuple(word, word, outcome)
    .map(([source, target, o]) => withOutcome<SummaryPredicate>({ kind: 'hasEdge', source, target }, o)),
  fc.record({
    kind: fc.constant('edgeResponseTime' as const),
    source: word,
    target: word,
    op: fc.constantFrom<('>' | '>=' | '<' | '<=')[]>('>', '>=', '<', '<='),
    value: number,
  }),
  fc.record({
    kind: fc.constant('rootCauseService' as const),
    cause: fc.constantFrom<RootCauseKind[]>('fault', 'error', 'responseTime'),
    name: word,
  }),
  fc.record({ kind: fc.constant('hasUser' as const), op: fc.oneof(compareOp, textOp), value: word }),
  fc.record({
    kind: fc.constant('annotation' as const),
    key: fc.constantFrom(...KEYS, 'missing'),
    op: fc.oneof(compareOp, textOp, fc.constant('present' as const)),
    value: maybe(scalar),
  }),
);

/** A predicate tree of every kind, at most a few levels deep. */
export const summaryPredicateArbitrary: fc.Arbitrary<SummaryPredicate> = fc.letrec<{ node: SummaryPredicate }>(
  (tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ kind: fc.constant('and' as const), of: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('or' as const), of: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('not' as const), of: tie('node') }),
    ),
  }),
).node;
