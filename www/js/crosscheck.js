// "Cross-check with your browser's WebCrypto": each step recomputed with crypto.subtle,
// independently of the playground's WebAssembly module, and compared with the value
// the page shows. Never pretends: what this browser lacks is reported as 'unsupported'.
// No DOM here.
//
// Every function resolves to { status, detail, actual }:
//   status  'match' | 'mismatch' | 'unsupported'
//   detail  one plain sentence for the student
//   actual  what WebCrypto computed (lowercase hex, text or boolean), or null
// Malformed arguments (not hex, not PEM, an unknown curve) throw instead: they are the
// caller's mistake, not a disagreement. The optional second argument { subtle } replaces
// globalThis.crypto.subtle, for tests.
import { fromHex, toHex, utf8, fromUtf8 } from './bytes.js';
import { pemToDer, signatureForms } from './asn1.js';

const result = (status, detail, actual = null) => ({ status, detail, actual });

/** crypto.subtle, or null where the page is not a secure context (http:// other than localhost). */
function subtleOf(options) {
  if (options && 'subtle' in options) return options.subtle ?? null;
  return globalThis.crypto?.subtle ?? null;
}

const NO_SUBTLE = result('unsupported', "This page is not a secure context (https:// or localhost), so the browser does not offer WebCrypto's crypto.subtle here.");

function hexArg(text, what) {
  try {
    return fromHex(String(text ?? ''));
  } catch (error) {
    throw new Error(`${what}: ${error.message}`);
  }
}

function jwkArg(jwk, what) {
  if (typeof jwk === 'string') {
    try {
      return JSON.parse(jwk);
    } catch {
      throw new Error(`${what}: expected JWK (JSON) text`);
    }
  }
  if (jwk === null || typeof jwk !== 'object') throw new Error(`${what}: expected a JWK object or its JSON text`);
  return jwk;
}

/** Import arguments [format, keyData] from a PEM or a JWK, whichever was given. */
function keySource(pem, jwk, label, format, what) {
  if (pem !== undefined && pem !== null && pem !== '') return [format, pemToDer(pem, label)];
  if (jwk !== undefined && jwk !== null && jwk !== '') return ['jwk', jwkArg(jwk, what)];
  throw new Error(`${what}: give it as PEM or as a JWK`);
}

const short = (hex) => (hex.length > 24 ? `${hex.slice(0, 16)}…` : hex);

function compareHex(actual, expected, what) {
  if (actual === expected) return result('match', `WebCrypto computed the same ${what}: ${short(actual)}.`, actual);
  return result('mismatch', `WebCrypto computed a different ${what}: ${short(actual)}, where the page shows ${short(expected)}.`, actual);
}

const refused = (what, error) => result('mismatch', `WebCrypto refused ${what} that the page accepted (${error.name}: ${error.message}).`);

const ECDH_ALGORITHMS = {
  'P-256': { name: 'ECDH', namedCurve: 'P-256' },
  X25519: { name: 'X25519' },
};

/**
 * ECDH: recompute the shared secret from our private key (PKCS#8 PEM or JWK) and the
 * peer's public key (SPKI PEM or JWK) and compare it with `expectedSecretHex`. X25519
 * is 'unsupported' where this browser's WebCrypto lacks it.
 */
export async function ecdh({
  curve, privateKeyPkcs8Pem, privateKeyJwk, peerPublicKeySpkiPem, peerPublicKeyJwk, expectedSecretHex,
}, options) {
  const algorithm = ECDH_ALGORITHMS[curve];
  if (!algorithm) throw new Error(`unknown curve ${JSON.stringify(curve)}: expected "P-256" or "X25519"`);
  const expected = toHex(hexArg(expectedSecretHex, 'expected shared secret'));
  const privateSource = keySource(privateKeyPkcs8Pem, privateKeyJwk, 'PRIVATE KEY', 'pkcs8', 'private key');
  const publicSource = keySource(peerPublicKeySpkiPem, peerPublicKeyJwk, 'PUBLIC KEY', 'spki', 'peer public key');
  const subtle = subtleOf(options);
  if (!subtle) return NO_SUBTLE;

  let privateKey;
  try {
    privateKey = await subtle.importKey(...privateSource, algorithm, false, ['deriveBits']);
  } catch (error) {
    if (error?.name === 'NotSupportedError') {
      return result('unsupported', `This browser's WebCrypto does not support ${curve} (importKey threw NotSupportedError), so only the playground's own computation is shown.`);
    }
    return refused('the private key', error);
  }
  let publicKey;
  try {
    publicKey = await subtle.importKey(...publicSource, algorithm, false, []);
  } catch (error) {
    return refused("the peer's public key", error);
  }
  let bits;
  try {
    bits = await subtle.deriveBits({ name: algorithm.name, public: publicKey }, privateKey, 256);
  } catch (error) {
    return refused('to derive a secret from these keys', error);
  }
  return compareHex(toHex(new Uint8Array(bits)), expected, 'shared secret');
}

function fromB64url(text) {
  const binary = atob(String(text).replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * A key pair: import the private key (PKCS#8 PEM) and let WebCrypto give its public part
 * (an exported private JWK carries it: x and y on P-256, x alone, the u-coordinate, on
 * X25519), then compare it with `expectedPublicRawHex`
 * (SEC1 uncompressed 04 ‖ x ‖ y on P-256, the 32-byte u on X25519).
 */
export async function publicKeyOf({ curve, privateKeyPkcs8Pem, expectedPublicRawHex }, options) {
  const algorithm = ECDH_ALGORITHMS[curve];
  if (!algorithm) throw new Error(`unknown curve ${JSON.stringify(curve)}: expected "P-256" or "X25519"`);
  const expected = toHex(hexArg(expectedPublicRawHex, 'expected public key'));
  const der = pemToDer(privateKeyPkcs8Pem, 'PRIVATE KEY');
  const subtle = subtleOf(options);
  if (!subtle) return NO_SUBTLE;
  let jwk;
  try {
    const key = await subtle.importKey('pkcs8', der, algorithm, true, ['deriveBits']);
    jwk = await subtle.exportKey('jwk', key);
  } catch (error) {
    if (error?.name === 'NotSupportedError') {
      return result('unsupported', `This browser's WebCrypto does not support ${curve} (NotSupportedError), so only the playground's own computation is shown.`);
    }
    return refused('the private key', error);
  }
  const raw = curve === 'P-256'
    ? `04${toHex(fromB64url(jwk.x))}${toHex(fromB64url(jwk.y))}`
    : toHex(fromB64url(jwk.x));
  return compareHex(raw, expected, 'public key');
}

/**
 * HKDF-SHA256 (RFC 5869): recompute the OKM (`length` bytes, default 32) from the
 * shared secret, the salt and the info (UTF-8 text; an empty salt means none) and
 * compare it with `expectedOkmHex`. With `expectedPrkHex`, the PRK (HKDF-Extract, an
 * HMAC) is checked too.
 */
export async function hkdf({
  ikmHex, saltText = '', infoText = '', length = 32, expectedOkmHex, expectedPrkHex,
}, options) {
  const ikm = hexArg(ikmHex, 'input key material');
  const expected = toHex(hexArg(expectedOkmHex, 'expected OKM'));
  const expectedPrk = expectedPrkHex === undefined || expectedPrkHex === null
    ? null
    : toHex(hexArg(expectedPrkHex, 'expected PRK'));
  if (!Number.isInteger(length) || length < 1 || length > 8160) {
    throw new Error(`HKDF length: expected a whole number of bytes from 1 to 8160, got ${length}`);
  }
  const subtle = subtleOf(options);
  if (!subtle) return NO_SUBTLE;
  // WebCrypto always takes a salt; RFC 5869 §2.2: "if not provided, it is set to a
  // string of HashLen zeros", which is what Python's salt=None and the page's empty
  // salt mean.
  const salt = saltText === '' || saltText === null || saltText === undefined
    ? new Uint8Array(32)
    : utf8(saltText);
  const info = utf8(infoText ?? '');

  let okm;
  try {
    const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
    okm = toHex(new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, length * 8)));
  } catch (error) {
    return refused('to run HKDF on these values', error);
  }
  if (expectedPrk !== null) {
    let prk;
    try {
      const hmacKey = await subtle.importKey('raw', salt, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      prk = toHex(new Uint8Array(await subtle.sign('HMAC', hmacKey, ikm)));
    } catch (error) {
      return refused('to compute the PRK (HMAC-SHA256) on these values', error);
    }
    if (prk !== expectedPrk) return compareHex(prk, expectedPrk, 'PRK (HKDF-Extract)');
    if (okm === expected) {
      return result('match', `WebCrypto computed the same PRK (${short(prk)}) and the same key: ${short(okm)}.`, okm);
    }
  }
  return compareHex(okm, expected, 'key (HKDF output)');
}

/**
 * HKDF-SHA256 into several keys from one secret and salt (the playground's one key per
 * direction): `keys` is a list of { name, infoText, expectedOkmHex }; each is checked as
 * `hkdf` checks one, the PRK (when given) with the first. The first that differs is the
 * verdict; when all match, one sentence names them.
 */
export async function hkdfKeys({
  ikmHex, saltText = '', keys, length = 32, expectedPrkHex,
}, options) {
  if (!Array.isArray(keys) || keys.length === 0) throw new Error('keys: expected a list of { name, infoText, expectedOkmHex }');
  const results = [];
  for (const [i, key] of keys.entries()) {
    const r = await hkdf({
      ikmHex, saltText, infoText: key.infoText, length, expectedOkmHex: key.expectedOkmHex,
      expectedPrkHex: i === 0 ? expectedPrkHex : undefined,
    }, options);
    if (r.status !== 'match') return { ...r, detail: `${key.name}: ${r.detail}` };
    results.push(r);
  }
  const names = keys.map((k) => k.name).join(' and ');
  return result('match', `WebCrypto computed the same ${keys.length === 1 ? 'key' : 'keys'} (${names}).`, results.map((r) => r.actual));
}

/**
 * AES-256-GCM: open the envelope nonce(12) ‖ ciphertext ‖ tag(16) with the key and the
 * associated data (text; empty means none) and compare the plaintext (UTF-8) with
 * `expectedPlaintext`.
 */
export async function aesGcmOpen({
  keyHex, envelopeHex, aadText = '', expectedPlaintext,
}, options) {
  const keyBytes = hexArg(keyHex, 'AES-256 key');
  if (keyBytes.length !== 32) throw new Error(`AES-256 key: expected 32 bytes, got ${keyBytes.length}`);
  const envelope = hexArg(envelopeHex, 'envelope');
  if (envelope.length < 28) {
    throw new Error(`envelope: expected at least 28 bytes (nonce 12, tag 16), got ${envelope.length}`);
  }
  if (typeof expectedPlaintext !== 'string') throw new TypeError('expectedPlaintext: expected text');
  const subtle = subtleOf(options);
  if (!subtle) return NO_SUBTLE;
  const params = { name: 'AES-GCM', iv: envelope.slice(0, 12), tagLength: 128 };
  if (aadText) params.additionalData = utf8(aadText);

  let opened;
  try {
    const key = await subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['decrypt']);
    opened = new Uint8Array(await subtle.decrypt(params, key, envelope.slice(12)));
  } catch (error) {
    if (error?.name === 'OperationError') {
      return result('mismatch', 'WebCrypto could not open the envelope: the tag does not match (a changed byte, a wrong key or wrong associated data).');
    }
    return refused('to open the envelope', error);
  }
  const text = fromUtf8(opened);
  if (text === null) {
    return result('mismatch', `WebCrypto opened the envelope, but the plaintext is not UTF-8 text (hex ${short(toHex(opened))}).`, toHex(opened));
  }
  // Compare as the page encodes text, so a lone surrogate on either side cannot differ.
  if (toHex(utf8(text)) === toHex(utf8(expectedPlaintext))) {
    return result('match', `WebCrypto opened the envelope to the same plaintext: ${JSON.stringify(text)}.`, text);
  }
  return result('mismatch', `WebCrypto opened the envelope to ${JSON.stringify(text)}, where the page shows ${JSON.stringify(expectedPlaintext)}.`, text);
}

/**
 * ECDSA P-256 with SHA-256: verify the signature (hex, DER or 64 bytes of r ‖ s;
 * WebCrypto takes only r ‖ s, so DER is converted) of the message (text, or bytes as
 * `messageHex`) with the public key (SPKI PEM or JWK) and compare the verdict with
 * `expected` (boolean).
 */
export async function ecdsaVerify({
  publicKeySpkiPem, publicKeyJwk, messageText, messageHex, signatureHex, expected,
}, options) {
  if (typeof expected !== 'boolean') throw new TypeError('expected: true or false, the verdict the page shows');
  const source = keySource(publicKeySpkiPem, publicKeyJwk, 'PUBLIC KEY', 'spki', 'public key');
  const message = messageHex !== undefined ? hexArg(messageHex, 'message') : utf8(messageText ?? '');
  const signatureBytes = hexArg(signatureHex, 'signature');
  const subtle = subtleOf(options);
  if (!subtle) return NO_SUBTLE;

  const verdict = (valid, why) => {
    const said = valid ? 'valid' : 'not valid';
    return valid === expected
      ? result('match', `WebCrypto agrees: the signature is ${said}${why}.`, valid)
      : result('mismatch', `WebCrypto finds the signature ${said}${why}, where the page says it is ${expected ? 'valid' : 'not valid'}.`, valid);
  };

  let key;
  try {
    key = await subtle.importKey(...source, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch (error) {
    return refused('the public key', error);
  }
  let forms;
  try {
    forms = signatureForms(signatureBytes);
  } catch (error) {
    // Neither DER nor r ‖ s: no verifier can accept it.
    return verdict(false, ` (${error.message})`);
  }
  try {
    const valid = await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, forms.p1363, message);
    return verdict(valid, forms.given === 'der' ? ' (its DER converted to r ‖ s)' : '');
  } catch (error) {
    return refused('to verify', error);
  }
}

/**
 * HKDF-Expand-Label (RFC 8446 §7.1) recomputed with WebCrypto's HMAC, since WebCrypto
 * has no bare HKDF-Expand (its HKDF always extracts first): HkdfLabel is built here from
 * `label` (without "tls13 "), `contextHex` and `length`, then RFC 5869 §2.3's
 * T(i) = HMAC-Hash(secret, T(i-1) ‖ HkdfLabel ‖ i), and the output is compared with
 * `expectedHex`. `hash` is "SHA-256" or "SHA-384".
 */
export async function hkdfExpandLabel({
  secretHex, label, contextHex = '', length, hash = 'SHA-256', expectedHex,
}, options) {
  if (hash !== 'SHA-256' && hash !== 'SHA-384') throw new Error(`hash: expected "SHA-256" or "SHA-384", got ${JSON.stringify(hash)}`);
  const secret = hexArg(secretHex, 'secret');
  const context = hexArg(contextHex, 'context');
  const expected = toHex(hexArg(expectedHex, 'expected output'));
  const full = utf8(`tls13 ${label}`);
  if (!Number.isInteger(length) || length < 1 || length > 0xffff) throw new Error(`length: expected a whole number of bytes, got ${length}`);
  if (full.length > 255 || context.length > 255) throw new Error('label and context: at most 255 bytes each');
  const subtle = subtleOf(options);
  if (!subtle) return NO_SUBTLE;
  const info = Uint8Array.of(length >> 8, length & 0xff, full.length, ...full, context.length, ...context);
  let out = new Uint8Array(0);
  try {
    const key = await subtle.importKey('raw', secret, { name: 'HMAC', hash }, false, ['sign']);
    let t = new Uint8Array(0);
    for (let i = 1; out.length < length; i += 1) {
      t = new Uint8Array(await subtle.sign('HMAC', key, Uint8Array.of(...t, ...info, i)));
      out = Uint8Array.of(...out, ...t);
    }
  } catch (error) {
    return refused('to compute HMAC on these values', error);
  }
  return compareHex(toHex(out.slice(0, length)), expected, `HKDF-Expand-Label output (HMAC-${hash.slice(4)})`);
}
