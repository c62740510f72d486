/**
 * Store bounds for the terms whose sub-filter looks at one service, call or root-cause element: the
 * store knows only which nodes a trace has and which is the root, so these bounds name nodes.
 */
import type { FilterExpression, NodeRef } from '@roentgen/filter';
import type { SummaryPredicate } from '@roentgen/storage';
import type { Bounds } from './filter-pushdown.ts';
import { FALSE, UNKNOWN, and, exactly, nodePresent } from './filter-pushdown.ts';

/**
 * `service(node) { filter }`: a named node without a filter is exactly "has that node"; with a filter
 * the node must be present, and a filter that requires `root` pins the root service's name.
 */
export function serviceFilterPushdown(node: NodeRef | undefined, filter: FilterExpression | undefined): Bounds {
  if (node === undefined) return UNKNOWN;
  const present = nodePresent(node);
  if (filter === undefined && node.kind === 'node-name') return exactly(present);
  if (filter === undefined || node.kind !== 'node-name' || !implies(filter, isRootTerm)) {
    return { upper: present, lower: FALSE };
  }
  const root: SummaryPredicate = { kind: 'compare', field: 'rootService', op: '=', value: node.name };
  return { upper: and([present, root]), lower: FALSE };
}

/**
 * `rootcause.KIND.service { … name = "x" … }`: root-cause services are nodes of the trace, so a
 * filter that requires a name requires that node.
 */
export function rootCauseNamePushdown(filter: FilterExpression): Bounds {
  const names: string[] = [];
  implies(filter, (term) => {
    const name = requiredName(term);
    if (name !== undefined) names.push(name);
    return name !== undefined;
  });
  if (names.length === 0) return UNKNOWN;
  return { upper: and(names.map((name) => ({ kind: 'hasService', name }))), lower: FALSE };
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
