// What the TLS 1.2 and 1.3 walk-throughs share: the stepped sequence diagram (its rows up
// to the furthest step reached, the stepper that travels with the current step, the
// failure said once its step is reached, Back / Next / Run all / Start again), the
// randoms and keys of a run (fresh, or from a lesson's seed), the seed banner and the
// "Copy link" button. Each page keeps what is its own: settings, report, sections.
import { toHex, utf8 } from './bytes.js';
import { el, show, copyFrom } from './dom.js';
import { fragmentOf, pageQuery } from './lesson.js';
import { routeText, pageError } from './tls12-steps.js';

/**
 * Mounts the stepper on a page built with the TLS markup (#sequence, #steps, #stepper,
 * #stepper-home, #step-counter, #handshake-error, #next, #back, #run-all, #restart).
 * `state` holds { report, routes, settings, index, reached } and is read at each call;
 * `row(step, i, route, options)` draws one diagram row (tls12-view.js's diagramRow,
 * with the page's extras); `onStep()` redraws what depends on the step shown;
 * `publish()` passes the lesson's state on (the link, the embed snippets).
 * Returns { keepFocus, renderSteps, renderError, goTo }.
 */
export function mountStepper({ root, byId, announce, state, row, onStep = () => {}, publish = () => {} }) {
  /**
   * Gives focus back to the element that had it before a re-render replaced or moved it,
   * and keeps it where it was on the screen (the stepper moves with the current step).
   */
  function keepFocus(render) {
    const active = root.activeElement;
    const key = active?.dataset?.focusKey;
    const top = key ? active.getBoundingClientRect().top : null;
    render();
    if (!key || root.activeElement === active) return;
    const again = active.isConnected ? active : root.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    const target = again ?? byId('next');
    target.focus({ preventScroll: true });
    if (top !== null) window.scrollBy(0, target.getBoundingClientRect().top - top);
    target.scrollIntoView({ block: 'nearest' });
  }

  function renderSteps() {
    const { report, routes, index } = state;
    const withMallory = state.settings.mallory !== 'none';
    byId('sequence').classList.toggle('with-mallory', withMallory);
    byId('middle-lane').textContent = withMallory ? 'Mallory' : 'the network';
    const stepper = byId('stepper');
    keepFocus(() => {
      const rows = report.steps.slice(0, state.reached + 1).map((step, i) => row(step, i, routes[i], {
        current: i === index,
        later: i > index,
        onSelect: (to) => goTo(to),
      }));
      byId('steps').replaceChildren(...rows);
      // The stepper moves with the current step, right under its name: Back and Next
      // stay next to what they change, and a keyboard user's focus goes with the step.
      const current = rows[index];
      if (current) current.insertBefore(stepper, current.querySelector('.step-detail'));
      else byId('stepper-home').append(stepper);
    });
    const count = report.steps.length;
    byId('step-counter').textContent = count === 0 ? 'No steps: the handshake could not start.' : `Step ${index + 1} of ${count}`;
    byId('back').setAttribute('aria-disabled', String(index <= 0));
    byId('restart').setAttribute('aria-disabled', String(state.reached <= 0));
    byId('next').setAttribute('aria-disabled', String(index >= count - 1));
    byId('run-all').setAttribute('aria-disabled', String(index >= count - 1));
  }

  /** The failure, said once the step where it happens is reached (not before: that is the lesson). */
  function renderError() {
    const { report } = state;
    const error = report.error ? pageError(report.error) : '';
    const end = /[.!?]$/.test(error) ? '' : '.';
    const reached = state.reached >= report.steps.length - 1;
    const text = !error ? ''
      : report.steps.length === 0 ? `The handshake cannot start: ${error}${end}`
        : reached ? `The handshake stops at step ${report.steps.length}: ${error}${end}` : '';
    const banner = byId('handshake-error');
    if (banner.textContent !== text) banner.textContent = text;
    show(banner, Boolean(text));
  }

  /** Shows step `target`; `restart` forgets the steps reached after it. */
  function goTo(target, { restart = false } = {}) {
    const count = state.report.steps.length;
    if (count === 0) return;
    const index = Math.min(Math.max(target, 0), count - 1);
    state.index = index;
    state.reached = restart ? index : Math.max(state.reached, index);
    publish();
    renderSteps();
    renderError();
    onStep();
    const last = index === count - 1 && state.report.error ? ` The handshake stops: ${pageError(state.report.error)}` : '';
    announce(`Step ${index + 1} of ${count}: ${state.report.steps[index].title}. ${routeText(state.routes[index])}.${last}`);
  }

  const disabled = (id) => byId(id).getAttribute('aria-disabled') === 'true';
  byId('next').addEventListener('click', () => { if (!disabled('next')) goTo(state.index + 1); });
  byId('back').addEventListener('click', () => { if (!disabled('back')) goTo(state.index - 1); });
  byId('run-all').addEventListener('click', () => { if (!disabled('run-all')) goTo(state.report.steps.length - 1); });
  byId('restart').addEventListener('click', () => { if (!disabled('restart')) goTo(0, { restart: true }); });

  return { keepFocus, renderSteps, renderError, goTo };
}

/**
 * A run's randoms and keys: fresh from the browser's randomness, or in a seeded lesson
 * derived from the seed under `prefix` (round counts the "New randoms and keys"
 * presses), so a class sees the same handshake. Returns { random(name, length),
 * raw(curve, name), pem(name) }: hex, a raw private key, an ECDSA P-256 key's PKCS#8 PEM.
 */
export function runKeys(api, seedText, prefix, round) {
  const seed = seedText ? utf8(seedText) : null;
  const label = (name) => (round ? `${prefix} ${name}#${round}` : `${prefix} ${name}`);
  return {
    random: (name, length = 32) => (seed
      ? toHex(api.hkdf(seed, null, utf8(label(name)), length))
      : toHex(crypto.getRandomValues(new Uint8Array(length)))),
    raw: (curve, name) => {
      const pair = seed ? api.KeyPair.fromSeed(curve, seed, label(name)) : api.KeyPair.generate(curve);
      try {
        return pair.revealPrivateKey('raw');
      } finally {
        pair.free();
      }
    },
    pem: (name) => {
      const key = seed ? api.SigningKey.fromSeed(seed, label(name)) : api.SigningKey.generate();
      try {
        return key.revealPrivateKey('pem');
      } finally {
        key.free();
      }
    },
  };
}

/** The banner of a seeded lesson (#seed-banner); `what` names what the seed makes. */
export function showSeedBanner(byId, seed, what, refused = '') {
  const banner = byId('seed-banner');
  banner.hidden = !seed && !refused;
  banner.textContent = seed
    ? `Seeded lesson “${seed}”: ${what} come from the seed, so everyone with the same seed sees the same bytes. These keys are for teaching: they are not secret.`
    : refused;
}

/**
 * The "Copy link" button (#share): copies `link()` and says `said`. Hidden inside
 * someone's course page, where the lesson is the teacher's.
 */
export function bindShare(byId, announce, { embedded, link, said }) {
  const button = byId('share');
  button.hidden = Boolean(embedded);
  button.addEventListener('click', () => {
    const holder = el('textarea', { cls: 'share-link', attrs: { readonly: '', 'aria-label': 'Link to this lesson' } });
    holder.value = link();
    button.after(holder);
    copyFrom(holder, button).then(() => setTimeout(() => holder.remove(), 2500));
    announce(said);
  });
}

/** The TLS walk-throughs' "Copy link": this page with the lesson's state, step included. */
export function bindStepLink(byId, announce, { embedded, lessonState }) {
  bindShare(byId, announce, {
    embedded,
    link: () => {
      const url = new URL(window.location.href);
      url.search = pageQuery(url.search);
      url.hash = fragmentOf(lessonState());
      return url.href;
    },
    said: 'Link copied: it holds the seed, the settings and the step, never a private key',
  });
}
