// The WebAssembly module's exports, once a page (or a test) has loaded it, for the pure
// helpers that need the crate's parsers but run synchronously (the code export): they
// read keys and signatures through the module, so the page has one parser for them.
// www/js/wasm.js registers each build it loads; the last one loaded serves (every
// build has the key functions).

let current = null;

/** Registers the loaded module's exports. */
export function useModule(api) {
  current = api;
}

/** The loaded module's exports; throws if no build has been loaded yet. */
export function loadedModule() {
  if (current === null) throw new Error('the WebAssembly module is not loaded yet');
  return current;
}
