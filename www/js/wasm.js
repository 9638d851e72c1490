// The one module that imports the WebAssembly package, behind a memoised init promise
// per build: every page awaits `ready()` and then uses the API it returns.
//
// Builds of the same crate: "full" (www/pkg, the published package, with everything);
// "first" (www/pkg/first: keys, public keys in PEM, DER, SEC1 and raw, ECDH, HKDF and
// AES-GCM, within 80 KB gzip), which the playground page loads so that students wait
// less; "core" (www/pkg/core: first, every other paste, the DER explainer and ECDSA,
// without the TLS models, ML-KEM and the labs), which the playground loads when it meets
// one of those (load.js's isNeedsReader) and the key inspector loads at once; and "hybrid"
// (www/pkg/hybrid, core and ML-KEM-768), which the playground loads when X25519MLKEM768
// is chosen. "core-wide" (www/pkg/core-wide) is core built with `+wide-arithmetic`:
// WebAssembly's 64×64→128-bit multiply (i64.mul_wide_u), which P-256's 64-bit limbs need
// and which otherwise costs a call to compiler-rt's __multi3. ready("first") and
// ready("core") load it instead where the browser validates the proposal's instruction
// (wideArithmetic()); ready(build, { exact: true }) always loads the build asked for.
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
  // The playground's first module; core when a paste or a part needs more.
  first: '../pkg/first/ecdh_playground.js',
  core: '../pkg/core/ecdh_playground.js',
  // core and ML-KEM-768: the playground loads it when the hybrid is chosen.
  hybrid: '../pkg/hybrid/ecdh_playground.js',
  // core with +wide-arithmetic: in place of core where the browser has the proposal.
  'core-wide': '../pkg/core-wide/ecdh_playground.js',
};

// The smallest module that uses all four instructions of the wide-arithmetic proposal,
// as the +wide-arithmetic build does: f(a, b) = mul_wide_s(a, b) + (mul_wide_u(a, b) +
// (a, b) - (a, b)), where (a, b) is the 128-bit number a + b·2^64; f(5, 3) = (30, 0).
// Chromium 148 validates all four and compiles only the multiplies, so the probe is run,
// not only validated.
export const WIDE_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x08, 0x01, 0x60, 0x02, 0x7e, 0x7e, 0x02, 0x7e, 0x7e, // type: (i64 i64) -> (i64 i64)
  0x03, 0x02, 0x01, 0x00, // function 0 has type 0
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export it as "f"
  0x0a, 0x1e, 0x01, 0x1c, 0x00, // code: one body of 28 bytes, no locals
  0x20, 0x00, 0x20, 0x01, 0xfc, 0x16, // local.get 0, local.get 1, i64.mul_wide_u
  0x20, 0x00, 0x20, 0x01, 0xfc, 0x13, // local.get 0, local.get 1, i64.add128
  0x20, 0x00, 0x20, 0x01, 0xfc, 0x14, // local.get 0, local.get 1, i64.sub128
  0x20, 0x00, 0x20, 0x01, 0xfc, 0x15, // local.get 0, local.get 1, i64.mul_wide_s
  0xfc, 0x13, 0x0b, // i64.add128, end
]);

/**
 * Whether WebAssembly here compiles and runs the probe: f(5, 3) = (30, 0). Self-contained
 * (it names nothing outside itself), so that the tests and the bench run it in a page.
 */
export function runsWideProbe(bytes) {
  try {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)));
    const [low, high] = exports.f(5n, 3n);
    return low === 30n && high === 0n;
  } catch {
    return false;
  }
}

let wide = null;
/** Whether this browser's WebAssembly has the wide-arithmetic proposal (memoised). */
export function wideArithmetic() {
  wide ??= runsWideProbe(WIDE_PROBE);
  return wide;
}

/** The build ready(build) loads here: core-wide for first or core where the browser has it. */
export function chosenBuild(build, { exact = false } = {}) {
  return (build === 'first' || build === 'core') && !exact && wideArithmetic() ? 'core-wide' : build;
}

/** The URL of a build's glue (for a Web Worker, which loads its own copy). */
export function packageUrl(build) {
  const path = PACKAGES[build];
  if (!path) throw new Error(`unknown build ${build}`);
  return new URL(path, import.meta.url).href;
}

/** A build imported and instantiated, unguarded: for worker.js and the bench's jobs. */
export async function instantiate(build) {
  const api = await import(packageUrl(build));
  await api.default();
  return api;
}

const loading = {};
/** How many instances were dropped: a fresh import needs a URL of its own. */
let dropped = 0;

/**
 * Loads a build once ("full" by default, "core", "hybrid"; "core" is core-wide where the
 * browser has wide arithmetic, unless `exact`); resolves to its exports.
 */
export function ready(asked = 'full', { exact = false } = {}) {
  const build = chosenBuild(asked, { exact });
  const path = PACKAGES[build];
  if (!path) return Promise.reject(new Error(`unknown build ${build}`));
  const url = new URL(path, import.meta.url);
  // An ES module is instantiated once per URL: after a trap, a query gives a new one.
  if (dropped > 0) url.searchParams.set('instance', String(dropped));
  if (loading[build]) return loading[build];
  // The .wasm is fetched and compiled while the glue is imported, not after it: on a cold
  // load the glue's import waits behind the page's first layout, and the module is
  // compiled by then. Where streaming compilation fails (a server that does not send
  // application/wasm), the glue fetches the module itself.
  // A browser without WebAssembly (or without streaming compilation) is told so by the
  // glue's init, through the promise ready() returns, as before.
  const wasm = new URL(path.replace(/\.js$/, '_bg.wasm'), import.meta.url);
  const compileStreaming = globalThis.WebAssembly?.compileStreaming;
  const compiled = typeof compileStreaming === 'function'
    ? compileStreaming.call(WebAssembly, fetch(wasm)).catch(() => undefined)
    : Promise.resolve(undefined);
  loading[build] = import(url.href).then(async (api) => {
    await api.default({ module_or_path: compiled.then((module) => module ?? fetch(wasm)) });
    const guarded = guardApi(api, (error) => {
      // This instance is done for: the next ready() loads a fresh one.
      delete loading[build];
      dropped += 1;
      announceTrap(build, error);
    });
    useModule(guarded, build);
    return guarded;
  }).catch((error) => {
    delete loading[build];
    if (build === asked) throw error;
    // The wide build is missing on this server (its glue or its .wasm): plain core from
    // now on.
    wide = false;
    return ready(asked, { exact: true });
  });
  return loading[build];
}
