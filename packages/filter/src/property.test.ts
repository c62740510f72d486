// Property tests: any well-typed tree survives print → parse unchanged, and no input string makes the
// parser throw anything but a FilterSyntaxError/FilterCheckError (or hang, or overflow the stack).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Comparison, ComparisonOperator, FilterExpression, Literal, NodeRef } from './ast.ts';
import { FilterCheckError, FilterSyntaxError } from './filter-error.ts';
import type { FilterScope } from './keywords.ts';
import { FILTER_KEYWORDS } from './keywords.ts';
import { parseFilterExpression } from './parse-filter-expression.ts';
import { printFilterExpression } from './printer.ts';
import { MAX_NESTING_DEPTH } from './token-stream.ts';
import { withoutPositions } from './without-positions.ts';

const at = { offset: 0, length: 0, line: 1, column: 1 };
const text = fc.string({ unit: 'grapheme', maxLength: 8 });
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

function literalFor(family: 'boolean' | 'number' | 'string'): fc.Arbitrary<Literal> {
  if (family === 'boolean') return fc.boolean().map((value) => ({ kind: 'boolean', value, position: at }));
  if (family === 'number') return finite.map((value) => ({ kind: 'number', value, position: at }));
  return text.map((value) => ({ kind: 'string', value, position: at }));
}

function comparisonFor(family: 'boolean' | 'number' | 'string'): fc.Arbitrary<Comparison> {
  const operators: Record<typeof family, ComparisonOperator[]> = {
    boolean: ['=', '!='],
    number: ['=', '!=', '<', '<=', '>', '>='],
    string: ['=', '!=', 'CONTAINS', 'BEGINSWITH', 'ENDSWITH'],
  };
  return fc.record({
    operator: fc.constantFrom(...operators[family]),
    value: literalFor(family),
    position: fc.constant(at),
  });
}

function keywordIn(scope: FilterScope): fc.Arbitrary<FilterExpression> {
  const keywords = FILTER_KEYWORDS.filter((k) => k.scopes.includes(scope));
  return fc.constantFrom(...keywords).chain((k) => {
    const family = k.type === 'duration' ? 'number' : k.type;
    return fc
      .option(comparisonFor(family), { nil: undefined })
      .map((comparison): FilterExpression =>
        comparison
          ? { kind: 'keyword', name: k.name, comparison, position: at }
          : { kind: 'keyword', name: k.name, position: at },
      );
  });
}

const nodeRef: fc.Arbitrary<NodeRef> = fc.oneof(
  text.map((name): NodeRef => ({ kind: 'node-name', name, position: at })),
  fc
    .record({ name: text, type: text, accountId: text }, { requiredKeys: [] })
    .filter((fields) => Object.keys(fields).length > 0)
    .map((fields): NodeRef => ({ kind: 'node-id', ...fields, position: at })),
);

function logic(leaf: fc.Arbitrary<FilterExpression>, depth: number): fc.Arbitrary<FilterExpression> {
  if (depth === 0) return leaf;
  const inner = logic(leaf, depth - 1);
  return fc.oneof(
    { arbitrary: leaf, weight: 3 },
    fc
      .array(inner, { minLength: 2, maxLength: 3 })
      .map((operands): FilterExpression => ({ kind: 'and', operands, position: at })),
    fc
      .array(inner, { minLength: 2, maxLength: 3 })
      .map((operands): FilterExpression => ({ kind: 'or', operands, position: at })),
    inner.map((operand): FilterExpression => ({ kind: 'not', operand, position: at })),
  );
}

const sub = (scope: FilterScope): fc.Arbitrary<FilterExpression> => logic(keywordIn(scope), 2);
const topLeaf: fc.Arbitrary<FilterExpression> = fc.oneof(
  keywordIn('trace'),
  fc
    .record({
      key: fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/),
      family: fc.constantFrom<'boolean' | 'number' | 'string'>('boolean', 'number', 'string'),
    })
    .chain(({ key, family }) =>
      fc
        .option(comparisonFor(family), { nil: undefined })
        .map((comparison): FilterExpression =>
          comparison
            ? { kind: 'annotation', key, comparison, position: at }
            : { kind: 'annotation', key, position: at },
        ),
    ),
  fc
    .record({
      field: fc.constantFrom<'name' | 'arn'>('name', 'arn'),
      comparison: comparisonFor('string').filter((c) => c.operator === '=' || c.operator === '!='),
    })
    .map((g): FilterExpression => ({ kind: 'group', ...g, position: at })),
  fc
    .tuple(fc.option(nodeRef, { nil: undefined }), fc.option(sub('service'), { nil: undefined }))
    .map(([node, filter]): FilterExpression => ({
      kind: 'service',
      ...(node ? { node } : {}),
      ...(filter ? { filter } : {}),
      position: at,
    })),
  fc
    .tuple(nodeRef, nodeRef, fc.option(sub('edge'), { nil: undefined }))
    .map(([source, target, filter]): FilterExpression => ({
      kind: 'edge',
      source,
      target,
      ...(filter ? { filter } : {}),
      position: at,
    })),
  fc
    .constantFrom(
      ...([
        'fault.service',
        'fault.entity',
        'fault.exception',
        'error.entity',
        'responsetime.entity',
        'responsetime.service',
      ] as const),
    )
    .chain((path) => {
      const [cause, level] = path.split('.') as [
        'fault' | 'error' | 'responsetime',
        'service' | 'entity' | 'exception',
      ];
      return sub(`rootcause.${path}` as FilterScope).map((filter): FilterExpression => ({
        kind: 'rootcause',
        cause,
        level,
        filter,
        position: at,
      }));
    }),
  fc
    .array(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 2 })
    .map((pattern): FilterExpression => ({
      kind: 'rootcause-json',
      pattern: JSON.parse(JSON.stringify(pattern)) as never,
      position: at,
    })),
);

test('print then parse gives back the same tree', () => {
  fc.assert(
    fc.property(logic(topLeaf, 3), (expression) => {
      const printed = printFilterExpression(expression);
      assert.deepEqual(withoutPositions(parseFilterExpression(printed)), withoutPositions(expression), printed);
    }),
    { numRuns: 500 },
  );
});

const isFilterError = (error: unknown): boolean =>
  error instanceof FilterSyntaxError || error instanceof FilterCheckError;

function parsesOrFailsCleanly(input: string): void {
  try {
    parseFilterExpression(input);
  } catch (error) {
    assert.ok(isFilterError(error), `unexpected ${String(error)} for ${JSON.stringify(input)}`);
  }
}

test('random text only ever raises a filter error', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), parsesOrFailsCleanly), { numRuns: 2000 });
});

test('random sequences of filter tokens only ever raise a filter error', () => {
  const piece = fc.constantFrom(
    '(',
    ')',
    '{',
    '}',
    '!',
    'NOT',
    'AND',
    'or',
    ',',
    ':',
    '=',
    '!=',
    '>',
    'CONTAINS',
    '"x"',
    '"',
    '5',
    '-1e3',
    'ok',
    'responsetime',
    'service',
    'edge',
    'id',
    'name',
    'annotation.a',
    'annotation.',
    'group.name',
    'rootcause.fault.entity',
    'rootcause.json',
    '#[',
    '#[{"a":1}]',
    ']',
    'true',
    'account.id',
    '\n',
    ' ',
  );
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 25 }).map((p) => p.join(' ')),
      parsesOrFailsCleanly,
    ),
    { numRuns: 3000 },
  );
});

test('deep nesting fails with a clear error instead of overflowing the stack', () => {
  const deep = (n: number, open: string, close: string): string => `${open.repeat(n)}ok${close.repeat(n)}`;
  assert.doesNotThrow(() => parseFilterExpression(deep(MAX_NESTING_DEPTH, '(', ')')));
  for (const input of [
    deep(100_000, '(', ')'),
    `${'!'.repeat(100_000)}ok`,
    `${'service() { '.repeat(200)}fault`,
    `rootcause.json = #${'['.repeat(100_000)}`,
  ]) {
    assert.throws(
      () => parseFilterExpression(input),
      (error: unknown) => {
        assert.ok(error instanceof FilterSyntaxError);
        assert.match(error.message, /nests deeper than/);
        return true;
      },
    );
  }
});

test('long flat expressions parse without recursion trouble', () => {
  const wide = Array.from({ length: 20_000 }, (_, i) => `annotation.k${i} = ${i}`).join(' AND ');
  const expression = parseFilterExpression(wide);
  assert.equal(expression.kind === 'and' ? expression.operands.length : 0, 20_000);
});
