/**
 * aws-xray-sdk-core's centralized sampling against Roentgen: the SDK fetches rules and reports
 * targets on our port, a rule with reservoir 0 and rate 0 really stops sampling, and a rule changed
 * through the API takes effect in the running SDK.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AWSXRay from 'aws-xray-sdk-core';
import { CreateSamplingRuleCommand, UpdateSamplingRuleCommand } from '@aws-sdk/client-xray';
import { eventually, startTestServer, type TestServer } from '../support/test-server.ts';
import { xrayClient } from '../support/xray-client.ts';

let roentgen: TestServer;
let app: Server;
let appUrl: string;

before(async () => {
  roentgen = await startTestServer();
  AWSXRay.setLogger({ error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined });
  AWSXRay.setDaemonAddress(`tcp:127.0.0.1:${new URL(roentgen.baseUrl).port} udp:127.0.0.1:${roentgen.udpPort}`);
  AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
  AWSXRay.middleware.setDefaultName('sampled-app');
  await xrayClient(roentgen.baseUrl).send(
    new CreateSamplingRuleCommand({
      SamplingRule: {
        RuleName: 'blocked',
        ResourceARN: '*',
        Priority: 1,
        FixedRate: 0,
        ReservoirSize: 0,
        ServiceName: '*',
        ServiceType: '*',
        Host: '*',
        HTTPMethod: '*',
        URLPath: '/blocked*',
        Version: 1,
      },
    }),
  );
  app = createServer((req, res) => {
    AWSXRay.middleware.traceRequestResponseCycle(req, res);
    res.end('ok');
  });
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', () => r()));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

after(async () => {
  app.close();
  await roentgen.close();
});

function requestsTo(action: string): Promise<number> {
  return fetch(`${roentgen.baseUrl}/metrics`)
    .then((r) => r.text())
    .then((text) => {
      const lines = text
        .split('\n')
        .filter((l) => l.startsWith(`roentgen_http_requests_total{action="${action}",status="200"}`));
      return lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    });
}

async function storedDocuments(): Promise<number> {
  await new Promise((r) => setTimeout(r, 300)); // UDP plus the batcher's flush interval
  return (await roentgen.server.store.stats()).documents;
}

async function hit(path: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await (await fetch(`${appUrl}${path}`)).text();
}

test(
  'rules are fetched, a 0/0 rule stops sampling, targets are reported, an update takes effect',
  { timeout: 90_000 },
  async () => {
    // The SDK starts its pollers on the first decision; that first request is decided by local rules.
    await hit('/warmup', 1);
    await eventually(
      async () => ((await requestsTo('GetSamplingRules')) > 0 ? true : undefined),
      10_000,
      'the rules fetch',
    );
    await new Promise((r) => setTimeout(r, 200));

    const before = await storedDocuments();
    await hit('/blocked/item', 25);
    assert.equal(await storedDocuments(), before, 'no request matching the 0/0 rule is sampled');

    // Targets are reported every 10 s, only for rules that matched requests.
    await eventually(
      async () => ((await requestsTo('GetSamplingTargets')) > 0 ? true : undefined),
      20_000,
      'a targets report',
    );

    await xrayClient(roentgen.baseUrl).send(
      new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: 'blocked', FixedRate: 1 } }),
    );
    // The SDK applies a target's FixedRate at its next report (every 10 s). (It would also re-fetch the
    // rules when LastRuleModification moves, but it reads that epoch-seconds number as milliseconds.)
    await eventually(
      async () => {
        const count = await storedDocuments();
        await hit('/blocked/item', 1);
        return (await storedDocuments()) > count ? true : undefined;
      },
      30_000,
      'the changed rule to take effect in the SDK',
    );
    const beforeSampled = await storedDocuments();
    await hit('/blocked/item', 5);
    assert.equal((await storedDocuments()) - beforeSampled, 5, 'with FixedRate 1 every request is sampled');
  },
);
