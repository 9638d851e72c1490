// The attack lab's JavaScript contract (www/pkg), as tests outside this repository use
// it: recoverKeyFromNonceReuse and recoverPlaintextFromNonceReuse on random inputs, in
// every accepted shape, and the errors they promise; signatures by Node's own crypto
// (fresh nonces) are refused.
//   make build && node --test tests/node/attacks.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const text = (s) => new TextEncoder().encode(s);
const hex = (b) => Buffer.from(b).toString('hex');

/** r ‖ (n − s): the same signature normalised the other way (test arithmetic only). */
function negateS(p1363) {
  const s = BigInt(`0x${hex(p1363.slice(32))}`);
  const out = new Uint8Array(p1363);
  out.set(Buffer.from((N - s).toString(16).padStart(64, '0'), 'hex'), 32);
  return out;
}

test('recoverKeyFromNonceReuse: random keys, DER or r ‖ s, any key format; the key signs as the victim', () => {
  for (let round = 0; round < 8; round += 1) {
    const signer = api.CarelessSigner.generate();
    const m1 = randomBytes(1 + round * 7);
    const m2 = randomBytes(2 + round * 5);
    const s1 = signer.sign(m1);
    const s2 = signer.sign(m2);
    assert.equal(s1.length, 64);
    assert.deepEqual(s1.slice(0, 32), s2.slice(0, 32), 'the reused nonce: the same r');
    const sig1 = round % 2 ? api.ecdsaSignatureForms(s1).der : s1;
    const key = signer.publicKey(['pem', 'jwk', 'raw', 'spki', 'compressed'][round % 5]);
    const pem = api.recoverKeyFromNonceReuse(key, m1, sig1, m2, s2);
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(pem, signer.revealPrivateKey('pem'));
    const recovered = api.SigningKey.importPrivateKey(pem);
    const third = text(`signed with the recovered key, round ${round}`);
    assert.equal(api.verifySignature(signer.publicKey(), third, recovered.sign(third)), true);
    recovered.free();
    signer.free();
  }
});

test('recoverKeyFromNonceReuse: a signature normalised to low s needs −s, and it is tried', () => {
  const signer = api.CarelessSigner.generate();
  const s1 = signer.sign(text('one'));
  const s2 = negateS(signer.sign(text('two')));
  const pem = api.recoverKeyFromNonceReuse(signer.publicKey(), text('one'), s1, text('two'), s2);
  assert.equal(pem, signer.revealPrivateKey('pem'));
  const steps = api.nonceReuseRecovery(signer.publicKey(), text('one'), s1, text('two'), s2);
  assert.equal(steps.s2Negated, true);
  assert.equal(steps.d, signer.revealPrivateKey('raw'));
  assert.equal(steps.r, hex(s1.slice(0, 32)));
  assert.equal(steps.s2, hex(negateS(s2).slice(32)));
  signer.free();
});

test('recoverKeyFromNonceReuse: fresh nonces (Node\'s own ECDSA) are refused, "r differs"', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const sign = (m) => createSign('sha256').update(m).sign(privateKey);
  const pem = publicKey.export({ type: 'spki', format: 'pem' });
  assert.throws(
    () => api.recoverKeyFromNonceReuse(pem, text('a'), sign(text('a')), text('b'), sign(text('b'))),
    /different nonces \(r differs\)/,
  );
  // The playground's own signer (RFC 6979) too.
  const honest = api.SigningKey.generate();
  assert.throws(
    () => api.recoverKeyFromNonceReuse(honest.publicKey(), text('a'), honest.sign(text('a')), text('b'), honest.sign(text('b'))),
    /different nonces \(r differs\)/,
  );
  honest.free();
});

test('recoverKeyFromNonceReuse: equal messages, another key and bad arguments are refused, naming why', () => {
  const signer = api.CarelessSigner.generate();
  const s1 = signer.sign(text('same'));
  assert.throws(() => api.recoverKeyFromNonceReuse(signer.publicKey(), text('same'), s1, text('same'), s1),
    /^Error: the two messages are the same/);
  const s2 = signer.sign(text('other'));
  const stranger = api.CarelessSigner.generate();
  assert.throws(() => api.recoverKeyFromNonceReuse(stranger.publicKey(), text('same'), s1, text('other'), s2),
    /no key found from them matches the public key/);
  assert.throws(() => api.recoverKeyFromNonceReuse(signer.publicKey(), 'same', s1, text('other'), s2),
    /message1: expected a Uint8Array, got string/);
  assert.throws(() => api.recoverKeyFromNonceReuse(signer.publicKey(), text('same'), new Uint8Array(5), text('other'), s2),
    /malformed signature/);
  const x25519 = api.KeyPair.generate('X25519').publicKey();
  assert.throws(() => api.recoverKeyFromNonceReuse(x25519, text('same'), s1, text('other'), s2),
    /expected a P-256 key, got an X25519 key/);
  // The module still works.
  assert.equal(api.recoverKeyFromNonceReuse(signer.publicKey(), text('same'), s1, text('other'), s2), signer.revealPrivateKey());
});

test('recoverPlaintextFromNonceReuse: one key and nonce twice gives message 2 as far as message 1 reaches', () => {
  for (let round = 0; round < 8; round += 1) {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const p1 = randomBytes(5 + round * 9);
    const p2 = randomBytes(40 - round * 3);
    const e1 = api.encryptWithNonce(key, nonce, p1);
    const e2 = api.encryptWithNonce(key, nonce, p2);
    const got = api.recoverPlaintextFromNonceReuse(e1, p1, e2);
    assert.ok(got instanceof Uint8Array);
    assert.deepEqual(Buffer.from(got), p2.subarray(0, Math.min(p1.length, p2.length)));
    const steps = api.gcmNonceReuse(e1, p1, e2);
    const xor = p1.subarray(0, Math.min(p1.length, p2.length)).map((b, i) => b ^ p2[i]);
    assert.deepEqual(Buffer.from(steps.xor), Buffer.from(xor), 'c1 ⊕ c2 = p1 ⊕ p2');
    assert.deepEqual(Buffer.from(steps.nonce), nonce);
  }
});

test('recoverPlaintextFromNonceReuse: fresh nonces (encrypt) and short envelopes are refused', () => {
  const key = randomBytes(32);
  const e1 = api.encrypt(key, text('attack at dawn'));
  const e2 = api.encrypt(key, text('attack at dusk'));
  assert.throws(() => api.recoverPlaintextFromNonceReuse(e1, text('attack at dawn'), e2), /different nonces/);
  assert.throws(() => api.recoverPlaintextFromNonceReuse(e1.slice(0, 27), text('x'), e2), /expected at least 28 bytes, got 27/);
  assert.throws(() => api.recoverPlaintextFromNonceReuse(e1, text('x'), new Uint8Array(0)), /got 0/);
});

test('X25519Victim: every low-order point gives zeros carelessly, and the playground refuses it', () => {
  const points = api.lowOrderPoints();
  assert.deepEqual(points.map((p) => p.order), [2, 4, 8, 8, 4, 2, 4]);
  for (let round = 0; round < 4; round += 1) {
    const victim = api.X25519Victim.generate();
    for (const { u, name } of points) {
      assert.equal(victim.carelessDiffieHellman(u), '0'.repeat(64), name);
      assert.throws(() => victim.diffieHellman(u), /the X25519 shared secret is all zeros: the peer's public key is a low-order point/);
    }
    const honest = api.KeyPair.generate('X25519');
    assert.equal(victim.diffieHellman(honest.publicKey('raw')), victim.carelessDiffieHellman(honest.publicKey('raw')));
    // Unclamped, the order-8 point tells k mod 8 (up to sign).
    const low = Number.parseInt(victim.revealPrivateKey('raw').slice(0, 2), 16) % 8;
    const leak = victim.unclampedLeak(points[2].u);
    assert.ok(leak.residues.includes(low), `k mod 8 = ${low}, leaked ${leak.residues}`);
  }
});
