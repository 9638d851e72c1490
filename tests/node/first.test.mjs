// The playground's first module (www/pkg/first, the crate with no features) beside core
// (www/pkg/core): what it exports, that it gives core's bytes for every operation it has
// (seeded keys in every format, fingerprints, ECDH, HKDF, AES-GCM), that it reads the
// public keys the pages write, and that it refuses every other paste with the message
// the page looks for (load.js's isNeedsReader), after which core reads the same paste.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { isNeedsReader } from '../../www/js/load.js';

async function load(dir) {
  const pkg = new URL(`../../www/pkg/${dir}/`, import.meta.url);
  const api = await import(new URL('ecdh_playground.js', pkg));
  api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });
  return api;
}

const first = await load('first');
const core = await load('core');

const PUBLIC_FORMATS = ['pem', 'spki', 'spki-base64', 'raw', 'raw-base64', 'jwk', 'openssh'];
const seed = new TextEncoder().encode('first module');

test('the first module has the key, ECDH, HKDF and AES-GCM functions, and leaves the rest to core', () => {
  for (const name of ['inspectPublicKey', 'hkdfExtract', 'hkdfExpand', 'hkdf', 'encrypt', 'encryptWithNonce', 'decrypt', 'supportedCurves']) {
    assert.equal(typeof first[name], 'function', name);
  }
  for (const name of ['generate', 'fromSeed']) assert.equal(typeof first.KeyPair[name], 'function', `KeyPair.${name}`);
  for (const name of ['explainDer', 'verifySignature', 'ecdsaSignatureForms', 'tls12Prf', 'SigningKey', 'tls12Handshake', 'mlkemEncapsulate']) {
    assert.equal(first[name], undefined, name);
    if (!['tls12Handshake', 'mlkemEncapsulate'].includes(name)) assert.notEqual(core[name], undefined, `core has ${name}`);
  }
  assert.equal(first.KeyPair.importPrivateKey, undefined);
  assert.equal(typeof core.KeyPair.importPrivateKey, 'function');
});

test('seeded keys, every format, fingerprints and secrets are core\'s, on both curves', () => {
  for (const curve of ['P-256', 'X25519']) {
    for (let round = 0; round < 8; round += 1) {
      const [a1, b1] = ['alice', 'bob'].map((who) => first.KeyPair.fromSeed(curve, seed, `${who} ${round}`));
      const [a2, b2] = ['alice', 'bob'].map((who) => core.KeyPair.fromSeed(curve, seed, `${who} ${round}`));
      // OpenSSH has no X25519 keys; compressed points are P-256's.
      const formats = curve === 'P-256' ? [...PUBLIC_FORMATS, 'compressed', 'compressed-base64'] : PUBLIC_FORMATS.filter((f) => f !== 'openssh');
      for (const format of formats) assert.equal(a1.publicKey(format), a2.publicKey(format), `${curve} ${format}`);
      for (const format of ['pem', 'pkcs8', 'raw', 'jwk']) assert.equal(a1.revealPrivateKey(format), a2.revealPrivateKey(format), `${curve} private ${format}`);
      assert.equal(a1.fingerprint, a2.fingerprint);
      // The peer's key in each form the first module reads.
      for (const format of formats.filter((f) => !['jwk', 'openssh'].includes(f))) {
        assert.deepEqual(a1.sharedSecret(b2.publicKey(format)), a2.sharedSecret(b1.publicKey('pem')), `${curve} peer as ${format}`);
      }
      for (const pair of [a1, b1, a2, b2]) pair.free();
    }
    // Fresh keys: X25519's public key by the ladder (first) and by dalek's tables (core)
    // must agree, which a seeded key read back by core shows.
    for (let i = 0; i < 16; i += 1) {
      const pair = first.KeyPair.generate(curve);
      const again = core.KeyPair.importPrivateKey(pair.revealPrivateKey('pem'));
      assert.equal(pair.publicKey('raw'), again.publicKey('raw'));
      pair.free();
      again.free();
    }
  }
});

test('HKDF and AES-GCM give core\'s bytes; a tampered envelope is refused with core\'s message', () => {
  const ikm = new Uint8Array(32).map((_, i) => i);
  const salt = new TextEncoder().encode('salt');
  const info = new TextEncoder().encode('info');
  assert.deepEqual(first.hkdf(ikm, salt, info, 42), core.hkdf(ikm, salt, info, 42));
  const prk = first.hkdfExtract(salt, ikm);
  assert.deepEqual(prk, core.hkdfExtract(salt, ikm));
  assert.deepEqual(first.hkdfExpand(prk, info, 32), core.hkdfExpand(prk, info, 32));
  const key = first.hkdfExpand(prk, info, 32);
  const nonce = new Uint8Array(12).fill(7);
  const message = new TextEncoder().encode('hello');
  const envelope = first.encryptWithNonce(key, nonce, message);
  assert.deepEqual(envelope, core.encryptWithNonce(key, nonce, message));
  assert.deepEqual(core.decrypt(key, first.encrypt(key, message)), message);
  envelope[20] ^= 1;
  assert.throws(() => first.decrypt(key, envelope), /^Error: message authentication failed$/);
});

test('the first module reads the public keys the pages write, as core does', () => {
  for (const curve of ['P-256', 'X25519']) {
    const pair = core.KeyPair.fromSeed(curve, seed, 'inspected');
    for (const format of ['pem', 'spki', 'spki-base64', 'raw', 'raw-base64', ...(curve === 'P-256' ? ['compressed', 'compressed-base64'] : [])]) {
      const text = pair.publicKey(format);
      // Core also says whether the bytes were bare; the first module leaves that out, and
      // every raw key it reads is.
      const { bareBytes, ...read } = core.inspectPublicKey(text);
      assert.deepEqual(first.inspectPublicKey(text), read, `${curve} ${format}`);
      assert.equal(bareBytes, format.startsWith('raw'), `${curve} ${format}`);
    }
    pair.free();
  }
  // The crate's own errors, not a refusal to read: a point off the curve, x out of range,
  // a length no key has (a key half typed in does not load core).
  const offCurve = `04${'11'.repeat(64)}`;
  for (const text of [offCurve, '02' + 'ff'.repeat(32), 'abcd', `${'04'}${'ab'.repeat(40)}`, `02${'ab'.repeat(9)}`, '', '-----END PUBLIC KEY-----']) {
    let expected;
    try {
      core.inspectPublicKey(text);
    } catch (e) {
      expected = e.message;
    }
    assert.throws(() => first.inspectPublicKey(text), (e) => e.message === expected && !isNeedsReader(e), text);
  }
});

test('bytes of the lengths core names are left to it, which says what they are', () => {
  const pair = core.KeyPair.fromSeed('P-256', seed, 'lengths');
  const raw = pair.publicKey('raw');
  const cases = {
    [`${raw}${raw}`]: [/the same 65 bytes twice/],
    [`04${'11'.repeat(96)}`]: [/^an uncompressed P-384 point is not supported/],
    [raw.slice(2)]: null,
  };
  for (const [paste, says] of Object.entries(cases)) {
    const text = paste.slice(0, 12);
    assert.throws(() => first.inspectPublicKey(paste), isNeedsReader, text);
    if (says) {
      assert.throws(() => core.inspectPublicKey(paste), (e) => says.every((r) => r.test(e.message)), text);
    } else {
      // x ‖ y without the 04: read, with a note.
      const read = core.inspectPublicKey(paste);
      assert.equal(read.raw, raw);
      assert.match(read.warnings[0], /^Read 64 bytes as x ‖ y of a P-256 point/);
    }
  }
  pair.free();
});

/** SunEC's toString of a P-256 public key, from its SEC1 point as hex. */
function javaPrintout(raw) {
  const [x, y] = [raw.slice(2, 66), raw.slice(66)].map((h) => BigInt(`0x${h}`).toString());
  return `Sun EC public key, 256 bits\n  public x coord: ${x}\n  public y coord: ${y}\n  parameters: secp256r1 [NIST P-256,X9.62 prime256v1] (1.2.840.10045.3.1.7)\n`;
}

test('every other paste is refused with the words the page looks for, and core reads it', () => {
  const p256 = core.KeyPair.fromSeed('P-256', seed, 'pastes');
  const x25519 = core.KeyPair.fromSeed('X25519', seed, 'pastes');
  const node = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pastes = {
    'a JWK': p256.publicKey('jwk'),
    'an X25519 JWK': x25519.publicKey('jwk'),
    'an OpenSSH public key': p256.publicKey('openssh'),
    'a private key': p256.revealPrivateKey('pem'),
    'a SEC1 private key': node.privateKey.export({ type: 'sec1', format: 'pem' }),
    'PKCS#8 DER as hex': p256.revealPrivateKey('pkcs8'),
    'an X25519 private JWK': x25519.revealPrivateKey('jwk'),
    'bytes as Python prints them': `b'${p256.publicKey('raw').replace(/../g, '\\x$&')}'`,
    'a JWK as Node prints it': inspect(JSON.parse(p256.publicKey('jwk'))),
    'an authorized_keys line with options': `no-pty ${p256.publicKey('openssh')}`,
    'a key as Java prints it': javaPrintout(p256.publicKey('raw')),
    'a key as Rust\'s p256 prints it': `PublicKey { point: AffinePoint { x: FieldElement(0x${p256.publicKey('raw').slice(2, 66).toUpperCase()}), y: FieldElement(0x${p256.publicKey('raw').slice(66).toUpperCase()}), infinity: 0 } }`,
    'a key as Go prints it': `&{0x611b20 ${BigInt(`0x${p256.publicKey('raw').slice(2, 66)}`)} ${BigInt(`0x${p256.publicKey('raw').slice(66)}`)}}`,
    'a key as BouncyCastle prints it': `EC Public Key [9f:01]\n            X: ${p256.publicKey('raw').slice(2, 66)}\n            Y: ${p256.publicKey('raw').slice(66)}\n`,
    'a key as Go\'s crypto/ecdh prints it': `&{0x5bb580 [${Buffer.from(x25519.publicKey('raw'), 'hex').join(' ')}] <nil>}`,
    'bytes in decimal, space-separated (not hex)': Buffer.from(p256.publicKey('raw'), 'hex').join(' '),
    'bytes in decimal, comma-separated': Buffer.from(p256.publicKey('raw'), 'hex').join(','),
    'bytes in decimal, one per line': Buffer.from(p256.publicKey('raw'), 'hex').join('\n'),
    'DER in decimal (a first word of two digits)': Buffer.from(p256.publicKey('spki'), 'hex').join(' '),
  };
  for (const [what, text] of Object.entries(pastes)) {
    assert.throws(() => first.inspectPublicKey(text), (e) => {
      assert.ok(isNeedsReader(e), `${what}: ${e.message}`);
      assert.match(e.message, /^this module does not read .+: the core build \(www\/pkg\/core\) or the full package reads it$/);
      return true;
    });
    const read = core.inspectPublicKey(text);
    assert.ok(read.fingerprint, what);
  }
  // A short word is not base64 of a few bytes: core names the empty values.
  for (const [word, says] of [['null', /^this is null/], ['None', /^this is Python's None/], ['nil', /^this is nil/], ['NaN', /^this is JavaScript's NaN/], ['false', /not recognised/]]) {
    assert.throws(() => first.inspectPublicKey(word), isNeedsReader, word);
    assert.throws(() => core.inspectPublicKey(word), (e) => says.test(e.message), word);
  }
  // Nor does the first module compute with such a paste: ECDH says the same.
  const own = first.KeyPair.fromSeed('P-256', seed, 'own');
  assert.throws(() => own.sharedSecret(pastes['a JWK']), isNeedsReader);
  own.free();
  p256.free();
  x25519.free();
  // Other errors are not taken for it.
  assert.equal(isNeedsReader(new Error('point is not on the curve')), false);
  assert.equal(isNeedsReader(undefined), false);
});
