// What a one-party tab keeps in its sessionStorage across a reload, and what it says
// about it. Keeping the private key is the user's choice: with it off, nothing of the
// key is stored (not the key, not the round it was derived for) and a reload makes a
// new key pair. Nothing is ever sent anywhere. Pure: no DOM, no storage here.

/**
 * The object to store: `privateKeyPem` and `round` (and in the hybrid Alice's `mlkemSeed`
 * or Bob's `m`, hex) only when `keep` is on. A private key
 * pasted into the peer's box is never stored: the crate replaces one it can read by its
 * public key, and party.js passes `peer` only once the crate has read it as a public key
 * (a paste it cannot read, which may be a private key of another curve, an encrypted
 * one or a bare scalar, stays in the box but not in the store); a PEM private key label
 * is refused here as well.
 */
export function toStore({
  keep, curve, privateKeyPem, mlkemSeed = null, m = null, round, peer, ciphertext = '', salt, info, conversation,
}) {
  return {
    keep,
    curve,
    ...(keep ? { privateKey: privateKeyPem, round } : {}),
    // The hybrid's private parts beside the X25519 key: Alice's ML-KEM seed, Bob's m.
    ...(keep && mlkemSeed ? { mlkemSeed } : {}),
    ...(keep && m ? { m } : {}),
    ciphertext,
    peer: /PRIVATE KEY/.test(peer) ? '' : peer,
    salt,
    info,
    conversation,
  };
}

/**
 * What a stored text restores: { keep, curve, privateKey (or null), mlkemSeed and m (or
 * null), round, peer, ciphertext, salt, info (or null), conversation }; null when there
 * is nothing usable.
 */
export function fromStore(text) {
  if (!text) return null;
  let s;
  try {
    s = JSON.parse(text);
  } catch {
    return null;
  }
  if (s === null || typeof s !== 'object') return null;
  const keep = s.keep !== false;
  return {
    keep,
    curve: typeof s.curve === 'string' ? s.curve : null,
    privateKey: keep && typeof s.privateKey === 'string' ? s.privateKey : null,
    round: keep && Number.isInteger(s.round) ? s.round : 0,
    mlkemSeed: keep && typeof s.mlkemSeed === 'string' ? s.mlkemSeed : null,
    m: keep && typeof s.m === 'string' ? s.m : null,
    peer: typeof s.peer === 'string' ? s.peer : '',
    ciphertext: typeof s.ciphertext === 'string' ? s.ciphertext : '',
    salt: typeof s.salt === 'string' ? s.salt : '',
    info: typeof s.info === 'string' ? s.info : null,
    conversation: Array.isArray(s.conversation) ? s.conversation : [],
  };
}

/** Where the tab's private key is kept, said next to the choice. */
export function keepText(keep, { seeded, peer, memoryOnly = false }) {
  if (memoryOnly) {
    return 'Your private key is kept only in this page\'s memory: the page may not use the browser\'s storage here, so a reload or closing the page forgets it.';
  }
  if (keep) {
    return `Your private key is kept in this tab's sessionStorage, so that a reload keeps it. It is never sent anywhere, and closing the tab deletes it. Untick to keep it only in this page's memory.`;
  }
  return seeded
    ? `Your private key is kept only in this page's memory: nothing of it is stored. In a seeded lesson a reload derives the lesson's first key pair from the seed again.`
    : `Your private key is kept only in this page's memory: nothing of it is stored, and a reload makes a new key pair (send its public key to ${peer} again).`;
}
