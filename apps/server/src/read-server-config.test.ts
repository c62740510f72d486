import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readServerConfig } from './read-server-config.ts';
import { parseHostPort } from './server-config.ts';

const quiet = () => undefined;

test('defaults are 127.0.0.1:2000 for HTTP and UDP and ./.roentgen for data', () => {
  const config = readServerConfig({}, {}, quiet);
  assert.deepEqual(config.listen, { host: '127.0.0.1', port: 2000 });
  assert.deepEqual(config.udp, { host: '127.0.0.1', port: 2000 });
  assert.match(config.dataDir, /\.roentgen$/);
});

test('environment variables apply, blank ones count as unset, and flags win', () => {
  const environment = { ROENTGEN_LISTEN: '0.0.0.0:4000', ROENTGEN_UDP: '   ', ROENTGEN_DATA: '/tmp/x' };
  const fromEnv = readServerConfig({}, environment, quiet);
  assert.deepEqual(fromEnv.listen, { host: '0.0.0.0', port: 4000 });
  assert.deepEqual(fromEnv.udp, { host: '127.0.0.1', port: 2000 });
  assert.equal(fromEnv.dataDir, '/tmp/x');
  const flagged = readServerConfig({ listen: '127.0.0.1:5000', data: '/tmp/y' }, environment, quiet);
  assert.deepEqual(flagged.listen, { host: '127.0.0.1', port: 5000 });
  assert.equal(flagged.dataDir, '/tmp/y');
});

test('a malformed address names the flag and shows an example', () => {
  assert.throws(
    () => parseHostPort('localhost', '--udp'),
    /--udp must be HOST:PORT \(for example 127\.0\.0\.1:2000\), got "localhost"/,
  );
  assert.throws(() => parseHostPort('h:70000', '--listen'), /--listen must be HOST:PORT/);
  assert.deepEqual(parseHostPort('[::1]:2000', '--listen'), { host: '::1', port: 2000 });
});
