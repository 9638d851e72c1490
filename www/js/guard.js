// Guarding the WebAssembly module's exports against a trap (a WebAssembly.RuntimeError,
// which the crate never raises on purpose: every error is returned as a value, so a
// trap is a bug). The instance is unusable after one. A guarded call that traps throws
// ModuleTrapped, which says so in words, and runs `onTrap` once, which drops the
// instance and tells the page (the "ecdh-playground:trap" event; load.js's
// recoverable() mounts the parts again). Used by wasm.js and by the single file's loader.

/** What a call into a trapped module throws. */
export class ModuleTrapped extends Error {
  constructor(cause) {
    super(`The WebAssembly module stopped with an internal error (${cause.name}: ${cause.message}). A fresh module is being loaded; what you typed is kept.`, { cause });
    this.name = 'ModuleTrapped';
  }
}

/** Tells the page that `build` trapped. */
export function announceTrap(build, error) {
  globalThis.dispatchEvent?.(new CustomEvent('ecdh-playground:trap', {
    detail: { build, message: `${error.name}: ${error.message}` },
  }));
}

/** The package's exports with every call guarded; classes are patched in place. */
export function guardApi(api, onTrap) {
  let done = false;
  const guarded = (fn) => function call(...args) {
    try {
      return fn.apply(this, args);
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      if (!done) {
        done = true;
        onTrap(error);
      }
      throw new ModuleTrapped(error);
    }
  };
  const patch = (target) => {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(target))) {
      if (name === 'constructor' || name === 'prototype' || !d.configurable) continue;
      if (typeof d.value === 'function') Object.defineProperty(target, name, { ...d, value: guarded(d.value) });
      else if (d.get) Object.defineProperty(target, name, { ...d, get: guarded(d.get) });
    }
  };
  const out = {};
  for (const [name, value] of Object.entries(api)) {
    const isClass = typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
    if (isClass) {
      patch(value);
      patch(value.prototype);
      out[name] = value;
    } else if (typeof value === 'function' && name !== 'default' && name !== 'initSync') {
      out[name] = guarded(value);
    } else {
      out[name] = value;
    }
  }
  return Object.freeze(out);
}
