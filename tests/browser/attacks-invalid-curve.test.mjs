// End-to-end tests of the attack lab's invalid-curve section (www/attacks.html#invalid-curve,
// www/js/attack-invalid-curve.js) in headless Chromium under the site's CSP: the
// vulnerable server's key recovered in the Web Worker and shown beside the server's, with
// a signature the server's public key accepts; Cancel; the fixed server's refusal with the
// playground's own message; keyboard only; 360 px; axe-core. Every test ends by asserting
// that no watched page logged a console error, threw, violated the CSP or requested
// anything from another origin.
//   make build && node --test --test-concurrency=1 tests/browser/attacks-invalid-curve.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserSuite, waitForText, assertNoOverflow, axeViolations } from './harness.mjs';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });

const browserTest = browserSuite();
const SECTION = '#invalid-curve';
const text = (page, selector) => page.locator(selector).first().textContent();

async function openSection(s, contextOptions = {}) {
  const page = await s.open('attacks.html', contextOptions);
  await page.waitForSelector(`${SECTION} [data-attack-mount="invalid-curve"][data-mounted="true"]`, { state: 'attached' });
  return page;
}

browserTest('vulnerable: the attack runs in the worker to the end, the key recovered equals the server\'s, and its signature verifies', async (s) => {
  const page = await openSection(s);
  await page.click('#ic-start');
  await waitForText(page, '#ic-status', /^Recovered in \d+ ms with \d+ queries\.$/);
  const recovered = await text(page, '#ic-recovered');
  const serverKey = await text(page, '#ic-server-key');
  assert.match(recovered, /^[0-9a-f]{64}$/);
  assert.equal(recovered, serverKey);
  assert.match(await text(page, '#ic-verdict'), /The same key/);
  // Every query shown, with its residue; the meter past n².
  const queries = await page.locator('#ic-queries > li').allTextContents();
  const total = Number(/with (\d+) queries/.exec(await text(page, '#ic-status'))[1]);
  assert.equal(queries.length, total);
  for (const [i, line] of queries.entries()) {
    assert.match(line, new RegExp(`^${i + 1}\\. q = \\d+ on y² = x³ − 3x \\+ \\d+: P = \\([0-9a-f…]+, [0-9a-f…]+\\) → d ≡ ±\\d+ \\(mod \\d+\\), \\d+ tr(y|ies)$`));
  }
  assert.match(await text(page, '#ic-modulus'), /past n² ≈ 2\^512/);
  assert.equal(await page.locator('#ic-modulus-bar').evaluate((n) => n.value), 512);
  // The steps: d² by the CRT, its root, the check; the root is the recovered key.
  const steps = await page.locator('#ic-steps > li output').allTextContents();
  assert.equal(steps.length, 3);
  assert.equal(steps[1], recovered);
  // The public key shown is the server's, and Mallory's signature verifies with it
  // (checked again here, outside the page).
  const publicKey = await text(page, '#ic-public');
  const pair = api.KeyPair.importPrivateKey(serverKey, 'P-256');
  assert.equal(pair.publicKey('raw'), publicKey);
  pair.free();
  assert.match(await text(page, '#ic-proof'), /says: valid/);
  const signature = Uint8Array.from((await text(page, '#ic-signature')).match(/../g), (h) => parseInt(h, 16));
  const message = new TextEncoder().encode('Signed by the server. (Not really: by Mallory, with the key she recovered.)');
  assert.equal(api.verifySignature(publicKey, message, signature), true);
  // It ran in the Web Worker: the page stayed free (the job list says where it ran).
  assert.equal(await page.locator('#ic-start').isDisabled(), false);
  assert.equal(await page.locator('#ic-cancel').isDisabled(), true);
});

browserTest('Cancel stops the attack part-way (slow motion) and a new run starts afresh', async (s) => {
  const page = await openSection(s);
  await page.check('#ic-slow');
  await page.click('#ic-start');
  await page.waitForFunction(() => document.querySelectorAll('#ic-queries > li').length >= 2);
  await page.click('#ic-cancel');
  const status = await waitForText(page, '#ic-status', /^Cancelled after \d+ queries: the server's key is safe for now\.$/);
  const shown = Number(/after (\d+)/.exec(status)[1]);
  assert.ok(shown >= 2, status);
  assert.equal(await page.locator('#ic-result').isHidden(), true);
  assert.equal(await page.locator('#ic-start').isDisabled(), false);
  await page.uncheck('#ic-slow');
  await page.click('#ic-start');
  await waitForText(page, '#ic-status', /^Recovered in/);
  assert.equal(await text(page, '#ic-recovered'), await text(page, '#ic-server-key'));
});

browserTest('fixed: the playground ECDH refuses the first point with the playground\'s own message', async (s) => {
  const page = await openSection(s);
  await page.check('#ic-fixed');
  await page.click('#ic-start');
  const refused = await waitForText(page, '#ic-refused', /point is not on the curve/);
  assert.match(refused, /^Refused: the server refused query 1 — the point 04[0-9a-f]{128} of order \d+ on y² = x³ − 3x \+ \d+: point is not on the curve\./);
  assert.match(await text(page, '#ic-status'), /refused the first point/);
  assert.equal(await page.locator('#ic-queries > li').count(), 1);
  assert.match(await text(page, '#ic-queries > li'), /refused: point is not on the curve$/);
  assert.equal(await page.locator('#ic-result').isHidden(), true);
  // The playground's message for that point, pasted as a peer key, is the same.
  const point = /04[0-9a-f]{128}/.exec(refused)[0];
  const pair = api.KeyPair.generate('P-256');
  assert.throws(() => pair.sharedSecret(point), /^Error: point is not on the curve$/);
  pair.free();
  // The fix's code names that point; the link leads to the playground's step 2.
  assert.ok((await text(page, '#ic-fix-python')).includes(point));
  assert.match(await page.locator('#ic-playground').getAttribute('href'), /\?party=bob&curve=P-256$/);
  // WebCrypto refuses it too, as the snippet says.
  const webcrypto = await page.evaluate(async (hex) => {
    const bytes = Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16));
    try {
      await crypto.subtle.importKey('raw', bytes, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      return 'accepted';
    } catch (e) {
      return e.name;
    }
  }, point);
  assert.equal(webcrypto, 'DataError');
});

browserTest('keyboard only: choose the server, run, cancel; at 360 px nothing sticks out; axe finds nothing serious', async (s) => {
  const page = await openSection(s, { viewport: { width: 360, height: 740 } });
  await page.locator('#ic-vulnerable').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#ic-fixed').isChecked(), true);
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('#ic-vulnerable').isChecked(), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ic-start');
  await page.keyboard.press('Enter');
  await waitForText(page, '#ic-status', /^Recovered in/);
  await assertNoOverflow(page, 'after a run at 360 px');
  assert.deepEqual(await axeViolations(page), []);
  // Slow motion, then Cancel from the keyboard.
  await page.locator('#ic-slow').focus();
  await page.keyboard.press('Space');
  await page.locator('#ic-start').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#ic-queries > li').length >= 1);
  await page.locator('#ic-cancel').focus();
  await page.keyboard.press('Enter');
  await waitForText(page, '#ic-status', /^Cancelled after/);
  await page.check('#ic-fixed');
  await page.locator('#ic-start').focus();
  await page.keyboard.press('Enter');
  await waitForText(page, '#ic-refused', /point is not on the curve/);
  await assertNoOverflow(page, 'after the refusal at 360 px');
  assert.deepEqual(await axeViolations(page), []);
});

browserTest('embed: the section on its own (embed.html?view=attack-invalid-curve) runs the attack and refuses when fixed', async (s) => {
  const page = await s.open('/embed.html?view=attack-invalid-curve');
  assert.equal(await page.locator('section.attack').count(), 1);
  assert.equal(await text(page, 'section.attack h2'), '1. Invalid-curve attack on P-256 ECDH');
  await page.waitForSelector('[data-attack-mount="invalid-curve"][data-mounted="true"]', { state: 'attached' });
  await page.click('#ic-start');
  await waitForText(page, '#ic-status', /^Recovered in/);
  assert.equal(await text(page, '#ic-recovered'), await text(page, '#ic-server-key'));
  await page.check('#ic-fixed');
  await page.click('#ic-start');
  await waitForText(page, '#ic-refused', /: point is not on the curve\./);
  // The link to the playground's step 2 leads to the site, not to the embed.
  assert.equal(await page.locator('#ic-playground').getAttribute('href'), new URL('./?party=bob&curve=P-256', page.url()).href);
});
