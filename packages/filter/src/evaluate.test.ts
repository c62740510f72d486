import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFilter } from './evaluate.ts';
import { parseFilterExpression } from './parse-filter-expression.ts';
import type { TraceFacts } from './trace-facts.ts';

const facts = (overrides: Partial<TraceFacts> = {}): TraceFacts => ({
  traceId: '1-581cf771-a006649127e371903a2de979',
  ...overrides,
});
const matches = (text: string, trace: TraceFacts): boolean => evaluateFilter(parseFilterExpression(text), trace);

test('the Default group (no expression) matches every trace; unknown groups match none', () => {
  const groups = [{ name: 'Default', arn: 'arn:aws:xray:us-east-1:1:group/Default' }];
  assert.equal(matches('group.name = "Default"', facts({ groups })), true);
  assert.equal(matches('group.name = "missing"', facts({ groups })), false);
  assert.equal(matches('group.name != "missing"', facts({ groups })), false);
});

test('a group that refers to itself does not loop', () => {
  const groups = [{ name: 'loop', arn: 'arn:x', filterExpression: 'group.name = "loop" OR fault' }];
  assert.equal(matches('group.name = "loop"', facts({ groups, fault: true })), true);
  assert.equal(matches('group.name = "loop"', facts({ groups })), false);
});

test('an in-progress trace has no response time, so every comparison is false', () => {
  assert.equal(matches('responsetime < 1', facts()), false);
  assert.equal(matches('responsetime >= 1', facts()), false);
  assert.equal(matches('!(responsetime >= 1)', facts()), true);
});

test('ok needs a 2XX status when one is recorded, and no flag', () => {
  assert.equal(matches('ok', facts({ http: { status: 201 } })), true);
  assert.equal(matches('ok', facts({ http: { status: 404 } })), false);
  assert.equal(matches('ok', facts({ throttle: true })), false);
});

test('edge sub-filters see the call record: status, method, response time', () => {
  const edges = [
    {
      source: { name: 'a' },
      target: { name: 'b', type: 'remote' },
      responseTime: 0.3,
      http: { status: 429, method: 'PUT' },
      throttle: true,
    },
  ];
  assert.equal(
    matches(
      'edge("a", id(type: "remote")) { throttle AND http.method = "PUT" AND responsetime > 0.25 }',
      facts({ edges }),
    ),
    true,
  );
  assert.equal(matches('edge("a", "b") { ok }', facts({ edges })), false);
});

test('rootcause.json also matches error and response-time root causes and ClientImpacting', () => {
  const rootCauses = {
    error: [
      {
        services: [{ name: 'api', type: 'AWS::EC2::Instance', entityPath: [{ name: 'api', remote: true }] }],
        clientImpacting: true,
      },
    ],
  };
  assert.equal(
    matches(
      'rootcause.json = #[{"ClientImpacting": true, "Services": [{"Type": "AWS::EC2::Instance"}]}]',
      facts({ rootCauses }),
    ),
    true,
  );
  assert.equal(
    matches('rootcause.json = #[{"Services": [{"EntityPath": [{"Remote": false}]}]}]', facts({ rootCauses })),
    false,
  );
  assert.equal(matches('rootcause.json = #[{"Services": []}]', facts()), false);
});

test('word operators and keywords are case-insensitive, annotation keys are not', () => {
  const trace = facts({ http: { url: 'https://x/a' }, annotations: { Key: ['v'] } });
  assert.equal(matches('HTTP.URL beginsWith "https" And annotation.Key', trace), true);
  assert.equal(matches('annotation.key', trace), false);
});
