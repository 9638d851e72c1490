// The attack lab's sections: their ids, the module that mounts each and their headings.
// Pure data, read by the page (attacks-page.js), the embed and the custom element
// (attacks-mount.js) and lesson.js (which views an address may ask for).

/** Section id → its module (relative to attacks-mount.js), in the page's order. */
export const SECTIONS = {
  'invalid-curve': './attack-invalid-curve.js',
  'low-order': './attack-low-order.js',
  'nonce-reuse-ecdsa': './attack-nonce-reuse-ecdsa.js',
  'nonce-reuse-gcm': './attack-nonce-reuse-gcm.js',
};

/** The embed views of the lab: "attack-" and the section's id. */
export const ATTACK_VIEWS = Object.keys(SECTIONS).map((id) => `attack-${id}`);

/** Each section's heading, for a section shown on its own (as on the page). */
export const TITLES = {
  'invalid-curve': '1. Invalid-curve attack on P-256 ECDH',
  'low-order': '2. X25519 low-order points',
  'nonce-reuse-ecdsa': '3. ECDSA nonce reuse',
  'nonce-reuse-gcm': '4. AES-GCM nonce reuse',
};
