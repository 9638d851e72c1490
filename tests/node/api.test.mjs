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
    'verifySignature', 'tls12Handshake', 'tls12Prf', 'encryptWithNonce', 'supportedCurves', 'explainDer',
    'ecdsaSignatureForms', 'hkdfExpandLabel', 'tls13KeySchedule', 'tls13Handshake', 'mlkemKeyPairFromSeed', 'mlkemEncapsulate', 'mlkemDecapsulate',
    'hybridRespond', 'supportedGroups'],
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

test('the TLS machines have their contract members, documented', () => {
  for (const [cls, members] of [['TlsClient', ['start', 'receive', 'send', 'takeReceived', 'report', 'close']],
    ['TlsServer', ['receive', 'send', 'takeReceived', 'report', 'close']]]) {
    assert.equal(typeof api[cls], 'function', cls);
    for (const m of members) assert.equal(typeof api[cls].prototype[m], 'function', `${cls}.${m}`);
    const getters = cls === 'TlsClient' ? ['handshakeDone', 'session'] : ['handshakeDone'];
    for (const g of getters) {
      assert.equal(typeof Object.getOwnPropertyDescriptor(api[cls].prototype, g)?.get, 'function', `${cls}.${g}`);
    }
    const body = dts.slice(dts.indexOf(`export class ${cls}`));
    assert.match(dts, new RegExp(`\\*/\\s*export class ${cls} `), `${cls} is documented`);
    for (const m of [...members, 'handshakeDone']) assert.match(body, new RegExp(`\\*/\\s*(readonly )?${m}[(:]`), `${cls}.${m} is documented`);
  }
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
  assert.match(dts, /export interface DerNode/);
  assert.match(dts, /explainDer\(input: string \| Uint8Array\): DerTree/);
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

// The same P-256 key through Node's OpenSSL: PKCS#8 private, SPKI public, a self-made
// OpenSSH line (RFC 4253 string fields) and the SEC1 EC PARAMETERS + key form.
const sshString = (bytes) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, Buffer.from(bytes)]);
};

test('inspectPublicKey says what the paste was and warns about private keys', async () => {
  const { generateKeyPairSync } = await import('node:crypto');
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spkiPem = publicKey.export({ type: 'spki', format: 'pem' });
  const expected = api.inspectPublicKey(spkiPem);
  assert.equal(expected.source, 'public-key');
  assert.equal(expected.containsPrivateKey, false);
  assert.deepEqual(expected.warnings, []);
  assert.equal(expected.der, expected.spki);
  assert.equal(expected.certificate, undefined);

  const sec1 = privateKey.export({ type: 'sec1', format: 'pem' });
  const ecparams = `-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n${sec1}`;
  const fromParams = api.inspectPublicKey(ecparams);
  assert.equal(fromParams.source, 'ec-parameters+key');
  assert.equal(fromParams.containsPrivateKey, true);
  assert.equal(fromParams.fingerprint, expected.fingerprint);
  assert.match(fromParams.warnings[0], /PRIVATE key: never send it/);
  assert.match(fromParams.warnings[1], /Skipped the EC PARAMETERS block/);
  assert.equal(api.explainDer(fromParams.der).name, 'ECPrivateKey (SEC1)');
  // The API functions that take a peer's key still refuse it.
  const pair = api.KeyPair.generate('P-256');
  assert.throws(() => pair.sharedSecret(ecparams), /expected a public key, got a private key/);
  assert.throws(() => api.verifySignature(ecparams, new Uint8Array(1), new Uint8Array(64)),
    /expected a public key, got a private key/);
  assert.equal(api.KeyPair.importPrivateKey(ecparams).fingerprint, expected.fingerprint);

  const point = Buffer.from(expected.raw, 'hex');
  const blob = Buffer.concat([sshString(Buffer.from('ecdsa-sha2-nistp256')), sshString(Buffer.from('nistp256')), sshString(point)]);
  const line = `ecdsa-sha2-nistp256 ${blob.toString('base64')} student@laptop`;
  const ssh = api.inspectPublicKey(line);
  assert.equal(ssh.source, 'openssh');
  assert.equal(ssh.format, 'openssh');
  assert.equal(ssh.comment, 'student@laptop');
  assert.equal(ssh.fingerprint, expected.fingerprint);
  assert.equal(pair.sharedSecret(line).length, 32);

  const quoted = spkiPem.split('\n').map((l) => `> ${l}`).join('\n');
  assert.equal(api.inspectPublicKey(quoted).fingerprint, expected.fingerprint);
});

test('explainDer: a tree whose offsets add up, from text or bytes, and errors naming the byte', () => {
  const pair = api.KeyPair.fromSeed('P-256', new TextEncoder().encode('explain'), 'alice');
  const spki = pair.publicKey('spki');
  const check = (node, total) => {
    assert.ok(node.offset + node.headerLength + node.length <= total);
    if (!node.children) return;
    let at = node.offset + node.headerLength;
    for (const child of node.children) {
      assert.equal(child.offset, at);
      at += child.headerLength + child.length;
      check(child, total);
    }
    assert.equal(at, node.offset + node.headerLength + node.length);
  };
  for (const input of [spki, pair.publicKey('pem'), Buffer.from(spki, 'hex').toString('base64'), Uint8Array.from(Buffer.from(spki, 'hex'))]) {
    const tree = api.explainDer(input);
    assert.equal(tree.der, spki);
    assert.equal(tree.tag, 0x30);
    assert.equal(tree.tagName, 'SEQUENCE');
    assert.equal(tree.name, 'SubjectPublicKeyInfo');
    assert.equal(tree.headerLength + tree.length, spki.length / 2);
    check(tree, spki.length / 2);
    const bits = tree.children[1];
    assert.deepEqual(bits.children.map((c) => [c.tag, c.name]), [[null, 'unused bits'], [null, 'point format'], [null, 'x'], [null, 'y']]);
    assert.equal(bits.children[2].value + bits.children[3].value, pair.publicKey('raw').slice(2));
  }
  const signature = api.SigningKey.fromSeed(new TextEncoder().encode('explain')).sign(new Uint8Array(3));
  const sig = api.explainDer(signature);
  assert.equal(sig.name, 'ECDSA-Sig-Value');
  assert.deepEqual(sig.children.map((c) => c.name), ['r', 's']);
  assert.throws(() => api.explainDer('3005020101'), /byte 0/);
  assert.throws(() => api.explainDer('30030202ff'), /byte 2/);
  assert.throws(() => api.explainDer(42), /input: expected PEM, hex or base64 text or a Uint8Array, got number/);
  assert.throws(() => api.explainDer('not * der'), /expected PEM, or DER written as hex or base64/);
  assert.equal(api.explainDer(spki).name, 'SubjectPublicKeyInfo', 'the module still works');
});
