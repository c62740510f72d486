import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDemoManifest, readDemoManifest, withoutFaults } from './demo-manifest.ts';

test('the reference manifest: an entrypoint and ten functions in each of five services, two deployed faulty', () => {
  const manifest = readDemoManifest();
  assert.equal(manifest.service, 'name-generator');
  assert.equal(manifest.stage, 'dev');
  assert.deepEqual(manifest.tracing, { lambda: true, apiGateway: true });
  assert.equal(manifest.functions.length, 51);
  const services = new Set(manifest.functions.map((f) => f.service));
  assert.deepEqual([...services], ['entrypoint', 'noun', 'adjective', 'verb', 'color', 'descriptor']);
  const faulty = manifest.functions.filter((f) => f.handler === 'faulty');
  assert.deepEqual(
    faulty.map((f) => [f.name, f.fault]),
    [
      ['adjective-4', { delayMs: 2000, errorRate: 0 }],
      ['verb-6', { delayMs: 0, errorRate: 0.5 }],
    ],
  );
  assert.deepEqual(
    withoutFaults(manifest).functions.filter((f) => f.handler === 'faulty'),
    [],
  );
});

test('mistakes say where they are', () => {
  assert.throws(
    () => parseDemoManifest('service: s\nfunctions: {entrypoint: {handler: entrypoint}, a-1: {handler: wrd}}'),
    /functions\.a-1\.handler/,
  );
  assert.throws(() => parseDemoManifest('service: s\nfunctions: {a-1: {handler: word}}'), /"entrypoint" is missing/);
  assert.throws(
    () =>
      parseDemoManifest(
        'service: s\nprovider: {tracing: {lambda: yes-please}}\nfunctions: {entrypoint: {handler: entrypoint}}',
      ),
    /provider\.tracing\.lambda/,
  );
});
