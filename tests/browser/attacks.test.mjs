// End-to-end tests of the attack lab (www/attacks.html) in headless Chromium under the
// site's Content-Security-Policy: the page's four sections and a section whose module
// fails; the low-order, ECDSA nonce-reuse and AES-GCM nonce-reuse sections, each
// vulnerable and fixed, checked against the crate loaded in Node; two signatures made
// by the openssl command line pasted in; keyboard-only use; 360 px; axe-core; the
// embed view and the custom element. Every test ends by asserting that no watched page
// logged a console error, threw, violated the CSP or requested anything from another
// origin. Section 1 (the invalid-curve attack) has its own tests: here its module is
// replaced by a stand-in, so that these tests do not depend on it.
//   make build && node --test --test-concurrency=1 tests/browser/attacks.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserSuite, session, waitForText, assertNoOverflow, axeViolations } from './harness.mjs';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });

const STAND_IN = 'export function mount(container) { container.textContent = "(section 1, tested on its own)"; }';
/** The module served for section 1 in the next page opened. */
let sectionOne = STAND_IN;

/** A browser whose every context serves `sectionOne` for section 1's module. */
function withSectionOne(browser) {
  return {
    async newContext(options) {
      const context = await browser.newContext(options);
      const body = sectionOne;
      await context.route('**/js/attack-invalid-curve.js', (route) => route.fulfill({ contentType: 'text/javascript', body }));
      return context;
    },
  };
}

let server;
const browserTest = browserSuite((s) => {
  server = s;
}, (browser, s) => session(withSectionOne(browser), s));

const text = (page, selector) => page.locator(selector).first().textContent();
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const ZEROS = '0'.repeat(64);
const LOW_ORDER_MESSAGE = "the X25519 shared secret is all zeros: the peer's public key is a low-order point";

browserTest('the page: four sections in the issue\'s order, each with what it broke and its part mounted; a failing module is said in its section only', async (s) => {
  const page = await s.open('/attacks.html');
  const sections = await page.locator('main section.attack').evaluateAll((all) => all.map((n) => ({
    id: n.id,
    heading: n.querySelector('h2').textContent,
    broke: /\b(19|20)\d\d\b/.test(n.querySelector('.broke').textContent),
    mounted: n.querySelector('[data-attack-mount]').dataset.mounted,
    mount: n.querySelector('[data-attack-mount]').dataset.attackMount,
  })));
  assert.deepEqual(sections.map((x) => x.id), ['invalid-curve', 'low-order', 'nonce-reuse-ecdsa', 'nonce-reuse-gcm']);
  for (const x of sections) {
    assert.equal(x.mount, x.id);
    assert.equal(x.mounted, 'true', `${x.id} mounted`);
    assert.ok(x.broke, `${x.id}: the system it broke, with the year`);
  }
  assert.match(sections[0].heading, /Invalid-curve/);
  assert.equal(await page.locator('header.site nav a[aria-current="page"]').textContent(), 'Attack lab');

  sectionOne = 'throw new Error("broken on purpose");';
  try {
    const broken = await s.open('/attacks.html');
    const alert = broken.locator('#invalid-curve [data-attack-mount] .attack-error');
    assert.match(await alert.textContent(), /could not be loaded: broken on purpose\. The other parts still work/);
    assert.equal(await broken.locator('.attack-error').count(), 1, 'only that section');
    assert.equal(await broken.locator('#low-order [data-attack-mount]').getAttribute('data-mounted'), 'true');
    assert.match(await text(broken, '#gc-verdict'), /Message 2 read/);
  } finally {
    sectionOne = STAND_IN;
  }
});

browserTest('links: each section leads to the playground step it belongs to, and they open there', async (s) => {
  const page = await s.open('/attacks.html');
  const links = (id) => page.locator(`#${id} .attack-links a`).evaluateAll((as) => as.map((a) => a.href));
  const at = (href) => new URL(href, server.url).href;
  assert.ok((await links('low-order')).includes(at('./?view=exchange')), 'validation: step 2');
  assert.ok((await links('nonce-reuse-gcm')).includes(at('./?view=messages')), 'nonces: step 4');
  assert.ok((await links('nonce-reuse-ecdsa')).includes(at('tls12.html#step=8&steps=2')), 'signatures: the TLS page');
  const exchange = await s.open('/?view=exchange');
  assert.equal(await exchange.locator('#step2').isVisible(), true);
  assert.equal(await exchange.locator('#step4').isVisible(), false);
  const messages = await s.open('/?view=messages');
  assert.equal(await messages.locator('#step4').isVisible(), true);
  assert.equal(await messages.locator('#step2').isVisible(), false);
  const tls = await s.open('/tls12.html#step=8&steps=2');
  await waitForText(tls, '#step-counter', /^Step 8 of /);
  assert.match(await tls.locator('#steps > li .seq-title').nth(7).textContent(), /verifies the ServerKeyExchange signature/);
});

browserTest('low-order points: vulnerable, every one gives 32 zero bytes for a new victim; fixed, the playground refuses each with its message', async (s) => {
  const page = await s.open('/attacks.html#low-order');
  const points = api.lowOrderPoints();
  const rows = () => page.locator('#lo-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  for (const round of [0, 1]) {
    if (round) await page.click('#lo-new-victim');
    const got = await rows();
    assert.equal(got.length, points.length);
    for (const [i, row] of got.entries()) {
      assert.equal(row[2], points[i].u);
      assert.equal(row[1], String(points[i].order));
      assert.equal(row[3], ZEROS, `${points[i].name}: all zeros`);
    }
    assert.match(await text(page, '#lo-verdict'), /7 of 7 points gave the all-zero secret/);
  }
  await page.check('#lo-mode-fixed');
  for (const row of await rows()) assert.equal(row[3], `refused: ${LOW_ORDER_MESSAGE}`);
  assert.match(await text(page, '#lo-verdict'), /refused 7 of 7 points/);
  // Without clamping: k mod 8 as the page shows it agrees with the victim's key.
  await page.selectOption('#lo-leak-point', { index: 1 });
  await page.click('#lo-leak-run');
  const leak = await page.locator('#lo-leak dd').allTextContents();
  const low = Number.parseInt(leak[0].slice(0, 2), 16) % 8;
  assert.equal(leak[1], `${Number.parseInt(leak[0].slice(0, 2), 16)} mod 8 = ${low}`);
  const residues = /k mod 8 is ([\d or]+)/.exec(leak[3])[1].split(' or ').map(Number);
  assert.ok(residues.includes(low), `${leak[3]} names ${low}`);
  assert.match(leak[4], new RegExp(`^${ZEROS}`));
  // The fix's code export: the victim's key against the order-8 point.
  await page.locator('#low-order .attack-fix > summary').click();
  await page.locator('#low-order .attack-fix .snippets > summary').click();
  const python = await text(page, '#low-order .attack-fix pre[aria-label="Python (cryptography)"]');
  assert.match(python, /private_key\.exchange\(peer_public_key\)/);
  assert.match(python, /BEGIN PRIVATE KEY/);
});

browserTest('ECDSA nonce reuse: vulnerable, every step shown and the key recovered; the forgery verifies; fixed, r differs', async (s) => {
  const page = await s.open('/attacks.html');
  await page.fill('#ec-m1', 'Pay Alice 5');
  await page.fill('#ec-m2', 'Pay Alice 500');
  await page.click('#ec-run');
  await waitForText(page, '#ec-verdict', 'Key recovered');
  const values = await page.locator('#ec-result dd').allTextContents();
  const publicKey = values[0];
  const sig1 = values[1].split(' ')[0];
  const sig2 = values[2].split(' ')[0];
  assert.equal(sig1.slice(0, 64), sig2.slice(0, 64), 'the same r');
  // The page's steps are the crate's recovery, recomputed in Node from what it shows.
  const enc = (t) => new TextEncoder().encode(t);
  const r = api.nonceReuseRecovery(publicKey, enc('Pay Alice 5'), Buffer.from(sig1, 'hex'), enc('Pay Alice 500'), Buffer.from(sig2, 'hex'));
  for (const v of [r.r, r.z1, r.z2, r.s1, r.s2, r.k, r.d]) assert.ok(values.includes(v), `${v} shown`);
  assert.ok(values.includes(`${r.d} — the same`), 'the victim\'s key beside it');
  assert.equal(await page.locator('#ec-result pre').textContent(), r.privateKey);
  // The third message, signed with the recovered key, verifies under the victim's key (here too).
  const forged = values[values.length - 2];
  assert.equal(values[values.length - 1], 'true');
  assert.equal(api.verifySignature(publicKey, enc('Signed by whoever holds the key'), Buffer.from(forged, 'hex')), true);

  await page.check('#ec-mode-fixed');
  await waitForText(page, '#ec-verdict', /^The attack fails: the two signatures were made with different nonces \(r differs\): r1 = /);
  assert.equal(await page.locator('#ec-result .attack-steps').count(), 0);
  const fixed = await page.locator('#ec-result dd').allTextContents();
  assert.match(fixed[1], /\(DER\)$/);
});

/** Runs `openssl` with `args` in `dir`. */
const openssl = (dir, ...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

browserTest('pasted signatures: two by openssl are refused (r differs); two by one nonce, in DER, base64 and low s, give the key', async (s) => {
  const page = await s.open('/attacks.html');
  const dir = mkdtempSync(path.join(tmpdir(), 'attack-lab-'));
  try {
    openssl(dir, 'ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', 'key.pem');
    const publicPem = openssl(dir, 'ec', '-in', 'key.pem', '-pubout').toString();
    writeFileSync(path.join(dir, 'm1.txt'), 'first message');
    writeFileSync(path.join(dir, 'm2.txt'), 'second message');
    const sign = (file) => hex(openssl(dir, 'dgst', '-sha256', '-sign', 'key.pem', file));
    await page.fill('#ec-paste-key', publicPem);
    await page.fill('#ec-paste-m1', 'first message');
    await page.fill('#ec-paste-s1', sign('m1.txt'));
    await page.fill('#ec-paste-m2', 'second message');
    await page.fill('#ec-paste-s2', sign('m2.txt'));
    await page.click('#ec-paste-run');
    await waitForText(page, '#ec-paste-error', /different nonces \(r differs\): r1 = /);
    // The same signature twice over the same message: said, not a crash.
    await page.fill('#ec-paste-m2', 'first message');
    await page.fill('#ec-paste-s2', await page.inputValue('#ec-paste-s1'));
    await page.click('#ec-paste-run');
    await waitForText(page, '#ec-paste-error', /^the two messages are the same/);
    assert.equal(await page.inputValue('#ec-paste-key'), publicPem, 'what was pasted is kept');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // One nonce twice: the second signature normalised to low s (n − s), as DER in base64.
  const signer = api.CarelessSigner.generate();
  const enc = (t) => new TextEncoder().encode(t);
  const s1 = signer.sign(enc('first message'));
  const s2 = signer.sign(enc('second message'));
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const negated = new Uint8Array(s2);
  negated.set(Buffer.from((n - BigInt(`0x${hex(s2.slice(32))}`)).toString(16).padStart(64, '0'), 'hex'), 32);
  await page.fill('#ec-paste-key', signer.publicKey('jwk'));
  await page.fill('#ec-paste-m1', 'first message');
  await page.fill('#ec-paste-s1', hex(s1).replace(/(..)/g, '$1:'));
  await page.fill('#ec-paste-m2', 'second message');
  await page.fill('#ec-paste-s2', Buffer.from(api.ecdsaSignatureForms(negated).der).toString('base64'));
  await page.click('#ec-paste-run');
  await page.locator('#ec-paste-result .attack-steps').waitFor();
  assert.equal(await page.locator('#ec-paste-error').isVisible(), false);
  const shown = await page.locator('#ec-paste-result dd').allTextContents();
  assert.ok(shown.includes(signer.revealPrivateKey('raw')), 'the signer\'s d');
  assert.match(await text(page, '#ec-paste-result'), /normalised to low s/);
  assert.equal(await page.locator('#ec-paste-result pre').textContent(), signer.revealPrivateKey('pem'));
  signer.free();
});

browserTest('AES-GCM nonce reuse: vulnerable, c1 ⊕ c2 = p1 ⊕ p2 byte by byte and message 2 read; fixed, the nonces differ', async (s) => {
  const page = await s.open('/attacks.html');
  const p1 = 'Attack at dawn, bring the maps';
  const p2 = 'Retreat at dusk; burn the maps!';
  await page.fill('#gc-p1', p1);
  await page.fill('#gc-p2', p2);
  await page.click('#gc-run');
  await waitForText(page, '#gc-verdict', `Message 2 read without the key: ${p1.length} of ${p2.length} bytes`);
  const rows = await page.locator('#gc-bytes tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent)));
  const xor = [...p1].map((c, i) => (c.charCodeAt(0) ^ p2.charCodeAt(i)).toString(16).padStart(2, '0'));
  assert.deepEqual(rows[2], xor.slice(0, 24), 'c1 ⊕ c2 = p1 ⊕ p2');
  assert.deepEqual(rows[0].map((c, i) => (Number.parseInt(c, 16) ^ Number.parseInt(rows[1][i], 16)).toString(16).padStart(2, '0')), rows[2]);
  assert.equal(rows[4].join(''), p2.slice(0, 24));
  const values = await page.locator('#gc-result dd').allTextContents();
  assert.equal(values[3], values[4], 'one nonce');
  assert.equal(values[values.length - 1], p2.slice(0, p1.length));

  // An empty message 1 reaches nothing: said at the field, not as a red verdict.
  await page.fill('#gc-p1', '');
  await page.click('#gc-run');
  await waitForText(page, '#gc-error', /^Type message 1/);
  assert.equal(await page.getAttribute('#gc-p1', 'aria-invalid'), 'true');
  assert.equal(await text(page, '#gc-verdict'), '');
  await page.fill('#gc-p1', p1);
  await page.click('#gc-run');
  await waitForText(page, '#gc-verdict', /^Message 2 read/);
  assert.equal(await page.getAttribute('#gc-p1', 'aria-invalid'), null);
  assert.equal(await page.locator('#gc-error').isHidden(), true);

  await page.check('#gc-mode-fixed');
  await waitForText(page, '#gc-verdict', /^The attack fails: the two envelopes have different nonces \(/);
  const fixed = await page.locator('#gc-result dd').allTextContents();
  assert.notEqual(fixed[3], fixed[4]);
  assert.equal(await page.locator('#gc-bytes').count(), 0);
  // The fix's code export seals message 2 with its nonce, and says never to reuse one.
  await page.locator('#nonce-reuse-gcm .attack-fix > summary').click();
  await page.locator('#nonce-reuse-gcm .attack-fix .snippets > summary').click();
  assert.match(await text(page, '#nonce-reuse-gcm pre[aria-label="Python (cryptography)"]'), /NEVER reuse a nonce/);
});

browserTest('keyboard only: each section\'s switch with the arrow keys, its button with Enter, the fix opened', async (s) => {
  const page = await s.open('/attacks.html');
  for (const [prefix, fixedVerdict, vulnerableVerdict] of [
    ['lo', /refused 7 of 7/, /7 of 7 points gave the all-zero secret/],
    ['ec', /^The attack fails/, /^Key recovered/],
    ['gc', /^The attack fails/, /^Message 2 read/],
  ]) {
    await page.focus(`#${prefix}-mode-vulnerable`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.isChecked(`#${prefix}-mode-fixed`), true);
    await waitForText(page, `#${prefix}-verdict`, fixedVerdict);
    await page.keyboard.press('ArrowUp');
    await waitForText(page, `#${prefix}-verdict`, vulnerableVerdict);
    // Tab on from the switch reaches the section's controls; Enter on the button runs it.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.id);
    assert.ok(focused.startsWith(`${prefix}-`), `${prefix}: Tab stays in the section (${focused})`);
    await page.focus(`#${prefix}-run`);
    await page.keyboard.press('Enter');
    await waitForText(page, `#${prefix}-verdict`, vulnerableVerdict);
  }
  await page.focus('#ec-m2');
  await page.keyboard.type(' more');
  await page.keyboard.press('Enter');
  await waitForText(page, '#ec-verdict', /^Key recovered/);
  await page.locator('#nonce-reuse-ecdsa .attack-fix > summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#nonce-reuse-ecdsa .attack-fix').getAttribute('open'), '');
  await page.locator('#nonce-reuse-ecdsa .attack-fix .snippets > summary').focus();
  await page.keyboard.press('Enter');
  assert.match(await text(page, '#nonce-reuse-ecdsa pre[aria-label="openssl command line"]'), /openssl/);
});

browserTest('360 px wide, light and dark: nothing sticks out; axe finds nothing serious', async (s) => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await s.open('/attacks.html', { viewport: { width: 360, height: 740 }, colorScheme });
    await page.click('#lo-leak-run');
    await page.click('#ec-paste-run');
    await waitForText(page, '#ec-paste-error', /paste a signature/);
    for (const id of ['low-order', 'nonce-reuse-ecdsa', 'nonce-reuse-gcm']) {
      await page.locator(`#${id} .attack-fix > summary`).click();
    }
    await assertNoOverflow(page, `attack lab, ${colorScheme}`);
    // The stacked tables: each row a card, its name as wide as its cells.
    const widths = await page.locator('table.stack tbody tr').evaluateAll((rows) => rows.map((row) => (
      [...row.children].map((cell) => Math.round(cell.getBoundingClientRect().width)))));
    assert.ok(widths.length > 0, 'stacked rows');
    for (const row of widths) assert.equal(new Set(row).size, 1, `a stacked row's cells are ${row.join(', ')} px wide`);
    assert.deepEqual(await axeViolations(page), [], colorScheme);
    await page.check('#gc-mode-fixed');
    await page.check('#ec-mode-fixed');
    await page.check('#lo-mode-fixed');
    await assertNoOverflow(page, `attack lab, fixed, ${colorScheme}`);
    assert.deepEqual(await axeViolations(page), [], `${colorScheme}, fixed`);
  }
});

browserTest('embed: one section per view, with its heading and a link to the lab; the custom element too', async (s) => {
  const page = await s.open('/embed.html?view=attack-nonce-reuse-gcm');
  assert.equal(await page.locator('section.attack').count(), 1);
  assert.equal(await text(page, 'section.attack h2'), '4. AES-GCM nonce reuse');
  await waitForText(page, '#gc-verdict', /^Message 2 read/);
  assert.equal(await page.locator('section.attack a', { hasText: 'The whole attack lab' }).getAttribute('href'), new URL('attacks.html#nonce-reuse-gcm', server.url).href);
  const low = await s.open('/embed.html?view=attack-low-order&theme=dark');
  assert.match(await text(low, '#lo-verdict'), /7 of 7 points/);
  // The attack lab's own embed helper offers its sections only.
  const lab = await s.open('/attacks.html');
  await lab.locator('#embed-help summary').click();
  const parts = await lab.locator('#embed-part option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(parts, ['attack-invalid-curve', 'attack-low-order', 'attack-nonce-reuse-ecdsa', 'attack-nonce-reuse-gcm']);
  await lab.selectOption('#embed-part', 'attack-nonce-reuse-ecdsa');
  await waitForText(lab, 'pre[aria-label="iframe snippet"]', /embed\.html\?view=attack-nonce-reuse-ecdsa"/);
  assert.match(await text(lab, 'pre[aria-label="custom element snippet"]'), /<ecdh-playground view="attack-nonce-reuse-ecdsa"><\/ecdh-playground>/);
  // The custom element on a course page.
  const course = await s.open('/examples/course.html', {}, { ready: false });
  await course.evaluate(() => {
    const element = document.createElement('ecdh-playground');
    element.setAttribute('view', 'attack-nonce-reuse-ecdsa');
    document.body.append(element);
  });
  await course.locator('ecdh-playground[data-ready="true"]').last().waitFor({ state: 'attached' });
  await course.locator('ecdh-playground #ec-verdict', { hasText: /^Key recovered/ }).waitFor();
});
