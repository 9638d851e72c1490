// The one module that imports the WebAssembly package, behind a memoised init promise
// per build: every page awaits `ready()` and then uses the API it returns.
//
// Two builds of the same crate: "full" (www/pkg, the published package, with the TLS 1.2
// model) and "core" (www/pkg/core, everything but the TLS model, about 40 KB gzip
// smaller), which the playground page loads so that students wait less.

import { useModule } from './module.js';

const PACKAGES = {
  full: '../pkg/ecdh_playground.js',
  core: '../pkg/core/ecdh_playground.js',
};

const loading = {};

/** Loads a build once ("full" by default, or "core"); resolves to its exports. */
export function ready(build = 'full') {
  const path = PACKAGES[build];
  if (!path) return Promise.reject(new Error(`unknown build ${build}`));
  loading[build] ??= import(new URL(path, import.meta.url).href).then(async (api) => {
    await api.default();
    useModule(api);
    return api;
  });
  return loading[build];
}

