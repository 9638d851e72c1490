// The curve lab's JavaScript contract (ToyCurve in www/pkg), as tests outside this
// repository use it: names, known values, points as { x, y } and null, the double-and-
// add steps, orderOf, discreteLog, and an Error that says why for every bad input,
// with the module still working after each.
//   make build && node --test tests/node/curve.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = new URL('../../www/pkg/', import.meta.url);
const api = await import(new URL('ecdh_playground.js', pkg));
api.initSync({ module: readFileSync(new URL('ecdh_playground_bg.wasm', pkg)) });
const dts = readFileSync(new URL('ecdh_playground.d.ts', pkg), 'utf8');
const { ToyCurve } = api;

const METHODS = ['points', 'isOnCurve', 'add', 'negate', 'multiply', 'orderOf', 'discreteLog'];

/** Every point, by trying every (x, y). */
function brutePoints(c) {
  const out = [];
  const { p, a, b } = c;
  for (let x = 0; x < p; x += 1) {
    for (let y = 0; y < p; y += 1) {
      if ((y * y) % p === (((x * x) % p) * x + a * x + b) % p) out.push({ x, y });
    }
  }
  return out;
}

function repeated(c, k, P) {
  let R = null;
  for (let i = 0; i < k; i += 1) R = c.add(R, P);
  return R;
}

test('ToyCurve and its members are exported and documented', () => {
  assert.equal(typeof ToyCurve, 'function');
  const c = new ToyCurve(17, 2, 2);
  for (const name of METHODS) assert.equal(typeof c[name], 'function', name);
  assert.deepEqual([c.p, c.a, c.b, c.order], [17, 2, 2, 19]);
  assert.match(dts, /export class ToyCurve/);
  assert.match(dts, /multiply\(k: number, P: ToyPoint \| null\): ToyMultiple/);
  assert.match(dts, /no claim to security/);
});

test('known values: F_17 has 19 points and (5, 1) has order 19; F_97 has 100 and (3, 6) order 5', () => {
  const c17 = new ToyCurve(17, 2, 2);
  assert.equal(c17.order, 19);
  assert.equal(c17.orderOf({ x: 5, y: 1 }), 19);
  assert.deepEqual(c17.add({ x: 5, y: 1 }, { x: 5, y: 1 }), { x: 6, y: 3 });
  const c97 = new ToyCurve(97, 2, 3);
  assert.equal(c97.order, 100);
  assert.equal(c97.orderOf({ x: 3, y: 6 }), 5);
  assert.equal(c97.orderOf(null), 1);
  // The a = −3 preset, like P-256: prime order.
  const c997 = new ToyCurve(997, -3, 4);
  assert.equal(c997.a, 994);
  assert.equal(c997.order, 983);
});

test('points() is every affine point, sorted by x then y; isOnCurve agrees', () => {
  for (const [p, a, b] of [[17, 2, 2], [13, -3, 5], [11, 0, 3]]) {
    const c = new ToyCurve(p, a, b);
    const points = c.points();
    assert.deepEqual(points, brutePoints(c));
    assert.equal(points.length + 1, c.order);
    for (const P of points) assert.equal(c.isOnCurve(P), true);
  }
});

test('add and multiply agree with brute force for every pair; steps from the most significant bit', () => {
  const c = new ToyCurve(17, 2, 2);
  const all = [...c.points(), null];
  for (const P of all) {
    assert.equal(c.add(P, c.negate(P)), null, 'P + (−P) = ∞');
    for (const Q of all) {
      const sum = c.add(P, Q);
      assert.equal(c.isOnCurve(sum), true);
      assert.deepEqual(sum, c.add(Q, P));
    }
  }
  for (const P of c.points()) {
    for (let k = 0; k <= 40; k += 1) {
      const { point, steps } = c.multiply(k, P);
      assert.deepEqual(point, repeated(c, k, P), `${k}·(${P.x}, ${P.y})`);
      if (k === 0) assert.deepEqual(steps, []);
      const bits = k.toString(2);
      // One add per 1 bit (the first starts R at P), one double per later bit.
      assert.equal(steps.filter((s) => s.op === 'add').length, [...bits].filter((b) => b === '1').length);
      assert.equal(steps.filter((s) => s.op === 'double').length, k === 0 ? 0 : bits.length - 1);
      // Reading the steps back gives k's bits, most significant first.
      assert.equal(steps.reduce((acc, s) => (s.op === 'double' ? acc * 2 : acc + 1), 0), k);
      for (const s of steps) {
        assert.ok(s.bit === 0 || s.bit === 1);
        assert.ok(s.op === 'double' || s.op === 'add');
        if (s.op === 'add') assert.equal(s.bit, 1);
      }
      if (steps.length) assert.deepEqual(steps.at(-1).point, point);
    }
  }
});

test('discreteLog: smallest k, tries counted; null Q gives the order; outside the subgroup k is null', () => {
  const c = new ToyCurve(97, 2, 3);
  const G = { x: 3, y: 6 };
  for (let k = 1; k <= 5; k += 1) {
    const Q = c.multiply(k, G).point;
    assert.deepEqual(c.discreteLog(G, Q), k === 5 ? { k: 5, tries: 5 } : { k, tries: k });
  }
  assert.deepEqual(c.discreteLog(G, null), { k: 5, tries: 5 });
  assert.deepEqual(c.discreteLog(G, { x: 0, y: 10 }), { k: null, tries: 5 });
  const c17 = new ToyCurve(17, 2, 2);
  assert.deepEqual(c17.discreteLog({ x: 5, y: 1 }, { x: 10, y: 6 }), { k: 3, tries: 3 });
});

test('bad curves throw an Error that says why, and the module keeps working', () => {
  const cases = [
    [[91, 1, 1], /91 is not prime: it is 7 × 13/],
    [[1_000_001, 1, 1], /not prime: it is 101 × 9901/],
    [[17, 0, 0], /singular/],
    [[17, -3, 2], /singular/],
    [[3, 1, 1], /3 < p ≤ 1,000,003, got 3/],
    [[1_000_033, 1, 1], /3 < p ≤ 1,000,003/],
    [[17.5, 1, 1], /3 < p ≤ 1,000,003, got 17\.5/],
    [[17, 1.5, 1], /a must be a whole number/],
    [[17, 1, 2 ** 60], /b must be a whole number/],
    [[17, 'x', 1], /a must be a number/],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => new ToyCurve(...args), (e) => e instanceof Error && message.test(e.message), String(args));
  }
  const c = new ToyCurve(1_000_003, -1, 5);
  assert.deepEqual([c.p, c.a, c.b], [1_000_003, 1_000_002, 5]);
});

test('every method but isOnCurve throws for a point off the curve, naming the point and the curve', () => {
  const c = new ToyCurve(17, 2, 2);
  const off = { x: 5, y: 2 };
  const outside = { x: 17, y: 1 };
  const named = (name) => (e) => e instanceof Error
    && e.message.startsWith(`${name} = (`)
    && e.message.includes('y² = x³ + 2x + 2 over F_17');
  assert.throws(() => c.add(off, null), named('P'));
  assert.throws(() => c.add(null, outside), named('Q'));
  assert.throws(() => c.negate(outside), named('P'));
  assert.throws(() => c.multiply(2, off), named('P'));
  assert.throws(() => c.orderOf({ x: -1, y: 0 }), named('P'));
  assert.throws(() => c.discreteLog(off, null), named('G'));
  assert.throws(() => c.discreteLog({ x: 5, y: 1 }, off), named('Q'));
  assert.throws(() => c.add({ x: 5.5, y: 1 }, null), /P = \(5\.5, 1\) is not on the curve/);
  assert.throws(() => c.add(undefined, null), /P must be a point \{ x, y \}/);
  // isOnCurve never throws for a point-shaped value.
  for (const P of [off, outside, { x: -1, y: 0 }, { x: 1.5, y: 2 }, { x: NaN, y: 1 }]) assert.equal(c.isOnCurve(P), false);
  assert.equal(c.isOnCurve(null), true);
  assert.equal(c.isOnCurve({ x: 5, y: 1 }), true);
  // k: negative or not whole throws; 0 gives ∞ and no steps.
  for (const k of [-1, 1.5, NaN, Infinity, '3']) {
    assert.throws(() => c.multiply(k, { x: 5, y: 1 }), /k must be a whole number/, String(k));
  }
  assert.deepEqual(c.multiply(0, { x: 5, y: 1 }), { point: null, steps: [] });
  assert.deepEqual(c.multiply(19, { x: 5, y: 1 }).point, null);
  assert.equal(c.order, 19, 'still working');
});

test('the largest curve: points() works, the search runs in slices', () => {
  const c = new ToyCurve(1_000_003, 2, 3);
  const points = c.points();
  assert.equal(points.length + 1, c.order);
  assert.equal(c.pointsFlat().length, points.length * 2);
  assert.equal(c.countPoints(0, 500_000) + c.countPoints(500_000, 1_000_003), points.length);
  const G = points[0];
  const Q = c.multiply(5000, G).point;
  const search = c.discreteLogSearch(G, Q);
  let slices = 0;
  while (!search.step(1000)) slices += 1;
  assert.equal(slices, 4);
  assert.deepEqual(search.result(), { k: 5000, tries: 5000 });
  assert.equal(search.done, true);
});
