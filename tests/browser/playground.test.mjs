// End-to-end tests of the ECDH Playground page in headless Chromium, under the site's
// Content-Security-Policy. Run from the repository root:
//   node --test --test-concurrency=1 tests/browser/
// Every test ends by asserting that no watched page logged a console error, threw,
// violated the CSP or requested anything from another origin.
//
// Values the page shows are also checked against Node's own crypto: fingerprints,
// key formats, the ECDH shared secret, HKDF and AES-256-GCM envelopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { inspect } from 'node:util';
import { watch, waitReady, waitForText, waitForValue, itemTexts, browserSuite, assertNoOverflow } from './harness.mjs';

let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

/* ---------- Node-side reference computations ---------- */

const CURVES = ['X25519', 'P-256'];
// The start of the base64 of each curve's SubjectPublicKeyInfo: tells the curves apart.
const PEM_PREFIX = {
  X25519: /^-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA/,
  'P-256': /^-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/,
};
const SECRET_RE = /^[0-9a-f]{8}( [0-9a-f]{8}){7}$/; // 32 bytes, groups of 4
const FP_RE = /^[0-9a-f]{4}( [0-9a-f]{4}){3}$/; // 8 bytes, groups of 2
const AUTH_FAILED = 'message authentication failed';

const unspace = (text) => text.replace(/\s+/g, '');
const grouped = (bytes, size) => Buffer.from(bytes).toString('hex').match(new RegExp(`.{1,${size * 2}}`, 'g')).join(' ');
const b64urlToHex = (text) => Buffer.from(text, 'base64url').toString('hex');
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();

/** The page's public-key fingerprint: the first 8 bytes of SHA-256 of the DER SPKI. */
function keyFingerprint(publicKeyText) {
  const der = crypto.createPublicKey(publicKeyText).export({ type: 'spki', format: 'der' });
  return grouped(sha256(der).subarray(0, 8), 2);
}

/** The ECDH shared secret, as the page shows it (hex in groups of 4 bytes). */
function nodeSharedSecret(privatePem, publicPem) {
  return grouped(crypto.diffieHellman({
    privateKey: crypto.createPrivateKey(privatePem),
    publicKey: crypto.createPublicKey(publicPem),
  }), 4);
}

const DEFAULT_INFO = 'ecdh-playground chat v2';
/** The info of each direction's key: the lesson's info, a space, "alice to bob" or "bob to alice". */
const directionInfo = (info, dir) => `${info === '' ? '' : `${info} `}${dir === 'ab' ? 'alice to bob' : 'bob to alice'}`;
/** The direction of a message from `from`. */
const dirOf = (from) => (from === 'alice' ? 'ab' : 'ba');

/**
 * HKDF-SHA256 of a shared secret (grouped hex) with text salt and info: the PRK, one key
 * per direction, and the fingerprint both tabs show (SHA-256 of the Alice → Bob key
 * then the Bob → Alice key, 8 bytes).
 */
function nodeHkdf(secretText, salt, info) {
  const secret = Buffer.from(unspace(secretText), 'hex');
  const saltBytes = Buffer.from(salt, 'utf8');
  // RFC 5869: no salt means a string of HashLen zeros.
  const prk = crypto.createHmac('sha256', saltBytes.length ? saltBytes : Buffer.alloc(32)).update(secret).digest();
  const key = (dir) => Buffer.from(crypto.hkdfSync('sha256', secret, saltBytes, Buffer.from(directionInfo(info, dir), 'utf8'), 32));
  const keys = { ab: key('ab'), ba: key('ba') };
  return {
    prk, keys, prkText: grouped(prk, 4), abText: grouped(keys.ab, 4), baText: grouped(keys.ba, 4),
    fp: grouped(sha256(Buffer.concat([keys.ab, keys.ba])).subarray(0, 8), 2),
  };
}

/** AES-256-GCM envelope: nonce(12) ‖ ciphertext ‖ tag(16); a random nonce unless given. */
function nodeEncrypt(key, text, nonce = crypto.randomBytes(12)) {
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, ct, cipher.getAuthTag()]);
}

function nodeDecrypt(key, envelope) {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, envelope.subarray(0, 12));
  decipher.setAuthTag(envelope.subarray(envelope.length - 16));
  return Buffer.concat([decipher.update(envelope.subarray(12, envelope.length - 16)), decipher.final()]).toString('utf8');
}

/** A Node key pair on the page's curve, as a stand-in for the other party. */
function nodeKeyPair(curve) {
  const { privateKey, publicKey } = curve === 'X25519'
    ? crypto.generateKeyPairSync('x25519')
    : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }),
  };
}

/* ---------- Page helpers ---------- */

const value = (page, selector) => page.locator(selector).inputValue();
const text = (page, selector) => page.locator(selector).textContent();

/** Selects a curve (which makes new keys) and waits for a key of that curve. */
async function useCurve(page, curve, who) {
  if ((await value(page, '#curve')) !== curve) await page.selectOption('#curve', curve);
  return waitForValue(page, `#${who}-party-keys-public`, PEM_PREFIX[curve]);
}

/** Reveals a card's private key, reads the PKCS#8 PEM, hides it again. */
async function readPrivateKey(page, who) {
  await page.click(`#${who}-party-keys-reveal`);
  const pem = await waitForText(page, `#${who}-party-keys-private`, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n?$/);
  await page.click(`#${who}-party-keys-reveal`);
  await page.locator(`#${who}-party-keys-private-box`).waitFor({ state: 'hidden' });
  return pem;
}

/** The hex parts of a wire entry: nonce ‖ ciphertext ‖ tag, as one Buffer. */
async function wireEnvelope(entry) {
  const parts = await Promise.all(['nonce', 'ct', 'tag'].map((c) => entry.locator(`.${c}`).textContent()));
  return Buffer.from(parts.join(''), 'hex');
}

/* ---------- (1) Alice and Bob on one page ---------- */

for (const curve of CURVES) {
  browserTest(`one page, ${curve}: keys, matching secrets, HKDF, messages both ways, tampering, formats, reveal`, async (s) => {
    const page = await s.open('/');
    const pem = {
      alice: await useCurve(page, curve, 'alice'),
      bob: await useCurve(page, curve, 'bob'),
    };
    assert.notEqual(pem.alice, pem.bob, 'Alice and Bob have different keys');

    // Keys shown, with the fingerprint Node computes over the same SPKI.
    for (const who of ['alice', 'bob']) {
      const key = crypto.createPublicKey(pem[who]);
      assert.equal(key.asymmetricKeyType, curve === 'X25519' ? 'x25519' : 'ec');
      if (curve === 'P-256') assert.equal(key.asymmetricKeyDetails.namedCurve, 'prime256v1');
      assert.equal(await text(page, `#${who}-party-keys-fingerprint`), keyFingerprint(pem[who]));
    }
    const wireKeys = await itemTexts(page, '#wire-keys');
    assert.equal(wireKeys.length, 2);
    assert.match(wireKeys[0], /^Alice → Bob: public key /);

    // The shared secrets match, and are what Node computes.
    const secret = await waitForText(page, '#alice-secret', SECRET_RE);
    assert.equal(await text(page, '#bob-secret'), secret);
    await waitForText(page, '#verdict', 'Match');
    assert.equal(await page.locator('#mallory-note').isHidden(), true);
    const alicePrivate = await readPrivateKey(page, 'alice');
    assert.equal(nodeSharedSecret(alicePrivate, pem.bob), secret);
    const bobPrivate = await readPrivateKey(page, 'bob');
    assert.equal(nodeSharedSecret(bobPrivate, pem.alice), secret);

    // HKDF: salt changes PRK and key; info changes the key only. Both sides agree.
    const kdf = async () => ({
      alicePrk: await text(page, '#alice-prk'),
      bobPrk: await text(page, '#bob-prk'),
      aliceOkm: await text(page, '#alice-key-ab'),
      aliceIn: await text(page, '#alice-key-ba'),
      bobIn: await text(page, '#bob-key-ab'),
      bobOkm: await text(page, '#bob-key-ba'),
    });
    const checkKdf = async (salt, info) => {
      const k = await kdf();
      assert.match(k.alicePrk, SECRET_RE);
      assert.equal(k.bobPrk, k.alicePrk);
      assert.equal(k.bobIn, k.aliceOkm, 'Bob opens with the key Alice seals with');
      assert.equal(k.aliceIn, k.bobOkm, 'Alice opens with the key Bob seals with');
      assert.notEqual(k.aliceOkm, k.bobOkm, 'one key per direction');
      const expected = nodeHkdf(secret, salt, info);
      assert.equal(k.alicePrk, expected.prkText, 'PRK = HKDF-Extract(salt, secret)');
      assert.equal(k.aliceOkm, expected.abText, 'Alice → Bob = HKDF-Expand(PRK, info + " alice to bob", 32)');
      assert.equal(k.bobOkm, expected.baText, 'Bob → Alice = HKDF-Expand(PRK, info + " bob to alice", 32)');
      assert.equal(await text(page, '#info-ab'), `“${directionInfo(info, 'ab')}”`);
      assert.equal(await text(page, '#info-ba'), `“${directionInfo(info, 'ba')}”`);
      assert.equal(await text(page, '#key-verdict'), '✓ Same two keys on both sides.');
      return k;
    };
    assert.equal(await value(page, '#salt'), '');
    const info0 = await value(page, '#info');
    assert.equal(info0, DEFAULT_INFO);
    const k0 = await checkKdf('', info0);
    await page.fill('#salt', 'classroom salt');
    const k1 = await checkKdf('classroom salt', info0);
    assert.notEqual(k1.alicePrk, k0.alicePrk, 'a new salt changes the PRK');
    assert.notEqual(k1.aliceOkm, k0.aliceOkm, 'a new salt changes the key');
    await page.fill('#info', 'lesson 3 chat');
    const k2 = await checkKdf('classroom salt', 'lesson 3 chat');
    assert.equal(k2.alicePrk, k1.alicePrk, 'info does not enter HKDF-Extract');
    assert.notEqual(k2.aliceOkm, k1.aliceOkm, 'new info changes the key');
    assert.equal(await text(page, '#alice-secret'), secret, 'salt and info leave the secret alone');
    const { keys } = nodeHkdf(secret, 'classroom salt', 'lesson 3 chat');

    // Messages both ways, decrypted in the other inbox; the wire bytes open in Node too.
    await page.fill('#alice-party-chat-message', 'Hello Bob 👋');
    await page.click('#alice-party-chat-send');
    await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ Hello Bob 👋');
    assert.equal(await value(page, '#alice-party-chat-message'), '', 'the input is cleared after sending');
    await page.fill('#bob-party-chat-message', 'Hi Alice, got it');
    await page.click('#bob-party-chat-send');
    await waitForText(page, '#alice-party-chat-inbox > li:last-child', '✓ Hi Alice, got it');
    assert.deepEqual(await itemTexts(page, '#bob-party-chat-inbox'), ['✓ Hello Bob 👋']);
    assert.deepEqual(await itemTexts(page, '#alice-party-chat-inbox'), ['✓ Hi Alice, got it']);
    const wire = page.locator('#wire-messages > li');
    assert.equal(await wire.count(), 2);
    assert.equal(await wire.nth(0).locator('.who').textContent(), 'Alice → Bob');
    assert.equal(await wire.nth(1).locator('.who').textContent(), 'Bob → Alice');
    const aliceEnvelope = await wireEnvelope(wire.nth(0));
    assert.equal(nodeDecrypt(keys.ab, aliceEnvelope), 'Hello Bob 👋', 'Alice seals with the Alice → Bob key');
    assert.equal(nodeDecrypt(keys.ba, await wireEnvelope(wire.nth(1))), 'Hi Alice, got it', 'Bob with the Bob → Alice key');
    assert.throws(() => nodeDecrypt(keys.ba, aliceEnvelope), /unable to authenticate/, 'Alice\'s message does not open with the other direction\'s key');

    // Tampering: the byte chosen (a click here; the keyboard in its own test) is flipped,
    // marked, and the recipient refuses the message.
    await wire.nth(0).locator('.b').nth(13).click();
    await waitForText(page, '#bob-party-chat-inbox > li:last-child', `✗ ${AUTH_FAILED} (byte 13 was flipped on the wire)`);
    assert.equal(await wire.nth(0).locator('.b.flipped').count(), 1);
    assert.equal(await wire.nth(0).locator('.b').nth(13).evaluate((b) => b.classList.contains('flipped')), true);
    assert.match(await wire.nth(0).locator('.wire-result').textContent(), /^Byte 13 \(ciphertext byte 1\) flipped, [0-9a-f]{2} → [0-9a-f]{2}: Bob refused it \(message authentication failed\)/);
    const lastTag = (await wireEnvelope(wire.nth(1))).length - 1;
    await wire.nth(1).locator('.b').nth(lastTag).click();
    await waitForText(page, '#alice-party-chat-inbox > li:last-child', `✗ ${AUTH_FAILED} (byte ${lastTag} was flipped on the wire)`);
    assert.deepEqual(await itemTexts(page, '#bob-party-chat-inbox'), ['✓ Hello Bob 👋', `✗ ${AUTH_FAILED} (byte 13 was flipped on the wire)`]);
    assert.equal(await wire.count(), 2, 'tampering does not add wire entries');
    assert.equal(nodeDecrypt(keys.ab, await wireEnvelope(wire.nth(0))), 'Hello Bob 👋', 'the wire still shows what Alice sent');

    // Replay: the same envelope again opens (it is genuine) but is flagged, not taken again.
    await wire.nth(0).getByRole('button', { name: 'Deliver again, unchanged (replay)' }).click();
    await waitForText(page, '#bob-party-chat-inbox > li:last-child', '⚠ Replayed: “Hello Bob 👋” came before (the same nonce); not taken again');
    assert.match(await wire.nth(0).locator('.wire-result').textContent(), /^Delivered again, unchanged: it still opens, since it is genuine: AES-GCM cannot tell a copy from the original\..*TLS puts a sequence number in every record's nonce/);
    assert.equal(await wire.nth(0).locator('.b.flipped').count(), 0, 'no byte is marked for an unchanged copy');

    // Formats: the same key as raw, SPKI hex, JWK and (P-256) compressed, matching Node.
    const fingerprint = await text(page, '#alice-party-keys-fingerprint');
    const nodeKey = crypto.createPublicKey(pem.alice);
    const jwk = nodeKey.export({ format: 'jwk' });
    const show = async (format) => {
      await page.selectOption('#alice-party-keys-format', format);
      return value(page, '#alice-party-keys-public');
    };
    const raw = await show('raw');
    if (curve === 'X25519') {
      assert.match(raw, /^[0-9a-f]{64}$/);
      assert.equal(raw, b64urlToHex(jwk.x));
    } else {
      assert.match(raw, /^04[0-9a-f]{128}$/);
      assert.equal(raw, `04${b64urlToHex(jwk.x)}${b64urlToHex(jwk.y)}`);
    }
    assert.equal(await show('spki'), nodeKey.export({ type: 'spki', format: 'der' }).toString('hex'));
    const shownJwk = JSON.parse(await show('jwk'));
    assert.deepEqual(shownJwk, jwk);
    assert.equal('d' in shownJwk, false, 'the public JWK has no private part');
    const compressedOption = page.locator('#alice-party-keys-format option[value="compressed"]');
    if (curve === 'P-256') {
      assert.equal(await compressedOption.isDisabled(), false);
      const y = Buffer.from(jwk.y, 'base64url');
      assert.equal(await show('compressed'), `${y[31] & 1 ? '03' : '02'}${b64urlToHex(jwk.x)}`);
    } else {
      assert.equal(await compressedOption.isDisabled(), true, 'X25519 has no compressed form');
    }
    assert.equal(await show('pem'), pem.alice);
    assert.equal(await text(page, '#alice-party-keys-fingerprint'), fingerprint, 'the format does not change the key');

    // Reveal shows a PKCS#8 PEM for this very key; hide hides it.
    const reveal = page.locator('#alice-party-keys-reveal');
    assert.equal(await reveal.getAttribute('aria-expanded'), 'false');
    await reveal.click();
    await page.locator('#alice-party-keys-private').waitFor({ state: 'visible' });
    const shownPrivate = await text(page, '#alice-party-keys-private');
    assert.match(shownPrivate, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(
      crypto.createPublicKey(crypto.createPrivateKey(shownPrivate)).export({ type: 'spki', format: 'pem' }),
      pem.alice,
      'the revealed private key belongs to the shown public key',
    );
    assert.equal(await reveal.getAttribute('aria-expanded'), 'true');
    assert.equal(await reveal.textContent(), 'Hide private key');
    await reveal.click();
    await page.locator('#alice-party-keys-private-box').waitFor({ state: 'hidden' });
    assert.equal(await text(page, '#alice-party-keys-private'), '');
    assert.equal(await reveal.getAttribute('aria-expanded'), 'false');
    assert.equal(await reveal.textContent(), 'Reveal private key');

    // New key pairs: new fingerprints, cleared conversation, secrets match again.
    await page.click('#regenerate');
    await waitForText(page, '#alice-party-keys-fingerprint', FP_RE);
    assert.notEqual(await text(page, '#alice-party-keys-fingerprint'), fingerprint);
    assert.equal(await wire.count(), 0);
    assert.deepEqual(await itemTexts(page, '#bob-party-chat-inbox'), []);
    const secret2 = await text(page, '#alice-secret');
    assert.notEqual(secret2, secret);
    assert.equal(await text(page, '#bob-secret'), secret2);
    await waitForText(page, '#verdict', 'Match');
  });
}

/* ---------- (2) Mallory in the middle ---------- */

for (const curve of CURVES) {
  browserTest(`one page, ${curve}: Mallory in the middle splits the secrets but relays messages`, async (s) => {
    const page = await s.open('/');
    await useCurve(page, curve, 'alice');
    const honest = await waitForText(page, '#alice-secret', SECRET_RE);
    await waitForText(page, '#verdict', 'Match');

    await page.check('#mallory');
    await waitForText(page, '#verdict', 'The secrets differ');
    const aliceSecret = await text(page, '#alice-secret');
    const bobSecret = await text(page, '#bob-secret');
    assert.match(aliceSecret, SECRET_RE);
    assert.match(bobSecret, SECRET_RE);
    assert.notEqual(aliceSecret, bobSecret);
    assert.notEqual(aliceSecret, honest);
    assert.match(await page.getAttribute('#verdict', 'class'), /\bbad\b/);
    const note = page.locator('#mallory-note');
    await note.waitFor({ state: 'visible' });
    assert.match(await note.textContent(), /Mallory replaced both public keys/);
    assert.match(await note.textContent(), /neither can tell/);
    assert.equal(await text(page, '#key-verdict'), '✗ The keys differ.');
    const wireKeys = await itemTexts(page, '#wire-keys');
    assert.equal(wireKeys.length, 4);
    assert.equal(wireKeys.filter((line) => /Mallory/.test(line)).length, 4);

    // Mallory decrypts, reads and re-encrypts: both still receive the messages.
    await page.fill('#alice-party-chat-message', 'meet at noon');
    await page.click('#alice-party-chat-send');
    await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ meet at noon');
    await page.fill('#bob-party-chat-message', 'see you there');
    await page.press('#bob-party-chat-message', 'Enter');
    await waitForText(page, '#alice-party-chat-inbox > li:last-child', '✓ see you there');
    const wire = await itemTexts(page, '#wire-messages');
    assert.equal(wire.length, 4, 'each message crosses the wire twice: to Mallory, then from her');
    assert.match(wire[0], /^Alice → Mallory, meant for Bob \(Mallory reads “meet at noon” and re-encrypts\)/);
    assert.match(wire[1], /^Mallory → Bob, posing as Alice \(forwarded by Mallory\)/);
    assert.match(wire[2], /Mallory reads “see you there” and re-encrypts/);

    // A flip applies to what the receiver of that copy gets: Alice's copy goes to Mallory,
    // who cannot open it and forwards nothing; Mallory's copy goes to Bob, who refuses it.
    const entries = page.locator('#wire-messages > li');
    const bobInbox = await itemTexts(page, '#bob-party-chat-inbox');
    await entries.nth(0).locator('.b').nth(20).click();
    await waitForText(page, '#wire-messages > li:nth-child(1) .wire-result', /^Byte 20 \(ciphertext byte 8\) flipped, [0-9a-f]{2} → [0-9a-f]{2}: Mallory could not open it \(message authentication failed\), so she has nothing to forward: Bob receives nothing\.$/);
    assert.deepEqual(await itemTexts(page, '#bob-party-chat-inbox'), bobInbox, 'nothing reaches Bob');
    assert.equal(await entries.nth(0).getByRole('button', { name: 'Deliver again, unchanged (replay)' }).count(), 0, 'Mallory\'s own copy has no replay to Bob');
    await entries.nth(1).locator('.b').nth(20).click();
    await waitForText(page, '#bob-party-chat-inbox > li:last-child', `✗ ${AUTH_FAILED} (byte 20 was flipped on the wire)`);
    await entries.nth(1).getByRole('button', { name: 'Deliver again, unchanged (replay)' }).click();
    await waitForText(page, '#bob-party-chat-inbox > li:last-child', '⚠ Replayed: “meet at noon” came before');

    await page.uncheck('#mallory');
    await waitForText(page, '#verdict', 'Match');
    await note.waitFor({ state: 'hidden' });
    assert.equal(await text(page, '#alice-secret'), honest, 'the honest secret is back');
    assert.equal(await text(page, '#bob-secret'), honest);
    assert.equal(await text(page, '#key-verdict'), '✓ Same two keys on both sides.');
    await page.fill('#alice-party-chat-message', 'just us again');
    await page.click('#alice-party-chat-send');
    await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ just us again');
    const last = (await itemTexts(page, '#wire-messages')).at(-1);
    assert.doesNotMatch(last, /Mallory/);
  });
}

/* ---------- (3) Two tabs: Alice and Bob in separate browser contexts ---------- */

const NAMES = { alice: 'Alice', bob: 'Bob' };

/** Opens Alice's and Bob's tabs on `curve` and exchanges public keys in `formats`. */
async function twoTabs(s, { curve = 'X25519', formats = { alice: 'pem', bob: 'pem' }, salt = '' } = {}) {
  const tabs = { alice: await s.open('/?party=alice'), bob: await s.open('/?party=bob') };
  const publicPem = {};
  for (const who of ['alice', 'bob']) {
    const page = tabs[who];
    assert.equal(await text(page, '#party-name'), NAMES[who]);
    assert.equal(await page.locator('#both').isHidden(), true);
    assert.equal(await page.locator('#mallory-switch').isHidden(), true);
    publicPem[who] = await useCurve(page, curve, who);
    if (salt) await page.fill('#p-salt', salt);
  }
  for (const [from, to] of [['alice', 'bob'], ['bob', 'alice']]) {
    await tabs[from].selectOption(`#${from}-party-keys-format`, formats[from]);
    const copied = await value(tabs[from], `#${from}-party-keys-public`);
    await tabs[to].fill('#peer-key', copied);
    await waitForText(tabs[to], '#peer-info', `Detected: ${curve} key, ${formats[from]} format, fingerprint ${keyFingerprint(publicPem[from])}.`);
    assert.equal(await tabs[to].locator('#peer-error').isHidden(), true);
  }
  return { tabs, publicPem };
}

/**
 * Both tabs show the same, non-empty keys fingerprint, which Node's HKDF agrees with; each
 * tab seals with its own direction's key and opens with the other. Resolves to { fp, keys }.
 */
async function sameKey(tabs, salt, info = DEFAULT_INFO) {
  const fp = await waitForText(tabs.alice, '#p-key-fp', FP_RE);
  assert.equal(await waitForText(tabs.bob, '#p-key-fp', FP_RE), fp);
  const secret = await text(tabs.alice, '#p-secret');
  assert.match(secret, SECRET_RE);
  assert.equal(await text(tabs.bob, '#p-secret'), secret);
  const expected = nodeHkdf(secret, salt, info);
  assert.equal(await text(tabs.alice, '#p-key-out'), expected.abText);
  assert.equal(await text(tabs.alice, '#p-key-in'), expected.baText);
  assert.equal(await text(tabs.bob, '#p-key-out'), expected.baText);
  assert.equal(await text(tabs.bob, '#p-key-in'), expected.abText);
  assert.equal(await text(tabs.alice, '#p-key-out-label'), `Key Alice → Bob, for your messages: HKDF-Expand(PRK, “${directionInfo(info, 'ab')}”, 32)`);
  assert.equal(await text(tabs.bob, '#p-key-in-label'), `Key Alice → Bob, for Alice's messages: HKDF-Expand(PRK, “${directionInfo(info, 'ab')}”, 32)`);
  assert.equal(fp, expected.fp, 'fingerprint = first 8 bytes of SHA-256 of both keys');
  return { fp, keys: expected.keys };
}

/**
 * Encrypts in one tab, pastes the envelope into the other, decrypts; checks both logs.
 * With `keys` (both directions), Node opens the envelope with the sender's direction key.
 */
async function sendAcross(tabs, from, to, message, keys) {
  await tabs[from].fill('#p-plain', message);
  await tabs[from].click('#p-encrypt');
  await waitForText(tabs[from], '#p-log > li:last-child', `You: ${message}`);
  assert.equal(await value(tabs[from], '#p-plain'), '');
  const envelope = await waitForValue(tabs[from], '#p-envelope', /^[A-Za-z0-9+/]+={0,2}$/);
  if (keys) assert.equal(nodeDecrypt(keys[dirOf(from)], Buffer.from(envelope, 'base64')), message, 'Node opens the envelope with the sender\'s key');
  await tabs[to].fill('#p-incoming', envelope);
  await tabs[to].click('#p-decrypt');
  await waitForText(tabs[to], '#p-log > li:last-child', `${NAMES[from]}: ${message}`);
  assert.equal(await value(tabs[to], '#p-incoming'), '', 'a decrypted envelope is cleared');
  assert.equal(await tabs[to].locator('#p-decrypt-error').isHidden(), true);
}

const FORMAT_CASES = [
  { curve: 'X25519', formats: { alice: 'pem', bob: 'pem' } },
  { curve: 'P-256', formats: { alice: 'jwk', bob: 'raw' } },
  { curve: 'X25519', formats: { alice: 'raw', bob: 'jwk' } },
  { curve: 'P-256', formats: { alice: 'compressed', bob: 'spki' } },
];

for (const { curve, formats } of FORMAT_CASES) {
  browserTest(`two tabs, ${curve}, Alice sends ${formats.alice}, Bob sends ${formats.bob}: same key, messages both ways`, async (s) => {
    const { tabs } = await twoTabs(s, { curve, formats });
    const { fp } = await sameKey(tabs, '');
    for (const who of ['alice', 'bob']) {
      assert.notEqual(fp, await text(tabs[who], `#${who}-party-keys-fingerprint`), 'the key fingerprint is not a public-key fingerprint');
    }

    // Salt must agree: a salt in one tab only gives different keys, then the same again.
    await tabs.alice.fill('#p-salt', 'shared salt');
    const aliceFp = await waitForText(tabs.alice, '#p-key-fp', FP_RE);
    assert.notEqual(aliceFp, fp);
    assert.equal(await text(tabs.bob, '#p-key-fp'), fp);
    await tabs.bob.fill('#p-salt', 'shared salt');
    await waitForText(tabs.bob, '#p-key-fp', aliceFp);
    const agreed = await sameKey(tabs, 'shared salt');

    await sendAcross(tabs, 'alice', 'bob', `Hello Bob, over ${curve} (${formats.alice})`, agreed.keys);
    await sendAcross(tabs, 'bob', 'alice', `Hello Alice, über ${curve} (${formats.bob}) ✓`, agreed.keys);
    await sendAcross(tabs, 'alice', 'bob', 'second message', agreed.keys);
    assert.deepEqual(await itemTexts(tabs.alice, '#p-log'), [
      `You: Hello Bob, over ${curve} (${formats.alice})`,
      `Bob: Hello Alice, über ${curve} (${formats.bob}) ✓`,
      'You: second message',
    ]);
    assert.deepEqual(await itemTexts(tabs.bob, '#p-log'), [
      `Alice: Hello Bob, over ${curve} (${formats.alice})`,
      `You: Hello Alice, über ${curve} (${formats.bob}) ✓`,
      'Alice: second message',
    ]);
  });
}

browserTest('two tabs: an envelope pasted back into the tab that made it is recognised as its own, never shown as the peer\'s; a replayed envelope is flagged', async (s) => {
  const { tabs } = await twoTabs(s, { curve: 'X25519' });
  const { keys } = await sameKey(tabs, '');
  await tabs.alice.fill('#p-plain', 'my own words');
  await tabs.alice.click('#p-encrypt');
  const envelope = await waitForValue(tabs.alice, '#p-envelope', /^[A-Za-z0-9+/]+={0,2}$/);
  const bytes = Buffer.from(envelope, 'base64');
  assert.equal(nodeDecrypt(keys.ab, bytes), 'my own words', 'sealed with the Alice → Bob key');
  assert.throws(() => nodeDecrypt(keys.ba, bytes), /unable to authenticate/, 'and only with it');

  // Pasted into Alice's own "Envelope received": named as hers, not added as Bob's.
  await tabs.alice.fill('#p-incoming', envelope);
  await tabs.alice.click('#p-decrypt');
  const said = await waitForText(tabs.alice, '#p-decrypt-error', 'This is a message you sent');
  assert.equal(said, "This is a message you sent: it opens with your Alice → Bob key, not with Bob's Bob → Alice key. Paste an envelope from Bob's tab here; send this one to Bob.");
  assert.equal(await tabs.alice.getAttribute('#p-incoming', 'aria-invalid'), 'true');
  assert.deepEqual(await itemTexts(tabs.alice, '#p-log'), ['You: my own words']);

  // In Bob's tab it is Alice's message.
  await tabs.bob.fill('#p-incoming', envelope);
  await tabs.bob.click('#p-decrypt');
  await waitForText(tabs.bob, '#p-log > li:last-child', 'Alice: my own words');
  assert.equal(await tabs.bob.locator('#p-replay').isHidden(), true);
  // The same envelope again, even after a reload, is a replay: flagged, not taken again.
  for (const when of ['at once', 'after a reload']) {
    if (when !== 'at once') {
      await tabs.bob.reload();
      await waitReady(tabs.bob);
    }
    await tabs.bob.fill('#p-incoming', envelope);
    await tabs.bob.click('#p-decrypt');
    const replay = await waitForText(tabs.bob, '#p-replay', /^Replayed: /);
    assert.equal(await tabs.bob.locator('#p-replay').isVisible(), true, `${when}: the notice is on screen`);
    assert.match(replay, /^Replayed: you already received this envelope \(Alice's message “my own words”\), so it is not added again\. It still opens, since it is genuine: AES-GCM cannot tell a copy from the original;.*TLS puts a sequence number into every record's nonce and additional data/);
    assert.deepEqual(await itemTexts(tabs.bob, '#p-log'), ['Alice: my own words'], `${when}: not added twice`);
  }
  // And Bob's reply, pasted back into Bob's tab, is his own.
  await tabs.bob.fill('#p-plain', 'my reply');
  await tabs.bob.click('#p-encrypt');
  await tabs.bob.fill('#p-incoming', await waitForValue(tabs.bob, '#p-envelope', /^[A-Za-z0-9+/]+={0,2}$/));
  await tabs.bob.click('#p-decrypt');
  await waitForText(tabs.bob, '#p-decrypt-error', "This is a message you sent: it opens with your Bob → Alice key, not with Alice's Alice → Bob key.");
  assert.deepEqual(await itemTexts(tabs.bob, '#p-log'), ['Alice: my own words', 'You: my reply']);
});

/* ---------- (4) Bad pastes into a P-256 party ---------- */

browserTest('party tab, P-256: wrong-curve, truncated and unrecognised pastes explain themselves; the page keeps working', async (s) => {
  const page = await s.open('/?party=bob');
  const myPem = await useCurve(page, 'P-256', 'bob');
  // The user's own inputs, typed before the bad pastes: they must survive every error.
  await page.fill('#p-salt', 'typed salt');
  await page.fill('#p-info', 'typed info');
  await page.fill('#p-plain', 'a draft I am still writing');
  const inputs = async () => ({
    salt: await value(page, '#p-salt'),
    info: await value(page, '#p-info'),
    plain: await value(page, '#p-plain'),
    curve: await value(page, '#curve'),
    me: await value(page, '#bob-party-keys-public'),
  });
  const typed = await inputs();
  assert.deepEqual(typed, { salt: 'typed salt', info: 'typed info', plain: 'a draft I am still writing', curve: 'P-256', me: myPem });

  const alice = nodeKeyPair('P-256');
  const expectedKey = nodeHkdf(nodeSharedSecret(alice.privatePem, myPem), 'typed salt', 'typed info');
  const x25519Pem = nodeKeyPair('X25519').publicPem;

  const expectError = async (pasted, pattern) => {
    await page.fill('#peer-key', pasted);
    const message = await waitForText(page, '#peer-error', pattern);
    assert.equal(await page.locator('#peer-error').isVisible(), true);
    assert.equal(await page.getAttribute('#peer-key', 'aria-invalid'), 'true');
    assert.equal(await value(page, '#peer-key'), pasted, 'the bad paste stays for the user to fix');
    for (const id of ['#p-secret', '#p-key-out', '#p-key-in', '#p-key-fp', '#peer-info']) {
      assert.equal(await text(page, id), '', `${id} is empty after an error`);
    }
    assert.deepEqual(await inputs(), typed, 'an error leaves the other inputs alone');
    return message;
  };
  const expectWorks = async () => {
    await page.fill('#peer-key', alice.publicPem);
    await waitForText(page, '#p-key-fp', expectedKey.fp);
    await page.locator('#peer-error').waitFor({ state: 'hidden' });
    assert.equal(await page.getAttribute('#peer-key', 'aria-invalid'), null);
    assert.equal(await text(page, '#p-key-out'), expectedKey.baText, 'Bob seals with the Bob → Alice key');
    assert.equal(await text(page, '#p-key-in'), expectedKey.abText);
    assert.equal(await text(page, '#peer-info'), `Detected: P-256 key, pem format, fingerprint ${keyFingerprint(alice.publicPem)}.`);
    assert.deepEqual(await inputs(), typed);
  };

  await expectError(x25519Pem, 'expected a P-256 key, got an X25519 key');
  await expectWorks();
  const lines = alice.publicPem.trimEnd().split('\n');
  const truncated = lines.slice(0, -1).join('\n'); // the END line is lost
  const cut = await expectError(truncated, /END PUBLIC KEY/);
  assert.match(cut, /cut off/);
  await expectWorks();
  const halfway = alice.publicPem.slice(0, Math.floor(alice.publicPem.length / 2)); // cut mid-base64
  assert.match(await expectError(halfway, /END/), /cut off/);
  await expectWorks();
  await expectError('correct horse battery staple', 'not recognised');
  await expectWorks();
  // Encrypting with no usable key says so, and keeps the draft.
  await expectError('{"kty":"EC"', /^malformed JWK: /);
  await page.click('#p-encrypt');
  await waitForText(page, '#peer-error', "Paste Alice's public key first.");
  assert.equal(await value(page, '#p-plain'), 'a draft I am still writing');
  assert.deepEqual(await itemTexts(page, '#p-log'), []);
  await expectWorks();

  // A genuine envelope from "Alice" (Node) opens; a tampered one is refused, text kept.
  await page.fill('#p-incoming', nodeEncrypt(expectedKey.keys.ab, 'from Node, sealed with AES-256-GCM').toString('base64'));
  await page.click('#p-decrypt');
  await waitForText(page, '#p-log > li:last-child', 'Alice: from Node, sealed with AES-256-GCM');
  const envelope = nodeEncrypt(expectedKey.keys.ab, 'this one will be tampered with');
  envelope[20] ^= 0x01;
  const tampered = envelope.toString('base64');
  await page.fill('#p-incoming', tampered);
  await page.click('#p-decrypt');
  assert.equal(await waitForText(page, '#p-decrypt-error', AUTH_FAILED), `${AUTH_FAILED}: this envelope does not open with the key for Alice's messages. Compare with Alice's tab:`);
  assert.equal(await page.locator('#p-decrypt-checks').isVisible(), true, 'what to compare is listed');
  assert.equal(await page.locator('#p-decrypt-error').isVisible(), true);
  assert.equal(await page.getAttribute('#p-incoming', 'aria-invalid'), 'true');
  assert.equal(await value(page, '#p-incoming'), tampered, 'the textarea keeps the tampered text');
  assert.deepEqual(await itemTexts(page, '#p-log'), ['Alice: from Node, sealed with AES-256-GCM']);
  await page.fill('#p-incoming', 'not base64 at all!');
  await page.click('#p-decrypt');
  await waitForText(page, '#p-decrypt-error', 'not base64');

  // Bob's own message opens in Node with the same key; the error clears on success.
  await page.click('#p-encrypt');
  await waitForText(page, '#p-log > li:last-child', 'You: a draft I am still writing');
  const sent = await value(page, '#p-envelope');
  assert.equal(nodeDecrypt(expectedKey.keys.ba, Buffer.from(sent, 'base64')), 'a draft I am still writing');
  await page.fill('#p-incoming', nodeEncrypt(expectedKey.keys.ab, 'ok').toString('base64'));
  await page.click('#p-decrypt');
  await waitForText(page, '#p-log > li:last-child', 'Alice: ok');
  await page.locator('#p-decrypt-error').waitFor({ state: 'hidden' });
});

browserTest('party tabs: a failed decryption lists what to compare; a new key pair is said on screen; a wrong curve offers the switch', async (s) => {
  const { tabs, publicPem } = await twoTabs(s, { curve: 'X25519' });
  const { fp } = await sameKey(tabs, '');
  const checks = (page) => itemTexts(page, '#p-decrypt-checks');
  const encrypt = async (page, message) => {
    const before = await value(page, '#p-envelope');
    await page.fill('#p-plain', message);
    await page.click('#p-encrypt');
    await page.waitForFunction((old) => document.getElementById('p-envelope').value !== old, before);
    return value(page, '#p-envelope');
  };
  const tryToOpen = async (page, envelope) => {
    await page.fill('#p-incoming', envelope);
    await page.click('#p-decrypt');
    return waitForText(page, '#p-decrypt-error', /\S/);
  };

  // Another salt in Bob's tab: the envelope does not open; the list names the salt,
  // both fingerprints to compare, a new key pair, and the envelope's shape.
  await tabs.bob.fill('#p-salt', 'only in Bob\'s tab');
  const bobFp = await waitForText(tabs.bob, '#p-key-fp', FP_RE);
  assert.notEqual(bobFp, fp);
  const envelope = await encrypt(tabs.alice, 'salted differently');
  assert.equal(await tryToOpen(tabs.bob, envelope), `${AUTH_FAILED}: this envelope does not open with the key for Alice's messages. Compare with Alice's tab:`);
  assert.equal(await tabs.bob.locator('#p-decrypt-checks').isVisible(), true);
  assert.deepEqual(await checks(tabs.bob), [
    `The keys fingerprint: this tab shows ${bobFp}. If Alice's tab shows another, the two tabs do not have the same keys: the next two points say why.`,
    `Salt and info: this tab uses the salt “only in Bob's tab” and the info “${DEFAULT_INFO}”. Both tabs must use exactly the same.`,
    `A new key pair on Alice's side: if Alice made one (or switched the curve), paste Alice's new public key above. The key you have for Alice has the fingerprint ${keyFingerprint(publicPem.alice)}; Alice's tab shows its own under the public key.`,
    'Was it copied whole, and from Alice\'s tab? It is 46 bytes: a 12-byte nonce, 18 bytes of message and a 16-byte tag. One changed byte is enough to be refused.',
  ]);
  assert.equal(await text(tabs.alice, '#alice-party-keys-fingerprint'), keyFingerprint(publicPem.alice), 'the fingerprint Bob is told to compare is the one Alice\'s tab shows');
  // Cut off: said first.
  assert.match(await tryToOpen(tabs.bob, envelope.slice(0, -2)), /^message authentication failed/);
  assert.equal((await checks(tabs.bob))[0], 'The envelope looks cut off: its base64 does not end on a whole group of four characters. Copy it again, whole, from the other tab.');
  assert.equal(await tryToOpen(tabs.bob, envelope.slice(0, 20)), 'Too short for an envelope: 15 bytes, where an envelope has at least 28 (a 12-byte nonce and a 16-byte tag). Copy it again, whole.');
  assert.equal(await tabs.bob.locator('#p-decrypt-checks').isHidden(), true);
  await tabs.bob.fill('#p-salt', '');
  await waitForText(tabs.bob, '#p-key-fp', fp);
  await tabs.bob.fill('#p-incoming', envelope);
  await tabs.bob.click('#p-decrypt');
  await waitForText(tabs.bob, '#p-log > li:last-child', 'Alice: salted differently');
  assert.equal(await tabs.bob.locator('#p-decrypt-error').isHidden(), true);
  assert.equal(await tabs.bob.locator('#p-decrypt-checks').isHidden(), true);

  // A new key pair in Alice's tab: a visible notice says to send the new public key.
  assert.equal(await tabs.alice.locator('#p-notice').isHidden(), true);
  await tabs.alice.click('#regenerate');
  const notice = await waitForText(tabs.alice, '#p-notice', 'New X25519 key pair');
  assert.equal(notice, 'New X25519 key pair: send your new public key (above) to Bob, who must paste it in place of your old one.');
  const box = await tabs.alice.locator('#p-notice').boundingBox();
  assert.ok(box && box.height > 10 && box.width > 100, 'on screen, not only announced');
  const stale = await encrypt(tabs.alice, 'from my new key pair');
  await tryToOpen(tabs.bob, stale);
  assert.match((await checks(tabs.bob))[2], /^A new key pair on Alice's side: /);
  await tabs.alice.click('#alice-party-keys-copy');
  await tabs.alice.locator('#p-notice').waitFor({ state: 'hidden' });

  // Bob's tab on P-256, Alice's key on X25519: the crate's words, what to do, a button.
  await tabs.bob.selectOption('#curve', 'P-256');
  await waitForValue(tabs.bob, '#bob-party-keys-public', PEM_PREFIX['P-256']);
  await waitForText(tabs.bob, '#p-notice', 'New P-256 key pair');
  const aliceNow = await value(tabs.alice, '#alice-party-keys-public');
  await tabs.bob.fill('#peer-key', aliceNow);
  assert.equal(await waitForText(tabs.bob, '#peer-error', 'expected a P-256 key'), 'expected a P-256 key, got an X25519 key. Both tabs must use the same curve: switch to X25519 (a new key pair for you, which Alice then needs), or ask Alice for a P-256 key.');
  const button = tabs.bob.getByRole('button', { name: 'Switch to X25519' });
  assert.equal(await button.isVisible(), true);
  await button.click();
  await waitForValue(tabs.bob, '#bob-party-keys-public', PEM_PREFIX.X25519);
  assert.equal(await value(tabs.bob, '#curve'), 'X25519');
  await tabs.bob.locator('#peer-error').waitFor({ state: 'hidden' });
  assert.equal(await button.isHidden(), true);
  await waitForText(tabs.bob, '#p-notice', 'New X25519 key pair: send your new public key (above) to Alice');
  await tabs.alice.fill('#peer-key', await value(tabs.bob, '#bob-party-keys-public'));
  const again = await waitForText(tabs.alice, '#p-key-fp', FP_RE);
  assert.equal(await waitForText(tabs.bob, '#p-key-fp', FP_RE), again);
});

browserTest('party tab: an envelope pasted as the peer\'s key is named as one; a 32-byte one may be either, and both are said; a PEM without BEGIN says so', async (s) => {
  const { tabs } = await twoTabs(s, { curve: 'X25519' });
  const { keys } = await sameKey(tabs, '');
  const peerPem = await value(tabs.bob, '#peer-key');
  // A 4-byte message's envelope is 32 bytes, the size of an X25519 key. Bob's tab can
  // open it: it is an envelope, refused as a key.
  const envelope4 = nodeEncrypt(keys.ab, 'ping').toString('base64');
  assert.equal(Buffer.from(envelope4, 'base64').length, 32);
  await tabs.bob.fill('#peer-key', envelope4);
  assert.equal(await waitForText(tabs.bob, '#peer-error', 'This is an envelope'), 'This is an envelope, not a public key: it opens with this tab\'s keys. Paste it under “Envelope received” below, and Alice\'s public key here.');
  assert.equal(await text(tabs.bob, '#p-key-fp'), '');
  // A tab without keys yet cannot tell: it reads the 32 bytes as a key, and says both.
  const fresh = await s.open('/?party=bob');
  await fresh.fill('#peer-key', envelope4);
  await waitForText(fresh, '#peer-notes', '32 bytes of base64, read as a raw X25519 public key.');
  assert.equal(await text(fresh, '#peer-notes > li:first-child'), '32 bytes of base64, read as a raw X25519 public key. The envelope of a 4-byte message is also exactly 32 bytes (a 12-byte nonce, 4 bytes of message and a 16-byte tag): if you copied an envelope, paste it under “Envelope received” instead.');
  assert.equal(await fresh.locator('#peer-notes').isVisible(), true);
  // A 5-byte message's envelope (33 bytes) is no key at all: the crate's words, then what
  // it looks like. The nonce is fixed: one whose first byte is 02 or 03 reads as a
  // compressed P-256 point, whose x may or may not be on the curve.
  const nonce = Buffer.from('11'.repeat(12), 'hex');
  await fresh.fill('#peer-key', nodeEncrypt(keys.ab, 'hello', nonce).toString('base64'));
  const refused = await waitForText(fresh, '#peer-error', 'looks like an envelope');
  assert.match(refused, /got 33\. This looks like an envelope \(33 bytes: a 12-byte nonce, 5 bytes of message and a 16-byte tag\), not a public key: paste it under “Envelope received” below\.$/);
  // A PEM that lost its BEGIN line.
  await fresh.fill('#peer-key', peerPem.split('\n').slice(1).join('\n'));
  assert.equal(await waitForText(fresh, '#peer-error', 'BEGIN'), 'malformed PEM: the "-----BEGIN PUBLIC KEY-----" line is missing: copy the whole block, from its BEGIN line to its END line');
  // The real key works in both tabs again.
  await tabs.bob.fill('#peer-key', peerPem);
  await waitForText(tabs.bob, '#p-key-fp', FP_RE);
});

browserTest('party tab: a bad paste right after a good one leaves no stale key fingerprint', async (s) => {
  const page = await s.open('/?party=alice');
  const peer = nodeKeyPair('X25519');
  // Two input events in one task: the good key's fingerprint (computed asynchronously)
  // must not appear once the field holds the bad text.
  const shown = await page.evaluate(async (good) => {
    const field = document.getElementById('peer-key');
    field.value = good;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.value = 'not a key';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    // Let any pending SHA-256 digests finish, then a frame.
    await crypto.subtle.digest('SHA-256', new Uint8Array(32));
    await crypto.subtle.digest('SHA-256', new Uint8Array(32));
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    return document.getElementById('p-key-fp').textContent;
  }, peer.publicPem);
  await waitForText(page, '#peer-error', 'not recognised');
  assert.equal(shown, '', 'no fingerprint while the pasted key is invalid');
  assert.equal(await text(page, '#p-key-fp'), '');
});

/* ---------- (5) Reload keeps a tab's state (sessionStorage) ---------- */

browserTest('two tabs: reloading a tab keeps its key, pasted peer key, salt, info and conversation', async (s) => {
  const { tabs } = await twoTabs(s, { curve: 'P-256', formats: { alice: 'pem', bob: 'jwk' }, salt: 'reload salt' });
  await tabs.bob.fill('#p-info', 'reload info');
  await tabs.alice.fill('#p-info', 'reload info');
  const { fp, keys } = await sameKey(tabs, 'reload salt', 'reload info');
  await sendAcross(tabs, 'alice', 'bob', 'before the reload', keys);
  await sendAcross(tabs, 'bob', 'alice', 'reply before the reload', keys);

  // The key is compared as PEM: the format menu is a view, not part of the saved state.
  const snapshot = async (page) => ({
    curve: await value(page, '#curve'),
    format: await page.selectOption('#bob-party-keys-format', 'pem').then(() => 'pem'),
    publicKey: await value(page, '#bob-party-keys-public'),
    fingerprint: await text(page, '#bob-party-keys-fingerprint'),
    peer: await value(page, '#peer-key'),
    salt: await value(page, '#p-salt'),
    info: await value(page, '#p-info'),
    log: await itemTexts(page, '#p-log'),
    keyFp: await text(page, '#p-key-fp'),
  });
  const before = await snapshot(tabs.bob);
  assert.equal(before.keyFp, fp);
  assert.deepEqual(before.log, ['Alice: before the reload', 'You: reply before the reload']);

  await tabs.bob.reload();
  await waitReady(tabs.bob);
  await waitForText(tabs.bob, '#p-key-fp', fp);
  assert.deepEqual(await snapshot(tabs.bob), before);
  // The restored key still talks to Alice, both ways.
  await sendAcross(tabs, 'alice', 'bob', 'after the reload', keys);
  await sendAcross(tabs, 'bob', 'alice', 'still here', keys);

  // Forget: a new key pair, nothing pasted, no conversation; a reload keeps the new state.
  await tabs.bob.click('#p-forget');
  await waitForText(tabs.bob, '#bob-party-keys-fingerprint', FP_RE);
  const forgotten = await snapshot(tabs.bob);
  assert.notEqual(forgotten.fingerprint, before.fingerprint);
  assert.equal(forgotten.peer, '');
  assert.deepEqual(forgotten.log, []);
  assert.equal(forgotten.keyFp, '');
  await tabs.bob.reload();
  await waitReady(tabs.bob);
  await waitForText(tabs.bob, '#bob-party-keys-fingerprint', forgotten.fingerprint);
  assert.deepEqual(await snapshot(tabs.bob), forgotten);
  // Alice's tab was not touched by any of this.
  assert.equal(await text(tabs.alice, '#p-key-fp'), fp);
});

browserTest('a party tab stores the peer\'s box only once it has read a public key there: a private key it cannot read is shown with its error, never kept', async (s) => {
  const p384 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const ed = crypto.generateKeyPairSync('ed25519');
  const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pastes = [
    ['a P-384 private JWK', JSON.stringify(p384.privateKey.export({ format: 'jwk' }))],
    ['a P-384 PKCS#8 PEM', p384.privateKey.export({ format: 'pem', type: 'pkcs8' })],
    ['an Ed25519 PKCS#8 as base64', ed.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')],
    ['an encrypted PKCS#8 PEM', p256.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' })],
  ];
  const page = await s.open('/?party=bob#curve=P-256');
  const stored = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('ecdh-playground/party/bob') ?? '{}'));
  for (const [name, paste] of pastes) {
    await page.fill('#peer-key', paste);
    await waitForText(page, '#peer-error', /\S/);
    assert.equal(await value(page, '#peer-key'), paste, `${name}: the paste stays on screen`);
    assert.equal((await stored()).peer, '', `${name}: not stored`);
  }
  // A public key is kept across a reload; the unreadable paste before it was not.
  const pem = p256.publicKey.export({ format: 'pem', type: 'spki' });
  await page.fill('#peer-key', pem);
  await waitForText(page, '#p-secret', SECRET_RE);
  assert.equal((await stored()).peer, pem);
  await page.fill('#peer-key', pastes[0][1]);
  await waitForText(page, '#peer-error', /P-384/);
  await page.reload();
  await waitReady(page);
  assert.equal(await value(page, '#peer-key'), '');
  assert.ok(!JSON.stringify(await stored()).includes(p384.privateKey.export({ format: 'jwk' }).d));
});

browserTest('a party tab reads a PEM pasted as a JSON string (\\n escapes): the first module leaves it to core, which reads it', async (s) => {
  const peer = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = peer.publicKey.export({ format: 'pem', type: 'spki' });
  const page = await s.open('/?party=bob#curve=P-256');
  await page.fill('#peer-key', JSON.stringify(pem));
  await waitForText(page, '#p-secret', SECRET_RE);
  const fingerprint = grouped(sha256(peer.publicKey.export({ format: 'der', type: 'spki' })).subarray(0, 8), 2);
  assert.match(await text(page, '#peer-info'), new RegExp(`^Detected: P-256 key, pem format, fingerprint ${fingerprint}`));
});

browserTest('a party tab reads the peer\'s key as Python or Node printed it, and says how; a printout cut short says so', async (s) => {
  const peer = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const raw = peer.publicKey.export({ format: 'der', type: 'spki' }).subarray(26);
  const fingerprint = grouped(sha256(peer.publicKey.export({ format: 'der', type: 'spki' })).subarray(0, 8), 2);
  const page = await s.open('/?party=bob#curve=P-256');
  const python = `b'${[...raw].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}'`;
  for (const [pasted, note] of [
    [python, 'Read 65 bytes from a Python bytes literal'],
    [inspect(new Uint8Array(raw)), 'Read 65 bytes from a list of byte values'],
    [inspect(peer.publicKey.export({ format: 'jwk' })), 'Read as JavaScript or Python prints an object'],
  ]) {
    await page.fill('#peer-key', pasted);
    await waitForText(page, '#peer-info', new RegExp(`fingerprint ${fingerprint}`));
    await waitForText(page, '#peer-notes', note);
    await waitForText(page, '#p-secret', SECRET_RE);
  }
  const cut = inspect(Buffer.from(raw));
  await page.fill('#peer-key', cut);
  assert.match(await waitForText(page, '#peer-error', /cut short/), /toString\('hex'\)/);
  assert.equal(await value(page, '#peer-key'), cut, 'the paste stays for the user to fix');
  // 32 bytes on a P-256 tab (here Python's print of a P-256 private scalar) are said to
  // be more likely a private key than an X25519 key on the wrong tab.
  const scalar = crypto.randomBytes(32);
  const printed = `b'${[...scalar].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}'`;
  await page.fill('#peer-key', printed);
  assert.match(await waitForText(page, '#peer-error', /32 bare bytes/), /more likely a P-256 private key \(never send it/);
  // A P-256 key typed by hand passes 64 hex digits: said to be a point not yet whole.
  await page.fill('#peer-key', raw.toString('hex').slice(0, 64));
  assert.match(await waitForText(page, '#peer-error', /^32 bytes that start with 04/), /65 bytes \(130 hex digits\), so this may be one cut short or still being typed; paste it whole/);
  await page.fill('#peer-key', raw.toString('hex'));
  await waitForText(page, '#p-secret', SECRET_RE);
  // A printout that names the bytes an X25519 public key (BouncyCastle's) is not bare
  // bytes: the tab says the curves differ, and offers to switch.
  const alice = '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a';
  await page.fill('#peer-key', `X25519 Public Key [01:3e:44:91]\n    public data: ${alice}\n`);
  await waitForText(page, '#peer-notes', "Read 32 bytes from BouncyCastle's printout of an X25519 public key");
  const error = await waitForText(page, '#peer-error', /X25519/);
  assert.doesNotMatch(error, /bare bytes|private key/);
  assert.equal(await page.locator('#peer-switch').isVisible(), true, 'offered: switch to X25519');
  assert.doesNotMatch(await text(page, '#peer-notes'), /32 bare bytes/);
});

/* ---------- (7) Keyboard only ---------- */

/** Presses Tab until the element with `id` has focus; returns how many presses it took. */
async function tabTo(page, id, limit = 80) {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id) === id) return presses;
  }
  throw new Error(`#${id} was not reached in ${limit} presses of Tab`);
}

browserTest('keyboard only: Tab reaches the controls in order; Space, Enter and arrows work them', async (s) => {
  const page = await s.open('/', { permissions: ['clipboard-read', 'clipboard-write'] });
  const order = [];
  for (let i = 0; i < 80 && !order.includes('alice-party-chat-message'); i += 1) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
  }
  const at = (id) => {
    const index = order.indexOf(id);
    assert.notEqual(index, -1, `Tab reaches #${id} (order: ${order.join(', ')})`);
    return index;
  };
  assert.ok(at('curve') < at('regenerate'));
  assert.ok(at('regenerate') < at('mallory'));
  assert.ok(at('mallory') < at('alice-party-keys-copy'));
  assert.ok(at('alice-party-keys-copy') < at('alice-party-chat-message'));

  // Back to the top (the skip link comes first), then work each control by keyboard.
  await page.locator('.skip').focus();

  await tabTo(page, 'curve');
  await page.keyboard.press('ArrowDown');
  await waitForValue(page, '#alice-party-keys-public', PEM_PREFIX['P-256']);
  assert.equal(await value(page, '#curve'), 'P-256');

  const fingerprint = await text(page, '#alice-party-keys-fingerprint');
  await tabTo(page, 'regenerate');
  await page.keyboard.press('Enter');
  await page.waitForFunction((old) => document.getElementById('alice-party-keys-fingerprint').textContent !== old, fingerprint);

  await tabTo(page, 'mallory');
  await page.keyboard.press('Space');
  await waitForText(page, '#verdict', 'The secrets differ');
  await page.keyboard.press('Space');
  await waitForText(page, '#verdict', 'Match');

  await tabTo(page, 'alice-party-keys-copy');
  await page.keyboard.press('Enter');
  await waitForText(page, '#alice-party-keys-copy', 'Copied');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clipboard, await value(page, '#alice-party-keys-public'));

  await tabTo(page, 'alice-party-keys-reveal');
  await page.keyboard.press('Enter');
  await waitForText(page, '#alice-party-keys-private', 'BEGIN PRIVATE KEY');
  await page.keyboard.press('Enter');
  await page.locator('#alice-party-keys-private-box').waitFor({ state: 'hidden' });

  await tabTo(page, 'alice-party-chat-message');
  await page.keyboard.type('typed, then Enter');
  await page.keyboard.press('Enter');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ typed, then Enter');
  assert.equal(await value(page, '#alice-party-chat-message'), '');
  await tabTo(page, 'bob-party-chat-message');
  await page.keyboard.type('and back');
  await page.keyboard.press('Enter');
  await waitForText(page, '#alice-party-chat-inbox > li:last-child', '✓ and back');
});

browserTest('keyboard only: the wire\'s bytes are one Tab stop; the arrow keys choose a byte, Enter flips it', async (s) => {
  const page = await s.open('/');
  await page.fill('#alice-party-chat-message', 'flip me by keyboard');
  await page.press('#alice-party-chat-message', 'Enter');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ flip me by keyboard');
  const entry = page.locator('#wire-messages > li').first();
  const length = (await wireEnvelope(entry)).length;
  assert.equal(length, 12 + 19 + 16);
  assert.equal(await entry.locator('.b').evaluateAll((bytes) => bytes.filter((b) => b.tabIndex === 0).length), 1, 'one Tab stop');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  // Tab from Alice's Send button reaches the wire's bytes, then Bob's side.
  await page.locator('#alice-party-chat-send').focus();
  const first = `Byte 0 (nonce byte 0), ${await entry.locator('.b').first().textContent()}: flip it and deliver to Bob`;
  let presses = 0;
  while (presses < 10 && (await focused()) !== first) {
    await page.keyboard.press('Tab');
    presses += 1;
  }
  assert.equal(await focused(), first, `reached in ${presses} presses`);
  assert.equal(presses, 1, 'the next Tab stop after Alice\'s Send button');
  for (let i = 0; i < 14; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  assert.match(await focused(), /^Byte 13 \(ciphertext byte 1\), [0-9a-f]{2}: flip it and deliver to Bob$/);
  await page.keyboard.press('Enter');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', `✗ ${AUTH_FAILED} (byte 13 was flipped on the wire)`);
  assert.equal(await entry.locator('.b').nth(13).evaluate((b) => b.classList.contains('flipped')), true);
  await page.keyboard.press('End');
  assert.match(await focused(), /^Byte 46 \(tag byte 15\)/);
  await page.keyboard.press(' ');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', `✗ ${AUTH_FAILED} (byte 46 was flipped on the wire)`);
  assert.deepEqual(await entry.locator('.b.flipped').evaluateAll((bytes) => bytes.map((b) => b.getAttribute('aria-label').split(' ')[1])), ['46'], 'only the last flip is marked');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Deliver again, unchanged (replay)', 'one Tab leaves the bytes');
});

/* ---------- Wording: what the page says it does ---------- */

browserTest('the home page starts with its goal and three exercises, not "Ready."; step 2 names the coordinate of the curve; step 4 says where the nonce comes from', async (s) => {
  const page = await s.open('/');
  const intro = page.locator('#intro');
  assert.equal(await intro.isVisible(), true);
  assert.equal(await text(page, '#intro-heading'), 'What you will do here');
  assert.equal(await intro.locator('ol > li').count(), 3);
  assert.deepEqual(await intro.locator('ol > li strong').allTextContents(), ['Agree on a secret.', 'Break a message.', 'Be Alice and Bob in two tabs.']);
  // The first thing under the header is the goal; the status speaks to screen readers only.
  const firstLine = await page.evaluate(() => {
    const seen = [...document.querySelectorAll('main *')].find((n) => n.getBoundingClientRect().height > 2 && n.textContent.trim() !== '' && n.children.length === 0);
    return seen?.textContent.trim();
  });
  assert.equal(firstLine, 'What you will do here');
  assert.equal(await text(page, '#status'), 'Ready.');
  assert.ok((await page.locator('#status').boundingBox()).height <= 1, 'the status is not on screen');
  assert.deepEqual(await intro.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['?party=alice', '?party=bob']);

  assert.equal(await text(page, '#secret-coordinate'), 'its u-coordinate (X25519 works with u alone)');
  await useCurve(page, 'P-256', 'alice');
  assert.equal(await text(page, '#secret-coordinate'), 'its x-coordinate');
  assert.equal(await text(page, '#nonce-source'), 'a fresh random nonce');
  const seeded = await s.open('/?seed=lesson-3');
  assert.match(await text(seeded, '#nonce-source'), /^a nonce derived from that key, the seed and a count of the messages sealed under that key/);
  assert.match(await text(seeded, '#seed-banner'), /every key on this page comes from the seed, and so does every nonce \(from the seed, the key and a count of the messages sealed with it\)/);
  // The step 1 code of an X25519 key does not say that its JWK has a y.
  await seeded.locator('[data-tools="keys"] summary').click();
  const js = await waitForText(seeded, '[data-tools="keys"] [data-language="webcrypto"] pre', 'X25519');
  assert.match(js, /carries its public part: x, the u-coordinate \(X25519 has no y\)/);
  assert.doesNotMatch(js, /\(x, y\)/);
  // Not in a party tab, nor in an embed: they have their own words.
  for (const other of ['/?party=alice', '/embed.html?view=all']) {
    assert.equal(await (await s.open(other)).locator('#intro').isHidden(), true, other);
  }
});

browserTest('a party tab points to the other party: its link, and the link it copies, open the other party\'s tab of the same lesson', async (s) => {
  const page = await s.open('/?party=alice&seed=lesson-3#salt=shared', { permissions: ['clipboard-read', 'clipboard-write'] });
  assert.equal(await text(page, '#peer-link'), "Bob's tab (opens in a new tab)");
  const href = await page.getAttribute('#peer-link', 'href');
  // The lesson travels in the fragment (the query keeps only the party).
  assert.equal(href, '?party=bob#seed=lesson-3&salt=shared');
  assert.match(await text(page, '#p-step1 ~ p.explain'), /^Open Bob's tab \(opens in a new tab\) beside this one, or send it to a friend \(Copy link for Bob's tab above\)\./);
  assert.equal(await text(page, '#share'), "Copy link for Bob's tab");
  await page.click('#share');
  const link = await page.locator('.share-link').inputValue();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const url = new URL(link);
  assert.equal(url.searchParams.get('party'), 'bob');
  assert.equal(new URLSearchParams(url.hash.slice(1)).get('seed'), 'lesson-3');
  assert.equal(new URLSearchParams(url.hash.slice(1)).get('salt'), 'shared');
  // The link opens Bob's tab of the same lesson.
  const bob = await s.open(link);
  assert.equal(await text(bob, '#party-name'), 'Bob');
  assert.equal(await value(bob, '#p-salt'), 'shared');
  assert.equal(await text(bob, '#peer-link'), "Alice's tab (opens in a new tab)");
  assert.equal(await text(bob, '#share'), "Copy link for Alice's tab");
  // The curve follows the lesson into the link.
  await useCurve(page, 'P-256', 'alice');
  assert.match(await page.getAttribute('#peer-link', 'href'), /#curve=P-256&seed=lesson-3&salt=shared$/);
});

/* ---------- (8) 360 px wide: no horizontal scrolling ---------- */

const NARROW = { viewport: { width: 360, height: 740 } };


const LONG_WORD = `https://example.org/${'a1b2c3d4'.repeat(12)}`;

browserTest('360 px wide, one page: no horizontal overflow', async (s) => {
  const page = await s.open('/', NARROW);
  assert.equal(await page.evaluate(() => window.innerWidth), 360);
  await assertNoOverflow(page, 'X25519 on load');
  await useCurve(page, 'P-256', 'alice');
  await page.selectOption('#alice-party-keys-format', 'jwk');
  await page.selectOption('#bob-party-keys-format', 'spki');
  await page.click('#alice-party-keys-reveal');
  await page.fill('#salt', LONG_WORD);
  await page.fill('#alice-party-chat-message', LONG_WORD);
  await page.press('#alice-party-chat-message', 'Enter');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', LONG_WORD);
  await page.locator('#wire-messages .ct .b').first().click();
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', AUTH_FAILED);
  await assertNoOverflow(page, 'P-256 with JWK, revealed key, a long message');
  await page.check('#mallory');
  await page.fill('#bob-party-chat-message', LONG_WORD);
  await page.press('#bob-party-chat-message', 'Enter');
  await waitForText(page, '#alice-party-chat-inbox > li:last-child', LONG_WORD);
  await assertNoOverflow(page, 'Mallory in the middle');
});

browserTest('360 px wide, party tabs: no horizontal overflow', async (s) => {
  const tabs = { alice: await s.open('/?party=alice', NARROW), bob: await s.open('/?party=bob', NARROW) };
  await assertNoOverflow(tabs.alice, 'party tab on load');
  for (const [from, to] of [['alice', 'bob'], ['bob', 'alice']]) {
    await tabs[from].selectOption(`#${from}-party-keys-format`, 'jwk');
    await tabs[to].fill('#peer-key', await value(tabs[from], `#${from}-party-keys-public`));
  }
  const { keys } = await sameKey(tabs, '');
  await tabs.alice.click('#alice-party-keys-reveal');
  await sendAcross(tabs, 'alice', 'bob', LONG_WORD, keys);
  await tabs.alice.fill('#p-incoming', 'AAAA');
  await tabs.alice.click('#p-decrypt');
  await waitForText(tabs.alice, '#p-decrypt-error', /\S/);
  await tabs.bob.fill('#peer-key', `${LONG_WORD} is not a key`);
  await waitForText(tabs.bob, '#peer-error', 'not recognised');
  for (const who of ['alice', 'bob']) await assertNoOverflow(tabs[who], `${who}'s tab after a conversation and errors`);
});

/* ---------- The watcher itself: it must see what the other tests assert is absent ---------- */

test('harness: the watcher records console errors, page errors, CSP violations and foreign requests', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const watcher = await watch(page, server.origin);
    await page.goto(server.url);
    await waitReady(page);
    await watcher.assertClean('fresh page');
    const seen = Promise.all([
      page.waitForEvent('console', (m) => m.text() === 'a deliberate console error'),
      page.waitForEvent('console', (m) => /Content Security Policy/.test(m.text())),
      page.waitForEvent('pageerror', (e) => e.message.includes('a deliberate page error')),
    ]);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true;';
      document.head.append(script); // refused: script-src 'self'
      console.error('a deliberate console error');
      setTimeout(() => { throw new Error('a deliberate page error'); }, 0);
    });
    await seen;
    await page.waitForFunction(() => (window.__csp ?? []).length > 0);
    assert.equal(await page.evaluate(() => window.__inline), undefined, 'the CSP blocked the inline script');
    // A document without the CSP, so the request really leaves: it must be recorded.
    await page.goto('about:blank');
    const foreign = new URL(server.url);
    foreign.hostname = 'localhost'; // same port, another origin
    const requested = page.waitForEvent('request', (r) => r.url().startsWith(foreign.origin));
    await page.evaluate((url) => { fetch(url).catch(() => null); }, foreign.href);
    await requested;
    const found = await watcher.issues();
    assert.ok(found.cspViolations.some((v) => v.from === 'securitypolicyviolation' && v.directive?.startsWith('script-src')), JSON.stringify(found.cspViolations));
    assert.ok(found.cspViolations.some((v) => v.from === 'console'), 'the console message about the CSP');
    assert.ok(found.consoleErrors.includes('a deliberate console error'));
    assert.ok(found.pageErrors.some((e) => e.includes('a deliberate page error')));
    assert.ok(found.foreignRequests.some((r) => r.includes('//localhost:')), JSON.stringify(found.foreignRequests));
    await assert.rejects(watcher.assertClean('dirty page'), /was not clean/);
  } finally {
    await context.close();
  }
});

/* ---------- The first module, and core on demand ---------- */

/** The .wasm files the page has fetched so far (resource timing), as paths under www/. */
const wasmFetched = (page) => page.evaluate(() => [...new Set(performance.getEntriesByType('resource')
  .map((entry) => new URL(entry.name).pathname)
  .filter((path) => path.endsWith('.wasm'))
  .map((path) => path.slice(1)))]);

browserTest('the playground starts on the first module; the DER view and the code export load core once, and work', async (s) => {
  const page = await s.open('/');
  await waitForText(page, '#alice-secret', /[0-9a-f]{2}/);
  // A message both ways: HKDF and AES-GCM in the first module.
  await page.fill('#alice-party-chat-message', 'first module');
  await page.press('#alice-party-chat-message', 'Enter');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ first module');
  assert.deepEqual(await wasmFetched(page), ['pkg/first/ecdh_playground_bg.wasm'], 'keys, secrets and messages: the first module only');
  // What is inside the key: the DER explainer is core's.
  await page.click('#alice-party-keys-inside summary');
  await page.locator('#alice-party-keys-inside-view [role="treeitem"]').first().waitFor();
  assert.deepEqual(await wasmFetched(page), ['pkg/first/ecdh_playground_bg.wasm', 'pkg/core/ecdh_playground_bg.wasm']);
  // The code export reads Alice's private key with core, already loaded.
  await page.locator('[data-tools="ecdh"] summary').click();
  const python = await waitForText(page, '[data-tools="ecdh"] [data-language="python"] pre', /exchange/);
  assert.doesNotMatch(python, /not available/);
  assert.equal((await wasmFetched(page)).length, 2, 'core is loaded once');
});

browserTest('party tab on the first module: a JWK or a private key pasted loads core and is read; plain PEM needs no core', async (s) => {
  const page = await s.open('/?party=alice');
  await page.selectOption('#curve', 'P-256');
  const peer = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await page.fill('#peer-key', peer.publicKey.export({ type: 'spki', format: 'pem' }));
  const fingerprint = await waitForText(page, '#p-key-fp', /^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  assert.deepEqual(await wasmFetched(page), ['pkg/first/ecdh_playground_bg.wasm'], 'a PEM public key is the first module\'s');
  // The same key as a JWK: the first module leaves it to core, which the page loads.
  await page.fill('#peer-key', JSON.stringify(peer.publicKey.export({ format: 'jwk' })));
  await waitForText(page, '#peer-info', /jwk format/);
  assert.equal(await waitForText(page, '#p-key-fp', fingerprint), fingerprint);
  assert.deepEqual(await wasmFetched(page), ['pkg/first/ecdh_playground_bg.wasm', 'pkg/core/ecdh_playground_bg.wasm']);
  // A private key pasted by mistake: core's warning, and its public key put in its place.
  await page.fill('#peer-key', peer.privateKey.export({ type: 'sec1', format: 'pem' }));
  await waitForText(page, '#peer-private', /private key/i);
  assert.equal(await waitForText(page, '#p-key-fp', fingerprint), fingerprint);
  assert.equal(await page.locator('#peer-error').textContent(), '');
});
