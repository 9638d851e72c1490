// End-to-end tests of the TLS 1.2 handshake page (www/tls12.html) in headless Chromium,
// under the site's Content-Security-Policy. Run from the repository root:
//   node --test --test-concurrency=1 tests/browser/
// Every test ends by asserting that no watched page logged a console error, threw,
// violated the CSP or requested anything from another origin.
//
// What the page shows is checked twice: against `tls12Handshake` called in the page
// with the options the page shows it used (so a page that passed other options, or
// showed other values, fails), and against Node's own crypto (ECDH, the TLS 1.2 PRF
// from HMAC-SHA256, ECDSA, AES-128-GCM).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { waitForText, browserSuite } from './harness.mjs';
import { shownInputs } from './tls-reference.mjs';

const browserTest = browserSuite();

const PAGE = '/tls12.html';
const GROUPS = ['x25519', 'secp256r1'];
// The model's two diagnoses (src/tls12/mallory.rs), word for word.
const SWAPPED_KEY = "ServerKeyExchange signature does not verify with the server's identity key: the ECDH parameters were changed in transit";
const RESIGNED = 'ServerKeyExchange signature does not verify with the pinned server identity key (signed by a different key)';
const MALLORY_TITLES = { 'swap-key': 'Mallory swaps in her own ECDH key', resign: 'Mallory re-signs with her own identity key' };

/* ---------- Node-side reference computations ---------- */

const hex = (text) => Buffer.from(text, 'hex');
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

/** The TLS 1.2 PRF with SHA-256 (RFC 5246 §5), from HMAC alone. */
function prf(secret, label, seed, length) {
  const labelled = Buffer.concat([Buffer.from(label, 'latin1'), seed]);
  const out = [];
  let a = labelled;
  let total = 0;
  while (total < length) {
    a = hmac(secret, a);
    const block = hmac(secret, Buffer.concat([a, labelled]));
    out.push(block);
    total += block.length;
  }
  return Buffer.concat(out).subarray(0, length);
}

/** ECDH in Node from a raw private key (as the page reveals it) and a public key as sent on the wire. */
function nodeEcdh(group, privateHex, publicHex) {
  if (group === 'secp256r1') {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.setPrivateKey(hex(privateHex));
    return ecdh.computeSecret(hex(publicHex)).toString('hex');
  }
  // RFC 8410 structures around the raw X25519 bytes.
  const privateKey = crypto.createPrivateKey({ key: hex(`302e020100300506032b656e04220420${privateHex}`), format: 'der', type: 'pkcs8' });
  const publicKey = crypto.createPublicKey({ key: hex(`302a300506032b656e032100${publicHex}`), format: 'der', type: 'spki' });
  return crypto.diffieHellman({ privateKey, publicKey }).toString('hex');
}

/** ECDSA P-256 with SHA-256 over `data`, DER signature, with the public key of a PKCS#8 PEM or a public PEM. */
function nodeVerify(keyPem, dataHex, signatureHex) {
  const publicKey = crypto.createPublicKey(keyPem);
  return crypto.verify('sha256', hex(dataHex), publicKey, hex(signatureHex));
}

/** AES-128-GCM open of ciphertext ‖ tag; null when it does not authenticate. */
function nodeOpen(keyHex, nonceHex, aadHex, sealedHex) {
  const sealed = hex(sealedHex);
  const decipher = crypto.createDecipheriv('aes-128-gcm', hex(keyHex), hex(nonceHex));
  decipher.setAAD(hex(aadHex));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/* ---------- Page helpers ---------- */

const text = (page, selector) => page.locator(selector).textContent();

/** The options the page says it used: its settings and the randoms and keys it shows. */
async function pageOptions(page) {
  return {
    ...await shownInputs(page),
    clientGroups: await page.locator('#client-groups input[type="checkbox"]:checked')
      .evaluateAll((boxes) => boxes.map((box) => box.id.replace(/^offer-/, ''))),
  };
}

/** tls12Handshake called in the page, through the same module the page uses. */
function apiReport(page, options) {
  return page.evaluate(async (o) => {
    const wasm = await import('/pkg/ecdh_playground.js');
    await wasm.default();
    return wasm.tls12Handshake(o);
  }, options);
}

/** The page's options and the API's report for them. */
async function reference(page) {
  const options = await pageOptions(page);
  return { options, report: await apiReport(page, options) };
}

/** { index, count } from "Step 5 of 27". */
async function counter(page) {
  const match = /^Step (\d+) of (\d+)$/.exec(await text(page, '#step-counter'));
  assert.ok(match, `step counter: ${await text(page, '#step-counter')}`);
  return { index: Number(match[1]), count: Number(match[2]) };
}

/** Run all; at the end already, the button is aria-disabled and the click changes nothing. */
async function runAll(page) {
  await page.click('#run-all', { force: true });
  const { count } = await counter(page);
  await waitForText(page, '#step-counter', `Step ${count} of ${count}`);
  return count;
}

/** The current step as shown: title, direction, the bytes of its field spans, their names. */
function currentStep(page) {
  return page.evaluate(() => {
    const row = document.querySelector('#steps > li.current');
    const fields = [...row.querySelectorAll('.step-detail .fld')];
    return {
      isLast: row === document.querySelector('#steps').lastElementChild,
      ariaCurrent: row.querySelector('.seq-label').getAttribute('aria-current'),
      title: row.querySelector('.seq-title').textContent,
      direction: row.querySelector('.seq-dir').textContent,
      bytes: fields.map((f) => f.textContent).join(''),
      names: fields.map((f) => f.dataset.field),
      // The fields are one Tab stop; each can take the focus.
      tabStops: fields.filter((f) => f.tabIndex === 0).length,
      focusable: fields.every((f) => f.tabIndex >= -1 && f.hasAttribute('tabindex')),
      stepperHere: row.contains(document.getElementById('next')),
    };
  });
}

/**
 * Checks the current step against the API's step of that index; `last` (default true):
 * whether it is the last step drawn (false when reviewing an earlier step).
 */
async function assertStepShown(page, expected, index, { last = true } = {}) {
  const shown = await currentStep(page);
  assert.equal(shown.title, expected.title, `step ${index + 1}`);
  assert.equal(shown.isLast, last, last ? 'the current step is the last one drawn' : 'later steps stay drawn');
  assert.equal(shown.ariaCurrent, 'step');
  assert.equal(shown.bytes, expected.bytes, `${expected.title}: the field spans hold exactly the step's bytes`);
  if (expected.fields.length > 0) assert.deepEqual(shown.names, expected.fields.map((f) => f.name), `${expected.title}: one span per field`);
  assert.equal(shown.tabStops, expected.bytes.length > 0 ? 1 : 0, 'the fields are one Tab stop');
  assert.ok(shown.focusable, 'every field can take the focus');
  assert.ok(shown.stepperHere, 'Back and Next sit in the current step');
  return shown;
}

/** The values of the calculations section, compared with the API's report. */
async function assertValues(page, report) {
  const values = {
    preMasterSecret: await text(page, '#v-pre-master'),
    masterSecret: await text(page, '#v-master'),
    keyBlock: await text(page, '#v-key-block'),
    clientWriteKey: await text(page, '#v-client-write-key'),
    serverWriteKey: await text(page, '#v-server-write-key'),
    clientIv: await text(page, '#v-client-iv'),
    serverIv: await text(page, '#v-server-iv'),
    clientFinished: await text(page, '#v-client-finished'),
    serverFinished: await text(page, '#v-server-finished'),
    signedData: await text(page, '#v-signed-data'),
    signature: await text(page, '#v-signature'),
  };
  for (const [name, value] of Object.entries(values)) assert.equal(value, report[name], name);
  assert.equal(await text(page, '#v-nonce'), report.record.nonce);
  assert.equal(await text(page, '#v-aad'), report.record.aad);
  assert.equal(await text(page, '#v-ciphertext'), report.record.ciphertext);
  return values;
}

/* ---------- (1) A whole handshake, one step at a time, on both groups ---------- */

for (const group of GROUPS) {
  browserTest(`${group}: Next to the end, Back, Run all; every step and value as the API and Node compute them`, async (s) => {
    const page = await s.open(PAGE);
    await page.selectOption('#group', group);
    await page.fill('#message', `hello over ${group}`);
    const { options, report } = await reference(page);
    assert.equal(report.error, null);
    assert.equal(report.group, group);
    const total = report.steps.length;
    assert.ok(total > 20, `a full handshake has many steps (${total})`);

    // A new setting keeps the position: still at the first step.
    assert.deepEqual(await counter(page), { index: 1, count: total });
    assert.equal(await page.locator('#steps > li').count(), 1);
    assert.equal(await page.getAttribute('#back', 'aria-disabled'), 'true');
    await assertStepShown(page, report.steps[0], 0);
    assert.equal((await currentStep(page)).direction, 'Client → Server');

    // Next, one step at a time, to the end: each step drawn, with its bytes field by field.
    for (let i = 1; i < total; i += 1) {
      await page.click('#next');
      await waitForText(page, '#step-counter', `Step ${i + 1} of ${total}`);
      assert.equal(await page.locator('#steps > li').count(), i + 1);
      await assertStepShown(page, report.steps[i], i);
    }
    assert.equal(await page.getAttribute('#next', 'aria-disabled'), 'true');
    await page.click('#next', { force: true }); // aria-disabled: focusable, does nothing
    assert.deepEqual(await counter(page), { index: total, count: total }, 'Next at the end stays at the end');
    assert.deepEqual(await page.locator('#steps .seq-title').allTextContents(), report.steps.map((st) => st.title));
    const directions = await page.locator('#steps .seq-dir').allTextContents();
    assert.ok(directions.includes('Server → Client'));
    assert.ok(directions.includes('Client, on its own'));
    assert.ok(directions.includes('Server, on its own'));
    // The group the server chose is in ServerKeyExchange.
    const kx = report.steps.find((st) => st.title === 'ServerKeyExchange');
    assert.match(kx.fields.find((f) => f.name === 'namedcurve').meaning, new RegExp(`^${group} `));

    // Back: the previous step current, the later ones still drawn.
    await page.click('#back');
    await waitForText(page, '#step-counter', `Step ${total - 1} of ${total}`);
    assert.equal(await page.locator('#steps > li').count(), total);
    await assertStepShown(page, report.steps[total - 2], total - 2, { last: false });
    await page.click('#back');
    await waitForText(page, '#step-counter', `Step ${total - 2} of ${total}`);
    // A step of the diagram can be chosen directly.
    await page.locator('#steps > li').nth(2).locator('.seq-label').click();
    await waitForText(page, '#step-counter', `Step 3 of ${total}`);
    await assertStepShown(page, report.steps[2], 2, { last: false });
    assert.equal(await page.locator('#steps > li').count(), total);
    // Start over forgets the later steps; then Run all.
    await page.click('#restart');
    await waitForText(page, '#step-counter', `Step 1 of ${total}`);
    assert.equal(await page.locator('#steps > li').count(), 1);
    assert.equal(await runAll(page), total);
    await assertStepShown(page, report.steps[total - 1], total - 1);

    // The calculations: the API's values, and the page's own checks of them.
    await page.locator('#f-record .formula-body').waitFor({ state: 'visible' });
    const values = await assertValues(page, report);
    for (const id of ['signature', 'pre-master', 'master', 'key-block', 'finished', 'record']) {
      await waitForText(page, `#check-${id}`, /^✓ /);
    }
    await waitForText(page, '#v-signature-verdict', '✓ Signature valid');
    // The certificate step: what the crate read from the Certificate message.
    assert.equal(await text(page, '#v-cert-subject'), 'CN=localhost');
    assert.equal(await text(page, '#v-cert-issuer'), 'CN=localhost');
    assert.equal((await text(page, '#v-cert-pem')).trim(), report.certificate.pem.trim());
    assert.match(await text(page, '#v-cert-trust'), /pinned/);
    const inspect = await page.locator('#v-cert-inspect').getAttribute('href');
    assert.match(inspect, /\/inspect\.html#key=-----BEGIN%20CERTIFICATE/);
    const inspector = await s.open(new URL(inspect).pathname + new URL(inspect).hash);
    await waitForText(inspector, '#i-detected', /certificate/i);
    assert.equal(await inspector.locator('#i-certificate').isHidden(), false, 'the inspector shows the certificate');
    assert.match(await text(inspector, '#i-certificate'), /CN=localhost/);
    assert.ok(report.steps.some((st) => st.title === 'Certificate' && st.fields.some((f) => f.name === 'ASN.1Cert')));
    assert.equal(await text(page, '#v-plaintext'), `“hello over ${group}” (${Buffer.from(`hello over ${group}`).toString('hex')})`);

    // And Node's: ECDH from the revealed client key, the PRF, ECDSA, AES-128-GCM.
    const serverPublic = await text(page, '#v-server-public');
    assert.equal(nodeEcdh(group, options.clientEphemeral, serverPublic), values.preMasterSecret, 'ECDH in Node');
    const [cr, sr] = [hex(options.clientRandom), hex(options.serverRandom)];
    assert.equal(values.signedData, `${options.clientRandom}${options.serverRandom}${report.serverEcdhParams}`);
    assert.ok(nodeVerify(options.serverIdentity, values.signedData, values.signature), 'Node verifies the signature with the identity key');
    const master = prf(hex(values.preMasterSecret), 'master secret', Buffer.concat([cr, sr]), 48);
    assert.equal(master.toString('hex'), values.masterSecret, 'master secret, PRF in Node');
    const block = prf(master, 'key expansion', Buffer.concat([sr, cr]), 40).toString('hex');
    assert.equal(block, values.keyBlock, 'key block, PRF in Node');
    assert.equal(block.slice(0, 32), values.clientWriteKey);
    assert.equal(block.slice(64, 72), values.clientIv);
    assert.equal(
      nodeOpen(values.clientWriteKey, await text(page, '#v-nonce'), await text(page, '#v-aad'), await text(page, '#v-ciphertext')),
      `hello over ${group}`,
      'Node opens the record',
    );
    const handshake = (upTo) => Buffer.concat(report.steps
      .filter((st) => (st.side === 'client' || st.side === 'server') && st.fields[0]?.name === 'msg_type')
      .slice(0, upTo)
      .map((st) => hex(st.bytes)));
    const clientHash = crypto.createHash('sha256').update(handshake(6)).digest();
    assert.equal(prf(master, 'client finished', clientHash, 12).toString('hex'), values.clientFinished, 'client Finished in Node');
    const serverHash = crypto.createHash('sha256').update(handshake(7)).digest();
    assert.equal(prf(master, 'server finished', serverHash, 12).toString('hex'), values.serverFinished, 'server Finished in Node');
  });
}

/* ---------- (2) Field annotations ---------- */

browserTest('fields: focus or hover shows each field\'s name and meaning; arrows move between fields', async (s) => {
  const page = await s.open(PAGE);
  const { options, report } = await reference(page);
  const hello = report.steps[0];
  assert.equal(hello.title, 'ClientHello');
  const info = '#steps .current #field-info';
  await waitForText(page, info, 'Hover over or focus a field');

  const fields = page.locator('#steps .current .fld');
  await fields.first().focus();
  assert.equal(await text(page, info), 'msg_type: client_hello (1) (byte 0, 1 byte)');
  assert.equal(await fields.first().getAttribute('aria-describedby'), 'field-info');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'length');
  assert.equal(await text(page, info), `length: ${hello.fields[1].meaning} (bytes 1–3, 3 bytes)`);
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), hello.fields.at(-1).name);
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'msg_type');

  // The random is the page's client_random; hovering shows its meaning too.
  const random = page.locator('#steps .current .fld[data-field="random"]');
  assert.equal(await random.textContent(), options.clientRandom);
  await random.hover();
  assert.equal(await text(page, info), 'random: client_random: 32 bytes chosen by the client (bytes 6–37, 32 bytes)');
  assert.equal(await random.evaluate((n) => n.classList.contains('active')), true);

  // Every field of every step: the meaning shown is the model's.
  await runAll(page);
  await page.locator('#steps > li').nth(4).locator('.seq-label').click(); // ServerKeyExchange
  const kx = report.steps[4];
  assert.equal(kx.title, 'ServerKeyExchange');
  const kxFields = page.locator('#steps .current .fld');
  assert.equal(await kxFields.count(), kx.fields.length);
  for (let j = 0; j < kx.fields.length; j += 1) {
    await kxFields.nth(j).focus();
    const shown = await text(page, info);
    assert.ok(shown.startsWith(`${kx.fields[j].name}: ${kx.fields[j].meaning} (`), `${shown} / ${JSON.stringify(kx.fields[j])}`);
  }
  // A step that is one value (the pre-master secret) is one focusable span.
  await runAll(page);
  const preIndex = report.steps.findIndex((st) => st.title === 'Client computes the pre-master secret');
  await page.locator('#steps > li').nth(preIndex).locator('.seq-label').click();
  await waitForText(page, '#step-counter', `Step ${preIndex + 1} of `);
  assert.equal(await page.locator('#steps .current .fld').count(), 1);
  await page.locator('#steps .current .fld').focus();
  assert.match(await text(page, info), /^Client computes the pre-master secret: one value, computed or received at this step \(bytes 0–31, 32 bytes\)$/);
});

/* ---------- (3) Mallory ---------- */

for (const [attack, reason] of [['swap-key', SWAPPED_KEY], ['resign', RESIGNED]]) {
  browserTest(`Mallory ${attack}: the client rejects ServerKeyExchange, with the precise reason`, async (s) => {
    const page = await s.open(PAGE);
    await runAll(page);
    const honest = await reference(page);
    await page.check(`#mallory-${attack}`);
    const { options, report } = await reference(page);
    assert.equal(options.mallory, attack);
    assert.equal(report.error, reason);
    assert.equal(report.signatureValid, false);
    // The randoms and keys did not change with the lesson.
    assert.equal(options.clientRandom, honest.options.clientRandom);
    assert.equal(options.serverIdentity, honest.options.serverIdentity);

    const total = report.steps.length;
    await waitForText(page, '#step-counter', `Step ${total} of ${total}`); // the end stays the end
    const banner = page.locator('#handshake-error');
    assert.equal(await banner.isVisible(), true);
    assert.equal(await banner.getAttribute('role'), 'alert');
    assert.equal(await banner.textContent(), `The handshake stops at step ${total}: ${reason}.`);
    assert.equal(await text(page, '#middle-lane'), 'Mallory');
    assert.equal(await page.locator('#sequence').evaluate((n) => n.classList.contains('with-mallory')), true);

    const titles = await page.locator('#steps .seq-title').allTextContents();
    assert.deepEqual(titles, report.steps.map((st) => st.title));
    assert.equal(titles.at(-1), 'Client sends a fatal alert: decrypt_error');
    const malloryAt = titles.indexOf(MALLORY_TITLES[attack]);
    assert.notEqual(malloryAt, -1);
    const dirs = await page.locator('#steps .seq-dir').allTextContents();
    assert.equal(dirs[malloryAt], 'Mallory → Client');
    assert.equal(dirs[titles.indexOf('ServerKeyExchange')], 'Server → Mallory (Mallory intercepts)');
    await assertStepShown(page, report.steps[total - 1], total - 1);

    // The signature is shown as invalid, and the page's own check agrees.
    await page.locator('#f-signature .formula-body').waitFor({ state: 'visible' });
    await waitForText(page, '#v-signature-verdict', '✗ Signature invalid');
    await waitForText(page, '#check-signature', '✓ verifySignature in this page agrees: the signature is invalid');
    const signedData = await text(page, '#v-signed-data');
    const signature = await text(page, '#v-signature');
    assert.equal(signedData, report.signedData);
    assert.equal(nodeVerify(options.serverIdentity, signedData, signature), false, 'Node: not by the server\'s key');
    const serverKx = report.steps.find((st) => st.side === 'server' && st.title === 'ServerKeyExchange');
    const malloryKx = report.steps[malloryAt];
    if (attack === 'swap-key') {
      // The server's own signature, carried over onto Mallory's parameters.
      assert.ok(serverKx.bytes.endsWith(signature) && malloryKx.bytes.endsWith(signature));
      assert.notEqual(serverKx.bytes, malloryKx.bytes);
    } else {
      assert.equal(nodeVerify(options.malloryIdentity, signedData, signature), true, 'Node: a valid signature, by Mallory\'s key');
    }
    // Nothing after the signature check was computed.
    for (const id of ['f-pre-master', 'f-master', 'f-key-block', 'f-finished', 'f-record']) {
      assert.equal(await text(page, `#${id} .formula-state`), 'Not reached: the handshake stopped before this was computed.', id);
    }

    // Mallory gone: the same handshake as before, complete again.
    await page.check('#mallory-none');
    await banner.waitFor({ state: 'hidden' });
    await waitForText(page, '#middle-lane', 'the network');
    assert.equal(await text(page, '#v-master'), honest.report.masterSecret);
  });
}

/* ---------- (4) Forward secrecy ---------- */

for (const group of GROUPS) {
  browserTest(`${group}: forward-secrecy exercise — ephemeral ECDH stays sealed, a static key decrypts`, async (s) => {
    const page = await s.open(PAGE);
    await page.selectOption('#group', group);
    await page.fill('#message', 'the recorded secret');
    await page.check('#leak');
    const section = page.locator('#attacker');
    await section.waitFor({ state: 'visible' });
    await waitForText(page, '#attacker-wait', 'step to the end');
    assert.equal(await page.locator('#attacker-body').isHidden(), true, 'the leak comes after the connection');

    // Ephemeral: only the identity key leaks, and it opens nothing.
    await runAll(page);
    await page.locator('#attacker-body').waitFor({ state: 'visible' });
    let ref = await reference(page);
    assert.equal(ref.report.leak.decrypted, false);
    assert.equal(await waitForText(page, '#leak-verdict', /^✓ Not decrypted/), '✓ Not decrypted: the recorded connection stays sealed.');
    assert.equal(await text(page, '#leak-explanation'), ref.report.leak.explanation);
    let has = await page.locator('#attacker-has dt').allTextContents();
    assert.deepEqual(has, ref.report.leak.attackerHas.map((i) => i.name));
    assert.ok(has.includes('server identity private key (leaked, PKCS#8 PEM)'));
    assert.ok(!has.some((name) => name.includes('static ECDH')));
    assert.deepEqual(await page.locator('#attacker-steps h4').allTextContents(), ref.report.leak.steps.map((st) => st.title));

    // Static: the static ECDH key leaks too, and decrypts the recorded record.
    await page.check('#static-key');
    await waitForText(page, '#leak-verdict', '✗ Decrypted: the attacker reads “the recorded secret”.');
    ref = await reference(page);
    assert.equal(ref.options.staticServerKey, true);
    assert.equal(ref.report.leak.decrypted, true);
    assert.equal(ref.report.leak.plaintext, 'the recorded secret');
    assert.equal(await text(page, '#leak-explanation'), ref.report.leak.explanation);
    has = await page.locator('#attacker-has dt').allTextContents();
    const staticAt = has.indexOf('server static ECDH private key (leaked)');
    assert.notEqual(staticAt, -1);
    const leaked = await page.locator('#attacker-has dd').nth(staticAt).textContent();
    assert.equal(leaked, ref.options.serverEphemeral, 'the leaked static key is the server\'s ECDH key of this run');
    // Node does what the attacker did: ECDH of the leaked key with the recorded client key.
    const ckx = ref.report.clientKeyExchange; // ecdh_Yc length (1) ‖ point
    assert.equal(nodeEcdh(group, leaked, ckx.slice(2)), ref.report.preMasterSecret);
    const titles = await page.locator('#attacker-steps h4').allTextContents();
    assert.equal(titles.at(-1), 'Attacker decrypts the recorded record');
    assert.equal(await page.locator('#attacker-steps > li').last().locator('.as-text').textContent(), 'As UTF-8 text: “the recorded secret”');

    // Back to ephemeral: sealed again; leak off hides the section.
    await page.uncheck('#static-key');
    await waitForText(page, '#leak-verdict', '✓ Not decrypted');
    await page.uncheck('#leak');
    await section.waitFor({ state: 'hidden' });
  });
}

/* ---------- (5) Settings: the client's groups, new randoms, reproducibility ---------- */

browserTest('settings: client groups and their order, no common group, new randoms and keys', async (s) => {
  const page = await s.open(PAGE);
  await runAll(page);
  const first = await reference(page);

  // Lessons do not change the randoms and keys: the leak toggle leaves every value alone.
  await page.check('#leak');
  assert.equal(await text(page, '#v-master'), first.report.masterSecret);
  await page.uncheck('#leak');

  // The server prefers x25519, but the client no longer offers it: secp256r1, with P-256 keys.
  await page.uncheck('#offer-x25519');
  let ref = await reference(page);
  assert.deepEqual(ref.options.clientGroups, ['secp256r1']);
  assert.equal(ref.report.group, 'secp256r1');
  assert.equal(ref.report.error, null);
  await waitForText(page, '#check-pre-master', /^✓ /);
  assert.equal(await text(page, '#v-pre-master'), ref.report.preMasterSecret);
  assert.equal(nodeEcdh('secp256r1', ref.options.clientEphemeral, await text(page, '#v-server-public')), ref.report.preMasterSecret);

  // Order: moving secp384r1 to the top changes ClientHello, not the server's choice.
  await page.check('#offer-secp384r1');
  await page.click('button[aria-label="Move secp384r1 up"]');
  await page.click('button[aria-label="Move secp384r1 up"]');
  assert.deepEqual(await page.locator('#client-groups label').allTextContents(), [
    'secp384r1 (not implemented by the server)', 'x25519', 'secp256r1', 'secp521r1 (not implemented by the server)', 'x448 (not implemented by the server)',
  ]);
  assert.equal(await page.getAttribute('button[aria-label="Move secp384r1 up"]', 'aria-disabled'), 'true');
  ref = await reference(page);
  assert.deepEqual(ref.options.clientGroups, ['secp384r1', 'secp256r1']);
  assert.equal(ref.report.group, 'secp256r1');
  await page.click('#restart');
  const groupsOffered = await page.locator('#steps .current .fld[data-field="named_group"]').allTextContents();
  assert.deepEqual(groupsOffered, ['0018', '0017'], 'ClientHello lists secp384r1 (24), then secp256r1 (23)');

  // No group in common: the server says so with an alert, once that step is reached.
  await page.uncheck('#offer-secp256r1');
  await waitForText(page, '#step-counter', /^Step 1 of 2$/);
  assert.equal(await page.locator('#handshake-error').isHidden(), true, 'not before the step where it happens');
  await page.click('#next');
  await waitForText(page, '#handshake-error', 'The handshake stops at step 2: no common group: client offers [secp384r1], server supports [x25519, secp256r1].');
  ref = await reference(page);
  assert.equal(ref.report.steps.at(-1).title, 'Server sends a fatal alert: handshake_failure');
  // No group at all: the handshake cannot start.
  await page.uncheck('#offer-secp384r1');
  const cannot = await waitForText(page, '#handshake-error', 'The handshake cannot start');
  assert.equal(cannot, "The handshake cannot start: the client's supported groups: the client must offer at least one group. Tick at least one of them above.", 'the page\'s words, not the option\'s name');
  assert.equal(await text(page, '#step-counter'), 'No steps: the handshake could not start.');
  assert.equal(await page.locator('#steps > li').count(), 0);
  await page.check('#offer-x25519');
  await page.locator('#handshake-error').waitFor({ state: 'hidden' });
  await runAll(page);
  assert.equal(await text(page, '#v-master'), first.report.masterSecret, 'back to the first settings: the same run');

  // New randoms and keys: every value changes, and the page stays where it was.
  await page.click('#regenerate');
  await page.waitForFunction((old) => document.getElementById('in-client-random').textContent !== old, first.options.clientRandom);
  ref = await reference(page);
  assert.notEqual(ref.options.serverIdentity, first.options.serverIdentity);
  assert.notEqual(ref.report.masterSecret, first.report.masterSecret);
  assert.equal(await text(page, '#v-master'), ref.report.masterSecret);
  assert.deepEqual(await counter(page), { index: ref.report.steps.length, count: ref.report.steps.length });
});

/* ---------- (6) Keyboard only, labels, visible focus ---------- */

/** Presses Tab until `predicate(activeElement)` holds in the page; returns how many presses. */
async function tabUntil(page, predicate, arg, limit = 120) {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate, arg)) return presses;
  }
  throw new Error(`not reached in ${limit} presses of Tab: ${predicate}`);
}
const tabTo = (page, id) => tabUntil(page, (want) => document.activeElement?.id === want, id);

/** Whether the focused element shows a focus outline. */
function focusVisible(page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  });
}

browserTest('keyboard only: every control labelled and reachable, visible focus, stepping and lessons by keys', async (s) => {
  const page = await s.open(PAGE);

  // Every form control has a label; every button a name.
  const unlabelled = await page.evaluate(() => [
    ...[...document.querySelectorAll('main input, main select')]
      .filter((n) => n.labels.length === 0 && !n.getAttribute('aria-label'))
      .map((n) => n.id || n.outerHTML),
    ...[...document.querySelectorAll('main button')]
      .filter((n) => !(n.getAttribute('aria-label') || n.textContent.trim()))
      .map((n) => n.id || n.outerHTML),
  ]);
  assert.deepEqual(unlabelled, []);

  // Tab order: settings, then lessons, then the stepper, then the diagram.
  const order = [];
  for (let i = 0; i < 60 && !order.includes('restart'); i += 1) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.focusKey || document.activeElement?.tagName));
  }
  const at = (id) => {
    const index = order.indexOf(id);
    assert.notEqual(index, -1, `Tab reaches ${id} (order: ${order.join(', ')})`);
    return index;
  };
  const expected = ['group', 'offer-x25519', 'move-x25519-down', 'offer-x448', 'message', 'regenerate', 'mallory-none', 'static-key', 'leak', 'step-0', 'back', 'next', 'run-all', 'restart'];
  for (let i = 1; i < expected.length; i += 1) assert.ok(at(expected[i - 1]) < at(expected[i]), `${expected[i - 1]} before ${expected[i]}`);

  await page.locator('.skip').focus();
  await tabTo(page, 'group');
  assert.ok(await focusVisible(page), 'the select shows focus');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.getElementById('group').value === 'secp256r1');

  await tabTo(page, 'next');
  assert.ok(await focusVisible(page), 'Next shows focus');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press(' ');
  const { count } = await counter(page);
  await waitForText(page, '#step-counter', `Step 4 of ${count}`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'next', 'focus stays on Next');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await waitForText(page, '#step-counter', `Step 3 of ${count}`);

  // Into the diagram: a step's button, then the stepper under it, then its fields.
  await page.locator('.skip').focus();
  await tabUntil(page, () => document.activeElement?.dataset.focusKey === 'step-0');
  assert.ok(await focusVisible(page), 'a step of the diagram shows focus');
  await page.keyboard.press('Enter');
  await waitForText(page, '#step-counter', `Step 1 of ${count}`);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.focusKey), 'step-0', 'focus kept on the chosen step');
  assert.equal(await tabUntil(page, () => document.activeElement?.dataset.field !== undefined), 5, 'Back, Next, Run all, Start over, then the bytes');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.field), 'msg_type');
  assert.ok(await focusVisible(page), 'a field shows focus');
  await waitForText(page, '#field-info', 'msg_type: client_hello (1)');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await waitForText(page, '#field-info', /^client_version: TLS 1\.2/);

  // Mallory by arrow keys in her radio group; the stop is announced in an alert.
  await page.locator('.skip').focus();
  await tabTo(page, 'mallory-none');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.getElementById('mallory-swap-key').checked);
  await tabTo(page, 'run-all');
  await page.keyboard.press('Enter');
  await waitForText(page, '#handshake-error', SWAPPED_KEY);
  await page.locator('.skip').focus();
  await tabTo(page, 'mallory-swap-key');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.getElementById('mallory-none').checked);
  await page.locator('#handshake-error').waitFor({ state: 'hidden' });

  // Static key and leak by Space; the verdict appears and is announced.
  await tabTo(page, 'static-key');
  await page.keyboard.press(' ');
  await tabTo(page, 'leak');
  await page.keyboard.press(' ');
  assert.equal(await page.isChecked('#static-key'), true);
  assert.equal(await page.isChecked('#leak'), true);
  await tabTo(page, 'run-all');
  await page.keyboard.press('Enter');
  await waitForText(page, '#leak-verdict', '✗ Decrypted');
  await waitForText(page, '#announcer', 'After the leak: ✗ Decrypted');
  assert.equal(await page.getAttribute('#announcer', 'aria-live'), 'polite');

  // A client group moved by keyboard keeps focus on its button.
  await page.locator('.skip').focus();
  await tabUntil(page, () => document.activeElement?.dataset.focusKey === 'move-secp256r1-up');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.focusKey), 'move-secp256r1-up');
  assert.deepEqual((await reference(page)).options.clientGroups, ['secp256r1', 'x25519']);
  await waitForText(page, '#announcer', 'secp256r1 moved up');
});

/* ---------- (6b) The stepper keeps its place ---------- */

/** Where the focused element is: its id, whether it sits in the current step, and whether it is on screen. */
function focusPlace(page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    const box = active.getBoundingClientRect();
    const label = document.querySelector('#steps > li.current > .seq-label').getBoundingClientRect();
    return {
      id: active.id,
      inCurrentStep: Boolean(active.closest('#steps > li.current')),
      onScreen: box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0,
      labelOnScreen: label.top >= 0 && label.bottom <= window.innerHeight,
    };
  });
}

for (const [width, height] of [[1280, 800], [390, 844]]) {
  browserTest(`${width} px, keyboard only: Next stays in the current step and on screen, with the focus, from the first step to the last`, async (s) => {
    const page = await s.open(PAGE, { viewport: { width, height } });
    const { count } = await counter(page);
    await tabTo(page, 'next');
    for (let step = 2; step <= count; step += 1) {
      await page.keyboard.press('Enter');
      await waitForText(page, '#step-counter', `Step ${step} of ${count}`);
      const place = await focusPlace(page);
      assert.deepEqual(place, { id: 'next', inCurrentStep: true, onScreen: true, labelOnScreen: true }, `step ${step}`);
      assert.ok(await focusVisible(page), `step ${step}: the focus shows`);
    }
    assert.equal(await page.getAttribute('#next', 'aria-disabled'), 'true');
    // Back the same way.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'back');
    for (let step = count - 1; step >= count - 4; step -= 1) {
      await page.keyboard.press('Enter');
      await waitForText(page, '#step-counter', `Step ${step} of ${count}`);
      assert.deepEqual(await focusPlace(page), { id: 'back', inCurrentStep: true, onScreen: true, labelOnScreen: true }, `back to step ${step}`);
    }
    assert.equal(await page.locator('#steps > li').count(), count, 'going back erases nothing');
  });
}

browserTest('the bytes are a few Tab stops from Next, and one Tab stop each', async (s) => {
  const page = await s.open(PAGE);
  await tabTo(page, 'next');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Enter');
  await waitForText(page, '#step-counter', /^Step 5 of/);
  assert.equal(await text(page, '#steps > li.current .seq-title'), 'ServerKeyExchange');
  const presses = await tabUntil(page, () => document.activeElement?.classList.contains('fld'));
  assert.equal(presses, 3, 'Run all, Start over, then the first field of step 5');
  const field = await page.evaluate(() => document.activeElement.dataset.field);
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.evaluate(() => document.activeElement.dataset.field), field, 'the arrow keys move between fields');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('fld')), false, 'one Tab leaves the bytes');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), (await page.locator('#steps .current .fld').nth(1).getAttribute('data-field')), 'Shift+Tab comes back to the field last focused');
});

for (const attack of ['swap-key', 'resign']) {
  browserTest(`Mallory ${attack} chosen at step 1: nothing says how it ends until the failing step is reached`, async (s) => {
    const page = await s.open(PAGE);
    await page.check(`#mallory-${attack}`);
    const { count } = await counter(page);
    const announced = await waitForText(page, '#announcer', 'Mallory is on the wire');
    assert.equal(announced, 'Mallory is on the wire: step on to see what the client does');
    const giveaway = /stops|decrypt_error|does not verify|Not reached/;
    for (let step = 1; step < count; step += 1) {
      assert.equal(await page.locator('#handshake-error').isHidden(), true, `step ${step}: no banner yet`);
      const said = await page.evaluate(() => [...document.querySelectorAll('.formula-state')].map((n) => n.textContent).join(' | '));
      assert.doesNotMatch(said, giveaway, `step ${step}: the formulas do not tell`);
      assert.doesNotMatch(await text(page, '#announcer'), giveaway, `step ${step}: nor the announcer`);
      await page.click('#next');
      await waitForText(page, '#step-counter', `Step ${step + 1} of ${count}`);
    }
    const reason = attack === 'swap-key' ? SWAPPED_KEY : RESIGNED;
    assert.equal(await waitForText(page, '#handshake-error', reason), `The handshake stops at step ${count}: ${reason}.`);
    await waitForText(page, '#announcer', `The handshake stops: ${reason}`);
    assert.equal(await text(page, '#f-master .formula-state'), 'Not reached: the handshake stopped before this was computed.');
    // Reviewing an earlier step keeps the banner, and every step drawn.
    await page.locator('#steps > li').nth(1).locator('.seq-label').click();
    await waitForText(page, '#step-counter', `Step 2 of ${count}`);
    assert.equal(await page.locator('#handshake-error').isVisible(), true);
    assert.equal(await page.locator('#steps > li').count(), count);
  });
}

browserTest('reviewing an earlier step after Run all keeps the later steps and the values', async (s) => {
  const page = await s.open(PAGE);
  const total = await runAll(page);
  await page.locator('#f-record .formula-body').waitFor({ state: 'visible' });
  const master = await text(page, '#v-master');
  await page.locator('#steps > li').nth(3).locator('.seq-label').click();
  await waitForText(page, '#step-counter', `Step 4 of ${total}`);
  assert.equal(await page.locator('#steps > li').count(), total);
  assert.deepEqual(await page.locator('#steps > li.later').count(), total - 4);
  assert.equal(await page.locator('#f-record .formula-body').isVisible(), true, 'the record stays shown');
  assert.equal(await text(page, '#v-master'), master);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.focusKey), 'step-3', 'the focus stays on the chosen step');
  await page.click('#next');
  await waitForText(page, '#step-counter', `Step 5 of ${total}`);
  assert.equal(await page.locator('#steps > li').count(), total, 'Next while reviewing draws no step twice');
});

/* ---------- (7) Narrow and wide: no horizontal overflow ---------- */

async function assertNoOverflow(page, when) {
  const { scrollWidth, clientWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((node) => node.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
        || (node.clientWidth > 0 && node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX === 'visible'))
      .reverse()
      .slice(0, 5)
      .map((node) => `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.className ? `.${String(node.className).replace(/ /g, '.')}` : ''}`),
  }));
  assert.ok(scrollWidth <= clientWidth, `${when}: scrollWidth ${scrollWidth} > ${clientWidth} (${wide.join(', ')})`);
  assert.deepEqual(wide, [], `${when}: nothing sticks out`);
}

const LONG_WORD = `https://example.org/${'a1b2c3d4'.repeat(12)}`;

browserTest('360 px and up: no horizontal overflow, with every section open', async (s) => {
  const page = await s.open(PAGE, { viewport: { width: 360, height: 740 } });
  assert.equal(await page.evaluate(() => window.innerWidth), 360);
  await assertNoOverflow(page, '360 px on load');
  await page.selectOption('#group', 'secp256r1');
  await page.fill('#message', LONG_WORD);
  await page.check('#static-key');
  await page.check('#leak');
  await runAll(page);
  await page.locator('#inputs summary').click();
  await page.locator('#steps .current .fld').first().focus();
  await waitForText(page, '#leak-verdict', '✗ Decrypted');
  await assertNoOverflow(page, '360 px, P-256, static key, leak, long message, inputs open');
  await page.locator('#steps > li').nth(4).locator('.seq-label').click(); // the long ServerKeyExchange
  await assertNoOverflow(page, '360 px, ServerKeyExchange open');
  await page.check('#mallory-resign');
  await waitForText(page, '#handshake-error', RESIGNED);
  await assertNoOverflow(page, '360 px, Mallory');
  for (const width of [480, 700, 1024, 1600]) {
    await page.setViewportSize({ width, height: 900 });
    await assertNoOverflow(page, `${width} px, Mallory`);
    await page.check('#mallory-none');
    await runAll(page);
    await assertNoOverflow(page, `${width} px, complete`);
    await page.check('#mallory-resign');
  }
});

/* ---------- (8) The nav links the two pages ---------- */

browserTest('nav: the playground links to the TLS page and back', async (s) => {
  const page = await s.open('/');
  await page.getByRole('link', { name: 'TLS 1.2 handshake' }).click();
  await page.waitForURL(/\/tls12\.html$/);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  assert.equal(await page.getAttribute('nav a[aria-current="page"]', 'href'), 'tls12.html');
  await page.getByRole('link', { name: 'Be Bob in this tab' }).click();
  await page.waitForURL(/\/\?party=bob$/);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  assert.equal(await text(page, 'nav a[aria-current="page"]'), 'Be Bob in this tab');
});
