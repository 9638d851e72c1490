// The TLS 1.3 handshake page: settings in, the model's report out (tls13Handshake), shown
// as a sequence diagram stepped one message at a time, the ClientHello against a packet,
// RFC 8446 §7.1's key schedule box by box, the certificate and signature, the
// forward-secrecy exercise, and a TLS 1.2 run on the same keys side by side.
import { readyFor } from './load.js';
import { show, scope } from './dom.js';
import { MARKUP13 } from './views/tls13-markup.js';
import { diagramRow } from './tls12-view.js';
import { GROUPS13, buildOptions13, routes13, recordsOf } from './tls13-steps.js';
import { recordView } from './tls13-view.js';
import { renderPacket, renderCertificate, renderAttacker, renderCompare, renderInputs } from './tls13-sections.js';
import { drawSchedule } from './tls13-schedule.js';
import { KNOWN_INPUTS } from './tls13-known.js';
import { sitePage } from './site.js';
import { mountTools } from './tools.js';
import { mountStepper, runKeys, showSeedBanner, bindStepLink } from './tls-stepper.js';
import { refusedSeedText } from './lesson.js';
import * as crosscheck from './crosscheck.js';
import * as snippets from './snippets.js';

// The key inspector beside this page (not in the single file, which has none).
const INSPECTOR = sitePage('inspect.html');

/**
 * Builds the TLS 1.3 walk-through in `container` (a page's <main>, an embed, a custom
 * element's shadow root) and runs a first handshake. `settings.tls13` is the lesson
 * (tls13-steps.js's readTls13Lesson). Resolves once it is ready.
 */
export async function mountTls13(container, settings = {}, build = 'full') {
  const template = document.createElement('template');
  template.innerHTML = MARKUP13;
  container.append(template.content);
  const { root, byId, announce } = scope(container);
  const lesson = settings.tls13 ?? {};
  let api;
  let round = lesson.round ?? 0;
  let known = lesson.known ?? null;
  const state = {
    material: null, settings: null, options: null, report: null, report12: null,
    routes: [], index: 0, reached: 0, schedule: null, scheduleHash: null, announcedLeak: '',
  };

  /* ---------- Inputs ---------- */

  /**
   * Randoms and keys: fresh, or in a seeded lesson derived from the seed (round counts
   * the "New randoms and keys" presses). One 32-byte private key per party serves every
   * group (a P-256 scalar is also an X25519 key and a seed for the hybrid's key pair).
   */
  function makeMaterial() {
    const keys = runKeys(api, settings.seed, 'tls13', round);
    const { random, pem } = keys;
    const raw = (name) => keys.raw('P-256', name);
    return {
      clientRandom: random('client random'),
      serverRandom: random('server random'),
      client: raw('client key share'),
      server: raw('server key share'),
      mallory: raw('mallory key share'),
      serverIdentity: pem('server identity'),
      malloryIdentity: pem('mallory identity'),
    };
  }

  function readInputs() {
    return {
      group: byId('group').value,
      guess: byId('guess').value,
      mallory: root.querySelector('input[name="mallory"]:checked')?.value ?? 'none',
      staticServerKey: byId('static-key').checked,
      message: byId('message').value,
      leak: byId('leak').checked,
      compare: byId('compare').checked,
    };
  }

  /** The lesson's public state for the link and the embed snippets: never a key. */
  function lessonState() {
    const s = readInputs();
    return {
      seed: settings.seed ?? null,
      view: settings.view ?? 'all',
      step: state.index > 0 ? state.index + 1 : null,
      theme: settings.theme,
      tls13: {
        group: s.group, guess: s.guess, mallory: s.mallory, staticKey: s.staticServerKey,
        leak: s.leak, message: s.message, round, known, compare: s.compare,
      },
    };
  }

  const publish = () => settings.onChange?.(lessonState());

  function applyLesson() {
    if (GROUPS13.includes(lesson.group)) byId('group').value = lesson.group;
    if (GROUPS13.includes(lesson.guess)) byId('guess').value = lesson.guess;
    if (lesson.mallory) byId(`mallory-${lesson.mallory}`).checked = true;
    byId('static-key').checked = Boolean(lesson.staticKey);
    byId('leak').checked = Boolean(lesson.leak);
    byId('compare').checked = Boolean(lesson.compare);
    if (lesson.message !== undefined) byId('message').value = lesson.message;
  }

  /* ---------- Running the model ---------- */

  const run = (fn, options) => {
    try {
      return fn(options);
    } catch (e) {
      return { steps: [], flights: [], error: e.message, leak: null, secrets: {}, keySchedule: null };
    }
  };

  function rerun() {
    const s = readInputs();
    const options = buildOptions13(s, state.material);
    const report = run(api.tls13Handshake, options);
    const oldCount = state.report?.steps.length ?? 0;
    Object.assign(state, { settings: s, options, report, routes: routes13(report) });
    const count = report.steps.length;
    const atEnd = oldCount > 0 && state.index >= oldCount - 1;
    state.reached = count === 0 ? 0 : Math.min(atEnd ? count - 1 : state.reached, count - 1);
    state.index = atEnd ? state.reached : Math.min(state.index, state.reached);
    // The 1.2 run: the same randoms and keys, on x25519 when 1.3 runs the hybrid.
    const g12 = report.group === 'secp256r1' ? 'secp256r1' : 'x25519';
    state.report12 = s.compare
      ? run(api.tls12Handshake, { ...options, group: g12, clientGroups: [g12, g12 === 'x25519' ? 'secp256r1' : 'x25519'] })
      : null;
    renderAll();
    expandTools.reset();
    publish();
    // The printed handout (handout.js) shows this run.
    settings.onRun?.({ report, options, routes: state.routes, settings: s, round });
  }

  /* ---------- Rendering ---------- */

  function renderAll() {
    stepper.renderSteps();
    stepper.renderError();
    renderPacket(byId, state);
    renderSchedule();
    renderCertificate(byId, state, INSPECTOR);
    renderAttacker(byId, state, announce);
    renderCompare(byId, state);
    renderInputs(byId, state);
  }

  function renderSchedule() {
    const detail = byId('schedule-detail');
    const chosenId = state.schedule?.chosen()?.id ?? null;
    const knownInput = known ? KNOWN_INPUTS[known] : null;
    let diagram = state.report.keySchedule;
    const source = byId('schedule-source');
    const link = byId('schedule-known');
    if (knownInput) {
      diagram = api.tls13KeyScheduleDiagram(knownInput.input);
      source.textContent = `Showing the inputs of ${knownInput.title} (${knownInput.href}): its shared secret and transcript hashes, with ${knownInput.input.cipherSuite}. Every box must show its published value.`;
      link.textContent = 'Show this run\'s key schedule instead';
    } else {
      source.textContent = diagram ? `This run's key schedule, ${diagram.cipherSuite} with ${diagram.hash}.` : '';
      link.textContent = `Show the published values of ${KNOWN_INPUTS.illustrated.title} instead`;
    }
    link.href = '#';
    const wait = byId('schedule-wait');
    wait.textContent = diagram ? '' : 'The key schedule appears once the client has both transcript hashes: the handshake did not get that far.';
    show(wait, !diagram);
    if (!diagram) {
      byId('schedule').replaceChildren();
      detail.hidden = true;
      state.schedule = null;
      return;
    }
    state.scheduleHash = diagram.hash;
    stepper.keepFocus(() => {
      state.schedule = drawSchedule(byId('schedule'), detail, diagram, { onChoose: () => expandTools?.reset(), initial: chosenId });
    });
  }

  function bind() {
    for (const id of ['group', 'guess']) {
      byId(id).addEventListener('change', () => {
        rerun();
        const r = state.report;
        announce(`The server chose ${r.group ?? 'no group'}${r.helloRetryRequest ? ' after a HelloRetryRequest: the client guessed another group' : ''}`);
      });
    }
    for (const radio of root.querySelectorAll('input[name="mallory"]')) {
      radio.addEventListener('change', () => {
        rerun();
        announce(byId('mallory-none').checked ? 'Mallory is gone from the wire' : 'Mallory is on the wire: step on to see which check fails');
      });
    }
    byId('static-key').addEventListener('change', () => rerun());
    byId('leak').addEventListener('change', () => {
      rerun();
      if (byId('leak').checked && state.index < state.report.steps.length - 1) announce('The leak is shown once the connection has ended: step to the end, or Run all');
    });
    byId('compare').addEventListener('change', () => {
      rerun();
      if (byId('compare').checked) announce('TLS 1.2 on the same keys: the comparison is below');
    });
    byId('message').addEventListener('input', () => rerun());
    byId('regenerate').addEventListener('click', () => {
      round += 1;
      state.material = makeMaterial();
      rerun();
      announce('New randoms and keys: every value of the run changes');
    });
    byId('schedule-known').addEventListener('click', (event) => {
      event.preventDefault();
      known = known ? null : 'illustrated';
      renderSchedule();
      expandTools.reset();
      publish();
      announce(known ? 'The key schedule now shows the published values of The Illustrated TLS 1.3 Connection' : 'The key schedule shows this run again');
    });
  }

  /** The chosen box as HKDF-Expand-Label's arguments, or an error for an HKDF-Extract box. */
  function expandArgs() {
    const box = state.schedule?.chosen();
    if (!box || box.operation === 'HKDF-Extract') throw new Error('choose a Derive-Secret or HKDF-Expand-Label box: HKDF-Extract is one HMAC, with no label');
    const hash = state.scheduleHash;
    return { secretHex: box.inputs[0].value, label: box.label, contextHex: box.inputs[1]?.value ?? '', length: box.length, hash, expected: box.output };
  }

  const status = byId('status');
  api = await readyFor(status, build);
  showSeedBanner(byId, settings.seed, 'the randoms and keys of this handshake', refusedSeedText(settings));
  const stepper = mountStepper({
    root, byId, announce, state, publish,
    row: (step, i, route, options) => diagramRow(step, i, route, {
      ...options,
      extra: (at) => recordsOf(state.report, at).map((r, n) => recordView(r, at, n)),
    }),
    onStep: () => {
      renderCertificate(byId, state, INSPECTOR);
      renderAttacker(byId, state, announce);
    },
  });
  bindStepLink(byId, announce, { embedded: settings.embedded, lessonState });
  // Inside someone's course page the lesson is the teacher's: no handout to print.
  byId('print-buttons').hidden = Boolean(settings.embedded);
  const expandTools = mountTools(root.querySelector('[data-tools="expand-label"]'), {
    announce,
    snippets: () => {
      const { expected, ...args } = expandArgs();
      return snippets.hkdfExpandLabel(args);
    },
    check: () => {
      let args;
      try {
        args = expandArgs();
      } catch (e) {
        return Promise.resolve({ status: 'unsupported', detail: e.message });
      }
      const { expected, ...rest } = args;
      return crosscheck.hkdfExpandLabel({ ...rest, expectedHex: expected });
    },
  });
  // The site's other pages; the single file has them as views of its own.
  byId('compare-tls12').href = sitePage('tls12.html') ?? '?view=tls12';
  byId('resume-link').href = sitePage('resume.html') ?? '?view=resume';
  applyLesson();
  state.material = makeMaterial();
  bind();
  rerun();
  if (settings.step) stepper.goTo(settings.step - 1);
  status.textContent = 'Ready.';
  status.dataset.ready = 'true';
  status.classList.add('visually-hidden');
}
