import type { Comparison, ComparisonOperator, FilterExpression, KeywordTerm, Literal } from './ast.ts';
import { didYouMean, suggestionsFor } from './did-you-mean.ts';
import { FilterCheckError } from './filter-error.ts';
import type { FilterScope, FilterValueType } from './keywords.ts';
import { FILTER_COMPLEX_KEYWORDS, FILTER_KEYWORDS, FILTER_SCOPES, findKeyword } from './keywords.ts';
import type { SourceSpan } from './source-span.ts';
import { SourceLocator } from './source-span.ts';

const OPERATORS: Record<'boolean' | 'number' | 'string', readonly ComparisonOperator[]> = {
  boolean: ['=', '!='],
  number: ['=', '!=', '<', '<=', '>', '>='],
  string: ['=', '!=', 'CONTAINS', 'BEGINSWITH', 'ENDSWITH'],
};
const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/;

/**
 * Checks that a parsed expression means something: every keyword exists and is valid where it stands,
 * complex keywords stand only at the top level, annotation keys are filterable, and each operator
 * and value suit the keyword's type. `source` is the text the tree was parsed from (for positions in
 * the error). Throws `FilterCheckError` at the first problem in reading order.
 */
export function checkFilterExpression(expression: FilterExpression, source: string): void {
  new Checker(new SourceLocator(source)).check(expression, 'trace');
}

class Checker {
  constructor(private readonly locator: SourceLocator) {}

  check(expression: FilterExpression, scope: FilterScope): void {
    switch (expression.kind) {
      case 'and':
      case 'or':
        for (const operand of expression.operands) this.check(operand, scope);
        return;
      case 'not':
        return this.check(expression.operand, scope);
      case 'keyword':
        return this.checkKeyword(expression, scope);
      case 'annotation':
        this.requireTopLevel(expression.position, `annotation.${expression.key}`, scope);
        if (!ANNOTATION_KEY.test(expression.key)) {
          const key = this.locator.span(expression.position.offset + 'annotation.'.length, expression.key.length);
          this.fail(`Annotation key '${expression.key}' may contain only letters, digits and '_'.`, key);
        }
        if (expression.comparison)
          this.checkComparison(
            `annotation.${expression.key}`,
            literalFamily(expression.comparison.value),
            expression.comparison,
            true,
          );
        return;
      case 'group':
        this.requireTopLevel(expression.position, `group.${expression.field}`, scope);
        if (expression.comparison.operator !== '=' && expression.comparison.operator !== '!=') {
          this.fail(`group.${expression.field} takes only = or !=.`, expression.comparison.position);
        }
        return this.checkComparison(`group.${expression.field}`, 'string', expression.comparison, false);
      case 'service':
      case 'edge':
        this.requireTopLevel(expression.position, `${expression.kind}()`, scope);
        if (expression.filter) this.check(expression.filter, expression.kind);
        return;
      case 'rootcause': {
        this.requireTopLevel(expression.position, `rootcause.${expression.cause}.${expression.level}`, scope);
        const inner = FILTER_SCOPES.find((s) => s === `rootcause.${expression.cause}.${expression.level}`);
        if (inner === undefined) {
          const span = this.locator.span(
            expression.position.offset,
            `rootcause.${expression.cause}.${expression.level}`.length,
          );
          return this.fail(
            `rootcause.${expression.cause} has no '${expression.level}' level: its entities carry no exceptions.`,
            span,
          );
        }
        return this.check(expression.filter, inner);
      }
      case 'rootcause-json':
        this.requireTopLevel(expression.position, 'rootcause.json', scope);
        if (!expression.pattern.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p))) {
          this.fail(
            'rootcause.json expects an array of root-cause objects, like #[{"Services": […]}].',
            expression.position,
          );
        }
        return;
    }
  }

  private checkKeyword(term: KeywordTerm, scope: FilterScope): void {
    const span = this.locator.span(term.position.offset, term.name.length);
    const entry = findKeyword(term.name);
    if (!entry) {
      const candidates = FILTER_KEYWORDS.filter((k) => k.scopes.includes(scope)).map((k) => k.name);
      if (scope === 'trace') candidates.push(...FILTER_COMPLEX_KEYWORDS.map((k) => k.name));
      const suggestions = suggestionsFor(term.name, candidates);
      return this.fail(`Unknown keyword '${term.name}'.${didYouMean(suggestions)}`, span, suggestions);
    }
    if (!entry.scopes.includes(scope)) {
      const where = entry.scopes.map(describeScope).join(', ');
      return this.fail(`'${term.name}' cannot be used ${describeScope(scope)}; it applies ${where}.`, span);
    }
    if (term.comparison) this.checkComparison(term.name, familyOf(entry.type), term.comparison, false);
  }

  private checkComparison(
    subject: string,
    family: keyof typeof OPERATORS,
    comparison: Comparison,
    annotation: boolean,
  ): void {
    if (!OPERATORS[family].includes(comparison.operator)) {
      const allowed = OPERATORS[family].join(' ');
      const what = annotation ? `a ${family} value` : `'${subject}' (a ${family})`;
      return this.fail(
        `Operator ${comparison.operator} does not apply to ${what}; use ${allowed}.`,
        comparison.position,
      );
    }
    const actual = literalFamily(comparison.value);
    if (actual !== family) {
      const expected =
        family === 'string' ? 'a string in double quotes' : family === 'number' ? 'a number' : 'true or false';
      this.fail(
        `'${subject}' is a ${family}; compare it with ${expected}, not ${describeLiteral(comparison.value)}.`,
        comparison.value.position,
      );
    }
  }

  private requireTopLevel(position: SourceSpan, what: string, scope: FilterScope): void {
    if (scope === 'trace') return;
    const span = this.locator.span(position.offset, what.replace('()', '').length);
    this.fail(`${what} cannot be used ${describeScope(scope)}; it applies only at the top level.`, span);
  }

  private fail(message: string, span: SourceSpan, suggestions: readonly string[] = []): never {
    throw new FilterCheckError(message, this.locator.text, span, suggestions);
  }
}

function familyOf(type: FilterValueType): keyof typeof OPERATORS {
  return type === 'duration' ? 'number' : type;
}

function literalFamily(literal: Literal): keyof typeof OPERATORS {
  return literal.kind === 'boolean' ? 'boolean' : literal.kind;
}

function describeLiteral(literal: Literal): string {
  if (literal.kind === 'string') return `the string ${JSON.stringify(literal.value)}`;
  return `the ${literal.kind} ${String(literal.value)}`;
}

/** "at the top level", "inside service(){…}", "inside rootcause.fault.entity {…}". */
export function describeScope(scope: FilterScope): string {
  if (scope === 'trace') return 'at the top level';
  if (scope === 'service' || scope === 'edge') return `inside ${scope}(){…}`;
  return `inside ${scope} {…}`;
}
