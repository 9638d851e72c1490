// Screenshots of the playground for the docs, light and dark: not a test, no assertions.
//   node tests/browser/screenshots.mjs            (from the repository root, after `make build`)
//   node tests/browser/screenshots.mjs tls12      (only the pictures named: playground, hybrid, party, tls12, tls13, tls13-schedule, resume, course, inspect, curve, attacks, invalid-curve)
// Writes docs/playground-{light,dark}.png (Alice and Bob on one page, after a short
// conversation and one tampered message), docs/hybrid-{light,dark}.png (the same page with
// X25519 + ML-KEM-768, steps 1 and 2) and docs/party-{light,dark}.png (Alice's tab,
// after exchanging keys and messages with Bob's tab in another browser context) and
// docs/tls12-{light,dark}.png (the TLS 1.2 page after Run all, with the leak of the
// server's long-term keys on, back at ServerKeyExchange), docs/tls13-{light,dark}.png (the
// TLS 1.3 page on the hybrid, at the server's encrypted Certificate: the record on the wire
// and the plaintext inside), docs/tls13-schedule-{light,dark}.png (its key schedule with
// The Illustrated TLS 1.3 Connection's values, a box chosen, and the side-by-side table)
// and docs/inspect-{light,dark}.png (the key inspector with
// the example certificate, the subject's public key focused in the tree) and
// docs/curve-{light,dark}.png (the curve lab: P + Q over the reals, and the F_97 curve
// with G's subgroup highlighted) and docs/attacks-{light,dark}.png (the attack lab's ECDSA
// nonce reuse: the key recovered step by step from two signatures that share r) and
// docs/attacks-invalid-curve-{light,dark}.png (the invalid-curve attack run to the end:
// the queries, the moduli past n², the recovered key beside the server's) and
// docs/resume-{light,dark}.png (session resumption: the full handshake and the ticket).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, startServer, launchBrowser, waitReady, waitForText } from './harness.mjs';

const OUT = path.join(ROOT, 'docs');
// Names given on the command line take only those pictures.
const only = process.argv.slice(2);
const VIEWPORT = { width: 1280, height: 900 };

async function open(browser, url, colorScheme) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme, deviceScaleFactor: 1 });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(url);
  await waitReady(page);
  return { context, page };
}

async function onePage(browser, server, colorScheme) {
  const { context, page } = await open(browser, server.url, colorScheme);
  await page.fill('#salt', 'classroom salt');
  await page.fill('#alice-party-chat-message', 'Hello Bob, this is sealed with AES-256-GCM');
  await page.click('#alice-party-chat-send');
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', '✓ Hello Bob');
  await page.fill('#bob-party-chat-message', 'Hi Alice, same key here');
  await page.click('#bob-party-chat-send');
  await waitForText(page, '#alice-party-chat-inbox > li:last-child', '✓ Hi Alice');
  await page.locator('#wire-messages > li').first().locator('.ct .b').nth(3).click();
  await waitForText(page, '#bob-party-chat-inbox > li:last-child', 'message authentication failed');
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const file = path.join(OUT, `playground-${colorScheme}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await context.close();
  return file;
}

async function hybrid(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('#seed=lesson-pq&curve=X25519MLKEM768', server.url).href, colorScheme);
  await waitForText(page, '#alice-secret-label', '64 bytes');
  await page.locator('#alice-party-keys-kem-box summary').click();
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const bottom = await page.evaluate(() => Math.ceil(document.querySelector('.hybrid-lesson').getBoundingClientRect().bottom + window.scrollY + 16));
  const file = path.join(OUT, `hybrid-${colorScheme}.png`);
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: bottom } });
  await context.close();
  return file;
}

async function party(browser, server, colorScheme) {
  const alice = await open(browser, new URL('?party=alice', server.url).href, colorScheme);
  const bob = await open(browser, new URL('?party=bob', server.url).href, colorScheme);
  await alice.page.fill('#peer-key', await bob.page.locator('#bob-party-keys-public').inputValue());
  await bob.page.fill('#peer-key', await alice.page.locator('#alice-party-keys-public').inputValue());
  const fp = await waitForText(alice.page, '#p-key-fp', /\S/);
  await waitForText(bob.page, '#p-key-fp', fp);
  const send = async (from, to, message) => {
    await from.page.fill('#p-plain', message);
    await from.page.click('#p-encrypt');
    await to.page.fill('#p-incoming', await from.page.locator('#p-envelope').inputValue());
    await to.page.click('#p-decrypt');
    await waitForText(to.page, '#p-log > li:last-child', message);
  };
  await send(bob, alice, 'Hi Alice, my key fingerprint is the same as yours');
  await send(alice, bob, 'Hello Bob: it matches, so nobody is in the middle');
  await alice.page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const file = path.join(OUT, `party-${colorScheme}.png`);
  await alice.page.screenshot({ path: file, fullPage: true });
  await alice.context.close();
  await bob.context.close();
  return file;
}

async function tls12(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('tls12.html', server.url).href, colorScheme);
  await page.check('#leak');
  await page.click('#run-all');
  await waitForText(page, '#leak-verdict', 'Not decrypted');
  await waitForText(page, '#check-record', '✓');
  // Back at ServerKeyExchange, with the later steps still drawn and the stepper under
  // it: one field's annotation, as a reader hovering over the bytes would see it.
  await page.locator('#steps > li').nth(4).locator('.seq-label').click();
  await waitForText(page, '#step-counter', /^Step 5 of/);
  await page.locator('#steps .current .fld').nth(4).hover();
  await waitForText(page, '#field-info', /^(?!Hover)./);
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const file = path.join(OUT, `tls12-${colorScheme}.png`);
  // The whole page is 6,000+ px tall: keep the first two screens (settings and the
  // diagram) so the picture stays small enough for the repository.
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1800 } });
  await context.close();
  return file;
}

async function tls13(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('tls13.html?seed=docs&group=X25519MLKEM768&guess=X25519MLKEM768', server.url).href, colorScheme);
  await page.click('#run-all');
  // Back at the encrypted Certificate: its bytes, the record on the wire, the plaintext inside.
  const at = (await page.locator('#steps .seq-title').allTextContents()).indexOf('Certificate');
  await page.locator('#steps > li').nth(at).locator('.seq-label').click();
  await page.locator('#steps .current .record-view .fld').nth(3).hover();
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const file = path.join(OUT, `tls13-${colorScheme}.png`);
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 2000 } });
  await context.close();
  return file;
}

async function tls13Schedule(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('tls13.html?seed=docs&known=illustrated&compare=1', server.url).href, colorScheme);
  await page.click('#schedule [data-box="c-hs-traffic"]');
  await page.mouse.move(0, 0);
  const top = await page.evaluate(() => Math.floor(document.querySelector('#schedule-heading').getBoundingClientRect().top + window.scrollY - 16));
  const bottom = await page.evaluate(() => Math.ceil(document.querySelector('#compare-section').getBoundingClientRect().bottom + window.scrollY + 16));
  await page.evaluate(() => { document.activeElement?.blur(); });
  const file = path.join(OUT, `tls13-schedule-${colorScheme}.png`);
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: top, width: 1280, height: Math.min(bottom - top, 2600) } });
  await context.close();
  return file;
}

async function course(browser, server, colorScheme) {
  if (colorScheme !== 'light') return null;
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme });
  const page = await context.newPage();
  await page.goto(new URL('examples/course.html', server.url).href);
  await page.waitForSelector('#el-hkdf[data-ready]');
  await page.waitForSelector('#el-messages[data-ready]');
  // The iframes size themselves once their content has loaded.
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => Number(f.height) > 400));
  const file = path.join(OUT, 'course-page.png');
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1100, height: 1600 } });
  await context.close();
  return file;
}

async function inspect(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('inspect.html', server.url).href, colorScheme);
  await page.click('.examples button[data-example="certificate"]');
  await waitForText(page, '#i-detected', 'certificate');
  // The subject's public key, as a reader tabbing into the tree and moving to it would see it.
  await page.evaluate(() => {
    const name = [...document.querySelectorAll('#i-der .der-name')].find((n) => n.textContent === 'subjectPublicKey');
    name.closest('[role="treeitem"]').focus();
  });
  await waitForText(page, '#i-der .der-detail', 'subjectPublicKey');
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  const file = path.join(OUT, `inspect-${colorScheme}.png`);
  // Down to the focused key and the hex beside it; the certificate's extensions and
  // signature below are left out to keep the picture small.
  const bottom = await page.evaluate(() => {
    const pane = document.querySelector('#i-der .der-hex-pane').getBoundingClientRect();
    const row = document.querySelector('#i-der .der-row.shown').getBoundingClientRect();
    return Math.ceil(Math.max(pane.bottom, row.bottom) + window.scrollY + 24);
  });
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: bottom } });
  await context.close();
  return file;
}

async function curve(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('curve.html?preset=f97', server.url).href, colorScheme);
  await waitForText(page, '#c-field-summary', 'F_97 has N = 100 points');
  await page.fill('#c-gx', '3');
  await page.fill('#c-gy', '6');
  await page.click('#c-g-use');
  await waitForText(page, '#c-g-summary', 'order n = 5');
  await page.mouse.move(0, 0);
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const file = path.join(OUT, `curve-${colorScheme}.png`);
  // Parts 1 and 2: the real curve and the curve over F_97.
  const bottom = await page.evaluate(() => Math.ceil(document.querySelector('#c-field-plot').getBoundingClientRect().bottom + window.scrollY + 24));
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: bottom } });
  await context.close();
  return file;
}

async function resume(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('resume.html#seed=lesson-3', server.url).href, colorScheme);
  await page.check('#leak');
  await page.locator('#leak-box').waitFor({ state: 'visible' });
  await page.mouse.move(0, 0);
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  const file = path.join(OUT, `resume-${colorScheme}.png`);
  // The settings, the full handshake and what the client keeps (the ticket, opened).
  const bottom = await page.evaluate(() => Math.ceil(document.querySelector('#ticket-box').getBoundingClientRect().bottom + window.scrollY + 16));
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: bottom } });
  await context.close();
  return file;
}

async function invalidCurve(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('attacks.html#invalid-curve', server.url).href, colorScheme);
  await page.waitForSelector('[data-attack-mount="invalid-curve"][data-mounted="true"]', { state: 'attached' });
  await page.click('#ic-start');
  await waitForText(page, '#ic-status', /^Recovered in/);
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement?.blur());
  const file = path.join(OUT, `attacks-invalid-curve-${colorScheme}.png`);
  // The section down to the recovered key beside the server's.
  const box = await page.evaluate(() => {
    const top = document.querySelector('#invalid-curve').getBoundingClientRect().top + window.scrollY;
    const end = document.querySelector('#ic-verdict').getBoundingClientRect().bottom + window.scrollY;
    return { top: Math.floor(top), height: Math.ceil(end - top + 24) };
  });
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: box.top, width: 1280, height: box.height } });
  await context.close();
  return file;
}

async function attacks(browser, server, colorScheme) {
  const { context, page } = await open(browser, new URL('attacks.html', server.url).href, colorScheme);
  await waitForText(page, '#ec-verdict', 'Key recovered');
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement?.blur());
  const file = path.join(OUT, `attacks-${colorScheme}.png`);
  // The section down to the recovered key.
  const box = await page.evaluate(() => {
    const top = document.querySelector('#nonce-reuse-ecdsa').getBoundingClientRect().top + window.scrollY;
    const end = document.querySelector('#ec-result pre').getBoundingClientRect().bottom + window.scrollY;
    return { top: Math.floor(top), height: Math.ceil(end - top + 24) };
  });
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: box.top, width: 1280, height: box.height } });
  await context.close();
  return file;
}

const server = await startServer();
let browser;
try {
  browser = await launchBrowser();
  await mkdir(OUT, { recursive: true });
  const pictures = { playground: onePage, hybrid, party, tls12, tls13, 'tls13-schedule': tls13Schedule, resume, course, inspect, curve, attacks, 'invalid-curve': invalidCurve };
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, take] of Object.entries(pictures)) {
      if (only.length > 0 && !only.includes(name)) continue;
      const file = await take(browser, server, colorScheme);
      if (file) console.log(path.relative(ROOT, file));
    }
  }
} finally {
  await browser?.close();
  await server.stop();
}
