/**
 * Our SDK's centralized sampling against Roentgen's real `/GetSamplingRules` and `/SamplingTargets`:
 * the rules are fetched, a rule with reservoir 0 and rate 0 stops sampling, statistics are reported,
 * a rule changed through the API takes effect, and a moved `LastRuleModification` makes the SDK
 * fetch the rules again (a rule created later starts to match without waiting five minutes).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BatchGetTracesCommand,
  CreateSamplingRuleCommand,
  GetSamplingStatisticSummariesCommand,
  UpdateSamplingRuleCommand,
  type SamplingRule,
} from '@aws-sdk/client-xray';
import { createTracer, traceHttpServer, type Tracer } from '@roentgen/sdk';
import { eventually, startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

let roentgen: TestServer;
let tracer: Tracer;
let app: Server;
let appUrl: string;

function rule(overrides: Partial<SamplingRule> & { RuleName: string; URLPath: string }): SamplingRule {
  return {
    ResourceARN: '*',
    Priority: 1,
    FixedRate: 0,
    ReservoirSize: 0,
    ServiceName: '*',
    ServiceType: '*',
    Host: '*',
    HTTPMethod: '*',
    Version: 1,
    ...overrides,
  };
}

before(async () => {
  roentgen = await startTestServer();
  await xrayClient(roentgen.baseUrl).send(
    new CreateSamplingRuleCommand({ SamplingRule: rule({ RuleName: 'blocked', URLPath: '/blocked*' }) }),
  );
  // Default options: local rules until the centralized ones arrive, centralized sampling on.
  tracer = createTracer({
    serviceName: 'sampled-by-roentgen',
    daemonAddress: `tcp:127.0.0.1:${new URL(roentgen.baseUrl).port} udp:127.0.0.1:${roentgen.udpPort}`,
  });
  app = createServer(traceHttpServer(tracer, (_req, res) => res.end('ok')));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

after(async () => {
  app.close();
  await tracer.shutdown();
  await roentgen.close();
});

/** Successful calls of one API action so far, from the server's metrics. */
async function callsOf(action: string): Promise<number> {
  const text = await (await fetch(`${roentgen.baseUrl}/metrics`)).text();
  const prefix = `roentgen_http_requests_total{action="${action}",status="200"}`;
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** One request to the traced app: its trace ID and our SDK's decision, from the response header. */
async function hit(path: string): Promise<{ traceId: string; sampled: boolean }> {
  const response = await fetch(`${appUrl}${path}`);
  await response.text();
  const match = /^Root=([^;]+);Sampled=([01])$/.exec(response.headers.get('x-amzn-trace-id') ?? '');
  assert.ok(match, 'the app answers with Root and Sampled');
  return { traceId: match[1] ?? '', sampled: match[2] === '1' };
}

/** `aws.xray.rule_name` of the stored segment of a sampled request. */
async function ruleNameOf(traceId: string): Promise<string | undefined> {
  const client = xrayClient(roentgen.baseUrl);
  const document = await eventually(async () => {
    const out = await client.send(new BatchGetTracesCommand({ TraceIds: [traceId] }));
    return out.Traces?.[0]?.Segments?.[0]?.Document;
  });
  return (JSON.parse(document) as { aws?: { xray?: { rule_name?: string } } }).aws?.xray?.rule_name;
}

test('centralized sampling: rules, 0/0 rule, targets, an update, a re-fetch', { timeout: 90_000 }, async () => {
  // Polling starts with the first decision, which the local rules make.
  await hit('/warmup');
  await eventually(async () => ((await callsOf('GetSamplingRules')) > 0 ? true : undefined), 5_000, 'the rules fetch');
  await new Promise((resolve) => setTimeout(resolve, 300));

  const sentBefore = tracer.stats().sent;
  for (let i = 0; i < 25; i++)
    assert.equal((await hit('/blocked/item')).sampled, false, 'the 0/0 rule samples nothing');
  await tracer.flush();
  assert.equal(tracer.stats().sent, sentBefore, 'nothing sent for the blocked requests');

  // A path no custom rule matches falls to Roentgen's Default rule, which may borrow one per second.
  const open = await hit('/open');
  assert.equal(open.sampled, true);
  assert.equal(await ruleNameOf(open.traceId), 'Default');

  // Statistics go out every 10 s, for the rules that decided something.
  await eventually(
    async () => ((await callsOf('GetSamplingTargets')) > 0 ? true : undefined),
    15_000,
    'a targets report',
  );
  const summaries = await xrayClient(roentgen.baseUrl).send(new GetSamplingStatisticSummariesCommand({}));
  const blocked = summaries.SamplingStatisticSummaries?.find((s) => s.RuleName === 'blocked');
  assert.ok(blocked, 'the blocked rule was reported');
  assert.ok((blocked.RequestCount ?? 0) >= 25);
  assert.equal(blocked.SampledCount, 0);

  const fetchesBeforeChange = await callsOf('GetSamplingRules');
  const client = xrayClient(roentgen.baseUrl);
  await client.send(new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: 'blocked', FixedRate: 1 } }));
  // Only a re-fetch of the rules can teach the SDK a rule created after its last fetch.
  await client.send(
    new CreateSamplingRuleCommand({
      SamplingRule: rule({ RuleName: 'vip', URLPath: '/vip*', Priority: 2, FixedRate: 1 }),
    }),
  );

  await eventually(
    async () => ((await hit('/blocked/item')).sampled ? true : undefined),
    25_000,
    'the update to apply',
  );
  for (let i = 0; i < 5; i++)
    assert.equal((await hit('/blocked/item')).sampled, true, 'FixedRate 1 samples every request');
  const blockedNow = await hit('/blocked/item');
  assert.equal(await ruleNameOf(blockedNow.traceId), 'blocked');

  await eventually(
    async () => ((await callsOf('GetSamplingRules')) > fetchesBeforeChange ? true : undefined),
    15_000,
    'a re-fetch after LastRuleModification moved',
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  const vip = [await hit('/vip/1'), await hit('/vip/2'), await hit('/vip/3')];
  assert.deepEqual(
    vip.map((v) => v.sampled),
    [true, true, true],
  );
  assert.equal(await ruleNameOf(vip[2]?.traceId ?? ''), 'vip');
});
