import assert from 'node:assert/strict';
import { test } from 'node:test';
import { levenshtein, suggestionsFor } from './did-you-mean.ts';
import type { FilterExpressionError } from './filter-error.ts';
import { tryParseFilterExpression } from './parse-filter-expression.ts';

function errorOf(text: string): FilterExpressionError {
  const result = tryParseFilterExpression(text);
  assert.equal(result.ok, false, `${JSON.stringify(text)} should fail`);
  return (result as { error: FilterExpressionError }).error;
}

test('format() shows the line and carets under the mistake', () => {
  assert.equal(
    errorOf('responstime > 1').format(),
    "1:1: Unknown keyword 'responstime'. Did you mean 'responsetime'?\n  responstime > 1\n  ^^^^^^^^^^^",
  );
});

test('format() points into the right line of a multi-line expression, keeping tabs', () => {
  assert.equal(
    errorOf('ok AND\n\tresponsetime > "5"\nAND fault').format(),
    `2:17: 'responsetime' is a number; compare it with a number, not the string "5".\n  \tresponsetime > "5"\n  \t               ^^^`,
  );
});

test('format() counts an emoji as one column', () => {
  const error = errorOf('user = "🚀" fualt');
  assert.deepEqual([error.line, error.column, error.offset, error.length], [1, 12, 12, 5]);
  assert.equal(error.format().split('\n')[2], `  ${' '.repeat(11)}^^^^^`);
});

test('an error at the end of the text gets one caret after it', () => {
  assert.equal(errorOf('ok AND').format().split('\n')[2], '        ^');
});

test('errors carry offset, length and a stable name', () => {
  const error = errorOf('ok AND http.status CONTAINS 200');
  assert.equal(error.name, 'FilterCheckError');
  assert.deepEqual([error.offset, error.length], [19, 8]);
  assert.equal(errorOf('"x').name, 'FilterSyntaxError');
});

test('suggestions: close names only, best first, case-insensitive', () => {
  assert.equal(levenshtein('kitten', 'sitting'), 3);
  assert.equal(levenshtein('fualt', 'fault'), 1);
  assert.deepEqual(suggestionsFor('RESPONSTIME', ['responsetime', 'duration']), ['responsetime']);
  assert.deepEqual(suggestionsFor('foo', ['responsetime', 'duration', 'ok']), []);
  assert.deepEqual(suggestionsFor('http.ur', ['http.url', 'http.status']), ['http.url']);
});

test('tryParseFilterExpression returns the tree on success', () => {
  const result = tryParseFilterExpression('ok');
  assert.ok(result.ok);
  assert.equal(result.expression.kind, 'keyword');
});
