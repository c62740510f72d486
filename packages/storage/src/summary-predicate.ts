/**
 * The reference evaluation of a `SummaryPredicate` on one `TraceSummaryRecord`. The in-memory store
 * filters with it, and adapters that translate predicates into their own query language are tested
 * against it, so every corner (absent fields, mismatched types, empty `and`/`or`) is decided here.
 */
import type {
  CallOutcome,
  CompareOperator,
  ScalarValue,
  SummaryField,
  SummaryPredicate,
  TextOperator,
  TraceSummaryRecord,
} from './trace-summary-record.ts';

/**
 * Evaluates `predicate` on `record` in two-valued logic: a comparison with an absent field, or with a
 * value of another type (a number against a string field, say), is false, and `not` of it is true.
 * Booleans support only `=` and `!=`; text operators apply to strings only. Strings order by Unicode
 * code point (the byte order of their UTF-8), which is what SQL engines with binary collation use.
 * An empty `and` is true, an empty `or` false. An annotation is `present` when it has a value.
 */
export function evaluateSummaryPredicate(predicate: SummaryPredicate, record: TraceSummaryRecord): boolean {
  switch (predicate.kind) {
    case 'true':
      return true;
    case 'and':
      return predicate.of.every((p) => evaluateSummaryPredicate(p, record));
    case 'or':
      return predicate.of.some((p) => evaluateSummaryPredicate(p, record));
    case 'not':
      return !evaluateSummaryPredicate(predicate.of, record);
    case 'compare':
      return compareScalar(fieldValue(record, predicate.field), predicate.op, predicate.value);
    case 'text':
      return matchText(fieldValue(record, predicate.field), predicate.op, predicate.value);
    case 'present':
      return fieldValue(record, predicate.field) !== undefined;
    case 'hasService':
      return servicesWith(record, predicate.outcome).includes(predicate.name);
    case 'hasEdge': {
      const { source, target, outcome } = predicate;
      return record.edges.some(
        (e) => e.source === source && e.target === target && (outcome === undefined || e[outcome]),
      );
    }
    case 'edgeResponseTime': {
      const { source, target, op, value } = predicate;
      return record.edges.some((e) => {
        if (e.source !== source || e.target !== target) return false;
        const time = op === '>' || op === '>=' ? e.slowestResponseTime : e.fastestResponseTime;
        return time !== undefined && compareScalar(time, op, value);
      });
    }
    case 'rootCauseService':
      return record.rootCauseServices[predicate.cause].includes(predicate.name);
    case 'hasUser':
      return record.users.some((user) => matchScalar(user, predicate.op, predicate.value));
    case 'annotation': {
      const values = record.annotations[predicate.key] ?? [];
      const { op, value } = predicate;
      if (op === 'present') return values.length > 0;
      if (value === undefined) return false;
      return values.some((v) => matchScalar(v, op, value));
    }
  }
}

/** The service names a `hasService` predicate with this outcome looks in. */
export function servicesWith(record: TraceSummaryRecord, outcome: CallOutcome | undefined): readonly string[] {
  switch (outcome) {
    case undefined:
      return record.services;
    case 'fault':
      return record.faultServices;
    case 'error':
      return record.errorServices;
    case 'throttle':
      return record.throttleServices;
  }
}

/** The value of a pushdown field of a record; `undefined` when the record has none. */
export function fieldValue(record: TraceSummaryRecord, field: SummaryField): ScalarValue | undefined {
  return record[field];
}

const TEXT_OPERATORS: ReadonlySet<string> = new Set<TextOperator>(['contains', 'beginsWith', 'endsWith']);

function matchScalar(actual: ScalarValue, op: CompareOperator | TextOperator, expected: ScalarValue): boolean {
  if (TEXT_OPERATORS.has(op)) {
    return typeof expected === 'string' && matchText(actual, op as TextOperator, expected);
  }
  return compareScalar(actual, op as CompareOperator, expected);
}

function compareScalar(actual: ScalarValue | undefined, op: CompareOperator, expected: ScalarValue): boolean {
  if (actual === undefined || typeof actual !== typeof expected) return false;
  if (typeof actual === 'boolean') {
    if (op === '=') return actual === expected;
    if (op === '!=') return actual !== expected;
    return false;
  }
  const order =
    typeof actual === 'number'
      ? compareNumbers(actual, expected as number)
      : compareCodePoints(actual, expected as string);
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function matchText(actual: ScalarValue | undefined, op: TextOperator, expected: string): boolean {
  if (typeof actual !== 'string') return false;
  switch (op) {
    case 'contains':
      return actual.includes(expected);
    case 'beginsWith':
      return actual.startsWith(expected);
    case 'endsWith':
      return actual.endsWith(expected);
  }
}

/**
 * Orders two strings by Unicode code point, negative when `a` comes first. JavaScript's `<` compares
 * UTF-16 code units, which puts U+10000 and above before U+E000..U+FFFF; engines compare UTF-8 bytes.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

// Moves surrogates (which encode code points above U+FFFF) after U+E000..U+FFFF.
function codeUnitRank(unit: number): number {
  if (unit < 0xd800) return unit;
  if (unit <= 0xdfff) return unit + 0x2000;
  return unit - 0x800;
}
