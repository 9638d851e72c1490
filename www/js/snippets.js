// "Code export": each step of the lesson as the same computation in Python
// `cryptography`, in WebCrypto JavaScript (a browser console or Node ≥ 20) and with the
// openssl command line (OpenSSL 3), with the page's current values filled in. Pure:
// strings in, strings out; no DOM here.
//
// Every function takes a plain object of values (hex, PEM text, plain text) and returns
// { python, webcrypto, openssl, opensslReason }: three programs that each print exactly
// one line, the result (lowercase hex, the plaintext, or true/false), or `openssl: null`
// and a sentence saying why when the command line has no such operation.
//
// Values reach the generated code only through the helpers below: keys are read by the
// WebAssembly module (the crate's parsers: any form it reads) and written back as its
// canonical PEM (so only base64, dashes and capitals), hex is re-encoded from bytes, and
// text goes through stringLiteral / shellQuote, which escape everything that could end
// a literal or hide in it (quotes, backslashes, line breaks, control and bidi characters).
import { fromHex, toHex, toBase64, utf8 } from './bytes.js';
import { loadedModule } from './module.js';

/* ---------- Escaping ---------- */

// Characters never written raw into generated code: controls, format characters
// (bidi overrides, zero-width joiners, BOM) and the Unicode line separators.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const SHORT_ESCAPES = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text as the page encodes it: lone surrogates become U+FFFD, as TextEncoder does. */
function wellFormed(text) {
  if (typeof text !== 'string') throw new TypeError(`expected text, got ${text === null ? 'null' : typeof text}`);
  return new TextDecoder().decode(utf8(text));
}

function hexDigits(code, width) {
  return code.toString(16).padStart(width, '0');
}

/**
 * A double-quoted string literal of `text` for `language` "python" or "js": the same
 * string in both, with quotes, backslashes, line breaks, control and invisible format
 * characters escaped; other Unicode stays readable.
 */
export function stringLiteral(text, language) {
  if (language !== 'python' && language !== 'js') throw new Error(`stringLiteral: unknown language ${language}`);
  let out = '"';
  for (const ch of wellFormed(text)) {
    const code = ch.codePointAt(0);
    if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (!HIDDEN.test(ch)) out += ch;
    else if (code < 0x100) out += `\\x${hexDigits(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hexDigits(code, 4)}`;
    else out += language === 'python' ? `\\U${hexDigits(code, 8)}` : `\\u{${hexDigits(code, 1)}}`;
  }
  return `${out}"`;
}

/** True when the text can stand in a shell word or a comment as it is. */
function plain(text) {
  return !HIDDEN.test(text);
}

/**
 * One shell word holding exactly `text` (POSIX single quotes; a ' becomes '\''). Throws
 * for a NUL, which no shell argument can hold.
 */
export function shellQuote(text) {
  const clean = wellFormed(text);
  if (clean.includes('\0')) throw new Error('a shell argument cannot hold a NUL character');
  return `'${clean.replace(/'/g, "'\\''")}'`;
}

/** A shell command writing the UTF-8 of `text` to standard output, byte for byte. */
function shellPrintf(text) {
  if (plain(text)) return `printf '%s' ${shellQuote(text)}`;
  // Printable ASCII as itself; every other byte, and \ ' %, as an octal escape, which
  // every printf(1) understands, dash's included.
  const format = Array.from(utf8(wellFormed(text)), (b) => (b >= 0x20 && b < 0x7f && !'\\\'%'.includes(String.fromCharCode(b))
    ? String.fromCharCode(b)
    : `\\${b.toString(8).padStart(3, '0')}`)).join('');
  return `printf '${format}'`;
}

/** The text as a one-line, escaped note for a comment. */
function describe(text) {
  return stringLiteral(text, 'js');
}

/** A private key in any form the module reads → { pem (canonical PKCS#8), curve }. */
function readPrivateKey(text, what) {
  let pair;
  try {
    pair = loadedModule().KeyPair.importPrivateKey(String(text ?? ''));
    return { pem: pair.revealPrivateKey('pem'), curve: pair.curve };
  } catch (error) {
    throw new Error(`${what}: ${error.message}`);
  } finally {
    pair?.free();
  }
}

/** A public key in any form the module reads → { pem (canonical SPKI), curve }. */
function readPublicKey(text, what) {
  let inspection;
  try {
    inspection = loadedModule().inspectPublicKey(String(text ?? ''));
  } catch (error) {
    throw new Error(`${what}: ${error.message}`);
  }
  if (inspection.containsPrivateKey) {
    throw new Error(`${what}: expected a public key, got a private key: never share it; paste the PUBLIC KEY instead`);
  }
  return { pem: inspection.pem, curve: inspection.curve };
}

/** Lowercase hex of `text`, checked to be hex of `expected` bytes (or at least `min`). */
function hexValue(text, what, { length, min = 0 } = {}) {
  let bytes;
  try {
    bytes = fromHex(String(text ?? ''));
  } catch (error) {
    throw new Error(`${what}: ${error.message}`);
  }
  if (length !== undefined && bytes.length !== length) throw new Error(`${what}: expected ${length} bytes, got ${bytes.length}`);
  if (bytes.length < min) throw new Error(`${what}: expected at least ${min} bytes, got ${bytes.length}`);
  return toHex(bytes);
}

function curveOf(curve, priv, peer) {
  if (priv.curve !== peer.curve) throw new Error(`the private key is ${priv.curve} but the peer public key is ${peer.curve}`);
  if (curve !== undefined && curve !== null && curve !== priv.curve) {
    throw new Error(`expected ${curve} keys, got ${priv.curve} keys`);
  }
  return priv.curve;
}

/* ---------- Shared pieces of the generated programs ---------- */

const PY_HEAD = '# Python 3 with the `cryptography` package (pip install cryptography).';
const JS_HEAD = '// WebCrypto: paste into a browser console, or save as a .mjs file and run with Node ≥ 20.';
const SH_HEAD = '# OpenSSL 3 command line, in a bash or sh shell; run it in an empty directory.';
const JS_HEX = "const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');";
const JS_FROM_HEX = "const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));";
const JS_FROM_PEM = "const fromPem = (pem) => Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\\s/g, '')), (c) => c.charCodeAt(0));";
// Binary on stdin → one line of lowercase hex.
const SH_TO_HEX = "od -An -v -tx1 | tr -d ' \\n'; echo";
// A heredoc delimiter that cannot occur in PEM (no underscore in base64).
const EOF = 'END_OF_PEM';

const lines = (...parts) => `${parts.flat().filter((line) => line !== null).join('\n')}\n`;

/** WebCrypto lines that import the shared secret for HKDF and spell out the salt. */
function jsHkdfInputs(ikm, salt) {
  return [
    JS_FROM_HEX,
    JS_HEX,
    '',
    `const sharedSecret = await crypto.subtle.importKey('raw', fromHex('${ikm}'), 'HKDF', false, ['deriveBits']);`,
    salt === ''
      ? `const salt = new Uint8Array(32); // ${NO_SALT}; WebCrypto wants it spelled out`
      : `const salt = ${jsBytes(salt)};`,
  ];
}

/** The Python line that sets the HKDF salt (None when there is none). */
function pySalt(salt) {
  return salt === '' ? `salt = None  # ${NO_SALT}` : `salt = ${pyBytes(salt)}`;
}

function shFile(name, pem) {
  return [`cat > ${name} <<'${EOF}'`, pem.pem.trimEnd(), EOF];
}

/** Python expression for UTF-8 bytes of text, or `none` for empty text. */
function pyBytes(text, none = 'None') {
  return text === '' ? none : `${stringLiteral(text, 'python')}.encode()`;
}

function jsBytes(text) {
  return `new TextEncoder().encode(${stringLiteral(text, 'js')})`;
}

/** `-kdfopt` for a text value of HKDF, quoted for the shell; hex when it is not plain. */
function kdfText(name, text) {
  if (plain(text)) return `-kdfopt ${shellQuote(`${name}:${text}`)}`;
  return `-kdfopt hex${name}:${toHex(utf8(wellFormed(text)))}`;
}

/* ---------- The steps ---------- */

/**
 * ECDH: our private key with the peer's public key (any forms the module reads) → the
 * shared secret as hex. `curve` ("P-256" or "X25519") is read from the keys; when
 * given it must agree.
 */
export function ecdh({ curve, privateKeyPem, peerPublicKeyPem }) {
  const priv = readPrivateKey(privateKeyPem, 'private key');
  const peer = readPublicKey(peerPublicKeyPem, 'peer public key');
  const name = curveOf(curve, priv, peer);
  const p256 = name === 'P-256';
  const algorithm = p256 ? "{ name: 'ECDH', namedCurve: 'P-256' }" : "{ name: 'X25519' }";
  const python = lines(
    PY_HEAD,
    `# ECDH on ${name}: our private key with the peer's public key gives the shared secret.`,
    'from cryptography.hazmat.primitives import serialization',
    p256 ? 'from cryptography.hazmat.primitives.asymmetric import ec' : null,
    '',
    `private_key = serialization.load_pem_private_key(b"""${priv.pem}""", password=None)`,
    `peer_public_key = serialization.load_pem_public_key(b"""${peer.pem}""")`,
    p256
      ? 'shared_secret = private_key.exchange(ec.ECDH(), peer_public_key)  # the x-coordinate, 32 bytes'
      : 'shared_secret = private_key.exchange(peer_public_key)  # the u-coordinate, 32 bytes',
    '# Not a key yet: run it through HKDF first.',
    'print(shared_secret.hex())',
  );
  const webcrypto = lines(
    JS_HEAD,
    `// ECDH on ${name}: our private key with the peer's public key gives the shared secret.`,
    p256 ? null : "// X25519 needs a recent browser (older ones throw NotSupportedError); Node ≥ 20 has it.",
    JS_FROM_PEM,
    JS_HEX,
    '',
    `const privateKey = await crypto.subtle.importKey('pkcs8', fromPem(\`${priv.pem}\`), ${algorithm}, false, ['deriveBits']);`,
    `const peerPublicKey = await crypto.subtle.importKey('spki', fromPem(\`${peer.pem}\`), ${algorithm}, false, []);`,
    `const sharedSecret = await crypto.subtle.deriveBits({ name: '${p256 ? 'ECDH' : 'X25519'}', public: peerPublicKey }, privateKey, 256);`,
    '// Not a key yet: run it through HKDF first.',
    'console.log(hex(sharedSecret));',
  );
  const openssl = lines(
    SH_HEAD,
    `# ECDH on ${name}: our private key with the peer's public key gives the shared secret.`,
    shFile('private.pem', priv),
    shFile('peer-public.pem', peer),
    `openssl pkeyutl -derive -inkey private.pem -peerkey peer-public.pem | ${SH_TO_HEX}`,
  );
  return { python, webcrypto, openssl, opensslReason: null };
}

/**
 * A key pair from its private key (any form the module reads) → the public key as raw hex (SEC1
 * uncompressed 04 ‖ x ‖ y on P-256, the 32-byte u on X25519): the public key is the
 * private scalar times the curve's base point, and anyone with the private key can
 * recompute it.
 */
export function publicKeyOf({ privateKeyPem }) {
  const priv = readPrivateKey(privateKeyPem, 'private key');
  const name = priv.curve;
  const p256 = name === 'P-256';
  const python = lines(
    PY_HEAD,
    `# ${name}: the public key is the private key times the base point; recompute it.`,
    'from cryptography.hazmat.primitives import serialization',
    '',
    `private_key = serialization.load_pem_private_key(b"""${priv.pem}""", password=None)`,
    p256
      ? 'public = private_key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)'
      : 'public = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)',
    'print(public.hex())',
  );
  const algorithm = p256 ? "{ name: 'ECDH', namedCurve: 'P-256' }" : "{ name: 'X25519' }";
  const webcrypto = lines(
    JS_HEAD,
    `// ${name}: the public key is the private key times the base point. WebCrypto has no`,
    p256
      ? '// call for it, but a private key exported as JWK carries its public part (x, y).'
      : '// call for it, but a private key exported as JWK carries its public part: x, the u-coordinate (X25519 has no y).',
    JS_FROM_PEM,
    JS_HEX,
    "const fromB64url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));",
    '',
    `const privateKey = await crypto.subtle.importKey('pkcs8', fromPem(\`${priv.pem}\`), ${algorithm}, true, ['deriveBits']);`,
    "const jwk = await crypto.subtle.exportKey('jwk', privateKey);",
    p256
      ? "console.log('04' + hex(fromB64url(jwk.x)) + hex(fromB64url(jwk.y)));"
      : 'console.log(hex(fromB64url(jwk.x)));',
  );
  const openssl = lines(
    SH_HEAD,
    `# ${name}: the public key is the private key times the base point; recompute it.`,
    shFile('private.pem', priv),
    `# The DER SubjectPublicKeyInfo ends with the raw public key (${p256 ? 65 : 32} bytes).`,
    `openssl pkey -in private.pem -pubout -outform DER | tail -c ${p256 ? 65 : 32} | ${SH_TO_HEX}`,
  );
  return { python, webcrypto, openssl, opensslReason: null };
}

function hkdfLength(length) {
  if (!Number.isInteger(length) || length < 1 || length > 8160) {
    throw new Error(`HKDF length: expected a whole number of bytes from 1 to 8160, got ${length}`);
  }
  return length;
}

const NO_SALT = 'no salt: HKDF then uses 32 zero bytes (RFC 5869 §2.2)';

/**
 * HKDF-SHA256 (RFC 5869), extract then expand: the shared secret (hex) with a salt and
 * an info text (UTF-8; an empty salt means none) → `length` (default 32) bytes of OKM.
 */
export function hkdf({ secretHex, saltText = '', infoText = '', length = 32 }) {
  const ikm = hexValue(secretHex, 'shared secret', { min: 1 });
  hkdfLength(length);
  const salt = wellFormed(saltText);
  const info = wellFormed(infoText);
  const python = lines(
    PY_HEAD,
    '# HKDF-SHA256 (RFC 5869): the shared secret becomes a uniform key.',
    'from cryptography.hazmat.primitives import hashes',
    'from cryptography.hazmat.primitives.kdf.hkdf import HKDF',
    '',
    `shared_secret = bytes.fromhex("${ikm}")`,
    pySalt(salt),
    `info = ${pyBytes(info, 'b""')}`,
    `okm = HKDF(algorithm=hashes.SHA256(), length=${length}, salt=salt, info=info).derive(shared_secret)`,
    'print(okm.hex())',
  );
  const webcrypto = lines(
    JS_HEAD,
    '// HKDF-SHA256 (RFC 5869): the shared secret becomes a uniform key.',
    jsHkdfInputs(ikm, salt),
    `const info = ${jsBytes(info)};`,
    `const okm = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, sharedSecret, ${length * 8});`,
    'console.log(hex(okm));',
  );
  const openssl = lines(
    SH_HEAD,
    '# HKDF-SHA256 (RFC 5869): the shared secret becomes a uniform key.',
    salt === '' ? `# ${NO_SALT}` : (plain(salt) ? null : `# salt: ${describe(salt)}`),
    info === '' ? '# no info: empty' : (plain(info) ? null : `# info: ${describe(info)}`),
    `openssl kdf -binary -keylen ${length} -kdfopt digest:SHA256 \\`,
    `  -kdfopt hexkey:${ikm} \\`,
    salt === '' ? null : `  ${kdfText('salt', salt)} \\`,
    info === '' ? null : `  ${kdfText('info', info)} \\`,
    `  HKDF | ${SH_TO_HEX}`,
  );
  return { python, webcrypto, openssl, opensslReason: null };
}

/**
 * HKDF-SHA256 into several keys from one shared secret, as the playground makes one key
 * per direction: the same salt, one info text per key. `keys` is a list of
 * { id, infoText }, `id` a name such as "alice_to_bob" (lowercase letters and
 * underscores: it becomes a variable name). Each program prints one line per key, in
 * the order given: the key as lowercase hex.
 */
export function hkdfKeys({ secretHex, saltText = '', keys, length = 32 }) {
  const ikm = hexValue(secretHex, 'shared secret', { min: 1 });
  hkdfLength(length);
  if (!Array.isArray(keys) || keys.length === 0) throw new Error('keys: expected a list of { id, infoText }');
  const list = keys.map(({ id, infoText }) => {
    if (typeof id !== 'string' || !/^[a-z][a-z_]*$/.test(id)) throw new Error(`key id: expected lowercase letters and underscores, got ${JSON.stringify(id)}`);
    return { id, info: wellFormed(infoText ?? '') };
  });
  const salt = wellFormed(saltText);
  const camel = (id) => id.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  const words = (id) => id.replace(/_/g, ' ');
  const python = lines(
    PY_HEAD,
    `# HKDF-SHA256 (RFC 5869): the shared secret becomes ${list.length} keys, one per info (${list.map((k) => words(k.id)).join(', ')}).`,
    'from cryptography.hazmat.primitives import hashes',
    'from cryptography.hazmat.primitives.kdf.hkdf import HKDF',
    '',
    `shared_secret = bytes.fromhex("${ikm}")`,
    pySalt(salt),
    list.map((k) => `key_${k.id} = HKDF(algorithm=hashes.SHA256(), length=${length}, salt=salt, info=${pyBytes(k.info, 'b""')}).derive(shared_secret)`),
    list.map((k) => `print(key_${k.id}.hex())  # ${words(k.id)}`),
  );
  const webcrypto = lines(
    JS_HEAD,
    `// HKDF-SHA256 (RFC 5869): the shared secret becomes ${list.length} keys, one per info (${list.map((k) => words(k.id)).join(', ')}).`,
    jsHkdfInputs(ikm, salt),
    list.map((k) => `const ${camel(`key_${k.id}`)} = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: ${jsBytes(k.info)} }, sharedSecret, ${length * 8});`),
    list.map((k) => `console.log(hex(${camel(`key_${k.id}`)})); // ${words(k.id)}`),
  );
  const openssl = lines(
    SH_HEAD,
    `# HKDF-SHA256 (RFC 5869): the shared secret becomes ${list.length} keys, one per info (${list.map((k) => words(k.id)).join(', ')}).`,
    salt === '' ? `# ${NO_SALT}` : (plain(salt) ? null : `# salt: ${describe(salt)}`),
    list.map((k) => [
      `# ${words(k.id)}${k.info === '' ? ': no info' : (plain(k.info) ? '' : `: info ${describe(k.info)}`)}`,
      `openssl kdf -binary -keylen ${length} -kdfopt digest:SHA256 \\`,
      `  -kdfopt hexkey:${ikm} \\`,
      salt === '' ? null : `  ${kdfText('salt', salt)} \\`,
      k.info === '' ? null : `  ${kdfText('info', k.info)} \\`,
      `  HKDF | ${SH_TO_HEX}`,
    ]).flat(),
  );
  return { python, webcrypto, openssl, opensslReason: null };
}

/**
 * HKDF-Extract (RFC 5869 §2.2) alone: PRK = HMAC-SHA256(salt, shared secret), which
 * Python's HKDF class does not show. An empty salt means 32 zero bytes.
 */
export function hkdfExtract({ secretHex, saltText = '' }) {
  const ikm = hexValue(secretHex, 'shared secret', { min: 1 });
  const salt = wellFormed(saltText);
  const python = lines(
    '# Python 3 (standard library only).',
    '# HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-SHA256(salt, shared secret).',
    "# cryptography's HKDF class does the same inside but does not show the PRK.",
    'import hashlib',
    'import hmac',
    '',
    `shared_secret = bytes.fromhex("${ikm}")`,
    salt === '' ? `salt = bytes(32)  # ${NO_SALT}` : `salt = ${pyBytes(salt)}`,
    'prk = hmac.new(salt, shared_secret, hashlib.sha256).digest()',
    'print(prk.hex())',
  );
  const webcrypto = lines(
    JS_HEAD,
    '// HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-SHA256(salt, shared secret).',
    JS_FROM_HEX,
    JS_HEX,
    '',
    salt === ''
      ? `const salt = new Uint8Array(32); // ${NO_SALT}`
      : `const salt = ${jsBytes(salt)};`,
    "const hmacKey = await crypto.subtle.importKey('raw', salt, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);",
    `const prk = await crypto.subtle.sign('HMAC', hmacKey, fromHex('${ikm}'));`,
    'console.log(hex(prk));',
  );
  const openssl = lines(
    SH_HEAD,
    '# HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-SHA256(salt, shared secret).',
    salt === '' ? `# ${NO_SALT}` : (plain(salt) ? null : `# salt: ${describe(salt)}`),
    'openssl kdf -binary -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXTRACT_ONLY \\',
    `  -kdfopt hexkey:${ikm} \\`,
    salt === '' ? null : `  ${kdfText('salt', salt)} \\`,
    `  HKDF | ${SH_TO_HEX}`,
  );
  return { python, webcrypto, openssl, opensslReason: null };
}

const NO_GCM = 'The openssl command line cannot do AES-GCM: `openssl enc` refuses AEAD ciphers '
  + '("AEAD ciphers not supported"), since it has nowhere to put or check the tag. Use the Python or WebCrypto version.';

function aadLines(aad) {
  return {
    python: aad === '' ? 'aad = None  # no associated data' : `aad = ${pyBytes(aad)}  # associated data: authenticated, not encrypted`,
    js: aad === '' ? null : `const additionalData = ${jsBytes(aad)}; // authenticated, not encrypted`,
    param: aad === '' ? '' : ', additionalData',
  };
}

/**
 * Where a key came from, as a comment line: `keyInfo` { direction: "alice to bob",
 * infoText } names the direction's HKDF info; none gives no line.
 */
function keyOrigin(keyInfo, language) {
  if (!keyInfo) return null;
  const { direction, infoText } = keyInfo;
  if (typeof direction !== 'string' || !/^[a-z]+( [a-z]+)*$/.test(direction)) {
    throw new Error(`key direction: expected words such as "alice to bob", got ${JSON.stringify(direction)}`);
  }
  const info = stringLiteral(infoText ?? '', language === 'python' ? 'python' : 'js');
  const mark = language === 'python' ? '#' : '//';
  return `${mark} The ${direction} key: HKDF-SHA256(shared secret, salt, info = ${info}, 32 bytes); the other direction has its own key.`;
}

/**
 * AES-256-GCM, opening: the key (hex, 32 bytes) and an envelope nonce(12) ‖ ciphertext ‖
 * tag(16) (hex), with optional associated data (text) → the plaintext, as text.
 * `keyInfo` ({ direction, infoText }, optional) says which direction's key it is.
 */
export function aesGcmOpen({ keyHex, envelopeHex, aadText = '', keyInfo = null }) {
  const key = hexValue(keyHex, 'AES-256 key', { length: 32 });
  const envelope = hexValue(envelopeHex, 'envelope (nonce ‖ ciphertext ‖ tag)', { min: 28 });
  const aad = aadLines(wellFormed(aadText));
  const python = lines(
    PY_HEAD,
    '# AES-256-GCM: open an envelope nonce(12) ‖ ciphertext ‖ tag(16).',
    'from cryptography.hazmat.primitives.ciphers.aead import AESGCM',
    '',
    keyOrigin(keyInfo, 'python'),
    `key = bytes.fromhex("${key}")`,
    `envelope = bytes.fromhex("${envelope}")`,
    'nonce, ciphertext_and_tag = envelope[:12], envelope[12:]',
    aad.python,
    '# Raises cryptography.exceptions.InvalidTag if any byte, the key or the aad differ.',
    'plaintext = AESGCM(key).decrypt(nonce, ciphertext_and_tag, aad)',
    'print(plaintext.decode())',
  );
  const webcrypto = lines(
    JS_HEAD,
    '// AES-256-GCM: open an envelope nonce(12) ‖ ciphertext ‖ tag(16).',
    JS_FROM_HEX,
    '',
    keyOrigin(keyInfo, 'js'),
    `const key = await crypto.subtle.importKey('raw', fromHex('${key}'), 'AES-GCM', false, ['decrypt']);`,
    `const envelope = fromHex('${envelope}');`,
    aad.js,
    '// Rejects with an OperationError if any byte, the key or the associated data differ.',
    `const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: envelope.slice(0, 12)${aad.param} }, key, envelope.slice(12));`,
    'console.log(new TextDecoder().decode(plaintext));',
  );
  return { python, webcrypto, openssl: null, opensslReason: NO_GCM };
}

/**
 * AES-256-GCM, sealing with a chosen nonce (as the page's `encryptWithNonce`): key and
 * nonce (hex), plaintext and optional associated data (text) → the envelope
 * nonce ‖ ciphertext ‖ tag as hex. A fixed nonce reproduces the page's bytes; never
 * reuse one with the same key for real.
 */
export function aesGcmSeal({ keyHex, nonceHex, plaintext, aadText = '' }) {
  const key = hexValue(keyHex, 'AES-256 key', { length: 32 });
  const nonce = hexValue(nonceHex, 'nonce', { length: 12 });
  const message = wellFormed(plaintext);
  const aad = aadLines(wellFormed(aadText));
  const warning = 'a fixed nonce, to reproduce these bytes: NEVER reuse a nonce with the same key';
  const python = lines(
    PY_HEAD,
    '# AES-256-GCM: seal a message into an envelope nonce(12) ‖ ciphertext ‖ tag(16).',
    'from cryptography.hazmat.primitives.ciphers.aead import AESGCM',
    '',
    `key = bytes.fromhex("${key}")`,
    `nonce = bytes.fromhex("${nonce}")  # ${warning}; normally os.urandom(12)`,
    `plaintext = ${pyBytes(message, 'b""')}`,
    aad.python,
    'envelope = nonce + AESGCM(key).encrypt(nonce, plaintext, aad)  # encrypt returns ciphertext ‖ tag',
    'print(envelope.hex())',
  );
  const webcrypto = lines(
    JS_HEAD,
    '// AES-256-GCM: seal a message into an envelope nonce(12) ‖ ciphertext ‖ tag(16).',
    JS_FROM_HEX,
    JS_HEX,
    '',
    `const key = await crypto.subtle.importKey('raw', fromHex('${key}'), 'AES-GCM', false, ['encrypt']);`,
    `const nonce = fromHex('${nonce}'); // ${warning}; normally crypto.getRandomValues(new Uint8Array(12))`,
    `const plaintext = ${jsBytes(message)};`,
    aad.js,
    `const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce${aad.param} }, key, plaintext); // ciphertext ‖ tag`,
    'console.log(hex(nonce) + hex(sealed));',
  );
  return { python, webcrypto, openssl: null, opensslReason: NO_GCM };
}

/**
 * ECDSA P-256 with SHA-256, verifying: a public key (any form the module reads), the message (text, or
 * bytes as `messageHex`, such as TLS's signed ServerKeyExchange data) and a signature
 * (hex, DER or 64 bytes of r ‖ s) → true or false.
 */
export function ecdsaVerify({ publicKeyPem, messageText, messageHex, signatureHex }) {
  const pub = readPublicKey(publicKeyPem, 'public key');
  if (pub.curve !== 'P-256') throw new Error('public key: expected a P-256 key for ECDSA');
  let forms;
  try {
    forms = loadedModule().ecdsaSignatureForms(fromHex(hexValue(signatureHex, 'signature', { min: 1 })));
  } catch (error) {
    throw new Error(`signature: ${error.message}`);
  }
  const message = messageHex !== undefined
    ? bytesMessage(fromHex(hexValue(messageHex, 'message', { min: 0 })))
    : textMessage(wellFormed(messageText));
  const der = toHex(forms.der);
  const p1363 = toHex(forms.p1363);
  const converted = forms.given === 'der'
    ? '// WebCrypto wants r ‖ s (IEEE P1363, 64 bytes), not DER: this is the DER signature converted.'
    : '// WebCrypto takes r ‖ s (IEEE P1363, 64 bytes) as given.';
  const python = lines(
    PY_HEAD,
    '# ECDSA P-256 with SHA-256: does this signature of the message verify with the public key?',
    'from cryptography.exceptions import InvalidSignature',
    'from cryptography.hazmat.primitives import hashes, serialization',
    'from cryptography.hazmat.primitives.asymmetric import ec',
    '',
    `public_key = serialization.load_pem_public_key(b"""${pub.pem}""")`,
    `message = ${message.python}`,
    forms.given === 'der'
      ? `signature = bytes.fromhex("${der}")  # DER`
      : `signature = bytes.fromhex("${der}")  # DER, from the r ‖ s signature ${p1363}`,
    'try:',
    '    public_key.verify(signature, message, ec.ECDSA(hashes.SHA256()))',
    '    print("true")',
    'except InvalidSignature:',
    '    print("false")',
  );
  const webcrypto = lines(
    JS_HEAD,
    '// ECDSA P-256 with SHA-256: does this signature of the message verify with the public key?',
    JS_FROM_PEM,
    JS_FROM_HEX,
    '',
    `const publicKey = await crypto.subtle.importKey('spki', fromPem(\`${pub.pem}\`), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);`,
    `const message = ${message.js};`,
    converted,
    `const signature = fromHex('${p1363}');`,
    "console.log(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, message));",
  );
  const openssl = lines(
    SH_HEAD,
    '# ECDSA P-256 with SHA-256: does this signature of the message verify with the public key?',
    shFile('public.pem', pub),
    message.comment,
    `${message.printf} > message.bin`,
    `# the DER signature ${der}, as base64`,
    `echo '${toBase64(forms.der)}' | openssl base64 -d -A > signature.der`,
    'if openssl dgst -sha256 -verify public.pem -signature signature.der message.bin > /dev/null; then echo true; else echo false; fi',
  );
  return { python, webcrypto, openssl, opensslReason: null };
}

/** A text message as each language writes it. */
function textMessage(text) {
  return {
    python: pyBytes(text, 'b""'),
    js: jsBytes(text),
    comment: plain(text) ? null : `# the message: ${describe(text)}`,
    printf: shellPrintf(text),
  };
}

/** A binary message (such as TLS's signed ServerKeyExchange data) as each language writes it. */
function bytesMessage(bytes) {
  const hex = toHex(bytes);
  // printf turns each \ooo octal escape into one byte, in bash and in dash alike.
  const octal = Array.from(bytes, (b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
  return {
    python: `bytes.fromhex("${hex}")`,
    js: `fromHex('${hex}')`,
    comment: `# the message, ${bytes.length} bytes: ${hex}`,
    printf: `printf '${octal}'`,
  };
}

/** Every step by name, for a page that shows them in tabs. */
const TLS13_HASHES = { 'SHA-256': ['sha256', 'SHA256', 32], 'SHA-384': ['sha384', 'SHA384', 48] };

/**
 * HKDF-Expand-Label (RFC 8446 §7.1), the one function every TLS 1.3 secret, key and IV
 * comes from: HKDF-Expand(secret, HkdfLabel, length) with HkdfLabel = length (2 bytes)
 * ‖ "tls13 " + label (1-byte length) ‖ context (1-byte length). `label` is without the
 * "tls13 " prefix; `contextHex` is a transcript hash or empty; `hash` is "SHA-256" or
 * "SHA-384". Each program builds HkdfLabel itself and prints the output as hex.
 */
export function hkdfExpandLabel({ secretHex, label, contextHex = '', length, hash = 'SHA-256' }) {
  const names = TLS13_HASHES[hash];
  if (!names) throw new Error(`hash: expected "SHA-256" or "SHA-384", got ${JSON.stringify(hash)}`);
  const [py, ossl, size] = names;
  const secret = hexValue(secretHex, 'secret', { min: size });
  const context = hexValue(contextHex, 'context');
  if (typeof label !== 'string' || !/^[a-z ]{1,249}$/.test(label)) {
    throw new Error(`label: expected lowercase letters and spaces, as RFC 8446's labels are, got ${JSON.stringify(label)}`);
  }
  if (!Number.isInteger(length) || length < 1 || length > 255 * size) {
    throw new Error(`length: expected a whole number of bytes from 1 to ${255 * size}, got ${length}`);
  }
  if (context.length / 2 > 255) throw new Error('context: at most 255 bytes');
  const full = `tls13 ${label}`;
  const info = toHex(Uint8Array.of(length >> 8, length & 0xff, full.length))
    + toHex(utf8(full)) + toHex(Uint8Array.of(context.length / 2)) + context;
  const what = `HKDF-Expand-Label(secret, "${label}", ${context === '' ? '""' : 'context'}, ${length}) with ${hash} (RFC 8446 §7.1)`;
  const structure = `HkdfLabel = length (2 bytes) ‖ len ‖ "tls13 ${label}" ‖ len ‖ context`;
  const python = lines(
    PY_HEAD,
    `# ${what}.`,
    `# ${structure}, then HKDF-Expand (RFC 5869 §2.3).`,
    'from cryptography.hazmat.primitives import hashes',
    'from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand',
    '',
    `secret = bytes.fromhex("${secret}")`,
    `label = b"tls13 ${label}"`,
    `context = bytes.fromhex("${context}")`,
    `length = ${length}`,
    'hkdf_label = length.to_bytes(2, "big") + bytes([len(label)]) + label + bytes([len(context)]) + context',
    `out = HKDFExpand(algorithm=hashes.${py.toUpperCase()}(), length=length, info=hkdf_label).derive(secret)`,
    'print(out.hex())',
  );
  const webcrypto = lines(
    JS_HEAD,
    `// ${what}.`,
    `// ${structure}. WebCrypto has no bare HKDF-Expand (its HKDF always extracts first),`,
    '// so this is RFC 5869 §2.3 by hand: T(i) = HMAC(secret, T(i-1) ‖ HkdfLabel ‖ i).',
    JS_FROM_HEX,
    JS_HEX,
    '',
    `const key = await crypto.subtle.importKey('raw', fromHex('${secret}'), { name: 'HMAC', hash: '${hash}' }, false, ['sign']);`,
    `const label = new TextEncoder().encode('tls13 ${label}');`,
    `const context = fromHex('${context}');`,
    `const length = ${length};`,
    'const hkdfLabel = Uint8Array.of(length >> 8, length & 0xff, label.length, ...label, context.length, ...context);',
    'let out = new Uint8Array(0);',
    'let t = new Uint8Array(0);',
    'for (let i = 1; out.length < length; i += 1) {',
    "  t = new Uint8Array(await crypto.subtle.sign('HMAC', key, Uint8Array.of(...t, ...hkdfLabel, i)));",
    '  out = Uint8Array.of(...out, ...t);',
    '}',
    'console.log(hex(out.slice(0, length)));',
  );
  const openssl = lines(
    SH_HEAD,
    `# ${what}.`,
    `# ${structure}:`,
    `#   ${info}`,
    `openssl kdf -binary -keylen ${length} -kdfopt digest:${ossl} -kdfopt mode:EXPAND_ONLY \\`,
    `  -kdfopt hexkey:${secret} \\`,
    `  -kdfopt hexinfo:${info} \\`,
    `  HKDF | ${SH_TO_HEX}`,
  );
  return { python, webcrypto, openssl, opensslReason: null };
}

export const SNIPPETS = Object.freeze({ hkdfExpandLabel, publicKeyOf, ecdh, hkdf, hkdfKeys, hkdfExtract, aesGcmOpen, aesGcmSeal, ecdsaVerify });

/**
 * X25519MLKEM768, Alice's side: her ML-KEM-768 key (its 64-byte seed d ‖ z) opens the
 * ciphertext of Bob's answer, her X25519 private key (any form the module reads) meets
 * his X25519 key, and the secret is ML-KEM's 32 bytes then X25519's 32 → 64 bytes, hex.
 * `serverShareHex`: Bob's answer, ciphertext ‖ X25519 public key (the last 32 bytes).
 */
export function hybridFinish({ mlkemSeedHex, x25519PrivateKeyPem, serverShareHex }) {
  const seed = hexValue(mlkemSeedHex, 'ML-KEM seed', { length: 64 });
  const share = hexValue(serverShareHex, "Bob's answer", { min: 33 });
  const priv = readPrivateKey(x25519PrivateKeyPem, 'X25519 private key');
  if (priv.curve !== 'X25519') throw new Error(`X25519 private key: expected an X25519 key, got a ${priv.curve} key`);
  const python = lines(
    '# Python 3 with the `cryptography` package (a release with ML-KEM: pip install --upgrade cryptography).',
    '# X25519MLKEM768, Alice\'s side: her ML-KEM-768 key opens the ciphertext of Bob\'s answer,',
    '# her X25519 key meets his; the secret is ML-KEM\'s 32 bytes, then X25519\'s 32.',
    'from cryptography.hazmat.primitives import serialization',
    'from cryptography.hazmat.primitives.asymmetric import mlkem, x25519',
    '',
    `mlkem_key = mlkem.MLKEM768PrivateKey.from_seed_bytes(bytes.fromhex("${seed}"))  # d ‖ z`,
    `x25519_key = serialization.load_pem_private_key(b"""${priv.pem}""", password=None)`,
    `answer = bytes.fromhex("${share}")`,
    'ciphertext, bob_x25519 = answer[:-32], answer[-32:]  # ML-KEM first, X25519 last',
    'mlkem_secret = mlkem_key.decapsulate(ciphertext)',
    'x25519_secret = x25519_key.exchange(x25519.X25519PublicKey.from_public_bytes(bob_x25519))',
    '# Not a key yet: run the 64 bytes through HKDF first.',
    'print((mlkem_secret + x25519_secret).hex())',
  );
  const webcrypto = lines(
    '// JavaScript: ML-KEM from @noble/post-quantum (npm install @noble/post-quantum; WebCrypto has',
    '// no ML-KEM), X25519 from WebCrypto. Save as a .mjs file beside node_modules and run with Node ≥ 20.',
    '// X25519MLKEM768, Alice\'s side: her ML-KEM-768 key opens the ciphertext of Bob\'s answer,',
    '// her X25519 key meets his; the secret is ML-KEM\'s 32 bytes, then X25519\'s 32.',
    "import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';",
    '',
    JS_FROM_HEX,
    JS_FROM_PEM,
    JS_HEX,
    '',
    `const { secretKey } = ml_kem768.keygen(fromHex('${seed}')); // from the seed d ‖ z`,
    `const answer = fromHex('${share}');`,
    'const ciphertext = answer.slice(0, -32); // ML-KEM first, X25519 last',
    'const bobX25519 = answer.slice(-32);',
    'const mlkemSecret = ml_kem768.decapsulate(ciphertext, secretKey);',
    `const privateKey = await crypto.subtle.importKey('pkcs8', fromPem(\`${priv.pem}\`), { name: 'X25519' }, false, ['deriveBits']);`,
    "const peer = await crypto.subtle.importKey('raw', bobX25519, { name: 'X25519' }, false, []);",
    "const x25519Secret = await crypto.subtle.deriveBits({ name: 'X25519', public: peer }, privateKey, 256);",
    '// Not a key yet: run the 64 bytes through HKDF first.',
    'console.log(hex(mlkemSecret) + hex(x25519Secret));',
  );
  return {
    python,
    webcrypto,
    openssl: null,
    opensslReason: 'ML-KEM is not in OpenSSL 3.0, the version this page is tested with (OpenSSL 3.5 added it, with openssl pkeyutl -decap); the Python and JavaScript above compute the whole secret.',
  };
}
