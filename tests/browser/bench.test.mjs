// Smoke tests of the bench page (www/bench.html) in headless Chromium under the site's
// CSP: with tiny samples (?quick=1) it must run the harness, fill the table and the chart
// for ours, WebCrypto and noble, and log no error; without the noble copy it must still
// compare ours with WebCrypto and say noble is missing. The numbers are not judged:
// `make bench` reports them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, session, watch } from './harness.mjs';
import { vendor } from '../../bench/vendor.mjs';
import { OPERATIONS } from '../../www/js/bench-core.js';

let server;
let browser;

before(async () => {
  vendor(); // www/vendor/noble from node_modules (generated, ignored by git)
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The table as { op: { impl: text } } and the ratio cells. */
function readTable(page) {
  return page.evaluate(() => {
    const rows = {};
    for (const tr of document.querySelectorAll('#bench-body tr')) {
      const cells = {};
      for (const td of tr.querySelectorAll('td[data-impl]')) cells[td.dataset.impl] = td.firstChild?.textContent ?? '';
      for (const td of tr.querySelectorAll('td[data-ratio]')) cells[`ratio-${td.dataset.ratio}`] = td.textContent;
      rows[tr.dataset.op] = cells;
    }
    return rows;
  });
}

const RATE = /^\d+(\.\d+)?( k| M)?$/;
const RATIO = /^\d+(\.\d+)?×$/;

test('bench page: ours, WebCrypto and noble, table and chart, clean under the CSP', async () => {
  const s = session(browser, server);
  try {
    const page = await s.open('/bench.html?quick=1');
    await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 60_000 });
    const run = await page.evaluate(() => window.__benchResults);
    for (const impl of ['ours', 'webcrypto', 'noble']) {
      const ops = run.results.filter((r) => r.impl === impl).map((r) => r.op);
      // Chromium's WebCrypto has X25519 (since 133), so every operation runs everywhere.
      assert.deepEqual(ops, OPERATIONS.map((o) => o.id), `${impl} ran every operation`);
    }
    for (const r of run.results) {
      assert.ok(r.median > 0 && r.min <= r.median && r.median <= r.max, `${r.impl} ${r.op}: ${JSON.stringify(r)}`);
      assert.equal(r.samples.length, 3);
    }
    const table = await readTable(page);
    assert.deepEqual(Object.keys(table), OPERATIONS.map((o) => o.id));
    for (const [op, cells] of Object.entries(table)) {
      for (const impl of ['ours', 'webcrypto', 'noble']) assert.match(cells[impl], RATE, `${op} ${impl}`);
      assert.match(cells['ratio-webcrypto'], RATIO, `${op} ours ÷ WebCrypto`);
      assert.match(cells['ratio-noble'], RATIO, `${op} ours ÷ noble`);
    }
    assert.equal(await page.locator('#chart svg rect[data-op].ours').count(), OPERATIONS.length);
    assert.equal(await page.locator('#chart svg rect[data-op].noble').count(), OPERATIONS.length);
    assert.equal(await page.locator('#noble-note').isHidden(), true);
    assert.equal(await page.locator('#status').textContent(), 'Done.');
  } catch (error) {
    const report = await s.finish({ check: false }).catch((e) => String(e));
    if (report) error.message += `\n--- what the page did ---\n${report}`;
    throw error;
  }
  await s.finish();
});

test('bench page without the noble copy: ours against WebCrypto, and says why', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = await watch(page, server.origin);
  // As on a server where bench/vendor.mjs never ran.
  await page.route('**/vendor/noble/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
  try {
    await page.goto(new URL('/bench.html?quick=1', server.url).href);
    await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 60_000 });
    const run = await page.evaluate(() => window.__benchResults);
    assert.deepEqual([...new Set(run.results.map((r) => r.impl))], ['ours', 'webcrypto']);
    assert.deepEqual(run.unavailable, ['noble']);
    assert.match(await page.locator('#noble-note').textContent(), /noble is not available/);
    const table = await readTable(page);
    assert.equal(table['p256-ecdh'].noble, undefined);
    assert.match(table['p256-ecdh']['ratio-webcrypto'], RATIO);
    // The only complaints are the blocked files themselves.
    const found = await watcher.issues();
    assert.deepEqual(found.pageErrors, []);
    assert.deepEqual(found.cspViolations, []);
    assert.deepEqual(found.foreignRequests, []);
    assert.ok(found.badResponses.every((r) => r.includes('/vendor/noble/')), found.badResponses.join('\n'));
    assert.ok(found.consoleErrors.every((e) => /404/.test(e)), found.consoleErrors.join('\n'));
  } finally {
    await context.close();
  }
});
