// X25519MLKEM768 in the playground: the key exchange browsers offer first today, beside
// X25519 and P-256. A KEM is not Diffie-Hellman: Alice sends an ML-KEM encapsulation key
// with her X25519 key; Bob answers with a ciphertext (encapsulated to her key) and his
// X25519 key; only then do both hold the ML-KEM secret. The crate does all of it
// (HybridKeyPair, hybridRespond, in the "hybrid" build); this module says which keys a
// lesson uses and names the parts of what crosses the wire. Pure: no DOM.
import { utf8, toHex } from './bytes.js';
import { seedLabel } from './lesson.js';

/** The choice's value, as the curve select and the lesson's URL spell it. */
export const HYBRID = 'X25519MLKEM768';

/** What the choice is called on the page. */
export const HYBRID_NAME = 'X25519 + ML-KEM-768 (hybrid)';

export const isHybrid = (curve) => curve === HYBRID;

/** The build a choice needs: the hybrid needs ML-KEM (www/pkg/hybrid), the curves core. */
export const buildFor = (curve) => (isHybrid(curve) ? 'hybrid' : 'core');

/** An X25519 public key's length, at the end of each share (ML-KEM first, then X25519). */
const X25519_LENGTH = 32;

/**
 * The two parts of a key share, X25519MLKEM768's order: the ML-KEM part (Alice's
 * encapsulation key, or Bob's ciphertext), then the 32-byte X25519 public key.
 */
export function splitShare(share) {
  const cut = share.length - X25519_LENGTH;
  return { kem: share.slice(0, cut), x25519: share.slice(cut) };
}

/** The 64-byte secret's parts: ML-KEM's 32 bytes, then X25519's. */
export function splitSecret(secret) {
  return { kem: secret.slice(0, 32), x25519: secret.slice(32) };
}

/** Alice's (or Mallory's) keys: from the lesson's seed, or fresh. */
export function makeHybrid({ kem, lesson }, who, round = 0) {
  return lesson.seed
    ? kem.HybridKeyPair.fromSeed(utf8(lesson.seed), seedLabel(who, round))
    : kem.HybridKeyPair.generate();
}

/**
 * Bob's (or Mallory's) answer to a client share: `{ serverShare, sharedSecret }`. In a
 * seeded lesson its X25519 key and the ML-KEM encapsulation come from the seed and the
 * responder's label, so everyone with the seed sees the same ciphertext; otherwise fresh.
 */
export function respond({ kem, lesson }, clientShare, who, round = 0) {
  const seed = lesson.seed ? utf8(`${lesson.seed}\n${seedLabel(who, round)}`) : undefined;
  return kem.hybridRespond(clientShare, seed);
}

/**
 * A public key read from its raw bytes, shaped as the key card reads a key pair (formats,
 * fingerprint): Bob's X25519 key, which the hybrid's answer carries. It has no private
 * key on this page: Bob's X25519 key is made for his answer and used once.
 */
export function publicOnly(api, raw) {
  const inspection = api.inspectPublicKey(toHex(raw));
  return {
    curve: inspection.curve,
    fingerprint: inspection.fingerprint,
    publicOnly: true,
    publicKey: (format = 'pem') => inspection[format] ?? inspection.pem,
    revealPrivateKey: () => {
      throw new Error('Bob\'s X25519 key lives only inside his answer: this page never holds it');
    },
    free: () => {},
  };
}

const n = (count) => count.toLocaleString('en');

/** "1,216 bytes: ML-KEM-768 encapsulation key (1,184) ‖ X25519 public key (32)". */
export function shareWords(share, kemPart) {
  const { kem } = splitShare(share);
  return `${n(share.length)} bytes: ML-KEM-768 ${kemPart} (${n(kem.length)}) ‖ X25519 public key (${X25519_LENGTH})`;
}

/** The cost of the hybrid on the wire, from the two shares that crossed it. */
export function wireCost(clientShare, serverShare) {
  const total = clientShare.length + serverShare.length;
  return `On the wire: ${n(total)} bytes for the key exchange, where X25519 alone sends ${X25519_LENGTH} each way (${X25519_LENGTH * 2}). The ${n(total - X25519_LENGTH * 2)} extra bytes are ML-KEM's: an encapsulation key one way, a ciphertext the other.`;
}
