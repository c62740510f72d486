import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpServer } from '@roentgen/api';
import { MetricsRegistry } from '@roentgen/metrics';
import { consoleRoutes } from './console-routes.ts';

async function withServer(buildDir: string, run: (base: string) => Promise<void>): Promise<void> {
  const http = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    routes: consoleRoutes(buildDir),
    metrics: new MetricsRegistry(),
    maxBodyBytes: 1024,
    log: () => undefined,
  });
  try {
    await run(`http://127.0.0.1:${http.address.port}`);
  } finally {
    await http.close();
  }
}

function fakeBuild(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'roentgen-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  writeFileSync(join(dir, 'secret.txt'), 'outside assets');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A raw GET, so that paths like `/assets/../x` reach the server unnormalized. */
function get(
  base: string,
  path: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'GET', path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the console page is served at / and at every client route, never cached, with a strict CSP', async () => {
  const build = fakeBuild();
  try {
    await withServer(build.dir, async (base) => {
      for (const path of ['/', '/console', '/console/map', '/console/trace/1-5f84c7a1-abcdefabcdefabcdefabcdef']) {
        const reply = await get(base, path);
        assert.equal(reply.status, 200, path);
        assert.equal(reply.body, '<!doctype html><title>console</title>');
        assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8');
        assert.equal(reply.headers['cache-control'], 'no-cache');
        assert.match(String(reply.headers['content-security-policy']), /script-src 'self'/);
      }
    });
  } finally {
    build.remove();
  }
});

test('hashed assets get their content type and a year of caching; the favicon is served', async () => {
  const build = fakeBuild();
  try {
    await withServer(build.dir, async (base) => {
      const js = await get(base, '/assets/index-abc123.js');
      assert.equal(js.status, 200);
      assert.equal(js.body, 'console.log(1)');
      assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
      const css = await get(base, '/assets/index-abc123.css');
      assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
      const icon = await get(base, '/favicon.svg');
      assert.equal(icon.status, 200);
      assert.equal(icon.headers['content-type'], 'image/svg+xml');
    });
  } finally {
    build.remove();
  }
});

test('unknown assets and paths escaping the build directory are 404', async () => {
  const build = fakeBuild();
  try {
    await withServer(build.dir, async (base) => {
      assert.equal((await get(base, '/assets/missing.js')).status, 404);
      assert.equal((await get(base, '/assets/../secret.txt')).status, 404);
      assert.equal((await get(base, '/assets/%2e%2e/secret.txt')).status, 404);
      assert.equal((await get(base, '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).status, 404);
      assert.equal((await get(base, '/assets/')).status, 404);
    });
  } finally {
    build.remove();
  }
});

test('without a build the pages answer 503 with the command that builds the console', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'roentgen-console-missing-'));
  rmSync(dir, { recursive: true });
  await withServer(dir, async (base) => {
    for (const path of ['/', '/console/traces']) {
      const reply = await get(base, path);
      assert.equal(reply.status, 503);
      assert.equal(reply.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(reply.body, /the console is not built: run <code>npm run build -w @roentgen\/console<\/code>/i);
    }
    assert.equal((await get(base, '/assets/index-abc123.js')).status, 404);
  });
});
