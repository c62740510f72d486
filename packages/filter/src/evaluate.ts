import type { Comparison, FilterExpression, NodeRef } from './ast.ts';
import type { KeywordValues, Subject } from './keyword-values.ts';
import { keywordValues } from './keyword-values.ts';
import { findKeyword } from './keywords.ts';
import { parseFilterExpression } from './parse-filter-expression.ts';
import { matchesRootCauseJson, rootCauseSubjects } from './root-cause-match.ts';
import type { GroupFacts, NodeIdentity, TraceFacts } from './trace-facts.ts';

/**
 * Whether a trace meets a checked expression (from `parseFilterExpression`), with X-Ray's semantics:
 * bare booleans mean `= true`, other bare keywords mean "is set"; keywords with several values
 * (`user`, annotations, …) match when ANY value does; comparisons with an unrecorded value are false;
 * string comparisons are case-sensitive. A `group.*` term evaluates that group's own expression
 * against the same facts (a group reaching itself again counts as not met); an invalid stored group
 * expression throws its parse error, since groups are checked when they are saved.
 */
export function evaluateFilter(expression: FilterExpression, facts: TraceFacts): boolean {
  return new Evaluator(facts).evaluate(expression, { scope: 'trace', facts });
}

class Evaluator {
  private readonly groupsInProgress = new Set<GroupFacts>();

  constructor(private readonly facts: TraceFacts) {}

  evaluate(expression: FilterExpression, subject: Subject): boolean {
    switch (expression.kind) {
      case 'and':
        return expression.operands.every((o) => this.evaluate(o, subject));
      case 'or':
        return expression.operands.some((o) => this.evaluate(o, subject));
      case 'not':
        return !this.evaluate(expression.operand, subject);
      case 'keyword': {
        const values = keywordValues(expression.name, subject);
        if (expression.comparison) return compare(values, expression.comparison);
        return findKeyword(expression.name)?.type === 'boolean' ? values.includes(true) : values.length > 0;
      }
      case 'annotation': {
        const values = this.facts.annotations?.[expression.key] ?? [];
        return expression.comparison ? compare(values, expression.comparison) : values.length > 0;
      }
      case 'group':
        return this.evaluateGroup(expression.field, expression.comparison);
      case 'service':
        return (this.facts.services ?? []).some(
          (service) =>
            (expression.node === undefined || matchesNode(expression.node, service)) &&
            (expression.filter === undefined || this.evaluate(expression.filter, { scope: 'service', service })),
        );
      case 'edge':
        return (this.facts.edges ?? []).some(
          (edge) =>
            matchesNode(expression.source, edge.source) &&
            matchesNode(expression.target, edge.target) &&
            (expression.filter === undefined || this.evaluate(expression.filter, { scope: 'edge', edge })),
        );
      case 'rootcause':
        return rootCauseSubjects(this.facts, expression.cause, expression.level).some((element) =>
          this.evaluate(expression.filter, element),
        );
      case 'rootcause-json':
        return matchesRootCauseJson(this.facts, expression.pattern);
    }
  }

  // `group.name = "x"`: the trace meets group x; `!=`: group x exists and the trace does not meet it.
  private evaluateGroup(field: 'name' | 'arn', comparison: Comparison): boolean {
    const wanted = comparison.value.value;
    const group = (this.facts.groups ?? []).find((g) => (field === 'name' ? g.name : g.arn) === wanted);
    if (!group || this.groupsInProgress.has(group)) return false;
    this.groupsInProgress.add(group);
    try {
      const text = group.filterExpression ?? '';
      const meets =
        text.trim() === '' || this.evaluate(parseFilterExpression(text), { scope: 'trace', facts: this.facts });
      return comparison.operator === '!=' ? !meets : meets;
    } finally {
      this.groupsInProgress.delete(group);
    }
  }
}

/** Whether any value satisfies `comparison`; values of another type than the literal never do. */
function compare(values: KeywordValues, comparison: Comparison): boolean {
  const expected = comparison.value.value;
  return values.some((actual) => {
    if (typeof actual !== typeof expected) return false;
    switch (comparison.operator) {
      case '=':
        return actual === expected;
      case '!=':
        return actual !== expected;
      case '<':
        return actual < expected;
      case '<=':
        return actual <= expected;
      case '>':
        return actual > expected;
      case '>=':
        return actual >= expected;
      case 'CONTAINS':
        return String(actual).includes(String(expected));
      case 'BEGINSWITH':
        return String(actual).startsWith(String(expected));
      case 'ENDSWITH':
        return String(actual).endsWith(String(expected));
    }
  });
}

/** A plain name matches the node's name or an alternate name, whatever its type; `id()` fields must all match. */
function matchesNode(ref: NodeRef, node: NodeIdentity): boolean {
  const nameMatches = (name: string): boolean => node.name === name || (node.names ?? []).includes(name);
  if (ref.kind === 'node-name') return nameMatches(ref.name);
  return (
    (ref.name === undefined || nameMatches(ref.name)) &&
    (ref.type === undefined || node.type === ref.type) &&
    (ref.accountId === undefined || node.accountId === ref.accountId)
  );
}
