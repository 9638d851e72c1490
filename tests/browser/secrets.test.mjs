// Secrets in the page, in headless Chromium under the site's Content-Security-Policy:
// a party tab says where its private key is kept and lets the user stop keeping it
// (then nothing of the key is stored, and a reload makes a new key), and every
// KeyPair or SigningKey a page replaces is freed, with nothing using it afterwards.
// Run from the repository root:
//   node --test --test-concurrency=1 tests/browser/secrets.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { browserSuite, waitReady, waitForText, waitForValue, axeViolations } from './harness.mjs';
import { toStore, fromStore, keepText } from '../../www/js/party-store.js';

const browserTest = browserSuite();

const value = (page, selector) => page.locator(selector).inputValue();
const text = (page, selector) => page.locator(selector).textContent();
const FP_RE = /^[0-9a-f]{4}( [0-9a-f]{4}){3}$/;

/** Reveals a card's private key, reads the PKCS#8 PEM, hides it again. */
async function readPrivateKey(page, who) {
  await page.click(`#${who}-party-keys-reveal`);
  const pem = await waitForText(page, `#${who}-party-keys-private`, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n?$/);
  await page.click(`#${who}-party-keys-reveal`);
  return pem;
}

/** Every way the key of a PKCS#8 PEM could be written: its PEM body, its scalar in hex, base64 and base64url. */
function keyForms(pem) {
  const d = Buffer.from(crypto.createPrivateKey(pem).export({ format: 'jwk' }).d, 'base64url');
  const body = pem.replace(/-----[^-]+-----|\s/g, '');
  return [body, body.slice(20, 60), d.toString('hex'), d.toString('base64'), d.toString('base64url')];
}

/** This tab's sessionStorage, whole. */
function storage(page) {
  return page.evaluate(() => JSON.stringify({ ...sessionStorage }));
}

/* ---------- Keeping the key is the user's choice ---------- */

browserTest('party tab: it says where its key is kept; unticked, nothing of the key is stored and a reload makes a new key; ticked again, it is kept', async (s) => {
  const page = await s.open('/?party=alice');
  const keep = page.locator('#p-keep');
  assert.equal(await keep.isChecked(), true, 'kept by default, as before');
  assert.equal(await page.getByLabel('Keep my private key in this tab across reloads').count(), 1);
  assert.equal(await text(page, '#p-keep-info'), "Your private key is kept in this tab's sessionStorage, so that a reload keeps it. It is never sent anywhere, and closing the tab deletes it. Untick to keep it only in this page's memory.");
  const pem = await readPrivateKey(page, 'alice');
  const fingerprint = await text(page, '#alice-party-keys-fingerprint');
  assert.ok((await storage(page)).includes(keyForms(pem)[0]), 'kept: the PKCS#8 body is in sessionStorage');
  await page.fill('#p-salt', 'kept salt');
  const bob = crypto.generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' });
  await page.fill('#peer-key', bob);
  await waitForText(page, '#p-key-fp', FP_RE);

  await keep.uncheck();
  assert.equal(await text(page, '#p-keep-info'), "Your private key is kept only in this page's memory: nothing of it is stored, and a reload makes a new key pair (send its public key to Bob again).");
  const stored = await storage(page);
  for (const form of keyForms(pem)) assert.equal(stored.includes(form), false, `nothing of the key is stored (${form.slice(0, 12)}…)`);
  const saved = JSON.parse(JSON.parse(stored)['ecdh-playground/party/alice']);
  assert.deepEqual(Object.keys(saved).sort(), ['ciphertext', 'conversation', 'curve', 'info', 'keep', 'peer', 'salt']);
  assert.equal(saved.keep, false);

  await page.reload();
  await waitReady(page);
  assert.equal(await keep.isChecked(), false, 'the choice is kept');
  assert.notEqual(await text(page, '#alice-party-keys-fingerprint'), fingerprint, 'a reload made a new key');
  assert.equal(await value(page, '#p-salt'), 'kept salt', 'the rest of the tab is kept');
  assert.equal(await value(page, '#peer-key'), bob);
  await waitForText(page, '#p-key-fp', FP_RE);
  const fresh = await readPrivateKey(page, 'alice');
  for (const form of keyForms(fresh)) assert.equal((await storage(page)).includes(form), false, 'nor of the new key');

  await keep.check();
  assert.ok((await storage(page)).includes(keyForms(fresh)[0]), 'ticked again: the key is kept');
  const now = await text(page, '#alice-party-keys-fingerprint');
  await page.reload();
  await waitReady(page);
  assert.equal(await text(page, '#alice-party-keys-fingerprint'), now, 'and a reload keeps it');

  // In a seeded lesson the key comes from the seed: said so.
  const seeded = await s.open('/?party=bob&seed=lesson-3');
  await seeded.locator('#p-keep').uncheck();
  assert.equal(await text(seeded, '#p-keep-info'), "Your private key is kept only in this page's memory: nothing of it is stored. In a seeded lesson a reload derives the lesson's first key pair from the seed again.");
});

test('party store: the key and its round only when kept; a private key pasted as the peer\'s never', () => {
  const base = { curve: 'X25519', privateKeyPem: 'PEM', round: 2, peer: 'PEER', salt: '', info: 'i', conversation: [] };
  assert.deepEqual(toStore({ ...base, keep: true }), { keep: true, curve: 'X25519', privateKey: 'PEM', round: 2, ciphertext: '', peer: 'PEER', salt: '', info: 'i', conversation: [] });
  assert.deepEqual(toStore({ ...base, keep: false }), { keep: false, curve: 'X25519', ciphertext: '', peer: 'PEER', salt: '', info: 'i', conversation: [] });
  // The hybrid's private parts (Alice's ML-KEM seed, Bob's m) only when kept, like the key.
  const hybrid = { ...base, curve: 'X25519MLKEM768', mlkemSeed: 'SEED', m: 'M', ciphertext: 'CT' };
  assert.deepEqual(toStore({ ...hybrid, keep: true }), { keep: true, curve: 'X25519MLKEM768', privateKey: 'PEM', round: 2, mlkemSeed: 'SEED', m: 'M', ciphertext: 'CT', peer: 'PEER', salt: '', info: 'i', conversation: [] });
  assert.deepEqual(toStore({ ...hybrid, keep: false }), { keep: false, curve: 'X25519MLKEM768', ciphertext: 'CT', peer: 'PEER', salt: '', info: 'i', conversation: [] });
  assert.equal(fromStore(JSON.stringify({ keep: false, mlkemSeed: 'SEED', m: 'M' })).mlkemSeed, null, 'an unkept seed is not read back');
  assert.equal(toStore({ ...base, keep: true, peer: '-----BEGIN PRIVATE KEY-----' }).peer, '');
  assert.equal(fromStore(JSON.stringify({ keep: false, privateKey: 'PEM', round: 3 })).privateKey, null, 'an unkept key is not read back');
  assert.equal(fromStore(JSON.stringify({ privateKey: 'PEM', round: 3 })).keep, true, 'a tab stored before the choice existed keeps its key');
  assert.equal(fromStore('not json'), null);
  assert.match(keepText(false, { seeded: false, peer: 'Alice' }), /send its public key to Alice again/);
});

/* ---------- Replaced wasm-bindgen objects are freed ---------- */

/**
 * Counts, in the page, the KeyPair and SigningKey objects made and freed from now on,
 * through the same module instance the page uses (`pkg`).
 */
function countObjects(page, pkgs) {
  return page.evaluate(async (paths) => {
    const modules = await Promise.all(paths.map((path) => import(path)));
    const count = { made: 0, freed: 0 };
    window.__objects = count;
    for (const cls of modules.flatMap((m) => [m.KeyPair, m.SigningKey]).filter(Boolean)) {
      for (const name of ['generate', 'fromSeed', 'importPrivateKey'].filter((n) => cls[n])) {
        const original = cls[name];
        cls[name] = function made(...args) {
          const object = original.apply(this, args);
          count.made += 1;
          return object;
        };
      }
      const free = cls.prototype.free;
      cls.prototype.free = function freed() {
        count.freed += 1;
        return free.call(this);
      };
    }
  }, pkgs);
}

const live = (page) => page.evaluate(() => window.__objects.made - window.__objects.freed);

/** Uses the key cards and every tool, so that a freed object in use would show. */
async function useEverything(page, who) {
  for (const w of who) {
    await page.selectOption(`#${w}-party-keys-format`, 'jwk');
    await page.selectOption(`#${w}-party-keys-format`, 'pem');
    const inside = page.locator(`#${w}-party-keys-inside`);
    if (!(await inside.evaluate((d) => d.open))) await inside.locator('summary').click();
    await page.locator(`#${w}-party-keys-inside-view [role="treeitem"]`).first().waitFor();
    await readPrivateKey(page, w);
  }
  for (const tools of await page.locator('[data-tools]').all()) {
    if (!(await tools.isVisible())) continue;
    await tools.getByRole('button', { name: "Check with my browser's WebCrypto" }).click();
    await tools.locator('.crosscheck').filter({ hasNotText: 'Checking…' }).filter({ hasText: /\S/ }).waitFor();
    const details = tools.locator('details.snippets');
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
    const code = await tools.locator('pre.code').first().textContent();
    assert.doesNotMatch(code, /null pointer|not available/, 'the code export uses live keys');
    assert.doesNotMatch(await tools.locator('.crosscheck').textContent(), /null pointer|Could not check/);
  }
}

browserTest('one page: every key pair replaced (new key pairs, curve, Mallory) is freed, and nothing uses it afterwards', async (s) => {
  const page = await s.open('/');
  // The playground's first module makes the keys; core reads them for the code export.
  await countObjects(page, ['/pkg/first/ecdh_playground.js', '/pkg/core/ecdh_playground.js']);
  const fingerprints = new Set([await text(page, '#alice-party-keys-fingerprint')]);
  const change = async (action) => {
    await action();
    await page.waitForFunction((seen) => !seen.includes(document.getElementById('alice-party-keys-fingerprint').textContent), [...fingerprints]);
    fingerprints.add(await text(page, '#alice-party-keys-fingerprint'));
    await page.fill('#alice-party-chat-message', 'after a change');
    await page.press('#alice-party-chat-message', 'Enter');
    await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ after a change');
    await useEverything(page, ['alice', 'bob']);
    assert.equal(await live(page), 0, 'as many freed as made: the four replaced pairs each time');
  };
  await change(() => page.click('#regenerate'));
  await change(() => page.selectOption('#curve', 'P-256'));
  await page.check('#mallory');
  await change(() => page.click('#regenerate'));
  await change(() => page.selectOption('#curve', 'X25519'));
  const { made, freed } = await page.evaluate(() => window.__objects);
  assert.ok(made >= 16 && freed === made, `made ${made}, freed ${freed}`);
});

browserTest('party tab: the key pair replaced (new key pair, curve, Forget, switch) is freed, and nothing uses it afterwards', async (s) => {
  const page = await s.open('/?party=alice');
  // The playground's first module makes the keys; core reads them for the code export.
  await countObjects(page, ['/pkg/first/ecdh_playground.js', '/pkg/core/ecdh_playground.js']);
  const peer = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
  const steps = [
    () => page.click('#regenerate'),
    () => page.selectOption('#curve', 'P-256'),
    () => page.click('#p-forget'),
    async () => {
      await page.selectOption('#curve', 'X25519');
      await page.fill('#peer-key', peer);
      await page.getByRole('button', { name: 'Switch to P-256' }).click();
    },
  ];
  for (const step of steps) {
    const before = await text(page, '#alice-party-keys-fingerprint');
    await step();
    await page.waitForFunction((old) => document.getElementById('alice-party-keys-fingerprint').textContent !== old, before);
    await useEverything(page, ['alice']);
    assert.equal(await live(page), 0, 'every replaced key pair freed');
  }
  await waitForText(page, '#p-key-fp', FP_RE);
  await page.fill('#p-plain', 'still working');
  await page.click('#p-encrypt');
  await waitForValue(page, '#p-envelope', /^[A-Za-z0-9+/]+={0,2}$/);
});

browserTest('TLS page: the keys made for a run are freed (new randoms and keys, another group)', async (s) => {
  const page = await s.open('/tls12.html');
  await countObjects(page, ['/pkg/ecdh_playground.js']);
  await page.click('#regenerate');
  await page.selectOption('#group', 'secp256r1');
  await page.click('#run-all');
  await waitForText(page, '#check-pre-master', /^✓ /);
  const { made, freed } = await page.evaluate(() => window.__objects);
  assert.ok(made >= 8, `made ${made}`);
  assert.equal(freed, made);
});

/* ---------- What this work added, checked by axe-core ---------- */

browserTest('axe-core: no serious or critical violations with the wire\'s bytes, a replay, the hidden answers, a failed decryption\'s list, the notices and the TLS stepper in a step', async (s) => {
  const page = await s.open('/?seed=lesson-3#hide=secret,okm');
  await page.fill('#alice-party-chat-message', 'checked by axe');
  await page.press('#alice-party-chat-message', 'Enter');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ checked by axe');
  const entry = page.locator('#wire-messages > li').first();
  await entry.locator('.ct .b').first().click();
  await entry.locator('.replay').click();
  await page.locator('[data-tools="hkdf"] summary').click();
  assert.deepEqual(await axeViolations(page), [], 'playground with a flipped byte, a replay and hidden answers');

  const alice = await s.open('/?party=alice');
  await alice.fill('#peer-key', crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }));
  await alice.getByRole('button', { name: 'Switch to P-256' }).waitFor();
  assert.deepEqual(await axeViolations(alice), [], 'party tab offering to switch the curve');
  await alice.getByRole('button', { name: 'Switch to P-256' }).click();
  await waitForText(alice, '#p-key-fp', FP_RE);
  await alice.fill('#p-incoming', Buffer.alloc(40, 7).toString('base64'));
  await alice.click('#p-decrypt');
  await alice.locator('#p-decrypt-checks').waitFor();
  await alice.locator('#p-keep').uncheck();
  assert.deepEqual(await axeViolations(alice), [], 'party tab with a notice, a failed decryption\'s list, the key not kept');

  const tls = await s.open('/tls12.html');
  await tls.click('#next');
  await tls.click('#next');
  await waitForText(tls, '#step-counter', /^Step 3 of/);
  assert.deepEqual(await axeViolations(tls), [], 'TLS page, the stepper in the third step');
});
