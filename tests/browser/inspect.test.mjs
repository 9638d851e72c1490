// End-to-end tests of the key inspector (www/inspect.html), of "What is inside this key"
// under the playground's key cards, and of the one-party tab's peer box with private
// keys, certificates and the tab's own key, in headless Chromium under the site's
// Content-Security-Policy. Run from the repository root:
//   node --test --test-concurrency=1 tests/browser/inspect.test.mjs
// The pastes are made fresh by openssl and ssh-keygen for every run; what the page shows
// is checked against them, against Node's crypto and against `openssl asn1parse`.
// Every browser test ends by asserting that no watched page logged a console error,
// threw, violated the CSP or requested anything from another origin.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, browserSuite, waitForText, waitForValue, assertNoOverflow, axeViolations } from './harness.mjs';
import { flattenDer, innermostAt, byteRole, ancestorsOf, hexPairs, nodeDetail } from '../../www/js/der-tree.js';
import {
  peerPaste, splitWarnings, sourceText, inspectorFragment, keyFromFragment, brokenKeyFragment, PRIVATE_KEY_WARNING,
} from '../../www/js/inspection.js';

let server;
const browserTest = browserSuite((s) => {
  server = s;
});

/* ---------- Fresh keys from openssl and ssh-keygen ---------- */

const dir = mkdtempSync(path.join(os.tmpdir(), 'ecdh-inspect-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command in the temp dir; resolves to its stdout (text, or bytes with `binary`). */
function run(command, args, { input, binary = false } = {}) {
  return execFileSync(command, args, {
    cwd: dir, input, encoding: binary ? undefined : 'utf8', stdio: ['pipe', 'pipe', 'pipe'],
  });
}
const file = (name) => readFileSync(path.join(dir, name), 'utf8');

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest();
const grouped = (bytes, size) => Buffer.from(bytes).toString('hex').match(new RegExp(`.{1,${size * 2}}`, 'g')).join(' ');
/** The page's public-key fingerprint, computed by Node: SHA-256 of the DER SPKI, 8 bytes. */
function nodeFingerprint(publicKeyText) {
  const der = crypto.createPublicKey(publicKeyText).export({ type: 'spki', format: 'der' });
  return grouped(sha256(der).subarray(0, 8), 2);
}

const SUBJECT = '/CN=inspector test/O=ECDH Playground';
const SUBJECT_TEXT = 'CN=inspector test, O=ECDH Playground';

run('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-out', 'ecparam.pem']);
run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
  '-subj', SUBJECT, '-days', '365', '-keyout', 'cert.key', '-out', 'cert.pem']);
run('ssh-keygen', ['-q', '-t', 'ecdsa', '-b', '256', '-N', '', '-C', 'student@inspector.test', '-f', 'ssh']);
run('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'quoted.key']);
run('openssl', ['genpkey', '-algorithm', 'X25519', '-out', 'x25519.key']);

const P = {
  ecparam: {
    paste: file('ecparam.pem'),
    publicPem: run('openssl', ['pkey', '-in', 'ecparam.pem', '-pubout']),
  },
  certificate: {
    paste: file('cert.pem'),
    publicPem: run('openssl', ['x509', '-in', 'cert.pem', '-noout', '-pubkey']),
    der: run('openssl', ['x509', '-in', 'cert.pem', '-outform', 'DER'], { binary: true }),
  },
  openssh: {
    paste: file('ssh.pub'),
    publicPem: run('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', 'ssh.pub']),
  },
  quoted: {
    publicPem: run('openssl', ['pkey', '-in', 'quoted.key', '-pubout']),
  },
  x25519: {
    publicPem: run('openssl', ['pkey', '-in', 'x25519.key', '-pubout']),
  },
};
// PEM quoted in an e-mail reply: every line behind "> ".
P.quoted.paste = P.quoted.publicPem.trimEnd().split('\n').map((line) => `> ${line}`).join('\n');
// Two PEM blocks: the P-256 key is read, the X25519 key after it is skipped.
P.twoBlocks = { paste: `${P.quoted.publicPem}\n${P.x25519.publicPem}`, publicPem: P.quoted.publicPem };

/** `openssl asn1parse` of a DER document: [{ offset, depth, headerLength, length, kind, value }]. */
function asn1parse(der) {
  const out = run('openssl', ['asn1parse', '-inform', 'DER'], { input: der });
  return out.trim().split('\n').map((line) => {
    const m = /^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)\s+(?:prim|cons):\s+(.*?)\s*(?::(.*))?$/.exec(line);
    assert.ok(m, `asn1parse line: ${line}`);
    return {
      offset: Number(m[1]), depth: Number(m[2]), headerLength: Number(m[3]), length: Number(m[4]),
      kind: m[5].trim(), value: m[6] ?? '',
    };
  });
}

/** openssl's "Dec  1 12:53:34 2026 GMT" as the page writes times: "2026-12-01 12:53:34 UTC". */
function utcText(opensslDate) {
  return `${new Date(opensslDate).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/* ---------- Page helpers ---------- */

const text = (page, selector) => page.locator(selector).textContent();
const value = (page, selector) => page.locator(selector).inputValue();

/** Pastes into the inspector. The page inspects in the input event, so when `fill`
 * returns the result is already on the page. */
async function paste(page, pasted) {
  await page.fill('#i-input', pasted);
  await page.locator('#i-error:not([hidden]), #i-result:not([hidden])').first().waitFor();
}

/** The module's own fingerprint for a public key, from the page's module. */
function moduleFingerprint(page, publicPem) {
  return page.evaluate(async (pem) => {
    const { ready } = await import('/js/wasm.js');
    const api = await ready('core');
    return api.inspectPublicKey(pem).fingerprint;
  }, publicPem);
}

/** The message `inspectPublicKey` throws for `input`, from the page's module. */
function moduleError(page, input) {
  return page.evaluate(async (t) => {
    const { ready } = await import('/js/wasm.js');
    const api = await ready('core');
    try {
      api.inspectPublicKey(t);
      return null;
    } catch (e) {
      return e.message;
    }
  }, input);
}

/** The tree items under `scope` with their byte ranges, in document order. */
function treeItems(page, scope = '#i-der') {
  return page.locator(`${scope} [role="treeitem"]`).evaluateAll((items) => items.map((item) => ({
    index: Number(item.dataset.index),
    offset: Number(item.dataset.offset),
    headerLength: Number(item.dataset.headerLength),
    length: Number(item.dataset.length),
    text: item.textContent,
    level: Number(item.getAttribute('aria-level')),
  })));
}

/** The bytes of the hex view under `scope`, and which are lit as header and as content. */
function hexState(page, scope = '#i-der') {
  return page.locator(`${scope} .der-hex`).evaluate((hex) => {
    const bytes = [...hex.querySelectorAll('.hb')];
    const lit = (cls) => bytes.filter((b) => b.classList.contains(cls)).map((b) => Number(b.dataset.i));
    return { hex: bytes.map((b) => b.textContent).join(''), header: lit('hl-h'), content: lit('hl-c') };
  });
}

const range = (from, to) => Array.from({ length: to - from }, (_, i) => from + i);

/** Asserts that exactly the bytes of a node with this offset, header and length are lit. */
async function assertLit(page, { offset, headerLength, length }, scope = '#i-der') {
  const state = await hexState(page, scope);
  assert.deepEqual(state.header, range(offset, offset + headerLength), 'the header bytes are lit as header');
  assert.deepEqual(state.content, range(offset + headerLength, offset + headerLength + length), 'the content bytes are lit as content');
}

/** The item of the tree that has focus: its data, or null. */
function focusedItem(page) {
  return page.evaluate(() => {
    const item = document.activeElement;
    if (item?.getAttribute('role') !== 'treeitem') return null;
    return { index: Number(item.dataset.index), offset: Number(item.dataset.offset) };
  });
}

/* ---------- Pure helpers (no browser) ---------- */

// A SubjectPublicKeyInfo-shaped tree, as explainDer describes one: 30 59 30 13 06 07 …
// 06 08 … 03 42 00 04 x y, with the point decoded into prefix, x and y.
const SPKI_TREE = {
  tag: 0x30, tagName: 'SEQUENCE', offset: 0, headerLength: 2, length: 89, name: 'SubjectPublicKeyInfo', der: '30'.padEnd(182, '0'),
  children: [
    {
      tag: 0x30, tagName: 'SEQUENCE', offset: 2, headerLength: 2, length: 19, name: 'algorithm',
      children: [
        { tag: 6, tagName: 'OBJECT IDENTIFIER', offset: 4, headerLength: 2, length: 7, name: 'algorithm', value: '1.2.840.10045.2.1 (id-ecPublicKey)' },
        { tag: 6, tagName: 'OBJECT IDENTIFIER', offset: 13, headerLength: 2, length: 8, name: 'parameters', value: '1.2.840.10045.3.1.7 (prime256v1)' },
      ],
    },
    {
      tag: 3, tagName: 'BIT STRING', offset: 23, headerLength: 2, length: 66, name: 'subjectPublicKey',
      children: [
        { tag: null, tagName: 'prefix', offset: 26, headerLength: 0, length: 1, value: '04' },
        { tag: null, tagName: 'x', offset: 27, headerLength: 0, length: 32, name: 'x' },
        { tag: null, tagName: 'y', offset: 59, headerLength: 0, length: 32, name: 'y' },
      ],
    },
  ],
};

test('der-tree: flattening keeps document order, depths, parents and byte ranges', () => {
  const entries = flattenDer(SPKI_TREE);
  assert.deepEqual(entries.map((e) => e.node.tagName), ['SEQUENCE', 'SEQUENCE', 'OBJECT IDENTIFIER', 'OBJECT IDENTIFIER', 'BIT STRING', 'prefix', 'x', 'y']);
  assert.deepEqual(entries.map((e) => e.depth), [0, 1, 2, 2, 1, 2, 2, 2]);
  assert.deepEqual(entries.map((e) => e.parent), [-1, 0, 1, 1, 0, 4, 4, 4]);
  assert.deepEqual(entries[0].children, [1, 4]);
  assert.deepEqual([entries[4].start, entries[4].contentStart, entries[4].end], [23, 25, 91]);
  assert.deepEqual([entries[6].start, entries[6].contentStart, entries[6].end], [27, 27, 59]);
  assert.deepEqual(ancestorsOf(entries, 7), [0, 4]);
  assert.deepEqual(ancestorsOf(entries, 0), []);
  assert.equal(hexPairs(SPKI_TREE).length, 91);
});

test('der-tree: the innermost node at a byte, and whether the byte is header or content', () => {
  const entries = flattenDer(SPKI_TREE);
  const at = (byte) => innermostAt(entries, byte);
  assert.equal(at(0), 0, 'the outer SEQUENCE header');
  assert.equal(at(1), 0);
  assert.equal(at(2), 1, 'the algorithm SEQUENCE');
  assert.equal(at(5), 2, 'inside the first OID');
  assert.equal(at(14), 3, 'the second OID header');
  assert.equal(at(23), 4, 'the BIT STRING header');
  assert.equal(at(25), 4, 'the unused-bits byte belongs to the BIT STRING itself');
  assert.equal(at(26), 5, 'the point prefix');
  assert.equal(at(27), 6, 'the first byte of x');
  assert.equal(at(58), 6, 'the last byte of x');
  assert.equal(at(59), 7, 'the first byte of y');
  assert.equal(at(90), 7, 'the last byte');
  assert.equal(at(91), -1, 'past the end');
  assert.equal(at(-1), -1);
  assert.equal(byteRole(entries[4], 23), 'header');
  assert.equal(byteRole(entries[4], 24), 'header');
  assert.equal(byteRole(entries[4], 25), 'content');
  assert.equal(byteRole(entries[4], 91), null);
  assert.equal(byteRole(entries[6], 27), 'content', 'a decoded node has no header');
  assert.match(nodeDetail(entries[4]), /^subjectPublicKey \(BIT STRING\), bytes 23–90: tag and length 2 bytes \(bytes 23–24\), content 66 bytes \(bytes 25–90\)\.$/);
  assert.match(nodeDetail(entries[3]), /Value: 1\.2\.840\.10045\.3\.1\.7 \(prime256v1\)$/);
});

test('inspection: the peer box uses the public key of a private key, refuses the own key, says the source', () => {
  const inspection = (extra) => ({
    curve: 'P-256', format: 'pem', pem: 'PUBLIC PEM', fingerprint: 'aaaa bbbb cccc dddd',
    source: 'public-key', warnings: [], containsPrivateKey: false, ...extra,
  });
  const plain = peerPaste(inspection(), '1111 2222 3333 4444', 'Bob');
  assert.deepEqual(plain, {
    publicKey: 'PUBLIC PEM', replaceWith: null, privateWarning: null, notes: [], refusal: null,
    detected: 'Detected: P-256 key, pem format, fingerprint aaaa bbbb cccc dddd.',
  });
  const fromPrivate = peerPaste(inspection({
    source: 'private-key', containsPrivateKey: true, warnings: [PRIVATE_KEY_WARNING, 'Skipped: a CERTIFICATE block'],
  }), '1111 2222 3333 4444', 'Bob');
  assert.equal(fromPrivate.replaceWith, 'PUBLIC PEM');
  assert.match(fromPrivate.privateWarning, /PRIVATE key.*replaced by its public key.*Never send a private key/);
  assert.deepEqual(fromPrivate.notes, ['Skipped: a CERTIFICATE block'], 'the private-key warning is not repeated as a note');
  assert.equal(fromPrivate.refusal, null);
  assert.equal(fromPrivate.detected, 'Detected: P-256 key, pem format, fingerprint aaaa bbbb cccc dddd, from a private key.');
  const own = peerPaste(inspection({ containsPrivateKey: true, source: 'private-key' }), 'aaaa bbbb cccc dddd', 'Bob');
  assert.equal(own.refusal, "This is your own public key: paste Bob's public key.");
  assert.notEqual(own.privateWarning, null, 'an own private key is both warned about and refused');
  const cert = inspection({ source: 'certificate', certificate: { subject: 'CN=example' } });
  assert.equal(sourceText(cert), 'an X.509 certificate for CN=example');
  assert.equal(sourceText(inspection({ source: 'openssh', comment: 'me@host' })), 'an OpenSSH public key (comment “me@host”)');
  assert.deepEqual(splitWarnings(inspection({ containsPrivateKey: true, warnings: ['This is a private key: …', 'Skipped: x'] })), {
    privateWarning: 'This is a private key: …', notes: ['Skipped: x'],
  });
  assert.deepEqual(splitWarnings(inspection({ containsPrivateKey: true, warnings: ['Skipped: x'] })), {
    privateWarning: PRIVATE_KEY_WARNING, notes: ['Skipped: x'],
  }, 'a private key is always warned about');
  assert.deepEqual(splitWarnings(inspection({ warnings: ['Skipped: x'] })), { privateWarning: null, notes: ['Skipped: x'] });
  // 32 bare bytes may be a private scalar: said when the crate says the bytes were bare.
  for (const format of ['raw', 'raw-base64']) {
    const { notes } = splitWarnings(inspection({ curve: 'X25519', format, bareBytes: true }));
    assert.equal(notes.length, 1, format);
    assert.match(notes[0], /^32 bare bytes are read as an X25519 public key\. If they are a private key/);
  }
  assert.deepEqual(splitWarnings(inspection({ curve: 'X25519', format: 'spki', bareBytes: false })).notes, []);
  assert.deepEqual(splitWarnings(inspection({ curve: 'X25519', format: 'raw', bareBytes: false })).notes, [], 'a printout that names the key');
  assert.equal(splitWarnings(inspection({ curve: 'X25519', format: 'raw' })).notes.length, 1, 'the first module\'s inspection, without bareBytes');
});

test('inspection: the inspector link carries the key in the fragment, + and / included', () => {
  const pem = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA+/9=\n-----END PUBLIC KEY-----\n';
  const fragment = inspectorFragment(pem);
  assert.ok(fragment.startsWith('#key='));
  assert.doesNotMatch(fragment.slice('#key='.length), /[\n+/=]/);
  assert.equal(keyFromFragment(fragment), pem);
  assert.equal(keyFromFragment(`#seed=x&key=${encodeURIComponent('abc')}`), 'abc');
  assert.equal(keyFromFragment('#seed=x'), null);
  assert.equal(keyFromFragment(''), null);
  assert.equal(keyFromFragment('#key=%E0%A4%A'), null, 'a broken escape is ignored, not thrown');
  assert.equal(brokenKeyFragment('#key=%E0%A4%A'), true);
  assert.equal(brokenKeyFragment(fragment), false);
  assert.equal(brokenKeyFragment('#seed=x'), false);
});

/* ---------- (1) The inspector: what each paste is ---------- */

browserTest('inspector: ecparam -genkey output, a certificate, an OpenSSH key, quoted PEM and two blocks are detected; fingerprints match openssl\'s public key', async (s) => {
  const page = await s.open('/inspect.html');
  assert.equal(await page.locator('#i-result').isHidden(), true, 'nothing is shown before a paste');

  const expectKey = async (name, { detected, privateKey = false, notes = null }) => {
    const { paste: pasted, publicPem } = P[name];
    await paste(page, pasted);
    assert.equal(await page.locator('#i-error').isHidden(), true, `${name}: no error`);
    const line = await text(page, '#i-detected');
    assert.match(line, detected, `${name}: detected line`);
    assert.match(line, /; curve P-256; /, `${name}: curve`);
    const fp = await text(page, '#i-fingerprint');
    assert.equal(fp, await moduleFingerprint(page, publicPem), `${name}: the module's fingerprint of openssl's public key`);
    assert.equal(fp, nodeFingerprint(publicPem), `${name}: Node's fingerprint of openssl's public key`);
    assert.equal(await value(page, '#i-format-pem'), crypto.createPublicKey(publicPem).export({ type: 'spki', format: 'pem' }));
    assert.equal(await value(page, '#i-format-spki'), crypto.createPublicKey(publicPem).export({ type: 'spki', format: 'der' }).toString('hex'));
    const alert = page.locator('#i-private');
    assert.equal(await alert.isVisible(), privateKey, `${name}: private-key alert shown: ${privateKey}`);
    if (privateKey) assert.match(await alert.textContent(), /PRIVATE key: never send it to anyone/);
    const noteTexts = await page.locator('#i-notes > li').allTextContents();
    if (notes) assert.ok(noteTexts.some((n) => notes.test(n)), `${name}: a note matching ${notes} in ${JSON.stringify(noteTexts)}`);
    assert.equal(await value(page, '#i-input'), pasted, `${name}: the paste is left as it was`);
    assert.ok((await treeItems(page)).length > 0, `${name}: the DER is shown`);
  };

  await expectKey('ecparam', { detected: /^Detected: openssl ecparam -genkey output/, privateKey: true });
  await expectKey('certificate', { detected: new RegExp(`^Detected: an X\\.509 certificate for ${SUBJECT_TEXT}; `) });
  await expectKey('openssh', { detected: /^Detected: an OpenSSH public key \(comment “student@inspector\.test”\); / });
  await expectKey('quoted', { detected: /^Detected: a public key; curve P-256; format pem\.$/ });
  await expectKey('twoBlocks', { detected: /^Detected: a public key; /, notes: /^Skipped the second PEM block \(PUBLIC KEY\)/ });
  assert.equal(await page.locator('#i-certificate').isHidden(), true, 'no certificate box for a plain key');

  // An X25519 key: no compressed form, the raw key is u.
  await paste(page, P.x25519.publicPem);
  assert.match(await text(page, '#i-detected'), /; curve X25519; format pem\.$/);
  assert.equal(await page.locator('.format[data-format="compressed"]').isHidden(), true);
  assert.equal(await value(page, '#i-format-raw'), crypto.createPublicKey(P.x25519.publicPem).export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex'));
  assert.deepEqual(JSON.parse(await value(page, '#i-format-jwk')), crypto.createPublicKey(P.x25519.publicPem).export({ format: 'jwk' }));
});

browserTest('inspector: a link whose key does not decode says so, and the box stays free to paste', async (s) => {
  const page = await s.open('/inspect.html#key=%E0%A4%A');
  await waitForText(page, '#i-error', /^The key in this link could not be read: its #key= part is not valid percent-encoding/);
  assert.equal(await page.locator('#i-input').inputValue(), '');
});

browserTest('inspector: the certificate\'s subject, issuer, validity, algorithm and serial are what openssl says', async (s) => {
  const page = await s.open('/inspect.html');
  await paste(page, P.certificate.paste);
  await page.locator('#i-certificate').waitFor({ state: 'visible' });
  const x509 = (flag) => run('openssl', ['x509', '-in', 'cert.pem', '-noout', flag]).trim().replace(/^[^=]+=/, '');
  assert.equal(await text(page, '#i-certificate dd[data-field="subject"]'), SUBJECT_TEXT);
  assert.equal(await text(page, '#i-certificate dd[data-field="issuer"]'), SUBJECT_TEXT, 'self-signed: the issuer is the subject');
  assert.equal(await text(page, '#i-certificate dd[data-field="notBefore"]'), utcText(x509('-startdate')));
  assert.equal(await text(page, '#i-certificate dd[data-field="notAfter"]'), utcText(x509('-enddate')));
  assert.equal(await text(page, '#i-certificate dd[data-field="signatureAlgorithm"]'), 'ecdsa-with-SHA256');
  const serial = (await text(page, '#i-certificate dd[data-field="serialNumber"]')).replace(/[^0-9a-f]/gi, '').replace(/^0+/, '').toLowerCase();
  assert.equal(serial, x509('-serial').replace(/^0+/, '').toLowerCase());
  assert.equal(await page.locator('#i-private').isHidden(), true, 'a certificate holds no private key');
});

browserTest('inspector: a DER signature in hex is shown as DER with r and s; text that is neither keeps the box and shows the key error', async (s) => {
  const page = await s.open('/inspect.html');
  const signature = run('openssl', ['dgst', '-sha256', '-sign', 'quoted.key'], { input: 'hello', binary: true });
  const sigHex = signature.toString('hex');
  await paste(page, sigHex);
  assert.match(await text(page, '#i-detected'), /^Not a key this page can read \(.+\), but well-formed DER/);
  assert.equal(await page.locator('#i-key').isHidden(), true, 'no key formats for a signature');
  const items = await treeItems(page);
  const parsed = asn1parse(signature);
  assert.deepEqual(items.map(({ offset, headerLength, length }) => ({ offset, headerLength, length })),
    parsed.map(({ offset, headerLength, length }) => ({ offset, headerLength, length })), 'SEQUENCE { r, s }, as openssl reads it');
  for (const [i, n] of [[1, parsed[1]], [2, parsed[2]]]) {
    await page.locator(`#i-der [role="treeitem"][data-index="${i}"]`).focus();
    const detail = await text(page, '#i-der .der-detail');
    const shown = /Value: (.*)$/.exec(detail)?.[1] ?? '';
    assert.equal(shown.replace(/[^0-9a-f]/gi, '').replace(/^0+/, '').toLowerCase(), n.value.replace(/^0+/, '').toLowerCase(), `INTEGER ${i} is openssl's (${detail})`);
    await assertLit(page, n);
  }
  assert.equal((await hexState(page)).hex, sigHex);

  // Neither a key nor DER: inspectPublicKey's message next to the box, the text kept.
  const nonsense = 'this is not a key, and not DER either';
  await paste(page, nonsense);
  const expected = await moduleError(page, nonsense);
  assert.ok(expected, 'the module refuses the text');
  assert.equal(await waitForText(page, '#i-error', expected), expected);
  assert.equal(await page.getAttribute('#i-input', 'aria-invalid'), 'true');
  assert.equal(await value(page, '#i-input'), nonsense, 'what the user pasted stays');
  assert.equal(await page.locator('#i-result').isHidden(), true);
  // And back: the error goes as soon as the box holds a key again.
  await paste(page, P.quoted.publicPem);
  await page.locator('#i-error').waitFor({ state: 'hidden' });
  assert.equal(await page.getAttribute('#i-input', 'aria-invalid'), null);
});

/* ---------- (2) The tree beside the hex ---------- */

browserTest('inspector: the certificate\'s tree matches openssl asn1parse; focusing a node lights exactly its bytes; hovering or clicking a byte finds its node', async (s) => {
  const page = await s.open('/inspect.html');
  await paste(page, P.certificate.paste);
  const der = P.certificate.der;
  const items = await treeItems(page);
  assert.ok(items.length > 0);
  assert.equal((await hexState(page)).hex, der.toString('hex'), 'the hex view is the certificate\'s DER');
  const parsed = asn1parse(der);
  const key = ({ offset, headerLength, length }) => `${offset}/${headerLength}/${length}`;
  const shown = new Set(items.map(key));
  for (const n of parsed) assert.ok(shown.has(key(n)), `openssl's ${n.kind} at ${n.offset} (hl ${n.headerLength}, l ${n.length}) is in the tree`);
  assert.ok(items.length >= parsed.length);

  // Focus the subject's public key (the first BIT STRING): exactly its bytes light up.
  const bitString = parsed.find((n) => n.kind === 'BIT STRING');
  const item = page.locator(`#i-der [role="treeitem"][data-offset="${bitString.offset}"][data-length="${bitString.length}"]`).first();
  await item.focus();
  await assertLit(page, bitString);
  const last = bitString.offset + bitString.headerLength + bitString.length - 1;
  assert.match(await text(page, '#i-der .der-detail'), new RegExp(`^subjectPublicKey \\(BIT STRING\\), bytes ${bitString.offset}–${last}: `));
  // Another node: the serial number.
  const serial = parsed.find((n) => n.kind === 'INTEGER' && n.length > 1);
  await page.locator(`#i-der [role="treeitem"][data-offset="${serial.offset}"]`).first().focus();
  await assertLit(page, serial);

  // Hover over a byte of the issuer's common name: its node lights up, bytes and row.
  const cn = parsed.find((n) => n.kind === 'UTF8STRING');
  const byte = cn.offset + cn.headerLength + 2;
  await page.locator(`#i-der .hb[data-i="${byte}"]`).hover();
  await assertLit(page, cn);
  const shownRow = await page.locator('#i-der .der-row.shown').evaluate((row) => Number(row.closest('[role="treeitem"]').dataset.offset));
  assert.equal(shownRow, cn.offset);
  // Leaving the hex shows the focused node again.
  await page.locator('#i-detected').hover();
  await assertLit(page, serial);
  // A click focuses the byte's node.
  await page.locator(`#i-der .hb[data-i="${byte}"]`).click();
  assert.equal((await focusedItem(page))?.offset, cn.offset, 'the click focused the common name');
  await assertLit(page, cn);
  // Hovering a row lights its bytes too.
  await page.locator(`#i-der [role="treeitem"][data-offset="${bitString.offset}"] > .der-row`).first().hover();
  await assertLit(page, bitString);
});

browserTest('inspector, keyboard only: Tab reaches the tree in one stop, the arrows move through it, Tab leaves it', async (s) => {
  const page = await s.open('/inspect.html');
  await page.locator('#i-input').focus();
  await page.keyboard.insertText(P.certificate.paste);
  await page.locator('#i-der [role="treeitem"]').first().waitFor();
  let presses = 0;
  while ((await focusedItem(page)) === null) {
    await page.keyboard.press('Tab');
    presses += 1;
    assert.ok(presses <= 20, 'the tree is reached within 20 presses of Tab');
  }
  const first = await focusedItem(page);
  assert.equal(first.index, 0, 'the tree is entered at its root');
  assert.equal(await page.locator('#i-der [role="treeitem"][tabindex="0"]').count(), 1, 'one Tab stop in the tree');
  const items = await treeItems(page);
  await assertLit(page, items[0]);

  await page.keyboard.press('ArrowDown');
  assert.equal((await focusedItem(page)).index, 1, 'Down: the next node');
  await assertLit(page, items[1]);
  await page.keyboard.press('ArrowDown');
  assert.equal((await focusedItem(page)).index, 2);
  await page.keyboard.press('ArrowUp');
  assert.equal((await focusedItem(page)).index, 1, 'Up: back');
  assert.equal(await page.locator('#i-der [role="treeitem"][tabindex="0"]').getAttribute('data-index'), '1', 'the Tab stop moved with focus');

  // Left folds an open node, Right unfolds it and then enters its first child.
  const tbs = page.locator('#i-der [role="treeitem"][data-index="1"]');
  assert.equal(await tbs.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await tbs.getAttribute('aria-expanded'), 'false', 'Left folds');
  assert.equal(await page.locator('#i-der [role="treeitem"][data-index="2"]').isHidden(), true, 'its children are hidden');
  await page.keyboard.press('ArrowDown');
  const afterFolded = await focusedItem(page);
  assert.ok(afterFolded.index > 2 && items[afterFolded.index].level === 2, `Down skips the folded children (at ${afterFolded.index})`);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  assert.equal(await tbs.getAttribute('aria-expanded'), 'true', 'Right unfolds');
  await page.keyboard.press('ArrowRight');
  assert.equal((await focusedItem(page)).index, 2, 'Right again: the first child');
  // Down to the first leaf (a node without children); Left from there goes to its parent.
  const leaf = items.findIndex((item, i) => i > 2 && !(items[i + 1]?.level > item.level));
  const parent = items.slice(0, leaf).findLast((item) => item.level === items[leaf].level - 1).index;
  for (let i = 2; i < leaf; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal((await focusedItem(page)).index, leaf);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focusedItem(page)).index, parent, 'Left on a leaf: the parent');
  assert.equal(await page.locator(`#i-der [role="treeitem"][data-index="${parent}"]`).getAttribute('aria-expanded'), 'true', 'and nothing folds');
  await page.keyboard.press('End');
  assert.equal((await focusedItem(page)).index, items.length - 1, 'End: the last node');
  await page.keyboard.press('Home');
  assert.equal((await focusedItem(page)).index, 0, 'Home: the root');

  await page.keyboard.press('Tab');
  assert.equal(await focusedItem(page), null, 'Tab leaves the tree');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await focusedItem(page))?.index, 0, 'Shift+Tab comes back to where the tree was left');
});

/* ---------- (3) Examples, the link from the playground, narrow screens, axe ---------- */

browserTest('inspector: every example button shows something, and the signature example its r and s', async (s) => {
  const page = await s.open('/inspect.html');
  const buttons = page.locator('.examples button');
  const count = await buttons.count();
  assert.equal(count, 8);
  const seen = [];
  const fingerprints = [];
  for (let i = 0; i < count; i += 1) {
    await buttons.nth(i).click();
    assert.equal(await page.locator('#i-error').isHidden(), true, `example ${i}: no error`);
    assert.ok((await treeItems(page)).length > 0, `example ${i}: a tree`);
    seen.push(await text(page, '#i-detected'));
    fingerprints.push(await text(page, '#i-fingerprint'));
    if (i === 5) assert.match(await text(page, '#i-notes'), /Read 65 bytes from a Python bytes literal/);
    if (i === 6) assert.match(await text(page, '#i-notes'), /Read 65 bytes from Java's printout of an EC public key/);
  }
  assert.match(seen[0], /^Detected: a public key; curve P-256; format pem\.$/);
  assert.match(seen[1], /^Detected: openssl ecparam -genkey output/);
  assert.match(seen[2], /^Detected: an X\.509 certificate for CN=example; /);
  assert.match(seen[3], /^Detected: an OpenSSH public key \(comment “student@example”\); /);
  assert.match(seen[4], /; curve X25519; format jwk\.$/);
  assert.match(seen[5], /^Detected: a public key; curve P-256; format raw\.$/);
  assert.equal(fingerprints[5], fingerprints[0], 'the Python bytes are the first example\'s key');
  assert.match(seen[6], /^Detected: a public key; curve P-256; format raw\.$/);
  assert.equal(fingerprints[6], fingerprints[0], 'Java\'s printout is the first example\'s key');
  assert.match(seen[7], /^Not a key this page can read/);
  assert.equal((await treeItems(page)).length, 3, 'a signature: SEQUENCE, r, s');
});

browserTest('the playground: "What is inside this key" draws the SPKI of each key; the link opens the key in the inspector', async (s) => {
  const page = await s.open('/');
  await page.selectOption('#curve', 'P-256');
  await waitForValue(page, '#alice-party-keys-public', /^-----BEGIN PUBLIC KEY-----\nMFkw/);
  const details = page.locator('#alice-party-keys-inside');
  assert.equal(await details.evaluate((d) => d.open), false);
  assert.equal(await page.locator('#alice-party-keys-inside-view [role="treeitem"]').count(), 0, 'nothing drawn while closed');
  await details.locator('summary').click();
  await page.locator('#alice-party-keys-inside-view [role="treeitem"]').first().waitFor();
  await page.selectOption('#alice-party-keys-format', 'spki');
  const spki = await value(page, '#alice-party-keys-public');
  const scope = '#alice-party-keys-inside-view';
  assert.equal((await hexState(page, scope)).hex, spki, 'the hex view is the key\'s SubjectPublicKeyInfo');
  const items = await treeItems(page, scope);
  const parsed = asn1parse(Buffer.from(spki, 'hex'));
  for (const n of parsed) assert.ok(items.some((i) => i.offset === n.offset && i.length === n.length), `openssl's ${n.kind} at ${n.offset}`);
  const bitString = parsed.find((n) => n.kind === 'BIT STRING');
  await page.locator(`${scope} [role="treeitem"][data-offset="${bitString.offset}"]`).first().focus();
  await assertLit(page, bitString, scope);

  // New keys redraw the open view.
  await page.click('#regenerate');
  await page.waitForFunction(([sel, old]) => document.querySelector(sel).value !== old, ['#alice-party-keys-public', spki]);
  const spki2 = await value(page, '#alice-party-keys-public');
  await page.waitForFunction(([sel, hex]) => [...document.querySelectorAll(`${sel} .hb`)].map((b) => b.textContent).join('') === hex, [scope, spki2]);

  // The link: inspect.html with the PEM in the fragment; it opens there.
  await page.selectOption('#alice-party-keys-format', 'pem');
  const pem = await value(page, '#alice-party-keys-public');
  const link = page.locator('#alice-party-keys-inspect-link');
  const href = await link.getAttribute('href');
  assert.equal(href, `${new URL('inspect.html', server.url).href}#key=${encodeURIComponent(pem)}`);
  assert.equal(await link.getAttribute('target'), '_blank');
  // Bob's card and the link of the other card are theirs.
  assert.match(await page.locator('#bob-party-keys-inspect-link').getAttribute('href'), /#key=/);
  assert.notEqual(await page.locator('#bob-party-keys-inspect-link').getAttribute('href'), href);

  const inspector = await s.open(href.slice(server.origin.length));
  await waitForText(inspector, '#i-detected', /^Detected: a public key; curve P-256; format pem\.$/);
  assert.equal(await text(inspector, '#i-fingerprint'), await text(page, '#alice-party-keys-fingerprint'));
  assert.equal(await value(inspector, '#i-input'), pem);
});

const NARROW = { viewport: { width: 360, height: 740 } };


browserTest('360 px wide: the inspector and the key cards\' trees do not overflow', async (s) => {
  const page = await s.open('/inspect.html', NARROW);
  await assertNoOverflow(page, 'inspector on load');
  for (const name of ['certificate', 'ecparam', 'openssh']) {
    await paste(page, P[name].paste);
    await page.locator('#i-der [role="treeitem"]').first().waitFor();
    await assertNoOverflow(page, `inspector with ${name}`);
  }
  // An error that names a line of code (no spaces to break at) wraps too.
  const javaObject = 'sun.security.ec.ECPrivateKeyImpl@e83cc5e9';
  await paste(page, javaObject);
  await waitForText(page, '#i-error', /keyPair\.getPublic\(\)\.getEncoded\(\)/);
  await assertNoOverflow(page, 'inspector with a long code line in its error');
  const party = await s.open('/?party=alice', NARROW);
  await party.selectOption('#curve', 'P-256');
  await party.locator('#alice-party-keys-inside summary').click();
  await party.locator('#alice-party-keys-inside-view [role="treeitem"]').first().waitFor();
  await party.fill('#peer-key', P.certificate.paste);
  await waitForText(party, '#peer-info', 'certificate');
  await assertNoOverflow(party, 'party tab with the key tree open and a certificate pasted');
  await party.fill('#peer-key', javaObject);
  await waitForText(party, '#peer-error', /keyPair\.getPublic\(\)\.getEncoded\(\)/);
  await assertNoOverflow(party, 'party tab with a long code line in its error');
});

browserTest('axe-core: no serious or critical violations on the inspector (a certificate, a private key) and the playground (key trees open)', async (s) => {
  const page = await s.open('/inspect.html');
  await paste(page, P.certificate.paste);
  await page.locator('#i-der [role="treeitem"]').nth(3).focus();
  assert.deepEqual(await axeViolations(page), [], 'inspector with a certificate');
  await paste(page, P.ecparam.paste);
  await page.locator('#i-private').waitFor({ state: 'visible' });
  assert.deepEqual(await axeViolations(page), [], 'inspector with a private key');

  const playground = await s.open('/');
  for (const who of ['alice', 'bob']) {
    await playground.locator(`#${who}-party-keys-inside summary`).click();
    await playground.locator(`#${who}-party-keys-inside-view [role="treeitem"]`).first().waitFor();
  }
  assert.deepEqual(await axeViolations(playground), [], 'playground, both parties');

  const party = await s.open('/?party=alice');
  await party.fill('#peer-key', P.ecparam.paste);
  await party.locator('#peer-private').waitFor({ state: 'visible' });
  assert.deepEqual(await axeViolations(party), [], 'party tab after a private key was pasted');
});

browserTest('nav: every page links to the key inspector, which marks itself as the current page', async (s) => {
  for (const [name, current] of [['index.html', null], ['tls12.html', 'TLS 1.2 handshake'], ['tls13.html', 'TLS 1.3 handshake'], ['bench.html', 'Benchmarks'], ['inspect.html', 'Key inspector']]) {
    const html = readFileSync(path.join(ROOT, 'www', name), 'utf8');
    const nav = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(html)[1];
    assert.match(nav, /<a href="inspect\.html"( aria-current="page")?>Key inspector<\/a>/, `${name} links to the inspector`);
    const marked = [...nav.matchAll(/aria-current="page">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(marked, current ? [current] : [], `${name}: the link marked as the current page`);
  }
  const page = await s.open('/');
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Alice and Bob on one page');
  await page.click('nav a[href="inspect.html"]');
  await page.waitForURL(/\/inspect\.html$/);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Key inspector');
  assert.equal(await page.locator('nav a[aria-current="page"]').count(), 1);
});

/* ---------- (4) The peer box of a one-party tab ---------- */

/** Reveals a card's private key, reads the PKCS#8 PEM, hides it again. */
async function readPrivateKey(page, who) {
  await page.click(`#${who}-party-keys-reveal`);
  const pem = await waitForText(page, `#${who}-party-keys-private`, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n?$/);
  await page.click(`#${who}-party-keys-reveal`);
  return pem;
}

async function partyTabs(s, curve) {
  const tabs = { alice: await s.open('/?party=alice'), bob: await s.open('/?party=bob') };
  for (const who of ['alice', 'bob']) {
    await tabs[who].selectOption('#curve', curve);
    await waitForValue(tabs[who], `#${who}-party-keys-public`, curve === 'P-256' ? /MFkw/ : /MCow/);
  }
  return tabs;
}

const FP_RE = /^[0-9a-f]{4}( [0-9a-f]{4}){3}$/;

for (const curve of ['P-256', 'X25519']) {
  browserTest(`party tabs, ${curve}: Bob's private key pasted into Alice's tab is replaced by its public key, with a warning; the keys still match; nothing private is stored`, async (s) => {
    const tabs = await partyTabs(s, curve);
    const bobPrivate = await readPrivateKey(tabs.bob, 'bob');
    const bobPublic = await value(tabs.bob, '#bob-party-keys-public');
    await tabs.alice.fill('#peer-key', bobPrivate);
    const warning = tabs.alice.locator('#peer-private');
    await warning.waitFor({ state: 'visible' });
    const said = await warning.textContent();
    assert.match(said, /You pasted a PRIVATE key/);
    assert.match(said, /replaced by its public key/);
    assert.match(said, /Never send a private key to anyone/);
    assert.equal(await warning.getAttribute('role'), 'alert');
    const box = await warning.boundingBox();
    assert.ok(box && box.height > 10 && box.width > 100, 'the warning is on screen, not only for screen readers');
    assert.equal(await value(tabs.alice, '#peer-key'), bobPublic, 'the box now holds Bob\'s public key');
    await waitForText(tabs.alice, '#peer-info', `fingerprint ${nodeFingerprint(bobPublic)}, from a private key.`);
    assert.equal(await tabs.alice.locator('#peer-error').isHidden(), true);

    await tabs.bob.fill('#peer-key', await value(tabs.alice, '#alice-party-keys-public'));
    const fp = await waitForText(tabs.alice, '#p-key-fp', FP_RE);
    assert.equal(await waitForText(tabs.bob, '#p-key-fp', FP_RE), fp, 'both tabs derive the same key');

    // sessionStorage holds Alice's own private key and nothing of Bob's.
    const stored = await tabs.alice.evaluate(() => Object.fromEntries(Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)])));
    assert.deepEqual(Object.keys(stored), ['ecdh-playground/party/alice']);
    const { privateKey: own, ...rest } = JSON.parse(stored['ecdh-playground/party/alice']);
    assert.equal(crypto.createPublicKey(own).export({ type: 'spki', format: 'pem' }), await value(tabs.alice, '#alice-party-keys-public'), 'the one private key stored is Alice\'s');
    assert.doesNotMatch(JSON.stringify(rest), /PRIVATE KEY/);
    assert.equal(rest.peer, bobPublic);
    const d = Buffer.from(crypto.createPrivateKey(bobPrivate).export({ format: 'jwk' }).d, 'base64url');
    const all = JSON.stringify(stored);
    for (const encoding of ['base64url', 'base64', 'hex']) {
      assert.equal(all.includes(d.toString(encoding)), false, `Bob's private scalar (${encoding}) is not stored`);
    }
    assert.equal(all.includes(bobPrivate.trim().split('\n')[1]), false, 'nor his PEM');

    // The warning stays while the box is left alone (a new salt, a reload keeps the
    // public key), and goes with the next paste (Bob's key again, as JWK).
    await tabs.alice.fill('#p-salt', 'x');
    assert.equal(await warning.isVisible(), true);
    await tabs.alice.reload();
    await tabs.alice.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    assert.equal(await value(tabs.alice, '#peer-key'), bobPublic, 'after a reload the box holds Bob\'s public key');
    await waitForText(tabs.alice, '#p-key-fp', FP_RE);
    await tabs.bob.selectOption('#bob-party-keys-format', 'jwk');
    await tabs.alice.fill('#peer-key', await value(tabs.bob, '#bob-party-keys-public'));
    await waitForText(tabs.alice, '#peer-info', `Detected: ${curve} key, jwk format, fingerprint ${nodeFingerprint(bobPublic)}.`);
    assert.equal(await warning.isHidden(), true, 'a public key pasted: no warning');
  });
}

browserTest('party tab: Alice\'s own public key is refused; her own private key is warned about first, then refused', async (s) => {
  const page = await s.open('/?party=alice');
  const ownPublic = await value(page, '#alice-party-keys-public');
  const ownPrivate = await readPrivateKey(page, 'alice');
  const REFUSAL = "This is your own public key: paste Bob's public key.";

  await page.fill('#peer-key', ownPublic);
  assert.equal(await waitForText(page, '#peer-error', REFUSAL), REFUSAL);
  assert.equal(await page.getAttribute('#peer-key', 'aria-invalid'), 'true');
  assert.equal(await page.locator('#peer-private').isHidden(), true, 'a public key brings no private-key warning');
  for (const id of ['#p-secret', '#p-key-out', '#p-key-in', '#p-key-fp', '#peer-info']) assert.equal(await text(page, id), '', `${id} is empty`);

  await page.fill('#peer-key', ownPrivate);
  await waitForText(page, '#peer-private', 'You pasted a PRIVATE key');
  assert.equal(await waitForText(page, '#peer-error', REFUSAL), REFUSAL);
  const warning = await page.locator('#peer-private').boundingBox();
  const refusal = await page.locator('#peer-error').boundingBox();
  assert.ok(warning && refusal && warning.y < refusal.y, 'the private-key warning comes first, then the refusal');
  assert.equal(await value(page, '#peer-key'), ownPublic, 'the private key was replaced by its public key');
  assert.equal(await text(page, '#p-key-fp'), '');
  const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ecdh-playground/party/alice')));
  assert.equal(stored.peer, ownPublic);

  // The one-page view of the same rule: a peer's key works again.
  const other = crypto.generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' });
  await page.fill('#peer-key', other);
  await page.locator('#peer-error').waitFor({ state: 'hidden' });
  await page.locator('#peer-private').waitFor({ state: 'hidden' });
  await waitForText(page, '#p-key-fp', FP_RE);
});

browserTest('party tab: a certificate and an OpenSSH key are read; the detected line names them; skipped blocks are noted', async (s) => {
  const page = await s.open('/?party=bob');
  await page.selectOption('#curve', 'P-256');
  await waitForValue(page, '#bob-party-keys-public', /MFkw/);
  await page.fill('#peer-key', P.certificate.paste);
  await waitForText(page, '#peer-info', `fingerprint ${nodeFingerprint(P.certificate.publicPem)}, from an X.509 certificate for ${SUBJECT_TEXT}.`);
  await waitForText(page, '#p-key-fp', FP_RE);
  assert.equal(await value(page, '#peer-key'), P.certificate.paste, 'a certificate is public: left as pasted');
  assert.equal(await page.locator('#peer-private').isHidden(), true);

  await page.fill('#peer-key', P.openssh.paste);
  await waitForText(page, '#peer-info', `fingerprint ${nodeFingerprint(P.openssh.publicPem)}, from an OpenSSH public key (comment “student@inspector.test”).`);
  await waitForText(page, '#p-key-fp', FP_RE);

  await page.fill('#peer-key', P.twoBlocks.paste);
  await waitForText(page, '#peer-info', `fingerprint ${nodeFingerprint(P.twoBlocks.publicPem)}.`);
  await waitForText(page, '#peer-notes', /^Skipped the second PEM block \(PUBLIC KEY\)/);
  assert.equal(await page.locator('#peer-notes').isVisible(), true);
  await page.fill('#peer-key', P.quoted.publicPem);
  await page.locator('#peer-notes').waitFor({ state: 'hidden' });
});
