// The curve lab's pure helpers: y² = x³ + ax + b over the real numbers in floating point
// (the curve traced as polylines, the chord-and-tangent sum with its numbers), and the
// formatting the parts share. No DOM here. The arithmetic over F_p is the crate's
// (ToyCurve); this file draws pictures of the real curve only.

/** The part of the plane drawn over the reals. */
export const VIEW = { xMin: -4, xMax: 5, yMin: -7, yMax: 7 };

/** x³ + ax + b. */
export const cubic = (x, a, b) => x * x * x + a * x + b;

/** 4a³ + 27b²: zero exactly when the cubic has a repeated root (the curve is singular). */
export const discriminant = (a, b) => 4 * a ** 3 + 27 * b ** 2;

const EPS = 1e-9;

/**
 * What kind of singular curve y² = x³ + ax + b is, or null if it is not singular:
 * { kind: 'cusp' | 'node' | 'isolated', x } with (x, 0) the singular point. The repeated
 * root is x = −3b / 2a (0 when a = 0): a cusp when it is a triple root (a = b = 0); a
 * node when the curve passes through it from both sides; else an isolated point.
 */
export function singularity(a, b) {
  if (Math.abs(discriminant(a, b)) > EPS) return null;
  if (Math.abs(a) < EPS && Math.abs(b) < EPS) return { kind: 'cusp', x: 0 };
  const x = (-3 * b) / (2 * a);
  // The third root is −2x; the curve has points left of the double root iff x > −2x.
  return { kind: x > -2 * x ? 'node' : 'isolated', x };
}

/** The maximal intervals of [lo, hi] where the cubic is ≥ 0: [{ l, r, rootL, rootR }]. */
function nonNegative(a, b, lo, hi) {
  const n = 4000;
  const h = (hi - lo) / n;
  const f = (x) => cubic(x, a, b);
  const edge = (x0, x1) => {
    // Bisects to where f changes sign between x0 and x1.
    let [u, v] = [x0, x1];
    for (let i = 0; i < 60; i += 1) {
      const m = (u + v) / 2;
      if ((f(m) >= 0) === (f(u) >= 0)) u = m;
      else v = m;
    }
    return f(u) >= 0 ? u : v;
  };
  const out = [];
  let start = f(lo) >= 0 ? { l: lo, rootL: false } : null;
  for (let i = 0; i < n; i += 1) {
    const [x0, x1] = [lo + i * h, lo + (i + 1) * h];
    const [in0, in1] = [f(x0) >= 0, f(x1) >= 0];
    if (!in0 && in1) start = { l: edge(x0, x1), rootL: true };
    if (in0 && !in1 && start) {
      out.push({ ...start, r: edge(x0, x1), rootR: true });
      start = null;
    }
  }
  if (start) out.push({ ...start, r: hi, rootR: false });
  return out;
}

/** n + 1 samples of [l, r], denser near the ends (where a root makes the curve steep). */
function samples(l, r, n) {
  return Array.from({ length: n + 1 }, (_, i) => l + ((r - l) * (1 - Math.cos((Math.PI * i) / n))) / 2);
}

/**
 * The real curve inside VIEW as components, each { closed, points: [{ x, y }] } in order
 * along the curve: a closed oval, or an open branch running from one edge of the view to
 * another. Moving a point means moving along one of these.
 */
export function traceCurve(a, b, view = VIEW, n = 240) {
  const components = [];
  const y = (x) => Math.sqrt(Math.max(0, cubic(x, a, b)));
  for (const { l, r, rootL, rootR } of nonNegative(a, b, view.xMin, view.xMax)) {
    const xs = samples(l, r, n);
    const upper = xs.map((x) => ({ x, y: rootL && x === l ? 0 : y(x) }));
    const lower = upper.map((p) => ({ x: p.x, y: -p.y }));
    if (rootL) upper[0].y = 0;
    if (rootR) upper[n].y = 0;
    let parts;
    if (rootL && rootR) {
      // An oval: along the top from left to right, back along the bottom.
      parts = [{ closed: true, points: [...upper, ...lower.slice(1, -1).reverse()] }];
    } else if (rootL) {
      parts = [{ closed: false, points: [...lower.slice(1).reverse(), ...upper] }];
    } else if (rootR) {
      parts = [{ closed: false, points: [...upper, ...lower.slice(0, -1).reverse()] }];
    } else {
      parts = [{ closed: false, points: upper }, { closed: false, points: lower }];
    }
    for (const part of parts) {
      // Only what the view shows: tails beyond the top and bottom are cut off.
      const inside = (p) => Math.abs(p.y) <= view.yMax;
      if (part.closed) {
        components.push(part);
        continue;
      }
      let from = 0;
      let to = part.points.length;
      while (from < to && !inside(part.points[from])) from += 1;
      while (to > from && !inside(part.points[to - 1])) to -= 1;
      if (to - from >= 2) components.push({ closed: false, points: part.points.slice(from, to) });
    }
  }
  return components;
}

/** The vertex of `components` nearest to (x, y): { component, index }. */
export function nearest(components, x, y) {
  let best = null;
  components.forEach((component, c) => {
    component.points.forEach((p, i) => {
      const d = (p.x - x) ** 2 + (p.y - y) ** 2;
      if (!best || d < best.d) best = { component: c, index: i, d };
    });
  });
  return best && { component: best.component, index: best.index };
}

/** Moves `at` (a { component, index }) by `delta` vertices along its component. */
export function move(components, at, delta) {
  const { closed, points } = components[at.component];
  const n = points.length;
  const index = closed
    ? (((at.index + delta) % n) + n) % n
    : Math.min(n - 1, Math.max(0, at.index + delta));
  return { component: at.component, index };
}

const close = (u, v) => Math.abs(u - v) < 1e-9;

/**
 * P + Q over the reals by chord and tangent. Returns one of
 *   { infinity: true, tangent, vertical: true }: the line through P and Q is vertical;
 *   { infinity: false, tangent, slope, third, sum }: the line meets the curve again at
 *   `third`, and P + Q = `sum`, its reflection in the x-axis.
 * `tangent` is true when P = Q (the line is the tangent at P).
 */
export function addReal(P, Q, a) {
  const tangent = close(P.x, Q.x) && close(P.y, Q.y);
  let slope;
  if (tangent) {
    if (close(P.y, 0)) return { infinity: true, tangent, vertical: true };
    slope = (3 * P.x * P.x + a) / (2 * P.y);
  } else if (close(P.x, Q.x)) {
    return { infinity: true, tangent, vertical: true };
  } else {
    slope = (Q.y - P.y) / (Q.x - P.x);
  }
  const x = slope * slope - P.x - Q.x;
  const y = slope * (P.x - x) - P.y;
  return { infinity: false, tangent, slope, third: { x, y: -y }, sum: { x, y } };
}

/** A real number for a formula: 3 decimals, a true minus sign, no "-0.000". */
export function num(v) {
  const text = (Math.abs(v) < 0.0005 ? 0 : v).toFixed(3);
  return text.replace('-', '−');
}

/** A coefficient as typed: up to 2 decimals, trailing zeros dropped, a true minus. */
export const short = (v) => String(Number(v.toFixed(2))).replace('-', '−');

/** A real number inside a formula where it may need brackets: (−1.250). */
export const term = (v) => (num(v).startsWith('−') ? `(${num(v)})` : num(v));

/** (x, y) over the reals. */
export const realPoint = (p) => `(${num(p.x)}, ${num(p.y)})`;

/** A point of a toy curve: "(5, 1)", or "O" (the point at infinity) for null. */
export const fieldPoint = (p) => (p ? `(${p.x}, ${p.y})` : 'O');

/** An integer with thousands separators (a thin space), as the page writes counts. */
export const count = (n) => Math.round(n).toLocaleString('en-US');

/** A whole number from a field's text, or an error message: { value } or { error }. */
export function readInteger(text, name) {
  const trimmed = String(text).trim().replace(/^−/, '-');
  if (!/^-?\d+$/.test(trimmed)) return { error: `${name} must be a whole number, got “${text}”` };
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value)) return { error: `${name} is too large: at most 2^53 − 1` };
  return { value };
}

/** y² = x³ + ax + b, written with signs as a student would: y² = x³ − 3x + 4. */
export function equation(a, b, write = String) {
  let text = 'y² = x³';
  if (a !== 0) text += `${a < 0 ? ' − ' : ' + '}${Math.abs(a) === 1 ? '' : write(Math.abs(a))}x`;
  if (b !== 0) text += `${b < 0 ? ' − ' : ' + '}${write(Math.abs(b))}`;
  return text;
}

/**
 * Years to do `operations` point additions at `perSecond`, as { exponent, mantissa }
 * (mantissa × 10^exponent years) so that a number far past 2^53 is still written.
 */
export function years(log2Operations, perSecond) {
  const log10 = log2Operations * Math.log10(2) - Math.log10(perSecond) - Math.log10(365.25 * 24 * 3600);
  const exponent = Math.floor(log10);
  return { exponent, mantissa: 10 ** (log10 - exponent) };
}

/**
 * The shortest time a rate is worked out from. Browsers round performance.now() against
 * timing attacks (to 0.1 ms, or to a whole millisecond in some), so a search of a few
 * tries reads 0 or one tick, and tries ÷ that is the clock's rounding, not a speed.
 */
export const MIN_TIMED_MS = 10;

/** `done` operations in `ms` as operations per second; null when `ms` is too short to time. */
export const ratePerSecond = (done, ms) => (ms >= MIN_TIMED_MS ? (done / ms) * 1000 : null);

/** The bits of k, most significant first ("1101" for 13). */
export const bitsOf = (k) => k.toString(2);
