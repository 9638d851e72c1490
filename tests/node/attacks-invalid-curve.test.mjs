// The invalid-curve attack's JavaScript contract (invalidCurveAttack in www/pkg), as
// tests outside this repository use it: the report's names and kinds, a random key and
// given keys (raw hex and PKCS#8 PEM) recovered, the fixed server's refusal with the
// playground's message, the step-by-step InvalidCurveRun, and an Error that says why for
// bad options.
//   make build && node --test tests/node/attacks-invalid-curve.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });
const dts = readFileSync(new URL('ecdh_playground.d.ts', pkg), 'utf8');

const HEX64 = /^[0-9a-f]{64}$/;
const POINT = /^04[0-9a-f]{128}$/;

/** A fresh P-256 key: { raw, pem, publicRaw }. */
function newKey() {
  const pair = api.KeyPair.generate('P-256');
  try {
    return { raw: pair.revealPrivateKey('raw'), pem: pair.revealPrivateKey('pem'), publicRaw: pair.publicKey('raw') };
  } finally {
    pair.free();
  }
}

function checkReport(report) {
  assert.deepEqual(Object.keys(report).sort(), ['error', 'queries', 'recoveredPrivateKey', 'residues', 'steps', 'victimPublicKey']);
  assert.match(report.victimPublicKey, POINT);
  assert.equal(typeof report.queries, 'number');
  assert.ok(Array.isArray(report.residues) && Array.isArray(report.steps));
  for (const r of report.residues) {
    assert.deepEqual(Object.keys(r).sort(), ['b', 'prime', 'residue']);
    assert.ok(r.residue >= 0 && r.residue <= r.prime / 2, `${r.residue} mod ${r.prime}`);
  }
}

/** d mod q for a hex scalar. */
function modQ(hex, q) {
  return Number(BigInt(`0x${hex}`) % BigInt(q));
}

test('invalidCurveAttack is exported and typed', () => {
  assert.equal(typeof api.invalidCurveAttack, 'function');
  assert.equal(typeof api.InvalidCurveRun, 'function');
  assert.match(dts, /export function invalidCurveAttack\(options\?: InvalidCurveOptions \| null\): InvalidCurveReport;/);
});

test('a random server key is recovered, and matches the public key', () => {
  const report = api.invalidCurveAttack();
  checkReport(report);
  assert.equal(report.error, null);
  assert.match(report.recoveredPrivateKey, HEX64);
  const pair = api.KeyPair.importPrivateKey(report.recoveredPrivateKey, 'P-256');
  assert.equal(pair.publicKey('raw'), report.victimPublicKey);
  pair.free();
  assert.equal(report.queries, report.residues.length);
  // The residues' primes multiply to more than n² ≈ 2^512.
  const bits = report.residues.reduce((sum, r) => sum + Math.log2(r.prime), 0);
  assert.ok(bits > 512, `${bits} bits`);
  for (const r of report.residues) {
    const d = modQ(report.recoveredPrivateKey, r.prime);
    assert.ok(d === r.residue || d === (r.prime - r.residue) % r.prime, `q = ${r.prime}`);
  }
  assert.equal(report.steps.at(-2).value, report.recoveredPrivateKey);
});

test('given keys, raw hex and PKCS#8 PEM, are recovered', () => {
  for (const form of ['raw', 'pem']) {
    const key = newKey();
    const report = api.invalidCurveAttack({ victimPrivateKey: key[form] });
    checkReport(report);
    assert.equal(report.victimPublicKey, key.publicRaw);
    assert.equal(report.recoveredPrivateKey, key.raw, form);
  }
});

test('a seed gives the same server every time', () => {
  const a = api.invalidCurveAttack({ seed: 'lesson' });
  const b = api.invalidCurveAttack({ seed: 'lesson' });
  assert.equal(a.victimPublicKey, b.victimPublicKey);
  assert.deepEqual(a.residues, b.residues);
  assert.notEqual(api.invalidCurveAttack({ seed: 'other' }).victimPublicKey, a.victimPublicKey);
});

test('validate: the playground ECDH refuses the first point with its own message', () => {
  const key = newKey();
  const report = api.invalidCurveAttack({ victimPrivateKey: key.pem, validate: true });
  checkReport(report);
  assert.equal(report.recoveredPrivateKey, null);
  assert.equal(report.queries, 1);
  assert.deepEqual(report.residues, []);
  // The same message the playground gives for that point, pasted as a peer key.
  const point = report.error.match(/04[0-9a-f]{128}/)[0];
  const pair = api.KeyPair.importPrivateKey(key.pem);
  assert.throws(() => pair.sharedSecret(point), (e) => {
    assert.equal(e.message, 'point is not on the curve');
    assert.ok(report.error.endsWith(`: ${e.message}`), report.error);
    return true;
  });
  pair.free();
});

test('InvalidCurveRun steps one query at a time', () => {
  const key = newKey();
  const run = new api.InvalidCurveRun({ victimPrivateKey: key.raw });
  assert.equal(run.victimPublicKey, key.publicRaw);
  assert.equal(run.queries, 0);
  assert.ok(run.total > 50);
  let bits = 0;
  while (!run.done) {
    const q = run.step();
    assert.deepEqual(Object.keys(q).sort(), ['b', 'modulusBits', 'prime', 'refused', 'residue', 'tries', 'x', 'y']);
    assert.match(q.x, HEX64);
    assert.ok(q.modulusBits > bits);
    bits = q.modulusBits;
    assert.equal(q.refused, null);
  }
  assert.equal(run.queries, run.total);
  assert.equal(run.step(), null);
  assert.ok(run.tries > run.total);
  assert.equal(run.result().recoveredPrivateKey, key.raw);
  run.free();
});

test('bad options are refused by name, and the module goes on working', () => {
  assert.throws(() => api.invalidCurveAttack({ validate: 'yes' }), /validate must be true or false, got string/);
  assert.throws(() => api.invalidCurveAttack({ victimPrivateKey: 42 }), /victimPrivateKey must be a string, got number/);
  assert.throws(() => api.invalidCurveAttack({ seeds: 'x' }), /unknown option "seeds"; the options are victimPrivateKey, validate, seed/);
  assert.throws(() => api.invalidCurveAttack('x'), /options: expected an object, got string/);
  assert.throws(() => api.invalidCurveAttack({ victimPrivateKey: 'not a key' }), /^Error: victimPrivateKey: /);
  const x = api.KeyPair.generate('X25519');
  assert.throws(() => api.invalidCurveAttack({ victimPrivateKey: x.revealPrivateKey('pem') }), /expected a P-256 key, got an X25519 key/);
  x.free();
  assert.match(api.invalidCurveAttack({ seed: 'after' }).recoveredPrivateKey, HEX64);
});
