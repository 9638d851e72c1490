// End-to-end tests of the session-resumption page (www/resume.html) in headless
// Chromium, under the site's Content-Security-Policy: both versions, both TLS 1.3 PSK
// modes and both TLS 1.2 mechanisms, the ticket's structure, the leak verdicts, the URL
// state, the keyboard, 360 px, axe-core. Every test ends by asserting that no watched
// page logged a console error, threw, violated the CSP or requested another origin.
//
// The values shown are checked against each other where the protocol ties them: the
// resumed connection's PSK is the session's, its master secret (1.2) the full one's.
import assert from 'node:assert/strict';
import { browserSuite, waitForText, assertNoOverflow, axeViolations } from './harness.mjs';

const browserTest = browserSuite();
const PAGE = '/resume.html?seed=resumption-test';

const texts = (page, selector) => page.locator(selector).allTextContents();

browserTest('TLS 1.3: a full handshake, the ticket, and a psk_dhe_ke or psk_ke resumption with its binder', async (s) => {
  const page = await s.open(PAGE);
  await waitForText(page, '#resumed-summary', /Resumed with psk_dhe_ke/);
  assert.match(await page.locator('#full-summary').textContent(), /TLS 1\.3/);
  const session = await texts(page, '#session dt');
  assert.deepEqual(session, ['Version', 'Cipher suite', 'Issued by', 'Ticket', 'ticket_nonce', 'ticket_age_add', 'PSK', 'Lifetime']);
  const psk = await page.locator('#session dd').nth(6).textContent();
  assert.match(psk, /^[0-9a-f]{64}$/);
  const keys = await texts(page, '#keys dd');
  assert.equal(keys[2], psk, 'the resumed connection starts from the session’s PSK');
  assert.match(keys[5], /^[0-9a-f]{64}$/, 'binder');
  assert.match(keys[6], /^[0-9a-f]{64}$/, 'ECDHE with psk_dhe_ke');
  // The page recomputes the PSK from resumption_master_secret and the nonce with WebCrypto.
  await waitForText(page, '#psk-check', /✓ WebCrypto agrees/);
  // The resumed diagram: pre_shared_key in, no Certificate.
  const resumed = await texts(page, '#resumed-steps .seq-title');
  assert.ok(resumed.includes('Client computes the PSK binder'), resumed.join(' | '));
  assert.ok(resumed.includes('Server opens the ticket and checks the binder'));
  assert.ok(!resumed.includes('Certificate'));
  const full = await texts(page, '#full-steps .seq-title');
  assert.ok(full.includes('Certificate') && full.includes('Server seals the session ticket'));
  // NewSessionTicket crosses the wire, from the server to the client.
  const ticketRow = page.locator('#full-steps .seq-step', { hasText: /^\d+NewSessionTicket/ });
  assert.match(await ticketRow.locator('.seq-dir').textContent(), /Server → Client/);
  // The ticket's structure, field by field.
  const fields = await page.locator('#ticket [data-field]').evaluateAll((spans) => spans.map((x) => x.dataset.field));
  assert.deepEqual(fields.filter((f) => !/length/.test(f)), ['key_name', 'iv', 'encrypted_state', 'mac']);

  await page.check('#psk-psk_ke');
  await waitForText(page, '#resumed-summary', /Resumed with psk_ke.*no key_share/);
  assert.equal((await texts(page, '#keys dd'))[6], 'none: psk_ke');
  await waitForText(page, '#psk-check', /✓ WebCrypto agrees/);
  assert.match(page.url(), /psk=psk_ke/);
  assert.match(page.url(), /seed=resumption-test/);
});

browserTest('TLS 1.2: ticket and session ID resumption reuse the master secret', async (s) => {
  const page = await s.open(`${PAGE}#version=1.2`);
  await waitForText(page, '#resumed-summary', /Resumed by the ticket/);
  const keys = await texts(page, '#keys dd');
  assert.equal(keys[0], keys[1], 'the same master secret');
  assert.notEqual(keys[2], keys[3], 'a new key block');
  const session = await texts(page, '#session dt');
  assert.ok(session.includes('Ticket') && session.includes('Master secret (reused as is)'));
  assert.ok((await texts(page, '#full-steps .seq-title')).includes('NewSessionTicket'));
  assert.equal(await page.locator('#ticket-box').isVisible(), true);
  const resumed = await texts(page, '#resumed-steps .seq-title');
  assert.ok(!resumed.includes('ServerKeyExchange'));
  assert.ok(resumed.includes('Server opens the ticket'));

  await page.check('#by-session_id');
  await waitForText(page, '#resumed-summary', /Resumed by the session ID/);
  assert.ok((await texts(page, '#session dt')).includes('Session ID'));
  assert.equal(await page.locator('#ticket-box').isVisible(), false);
  assert.match(page.url(), /by=session_id/);
});

browserTest('the leak verdicts: 1.2 opens everything, 1.3 only psk_ke and 0-RTT', async (s) => {
  const page = await s.open(`${PAGE}#leak=1`);
  await waitForText(page, '#verdicts', /0-RTT data, psk_ke/);
  const verdicts = await page.locator('#verdicts li').evaluateAll((items) => items.map((li) => [
    li.querySelector('strong').textContent, li.classList.contains('bad'),
  ]));
  assert.deepEqual(verdicts, [
    ['the full handshake (ECDHE): ', false],
    ['the resumed connection, psk_dhe_ke: ', false],
    ['0-RTT data, psk_dhe_ke: ', true],
    ['the resumed connection, psk_ke: ', true],
    ['0-RTT data, psk_ke: ', true],
  ]);
  assert.match(await page.locator('#verdicts').textContent(), /Opened: “GET \/ HTTP\/1\.1”/);
  assert.ok((await page.locator('#attacker-steps > li').count()) >= 4);

  await page.selectOption('#version', '1.2');
  await waitForText(page, '#verdicts', /the resumed connection \(ticket\)/);
  const twelve = await page.locator('#verdicts li.bad').count();
  assert.equal(twelve, 2, 'the full ECDHE connection and the resumed one both open');

  await page.uncheck('#leak');
  await waitForText(page, '#leak-off', /Turn on/);
  assert.equal(await page.locator('#leak-box').isVisible(), false);
});

browserTest('a link restores the lesson; the same seed gives the same bytes; new keys change them', async (s) => {
  const a = await s.open(`${PAGE}#version=1.2&by=session_id&message=hello`);
  await waitForText(a, '#resumed-summary', /session ID/);
  assert.equal(await a.locator('#message').inputValue(), 'hello');
  const idA = await a.locator('#session dd').nth(3).textContent();
  const b = await s.open(`${PAGE}#version=1.2&by=session_id&message=hello`);
  await waitForText(b, '#resumed-summary', /session ID/);
  assert.equal(await b.locator('#session dd').nth(3).textContent(), idA);
  await b.click('#regenerate');
  await waitForText(b, '#session', /./);
  assert.match(b.url(), /round=1/);
  assert.notEqual(await b.locator('#session dd').nth(3).textContent(), idA);
});

browserTest('keyboard: every control reachable; a step opens with Enter and its bytes take the arrow keys', async (s) => {
  const page = await s.open(PAGE);
  await waitForText(page, '#resumed-summary', /Resumed/);
  await page.focus('#version');
  await page.keyboard.press('ArrowDown');
  await waitForText(page, '#resumed-summary', /Resumed by the ticket/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'version');
  await page.focus('#by-ticket');
  await page.keyboard.press('ArrowDown');
  await waitForText(page, '#resumed-summary', /Resumed by the session ID/);
  // Tab to the first step of the full handshake and open it.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.closest('#full-steps') !== null);
  }
  assert.ok(reached, 'the steps are reachable with Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#full-steps .step-detail');
  await page.keyboard.press('Tab');
  const field = await page.evaluate(() => document.activeElement.dataset.field);
  assert.ok(field, 'the bytes are the next Tab stop');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.locator('#field-info').textContent(), /bytes? \d/);
  // Every control has a name.
  const unnamed = await page.locator('main input, main button, main select').evaluateAll((nodes) => nodes
    .filter((n) => !(n.labels?.length || n.getAttribute('aria-label') || n.textContent.trim()))
    .map((n) => n.id));
  assert.deepEqual(unnamed, []);
});

browserTest('360 px, light and dark: nothing sticks out; axe finds nothing serious', async (s) => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await s.open(`${PAGE}#leak=1`, { viewport: { width: 360, height: 740 }, colorScheme });
    await waitForText(page, '#verdicts', /0-RTT/);
    await page.locator('#full-steps .seq-label').first().click();
    await assertNoOverflow(page, `360 px, ${colorScheme}`);
    assert.deepEqual(await axeViolations(page), [], colorScheme);
  }
});

browserTest('the embed snippets carry the lesson: the iframe and the element reopen the same run', async (s) => {
  const page = await s.open(`${PAGE.replace('resumption-test', 'embed-help')}#version=1.2&by=session_id&message=hi`);
  await waitForText(page, '#resumed-summary', /session ID/);
  const sessionId = await page.locator('#session dd').nth(3).textContent();
  await page.locator('#embed-help details summary').click();
  assert.deepEqual(await page.locator('#embed-part option').evaluateAll((o) => o.map((x) => x.value)), ['resume']);
  const iframe = await waitForText(page, 'pre[aria-label="iframe snippet"]', /view=resume/);
  const src = /<iframe src="([^"]+)"/.exec(iframe)[1].replaceAll('&amp;', '&');
  const url = new URL(src);
  for (const [name, value] of [['seed', 'embed-help'], ['version', '1.2'], ['by', 'session_id'], ['message', 'hi']]) {
    assert.equal(url.searchParams.get(name), value, name);
  }
  assert.match(iframe, /title="ECDH Playground: TLS session resumption"/);
  const element = await page.locator('pre[aria-label="custom element snippet"]').textContent();
  assert.match(element, /<ecdh-playground view="resume" seed="embed-help" version="1\.2" by="session_id" message="hi"><\/ecdh-playground>/);
  // A change on the page is in the snippet at once.
  await page.check('#by-ticket');
  await waitForText(page, 'pre[aria-label="iframe snippet"]', /view=resume&seed=embed-help&version=1\.2&message=hi/);

  // The iframe's address: the same lesson, the same bytes, no site chrome, no share link.
  const embedded = await s.open(`${url.pathname}${url.search}`);
  await waitForText(embedded, '#resumed-summary', /Resumed by the session ID/);
  assert.equal(await embedded.locator('#session dd').nth(3).textContent(), sessionId);
  assert.equal(await embedded.locator('#message').inputValue(), 'hi');
  assert.equal(await embedded.locator('header.site').count(), 0);
  assert.equal(await embedded.locator('#share').isHidden(), true);
});

browserTest('the custom element view="resume" builds the lesson in its shadow root', async (s) => {
  const page = await s.open('/examples/course.html', {}, { ready: false });
  await page.evaluate(() => {
    const element = document.createElement('ecdh-playground');
    element.id = 'resume-element';
    for (const [name, value] of [['view', 'resume'], ['seed', 'element'], ['version', '1.3'], ['psk', 'psk_ke'], ['leak', '1']]) {
      element.setAttribute(name, value);
    }
    document.body.append(element);
  });
  await page.locator('ecdh-playground#resume-element[data-ready="true"]').waitFor({ state: 'attached' });
  const inside = page.locator('#resume-element');
  await inside.locator('#resumed-summary').filter({ hasText: /Resumed with psk_ke/ }).waitFor();
  assert.equal(await inside.locator('#psk-psk_ke').isChecked(), true);
  assert.equal(await inside.locator('#leak').isChecked(), true);
  assert.equal(await inside.locator('#share').isHidden(), true);
});
