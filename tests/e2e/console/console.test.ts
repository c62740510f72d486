/**
 * The console in real headless Chromium against a real server loaded with the fixture system:
 * the map's nodes and colours, the side panel and its histogram brush, the filter bar's located
 * errors, compare, the trace timeline and its drawer, groups and sampling rules, and that the
 * markup-named service stays text. Every page must leave the browser console free of errors.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  brushHistogram,
  launchBrowser,
  openPage,
  screenshot,
  startConsoleServer,
  type ConsoleServer,
  type PageProblems,
} from './console-harness.ts';
import { eventually } from '../../support/test-server.ts';
import {
  GATEWAY,
  PLANTED_KEY,
  PLANTED_VALUE,
  XSS_NAME,
  loadFixtureTraces,
  type FixtureTrace,
} from './fixture-traces.ts';

let server: ConsoleServer;
let browser: Browser;
let traces: FixtureTrace[];
const allProblems: PageProblems[] = [];

before(async () => {
  server = await startConsoleServer();
  traces = await loadFixtureTraces(server.baseUrl);
  // Graph statistics are kept current as traces are assembled: wait until every trace counts.
  await eventually(
    async () => {
      const now = Date.now() / 1000;
      const response = await fetch(`${server.baseUrl}/ServiceGraph`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ StartTime: now - 3600, EndTime: now + 60 }),
      });
      const graph = (await response.json()) as {
        Services?: { Name?: string; SummaryStatistics?: { TotalCount?: number } }[];
      };
      const storefront = graph.Services?.find((s) => s.Name === 'storefront');
      return (storefront?.SummaryStatistics?.TotalCount ?? 0) >= traces.length ? true : undefined;
    },
    15_000,
    'the service graph to count every fixture trace',
  );
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, options: { dark?: boolean } = {}): Promise<Page> {
  const { page, problems } = await openPage(browser, options);
  allProblems.push(problems);
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

const node = (page: Page, name: string) => page.locator(`g.map-node[data-node="${name.replace(/"/g, '\\"')}"]`);

test('the service map shows every service, with fault, throttle and ok rings', async () => {
  const page = await open('/');
  await page.waitForURL(/\/console\/map/);
  await node(page, 'pricing').waitFor();
  for (const name of [GATEWAY, 'storefront', 'catalog', 'pricing', 'payments', 'inventory', XSS_NAME]) {
    assert.equal(await node(page, name).count(), 1, `node ${name}`);
    // Names are real SVG text.
    assert.equal(await node(page, name).locator('text.node-name').textContent(), name);
  }
  assert.equal(await node(page, 'payments').getAttribute('data-health'), 'fault');
  assert.equal(await node(page, 'payments').locator('circle.ring-fault').count(), 1);
  assert.equal(await node(page, 'catalog').getAttribute('data-health'), 'ok');
  const throttled = await page.locator('g.map-node[data-health="throttle"]').count();
  assert.ok(throttled >= 1, 'the throttled DynamoDB table shows a throttle ring');
  // Callers are left of callees.
  const x = async (name: string) => (await node(page, name).boundingBox())!.x;
  assert.ok((await x(GATEWAY)) < (await x('storefront')));
  assert.ok((await x('storefront')) < (await x('payments')));
  assert.equal(await page.locator('link[rel="icon"]').getAttribute('href'), '/favicon.svg');
  await screenshot(page, 'map');
  await page.close();
});

test('clicking a node opens its panel; brushing its histogram lists exactly the slow traces', async () => {
  const page = await open('/console/map');
  await node(page, 'pricing').click();
  const panel = page.locator('aside.side-panel');
  await panel.getByRole('heading', { name: 'pricing' }).waitFor();
  await brushHistogram(page, 'aside.side-panel', 1.5, 10);
  const preview = await panel.locator('pre.filter-preview').textContent();
  assert.match(preview ?? '', /^service\("pricing"\) \{ responsetime >= 1\.\d+ AND responsetime <= \d+(\.\d+)? \}$/);
  const rows = panel.locator('tr[data-trace-id]');
  await rows.first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('aside.side-panel tr[data-trace-id]').length >= 16);
  const listed = new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-trace-id'))));
  const slow = new Set(traces.filter((t) => t.slow).map((t) => t.id));
  assert.deepEqual(listed, slow);
  assert.match(page.url(), /band=/);
  await screenshot(page, 'map-node-panel');
  // Isolate keeps the node and its neighbours only.
  await panel.getByLabel(/Isolate/).check();
  await page.waitForFunction(() => document.querySelectorAll('g.map-node').length === 2);
  assert.deepEqual(
    (await page.locator('g.map-node').evaluateAll((g) => g.map((n) => n.getAttribute('data-node')))).sort(),
    ['pricing', 'storefront'],
  );
  await page.close();
});

test('clicking an edge opens its panel with an edge() filter', async () => {
  const page = await open('/console/map');
  // The label is the edge's own; its line shares a trunk with its siblings.
  await page.locator('g.map-edge[data-edge="storefront -> payments"] text.edge-label').click();
  const panel = page.locator('aside.side-panel');
  await panel.getByRole('heading', { name: 'storefront → payments' }).waitFor();
  assert.equal(await panel.locator('pre.filter-preview').textContent(), 'edge("storefront", "payments")');
  await page.close();
});

test('a filter with a typo shows the located error with a caret', async () => {
  const page = await open('/console/traces');
  const input = page.getByLabel('Filter expression');
  await input.fill('responstime > 1');
  await input.press('Enter');
  const error = page.locator('.filter-bar pre.filter-error');
  await error.waitFor();
  const text = (await error.textContent()) ?? '';
  assert.match(text, /^1:1: .*responstime/);
  assert.match(text, /Did you mean 'responsetime'/);
  assert.match(text, /\n {2}\^{11}$/);
  assert.equal(await page.locator('.filter-backdrop .tok-error').first().textContent(), 'responstime');
  await screenshot(page, 'traces-filter-error');
  // Completion offers keywords and service names.
  await input.fill('service("pri');
  await page.locator('.completions li', { hasText: 'service("pricing")' }).waitFor();
  await page.close();
});

test('the trace search brushes the distribution and compare ranks the planted attribute first', async () => {
  const page = await open('/console/traces');
  await page.locator('.distribution .histogram svg').waitFor();
  assert.equal(await page.locator('.trace-table caption').textContent(), `${traces.length} traces`);
  await brushHistogram(page, '.distribution', 1.5, 10);
  const first = page.locator('.compare-table tbody tr').first();
  await first.waitFor();
  assert.equal(await first.getAttribute('data-attribute'), `annotation.${PLANTED_KEY} = "${PLANTED_VALUE}"`);
  const slowCount = traces.filter((t) => t.slow).length;
  assert.equal(await page.locator('.trace-table caption').textContent(), `${slowCount} traces in the band`);
  assert.ok((await page.locator('.group-tables').textContent())?.includes('/products'));
  await screenshot(page, 'traces-compare');
  // Sorting by response time puts the slowest first.
  await page.getByRole('button', { name: /^Response time/ }).click();
  const firstId = await page.locator('.trace-table tr[data-trace-id]').first().getAttribute('data-trace-id');
  assert.ok(traces.find((t) => t.id === firstId)?.slow);
  await page.close();
});

test('a failed trace opens with its timeline, keyboard navigation and the exception in the drawer', async () => {
  const failed = traces.find((t) => t.paymentFailed)!;
  const page = await open(`/console/trace/${failed.id}`);
  const tree = page.getByRole('tree');
  await tree.waitFor();
  const names = await page.locator('.timeline-row .row-name').allTextContents();
  for (const name of [GATEWAY, 'storefront', 'catalog', 'pricing', 'payments']) assert.ok(names.includes(name), name);
  assert.ok((await page.locator('.timeline-row.critical').count()) >= 3, 'the critical path is marked');
  assert.ok((await page.locator('.timeline-row .bar.status-fault').count()) >= 2);
  await tree.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('.timeline-row.focused .row-name').textContent(), GATEWAY);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('.timeline-row').count(), 1, 'ArrowLeft collapses the root');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('.timeline-row.focused .row-name').textContent(), 'storefront');
  await page
    .locator('.timeline-row[data-segment-id] .row-name', { hasText: /^payments$/ })
    .last()
    .click();
  const drawer = page.locator('aside.drawer');
  await drawer.getByRole('tab', { name: /Exceptions/ }).click();
  await drawer.getByText('card processor answered 502 Bad Gateway').waitFor();
  assert.ok((await drawer.textContent())?.includes('ProcessorClient.charge'));
  assert.match(page.url(), /segment=/);
  // The trace's own map, from GetTraceGraph, drawn above the timeline.
  await page.locator('.trace-map g.map-node[data-node="payments"]').waitFor();
  assert.equal(await page.locator('.trace-map g.map-node[data-node="payments"]').getAttribute('data-health'), 'fault');
  await screenshot(page, 'trace-timeline');
  await page.close();
});

test('the service named like markup renders as text everywhere', async () => {
  const cart = traces.find((t) => t.route === 'cart')!;
  const page = await open(`/console/trace/${cart.id}`);
  await page.getByRole('tree').waitFor();
  await page.locator('.timeline-row .row-name', { hasText: XSS_NAME }).first().waitFor();
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  await page.goto(`${server.baseUrl}/console/map`);
  await node(page, XSS_NAME).waitFor();
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  await page.waitForTimeout(200);
  await screenshot(page, 'map-xss-as-text');
  await page.close();
});

test('groups and sampling rules can be created, edited and deleted', async () => {
  const page = await open('/console/groups');
  const form = page.getByRole('form', { name: 'Create a group' });
  await form.getByLabel(/^Name/).fill('slow-pricing');
  await form.getByLabel('Filter expression').fill('service("pricing") { responsetime > 1 }');
  await form.getByRole('button', { name: 'Create group' }).click();
  await page.locator('tr[data-group="slow-pricing"]').waitFor();
  await page.getByRole('button', { name: 'Edit group slow-pricing' }).click();
  const edit = page.getByRole('form', { name: 'Edit slow-pricing' });
  await edit.getByLabel('Filter expression').fill('service("pricing") { responsetime > 1.5 }');
  await edit.getByRole('button', { name: 'Save' }).click();
  await page.locator('tr[data-group="slow-pricing"]', { hasText: 'responsetime > 1.5' }).waitFor();
  await screenshot(page, 'groups');
  await page.getByRole('button', { name: 'Delete group slow-pricing' }).click();
  await page.locator('tr[data-group="slow-pricing"]').waitFor({ state: 'detached' });

  await page.goto(`${server.baseUrl}/console/sampling`);
  await page.locator('tr[data-rule="Default"]').waitFor();
  const create = page.getByRole('form', { name: 'Create a sampling rule' });
  await create.getByLabel('Rule name').fill('checkout-all');
  await create.getByLabel(/^URL path/).fill('/checkout*');
  await create.getByLabel(/^Fixed rate/).fill('1');
  await create.getByRole('button', { name: 'Create rule' }).click();
  await page.locator('tr[data-rule="checkout-all"]').waitFor();
  await screenshot(page, 'sampling-rules');
  await page.getByRole('button', { name: 'Delete rule checkout-all' }).click();
  await page.locator('tr[data-rule="checkout-all"]').waitFor({ state: 'detached' });
  await page.close();
});

test('the dark theme draws the map', async () => {
  const page = await open('/console/map?node=payments', { dark: true });
  await page.locator('aside.side-panel').waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(18, 22, 29)');
  await screenshot(page, 'map-dark');
  await page.close();
});

test('no page wrote an error to the browser console or opened a dialog', () => {
  assert.deepEqual(
    allProblems.flatMap((p) => p.errors),
    [],
  );
  assert.deepEqual(
    allProblems.flatMap((p) => p.dialogs.filter((d) => !d.startsWith('confirm'))),
    [],
  );
});
