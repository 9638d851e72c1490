// Part 4 of the curve lab: toy ECDH and Eve. Alice's a and Bob's b, A = aG and B = bG,
// both reaching abG, all on the plot. Eve then brute-forces the discrete log of A (in the
// worker, with progress and Cancel), and her time is set against P-256: the rate of real
// P-256 scalar multiplications measured in this browser, converted to point additions,
// times the 2^128 steps of Pollard's rho.
import { fieldError, show, onAction } from './dom.js';
import { createScatter } from './curve-scatter.js';
import { count, fieldPoint, readInteger, years, ratePerSecond, MIN_TIMED_MS } from './curve-real-math.js';
import { runJob, JobCancelled } from './jobs.js';

/** Point operations per P-256 scalar multiplication: ~256 doublings + ~128 additions. */
export const OPERATIONS_PER_ECDH = 384;
const SLOW = { slice: 5, pace: 40 };
const FAST = { slice: 20_000, pace: 0 };

const pause = (ms) => new Promise((resolve) => {
  setTimeout(resolve, ms);
});

/** P-256 ECDH computations per second in this browser, measured in short slices. */
async function measureP256(api) {
  const alice = api.KeyPair.generate('P-256');
  const bob = api.KeyPair.generate('P-256');
  try {
    const peer = bob.publicKey('raw');
    alice.sharedSecret(peer); // warm-up (p256 builds its tables on first use)
    let runs = 0;
    let ms = 0;
    while (ms < 250) {
      const start = performance.now();
      for (let i = 0; i < 5; i += 1) alice.sharedSecret(peer);
      ms += performance.now() - start;
      runs += 5;
      await pause(0);
    }
    return (runs / ms) * 1000;
  } finally {
    alice.free();
    bob.free();
  }
}

/** "3.2 × 10^25" from { mantissa, exponent }. */
const power = ({ mantissa, exponent }) => `${mantissa.toFixed(1)} × 10^${exponent}`;

/** Eve's speed for her result: measured, or said to be too quick to time (rate null). */
function speedSentence(rate, ms) {
  if (rate !== null) return `${count(rate)} tries per second, one point addition each.`;
  const took = ms < 1 ? 'under a millisecond' : `under ${MIN_TIMED_MS} ms`;
  return `Her tries took ${took}: too quick to time, so no rate is given.`;
}

/** Builds part 4 on the shared `lab`; it follows part 2's curve and G. */
export function mountExchange({ byId, announce }, lab, { playgroundHref }) {
  const fields = { a: byId('c-alice'), b: byId('c-bob') };
  const error = byId('c-ecdh-error');
  const scatter = createScatter(byId('c-ecdh-plot'), 'Toy ECDH on the curve');
  const eve = {
    start: byId('c-eve-start'), cancel: byId('c-eve-cancel'), slow: byId('c-eve-slow'),
    bar: byId('c-eve-progress'), status: byId('c-eve-status'), result: byId('c-eve-result'),
    p256: byId('c-eve-p256'),
  };
  byId('c-playground-link').href = playgroundHref;
  const state = { A: null, a: null, computed: false, running: null };

  const random = () => 2 + Math.floor(Math.random() * Math.max(1, lab.n - 2));

  /**
   * Empties the exchange: after a rejected a or b, the old A and B (and Eve's answer for
   * them) would be read as the rejected value's, and Eve would attack a key no longer
   * asked for. The next valid a and b fill it again.
   */
  const clearExchange = () => {
    Object.assign(state, { A: null, a: null, computed: false });
    for (const id of ['c-A', 'c-B', 'c-alice-s', 'c-bob-s', 'c-ecdh-verdict']) byId(id).textContent = '';
    byId('c-ecdh-verdict').className = 'verdict';
    scatter.clear('keys');
    scatter.clear('shared');
    eve.start.disabled = true;
    eve.result.textContent = '';
    eve.p256.textContent = '';
  };

  const compute = () => {
    // New keys: a search for the old A would answer the wrong question.
    state.running?.abort();
    const values = {};
    let message = '';
    for (const [name, field] of Object.entries(fields)) {
      const read = readInteger(field.value, name);
      const bad = read.error ?? (read.value < 1 ? `${name} must be at least 1, got ${read.value}` : '');
      if (bad) {
        field.setAttribute('aria-invalid', 'true');
        message ||= bad;
      } else {
        field.removeAttribute('aria-invalid');
        values[name] = read.value;
      }
    }
    error.textContent = message;
    show(error, Boolean(message));
    const { curve, G } = lab;
    scatter.layer('g', [G], { cls: 'base-point', labels: ['G'] });
    if (message) {
      clearExchange();
      return;
    }
    try {
      const A = curve.multiply(values.a, G).point;
      const B = curve.multiply(values.b, G).point;
      const aliceS = curve.multiply(values.a, B).point;
      const bobS = curve.multiply(values.b, A).point;
      Object.assign(state, { A, a: values.a, computed: true });
      byId('c-A').textContent = `A = aG = ${count(values.a)}·${fieldPoint(G)} = ${fieldPoint(A)}`;
      byId('c-B').textContent = `B = bG = ${count(values.b)}·${fieldPoint(G)} = ${fieldPoint(B)}`;
      byId('c-alice-s').textContent = `Alice: a·B = ${count(values.a)}·${fieldPoint(B)} = ${fieldPoint(aliceS)}`;
      byId('c-bob-s').textContent = `Bob: b·A = ${count(values.b)}·${fieldPoint(A)} = ${fieldPoint(bobS)}`;
      const same = fieldPoint(aliceS) === fieldPoint(bobS);
      const verdict = byId('c-ecdh-verdict');
      verdict.textContent = same
        ? `Both reach abG = ${fieldPoint(aliceS)}: the shared secret. Eve sees G, A and B, never a or b.`
        : 'The two results differ (a bug: please report it).';
      verdict.className = `verdict ${same ? 'ok' : 'bad'}`;
      scatter.layer('keys', [A, B], { cls: 'public-keys', labels: ['A', 'B'] });
      scatter.layer('shared', [aliceS], { cls: 'shared', labels: ['abG'] });
      eve.start.disabled = false;
      eve.result.textContent = '';
      eve.p256.textContent = '';
    } catch (e) {
      clearExchange();
      fieldError(fields.a, error, e.message);
    }
  };

  const setRunning = (running) => {
    // Stopped because a or b was rejected: nothing valid to attack until one is in.
    eve.start.disabled = running || !state.computed;
    eve.cancel.disabled = !running;
    show(eve.bar, true);
  };

  /** The P-256 paragraph; `rate` is Eve's measured speed, or null if too quick to time. */
  const extrapolate = async (rate) => {
    const attacked = state.A;
    eve.p256.textContent = 'Measuring P-256 in this browser…';
    const ecdh = await measureP256(lab.api);
    // New keys (or none) meanwhile: this paragraph, quoting Eve's search, is out of date.
    if (state.A !== attacked) return;
    const additions = ecdh * OPERATIONS_PER_ECDH;
    const rho = years(128, additions);
    const all = years(256, additions);
    eve.p256.textContent = `And on P-256? Measured here just now: ${count(ecdh)} P-256 scalar multiplications (ECDH) per second with this page's module. Each is about 256 doublings and 128 additions, so count ${OPERATIONS_PER_ECDH} point operations: about ${count(additions)} point additions per second${rate === null ? '' : ` (Eve managed ${count(rate)} on the toy curve, where numbers are tiny)`}. P-256's group has about 2^256 elements; trying them one by one as Eve just did would take ${power(all)} years. The best known attack, Pollard's rho, needs about 2^128 additions: ${power(rho)} years at this rate. The universe is 1.4 × 10^10 years old.`;
    announce(eve.p256.textContent);
  };

  const runEve = async () => {
    const { G, n, p, a, b } = lab;
    if (!state.computed) return;
    const { A } = state;
    const controller = new AbortController();
    state.running = controller;
    setRunning(true);
    eve.bar.value = 0;
    eve.result.textContent = '';
    eve.p256.textContent = '';
    eve.status.textContent = `Eve tries k = 1, 2, 3, … until k·G = A (at most ${count(n)} tries: G's order).`;
    const pace = eve.slow.checked ? SLOW : FAST;
    const started = performance.now();
    try {
      const { value, where } = await runJob('toy-log', { p, a, b, G, Q: A, total: n, ...pace }, {
        signal: controller.signal,
        onProgress: ({ done }) => {
          eve.bar.value = done / n;
          eve.status.textContent = `Eve has tried ${count(done)} of at most ${count(n)} values of k…`;
        },
      });
      eve.bar.value = 1;
      eve.bar.dataset.ranIn = where;
      const wall = performance.now() - started;
      // value.ms is the time spent computing; too short to time, it gives no rate at all.
      const rate = ratePerSecond(value.tries, value.ms);
      const mod = state.a === value.k ? '' : ` (a itself is ${count(state.a)}; any k ≡ a mod ${count(n)} gives the same A, since ${count(n)}G = O)`;
      eve.status.textContent = `Found in ${count(wall)} ms${where === 'worker' ? ', in a Web Worker' : ''}.`;
      eve.result.textContent = value.k === null
        ? `A is not a multiple of G: Eve tried all ${count(value.tries)} and stopped.`
        : `Eve found k = ${count(value.k)} after ${count(value.tries)} tries: ${count(value.k)}·G = ${fieldPoint(A)} = A. She now computes k·B = abG, the shared secret${mod}. ${speedSentence(rate, value.ms)}`;
      announce(eve.result.textContent);
      state.running = null;
      setRunning(false);
      await extrapolate(rate);
    } catch (e) {
      state.running = null;
      setRunning(false);
      if (!(e instanceof JobCancelled)) {
        eve.status.textContent = e.message;
        return;
      }
      eve.status.textContent = `Cancelled after ${eve.bar.value > 0 ? `about ${count(eve.bar.value * n)}` : 'no'} tries.`;
      announce(eve.status.textContent);
    }
  };

  eve.start.addEventListener('click', () => runEve());
  eve.cancel.addEventListener('click', () => state.running?.abort());
  onAction(byId('c-ecdh-form'), byId('c-ecdh-go'), () => {
    compute();
  });
  byId('c-ecdh-random').addEventListener('click', () => {
    fields.a.value = String(random());
    fields.b.value = String(random());
    compute();
  });

  lab.listeners.push(() => {
    state.running?.abort();
    scatter.setCurve(lab.p, lab.flat, `${lab.curve.equation}, ${count(lab.flat.length / 2)} points`);
    compute();
  });
}
