import type { FilterExpression } from './ast.ts';
import { checkFilterExpression } from './checker.ts';
import type { FilterExpressionError } from './filter-error.ts';
import { FilterCheckError, FilterSyntaxError } from './filter-error.ts';
import { parseSyntax } from './parser.ts';

/**
 * Parses and checks an X-Ray filter expression (`GetTraceSummaries.FilterExpression`, a group's
 * `FilterExpression`). Throws `FilterSyntaxError` when the text is malformed and `FilterCheckError`
 * when it is well formed but meaningless; nothing else escapes for any input. An empty or blank text
 * is a syntax error: callers treat an absent expression as "no filter" before calling this.
 */
export function parseFilterExpression(text: string): FilterExpression {
  const expression = parseSyntax(text);
  checkFilterExpression(expression, text);
  return expression;
}

/** The outcome of `tryParseFilterExpression`. */
export type FilterParseResult =
  | { readonly ok: true; readonly expression: FilterExpression }
  | { readonly ok: false; readonly error: FilterExpressionError };

/** `parseFilterExpression` without exceptions, for callers that validate as the user types. */
export function tryParseFilterExpression(text: string): FilterParseResult {
  try {
    return { ok: true, expression: parseFilterExpression(text) };
  } catch (error) {
    if (error instanceof FilterSyntaxError || error instanceof FilterCheckError) return { ok: false, error };
    throw error;
  }
}
