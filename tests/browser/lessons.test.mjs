// End-to-end tests of the teaching features in headless Chromium, under the site's
// Content-Security-Policy: the example course page (iframes that size themselves, two
// <ecdh-playground> elements in their own shadow roots), lesson seeds, shared links,
// teacher-hidden answers, the WebCrypto cross-check buttons and code export, and the
// "Embed this in your course" help. Run from the repository root:
//   node --test --test-concurrency=1 tests/browser/lessons.test.mjs
// Every test ends by asserting that no watched page (nor any frame in it) logged a
// console error, threw, violated the CSP or requested anything from another origin.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, browserSuite, waitReady, waitForText, waitForValue } from './harness.mjs';
import { nonceBook, memoryStorage } from '../../www/js/nonce-book.js';
import { directionInfo as directionInfoOfPage, nonceInfo } from '../../www/js/lesson.js';

let server;
let browser;


const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

/* ---------- Node-side reference computations ---------- */

const CURVES = ['X25519', 'P-256'];
const PEM_PREFIX = {
  X25519: /^-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA/,
  'P-256': /^-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/,
};
const SECRET_RE = /^[0-9a-f]{8}( [0-9a-f]{8}){7}$/;
const HEX8_RE = /[0-9a-f]{8}/i;
const DEFAULT_INFO = 'ecdh-playground chat v2';
/** The info of each direction's key (www/js/lesson.js directionInfo). */
const directionInfo = (info, dir) => `${info === '' ? '' : `${info} `}${dir === 'ab' ? 'alice to bob' : 'bob to alice'}`;
const HIDDEN_TEXT = 'Hidden by the lesson: work it out, then check your answer below.';
const MATCHES = "✓ Matches your browser's WebCrypto.";
const CANNOT_CHECK = "Your browser's WebCrypto cannot check this";

const unspace = (text) => text.replace(/\s+/g, '');
const grouped = (bytes, size = 4) => Buffer.from(bytes).toString('hex').match(new RegExp(`.{1,${size * 2}}`, 'g')).join(' ');
const fromGrouped = (text) => Buffer.from(unspace(text), 'hex');
const utf8 = (text) => Buffer.from(text, 'utf8');

/** HKDF-SHA256 as node:crypto does it; an empty salt means none (32 zero bytes). */
function nodeHkdf(secret, salt, info, length = 32) {
  return Buffer.from(crypto.hkdfSync('sha256', secret, utf8(salt), utf8(info), length));
}

/** HKDF-Extract: HMAC-SHA256 keyed with the salt (32 zero bytes when empty). */
function nodePrk(secret, salt) {
  const key = salt === '' ? Buffer.alloc(32) : utf8(salt);
  return crypto.createHmac('sha256', key).update(secret).digest();
}

function nodeSharedSecret(privatePem, publicPem) {
  return crypto.diffieHellman({
    privateKey: crypto.createPrivateKey(privatePem),
    publicKey: crypto.createPublicKey(publicPem),
  });
}

function nodeDecrypt(key, envelope) {
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, envelope.subarray(0, 12));
  decipher.setAuthTag(envelope.subarray(envelope.length - 16));
  return Buffer.concat([decipher.update(envelope.subarray(12, envelope.length - 16)), decipher.final()]).toString('utf8');
}

/** The body of a PEM (base64, one line). */
const pemBody = (pem) => pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');

/**
 * Every form of a private key the URL must never hold: the PKCS#8 body, the key's own
 * bytes (raw hex and base64 and base64url) and every 16-hex-digit window of them.
 */
function privateForms(pem) {
  const d = crypto.createPrivateKey(pem).export({ format: 'jwk' }).d;
  const raw = Buffer.from(d, 'base64url');
  const rawHex = raw.toString('hex');
  const body = pemBody(pem);
  const forms = [body, body.slice(-40), d, raw.toString('base64'), rawHex];
  for (let i = 0; i + 16 <= rawHex.length; i += 4) forms.push(rawHex.slice(i, i + 16));
  return { rawHex, forms };
}

function assertNoPrivateKey(text, pem, where) {
  const haystacks = [text, decodeURIComponent(text), decodeURIComponent(text).toLowerCase()];
  for (const form of privateForms(pem).forms) {
    for (const h of haystacks) assert.equal(h.includes(form), false, `${where} holds private key material (${form.slice(0, 12)}…): ${text}`);
  }
}

/* ---------- Page helpers ---------- */

const value = (page, selector) => page.locator(selector).inputValue();
const text = (page, selector) => page.locator(selector).textContent();

async function useCurve(page, curve) {
  if ((await value(page, '#curve')) !== curve) await page.selectOption('#curve', curve);
  await waitForValue(page, '#alice-party-keys-public', PEM_PREFIX[curve]);
  await waitForValue(page, '#bob-party-keys-public', PEM_PREFIX[curve]);
}

/** What the one-page playground shows. */
async function shown(page) {
  const read = (id) => text(page, `#${id}`);
  return {
    alicePublic: await value(page, '#alice-party-keys-public'),
    bobPublic: await value(page, '#bob-party-keys-public'),
    aliceSecret: await read('alice-secret'),
    bobSecret: await read('bob-secret'),
    alicePrk: await read('alice-prk'),
    bobPrk: await read('bob-prk'),
    aliceOkm: await read('alice-key-ab'),
    aliceIn: await read('alice-key-ba'),
    bobIn: await read('bob-key-ab'),
    bobOkm: await read('bob-key-ba'),
  };
}

/** Reveals a key card's private key (PKCS#8 PEM as the page shows it) and hides it again. */
async function revealPrivateKey(page, who) {
  await page.click(`#${who}-party-keys-reveal`);
  const pem = await waitForText(page, `#${who}-party-keys-private`, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n?$/);
  await page.click(`#${who}-party-keys-reveal`);
  return pem;
}

/** Sends a message from `who` (optionally inside a scope such as '#el-messages') and returns the last wire envelope. */
async function send(page, who, message, scope = '') {
  const peer = who === 'alice' ? 'bob' : 'alice';
  const before = await page.locator(`${scope} #${peer}-party-chat-inbox > li`).count();
  await page.locator(`${scope} #${who}-party-chat-message`).fill(message);
  await page.locator(`${scope} #${who}-party-chat-send`).click();
  await page.locator(`${scope} #${peer}-party-chat-inbox > li`).nth(before).waitFor();
  assert.equal(await page.locator(`${scope} #${peer}-party-chat-inbox > li`).nth(before).textContent(), `✓ ${message}`);
  const entry = page.locator(`${scope} #wire-messages > li`).last();
  const parts = await Promise.all(['nonce', 'ct', 'tag'].map((c) => entry.locator(`.${c}`).textContent()));
  return Buffer.from(parts.join(''), 'hex');
}

/** Clicks a step's "Check with my browser's WebCrypto" and waits for the verdict. */
async function crossCheck(page, tool) {
  const box = page.locator(`[data-tools="${tool}"]`);
  await box.getByRole('button', { name: "Check with my browser's WebCrypto" }).click();
  const handle = await page.waitForFunction((t) => {
    const out = document.querySelector(`[data-tools="${t}"] .crosscheck`);
    return out && out.textContent !== '' && out.textContent !== 'Checking…' ? out.textContent : false;
  }, tool);
  return handle.jsonValue();
}

/**
 * Opens a <details> by clicking its summary, and resolves once its "toggle" event has
 * been handled (the page fills the code on toggle, which fires after the click).
 */
async function openDetails(details) {
  if (await details.evaluate((d) => d.open)) return;
  const toggled = details.evaluate((d) => new Promise((resolve) => {
    d.addEventListener('toggle', () => resolve(), { once: true });
  }));
  await details.locator(':scope > summary').click();
  await toggled;
}

/** The three snippets of a step's code export, opened. */
async function snippetsOf(page, tool) {
  const details = page.locator(`[data-tools="${tool}"] details.snippets`);
  await openDetails(details);
  // The first opening of a code export that reads a private key may load core first.
  await details.locator('pre.code').filter({ hasText: /^Loading the part of the module/ }).first().waitFor({ state: 'detached' });
  const texts = {};
  for (const language of ['python', 'webcrypto', 'openssl']) {
    texts[language] = await details.locator(`.snippet[data-language="${language}"] pre.code`).textContent();
  }
  assert.equal(await details.locator('pre.code').count(), 3);
  return texts;
}

// The Python with `cryptography` that the tests of the code export use (make test makes it).
const PYTHON = process.env.ECDH_PLAYGROUND_PYTHON || path.join(ROOT, '.venv', 'bin', 'python');

/** Runs a snippet of the code export (python, webcrypto in Node, openssl in bash); resolves to what it printed. */
async function runSnippet(language, code) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ecdh-lesson-'));
  try {
    const [command, args] = {
      python: [PYTHON, ['-']],
      webcrypto: [process.execPath, ['--input-type=module']],
      openssl: ['bash', ['-s']],
    }[language];
    const { stdout } = await run(command, args, code, dir);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs a command with `input` on stdin in `cwd`; rejects when it fails. */
function run(command, args, input, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} exited with ${code}: ${stderr}`));
    });
    child.stdin.end(input);
  });
}

/** The fragment of a URL as an object. */
const fragment = (url) => Object.fromEntries(new URLSearchParams(new URL(url).hash.slice(1)));

/* ---------- (1) The example course page ---------- */

// Records, in the course page only, every change of an iframe's height attribute (with
// the value before it) and every "ready" event of a custom element.
const COURSE_RECORDER = `(() => {
  if (window.top !== window) return;
  window.__heights = [];
  window.__readyEvents = [];
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.tagName === 'IFRAME') window.__heights.push({ id: r.target.id, from: r.oldValue, to: r.target.getAttribute('height') });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['height'], attributeOldValue: true });
  document.addEventListener('ready', (e) => window.__readyEvents.push(e.target.id), true);
})();`;

/** Each iframe's height attribute and its document's height, measured inside it. */
function frameFit(page) {
  return page.evaluate(() => [...document.querySelectorAll('iframe')].map((f) => {
    const doc = f.contentDocument;
    return {
      id: f.id,
      attr: Number(f.getAttribute('height')),
      ready: doc?.body?.dataset.ready === 'true',
      content: doc ? Math.ceil(doc.documentElement.getBoundingClientRect().height) : null,
      scrolls: doc ? doc.documentElement.scrollHeight > doc.documentElement.clientHeight + 1 : null,
    };
  }));
}

/** Waits until every iframe is ready and sized to within 3 px of its content. */
async function waitFramesFit(page) {
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => {
      const doc = f.contentDocument;
      if (doc?.body?.dataset.ready !== 'true') return false;
      const content = Math.ceil(doc.documentElement.getBoundingClientRect().height);
      return Math.abs(Number(f.getAttribute('height')) - content) <= 3;
    }));
  } catch (e) {
    throw new Error(`the iframes were not sized to their content: ${JSON.stringify(await frameFit(page))}\n${e.message}`);
  }
  return frameFit(page);
}

browserTest('course page: two iframes that size themselves, two custom elements that keep to themselves', async (s, t) => {
  const page = await s.open('/examples/course.html', {}, { ready: false, initScript: COURSE_RECORDER });
  await page.locator('ecdh-playground#el-hkdf[data-ready="true"]').waitFor({ state: 'attached' });
  await page.locator('ecdh-playground#el-messages[data-ready="true"]').waitFor({ state: 'attached' });

  // Iframes: each height attribute starts at 150 and ends at its document's height.
  const fit = await waitFramesFit(page);
  const heights = await page.evaluate(() => window.__heights);
  for (const id of ['frame-exchange', 'frame-tls']) {
    const f = fit.find((x) => x.id === id);
    const changes = heights.filter((h) => h.id === id);
    assert.ok(changes.length > 0, `${id}: the height attribute was set`);
    assert.equal(changes[0].from, '150', `${id}: starts at 150`);
    assert.ok(f.attr > 300, `${id}: grew to ${f.attr}`);
    assert.ok(Math.abs(f.attr - f.content) <= 3, `${id}: height ${f.attr} vs content ${f.content}`);
    assert.equal(f.scrolls, false, `${id}: no scrolling inside`);
    t.diagnostic(`${id}: height 150 → ${f.attr} (content ${f.content}, ${changes.length} change(s))`);
  }

  // Inside the exchange iframe: the seeded lesson, only the exchange, the secrets match.
  const exchange = page.frameLocator('#frame-exchange');
  const secret = await exchange.locator('#alice-secret').textContent();
  assert.match(secret, SECRET_RE);
  assert.equal(await exchange.locator('#bob-secret').textContent(), secret);
  assert.match(await exchange.locator('#verdict').textContent(), /^✓ Match/);
  assert.match(await exchange.locator('#seed-banner').textContent(), /“lesson-3”.*not secret/);
  assert.equal(await exchange.locator('#seed').isVisible(), false, 'embedded: no seed field');
  assert.equal(await exchange.locator('#share').isVisible(), false, 'embedded: no share link');
  assert.equal(await exchange.locator('#step1').isVisible(), true);
  assert.equal(await exchange.locator('#step3').isVisible(), false, 'view=exchange hides HKDF');
  assert.equal(await exchange.locator('#step4').isVisible(), false, 'view=exchange hides the messages');

  // Inside the TLS iframe: the diagram has steps; stepping on grows the iframe with it.
  const tls = page.frameLocator('#frame-tls');
  assert.match(await tls.locator('#step-counter').textContent(), /^Step 1 of \d+$/);
  assert.equal(await tls.locator('#steps > li').count(), 1);
  const tlsBefore = fit.find((x) => x.id === 'frame-tls').attr;
  await tls.locator('#run-all').click();
  const steps = await tls.locator('#steps > li').count();
  assert.ok(steps > 20, `the handshake has ${steps} steps`);
  assert.equal(await tls.locator('#step-counter').textContent(), `Step ${steps} of ${steps}`);
  await page.waitForFunction((h) => Number(document.getElementById('frame-tls').getAttribute('height')) > h, tlsBefore);
  const tlsAfter = (await waitFramesFit(page)).find((x) => x.id === 'frame-tls');
  assert.ok(Math.abs(tlsAfter.attr - tlsAfter.content) <= 3, `after Run all: ${tlsAfter.attr} vs ${tlsAfter.content}`);
  t.diagnostic(`frame-tls after Run all: ${tlsAfter.attr}`);

  // Custom elements: both fired "ready"; each works inside its own shadow root.
  const readyEvents = await page.evaluate(() => window.__readyEvents);
  assert.deepEqual([...readyEvents].sort(), ['el-hkdf', 'el-messages']);
  assert.equal(await page.evaluate(() => document.getElementById('alice-key-ab')), null, 'nothing leaks into the course page DOM');
  for (const id of ['el-hkdf', 'el-messages']) {
    assert.equal(await page.evaluate((i) => document.getElementById(i).shadowRoot.querySelectorAll('#alice-key-ab').length, id), 1);
  }

  // #el-hkdf: P-256, seeded, steps 2-3; the OKM is HKDF of the secret it shows.
  const hkdf = (sel) => page.locator(`#el-hkdf ${sel}`);
  assert.equal(await hkdf('#curve').inputValue(), 'P-256');
  assert.match(await hkdf('#seed-banner').textContent(), /“lesson-3”.*not secret/);
  assert.equal(await hkdf('#step1').isVisible(), false);
  assert.equal(await hkdf('#step2').isVisible(), true);
  assert.equal(await hkdf('#step3').isVisible(), true);
  assert.equal(await hkdf('#step4').isVisible(), false);
  const hkdfSecret = await hkdf('#alice-secret').textContent();
  assert.match(hkdfSecret, SECRET_RE);
  assert.notEqual(hkdfSecret, secret, 'a P-256 secret, not the X25519 one of the iframe');
  assert.equal(await hkdf('#bob-secret').textContent(), hkdfSecret);
  const okm0 = await hkdf('#alice-key-ab').textContent();
  assert.equal(okm0, grouped(nodeHkdf(fromGrouped(hkdfSecret), '', directionInfo(DEFAULT_INFO, 'ab'))));
  await hkdf('#salt').fill('course salt');
  const okm1 = await hkdf('#alice-key-ab').textContent();
  assert.equal(okm1, grouped(nodeHkdf(fromGrouped(hkdfSecret), 'course salt', directionInfo(DEFAULT_INFO, 'ab'))));
  assert.equal(await hkdf('#bob-key-ab').textContent(), okm1);

  // #el-messages: random X25519 keys, only the messages; a message goes through.
  const messages = (sel) => page.locator(`#el-messages ${sel}`);
  assert.equal(await messages('#step4').isVisible(), true);
  assert.equal(await messages('#step1').isVisible(), false);
  assert.equal(await messages('#step3').isVisible(), false);
  assert.equal(await messages('#curve').inputValue(), 'X25519');
  const messagesOkm = await messages('#alice-key-ab').textContent();
  const envelope = await send(page, 'alice', 'hello from the course page', '#el-messages');
  assert.equal(nodeDecrypt(fromGrouped(messagesOkm), envelope), 'hello from the course page');

  // Neither touched the other: #el-hkdf has no message and its key; #el-messages its own.
  assert.equal(await hkdf('#wire-messages > li').count(), 0);
  assert.deepEqual(await page.locator('#el-hkdf #bob-party-chat-inbox > li').allTextContents(), []);
  assert.equal(await hkdf('#alice-key-ab').textContent(), okm1);
  assert.equal(await hkdf('#salt').inputValue(), 'course salt');
  assert.equal(await messages('#salt').inputValue(), '', 'the salt typed in #el-hkdf stays there');
  assert.equal(await messages('#alice-key-ab').textContent(), messagesOkm);
  assert.equal(await messages('#wire-messages > li').count(), 1);

  // The course page's own styles are untouched: browser defaults, no stylesheet added.
  const styles = await page.evaluate(() => {
    const h1 = getComputedStyle(document.querySelector('h1'));
    const body = getComputedStyle(document.body);
    return {
      font: h1.fontFamily, size: h1.fontSize, margin: body.margin, background: body.backgroundColor,
      color: body.color, sheets: document.styleSheets.length,
    };
  });
  assert.match(styles.font, /Times|serif/, `h1 font ${styles.font}`);
  assert.doesNotMatch(styles.font, /system-ui|sans-serif/);
  assert.equal(styles.size, '32px', 'h1 keeps the default 2em');
  assert.equal(styles.margin, '8px', 'body keeps the default margin');
  assert.equal(styles.background, 'rgba(0, 0, 0, 0)');
  assert.equal(styles.color, 'rgb(0, 0, 0)');
  assert.equal(styles.sheets, 0, 'no stylesheet in the course page itself');
});

/* ---------- (2) Seeds ---------- */

browserTest('seeds: the same seed gives the same keys, secrets, HKDF and envelopes in two contexts; another seed differs; both curves; TLS too', async (s) => {
  const [a, b, c] = await Promise.all([
    s.open('/?seed=lesson-3'), s.open('/?seed=lesson-3'), s.open('/?seed=lesson-4'),
  ]);
  for (const [page, seed] of [[a, 'lesson-3'], [c, 'lesson-4']]) {
    const banner = page.locator('#seed-banner');
    assert.equal(await banner.isVisible(), true);
    assert.match(await banner.textContent(), new RegExp(`“${seed}”`));
    assert.match(await banner.textContent(), /These keys are for teaching: they are not secret\./);
    assert.equal(await value(page, '#seed'), seed);
  }

  const message = 'Same seed, same bytes';
  for (const curve of CURVES) {
    const values = [];
    for (const page of [a, b, c]) {
      await useCurve(page, curve);
      const v = await shown(page);
      v.envelope = (await send(page, 'alice', message)).toString('hex');
      v.reply = (await send(page, 'bob', message)).toString('hex');
      values.push(v);
    }
    const [va, vb, vc] = values;
    assert.deepEqual(vb, va, `${curve}: lesson-3 twice gives the same everything`);
    assert.match(va.alicePublic, PEM_PREFIX[curve]);
    assert.match(va.aliceSecret, SECRET_RE);
    assert.equal(va.bobSecret, va.aliceSecret);
    for (const key of Object.keys(va)) assert.notEqual(vc[key], va[key], `${curve}: lesson-4 gives another ${key}`);

    // The nonce (v2) is HKDF(ikm = the Alice → Bob key, salt = the seed,
    // "ecdh-playground nonce v2 alice 0", 12): the first message under that key in this
    // tab. The envelope opens with Bob's copy of that key.
    const envelope = Buffer.from(va.envelope, 'hex');
    const nonce = nodeHkdf(fromGrouped(va.aliceOkm), 'lesson-3', 'ecdh-playground nonce v2 alice 0', 12);
    assert.equal(envelope.subarray(0, 12).toString('hex'), nonce.toString('hex'));
    assert.equal(nodeDecrypt(fromGrouped(va.bobIn), envelope), message);
    const reply = Buffer.from(va.reply, 'hex');
    assert.equal(reply.subarray(0, 12).toString('hex'), nodeHkdf(fromGrouped(va.bobOkm), 'lesson-3', 'ecdh-playground nonce v2 bob 0', 12).toString('hex'));
    assert.equal(nodeDecrypt(fromGrouped(va.aliceIn), reply), message);
    assert.equal(va.aliceOkm, grouped(nodeHkdf(fromGrouped(va.aliceSecret), '', directionInfo(DEFAULT_INFO, 'ab'))));
    assert.equal(va.bobOkm, grouped(nodeHkdf(fromGrouped(va.aliceSecret), '', directionInfo(DEFAULT_INFO, 'ba'))));
    assert.equal(va.alicePrk, grouped(nodePrk(fromGrouped(va.aliceSecret), '')));
  }

  // The TLS page: the same randoms and ServerKeyExchange bytes for the same seed.
  const tls = await Promise.all([
    s.open('/tls12.html?seed=lesson-3'), s.open('/tls12.html?seed=lesson-3'), s.open('/tls12.html?seed=lesson-4'),
  ]);
  const runs = [];
  for (const page of tls) {
    assert.match(await text(page, '#seed-banner'), /not secret/);
    await page.click('#inputs > summary');
    await page.locator('#in-client-random').waitFor({ state: 'visible' });
    for (let i = 0; i < 4; i += 1) await page.click('#next');
    await waitForText(page, '#step-counter', /^Step 5 of/);
    assert.equal(await text(page, '#steps > li.current .seq-title'), 'ServerKeyExchange');
    runs.push({
      clientRandom: await text(page, '#in-client-random'),
      serverRandom: await text(page, '#in-server-random'),
      serverIdentity: await text(page, '#in-server-identity'),
      serverKeyExchange: await text(page, '#steps > li.current .tls-bytes'),
    });
  }
  assert.match(runs[0].clientRandom, /^[0-9a-f]{64}$/);
  assert.equal(runs[0].clientRandom, nodeHkdf(utf8('lesson-3'), '', 'tls12 client random', 32).toString('hex'));
  assert.match(runs[0].serverKeyExchange, /^0c[0-9a-f]+$/, 'ServerKeyExchange starts with msg_type 12');
  assert.deepEqual(runs[1], runs[0], 'lesson-3 twice: the same handshake bytes');
  for (const key of Object.keys(runs[0])) assert.notEqual(runs[2][key], runs[0][key], `lesson-4 gives another ${key}`);
});

browserTest('seeded nonces: no (key, nonce) pair comes twice across curve switches, the next key pairs, Mallory, a reload and Forget', async (s) => {
  // Per tab: a tab counts the messages it seals under each key (sessionStorage); another
  // tab, like another student, starts the lesson's count from the start.
  let seen = new Map();
  /** Records the (key, nonce) of an envelope; fails if this tab used that pair before. */
  const record = (keyText, envelope, where) => {
    assert.match(keyText, SECRET_RE, `${where}: the key is shown`);
    const pair = `${unspace(keyText)}/${envelope.subarray(0, 12).toString('hex')}`;
    assert.equal(seen.has(pair), false, `${where}: the same key and nonce as “${seen.get(pair)}”`);
    seen.set(pair, where);
    assert.equal(nodeDecrypt(fromGrouped(keyText), envelope).startsWith('from '), true, `${where}: sealed with that key`);
  };

  // Both parties on one page.
  const page = await s.open('/?seed=nonce-lesson');
  const sendBoth = async (where) => {
    const v = await shown(page);
    record(v.aliceOkm, await send(page, 'alice', `from Alice, ${where}`), `${where}, Alice`);
    record(v.bobOkm, await send(page, 'bob', `from Bob, ${where}`), `${where}, Bob`);
    return v;
  };
  const first = await sendBoth('first');
  await sendBoth('second');
  await useCurve(page, 'P-256');
  await sendBoth('P-256');
  await useCurve(page, 'X25519');
  const back = await sendBoth('X25519 again');
  assert.equal(back.aliceOkm, first.aliceOkm, 'switching back brings the same keys back');
  await page.click('#regenerate');
  await page.waitForFunction((old) => document.getElementById('alice-key-ab').textContent !== old, first.aliceOkm);
  const next = await sendBoth('the next key pairs');
  // The key round is in the address (#round=1): a reload brings those keys back, and
  // their count goes on.
  assert.equal(fragment(page.url()).round, '1');
  await page.reload();
  await waitReady(page);
  assert.equal((await sendBoth('after a reload')).aliceOkm, next.aliceOkm, 'a reload keeps the key round of the address');
  // Mallory seals the forwarded copy under her key with Bob: counted too.
  await page.check('#mallory');
  for (const round of [1, 2]) {
    const v = await shown(page);
    await send(page, 'alice', `from Alice through Mallory, ${round}`);
    const entries = page.locator('#wire-messages > li');
    const count = await entries.count();
    const envelopeOf = async (entry) => Buffer.from((await Promise.all(['nonce', 'ct', 'tag'].map((c) => entry.locator(`.${c}`).textContent()))).join(''), 'hex');
    record(v.aliceOkm, await envelopeOf(entries.nth(count - 2)), `Mallory ${round}, Alice's copy`);
    record(v.bobIn, await envelopeOf(entries.nth(count - 1)), `Mallory ${round}, Mallory's copy for Bob`);
    await useCurve(page, 'P-256');
    await useCurve(page, 'X25519');
  }

  assert.equal(seen.size, 16);

  // One party per tab: Forget brings the same seeded key back, and so does a reload.
  seen = new Map();
  const tabs = { alice: await s.open('/?party=alice&seed=nonce-lesson'), bob: await s.open('/?party=bob&seed=nonce-lesson') };
  const exchange = async () => {
    await tabs.alice.fill('#peer-key', await value(tabs.bob, '#bob-party-keys-public'));
    await tabs.bob.fill('#peer-key', await value(tabs.alice, '#alice-party-keys-public'));
    await waitForText(tabs.alice, '#p-key-out', SECRET_RE);
  };
  const sendFromAlice = async (where) => {
    const before = await value(tabs.alice, '#p-envelope');
    await tabs.alice.fill('#p-plain', `from Alice's tab, ${where}`);
    await tabs.alice.click('#p-encrypt');
    await tabs.alice.waitForFunction((old) => document.getElementById('p-envelope').value !== old, before);
    const envelope = Buffer.from(await value(tabs.alice, '#p-envelope'), 'base64');
    record(await text(tabs.alice, '#p-key-out'), envelope, `Alice's tab, ${where}`);
  };
  await exchange();
  await sendFromAlice('first');
  const key = await text(tabs.alice, '#p-key-out');
  await tabs.alice.click('#p-forget');
  await tabs.alice.waitForFunction(() => document.getElementById('peer-key').value === '');
  await exchange();
  assert.equal(await text(tabs.alice, '#p-key-out'), key, 'after Forget, the seed gives the same key');
  await sendFromAlice('after Forget');
  await tabs.alice.reload();
  await waitReady(tabs.alice);
  await waitForText(tabs.alice, '#p-key-out', key);
  await sendFromAlice('after a reload');
  assert.equal(seen.size, 3);
});

test('nonce book: counts per key id and per seed, shares one storage, survives a new book', async () => {
  const storage = memoryStorage();
  const book = nonceBook(storage, 'lesson-3');
  assert.deepEqual([book.next('k1'), book.next('k1'), book.next('k2'), book.next('k1')], [0, 1, 0, 2]);
  assert.equal(nonceBook(storage, 'lesson-3').next('k1'), 3, 'a new book on the same storage (a reload) goes on counting');
  assert.equal(nonceBook(storage, 'lesson-4').next('k1'), 0, 'another seed counts apart');
  storage.setItem('ecdh-playground/nonces/lesson-3', 'not json');
  assert.equal(book.next('k1'), 0, 'an unreadable book starts again rather than failing');
  assert.equal(directionInfo(DEFAULT_INFO, 'ab'), directionInfoOfPage(DEFAULT_INFO, 'ab'));
  assert.equal(directionInfoOfPage('', 'ba'), 'bob to alice');
  assert.equal(nonceInfo('alice', 7), 'ecdh-playground nonce v2 alice 7');
});

/* ---------- (3) Shared links ---------- */

browserTest('shared link: the fragment carries curve, seed, salt, info and Mallory, restores them, and never a private key; TLS #step=', async (s) => {
  const clip = { permissions: ['clipboard-read', 'clipboard-write'] };
  const a = await s.open('/', clip);
  assert.equal(new URL(a.url()).hash, '', 'defaults: no fragment');

  /** Changes the settings on `page` and checks the fragment. */
  const change = async (page) => {
    await useCurve(page, 'P-256');
    await page.fill('#salt', 'classroom salt');
    await page.fill('#info', 'lesson 3 & chat');
    await page.check('#mallory');
    await waitForText(page, '#verdict', 'The secrets differ');
  };
  /** Opens the "Copy link to this lesson" link; returns the copied link. */
  const shareLink = async (page) => {
    await page.click('#share');
    const link = await page.locator('.share-link').inputValue();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'the link is what is copied');
    assert.equal(link, page.url(), 'the link is the page address');
    return link;
  };
  /** Checks a fresh page restored the settings. */
  const restored = async (page) => {
    assert.equal(await value(page, '#curve'), 'P-256');
    assert.match(await value(page, '#alice-party-keys-public'), PEM_PREFIX['P-256']);
    assert.equal(await value(page, '#salt'), 'classroom salt');
    assert.equal(await value(page, '#info'), 'lesson 3 & chat');
    assert.equal(await page.isChecked('#mallory'), true);
    await waitForText(page, '#verdict', 'The secrets differ');
    assert.equal(await page.locator('#mallory-note').isVisible(), true);
  };
  /** No private key of either card in the address or the shared link. */
  const noPrivateKeys = async (page, link) => {
    for (const who of ['alice', 'bob']) {
      const pem = await revealPrivateKey(page, who);
      assertNoPrivateKey(page.url(), pem, `${who}: page.url()`);
      assertNoPrivateKey(link, pem, `${who}: the shared link`);
    }
    // Revealing a key changes nothing in the address.
    await page.click('#alice-party-keys-reveal');
    const pem = await waitForText(page, '#alice-party-keys-private', /BEGIN PRIVATE KEY/);
    assertNoPrivateKey(page.url(), pem, 'alice, revealed: page.url()');
    await page.click('#alice-party-keys-reveal');
  };

  // Without a seed: settings travel, keys are fresh in each context.
  await change(a);
  assert.deepEqual(fragment(a.url()), {
    curve: 'P-256', salt: 'classroom salt', info: 'lesson 3 & chat', mallory: '1',
  });
  const linkA = await shareLink(a);
  await noPrivateKeys(a, linkA);
  const b = await s.open(linkA);
  await restored(b);
  assert.notEqual(await value(b, '#alice-party-keys-public'), await value(a, '#alice-party-keys-public'), 'no seed: new random keys');
  assert.equal(await text(b, '#alice-key-ab'), grouped(nodeHkdf(fromGrouped(await text(b, '#alice-secret')), 'classroom salt', 'lesson 3 & chat alice to bob')));

  // A seed longer than a link carries is refused where it was typed, and kept there.
  const before = a.url();
  await a.fill('#seed', 'x'.repeat(201));
  await a.click('#use-seed');
  await waitForText(a, '#seed-error', 'A seed is at most 200 characters; this one has 201: shorten it.');
  assert.equal(await value(a, '#seed'), 'x'.repeat(201));
  assert.equal(await a.locator('#seed').getAttribute('aria-invalid'), 'true');
  assert.equal(a.url(), before, 'no reload');

  // With a seed (typed, then "Use seed", which reloads): the same keys everywhere.
  await a.fill('#seed', 'lesson-3');
  await Promise.all([a.waitForEvent('load'), a.click('#use-seed')]);
  await waitReady(a);
  await restored(a);
  assert.deepEqual(fragment(a.url()), {
    curve: 'P-256', seed: 'lesson-3', salt: 'classroom salt', info: 'lesson 3 & chat', mallory: '1',
  });
  assert.equal(await value(a, '#seed'), 'lesson-3');
  const linkSeeded = await shareLink(a);
  await noPrivateKeys(a, linkSeeded);
  const c = await s.open(linkSeeded);
  await restored(c);
  assert.equal(await value(c, '#seed'), 'lesson-3');
  assert.deepEqual(await shown(c), await shown(a), 'seeded link: the same keys, secrets, PRK and key');
  assert.equal(await c.locator('#wire-keys').textContent(), await a.locator('#wire-keys').textContent(), 'and the same Mallory');

  // The TLS page opens at the step in the fragment and keeps it there.
  const tls = await s.open('/tls12.html#step=5');
  assert.equal(await text(tls, '#step-counter'), `Step 5 of ${(await text(tls, '#step-counter')).match(/of (\d+)/)[1]}`);
  assert.equal(await tls.locator('#steps > li').count(), 5);
  assert.equal(await text(tls, '#steps > li.current .seq-num'), '5');
  await tls.click('#next');
  await waitForText(tls, '#step-counter', /^Step 6 of/);
  assert.equal(fragment(tls.url()).step, '6');
  await tls.click('#back');
  await tls.click('#back');
  await waitForText(tls, '#step-counter', /^Step 4 of/);
  assert.equal(fragment(tls.url()).step, '4');
  await tls.locator('#steps > li').nth(1).locator('button.seq-label').click();
  await waitForText(tls, '#step-counter', /^Step 2 of/);
  assert.equal(fragment(tls.url()).step, '2');
  const again = await s.open(tls.url());
  assert.match(await text(again, '#step-counter'), /^Step 2 of/);
  assert.equal(fragment(tls.url()).steps, '2', 'links say which step numbering they use');

  // A link from before the Certificate message joined the handshake counts one step fewer
  // from the client's reading of the certificate on: it opens at the same step, mapped.
  const old = await s.open('/tls12.html#step=9');
  await waitForText(old, '#step-counter', /^Step 10 of/);
  assert.match(await text(old, '#steps > li.current'), /ClientKeyExchange/);
  const today = await s.open('/tls12.html#step=10&steps=2');
  await waitForText(today, '#step-counter', /^Step 10 of/);
  assert.match(await text(today, '#steps > li.current'), /ClientKeyExchange/);
});

browserTest('a lesson opened from the query can be put back to its defaults: the address, the link and a reload follow the page, not the query', async (s) => {
  const page = await s.open('/?seed=lesson-3&mallory=1&salt=abc&curve=P-256', { permissions: ['clipboard-read', 'clipboard-write'] });
  await waitForText(page, '#verdict', 'The secrets differ');
  await page.uncheck('#mallory');
  await page.fill('#salt', '');
  await useCurve(page, 'X25519');
  await waitForText(page, '#verdict', 'Match: both sides');
  const url = new URL(page.url());
  assert.equal(url.search, '', 'the lesson moved to the fragment');
  assert.deepEqual(fragment(page.url()), { seed: 'lesson-3' });
  await page.click('#share');
  assert.equal(await page.locator('.share-link').inputValue(), page.url());
  await page.reload();
  await waitReady(page);
  assert.equal(await page.isChecked('#mallory'), false);
  assert.equal(await value(page, '#salt'), '');
  assert.equal(await value(page, '#curve'), 'X25519');
  // The intro's party links carry the lesson, so that both tabs share it.
  assert.equal(await page.locator('#intro-bob').getAttribute('href'), '?party=bob#seed=lesson-3');
  // Leaving a seed the query gave: the field cleared, Use seed, an unseeded page.
  const seeded = await s.open('/?seed=lesson-3');
  await seeded.fill('#seed', '');
  await Promise.all([seeded.waitForEvent('load'), seeded.click('#use-seed')]);
  await waitReady(seeded);
  assert.equal(await value(seeded, '#seed'), '');
  assert.equal(await seeded.locator('#seed-banner').isVisible(), false);
  assert.ok(!seeded.url().includes('lesson-3'), seeded.url());
  // A link's seed: trimmed as the field trims it; one too long is ignored, and said so.
  const spaced = await s.open('/?seed=lesson-3%20');
  assert.equal(await value(spaced, '#alice-party-keys-public'), await value(await s.open('/?seed=lesson-3'), '#alice-party-keys-public'));
  for (const path of ['/', '/tls12.html', '/tls13.html', '/resume.html']) {
    const long = await s.open(`${path}?seed=${'x'.repeat(201)}`);
    await waitForText(long, '#seed-banner', /^This link's seed is longer than 200 characters/);
    assert.equal(await long.locator('#seed-banner').isVisible(), true, path);
  }
  // The TLS page too: a setting of the query unticked stays unticked.
  const tls = await s.open('/tls12.html?seed=lesson-3&static=1');
  await tls.uncheck('#static-key');
  await tls.waitForFunction(() => !window.location.href.includes('static'));
  await tls.reload();
  await waitReady(tls);
  assert.equal(await tls.isChecked('#static-key'), false);
});

/* ---------- (4) Teacher-hidden answers ---------- */

/** Fills a quiz, checks, and returns its verdict. */
async function answer(page, outputId, typed) {
  const quiz = page.locator(`#${outputId} + .quiz`);
  await quiz.locator(`#${outputId}-answer`).fill(typed);
  await quiz.getByRole('button', { name: 'Check my answer' }).click();
  return waitForText(page, `#${outputId} + .quiz .quiz-verdict`, /./);
}

/** Asserts an output is hidden (no hex on screen) and that its bytes are nowhere on screen. */
async function assertHidden(page, outputId, bytes) {
  const out = page.locator(`#${outputId}`);
  assert.equal(await out.textContent(), HIDDEN_TEXT);
  assert.match(await out.getAttribute('class'), /\banswer-hidden\b/);
  assert.doesNotMatch(await out.textContent(), HEX8_RE);
  if (bytes) {
    const screen = (await page.locator('body').innerText()).toLowerCase();
    assert.equal(screen.includes(grouped(bytes)), false, `${outputId}: the value is on screen`);
    assert.equal(screen.includes(bytes.toString('hex')), false, `${outputId}: the value is on screen`);
  }
}

async function reveal(page, outputId, bytes) {
  await page.locator(`#${outputId} + .quiz`).getByRole('button', { name: 'Show answer' }).click();
  await waitForText(page, `#${outputId}`, SECRET_RE);
  assert.equal(await text(page, `#${outputId}`), grouped(bytes));
  assert.doesNotMatch(await page.getAttribute(`#${outputId}`, 'class'), /answer-hidden/);
  assert.equal(await page.locator(`#${outputId} + .quiz`).count(), 0, 'the quiz goes once answered');
}

/** After a right answer: the value is shown, only the verdict stays, and it has the focus. */
async function answered(page, outputId, bytes) {
  assert.equal(await text(page, `#${outputId}`), grouped(bytes));
  assert.doesNotMatch(await page.getAttribute(`#${outputId}`, 'class'), /answer-hidden/);
  assert.deepEqual(await page.locator(`#${outputId} + .quiz`).evaluate((q) => [...q.children].map((c) => c.textContent)), ['✓ Correct.']);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '✓ Correct.');
}

const flipFirst = (bytes) => Buffer.concat([Buffer.from([bytes[0] ^ 1]), bytes.subarray(1)]);

browserTest('teacher hide: okm, then secret and prk, hidden; a wrong answer is "not yet", the right one (computed in Node) is correct and shows the value; Show answer reveals', async (s) => {
  const page = await s.open('/?seed=lesson-3#hide=okm');
  const secret = fromGrouped(await text(page, '#alice-secret'));
  assert.match(await text(page, '#alice-secret'), SECRET_RE, 'the secret stays visible');
  assert.match(await text(page, '#alice-prk'), SECRET_RE, 'the PRK stays visible');
  const okm = Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), utf8(directionInfo(DEFAULT_INFO, 'ab')), 32));
  const okmBa = Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), utf8(directionInfo(DEFAULT_INFO, 'ba')), 32));
  for (const who of ['alice', 'bob']) {
    await assertHidden(page, `${who}-key-ab`, okm);
    await assertHidden(page, `${who}-key-ba`, okmBa);
  }
  assert.equal(await text(page, '#key-verdict'), '✓ Same two keys on both sides.');

  assert.match(await answer(page, 'alice-key-ab', flipFirst(okm).toString('hex')), /^✗ Not yet/);
  assert.match(await answer(page, 'alice-key-ab', ''), /^✗ Not yet/);
  assert.match(await answer(page, 'alice-key-ab', okmBa.toString('hex')), /^✗ Not yet/, 'the other direction\'s key is not this one');
  // Case, spaces and colons do not matter.
  assert.equal(await answer(page, 'alice-key-ab', okm.toString('hex').toUpperCase().match(/../g).join(':')), '✓ Correct.');
  await answered(page, 'alice-key-ab', okm);
  await assertHidden(page, 'bob-key-ab', null); // Bob's copy still asks (its value is Alice's, now on screen)
  assert.equal(await answer(page, 'bob-key-ab', grouped(okm)), '✓ Correct.');
  await answered(page, 'bob-key-ab', okm);
  await reveal(page, 'alice-key-ba', okmBa);
  await reveal(page, 'bob-key-ba', okmBa);

  // hide=secret,prk: the secret is computed in Node from the revealed key and the peer's public key.
  const page2 = await s.open('/?seed=lesson-3#hide=secret,prk');
  const alicePem = await revealPrivateKey(page2, 'alice');
  const bobPublic = await value(page2, '#bob-party-keys-public');
  const secret2 = nodeSharedSecret(alicePem, bobPublic);
  assert.equal(secret2.toString('hex'), secret.toString('hex'), 'the same seeded lesson');
  const prk = nodePrk(secret2, '');
  for (const who of ['alice', 'bob']) {
    await assertHidden(page2, `${who}-secret`, secret2);
    await assertHidden(page2, `${who}-prk`, prk);
  }
  assert.equal(await text(page2, '#alice-key-ab'), grouped(okm), 'the keys stay visible');
  assert.match(await text(page2, '#verdict'), /^✓ Match/);
  assert.match(await answer(page2, 'alice-secret', flipFirst(secret2).toString('hex')), /^✗ Not yet/);
  assert.match(await answer(page2, 'alice-prk', secret2.toString('hex')), /^✗ Not yet/, 'the secret is not the PRK');
  assert.equal(await answer(page2, 'alice-secret', secret2.toString('hex')), '✓ Correct.');
  await answered(page2, 'alice-secret', secret2);
  assert.equal(await answer(page2, 'alice-prk', `0x${prk.toString('hex')}`), '✓ Correct.');
  await answered(page2, 'alice-prk', prk);
  await reveal(page2, 'bob-secret', secret2);
  await assertHidden(page2, 'bob-prk', null);
});

/* ---------- (4b) A hidden value appears nowhere, in no encoding ---------- */

// The package in Node, to compute a seeded lesson's values as the page does, Mallory's too.
const PKG = new URL('../../www/pkg/', import.meta.url);
const wasm = await import(new URL('ecdh_playground.js', PKG));
wasm.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', PKG)) });

/**
 * Every value a hide=secret,prk,okm lesson hides, honest and with Mallory: for each pair
 * of parties that share a secret, the secret, the PRK and both direction keys.
 */
function hiddenValuesOf(seed, curve, salt, info) {
  const pairs = Object.fromEntries(['alice', 'bob', 'mallory-alice', 'mallory-bob']
    .map((label) => [label, wasm.KeyPair.fromSeed(curve, utf8(seed), label)]));
  const values = [];
  for (const [mine, theirs] of [['alice', 'bob'], ['alice', 'mallory-alice'], ['bob', 'mallory-bob']]) {
    const secret = Buffer.from(pairs[mine].sharedSecret(pairs[theirs].publicKey('pem')));
    values.push({ name: `secret ${mine}/${theirs}`, bytes: secret });
    values.push({ name: `PRK ${mine}/${theirs}`, bytes: nodePrk(secret, salt) });
    for (const dir of ['ab', 'ba']) values.push({ name: `key ${dir} ${mine}/${theirs}`, bytes: nodeHkdf(secret, salt, directionInfo(info, dir)) });
  }
  for (const pair of Object.values(pairs)) pair.free();
  return values;
}

/** The ways the page, its code or its checks could write bytes. */
function encodings(bytes) {
  const hex = bytes.toString('hex');
  const pairs = hex.match(/../g);
  const first = [...bytes.subarray(0, 4)];
  const forms = [
    hex, grouped(bytes, 4), grouped(bytes, 2), pairs.join(' '), pairs.join(':'),
    bytes.toString('base64'), bytes.toString('base64url'),
    pairs.slice(0, 4).map((p) => `0x${p}`).join(', '), `[${first.join(', ')}`, `bytes([${first.join(', ')}`,
  ];
  // Any 8 bytes of it in a row, as hex: a shortened value ("3f2a9c4107be5d12…") too.
  for (let i = 0; i + 16 <= hex.length; i += 2) forms.push(hex.slice(i, i + 16));
  return forms;
}

/** Everything the page holds: its whole DOM, every field's value, its address and storage. */
function pageText(page) {
  return page.evaluate(() => [
    document.documentElement.outerHTML,
    ...[...document.querySelectorAll('input, textarea, select')].map((f) => f.value),
    window.location.href,
    JSON.stringify({ ...sessionStorage }),
    JSON.stringify({ ...localStorage }),
  ].join('\n'));
}

/** The hidden values found in the page, with the encoding that gave them away. */
async function leaks(page, values) {
  const haystack = await pageText(page);
  const lower = haystack.toLowerCase();
  const found = [];
  for (const { name, bytes } of values) {
    for (const form of encodings(bytes)) {
      const hexLike = /^[0-9a-f :,x[\]bytes(]+$/.test(form);
      if ((hexLike ? lower : haystack).includes(form)) {
        found.push(`${name} as ${form}`);
        break;
      }
    }
  }
  return found;
}

/** Opens every tool of every step: its WebCrypto check and its code. */
async function openEveryTool(page) {
  for (const tool of ['keys', 'ecdh', 'hkdf', 'aesgcm']) {
    await crossCheck(page, tool);
    const details = page.locator(`[data-tools="${tool}"] details.snippets`);
    await openDetails(details);
    await page.locator(`[data-tools="${tool}"] [data-language="python"] pre`).waitFor();
  }
}

browserTest('teacher hide: a hidden value is nowhere in the page — output, code, checks, wire, DOM, fields, address — in any encoding, until answered or shown', async (s) => {
  const seed = 'lesson-3';
  const values = hiddenValuesOf(seed, 'P-256', '', DEFAULT_INFO);
  const page = await s.open(`/?seed=${seed}#curve=P-256&hide=secret,prk,okm`, { permissions: ['clipboard-read', 'clipboard-write'] });
  await useCurve(page, 'P-256');
  // Everything a student can open or press, with and without Mallory.
  const useEverything = async () => {
    await send(page, 'alice', 'hello Bob');
    await send(page, 'bob', 'hello Alice');
    await openEveryTool(page);
    for (const who of ['alice', 'bob']) {
      const inside = page.locator(`#${who}-party-keys-inside`);
      if (!(await inside.evaluate((d) => d.open))) await inside.locator('summary').click();
      await revealPrivateKey(page, who);
    }
    const entry = page.locator('#wire-messages > li').last();
    await entry.locator('.ct .b').first().click();
    if (await entry.locator('.replay').count()) await entry.locator('.replay').click();
    await page.click('#share');
    for (const id of ['alice-secret', 'bob-prk', 'alice-key-ab']) {
      await page.locator(`#${id}-answer`).fill('00');
      await page.locator(`#${id} + .quiz`).getByRole('button', { name: 'Check my answer' }).click();
    }
  };
  await useEverything();
  assert.deepEqual(await leaks(page, values), [], 'nothing hidden is in the page');
  const held = await text(page, '[data-tools="hkdf"] [data-language="python"] pre');
  assert.match(held, /^Hidden by the lesson until you answer: this code holds the shared secret/);
  assert.match(await text(page, '[data-tools="aesgcm"] [data-language="webcrypto"] pre'), /^Hidden by the lesson until you answer: this code holds the key/);
  assert.match(await waitForText(page, '[data-tools="ecdh"] [data-language="python"] pre', /private_key = serialization\.load_pem_private_key/), /load_pem_private_key/, 'the ECDH code starts from the keys, which are not hidden');
  await page.check('#mallory');
  await waitForText(page, '#verdict', 'The secrets differ');
  await useEverything();
  assert.deepEqual(await leaks(page, values), [], 'nor with Mallory in the middle');

  // The search sees what the page shows: once the secret is answered on both sides, the
  // HKDF code holds it, and the search finds it.
  const aliceSecret = values.find((v) => v.name === 'secret alice/mallory-alice').bytes;
  const bobSecret = values.find((v) => v.name === 'secret bob/mallory-bob').bytes;
  assert.equal(await answer(page, 'alice-secret', aliceSecret.toString('hex')), '✓ Correct.');
  assert.match(await text(page, '[data-tools="hkdf"] [data-language="python"] pre'), /^Hidden by the lesson/, 'Bob\'s secret is still hidden');
  await reveal(page, 'bob-secret', bobSecret);
  await waitForText(page, '[data-tools="hkdf"] [data-language="python"] pre', `shared_secret = bytes.fromhex("${aliceSecret.toString('hex')}")`);
  assert.deepEqual(await leaks(page, values.filter((v) => v.name.startsWith('secret '))), [
    `secret alice/mallory-alice as ${aliceSecret.toString('hex')}`,
    `secret bob/mallory-bob as ${grouped(bobSecret)}`,
  ]);
  assert.deepEqual(await leaks(page, values.filter((v) => !v.name.startsWith('secret '))), [], 'the PRKs and keys are still hidden');
});

browserTest('teacher hide: a check that disagrees with WebCrypto does not print the hidden values', async (s) => {
  // This browser's WebCrypto made to disagree: every deriveBits comes back with one bit changed.
  const disagree = `(() => {
    const deriveBits = SubtleCrypto.prototype.deriveBits;
    SubtleCrypto.prototype.deriveBits = async function (...args) {
      const bits = new Uint8Array(await deriveBits.apply(this, args));
      bits[0] ^= 1;
      return bits.buffer;
    };
  })();`;
  const values = hiddenValuesOf('lesson-3', 'P-256', '', DEFAULT_INFO).filter((v) => !v.name.startsWith('PRK'));
  const page = await s.open('/?seed=lesson-3#curve=P-256&hide=secret,okm', {}, { initScript: disagree });
  await useCurve(page, 'P-256');
  const concealed = "✗ Differs from your browser's WebCrypto (the values are hidden by the lesson until you answer).";
  assert.equal(await crossCheck(page, 'ecdh'), concealed);
  assert.equal(await crossCheck(page, 'hkdf'), concealed);
  assert.deepEqual(await leaks(page, values), []);
  // Answered and shown, the disagreement says its values again.
  const secret = values.find((v) => v.name === 'secret alice/bob').bytes;
  await reveal(page, 'alice-secret', secret);
  await reveal(page, 'bob-secret', secret);
  assert.match(await crossCheck(page, 'ecdh'), /^✗ Differs from your browser's WebCrypto: WebCrypto computed a different shared secret: [0-9a-f]{16}…, where the page shows [0-9a-f]{16}…\.$/);
});

/* ---------- (5) Cross-check buttons and code export ---------- */

browserTest('cross-check buttons on both curves (and with Mallory) match WebCrypto; the code export shows the current values', async (s, t) => {
  const page = await s.open('/');
  for (const curve of CURVES) {
    await useCurve(page, curve);
    const ecdh = await crossCheck(page, 'ecdh');
    const x25519Missing = curve === 'X25519' && ecdh.startsWith(CANNOT_CHECK);
    if (curve === 'X25519') {
      assert.ok(ecdh === MATCHES || x25519Missing, `X25519 ECDH: ${ecdh}`);
      t.diagnostic(`Chromium ${browser.version()}: X25519 ECDH cross-check says: ${ecdh}`);
    } else {
      assert.equal(ecdh, MATCHES, `P-256 ECDH: ${ecdh}`);
    }
    assert.equal(await crossCheck(page, 'hkdf'), MATCHES, `${curve} HKDF`);
    assert.equal(await crossCheck(page, 'aesgcm'), 'Could not check: send a message first');
    await send(page, 'alice', `check me on ${curve}`);
    assert.equal(await crossCheck(page, 'aesgcm'), MATCHES, `${curve} AES-GCM`);
    await send(page, 'bob', 'and the reply');
    assert.equal(await crossCheck(page, 'aesgcm'), MATCHES, `${curve} AES-GCM, reply`);

    // The code export: three snippets with this lesson's values.
    const v = await shown(page);
    const secretHex = unspace(v.aliceSecret);
    const hkdfCode = await snippetsOf(page, 'hkdf');
    assert.ok(hkdfCode.python.includes(`bytes.fromhex("${secretHex}")`), hkdfCode.python);
    for (const dir of ['ab', 'ba']) {
      assert.ok(hkdfCode.python.includes(`info="${directionInfo(DEFAULT_INFO, dir)}".encode()`), `python: the ${dir} info`);
      assert.ok(hkdfCode.webcrypto.includes(`new TextEncoder().encode("${directionInfo(DEFAULT_INFO, dir)}")`), `webcrypto: the ${dir} info`);
      assert.ok(hkdfCode.openssl.includes(`-kdfopt 'info:${directionInfo(DEFAULT_INFO, dir)}'`), `openssl: the ${dir} info`);
    }
    assert.ok(hkdfCode.webcrypto.includes(secretHex));
    assert.ok(hkdfCode.openssl.includes(`hexkey:${secretHex}`));
    // Run, each prints the two keys the page shows: Alice → Bob, then Bob → Alice.
    const keysPrinted = `${unspace(v.aliceOkm)}\n${unspace(v.bobOkm)}\n`;
    for (const language of ['python', 'webcrypto', 'openssl']) {
      assert.equal(await runSnippet(language, hkdfCode[language]), keysPrinted, `${curve}: the ${language} HKDF code prints both keys`);
    }
    // Open code follows the lesson: a new salt appears in it at once.
    await page.fill('#salt', 'export salt');
    assert.ok((await snippetsOf(page, 'hkdf')).python.includes('export salt'));
    await page.fill('#salt', '');

    const alicePem = await revealPrivateKey(page, 'alice');
    const ecdhCode = await snippetsOf(page, 'ecdh');
    for (const [language, code] of Object.entries(ecdhCode)) {
      assert.ok(unspace(code).includes(pemBody(alicePem)), `${language}: Alice's private key`);
      assert.ok(unspace(code).includes(pemBody(v.bobPublic)), `${language}: Bob's public key`);
      assert.ok(code.includes(curve), `${language}: the curve`);
    }

    const gcmCode = await snippetsOf(page, 'aesgcm');
    const last = page.locator('#wire-messages > li').last();
    const envelopeHex = (await Promise.all(['nonce', 'ct', 'tag'].map((c) => last.locator(`.${c}`).textContent()))).join('');
    // The last message is Bob's: the Bob → Alice key, named with its info.
    for (const language of ['python', 'webcrypto']) {
      assert.ok(gcmCode[language].includes(unspace(v.bobOkm)), `${language}: the key`);
      assert.equal(unspace(v.bobOkm), unspace(v.aliceIn));
      assert.ok(gcmCode[language].includes(envelopeHex), `${language}: the envelope`);
      assert.ok(gcmCode[language].includes(`The bob to alice key: HKDF-SHA256(shared secret, salt, info = "${directionInfo(DEFAULT_INFO, 'ba')}", 32 bytes)`), `${language}: which key`);
      assert.equal(gcmCode[language].includes(unspace(v.aliceOkm)), false, `${language}: not the other direction's key`);
    }
    assert.match(gcmCode.openssl, /cannot do AES-GCM/);

    // Mallory in the middle: the checks compare Alice's own computation, so they still match.
    await page.check('#mallory');
    await waitForText(page, '#verdict', 'The secrets differ');
    const ecdhMallory = await crossCheck(page, 'ecdh');
    assert.equal(ecdhMallory, x25519Missing ? ecdh : MATCHES, `${curve} ECDH with Mallory`);
    assert.equal(await crossCheck(page, 'hkdf'), MATCHES, `${curve} HKDF with Mallory`);
    await send(page, 'alice', 'Mallory reads this');
    assert.equal(await crossCheck(page, 'aesgcm'), MATCHES, `${curve} AES-GCM with Mallory`);
    const hkdfMallory = await snippetsOf(page, 'hkdf');
    assert.ok(hkdfMallory.python.includes(unspace(await text(page, '#alice-secret'))), 'the code follows Mallory');
    await page.uncheck('#mallory');
    for (const tool of ['ecdh', 'hkdf', 'aesgcm']) {
      await page.locator(`[data-tools="${tool}"] details.snippets > summary`).click();
    }
  }
});

/* ---------- (6) Embed help ---------- */

/** Opens the footer's embed help; returns { iframeSrc, scriptSrc, elementTag }. */
async function embedHelp(page, part) {
  const details = page.locator('#embed-help details.embed-help');
  assert.equal(await details.locator('summary').textContent(), 'Embed this in your course');
  await openDetails(details);
  if (part) await page.selectOption('#embed-part', part);
  const iframe = await details.locator('pre[aria-label="iframe snippet"]').textContent();
  const element = await details.locator('pre[aria-label="custom element snippet"]').textContent();
  const iframeSrc = iframe.match(/<iframe src="([^"]+)"/)?.[1];
  const scriptSrc = element.match(/<script type="module" src="([^"]+)"><\/script>/)?.[1];
  const elementTag = element.match(/<ecdh-playground [^>]*><\/ecdh-playground>/)?.[0];
  assert.ok(iframeSrc && scriptSrc && elementTag, `snippets:\n${iframe}\n${element}`);
  assert.match(iframe, /ecdh-playground:height/, 'the iframe snippet includes the sizing lines');
  return { iframeSrc, scriptSrc, elementTag };
}

browserTest('embed help on / and /tls12.html: absolute iframe src with view and seed; the element loads ecdh-playground.js with the same attributes', async (s) => {
  // Where examples/course.html's "../ecdh-playground.js" points.
  const elementScript = new URL('../ecdh-playground.js', new URL('examples/course.html', server.url)).href;

  const page = await s.open('/?seed=lesson-3');
  await useCurve(page, 'P-256');
  const all = await embedHelp(page);
  assert.equal(all.iframeSrc, new URL('embed.html?view=all&seed=lesson-3&curve=P-256', server.url).href);
  const parts = await page.locator('#embed-part option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(parts, ['all', 'exchange', 'hkdf', 'messages', 'tls12', 'tls13', 'resume', 'curve']);
  const ex = await embedHelp(page, 'exchange');
  const src = new URL(ex.iframeSrc);
  assert.equal(src.origin, server.origin, 'absolute, on this site');
  assert.equal(src.pathname, '/embed.html');
  assert.deepEqual(Object.fromEntries(src.searchParams), { view: 'exchange', seed: 'lesson-3', curve: 'P-256' });
  assert.equal(ex.scriptSrc, elementScript);
  assert.equal(ex.elementTag, '<ecdh-playground view="exchange" seed="lesson-3" curve="P-256"></ecdh-playground>');

  // The iframe's address works: the same seeded P-256 lesson, exchange only.
  const embedded = await s.open(ex.iframeSrc);
  assert.equal(await value(embedded, '#curve'), 'P-256');
  assert.equal(await value(embedded, '#alice-party-keys-public'), await value(page, '#alice-party-keys-public'));
  assert.equal(await text(embedded, '#alice-secret'), await text(page, '#alice-secret'));
  assert.equal(await embedded.locator('#step3').isVisible(), false);
  assert.equal(await embedded.locator('body.embedded').count(), 1);

  // The TLS page: only the tls12 part, its seed, no curve.
  const tls = await s.open('/tls12.html?seed=lesson-3');
  const t12 = await embedHelp(tls);
  assert.deepEqual(await tls.locator('#embed-part option').evaluateAll((o) => o.map((x) => x.value)), ['tls12']);
  assert.equal(t12.iframeSrc, new URL('embed.html?view=tls12&seed=lesson-3', server.url).href);
  assert.equal(t12.scriptSrc, elementScript);
  assert.equal(t12.elementTag, '<ecdh-playground view="tls12" seed="lesson-3"></ecdh-playground>');
  const tlsEmbedded = await s.open(t12.iframeSrc);
  assert.equal(await text(tlsEmbedded, '#in-client-random'), await text(tls, '#in-client-random'), 'the same seeded handshake');
  assert.match(await text(tlsEmbedded, '#step-counter'), /^Step 1 of \d+$/);

  // A step link's numbering (steps=2) travels with the element as with the iframe: both
  // open at the same step.
  const stepped = await s.open('/tls12.html?seed=lesson-3#step=12&steps=2');
  const t12Step = await embedHelp(stepped);
  assert.match(t12Step.elementTag, / step="12" steps="2"/);
  const host = await s.open('/examples/course.html', {}, { ready: false });
  await host.evaluate((tag) => document.body.insertAdjacentHTML('beforeend', tag.replace('<ecdh-playground ', '<ecdh-playground id="el-step" ')), t12Step.elementTag);
  await host.locator('ecdh-playground#el-step[data-ready="true"]').waitFor({ state: 'attached' });
  const elementStep = await host.locator('ecdh-playground#el-step').evaluate((node) => node.shadowRoot.getElementById('step-counter').textContent);
  assert.equal(elementStep, await text(await s.open(t12Step.iframeSrc), '#step-counter'));
  assert.match(elementStep, /^Step 12 of/);
});

/* ---------- 7. The TLS page's ECDSA cross-check ---------- */

browserTest('TLS page: WebCrypto agrees with the signature verdict, valid and after Mallory', async (s) => {
  for (const mallory of ['none', 'swap-key', 'resign']) {
    const page = await s.open('/tls12.html');
    if (mallory !== 'none') await page.check(`#mallory-${mallory}`);
    await page.click('#run-all');
    const verdict = await text(page, '#v-signature-verdict');
    assert.match(verdict, mallory === 'none' ? /Signature valid/ : /Signature invalid/);
    await page.click('[data-tools="ecdsa"] button');
    await waitForText(page, '[data-tools="ecdsa"] .crosscheck', MATCHES);
  }
});

browserTest('TLS page: the signature check as Python, WebCrypto and openssl, with the signed bytes filled in', async (s) => {
  const page = await s.open('/tls12.html');
  await page.click('#run-all');
  await page.click('[data-tools="ecdsa"] summary');
  const signed = unspace(await text(page, '#v-signed-data'));
  for (const language of ['python', 'webcrypto', 'openssl']) {
    await waitForText(page, `[data-tools="ecdsa"] [data-language="${language}"] pre`, 'ECDSA P-256');
    const code = await text(page, `[data-tools="ecdsa"] [data-language="${language}"] pre`);
    assert.match(code, /ECDSA P-256 with SHA-256/, language);
    if (language !== 'openssl') assert.ok(code.includes(signed), `${language} holds the signed data`);
  }
});

browserTest('step 1: WebCrypto recomputes the public key from the private key; the code prints it', async (s) => {
  for (const curve of CURVES) {
    const page = await s.open(`/?seed=lesson-3#curve=${curve}`);
    await page.click('[data-tools="keys"] button');
    await waitForText(page, '[data-tools="keys"] .crosscheck', MATCHES);
    await page.click('[data-tools="keys"] summary');
    await waitForText(page, '[data-tools="keys"] [data-language="python"] pre', 'BEGIN PRIVATE KEY');
    const code = await text(page, '[data-tools="keys"] [data-language="python"] pre');
    assert.match(code, /BEGIN PRIVATE KEY/, `${curve}: the code starts from the private key`);
  }
});
