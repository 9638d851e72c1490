// Message counters of a seeded lesson, one per key. A seeded nonce is derived from the
// key, the seed, the sender and this counter (lesson.js nonceInfo), so the counter must
// never start again for a key that was used before: switching the curve and back, the
// next key pairs from the seed, "Forget" in a tab and a reload can all bring back a key
// the tab has already sealed with. The book is kept in this tab's sessionStorage (it
// holds counters under a key id, never a key) and is not cleared by "Forget".
// No DOM here: the storage is passed in.

/** A Storage-like object in memory, for where sessionStorage is missing or refused. */
export function memoryStorage() {
  const items = new Map();
  return {
    getItem: (name) => (items.has(name) ? items.get(name) : null),
    setItem: (name, value) => { items.set(name, String(value)); },
    removeItem: (name) => { items.delete(name); },
  };
}

// One per page: every playground on it that cannot use sessionStorage shares it.
const fallback = memoryStorage();

/**
 * This tab's sessionStorage when the page may use it, else memory: a frame sandboxed
 * without allow-same-origin (how many course platforms show uploaded HTML) has an opaque
 * origin, and reading sessionStorage there throws.
 */
export function tabStorage() {
  try {
    const storage = globalThis.sessionStorage;
    const probe = 'ecdh-playground/probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return fallback;
  }
}

/** What the playground says where it may not use the browser's storage. */
export const MEMORY_ONLY_NOTE = 'This page may not use the browser\'s storage here (a sandboxed frame): this tab\'s keys are kept only until the page closes.';

/** True when `storage` is the memory fallback: what it holds goes when the page closes. */
export function inMemoryOnly(storage) {
  return storage === fallback;
}

/**
 * The counters of the lesson `seed` in `storage`: `next(keyId)` returns how many
 * messages this tab has sealed under that key so far, and counts one more. Read and
 * written at every call, so that several playgrounds on one page share the count.
 */
export function nonceBook(storage, seed) {
  const name = `ecdh-playground/nonces/${seed}`;
  const read = () => {
    try {
      const book = JSON.parse(storage.getItem(name) ?? '{}');
      return book !== null && typeof book === 'object' && !Array.isArray(book) ? book : {};
    } catch {
      return {};
    }
  };
  return {
    next(keyId) {
      const book = read();
      const count = Number.isSafeInteger(book[keyId]) && book[keyId] >= 0 ? book[keyId] : 0;
      book[keyId] = count + 1;
      try {
        storage.setItem(name, JSON.stringify(book));
      } catch {
        // A full storage: keep counting in memory rather than repeat a nonce.
        fallback.setItem(name, JSON.stringify(book));
        storage = fallback;
      }
      return count;
    },
  };
}
