// What every page does for a course platform beyond the lesson itself: a <noscript> word
// where scripts do not run, and theme=light|dark|auto (pages, embeds, the single file
// and the element's theme attribute) to match the course page's colours.
//   make dist && node --test --test-concurrency=1 tests/browser/pages.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, browserSuite, watch, waitReady, waitForText } from './harness.mjs';

const SINGLE = path.join(ROOT, 'dist', 'ecdh-playground.html');
let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

// style.css: --bg and --fg, light and dark.
const LIGHT = { bg: 'rgb(251, 251, 253)', fg: 'rgb(27, 29, 35)' };
const DARK = { bg: 'rgb(20, 22, 27)', fg: 'rgb(231, 233, 238)' };

/** The colours of `selector` (body by default) and the color-scheme it is drawn with. */
function colours(page, selector = 'body') {
  return page.locator(selector).first().evaluate((node) => {
    const style = getComputedStyle(node);
    return { bg: style.backgroundColor, fg: style.color, scheme: style.colorScheme };
  });
}

/** Opens the single file from disk in a fresh context; resolves to { context, page, watcher }. */
async function openSingle(query, contextOptions, { ready = true } = {}) {
  assert.ok(existsSync(SINGLE), 'dist/ecdh-playground.html is missing: run make dist');
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const url = `${pathToFileURL(SINGLE).href}${query}`;
  const watcher = await watch(page, new URL(url).origin);
  await page.goto(url);
  if (ready) await waitReady(page);
  return { context, page, watcher };
}

browserTest('without JavaScript: every page, the embed and the single file say why nothing runs', async (s) => {
  const off = { javaScriptEnabled: false };
  for (const [url, words] of [
    ['/', /This playground runs in your browser with JavaScript and WebAssembly/],
    ['/tls12.html', /This handshake walk-through runs/],
    ['/tls13.html', /This handshake walk-through runs/],
    ['/resume.html', /This session-resumption lesson runs/],
    ['/inspect.html', /The key inspector runs/],
    ['/curve.html', /The curve lab runs/],
    ['/attacks.html', /The attack lab runs/],
    ['/embed.html?view=exchange', /some course platforms do not run scripts in embedded pages/],
  ]) {
    const page = await s.open(url, off, { ready: false });
    const note = page.locator('main .noscript');
    assert.equal(await note.isVisible(), true, `${url}: the noscript line is shown`);
    assert.match(await note.textContent(), words);
  }
  const { context, page } = await openSingle('', off, { ready: false });
  try {
    assert.equal(await page.locator('main .noscript').isVisible(), true);
    assert.match(await page.locator('main .noscript').textContent(), /Download the file and open it in your browser/);
  } finally {
    await context.close();
  }
  // With JavaScript, the line is not drawn.
  const on = await s.open('/');
  assert.equal(await on.locator('main .noscript').isVisible(), false);
  assert.match(await on.locator('#verdict').textContent(), /Match/);
});

browserTest('theme: light and dark override the system on every page and embed; auto follows it; the link and snippets keep it', async (s) => {
  for (const [url, system, expected] of [
    ['/?theme=dark', 'light', DARK],
    ['/#theme=light', 'dark', LIGHT],
    ['/?theme=auto', 'dark', DARK],
    ['/?theme=auto', 'light', LIGHT],
    ['/', 'dark', DARK],
    ['/tls12.html#theme=dark', 'light', DARK],
    ['/tls13.html#theme=dark', 'light', DARK],
    ['/embed.html?view=tls13&theme=light', 'dark', LIGHT],
    ['/resume.html#theme=dark', 'light', DARK],
    ['/inspect.html?theme=light', 'dark', LIGHT],
    ['/curve.html?theme=dark', 'light', DARK],
    ['/attacks.html#theme=dark', 'light', DARK],
    ['/embed.html?view=attack-low-order&theme=light', 'dark', LIGHT],
    ['/embed.html?view=curve&theme=light', 'dark', LIGHT],
    ['/embed.html?view=hkdf&theme=dark', 'light', DARK],
    ['/embed.html?view=tls12&theme=light', 'dark', LIGHT],
    ['/embed.html?party=bob&theme=dark', 'light', DARK],
  ]) {
    const page = await s.open(url, { colorScheme: system });
    const got = await colours(page);
    assert.deepEqual({ bg: got.bg, fg: got.fg }, expected, `${url} under a ${system} system`);
    // Form controls follow too (color-scheme), not only our colours.
    const control = await colours(page, 'select, textarea');
    const fixed = /theme=(light|dark)/.exec(url)?.[1] ?? 'light dark';
    assert.equal(control.scheme, fixed, `${url}: the controls' color-scheme`);
  }
  // The playground's link keeps the theme; the embed snippets take the chosen one.
  const page = await s.open('/?theme=dark', { colorScheme: 'light' });
  await page.click('#regenerate');
  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('theme'), 'dark');
  const details = page.locator('#embed-help details');
  await details.locator('summary').click();
  assert.equal(await page.locator('#embed-theme').inputValue(), 'dark');
  const iframe = 'pre[aria-label="iframe snippet"]';
  await waitForText(page, iframe, /embed\.html\?view=all&theme=dark"/);
  await page.selectOption('#embed-theme', 'light');
  await waitForText(page, iframe, /embed\.html\?view=all&theme=light"/);
  assert.match(await page.locator('pre[aria-label="custom element snippet"]').textContent(), / theme="light"/);
  await page.selectOption('#embed-theme', 'auto');
  await waitForText(page, iframe, /embed\.html\?view=all"/);
  assert.doesNotMatch(await page.locator(iframe).textContent(), /theme=/);
});

/** Every page of the site, as its navigation names it, with the file it links to. */
const NAVIGATION = [
  ['./', 'Alice and Bob on one page'],
  ['./?party=alice', 'Be Alice in this tab'],
  ['./?party=bob', 'Be Bob in this tab'],
  ['tls12.html', 'TLS 1.2 handshake'],
  ['tls13.html', 'TLS 1.3 handshake'],
  ['resume.html', 'Resumption'],
  ['inspect.html', 'Key inspector'],
  ['curve.html', 'Curve lab'],
  ['attacks.html', 'Attack lab'],
];

browserTest('navigation: every page lists every page, the curve and attack labs included, and marks itself', async (s) => {
  for (const [url, current] of [
    ['/', null], ['/tls12.html', 'tls12.html'], ['/tls13.html', 'tls13.html'], ['/resume.html', 'resume.html'], ['/inspect.html', 'inspect.html'],
    ['/curve.html', 'curve.html'], ['/bench.html', 'bench.html'], ['/attacks.html', 'attacks.html'],
  ]) {
    const page = await s.open(url, {}, { ready: false });
    // Compared as absolute addresses: index.html writes its own links as "?party=alice".
    const links = await page.locator('header.site nav a').evaluateAll((as) => as.map((a) => [
      a.href, a.textContent, a.getAttribute('aria-current'),
    ]));
    const at = (href) => new URL(href, server.url).href;
    for (const [href, name] of NAVIGATION) {
      assert.ok(links.some(([h, t]) => h === at(href) && t === name), `${url}: a link to ${name} (${href})`);
    }
    const marked = links.filter(([, , c]) => c === 'page').map(([h]) => h);
    if (current) assert.deepEqual(marked, [at(current)], `${url} marks itself`);
  }
  // The single file carries the curve lab as a view, in its navigation too.
  const { context, page } = await openSingle('?view=curve', {});
  try {
    assert.equal(await page.locator('nav a[data-part="curve"]').getAttribute('aria-current'), 'page');
    assert.equal(await page.locator('nav a[data-part="curve"]').getAttribute('href'), '?view=curve');
  } finally {
    await context.close();
  }
});

browserTest('theme: the element\'s theme attribute sets its colours, whatever the system and its neighbours', async (s) => {
  const page = await s.open('/examples/course.html', { colorScheme: 'light' }, { ready: false });
  // Two elements added by the test (no script of the course page): one dark, one as the system.
  await page.evaluate(() => {
    for (const [id, theme] of [['dark-one', 'dark'], ['auto-one', null]]) {
      const element = document.createElement('ecdh-playground');
      element.id = id;
      element.setAttribute('view', 'exchange');
      if (theme) element.setAttribute('theme', theme);
      document.body.append(element);
    }
  });
  for (const id of ['dark-one', 'auto-one']) await page.locator(`ecdh-playground#${id}[data-ready="true"]`).waitFor({ state: 'attached' });
  const dark = await colours(page, '#dark-one');
  assert.deepEqual({ bg: dark.bg, fg: dark.fg, scheme: dark.scheme }, { ...DARK, scheme: 'dark' });
  const auto = await colours(page, '#auto-one');
  assert.deepEqual({ bg: auto.bg, fg: auto.fg }, LIGHT);
  // Inside the shadow root too: a card and a control.
  assert.equal((await colours(page, '#dark-one #curve')).scheme, 'dark');
  assert.equal((await colours(page, '#auto-one #curve')).scheme, 'light dark');
});

browserTest('theme: the single file from disk, dark on a light system', async () => {
  const { context, page, watcher } = await openSingle('?theme=dark', { colorScheme: 'light' });
  try {
    const got = await colours(page);
    assert.deepEqual({ bg: got.bg, fg: got.fg }, DARK);
    await watcher.assertClean('single file, dark');
  } finally {
    await context.close();
  }
});
