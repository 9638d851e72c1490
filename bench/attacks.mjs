// `make bench`: the attack lab's invalid-curve attack (www/attacks.html, section 1) timed
// in headless Chromium: the job "invalid-curve" run in the Web Worker as the page runs
// it, from a random server key to the recovered one, `runs` times. Reports the wall time
// per run (what a student waits) and the time spent in the module (without the pauses
// between slices), with the queries and candidate secrets tried.
import { watch } from '../tests/browser/harness.mjs';

export async function measureInvalidCurve(browser, server, runs = 5) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watcher = await watch(page, server.origin);
  await page.goto(new URL('attacks.html', server.url).href);
  await page.waitForSelector('[data-attack-mount="invalid-curve"][data-mounted="true"]', { state: 'attached', timeout: 30_000 });
  const samples = await page.evaluate(async (count) => {
    const { runJob } = await import('./js/jobs.js');
    const out = [];
    for (let i = 0; i < count; i += 1) {
      const started = performance.now();
      const { value, where } = await runJob('invalid-curve', { validate: false });
      if (!value.recoveredPrivateKey) throw new Error(`not recovered: ${value.error}`);
      out.push({ wallMs: performance.now() - started, moduleMs: value.ms, queries: value.queries, tries: value.tries, where });
    }
    return out;
  }, runs);
  await watcher.assertClean('attacks.html');
  await context.close();
  const median = (key) => {
    const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  return {
    runs,
    samples,
    summary: { wallMs: median('wallMs'), moduleMs: median('moduleMs'), queries: median('queries'), tries: median('tries') },
  };
}

export function formatInvalidCurve(result) {
  const { summary: s, samples } = result;
  const wall = samples.map((x) => x.wallMs);
  return [
    `Invalid-curve attack on P-256 (attacks.html), in a ${samples[0].where === 'worker' ? 'Web Worker' : 'page'}, median of ${result.runs} random keys`,
    `  wall time, first query to recovered key  ${s.wallMs.toFixed(0).padStart(6)} ms  (${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)})`,
    `  time in the module                        ${s.moduleMs.toFixed(0).padStart(6)} ms`,
    `  queries / candidate secrets tried         ${s.queries} / ${s.tries}`,
  ].join('\n');
}
