// The curve lab's long loops, as jobs for worker.js (see job-list.js): listing a toy
// curve's points a slice of x at a time, and Eve's brute-force discrete log a slice of
// tries at a time. The crate does the arithmetic (ToyCurve); these only slice it.

/** Values of x per slice when listing points. */
const X_SLICE = 1 << 15;

/**
 * Every affine point of y² = x³ + ax + b over F_p: resolves to { order, points }, the
 * points as a Uint32Array [x0, y0, x1, y1, …] sorted by x then y.
 */
export function* scanCurve(api, { p, a, b }) {
  const curve = new api.ToyCurve(p, a, b);
  try {
    const parts = [];
    let length = 0;
    for (let x = 0; x < p; x += X_SLICE) {
      const part = curve.pointsFlat(x, Math.min(p, x + X_SLICE));
      parts.push(part);
      length += part.length;
      yield { done: Math.min(p, x + X_SLICE), total: p };
    }
    const points = new Uint32Array(length);
    let at = 0;
    for (const part of parts) {
      points.set(part, at);
      at += part.length;
    }
    return { order: length / 2 + 1, points };
  } finally {
    curve.free();
  }
}

/**
 * Eve's search for the smallest k ≥ 1 with kG = Q, `slice` tries per step: resolves to
 * { k, tries, ms } (k null when Q is not in G's subgroup; ms: time spent computing).
 */
export function* discreteLog(api, { p, a, b, G, Q, slice = 20_000, total = null }) {
  const curve = new api.ToyCurve(p, a, b);
  const search = curve.discreteLogSearch(G, Q);
  try {
    let ms = 0;
    for (;;) {
      const start = performance.now();
      const done = search.step(slice);
      ms += performance.now() - start;
      if (done) return { ...search.result(), ms };
      yield { done: search.tries, total };
    }
  } finally {
    search.free();
    curve.free();
  }
}
