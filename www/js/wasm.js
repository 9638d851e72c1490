// The one module that imports the WebAssembly package, behind a memoised init promise
// per build: every page awaits `ready()` and then uses the API it returns.
//
// Builds of the same crate: "full" (www/pkg, the published package, with everything),
// "core" (www/pkg/core, without the TLS models, ML-KEM and the labs), which the
// playground page loads so that students wait less, and "hybrid" (www/pkg/hybrid, core
// and ML-KEM-768), which the playground loads when X25519MLKEM768 is chosen.
//
// A trap in the module (a WebAssembly.RuntimeError: a bug, since the crate returns every
// error as a value) leaves its instance unusable. The API handed out here is guarded:
// the call that traps throws a ModuleTrapped error saying so, the build is dropped so
// that the next ready() instantiates a fresh module, and a "ecdh-playground:trap" event
// tells the page (load.js's recoverable() mounts the parts again).
import { useModule } from './module.js';
import { announceTrap, guardApi } from './guard.js';

/** False here; the single file's stand-in (.ci/dist/wasm-inline.js) says true: it has no
 * files beside it, so nothing (a Web Worker's script) may be loaded from its URL. */
export const SINGLE_FILE = false;

const PACKAGES = {
  full: '../pkg/ecdh_playground.js',
  core: '../pkg/core/ecdh_playground.js',
  // core and ML-KEM-768: the playground loads it when the hybrid is chosen.
  hybrid: '../pkg/hybrid/ecdh_playground.js',
};

const loading = {};
/** How many instances were dropped: a fresh import needs a URL of its own. */
let dropped = 0;

/** Loads a build once ("full" by default, or "core"); resolves to its exports. */
export function ready(build = 'full') {
  const path = PACKAGES[build];
  if (!path) return Promise.reject(new Error(`unknown build ${build}`));
  const url = new URL(path, import.meta.url);
  // An ES module is instantiated once per URL: after a trap, a query gives a new one.
  if (dropped > 0) url.searchParams.set('instance', String(dropped));
  loading[build] ??= import(url.href).then(async (api) => {
    await api.default();
    const guarded = guardApi(api, (error) => {
      // This instance is done for: the next ready() loads a fresh one.
      delete loading[build];
      dropped += 1;
      announceTrap(build, error);
    });
    useModule(guarded);
    return guarded;
  });
  return loading[build];
}
