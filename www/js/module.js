// The WebAssembly module's exports, once a page (or a test) has loaded it, for the pure
// helpers that need the crate's parsers but run synchronously (the code export): they
// read keys and signatures through the module, so the page has one parser for them.
// www/js/wasm.js registers each build it loads; the last one loaded serves, except that
// the playground's first module (which reads fewer pastes) never replaces another build.

let current = null;
let currentBuild = null;

/** Registers the loaded module's exports (`build`: the build's name, when known). */
export function useModule(api, build = null) {
  if (build === 'first' && current !== null && currentBuild !== 'first') return;
  current = api;
  currentBuild = build;
}

/** The loaded module's exports; throws if no build has been loaded yet. */
export function loadedModule() {
  if (current === null) throw new Error('the WebAssembly module is not loaded yet');
  return current;
}
