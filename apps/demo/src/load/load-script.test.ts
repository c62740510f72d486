import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalsDue, parseLoadScript, readLoadScript, scriptDuration } from './load-script.ts';

test('the default script ramps 10 → 25 requests/s over 15 s, then holds 25 for 60 s', () => {
  const script = readLoadScript();
  assert.deepEqual(
    script.phases.map((p) => [p.duration, p.arrivalRate, p.rampTo]),
    [
      [15, 10, 25],
      [60, 25, 25],
    ],
  );
  assert.equal(scriptDuration(script), 75);
  assert.deepEqual(script.scenarios, [['/']]);
  // A ramp delivers its average rate: 17.5/s over 15 s, then 25/s.
  assert.equal(arrivalsDue(script, 15), 262.5);
  assert.equal(arrivalsDue(script, 75), 262.5 + 1500);
  assert.equal(arrivalsDue(script, 500), 262.5 + 1500);
});

test('errors name the field', () => {
  assert.throws(() => parseLoadScript('config: {target: nowhere, phases: []}\nscenarios: []'), /config\.target/);
  assert.throws(
    () => parseLoadScript('config: {target: "http://x", phases: [{duration: 0, arrivalRate: 1}]}\nscenarios: []'),
    /config\.phases\[0\]\.duration/,
  );
  assert.throws(
    () =>
      parseLoadScript(
        'config: {target: "http://x", phases: [{duration: 1, arrivalRate: 1}]}\nscenarios: [{flow: [{post: {}}]}]',
      ),
    /scenarios\[0\]\.flow\[0\]\.get/,
  );
});
