/**
 * Translates a checked filter expression into a `SummaryPredicate` the store evaluates itself, so
 * that only candidates reach the exact in-memory check. Each term gets two bounds: `upper` selects a
 * superset of the traces that meet it, `lower` a subset; `not` swaps them, which keeps the top-level
 * `upper` a superset however deep negations nest. Where both bounds are the same object, the
 * translation is exact, and when the whole expression is exact the in-memory check can be skipped.
 */
import type { Comparison, FilterExpression, GroupFacts, NodeRef } from '@roentgen/filter';
import { parseFilterExpression } from '@roentgen/filter';
import type { CompareOperator, ScalarValue, SummaryField, SummaryPredicate, TextOperator } from '@roentgen/storage';
import { edgeFilterPushdown, rootCauseNamePushdown, serviceFilterPushdown } from './scoped-pushdown.ts';

/** The predicate to send to the store, and whether it decides the expression on its own. */
export interface Pushdown {
  readonly predicate: SummaryPredicate;
  readonly exact: boolean;
}

/** Lower and upper bounds of one term; `exact` when they are the same predicate. */
export interface Bounds {
  readonly upper: SummaryPredicate;
  readonly lower: SummaryPredicate;
}

export const TRUE: SummaryPredicate = { kind: 'true' };
export const FALSE: SummaryPredicate = { kind: 'not', of: TRUE };
export const UNKNOWN: Bounds = { upper: TRUE, lower: FALSE };

/** `groups` resolves `group.name`/`group.arn` terms to the group's own expression. */
export function pushdownFilter(expression: FilterExpression, groups: readonly GroupFacts[] = []): Pushdown {
  const bounds = new Translator(groups).bounds(expression);
  return { predicate: bounds.upper, exact: bounds.upper === bounds.lower };
}

export function exactly(predicate: SummaryPredicate): Bounds {
  return { upper: predicate, lower: predicate };
}

export function and(of: SummaryPredicate[]): SummaryPredicate {
  if (of.some((p) => p === FALSE)) return FALSE;
  const kept = of.filter((p) => p !== TRUE);
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? (kept[0] as SummaryPredicate) : { kind: 'and', of: kept };
}

function or(of: SummaryPredicate[]): SummaryPredicate {
  if (of.some((p) => p === TRUE)) return TRUE;
  const kept = of.filter((p) => p !== FALSE);
  if (kept.length === 0) return FALSE;
  return kept.length === 1 ? (kept[0] as SummaryPredicate) : { kind: 'or', of: kept };
}

function not(of: SummaryPredicate): SummaryPredicate {
  if (of === TRUE) return FALSE;
  if (of === FALSE) return TRUE;
  return { kind: 'not', of };
}

// Combines bounds, keeping one object for both when every operand is exact.
function combine(parts: Bounds[], join: (of: SummaryPredicate[]) => SummaryPredicate): Bounds {
  const upper = join(parts.map((p) => p.upper));
  if (parts.every((p) => p.upper === p.lower)) return exactly(upper);
  return { upper, lower: join(parts.map((p) => p.lower)) };
}

const BOOLEAN_FIELDS: Readonly<Record<string, SummaryField>> = {
  fault: 'hasFault',
  error: 'hasError',
  throttle: 'hasThrottle',
  partial: 'isPartial',
};

const ROOT_HTTP_FIELDS: Readonly<Record<string, SummaryField>> = {
  'http.status': 'httpStatus',
  'http.url': 'httpUrl',
  'http.method': 'httpMethod',
  'http.useragent': 'userAgent',
  'http.clientip': 'clientIp',
};

const TEXT_OPERATORS: Readonly<Partial<Record<Comparison['operator'], TextOperator>>> = {
  CONTAINS: 'contains',
  BEGINSWITH: 'beginsWith',
  ENDSWITH: 'endsWith',
};

class Translator {
  private readonly expanding = new Set<GroupFacts>();

  constructor(private readonly groups: readonly GroupFacts[]) {}

  bounds(expression: FilterExpression): Bounds {
    switch (expression.kind) {
      case 'and':
        return combine(
          expression.operands.map((o) => this.bounds(o)),
          and,
        );
      case 'or':
        return combine(
          expression.operands.map((o) => this.bounds(o)),
          or,
        );
      case 'not': {
        const inner = this.bounds(expression.operand);
        if (inner.upper === inner.lower) return exactly(not(inner.upper));
        return { upper: not(inner.lower), lower: not(inner.upper) };
      }
      case 'keyword':
        return keywordBounds(expression.name, expression.comparison);
      case 'annotation':
        return annotationBounds(expression.key, expression.comparison);
      case 'group':
        return this.groupBounds(expression.field, expression.comparison);
      case 'service':
        return serviceFilterPushdown(expression.node, expression.filter);
      case 'edge':
        return edgeFilterPushdown(expression.source, expression.target, expression.filter);
      case 'rootcause':
        return expression.level === 'service' ? rootCauseNamePushdown(expression.cause, expression.filter) : UNKNOWN;
      case 'rootcause-json':
        return UNKNOWN;
    }
  }

  private groupBounds(field: 'name' | 'arn', comparison: Comparison): Bounds {
    const wanted = comparison.value.value;
    const group = this.groups.find((g) => (field === 'name' ? g.name : g.arn) === wanted);
    if (!group) return exactly(FALSE);
    if (this.expanding.has(group)) return UNKNOWN;
    this.expanding.add(group);
    try {
      const text = group.filterExpression ?? '';
      const meets = text.trim() === '' ? exactly(TRUE) : this.bounds(parseFilterExpression(text));
      if (comparison.operator !== '!=') return meets;
      return meets.upper === meets.lower
        ? exactly(not(meets.upper))
        : { upper: not(meets.lower), lower: not(meets.upper) };
    } finally {
      this.expanding.delete(group);
    }
  }
}

/** `hasService(name)` for a node named outright or by `id(name: …)`; any trace otherwise. */
export function nodePresent(node: NodeRef): SummaryPredicate {
  const name = node.name;
  return name === undefined ? TRUE : { kind: 'hasService', name };
}

function keywordBounds(name: string, comparison: Comparison | undefined): Bounds {
  const booleanField = BOOLEAN_FIELDS[name];
  if (booleanField !== undefined) return booleanBounds(booleanField, comparison);
  if (name === 'ok') return booleanValueBounds(OK, comparison);
  const httpField = ROOT_HTTP_FIELDS[name];
  if (httpField !== undefined) {
    if (comparison === undefined) return exactly({ kind: 'present', field: httpField });
    return comparisonBounds(httpField, comparison);
  }
  if (name === 'duration' && comparison !== undefined) return comparisonBounds('duration', comparison);
  if (name === 'responsetime' && comparison !== undefined) {
    // A trace whose root is in progress has no response time; the column holds 0 for it, so only
    // complete (not partial) traces are sure to compare as the column says.
    const { upper } = comparisonBounds('responseTime', comparison);
    return { upper, lower: and([upper, { kind: 'compare', field: 'isPartial', op: '=', value: false }]) };
  }
  if (name === 'user' && comparison !== undefined) return userBounds(comparison);
  return UNKNOWN;
}

// `ok`: no fault, error or throttle, and a 2XX status when one is recorded (keyword-values.ts `isOk`).
const OK: SummaryPredicate = and([
  { kind: 'compare', field: 'hasFault', op: '=', value: false },
  { kind: 'compare', field: 'hasError', op: '=', value: false },
  { kind: 'compare', field: 'hasThrottle', op: '=', value: false },
  or([
    not({ kind: 'present', field: 'httpStatus' }),
    and([
      { kind: 'compare', field: 'httpStatus', op: '>=', value: 200 },
      { kind: 'compare', field: 'httpStatus', op: '<', value: 300 },
    ]),
  ]),
]);

function booleanBounds(field: SummaryField, comparison: Comparison | undefined): Bounds {
  return booleanValueBounds({ kind: 'compare', field, op: '=', value: true }, comparison);
}

// Booleans are always recorded, so `= false` and `!= true` are the negation of the bare keyword.
function booleanValueBounds(isTrue: SummaryPredicate, comparison: Comparison | undefined): Bounds {
  if (comparison === undefined) return exactly(isTrue);
  const value = comparison.value.value;
  if (typeof value !== 'boolean') return exactly(FALSE);
  // The evaluator orders booleans as JavaScript does; leave such oddities to it.
  if (comparison.operator !== '=' && comparison.operator !== '!=') return UNKNOWN;
  const wantsTrue = (comparison.operator === '=') === value;
  return exactly(wantsTrue ? isTrue : not(isTrue));
}

/**
 * A comparison the column decides exactly, except ordering of strings: the evaluator orders them by
 * UTF-16 code unit, stores by code point, which differ for characters above U+FFFF.
 */
function comparisonBounds(field: SummaryField, comparison: Comparison): Bounds {
  const value: ScalarValue = comparison.value.value;
  const text = TEXT_OPERATORS[comparison.operator];
  if (text !== undefined) {
    // The evaluator applies text operators to the text of numbers too; only strings are pushed.
    return typeof value === 'string' ? exactly({ kind: 'text', field, op: text, value }) : presentOnly(field);
  }
  const op = comparison.operator as CompareOperator;
  if (typeof value !== 'number' && op !== '=' && op !== '!=') return presentOnly(field);
  return exactly({ kind: 'compare', field, op, value });
}

function presentOnly(field: SummaryField): Bounds {
  return { upper: { kind: 'present', field }, lower: FALSE };
}

function userBounds(comparison: Comparison): Bounds {
  const value = comparison.value.value;
  if (typeof value !== 'string') return exactly(FALSE);
  const op = TEXT_OPERATORS[comparison.operator] ?? (comparison.operator as CompareOperator);
  if (op !== '=' && op !== '!=' && TEXT_OPERATORS[comparison.operator] === undefined) return UNKNOWN;
  return exactly({ kind: 'hasUser', op, value });
}

function annotationBounds(key: string, comparison: Comparison | undefined): Bounds {
  if (comparison === undefined) return exactly({ kind: 'annotation', key, op: 'present' });
  const value = comparison.value.value;
  const text = TEXT_OPERATORS[comparison.operator];
  const present: Bounds = { upper: { kind: 'annotation', key, op: 'present' }, lower: FALSE };
  if (text !== undefined)
    return typeof value === 'string' ? exactly({ kind: 'annotation', key, op: text, value }) : present;
  const op = comparison.operator as CompareOperator;
  if (typeof value !== 'number' && op !== '=' && op !== '!=') return present;
  return exactly({ kind: 'annotation', key, op, value });
}
