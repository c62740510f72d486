/**
 * Translates a `SummaryPredicate` into a DuckDB boolean expression over the `trace_summaries` row
 * aliased `s`, with the semantics of `evaluateSummaryPredicate`: two-valued logic (a NULL comparison
 * is false, so `not` of it is true), mismatched types false, code-point string order (DuckDB's binary
 * collation), and text operators by `contains`/`starts_with`/`ends_with` so `%` and `_` are plain text.
 */
import type { CompareOperator, ScalarValue, SummaryField, SummaryPredicate, TextOperator } from '@roentgen/storage';
import type { SqlParams } from './sql-params.ts';

type ColumnType = 'number' | 'boolean' | 'string';

const COLUMNS: Readonly<Record<SummaryField, readonly [string, ColumnType]>> = {
  responseTime: ['s.response_time', 'number'],
  duration: ['s.duration', 'number'],
  hasFault: ['s.has_fault', 'boolean'],
  hasError: ['s.has_error', 'boolean'],
  hasThrottle: ['s.has_throttle', 'boolean'],
  isPartial: ['s.is_partial', 'boolean'],
  httpStatus: ['s.http_status', 'number'],
  httpUrl: ['s.http_url', 'string'],
  httpMethod: ['s.http_method', 'string'],
  userAgent: ['s.user_agent', 'string'],
  clientIp: ['s.client_ip', 'string'],
  rootService: ['s.root_service', 'string'],
  traceId: ['s.trace_id', 'string'],
};

// Annotation values live in one typed column each (see duckdb-schema.ts).
const ANNOTATION_COLUMNS: Readonly<Record<ColumnType, string>> = {
  number: 'a.num_value',
  boolean: 'a.bool_value',
  string: 'a.str_value',
};

const TEXT_FUNCTIONS: Readonly<Record<TextOperator, string>> = {
  contains: 'contains',
  beginsWith: 'starts_with',
  endsWith: 'ends_with',
};

/** The SQL boolean expression for `predicate`; its values are bound through `params`. */
export function summaryPredicateSql(predicate: SummaryPredicate, params: SqlParams): string {
  switch (predicate.kind) {
    case 'true':
      return 'true';
    case 'and':
      return predicate.of.length === 0
        ? 'true'
        : `(${predicate.of.map((p) => summaryPredicateSql(p, params)).join(' AND ')})`;
    case 'or':
      return predicate.of.length === 0
        ? 'false'
        : `(${predicate.of.map((p) => summaryPredicateSql(p, params)).join(' OR ')})`;
    case 'not':
      return `(NOT ${summaryPredicateSql(predicate.of, params)})`;
    case 'compare': {
      const [column, type] = COLUMNS[predicate.field];
      return compareSql(column, type, predicate.op, predicate.value, params);
    }
    case 'text': {
      const [column, type] = COLUMNS[predicate.field];
      return type === 'string' ? textSql(column, predicate.op, predicate.value, params) : 'false';
    }
    case 'present':
      return `(${COLUMNS[predicate.field][0]} IS NOT NULL)`;
    case 'hasService':
      return `coalesce(list_contains(s.services, ${params.add(predicate.name)}), false)`;
    case 'hasUser': {
      const test = isTextOperator(predicate.op)
        ? textSql('u', predicate.op, predicate.value, params)
        : compareSql('u', 'string', predicate.op, predicate.value, params);
      return `(len(list_filter(s.users, lambda u: ${test})) > 0)`;
    }
    case 'annotation':
      return annotationSql(predicate.key, predicate.op, predicate.value, params);
  }
}

function compareSql(
  column: string,
  type: ColumnType,
  op: CompareOperator,
  value: ScalarValue,
  params: SqlParams,
): string {
  if (typeOf(value) !== type) return 'false';
  if (type === 'boolean' && op !== '=' && op !== '!=') return 'false';
  return `coalesce(${column} ${op} ${params.add(value)}, false)`;
}

function textSql(column: string, op: TextOperator, value: string, params: SqlParams): string {
  return `coalesce(${TEXT_FUNCTIONS[op]}(${column}, ${params.add(value)}), false)`;
}

function annotationSql(
  key: string,
  op: CompareOperator | TextOperator | 'present',
  value: ScalarValue | undefined,
  params: SqlParams,
): string {
  let test: string;
  if (op === 'present') test = 'true';
  else if (value === undefined) return 'false';
  else if (isTextOperator(op))
    test = typeof value === 'string' ? textSql(ANNOTATION_COLUMNS.string, op, value, params) : 'false';
  else test = compareSql(ANNOTATION_COLUMNS[typeOf(value)], typeOf(value), op, value, params);
  if (test === 'false') return 'false';
  // A semi-join on seq: DuckDB runs it 3-4 times faster than the equivalent correlated EXISTS.
  return `(s.seq IN (SELECT a.seq FROM summary_annotations a WHERE a.key = ${params.add(key)} AND ${test}))`;
}

function isTextOperator(op: string): op is TextOperator {
  return op === 'contains' || op === 'beginsWith' || op === 'endsWith';
}

function typeOf(value: ScalarValue): ColumnType {
  if (typeof value === 'number') return 'number';
  return typeof value === 'boolean' ? 'boolean' : 'string';
}
