import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Segment } from '@roentgen/model';
import { OnceLogger, silentLogger } from '../sdk-logger.ts';
import { FakeDaemon } from '../testing/fake-daemon.ts';
import { createTracer } from '../tracer.ts';
import { CentralizedSampler } from './centralized-sampler.ts';
import { checkLocalRules, DEFAULT_LOCAL_RULES, LocalSampler } from './local-sampler.ts';
import { wildcardMatch } from './wildcard.ts';

// Read through the shared fixture module; a computed specifier keeps it outside this package's tsc rootDir.
const fixtures = (await import(new URL('../../../../tests/support/shared-fixtures.ts', import.meta.url).href)) as {
  readRealClientFixture(path: string): Buffer;
};
const RECORDED_RULES = fixtures
  .readRealClientFixture('xray-sdk-sampling/01-GetSamplingRules.response-we-served.json')
  .toString();
const RECORDED_TARGETS = JSON.parse(
  fixtures.readRealClientFixture('xray-sdk-sampling/02-SamplingTargets.response-we-served.json').toString(),
) as { LastRuleModification: number; SamplingTargetDocuments: { ReservoirQuotaTTL: number }[] };

/** A clock tests move by hand (epoch ms). */
function fakeClock(start: number): { now(): number; advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

describe('wildcardMatch', () => {
  it('matches * and ? case-insensitively, and treats an absent attribute as a match', () => {
    assert.ok(wildcardMatch('/checkout*', '/Checkout/42?x=1'));
    assert.ok(wildcardMatch('GE?', 'get'));
    assert.ok(wildcardMatch('*.example.com', 'api.example.com'));
    assert.ok(!wildcardMatch('*.example.com', 'example.org'));
    assert.ok(!wildcardMatch('a?c', 'ac'));
    assert.ok(wildcardMatch('a*b*c', 'aXbYbZc'));
    assert.ok(wildcardMatch('/x', undefined));
    assert.ok(!wildcardMatch('a'.repeat(30) + '*b', 'a'.repeat(60)), 'no exponential backtracking, and no false match');
  });
});

describe('local sampling', () => {
  it('takes one request per second, then 5 % (the default rule)', () => {
    const clock = fakeClock(1_700_000_000_000);
    let roll = 0.99;
    const sampler = new LocalSampler(DEFAULT_LOCAL_RULES, clock, () => roll);
    const request = { serviceName: 'svc' };
    assert.equal(sampler.decide(request).sampled, true, 'the reservoir takes the first request');
    assert.equal(sampler.decide(request).sampled, false);
    roll = 0.04;
    assert.equal(sampler.decide(request).sampled, true, 'below the 5 % rate');
    roll = 0.99;
    clock.advance(1000);
    assert.equal(sampler.decide(request).sampled, true, 'a new second refills the reservoir');
  });

  it('applies the first matching rule of an X-Ray rules document', () => {
    const rules = checkLocalRules({
      version: 2,
      rules: [
        { description: 'checkout', host: '*', http_method: 'POST', url_path: '/checkout*', fixed_target: 0, rate: 1 },
      ],
      default: { fixed_target: 0, rate: 0 },
    });
    assert.ok(typeof rules !== 'string');
    const sampler = new LocalSampler(rules, fakeClock(0), () => 0.5);
    assert.equal(sampler.decide({ serviceName: 's', method: 'POST', urlPath: '/checkout/1' }).sampled, true);
    assert.equal(sampler.decide({ serviceName: 's', method: 'GET', urlPath: '/checkout/1' }).sampled, false);
    const v1 = checkLocalRules({
      version: 1,
      rules: [{ service_name: 'api.*', fixed_target: 0, rate: 1 }],
      default: { fixed_target: 0, rate: 0 },
    });
    assert.ok(typeof v1 !== 'string');
    assert.equal(
      new LocalSampler(v1, fakeClock(0), () => 0.5).decide({ serviceName: 's', host: 'api.local' }).sampled,
      true,
    );
  });

  it('refuses malformed rules with a reason', () => {
    assert.equal(typeof checkLocalRules({ version: 2 }), 'string');
    assert.equal(typeof checkLocalRules({ version: 3, default: { fixed_target: 1, rate: 0.05 } }), 'string');
    assert.equal(
      typeof checkLocalRules({
        version: 2,
        rules: [{ fixed_target: 1, rate: 2 }],
        default: { fixed_target: 1, rate: 0.05 },
      }),
      'string',
    );
  });
});

interface Call {
  path: string;
  body: unknown;
}

async function fakeSamplingApi(calls: Call[], targets: () => unknown): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      calls.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString()) });
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/GetSamplingRules' ? RECORDED_RULES : JSON.stringify(targets()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('centralized sampling against a fake sampling endpoint', () => {
  const calls: Call[] = [];
  let targets: unknown = RECORDED_TARGETS;
  let server: Server;
  let port: number;
  before(async () => {
    ({ server, port } = await fakeSamplingApi(calls, () => targets));
  });
  after(() => server.close());

  it('polls rules, borrows until it has a quota, reports statistics and applies targets', async () => {
    // Just before the recorded quota TTL, so the recorded targets are live.
    const ttlMs = (RECORDED_TARGETS.SamplingTargetDocuments[0]?.ReservoirQuotaTTL ?? 0) * 1000;
    const clock = fakeClock(Math.floor(ttlMs / 1000) * 1000 - 30_000);
    const sampler = new CentralizedSampler({
      address: { host: '127.0.0.1', port },
      fallback: new LocalSampler({ version: 2, default: { fixed_target: 0, rate: 0 } }, clock, () => 0.99),
      clock,
      random: () => 0.99,
      problems: new OnceLogger(silentLogger),
      clientId: 'abcdefabcdefabcdefabcdef',
      runDetached: () => undefined,
    });
    assert.deepEqual(
      sampler.decide({ serviceName: 'svc', urlPath: '/checkout/1' }),
      { sampled: false },
      'local fallback before rules',
    );
    await sampler.refreshRules();
    assert.deepEqual(calls.at(-1), { path: '/GetSamplingRules', body: {} });
    assert.deepEqual(sampler.decide({ serviceName: 'svc', urlPath: '/checkout/1' }), {
      sampled: true,
      ruleName: 'checkout',
    });
    assert.deepEqual(
      sampler.decide({ serviceName: 'svc', urlPath: '/checkout/2' }),
      { sampled: true, ruleName: 'checkout' },
      'FixedRate 1',
    );
    assert.deepEqual(
      sampler.decide({ serviceName: 'svc', urlPath: '/other' }),
      { sampled: true, ruleName: 'Default' },
      'borrowed',
    );
    assert.deepEqual(sampler.decide({ serviceName: 'svc', urlPath: '/other' }), {
      sampled: false,
      ruleName: 'Default',
    });

    await sampler.reportStatistics();
    const report = calls.at(-1);
    assert.equal(report?.path, '/SamplingTargets');
    const timestamp = Math.floor(clock.now() / 1000);
    assert.deepEqual(report?.body, {
      SamplingStatisticsDocuments: [
        {
          RuleName: 'checkout',
          ClientID: 'abcdefabcdefabcdefabcdef',
          RequestCount: 2,
          SampledCount: 2,
          BorrowCount: 1,
          Timestamp: timestamp,
        },
        {
          RuleName: 'Default',
          ClientID: 'abcdefabcdefabcdefabcdef',
          RequestCount: 2,
          SampledCount: 1,
          BorrowCount: 1,
          Timestamp: timestamp,
        },
      ],
    });
    // Recorded target for Default: quota 2/s, FixedRate 0.5 (random 0.99 stays above it).
    clock.advance(1000);
    const decisions = [1, 2, 3].map(() => sampler.decide({ serviceName: 'svc', urlPath: '/other' }).sampled);
    assert.deepEqual(decisions, [true, true, false]);
    const polls = calls.filter((c) => c.path === '/GetSamplingRules').length;
    targets = { ...RECORDED_TARGETS, LastRuleModification: clock.now() / 1000 + 60 };
    await sampler.reportStatistics();
    assert.equal(
      calls.filter((c) => c.path === '/GetSamplingRules').length,
      polls + 1,
      'a newer rule modification triggers a rules poll',
    );
    sampler.stop();
  });

  it('starts polling from the tracer at the tcp: address and writes the rule name on segments', async () => {
    const daemon = await FakeDaemon.start();
    const udpPort = daemon.address.split(':')[1];
    const tracer = createTracer({
      serviceName: 'svc',
      daemonAddress: `tcp:127.0.0.1:${port} udp:127.0.0.1:${udpPort}`,
      sampling: { random: () => 0.99 },
    });
    const before = calls.length;
    tracer.startSegment({ request: { urlPath: '/warmup' } }).close();
    for (let i = 0; i < 100 && !calls.slice(before).some((c) => c.path === '/GetSamplingRules'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const segment = tracer.startSegment({ request: { urlPath: '/checkout/9' } });
    segment.close();
    const docs = await daemon.waitFor(2);
    const doc = docs.find((d) => d.id === segment.id) as Segment;
    assert.equal(doc.aws?.xray?.rule_name, 'checkout');
    await tracer.shutdown();
    await daemon.close();
  });
});
