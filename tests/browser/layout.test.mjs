// Where course platforms put the pages: a column about 700 px wide. Alice | wire | Bob
// stay three columns there (so an iframe does not double in height), and the iframe
// snippet's height attribute is each view's real height at that width, so a course page
// that strips the sizing script still shows the whole view with no scrollbar inside.
//   node --test --test-concurrency=1 tests/browser/layout.test.mjs
import assert from 'node:assert/strict';
import { browserSuite, watch, waitForText } from './harness.mjs';

let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

const COLUMN = 700;
const at = (width) => ({ viewport: { width, height: 900 } });

/** The boxes of each visible Alice | wire | Bob row, and the document's height. */
function rows(page, scope = '') {
  return page.locator(`${scope} #both`).evaluate((both) => ({
    rows: [...both.querySelectorAll('.row')].filter((row) => row.checkVisibility())
      .map((row) => [...row.children].map((cell) => {
        const box = cell.getBoundingClientRect();
        return { left: box.left, right: box.right, top: box.top, width: box.width };
      })),
    height: document.documentElement.getBoundingClientRect().height,
    scrollWidth: document.documentElement.scrollWidth,
  }));
}

function assertThreeColumns(found, label) {
  assert.ok(found.rows.length > 0, `${label}: rows to check`);
  for (const [i, [alice, wire, bob]] of found.rows.entries()) {
    assert.ok(Math.abs(alice.top - wire.top) < 1 && Math.abs(wire.top - bob.top) < 1, `${label}, row ${i + 1}: one line (${JSON.stringify([alice, wire, bob])})`);
    assert.ok(alice.right <= wire.left && wire.right <= bob.left, `${label}, row ${i + 1}: Alice, the wire, Bob from left to right, apart`);
    assert.ok(Math.min(alice.width, wire.width, bob.width) >= 180, `${label}, row ${i + 1}: each column at least 180 px`);
  }
}

browserTest('at a 700 px column Alice | wire | Bob stay side by side: the embed, the page and the element; the embed is not much taller than at 1200 px', async (s) => {
  for (const view of ['all', 'exchange', 'hkdf', 'messages']) {
    const narrow = await s.open(`/embed.html?view=${view}&seed=lesson-3`, at(COLUMN));
    const found = await rows(narrow);
    assertThreeColumns(found, `embed ${view} at ${COLUMN} px`);
    assert.ok(found.scrollWidth <= COLUMN, `embed ${view}: no horizontal scrolling (${found.scrollWidth})`);
    const wide = await rows(await s.open(`/embed.html?view=${view}&seed=lesson-3`, at(1200)));
    assert.ok(found.height < wide.height * 1.35, `embed ${view}: ${found.height} px at ${COLUMN} against ${wide.height} px at 1200`);
  }
  assertThreeColumns(await rows(await s.open('/?seed=lesson-3', at(COLUMN + 32))), 'the page');
  // The element in a 700 px column of a wide course page (added by the test: the course
  // page has no script of its own).
  const course = await s.open('/examples/course.html', at(1400), { ready: false });
  await course.evaluate((width) => {
    const column = document.createElement('div');
    column.style.width = `${width}px`;
    const element = document.createElement('ecdh-playground');
    element.id = 'in-column';
    element.setAttribute('view', 'exchange');
    column.append(element);
    document.body.prepend(column);
  }, COLUMN);
  await course.locator('ecdh-playground#in-column[data-ready="true"]').waitFor({ state: 'attached' });
  assertThreeColumns(await rows(course, '#in-column'), 'the element in a column');
  // Narrower than a course column, the three stack (a phone).
  const phone = await rows(await s.open('/embed.html?view=exchange', at(400)));
  assert.ok(phone.rows.length > 0, 'rows to check at 400 px');
  for (const [alice, wire, bob] of phone.rows) assert.ok(alice.top < wire.top && wire.top < bob.top, 'stacked at 400 px');
});

/** The height the view at `src` has in a column `width` px wide, once it has settled. */
async function measuredHeight(src, width) {
  const context = await browser.newContext(at(width));
  try {
    const page = await context.newPage();
    const watcher = await watch(page, server.origin);
    await page.goto(src);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await page.waitForTimeout(300);
    const height = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await watcher.assertClean(src);
    return height;
  } finally {
    await context.close();
  }
}

/** Opens the embed help and picks `part`; resolves to the iframe snippet once its height is measured. */
async function measuredSnippet(page, part) {
  const details = page.locator('#embed-help details');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  if (part) await page.selectOption('#embed-part', part);
  const snippet = page.locator('pre[aria-label="iframe snippet"]');
  await page.waitForFunction((view) => document.getElementById('embed-height')?.dataset.state === 'measured'
    && document.querySelector('pre[aria-label="iframe snippet"]').textContent.includes(view ? `view=${view}` : 'view='), part, { timeout: 30_000 });
  await waitForText(page, '#embed-height', /measured in your browser/);
  const text = await snippet.textContent();
  return { text, src: /<iframe src="([^"]+)"/.exec(text)[1], height: Number(/ height="(\d+)"/.exec(text)[1]) };
}

/**
 * The snippet without its script, in a 700 px column of a course page on the test server:
 * resolves to whether the view fits its iframe with no scrolling inside. `sandbox`: the
 * iframe's sandbox attribute, where the course page sets one (then the view may not use
 * the browser's storage, and says so in a line of its own).
 */
async function fitsWithoutScript(snippet, { sandbox = null } = {}) {
  let iframe = snippet.text.replace(/<script>[\s\S]*<\/script>/, '');
  if (sandbox) iframe = iframe.replace('<iframe ', `<iframe sandbox="${sandbox}" `);
  assert.doesNotMatch(iframe, /<script/);
  const context = await browser.newContext(at(1200));
  context.setDefaultTimeout(30_000);
  try {
    await context.route(`${server.origin}/stripped-course.html`, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course</title></head><body><div style="width:${COLUMN}px">${iframe}</div></body></html>`,
    }));
    const page = await context.newPage();
    const watcher = await watch(page, server.origin);
    await page.goto(`${server.origin}/stripped-course.html`);
    const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
    await frame.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await page.waitForTimeout(300);
    const fit = await frame.evaluate(() => ({
      width: window.innerWidth,
      inner: window.innerHeight,
      content: document.documentElement.scrollHeight,
      // The view's own height, as embed.js reports it (scrollHeight is at least the frame's).
      height: Math.ceil(document.documentElement.getBoundingClientRect().height),
      storageNote: document.getElementById('storage-note')?.hidden === false,
    }));
    await watcher.assertClean('course page without the sizing script');
    return fit;
  } finally {
    await context.close();
  }
}

browserTest('iframe snippet: each view\'s height attribute is at least its real height at 700 px, and without the sizing script the view fits its iframe', async (s, t) => {
  const teacher = await s.open('/?seed=lesson-3#hide=okm&mallory=1', at(1200));
  const parts = await teacher.locator('#embed-part option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(parts, ['all', 'exchange', 'hkdf', 'messages', 'tls12', 'tls13', 'resume', 'curve']);
  const heights = new Set();
  for (const part of parts) {
    const snippet = await measuredSnippet(teacher, part);
    const real = await measuredHeight(snippet.src, COLUMN);
    assert.ok(snippet.height >= real, `${part}: height="${snippet.height}" is less than the view's ${real} px`);
    heights.add(snippet.height);
    const fit = await fitsWithoutScript(snippet);
    assert.equal(fit.width, COLUMN);
    assert.ok(fit.content <= fit.inner, `${part}: ${fit.content} px of content in a ${fit.inner} px iframe`);
    // A sandboxed frame: the playground's parts say that the tab's keys are not stored,
    // in a line the height was measured with.
    let tallest = real;
    if (['all', 'exchange', 'hkdf', 'messages'].includes(part)) {
      const sandboxed = await fitsWithoutScript(snippet, { sandbox: 'allow-scripts' });
      assert.ok(sandboxed.storageNote, `${part}: the storage note in a sandboxed frame`);
      assert.ok(sandboxed.content <= sandboxed.inner, `${part}, sandboxed: ${sandboxed.content} px of content in a ${sandboxed.inner} px iframe`);
      tallest = Math.max(real, sandboxed.height);
    }
    t.diagnostic(`${part}: snippet height ${snippet.height}, real height at ${COLUMN} px ${real}, with the storage note ${tallest}`);
    assert.ok(snippet.height <= tallest * 1.1 + 20, `${part}: height="${snippet.height}" is far more than the view's ${tallest} px`);
  }
  assert.equal(heights.size, parts.length, 'a height for each view');
  // The TLS page: the step the lesson is at is part of the view.
  const tls = await s.open('/tls12.html?seed=lesson-3#step=8&steps=2&leak=1', at(1200));
  const snippet = await measuredSnippet(tls, null);
  assert.match(snippet.src, /step=8/);
  const real = await measuredHeight(snippet.src, COLUMN);
  assert.ok(snippet.height >= real, `TLS at step 8: height="${snippet.height}" < ${real}`);
  const fit = await fitsWithoutScript(snippet);
  assert.ok(fit.content <= fit.inner, `TLS at step 8: ${fit.content} px of content in a ${fit.inner} px iframe`);
});
