// Part 5 of the curve lab: why prime order, and why check the points you receive. On a
// curve with a cofactor, a point T of small order confines any key to a subgroup of a
// few elements: Bob's b·T takes only ord(T) values, and Eve finds b mod ord(T) at once.
import { el, fieldError, show, onAction } from './dom.js';
import { createScatter } from './curve-scatter.js';
import { count, fieldPoint, readInteger } from './curve-real-math.js';

/** Points of order up to this are offered as small. */
const SMALL = 50;
/** Up to this many points, each one's order is computed; beyond, see smallPoints. */
const EXAMINED = 5000;
/** How many points of small order are offered at most. */
const OFFERED = 60;

/**
 * Points of order ≤ SMALL: every point's order on a small curve; on a large one, (N/d)·P
 * for the first points P and each small divisor d of N, whose order divides d.
 */
function smallPoints(curve, flat, order) {
  const found = new Map();
  const add = (P) => {
    const n = curve.orderOf(P);
    if (n <= SMALL && n < order) found.set(`${P.x},${P.y}`, { P, n });
  };
  const total = flat.length / 2;
  if (total <= EXAMINED) {
    for (let i = 0; i < total; i += 1) add({ x: flat[2 * i], y: flat[2 * i + 1] });
  } else {
    const divisors = [];
    for (let d = 2; d <= SMALL; d += 1) if (order % d === 0 && d < order) divisors.push(d);
    for (let i = 0; i < Math.min(total, 60) && found.size < OFFERED; i += 1) {
      for (const d of divisors) {
        const T = curve.multiply(order / d, { x: flat[2 * i], y: flat[2 * i + 1] }).point;
        if (T) add(T);
      }
    }
  }
  return [...found.values()].sort((u, v) => u.n - v.n || u.P.x - v.P.x || u.P.y - v.P.y).slice(0, OFFERED);
}

/** The prime factorisation of n, written "2² × 5²". */
function factorise(n) {
  const parts = [];
  let m = n;
  for (let d = 2; d * d <= m; d += 1) {
    let e = 0;
    while (m % d === 0) {
      m /= d;
      e += 1;
    }
    if (e) parts.push(e > 1 ? `${d}^${e}` : String(d));
  }
  if (m > 1) parts.push(String(m));
  return parts.join(' × ');
}

/** Builds part 5 on the shared `lab`; it follows part 2's curve. */
export function mountSubgroup({ byId, announce }, lab) {
  const select = byId('c-small-point');
  const secret = byId('c-small-secret');
  const error = byId('c-small-error');
  const scatter = createScatter(byId('c-small-plot'), 'A small subgroup of the toy curve');
  let small = [];

  const refresh = () => {
    const { curve, flat, order } = lab;
    small = smallPoints(curve, flat, order);
    select.replaceChildren(...small.map(({ P, n }, i) => el('option', {
      text: `T = ${fieldPoint(P)}, order ${n}`,
      attrs: { value: String(i) },
    })));
    const prime = small.length === 0;
    const factors = factorise(order);
    byId('c-small-curve').textContent = prime
      ? `${curve.equation}: N = ${count(order)}${factors === String(order) ? ', a prime' : ` = ${factors}`}. No point here has an order of ${SMALL} or less (O aside), so no key can be cornered in a small subgroup. This is what P-256 gives: a prime number of points, cofactor 1.`
      : `${curve.equation}: N = ${count(order)} = ${factors}. Its points of small order (up to ${SMALL}) are in the list.`;
    show(byId('c-small-attack'), !prime);
    show(byId('c-small-switch'), prime);
    scatter.setCurve(lab.p, flat, `${curve.equation}, ${count(flat.length / 2)} points`);
    if (!prime) attack();
  };

  const attack = () => {
    const choice = small[Number(select.value)] ?? small[0];
    if (!choice) return;
    const read = readInteger(secret.value, 'b');
    const message = read.error ?? (read.value < 1 ? `b must be at least 1, got ${read.value}` : '');
    fieldError(secret, error, message);
    if (message) return;
    const { P: T, n } = choice;
    const { curve } = lab;
    const b = read.value;
    const bT = curve.multiply(b, T).point;
    const started = performance.now();
    const found = curve.discreteLog(T, bT);
    const ms = performance.now() - started;
    const subgroup = [];
    let R = T;
    for (let i = 1; i <= n; i += 1) {
      subgroup.push(R);
      R = curve.add(R, T);
    }
    scatter.layer('subgroup', subgroup, { cls: 'small-subgroup' });
    scatter.layer('t', [T, bT], { cls: 'public-keys', labels: ['T', 'bT'] });
    byId('c-small-result').textContent = `Bob computes b·T = ${count(b)}·${fieldPoint(T)} = ${fieldPoint(bT)} — one of only ${n} possible values (T, 2T, …, ${n}T = O). Eve tries k = 1, 2, …: k = ${found.k} after ${found.tries} ${found.tries === 1 ? 'try' : 'tries'} (${ms.toFixed(2)} ms). So b ≡ ${found.k % n} (mod ${n}): ${count(b)} mod ${n} = ${b % n}. Found at once, however large b is.`;
    announce(byId('c-small-result').textContent);
  };

  onAction(byId('c-small-form'), byId('c-small-go'), () => {
    attack();
  });
  select.addEventListener('change', attack);
  byId('c-small-use').addEventListener('click', async () => {
    await lab.usePreset('f97');
    byId('c-small-point').focus();
  });
  lab.listeners.push(refresh);
}
