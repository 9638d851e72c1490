// Screenshots of the playground for the docs, light and dark: not a test, no assertions.
//   node tests/browser/screenshots.mjs            (from the repository root, after `make build`)
//   node tests/browser/screenshots.mjs tls12      (only the pictures named: playground, party, tls12, course, inspect, curve, attacks)
// Writes docs/playground-{light,dark}.png (Alice and Bob on one page, after a short
// conversation and one tampered message) and docs/party-{light,dark}.png (Alice's tab,
// after exchanging keys and messages with Bob's tab in another browser context) and
// docs/tls12-{light,dark}.png (the TLS 1.2 page after Run all, with the leak of the
// server's long-term keys on, back at ServerKeyExchange) and docs/inspect-{light,dark}.png (the key inspector with
// the example certificate, the subject's public key focused in the tree) and
// docs/curve-{light,dark}.png (the curve lab: P + Q over the reals, and the F_97 curve
// with G's subgroup highlighted) and docs/attacks-{light,dark}.png (the attack lab's ECDSA
// nonce reuse: the key recovered step by step from two signatures that share r).
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
  const pictures = { playground: onePage, party, tls12, course, inspect, curve, attacks };
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
