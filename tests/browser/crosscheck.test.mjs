// The WebCrypto cross-check (www/js/crosscheck.js) and the WebCrypto code export
// (www/js/snippets.js) in headless Chromium, under the site's Content-Security-Policy:
// loaded into the playground page beside the WebAssembly module, they must agree with
// it on a seeded lesson for P-256 ECDH, X25519 ECDH (or say 'unsupported' where this
// Chromium lacks X25519), HKDF, AES-256-GCM and ECDSA, and the page must stay clean.
// Run from the repository root:
//   node --test --test-concurrency=1 tests/browser/crosscheck.test.mjs
import assert from 'node:assert/strict';
import { browserSuite } from './harness.mjs';

let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

/**
 * In the page: the lesson's values from the page's own module (js/wasm.js), every
 * cross-check on them (and on a tampered expectation), and the WebCrypto snippets.
 */
function lessonInPage() {
  return async () => {
    const { ready } = await import('/js/wasm.js');
    const api = await ready();
    const crosscheck = await import('/js/crosscheck.js');
    const snippets = await import('/js/snippets.js');
    const utf8 = (text) => new TextEncoder().encode(text);
    const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const flip = (text) => `${text.slice(0, -1)}${text.endsWith('0') ? '1' : '0'}`;
    const seed = utf8('browser cross-check');
    const salt = 'lesson "salt"';
    const info = "chat v1 — it's ünïcødé 🔑";
    const message = 'Hello Bob\nsecond line';
    const aad = 'header v1';
    const nonce = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
    const out = { curves: {}, snippets: [] };

    for (const curve of ['P-256', 'X25519']) {
      const alice = api.KeyPair.fromSeed(curve, seed, 'alice');
      const bob = api.KeyPair.fromSeed(curve, seed, 'bob');
      const secret = alice.sharedSecret(bob.publicKey('pem'));
      const prk = api.hkdfExtract(utf8(salt), secret);
      const okm = api.hkdf(secret, utf8(salt), utf8(info), 32);
      const envelope = api.encryptWithNonce(okm, nonce, utf8(message), utf8(aad));
      const keys = {
        curve, privateKeyPkcs8Pem: alice.revealPrivateKey('pem'), peerPublicKeySpkiPem: bob.publicKey('pem'),
      };
      const jwks = { curve, privateKeyJwk: alice.revealPrivateKey('jwk'), peerPublicKeyJwk: bob.publicKey('jwk') };
      const kdf = { ikmHex: hex(secret), saltText: salt, infoText: info };
      const gcm = { keyHex: hex(okm), envelopeHex: hex(envelope), aadText: aad };
      out.curves[curve] = {
        ecdh: await crosscheck.ecdh({ ...keys, expectedSecretHex: hex(secret) }),
        ecdhJwk: await crosscheck.ecdh({ ...jwks, expectedSecretHex: hex(secret) }),
        ecdhTampered: await crosscheck.ecdh({ ...keys, expectedSecretHex: flip(hex(secret)) }),
        hkdf: await crosscheck.hkdf({ ...kdf, expectedOkmHex: hex(okm), expectedPrkHex: hex(prk) }),
        hkdfNoSalt: await crosscheck.hkdf({
          ...kdf, saltText: '', expectedOkmHex: hex(api.hkdf(secret, null, utf8(info), 32)),
        }),
        hkdfTampered: await crosscheck.hkdf({ ...kdf, expectedOkmHex: flip(hex(okm)) }),
        aesGcmOpen: await crosscheck.aesGcmOpen({ ...gcm, expectedPlaintext: message }),
        aesGcmTampered: await crosscheck.aesGcmOpen({ ...gcm, envelopeHex: flip(hex(envelope)), expectedPlaintext: message }),
      };
      const expected = { secret: hex(secret), okm: hex(okm), prk: hex(prk), envelope: hex(envelope) };
      const values = { secretHex: hex(secret), saltText: salt, infoText: info };
      out.snippets.push(
        { name: `${curve} ecdh`, curve, code: snippets.ecdh({ privateKeyPem: keys.privateKeyPkcs8Pem, peerPublicKeyPem: keys.peerPublicKeySpkiPem }).webcrypto, expected: expected.secret },
        { name: `${curve} hkdf`, code: snippets.hkdf(values).webcrypto, expected: expected.okm },
        { name: `${curve} hkdfExtract`, code: snippets.hkdfExtract(values).webcrypto, expected: expected.prk },
        { name: `${curve} aesGcmOpen`, code: snippets.aesGcmOpen(gcm).webcrypto, expected: message },
        { name: `${curve} aesGcmSeal`, code: snippets.aesGcmSeal({ keyHex: hex(okm), nonceHex: hex(nonce), plaintext: message, aadText: aad }).webcrypto, expected: expected.envelope },
      );
    }

    const signer = api.SigningKey.fromSeed(seed, 'server');
    const signed = { publicKeySpkiPem: signer.publicKey('pem'), messageText: message };
    const der = hex(signer.sign(utf8(message)));
    const raw = hex(signer.signP1363(utf8(message)));
    out.ecdsa = {
      der: await crosscheck.ecdsaVerify({ ...signed, signatureHex: der, expected: true }),
      raw: await crosscheck.ecdsaVerify({ ...signed, signatureHex: raw, expected: true }),
      jwk: await crosscheck.ecdsaVerify({ publicKeyJwk: signer.publicKey('jwk'), messageText: message, signatureHex: der, expected: true }),
      bad: await crosscheck.ecdsaVerify({ ...signed, signatureHex: flip(der), expected: false }),
      disagree: await crosscheck.ecdsaVerify({ ...signed, signatureHex: der, expected: false }),
    };
    out.snippets.push(
      { name: 'ecdsaVerify good', code: snippets.ecdsaVerify({ publicKeyPem: signed.publicKeySpkiPem, messageText: message, signatureHex: der }).webcrypto, expected: 'true' },
      { name: 'ecdsaVerify bad', code: snippets.ecdsaVerify({ publicKeyPem: signed.publicKeySpkiPem, messageText: `${message}!`, signatureHex: der }).webcrypto, expected: 'false' },
    );
    return out;
  };
}

/** A WebCrypto snippet as an expression for page.evaluate: what it logs, or its error. */
function snippetExpression(code) {
  return `(async () => {
    const printed = [];
    const console = { log: (...values) => printed.push(values.map(String).join(' ')) };
    try {
      ${code}
    } catch (error) {
      return { error: error.name + ': ' + error.message };
    }
    return { printed };
  })()`;
}

browserTest("crosscheck.js agrees with the page's module in Chromium's WebCrypto, and so do the WebCrypto snippets", async (s, t) => {
  const page = await s.open('/index.html');
  const report = await page.evaluate(lessonInPage());

  const x25519 = report.curves.X25519.ecdh.status;
  assert.ok(['match', 'unsupported'].includes(x25519), `X25519: ${x25519}: ${report.curves.X25519.ecdh.detail}`);
  t.diagnostic(`Chromium ${browser.version()}: X25519 in WebCrypto is ${x25519 === 'match' ? 'supported (match)' : 'unsupported'}: ${report.curves.X25519.ecdh.detail}`);

  for (const [curve, checks] of Object.entries(report.curves)) {
    const ecdhExpected = curve === 'X25519' && x25519 === 'unsupported' ? 'unsupported' : 'match';
    assert.equal(checks.ecdh.status, ecdhExpected, `${curve} ecdh: ${checks.ecdh.detail}`);
    assert.equal(checks.ecdhJwk.status, ecdhExpected, `${curve} ecdh (JWK): ${checks.ecdhJwk.detail}`);
    assert.equal(checks.ecdhTampered.status, ecdhExpected === 'match' ? 'mismatch' : 'unsupported', `${curve} tampered: ${checks.ecdhTampered.detail}`);
    if (ecdhExpected === 'unsupported') assert.match(checks.ecdh.detail, /does not support X25519/);
    for (const name of ['hkdf', 'hkdfNoSalt', 'aesGcmOpen']) {
      assert.equal(checks[name].status, 'match', `${curve} ${name}: ${checks[name].detail}`);
    }
    assert.match(checks.hkdf.detail, /same PRK/);
    assert.equal(checks.hkdfTampered.status, 'mismatch', checks.hkdfTampered.detail);
    assert.equal(checks.aesGcmTampered.status, 'mismatch', checks.aesGcmTampered.detail);
    assert.match(checks.aesGcmTampered.detail, /tag does not match/);
  }
  for (const name of ['der', 'raw', 'jwk', 'bad']) {
    assert.equal(report.ecdsa[name].status, 'match', `ecdsa ${name}: ${report.ecdsa[name].detail}`);
  }
  assert.equal(report.ecdsa.der.actual, true);
  assert.equal(report.ecdsa.bad.actual, false);
  assert.equal(report.ecdsa.disagree.status, 'mismatch', report.ecdsa.disagree.detail);

  // The WebCrypto snippets run as pasted into this page's console.
  for (const snippet of report.snippets) {
    const ran = await page.evaluate(snippetExpression(snippet.code));
    if (snippet.curve === 'X25519' && x25519 === 'unsupported') {
      assert.match(ran.error ?? '', /^NotSupportedError/, `${snippet.name}: ${JSON.stringify(ran)}`);
      continue;
    }
    assert.deepEqual(ran, { printed: [snippet.expected] }, `${snippet.name}\n--- program ---\n${snippet.code}`);
  }
});
