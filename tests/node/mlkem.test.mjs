// ML-KEM-768 and X25519MLKEM768 through the package (mlkemKeyPairFromSeed,
// mlkemEncapsulate, mlkemDecapsulate, HybridKeyPair, hybridRespond, supportedGroups):
// Wycheproof's mlkem_768_test.json and mlkem_768_encaps_test.json run whole (copied in
// tests/data/wycheproof with their licence), implicit rejection, and the hybrid's layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });
const data = (name) => JSON.parse(readFileSync(new URL(`../data/wycheproof/${name}`, import.meta.url), 'utf8'));
const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (t) => Uint8Array.from(Buffer.from(t, 'hex'));

test('Wycheproof mlkem_768_test.json, whole: key generation from the seed and decapsulation', () => {
  let valid = 0;
  let invalid = 0;
  for (const group of data('mlkem_768_test.json').testGroups) {
    for (const t of group.tests) {
      if (t.result === 'valid') {
        const pair = api.mlkemKeyPairFromSeed(unhex(t.seed));
        assert.equal(hex(pair.encapsulationKey), t.ek, `tcId ${t.tcId}: ek`);
        assert.equal(hex(api.mlkemDecapsulate(pair.decapsulationKey, unhex(t.c))), t.K, `tcId ${t.tcId}: K`);
        assert.equal(hex(api.mlkemDecapsulate(unhex(t.seed), unhex(t.c))), t.K, `tcId ${t.tcId}: K from the seed`);
        valid += 1;
      } else {
        // Invalid here means an input of the wrong length: refused with a message.
        assert.throws(() => api.mlkemDecapsulate(api.mlkemKeyPairFromSeed(unhex(t.seed)).decapsulationKey, unhex(t.c)),
          /ML-KEM|bytes/, `tcId ${t.tcId}`);
        invalid += 1;
      }
    }
  }
  assert.deepEqual([valid, invalid], [153, 40]);
});

test('Wycheproof mlkem_768_encaps_test.json, whole: deterministic encapsulation, and keys with a coefficient ≥ q refused', () => {
  let valid = 0;
  let refused = 0;
  for (const group of data('mlkem_768_encaps_test.json').testGroups) {
    for (const t of group.tests) {
      if (t.result === 'valid') {
        const out = api.mlkemEncapsulate(unhex(t.ek), unhex(t.m));
        assert.equal(hex(out.ciphertext), t.c, `tcId ${t.tcId}: c`);
        assert.equal(hex(out.sharedSecret), t.K, `tcId ${t.tcId}: K`);
        valid += 1;
      } else {
        assert.throws(() => api.mlkemEncapsulate(unhex(t.ek), unhex(t.m)), /coefficient|bytes|modulus/i, `tcId ${t.tcId}`);
        refused += 1;
      }
    }
  }
  assert.ok(valid > 100 && refused > 100, `${valid} valid, ${refused} refused`);
});

test('implicit rejection: a wrong ciphertext gives another secret, not an error', () => {
  const pair = api.mlkemKeyPairFromSeed(new Uint8Array(64).fill(7));
  const { ciphertext, sharedSecret } = api.mlkemEncapsulate(pair.encapsulationKey);
  assert.equal(hex(api.mlkemDecapsulate(pair.decapsulationKey, ciphertext)), hex(sharedSecret));
  ciphertext[0] ^= 1;
  const other = api.mlkemDecapsulate(pair.decapsulationKey, ciphertext);
  assert.equal(other.length, 32);
  assert.notEqual(hex(other), hex(sharedSecret));
  assert.throws(() => api.mlkemDecapsulate(pair.decapsulationKey, ciphertext.subarray(1)), /1088|1,088/);
  assert.throws(() => api.mlkemEncapsulate(pair.encapsulationKey, new Uint8Array(31)), /m: expected 32 bytes/);
  assert.throws(() => api.mlkemKeyPairFromSeed(new Uint8Array(63)), /64 bytes/);
});

test('X25519MLKEM768: both sides agree on 64 bytes, ML-KEM first; lessons are reproducible', () => {
  const seed = new TextEncoder().encode('lesson-3');
  const alice = api.HybridKeyPair.fromSeed(seed, 'alice');
  assert.equal(alice.publicShare.length, 1216);
  assert.equal(hex(alice.publicShare), hex(api.HybridKeyPair.fromSeed(seed, 'alice').publicShare));
  const { serverShare, sharedSecret } = api.hybridRespond(alice.publicShare, seed);
  assert.equal(serverShare.length, 1120);
  assert.equal(sharedSecret.length, 64);
  assert.equal(hex(alice.finish(serverShare)), hex(sharedSecret));
  // ML-KEM first: the first 1,184 bytes are an encapsulation key that encapsulation accepts.
  assert.equal(api.mlkemEncapsulate(alice.publicShare.subarray(0, 1184)).ciphertext.length, 1088);
  const fresh = api.hybridRespond(alice.publicShare);
  assert.notEqual(hex(fresh.serverShare), hex(serverShare));
  assert.equal(hex(alice.finish(fresh.serverShare)), hex(fresh.sharedSecret));
  assert.throws(() => api.hybridRespond(new Uint8Array(1215)), /1,216 bytes/);
  assert.throws(() => alice.finish(new Uint8Array(32)), /1,120 bytes/);
  assert.deepEqual(api.supportedGroups(), ['x25519', 'secp256r1', 'X25519MLKEM768']);
});

test('TLS 1.3 machines negotiate X25519MLKEM768 by the server\'s preference', () => {
  const client = new api.TlsClient({ groups: ['X25519MLKEM768', 'x25519'] });
  const server = new api.TlsServer({ groups: ['X25519MLKEM768', 'x25519'] });
  const hello = client.start();
  assert.ok(hello.length > 1216, 'the ClientHello carries the 1,216-byte share');
  server.receive(client.receive(server.receive(hello)));
  assert.equal(client.handshakeDone && server.handshakeDone, true);
  assert.equal(client.report().group, 'X25519MLKEM768');
  assert.equal(client.report().secrets.sharedSecret, server.report().secrets.sharedSecret);
  const shares = client.report().steps.find((s) => s.title === 'ClientHello').fields.map((f) => f.name);
  assert.ok(shares.includes('mlkem_encapsulation_key') && shares.includes('x25519'));
  assert.throws(() => new api.TlsClient({ version: '1.2', groups: ['X25519MLKEM768'] }), /TLS 1.3 group/);
});
