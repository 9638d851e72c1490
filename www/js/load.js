// Loading the module for one part of a page, with the failure said where the reader
// looks. Kept apart from wasm.js, which the single-file build replaces.
import { ready } from './wasm.js';

/**
 * Loads a build for a part of the page; if it cannot, says so in the part's `status`
 * element and rejects.
 */
export async function readyFor(status, build) {
  try {
    return await ready(build);
  } catch (e) {
    status.textContent = `The WebAssembly module could not be loaded: ${e.message}`;
    status.classList.add('bad');
    throw e;
  }
}
