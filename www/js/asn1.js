// Pure helpers for the few DER structures the WebCrypto cross-check needs: PEM armour
// (RFC 7468) and ECDSA signatures as DER (RFC 3279 §2.2.3, what OpenSSL and Python
// write) or as r ‖ s (IEEE P1363, what WebCrypto signs and verifies). No DOM here.
//
// Everything else on the pages reads keys and signatures through the WebAssembly
// module, the crate's one parser. The cross-check alone keeps this small second
// reader, on purpose: it recomputes each step with the browser's own WebCrypto, so it
// must not lean on the code it checks.
import { fromBase64 } from './bytes.js';

const PEM_RE = /^-----BEGIN ([A-Z0-9 ]+)-----\n([A-Za-z0-9+/=\n]+)\n-----END ([A-Z0-9 ]+)-----$/;

/**
 * A PEM text as its label and canonical text (trimmed, LF line breaks, one base64
 * block). Throws, saying what was found, for anything else.
 */
export function parsePem(text) {
  if (typeof text !== 'string') throw new TypeError(`expected PEM text, got ${text === null ? 'null' : typeof text}`);
  const pem = text.trim().replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n');
  const match = PEM_RE.exec(pem);
  if (!match) {
    throw new Error(pem.startsWith('-----BEGIN ')
      ? 'expected PEM: base64 lines between matching BEGIN and END lines'
      : 'expected PEM text starting with "-----BEGIN "');
  }
  if (match[1] !== match[3]) throw new Error(`PEM: BEGIN ${match[1]} ends with END ${match[3]}`);
  const der = fromBase64(match[2]);
  return { label: match[1], der, pem: `${pem}\n` };
}

/** DER bytes of a PEM text whose label must be `label` ("PUBLIC KEY", "PRIVATE KEY"). */
export function pemToDer(text, label) {
  const pem = parsePem(text);
  if (label && pem.label !== label) {
    throw new Error(`expected a PEM "${label}", got "${pem.label}"`);
  }
  return pem.der;
}

/** Reads one DER INTEGER of an ECDSA signature at `at`: { value (unsigned, minimal), end }. */
function readInteger(der, at, size, name) {
  if (der[at] !== 0x02) throw new Error(`DER signature: ${name} is not an INTEGER`);
  const length = der[at + 1];
  const start = at + 2;
  if (length === undefined || length === 0 || length > size + 1 || start + length > der.length) {
    throw new Error(`DER signature: ${name} has a bad length`);
  }
  const bytes = der.subarray(start, start + length);
  if (bytes[0] & 0x80) throw new Error(`DER signature: ${name} is negative`);
  if (length > 1 && bytes[0] === 0 && !(bytes[1] & 0x80)) {
    throw new Error(`DER signature: ${name} has a needless leading zero`);
  }
  const value = bytes[0] === 0 ? bytes.subarray(1) : bytes;
  if (value.length > size) throw new Error(`DER signature: ${name} is longer than ${size} bytes`);
  return { value, end: start + length };
}

/**
 * The r ‖ s form (IEEE P1363, 2 × `size` bytes) of a DER ECDSA-Sig-Value
 * SEQUENCE { r INTEGER, s INTEGER }. Strict DER; throws naming what is wrong.
 */
export function derToP1363(der, size = 32) {
  if (der[0] !== 0x30 || der[1] === undefined || der[1] >= 0x80 || der[1] + 2 !== der.length) {
    throw new Error('DER signature: expected a SEQUENCE spanning the whole signature');
  }
  const r = readInteger(der, 2, size, 'r');
  const s = readInteger(der, r.end, size, 's');
  if (s.end !== der.length) throw new Error('DER signature: bytes after s');
  const out = new Uint8Array(2 * size);
  out.set(r.value, size - r.value.length);
  out.set(s.value, 2 * size - s.value.length);
  return out;
}

function integer(bytes) {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  const body = trimmed[0] & 0x80 ? [0, ...trimmed] : [...trimmed];
  return [0x02, body.length, ...body];
}

/**
 * The DER ECDSA-Sig-Value of an r ‖ s (IEEE P1363) signature: two halves of equal
 * length, at most 60 bytes each (so every DER length fits in one byte).
 */
export function p1363ToDer(raw) {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 2 * 60) {
    throw new Error(`r ‖ s signature: expected an even number of bytes, got ${raw.length}`);
  }
  const half = raw.length / 2;
  const body = [...integer(raw.subarray(0, half)), ...integer(raw.subarray(half))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

/**
 * A P-256 signature in both forms, from either: DER when it parses as strict DER,
 * otherwise 64 bytes of r ‖ s. Returns { der, p1363, given: "der" | "p1363" }.
 */
export function signatureForms(bytes) {
  try {
    return { der: Uint8Array.from(bytes), p1363: derToP1363(bytes), given: 'der' };
  } catch (error) {
    if (bytes.length !== 64) {
      throw new Error(`expected a DER signature or 64 bytes of r ‖ s, got ${bytes.length} bytes that are not DER (${error.message})`);
    }
    return { der: p1363ToDer(bytes), p1363: Uint8Array.from(bytes), given: 'p1363' };
  }
}
