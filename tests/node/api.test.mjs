// The generated package as a JavaScript user meets it: loaded in Node with initSync,
// every contract name present, documented in the .d.ts, errors thrown as Error with
// the core's message, and the module still working after each failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createECDH, createPublicKey, diffieHellman, createPrivateKey, hkdfSync } from 'node:crypto';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });
const dts = readFileSync(new URL('ecdh_playground.d.ts', pkg), 'utf8');

const CONTRACT = {
  functions: ['inspectPublicKey', 'hkdfExtract', 'hkdfExpand', 'hkdf', 'encrypt', 'decrypt',
    'verifySignature', 'tls12Handshake', 'tls12Prf', 'encryptWithNonce', 'supportedCurves'],
  KeyPair: ['generate', 'fromSeed', 'importPrivateKey'],
  keyPair: ['publicKey', 'revealPrivateKey', 'sharedSecret'],
  SigningKey: ['generate', 'importPrivateKey', 'fromSeed'],
  signingKey: ['publicKey', 'revealPrivateKey', 'sign', 'signP1363'],
};

test('every contract name is exported', () => {
  assert.equal(typeof api.default, 'function', 'init (default export)');
  assert.equal(typeof api.initSync, 'function');
  for (const name of CONTRACT.functions) assert.equal(typeof api[name], 'function', name);
  for (const name of CONTRACT.KeyPair) assert.equal(typeof api.KeyPair[name], 'function', `KeyPair.${name}`);
  for (const name of CONTRACT.SigningKey) assert.equal(typeof api.SigningKey[name], 'function', `SigningKey.${name}`);
  const pair = api.KeyPair.generate('P-256');
  for (const name of CONTRACT.keyPair) assert.equal(typeof pair[name], 'function', `keyPair.${name}`);
  assert.equal(pair.curve, 'P-256');
  const signer = api.SigningKey.generate();
  for (const name of CONTRACT.signingKey) assert.equal(typeof signer[name], 'function', `signingKey.${name}`);
});

test('the .d.ts documents every contract name', () => {
  const names = [...CONTRACT.functions, ...CONTRACT.KeyPair, ...CONTRACT.keyPair,
    ...CONTRACT.SigningKey, ...CONTRACT.signingKey, 'curve'];
  for (const name of names) {
    const at = dts.search(new RegExp(`(function |static |readonly |\\n\\s+)${name}[(:]`));
    assert.ok(at > 0, `${name} is declared`);
    const before = dts.slice(Math.max(0, at - 400), at);
    assert.match(before, /\*\/\s*(export )?$/, `${name} has a doc comment right above it`);
  }
  assert.match(dts, /export interface PublicKeyInspection/);
  assert.match(dts, /export interface Tls12Report/);
  assert.match(dts, /encrypt\(key: Uint8Array, plaintext: Uint8Array, aad\?: Uint8Array \| null\)/);
});

test('shared secrets equal what Node (OpenSSL) derives, for both curves', () => {
  for (const [curve, nodeCurve] of [['P-256', 'prime256v1'], ['X25519', 'x25519']]) {
    const ours = api.KeyPair.generate(curve);
    const theirs = curve === 'P-256'
      ? (() => { const e = createECDH(nodeCurve); e.generateKeys(); return e; })()
      : null;
    if (theirs) {
      const peerHex = theirs.getPublicKey('hex');
      const secret = ours.sharedSecret(peerHex);
      const expect = theirs.computeSecret(Buffer.from(ours.publicKey('raw'), 'hex'));
      assert.equal(Buffer.from(secret).toString('hex'), expect.toString('hex'));
    } else {
      const priv = createPrivateKey({ key: ours.revealPrivateKey('pem'), format: 'pem' });
      const other = api.KeyPair.generate('X25519');
      const expect = diffieHellman({ privateKey: priv, publicKey: createPublicKey(other.publicKey('pem')) });
      assert.equal(Buffer.from(ours.sharedSecret(other.publicKey('jwk'))).toString('hex'), expect.toString('hex'));
    }
  }
});

test('hkdf equals node:crypto hkdfSync, null salt and info included', () => {
  const ikm = new Uint8Array(40).fill(7);
  const info = new TextEncoder().encode('ctx');
  const ours = api.hkdf(ikm, null, info, 42);
  const node = new Uint8Array(hkdfSync('sha256', ikm, Buffer.alloc(0), info, 42));
  assert.deepEqual(ours, node);
  assert.deepEqual(api.hkdf(ikm, undefined, undefined, 32), new Uint8Array(hkdfSync('sha256', ikm, Buffer.alloc(0), Buffer.alloc(0), 32)));
});

test('every failure is an Error with a specific message, and the module keeps working', () => {
  const key = new Uint8Array(32);
  const cases = [
    [() => api.KeyPair.generate('P-384'), /unknown curve "P-384": the supported curves are "P-256" and "X25519"/],
    [() => api.KeyPair.generate(null), /curve: expected a string, got null/],
    [() => api.KeyPair.generate('X25519').sharedSecret(api.KeyPair.generate('P-256').publicKey()), /expected an X25519 key, got a P-256 key/],
    [() => api.inspectPublicKey('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI'), /cut off/],
    [() => api.inspectPublicKey('hello there'), /not recognised/],
    [() => api.hkdf(null, null, null, 32), /ikm: expected a Uint8Array, got null/],
    [() => api.hkdf(key, null, null, 8161), /between 1 and 8160/],
    [() => api.encrypt(new Uint8Array(31), key), /AES-256 key: expected 32 bytes, got 31/],
    [() => api.encryptWithNonce(key, new Uint8Array(11), key), /nonce: expected 12 bytes \(96 bits\), got 11/],
    [() => api.decrypt(key, api.encrypt(key, key).map((b, i) => (i === 20 ? b ^ 1 : b))), /^message authentication failed$/],
    [() => api.verifySignature('not a key', key, key), /not recognised/],
    [() => api.tls12Handshake({ nonsense: 1 }), /unknown option "nonsense"/],
  ];
  for (const [call, message] of cases) {
    assert.throws(call, (e) => e instanceof Error && message.test(e.message), String(message));
    // The module still works after the failure.
    const a = api.KeyPair.generate('X25519');
    assert.equal(api.decrypt(key, api.encrypt(key, new Uint8Array([1, 2]))).length, 2);
    assert.equal(a.sharedSecret(api.KeyPair.generate('X25519').publicKey()).length, 32);
  }
});

test('seeded keys are reproducible and labelled keys differ', () => {
  const seed = new TextEncoder().encode('lesson-3');
  const a1 = api.KeyPair.fromSeed('P-256', seed, 'alice').publicKey('raw');
  const a2 = api.KeyPair.fromSeed('P-256', seed, 'alice').publicKey('raw');
  const b = api.KeyPair.fromSeed('P-256', seed, 'bob').publicKey('raw');
  assert.equal(a1, a2);
  assert.notEqual(a1, b);
});
