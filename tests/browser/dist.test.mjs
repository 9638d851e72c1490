// The single-file build (make dist → dist/ecdh-playground.html), opened from disk as a
// course platform or a student's laptop would: a key exchange, messages, one party per
// tab, a key's DER tree, the TLS walk-through and the attack lab all run with nothing fetched and nothing blocked by its
// own hash-based Content-Security-Policy; and dist/site, whose pages offer it for download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launchBrowser, startServer, watch, waitForText } from './harness.mjs';

const FILE = path.join(ROOT, 'dist', 'ecdh-playground.html');
let browser;

before(async () => {
  assert.ok(existsSync(FILE), 'dist/ecdh-playground.html is missing: run make dist');
  browser = await launchBrowser();
});
after(async () => browser?.close());

async function open(query = '') {
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = `${pathToFileURL(FILE).href}${query}`;
  const watcher = await watch(page, new URL(url).origin);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { context, page, watcher };
}

test('the file is self-contained: no script, style or module is loaded from elsewhere', () => {
  const html = readFileSync(FILE, 'utf8');
  assert.doesNotMatch(html, /<script[^>]+src=/);
  assert.doesNotMatch(html, /<link[^>]+rel="stylesheet"/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
});

test('from file://: both curves, secrets match, a message crosses, tampering is refused', async () => {
  const { context, page, watcher } = await open();
  for (const curve of ['X25519', 'P-256']) {
    await page.selectOption('#curve', curve);
    await waitForText(page, '#verdict', /Match/);
    assert.equal(await page.textContent('#alice-secret'), await page.textContent('#bob-secret'));
    await page.fill('#alice-party-chat-message', `hello over ${curve}`);
    await page.click('#alice-party-chat-send');
    await waitForText(page, '#bob-party-chat-inbox', `hello over ${curve}`);
    await page.click('#wire-messages li:last-child .ct .b');
    await waitForText(page, '#bob-party-chat-inbox', 'message authentication failed');
  }
  const requests = (await watcher.issues()).foreignRequests;
  assert.deepEqual(requests, [], 'nothing is fetched');
  await watcher.assertClean('single file');
  await context.close();
});

test('from file://: "What is inside this key" draws the key\'s DER; no link to an inspector the file does not have', async () => {
  const { context, page, watcher } = await open('?party=alice');
  await page.click('#alice-party-keys-inside summary');
  await page.locator('#alice-party-keys-inside-view [role="treeitem"]').first().waitFor();
  await page.selectOption('#alice-party-keys-format', 'spki');
  const spki = await page.inputValue('#alice-party-keys-public');
  const hex = await page.locator('#alice-party-keys-inside-view .hb').allTextContents();
  assert.equal(hex.join(''), spki);
  assert.equal(await page.locator('#alice-party-keys-inspect-link').isHidden(), true);
  await watcher.assertClean('single file, key tree');
  await context.close();
});

test('from file://: the TLS 1.2 walk-through runs to the end', async () => {
  const { context, page, watcher } = await open('?view=tls12');
  await page.click('#run-all');
  await waitForText(page, '#step-counter', /Step 27 of 27/);
  await watcher.assertClean('single file, TLS');
  await context.close();
});

test('from file://: the TLS 1.3 walk-through runs to the end, the hybrid and the key schedule included', async () => {
  const { context, page, watcher } = await open('?view=tls13&group=X25519MLKEM768&guess=X25519MLKEM768');
  await page.click('#run-all');
  // At the last step (its number is the report's: NewSessionTicket included).
  await waitForText(page, '#step-counter', /Step (\d+) of \1$/);
  await waitForText(page, '#packet-text', /X25519MLKEM768/);
  assert.equal(await page.locator('#schedule .ks-box').count(), 20);
  assert.equal(await page.locator('nav a[data-part="tls13"]').getAttribute('aria-current'), 'page');
  // No site around the file: TLS 1.2 and resumption are views of the file.
  assert.equal(await page.locator('#compare-tls12').getAttribute('href'), '?view=tls12');
  assert.equal(await page.locator('#resume-link').getAttribute('href'), '?view=resume');
  assert.equal(await page.locator('#v-cert-inspect').isHidden(), true);
  await watcher.assertClean('single file, TLS 1.3');
  await context.close();
});

test('from file://: session resumption runs both versions and keeps its settings in the address', async () => {
  const { context, page, watcher } = await open('?view=resume&seed=single#version=1.2&by=session_id');
  await waitForText(page, '#resumed-summary', /Resumed by the session ID/);
  assert.equal(await page.locator('nav a[data-part="resume"]').getAttribute('aria-current'), 'page');
  await page.selectOption('#version', '1.3');
  await waitForText(page, '#resumed-summary', /Resumed with psk_dhe_ke/);
  await waitForText(page, '#psk-check', /✓ WebCrypto agrees/);
  assert.match(page.url(), /\?view=resume#seed=single$/);
  await page.check('#leak');
  await waitForText(page, '#verdicts', /0-RTT/);
  await watcher.assertClean('single file, resumption');
  await context.close();
});

test('from file://: the attack lab runs, its long loop on the page; its links lead to views of the file, none to pages it lacks', async () => {
  const { context, page, watcher } = await open('?view=attacks');
  assert.equal(await page.locator('nav a[data-part="attacks"]').getAttribute('aria-current'), 'page');
  await page.locator('#attacks-status[data-ready="true"]').waitFor();
  const mounted = await page.locator('[data-attack-mount]').evaluateAll((parts) => parts.map((p) => p.dataset.mounted));
  assert.deepEqual(mounted, ['true', 'true', 'true', 'true']);
  // Section 1, the invalid-curve attack, in slices on the page (no worker in one file).
  await page.click('#ic-start');
  await waitForText(page, '#ic-status', /^Recovered in \d+ ms with \d+ queries\.$/);
  assert.equal(await page.locator('#ic-recovered').textContent(), await page.locator('#ic-server-key').textContent());
  // Section 2 ran at once: every low-order point gives all zeros.
  assert.match(await page.locator('#lo-verdict').textContent(), /7 of 7 points gave the all-zero secret/);
  // Links: the playground and the TLS page as views of this file; the inspector, which
  // the file does not have, left out.
  const file = pathToFileURL(FILE).href;
  assert.equal(await page.locator('#ic-playground').getAttribute('href'), '?party=bob&curve=P-256');
  const hrefs = await page.locator('.attack-links a').evaluateAll((links) => links.map((a) => a.href));
  assert.equal(hrefs.length, 3, `the two links to the inspector are left out: ${hrefs.join(' ')}`);
  for (const href of hrefs) assert.ok(href.startsWith(`${file}?`), href);
  assert.ok(hrefs.includes(`${file}?view=tls12#step=8&steps=2`), hrefs.join(' '));
  assert.ok(hrefs.includes(`${file}?view=exchange`), hrefs.join(' '));
  await watcher.assertClean('single file, attack lab');
  await context.close();
});

test('from file://: a seeded lesson gives the same keys as the site would', async () => {
  const { context, page, watcher } = await open('?seed=lesson-3');
  const a = await page.inputValue('#alice-party-keys-public');
  const again = await open('?seed=lesson-3');
  assert.equal(await again.page.inputValue('#alice-party-keys-public'), a);
  await watcher.assertClean('single file, seeded');
  await again.watcher.assertClean('single file, seeded again');
  await again.context.close();
  await context.close();
});

test('dist/site: the playground\'s JavaScript is one bundle; the page works as on www, its links to the other pages included', async () => {
  const served = await startServer({ dir: path.join('dist', 'site') });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const watcher = await watch(page, served.origin);
    const scripts = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(served.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await waitForText(page, '#verdict', /Match/);
    // The bundle and the module's glue: no module of js/ on its own.
    assert.deepEqual(scripts.filter((p) => p.startsWith('/js/')), ['/js/index.bundle.js'], scripts.join(' '));
    assert.ok(scripts.includes('/pkg/first/ecdh_playground.js'), scripts.join(' '));
    // On the site: the key card links to the inspector beside it.
    assert.match(await page.locator('#alice-party-keys-inspect-link').getAttribute('href'), /\/inspect\.html#key=/);
    // A paste only core reads: the bundle loads core as the page does.
    await page.click('#alice-party-keys-inside summary');
    await page.locator('#alice-party-keys-inside-view [role="treeitem"]').first().waitFor();
    await watcher.assertClean('dist/site/index.html, bundled');
  } finally {
    await context.close();
    await served.stop();
  }
});

test('dist/site offers the single file and the SCORM package: every page\'s footer downloads them, and the file runs as served from there', async () => {
  const served = await startServer({ dir: path.join('dist', 'site') });
  const context = await browser.newContext({ acceptDownloads: true });
  context.setDefaultTimeout(30_000);
  try {
    const single = readFileSync(FILE);
    assert.ok(readFileSync(path.join(ROOT, 'dist', 'site', 'ecdh-playground.html')).equals(single), 'dist/site holds the same file');
    for (const url of ['index.html', 'tls12.html', 'tls13.html', 'inspect.html', '?party=alice']) {
      const page = await context.newPage();
      const watcher = await watch(page, served.origin);
      await page.goto(new URL(url, served.url).href);
      const links = page.locator('footer.site a[download]');
      assert.deepEqual(await links.evaluateAll((all) => all.map((a) => a.getAttribute('href'))), ['ecdh-playground.html', 'ecdh-playground-scorm12.zip'], `${url}: the footer links the single file and the package`);
      for (const [i, file] of [[0, FILE], [1, path.join(ROOT, 'dist', 'ecdh-playground-scorm12.zip')]]) {
        const link = links.nth(i);
        assert.equal(await link.isVisible(), true, `${url}: the link is on screen`);
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        assert.equal(download.suggestedFilename(), path.basename(file));
        assert.ok(readFileSync(await download.path()).equals(readFileSync(file)), `${url}: the download is ${path.basename(file)}`);
      }
      await watcher.assertClean(`dist/site/${url}`);
      await page.close();
    }
    // Opened from the site (with the header the server sends it, only frame-ancestors:
    // its own <meta> policy allows its inline script): both views work.
    const response = await fetch(new URL('ecdh-playground.html', served.url));
    assert.equal(response.headers.get('content-security-policy'), 'frame-ancestors *');
    for (const query of ['', '?view=tls12']) {
      const page = await context.newPage();
      const watcher = await watch(page, served.origin);
      await page.goto(new URL(`ecdh-playground.html${query}`, served.url).href);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      if (query) {
        await page.click('#run-all');
        await waitForText(page, '#step-counter', /^Step (\d+) of \1$/);
      } else {
        await waitForText(page, '#verdict', /Match/);
      }
      await watcher.assertClean(`dist/site/ecdh-playground.html${query}`);
      await page.close();
    }
  } finally {
    await context.close();
    await served.stop();
  }
});
