// What both views of the playground (both parties on one page, one party per tab) do
// the same way: key pairs (seeded or random), HKDF into one key per direction, sealing,
// and writing bytes that a lesson may hide.
import { toHex, utf8, groupedHex } from './bytes.js';
import { seedLabel, nonceInfo, directionInfo } from './lesson.js';
import { isHybrid } from './hybrid.js';

export const NAMES = { alice: 'Alice', bob: 'Bob', mallory: 'Mallory' };

/** "Alice → Bob" for a direction of lesson.js's DIRECTIONS. */
export const ARROWS = { ab: 'Alice → Bob', ba: 'Bob → Alice' };

/**
 * What each value a lesson can hide (lesson.js's HIDEABLE) is on the page: the outputs
 * that hold it, by the id after "alice-" or "bob-", and its name. The quizzes, the
 * handout and the answer key read this one table.
 */
export const HIDDEN_OUTPUTS = {
  secret: [['secret', 'shared secret']],
  prk: [['prk', 'PRK']],
  okm: [['key-ab', `${ARROWS.ab} key`], ['key-ba', `${ARROWS.ba} key`]],
};

function textOrNull(value) {
  return value === '' ? null : utf8(value);
}

/** Key pairs: seeded when the lesson has a seed, random otherwise. */
export function makeKeyPair({ api, lesson }, who, round = 0) {
  return lesson.seed
    ? api.KeyPair.fromSeed(lesson.curve, utf8(lesson.seed), seedLabel(who, round))
    : api.KeyPair.generate(lesson.curve);
}

// The id under which the nonce book counts a key's messages: 8 bytes of HKDF of the key,
// which says nothing about the key itself.
const KEY_ID_INFO = 'ecdh-playground key id v2';

/**
 * Seals `plaintext` from `sender` under `key`. Without a seed the nonce is fresh and
 * random; in a seeded lesson it is HKDF-SHA256(ikm = the key, salt = the seed,
 * info = nonceInfo(sender, n), 12 bytes), where n counts the messages this tab has
 * sealed under this key (ctx.nonces, nonce-book.js). Returns { envelope, counter }
 * (counter null without a seed).
 */
export function seal({ api, lesson, nonces }, key, plaintext, sender) {
  if (!lesson.seed) return { envelope: api.encrypt(key, plaintext), counter: null };
  const counter = nonces.next(toHex(api.hkdf(key, null, utf8(KEY_ID_INFO), 8)));
  const nonce = api.hkdf(key, utf8(lesson.seed), utf8(nonceInfo(sender, counter)), 12);
  return { envelope: api.encryptWithNonce(key, nonce, plaintext), counter };
}

/**
 * HKDF from the shared secret: PRK = HKDF-Extract(salt, secret), then one AES-256 key per
 * direction, HKDF-Expand(PRK, directionInfo(info, d), 32).
 * Returns { prk, ab, ba, infos: { ab, ba } }.
 */
export function deriveKeys(api, secret, salt, info) {
  const prk = api.hkdfExtract(textOrNull(salt), secret);
  const infos = { ab: directionInfo(info, 'ab'), ba: directionInfo(info, 'ba') };
  return {
    prk,
    ab: api.hkdfExpand(prk, utf8(infos.ab), 32),
    ba: api.hkdfExpand(prk, utf8(infos.ba), 32),
    infos,
  };
}

export const HIDDEN_TEXT = 'Hidden by the lesson: work it out, then check your answer below.';

/** The values of outputs a lesson hides: kept here, out of the DOM, so that the page
 * source does not give the answer away. */
export const hiddenValues = new WeakMap();

export function setBytes(node, bytes) {
  hiddenValues.set(node, toHex(bytes));
  node.textContent = node.classList.contains('answer-hidden') ? HIDDEN_TEXT : groupedHex(bytes);
}

/**
 * Calls `apply()` when the curve select changes, once the build the choice needs is
 * loaded: the hybrid's ML-KEM, the first time it is chosen. If it cannot be loaded, the
 * select goes back to the lesson's curve and says why; nothing else changes.
 */
export function onCurveChange(ctx, select, apply) {
  select.addEventListener('change', async () => {
    if (isHybrid(select.value) && !ctx.kem) {
      const wanted = select.value;
      select.disabled = true;
      ctx.announce('Loading ML-KEM-768…');
      try {
        await ctx.loadKem();
      } catch (e) {
        select.value = ctx.lesson.curve;
        ctx.announce(`ML-KEM-768 could not be loaded (${e.message}): staying with ${ctx.lesson.curve}`);
        return;
      } finally {
        select.disabled = false;
      }
      select.value = wanted;
    }
    apply();
  });
}
