// The invalid-curve section's words and numbers: formatting a query, the modulus meter
// and the fix as code. Pure: strings in, strings out; no DOM here. The crate computes
// every value (InvalidCurveRun); these only write them down.

/** log₂ n² (n ≈ 2^256, P-256's group order): the modulus the residues of d² must pass. */
export const BITS_NEEDED = 512;

/** The first and last `keep` hex digits of a long value: "04ab12…ef90". */
export function shortHex(hex, keep = 6) {
  return hex.length <= 2 * keep + 1 ? hex : `${hex.slice(0, keep)}…${hex.slice(-keep)}`;
}

/** "y² = x³ − 3x + 5". */
export function curveOf(b) {
  return `y² = x³ − 3x + ${b}`;
}

/** What one query taught Mallory, in one line. */
export function queryLine(query, index) {
  const head = `${index + 1}. q = ${query.prime} on ${curveOf(query.b)}: P = (${shortHex(query.x)}, ${shortHex(query.y)})`;
  if (query.refused !== null) return `${head} — refused: ${query.refused}`;
  const tries = `${query.tries} ${query.tries === 1 ? 'try' : 'tries'}`;
  return `${head} → d ≡ ±${query.residue} (mod ${query.prime}), ${tries}`;
}

/** The modulus meter's words: how far the product of the primes has come. */
export function modulusText(bits) {
  const whole = Math.floor(bits);
  if (whole >= BITS_NEEDED) {
    return `Product of the primes M ≈ 2^${whole}: past n² ≈ 2^512, so the residues of d² fix d² itself.`;
  }
  return `Product of the primes M ≈ 2^${whole}, on the way to n² ≈ 2^512 (n ≈ 2^256: d alone needs M > n, d² needs M > n²).`;
}

/** "3 of 74 queries". */
export function progressText(done, total) {
  return `${done} of ${total} queries`;
}

/** The link to the playground's step 2, where a pasted public key is checked. */
export function playgroundStep2(base) {
  const href = './?party=bob&curve=P-256';
  // As attack-view.js's linkTo (this module stays free of the DOM helpers).
  return typeof base === 'function' ? base(href) : new URL(href, base).href;
}

/** The fix, as a few lines of Rust: what the careless server left out. */
export const FIX_RUST = `// The fix: check the peer's point before any arithmetic (SEC 1 v2 §3.2.2.1).
// p256 does it when it parses the point; the playground does exactly this
// (src/keys.rs) and answers "point is not on the curve":
let peer = p256::PublicKey::from_sec1_bytes(&bytes)
    .map_err(|_| Error::PointNotOnCurve)?;
// Written out, for code that does its own arithmetic:
//   1. the point is not the point at infinity;
//   2. x and y are in 0..p;
//   3. y² = x³ − 3x + b, with P-256's own b — the one the formulas never use;
//   4. n·Q = O (always true on P-256, whose cofactor is 1).`;

/**
 * The same refusal in Python `cryptography` and WebCrypto, for the point the fixed server
 * refused (SEC 1 uncompressed hex, as the crate writes it).
 */
export function fixSnippets(pointHex) {
  const python = [
    'from cryptography.hazmat.primitives.asymmetric import ec',
    '',
    `point = bytes.fromhex("${pointHex}")`,
    '# Raises ValueError: the point is not on P-256.',
    'ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)',
  ].join('\n');
  const webcrypto = [
    `const point = Uint8Array.from('${pointHex}'.match(/../g), (h) => parseInt(h, 16));`,
    '// Rejects with a DataError: the point is not on P-256.',
    "await crypto.subtle.importKey('raw', point, { name: 'ECDH', namedCurve: 'P-256' }, false, []);",
  ].join('\n');
  return { python, webcrypto };
}
