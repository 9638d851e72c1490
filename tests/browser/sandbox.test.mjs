// Where course platforms put uploaded HTML: inside <iframe sandbox="allow-scripts">, an
// opaque origin where reading sessionStorage or localStorage throws. A host page on the
// test server (served with the site's own Content-Security-Policy header, unchanged)
// frames every embed view, party mode included, and the single file (make dist); each
// must load, work (the curve lab's long loops run on the page, in slices, without a worker), and say in one line that its keys are kept only until the page closes.
//   make dist && node --test --test-concurrency=1 tests/browser/sandbox.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, browserSuite, watch } from './harness.mjs';

const SINGLE = path.join(ROOT, 'dist', 'ecdh-playground.html');
const STORAGE_LINE = /this tab's keys are kept only until the page closes/;

let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

/** The frames of the host page: [id, src, what it shows]. */
const FRAMES = [
  ['embed-all', '/embed.html?view=all&seed=lesson-3', 'both'],
  ['embed-exchange', '/embed.html?view=exchange', 'both'],
  ['embed-hkdf', '/embed.html?view=hkdf&curve=P-256', 'both'],
  ['embed-messages', '/embed.html?view=messages', 'both'],
  ['embed-tls12', '/embed.html?view=tls12&seed=lesson-3', 'tls12'],
  ['embed-tls13', '/embed.html?view=tls13&seed=lesson-3&group=X25519MLKEM768', 'tls13'],
  ['embed-curve', '/embed.html?view=curve&preset=f997', 'curve'],
  ['embed-alice', '/embed.html?party=alice', 'party'],
  ['embed-bob', '/embed.html?party=bob&seed=lesson-3', 'party'],
  ['single', '/dist/ecdh-playground.html', 'both'],
  ['single-alice', '/dist/ecdh-playground.html?party=alice', 'party'],
  ['single-tls12', '/dist/ecdh-playground.html?view=tls12', 'tls12'],
  ['single-tls13', '/dist/ecdh-playground.html?view=tls13', 'tls13'],
  ['single-curve', '/dist/ecdh-playground.html?view=curve&preset=f997', 'curve'],
];

const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A course platform</title></head>
<body><h1>Uploaded lesson</h1>
${FRAMES.map(([id, src]) => `<iframe id="${id}" src="${src}" sandbox="allow-scripts" title="${id}" width="900" height="700"></iframe>`).join('\n')}
</body></html>`;

/**
 * Opens the host page in a fresh context: /course-host.html and /dist/… are answered
 * here (the host with the header the server sends its own pages, so the site's policy
 * applies to it too); everything else comes from the test server.
 */
async function openHost() {
  assert.ok(existsSync(SINGLE), 'dist/ecdh-playground.html is missing: run make dist');
  const single = readFileSync(SINGLE, 'utf8');
  const siteHeaders = (await (await fetch(new URL('index.html', server.url))).headers);
  const csp = siteHeaders.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/, 'the host page gets the site\'s policy');
  const context = await browser.newContext();
  context.setDefaultTimeout(30_000);
  await context.route(`${server.origin}/course-host.html`, (route) => route.fulfill({
    contentType: 'text/html', body: HOST, headers: { 'Content-Security-Policy': csp },
  }));
  await context.route(new RegExp(`^${server.origin}/dist/ecdh-playground\\.html`), (route) => route.fulfill({
    contentType: 'text/html', body: single,
  }));
  const page = await context.newPage();
  const watcher = await watch(page, server.origin);
  await page.goto(new URL('course-host.html', server.url).href);
  return { context, page, watcher };
}

browserTest('sandboxed iframes (allow-scripts only): every embed view, party tabs and the single file load and work, with storage kept in memory and said so', async () => {
  const { context, page, watcher } = await openHost();
  try {
    for (const [id, , kind] of FRAMES) {
      const frame = page.frameLocator(`#${id}`);
      await frame.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
      // An opaque origin: the frame really may not use storage.
      const inside = await (await page.locator(`#${id}`).elementHandle()).contentFrame();
      const refused = await inside.evaluate(() => {
        try {
          return globalThis.sessionStorage.length === undefined;
        } catch {
          return true;
        }
      });
      assert.equal(refused, true, `${id}: sessionStorage is refused in the sandbox`);
      if (kind === 'tls12' || kind === 'tls13') {
        // Run all steps through the handshake; wait until the counter reaches the end (and
        // click again if the first click came before the frame listened).
        const counter = frame.locator('#step-counter');
        const atEnd = /^Step (\d+) of \1$/;
        for (let i = 0; i < 5 && !atEnd.test(await counter.textContent()); i += 1) {
          await frame.locator('#run-all').click();
          await counter.filter({ hasText: atEnd }).waitFor({ timeout: 2_000 }).catch(() => {});
        }
        assert.match(await frame.locator('#step-counter').textContent(), /^Step (\d+) of \1$/, `${id}: the handshake runs`);
        continue;
      }
      if (kind === 'curve') {
        // No worker in an opaque origin: Eve's search runs on the page, in slices.
        await frame.locator('#c-ecdh-go').click();
        await frame.locator('#c-eve-start').click();
        await frame.locator('#c-eve-result').filter({ hasText: 'Eve found k = 7 after 7 tries' }).waitFor();
        assert.equal(await frame.locator('#c-eve-progress').getAttribute('data-ran-in'), 'page', `${id}: on the page`);
        continue;
      }
      const note = frame.locator('#storage-note');
      assert.equal(await note.isVisible(), true, `${id}: the storage line is shown`);
      assert.match(await note.textContent(), STORAGE_LINE);
      if (kind === 'both') {
        assert.match(await frame.locator('#verdict').textContent(), /^✓ Match/, `${id}: secrets match`);
      } else {
        assert.match(await frame.locator('[id$="-party-keys-public"]').inputValue(), /^-----BEGIN PUBLIC KEY-----/, `${id}: a key pair`);
        assert.equal(await frame.locator('#p-keep').isVisible(), false, `${id}: no choice to keep what cannot be kept`);
        assert.match(await frame.locator('#p-keep-info').textContent(), /kept only in this page's memory/);
      }
    }
    // A party tab in a sandbox still works: a new key pair, then Forget.
    const alice = page.frameLocator('#embed-alice');
    const first = await alice.locator('#alice-party-keys-public').inputValue();
    await alice.locator('#regenerate').click();
    await alice.locator('#p-notice').waitFor();
    assert.notEqual(await alice.locator('#alice-party-keys-public').inputValue(), first);
    await alice.locator('#p-forget').click();
    // Seeded nonces count in memory: two messages in the seeded frame have two nonces.
    const all = page.frameLocator('#embed-all');
    for (const text of ['one', 'two']) {
      await all.locator('#alice-party-chat-message').fill(text);
      await all.locator('#alice-party-chat-send').click();
      await all.locator('#bob-party-chat-inbox > li', { hasText: text }).waitFor();
    }
    const nonces = await all.locator('#wire-messages > li .nonce').allTextContents();
    assert.equal(nonces.length, 2);
    assert.notEqual(nonces[0], nonces[1]);
    await watcher.assertClean('sandboxed host page');
    // Printing: the frame may not open the dialog (no allow-modals). Said where the button
    // is, and the answer key's sheet does not stay in the page; the browser's own console
    // line about the refused print() is the one thing logged.
    const single = page.frameLocator('#single');
    await single.locator('#print-key').click();
    await single.locator('.print-note', { hasText: 'may not open the print dialog' }).waitFor();
    assert.equal(await single.locator('.handout').count(), 0);
    const after = await watcher.issues();
    assert.deepEqual(after.consoleErrors, ["Ignored call to 'print()'. The document is sandboxed, and the 'allow-modals' keyword is not set."]);
    assert.deepEqual([after.pageErrors, after.cspViolations, after.foreignRequests, after.badResponses], [[], [], [], []]);
  } finally {
    await context.close();
  }
});

browserTest('not sandboxed: the page stores as before and says nothing about storage', async (s) => {
  const page = await s.open('/?party=alice');
  assert.equal(await page.locator('#storage-note').isHidden(), true);
  assert.equal(await page.locator('#p-keep').isVisible(), true);
  const both = await s.open('/embed.html?view=all');
  assert.equal(await both.locator('#storage-note').isHidden(), true);
});
