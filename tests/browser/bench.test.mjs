// Smoke tests of the bench page (www/bench.html) in headless Chromium under the site's
// CSP: with tiny samples (?quick=1) it must run the harness in the Web Worker, round by
// round, fill the table, the rounds and the chart for ours, WebCrypto and noble, and log
// no error; the same on the page (?where=page); Cancel must stop a run and leave the page
// ready for the next; without the noble copy it must still compare ours with WebCrypto
// and say noble is missing. The numbers are not judged: `make bench` reports them. The
// wide-arithmetic build is tested in wide.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, session, watch, axeViolations, assertNoOverflow } from './harness.mjs';
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
      // The ratio's median; the range of the rounds' ratios is in a span after it.
      for (const td of tr.querySelectorAll('td[data-ratio]')) cells[`ratio-${td.dataset.ratio}`] = td.firstChild?.textContent ?? '';
      rows[tr.dataset.op] = cells;
    }
    return rows;
  });
}

const RATE = /^\d+(\.\d+)?( k| M)?$/;
const RATIO = /^\d+(\.\d+)?×$/;

/** Checks a finished quick run: every operation of every implementation, in 3 rounds. */
async function checkQuickRun(page, where) {
  const run = await page.evaluate(() => window.__benchResults);
  assert.equal(run.where, where);
  // Plain Chromium has no wide arithmetic: the wide build is not measured.
  assert.deepEqual([...new Set(run.results.map((r) => r.impl))], ['ours', 'webcrypto', 'noble']);
  assert.match(await page.locator('#wide-note').textContent(), /has no WebAssembly wide arithmetic/);
  for (const impl of ['ours', 'webcrypto', 'noble']) {
    const ops = run.results.filter((r) => r.impl === impl).map((r) => r.op);
    // Chromium's WebCrypto has X25519 (since 133), so every operation runs everywhere.
    assert.deepEqual(ops, OPERATIONS.map((o) => o.id), `${impl} ran every operation`);
  }
  for (const r of run.results) {
    assert.ok(r.median > 0 && r.min <= r.median && r.median <= r.max, `${r.impl} ${r.op}: ${JSON.stringify(r)}`);
    // One rate per round.
    assert.equal(r.samples.length, 3);
  }
  assert.equal(run.rounds.length, 3);
  for (const round of run.rounds) {
    for (const op of OPERATIONS) {
      const ratio = round.ratios[op.id].ours.noble;
      assert.equal(ratio, round.rates[op.id].ours / round.rates[op.id].noble, `${op.id}: ours ÷ noble in its round`);
    }
    // The round's worst operation against noble is its lowest ratio.
    const lowest = Math.min(...OPERATIONS.map((op) => round.ratios[op.id].ours.noble));
    assert.equal(round.worst.ours.noble.ratio, lowest);
  }
  const lines = await page.locator('#rounds li').allTextContents();
  assert.equal(lines.length, 3);
  for (const line of lines) assert.match(line, /^round \d: ours \(wasm\) ÷ WebCrypto lowest: .+; ours \(wasm\) ÷ noble lowest: .+ \d+(\.\d+)?×$/);
  return run;
}

test('bench page: ours, WebCrypto and noble in the Web Worker, table, rounds and chart, clean under the CSP', async () => {
  const s = session(browser, server);
  try {
    const page = await s.open('/bench.html?quick=1');
    await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 60_000 });
    await checkQuickRun(page, 'worker');
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
    assert.equal(await page.locator('#cancel').isHidden(), true);
    assert.deepEqual(await axeViolations(page), []);
  } catch (error) {
    const report = await s.finish({ check: false }).catch((e) => String(e));
    if (report) error.message += `\n--- what the page did ---\n${report}`;
    throw error;
  }
  await s.finish();
});

test('bench page: the same run on the page (?where=page), at 360 px', async () => {
  const s = session(browser, server);
  try {
    const page = await s.open('/bench.html?quick=1&where=page', { viewport: { width: 360, height: 740 } });
    await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 60_000 });
    await checkQuickRun(page, 'page');
    assert.equal(await page.locator('#where').inputValue(), 'page');
    await assertNoOverflow(page, 'bench results at 360 px');
  } catch (error) {
    const report = await s.finish({ check: false }).catch((e) => String(e));
    if (report) error.message += `\n--- what the page did ---\n${report}`;
    throw error;
  }
  await s.finish();
});

test('bench page: Cancel stops a run in the worker, by keyboard, and the next run finishes', async () => {
  const s = session(browser, server);
  try {
    const page = await s.open('/bench.html');
    // A full run (two minutes) is started, then cancelled once it is measuring.
    await page.locator('#run').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /^Measuring round 1 of 5/.test(document.getElementById('status').textContent));
    assert.equal(await page.locator('#run').isDisabled(), true);
    await page.locator('#cancel').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-cancelled="true"]', { state: 'attached' });
    assert.equal(await page.locator('#status').textContent(), 'Cancelled. Press Run to start again.');
    assert.equal(await page.evaluate(() => window.__benchResults), undefined);
    assert.equal(await page.locator('#results').isHidden(), true);
    assert.equal(await page.locator('#cancel').isHidden(), true);
    assert.equal(await page.locator('#run').isDisabled(), false);
    // The worker is still there and takes the next run.
    await page.locator('#preset').selectOption('quick');
    await page.locator('#run').click();
    await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 60_000 });
    await checkQuickRun(page, 'worker');
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
  // As on a server where bench/vendor.mjs never ran (the context's route also answers
  // the Web Worker's requests).
  await context.route('**/vendor/noble/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
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

test('bench job: a wide build that cannot be loaded is left out and said, and the usual build is measured', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(new URL('/bench.html', server.url).href);
    // As where the probe passes but the whole build does not compile: this Chromium has
    // no flag, so core-wide's .wasm fails to compile.
    const result = await page.evaluate(async () => {
      const { benchJob } = await import('/js/bench-job.js');
      const { ready } = await import('/js/wasm.js');
      const api = await ready('core', { exact: true });
      const options = { rounds: 1, warmupMs: 1, sampleMs: 2, samples: 1 };
      const job = benchJob(api, { impls: ['ours', 'ours-wide'], wide: true, options });
      let step = await job.next();
      while (!step.done) step = await job.next();
      const run = step.value;
      return { impls: [...new Set(run.results.map((r) => r.impl))], unavailable: run.unavailable, wideError: run.wideError };
    });
    assert.deepEqual(result.impls, ['ours']);
    assert.deepEqual(result.unavailable, ['ours-wide']);
    assert.ok(result.wideError, 'the reason is kept for the page');
  } finally {
    await context.close();
  }
});
