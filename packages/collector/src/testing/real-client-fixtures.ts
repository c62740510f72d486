/**
 * Test-only access to the recorded real-client payloads in `tests/fixtures/real-clients/`. The
 * repository's `tests/support` reader lies outside this workspace's TypeScript project, so this
 * small reader stands in for it here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixturesDir = fileURLToPath(new URL('../../../../tests/fixtures/real-clients/', import.meta.url));

/** The bytes of one fixture, path relative to `tests/fixtures/real-clients/`. */
export function readFixture(relativePath: string): Buffer {
  return readFileSync(fixturesDir + relativePath);
}

/** Every file of one fixture directory, sorted, as `[name, bytes]`. */
export function readFixtureDirectory(subdirectory: string): [string, Buffer][] {
  return readdirSync(fixturesDir + subdirectory)
    .sort()
    .map((name) => [name, readFixture(`${subdirectory}/${name}`)]);
}

/** The body of a recorded HTTP request (everything after the first blank line). */
export function requestBody(relativePath: string): Buffer {
  const bytes = readFixture(relativePath);
  const end = bytes.indexOf('\r\n\r\n') >= 0 ? bytes.indexOf('\r\n\r\n') + 4 : bytes.indexOf('\n\n') + 2;
  return bytes.subarray(end);
}
