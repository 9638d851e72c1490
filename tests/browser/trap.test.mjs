// A trap in the WebAssembly module (a bug: the crate returns every error as a value)
// must not leave a page dead. The pages load a test build here (target/trap-pkg, made by
// `make trap-build` with the cargo feature test-trap), whose only difference is an
// export that traps on purpose; the test calls it, then checks that the page said what
// happened in one line, mounted itself again on a fresh module and kept what the user
// had typed. Run from the repository root after `make trap-build`:
//   node --test --test-concurrency=1 tests/browser/trap.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launchBrowser, watch, waitReady, waitForText } from './harness.mjs';

const TRAP_PKG = path.join(ROOT, 'target', 'trap-pkg');
let server;
let browser;

before(async () => {
  assert.ok(existsSync(path.join(TRAP_PKG, 'ecdh_playground_bg.wasm')), 'run make trap-build first');
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page whose first and core builds are the trap build; returns { page, watcher, close }. */
async function openWithTrapBuild(pathAndQuery) {
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  const serve = (file, contentType) => (route) => route.fulfill({
    status: 200, contentType, body: readFileSync(path.join(TRAP_PKG, file)),
  });
  // Every import of the glue (the first and each fresh one after a trap, ?instance=n).
  await context.route(/\/pkg\/(first|core)\/ecdh_playground\.js(\?.*)?$/, serve('ecdh_playground.js', 'text/javascript'));
  await context.route(/\/pkg\/(first|core)\/ecdh_playground_bg\.wasm(\?.*)?$/, serve('ecdh_playground_bg.wasm', 'application/wasm'));
  const page = await context.newPage();
  const watcher = await watch(page, server.origin);
  await page.goto(new URL(pathAndQuery, server.url).href);
  await waitReady(page);
  return { page, watcher, close: () => context.close() };
}

/** Calls the export that traps; resolves to what the page's API threw. */
function trap(page) {
  return page.evaluate(async () => {
    const { loadedModule } = await import('/js/module.js');
    try {
      loadedModule().__trapForTests();
      return 'no error';
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  });
}

test('the key inspector survives a trap: one line says so, the paste is kept and read again', async () => {
  const { page, watcher, close } = await openWithTrapBuild('/inspect.html');
  try {
    await page.click('button[data-example="x25519-jwk"]');
    const pasted = await page.inputValue('#i-input');
    assert.ok(pasted.length > 20);
    const fingerprint = await waitForText(page, '#i-fingerprint', /^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);

    const thrown = await trap(page);
    assert.match(thrown, /^ModuleTrapped: The WebAssembly module stopped with an internal error \(RuntimeError: unreachable/);
    const notice = await waitForText(page, '.trap-notice', /stopped with an internal error \(RuntimeError: unreachable[^)]*\), a bug in this page\. A fresh module was loaded and what you had typed is kept/);
    assert.equal(await page.locator('.trap-notice').count(), 1, notice);
    // What was pasted is back in the box, and the fresh module read it again.
    assert.equal(await page.inputValue('#i-input'), pasted);
    assert.equal(await waitForText(page, '#i-fingerprint', fingerprint), fingerprint);
    // The fresh module works, and can itself be recovered.
    const again = await trap(page);
    assert.match(again, /^ModuleTrapped: /);
    await page.waitForFunction(() => document.querySelector('.trap-notice') && document.querySelector('#i-input')?.value.length > 20);
    assert.equal(await page.inputValue('#i-input'), pasted);
    assert.equal(await waitForText(page, '#i-fingerprint', fingerprint), fingerprint);
    await watcher.assertClean('inspector after two traps');
  } finally {
    await close();
  }
});

test('the playground survives a trap: the lesson and what was typed come back on a fresh module', async () => {
  const { page, watcher, close } = await openWithTrapBuild('/?seed=trap-lesson');
  try {
    await page.fill('#salt', 'my own salt');
    const secret = await waitForText(page, '#alice-secret', /[0-9a-f]{2}/);
    const keyAb = await waitForText(page, '#alice-key-ab', /[0-9a-f]{2}/);

    assert.match(await trap(page), /^ModuleTrapped: The WebAssembly module stopped/);
    await waitForText(page, '.trap-notice', /A fresh module was loaded and what you had typed is kept/);
    assert.equal(await page.inputValue('#salt'), 'my own salt');
    // The seeded keys are made again, and the salt typed before the trap is used again.
    assert.equal(await waitForText(page, '#alice-secret', secret), secret);
    assert.equal(await waitForText(page, '#alice-key-ab', keyAb), keyAb);
    await watcher.assertClean('playground after a trap');
  } finally {
    await close();
  }
});

test('a party tab survives a trap: the peer key pasted stays, and the shared key is derived again', async () => {
  const { page, watcher, close } = await openWithTrapBuild('/?party=alice');
  try {
    const bob = await page.evaluate(async () => {
      const { loadedModule } = await import('/js/module.js');
      const pair = loadedModule().KeyPair.generate('X25519');
      const pem = pair.publicKey('pem');
      pair.free();
      return pem;
    });
    await page.selectOption('#curve', 'X25519');
    await page.fill('#peer-key', bob);
    const fingerprint = await waitForText(page, '#p-key-fp', /[0-9a-f]{4}/);

    assert.match(await trap(page), /^ModuleTrapped: /);
    await waitForText(page, '.trap-notice', /what you had typed is kept/);
    assert.equal(await page.inputValue('#peer-key'), bob);
    // The tab's own key pair is kept in this tab, so the same shared key comes back.
    assert.equal(await waitForText(page, '#p-key-fp', fingerprint), fingerprint);
    await watcher.assertClean('party tab after a trap');
  } finally {
    await close();
  }
});
