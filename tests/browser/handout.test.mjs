// Printed handouts: "Print handout" and "Print answer key" on the playground (both
// parties) and the TLS 1.2 and 1.3 pages print every value of the lesson step by step on a few pages,
// not the screen layout. Chromium prints to PDF (page.pdf, as its Print does) and the
// PDF's text is read back with pdf.js: the public keys, the shared secret, the PRK and
// the messages are there; the values the lesson hides are left blank in the handout and
// are in the answer key. window.print is stubbed: a headless browser has no dialog.
//   node --test --test-concurrency=1 tests/browser/handout.test.mjs
import assert from 'node:assert/strict';
import { hkdfSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ROOT, browserSuite, watch, waitForText } from './harness.mjs';
import { reference } from './tls-reference.mjs';

let browser;
const browserTest = browserSuite((s, b) => {
  browser = b;
});

const NO_DIALOG = 'window.print = () => { window.__printed = (window.__printed ?? 0) + 1; };';

/** The PDF's pages and its text with every space and line break taken out. */
async function pdfText(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((x) => x.str).join('');
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: text.replace(/\s+/g, '') };
}

/** Clicks a print button and prints the page as Chromium would; resolves to the PDF's pages and text. */
async function printed(page, button) {
  const before = await page.evaluate(() => window.__printed ?? 0);
  await page.click(button);
  assert.equal(await page.evaluate(() => window.__printed), before + 1, `${button} opened the print dialog`);
  return pdfText(await page.pdf({ format: 'A4' }));
}

const squash = (text) => text.replace(/\s+/g, '');
const hexOf = (text) => text.replace(/[^0-9a-f]/g, '');

browserTest('playground: the handout has every value of the seeded lesson on two pages or three, the hidden keys left blank; the answer key has them; nothing stays in the page', async (s) => {
  const page = await s.open('/?seed=lesson-3#hide=okm&curve=P-256&salt=class%20salt', {}, { initScript: NO_DIALOG });
  await page.fill('#alice-party-chat-message', 'hello class');
  await page.click('#alice-party-chat-send');
  await waitForText(page, '#bob-party-chat-inbox', 'hello class');
  assert.equal(await page.locator('#print-handout').isVisible(), true);
  const value = async (id) => squash(await page.locator(`#${id}`).textContent());
  const publicKeys = [await page.inputValue('#alice-party-keys-public'), await page.inputValue('#bob-party-keys-public')].map(squash);
  const secret = await value('alice-secret');
  const prk = await value('alice-prk');
  assert.match(secret, /^[0-9a-f]{64}$/);
  // The hidden keys, computed here from the secret the page shows (HKDF-SHA256).
  const okm = ['alice to bob', 'bob to alice'].map((words) => Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'hex'), 'class salt', `ecdh-playground chat v2 ${words}`, 32)).toString('hex'));
  const entry = page.locator('#wire-messages > li').first();
  const envelope = `nonce${hexOf(await entry.locator('.nonce').textContent())}ciphertext${hexOf(await entry.locator('.ct').textContent())}tag${hexOf(await entry.locator('.tag').textContent())}`;

  const handout = await printed(page, '#print-handout');
  assert.ok(handout.pages >= 1 && handout.pages <= 3, `the handout has ${handout.pages} pages`);
  for (const [name, expected] of [['Alice\'s public key', publicKeys[0]], ['Bob\'s public key', publicKeys[1]],
    ['the shared secret', secret], ['the PRK', prk], ['the message on the wire', envelope],
    ['the seed', '“lesson-3”'], ['the salt', '“classsalt”'], ['the message received', 'hello class'.replace(/\s/g, '')]]) {
    assert.ok(handout.text.includes(expected), `the handout holds ${name} (${expected})`);
  }
  assert.match(handout.text, /ECDHPlayground:handout—lesson“lesson-3”/);
  for (const key of okm) assert.ok(!handout.text.includes(key), 'a hidden key is not in the handout');
  assert.equal((handout.text.match(/Youranswer:/g) ?? []).length, 4, 'four blanks: each side\'s two keys');
  assert.ok(!handout.text.includes('Checkwithmybrowser'), 'not the screen layout');

  const key = await printed(page, '#print-key');
  assert.ok(key.pages <= 3, `the answer key has ${key.pages} pages`);
  assert.match(key.text, /ECDHPlayground:answerkey—lesson“lesson-3”/);
  for (const k of okm) assert.ok(key.text.includes(k), `the answer key holds ${k}`);
  assert.ok(key.text.includes(secret) && key.text.includes(publicKeys[0]));

  // Printing done: the handout leaves the page, and with it the hidden keys.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.locator('.handout').count(), 0);
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  for (const k of okm) assert.ok(!html.includes(k) && !hexOf(html).includes(k), 'no hidden key in the page after printing');
  // On screen the page is as it was; a party tab and an embed offer no handout.
  assert.match(await page.locator('#alice-key-ab').textContent(), /^Hidden by the lesson/);
  assert.equal(await (await s.open('/?party=alice')).locator('#print-buttons').isVisible(), false);
  assert.equal(await (await s.open('/embed.html?view=all')).locator('#print-buttons').isVisible(), false);
});

browserTest('playground, the hybrid: the handout has both halves of each key share, the ML-KEM bytes as the cards show them', async (s) => {
  const page = await s.open('/?seed=lesson-3#curve=X25519MLKEM768', {}, { initScript: NO_DIALOG });
  const kem = {};
  for (const who of ['alice', 'bob']) {
    const label = await page.locator(`#${who}-party-keys-kem-label`).textContent();
    const bytes = hexOf(await page.locator(`#${who}-party-keys-kem`).textContent());
    assert.equal(bytes.length, who === 'alice' ? 2 * 1184 : 2 * 1088, `${who}: ${label}`);
    kem[who] = { label, bytes };
  }
  const handout = await printed(page, '#print-handout');
  assert.ok(handout.text.includes(squash(`Alice's ${kem.alice.label}`)));
  assert.ok(handout.text.includes(squash(`Bob's ${kem.bob.label}`)));
  for (const who of ['alice', 'bob']) assert.ok(hexOf(handout.text).includes(kem[who].bytes), `${who}'s ML-KEM bytes`);
});

browserTest('playground: the browser\'s own Print (no button) prints the handout, without the answers, dark theme in black on white', async (s) => {
  const page = await s.open('/?seed=lesson-3&theme=dark#hide=secret', { colorScheme: 'dark' }, { initScript: NO_DIALOG });
  const prk = squash(await page.locator('#alice-prk').textContent());
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.handout').isVisible(), true);
  assert.equal(await page.locator('header.site').isVisible(), false, 'the site header is not printed');
  assert.equal(await page.locator('#both').isVisible(), false, 'the screen layout is not printed');
  const colours = await page.locator('.handout').evaluate((node) => ({ fg: getComputedStyle(node).color, bg: getComputedStyle(document.body).backgroundColor }));
  assert.deepEqual(colours, { fg: 'rgb(0, 0, 0)', bg: 'rgb(255, 255, 255)' });
  const { pages, text } = await pdfText(await page.pdf({ format: 'A4' }));
  assert.ok(pages <= 3, `${pages} pages`);
  assert.ok(text.includes(prk), 'the PRK is printed');
  assert.equal((text.match(/Youranswer:/g) ?? []).length, 2, 'the two secrets are blank');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('.handout').isVisible(), false, 'not on screen');
});

/** The TLS page's values after Run all, as it shows them. */
async function tlsValues(page) {
  const hex = async (id) => hexOf(await page.locator(`#${id}`).textContent());
  return {
    clientRandom: (await hex('v-master-seed')).slice(0, 64),
    serverPublic: await hex('v-server-public'),
    signature: await hex('v-signature'),
    ciphertext: await hex('v-ciphertext'),
    asked: {
      preMaster: await hex('v-pre-master'),
      master: await hex('v-master'),
      keyBlock: await hex('v-key-block'),
      clientFinished: await hex('v-client-finished'),
      serverFinished: await hex('v-server-finished'),
    },
  };
}

browserTest('TLS page: the handout has every step\'s bytes and the calculations, the PRF\'s outputs left blank; the answer key has them', async (s) => {
  const page = await s.open('/tls12.html?seed=lesson-3#leak=1&static=1', {}, { initScript: NO_DIALOG });
  await page.click('#run-all');
  await waitForText(page, '#leak-verdict', /crypted/);
  const v = await tlsValues(page);
  const titles = await page.locator('#steps > li .seq-title').allTextContents();
  assert.ok(titles.length > 20, `${titles.length} steps`);
  const handout = await printed(page, '#print-handout');
  assert.ok(handout.pages >= 2 && handout.pages <= 6, `the handout has ${handout.pages} pages`);
  assert.match(handout.text, /TLS1\.2handshake:handout—lesson“lesson-3”/);
  for (const [name, expected] of [['client_random', v.clientRandom], ['the server\'s ECDH key', v.serverPublic], ['the signature', v.signature], ['the record', v.ciphertext]]) {
    assert.ok(handout.text.includes(expected), `the handout holds ${name}`);
  }
  for (const [i, title] of titles.entries()) assert.ok(handout.text.includes(squash(`${i + 1}. ${title}`)), `step ${i + 1}, ${title}`);
  assert.match(handout.text, /Decrypted/i, 'the leak\'s verdict');
  for (const [name, hex] of Object.entries(v.asked)) {
    assert.match(hex, /^[0-9a-f]{24,}$/, name);
    assert.ok(!handout.text.includes(hex), `${name} is left blank in the handout`);
  }
  // The 4-byte write IVs too, and the step that builds the record's nonce from one.
  for (const id of ['v-client-iv', 'v-server-iv']) {
    const iv = hexOf(await page.locator(`#${id}`).textContent());
    assert.match(iv, /^[0-9a-f]{8}$/, id);
    assert.ok(!handout.text.includes(iv), `${id} is left blank in the handout`);
  }
  const key = await printed(page, '#print-key');
  assert.ok(key.pages <= 6, `the answer key has ${key.pages} pages`);
  for (const [name, hex] of Object.entries(v.asked)) assert.ok(key.text.includes(hex), `the answer key holds ${name}`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.locator('.handout').count(), 0);
  assert.equal(await (await s.open('/embed.html?view=tls12')).locator('#print-buttons').isVisible(), false);
});

browserTest('TLS 1.3 page: the handout has every step\'s bytes, the transcript hashes and the key schedule, what comes from the shared secret left blank; the answer key has it', async (s) => {
  const page = await s.open('/tls13.html?seed=lesson-3&leak=1&group=secp256r1', {}, { initScript: NO_DIALOG });
  await page.click('#run-all');
  await waitForText(page, '#leak-verdict', /crypt/);
  const { report: r } = await reference(page);
  const titles = await page.locator('#steps > li .seq-title').allTextContents();
  assert.equal(titles.length, r.steps.length);
  const boxes = r.keySchedule.boxes;
  // What the students work out: the shared secret and every box after the early secret.
  const asked = [r.secrets.sharedSecret, r.secrets.clientFinished, r.secrets.serverFinished,
    ...boxes.filter((b) => b.stage !== 'early').map((b) => b.output)];
  assert.equal(asked.length, 21);

  const handout = await printed(page, '#print-handout');
  assert.ok(handout.pages >= 2 && handout.pages <= 8, `the handout has ${handout.pages} pages`);
  assert.match(handout.text, /TLS1\.3handshake:handout—lesson“lesson-3”/);
  assert.match(handout.text, /Groupchosensecp256r1/);
  for (const [name, hex] of [['client_random', r.clientRandom], ['the hello hash', r.secrets.helloHash],
    ['the handshake hash', r.secrets.handshakeHash], ['the early secret', boxes[0].output], ['the record', r.record.record]]) {
    assert.ok(handout.text.includes(hex), `the handout holds ${name}`);
  }
  for (const [i, title] of titles.entries()) assert.ok(handout.text.includes(squash(`${i + 1}. ${title}`)), `step ${i + 1}, ${title}`);
  assert.ok(handout.text.includes(squash('Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE shared secret)')), 'each box says what it computes');
  assert.match(handout.text, /Decrypted|notdecrypted/i, 'the leak\'s verdict');
  for (const hex of asked) assert.ok(!handout.text.includes(hex), `${hex} is left blank in the handout`);
  const blanks = (handout.text.match(/Youranswer:/g) ?? []).length;
  assert.ok(blanks >= 18 + 4, `${blanks} blanks: the 18 boxes after the early secret, and the steps and nonce that hold their values`);

  const key = await printed(page, '#print-key');
  assert.ok(key.pages <= 8, `the answer key has ${key.pages} pages`);
  for (const hex of asked) assert.ok(key.text.includes(hex), `the answer key holds ${hex}`);
  assert.equal((key.text.match(/Youranswer:/g) ?? []).length, 0);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.locator('.handout').count(), 0);
  assert.equal(await (await s.open('/embed.html?view=tls13')).locator('#print-buttons').isVisible(), false);
});

browserTest('the single file from disk prints the same handouts', async () => {
  const file = path.join(ROOT, 'dist', 'ecdh-playground.html');
  assert.ok(existsSync(file), 'dist/ecdh-playground.html is missing: run make dist');
  const context = await browser.newContext();
  try {
    for (const [query, expect] of [['?seed=lesson-3&hide=okm', /ECDHPlayground:answerkey—lesson“lesson-3”/], ['?view=tls12&seed=lesson-3', /TLS1\.2handshake:answerkey—lesson“lesson-3”/], ['?view=tls13&seed=lesson-3', /TLS1\.3handshake:answerkey—lesson“lesson-3”/]]) {
      const page = await context.newPage();
      const url = `${pathToFileURL(file).href}${query}`;
      const watcher = await watch(page, new URL(url).origin);
      await page.addInitScript(NO_DIALOG);
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const { pages, text } = await printed(page, '#print-key');
      assert.ok(pages >= 1 && pages <= 6, `${query}: ${pages} pages`);
      assert.match(text, expect);
      await watcher.assertClean(`single file ${query}`);
    }
  } finally {
    await context.close();
  }
});
