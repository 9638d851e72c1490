// The wide-arithmetic build (www/pkg/core-wide: core built with +wide-arithmetic, whose
// P-256 field multiplication uses WebAssembly's i64.mul_wide_u) and the loader's choice
// of it (www/js/wasm.js). Two Chromiums: one launched with the V8 flag that enables the
// proposal (bench/run.mjs's launchWide: its name differs between Chromium versions), one
// without, as visitors have it today.
// - Without the flag, wideArithmetic() is false and the playground loads pkg/first.
// - With it, the playground loads pkg/core-wide (a superset of first) and works; if
//   core-wide is missing on the server, it falls back to pkg/first.
// - With it, the wide build passes the P-256 vectors whole (Wycheproof ECDH with points,
//   Wycheproof ECDSA P1363, RFC 5903, RFC 6979) and gives the same output or the same
//   error as core for every one of them, and for keys, secrets and signatures from 64
//   seeds (the arithmetic the flag changes is P-256's; X25519 and AES are checked by
//   the seeded keys and the page flow).
// Only this file's test of the build; the wasm-bindgen suite (tests/wasm_api.rs) runs
// on the usual builds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer, launchBrowser, session, watch } from './harness.mjs';
import { launchWide, WIDE_FLAGS } from '../../bench/run.mjs';

const data = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'data', file), 'utf8'));

let server;
let plain;
let wide;
// The flag under which this Chromium runs the proposal, or null: Chromium 148 knows its
// instructions under --experimental-wasm-wide-arithmetic and compiles only the two
// multiplies, not i64.add128 and i64.sub128, which the build also uses. Where no flag
// makes it run, the tests below check that every flag leaves the page on the usual
// build, working, and say that core-wide itself was not run.
let flag = null;
// Chromiums launched with each flag that does not make the proposal run.
const partial = [];

before(async () => {
  server = await startServer();
  plain = await launchBrowser();
  ({ browser: wide, flag } = await launchWide());
  if (flag === null) {
    await wide.close();
    wide = null;
    for (const f of WIDE_FLAGS) {
      partial.push(await launchBrowser([f]));
    }
  }
});

after(async () => {
  await plain?.close();
  await wide?.close();
  for (const b of partial) await b.close();
  await server?.stop();
});

/** Said where this Chromium runs no wide arithmetic under any flag. */
function notRun(t, what) {
  t.diagnostic(`Chromium ${plain.version()} runs WebAssembly's wide arithmetic under none of ${WIDE_FLAGS.join(', ')}: ${what} not run here`);
}

/** The .wasm files a cold load of the playground fetched, as paths under www/. */
async function playgroundWasm(browser, { missingWide = false } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = await watch(page, server.origin);
  if (missingWide) await context.route('**/pkg/core-wide/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const wasm = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.wasm')) wasm.push(url.pathname.replace(/^\//, ''));
  });
  try {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
    // body[data-ready]: the first keys were made and shown, so the module works.
    const detected = await page.evaluate(async () => (await import('/js/wasm.js')).wideArithmetic());
    return { wasm: [...new Set(wasm)], detected, issues: await watcher.issues() };
  } finally {
    await context.close();
  }
}

test('without the flag: no wide arithmetic, and the playground loads pkg/first', async () => {
  const { wasm, detected, issues } = await playgroundWasm(plain);
  assert.equal(detected, false);
  assert.deepEqual(wasm, ['pkg/first/ecdh_playground_bg.wasm']);
  assert.deepEqual(issues.consoleErrors, []);
  assert.deepEqual(issues.pageErrors, []);
});

test('with the flag: the playground loads pkg/core-wide instead, and works (where no flag makes the proposal run, pkg/first)', async (t) => {
  if (flag === null) {
    notRun(t, 'core-wide in the playground');
    for (const browser of partial) {
      const { wasm, detected, issues } = await playgroundWasm(browser);
      assert.equal(detected, false);
      assert.deepEqual(wasm, ['pkg/first/ecdh_playground_bg.wasm']);
      assert.deepEqual(issues.consoleErrors, []);
      assert.deepEqual(issues.pageErrors, []);
    }
    return;
  }
  const { wasm, detected, issues } = await playgroundWasm(wide);
  assert.equal(detected, true);
  // The page's preload link fetches first's .wasm too; the module that runs is core-wide's.
  assert.ok(wasm.includes('pkg/core-wide/ecdh_playground_bg.wasm'), wasm.join(', '));
  assert.deepEqual(issues.consoleErrors, []);
  assert.deepEqual(issues.pageErrors, []);
  assert.deepEqual(issues.cspViolations, []);
});

test('with the flag and no core-wide on the server: the playground falls back to pkg/first', async (t) => {
  if (flag === null) {
    notRun(t, 'the fallback from a missing core-wide');
    return;
  }
  const { wasm, issues } = await playgroundWasm(wide, { missingWide: true });
  assert.ok(wasm.includes('pkg/first/ecdh_playground_bg.wasm'), wasm.join(', '));
  // The only complaints are the missing files themselves.
  assert.deepEqual(issues.pageErrors, []);
  assert.ok(issues.badResponses.every((r) => r.includes('/pkg/core-wide/')), issues.badResponses.join('\n'));
  assert.ok(issues.consoleErrors.every((e) => /404/.test(e)), issues.consoleErrors.join('\n'));
});

/** Runs every vector through one build in the page; returns one outcome per vector. */
function runVectors(page, build, vectors) {
  return page.evaluate(async ({ build: which, vectors: v }) => {
    const wasm = await import('/js/wasm.js');
    const api = which === 'core-wide' ? await wasm.ready('core') : await wasm.ready('core', { exact: true });
    // ready('core') falls back to core (and says so here) where core-wide fails to load.
    const wideRan = which === 'core-wide' && wasm.wideArithmetic();
    const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const bytes = (h) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
    const outcome = (f) => {
      try {
        const value = f();
        return { ok: typeof value === 'boolean' ? value : hex(value) };
      } catch (e) {
        return { error: e.message };
      }
    };
    // A Wycheproof private key may have a leading zero byte, or fewer than 32 bytes.
    const scalar = (h) => h.replace(/^(00)+/, '').padStart(64, '0');
    const out = { ecdh: [], ecdsa: [], seeded: [], wideRan };
    for (const t of v.ecdh) {
      out.ecdh.push(outcome(() => api.KeyPair.importPrivateKey(scalar(t.private), 'P-256').sharedSecret(t.public)));
    }
    for (const g of v.ecdsa) {
      for (const t of g.tests) out.ecdsa.push(outcome(() => api.verifySignature(g.key, bytes(t.msg), bytes(t.sig))));
    }
    const i = api.KeyPair.importPrivateKey(v.rfc5903.i, 'P-256');
    out.rfc5903 = outcome(() => i.sharedSecret(v.rfc5903.responder_public_uncompressed));
    const signer = api.SigningKey.importPrivateKey(v.rfc6979.key.x);
    out.rfc6979 = v.rfc6979.tests.map((t) => outcome(() => signer.signP1363(new TextEncoder().encode(t.message))));
    for (let n = 0; n < 64; n += 1) {
      const seed = Uint8Array.from({ length: 32 }, (_, k) => (n * 37 + k * 11) & 0xff);
      const other = Uint8Array.from({ length: 32 }, (_, k) => (n * 53 + k * 7 + 1) & 0xff);
      for (const curve of ['P-256', 'X25519']) {
        const a = api.KeyPair.fromSeed(curve, seed);
        const b = api.KeyPair.fromSeed(curve, other);
        out.seeded.push(a.publicKey('raw'), hex(a.sharedSecret(b.publicKey('pem'))));
      }
      const key = api.SigningKey.fromSeed(seed);
      const message = seed.subarray(0, n);
      const signature = key.signP1363(message);
      out.seeded.push(hex(signature), api.verifySignature(key.publicKey('raw'), message, signature));
      out.seeded.push(hex(api.encryptWithNonce(seed, other.subarray(0, 12), message)));
    }
    return out;
  }, { build, vectors });
}

test('with the flag: core-wide passes the P-256 vectors whole and agrees with core everywhere', async (t) => {
  if (flag === null) {
    notRun(t, 'the P-256 vectors through core-wide');
    return;
  }
  const ecdhFile = data('wycheproof/ecdh_secp256r1_ecpoint_test.json');
  const ecdsaFile = data('wycheproof/ecdsa_secp256r1_sha256_p1363_test.json');
  const vectors = {
    ecdh: ecdhFile.testGroups.flatMap((g) => g.tests),
    ecdsa: ecdsaFile.testGroups.map((g) => ({ key: g.publicKey.uncompressed, tests: g.tests })),
    rfc5903: data('rfc/rfc5903_ecdh_p256.json').tests[0],
    rfc6979: data('rfc/rfc6979_p256_sha256.json'),
  };
  const s = session(wide, server);
  try {
    const page = await s.open('/bench.html');
    const loaded = [];
    page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
    const w = await runVectors(page, 'core-wide', vectors);
    const c = await runVectors(page, 'core', vectors);
    assert.ok(loaded.includes('/pkg/core-wide/ecdh_playground_bg.wasm') && loaded.includes('/pkg/core/ecdh_playground_bg.wasm'), 'both builds loaded');
    assert.equal(w.wideRan, true, 'core-wide ran (ready did not fall back to core)');
    delete w.wideRan;
    delete c.wideRan;

    assert.equal(w.ecdh.length, ecdhFile.numberOfTests);
    vectors.ecdh.forEach((t, n) => {
      const got = w.ecdh[n];
      if (t.result === 'valid') assert.deepEqual(got, { ok: t.shared }, `ECDH tcId ${t.tcId} (${t.comment})`);
      if (t.result === 'invalid') assert.ok(got.error, `ECDH tcId ${t.tcId} (${t.comment}) refused: ${JSON.stringify(got)}`);
      if (t.result === 'acceptable' && got.ok !== undefined) assert.equal(got.ok, t.shared, `ECDH tcId ${t.tcId}`);
    });
    const ecdsaTests = vectors.ecdsa.flatMap((g) => g.tests);
    assert.equal(w.ecdsa.length, ecdsaFile.numberOfTests);
    ecdsaTests.forEach((t, n) => {
      const got = w.ecdsa[n];
      if (t.result === 'valid') assert.deepEqual(got, { ok: true }, `ECDSA tcId ${t.tcId} (${t.comment})`);
      if (t.result === 'invalid') assert.ok(got.ok === false || got.error, `ECDSA tcId ${t.tcId} (${t.comment}) refused: ${JSON.stringify(got)}`);
    });
    assert.deepEqual(w.rfc5903, { ok: vectors.rfc5903.girx });
    assert.deepEqual(w.rfc6979, vectors.rfc6979.tests.map((t) => ({ ok: t.signature_p1363 })));
    assert.equal(w.seeded.length, 64 * 7);
    // Every outcome, errors included, is the same from both builds.
    assert.deepEqual(w, c);
  } catch (error) {
    const report = await s.finish({ check: false }).catch((e) => String(e));
    if (report) error.message += `\n--- what the page did ---\n${report}`;
    throw error;
  }
  await s.finish();
});

test('with the flag: the bench page measures the wide build beside the usual one (where no flag makes the proposal run, the usual one, and says why)', async (t) => {
  if (flag === null) {
    notRun(t, 'the bench of core-wide');
    for (const browser of partial) {
      const s = session(browser, server);
      const page = await s.open('/bench.html?quick=1&impls=ours,ours-wide,noble');
      await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 60_000 });
      const run = await page.evaluate(() => window.__benchResults);
      assert.deepEqual([...new Set(run.results.map((r) => r.impl))], ['ours', 'noble']);
      assert.match(await page.locator('#wide-note').textContent(), /has no WebAssembly wide arithmetic/);
      await s.finish();
    }
    return;
  }
  const s = session(wide, server);
  try {
    const page = await s.open('/bench.html?quick=1&impls=ours,ours-wide,noble');
    await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 60_000 });
    const run = await page.evaluate(() => window.__benchResults);
    assert.deepEqual([...new Set(run.results.map((r) => r.impl))], ['ours', 'ours-wide', 'noble']);
    assert.match(await page.locator('#wide-note').textContent(), /has WebAssembly wide arithmetic/);
    for (const ratio of ['ours-wide/ours', 'ours-wide/noble', 'noble']) {
      assert.equal(await page.locator(`#bench-body td[data-ratio="${ratio}"]`).count(), 10, ratio);
    }
    for (const round of run.rounds) assert.ok(round.worst['ours-wide'].noble.op, 'each round names the wide build\'s worst operation');
    assert.equal(await page.locator('#chart svg rect[data-op].ours-wide').count(), 10);
  } catch (error) {
    const report = await s.finish({ check: false }).catch((e) => String(e));
    if (report) error.message += `\n--- what the page did ---\n${report}`;
    throw error;
  }
  await s.finish();
});
