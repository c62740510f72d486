import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findJsonSyntaxProblem } from './json-syntax.ts';

const DEEP_ENOUGH = 10_000;

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

test('valid JSON of every kind passes', () => {
  const valid = [
    '0',
    '-0.5e+10',
    '"a\\u00e9\\n"',
    'true',
    'null',
    ' [ ] ',
    '{}',
    '{"a":[1,{"b":null}],"c":"\\""}',
    '1E9',
  ];
  for (const text of valid) assert.equal(findJsonSyntaxProblem(text, DEEP_ENOUGH), undefined, text);
});

test('each syntax error is found with its position', () => {
  const cases: [string, number, RegExp][] = [
    ['', 0, /expected a value, found the end of the input at line 1, column 1/],
    ['{"a":1,}', 7, /expected a property name/],
    ['{"a" 1}', 5, /expected ":"/],
    ['[1 2]', 3, /expected "," or "\]"/],
    ['{"a":\n  tru}', 8, /expected a value, found "t" at line 2, column 3 \(offset 8\)/],
    ['"abc', 0, /string is never closed/],
    ['"a\\x"', 2, /unknown escape/],
    ['"\\u12g4"', 1, /malformed \\u escape/],
    ['"a\tb"', 2, /control character/],
    ['01', 1, /more text after the end/],
    ['-', 0, /malformed number/],
    ['1.', 1, /more text after the end/],
    ['{} {}', 3, /more text after the end/],
    ['\uFEFF{}', 0, /expected a value/],
  ];
  for (const [text, offset, message] of cases) {
    const problem = findJsonSyntaxProblem(text, DEEP_ENOUGH);
    assert.equal(problem?.kind, 'syntax', JSON.stringify(text));
    assert.equal(problem.offset, offset, JSON.stringify(text));
    assert.match(problem.message, message);
  }
});

test('nesting is bounded without recursion, at any depth of input', () => {
  assert.equal(findJsonSyntaxProblem('[[[]]]', 3), undefined);
  assert.deepEqual(findJsonSyntaxProblem('[[[[]]]]', 3)?.kind, 'depth');
  assert.equal(findJsonSyntaxProblem('{"a":{"b":[{}]}}', 3)?.offset, 11);
  const huge = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
  assert.equal(findJsonSyntaxProblem(huge, 64)?.offset, 64);
  const deep = '['.repeat(20_000) + ']'.repeat(20_000);
  assert.equal(findJsonSyntaxProblem(deep, 20_000), undefined);
});

test('property: the check agrees with JSON.parse on random and mutated text', () => {
  const mutated = fc
    .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', '\\', ':', '\n', '0', '-', 'e', '\u0000'))
    .map(([json, at, insert]) => {
      const index = at % (json.length + 1);
      return json.slice(0, index) + insert + json.slice(index + (at % 2));
    });
  const text = fc.oneof(fc.json(), mutated, fc.string(), fc.string({ unit: fc.constantFrom(...'[]{}",:0 \\tn-.e') }));
  fc.assert(
    fc.property(text, (candidate) => {
      assert.equal(findJsonSyntaxProblem(candidate, DEEP_ENOUGH) === undefined, parses(candidate), candidate);
    }),
    { numRuns: 5000 },
  );
});
