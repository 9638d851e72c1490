// The TLS 1.3 page's lesson in a link (www/js/tls13-steps.js through lesson.js) and the
// side-by-side table's counting (www/js/tls13-compare.js) on real reports of the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readSettings, fragmentOf } from '../../www/js/lesson.js';
import { readTls13Lesson, routes13, helloPacket, keyShareBytes } from '../../www/js/tls13-steps.js';
import { compareRuns, flights12, suiteKeyExchange } from '../../www/js/tls13-compare.js';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });

test('a TLS 1.3 lesson survives the link: only non-default values are written, invalid ones fall back', () => {
  const tls13 = { group: 'X25519MLKEM768', guess: 'secp256r1', mallory: 'swap-key', staticKey: true, leak: true, message: 'hi & bye', round: 2, known: 'illustrated', compare: true };
  const fragment = fragmentOf({ seed: 's', step: 4, tls13 });
  const back = readSettings(`https://x.invalid/tls13.html${fragment}`);
  assert.deepEqual(back.tls13, tls13);
  assert.equal(back.step, 4);
  assert.equal(fragmentOf({ tls13: readTls13Lesson(new URLSearchParams()) }), '');
  const bad = readTls13Lesson(new URLSearchParams('group=x448&guess=&mallory=eve&known=mine&round=-1'));
  assert.deepEqual([bad.group, bad.guess, bad.mallory, bad.known, bad.round], ['x25519', 'x25519', 'none', null, 0]);
  // Without a seed the round means nothing: every key is fresh anyway.
  assert.doesNotMatch(fragmentOf({ tls13: { ...tls13 } }), /round=/);
});

test('routes, the packet and the comparison are read from the reports, not recomputed', () => {
  const base = { clientRandom: '01'.repeat(32), serverRandom: '02'.repeat(32), clientEphemeral: '03'.repeat(32), serverEphemeral: '04'.repeat(32) };
  const r13 = api.tls13Handshake({ ...base, group: 'X25519MLKEM768', clientGroups: ['X25519MLKEM768', 'x25519'] });
  const routes = routes13(r13);
  assert.deepEqual(routes[0], { kind: 'message', from: 'client', to: 'server', intercepted: false });
  assert.equal(routes.filter((r) => r.kind === 'message').length, r13.flights.flatMap((f) => f.records).filter((r) => r.step !== null).length);
  const packet = helloPacket(r13);
  assert.equal(packet.bytes, r13.flights[0].bytes);
  assert.equal(packet.share, 1216);
  assert.equal(keyShareBytes(api.tls13Handshake(base).steps[0]), 32);
  const x13 = api.tls13Handshake({ ...base, group: 'x25519' });
  const x12 = api.tls12Handshake({ ...base, group: 'x25519' });
  const rows = compareRuns(x12, x13);
  const row = (topic) => rows.find((r) => r.topic === topic).values;
  assert.deepEqual(row('Round trips before the client may send application data'), [2, 1]);
  assert.deepEqual(row('The (EC)DHE shared secret'), [x12.preMasterSecret, x13.secrets.sharedSecret]);
  assert.equal(x12.preMasterSecret, x13.secrets.sharedSecret, 'the same keys give the same ECDH output');
  assert.equal(row('Flights (bytes, records included)')[1], x13.flights.reduce((n, f) => n + f.bytes, 0));
  assert.deepEqual(flights12(x12).map((f) => f.from), ['client', 'server', 'client', 'server', 'client']);
  assert.equal(suiteKeyExchange('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'), 'ECDHE_ECDSA');
  assert.equal(suiteKeyExchange('TLS_AES_128_GCM_SHA256'), null);
  // With a HelloRetryRequest, one more round trip.
  const hrr = api.tls13Handshake({ ...base, group: 'secp256r1', clientGroups: ['x25519', 'secp256r1'] });
  assert.equal(hrr.helloRetryRequest, true);
  assert.equal(compareRuns(api.tls12Handshake({ ...base, group: 'secp256r1' }), hrr).find((r) => r.topic.startsWith('Round trips')).values[1], 2);
  assert.equal(compareRuns(x12, api.tls13Handshake({ ...base, mallory: 'swap-key' })), null);
});
