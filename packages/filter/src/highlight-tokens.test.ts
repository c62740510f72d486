import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenizeFilterExpression } from './highlight-tokens.ts';
import { parseEntitySelector } from './entity-selector.ts';
import { withoutPositions } from './without-positions.ts';
import { FILTER_COMPLEX_KEYWORDS, FILTER_KEYWORDS, FILTER_SCOPES } from './keywords.ts';
import { FilterCheckError, FilterSyntaxError } from './filter-error.ts';
import { parseFilterExpression } from './parse-filter-expression.ts';

const kinds = (text: string): string[] => tokenizeFilterExpression(text).map((t) => `${t.kind}:${t.text}`);

test('tokens are classified for highlighting', () => {
  assert.deepEqual(
    kinds('service("a") { fault = true } and !annotation.x CONTAINS "y" OR rootcause.json = #[{}] foo'),
    [
      'function:service',
      'punctuation:(',
      'string:"a"',
      'punctuation:)',
      'punctuation:{',
      'keyword:fault',
      'operator:=',
      'boolean:true',
      'punctuation:}',
      'logical:and',
      'logical:!',
      'annotation:annotation.x',
      'operator:CONTAINS',
      'string:"y"',
      'logical:OR',
      'function:rootcause.json',
      'operator:=',
      'json:#[{}]',
      'identifier:foo',
    ],
  );
});

test('tokenizing tolerates errors and keeps positions', () => {
  const tokens = tokenizeFilterExpression('ok @\n  user = "bob');
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.line, t.column, t.offset, t.length]),
    [
      ['keyword', 1, 1, 0, 2],
      ['invalid', 1, 4, 3, 1],
      ['keyword', 2, 3, 7, 4],
      ['operator', 2, 8, 12, 1],
      ['invalid', 2, 10, 14, 4],
    ],
  );
  assert.match(tokens[4]?.error ?? '', /Unterminated string/);
  assert.deepEqual(tokenizeFilterExpression(''), []);
});

test('entity selectors: service, edge, bare id, empty', () => {
  assert.deepEqual(
    withoutPositions(parseEntitySelector('service(id(name: "api", type: "AWS::EC2::Instance"))') as never),
    {
      kind: 'service',
      node: { kind: 'node-id', name: 'api', type: 'AWS::EC2::Instance' },
    },
  );
  assert.deepEqual(withoutPositions(parseEntitySelector('edge(id(name: "a"), "b")') as never), {
    kind: 'edge',
    source: { kind: 'node-id', name: 'a' },
    target: { kind: 'node-name', name: 'b' },
  });
  assert.deepEqual(
    withoutPositions(
      parseEntitySelector('id(name: "service-name", type:"service::type", account.id:"account-ID")') as never,
    ),
    {
      kind: 'service',
      node: { kind: 'node-id', name: 'service-name', type: 'service::type', accountId: 'account-ID' },
    },
  );
  assert.deepEqual(parseEntitySelector('  '), { kind: 'all-edges' });
  assert.throws(() => parseEntitySelector('service("a") { fault }'), FilterSyntaxError);
  assert.throws(() => parseEntitySelector('ok'), FilterSyntaxError);
  assert.throws(() => parseEntitySelector(`service("${'a'.repeat(500)}")`), FilterCheckError);
});

test('the catalogue is consistent: unique names, known scopes, every keyword parses where it is valid', () => {
  const names = FILTER_KEYWORDS.map((k) => k.name);
  assert.equal(new Set(names).size, names.length);
  for (const keyword of FILTER_KEYWORDS) {
    assert.ok(keyword.scopes.length > 0 && keyword.scopes.every((s) => FILTER_SCOPES.includes(s)), keyword.name);
    assert.ok(keyword.description.length > 10);
    for (const scope of keyword.scopes) {
      const text =
        scope === 'trace'
          ? keyword.name
          : scope === 'service' || scope === 'edge'
            ? `${scope === 'service' ? 'service()' : 'edge("a", "b")'} { ${keyword.name} }`
            : `${scope} { ${keyword.name} }`;
      assert.doesNotThrow(() => parseFilterExpression(text), text);
    }
  }
  assert.deepEqual(FILTER_COMPLEX_KEYWORDS.map((k) => k.name).slice(0, 3), ['service', 'edge', 'id']);
});
