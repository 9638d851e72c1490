// The playground's third choice, X25519 + ML-KEM-768 (X25519MLKEM768), in headless
// Chromium under the site's CSP: on one page (key share and answer on the wire with their
// sizes, the 64-byte secret, Mallory, the tools) and across two tabs (one paste for Bob,
// two for Alice). The page's secret is recomputed here with other code: ML-KEM from
// @noble/post-quantum, X25519 from Node's crypto. Run from the repository root:
//   node --test --test-concurrency=1 tests/browser/
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ml_kem768 as mlkem } from '@noble/post-quantum/ml-kem.js';
import {
  browserSuite, waitForText, waitForValue, assertNoOverflow, axeViolations,
} from './harness.mjs';

const browserTest = browserSuite();

const HYBRID = 'X25519MLKEM768';
const NARROW = { viewport: { width: 360, height: 800 } };
const unspace = (text) => text.replace(/\s+/g, '');
const text = (page, selector) => page.locator(selector).textContent();
const value = (page, selector) => page.locator(selector).inputValue();

/** Chooses the hybrid in the curve select and waits for its 64-byte secrets. */
async function chooseHybrid(page) {
  await page.selectOption('#curve', HYBRID);
  await waitForText(page, '#alice-secret-label', '64 bytes');
}

/** The X25519 secret of a PKCS#8 PEM private key and a raw 32-byte public key, by Node. */
function x25519(privatePem, publicRaw) {
  const spki = Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), publicRaw]);
  return crypto.diffieHellman({
    privateKey: crypto.createPrivateKey(privatePem),
    publicKey: crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' }),
  });
}

/** Alice's revealed private parts on the one-page view: { pem, seed }. */
async function revealAlice(page) {
  await page.click('#alice-party-keys-reveal');
  const shown = await text(page, '#alice-party-keys-private');
  const pem = shown.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/)[0];
  const seed = Buffer.from(shown.match(/d ‖ z \(hex\):\n([0-9a-f]{128})/)[1], 'hex');
  return { pem, seed };
}

browserTest('one page, hybrid: Alice\'s key share and Bob\'s answer cross the wire with their sizes, and both sides hold the same 64 bytes, recomputed here with other libraries', async (s) => {
  const page = await s.open('/#seed=hybrid-lesson');
  await chooseHybrid(page);
  assert.match(page.url(), /curve=X25519MLKEM768/);
  const wire = await page.locator('#wire-keys li').allTextContents();
  assert.match(wire[0], /^Alice → Bob: key share, 1,216 bytes: ML-KEM-768 encapsulation key \(1,184\) ‖ X25519 public key \(32\)/);
  assert.match(wire[1], /^Bob → Alice: answer, 1,120 bytes: ML-KEM-768 ciphertext \(1,088\) ‖ X25519 public key \(32\)/);
  assert.match(await text(page, '#wire-cost'), /2,336 bytes for the key exchange, where X25519 alone sends 32 each way \(64\)/);
  await waitForText(page, '#verdict', 'Match');
  const aliceSecret = unspace(await text(page, '#alice-secret'));
  assert.equal(aliceSecret.length, 128);
  assert.equal(unspace(await text(page, '#bob-secret')), aliceSecret);
  // The explanations are the hybrid's, and the lesson on why it exists is there.
  assert.ok(await page.locator('[data-exchange="hybrid"]').first().isVisible());
  assert.ok(!(await page.locator('[data-exchange="ecdh"]').first().isVisible()));
  assert.match(await text(page, '.hybrid-lesson'), /Harvest now, decrypt later[\s\S]*Why keep X25519\?[\s\S]*The cost/);

  // Recompute Alice's secret: her ML-KEM key from its seed opens Bob's ciphertext
  // (noble), her X25519 key meets his (Node).
  const { pem, seed } = await revealAlice(page);
  const { secretKey, publicKey } = mlkem.keygen(seed);
  await page.locator('#alice-party-keys-kem-box summary').click();
  assert.equal(unspace(await text(page, '#alice-party-keys-kem')), Buffer.from(publicKey).toString('hex'));
  await page.locator('#bob-party-keys-kem-box summary').click();
  const ciphertext = Buffer.from(unspace(await text(page, '#bob-party-keys-kem')), 'hex');
  assert.equal(ciphertext.length, 1088);
  await page.selectOption('#bob-party-keys-format', 'raw');
  const bobX25519 = Buffer.from(await value(page, '#bob-party-keys-public'), 'hex');
  const expected = Buffer.concat([mlkem.decapsulate(ciphertext, secretKey), x25519(pem, bobX25519)]).toString('hex');
  assert.equal(aliceSecret, expected);

  // The same seed gives the same bytes in another tab; the next round, other bytes.
  const again = await s.open('/#seed=hybrid-lesson&curve=X25519MLKEM768');
  await waitForText(again, '#alice-secret-label', '64 bytes');
  assert.equal(unspace(await text(again, '#alice-secret')), aliceSecret);
  await again.click('#regenerate');
  await again.waitForFunction((old) => document.getElementById('alice-secret').textContent.replace(/\s+/g, '') !== old, aliceSecret);

  // Back to X25519: 32 bytes, the curve's words again.
  await page.selectOption('#curve', 'X25519');
  await waitForText(page, '#alice-secret-label', '32 bytes');
  assert.ok(await page.locator('#wire-cost').isHidden());
  assert.ok(await page.locator('.hybrid-lesson').isHidden());
});

browserTest('one page, hybrid: Mallory answers Alice and sends Bob her own share; she reads the message and forwards it; the tools check the X25519 half and export code for the whole secret', async (s) => {
  const page = await s.open('/?curve=X25519MLKEM768');
  await waitForText(page, '#alice-secret-label', '64 bytes');
  await page.check('#mallory');
  await waitForText(page, '#verdict', 'The secrets differ');
  assert.match(await text(page, '#mallory-note'), /ML-KEM protects against recording, not against a party in the middle/);
  const wire = await page.locator('#wire-keys li').allTextContents();
  assert.equal(wire.length, 4);
  assert.match(wire[1], /^Mallory → Bob: her own key share, 1,216 bytes/);
  assert.match(wire[3], /^Mallory → Alice: her own answer, 1,120 bytes/);
  await page.fill('#alice-party-chat-message', 'post-quantum hello');
  await page.press('#alice-party-chat-message', 'Enter');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ post-quantum hello');
  assert.match(await page.locator('#wire-messages > li').first().textContent(), /Mallory reads “post-quantum hello”/);
  await page.uncheck('#mallory');
  await waitForText(page, '#verdict', 'Match');

  const tools = page.locator('[data-tools="ecdh"]');
  await tools.getByRole('button', { name: "Check with my browser's WebCrypto" }).click();
  await waitForText(page, '[data-tools="ecdh"] .crosscheck', 'Matches');
  assert.match(await tools.locator('.crosscheck').textContent(), /checked the X25519 half \(the last 32 bytes\): it has no ML-KEM/);
  await tools.locator('summary').click();
  const python = await tools.locator('[data-language="python"] pre').textContent();
  assert.match(python, /MLKEM768PrivateKey\.from_seed_bytes/);
  const js = await tools.locator('[data-language="webcrypto"] pre').textContent();
  assert.match(js, /@noble\/post-quantum\/ml-kem\.js/);
  assert.match(await tools.locator('[data-language="openssl"] pre').textContent(), /not in OpenSSL 3\.0/);
});

browserTest('one page, hybrid: a lesson hides the 64-byte secret until answered', async (s) => {
  const open = await s.open('/#seed=quiz&curve=X25519MLKEM768');
  await waitForText(open, '#alice-secret-label', '64 bytes');
  const secret = await text(open, '#alice-secret');
  const page = await s.open('/#seed=quiz&curve=X25519MLKEM768&hide=secret');
  await waitForText(page, '#alice-secret-label', '64 bytes');
  assert.match(await text(page, '#alice-secret'), /Hidden by the lesson/);
  // Neither half of it is anywhere in the page.
  const html = await page.content();
  assert.ok(!html.includes(secret.slice(0, 35)) && !html.includes(secret.slice(-35)));
});

browserTest('two tabs, hybrid: Bob switches when he is handed a key share; one paste for him, two for Alice; both derive the same keys and a message opens; reloads keep it; a changed ciphertext is no error and the checklist says why the keys differ', async (s) => {
  const alice = await s.open('/?party=alice#curve=X25519MLKEM768');
  const bob = await s.open('/?party=bob');
  const share = await value(alice, '#p-share');
  assert.equal(Buffer.from(share, 'base64').length, 1216);

  // Bob's tab is on X25519: the share is named and the switch offered.
  await bob.fill('#peer-key', share);
  await waitForText(bob, '#peer-error', 'key share (1,216 bytes), not a public key');
  await bob.click('#peer-switch');
  await bob.locator('#p-answer-box').waitFor({ state: 'visible' });
  assert.equal(await value(bob, '#curve'), HYBRID);
  assert.match(await text(bob, '#peer-info'), /X25519MLKEM768 key share, 1,216 bytes/);
  const ciphertext = await value(bob, '#p-answer');
  assert.equal(Buffer.from(ciphertext, 'base64').length, 1088);

  // Alice: his X25519 key first (the ciphertext is asked for), then the ciphertext.
  await alice.fill('#peer-key', await value(bob, '#bob-party-keys-public'));
  await waitForText(alice, '#peer-error', 'paste Bob\'s ML-KEM-768 ciphertext');
  await alice.fill('#peer-ct', ciphertext);
  await alice.waitForFunction(() => document.getElementById('p-key-fp').textContent.length > 0);
  await bob.waitForFunction(() => document.getElementById('p-key-fp').textContent.length > 0);
  const fingerprint = await text(alice, '#p-key-fp');
  assert.equal(await text(bob, '#p-key-fp'), fingerprint);
  assert.equal(unspace(await text(alice, '#p-secret')).length, 128);

  await alice.fill('#p-plain', 'hello from a lattice');
  await alice.click('#p-encrypt');
  await bob.fill('#p-incoming', await value(alice, '#p-envelope'));
  await bob.click('#p-decrypt');
  await waitForText(bob, '#p-log', 'Alice: hello from a lattice');

  // Reloads keep both tabs' keys, so the same fingerprint comes back.
  await alice.reload();
  await bob.reload();
  for (const tab of [alice, bob]) {
    await tab.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await waitForValue(tab, '#curve', HYBRID);
    await tab.waitForFunction((fp) => document.getElementById('p-key-fp').textContent === fp, fingerprint);
  }

  // A changed byte of the ciphertext: implicit rejection, another key, no error.
  const changed = Buffer.from(ciphertext, 'base64');
  changed[100] ^= 1;
  await alice.fill('#peer-ct', changed.toString('base64'));
  await alice.waitForFunction((fp) => {
    const now = document.getElementById('p-key-fp').textContent;
    return now !== '' && now !== fp;
  }, fingerprint);
  assert.ok(await alice.locator('#peer-ct-error').isHidden());
  await bob.fill('#p-plain', 'does this open?');
  await bob.click('#p-encrypt');
  await alice.fill('#p-incoming', await value(bob, '#p-envelope'));
  await alice.click('#p-decrypt');
  await waitForText(alice, '#p-decrypt-checks', 'implicit rejection');

  // Wrong pastes say what they are.
  await alice.fill('#peer-ct', 'AAAA');
  await waitForText(alice, '#peer-ct-error', 'this paste is 3');
  await bob.fill('#peer-key', await value(bob, '#bob-party-keys-public'));
  await waitForText(bob, '#peer-error', 'This is an X25519 public key, not a key share');
});

browserTest('two tabs, hybrid, seeded: the tabs hold the bytes the one-page view shows for the same seed', async (s) => {
  const one = await s.open('/#seed=same-bytes&curve=X25519MLKEM768');
  await waitForText(one, '#alice-secret-label', '64 bytes');
  const secret = unspace(await text(one, '#alice-secret'));
  const alice = await s.open('/?party=alice#seed=same-bytes&curve=X25519MLKEM768');
  const bob = await s.open('/?party=bob#seed=same-bytes&curve=X25519MLKEM768');
  await bob.fill('#peer-key', await value(alice, '#p-share'));
  await bob.locator('#p-answer-box').waitFor({ state: 'visible' });
  await alice.fill('#peer-key', await value(bob, '#bob-party-keys-public'));
  await alice.fill('#peer-ct', await value(bob, '#p-answer'));
  await alice.waitForFunction(() => document.getElementById('p-secret').textContent.length > 0);
  assert.equal(unspace(await text(alice, '#p-secret')), secret);
  assert.equal(unspace(await text(bob, '#p-secret')), secret);
});

browserTest('hybrid at 360 px, by keyboard, and under axe-core: no overflow, the select reaches it, no serious violations', async (s) => {
  const page = await s.open('/', NARROW);
  await page.locator('#curve').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await waitForText(page, '#alice-secret-label', '64 bytes');
  await page.locator('#alice-party-keys-kem-box summary').click();
  await page.locator('#bob-party-keys-kem-box summary').click();
  await page.click('#alice-party-keys-reveal');
  await page.check('#mallory');
  await assertNoOverflow(page, 'hybrid, one page, keys open, Mallory');
  assert.deepEqual(await axeViolations(page), []);
  const alice = await s.open('/?party=alice#curve=X25519MLKEM768', NARROW);
  const bob = await s.open('/?party=bob#curve=X25519MLKEM768', NARROW);
  await bob.fill('#peer-key', await value(alice, '#p-share'));
  await bob.locator('#p-answer-box').waitFor({ state: 'visible' });
  await alice.fill('#peer-key', await value(bob, '#bob-party-keys-public'));
  await alice.fill('#peer-ct', await value(bob, '#p-answer'));
  for (const [name, tab] of [['Alice', alice], ['Bob', bob]]) {
    await assertNoOverflow(tab, `hybrid, ${name}'s tab`);
    assert.deepEqual(await axeViolations(tab), [], name);
  }
});
