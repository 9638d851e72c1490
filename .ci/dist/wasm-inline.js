// Stands in for www/js/wasm.js in the single-file build: one build (the full package),
// its module inlined as bytes, so nothing is fetched and the file works from disk.
import init, * as api from '../../www/pkg/ecdh_playground.js';
import wasmBytes from '../../www/pkg/ecdh_playground_bg.wasm';
import { useModule } from '../../www/js/module.js';

let loading = null;

/** Loads the inlined module once; resolves to its exports (any build name). */
export function ready() {
  loading ??= init({ module_or_path: wasmBytes }).then(() => {
    useModule(api);
    return api;
  });
  return loading;
}

