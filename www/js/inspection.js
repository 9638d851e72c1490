// Words for what `inspectPublicKey` found, shared by the key inspector and the peer box
// of the one-party tab, and the link that opens a key in the inspector. Pure: no DOM.
// The crate decides what a paste is; this module only says it.

const SOURCES = {
  'public-key': 'a public key',
  'private-key': 'a private key',
  'ec-parameters+key': 'openssl ecparam -genkey output (EC PARAMETERS and an EC PRIVATE KEY)',
  certificate: 'an X.509 certificate',
  'certificate-request': 'a certificate signing request (PKCS #10)',
  openssh: 'an OpenSSH public key',
  'openssh-private-key': 'an OpenSSH private key',
};

/** What the paste was, with the certificate's subject or the OpenSSH comment. */
export function sourceText(inspection) {
  let text = SOURCES[inspection.source] ?? inspection.source ?? 'a public key';
  if (inspection.certificate?.subject) text += ` for ${inspection.certificate.subject}`;
  if (inspection.comment) text += ` (comment “${inspection.comment}”)`;
  return text;
}

/** The inspector's one-line summary. */
export function detectedText(inspection) {
  return `Detected: ${sourceText(inspection)}; curve ${inspection.curve}; format ${inspection.format}.`;
}

/** Said when a paste held a private key and the crate gave no warning of its own. */
export const PRIVATE_KEY_WARNING = 'This is a PRIVATE key: never send it to anyone. Only its public key is used here.';

/**
 * The warnings, the private-key one apart (it is shown as an alert, the others as
 * notes): { privateWarning: string | null, notes: string[] }. When the paste held a
 * private key the crate's first warning is the one that says so.
 */
export function splitWarnings(inspection) {
  const warnings = [...(inspection.warnings ?? []), ...bareBytesNote(inspection)];
  if (!inspection.containsPrivateKey) return { privateWarning: null, notes: warnings };
  if (/private key/i.test(warnings[0] ?? '')) return { privateWarning: warnings[0], notes: warnings.slice(1) };
  return { privateWarning: PRIVATE_KEY_WARNING, notes: warnings };
}

/**
 * Whether the crate read the paste as 32 bare bytes (an X25519 public key to it), as its
 * `bareBytes` says; the first module, which leaves it out, reads no printout that names a
 * key, so there every raw key is bare.
 */
export function isBareBytes(inspection) {
  const bare = inspection.bareBytes ?? /^raw(-base64)?$/.test(inspection.format);
  return inspection.curve === 'X25519' && bare;
}

/** Said when 32 bare bytes are pasted on a P-256 tab, in place of "switch curves". */
const BARE_32_ON_P256 = '32 bare bytes, on a P-256 tab: a P-256 public key is 65 bytes (04‖x‖y), or 33 compressed, so these are more likely a P-256 private key (never send it: paste the public key instead) or only the x-coordinate. If they are an X25519 public key, both tabs must use X25519.';

/**
 * What to say of 32 bare bytes on a P-256 tab: BARE_32_ON_P256, or, when they start as a
 * SEC1 point does (04, 02 or 03), that they may be the start of one, cut short or still
 * being typed (a P-256 key typed by hand passes 64 hex digits on the way to 130).
 */
export function bare32OnP256(inspection) {
  const first = (inspection.raw ?? '').slice(0, 2);
  if (!['04', '02', '03'].includes(first)) return BARE_32_ON_P256;
  const digits = first === '04' ? 130 : 66;
  return `32 bytes that start with ${first}, on a P-256 tab: a P-256 public key that starts so is ${digits / 2} bytes (${digits} hex digits), so this may be one cut short or still being typed; paste it whole. 32 bare bytes may also be a private key (never send it: paste the public key instead).`;
}

/**
 * 32 bare bytes are an X25519 public key to the crate, and also what a private scalar
 * (P-256 or X25519) looks like: said, since only the one who pasted it knows which.
 */
function bareBytesNote(inspection) {
  return isBareBytes(inspection)
    ? ['32 bare bytes are read as an X25519 public key. If they are a private key (a P-256 or X25519 scalar), do not paste or send them: paste the public key instead.']
    : [];
}

/**
 * What the one-party tab does with a paste into the peer box, given its inspection, the
 * tab's own public-key fingerprint and the peer's name:
 * { publicKey (the PEM to compute with), replaceWith (the text to put in the box instead
 * of a private key, or null), privateWarning, notes, refusal (or null), detected }.
 */
export function peerPaste(inspection, ownFingerprint, peerName) {
  const { notes } = splitWarnings(inspection);
  const privateWarning = inspection.containsPrivateKey
    ? `You pasted a PRIVATE key. It has been replaced by its public key, and the private key is not kept. Never send a private key to anyone: only public keys travel.`
    : null;
  const refusal = inspection.fingerprint === ownFingerprint
    ? `This is your own public key: paste ${peerName}'s public key.`
    : null;
  const from = inspection.source && inspection.source !== 'public-key' ? `, from ${sourceText(inspection)}` : '';
  return {
    publicKey: inspection.pem,
    replaceWith: inspection.containsPrivateKey ? inspection.pem : null,
    privateWarning,
    notes,
    refusal,
    detected: `Detected: ${inspection.curve} key, ${inspection.format} format, fingerprint ${inspection.fingerprint}${from}.`,
  };
}

/** The fragment that opens `keyText` in the inspector: #key=… */
export function inspectorFragment(keyText) {
  return `#key=${encodeURIComponent(keyText)}`;
}

/** The `key=` part of a fragment, as `inspectorFragment` writes it. */
const KEY_PART = /(?:^#?|&)key=([^&]*)/;

/** Whether a fragment has a `key=` part that does not decode (a link cut or changed in copying). */
export function brokenKeyFragment(hash) {
  return KEY_PART.test(hash) && keyFromFragment(hash) === null;
}

/** The key text in a fragment written by `inspectorFragment`, or null. */
export function keyFromFragment(hash) {
  const match = KEY_PART.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
