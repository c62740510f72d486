/**
 * The server's side of sampling: rules on X-Ray's paths, persisted, a Default rule always present,
 * targets split per client; and the real aws-xray-sdk-core poller against it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateSamplingRuleCommand,
  DeleteSamplingRuleCommand,
  GetSamplingRulesCommand,
  GetSamplingTargetsCommand,
  InvalidRequestException,
  UpdateSamplingRuleCommand,
} from '@aws-sdk/client-xray';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const checkoutRule = {
  RuleName: 'checkout',
  ResourceARN: '*',
  Priority: 100,
  FixedRate: 1,
  ReservoirSize: 5,
  ServiceName: '*',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: '*',
  URLPath: '/checkout*',
  Version: 1,
};

test('the Default rule is always there, with the shape SDKs accept', async () => {
  const out = await xrayClient(server.baseUrl).send(new GetSamplingRulesCommand({}));
  const rule = out.SamplingRuleRecords?.find((r) => r.SamplingRule?.RuleName === 'Default')?.SamplingRule;
  assert.ok(rule);
  assert.equal(rule.Priority, 10000);
  assert.equal(rule.FixedRate, 0.05);
  assert.equal(rule.ReservoirSize, 1);
  assert.equal(rule.Version, 1);
  assert.equal(rule.ResourceARN, '*');
  assert.deepEqual(rule.Attributes, {});
});

test('rules are created, updated, listed by priority, deleted; Default cannot be deleted', async () => {
  const client = xrayClient(server.baseUrl);
  const created = await client.send(new CreateSamplingRuleCommand({ SamplingRule: checkoutRule }));
  assert.match(created.SamplingRuleRecord?.SamplingRule?.RuleARN ?? '', /sampling-rule\/checkout$/);
  await assert.rejects(
    client.send(new CreateSamplingRuleCommand({ SamplingRule: checkoutRule })),
    InvalidRequestException,
  );
  await assert.rejects(
    client.send(new CreateSamplingRuleCommand({ SamplingRule: { ...checkoutRule, RuleName: 'bad', FixedRate: 2 } })),
    (e: unknown) => e instanceof InvalidRequestException && /FixedRate must be a number from 0 to 1/.test(e.message),
  );
  const updated = await client.send(
    new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: 'checkout', FixedRate: 0.25 } }),
  );
  assert.equal(updated.SamplingRuleRecord?.SamplingRule?.FixedRate, 0.25);
  const listed = await client.send(new GetSamplingRulesCommand({}));
  assert.deepEqual(
    listed.SamplingRuleRecords?.map((r) => r.SamplingRule?.RuleName),
    ['checkout', 'Default'],
  );
  await assert.rejects(client.send(new DeleteSamplingRuleCommand({ RuleName: 'Default' })), InvalidRequestException);
  await client.send(new DeleteSamplingRuleCommand({ RuleName: 'checkout' }));
  const after = await client.send(new GetSamplingRulesCommand({}));
  assert.deepEqual(
    after.SamplingRuleRecords?.map((r) => r.SamplingRule?.RuleName),
    ['Default'],
  );
});

test('targets split a reservoir across the clients reporting for a rule', async () => {
  const client = xrayClient(server.baseUrl);
  await client.send(
    new CreateSamplingRuleCommand({ SamplingRule: { ...checkoutRule, RuleName: 'split', ReservoirSize: 5 } }),
  );
  const report = (clientId: string) =>
    client.send(
      new GetSamplingTargetsCommand({
        SamplingStatisticsDocuments: [
          {
            RuleName: 'split',
            ClientID: clientId,
            Timestamp: new Date(),
            RequestCount: 10,
            SampledCount: 5,
            BorrowCount: 1,
          },
          {
            RuleName: 'gone',
            ClientID: clientId,
            Timestamp: new Date(),
            RequestCount: 1,
            SampledCount: 0,
            BorrowCount: 0,
          },
        ],
      }),
    );
  await report('a'.repeat(24));
  const second = await report('b'.repeat(24));
  const first = await report('a'.repeat(24));
  const quotaA = first.SamplingTargetDocuments?.[0]?.ReservoirQuota ?? -1;
  const quotaB = second.SamplingTargetDocuments?.[0]?.ReservoirQuota ?? -1;
  assert.equal(quotaA + quotaB, 5, 'the quotas of two clients add up to the reservoir');
  assert.equal(first.SamplingTargetDocuments?.length, 1);
  assert.equal(first.UnprocessedStatistics?.[0]?.RuleName, 'gone');
  assert.ok(
    first.LastRuleModification instanceof Date,
    'LastRuleModification is a number the client turns into a Date',
  );
  assert.ok((first.SamplingTargetDocuments?.[0]?.Interval ?? 0) > 0);
});

test('sampling rules survive a restart of the server', async () => {
  const first = await startTestServer();
  await xrayClient(first.baseUrl).send(
    new CreateSamplingRuleCommand({ SamplingRule: { ...checkoutRule, RuleName: 'durable' } }),
  );
  await first.close({ keepData: true });
  const second = await startTestServer({ dataDir: first.dataDir });
  try {
    const listed = await xrayClient(second.baseUrl).send(new GetSamplingRulesCommand({}));
    assert.ok(listed.SamplingRuleRecords?.some((r) => r.SamplingRule?.RuleName === 'durable'));
  } finally {
    await second.close();
  }
});
