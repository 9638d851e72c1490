// The code export (www/js/snippets.js) and the WebCrypto cross-check (www/js/crosscheck.js)
// against the generated package, for a seeded lesson on both curves: every Python,
// WebCrypto and openssl snippet is run (Python `cryptography` from the project's .venv,
// or $ECDH_PLAYGROUND_PYTHON; Node's WebCrypto; the openssl command line under bash and
// dash) and must print exactly the value the package computes. The cross-check runs on
// Node's crypto.subtle with the same values and must say 'match', and 'mismatch' for a
// tampered expectation. Run from the repository root: node --test tests/node/
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });
(await import('../../www/js/module.js')).useModule(api);
const snippets = await import('../../www/js/snippets.js');
const crosscheck = await import('../../www/js/crosscheck.js');

const PYTHON = process.env.ECDH_PLAYGROUND_PYTHON || path.join(ROOT, '.venv', 'bin', 'python');
const utf8 = (text) => new TextEncoder().encode(text);
const hex = (bytes) => Buffer.from(bytes).toString('hex');
/** The text as TextEncoder (and so the package) sees it: lone surrogates become U+FFFD. */
const wellFormed = (text) => new TextDecoder().decode(utf8(text));

/* ---------- Running programs ---------- */

/** Runs `command args` with `input` on stdin; resolves to { code, stdout, stderr }. */
function run(command, args, { input = '', cwd = ROOT, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({
      code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'),
    }));
    child.stdin.end(input);
  });
}

// At most this many programs at once: enough to hide start-up time, few enough for CI.
let running = 0;
const waiting = [];
async function limited(task) {
  if (running >= Math.max(2, os.cpus().length)) await new Promise((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await task();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const RUNNERS = {
  python: (code) => run(PYTHON, ['-'], { input: code, env: { PYTHONIOENCODING: 'utf-8' } }),
  webcrypto: (code) => run(process.execPath, ['--input-type=module'], { input: code }),
  openssl: (code, shell) => withTempDir((dir) => run(shell, ['-s'], { input: code, cwd: dir })),
};

async function withTempDir(body) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecdh-snippet-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs every snippet of `generated` and asserts each printed exactly `expected` and a
 * line break (openssl under both bash and dash). `label` names the case in failures.
 */
async function assertSnippetsPrint(label, generated, expected, { openssl = true, opensslReason = /openssl enc.*AEAD/ } = {}) {
  assert.deepEqual(Object.keys(generated).sort(), ['openssl', 'opensslReason', 'python', 'webcrypto']);
  const jobs = [['python', generated.python], ['webcrypto', generated.webcrypto]];
  if (openssl) {
    assert.equal(typeof generated.openssl, 'string', `${label}: an openssl snippet`);
    assert.equal(generated.opensslReason, null);
    jobs.push(['openssl', generated.openssl, 'bash'], ['openssl', generated.openssl, 'sh']);
  } else {
    assert.equal(generated.openssl, null, `${label}: no openssl snippet`);
    assert.match(generated.opensslReason, opensslReason);
  }
  await Promise.all(jobs.map(async ([kind, code, shell]) => {
    const { code: status, stdout, stderr } = await limited(() => RUNNERS[kind](code, shell));
    const name = `${label}: ${kind}${shell ? ` (${shell})` : ''}`;
    assert.equal(status, 0, `${name} exited with ${status}\n${stderr}\n--- program ---\n${code}`);
    assert.equal(stdout, `${expected}\n`, `${name} printed the wrong line\n${stderr}\n--- program ---\n${code}`);
  }));
}

/* ---------- The lesson ---------- */

const SEED = utf8('snippets lesson');
const NONCE = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
// Text a student might type, and text made to break quoting: quotes of every kind,
// backslashes that look like escapes, shell and template syntax, the heredoc
// delimiter, percent signs for printf, a line break, a NUL, a bidi override, a lone
// surrogate and characters outside the BMP.
const PLAIN_TRICKY = 'it\'s "quoted" \\ back\\slash \\n \\x41 \\u0041 ünïcødé 🔑 $HOME `id` ${x} %s %% \'\'\' """ END_OF_PEM';
const HOSTILE = `${PLAIN_TRICKY}\nsecond line\ttab\r\u0000nul \u202egnirts\u202c \u2028 \ud800 \u{e0041}`;
const KDF_VARIANTS = [
  { saltText: '', infoText: 'chat v1' },
  { saltText: 'lesson salt', infoText: '' },
  { saltText: PLAIN_TRICKY, infoText: HOSTILE },
  { saltText: HOSTILE, infoText: PLAIN_TRICKY },
];
const MESSAGES = [
  { plaintext: 'hello Bob', aadText: '' },
  { plaintext: PLAIN_TRICKY, aadText: 'header v1' },
  { plaintext: HOSTILE, aadText: HOSTILE },
  { plaintext: '', aadText: '' },
];

function lesson(curve) {
  const alice = api.KeyPair.fromSeed(curve, SEED, 'alice');
  const bob = api.KeyPair.fromSeed(curve, SEED, 'bob');
  const secret = alice.sharedSecret(bob.publicKey('pem'));
  assert.equal(hex(bob.sharedSecret(alice.publicKey('pem'))), hex(secret));
  return { curve, alice, bob, secret };
}

const textOrNull = (text) => (text === '' ? null : utf8(text));
const kdfValues = ({ secret }, { saltText, infoText }) => ({
  okm: api.hkdf(secret, textOrNull(saltText), utf8(infoText), 32),
  prk: api.hkdfExtract(textOrNull(saltText), secret),
});

let pythonChecked = null;
before(async () => {
  // Never skip: without cryptography the Python snippets are unchecked, so say so and fail.
  pythonChecked = existsSync(PYTHON)
    ? await run(PYTHON, ['-c', 'import cryptography; print(cryptography.__version__)'])
    : { code: -1, stdout: '', stderr: `${PYTHON} does not exist` };
});

test('Python with the cryptography package is available for the snippets', () => {
  assert.equal(pythonChecked.code, 0,
    `The Python snippets need ${PYTHON} with the cryptography package.\n`
    + 'Create it with: python3 -m venv .venv && .venv/bin/pip install -r tests/interop/requirements.txt\n'
    + `(or set ECDH_PLAYGROUND_PYTHON). It said: ${pythonChecked.stderr.trim().split('\n').pop()}`);
});

/* ---------- Escaping ---------- */

const ESCAPE_CASES = ['', 'plain', "it's", '"double"', '"""', "'''", 'back\\slash', '\\n is not a line break',
  '\\x41\\u0041\\U00000041\\N{BULLET}', 'new\nline', 'cr\r\nlf', 'tab\t', 'nul\u0000', 'del\u007f', 'nel\u0085',
  'ünïcødé', '🔑 emoji', 'bidi \u202e override', 'zero\u200bwidth', 'line\u2028separator', 'lone \ud800',
  'tag \u{e0041} char', '${x} `y` $z %s %%', PLAIN_TRICKY, HOSTILE];

test('stringLiteral makes the same string in Python and JavaScript, hiding nothing raw', async () => {
  for (const text of ESCAPE_CASES) {
    for (const language of ['python', 'js']) {
      const literal = snippets.stringLiteral(text, language);
      assert.doesNotMatch(literal, /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u, `${language} ${JSON.stringify(text)}: nothing invisible raw`);
    }
    // eslint-disable-next-line no-new-func
    assert.equal(new Function(`return ${snippets.stringLiteral(text, 'js')};`)(), wellFormed(text), JSON.stringify(text));
  }
  const program = `for s in [${ESCAPE_CASES.map((t) => snippets.stringLiteral(t, 'python')).join(', ')}]:\n    print(s.encode().hex())\n`;
  const { code, stdout, stderr } = await run(PYTHON, ['-'], { input: program });
  assert.equal(code, 0, stderr);
  assert.deepEqual(stdout.trimEnd().split('\n'), ESCAPE_CASES.map((t) => hex(utf8(t))));
  assert.throws(() => snippets.stringLiteral('x', 'ruby'), /unknown language/);
});

test('shellQuote gives one word holding exactly the text, in bash and dash; NUL is refused', async () => {
  const cases = ESCAPE_CASES.filter((t) => !t.includes('\u0000'));
  const script = cases.map((t) => `printf '%s' ${snippets.shellQuote(t)} | od -An -v -tx1 | tr -d ' \\n'; echo`).join('\n');
  for (const shell of ['bash', 'sh']) {
    const { code, stdout, stderr } = await run(shell, ['-s'], { input: script });
    assert.equal(code, 0, stderr);
    assert.deepEqual(stdout.split('\n').slice(0, -1), cases.map((t) => hex(utf8(t))), shell);
  }
  assert.throws(() => snippets.shellQuote('a\u0000b'), /cannot hold a NUL/);
});

/* ---------- Snippets, run ---------- */

test('X25519MLKEM768: the hybrid snippets (Python cryptography; @noble/post-quantum with WebCrypto) print Alice\'s 64-byte secret', async () => {
  const alice = api.HybridKeyPair.fromSeed(SEED, 'alice');
  const half = alice.x25519KeyPair();
  const values = { mlkemSeedHex: hex(alice.revealMlkemSeed()), x25519PrivateKeyPem: half.revealPrivateKey('pem') };
  // Bob's answer from a seed and a fresh one: the code takes any answer.
  for (const answer of [api.hybridRespond(alice.publicShare, utf8('bob')), api.hybridRespond(alice.publicShare)]) {
    const secret = alice.finish(answer.serverShare);
    assert.equal(hex(secret), hex(answer.sharedSecret));
    await assertSnippetsPrint('hybrid', snippets.hybridFinish({ ...values, serverShareHex: hex(answer.serverShare) }), hex(secret), {
      openssl: false, opensslReason: /not in OpenSSL 3\.0/,
    });
  }
  // A changed ciphertext is no error in any of them: implicit rejection gives another secret.
  const answer = api.hybridRespond(alice.publicShare, utf8('bob'));
  const changed = answer.serverShare.slice();
  changed[5] ^= 1;
  const other = alice.finish(changed);
  assert.notEqual(hex(other), hex(answer.sharedSecret));
  await assertSnippetsPrint('hybrid, changed ciphertext', snippets.hybridFinish({ ...values, serverShareHex: hex(changed) }), hex(other), {
    openssl: false, opensslReason: /not in OpenSSL 3\.0/,
  });
  assert.throws(() => snippets.hybridFinish({ ...values, mlkemSeedHex: '00' }), /ML-KEM seed: expected 64 bytes, got 1/);
  const p256 = api.KeyPair.fromSeed('P-256', SEED, 'alice');
  assert.throws(() => snippets.hybridFinish({ ...values, x25519PrivateKeyPem: p256.revealPrivateKey('pem'), serverShareHex: hex(answer.serverShare) }), /expected an X25519 key, got a P-256 key/);
});

for (const curve of ['P-256', 'X25519']) {
  test(`${curve}: the ECDH snippets print the shared secret`, async () => {
    const l = lesson(curve);
    const values = { privateKeyPem: l.alice.revealPrivateKey('pem'), peerPublicKeyPem: l.bob.publicKey('pem') };
    await assertSnippetsPrint(`${curve} ecdh`, snippets.ecdh({ curve, ...values }), hex(l.secret));
    // The curve is read from the keys; CRLF and stray white space in the PEM are fine.
    const messy = { privateKeyPem: `\r\n  ${values.privateKeyPem.replace(/\n/g, '\r\n')}  `, peerPublicKeyPem: values.peerPublicKeyPem };
    assert.deepEqual(snippets.ecdh(messy), snippets.ecdh({ curve, ...values }));
  });

  test(`${curve}: the HKDF and HKDF-Extract snippets print the key and the PRK`, async () => {
    const l = lesson(curve);
    await Promise.all(KDF_VARIANTS.map(async (variant, i) => {
      const { okm, prk } = kdfValues(l, variant);
      const values = { secretHex: hex(l.secret), ...variant };
      await assertSnippetsPrint(`${curve} hkdf #${i}`, snippets.hkdf(values), hex(okm));
      await assertSnippetsPrint(`${curve} hkdfExtract #${i}`, snippets.hkdfExtract(values), hex(prk));
    }));
    // Another length, as the lesson on key blocks might ask.
    const long = api.hkdf(l.secret, null, utf8('key block'), 80);
    await assertSnippetsPrint(`${curve} hkdf 80 bytes`, snippets.hkdf({ secretHex: hex(l.secret), infoText: 'key block', length: 80 }), hex(long));
  });

  test(`${curve}: the AES-GCM snippets open the page's envelope and seal the same one`, async () => {
    const l = lesson(curve);
    const { okm } = kdfValues(l, KDF_VARIANTS[0]);
    await Promise.all(MESSAGES.map(async ({ plaintext, aadText }, i) => {
      const envelope = api.encryptWithNonce(okm, NONCE, utf8(plaintext), aadText === '' ? undefined : utf8(aadText));
      const open = snippets.aesGcmOpen({ keyHex: hex(okm), envelopeHex: hex(envelope), aadText });
      await assertSnippetsPrint(`${curve} aesGcmOpen #${i}`, open, wellFormed(plaintext), { openssl: false });
      const seal = snippets.aesGcmSeal({ keyHex: hex(okm), nonceHex: hex(NONCE), plaintext, aadText });
      await assertSnippetsPrint(`${curve} aesGcmSeal #${i}`, seal, hex(envelope), { openssl: false });
    }));
  });
}

test('the ECDSA snippets print true for a good signature (DER or r ‖ s) and false for a bad one', async () => {
  const signer = api.SigningKey.fromSeed(SEED, 'server');
  const publicKeyPem = signer.publicKey('pem');
  const cases = [];
  for (const message of ['ServerKeyExchange params', HOSTILE, '']) {
    const der = signer.sign(utf8(message));
    const raw = signer.signP1363(utf8(message));
    const badS = Uint8Array.from(der);
    badS[der.length - 1] ^= 0x01;
    cases.push(
      { messageText: message, signatureHex: hex(der) },
      { messageText: message, signatureHex: hex(raw) },
      { messageText: `${message}!`, signatureHex: hex(der) },
      { messageText: message, signatureHex: hex(badS) },
    );
  }
  await Promise.all(cases.map(async (values, i) => {
    const expected = api.verifySignature(publicKeyPem, utf8(values.messageText), Buffer.from(values.signatureHex, 'hex'));
    assert.equal(expected, i % 4 < 2, `case ${i}: the package's verdict`);
    await assertSnippetsPrint(`ecdsaVerify #${i}`, snippets.ecdsaVerify({ publicKeyPem, ...values }), String(expected));
  }));
});

test('snippets refuse values they cannot write safely, saying which and why', () => {
  const p256 = lesson('P-256');
  const x25519 = lesson('X25519');
  const good = { privateKeyPem: p256.alice.revealPrivateKey('pem'), peerPublicKeyPem: p256.bob.publicKey('pem') };
  const cases = [
    [() => snippets.ecdh({ ...good, curve: 'X25519' }), /expected X25519 keys, got P-256 keys/],
    [() => snippets.ecdh({ ...good, peerPublicKeyPem: x25519.bob.publicKey('pem') }), /private key is P-256 but the peer public key is X25519/],
    [() => snippets.ecdh({ ...good, privateKeyPem: good.peerPublicKeyPem }), /private key: expected a private key, got a public key/],
    [() => snippets.ecdh({ ...good, peerPublicKeyPem: good.privateKeyPem }), /peer public key: expected a public key, got a private key: never share it/],
    [() => snippets.ecdh({ ...good, privateKeyPem: 'hello' }), /private key: malformed private key: not recognised/],
    [() => snippets.ecdh({ ...good, peerPublicKeyPem: good.peerPublicKeyPem.replace('MFkw', 'MF"""kw') }), /peer public key: malformed PEM: the base64 between BEGIN and END: '"' is not a base64 character/],
    [() => snippets.ecdh({ ...good, peerPublicKeyPem: good.peerPublicKeyPem.replace('MFkw', 'MF`${x}`kw') }), /peer public key: malformed PEM: the base64 between BEGIN and END: '`' is not a base64 character/],
    [() => snippets.ecdh({ ...good, peerPublicKeyPem: good.peerPublicKeyPem.replace('END PUBLIC', 'END PRIVATE') }), /peer public key: malformed PEM: no "-----END PUBLIC KEY-----" line/],
    [() => snippets.hkdf({ secretHex: 'zz' }), /shared secret: expected hex/],
    [() => snippets.hkdf({ secretHex: '00', length: 8161 }), /from 1 to 8160, got 8161/],
    [() => snippets.aesGcmOpen({ keyHex: '00'.repeat(31), envelopeHex: '00'.repeat(28) }), /AES-256 key: expected 32 bytes, got 31/],
    [() => snippets.aesGcmOpen({ keyHex: '00'.repeat(32), envelopeHex: '00'.repeat(27) }), /expected at least 28 bytes, got 27/],
    [() => snippets.aesGcmSeal({ keyHex: '00'.repeat(32), nonceHex: '00'.repeat(11), plaintext: '' }), /nonce: expected 12 bytes, got 11/],
    [() => snippets.ecdsaVerify({ publicKeyPem: x25519.bob.publicKey('pem'), messageText: '', signatureHex: '00'.repeat(64) }), /expected a P-256 key for ECDSA/],
    [() => snippets.ecdsaVerify({ publicKeyPem: good.peerPublicKeyPem, messageText: '', signatureHex: '3006020101020101ff' }), /signature: malformed signature: expected DER \(a SEQUENCE of two INTEGERs\) or 64 bytes r ‖ s, got 9 bytes that start like DER/],
  ];
  for (const [call, message] of cases) assert.throws(call, message, String(message));
});

test('snippets take keys in any form the module reads, and write them as canonical PEM', () => {
  const p256 = lesson('P-256');
  const good = { privateKeyPem: p256.alice.revealPrivateKey('pem'), peerPublicKeyPem: p256.bob.publicKey('pem') };
  const expected = snippets.ecdh(good);
  const quoted = good.peerPublicKeyPem.split('\n').map((line) => `> ${line}`).join('\n');
  for (const variant of [
    { privateKeyPem: p256.alice.revealPrivateKey('jwk') },
    { privateKeyPem: p256.alice.revealPrivateKey('pkcs8') },
    { peerPublicKeyPem: p256.bob.publicKey('jwk') },
    { peerPublicKeyPem: p256.bob.publicKey('raw') },
    { peerPublicKeyPem: p256.bob.publicKey('openssh') },
    { peerPublicKeyPem: quoted },
  ]) {
    assert.deepEqual(snippets.ecdh({ ...good, ...variant }), expected, JSON.stringify(variant));
  }
});

/* ---------- The cross-check on Node's WebCrypto ---------- */

const tamper = (hexText) => `${hexText.slice(0, -2)}${((parseInt(hexText.slice(-2), 16) ^ 1)).toString(16).padStart(2, '0')}`;

for (const curve of ['P-256', 'X25519']) {
  test(`${curve}: crosscheck.ecdh matches with PEM and with JWK, and not with a tampered secret`, async () => {
    const l = lesson(curve);
    const expectedSecretHex = hex(l.secret);
    const pem = { curve, privateKeyPkcs8Pem: l.alice.revealPrivateKey('pem'), peerPublicKeySpkiPem: l.bob.publicKey('pem') };
    const jwk = { curve, privateKeyJwk: l.alice.revealPrivateKey('jwk'), peerPublicKeyJwk: JSON.parse(l.bob.publicKey('jwk')) };
    for (const keys of [pem, jwk]) {
      const ok = await crosscheck.ecdh({ ...keys, expectedSecretHex });
      assert.equal(ok.status, 'match', ok.detail);
      assert.equal(ok.actual, expectedSecretHex);
      const bad = await crosscheck.ecdh({ ...keys, expectedSecretHex: tamper(expectedSecretHex) });
      assert.equal(bad.status, 'mismatch', bad.detail);
      assert.match(bad.detail, /different shared secret/);
    }
  });

  test(`${curve}: crosscheck.hkdf and crosscheck.aesGcmOpen match the package`, async () => {
    const l = lesson(curve);
    for (const variant of KDF_VARIANTS) {
      const { okm, prk } = kdfValues(l, variant);
      const values = { ikmHex: hex(l.secret), ...variant, expectedOkmHex: hex(okm) };
      const ok = await crosscheck.hkdf({ ...values, expectedPrkHex: hex(prk) });
      assert.equal(ok.status, 'match', ok.detail);
      assert.equal((await crosscheck.hkdf(values)).status, 'match');
      const badOkm = await crosscheck.hkdf({ ...values, expectedOkmHex: tamper(hex(okm)) });
      assert.equal(badOkm.status, 'mismatch', badOkm.detail);
      const badPrk = await crosscheck.hkdf({ ...values, expectedPrkHex: tamper(hex(prk)) });
      assert.equal(badPrk.status, 'mismatch', badPrk.detail);
      assert.match(badPrk.detail, /PRK/);
    }
    const { okm } = kdfValues(l, KDF_VARIANTS[0]);
    for (const { plaintext, aadText } of MESSAGES) {
      const envelope = hex(api.encryptWithNonce(okm, NONCE, utf8(plaintext), aadText === '' ? undefined : utf8(aadText)));
      const values = { keyHex: hex(okm), envelopeHex: envelope, aadText, expectedPlaintext: plaintext };
      const ok = await crosscheck.aesGcmOpen(values);
      assert.equal(ok.status, 'match', ok.detail);
      assert.equal(ok.actual, wellFormed(plaintext));
      const other = await crosscheck.aesGcmOpen({ ...values, expectedPlaintext: `${plaintext}.` });
      assert.equal(other.status, 'mismatch', other.detail);
      const flipped = await crosscheck.aesGcmOpen({ ...values, envelopeHex: tamper(envelope) });
      assert.equal(flipped.status, 'mismatch');
      assert.match(flipped.detail, /tag does not match/);
      const wrongAad = await crosscheck.aesGcmOpen({ ...values, aadText: `${aadText}x` });
      assert.equal(wrongAad.status, 'mismatch');
    }
  });
}

test('crosscheck.ecdsaVerify agrees with the package on DER, r ‖ s, bad and malformed signatures', async () => {
  const signer = api.SigningKey.fromSeed(SEED, 'server');
  const message = 'ServerKeyExchange params';
  const der = hex(signer.sign(utf8(message)));
  const raw = hex(signer.signP1363(utf8(message)));
  const keys = [{ publicKeySpkiPem: signer.publicKey('pem') }, { publicKeyJwk: signer.publicKey('jwk') }];
  for (const key of keys) {
    for (const [signatureHex, messageText] of [[der, message], [raw, message], [tamper(der), message],
      [der, `${message}!`], ['3006020101020101', message], ['00'.repeat(10), message]]) {
      const expected = api.verifySignature(signer.publicKey('pem'), utf8(messageText), Buffer.from(signatureHex, 'hex'));
      const ok = await crosscheck.ecdsaVerify({ ...key, messageText, signatureHex, expected });
      assert.equal(ok.status, 'match', `${signatureHex}: ${ok.detail}`);
      assert.equal(ok.actual, expected);
      const wrong = await crosscheck.ecdsaVerify({ ...key, messageText, signatureHex, expected: !expected });
      assert.equal(wrong.status, 'mismatch', wrong.detail);
    }
  }
});

test("the cross-check says 'unsupported' when WebCrypto lacks the curve or is missing, and never guesses", async () => {
  const l = lesson('X25519');
  const values = {
    curve: 'X25519', privateKeyPkcs8Pem: l.alice.revealPrivateKey('pem'), peerPublicKeySpkiPem: l.bob.publicKey('pem'),
    expectedSecretHex: hex(l.secret),
  };
  // What a browser without X25519 does: importKey rejects with NotSupportedError.
  const older = {
    importKey: async () => { throw new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'); },
  };
  const unsupported = await crosscheck.ecdh(values, { subtle: older });
  assert.equal(unsupported.status, 'unsupported');
  assert.match(unsupported.detail, /does not support X25519/);
  // Any other refusal is a disagreement, not 'unsupported'.
  const strict = { importKey: async () => { throw new DOMException('Invalid keyData', 'DataError'); } };
  const refused = await crosscheck.ecdh(values, { subtle: strict });
  assert.equal(refused.status, 'mismatch');
  assert.match(refused.detail, /refused the private key.*DataError/);
  // No crypto.subtle at all (a page over plain http from another host).
  for (const call of [
    () => crosscheck.ecdh(values, { subtle: null }),
    () => crosscheck.hkdf({ ikmHex: '00', expectedOkmHex: '00' }, { subtle: null }),
    () => crosscheck.aesGcmOpen({ keyHex: '00'.repeat(32), envelopeHex: '00'.repeat(28), expectedPlaintext: '' }, { subtle: null }),
    () => crosscheck.ecdsaVerify({ publicKeySpkiPem: values.peerPublicKeySpkiPem, messageText: '', signatureHex: '00', expected: false }, { subtle: null }),
  ]) {
    const r = await call();
    assert.equal(r.status, 'unsupported');
    assert.match(r.detail, /not a secure context/);
  }
});

test('the cross-check throws for malformed arguments instead of reporting a mismatch', async () => {
  const l = lesson('P-256');
  const pem = { privateKeyPkcs8Pem: l.alice.revealPrivateKey('pem'), peerPublicKeySpkiPem: l.bob.publicKey('pem') };
  await assert.rejects(crosscheck.ecdh({ curve: 'P-384', ...pem, expectedSecretHex: '00' }), /unknown curve "P-384"/);
  await assert.rejects(crosscheck.ecdh({ curve: 'P-256', ...pem, expectedSecretHex: 'xyz' }), /expected shared secret: expected hex/);
  await assert.rejects(crosscheck.ecdh({ curve: 'P-256', peerPublicKeySpkiPem: pem.peerPublicKeySpkiPem, expectedSecretHex: '00' }), /private key: give it as PEM or as a JWK/);
  await assert.rejects(crosscheck.ecdh({ curve: 'P-256', privateKeyPkcs8Pem: pem.peerPublicKeySpkiPem, peerPublicKeySpkiPem: pem.peerPublicKeySpkiPem, expectedSecretHex: '00' }), /expected a PEM "PRIVATE KEY", got "PUBLIC KEY"/);
  await assert.rejects(crosscheck.hkdf({ ikmHex: '00', expectedOkmHex: '00', length: 0 }), /from 1 to 8160/);
  await assert.rejects(crosscheck.aesGcmOpen({ keyHex: '00', envelopeHex: '00'.repeat(28), expectedPlaintext: '' }), /expected 32 bytes, got 1/);
  await assert.rejects(crosscheck.ecdsaVerify({ publicKeySpkiPem: pem.peerPublicKeySpkiPem, messageText: '', signatureHex: '00' }), /expected: true or false/);
});

test('the ECDSA snippets also verify a binary message (the TLS signed data), in all three languages', async () => {
  for (const group of ['x25519', 'secp256r1']) {
    for (const mallory of ['none', 'swap-key']) {
      const report = api.tls12Handshake({ group, mallory, serverIdentity: api.SigningKey.fromSeed(SEED, 'tls').revealPrivateKey('pem') });
      const values = { publicKeyPem: report.serverIdentityPublicKey, messageHex: report.signedData, signatureHex: report.signature };
      const expected = api.verifySignature(values.publicKeyPem, Buffer.from(values.messageHex, 'hex'), Buffer.from(values.signatureHex, 'hex'));
      assert.equal(expected, report.signatureValid, `${group} ${mallory}: the package agrees with the report`);
      await assertSnippetsPrint(`ecdsaVerify bytes ${group} ${mallory}`, snippets.ecdsaVerify(values), String(expected));
    }
  }
});

test('the key-pair snippets recompute the public key from the private key, and WebCrypto agrees', async () => {
  for (const curve of ['P-256', 'X25519']) {
    const pair = api.KeyPair.fromSeed(curve, SEED, 'alice');
    const privateKeyPem = pair.revealPrivateKey('pem');
    await assertSnippetsPrint(`publicKeyOf ${curve}`, snippets.publicKeyOf({ privateKeyPem }), pair.publicKey('raw'));
    const check = await crosscheck.publicKeyOf({ curve, privateKeyPkcs8Pem: privateKeyPem, expectedPublicRawHex: pair.publicKey('raw') });
    assert.equal(check.status, 'match', check.detail);
    const other = api.KeyPair.fromSeed(curve, SEED, 'bob').publicKey('raw');
    assert.equal((await crosscheck.publicKeyOf({ curve, privateKeyPkcs8Pem: privateKeyPem, expectedPublicRawHex: other })).status, 'mismatch');
  }
});

test('the HKDF-Expand-Label snippets print the Illustrated TLS 1.3 values and the package\'s; WebCrypto\'s HMAC agrees', async () => {
  // The Illustrated TLS 1.3 Connection (tests/data/tls/tls13_illustrated.json, MIT).
  const file = JSON.parse(readFileSync(new URL('../data/tls/tls13_illustrated.json', import.meta.url), 'utf8'));
  const ks = file.key_schedule;
  const cases = [
    { secretHex: ks.server_handshake_traffic_secret.value, label: 'key', contextHex: '', length: 32, hash: 'SHA-384', expected: ks.server_handshake_key.value },
    { secretHex: ks.server_handshake_traffic_secret.value, label: 'iv', contextHex: '', length: 12, hash: 'SHA-384', expected: ks.server_handshake_iv.value },
    { secretHex: ks.early_secret.value, label: 'derived', contextHex: ks.empty_hash.value, length: 48, hash: 'SHA-384', expected: ks.derived_secret_for_handshake.value },
    { secretHex: ks.handshake_secret.value, label: 'c hs traffic', contextHex: ks.hello_hash.value, length: 48, hash: 'SHA-384', expected: ks.client_handshake_traffic_secret.value },
  ];
  // SHA-256 and an output longer than one HMAC block, against the package.
  const secret = new Uint8Array(32).fill(7);
  const context = new Uint8Array(32).fill(9);
  cases.push({ secretHex: hex(secret), label: 's ap traffic', contextHex: hex(context), length: 40, hash: 'SHA-256', expected: hex(api.hkdfExpandLabel(secret, 's ap traffic', context, 40, 'SHA-256')) });
  await Promise.all(cases.map(async ({ expected, ...values }) => {
    await assertSnippetsPrint(`hkdfExpandLabel ${values.label} ${values.hash}`, snippets.hkdfExpandLabel(values), expected);
    const check = await crosscheck.hkdfExpandLabel({ ...values, expectedHex: expected });
    assert.equal(check.status, 'match', check.detail);
    const flipped = (parseInt(expected.slice(-2), 16) ^ 1).toString(16).padStart(2, '0');
    const wrong = await crosscheck.hkdfExpandLabel({ ...values, expectedHex: `${expected.slice(0, -2)}${flipped}` });
    assert.equal(wrong.status, 'mismatch');
  }));
  assert.throws(() => snippets.hkdfExpandLabel({ ...cases[0], label: "key'; rm" }), /label: expected lowercase letters/);
  assert.throws(() => snippets.hkdfExpandLabel({ ...cases[0], hash: 'SHA-512' }), /hash/);
  assert.throws(() => snippets.hkdfExpandLabel({ ...cases[0], secretHex: '00' }), /secret: expected at least 48 bytes/);
});
