// The TLS 1.2 handshake page: settings and lessons in, the model's report out, shown as a
// sequence diagram stepped through one step at a time, the calculations with their
// values (each checked again here), and the forward-secrecy exercise.
import { readyFor } from './load.js';
import { fromHex, fromUtf8 } from './bytes.js';
import { el, show, scope } from './dom.js';
import { inspectorFragment } from './inspection.js';
import { MARKUP } from './views/tls12-markup.js';
import {
  ALL_GROUPS, CURVE_OF, IMPLEMENTED, buildOptions, negotiatedGroup, stepRoute,
  firstStepWith, serverPoint, splitKeyBlock, keepPosition, moveGroup, mapOldStep,
} from './tls12-steps.js';
import { computeChecks, webCryptoChecks } from './tls12-checks.js';
import { diagramRow, attackerStep, hexValue } from './tls12-view.js';
import { mountTools } from './tools.js';
import { sitePage } from './site.js';
import { mountStepper, runKeys, showSeedBanner, bindStepLink } from './tls-stepper.js';
import { refusedSeedText } from './lesson.js';
import * as crosscheck from './crosscheck.js';
import * as snippets from './snippets.js';

// The key inspector beside this page (not in the single file, which has none).
const INSPECTOR = sitePage('inspect.html');

/**
 * Builds the TLS 1.2 walk-through in `container` (a page's <main>, an embed, a custom
 * element's shadow root) and runs a first handshake. Resolves once it is ready.
 */
export async function mountTls12(container, settings = {}, build = 'full') {
  const template = document.createElement('template');
  template.innerHTML = MARKUP;
  container.append(template.content);
  const { root, byId, announce } = scope(container);

  let api;

  const state = {
    material: null, // randoms and keys, made once and on "New randoms and keys"
    order: [...ALL_GROUPS], // the client's groups, in its order of preference
    offered: new Set(IMPLEMENTED),
    settings: null,
    options: null,
    report: null,
    routes: [],
    index: 0, // the step shown
    reached: 0, // the furthest step reached: reviewing an earlier one keeps the later ones drawn
    run: 0, // counts runs, so that a late asynchronous check of an old run is dropped
    checks: {},
    announcedLeak: '', // the last leak verdict announced
  };

  /* ---------- Inputs ---------- */

  /**
   * Randoms and keys: ephemeral ECDH keys for each group, identity keys for the server
   * and Mallory. Fresh from the browser's randomness; in a seeded lesson, derived from
   * the seed (round counts the "New randoms and keys" presses), so a class sees the
   * same handshake.
   */
  let round = settings.tls?.round ?? 0;
  function makeMaterial() {
    const { random, raw, pem } = runKeys(api, settings.seed, 'tls12', round);
    const ephemeral = {};
    for (const group of IMPLEMENTED) {
      const curve = CURVE_OF[group];
      ephemeral[group] = {
        client: raw(curve, `client ephemeral ${group}`),
        server: raw(curve, `server ephemeral ${group}`),
        mallory: raw(curve, `mallory ephemeral ${group}`),
      };
    }
    return {
      clientRandom: random('client random', 32),
      serverRandom: random('server random', 32),
      ephemeral,
      serverIdentity: pem('server identity'),
      malloryIdentity: pem('mallory identity'),
    };
  }

  function readSettings() {
    return {
      group: byId('group').value,
      clientGroups: state.order.filter((g) => state.offered.has(g)),
      mallory: root.querySelector('input[name="mallory"]:checked')?.value ?? 'none',
      staticServerKey: byId('static-key').checked,
      message: byId('message').value,
      leak: byId('leak').checked,
    };
  }

  /**
   * The lesson's public state, for the link and the embed snippets (lesson.js,
   * tls12-lesson.js): the settings, the round of randoms and keys, and the step shown
   * (none at the first step). Never a key.
   */
  function lessonState() {
    const chosen = readSettings();
    return {
      seed: settings.seed ?? null,
      view: settings.view ?? 'all',
      step: state.index > 0 ? state.index + 1 : null,
      theme: settings.theme,
      tls: {
        group: chosen.group,
        groups: state.order.map((group) => ({ group, offered: state.offered.has(group) })),
        mallory: chosen.mallory,
        staticKey: chosen.staticServerKey,
        leak: chosen.leak,
        message: chosen.message,
        round,
      },
    };
  }

  function publish() {
    settings.onChange?.(lessonState());
  }

  /** Puts the settings of a link back (tls12-lesson.js has checked them). */
  function applyLesson(tls) {
    if (!tls) return;
    byId('group').value = tls.group;
    state.order = tls.groups.map(({ group }) => group);
    state.offered = new Set(tls.groups.filter(({ offered }) => offered).map(({ group }) => group));
    byId(`mallory-${tls.mallory}`).checked = true;
    byId('static-key').checked = tls.staticKey;
    byId('leak').checked = tls.leak;
    byId('message').value = tls.message;
  }

  /* ---------- Running the model ---------- */

  function handshake(options) {
    try {
      return api.tls12Handshake(options);
    } catch (e) {
      // Only options that are not an object of the documented members throw.
      return { steps: [], error: e.message, signatureValid: false, leak: null, record: null };
    }
  }

  /** Runs the handshake with the current settings and the kept randoms and keys. */
  function rerun() {
    const settings = readSettings();
    let options = buildOptions(settings, state.material);
    let report = handshake(options);
    // The page predicts the server's choice to pass that group's keys; should the model
    // ever choose otherwise, run again with the keys of the group it chose.
    const predicted = negotiatedGroup(settings.group, settings.clientGroups);
    if (report.group && report.group !== predicted && state.material.ephemeral[report.group]) {
      const keys = state.material.ephemeral[report.group];
      options = { ...options, clientEphemeral: keys.client, serverEphemeral: keys.server, malloryEphemeral: keys.mallory };
      report = handshake(options);
    }
    const oldCount = state.report?.steps.length ?? 0;
    state.settings = settings;
    state.options = options;
    state.report = report;
    state.routes = report.steps.map((step) => stepRoute(step, settings.mallory));
    const atEnd = oldCount > 0 && state.index >= oldCount - 1;
    state.reached = keepPosition(state.reached, oldCount, report.steps.length);
    state.index = atEnd ? state.reached : Math.min(keepPosition(state.index, oldCount, report.steps.length), state.reached);
    state.run += 1;
    state.checks = computeChecks(api, report, options);
    renderAll();
    signatureTools.reset();
    publish();
    const run = state.run;
    webCryptoChecks(api, report).then((results) => {
      if (run !== state.run) return; // a newer run replaced this one
      Object.assign(state.checks, results);
      renderCalculations();
    });
  }

  /* ---------- Rendering ---------- */

  function renderAll() {
    // The printed handout (handout.js) shows this run.
    settings.onRun?.({ report: state.report, options: state.options, routes: state.routes });
    stepper.renderSteps();
    stepper.renderError();
    renderCalculations();
    renderAttacker();
    renderInputs();
  }

  /** Shows a formula's values once its step is reached; says when or why not otherwise. */
  function formulaState(id, at) {
    const box = byId(id);
    const stateNode = box.querySelector('.formula-state');
    const body = box.querySelector('.formula-body');
    let text = '';
    const stopped = state.report.error && state.reached >= state.report.steps.length - 1;
    if (at === -1 && stopped) {
      text = 'Not reached: the handshake stopped before this was computed.';
    } else if (at === -1 && state.report.error) {
      text = 'Computed later in the handshake, if it gets that far: step on (or Run all).';
    } else if (at === -1) {
      text = 'Not computed in this run.';
    } else if (at > state.reached) {
      text = `Computed at step ${at + 1}: step on (or Run all) to see it.`;
    }
    stateNode.textContent = text;
    show(stateNode, Boolean(text));
    show(body, !text);
    box.classList.toggle('pending', Boolean(text));
    return !text;
  }

  function setHex(id, parts) {
    const node = byId(id);
    node.replaceWith(hexValue(id, parts));
  }

  function setCheck(id, result) {
    const node = byId(id);
    node.textContent = result?.text ?? '';
    node.className = `check${result?.ok === true ? ' ok' : ''}${result?.ok === false ? ' bad' : ''}`;
  }

  function renderCalculations() {
    const r = state.report;
    const steps = r.steps;
    const checks = state.checks;
    const cr = r.clientRandom ?? '';
    const sr = r.serverRandom ?? '';

    // The certificate: known when the client reads it. The report carries what the crate
    // read from it; nothing is parsed here.
    const cert = r.certificate;
    if (formulaState('f-certificate', cert ? steps.findIndex((st) => st.title === "Client reads the server's certificate") : -1)) {
      byId('v-cert-subject').textContent = cert.subject;
      byId('v-cert-issuer').textContent = cert.issuer;
      byId('v-cert-validity').textContent = `${cert.notBefore} to ${cert.notAfter}`;
      byId('v-cert-serial').textContent = cert.serialNumber;
      byId('v-cert-pem').textContent = cert.pem.trim();
      const inspect = byId('v-cert-inspect');
      inspect.hidden = !INSPECTOR;
      if (INSPECTOR) inspect.href = `${INSPECTOR}${inspectorFragment(cert.pem)}`;
      const trust = byId('v-cert-trust');
      trust.textContent = cert.pinned
        ? '✓ Its key is the pinned one. Self-signed: no authority vouches for it, so only pinning makes the client trust it.'
        : 'Not pinned: the client accepts any certificate.';
      trust.className = `verdict ${cert.pinned ? 'ok' : 'bad'}`;
    }

    // The signature: known when the client verifies it.
    if (formulaState('f-signature', r.signedData ? firstStepWith(steps, r.signedData) : -1)) {
      setHex('v-signed-data', [['client_random', r.signedData.slice(0, 64)], ['server_random', r.signedData.slice(64, 128)], ['ServerECDHParams', r.signedData.slice(128)]]);
      setHex('v-signature', [['signature', r.signature]]);
      const verdict = byId('v-signature-verdict');
      verdict.textContent = r.signatureValid
        ? '✓ Signature valid: the ECDH key comes from the holder of the certificate\'s (pinned) key.'
        : '✗ Signature invalid: the client stops before using this ECDH key.';
      verdict.className = `verdict ${r.signatureValid ? 'ok' : 'bad'}`;
      setCheck('check-signature', checks.signature);
    }

    const curve = CURVE_OF[r.group];
    byId('pre-master-expr').textContent = curve === 'P-256'
      ? 'pre_master_secret = x-coordinate of (client\'s ephemeral private key × server\'s ECDH public point), on P-256'
      : curve === 'X25519'
        ? 'pre_master_secret = X25519(client\'s ephemeral private key, server\'s ECDH public key)'
        : 'pre_master_secret = ECDH(client\'s ephemeral private key, server\'s ECDH public key)';
    if (formulaState('f-pre-master', firstStepWith(steps, r.preMasterSecret))) {
      setHex('v-server-public', [['server ECDH public key', serverPoint(r.serverEcdhParams)]]);
      setHex('v-pre-master', [['pre_master_secret', r.preMasterSecret]]);
      setCheck('check-pre-master', checks.preMaster);
    }

    if (formulaState('f-master', firstStepWith(steps, r.masterSecret))) {
      setHex('v-master-seed', [['client_random', cr], ['server_random', sr]]);
      setHex('v-master', [['master_secret', r.masterSecret]]);
      setCheck('check-master', checks.master);
    }

    if (formulaState('f-key-block', firstStepWith(steps, r.keyBlock))) {
      const parts = splitKeyBlock(r.keyBlock);
      setHex('v-key-seed', [['server_random', sr], ['client_random', cr]]);
      setHex('v-key-block', [['client_write_key', parts.clientWriteKey], ['server_write_key', parts.serverWriteKey], ['client_write_IV', parts.clientIv], ['server_write_IV', parts.serverIv]]);
      setHex('v-client-write-key', [['client_write_key', r.clientWriteKey]]);
      setHex('v-server-write-key', [['server_write_key', r.serverWriteKey]]);
      setHex('v-client-iv', [['client_write_IV', r.clientIv]]);
      setHex('v-server-iv', [['server_write_IV', r.serverIv]]);
      setCheck('check-key-block', checks.keyBlock);
    }

    // Finished: known when the server's Finished is built (the client's comes earlier).
    const serverFinishedAt = r.serverFinished ? firstStepWith(steps, `1400000c${r.serverFinished}`) : -1;
    if (formulaState('f-finished', serverFinishedAt)) {
      setHex('v-client-finished', [['client verify_data', r.clientFinished]]);
      setHex('v-server-finished', [['server verify_data', r.serverFinished]]);
      setCheck('check-finished', checks.finished);
    }

    const rec = r.record;
    if (formulaState('f-record', rec ? firstStepWith(steps, rec.wire) : -1)) {
      const text = fromUtf8(fromHex(rec.plaintext));
      byId('v-plaintext').textContent = text === null ? rec.plaintext : `“${text}” (${rec.plaintext})`;
      setHex('v-nonce', [['client_write_IV', rec.nonce.slice(0, 8)], ['explicit_nonce', rec.nonce.slice(8)]]);
      setHex('v-aad', [['seq_num', rec.aad.slice(0, 16)], ['type', rec.aad.slice(16, 18)], ['version', rec.aad.slice(18, 22)], ['length', rec.aad.slice(22)]]);
      setHex('v-ciphertext', [['ciphertext', rec.ciphertext.slice(0, -32)], ['tag', rec.ciphertext.slice(-32)]]);
      setCheck('check-record', checks.record);
    }
  }

  function renderAttacker() {
    const { report, settings } = state;
    const section = byId('attacker');
    show(section, settings.leak);
    if (!settings.leak) {
      state.announcedLeak = '';
      return;
    }
    const wait = byId('attacker-wait');
    const body = byId('attacker-body');
    const atEnd = state.reached >= report.steps.length - 1;
    let waiting = '';
    if (!report.leak) {
      waiting = report.error
        ? 'The handshake stopped, so there is no connection to record and nothing to decrypt.'
        : 'The exercise did not run.';
    } else if (!atEnd) {
      waiting = 'The leak happens after the connection has ended: step to the end (or Run all).';
    }
    wait.textContent = waiting;
    show(wait, Boolean(waiting));
    show(body, !waiting);
    if (waiting) {
      state.announcedLeak = '';
      return;
    }

    const leak = report.leak;
    byId('attacker-has').replaceChildren(...leak.attackerHas.flatMap((item) => [
      el('dt', { text: item.name }),
      el('dd', { children: [el(item.value.startsWith('-----') ? 'pre' : 'output', { cls: 'bytes', text: item.value })] }),
    ]));
    stepper.keepFocus(() => {
      byId('attacker-steps').replaceChildren(...leak.steps.map((step, i) => attackerStep(step, i)));
    });
    const verdict = byId('leak-verdict');
    verdict.textContent = leak.decrypted
      ? `✗ Decrypted: the attacker reads “${leak.plaintext}”.`
      : '✓ Not decrypted: the recorded connection stays sealed.';
    verdict.className = `verdict ${leak.decrypted ? 'bad' : 'ok'}`;
    byId('leak-explanation').textContent = leak.explanation;
    // Said once when the verdict appears or changes, not again on every keystroke of the message.
    if (state.announcedLeak !== verdict.textContent) {
      state.announcedLeak = verdict.textContent;
      announce(`After the leak: ${verdict.textContent}`);
    }
  }

  function renderInputs() {
    const { options, report } = state;
    const group = report.group ?? negotiatedGroup(options.group, options.clientGroups) ?? options.group;
    const rows = [
      ['client_random', options.clientRandom, 'in-client-random'],
      ['server_random', options.serverRandom, 'in-server-random'],
      [`client's ephemeral private key (${group}, raw)`, options.clientEphemeral, 'in-client-ephemeral'],
      [`server's ${options.staticServerKey ? 'static' : 'ephemeral'} ECDH private key (${group}, raw)`, options.serverEphemeral, 'in-server-ephemeral'],
      ['server identity private key (ECDSA P-256, PKCS#8)', options.serverIdentity, 'in-server-identity'],
      [`Mallory's ECDH private key (${group}, raw)`, options.malloryEphemeral, 'in-mallory-ephemeral'],
      ['Mallory\'s identity private key (ECDSA P-256, PKCS#8)', options.malloryIdentity, 'in-mallory-identity'],
    ];
    byId('inputs-list').replaceChildren(...rows.flatMap(([name, value, id]) => [
      el('dt', { text: name }),
      el('dd', { children: [el(value.startsWith('-----') ? 'pre' : 'output', { cls: 'bytes', text: value, attrs: { id } })] }),
    ]));
  }

  /* ---------- The client's groups ---------- */

  function renderGroups() {
    const list = byId('client-groups');
    stepper.keepFocus(() => {
      list.replaceChildren(...state.order.map((group, i) => {
        const id = `offer-${group}`;
        const box = el('input', { attrs: { type: 'checkbox', id, 'data-focus-key': id } });
        box.checked = state.offered.has(group);
        box.addEventListener('change', () => {
          if (box.checked) state.offered.add(group);
          else state.offered.delete(group);
          rerun();
          announce(`The client ${box.checked ? 'now offers' : 'no longer offers'} ${group}`);
        });
        const name = IMPLEMENTED.includes(group) ? group : `${group} (not implemented by the server)`;
        const move = (delta, label, text) => {
          const atEdge = (delta < 0 && i === 0) || (delta > 0 && i === state.order.length - 1);
          const button = el('button', {
            cls: 'move',
            text,
            attrs: { type: 'button', 'aria-label': `Move ${group} ${label}`, 'aria-disabled': String(atEdge), 'data-focus-key': `move-${group}-${label}` },
          });
          button.addEventListener('click', () => {
            if (button.getAttribute('aria-disabled') === 'true') return;
            state.order = moveGroup(state.order, group, delta);
            renderGroups();
            rerun();
            announce(`${group} moved ${label}: the client's order is ${state.order.filter((g) => state.offered.has(g)).join(', ') || 'empty'}`);
          });
          return button;
        };
        return el('li', {
          children: [
            el('span', { cls: 'offer', children: [box, el('label', { text: name, attrs: { for: id } })] }),
            el('span', { cls: 'moves', children: [move(-1, 'up', '↑'), move(1, 'down', '↓')] }),
          ],
        });
      }));
    });
  }

  /* ---------- Start ---------- */

  function bind() {
    byId('group').addEventListener('change', () => {
      rerun();
      announce(`The server now prefers ${byId('group').value}; it chose ${state.report.group ?? 'no group'}`);
    });
    for (const radio of root.querySelectorAll('input[name="mallory"]')) {
      radio.addEventListener('change', () => {
        rerun();
        // What the client makes of it is the lesson: step on to find out.
        announce(byId('mallory-none').checked ? 'Mallory is gone from the wire' : 'Mallory is on the wire: step on to see what the client does');
      });
    }
    byId('static-key').addEventListener('change', () => {
      rerun();
      announce(byId('static-key').checked ? 'The server now uses a static ECDH key' : 'The server makes a fresh ECDH key for each connection');
    });
    byId('leak').addEventListener('change', () => {
      rerun();
      if (!byId('leak').checked) announce('No leak');
      else if (state.index < state.report.steps.length - 1) announce('The leak is shown once the connection has ended: step to the end, or Run all');
    });
    byId('message').addEventListener('input', () => rerun());
    byId('regenerate').addEventListener('click', () => {
      round += 1;
      state.material = makeMaterial();
      rerun();
      announce('New randoms and keys: every value of the run changes');
    });
  }

  const status = byId('status');
  api = await readyFor(status, build);
  showSeedBanner(byId, settings.seed, 'the randoms and keys of this handshake', refusedSeedText(settings));
  const stepper = mountStepper({
    root, byId, announce, state, publish,
    row: diagramRow,
    onStep: () => {
      renderCalculations();
      renderAttacker();
    },
  });
  bindStepLink(byId, announce, { embedded: settings.embedded, lessonState });
  // WebCrypto's own verdict on the ServerKeyExchange signature the client received, and
  // the same check in Python, WebCrypto and openssl.
  const signatureTools = mountTools(root.querySelector('[data-tools="ecdsa"]'), {
    announce,
    snippets: () => snippets.ecdsaVerify({
      publicKeyPem: state.report.serverIdentityPublicKey,
      messageHex: state.report.signedData,
      signatureHex: state.report.signature,
    }),
    check: () => crosscheck.ecdsaVerify({
      publicKeySpkiPem: state.report.serverIdentityPublicKey,
      messageHex: state.report.signedData,
      signatureHex: state.report.signature,
      expected: state.report.signatureValid,
    }),
  });
  // Inside someone's course page the lesson is the teacher's: no handout to print.
  byId('print-buttons').hidden = Boolean(settings.embedded);
  applyLesson(settings.tls);
  state.material = makeMaterial();
  renderGroups();
  bind();
  rerun();
  // A shared link may open the lesson at a step (#step=5, counted from 1). Links made
  // before the Certificate message joined the handshake count one step fewer from the
  // client's reading of the certificate on: they are mapped, not broken.
  if (settings.step) stepper.goTo(mapOldStep(settings.step, settings.stepNumbering, state.report.steps) - 1);
  status.textContent = 'Ready.';
  status.dataset.ready = 'true';
  // Said to screen readers; on screen only while loading, or when loading fails.
  status.classList.add('visually-hidden');
}
