// Part 3 of the curve lab: k·G by double-and-add. k's bits, each double and add step
// from the crate's ToyCurve.multiply listed and drawn on the plot one at a time (Step,
// Back, Run), and the result shown equal to G added to itself k times.
import { el, fieldError, show, onAction } from './dom.js';
import { createScatter } from './curve-scatter.js';
import { bitsOf, count, fieldPoint, readInteger } from './curve-real-math.js';

const RUN_MS = 700;
/** Repeated addition is shown for k up to this; beyond, k mod n. */
const REPEAT_LIMIT = 200_000;

/** Builds part 3 on the shared `lab`; it follows part 2's curve and G. */
export function mountLadder({ byId, announce }, lab) {
  const input = byId('c-k');
  const error = byId('c-k-error');
  const list = byId('c-steps');
  const scatter = createScatter(byId('c-ladder-plot'), 'Double-and-add on the toy curve');
  const buttons = { step: byId('c-step'), back: byId('c-back'), run: byId('c-run') };
  const state = { k: null, steps: [], multiples: [], shown: 0, timer: null };

  const stop = () => {
    clearInterval(state.timer);
    state.timer = null;
    buttons.run.textContent = 'Run';
  };

  const render = () => {
    const { steps, shown, multiples } = state;
    [...list.children].forEach((item, i) => {
      item.classList.toggle('done', i < shown);
      if (i === shown - 1) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    });
    buttons.back.disabled = shown === 0;
    buttons.step.disabled = shown >= steps.length;
    buttons.run.disabled = steps.length === 0;
    const trail = steps.slice(0, shown).map((s) => s.point);
    scatter.layer('trail', trail, { cls: 'trail-points', path: true });
    const current = shown > 0 ? steps[shown - 1] : null;
    scatter.layer('current', [current?.point ?? null], {
      cls: 'current',
      labels: [current ? `${multiples[shown - 1]}G` : ''],
    });
    scatter.layer('g', [lab.G], { cls: 'base-point', labels: ['G'] });
    byId('c-step-counter').textContent = `Step ${shown} of ${steps.length}${current ? `: R = ${multiples[shown - 1]}G = ${fieldPoint(current.point)}` : ''}`;
  };

  const compute = () => {
    stop();
    const read = readInteger(input.value, 'k');
    let message = read.error ?? (read.value < 0 ? `k must be a whole number ≥ 0, got ${read.value}` : '');
    let result = null;
    if (!message) {
      try {
        result = lab.curve.multiply(read.value, lab.G);
      } catch (e) {
        message = e.message;
      }
    }
    // What was typed stays; the message says what to change.
    fieldError(input, error, message);
    if (message) return;
    const k = read.value;
    state.k = k;
    state.steps = result.steps;
    state.shown = 0;
    // The multiple of G that R holds after each step.
    let m = 0;
    state.multiples = result.steps.map((s) => {
      m = s.op === 'double' ? 2 * m : m + 1;
      return m;
    });
    const bits = bitsOf(k);
    byId('c-bits').textContent = k === 0 ? 'k = 0: 0·G = O, nothing to do.' : `k = ${count(k)} = ${bits} in binary (${bits.length} bits, ${[...bits].filter((b) => b === '1').length} of them 1)`;
    let bitIndex = -1;
    list.replaceChildren(...result.steps.map((s, i) => {
      if (s.op === 'add' && i === 0) bitIndex = 0;
      if (s.op === 'double') bitIndex += 1;
      const what = s.op === 'double'
        ? `double: R ← 2R = ${state.multiples[i]}G = ${fieldPoint(s.point)}`
        : i === 0
          ? `add: R ← O + G = G = ${fieldPoint(s.point)} (the leading 1)`
          : `add: R ← R + G = ${state.multiples[i]}G = ${fieldPoint(s.point)}`;
      return el('li', { children: [el('span', { cls: 'bit', text: `bit ${bitIndex + 1}: ${s.bit}` }), ` ${what}`] });
    }));
    const doubles = result.steps.filter((s) => s.op === 'double').length;
    const adds = result.steps.length - doubles;
    // The same point by plain repeated addition (for k past the limit, k mod n: nG = O).
    const reduced = k > REPEAT_LIMIT ? k % lab.n : k;
    let R = null;
    for (let i = 0; i < reduced; i += 1) R = lab.curve.add(R, lab.G);
    const same = fieldPoint(R) === fieldPoint(result.point);
    byId('c-check').textContent = k === 0
      ? ''
      : `${count(k)}·G = ${fieldPoint(result.point)} in ${doubles} doublings and ${Math.max(0, adds - 1)} additions (the first add only places G). ${k > REPEAT_LIMIT ? `${count(k)} mod ${count(lab.n)} = ${count(reduced)}, and G` : 'G'} + G + … + G, ${count(reduced)} times (${count(Math.max(0, reduced - 1))} additions), gives ${fieldPoint(R)}: ${same ? 'the same point' : 'a different point (a bug: please report it)'}.`;
    byId('c-check').classList.toggle('ok', same);
    render();
  };

  const go = (delta) => {
    state.shown = Math.min(state.steps.length, Math.max(0, state.shown + delta));
    render();
    const item = list.children[state.shown - 1];
    announce(item ? item.textContent : 'Back at the start: R = O');
  };

  buttons.step.addEventListener('click', () => {
    stop();
    go(1);
  });
  buttons.back.addEventListener('click', () => {
    stop();
    go(-1);
  });
  buttons.run.addEventListener('click', () => {
    if (state.timer) {
      stop();
      return;
    }
    if (state.shown >= state.steps.length) state.shown = 0;
    buttons.run.textContent = 'Pause';
    state.timer = setInterval(() => {
      if (state.shown >= state.steps.length) {
        stop();
        render();
        return;
      }
      go(1);
    }, RUN_MS);
  });
  onAction(byId('c-k-form'), byId('c-k-go'), () => {
    compute();
  });

  lab.listeners.push(() => {
    scatter.setCurve(lab.p, lab.flat, `${lab.curve.equation}, ${count(lab.flat.length / 2)} points`);
    compute();
  });
  show(byId('c-ladder'), true);
}
