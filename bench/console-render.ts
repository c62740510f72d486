/**
 * Console render benchmark (issue 6), in headless Chromium against a real server:
 * - time to first meaningful render of the service map with 200 nodes (navigation start → every
 *   node drawn), split at the arrival of its data, beside the baseline of GetServiceGraph alone;
 * - time to first meaningful render of a trace of 10,000 segments (navigation start → timeline rows
 *   drawn), split likewise at the arrival of its timeline (GetTraceTimeline), beside the baselines of
 *   that request and of BatchGetTraces alone; then frame times while the timeline is scrolled from top
 *   to bottom;
 * - the gzip size of the JavaScript the console ships (the first load and the lazy layout engine).
 * Run: `node --import tsx bench/console-render.ts [--quick]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildDir, launchBrowser, startConsoleServer } from '../tests/e2e/console/console-harness.ts';
import { putDocuments } from '../tests/e2e/console/fixture-traces.ts';
import { percentile, progress, progressDone, recordResults } from './support/bench-report.ts';
import { bigTraceDocuments, wideMapDocuments } from './support/console-data.ts';

const quick = process.argv.includes('--quick');
const runs = quick ? 2 : 5;

interface Timing {
  /** Navigation start → the view drawn. */
  readonly renderMs: number;
  /** Navigation start → the view's data request leaving (resource timing). */
  readonly requestStartMs: number;
  /** Navigation start → the last byte of the view's data request (resource timing). */
  readonly dataArrivedMs: number;
  /** Navigation start → `settled` matched (the map's final layout); NaN when not asked. */
  readonly settledMs: number;
}

/**
 * Opens `url` in a fresh context (cold cache) and times it until `ready.count` elements match
 * `ready.selector`; `dataPath` names the request whose arrival splits server time from drawing.
 */
async function timePage(
  browser: Browser,
  url: string,
  ready: { selector: string; count: number },
  dataPath: string,
  settled?: string,
): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'commit' });
  // A function, not a string: the console's CSP forbids string evaluation.
  const handle = await page.waitForFunction(
    ({ selector, count }) => document.querySelectorAll(selector).length >= count && performance.now(),
    ready,
    { polling: 'raf', timeout: 60_000 },
  );
  const renderMs = (await handle.jsonValue()) as number;
  const settledMs = settled
    ? ((await (
        await page.waitForFunction(
          (selector) => document.querySelector(selector) !== null && performance.now(),
          settled,
          {
            polling: 'raf',
            timeout: 60_000,
          },
        )
      ).jsonValue()) as number)
    : NaN;
  const [requestStartMs, dataArrivedMs] = await page.evaluate(
    (path) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname === path)
        .map((e) => [e.startTime, (e as PerformanceResourceTiming).responseEnd])[0] ?? [NaN, NaN],
    dataPath,
  );
  await context.close();
  if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
  return { renderMs, requestStartMs: requestStartMs ?? NaN, dataArrivedMs: dataArrivedMs ?? NaN, settledMs };
}

/** The same request from Node with nothing else running: the server's share, as a baseline. */
async function timeRequest(baseUrl: string, path: string, body: object): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return performance.now() - started;
}

/** Scrolls the timeline to the bottom, one step a frame, and returns the frame intervals (ms). */
async function scrollFrames(browser: Browser, url: string): Promise<{ frames: number[]; maxRows: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // tsx keeps function names with a `__name` helper that the page does not have.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.goto(url);
  await page.waitForSelector('.timeline-row', { timeout: 60_000 });
  const result = await page.evaluate(
    () =>
      new Promise<{ frames: number[]; maxRows: number }>((resolve) => {
        const scroller = document.querySelector<HTMLElement>('.timeline-scroller')!;
        const frames: number[] = [];
        let maxRows = 0;
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          frames.push(now - last);
          last = now;
          maxRows = Math.max(maxRows, document.querySelectorAll('.timeline-row').length);
          scroller.scrollTop += 400;
          if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1 || frames.length > 2000)
            resolve({ frames: frames.slice(1), maxRows });
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );
  await context.close();
  return result;
}

function median(values: number[]): number {
  return Math.round(percentile(values, 50));
}

function javascriptSizes(): { file: string; bytes: number; gzipBytes: number }[] {
  const assets = join(buildDir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const body = readFileSync(join(assets, file));
      return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    });
}

const server = await startConsoleServer();
const browser = await launchBrowser();
try {
  const now = Date.now() / 1000;
  progress('loading 200 services');
  await putDocuments(server.baseUrl, wideMapDocuments(now, 200), 100);
  progress('loading a trace of 10,000 segments');
  const big = bigTraceDocuments(now, 10_000);
  await putDocuments(server.baseUrl, big.documents, 250);

  const window = { StartTime: now - 3600, EndTime: now + 60 };
  const mapRuns: Timing[] = [];
  const traceRuns: Timing[] = [];
  const mapBaseline: number[] = [];
  const traceBaseline: number[] = [];
  const timelineBaseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`run ${i + 1} of ${runs}: baselines`);
    mapBaseline.push(await timeRequest(server.baseUrl, '/ServiceGraph', window));
    traceBaseline.push(await timeRequest(server.baseUrl, '/Traces', { TraceIds: [big.traceId] }));
    timelineBaseline.push(await timeRequest(server.baseUrl, '/TraceTimeline', { TraceId: big.traceId }));
    progress(`run ${i + 1} of ${runs}: map`);
    mapRuns.push(
      await timePage(
        browser,
        `${server.baseUrl}/console/map`,
        { selector: 'g.map-node', count: 200 },
        '/ServiceGraph',
        '.map-canvas[aria-busy="false"]',
      ),
    );
    progress(`run ${i + 1} of ${runs}: trace`);
    traceRuns.push(
      await timePage(
        browser,
        `${server.baseUrl}/console/trace/${big.traceId}`,
        { selector: '.timeline-row', count: 10 },
        '/TraceTimeline',
      ),
    );
  }
  progress('scrolling the timeline');
  const scroll = await scrollFrames(browser, `${server.baseUrl}/console/trace/${big.traceId}`);
  progressDone();
  const sizes = javascriptSizes();
  const entry = sizes.filter((s) => !s.file.startsWith('elk'));
  recordResults('console-render', {
    runs,
    map200: {
      firstMeaningfulRenderMs: median(mapRuns.map((r) => r.renderMs)),
      requestStartMs: median(mapRuns.map((r) => r.requestStartMs)),
      dataArrivedMs: median(mapRuns.map((r) => r.dataArrivedMs)),
      drawingAfterDataMs: median(mapRuns.map((r) => r.renderMs - r.dataArrivedMs)),
      finalLayoutMs: median(mapRuns.map((r) => r.settledMs)),
      baselineServiceGraphRequestMs: median(mapBaseline),
      allRunsMs: mapRuns.map((r) => Math.round(r.renderMs)),
    },
    trace10k: {
      segments: big.segments,
      firstMeaningfulRenderMs: median(traceRuns.map((r) => r.renderMs)),
      requestStartMs: median(traceRuns.map((r) => r.requestStartMs)),
      dataArrivedMs: median(traceRuns.map((r) => r.dataArrivedMs)),
      drawingAfterDataMs: median(traceRuns.map((r) => r.renderMs - r.dataArrivedMs)),
      baselineTraceTimelineRequestMs: median(timelineBaseline),
      baselineBatchGetTracesRequestMs: median(traceBaseline),
      allRunsMs: traceRuns.map((r) => Math.round(r.renderMs)),
      scroll: {
        frames: scroll.frames.length,
        p50FrameMs: Math.round(percentile(scroll.frames, 50) * 10) / 10,
        p95FrameMs: Math.round(percentile(scroll.frames, 95) * 10) / 10,
        maxFrameMs: Math.round(Math.max(...scroll.frames) * 10) / 10,
        mostRowsInDom: scroll.maxRows,
      },
    },
    javascript: {
      files: sizes,
      firstLoadGzipBytes: entry.reduce((sum, s) => sum + s.gzipBytes, 0),
      totalGzipBytes: sizes.reduce((sum, s) => sum + s.gzipBytes, 0),
    },
  });
} finally {
  await browser.close();
  await server.close();
}
