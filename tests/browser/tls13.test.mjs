// End-to-end tests of the TLS 1.3 handshake page (www/tls13.html) in headless Chromium,
// under the site's Content-Security-Policy. Run from the repository root:
//   node --test --test-concurrency=1 tests/browser/tls13.test.mjs
// Every test ends by asserting that no watched page logged a console error, threw,
// violated the CSP or requested anything from another origin.
//
// What the page shows is checked against `tls13Handshake` (and `tls12Handshake` for the
// side-by-side table) called in the page with the options the page shows it used, and
// the key-schedule view against the published values of The Illustrated TLS 1.3
// Connection (tests/data/tls/tls13_illustrated.json, MIT, see
// LICENSE-illustrated-tls13.txt beside it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { waitForText, browserSuite, assertNoOverflow, axeViolations } from './harness.mjs';
import { api, reference } from './tls-reference.mjs';

const browserTest = browserSuite();
const PAGE = '/tls13.html';
const GROUPS = ['x25519', 'secp256r1', 'X25519MLKEM768'];
const ILLUSTRATED = JSON.parse(readFileSync(new URL('../data/tls/tls13_illustrated.json', import.meta.url), 'utf8'));

const text = (page, selector) => page.locator(selector).textContent();

async function counter(page) {
  const match = /^Step (\d+) of (\d+)$/.exec(await text(page, '#step-counter'));
  assert.ok(match, `step counter: ${await text(page, '#step-counter')}`);
  return { index: Number(match[1]), count: Number(match[2]) };
}

/** The current step as shown: its title, direction, step bytes and records. */
function currentStep(page) {
  return page.evaluate(() => {
    const row = document.querySelector('#steps > li.current');
    const strips = [...row.querySelectorAll('.step-detail > .tls-bytes')];
    return {
      title: row.querySelector('.seq-title').textContent,
      direction: row.querySelector('.seq-dir').textContent,
      bytes: strips[0] ? [...strips[0].querySelectorAll('.fld')].map((f) => f.textContent).join('') : '',
      records: [...row.querySelectorAll('.record-view')].map((view) => ({
        kind: view.dataset.record,
        heading: view.querySelector('h3').textContent,
        strips: [...view.querySelectorAll('.tls-bytes')].map((s) => [...s.querySelectorAll('.fld')].map((f) => f.textContent).join('')),
      })),
    };
  });
}

/** Steps with Next to the end, checking every step against the model's report. */
async function stepThrough(page, report) {
  for (let i = 0; i < report.steps.length; i += 1) {
    if (i > 0) await page.click('#next');
    await waitForText(page, '#step-counter', `Step ${i + 1} of ${report.steps.length}`);
    const shown = await currentStep(page);
    const step = report.steps[i];
    assert.equal(shown.title, step.title);
    if (step.bytes) assert.equal(shown.bytes, step.bytes, `${step.title}: bytes`);
    const records = report.flights.flatMap((f) => f.records.filter((r) => r.step === i).map((r) => ({ ...r, from: f.from })));
    assert.equal(shown.records.length, records.length, `${step.title}: the records that carried it`);
    records.forEach((r, n) => {
      assert.equal(shown.records[n].kind, r.encrypted ? 'encrypted' : 'clear');
      assert.equal(shown.records[n].strips[0], r.record, `${step.title}: the record on the wire`);
      if (r.encrypted) assert.equal(shown.records[n].strips[1], r.innerPlaintext, `${step.title}: the plaintext inside`);
    });
  }
}

browserTest('each group and the hybrid, stepped to the end: every step and every record on the wire and inside is the model\'s', async (s) => {
  for (const group of GROUPS) {
    const page = await s.open(`${PAGE}?seed=steps&group=${group}&guess=${group}`);
    const { report } = await reference(page);
    assert.equal(report.error, null);
    assert.equal(report.group, group);
    assert.equal(report.helloRetryRequest, false);
    await stepThrough(page, report);
    // The encrypted messages show both the record and the plaintext inside.
    const titles = report.flights.flatMap((f) => f.records).filter((r) => r.encrypted && r.step !== null).map((r) => report.steps[r.step].title);
    assert.ok(['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Server Finished', 'Client Finished'].every((t) => titles.includes(t)), titles.join());
    // The ClientHello against a packet, from the real bytes.
    const hello = report.flights[0].records[0].record.length / 2;
    const packet = await text(page, '#packet-text');
    assert.match(packet, new RegExp(`one record of ${hello} bytes, an IP packet of ${hello + 40} bytes`));
    if (group === 'X25519MLKEM768') {
      assert.ok(hello > 1216, `the hybrid's ClientHello (${hello} bytes) carries a 1,216-byte share`);
      assert.match(packet, /1216 bytes of key/);
      assert.match(await text(page, '#packet-why'), /two TCP segments/);
    } else {
      assert.ok(hello < 300);
    }
    assert.equal(await page.locator('#packet-bars meter').first().getAttribute('value'), String(hello));
  }
});

browserTest('HelloRetryRequest: the client guessed the other group, and the server asks again', async (s) => {
  const page = await s.open(`${PAGE}?seed=hrr&group=secp256r1&guess=x25519`);
  const { report } = await reference(page);
  assert.equal(report.helloRetryRequest, true);
  assert.equal(report.group, 'secp256r1');
  await page.click('#run-all');
  const titles = await page.locator('#steps .seq-title').allTextContents();
  assert.deepEqual(titles.slice(0, 3), ['ClientHello', 'HelloRetryRequest', 'ClientHello, again (after HelloRetryRequest)']);
  const direction = await page.locator('#steps > li').nth(1).locator('.seq-dir').textContent();
  assert.equal(direction, 'Server → Client');
  // The hybrid asked for after an x25519 guess: the second hello is the big one.
  await page.selectOption('#group', 'X25519MLKEM768');
  const hybrid = await reference(page);
  assert.equal(hybrid.report.helloRetryRequest, true);
  const hellos = hybrid.report.flights.filter((f) => f.from === 'client').slice(0, 2).map((f) => f.bytes);
  assert.ok(hellos[1] > hellos[0] + 1100, hellos.join());
});

browserTest('Mallory swapping the key shares: every record opens, and CertificateVerify is the check that fails', async (s) => {
  const page = await s.open(`${PAGE}?seed=mallory&mallory=swap-key`);
  const { report } = await reference(page);
  assert.match(report.error, /CertificateVerify/);
  await page.click('#run-all');
  await waitForText(page, '#handshake-error', /The handshake stops at step \d+: CertificateVerify/);
  assert.match(await text(page, '#v-verdict'), /^✗ The check that fails: CertificateVerify/);
  const titles = await page.locator('#steps .seq-title').allTextContents();
  assert.ok(titles.includes("Mallory replaces the client's key share"));
  assert.ok(titles.includes("Mallory replaces the server's key share"));
  assert.equal(await text(page, '#middle-lane'), 'Mallory');
  // Her hops are on the diagram: the client's hello goes to her, hers to the server.
  const directions = await page.locator('#steps .seq-dir').allTextContents();
  assert.ok(directions.includes('Client → Mallory'), directions.join());
  assert.ok(directions.includes('Mallory → Server'), directions.join());
  // Re-signing with her own certificate: the pin stops it.
  await page.check('#mallory-resign');
  await page.click('#run-all', { force: true });
  await waitForText(page, '#handshake-error', /pinned/);
});

browserTest('forward secrecy: a leaked identity key opens nothing; a kept key share opens the recording', async (s) => {
  const page = await s.open(`${PAGE}?seed=leak&leak=1`);
  assert.match(await text(page, '#attacker-wait'), /step to the end/);
  await page.click('#run-all');
  await waitForText(page, '#leak-verdict', '✓ Not decrypted: the recorded connection stays sealed.');
  const { report } = await reference(page);
  assert.equal(report.leak.decrypted, false);
  // The certificate step: what the client read, and a way into its DER.
  assert.equal(await text(page, '#v-cert-subject'), report.certificate.subject);
  assert.match(await text(page, '#v-verdict'), /^✓ CertificateVerify is valid/);
  const inspect = await page.locator('#v-cert-inspect').getAttribute('href');
  assert.equal(decodeURIComponent(new URL(inspect).hash.replace(/^#key=/, '')), report.certificate.pem);
  assert.equal(await text(page, '#leak-explanation'), report.leak.explanation);
  await page.check('#static-key');
  await waitForText(page, '#leak-verdict', '✗ Decrypted: the attacker reads “GET / HTTP/1.1”.');
  assert.equal((await reference(page)).report.leak.decrypted, true);
});

browserTest('the key schedule: every box the model\'s, each focusable, and The Illustrated TLS 1.3 Connection\'s published values', async (s) => {
  const page = await s.open(`${PAGE}?seed=schedule`);
  const { report } = await reference(page);
  const boxes = report.keySchedule.boxes;
  assert.equal(await page.locator('#schedule .ks-box').count(), boxes.length);
  // This run: each box shows its output, and choosing it its inputs and label.
  for (const box of boxes) {
    await page.click(`#schedule [data-box="${box.id}"]`);
    const detail = await text(page, '#schedule-detail');
    assert.ok(detail.includes(box.output), `${box.id}: output`);
    for (const input of box.inputs) assert.ok(detail.includes(input.value), `${box.id}: input ${input.name}`);
    if (box.label) assert.ok(detail.includes(`"tls13 ${box.label}"`), `${box.id}: label`);
    if (box.hkdfLabel) assert.ok(detail.includes(box.hkdfLabel), `${box.id}: HkdfLabel`);
  }
  assert.equal(boxes.find((b) => b.id === 'master-secret').output, report.secrets.masterSecret);

  // The published inputs: every published secret, key and IV appears in its box.
  await page.click('#schedule-known');
  await waitForText(page, '#schedule-source', /The Illustrated TLS 1.3 Connection/);
  assert.match(page.url(), /known=illustrated/);
  const ks = ILLUSTRATED.key_schedule;
  const published = {
    'early-secret': ks.early_secret, 'derived-early': ks.derived_secret_for_handshake,
    'handshake-secret': ks.handshake_secret, 'c-hs-traffic': ks.client_handshake_traffic_secret,
    's-hs-traffic': ks.server_handshake_traffic_secret, 'derived-handshake': ks.derived_secret_for_master,
    'master-secret': ks.master_secret, 'c-ap-traffic': ks.client_application_traffic_secret_0,
    's-ap-traffic': ks.server_application_traffic_secret_0, 'exp-master': ks.exporter_master_secret,
    'c-hs-key': ks.client_handshake_key, 'c-hs-iv': ks.client_handshake_iv, 'c-hs-finished': ks.client_finished_key,
    's-hs-key': ks.server_handshake_key, 's-hs-iv': ks.server_handshake_iv, 's-hs-finished': ks.server_finished_key,
    'c-ap-key': ks.client_application_key, 'c-ap-iv': ks.client_application_iv,
    's-ap-key': ks.server_application_key, 's-ap-iv': ks.server_application_iv,
  };
  assert.equal(await page.locator('#schedule .ks-box').count(), Object.keys(published).length);
  for (const [id, entry] of Object.entries(published)) {
    await page.click(`#schedule [data-box="${id}"]`);
    const output = await page.locator('#schedule-detail output').last().textContent();
    assert.equal(output, entry.value, id);
  }
  // The handshake secret's inputs are the published shared secret and derived salt.
  await page.click('#schedule [data-box="handshake-secret"]');
  const detail = await text(page, '#schedule-detail');
  assert.ok(detail.includes(ILLUSTRATED.shared_secret.value));
  assert.ok(detail.includes(ks.derived_secret_for_handshake.value));
  // A link reopens the published view.
  const again = await s.open(`${PAGE}?known=illustrated`);
  await again.click('#schedule [data-box="s-hs-key"]');
  assert.equal(await again.locator('#schedule-detail output').last().textContent(), ks.server_handshake_key.value);
});

browserTest('the WebCrypto cross-check of HKDF-Expand-Label agrees, and the code export is the chosen box\'s', async (s) => {
  const page = await s.open(`${PAGE}?seed=tools`);
  const tools = page.locator('[data-tools="expand-label"]');
  for (const id of ['c-hs-traffic', 's-ap-key', 'derived-early']) {
    await page.click(`#schedule [data-box="${id}"]`);
    await tools.locator('button:has-text("Check with my browser\'s WebCrypto")').click();
    await waitForText(page, '[data-tools="expand-label"] .crosscheck', "✓ Matches your browser's WebCrypto.");
  }
  await page.click('#schedule [data-box="early-secret"]');
  await tools.locator('button:has-text("Check with my browser\'s WebCrypto")').click();
  await waitForText(page, '[data-tools="expand-label"] .crosscheck', /HKDF-Extract is one HMAC/);
  await page.click('#schedule [data-box="s-hs-iv"]');
  await tools.locator('summary').click();
  const { report } = await reference(page);
  const box = report.keySchedule.boxes.find((b) => b.id === 's-hs-iv');
  const openssl = await tools.locator('[data-language="openssl"] pre').textContent();
  assert.ok(openssl.includes(`hexkey:${box.inputs[0].value}`));
  assert.ok(openssl.includes(`hexinfo:${box.hkdfLabel}`));
  assert.match(await tools.locator('[data-language="python"] pre').textContent(), /HKDFExpand/);
});

browserTest('side by side: the table is computed from one TLS 1.2 and one TLS 1.3 run on the same keys', async (s) => {
  const page = await s.open(`${PAGE}?seed=compare&compare=1`);
  const { options, report } = await reference(page);
  const report12 = await api(page, 'tls12Handshake', { ...options, group: 'x25519', clientGroups: ['x25519', 'secp256r1'] });
  assert.equal(report12.error, null);
  const cell = (topic, version) => page.locator(`#compare-rows tr[data-topic="${topic}"] td[data-version="${version}"]`).textContent();
  assert.match(await cell('Round trips before the client may send application data', '1.2'), /^2:/);
  assert.match(await cell('Round trips before the client may send application data', '1.3'), /^1:/);
  // Same keys: the same ECDH output in both.
  assert.equal(report12.preMasterSecret, report.secrets.sharedSecret);
  assert.match(await cell('The (EC)DHE shared secret', '1.2'), new RegExp(report12.preMasterSecret));
  assert.match(await cell('The (EC)DHE shared secret', '1.3'), /the same bytes/);
  // Sizes of each flight: 1.3's are the report's flights.
  const sizes13 = report.flights.map((f) => `${f.from === 'client' ? 'C→S' : 'S→C'} ${f.bytes}`).join(', ');
  assert.ok((await cell('Flights (bytes, records included)', '1.3')).startsWith(sizes13));
  assert.match(await cell('Flights (bytes, records included)', '1.2'), /^C→S \d+, S→C \d+, C→S \d+, S→C \d+, C→S \d+;/);
  assert.match(await cell('The certificate', '1.2'), /in clear/);
  assert.match(await cell('The certificate', '1.3'), /encrypted/);
  assert.match(await cell('What the server signs', '1.2'), new RegExp(`\\(${report12.signedData.length / 2} bytes\\)`));
  assert.match(await cell('What the server signs', '1.3'), /Transcript-Hash\(ClientHello \.\. Certificate\)/);
  assert.match(await cell('In clear on the wire', '1.3'), /^2 records: ClientHello, ServerHello$/);
  assert.match(await cell('Key derivation', '1.3'), /3 HKDF-Extract, 7 Derive-Secret and 10 HKDF-Expand-Label/);
  assert.match(await cell('Key exchange the suite allows', '1.2'), /ECDHE_ECDSA/);
  // Mallory stops both: nothing to compare, and the page says why.
  await page.check('#mallory-swap-key');
  await waitForText(page, '#compare-note', /Both handshakes must finish/);
  assert.equal(await page.locator('#compare-rows tr').count(), 0);
});

browserTest('keyboard only: stepping, the key schedule boxes and the lessons by keys; a link to resumption', async (s) => {
  const page = await s.open(`${PAGE}?seed=keys`);
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('main input, main select')]
    .filter((c) => !c.labels?.length).map((c) => c.id));
  assert.deepEqual(unlabelled, []);
  await page.focus('#next');
  await page.keyboard.press('Enter');
  await waitForText(page, '#step-counter', /^Step 2 of/);
  // The focus goes with the stepper, which moved under the new step.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'next');
  await page.keyboard.press('Enter');
  await waitForText(page, '#step-counter', /^Step 3 of/);
  // The key schedule: one Tab stop, arrows move, Enter chooses.
  await page.focus('#schedule [data-box="early-secret"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.box), 'handshake-secret');
  // Focus alone shows the box; Enter keeps it.
  await waitForText(page, '#schedule-detail h3', /^Handshake Secret = HKDF-Extract/);
  await page.keyboard.press('Enter');
  await waitForText(page, '#schedule-detail h3', /^Handshake Secret = HKDF-Extract/);
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.box), 's-ap-iv');
  const stops = await page.locator('#schedule .ks-box[tabindex="0"]').count();
  assert.equal(stops, 1);
  // Lessons by keys.
  await page.focus('#mallory-none');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.getElementById('mallory-swap-key').checked), true);
  await page.focus('#compare');
  await page.keyboard.press(' ');
  await page.locator('#compare-section').waitFor({ state: 'visible' });
  assert.match(page.url(), /compare=1/);
  assert.equal(await page.locator('a#resume-link').getAttribute('href'), new URL('/resume.html', page.url()).href);
  assert.equal(await page.locator('a#compare-tls12').getAttribute('href'), new URL('/tls12.html', page.url()).href);
  assert.equal(await page.locator('header.site nav a[aria-current="page"]').textContent(), 'TLS 1.3 handshake');
});

browserTest('links: the seed, the settings and the step reopen the same run; never a private key', async (s) => {
  const page = await s.open(`${PAGE}?seed=link&group=secp256r1&guess=X25519MLKEM768&static=1`);
  await page.click('#next');
  await page.click('#next');
  await waitForText(page, '#step-counter', /^Step 3 of/);
  const url = page.url();
  assert.match(url, /step=3/);
  const first = await reference(page);
  assert.ok(!url.includes(first.options.clientEphemeral));
  const again = await s.open(url.replace(/^https?:\/\/[^/]+/, ''));
  await waitForText(again, '#step-counter', /^Step 3 of/);
  assert.deepEqual((await reference(again)).options, first.options);
  assert.equal(await again.locator('#guess').inputValue(), 'X25519MLKEM768');
});

browserTest('the embed snippets carry the lesson: the iframe and the element reopen the same run', async (s) => {
  const page = await s.open(`${PAGE}?seed=embed-help&group=secp256r1&guess=x25519&leak=1`);
  await page.locator('#embed-help details summary').click();
  assert.deepEqual(await page.locator('#embed-part option').evaluateAll((o) => o.map((x) => x.value)), ['tls13']);
  const iframe = await waitForText(page, 'pre[aria-label="iframe snippet"]', /view=tls13/);
  const src = /<iframe src="([^"]+)"/.exec(iframe)[1];
  const url = new URL(src);
  for (const [name, value] of [['seed', 'embed-help'], ['group', 'secp256r1'], ['leak', '1']]) assert.equal(url.searchParams.get(name), value, name);
  assert.equal(url.searchParams.get('guess'), null, 'x25519 is the default guess');
  assert.match(await text(page, 'pre[aria-label="custom element snippet"]'), /<ecdh-playground view="tls13" seed="embed-help" group="secp256r1"/);
  const first = await reference(page);
  const embedded = await s.open(`${url.pathname}${url.search}`);
  const again = await reference(embedded);
  assert.deepEqual(again.options, first.options);
  assert.equal(again.report.helloRetryRequest, true);
});

browserTest('the embed view tls13 mounts the page without the site\'s chrome', async (s) => {
  const page = await s.open('/embed.html?view=tls13&seed=embed&guess=secp256r1');
  assert.equal(await page.locator('header.site').count(), 0);
  assert.equal(await page.locator('#guess').inputValue(), 'secp256r1');
  assert.equal(await page.locator('#share').isHidden(), true);
  await page.click('#run-all');
  await waitForText(page, '#step-counter', /^Step (\d+) of \1$/);
});

browserTest('360 px, no serious axe-core violations, with every section open', async (s) => {
  const page = await s.open(`${PAGE}?seed=narrow&compare=1&leak=1&guess=X25519MLKEM768&group=X25519MLKEM768`, { viewport: { width: 360, height: 740 } });
  await assertNoOverflow(page, '360 px on load');
  await page.click('#run-all');
  await page.locator('#inputs summary').click();
  await page.locator('[data-tools="expand-label"] summary').click();
  await assertNoOverflow(page, '360 px, at the end, everything open');
  await page.click('#steps > li:nth-child(5) .seq-label');
  await assertNoOverflow(page, '360 px, an encrypted record open');
  assert.deepEqual(await axeViolations(page), []);
  await page.check('#mallory-swap-key');
  await page.selectOption('#guess', 'x25519');
  await page.selectOption('#group', 'x25519');
  await page.click('#run-all', { force: true });
  await assertNoOverflow(page, '360 px, Mallory');
  assert.deepEqual(await axeViolations(page), []);
});

browserTest('the custom element view="tls13" builds the walk-through in its shadow root', async (s) => {
  const page = await s.open('/examples/course.html', {}, { ready: false });
  await page.evaluate(() => {
    const element = document.createElement('ecdh-playground');
    element.id = 'tls13-element';
    element.setAttribute('view', 'tls13');
    element.setAttribute('seed', 'element');
    element.setAttribute('guess', 'X25519MLKEM768');
    document.body.append(element);
  });
  await page.locator('ecdh-playground#tls13-element[data-ready="true"]').waitFor({ state: 'attached' });
  const inside = page.locator('#tls13-element');
  assert.equal(await inside.locator('#guess').inputValue(), 'X25519MLKEM768');
  await inside.locator('#run-all').click();
  await inside.locator('#step-counter').filter({ hasText: /^Step (\d+) of \1$/ }).waitFor();
  assert.equal(await inside.locator('#schedule .ks-box').count(), 20);
});
