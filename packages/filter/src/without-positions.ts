import type { FilterExpression } from './ast.ts';

/**
 * A deep copy of the tree with every `position` removed: two expressions mean the same thing exactly
 * when these copies are deeply equal (e.g. a stored canonical text and a freshly typed one).
 */
export function withoutPositions(expression: FilterExpression): unknown {
  return JSON.parse(JSON.stringify(expression, (key, value: unknown) => (key === 'position' ? undefined : value)));
}
