// End-to-end tests of the curve lab (www/curve.html) in headless Chromium under the
// site's Content-Security-Policy: each of its five parts, keyboard-only use, 360 px,
// the worker's progress and Cancel, every bad input's message (with what was typed
// kept), the embed view, the custom element and the single file, axe-core. What the
// page shows is checked against the crate's ToyCurve loaded in Node and against the
// real-curve formulas. Every test ends by asserting that no watched page logged a
// console error, threw, violated the CSP or requested anything from another origin.
//   make dist && node --test --test-concurrency=1 tests/browser/curve.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, browserSuite, watch, waitReady, waitForText, assertNoOverflow, axeViolations } from './harness.mjs';
import { addReal, cubic, singularity, years, ratePerSecond, MIN_TIMED_MS } from '../../www/js/curve-real-math.js';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });

const SINGLE = path.join(ROOT, 'dist', 'ecdh-playground.html');
let server;
let browser;
const browserTest = browserSuite((s, b) => {
  server = s;
  browser = b;
});

const text = (page, selector) => page.locator(selector).first().textContent();
/** The handle's point, from its aria-valuetext "P = (x, y)". */
async function handlePoint(page, name) {
  const value = await page.locator(`.handle-${name}`).getAttribute('aria-valuetext');
  const m = /\(([−\d.]+), ([−\d.]+)\)/.exec(value);
  const n = (s) => Number(s.replace('−', '-'));
  return { x: n(m[1]), y: n(m[2]) };
}

/** Sets a text field the way a user does: select all, type. */
async function type(page, selector, value) {
  await page.locator(selector).fill(value);
}

/* ---------- Pure helpers (no browser) ---------- */

browserTest('the real-curve helpers: the chord and tangent formulas, singular curves, the years, a rate', async () => {
  // y² = x³ − 2x + 2 through P = (1, 1).
  const a = -2;
  const P = { x: 1, y: 1 };
  const sum = addReal(P, P, a);
  // Tangent: m = (3 − 2) / 2 = 0.5; x₃ = 0.25 − 2 = −1.75; y₃ = 0.5 · 2.75 − 1 = 0.375.
  assert.equal(sum.tangent, true);
  assert.equal(sum.slope, 0.5);
  assert.deepEqual(sum.sum, { x: -1.75, y: 0.375 });
  assert.ok(Math.abs(cubic(-1.75, a, 2) - 0.375 ** 2) < 1e-12, 'the sum is on the curve');
  assert.equal(addReal(P, { x: 1, y: -1 }, a).infinity, true, 'a vertical chord');
  assert.equal(addReal({ x: 0, y: 0 }, { x: 0, y: 0 }, -1).infinity, true, 'a vertical tangent');
  assert.deepEqual(singularity(0, 0), { kind: 'cusp', x: 0 });
  assert.deepEqual(singularity(-3, 2), { kind: 'node', x: 1 });
  assert.deepEqual(singularity(-3, -2), { kind: 'isolated', x: -1 });
  assert.equal(singularity(-2, 2), null);
  // 2^128 additions at 2^20 a second: 2^108 s ≈ 1.03 × 10^25 years.
  const y = years(128, 2 ** 20);
  assert.equal(y.exponent, 25);
  assert.ok(Math.abs(y.mantissa - 1.028) < 0.01, String(y.mantissa));
  // A rate only from a time long enough to measure: 2 tries in a timer's 0 or 0.1 ms is none.
  assert.equal(ratePerSecond(2, 0), null);
  assert.equal(ratePerSecond(2, 0.1), null);
  assert.equal(ratePerSecond(5000, MIN_TIMED_MS - 0.01), null);
  assert.equal(ratePerSecond(5000, 20), 250_000);
});

/* ---------- Part 1: over the reals ---------- */

browserTest('part 1: the curve, P + Q with its numbers, the tangent, the point at infinity, a singular curve', async (s) => {
  const page = await s.open('/curve.html');
  assert.match(await text(page, '#c-real-equation'), /^y² = x³ − 2x \+ 2; 4a³ \+ 27b² = 76$/);
  assert.ok(await page.locator('#c-real-plot .real-curve polyline, #c-real-plot .real-curve polygon').count() >= 1);
  // The sum shown is the chord's, from the handles' coordinates.
  const P = await handlePoint(page, 'P');
  const Q = await handlePoint(page, 'Q');
  const expected = addReal(P, Q, -2);
  const shown = await text(page, '#c-real-sum');
  const m = /P \+ Q = \(([−\d.]+), ([−\d.]+)\)/.exec(shown);
  assert.ok(m, shown);
  assert.ok(Math.abs(Number(m[1].replace('−', '-')) - expected.sum.x) < 0.01, `${shown} vs ${expected.sum.x}`);
  assert.match(await text(page, '#c-real-formulas'), /Slope m\(y_Q − y_P\) \/ \(x_Q − x_P\)/);
  // Q = P: the tangent.
  await page.click('#c-q-equals-p');
  await waitForText(page, '#c-real-sum', /^2P = \(/);
  assert.match(await text(page, '#c-real-formulas'), /\(3x_P² \+ a\) \/ \(2y_P\)/);
  assert.equal(await page.locator('#c-real-plot .chord .tangent').count(), 1);
  // Q = −P: a vertical line, the point at infinity, explained.
  await page.click('#c-q-minus-p');
  await waitForText(page, '#c-real-sum', 'P + Q = O, the point at infinity');
  assert.match(await text(page, '#c-real-formulas'), /vertical/);
  assert.equal(await page.locator('#c-real-plot .chord .vertical').count(), 1);
  assert.match(await text(page, '#c-real-plot .infinity-label'), /point at infinity/);
  // Singular: a = −3, b = 2 is drawn and explained, not refused.
  await type(page, '#c-a', '-3');
  await type(page, '#c-b', '2');
  await waitForText(page, '#c-real-singular', /singular\. It has a node at \(1\.000, 0\)/);
  assert.equal(await page.locator('#c-real-singular').isVisible(), true);
  assert.ok(await page.locator('#c-real-plot .real-curve polyline, #c-real-plot .real-curve polygon').count() >= 1);
  assert.equal(await page.locator('#c-a-range').inputValue(), '-3', 'the slider follows the field');
  await type(page, '#c-a', '0');
  await type(page, '#c-b', '0');
  await waitForText(page, '#c-real-singular', /a cusp at \(0, 0\)/);
  // A bad a: said, kept, and the picture waits.
  await type(page, '#c-a', '7x');
  await waitForText(page, '#c-ab-error', 'a must be a number, got “7x”');
  assert.equal(await page.locator('#c-a').inputValue(), '7x');
  assert.equal(await page.locator('#c-a').getAttribute('aria-invalid'), 'true');
  await type(page, '#c-a', '9');
  await waitForText(page, '#c-ab-error', /between −5 and 5/);
  // The slider moves it back, and clears the message.
  await page.locator('#c-a-range').fill('-1');
  assert.equal(await page.locator('#c-ab-error').isVisible(), false);
  assert.equal(await page.locator('#c-a').inputValue(), '-1');
  assert.match(await text(page, '#c-real-equation'), /^y² = x³ − x;/);
});

browserTest('part 1 by keyboard: Tab to P, the arrow keys move it along the curve; dragging moves it too', async (s) => {
  const page = await s.open('/curve.html');
  await page.locator('#c-b').focus();
  // From b's field, the next Tab stops are the buttons, then the handles.
  let found = false;
  for (let i = 0; i < 6 && !found; i += 1) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.classList?.contains('handle-P'));
  }
  assert.ok(found, 'P is reached with Tab');
  const before = await handlePoint(page, 'P');
  const sumBefore = await text(page, '#c-real-sum');
  for (let i = 0; i < 8; i += 1) await page.keyboard.press('ArrowRight');
  const after = await handlePoint(page, 'P');
  assert.notDeepEqual(after, before);
  // Still on the curve: y² = x³ − 2x + 2 (to the 3 decimals shown).
  assert.ok(Math.abs(after.y ** 2 - cubic(after.x, -2, 2)) < 0.05, JSON.stringify(after));
  assert.notEqual(await text(page, '#c-real-sum'), sumBefore);
  // Page Down moves ten vertices back along this open branch (not past its end).
  const now = async () => Number(await page.locator('.handle-P').getAttribute('aria-valuenow'));
  const at = await now();
  await page.keyboard.press('PageDown');
  assert.equal(await now(), Math.max(0, at - 10));
  await page.keyboard.press('ArrowLeft');
  assert.equal(await now(), Math.max(0, at - 11));
  // Drag Q with the mouse to near (0, √2).
  const handle = page.locator('.handle-Q');
  const box = await handle.boundingBox();
  const plot = await page.locator('#c-real-plot').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // The plot spans x −4…5 and y 7…−7: (0, 1.414) in pixels.
  await page.mouse.move(plot.x + (4 / 9) * plot.width, plot.y + ((7 - 1.414) / 14) * plot.height, { steps: 5 });
  await page.mouse.up();
  const Q = await handlePoint(page, 'Q');
  assert.ok(Math.abs(Q.x) < 0.2 && Math.abs(Q.y - 1.414) < 0.3, JSON.stringify(Q));
});

/* ---------- Part 2: over F_p ---------- */

browserTest('part 2: the presets count their points, G\'s subgroup, order and cofactor; any p, a, b', async (s) => {
  const page = await s.open('/curve.html');
  assert.match(await text(page, '#c-field-summary'), /y² = x³ \+ 2x \+ 2 over F_17 has N = 19 points: 18 \(x, y\) pairs/);
  assert.match(await text(page, '#c-g-summary'), /G = \(5, 1\) has order n = 19.*Cofactor h = N \/ n = 19 \/ 19 = 1/);
  // Every point is drawn: 18 dots, the symmetry line, G's 18 multiples highlighted.
  assert.equal(await page.locator('#c-field-plot .dots circle').count(), 18);
  assert.equal(await page.locator('#c-field-plot .symmetry').count(), 1);
  assert.equal(await page.locator('#c-field-plot .subgroup circle').count(), 18);
  // F_97: 100 points; (3, 6) has order 5, cofactor 20.
  await page.selectOption('#c-preset', 'f97');
  await waitForText(page, '#c-field-summary', /F_97 has N = 100 points/);
  await type(page, '#c-gx', '3');
  await type(page, '#c-gy', '6');
  await page.click('#c-g-use');
  await waitForText(page, '#c-g-summary', /G = \(3, 6\) has order n = 5.*= 100 \/ 5 = 20/);
  assert.equal(await page.locator('#c-field-plot .subgroup circle').count(), 4);
  // The a = −3 preset: prime order, as P-256.
  await page.selectOption('#c-preset', 'f997');
  await waitForText(page, '#c-field-summary', /y² = x³ − 3x \+ 4 over F_997 has N = 983 points/);
  assert.match(await text(page, '#c-g-summary'), /order n = 983.*= 1: G generates the whole group/);
  // Any p, a, b: checked by the crate against Node's copy.
  await type(page, '#c-p', '101');
  await type(page, '#c-fa', '-1');
  await type(page, '#c-fb', '3');
  await page.click('#c-field-draw');
  const curve = new api.ToyCurve(101, -1, 3);
  await waitForText(page, '#c-field-summary', `has N = ${curve.order} points`);
  assert.equal(await page.locator('#c-preset').inputValue(), 'custom');
  // Clicking a point makes it G.
  const dot = page.locator('#c-field-plot .dots circle').nth(3);
  const point = curve.points()[3];
  await dot.click({ force: true });
  await waitForText(page, '#c-g-summary', `G = (${point.x}, ${point.y}) has order n = ${curve.orderOf(point)}`);
});

browserTest('part 2: every bad input is said where it was typed, and nothing typed is lost', async (s) => {
  const page = await s.open('/curve.html');
  const submit = () => page.click('#c-field-draw');
  for (const [p, a, b, message, field] of [
    ['91', '1', '1', 'p = 91 is not prime: it is 7 × 13', '#c-p'],
    ['17', '0', '0', 'y² = x³ over F_17 is singular', '#c-fb'],
    ['1000033', '1', '1', 'p must be a prime with 3 < p ≤ 1,000,003, got 1000033', '#c-p'],
    ['2', '1', '1', 'p must be a prime with 3 < p ≤ 1,000,003, got 2', '#c-p'],
    ['17', '1.5', '1', 'a must be a whole number, got “1.5”', '#c-fa'],
    ['seventeen', '1', '1', 'p must be a whole number, got “seventeen”', '#c-p'],
  ]) {
    await type(page, '#c-p', p);
    await type(page, '#c-fa', a);
    await type(page, '#c-fb', b);
    await submit();
    await waitForText(page, '#c-field-error', message);
    assert.deepEqual(
      [await page.locator('#c-p').inputValue(), await page.locator('#c-fa').inputValue(), await page.locator('#c-fb').inputValue()],
      [p, a, b], 'what was typed stays',
    );
    assert.equal(await page.locator(field).getAttribute('aria-invalid'), 'true', `${message}: ${field} is marked`);
    // The last good curve is still drawn.
    assert.match(await text(page, '#c-field-summary'), /F_17 has N = 19 points/);
  }
  // A G off the curve, named with the curve.
  await type(page, '#c-p', '17');
  await type(page, '#c-fa', '2');
  await type(page, '#c-fb', '2');
  await submit();
  await waitForText(page, '#c-field-summary', /F_17 has N = 19/);
  assert.equal(await page.locator('#c-field-error').isVisible(), false);
  await type(page, '#c-gx', '5');
  await type(page, '#c-gy', '2');
  await page.click('#c-g-use');
  await waitForText(page, '#c-g-error', 'G = (5, 2) is not on the curve y² = x³ + 2x + 2 over F_17');
  assert.equal(await page.locator('#c-gy').inputValue(), '2');
  await type(page, '#c-gx', '20');
  await page.click('#c-g-use');
  await waitForText(page, '#c-g-error', 'G = (20, 2) is not on the curve');
  // A k that is not a whole number.
  await type(page, '#c-k', '2.5');
  await page.click('#c-k-go');
  await waitForText(page, '#c-k-error', 'k must be a whole number, got “2.5”');
  assert.equal(await page.locator('#c-k').inputValue(), '2.5');
  await type(page, '#c-k', '-3');
  await page.click('#c-k-go');
  await waitForText(page, '#c-k-error', /k must be a whole number/);
  await type(page, '#c-alice', 'x');
  await page.click('#c-ecdh-go');
  await waitForText(page, '#c-ecdh-error', 'a must be a whole number, got “x”');
});

browserTest('part 2 in the worker: the largest curve is listed with progress, and Cancel keeps the last one', async (s) => {
  const page = await s.open('/curve.html');
  await type(page, '#c-p', '1000003');
  await type(page, '#c-fa', '2');
  await type(page, '#c-fb', '3');
  await page.click('#c-field-draw');
  const order = new api.ToyCurve(1_000_003, 2, 3).order;
  await page.locator('#c-scan').waitFor();
  await waitForText(page, '#c-field-summary', `has N = ${order.toLocaleString('en-US')} points`);
  assert.equal(await page.locator('#c-scan-progress').getAttribute('data-ran-in'), 'worker');
  assert.equal(await page.locator('#c-scan-progress').evaluate((bar) => bar.value), 1);
  assert.match(await text(page, '#c-scan-text'), /in a Web Worker/);
  // Drawn on a canvas: too many for the DOM.
  assert.equal(await page.locator('#c-field-plot.many').count(), 1);
  // Cancel at once: the previous curve stays.
  await type(page, '#c-p', '999983');
  await page.click('#c-field-draw');
  await page.click('#c-scan-cancel');
  await waitForText(page, '#c-scan-text', /Cancelled: still showing y² = x³ \+ 2x \+ 3 over F_1000003/);
  assert.match(await text(page, '#c-field-summary'), /over F_1000003/);
});

browserTest('part 2: a bad p, a or b marks that field alone', async (s) => {
  const page = await s.open('/curve.html');
  const marked = async () => {
    const out = [];
    for (const id of ['#c-p', '#c-fa', '#c-fb']) {
      if (await page.locator(id).getAttribute('aria-invalid') === 'true') out.push(id);
    }
    return out;
  };
  for (const [p, a, b, message, fields] of [
    ['17', '', '2', 'a must be a whole number, got “”', ['#c-fa']],
    ['17', '2', 'seven', 'b must be a whole number, got “seven”', ['#c-fb']],
    ['17', '1.5', '', 'a must be a whole number, got “1.5”', ['#c-fa', '#c-fb']],
    ['x', '2', '2', 'p must be a whole number, got “x”', ['#c-p']],
    ['17', '0', '0', 'y² = x³ over F_17 is singular', ['#c-fb']],
  ]) {
    await type(page, '#c-p', p);
    await type(page, '#c-fa', a);
    await type(page, '#c-fb', b);
    await page.click('#c-field-draw');
    await waitForText(page, '#c-field-error', message);
    assert.deepEqual(await marked(), fields, message);
  }
  await type(page, '#c-p', '17');
  await type(page, '#c-fa', '2');
  await type(page, '#c-fb', '2');
  await page.click('#c-field-draw');
  await waitForText(page, '#c-field-summary', /F_17 has N = 19/);
  assert.equal(await page.locator('#c-field-error').isVisible(), false);
  assert.deepEqual(await marked(), []);
});

browserTest('part 2: a curve still being listed never replaces the one chosen after it', async (s) => {
  const page = await s.open('/curve.html?preset=f997');
  await waitForText(page, '#c-field-summary', /F_997 has N = 983/);
  /** Starts listing F_1,000,003 in the worker, long enough to be overtaken. */
  const startListing = async () => {
    await type(page, '#c-p', '1000003');
    await type(page, '#c-fa', '5');
    await type(page, '#c-fb', '7');
    await page.click('#c-field-draw');
    await waitForText(page, '#c-scan-text', /^Listing the points/);
  };
  /** Waits until that listing is over, however it ended: listed, stopped or put away. */
  const listingOver = () => page.waitForFunction(() => {
    const box = document.querySelector('#c-scan');
    return box.hidden || !/^Listing/.test(document.querySelector('#c-scan-text').textContent);
  });
  const fields = async () => Promise.all(['#c-preset', '#c-p', '#c-fa', '#c-fb'].map((id) => page.locator(id).inputValue()));
  /** Every part shows F_97, as the fields say. */
  const showsF97 = async (when) => {
    assert.deepEqual(await fields(), ['f97', '97', '2', '3'], when);
    assert.match(await text(page, '#c-field-summary'), /^y² = x³ \+ 2x \+ 3 over F_97 has N = 100 points/, when);
    assert.match(await text(page, '#c-g-summary'), /Cofactor h = N \/ n = 100 \//, when);
    assert.match(await text(page, '#c-small-curve'), /N = 100 = 2\^2 × 5\^2/, when);
    assert.equal(await page.locator('#c-field-plot .dots circle').count(), 99, when);
  };

  // A preset chosen while the listing runs.
  await startListing();
  await page.selectOption('#c-preset', 'f97');
  await waitForText(page, '#c-field-summary', /over F_97 has N = 100/);
  await listingOver();
  await showsF97('a preset chosen during the listing');

  // Part 5's button, which switches to the F_97 preset.
  await page.selectOption('#c-preset', 'f997');
  await waitForText(page, '#c-field-summary', /F_997 has N = 983/);
  await startListing();
  await page.click('#c-small-use');
  await waitForText(page, '#c-field-summary', /over F_97 has N = 100/);
  await listingOver();
  await showsF97('part 5\'s button pressed during the listing');

  // A small curve typed in.
  await startListing();
  await type(page, '#c-p', '101');
  await type(page, '#c-fa', '-1');
  await type(page, '#c-fb', '3');
  await page.click('#c-field-draw');
  const order = new api.ToyCurve(101, -1, 3).order;
  await waitForText(page, '#c-field-summary', `over F_101 has N = ${order} points`);
  await listingOver();
  assert.match(await text(page, '#c-field-summary'), new RegExp(`^y² = x³ − x \\+ 3 over F_101 has N = ${order} points`));

  // A Draw refused while the listing runs: the listing stops, and the last curve drawn
  // (F_101) stays, with the message. On a loaded machine the worker may finish the
  // listing before the click reaches the page; then F_1,000,003 was drawn last, rightly
  // shown, and the step is taken again from F_101 (three times at most).
  for (let attempt = 1; ; attempt += 1) {
    await startListing();
    await type(page, '#c-p', '91');
    await page.click('#c-field-draw');
    await waitForText(page, '#c-field-error', 'p = 91 is not prime');
    await listingOver();
    const stopped = /^Stopped listing: still showing y² = x³ − x \+ 3 over F_101/.test(await text(page, '#c-scan-text'));
    if (stopped || attempt === 3) break;
    await type(page, '#c-p', '101');
    await type(page, '#c-fa', '-1');
    await type(page, '#c-fb', '3');
    await page.click('#c-field-draw');
    await waitForText(page, '#c-field-summary', `over F_101 has N = ${order} points`);
  }
  assert.match(await text(page, '#c-scan-text'), /^Stopped listing: still showing y² = x³ − x \+ 3 over F_101/);
  assert.match(await text(page, '#c-field-summary'), /over F_101 has N = /);
  assert.equal(await page.locator('#c-field-error').isVisible(), true);
  assert.equal(await page.locator('#c-p').inputValue(), '91');
});

/* ---------- Part 3: double-and-add ---------- */

browserTest('part 3: k\'s bits and each step, Step / Back / Run, equal to k repeated additions', async (s) => {
  const page = await s.open('/curve.html');
  const curve = new api.ToyCurve(17, 2, 2);
  const G = { x: 5, y: 1 };
  const { point, steps } = curve.multiply(13, G);
  assert.match(await text(page, '#c-bits'), /k = 13 = 1101 in binary/);
  assert.equal(await page.locator('#c-steps li').count(), steps.length);
  const items = await page.locator('#c-steps li').allTextContents();
  steps.forEach((step, i) => {
    assert.match(items[i], new RegExp(`^bit \\d: ${step.bit} ${step.op}`));
    assert.ok(items[i].endsWith(`(${step.point.x}, ${step.point.y})`) || items[i].includes(`(${step.point.x}, ${step.point.y}) (the leading 1)`), items[i]);
  });
  assert.match(await text(page, '#c-check'), new RegExp(`13·G = \\(${point.x}, ${point.y}\\) in 3 doublings and 2 additions.*13 times \\(12 additions\\), gives \\(${point.x}, ${point.y}\\): the same point`));
  // Step, Step, Back: the plot and the counter follow.
  assert.equal(await page.locator('#c-back').isDisabled(), true);
  await page.click('#c-step');
  await page.click('#c-step');
  await waitForText(page, '#c-step-counter', 'Step 2 of 6: R = 2G = (6, 3)');
  assert.equal(await page.locator('#c-ladder-plot .current text').textContent(), '2G');
  assert.equal(await page.locator('#c-steps li[aria-current="step"]').count(), 1);
  await page.click('#c-back');
  await waitForText(page, '#c-step-counter', 'Step 1 of 6: R = 1G = (5, 1)');
  // Run to the end.
  await page.click('#c-run');
  await waitForText(page, '#c-step-counter', `Step 6 of 6: R = 13G = (${point.x}, ${point.y})`);
  assert.equal(await page.locator('#c-step').isDisabled(), true);
  // A k larger than G's order: shown as k mod n.
  await type(page, '#c-k', '1000000');
  await page.keyboard.press('Enter');
  const big = curve.multiply(1_000_000, G).point;
  await waitForText(page, '#c-check', `1,000,000 mod 19 = ${1_000_000 % 19}`);
  assert.match(await text(page, '#c-check'), new RegExp(`\\(${big.x}, ${big.y}\\): the same point`));
  await type(page, '#c-k', '0');
  await page.keyboard.press('Enter');
  await waitForText(page, '#c-bits', 'k = 0: 0·G = O');
});

/* ---------- Part 4: toy ECDH and Eve ---------- */

browserTest('part 4: both reach abG; Eve finds a, reports tries and time, and P-256\'s years', async (s) => {
  const page = await s.open('/curve.html?preset=f997');
  const curve = new api.ToyCurve(997, -3, 4);
  const G = curve.points()[0];
  await waitForText(page, '#c-g-summary', `G = (${G.x}, ${G.y}) has order n = 983`);
  await type(page, '#c-alice', '777');
  await type(page, '#c-bob', '123');
  await page.click('#c-ecdh-go');
  const A = curve.multiply(777, G).point;
  const S = curve.multiply(777 * 123, G).point;
  await waitForText(page, '#c-A', `A = aG = 777·(${G.x}, ${G.y}) = (${A.x}, ${A.y})`);
  await waitForText(page, '#c-ecdh-verdict', `Both reach abG = (${S.x}, ${S.y})`);
  assert.equal(await page.locator('#c-ecdh-plot .public-keys circle').count(), 2);
  assert.equal(await page.locator('#c-ecdh-plot .shared circle').count(), 1);
  await page.click('#c-eve-start');
  await waitForText(page, '#c-eve-result', 'Eve found k = 777 after 777 tries');
  assert.equal(await page.locator('#c-eve-progress').getAttribute('data-ran-in'), 'worker');
  assert.match(await text(page, '#c-eve-status'), /Found in [\d,]+ ms, in a Web Worker/);
  const p256 = await waitForText(page, '#c-eve-p256', /Pollard's rho/);
  assert.match(p256, /Measured here just now: [\d,]+ P-256 scalar multiplications/);
  assert.match(p256, /count 384 point operations/);
  assert.match(p256, /2\^128 additions: \d\.\d × 10\^\d+ years/);
  const exponent = Number(/2\^128 additions: \d\.\d × 10\^(\d+) years/.exec(p256)[1]);
  assert.ok(exponent > 20 && exponent < 40, p256);
  assert.equal(await page.locator('#c-playground-link').getAttribute('href'), './?curve=P-256');
  // Random a and b: still both reach the same point.
  await page.click('#c-ecdh-random');
  await waitForText(page, '#c-ecdh-verdict', /Both reach abG/);
});

browserTest('part 4: Eve\'s progress and Cancel (slow motion), keyboard only', async (s) => {
  const page = await s.open('/curve.html?preset=f997');
  await type(page, '#c-alice', '900');
  await page.locator('#c-alice').press('Enter');
  await page.locator('#c-eve-slow').focus();
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#c-eve-slow').isChecked(), true);
  await page.locator('#c-eve-start').focus();
  await page.keyboard.press('Enter');
  await waitForText(page, '#c-eve-status', /Eve has tried \d+ of at most 983 values of k/);
  const value = await page.locator('#c-eve-progress').evaluate((bar) => bar.value);
  assert.ok(value > 0 && value < 1, String(value));
  assert.equal(await page.locator('#c-eve-start').isDisabled(), true);
  await page.locator('#c-eve-cancel').focus();
  await page.keyboard.press('Enter');
  await waitForText(page, '#c-eve-status', /Cancelled after about [\d,]+ tries/);
  assert.equal(await page.locator('#c-eve-result').textContent(), '');
  assert.equal(await page.locator('#c-eve-start').isDisabled(), false);
  // And again, to the end.
  await page.locator('#c-eve-slow').uncheck();
  await page.click('#c-eve-start');
  await waitForText(page, '#c-eve-result', 'Eve found k = 900 after 900 tries');
});

browserTest('part 4: a search too quick to time gives no rate, and the P-256 paragraph quotes none', async (s) => {
  const page = await s.open('/curve.html');
  await type(page, '#c-alice', '2');
  await type(page, '#c-bob', '3');
  await page.click('#c-ecdh-go');
  await waitForText(page, '#c-A', 'A = aG = 2·(5, 1)');
  await page.click('#c-eve-start');
  // Two point additions take microseconds: a rate from that would be the timer's noise.
  const result = await waitForText(page, '#c-eve-result', 'Eve found k = 2 after 2 tries');
  assert.match(result, /too quick to time/);
  assert.doesNotMatch(result, /tries per second/);
  const p256 = await waitForText(page, '#c-eve-p256', /Pollard's rho/);
  assert.doesNotMatch(p256, /Eve managed/);
  assert.match(p256, /Measured here just now: [\d,]+ P-256 scalar multiplications/);
});

browserTest('part 4: when Eve\'s k is not a itself, the result says why any k ≡ a (mod n) will do', async (s) => {
  const page = await s.open('/curve.html?preset=f997');
  await waitForText(page, '#c-g-summary', /has order n = 983/);
  // 986 = 983 + 3: Eve stops at k = 3, which gives the same A.
  await type(page, '#c-alice', '986');
  await page.locator('#c-alice').press('Enter');
  await page.click('#c-eve-start');
  await waitForText(page, '#c-eve-result', 'Eve found k = 3 after 3 tries');
  assert.match(await text(page, '#c-eve-result'), /\(a itself is 986; any k ≡ a mod 983 gives the same A, since 983G = O\)/);
  // k = a: nothing to explain.
  await type(page, '#c-alice', '5');
  await page.locator('#c-alice').press('Enter');
  await page.click('#c-eve-start');
  await waitForText(page, '#c-eve-result', 'Eve found k = 5 after 5 tries');
  assert.doesNotMatch(await text(page, '#c-eve-result'), /a itself/);
});

browserTest('part 4: a rejected a or b clears the old exchange, and Eve waits for a valid one', async (s) => {
  const page = await s.open('/curve.html');
  await waitForText(page, '#c-A', 'A = aG = 7·(5, 1)');
  await page.click('#c-eve-start');
  await waitForText(page, '#c-eve-result', 'Eve found k = 7');
  for (const [field, value, message] of [
    ['#c-alice', '0', 'a must be at least 1, got 0'],
    ['#c-alice', '-5', 'a must be at least 1, got -5'],
    ['#c-alice', '', 'a must be a whole number, got “”'],
    ['#c-bob', '0', 'b must be at least 1, got 0'],
  ]) {
    await type(page, '#c-alice', '7');
    await type(page, '#c-bob', '11');
    await page.locator('#c-alice').press('Enter');
    await waitForText(page, '#c-A', 'A = aG = 7·(5, 1)');
    assert.equal(await page.locator('#c-eve-start').isDisabled(), false);
    await type(page, field, value);
    await page.locator(field).press('Enter');
    await waitForText(page, '#c-ecdh-error', message);
    assert.equal(await page.locator(field).inputValue(), value, 'what was typed stays');
    // Nothing of the old key is left to attack or to read as if it were the new one.
    for (const line of ['#c-A', '#c-B', '#c-alice-s', '#c-bob-s', '#c-ecdh-verdict', '#c-eve-result', '#c-eve-p256']) {
      assert.equal(await text(page, line), '', `${value}: ${line} is cleared`);
    }
    assert.equal(await page.locator('#c-ecdh-plot .public-keys circle').count(), 0);
    assert.equal(await page.locator('#c-ecdh-plot .shared circle').count(), 0);
    assert.equal(await page.locator('#c-eve-start').isDisabled(), true, `${value}: Eve waits`);
  }
  // A valid value again: a new exchange, and Eve may start.
  await type(page, '#c-bob', '4');
  await page.locator('#c-bob').press('Enter');
  await waitForText(page, '#c-B', 'B = bG = 4·(5, 1)');
  assert.equal(await page.locator('#c-ecdh-error').isVisible(), false);
  assert.equal(await page.locator('#c-eve-start').isDisabled(), false);
  await page.click('#c-eve-start');
  await waitForText(page, '#c-eve-result', 'Eve found k = 7');
  // A rejected value while Eve runs (slow motion, on F_997 so that she is still at it):
  // she stops, and Start stays off.
  await page.selectOption('#c-preset', 'f997');
  await waitForText(page, '#c-g-summary', /has order n = 983/);
  await page.locator('#c-eve-slow').check();
  await type(page, '#c-alice', '900');
  await page.locator('#c-alice').press('Enter');
  await page.click('#c-eve-start');
  await waitForText(page, '#c-eve-status', /Eve has tried \d+ of at most 983/);
  await type(page, '#c-alice', '0');
  await page.locator('#c-alice').press('Enter');
  await waitForText(page, '#c-eve-status', /Cancelled after/);
  assert.equal(await page.locator('#c-eve-start').isDisabled(), true);
  assert.equal(await text(page, '#c-A'), '');
});

/* ---------- Part 5: small subgroups ---------- */

browserTest('part 5: a prime-order curve has no small subgroup; on F_97 a key in one is found at once', async (s) => {
  const page = await s.open('/curve.html?preset=f997');
  await waitForText(page, '#c-small-curve', /N = 983, a prime\. No point here has an order of 50 or less/);
  assert.equal(await page.locator('#c-small-use').isVisible(), true);
  await page.click('#c-small-use');
  await waitForText(page, '#c-field-summary', /F_97 has N = 100 points/);
  await waitForText(page, '#c-small-curve', /N = 100 = 2\^2 × 5\^2/);
  const options = await page.locator('#c-small-point option').allTextContents();
  assert.ok(options.some((o) => o === 'T = (3, 6), order 5'), options.join('; '));
  await page.selectOption('#c-small-point', { label: 'T = (3, 6), order 5' });
  await type(page, '#c-small-secret', '1234567');
  await page.click('#c-small-go');
  const curve = new api.ToyCurve(97, 2, 3);
  const bT = curve.multiply(1234567, { x: 3, y: 6 }).point;
  const found = curve.discreteLog({ x: 3, y: 6 }, bT);
  await waitForText(page, '#c-small-result', `b·T = 1,234,567·(3, 6) = (${bT.x}, ${bT.y}) — one of only 5 possible values`);
  assert.match(await text(page, '#c-small-result'), new RegExp(`k = ${found.k} after ${found.tries} tr.*1,234,567 mod 5 = 2`));
  assert.equal(await page.locator('#c-small-plot .small-subgroup circle').count(), 4);
  await type(page, '#c-small-secret', '-4');
  await page.click('#c-small-go');
  await waitForText(page, '#c-small-error', /b must be a whole number|b must be at least 1/);
});

/* ---------- The page as a whole ---------- */

browserTest('360 px wide, light and dark: nothing sticks out; axe finds nothing serious', async (s) => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await s.open('/curve.html', { viewport: { width: 360, height: 740 }, colorScheme });
    await assertNoOverflow(page, `curve lab, ${colorScheme}`);
    await page.click('#c-q-minus-p');
    await page.selectOption('#c-preset', 'f97');
    await waitForText(page, '#c-field-summary', /F_97/);
    await page.click('#c-ecdh-go');
    await assertNoOverflow(page, `curve lab with F_97, ${colorScheme}`);
    assert.deepEqual(await axeViolations(page), [], colorScheme);
  }
});

browserTest('embedded: the page\'s snippets, embed.html?view=curve and <ecdh-playground view="curve">', async (s) => {
  const lab = await s.open('/curve.html?theme=dark');
  await lab.locator('#embed-help summary').click();
  assert.deepEqual(await lab.locator('#embed-part option').evaluateAll((o) => o.map((x) => x.value)), ['curve']);
  await waitForText(lab, 'pre[aria-label="iframe snippet"]', /embed\.html\?view=curve&theme=dark"/);
  assert.match(await text(lab, 'pre[aria-label="custom element snippet"]'), /<ecdh-playground view="curve" theme="dark"><\/ecdh-playground>/);
  const page = await s.open('/embed.html?view=curve&theme=dark');
  await waitForText(page, '#c-field-summary', /F_17 has N = 19 points/);
  assert.equal(await page.locator('header.site').count(), 0, 'no site chrome');
  const course = await s.open('/examples/course.html', {}, { ready: false });
  await course.evaluate(() => {
    const element = document.createElement('ecdh-playground');
    element.setAttribute('view', 'curve');
    document.body.append(element);
  });
  await course.locator('ecdh-playground[view="curve"][data-ready="true"]').waitFor({ state: 'attached' });
  // Locators pierce the element's shadow root.
  const inside = (selector) => course.locator(`ecdh-playground[view="curve"] ${selector}`);
  await inside('#c-g-summary').filter({ hasText: /G = \(5, 1\) has order n = 19/ }).waitFor();
  // The element's parts work in its shadow root: a step of double-and-add.
  await inside('#c-step').click();
  await inside('#c-step-counter').filter({ hasText: 'Step 1 of 6' }).waitFor();
});

browserTest('the single file from disk: ?view=curve works, Eve runs on the page in slices', async () => {
  assert.ok(existsSync(SINGLE), 'dist/ecdh-playground.html is missing: run make dist');
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = `${pathToFileURL(SINGLE).href}?view=curve&preset=f997`;
  const watcher = await watch(page, new URL(url).origin);
  try {
    await page.goto(url);
    await waitReady(page);
    await waitForText(page, '#c-field-summary', /F_997 has N = 983/);
    await page.click('#c-ecdh-go');
    await page.click('#c-eve-start');
    await waitForText(page, '#c-eve-result', 'Eve found k = 7 after 7 tries');
    assert.equal(await page.locator('#c-eve-progress').getAttribute('data-ran-in'), 'page');
    assert.equal(await page.locator('nav [data-part="curve"]').getAttribute('aria-current'), 'page');
    await watcher.assertClean('single file, curve lab');
  } finally {
    await context.close();
  }
});
