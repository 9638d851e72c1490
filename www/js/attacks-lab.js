// The attack lab's sections: their ids and their headings. Pure data, read by the page
// and the single file, the embed and the custom element (attacks-mount.js, which loads
// each section's module) and lesson.js (which views an address may ask for).

/** The sections' ids, in the page's order. */
export const SECTIONS = ['invalid-curve', 'low-order', 'nonce-reuse-ecdsa', 'nonce-reuse-gcm'];

/** The embed views of the lab: "attack-" and the section's id. */
export const ATTACK_VIEWS = SECTIONS.map((id) => `attack-${id}`);

/** Each section's heading, for a section shown on its own (as on the page). */
export const TITLES = {
  'invalid-curve': '1. Invalid-curve attack on P-256 ECDH',
  'low-order': '2. X25519 low-order points',
  'nonce-reuse-ecdsa': '3. ECDSA nonce reuse',
  'nonce-reuse-gcm': '4. AES-GCM nonce reuse',
};
