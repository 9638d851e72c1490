// Screenshots of the playground for the docs, light and dark: not a test, no assertions.
//   node tests/browser/screenshots.mjs            (from the repository root, after `make build`)
// Writes docs/playground-{light,dark}.png (Alice and Bob on one page, after a short
// conversation and one tampered message) and docs/party-{light,dark}.png (Alice's tab,
// after exchanging keys and messages with Bob's tab in another browser context).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, startServer, launchBrowser, waitReady, waitForText } from './harness.mjs';

const OUT = path.join(ROOT, 'docs');
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
  await page.locator('#wire-messages > li').first().getByRole('button').click();
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

const server = await startServer();
let browser;
try {
  browser = await launchBrowser();
  await mkdir(OUT, { recursive: true });
  for (const colorScheme of ['light', 'dark']) {
    console.log(path.relative(ROOT, await onePage(browser, server, colorScheme)));
    console.log(path.relative(ROOT, await party(browser, server, colorScheme)));
  }
} finally {
  await browser?.close();
  await server.stop();
}
