// What the one-party tab says when something does not work: reading the envelope a
// student pasted, the list of things to compare when it does not open, and the hints
// for a paste into the peer's box that may be an envelope rather than a key.
// Pure: no DOM; the crate still decides what a key is and whether a tag matches.
import { fromHex, fromBase64 } from './bytes.js';

/** The shortest envelope: a 12-byte nonce and a 16-byte tag around an empty message. */
export const ENVELOPE_OVERHEAD = 28;

/** "a 12-byte nonce, 4 bytes of message and a 16-byte tag". */
export function envelopeShape(length) {
  const message = length - ENVELOPE_OVERHEAD;
  return `a 12-byte nonce, ${message === 1 ? '1 byte' : `${message} bytes`} of message and a 16-byte tag`;
}

const HEX = /^[\s0-9a-fA-F:]+$/;

/**
 * The bytes of a pasted envelope, hex or base64: { bytes, cutOff }. `cutOff` is true when
 * base64 text is not a whole number of 4-character groups (the page always writes whole
 * groups, padded with "="), which is what a copy that missed its end looks like. Throws
 * with a sentence that says what to do.
 */
export function readEnvelope(text) {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('Paste an envelope first: the base64 text under “Envelope to send” in the other tab.');
  const hex = HEX.test(trimmed) && trimmed.replace(/[\s:]/g, '').length >= 2 * ENVELOPE_OVERHEAD;
  let bytes;
  let cutOff = false;
  if (hex) {
    bytes = fromHex(trimmed);
  } else {
    try {
      bytes = fromBase64(trimmed);
    } catch (e) {
      throw new Error(`The envelope is not base64: ${e.message}.`);
    }
    cutOff = trimmed.replace(/\s/g, '').length % 4 !== 0;
  }
  if (bytes.length < ENVELOPE_OVERHEAD) {
    throw new Error(`Too short for an envelope: ${bytes.length} bytes, where an envelope has at least ${ENVELOPE_OVERHEAD} (a 12-byte nonce and a 16-byte tag). Copy it again, whole.`);
  }
  return { bytes, cutOff };
}

/**
 * What to compare when an envelope does not open with the key for the peer's messages:
 * { title, items }. `facts`: { peer (name), keysFingerprint (this tab's, or ''), salt,
 * info, peerKeyFingerprint (of the public key pasted for the peer), length (bytes),
 * cutOff, hybrid (the tabs use X25519MLKEM768) }.
 */
export function failureChecklist({
  peer, keysFingerprint, salt, info, peerKeyFingerprint, length, cutOff, hybrid = false,
}) {
  const items = [];
  if (cutOff) {
    items.push('The envelope looks cut off: its base64 does not end on a whole group of four characters. Copy it again, whole, from the other tab.');
  }
  items.push(`The keys fingerprint: this tab shows ${keysFingerprint || '(not computed yet)'}. If ${peer}'s tab shows another, the two tabs do not have the same keys: the next two points say why.`);
  items.push(`Salt and info: this tab uses ${salt === '' ? 'no salt' : `the salt “${salt}”`} and the info “${info}”. Both tabs must use exactly the same.`);
  items.push(`A new key pair on ${peer}'s side: if ${peer} made one (or switched the curve), paste ${peer}'s new public key above. The key you have for ${peer} has the fingerprint ${peerKeyFingerprint}; ${peer}'s tab shows its own under the public key.`);
  if (hybrid) {
    items.push(`In the hybrid, the ML-KEM-768 ciphertext too: ${peer === 'Bob' ? 'the one pasted from Bob\'s tab must be his current answer' : 'Alice must paste your current answer'}, whole and unchanged. A changed ciphertext is not refused: decapsulation then gives another, pseudorandom secret (implicit rejection, so that nothing tells an attacker which change came closer), and the keys differ.`);
  }
  if (!cutOff) {
    items.push(`Was it copied whole, and from ${peer}'s tab? It is ${length} bytes: ${envelopeShape(length)}. One changed byte is enough to be refused.`);
  }
  return {
    title: `message authentication failed: this envelope does not open with the key for ${peer}'s messages. Compare with ${peer}'s tab:`,
    items,
  };
}

/**
 * When a paste into the peer's box could be an envelope: the number of bytes its base64
 * holds, else null. Only plain base64 of at least 28 bytes (not PEM, not JSON, not hex,
 * not an OpenSSH line) qualifies.
 */
export function envelopeLength(text) {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) || /^[0-9a-fA-F]+$/.test(trimmed)) return null;
  let bytes;
  try {
    bytes = fromBase64(trimmed);
  } catch {
    return null;
  }
  return bytes.length >= ENVELOPE_OVERHEAD ? bytes.length : null;
}

/** Said of a peer paste read as a bare point in base64 that an envelope could also be. */
export function mayBeEnvelope(length, curve) {
  return `${length} bytes of base64, read as a raw ${curve} public key. The envelope of a ${length - ENVELOPE_OVERHEAD}-byte message is also exactly ${length} bytes (${envelopeShape(length)}): if you copied an envelope, paste it under “Envelope received” instead.`;
}

/** Said of a refused peer paste that looks like an envelope. */
export function looksLikeEnvelope(length) {
  return `This looks like an envelope (${length} bytes: ${envelopeShape(length)}), not a public key: paste it under “Envelope received” below.`;
}
