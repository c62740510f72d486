import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSubsegment } from '@roentgen/model/testing';
import { canonicalAwsServiceName, downstreamTarget } from './downstream-target.ts';

test('AWS service names are normalised across SDK spellings', () => {
  assert.equal(canonicalAwsServiceName('dynamodb'), 'DynamoDB');
  assert.equal(canonicalAwsServiceName('DynamoDB'), 'DynamoDB');
  assert.equal(canonicalAwsServiceName('DynamoDB.GetItem'), 'DynamoDB');
  assert.equal(canonicalAwsServiceName('sqs'), 'SQS');
  assert.equal(canonicalAwsServiceName('step-functions'), 'SFN');
  assert.equal(canonicalAwsServiceName('MyCustomService'), 'MyCustomService');
});

test('aws calls land on AWS::<Service> or AWS::<Service>::<Resource> nodes', () => {
  const target = (overrides: Parameters<typeof makeSubsegment>[0]) =>
    downstreamTarget(makeSubsegment({ namespace: 'aws', ...overrides }));
  assert.deepEqual(target({ name: 'dynamodb', aws: { table_name: 'scorekeep-user' } }), {
    name: 'scorekeep-user',
    type: 'AWS::DynamoDB::Table',
  });
  assert.deepEqual(target({ name: 'DynamoDB', aws: { table_names: ['a', 'b'] } }), {
    name: 'DynamoDB',
    type: 'AWS::DynamoDB',
  });
  assert.deepEqual(target({ name: 'DynamoDB', aws: { table_names: ['only'] } }), {
    name: 'only',
    type: 'AWS::DynamoDB::Table',
  });
  assert.deepEqual(target({ name: 'SNS' }), { name: 'SNS', type: 'AWS::SNS' });
  assert.deepEqual(target({ name: 'SQS', aws: { queue_url: 'https://sqs.us-east-1.amazonaws.com/1/jobs' } }), {
    name: 'jobs',
    type: 'AWS::SQS::Queue',
  });
  assert.deepEqual(target({ name: 'SNS', aws: { topic_arn: 'arn:aws:sns:us-east-1:1:alerts' } }), {
    name: 'alerts',
    type: 'AWS::SNS::Topic',
  });
  assert.deepEqual(target({ name: 'S3', aws: { bucket_name: 'bkt' } }), { name: 'bkt', type: 'AWS::S3::Bucket' });
  assert.deepEqual(target({ name: 'Lambda', aws: { function_name: 'arn:aws:lambda:us-east-1:1:function:fn:live' } }), {
    name: 'fn',
    type: 'AWS::Lambda',
  });
  assert.deepEqual(target({ name: 'Lambda', aws: { function_name: 'fn:live' } }), { name: 'fn', type: 'AWS::Lambda' });
});

test('remote calls land on remote nodes named after the subsegment; local work on none', () => {
  assert.deepEqual(downstreamTarget(makeSubsegment({ name: 'api.example.com', namespace: 'remote' })), {
    name: 'api.example.com',
    type: 'remote',
  });
  assert.deepEqual(downstreamTarget(makeSubsegment({ name: 'db@host', namespace: 'remote', sql: {} })), {
    name: 'db@host',
    type: 'Database::SQL',
  });
  assert.equal(downstreamTarget(makeSubsegment({ name: 'work' })), undefined);
  assert.equal(downstreamTarget(makeSubsegment({ name: 'work', namespace: 'local' })), undefined);
});
