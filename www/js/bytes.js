// Pure helpers for showing bytes: hex, base64, UTF-8. No DOM here.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Lowercase hex, no separators. */
export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Bytes from hex; white space and colons are ignored. Throws on anything else. */
export function fromHex(text) {
  const clean = text.replace(/[\s:]/g, '').replace(/^0x/i, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) {
    throw new Error('expected hex: pairs of the digits 0-9 and a-f');
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Standard base64 with padding. */
export function toBase64(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Bytes from standard or URL-safe base64, padded or not, white space ignored. */
export function fromBase64(text) {
  let clean = text.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length === 0) {
    throw new Error('expected base64 text');
  }
  clean = clean.replace(/=+$/, '');
  clean += '='.repeat((4 - (clean.length % 4)) % 4);
  let binary;
  try {
    binary = atob(clean);
  } catch {
    throw new Error('expected base64 text: a character is missing or extra');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** UTF-8 bytes of a string. */
export function utf8(text) {
  return encoder.encode(text);
}

/** A string from UTF-8 bytes; null when they are not valid UTF-8. */
export function fromUtf8(bytes) {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Hex split into groups of `size` bytes, for reading long values aloud. */
export function groupedHex(bytes, size = 4) {
  const hex = toHex(bytes);
  const groups = [];
  for (let i = 0; i < hex.length; i += size * 2) groups.push(hex.slice(i, i + size * 2));
  return groups.join(' ');
}

/** A copy of `bytes` with one bit of byte `index` flipped. */
export function flipByte(bytes, index) {
  const out = Uint8Array.from(bytes);
  out[index] ^= 0x01;
  return out;
}

/** Splits an AES-GCM envelope into its labelled parts: nonce(12) ‖ ciphertext ‖ tag(16). */
export function envelopeParts(envelope) {
  return {
    nonce: envelope.slice(0, 12),
    ciphertext: envelope.slice(12, envelope.length - 16),
    tag: envelope.slice(envelope.length - 16),
  };
}
