// The session-resumption page: a full handshake, the session the client keeps (the
// ticket's structure), a second connection that resumes it, where its keys come from,
// and what a leaked ticket key opens — every value from the crate's reports.
import { readyFor } from './load.js';
import { fromHex, toHex } from './bytes.js';
import { el, show, scope } from './dom.js';
import { MARKUP } from './views/resume-markup.js';
import { stepRoute } from './tls12-steps.js';
import { diagramRow, stepDetail, attackerStep } from './tls12-view.js';
import { runKeys, showSeedBanner, bindShare } from './tls-stepper.js';
import {
  hkdfLabel, leakOptions, resumeRoute, runOptions, sessionRows, suiteHash, verdictText,
} from './resume-state.js';

/**
 * The PSK again, with the browser's WebCrypto: HKDF-Expand-Label(resumption_master_secret,
 * "resumption", ticket_nonce, Hash.length) is one HMAC block, T(1) = HMAC(secret,
 * HkdfLabel ‖ 0x01) (WebCrypto has no bare HKDF-Expand). Resolves to its hex, or null
 * where the browser cannot.
 */
async function webCryptoPsk(session, resumptionMasterSecret) {
  try {
    const hash = suiteHash(session.cipherSuite);
    const secret = fromHex(resumptionMasterSecret);
    const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash }, false, ['sign']);
    const info = hkdfLabel('resumption', fromHex(session.ticketNonce), secret.length);
    const block = await crypto.subtle.sign('HMAC', key, Uint8Array.from([...info, 1]));
    return toHex(new Uint8Array(block).subarray(0, secret.length));
  } catch {
    return null;
  }
}

/** Builds the page in `container` and runs it once. Resolves once it is ready. */
export async function mountResume(container, settings = {}) {
  const template = document.createElement('template');
  template.innerHTML = MARKUP;
  container.append(template.content);
  const { root, byId, announce } = scope(container);
  const api = await readyFor(byId('status'), 'full');
  byId('status').textContent = '';
  show(byId('status'), false);

  const state = { ...settings.resume };
  let round = state.round ?? 0;
  // The one step shown in detail, on either diagram: { list: 'full' | 'resumed', index }.
  let selected = null;
  let runs = null;

  /**
   * The randoms and keys of both connections and the server's identity: fresh, or in a
   * seeded lesson derived from the seed, so a class sees the same bytes.
   */
  function makeMaterial() {
    const { random, raw, pem } = runKeys(api, settings.seed, 'resume', round);
    const connection = (which) => ({
      clientRandom: random(`${which} client random`),
      serverRandom: random(`${which} server random`),
      clientEphemeral: raw('X25519', `${which} client ephemeral`),
      serverEphemeral: raw('X25519', `${which} server ephemeral`),
    });
    return { first: connection('first'), second: connection('second'), serverIdentity: pem('server identity') };
  }
  let material = makeMaterial();

  function readControls() {
    state.version = byId('version').value;
    state.by = root.querySelector('input[name="by"]:checked').value;
    state.pskMode = root.querySelector('input[name="psk"]:checked').value;
    state.leak = byId('leak').checked;
    state.message = byId('message').value;
  }

  function applyControls() {
    byId('version').value = state.version;
    byId(`by-${state.by}`).checked = true;
    byId(`psk-${state.pskMode}`).checked = true;
    byId('leak').checked = state.leak;
    byId('message').value = state.message;
  }

  function handshake(options) {
    const run = state.version === '1.2' ? api.tls12Handshake : api.tls13Handshake;
    try {
      return run(options);
    } catch (e) {
      return { steps: [], error: e.message, session: null, resumed: false, resumptionLeak: null, secrets: {} };
    }
  }

  function rerun() {
    readControls();
    const first = handshake(runOptions(state, material, 'first'));
    const second = first.session
      ? handshake(runOptions(state, material, 'second', first.session))
      : null;
    const leak = state.leak && first.session ? handshake(leakOptions(state, material)) : null;
    runs = { first, second, leak };
    if (selected && !report(selected.list)?.steps[selected.index]) selected = null;
    render();
    settings.onChange?.({ ...state, round });
  }

  const report = (list) => (list === 'full' ? runs.first : runs.second);

  /* ---------- Rendering ---------- */

  function renderSteps(list, id) {
    const r = report(list);
    const rows = (r?.steps ?? []).map((step, i) => diagramRow(step, i, resumeRoute(step, state.version, stepRoute), {
      current: selected?.list === list && selected.index === i,
      onSelect: (to) => {
        const same = selected?.list === list && selected.index === to;
        selected = same ? null : { list, index: to };
        render();
        root.querySelector(`#${id} [data-focus-key="step-${to}"]`)?.focus();
      },
    }));
    byId(id).replaceChildren(...rows);
  }

  function dl(id, rows) {
    byId(id).replaceChildren(...rows.flatMap(([name, value]) => [
      el('dt', { text: name }),
      el('dd', { children: [el('output', { cls: 'bytes', text: value })] }),
    ]));
  }

  function render() {
    const { first, second, leak } = runs;
    const twelve = state.version === '1.2';
    show(byId('by-box'), twelve);
    show(byId('psk-box'), !twelve);
    const error = first.error ?? second?.error ?? leak?.error ?? null;
    byId('run-error').textContent = error ? `The model stopped: ${error}` : '';
    show(byId('run-error'), Boolean(error));

    byId('full-summary').textContent = twelve
      ? `TLS 1.2, ECDHE on x25519, signed with the server's identity key: ${first.steps.length} steps. ${state.by === 'ticket'
        ? 'The client sends an empty SessionTicket extension; the server promises a ticket and sends it in NewSessionTicket before its Finished.'
        : 'The server gives the session an ID in ServerHello and keeps its master secret in its cache.'}`
      : `TLS 1.3, ECDHE on x25519, certificate and CertificateVerify: ${first.steps.length} steps. After the handshake the server sends NewSessionTicket, under the application key.`;
    renderSteps('full', 'full-steps');

    const session = first.session;
    byId('session-summary').textContent = !session ? 'The server gave nothing to resume with.'
      : twelve
        ? (session.ticket
          ? 'The master secret of the full handshake and the ticket: the server kept nothing, the ticket carries the session sealed under the server’s ticket key.'
          : 'The master secret of the full handshake and the session ID: the server keeps the same master secret in its cache under that ID.')
        : 'The ticket (opaque), ticket_age_add and ticket_nonce from NewSessionTicket, and the PSK the client derived: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce). The client never learns what is inside the ticket.';
    dl('session', sessionRows(session));
    const sealed = first.steps.findIndex((s) => s.title === 'Server seals the session ticket');
    show(byId('ticket-box'), sealed !== -1);
    byId('ticket').replaceChildren(...(sealed === -1 ? [] : [ticketDetail(first.steps[sealed])]));

    byId('resumed-summary').textContent = !second ? 'Nothing to resume.'
      : second.resumed
        ? (twelve
          ? `Resumed by ${second.resumption === 'ticket' ? 'the ticket' : 'the session ID'}: ${second.steps.length} steps, one round trip. No Certificate, no ServerKeyExchange, no ECDHE; the server's Finished comes first.`
          : `Resumed with ${second.resumption}: ${second.steps.length} steps. ClientHello carries pre_shared_key (the ticket and its binder) and psk_key_exchange_modes; ServerHello accepts it; no Certificate, no CertificateVerify.${second.resumption === 'psk_ke' ? ' And no key_share: no ECDHE at all.' : ' A fresh ECDHE still feeds the key schedule.'}`)
        : 'The server did not resume: a full handshake again.';
    renderSteps('resumed', 'resumed-steps');

    renderKeys();
    renderLeak();
  }

  /** The ticket's structure, as the server's step annotated it. */
  function ticketDetail(step) {
    const detail = stepDetail(step, 0);
    // One field-info paragraph per page: this one gets its own id.
    const info = detail.querySelector('#field-info');
    if (info) {
      info.id = 'ticket-field-info';
      for (const span of detail.querySelectorAll('[aria-describedby="field-info"]')) span.setAttribute('aria-describedby', 'ticket-field-info');
    }
    for (const span of detail.querySelectorAll('[data-focus-key]')) span.dataset.focusKey = `ticket-${span.dataset.focusKey}`;
    return detail;
  }

  function renderKeys() {
    const { first, second } = runs;
    const twelve = state.version === '1.2';
    show(byId('psk-check'), !twelve && Boolean(second?.secrets?.psk));
    if (!second) {
      byId('keys-summary').textContent = '';
      dl('keys', []);
      byId('early-note').textContent = '';
      return;
    }
    if (twelve) {
      byId('keys-summary').textContent = 'RFC 5246 §7.3: the resumed connection has no pre-master secret. Its master secret is the full handshake’s, unchanged; only the key block is new, from the new randoms: key_block = PRF(master_secret, "key expansion", server_random + client_random).';
      dl('keys', [
        ['Full handshake: master secret', first.masterSecret ?? ''],
        ['Resumed: master secret', second.masterSecret ?? ''],
        ['Full handshake: key block', first.keyBlock ?? ''],
        ['Resumed: key block', second.keyBlock ?? ''],
      ]);
      byId('early-note').textContent = 'So whoever learns that one master secret (from the server’s cache, or from a ticket with the ticket key) decrypts both connections, and every other connection resumed from it.';
      return;
    }
    const s = second.secrets;
    byId('keys-summary').textContent = `RFC 8446 §4.6.1 and §7.1: Early Secret = HKDF-Extract(0, PSK); binder_key = Derive-Secret(Early Secret, "res binder", ""); the binder proves the client holds the PSK. ${second.resumption === 'psk_ke'
      ? 'With psk_ke the (EC)DHE input of the Handshake Secret is Hash.length zeros: every key comes from the PSK and the hellos.'
      : 'With psk_dhe_ke the Handshake Secret also takes a fresh ECDHE secret, so the PSK alone does not give the keys.'}`;
    dl('keys', [
      ['Full handshake: resumption_master_secret', first.secrets.resumptionMasterSecret ?? ''],
      ['ticket_nonce', first.session?.ticketNonce ?? ''],
      ['PSK', s.psk ?? ''],
      ['Early Secret', s.earlySecret ?? ''],
      ['binder_key', s.binderKey ?? ''],
      ['binder', s.binder ?? ''],
      ['(EC)DHE shared secret', s.sharedSecret ?? 'none: psk_ke'],
      ['client_early_traffic_secret (0-RTT)', s.clientEarlyTrafficSecret ?? ''],
    ]);
    const check = byId('psk-check');
    check.textContent = 'Checking the PSK with WebCrypto…';
    check.className = 'check';
    const run = runs;
    webCryptoPsk(first.session, first.secrets.resumptionMasterSecret ?? '').then((psk) => {
      if (run !== runs) return; // a newer run replaced this one
      const ok = psk !== null && psk === s.psk;
      check.textContent = psk === null
        ? 'This browser cannot compute HMAC with WebCrypto here.'
        : ok
          ? '✓ WebCrypto agrees: HMAC(resumption_master_secret, HkdfLabel(Hash.length, "tls13 resumption", ticket_nonce) ‖ 01) is the PSK.'
          : `✗ WebCrypto computes ${psk}, not the PSK shown.`;
      check.className = `check${ok ? ' ok' : psk === null ? '' : ' bad'}`;
    });
    byId('early-note').textContent = '0-RTT: client_early_traffic_secret = Derive-Secret(Early Secret, "c e traffic", ClientHello). The client could send data with its very first flight under this key (the model does not). Nothing from the server goes into it, and the server cannot tell a first ClientHello from a copy: an attacker who replays the recorded ClientHello and its early data makes the server accept the same data again. Servers accept 0-RTT only for requests that are safe to repeat.';
  }

  function renderLeak() {
    const leak = runs.leak?.resumptionLeak;
    show(byId('leak-off'), !state.leak);
    show(byId('leak-box'), Boolean(state.leak && leak));
    if (!leak) return;
    byId('leak-explanation').textContent = leak.explanation;
    byId('verdicts').replaceChildren(...leak.verdicts.map((v) => el('li', {
      cls: `verdict ${v.decrypted ? 'bad' : 'ok'}`,
      children: [
        el('strong', { text: `${v.connection}: ` }),
        el('span', { text: verdictText(v) }),
        el('p', { cls: 'explain', text: v.why }),
      ],
    })));
    byId('attacker-steps').replaceChildren(...leak.steps.map((step, i) => attackerStep(step, i)));
    const opened = leak.verdicts.filter((v) => v.decrypted).length;
    announce(`The leaked ticket key opens ${opened} of ${leak.verdicts.length} recorded connections.`);
  }

  /* ---------- Events ---------- */

  for (const input of root.querySelectorAll('input[type="radio"], #leak, #version')) input.addEventListener('change', rerun);
  byId('message').addEventListener('input', rerun);
  byId('regenerate').addEventListener('click', () => {
    round += 1;
    material = makeMaterial();
    rerun();
    announce('New randoms and keys: both connections ran again.');
  });
  bindShare(byId, announce, {
    embedded: settings.embedded,
    link: () => window.location.href,
    said: 'Link copied: it holds the seed and the settings, never a key',
  });
  showSeedBanner(byId, settings.seed, 'the randoms and keys of both connections', settings.refusedSeed ?? '');
  applyControls();
  rerun();
}
