/**
 * What the console's browser tests share: the build (made when missing or older than its sources),
 * a real Roentgen server serving the console, headless Chromium that records console errors, and
 * screenshots under `test-output/screenshots/`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { graphRoutes, type ApiRequest, type Route } from '@roentgen/api';
import { consoleRoutes } from '@roentgen/server-app';
import { repositoryRoot, startTestServer, type TestServer } from '../../support/test-server.ts';

export const consoleDir = join(repositoryRoot, 'apps', 'console');
export const buildDir = join(consoleDir, 'build');
export const screenshotDir = join(repositoryRoot, 'test-output', 'screenshots');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs `vite build` unless `build/index.html` is newer than every source the bundle is made of. */
export function ensureConsoleBuilt(): void {
  const index = join(buildDir, 'index.html');
  const sources = Math.max(
    newestSource(consoleDir),
    newestSource(join(repositoryRoot, 'packages', 'filter', 'src')),
    newestSource(join(repositoryRoot, 'packages', 'model', 'src')),
  );
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const result = spawnSync(
    process.execPath,
    [join(repositoryRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
    {
      cwd: consoleDir,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`the console build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface ConsoleServer {
  readonly api: TestServer;
  /** Where the browser goes: the console and the API on one origin. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * A real server with the console. When the server already serves the console at `/` it is used as
 * is; otherwise a thin front (the console routes and `extraRoutes`, everything else forwarded)
 * stands before it.
 */
export async function startConsoleServer(
  options: { extraRoutes?: (api: TestServer) => Route[] } = {},
): Promise<ConsoleServer> {
  ensureConsoleBuilt();
  const api = await startTestServer();
  const page = await fetch(`${api.baseUrl}/`);
  const graph = await fetch(`${api.baseUrl}/ServiceGraph`, { method: 'POST', body: '{}' });
  const servesConsole = page.headers.get('content-type')?.startsWith('text/html') ?? false;
  const servesGraph = graph.headers.get('x-amzn-ErrorType') !== 'UnknownOperationException';
  if (servesConsole && servesGraph && !options.extraRoutes) {
    return { api, baseUrl: api.baseUrl, close: () => api.close() };
  }
  // Until the server wires them itself, the front adds the graph actions over the same store.
  const missing = servesGraph ? [] : graphRoutes({ store: api.server.store });
  const front = await startFront(
    [...consoleRoutes(buildDir), ...missing, ...(options.extraRoutes?.(api) ?? [])],
    api.baseUrl,
  );
  return {
    api,
    baseUrl: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      front.closeAllConnections();
      await api.close();
    },
  };
}

function findRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  return routes.find(
    (r) => r.method === method && (r.path === path || (r.path.endsWith('/*') && path.startsWith(r.path.slice(0, -1)))),
  );
}

async function startFront(routes: readonly Route[], apiBase: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://front');
        const route = findRoute(routes, req.method ?? 'GET', url.pathname);
        if (route) {
          const request: ApiRequest = {
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body: Buffer.concat(chunks),
            requestId: 'front',
          };
          const reply = await route.handler(request);
          res.writeHead(reply.status, reply.headers).end(reply.body);
          return;
        }
        const forwarded = await fetch(`${apiBase}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
        });
        const headers: Record<string, string> = {};
        forwarded.headers.forEach((value, key) => {
          if (key !== 'content-length' && key !== 'transfer-encoding' && key !== 'connection') headers[key] = value;
        });
        res.writeHead(forwarded.status, headers).end(Buffer.from(await forwarded.arrayBuffer()));
      })().catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium from Debian's package (`apt-get install chromium`), as the machine notes describe. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** Every console error, uncaught exception, failed request and dialog a page produced. */
export interface PageProblems {
  readonly errors: string[];
  readonly dialogs: string[];
}

export async function openPage(
  browser: Browser,
  options: { dark?: boolean } = {},
): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: options.dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: PageProblems = { errors: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
  // Confirmations (deleting a group or a rule) are accepted; any other dialog is a finding.
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (dialog.type() === 'confirm' ? dialog.accept() : dialog.dismiss());
  });
  return { page, problems };
}

/** Saves a full-page screenshot as `test-output/screenshots/NAME.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Drags across a histogram from `low` to `high` seconds, aiming with the SVG's axis bounds. */
export async function brushHistogram(page: Page, selector: string, low: number, high: number): Promise<void> {
  const svg = page.locator(`${selector} .histogram svg`).first();
  const box = await svg.boundingBox();
  if (!box) throw new Error('the histogram is not visible');
  const max = Number(await svg.getAttribute('data-max'));
  const left = Number(await svg.getAttribute('data-plot-left'));
  const right = Number(await svg.getAttribute('data-plot-right'));
  const xOf = (seconds: number) => box.x + box.width * (left + (Math.min(seconds, max) / max) * (right - left));
  const y = box.y + box.height * 0.5;
  await page.mouse.move(xOf(low), y);
  await page.mouse.down();
  await page.mouse.move((xOf(low) + xOf(high)) / 2, y, { steps: 4 });
  await page.mouse.move(xOf(high), y, { steps: 4 });
  await page.mouse.up();
}
