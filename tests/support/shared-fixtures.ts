/**
 * Recorded real-client payloads (X-Ray SDK datagrams, sampling calls, client-xray requests, OTLP,
 * Lambda Invoke), kept in `tests/fixtures/real-clients/`. Tests read them only through this module.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'real-clients');

/** Reads one fixture file (path relative to `tests/fixtures/real-clients/`) as bytes. */
export function readRealClientFixture(relativePath: string): Buffer {
  return readFileSync(join(fixturesDir, relativePath));
}

/** Names of the fixture files in one sub-directory, sorted. */
export function listRealClientFixtures(subdirectory: string): string[] {
  return readdirSync(join(fixturesDir, subdirectory)).sort();
}
