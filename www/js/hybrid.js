// X25519MLKEM768 in the playground: the key exchange browsers offer first today, beside
// X25519 and P-256. A KEM is not Diffie-Hellman: Alice sends an ML-KEM encapsulation key
// with her X25519 key; Bob answers with a ciphertext (encapsulated to her key) and his
// X25519 key; only then do both hold the ML-KEM secret. The crate does all of it
// (HybridKeyPair, hybridRespond, in the "hybrid" build); this module says which keys a
// lesson uses and names the parts of what crosses the wire. Pure: no DOM.
import { utf8, fromHex, fromBase64 } from './bytes.js';
import { seedLabel } from './lesson.js';

/** The choice's value, as the curve select and the lesson's URL spell it. */
export const HYBRID = 'X25519MLKEM768';

/** What the choice is called on the page. */
export const HYBRID_NAME = 'X25519 + ML-KEM-768 (hybrid)';

export const isHybrid = (curve) => curve === HYBRID;

/** A client key share's length: ML-KEM-768 encapsulation key (1,184) ‖ X25519 key (32). */
const CLIENT_SHARE_LENGTH = 1216;

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

// The salt of a seeded lesson's encapsulation randomness m (HKDF-SHA256, the seed as
// input, the responder's label as info).
const M_SALT = 'ecdh-playground hybrid m v2';

/**
 * What Bob (or Mallory) answers with: an X25519 key pair and the 32 bytes of randomness m
 * that ML-KEM's encapsulation uses. In a seeded lesson both come from the seed and the
 * label (the X25519 key as the X25519 exchange's own), so everyone with the seed sees
 * the same ciphertext, in one page and across two tabs; otherwise fresh.
 * Returns { pair, m }.
 */
export function answerKeys({ kem, lesson }, who, round = 0) {
  // The key pair comes from the hybrid's build, which answer() hands it back to.
  if (!lesson.seed) {
    return { pair: kem.KeyPair.generate('X25519'), m: crypto.getRandomValues(new Uint8Array(32)) };
  }
  const label = seedLabel(who, round);
  return {
    pair: kem.KeyPair.fromSeed('X25519', utf8(lesson.seed), label),
    m: kem.hkdf(utf8(lesson.seed), utf8(M_SALT), utf8(label), 32),
  };
}

/** The answer to a client share: `{ serverShare, sharedSecret }` (the crate's). */
export function answer({ kem }, clientShare, { pair, m }) {
  return kem.hybridRespondWith(pair, clientShare, m);
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

const HEX_TEXT = /^[\s0-9a-fA-F:]+$/;

/**
 * The bytes of a pasted share or ciphertext, base64 or hex; throws a sentence naming
 * `what` and where to copy it from.
 */
export function readPasted(text, what, from) {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error(`Paste ${what} here: ${from}.`);
  const digits = trimmed.replace(/[\s:]/g, '');
  if (HEX_TEXT.test(trimmed) && digits.length % 2 === 0 && digits.length > 64) return fromHex(digits);
  try {
    return fromBase64(trimmed);
  } catch (e) {
    throw new Error(`${what}: ${e.message}. Copy it again: ${from}.`);
  }
}

/**
 * Bob's answer as the crate's finish() takes it (ciphertext ‖ X25519 key) from Alice's
 * two pastes: the ciphertext (or the whole 1,120-byte answer) and Bob's X25519 key (raw).
 * Throws for another length (ML-KEM-768's ciphertext is 1,088 bytes, FIPS 203 Table 3),
 * and when the whole answer's X25519 key is not the key pasted for Bob.
 */
export function answerFrom(pasted, bobX25519, { ciphertextLength = 1088 } = {}) {
  if (pasted.length === ciphertextLength) return new Uint8Array([...pasted, ...bobX25519]);
  if (pasted.length !== ciphertextLength + X25519_LENGTH) {
    throw new Error(`Bob's ML-KEM-768 ciphertext is ${ciphertextLength.toLocaleString('en')} bytes (his whole answer, with his X25519 key, ${(ciphertextLength + X25519_LENGTH).toLocaleString('en')}); this paste is ${pasted.length.toLocaleString('en')}. Copy “Your answer for Alice” again, whole, from Bob's tab.`);
  }
  const { x25519 } = splitShare(pasted);
  if (x25519.some((b, i) => b !== bobX25519[i])) {
    throw new Error('This whole answer ends with another X25519 key than the one pasted for Bob above: paste both from the same answer of Bob\'s tab.');
  }
  return pasted;
}

/** True when the text is a hybrid client key share (1,216 bytes, base64 or hex). */
export function isKeyShare(text) {
  try {
    return readPasted(text, 'a key share', '').length === CLIENT_SHARE_LENGTH;
  } catch {
    return false;
  }
}
