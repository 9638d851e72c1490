// Stands in for www/js/wasm.js in the single-file build: one build (the full package),
// its module inlined as bytes, so nothing is fetched and the file works from disk.
// The package's glue instantiates its module once, so after a trap (see guard.js) this
// file cannot load a second copy: ready() then says to reload the page.
import init, * as api from '../../www/pkg/ecdh_playground.js';
import wasmBytes from '../../www/pkg/ecdh_playground_bg.wasm';
import { useModule } from '../../www/js/module.js';
import { announceTrap, guardApi } from '../../www/js/guard.js';

/** This build is one file: no Web Worker script beside it (see www/js/jobs.js). */
export const SINGLE_FILE = true;

let loading = null;
let dead = false;

/** Loads the inlined module once; resolves to its exports (any build name). */
export function ready() {
  if (dead) {
    return Promise.reject(new Error('it stopped with an internal error, and this single file cannot load a second copy: reload the page'));
  }
  loading ??= init({ module_or_path: wasmBytes }).then(() => {
    const guarded = guardApi(api, (error) => {
      dead = true;
      announceTrap('full', error);
    });
    useModule(guarded);
    return guarded;
  });
  return loading;
}
