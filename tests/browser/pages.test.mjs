// What every page does for a course platform beyond the lesson itself: a <noscript> word
// where scripts do not run.
//   make dist && node --test --test-concurrency=1 tests/browser/pages.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, browserSuite, watch, waitReady } from './harness.mjs';

const SINGLE = path.join(ROOT, 'dist', 'ecdh-playground.html');
let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

/** Opens the single file from disk in a fresh context; resolves to { context, page, watcher }. */
async function openSingle(query, contextOptions, { ready = true } = {}) {
  assert.ok(existsSync(SINGLE), 'dist/ecdh-playground.html is missing: run make dist');
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const url = `${pathToFileURL(SINGLE).href}${query}`;
  const watcher = await watch(page, new URL(url).origin);
  await page.goto(url);
  if (ready) await waitReady(page);
  return { context, page, watcher };
}

browserTest('without JavaScript: every page, the embed and the single file say why nothing runs', async (s) => {
  const off = { javaScriptEnabled: false };
  for (const [url, words] of [
    ['/', /This playground runs in your browser with JavaScript and WebAssembly/],
    ['/tls12.html', /This handshake walk-through runs/],
    ['/inspect.html', /The key inspector runs/],
    ['/embed.html?view=exchange', /some course platforms do not run scripts in embedded pages/],
  ]) {
    const page = await s.open(url, off, { ready: false });
    const note = page.locator('main .noscript');
    assert.equal(await note.isVisible(), true, `${url}: the noscript line is shown`);
    assert.match(await note.textContent(), words);
  }
  const { context, page } = await openSingle('', off, { ready: false });
  try {
    assert.equal(await page.locator('main .noscript').isVisible(), true);
    assert.match(await page.locator('main .noscript').textContent(), /Download the file and open it in your browser/);
  } finally {
    await context.close();
  }
  // With JavaScript, the line is not drawn.
  const on = await s.open('/');
  assert.equal(await on.locator('main .noscript').isVisible(), false);
  assert.match(await on.locator('#verdict').textContent(), /Match/);
});
