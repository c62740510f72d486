import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionArn, functionNameOf, passThroughHeader } from './lambda-protocol.ts';

test('function names come plain, URL-encoded, or as ARNs with a qualifier', () => {
  assert.equal(functionNameOf('noun-3'), 'noun-3');
  assert.equal(functionNameOf('arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Acheckout-fn'), 'checkout-fn');
  assert.equal(functionNameOf(encodeURIComponent(`${functionArn('us-east-1', 'verb-6')}:$LATEST`)), 'verb-6');
  assert.equal(functionNameOf('verb-6:prod'), 'verb-6');
});

test('PassThrough keeps Root and Sampled, drops Parent', () => {
  assert.equal(
    passThroughHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1'),
    'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1',
  );
  assert.equal(passThroughHeader('Parent=53995c3f42cd8ad8'), undefined);
  assert.equal(passThroughHeader(undefined), undefined);
});
