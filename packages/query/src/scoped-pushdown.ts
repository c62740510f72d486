/**
 * Store bounds for the terms whose sub-filter looks at one service, call or root-cause element. The
 * store knows, per trace, which nodes and edges it has, which of them faulted, erred or were
 * throttled, which service is the root, and which services lie on each kind of root-cause path.
 * A sub-filter that is exactly one outcome (`service("a") { fault }`) is decided by the store; other
 * sub-filters contribute what their conjuncts imply, and the exact check decides.
 */
import type { FilterExpression, NodeRef, RootCauseKind as FilterCauseKind } from '@roentgen/filter';
import type { CallOutcome, RootCauseKind, SummaryPredicate } from '@roentgen/storage';
import type { Bounds } from './filter-pushdown.ts';
import { FALSE, UNKNOWN, and, exactly, nodePresent } from './filter-pushdown.ts';

const OUTCOMES: readonly CallOutcome[] = ['fault', 'error', 'throttle'];

/**
 * `service(node) { filter }`: a named node without a filter is exactly "has that node", with a
 * one-outcome filter exactly "has that node with that outcome"; otherwise the node must be present,
 * with the outcomes the filter requires, as the root if it requires `root`.
 */
export function serviceFilterPushdown(node: NodeRef | undefined, filter: FilterExpression | undefined): Bounds {
  if (node === undefined) return UNKNOWN;
  const present = nodePresent(node);
  const name = node.name;
  if (name === undefined) return { upper: present, lower: FALSE };
  const byName = node.kind === 'node-name';
  if (filter === undefined) return byName ? exactly(present) : { upper: present, lower: FALSE };
  const only = soleOutcome(filter);
  const outcome = (o: CallOutcome): SummaryPredicate => ({ kind: 'hasService', name, outcome: o });
  if (only !== undefined && byName) return exactly(outcome(only));
  const required = [present, ...requiredOutcomes(filter).map(outcome), ...callTimeBounds(filter)];
  if (byName && implies(filter, isRootTerm)) {
    required.push({ kind: 'compare', field: 'rootService', op: '=', value: name });
  }
  return { upper: and(required), lower: FALSE };
}

/**
 * `edge(source, target) { filter }`, as `service` but over the (source, target) name pair; the store
 * also knows each pair's slowest and fastest call, so a filter that is one `responsetime` bound
 * (`edge("a", "b") { responsetime > 1 }`) is decided by the store too.
 */
export function edgeFilterPushdown(source: NodeRef, target: NodeRef, filter: FilterExpression | undefined): Bounds {
  const from = source.name;
  const to = target.name;
  if (from === undefined || to === undefined) {
    return { upper: and([nodePresent(source), nodePresent(target)]), lower: FALSE };
  }
  const byName = source.kind === 'node-name' && target.kind === 'node-name';
  const edge = (o?: CallOutcome): SummaryPredicate =>
    o === undefined
      ? { kind: 'hasEdge', source: from, target: to }
      : { kind: 'hasEdge', source: from, target: to, outcome: o };
  if (filter === undefined) return byName ? exactly(edge()) : { upper: edge(), lower: FALSE };
  const only = soleOutcome(filter);
  if (only !== undefined && byName) return exactly(edge(only));
  const time = (bound: ResponseTimeBound): SummaryPredicate => ({
    kind: 'edgeResponseTime',
    source: from,
    target: to,
    ...bound,
  });
  const soleTime = responseTimeBound(filter);
  if (soleTime !== undefined && byName) return exactly(time(soleTime));
  const times: ResponseTimeBound[] = [];
  implies(filter, (term) => {
    const bound = responseTimeBound(term);
    if (bound !== undefined) times.push(bound);
    return bound !== undefined;
  });
  return { upper: and([edge(), ...requiredOutcomes(filter).map(edge), ...times.map(time)]), lower: FALSE };
}

interface ResponseTimeBound {
  readonly op: '>' | '>=' | '<' | '<=';
  readonly value: number;
}

// `responsetime > v` (and `>=`, `<`, `<=`) with a number: a bound one call's response time must meet.
function responseTimeBound(term: FilterExpression): ResponseTimeBound | undefined {
  if (term.kind !== 'keyword' || term.name !== 'responsetime' || term.comparison === undefined) return undefined;
  const { operator, value } = term.comparison;
  if (typeof value.value !== 'number') return undefined;
  if (operator !== '>' && operator !== '>=' && operator !== '<' && operator !== '<=') return undefined;
  return { op: operator, value: value.value };
}

/**
 * `rootcause.KIND.service { … name = "x" … }`: a root cause of that kind runs through service x;
 * exactly that when the filter is nothing but `name = "x"`.
 */
export function rootCauseNamePushdown(cause: FilterCauseKind, filter: FilterExpression): Bounds {
  const kind: RootCauseKind = cause === 'responsetime' ? 'responseTime' : cause;
  const only = requiredName(filter);
  if (only !== undefined) return exactly({ kind: 'rootCauseService', cause: kind, name: only });
  const names: string[] = [];
  implies(filter, (term) => {
    const name = requiredName(term);
    if (name !== undefined) names.push(name);
    return name !== undefined;
  });
  if (names.length === 0) return UNKNOWN;
  return { upper: and(names.map((name) => ({ kind: 'rootCauseService', cause: kind, name }))), lower: FALSE };
}

/** Whether `filter` can hold only when some conjunct satisfies `test`. */
function implies(filter: FilterExpression, test: (term: FilterExpression) => boolean): boolean {
  if (filter.kind === 'and') {
    let any = false;
    for (const operand of filter.operands) any = implies(operand, test) || any;
    return any;
  }
  return test(filter);
}

// `fault`, `fault = true` (and so on): the one outcome the term requires of a call.
function outcomeOf(term: FilterExpression): CallOutcome | undefined {
  if (term.kind !== 'keyword' || !(OUTCOMES as readonly string[]).includes(term.name)) return undefined;
  const comparison = term.comparison;
  const requiresTrue = comparison === undefined || (comparison.operator === '=' && comparison.value.value === true);
  return requiresTrue ? (term.name as CallOutcome) : undefined;
}

function soleOutcome(filter: FilterExpression): CallOutcome | undefined {
  return outcomeOf(filter);
}

function requiredOutcomes(filter: FilterExpression): CallOutcome[] {
  const found = new Set<CallOutcome>();
  implies(filter, (term) => {
    const outcome = outcomeOf(term);
    if (outcome !== undefined) found.add(outcome);
    return outcome !== undefined;
  });
  return [...found];
}

/**
 * `responsetime > v` (or `>=`) on one call bounds the trace's duration from below: every call lies
 * between the trace's first start and last end, and both are rounded to the microsecond alike.
 */
function callTimeBounds(filter: FilterExpression): SummaryPredicate[] {
  const bounds: SummaryPredicate[] = [];
  implies(filter, (term) => {
    if (term.kind !== 'keyword' || term.name !== 'responsetime' || term.comparison === undefined) return false;
    const { operator, value } = term.comparison;
    if ((operator !== '>' && operator !== '>=') || typeof value.value !== 'number') return false;
    bounds.push({ kind: 'compare', field: 'duration', op: operator, value: value.value });
    return true;
  });
  return bounds;
}

function isRootTerm(term: FilterExpression): boolean {
  if (term.kind !== 'keyword' || term.name !== 'root') return false;
  const comparison = term.comparison;
  return comparison === undefined || (comparison.operator === '=' && comparison.value.value === true);
}

function requiredName(term: FilterExpression): string | undefined {
  if (term.kind !== 'keyword' || term.name !== 'name' || term.comparison?.operator !== '=') return undefined;
  const value = term.comparison.value.value;
  return typeof value === 'string' ? value : undefined;
}
