// The benchmark harness, shared by the bench page (bench.js, in the visitor's browser) and
// `make bench` (bench/run.mjs, in Node and in headless Chromium): the operations, written
// once for each implementation, and the timing loop. No DOM here.
//
// Implementations: ours (this project's WebAssembly module), WebCrypto (crypto.subtle) and
// noble (@noble/curves, @noble/hashes, @noble/ciphers: audited pure JavaScript). Each does
// the same work on the same inputs, in the shape its API is meant to be used: WebCrypto
// keys are imported once (CryptoKey objects); ours and noble take the peer's public key as
// text or bytes on every call, so parsing and point validation are inside their timings.

/** The operations, in the order of the table. */
export const OPERATIONS = [
  { id: 'p256-keygen', label: 'P-256 key generation' },
  { id: 'p256-ecdh', label: 'P-256 ECDH' },
  { id: 'x25519-keygen', label: 'X25519 key generation' },
  { id: 'x25519-dh', label: 'X25519 DH' },
  { id: 'ecdsa-sign', label: 'ECDSA P-256 sign' },
  { id: 'ecdsa-verify', label: 'ECDSA P-256 verify' },
  { id: 'hkdf', label: 'HKDF-SHA256, 32 bytes' },
  { id: 'aes-1k', label: 'AES-256-GCM seal, 1 KiB' },
  { id: 'aes-1m', label: 'AES-256-GCM seal, 1 MiB', heavy: true },
  { id: 'flow', label: 'Page flow (X25519)' },
];

/** What the page flow does, for the table's footnote. */
export const FLOW_DESCRIPTION = 'two X25519 key pairs, public keys exchanged (PEM for ours, '
  + 'raw for the others), both shared secrets, HKDF-Extract and -Expand on each side, one '
  + 'short message sealed by Alice and opened by Bob: what the playground page does.';

/** The implementations, in the order of the table's columns. */
export const IMPLEMENTATIONS = [
  { id: 'ours', name: 'ours (wasm)' },
  // The same crate built with `+wide-arithmetic` (www/pkg/core-wide), where the browser
  // runs the proposal (Chromium 156 behind --js-flags=--wasm-wide-arithmetic).
  { id: 'ours-wide', name: 'ours (wide)' },
  { id: 'webcrypto', name: 'WebCrypto' },
  { id: 'noble', name: 'noble' },
];

/** Ours and its builds: the subjects of the ratios; the others are the peers. */
export const SUBJECTS = ['ours', 'ours-wide'];
export const PEERS = ['webcrypto', 'noble'];

/**
 * Timing presets: `make bench` uses `full`; the smoke test and `?quick=1` use `quick`.
 * A run is `rounds` rounds; in each, every operation of every implementation is warmed up
 * for `warmupMs` and timed for `samples` samples of at least `sampleMs` (the round's rate
 * is their median). The table gives the median over the rounds with min–max, and each
 * round's ratios are computed from that round alone.
 */
export const PRESETS = {
  full: { rounds: 5, warmupMs: 100, sampleMs: 400, samples: 1 },
  quick: { rounds: 3, warmupMs: 5, sampleMs: 20, samples: 1 },
};

// RFC 5869 test case 1: the HKDF operation's inputs, and the first 32 bytes of its OKM.
const HKDF_IKM = new Uint8Array(22).fill(0x0b);
const HKDF_SALT = Uint8Array.from({ length: 13 }, (_, i) => i);
const HKDF_INFO = Uint8Array.from({ length: 10 }, (_, i) => 0xf0 + i);
const HKDF_OKM = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf';

const encoder = new TextEncoder();
const FLOW_INFO = encoder.encode('ecdh-playground chat v1');
const FLOW_MESSAGE = encoder.encode('Hello Bob, this is Alice.');
const EMPTY = new Uint8Array(0);

function randomBytes(length) {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(out.subarray(i, i + 65536));
  return out;
}

function hex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

function equalBytes(a, b) {
  return hex(a) === hex(b);
}

/** The inputs every implementation works on, made once per run. */
export function makeInputs() {
  return {
    message: randomBytes(64),
    aesKey: randomBytes(32),
    aesNonce: randomBytes(12),
    kib: randomBytes(1024),
    mib: randomBytes(1024 * 1024),
  };
}

function check(condition, what) {
  if (!condition) throw new Error(`self-test failed: ${what}`);
}

/**
 * Our WebAssembly module. `api` is the module's exports after init (wasm.js's ready() in
 * the browser, initSync in Node).
 */
export function ours(api, inputs, id = 'ours') {
  const alice = api.KeyPair.generate('P-256');
  const bobRaw = api.KeyPair.generate('P-256').publicKey('raw');
  const xAlice = api.KeyPair.generate('X25519');
  const xBobRaw = api.KeyPair.generate('X25519').publicKey('raw');
  const signer = api.SigningKey.generate();
  const signerRaw = signer.publicKey('raw');
  const signature = signer.signP1363(inputs.message);

  const flow = () => {
    const a = api.KeyPair.generate('X25519');
    const b = api.KeyPair.generate('X25519');
    const aPub = a.publicKey('pem');
    const bPub = b.publicKey('pem');
    const sa = a.sharedSecret(bPub);
    const sb = b.sharedSecret(aPub);
    a.free();
    b.free();
    const ka = api.hkdfExpand(api.hkdfExtract(null, sa), FLOW_INFO, 32);
    const kb = api.hkdfExpand(api.hkdfExtract(null, sb), FLOW_INFO, 32);
    return api.decrypt(kb, api.encrypt(ka, FLOW_MESSAGE));
  };

  return {
    id,
    ops: {
      'p256-keygen': () => api.KeyPair.generate('P-256').free(),
      'p256-ecdh': () => alice.sharedSecret(bobRaw),
      'x25519-keygen': () => api.KeyPair.generate('X25519').free(),
      'x25519-dh': () => xAlice.sharedSecret(xBobRaw),
      'ecdsa-sign': () => signer.signP1363(inputs.message),
      'ecdsa-verify': () => api.verifySignature(signerRaw, inputs.message, signature),
      hkdf: () => api.hkdf(HKDF_IKM, HKDF_SALT, HKDF_INFO, 32),
      'aes-1k': () => api.encrypt(inputs.aesKey, inputs.kib),
      'aes-1m': () => api.encrypt(inputs.aesKey, inputs.mib),
      flow,
    },
    selfTest() {
      const a = api.KeyPair.generate('P-256');
      const b = api.KeyPair.generate('P-256');
      check(equalBytes(a.sharedSecret(b.publicKey('raw')), b.sharedSecret(a.publicKey('raw'))), 'ours: P-256 ECDH');
      a.free();
      b.free();
      check(api.verifySignature(signerRaw, inputs.message, signature), 'ours: ECDSA verify');
      check(hex(api.hkdf(HKDF_IKM, HKDF_SALT, HKDF_INFO, 32)) === HKDF_OKM, 'ours: HKDF (RFC 5869 case 1)');
      check(equalBytes(flow(), FLOW_MESSAGE), 'ours: page flow');
      return hex(api.encryptWithNonce(inputs.aesKey, inputs.aesNonce, inputs.kib));
    },
  };
}

/**
 * WebCrypto. Keys are generated or imported once, as CryptoKey objects; every call is
 * awaited in turn, as a page would. Operations the browser lacks (X25519 before
 * Chromium 133, Firefox 130, Safari 17) are left out and reported as unsupported.
 */
export async function webcrypto(subtle, inputs) {
  const ecdh = { name: 'ECDH', namedCurve: 'P-256' };
  const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' };
  const sha = { name: 'ECDSA', hash: 'SHA-256' };
  const alice = await subtle.generateKey(ecdh, false, ['deriveBits']);
  const bob = await subtle.generateKey(ecdh, true, ['deriveBits']);
  const signer = await subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const signature = await subtle.sign(sha, signer.privateKey, inputs.message);
  const hkdfKey = await subtle.importKey('raw', HKDF_IKM, 'HKDF', false, ['deriveBits']);
  const hkdfParams = { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: HKDF_INFO };
  const aesKey = await subtle.importKey('raw', inputs.aesKey, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const seal = (data) => subtle.encrypt({ name: 'AES-GCM', iv: randomBytes(12) }, aesKey, data);

  const ops = {
    'p256-keygen': () => subtle.generateKey(ecdh, false, ['deriveBits']),
    'p256-ecdh': () => subtle.deriveBits({ name: 'ECDH', public: bob.publicKey }, alice.privateKey, 256),
    'ecdsa-sign': () => subtle.sign(sha, signer.privateKey, inputs.message),
    'ecdsa-verify': () => subtle.verify(sha, signer.publicKey, signature, inputs.message),
    hkdf: () => subtle.deriveBits(hkdfParams, hkdfKey, 256),
    'aes-1k': () => seal(inputs.kib),
    'aes-1m': () => seal(inputs.mib),
  };
  const unsupported = {};

  let flow = null;
  try {
    const x = { name: 'X25519' };
    const xAlice = await subtle.generateKey(x, false, ['deriveBits']);
    const xBob = await subtle.generateKey(x, true, ['deriveBits']);
    ops['x25519-keygen'] = () => subtle.generateKey(x, false, ['deriveBits']);
    ops['x25519-dh'] = () => subtle.deriveBits({ name: 'X25519', public: xBob.publicKey }, xAlice.privateKey, 256);
    const derive = async (own, peerRaw) => {
      const peer = await subtle.importKey('raw', peerRaw, x, false, []);
      const secret = await subtle.deriveBits({ name: 'X25519', public: peer }, own.privateKey, 256);
      const ikm = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits']);
      const okm = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: EMPTY, info: FLOW_INFO }, ikm, 256);
      return subtle.importKey('raw', okm, 'AES-GCM', false, ['encrypt', 'decrypt']);
    };
    flow = async () => {
      const a = await subtle.generateKey(x, false, ['deriveBits']);
      const b = await subtle.generateKey(x, false, ['deriveBits']);
      const aPub = await subtle.exportKey('raw', a.publicKey);
      const bPub = await subtle.exportKey('raw', b.publicKey);
      const ka = await derive(a, bPub);
      const kb = await derive(b, aPub);
      const iv = randomBytes(12);
      const envelope = await subtle.encrypt({ name: 'AES-GCM', iv }, ka, FLOW_MESSAGE);
      return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv }, kb, envelope));
    };
    ops.flow = flow;
  } catch (e) {
    const why = `this browser's WebCrypto has no X25519 (${e.name})`;
    for (const id of ['x25519-keygen', 'x25519-dh', 'flow']) unsupported[id] = why;
  }

  return {
    id: 'webcrypto',
    ops,
    unsupported,
    async selfTest() {
      const bobSecret = await subtle.deriveBits({ name: 'ECDH', public: alice.publicKey }, bob.privateKey, 256);
      const aliceSecret = await ops['p256-ecdh']();
      check(equalBytes(aliceSecret, bobSecret), 'WebCrypto: P-256 ECDH');
      check(await ops['ecdsa-verify'](), 'WebCrypto: ECDSA verify');
      check(hex(await ops.hkdf()) === HKDF_OKM, 'WebCrypto: HKDF (RFC 5869 case 1)');
      if (flow) check(equalBytes(await flow(), FLOW_MESSAGE), 'WebCrypto: page flow');
      const sealed = await subtle.encrypt({ name: 'AES-GCM', iv: inputs.aesNonce }, aesKey, inputs.kib);
      return hex(inputs.aesNonce) + hex(sealed);
    },
  };
}

/**
 * Loads noble from `base` (a URL of the folder holding curves/, hashes/, ciphers/: the
 * copy bench/vendor.mjs makes in www/vendor/noble/). Resolves to null when it is missing.
 */
export async function loadNoble(base) {
  try {
    const at = (file) => new URL(file, base).href;
    const [nist, ed25519, hkdf, sha2, aes] = await Promise.all([
      import(at('curves/nist.js')), import(at('curves/ed25519.js')), import(at('hashes/hkdf.js')),
      import(at('hashes/sha2.js')), import(at('ciphers/aes.js')),
    ]);
    return {
      p256: nist.p256, x25519: ed25519.x25519, hkdf: hkdf.hkdf, extract: hkdf.extract,
      expand: hkdf.expand, sha256: sha2.sha256, gcm: aes.gcm,
    };
  } catch {
    return null;
  }
}

/** noble, from the modules loadNoble returns. */
export function noble(lib, inputs) {
  const { p256, x25519, sha256, gcm } = lib;
  const alice = p256.keygen();
  const bob = p256.keygen();
  const xAlice = x25519.keygen();
  const xBob = x25519.keygen();
  const signer = p256.keygen();
  const signature = p256.sign(inputs.message, signer.secretKey);
  // ECDH's shared secret is the x-coordinate: the point without its 1-byte SEC1 prefix.
  const ecdh = (secretKey, publicKey) => p256.getSharedSecret(secretKey, publicKey).subarray(1);
  const seal = (data) => {
    const nonce = randomBytes(12);
    const sealed = gcm(inputs.aesKey, nonce).encrypt(data);
    const envelope = new Uint8Array(12 + sealed.length);
    envelope.set(nonce);
    envelope.set(sealed, 12);
    return envelope;
  };
  const flow = () => {
    const a = x25519.keygen();
    const b = x25519.keygen();
    const sa = x25519.getSharedSecret(a.secretKey, b.publicKey);
    const sb = x25519.getSharedSecret(b.secretKey, a.publicKey);
    const ka = lib.expand(sha256, lib.extract(sha256, sa), FLOW_INFO, 32);
    const kb = lib.expand(sha256, lib.extract(sha256, sb), FLOW_INFO, 32);
    const nonce = randomBytes(12);
    return gcm(kb, nonce).decrypt(gcm(ka, nonce).encrypt(FLOW_MESSAGE));
  };

  return {
    id: 'noble',
    ops: {
      'p256-keygen': () => p256.keygen(),
      'p256-ecdh': () => ecdh(alice.secretKey, bob.publicKey),
      'x25519-keygen': () => x25519.keygen(),
      'x25519-dh': () => x25519.getSharedSecret(xAlice.secretKey, xBob.publicKey),
      'ecdsa-sign': () => p256.sign(inputs.message, signer.secretKey),
      'ecdsa-verify': () => p256.verify(signature, inputs.message, signer.publicKey),
      hkdf: () => lib.hkdf(sha256, HKDF_IKM, HKDF_SALT, HKDF_INFO, 32),
      'aes-1k': () => seal(inputs.kib),
      'aes-1m': () => seal(inputs.mib),
      flow,
    },
    selfTest() {
      check(equalBytes(ecdh(alice.secretKey, bob.publicKey), ecdh(bob.secretKey, alice.publicKey)), 'noble: P-256 ECDH');
      check(p256.verify(signature, inputs.message, signer.publicKey), 'noble: ECDSA verify');
      check(hex(lib.hkdf(sha256, HKDF_IKM, HKDF_SALT, HKDF_INFO, 32)) === HKDF_OKM, 'noble: HKDF (RFC 5869 case 1)');
      check(equalBytes(flow(), FLOW_MESSAGE), 'noble: page flow');
      return hex(inputs.aesNonce) + hex(gcm(inputs.aesKey, inputs.aesNonce).encrypt(inputs.kib));
    },
  };
}

/* ---------- Timing ---------- */

let sink;
const pause = () => new Promise((resolve) => { setTimeout(resolve, 0); });

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** { median, min, max } of a list of numbers. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(sorted), min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Times the implementations of one operation together, interleaved: `ops` is a list of
 * [id, op] (op synchronous, or returning a promise that is awaited before the next call).
 * Each is warmed up for `warmupMs` (which also sizes its batches); then each of `samples`
 * samples takes turns of about a twentieth of `sampleMs` per implementation, round-robin,
 * until every implementation has run for at least `sampleMs`. Interleaving puts them under
 * the same load: on a busy machine their ratio moves much less than their rates do.
 * Resolves to { id: { median, min, max, samples, iterations } } in operations per second.
 */
export async function measureTogether(ops, { warmupMs, sampleMs, samples }) {
  const turnMs = Math.max(1, sampleMs / 20);
  const state = [];
  for (const [id, op] of ops) {
    const first = op();
    const isAsync = typeof first?.then === 'function';
    sink = isAsync ? await first : first;
    let warmed = 0;
    const w0 = performance.now();
    let warmElapsed = 0;
    do {
      sink = isAsync ? await op() : op();
      warmed += 1;
      warmElapsed = performance.now() - w0;
    } while (warmElapsed < warmupMs);
    const perOp = warmElapsed / warmed;
    // Calls per turn; the clock is read once a turn (coarse browser clocks stay exact enough).
    const batch = Math.max(1, Math.min(1e6, Math.floor(turnMs / Math.max(perOp, 1e-6))));
    state.push({ id, op, isAsync, batch, rates: [], iterations: 0 });
  }
  for (let s = 0; s < samples; s += 1) {
    await pause();
    for (const st of state) Object.assign(st, { n: 0, elapsed: 0 });
    while (state.some((st) => st.elapsed < sampleMs)) {
      for (const st of state) {
        if (st.elapsed >= sampleMs) continue;
        const { op, batch } = st;
        const t0 = performance.now();
        if (st.isAsync) for (let i = 0; i < batch; i += 1) sink = await op();
        else for (let i = 0; i < batch; i += 1) sink = op();
        st.elapsed += performance.now() - t0;
        st.n += batch;
      }
    }
    for (const st of state) {
      st.rates.push((st.n * 1000) / st.elapsed);
      st.iterations += st.n;
    }
  }
  return Object.fromEntries(state.map((st) => [st.id, { ...spread(st.rates), samples: st.rates, iterations: st.iterations }]));
}

/** Each subject's ratio to each peer (and the wide build's to ours), from `rates[impl]`. */
function ratiosOf(rates) {
  const out = {};
  for (const subject of SUBJECTS) {
    if (rates[subject] === undefined) continue;
    const row = {};
    for (const peer of [...(subject === 'ours' ? [] : ['ours']), ...PEERS]) {
      if (rates[peer] !== undefined) row[peer] = rates[subject] / rates[peer];
    }
    out[subject] = row;
  }
  return out;
}

/**
 * Runs every operation on every implementation, `options.rounds` times over, as a job
 * (job-runner.js): an async generator that measures one operation (its implementations
 * interleaved, measureTogether) per step and yields `{ done, total, text }`, so a Web
 * Worker or the page can drive it with progress and Cancel. `implementations` are the
 * objects ours(), webcrypto() and noble() return; each is self-tested first, and their
 * AES-GCM outputs under one key and nonce must agree. Returns { options, results: [{ op,
 * impl, median, min, max, samples (one rate per round), iterations }], rounds: [{ rates,
 * ratios, worst }], unsupported: [{ op, impl, why }] }; `worst[subject][peer]` is the
 * round's slowest operation against that peer, `{ op, ratio }`.
 */
export async function* runRounds(implementations, options = PRESETS.full) {
  const rounds = options.rounds ?? 1;
  const sealed = [];
  for (const impl of implementations) sealed.push([impl.id, await impl.selfTest()]);
  for (const [id, value] of sealed) {
    if (value !== sealed[0][1]) throw new Error(`self-test failed: ${id}'s AES-256-GCM differs from ${sealed[0][0]}'s`);
  }

  const unsupported = [];
  const runnable = [];
  for (const operation of OPERATIONS) {
    for (const impl of implementations) {
      if (impl.ops[operation.id]) runnable.push([operation, impl]);
      else unsupported.push({ op: operation.id, impl: impl.id, why: impl.unsupported?.[operation.id] ?? 'not available' });
    }
  }
  const steps = OPERATIONS.filter((operation) => runnable.some(([o]) => o === operation));
  const total = steps.length * rounds;
  const perRound = [];
  const measured = {}; // `${op} ${impl}` → [round results]
  let done = 0;
  for (let round = 0; round < rounds; round += 1) {
    const rates = {};
    for (const operation of steps) {
      const impls = runnable.filter(([o]) => o === operation).map(([, impl]) => impl);
      yield { done, total, text: `round ${round + 1} of ${rounds}: ${operation.label}, ${impls.map((i) => i.id).join(' | ')}` };
      const results = await measureTogether(impls.map((impl) => [impl.id, impl.ops[operation.id]]), options);
      for (const [id, result] of Object.entries(results)) {
        (measured[`${operation.id} ${id}`] ??= []).push(result);
        (rates[operation.id] ??= {})[id] = result.median;
      }
      done += 1;
    }
    const ratios = Object.fromEntries(Object.entries(rates).map(([op, r]) => [op, ratiosOf(r)]));
    const worst = {};
    for (const [op, bySubject] of Object.entries(ratios)) {
      for (const [subject, byPeer] of Object.entries(bySubject)) {
        for (const [peer, ratio] of Object.entries(byPeer)) {
          worst[subject] ??= {};
          if (!worst[subject][peer] || ratio < worst[subject][peer].ratio) worst[subject][peer] = { op, ratio };
        }
      }
    }
    perRound.push({ rates, ratios, worst });
  }
  const results = runnable.map(([operation, impl]) => {
    const list = measured[`${operation.id} ${impl.id}`];
    const samples = list.map((r) => r.median);
    return {
      op: operation.id, impl: impl.id, ...spread(samples), samples,
      iterations: list.reduce((n, r) => n + r.iterations, 0),
    };
  });
  return { options, results, rounds: perRound, unsupported };
}

/** runRounds driven to its end here: `onProgress(text, done, total)` before each step. */
export async function runAll(implementations, { options = PRESETS.full, onProgress = () => {} } = {}) {
  const job = runRounds(implementations, options);
  for (;;) {
    const { value, done } = await job.next();
    if (done) {
      onProgress('done', value.results.length, value.results.length);
      return value;
    }
    onProgress(value.text, value.done, value.total);
    await pause();
  }
}

/* ---------- Reporting ---------- */

/**
 * One row per operation: { op, label, rates: { impl: result or undefined }, ratios: {
 * peer: ours ÷ peer }, wide: { peer or 'ours': ours-wide ÷ it }, spreads: { subject: {
 * peer: { median, min, max } } } } (a ratio above 1 means ours is faster). With rounds,
 * a ratio is the median of the rounds' own ratios, and its spread their min–max.
 */
export function summarize(run) {
  return OPERATIONS.map((operation) => {
    const rates = {};
    for (const r of run.results) if (r.op === operation.id) rates[r.impl] = r;
    const spreads = {};
    if (run.rounds?.length) {
      for (const round of run.rounds) {
        for (const [subject, byPeer] of Object.entries(round.ratios[operation.id] ?? {})) {
          for (const [peer, ratio] of Object.entries(byPeer)) ((spreads[subject] ??= {})[peer] ??= []).push(ratio);
        }
      }
      for (const byPeer of Object.values(spreads)) {
        for (const [peer, list] of Object.entries(byPeer)) byPeer[peer] = spread(list);
      }
    } else {
      const medians = Object.fromEntries(Object.entries(rates).map(([id, r]) => [id, r.median]));
      for (const [subject, byPeer] of Object.entries(ratiosOf(medians))) {
        spreads[subject] = Object.fromEntries(Object.entries(byPeer).map(([peer, r]) => [peer, { median: r, min: r, max: r }]));
      }
    }
    const pick = (subject) => Object.fromEntries(Object.entries(spreads[subject] ?? {}).map(([peer, s]) => [peer, s.median]));
    return { op: operation.id, label: operation.label, rates, ratios: pick('ours'), wide: pick('ours-wide'), spreads };
  });
}

/** Operations per second, short: 812, 12.3 k, 1.24 M. */
export function formatRate(n) {
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)} M`;
  if (n >= 1e3) return `${(n / 1e3).toPrecision(3)} k`;
  return n >= 100 ? n.toFixed(0) : n.toPrecision(3);
}

/** A ratio as "2.41×" (ours ÷ peer). */
export function formatRatio(r) {
  return r === undefined ? '–' : `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

const NAMES = Object.fromEntries(IMPLEMENTATIONS.map((i) => [i.id, i.name]));

/** The ratio columns a run has: [{ subject, peer, title }]. */
export function ratioColumns(run) {
  const present = new Set(run.results.map((r) => r.impl));
  const out = [];
  for (const subject of SUBJECTS) {
    if (!present.has(subject)) continue;
    for (const peer of [...(subject === 'ours' ? [] : ['ours']), ...PEERS]) {
      if (present.has(peer)) out.push({ subject, peer, title: `${NAMES[subject]} ÷ ${NAMES[peer]}` });
    }
  }
  return out;
}

/** Each round's slowest operation against noble (and WebCrypto), as lines of text. */
export function formatRounds(run) {
  const label = Object.fromEntries(OPERATIONS.map((o) => [o.id, o.label]));
  return (run.rounds ?? []).map((round, i) => {
    const parts = [];
    for (const [subject, byPeer] of Object.entries(round.worst)) {
      for (const [peer, w] of Object.entries(byPeer)) {
        if (peer === 'ours') continue;
        parts.push(`${NAMES[subject]} ÷ ${NAMES[peer]} lowest: ${label[w.op]} ${formatRatio(w.ratio)}`);
      }
    }
    return `round ${i + 1}: ${parts.join('; ')}`;
  });
}

/** The run as a plain-text table, for the terminal. */
export function formatTable(run) {
  const rows = summarize(run);
  const present = IMPLEMENTATIONS.filter(({ id }) => run.results.some((r) => r.impl === id));
  const columns = ratioColumns(run);
  const head = ['operation', ...present.map((i) => `${i.name} ops/s (min–max)`), ...columns.map((c) => c.title)];
  const body = rows.map((row) => [
    row.label,
    ...present.map(({ id }) => {
      const r = row.rates[id];
      return r ? `${formatRate(r.median)} (${formatRate(r.min)}–${formatRate(r.max)})` : 'n/a';
    }),
    ...columns.map(({ subject, peer }) => {
      const s = row.spreads[subject]?.[peer];
      return s ? `${formatRatio(s.median)} (${formatRatio(s.min)}–${formatRatio(s.max)})` : '–';
    }),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
