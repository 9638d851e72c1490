// The bench page's run as a job (job-list.js names it "bench"): the same in the Web
// Worker (worker.js, the default: the page stays responsive and can cancel) and on the
// page (bench.js drives it there when asked, or where no worker can be made). It sets up
// the implementations where it runs, then hands over to bench-core.js's rounds.
//
// params: { build, impls, options, wide }. `api` is `build` (the playground's, "core");
// with `wide` the wide-arithmetic build is measured too, as "ours-wide".
import { makeInputs, ours, webcrypto, noble, loadNoble, runRounds } from './bench-core.js';
import { instantiate } from './wasm.js';

export async function* benchJob(api, { impls, options, wide = false }) {
  const inputs = makeInputs();
  const list = [];
  const unavailable = [];
  let wideError = null;
  if (impls.includes('ours')) list.push(ours(api, inputs));
  if (wide && impls.includes('ours-wide')) {
    // A browser that passes the probe may still fail to compile the whole build (or the
    // server may lack it): then the usual build is measured alone, and the page says why.
    try {
      list.push(ours(await instantiate('core-wide'), inputs, 'ours-wide'));
    } catch (error) {
      unavailable.push('ours-wide');
      wideError = error.message;
    }
  }
  if (impls.includes('webcrypto')) {
    // crypto.subtle exists only in secure contexts: https, or http://localhost.
    if (globalThis.crypto?.subtle) list.push(await webcrypto(crypto.subtle, inputs));
    else unavailable.push('webcrypto');
  }
  if (impls.includes('noble')) {
    const lib = await loadNoble(new URL('../vendor/noble/', import.meta.url));
    if (lib) list.push(noble(lib, inputs));
    else unavailable.push('noble');
  }
  const run = yield* runRounds(list, options);
  return { environment: navigator.userAgent, unavailable, wideError, ...run };
}
