import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { ApiReply, Route } from '@roentgen/api';

/**
 * The console's routes on the one HTTP port. The built app (`npm run build -w @roentgen/console`)
 * is read from `buildDir` on each request, so a rebuild shows without a restart:
 * - `GET /` and `GET /console/*`: `index.html` (the app routes itself under `/console/…`, which no
 *   X-Ray action path uses), never cached so a new build is picked up;
 * - `GET /assets/*`: content-hashed files, cached for a year;
 * - `GET /favicon.svg`.
 * When the build is missing, the pages answer 503 with the command that builds it.
 */
export function consoleRoutes(buildDir: string): Route[] {
  const root = resolve(buildDir);
  const page = () => servePage(root);
  return [
    { method: 'GET', path: '/', action: 'Console', handler: page },
    { method: 'GET', path: '/console/*', action: 'Console', handler: page },
    { method: 'GET', path: '/assets/*', action: 'ConsoleAsset', handler: (request) => serveAsset(root, request.path) },
    {
      method: 'GET',
      path: '/favicon.svg',
      action: 'ConsoleAsset',
      handler: () => serveFile(root, 'favicon.svg', 'public, max-age=86400'),
    },
  ];
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Scripts only from this origin and no inline script at all: even if some text slipped past React's
 * escaping, the browser would refuse to run it. Inline styles are allowed for React's `style` props.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Roentgen: console not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 42em; margin: 3em auto; line-height: 1.5">
<h1>The console is not built</h1>
<p>The console is not built: run <code>npm run build -w @roentgen/console</code> in the Roentgen repository, then reload this page.</p>
<p>The API is running: X-Ray clients, SDKs and OTLP exporters can already send and read traces on this port.</p>
</body></html>
`;

async function servePage(root: string): Promise<ApiReply> {
  const reply = await serveFile(root, 'index.html', 'no-cache');
  if (reply.status === 200) {
    return { ...reply, headers: { ...reply.headers, 'content-security-policy': CONTENT_SECURITY_POLICY } };
  }
  return {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '10' },
    body: NOT_BUILT_PAGE,
  };
}

async function serveAsset(root: string, path: string): Promise<ApiReply> {
  const relative = decodeSafely(path.slice(1));
  if (relative === undefined) return notFound(path);
  // Hashed names change with their content, so a year of caching is safe and saves every reload.
  return serveFile(root, relative, 'public, max-age=31536000, immutable');
}

/** Reads `relative` under `root`; anything resolving outside `root` (`..`, absolute) is a 404. */
async function serveFile(root: string, relative: string, cacheControl: string): Promise<ApiReply> {
  const file = resolve(join(root, relative));
  if (!file.startsWith(root + sep)) return notFound(relative);
  try {
    const info = await stat(file);
    if (!info.isFile()) return notFound(relative);
    const body = await readFile(file);
    return {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': cacheControl,
        'x-content-type-options': 'nosniff',
      },
      body,
    };
  } catch {
    return notFound(relative);
  }
}

function decodeSafely(text: string): string | undefined {
  try {
    const decoded = decodeURIComponent(text);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function notFound(what: string): ApiReply {
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: `Not found: ${what}\n`,
  };
}
