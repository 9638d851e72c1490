// www/js/asn1.js, the cross-check's own pure DER helpers (kept apart from the module it
// checks): PEM armour (RFC 7468) and ECDSA signatures as DER (RFC 3279 §2.2.3) and
// r ‖ s (IEEE P1363), checked against the generated package's own DER and r ‖ s
// signatures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  parsePem, pemToDer, derToP1363, p1363ToDer, signatureForms,
} from '../../www/js/asn1.js';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const unhex = (text) => Uint8Array.from(Buffer.from(text, 'hex'));
const utf8 = (text) => new TextEncoder().encode(text);

test('PEM: read with CRLF, stray white space and blank lines; written back canonical', () => {
  const pair = api.KeyPair.fromSeed('P-256', utf8('asn1'), 'alice');
  const pem = pair.publicKey('pem');
  const der = unhex(pair.publicKey('spki'));
  for (const messy of [pem, `  \r\n${pem.replace(/\n/g, '\r\n')}\r\n`, pem.replace(/\n/g, ' \n\n'), pem.trimEnd()]) {
    const parsed = parsePem(messy);
    assert.equal(parsed.label, 'PUBLIC KEY');
    assert.equal(hex(parsed.der), hex(der));
    assert.equal(parsed.pem, pem);
  }
  assert.equal(hex(pemToDer(pair.revealPrivateKey('pem'), 'PRIVATE KEY')), pair.revealPrivateKey('pkcs8'));
});

test('PEM: anything else is refused, saying what was wrong', () => {
  const pem = api.KeyPair.fromSeed('X25519', utf8('asn1'), 'alice').publicKey('pem');
  const cases = [
    [null, /expected PEM text, got null/],
    ['MCowBQYDK2VuAyEA', /starting with "-----BEGIN "/],
    [pem.replace('-----END PUBLIC KEY-----', ''), /between matching BEGIN and END/],
    [pem.replace('END PUBLIC', 'END PRIVATE'), /BEGIN PUBLIC KEY ends with END PRIVATE KEY/],
    [pem.replace('MCow', 'MC"ow'), /base64 lines/],
    [pem.replace('MCow', 'MC`${x}`ow'), /base64 lines/],
  ];
  for (const [text, message] of cases) assert.throws(() => parsePem(text), message);
  assert.throws(() => pemToDer(pem, 'PRIVATE KEY'), /expected a PEM "PRIVATE KEY", got "PUBLIC KEY"/);
});

test('DER and r ‖ s signatures convert both ways exactly as the package writes them', () => {
  const signer = api.SigningKey.fromSeed(utf8('asn1'), 'server');
  let shortInteger = 0;
  let highBit = 0;
  // Enough messages to meet an r or s that is shorter than 32 bytes (about 1 in 128
  // signatures) and many whose top bit is set (so DER adds a zero byte).
  for (let i = 0; i < 3000 && (shortInteger < 2 || i < 200); i += 1) {
    const message = utf8(`message ${i}`);
    const der = signer.sign(message);
    const raw = signer.signP1363(message);
    assert.equal(hex(derToP1363(der)), hex(raw), `message ${i}`);
    assert.equal(hex(p1363ToDer(raw)), hex(der), `message ${i}`);
    assert.deepEqual(signatureForms(der), { der, p1363: raw, given: 'der' });
    assert.deepEqual(signatureForms(raw), { der, p1363: raw, given: 'p1363' });
    if (raw[0] === 0 || raw[32] === 0) shortInteger += 1;
    if (raw[0] & 0x80 || raw[32] & 0x80) highBit += 1;
  }
  assert.ok(shortInteger >= 2, 'met a signature with an integer shorter than 32 bytes');
  assert.ok(highBit > 50, 'met signatures with the top bit set');
});

test('DER signatures that are not strict DER are refused, naming the fault', () => {
  const cases = [
    ['3106020101020101', /SEQUENCE/],
    ['3007020101020101', /SEQUENCE/],
    ['30060201010201', /SEQUENCE/],
    ['3006030101020101', /r is not an INTEGER/],
    ['3006020181020101', /r is negative/],
    ['300702020001020101', /r has a needless leading zero/],
    ['30050200020101', /r has a bad length/],
    ['30070201010201010a', /bytes after s/],
    [`3026022111${'11'.repeat(32)}020101`, /r is longer than 32 bytes/],
    [`3027022200${'11'.repeat(33)}020101`, /r has a bad length/],
    ['3008020101020101', /SEQUENCE/],
  ];
  for (const [der, message] of cases) assert.throws(() => derToP1363(unhex(der)), message, der);
  assert.equal(hex(derToP1363(unhex('3006020101020101'))), `${'00'.repeat(31)}01${'00'.repeat(31)}01`);
  assert.throws(() => signatureForms(unhex('3006020181020101')), /expected a DER signature or 64 bytes of r ‖ s, got 8 bytes/);
  assert.throws(() => p1363ToDer(new Uint8Array(63)), /even number of bytes, got 63/);
});
