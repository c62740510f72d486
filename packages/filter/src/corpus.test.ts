// Walks corpus/filter-corpus.json: every documented example must parse, print canonically, re-parse
// to the same tree and evaluate as its facts say; every negative case must fail where it says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { evaluateFilter } from './evaluate.ts';
import { FilterCheckError, FilterSyntaxError } from './filter-error.ts';
import { parseFilterExpression } from './parse-filter-expression.ts';
import { printFilterExpression } from './printer.ts';
import type { TraceFacts } from './trace-facts.ts';
import { withoutPositions } from './without-positions.ts';

type CorpusCase =
  | {
      kind: 'valid';
      name: string;
      expression: string;
      printed: string;
      matches?: Omit<TraceFacts, 'traceId'>[];
      rejects?: Omit<TraceFacts, 'traceId'>[];
    }
  | {
      kind: 'syntax-error' | 'check-error';
      name: string;
      expression: string;
      line: number;
      column: number;
      message: string;
      suggestions?: string[];
    };

const corpus = JSON.parse(readFileSync(new URL('../corpus/filter-corpus.json', import.meta.url), 'utf8')) as {
  cases: CorpusCase[];
};
const TRACE_ID = '1-581cf771-a006649127e371903a2de979';

test('the corpus covers all 49 documented examples', () => {
  const documented = corpus.cases.filter((c) => c.kind === 'valid' && c.name.startsWith('5.6 #'));
  assert.equal(documented.length, 49);
  assert.equal(corpus.cases.filter((c) => c.name.startsWith('5.6 negative')).length, 6);
});

for (const corpusCase of corpus.cases) {
  test(`${corpusCase.kind}: ${corpusCase.name}: ${JSON.stringify(corpusCase.expression)}`, () => {
    if (corpusCase.kind === 'valid') {
      const expression = parseFilterExpression(corpusCase.expression);
      const printed = printFilterExpression(expression);
      assert.equal(printed, corpusCase.printed);
      assert.deepEqual(withoutPositions(parseFilterExpression(printed)), withoutPositions(expression));
      for (const facts of corpusCase.matches ?? []) {
        assert.equal(
          evaluateFilter(expression, { traceId: TRACE_ID, ...facts }),
          true,
          `should match ${JSON.stringify(facts)}`,
        );
      }
      for (const facts of corpusCase.rejects ?? []) {
        assert.equal(
          evaluateFilter(expression, { traceId: TRACE_ID, ...facts }),
          false,
          `should reject ${JSON.stringify(facts)}`,
        );
      }
      return;
    }
    const expectedClass = corpusCase.kind === 'syntax-error' ? FilterSyntaxError : FilterCheckError;
    assert.throws(
      () => parseFilterExpression(corpusCase.expression),
      (error: unknown) => {
        assert.ok(error instanceof expectedClass, `expected ${expectedClass.name}, got ${String(error)}`);
        assert.ok(error.message.includes(corpusCase.message), `message ${JSON.stringify(error.message)}`);
        assert.deepEqual([error.line, error.column], [corpusCase.line, corpusCase.column], error.format());
        if (corpusCase.suggestions) assert.deepEqual(error.suggestions, corpusCase.suggestions);
        return true;
      },
    );
  });
}
