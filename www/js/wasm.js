// The one module that imports the WebAssembly package, behind a single memoised
// init promise: every page awaits `ready()` and then uses the API it returns.
import init, * as api from '../pkg/ecdh_playground.js';

let loading = null;

/** Loads the module once; resolves to the module's exports. */
export function ready() {
  loading ??= init().then(() => api);
  return loading;
}
