// The TLS 1.3 key schedule through the JS API (tls13KeySchedule, hkdfExpandLabel)
// against The Illustrated TLS 1.3 Connection (tests/data/tls/tls13_illustrated.json,
// MIT, see LICENSE-illustrated-tls13.txt beside it), and its errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });
const file = JSON.parse(readFileSync(new URL('../data/tls/tls13_illustrated.json', import.meta.url), 'utf8'));
const ks = file.key_schedule;
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const unhex = (text) => Uint8Array.from(Buffer.from(text, 'hex'));

test('tls13KeySchedule reproduces every secret, key and IV of the Illustrated TLS 1.3 Connection', () => {
  const report = api.tls13KeySchedule({
    cipherSuite: file.cipher_suite.name,
    sharedSecret: file.shared_secret.value,
    helloHash: ks.hello_hash.value,
    handshakeHash: ks.handshake_hash.value,
  });
  const expected = {
    earlySecret: ks.early_secret, handshakeSecret: ks.handshake_secret, masterSecret: ks.master_secret,
    clientHandshakeTrafficSecret: ks.client_handshake_traffic_secret,
    serverHandshakeTrafficSecret: ks.server_handshake_traffic_secret,
    clientApplicationTrafficSecret: ks.client_application_traffic_secret_0,
    serverApplicationTrafficSecret: ks.server_application_traffic_secret_0,
    exporterMasterSecret: ks.exporter_master_secret,
    clientHandshakeKey: ks.client_handshake_key, clientHandshakeIv: ks.client_handshake_iv,
    serverHandshakeKey: ks.server_handshake_key, serverHandshakeIv: ks.server_handshake_iv,
    clientApplicationKey: ks.client_application_key, clientApplicationIv: ks.client_application_iv,
    serverApplicationKey: ks.server_application_key, serverApplicationIv: ks.server_application_iv,
  };
  assert.deepEqual(Object.keys(report).sort(), Object.keys(expected).sort());
  for (const [name, entry] of Object.entries(expected)) assert.equal(report[name], entry.value, name);
});

test('hkdfExpandLabel gives the Finished keys and verify_data; errors are named', () => {
  const finishedKey = api.hkdfExpandLabel(unhex(ks.server_handshake_traffic_secret.value), 'finished', new Uint8Array(0), 48, 'SHA-384');
  assert.equal(hex(finishedKey), ks.server_finished_key.value);
  const verify = createHmac('sha384', finishedKey).update(unhex(ks.server_finished_transcript_hash.value)).digest('hex');
  assert.equal(verify, ks.server_finished_verify_data.value);
  const derived = api.hkdfExpandLabel(unhex(ks.early_secret.value), 'derived', unhex(ks.empty_hash.value), 48, 'SHA-384');
  assert.equal(hex(derived), ks.derived_secret_for_handshake.value);
  const sha256 = api.hkdfExpandLabel(new Uint8Array(32), 'key', new Uint8Array(0), 16, 'SHA-256');
  assert.equal(sha256.length, 16);

  assert.throws(() => api.hkdfExpandLabel(new Uint8Array(32), 'key', new Uint8Array(0), 16, 'SHA-512'), /hash: expected "SHA-256" or "SHA-384", got "SHA-512"/);
  assert.throws(() => api.hkdfExpandLabel(new Uint8Array(32), 'x'.repeat(250), new Uint8Array(0), 16, 'SHA-256'), /label/);
  assert.throws(() => api.hkdfExpandLabel('secret', 'key', new Uint8Array(0), 16, 'SHA-256'), /secret: expected a Uint8Array, got string/);
  const good = { cipherSuite: 'TLS_AES_128_GCM_SHA256', sharedSecret: '00'.repeat(32), helloHash: '00'.repeat(32), handshakeHash: '00'.repeat(32) };
  assert.equal(api.tls13KeySchedule(good).clientHandshakeKey.length, 32);
  assert.throws(() => api.tls13KeySchedule({ ...good, helloHash: '00'.repeat(48) }), /48/);
  assert.throws(() => api.tls13KeySchedule({ ...good, cipherSuite: 'TLS_CHACHA' }), /cipher suite/);
  assert.throws(() => api.tls13KeySchedule({ ...good, sharedSecret: 'zz' }), /tls13KeySchedule sharedSecret: malformed hex/);
  assert.throws(() => api.tls13KeySchedule({ ...good, handshakeHash: undefined }), /tls13KeySchedule handshakeHash: expected a string, got undefined/);
  assert.throws(() => api.tls13KeySchedule(null), /expected an object/);
});

test('tls13KeyScheduleDiagram draws the Illustrated values box by box; its errors name the function and the member', () => {
  const input = {
    cipherSuite: file.cipher_suite.name,
    sharedSecret: file.shared_secret.value,
    helloHash: ks.hello_hash.value,
    handshakeHash: ks.handshake_hash.value,
  };
  const diagram = api.tls13KeyScheduleDiagram(input);
  assert.equal(diagram.hash, 'SHA-384');
  const out = Object.fromEntries(diagram.boxes.map((b) => [b.id, b.output]));
  assert.equal(out['derived-early'], ks.derived_secret_for_handshake.value);
  assert.equal(out['derived-handshake'], ks.derived_secret_for_master.value);
  assert.equal(out['s-hs-finished'], ks.server_finished_key.value);
  assert.equal(out['c-ap-iv'], ks.client_application_iv.value);
  // Every Derive-Secret and HKDF-Expand-Label box is hkdfExpandLabel of its own inputs.
  for (const box of diagram.boxes.filter((b) => b.operation !== 'HKDF-Extract')) {
    const context = box.inputs[1] ? unhex(box.inputs[1].value) : new Uint8Array(0);
    assert.equal(hex(api.hkdfExpandLabel(unhex(box.inputs[0].value), box.label, context, box.length, 'SHA-384')), box.output, box.id);
  }
  assert.throws(() => api.tls13KeyScheduleDiagram({ ...input, sharedSecret: 'zz' }), /tls13KeyScheduleDiagram sharedSecret: malformed hex/);
  assert.throws(() => api.tls13KeyScheduleDiagram({ ...input, helloHash: '00'.repeat(32) }), /hello hash/);
  assert.throws(() => api.tls13KeyScheduleDiagram([]), /tls13KeyScheduleDiagram: expected an object/);
});
