// What both views of the playground (both parties on one page, one party per tab) do
// the same way: key pairs (seeded or random), HKDF, sealing, and writing bytes that a
// lesson may hide.
import { toHex, utf8, groupedHex } from './bytes.js';
import { seedLabel, nonceInfo } from './lesson.js';

export const NAMES = { alice: 'Alice', bob: 'Bob' };

function textOrNull(value) {
  return value === '' ? null : utf8(value);
}

/** Key pairs: seeded when the lesson has a seed, random otherwise. */
export function makeKeyPair({ api, lesson }, who, round = 0) {
  return lesson.seed
    ? api.KeyPair.fromSeed(lesson.curve, utf8(lesson.seed), seedLabel(who, round))
    : api.KeyPair.generate(lesson.curve);
}

/** Seals with a fresh random nonce, or in a seeded lesson a nonce from the seed. */
export function seal({ api, lesson }, key, plaintext, who, index) {
  if (!lesson.seed) return api.encrypt(key, plaintext);
  const nonce = api.hkdf(utf8(lesson.seed), null, utf8(nonceInfo(who, index)), 12);
  return api.encryptWithNonce(key, nonce, plaintext);
}

export function deriveKey(api, secret, salt, info) {
  const prk = api.hkdfExtract(textOrNull(salt), secret);
  const okm = api.hkdfExpand(prk, utf8(info), 32);
  return { prk, okm };
}

export const HIDDEN_TEXT = 'Hidden by the lesson: work it out, then check your answer below.';

/** The values of outputs a lesson hides: kept here, out of the DOM, so that the page
 * source does not give the answer away. */
export const hiddenValues = new WeakMap();

export function setBytes(node, bytes) {
  hiddenValues.set(node, toHex(bytes));
  node.textContent = node.classList.contains('answer-hidden') ? HIDDEN_TEXT : groupedHex(bytes);
}
