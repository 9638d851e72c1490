// Loading the module for one part of a page, with the failure said where the reader
// looks, and mounting a part again on a fresh module if the module traps. Kept apart
// from wasm.js, which the single-file build replaces.
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

/** How the first module's refusal of a paste it leaves to core starts (Error::NeedsReader). */
const NEEDS_READER = 'this module does not read ';

/**
 * Whether `error` is the playground's first module (www/pkg/first) saying that this paste
 * is one it leaves to core: the page then loads core and asks it.
 */
export function isNeedsReader(error) {
  return typeof error?.message === 'string' && error.message.startsWith(NEEDS_READER);
}

/**
 * Thrown by the playground's ctx.inspect when the paste needs core and core is not loaded yet: `loading`
 * resolves once it is, and the caller reads the paste again then.
 */
export class ReaderLoading extends Error {
  constructor(loading) {
    super('Reading this paste…');
    this.name = 'ReaderLoading';
    this.loading = loading;
  }
}

/** What the user typed or chose in a container: every field with an id. */
function snapshot(container) {
  return [...container.querySelectorAll('input[id], textarea[id], select[id]')].map((field) => ({
    id: field.id,
    value: field.value,
    checked: field.checked,
  }));
}

/** Puts the values back and lets the part react as if they had been typed. */
function restore(container, values) {
  for (const { id, value, checked } of values) {
    const field = container.querySelector(`#${CSS.escape(id)}`);
    if (!field || field.disabled) continue;
    const changed = field.type === 'checkbox' || field.type === 'radio'
      ? field.checked !== checked
      : field.value !== value;
    if (!changed) continue;
    if (field.type === 'checkbox' || field.type === 'radio') field.checked = checked;
    else field.value = value;
    field.dispatchEvent(new Event(field.tagName === 'SELECT' || field.type === 'checkbox' ? 'change' : 'input', { bubbles: true }));
  }
}

/**
 * Mounts a part with `mount()` (which loads the module through readyFor) and, whenever
 * the module traps (wasm.js's "ecdh-playground:trap"), mounts it again on a fresh
 * module, puts back what the user had typed, and says in one line what happened.
 * Resolves as `mount()` does the first time.
 */
export function recoverable(container, mount) {
  let recovering = null;
  globalThis.addEventListener?.('ecdh-playground:trap', (event) => {
    const values = snapshot(container);
    const message = event.detail?.message ?? 'a RuntimeError';
    recovering ??= (async () => {
      container.replaceChildren();
      await mount();
      restore(container, values);
      const notice = document.createElement('p');
      notice.className = 'trap-notice';
      notice.setAttribute('role', 'status');
      notice.textContent = `The WebAssembly module stopped with an internal error (${message}), a bug in this page. A fresh module was loaded and what you had typed is kept; keys made since are new.`;
      container.prepend(notice);
    })().finally(() => {
      recovering = null;
    });
  });
  return mount();
}
