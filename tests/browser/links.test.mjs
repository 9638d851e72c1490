// The whole lesson in a link and in both embed snippets: what a teacher sets up (seed,
// curve, key round, salt, info, hidden values, Mallory; on the TLS page the groups,
// Mallory, the static key, the leak, the message, the round and the step) is copied from
// the page as a student would get it (the clipboard), opened in a fresh browser context,
// and every value shown there is compared with the teacher's, exactly.
//   node --test --test-concurrency=1 tests/browser/links.test.mjs
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, browserSuite, watch, waitReady, waitForText, waitForValue } from './harness.mjs';

let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

const CLIP = { permissions: ['clipboard-read', 'clipboard-write'] };
const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

/** Clicks a copy button and resolves to what it put on the clipboard. */
async function copy(page, button) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator(button).click();
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t !== ''));
  return clipboard(page);
}

/** Opens the footer's embed help for `part`; resolves to { iframeSrc, elementHtml }. */
async function snippets(page, part) {
  const details = page.locator('#embed-help details');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  if (part) await page.selectOption('#embed-part', part);
  const iframe = await copy(page, 'button:has-text("Copy iframe snippet")');
  const element = await copy(page, 'button:has-text("Copy custom element snippet")');
  const iframeSrc = /<iframe src="([^"]+)"/.exec(iframe)?.[1];
  assert.ok(iframeSrc, iframe);
  return { iframe, iframeSrc, element };
}

/**
 * Opens `html` as a course page on the test server (answered here, with the site's
 * own policy) in a fresh context; resolves to the page, watched.
 */
async function openCoursePage(html, opened) {
  const csp = (await fetch(new URL('index.html', server.url))).headers.get('content-security-policy');
  const context = await browser.newContext();
  context.setDefaultTimeout(20_000);
  await context.route(`${server.origin}/course-snippet.html`, (route) => route.fulfill({
    contentType: 'text/html', body: html, headers: { 'Content-Security-Policy': csp },
  }));
  const page = await context.newPage();
  const watcher = await watch(page, server.origin);
  opened.push({ context, watcher });
  await page.goto(new URL('course-snippet.html', server.url).href);
  await page.locator('ecdh-playground[data-ready="true"]').waitFor({ state: 'attached' });
  return page;
}

async function closeAll(opened) {
  for (const { context, watcher } of opened) {
    await watcher.assertClean('course page with the element snippet');
    await context.close();
  }
}

const wrap = (snippet) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body><h1>Lesson</h1>${snippet}</body></html>`;

/* ---------- The playground ---------- */

const PLAYGROUND_TEXTS = [
  'alice-secret', 'bob-secret', 'alice-prk', 'bob-prk', 'alice-key-ab', 'alice-key-ba',
  'bob-key-ab', 'bob-key-ba', 'verdict', 'key-verdict', 'wire-keys', 'seed-banner',
];
const PLAYGROUND_FIELDS = ['alice-party-keys-public', 'bob-party-keys-public', 'curve', 'salt', 'info'];

/** Every value the playground shows, in `page` (a shadow root is pierced by the locators). */
async function playgroundValues(page, scope = '') {
  const at = (id) => page.locator(`${scope} #${id}`);
  const values = {};
  for (const id of PLAYGROUND_TEXTS) values[id] = await at(id).textContent();
  for (const id of PLAYGROUND_FIELDS) values[id] = await at(id).inputValue();
  values.mallory = await at('mallory').isChecked();
  values.regenerate = await at('regenerate').textContent();
  return values;
}

browserTest('playground: the link and both snippets carry curve, seed, key round, salt, info, hidden values and Mallory; each reopens the same values', async (s) => {
  const teacher = await s.open('/?seed=lesson-3#hide=prk', CLIP);
  await teacher.selectOption('#curve', 'P-256');
  await waitForValue(teacher, '#alice-party-keys-public', /^-----BEGIN PUBLIC KEY-----\nMFkw/);
  const first = await teacher.locator('#alice-party-keys-public').inputValue();
  // "Next key pairs from the seed", twice: the class must get these keys, not the first.
  await teacher.click('#regenerate');
  await teacher.click('#regenerate');
  assert.notEqual(await teacher.locator('#alice-party-keys-public').inputValue(), first);
  await teacher.fill('#salt', 'class salt');
  await teacher.fill('#info', 'chat for 3B');
  await teacher.check('#mallory');
  await waitForText(teacher, '#verdict', 'The secrets differ');
  const seen = await playgroundValues(teacher);
  assert.match(seen['alice-prk'], /^Hidden by the lesson/, 'the PRK is hidden');
  assert.match(seen['alice-key-ab'], /^[0-9a-f]{8}( [0-9a-f]{8}){7}$/);

  // The link.
  const link = await copy(teacher, '#share');
  const fromLink = await s.open(link);
  assert.deepEqual(await playgroundValues(fromLink), seen, `the link ${link} reopens the lesson`);

  // The iframe snippet, every part: the same values in the embed.
  const all = await snippets(teacher, 'all');
  const framed = await s.open(all.iframeSrc);
  const inFrame = await playgroundValues(framed);
  assert.deepEqual({ ...inFrame, 'seed-banner': seen['seed-banner'] }, seen, `the iframe ${all.iframeSrc} reopens the lesson`);
  const hkdf = await snippets(teacher, 'hkdf');
  const framedHkdf = await s.open(hkdf.iframeSrc);
  for (const id of ['alice-secret', 'bob-key-ba', 'alice-prk']) {
    assert.equal(await framedHkdf.locator(`#${id}`).textContent(), seen[id], `hkdf part: ${id}`);
  }

  // The element snippet on a course page.
  const opened = [];
  try {
    const course = await openCoursePage(wrap(all.element), opened);
    assert.deepEqual(await playgroundValues(course, 'ecdh-playground'), seen, `the element ${all.element} reopens the lesson`);
  } finally {
    await closeAll(opened);
  }

  // Turning Mallory off and the round back (a new seed) is carried too.
  await teacher.uncheck('#mallory');
  const link2 = await copy(teacher, '#share');
  const again = await s.open(link2);
  assert.deepEqual(await playgroundValues(again), await playgroundValues(teacher));
});

/* ---------- The TLS page ---------- */

/** Every value the TLS page shows, after the step it is at. */
async function tlsValues(page, scope = '') {
  const at = (sel) => page.locator(`${scope} ${sel}`);
  // What is on screen: a part hidden after an earlier run may still hold that run's text.
  const shown = (sel) => at(sel).evaluate((node) => (node.checkVisibility() ? node.innerText : ''));
  return {
    counter: await at('#step-counter').textContent(),
    steps: await shown('#steps'),
    inputs: await shown('#inputs-list'),
    // Every value of the calculations (not the checks, which finish asynchronously).
    calculations: await at('section[aria-labelledby="calc-heading"]').evaluate((section) => [...section.querySelectorAll('.bytes, .verdict, .formula-state')]
      .filter((node) => node.checkVisibility()).map((node) => node.innerText).join('\n')),
    group: await at('#group').inputValue(),
    groups: await at('#client-groups').evaluate((list) => [...list.querySelectorAll('input')].map((box) => `${box.checked ? '' : '-'}${box.id}`).join(',')),
    mallory: await at('input[name="mallory"]:checked').getAttribute('value'),
    staticKey: await at('#static-key').isChecked(),
    leak: await at('#leak').isChecked(),
    message: await at('#message').inputValue(),
    attacker: await shown('#attacker'),
    error: await shown('#handshake-error'),
  };
}

browserTest('TLS page: "Copy link" and both snippets carry the group, the client\'s groups, Mallory, the static key, the leak, the message, the round and the step', async (s) => {
  const teacher = await s.open('/tls12.html?seed=lesson-3', CLIP);
  await teacher.selectOption('#group', 'secp256r1');
  await teacher.click('button[aria-label="Move secp384r1 up"]');
  await teacher.uncheck('#offer-x25519');
  await teacher.check('#static-key');
  await teacher.check('#leak');
  await teacher.fill('#message', 'GET /grades HTTP/1.1');
  await teacher.click('#regenerate');
  for (let i = 0; i < 7; i += 1) await teacher.click('#next');
  await waitForText(teacher, '#step-counter', /^Step 8 of/);
  const seen = await tlsValues(teacher);
  assert.equal(seen.groups, '-offer-x25519,-offer-secp384r1,offer-secp256r1,-offer-secp521r1,-offer-x448');
  assert.match(seen.calculations, /[0-9a-f]{64}/, 'values to compare');

  const link = await copy(teacher, '#share');
  assert.equal(link, teacher.url(), 'the link is the page address');
  const fromLink = await s.open(link);
  assert.deepEqual(await tlsValues(fromLink), seen, `the link ${link} reopens the lesson`);

  // To the end in both: the same record and the same leak.
  await teacher.click('#run-all');
  await fromLink.click('#run-all');
  await waitForText(teacher, '#leak-verdict', /crypted/);
  await waitForText(fromLink, '#leak-verdict', /crypted/);
  assert.deepEqual(await tlsValues(fromLink), await tlsValues(teacher));
  const atEnd = await tlsValues(teacher);

  const tls = await snippets(teacher);
  const framed = await s.open(tls.iframeSrc);
  assert.deepEqual(await tlsValues(framed), atEnd, `the iframe ${tls.iframeSrc} reopens the lesson`);
  const opened = [];
  try {
    const course = await openCoursePage(wrap(tls.element), opened);
    assert.deepEqual(await tlsValues(course, 'ecdh-playground'), atEnd, `the element ${tls.element} reopens the lesson`);
  } finally {
    await closeAll(opened);
  }

  // Mallory re-signing: the link says so, and the handshake stops at the same step.
  await teacher.check('#mallory-resign');
  const attacked = await tlsValues(teacher);
  assert.match(attacked.error, /stops at step/);
  const link2 = await copy(teacher, '#share');
  const again = await s.open(link2);
  assert.deepEqual(await tlsValues(again), attacked);
  // Embedded, the lesson is the teacher's: no link to copy.
  assert.equal(await framed.locator('#share').isVisible(), false);
  assert.equal(await fromLink.locator('#share').isVisible(), true);
  await waitReady(again);
});

/* ---------- The iframe snippet on a course page of another origin ---------- */

browserTest('iframe snippet: a title of its own for each part, and allow="clipboard-write", so Copy works inside it on another origin', async (s) => {
  const teacher = await s.open('/?seed=lesson-3', CLIP);
  const parts = await teacher.locator('#embed-part option').evaluateAll((o) => o.map((x) => x.value));
  const titles = [];
  for (const part of parts) {
    const { iframe } = await snippets(teacher, part);
    assert.match(iframe, / allow="clipboard-write"/, `${part}: ${iframe}`);
    titles.push(/ title="([^"]+)"/.exec(iframe)?.[1]);
  }
  assert.equal(new Set(titles).size, parts.length, `one title per part: ${titles.join(' | ')}`);
  assert.ok(titles.every((title) => /^ECDH Playground: /.test(title)), titles.join(' | '));

  // The exchange part, pasted as is into a course page on another origin.
  const { iframe } = await snippets(teacher, 'exchange');
  // The course page is answered by the test, so Chromium counts it as public, and a
  // public page may not frame this local server (Local Network Access); on the web both
  // are public. This browser leaves that check out, and nothing else.
  const own = await chromium.launch({
    executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'],
  });
  const context = await own.newContext(CLIP);
  context.setDefaultTimeout(20_000);
  try {
    // Another origin than the server's.
    const course = `http://localhost:${new URL(server.url).port}/lesson.html`;
    await context.route(course, (route) => route.fulfill({
      contentType: 'text/html', body: wrap(iframe),
    }));
    const page = await context.newPage();
    const watcher = await watch(page, server.origin);
    await page.goto(course);
    const frame = page.frameLocator('iframe');
    await frame.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    const key = await frame.locator('#alice-party-keys-public').inputValue();
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await frame.locator('#alice-party-keys-copy').click();
    await waitForText(page.frames()[1], '#alice-party-keys-copy', /^(Copied|Selected: press Ctrl\+C)$/);
    assert.equal(await frame.locator('#alice-party-keys-copy').textContent(), 'Copied', 'the copy went through, not the Ctrl+C fallback');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
    const found = await watcher.issues();
    assert.deepEqual(found.foreignRequests, [`GET ${course}`], 'only the course page itself is from elsewhere');
    for (const kind of ['consoleErrors', 'pageErrors', 'cspViolations', 'badResponses']) assert.deepEqual(found[kind], [], kind);
  } finally {
    await own.close();
  }
});
