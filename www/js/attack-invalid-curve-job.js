// The invalid-curve attack as a job for worker.js (see job-list.js): one query per
// slice, each yielded as `detail` with the progress so that the page can show it as it
// arrives. The crate does the work (InvalidCurveRun); this only slices it.

/**
 * Runs the attack with `{ victimPrivateKey, validate, seed }`: resolves to what
 * invalidCurveAttack returns, plus `tries` (candidate secrets tried) and `ms` (time
 * spent computing, without the pauses between slices).
 */
export function* invalidCurve(api, { victimPrivateKey, validate, seed }) {
  const run = new api.InvalidCurveRun({ victimPrivateKey, validate, seed });
  try {
    let ms = 0;
    while (!run.done) {
      const start = performance.now();
      const query = run.step();
      ms += performance.now() - start;
      if (query) yield { done: run.queries, total: run.total, detail: query };
    }
    return { ...run.result(), tries: run.tries, ms };
  } finally {
    run.free();
  }
}
