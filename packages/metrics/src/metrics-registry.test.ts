import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsRegistry } from './metrics-registry.ts';

test('renders counters with escaped labels in the Prometheus text format', () => {
  const registry = new MetricsRegistry();
  const rejected = registry.counter('roentgen_documents_rejected_total', 'Documents rejected');
  rejected.inc({ protocol: 'udp', reason: 'JSONFormatError' });
  rejected.inc({ protocol: 'udp', reason: 'JSONFormatError' }, 2);
  rejected.inc({ protocol: 'http', reason: 'quote"back\\slash' });
  const text = registry.render();
  assert.match(text, /# TYPE roentgen_documents_rejected_total counter/);
  assert.match(text, /roentgen_documents_rejected_total\{protocol="udp",reason="JSONFormatError"\} 3/);
  assert.match(text, /reason="quote\\"back\\\\slash"\} 1/);
  assert.equal(rejected.get({ reason: 'JSONFormatError', protocol: 'udp' }), 3);
});

test('histograms count cumulatively and gauges read their collector at render time', () => {
  const registry = new MetricsRegistry();
  const latency = registry.histogram('write_seconds', 'Write latency', [0.01, 0.1, 1]);
  latency.observe(0.005);
  latency.observe(0.05);
  latency.observe(5);
  let depth = 7;
  registry.gauge('buffer_depth', 'Depth').collectFrom(() => depth);
  depth = 9;
  const text = registry.render();
  assert.match(text, /write_seconds_bucket\{le="0.01"\} 1/);
  assert.match(text, /write_seconds_bucket\{le="0.1"\} 2/);
  assert.match(text, /write_seconds_bucket\{le="1"\} 2/);
  assert.match(text, /write_seconds_bucket\{le="\+Inf"\} 3/);
  assert.match(text, /write_seconds_count 3/);
  assert.match(text, /buffer_depth 9/);
});

test('refuses to register one name twice', () => {
  const registry = new MetricsRegistry();
  registry.counter('a_total', 'a');
  assert.throws(() => registry.gauge('a_total', 'again'), /registered twice/);
});
