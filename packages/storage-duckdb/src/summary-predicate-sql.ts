/**
 * Translates a `SummaryPredicate` into a DuckDB boolean expression over the `trace_summaries` row
 * aliased `s`, with the semantics of `evaluateSummaryPredicate`: two-valued logic (a NULL comparison
 * is false, so `not` of it is true), mismatched types false, code-point string order (DuckDB's binary
 * collation), and text operators by `contains`/`starts_with`/`ends_with` so `%` and `_` are plain text.
 */
import type {
  CallOutcome,
  CompareOperator,
  RootCauseKind,
  ScalarValue,
  SummaryField,
  SummaryPredicate,
  TextOperator,
} from '@roentgen/storage';
import type { SqlParams } from './sql-params.ts';
import { annotationKeyNeedle, annotationValueNeedle, edgeNeedle, stringNeedle } from './summary-token-columns.ts';
import { decodedListSql } from './token-set.ts';

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

const SERVICE_COLUMNS: Readonly<Record<CallOutcome | 'any', string>> = {
  any: 's.services',
  fault: 's.fault_services',
  error: 's.error_services',
  throttle: 's.throttle_services',
};

const EDGE_COLUMNS: Readonly<Record<CallOutcome | 'any', string>> = {
  any: 's.edge_pairs',
  fault: 's.fault_edge_pairs',
  error: 's.error_edge_pairs',
  throttle: 's.throttle_edge_pairs',
};

const CAUSE_COLUMNS: Readonly<Record<RootCauseKind, string>> = {
  fault: 's.fault_cause_services',
  error: 's.error_cause_services',
  responseTime: 's.response_time_cause_services',
};

/**
 * The SQL boolean expression for `predicate`; its values are bound through `params`. `annotationScope`
 * is a condition on `summary_annotations a` that every row of a matching summary meets (the query's
 * window): annotation subqueries repeat it so that they read only that window's row groups.
 */
export function summaryPredicateSql(predicate: SummaryPredicate, params: SqlParams, annotationScope = 'true'): string {
  return new PredicateSql(params, annotationScope).of(predicate);
}

class PredicateSql {
  constructor(
    private readonly params: SqlParams,
    private readonly annotationScope: string,
  ) {}

  of(predicate: SummaryPredicate): string {
    const params = this.params;
    switch (predicate.kind) {
      case 'true':
        return 'true';
      case 'and':
        return predicate.of.length === 0 ? 'true' : `(${predicate.of.map((p) => this.of(p)).join(' AND ')})`;
      case 'or':
        return predicate.of.length === 0 ? 'false' : `(${predicate.of.map((p) => this.of(p)).join(' OR ')})`;
      case 'not':
        return `(NOT ${this.of(predicate.of)})`;
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
        return containsSql(SERVICE_COLUMNS[predicate.outcome ?? 'any'], stringNeedle(predicate.name), params);
      case 'hasEdge': {
        const needle = edgeNeedle(predicate.source, predicate.target);
        return containsSql(EDGE_COLUMNS[predicate.outcome ?? 'any'], needle, params);
      }
      case 'edgeResponseTime':
        return edgeResponseTimeSql(predicate.source, predicate.target, predicate.op, predicate.value, params);
      case 'rootCauseService':
        return containsSql(CAUSE_COLUMNS[predicate.cause], stringNeedle(predicate.name), params);
      case 'hasUser': {
        if (predicate.op === '=') return containsSql('s.users', stringNeedle(predicate.value), params);
        const test = isTextOperator(predicate.op)
          ? textSql('u', predicate.op, predicate.value, params)
          : compareSql('u', 'string', predicate.op, predicate.value, params);
        return `(len(list_filter(${decodedListSql('s.users')}, lambda u: ${test})) > 0)`;
      }
      case 'annotation':
        return this.annotation(predicate.key, predicate.op, predicate.value);
    }
  }

  private annotation(
    key: string,
    op: CompareOperator | TextOperator | 'present',
    value: ScalarValue | undefined,
  ): string {
    const params = this.params;
    // Presence and equality are token tests on the summary row; the rest needs the typed values.
    if (op === 'present') return containsSql('s.annotation_values', annotationKeyNeedle(key), params);
    if (value === undefined) return 'false';
    if (op === '=') return containsSql('s.annotation_values', annotationValueNeedle(key, value), params);
    let test: string;
    if (isTextOperator(op))
      test = typeof value === 'string' ? textSql(ANNOTATION_COLUMNS.string, op, value, params) : 'false';
    else test = compareSql(ANNOTATION_COLUMNS[typeOf(value)], typeOf(value), op, value, params);
    if (test === 'false') return 'false';
    // A semi-join on seq: DuckDB runs it 3-4 times faster than the equivalent correlated EXISTS.
    return `(s.seq IN (SELECT a.seq FROM summary_annotations a WHERE ${this.annotationScope} AND a.key = ${params.add(key)} AND ${test}))`;
  }
}

/**
 * The time after the edge's needle in `edge_response_times` (see edgeResponseTimesText): the first
 * field is the slowest call, the second the fastest. `contains` first: a row without the pair has
 * nothing to read, and DuckDB tests the cheap conjunct on every row, the parse on the rest.
 */
function edgeResponseTimeSql(
  source: string,
  target: string,
  op: '>' | '>=' | '<' | '<=',
  value: number,
  params: SqlParams,
): string {
  const needle = params.add(edgeNeedle(source, target));
  const field = op === '>' || op === '>=' ? 1 : 2;
  const after = `substr(s.edge_response_times, position(${needle} IN s.edge_response_times) + length(${needle}))`;
  const time = `TRY_CAST(split_part(${after}, chr(1), ${field}) AS DOUBLE)`;
  return `(contains(s.edge_response_times, ${needle}) AND coalesce(${time} ${op} ${params.add(value)}, false))`;
}

function containsSql(column: string, needle: string, params: SqlParams): string {
  return `contains(${column}, ${params.add(needle)})`;
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

function isTextOperator(op: string): op is TextOperator {
  return op === 'contains' || op === 'beginsWith' || op === 'endsWith';
}

function typeOf(value: ScalarValue): ColumnType {
  if (typeof value === 'number') return 'number';
  return typeof value === 'boolean' ? 'boolean' : 'string';
}
