//! Keys as Java prints them. A Java or Kotlin developer whose secret differs from ours
//! pastes what `System.out.println(key)` showed: the JDK's SunEC provider writes an EC
//! public key's coordinates in decimal (`Sun EC public key, 256 bits`, `public x coord:
//! …`) and an X25519 key's bytes as a hex dump (`algorithm = X25519, unparsed keybits =`),
//! BouncyCastle writes `EC Public Key [fingerprint]` with `X:` and `Y:` in hex, and
//! `X25519 Public Key [fingerprint]` with its `public data:`. Each is read as the key's
//! bytes (BouncyCastle's printout of a private key shows only its public key, so it is
//! read as that); a key of another algorithm or curve is named. A key object printed by
//! Object's own `toString` (`sun.security.ec.ECPrivateKeyImpl@e83cc5e9`) is named by
//! [`super::literal::not_a_key`].
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use zeroize::Zeroizing;

use super::literal::{Literal, decimal_32_bytes};
use crate::error::{Error, Result};

const SUN_EC: &str = "Java's printout of an EC public key (SunEC: x and y in decimal)";
const SUN_EC_UNNAMED: &str = "Java's printout of an EC public key (SunEC: x and y in decimal; \
     without its parameters line, read as P-256 by its size)";
const SUN_X25519: &str =
    "Java's printout of an X25519 public key (SunEC: algorithm = X25519, unparsed keybits)";
const BC_EC: &str = "BouncyCastle's printout of an EC public key (X and Y in hex)";
const BC_EC_PRIVATE: &str = "BouncyCastle's printout of an EC private key, which shows only \
     its public key (X and Y in hex)";
const BC_X25519: &str = "BouncyCastle's printout of an X25519 public key (its public data)";
const BC_X25519_PRIVATE: &str = "BouncyCastle's printout of an X25519 private key, which \
     shows only its public key (its public data)";

/// The line that prints a Java key so that this crate reads it whole.
const PRINT_ENCODED: &str =
    "print it encoded instead: Base64.getEncoder().encodeToString(publicKey.getEncoded())";

/// The P-256 OID, as SunEC's `parameters:` line ends.
const P256_OID: &str = "1.2.840.10045.3.1.7";

/// Reads `text` as Java's printout of a key; `None` when it is not one.
///
/// # Errors
/// A key of another algorithm or curve ([`Error::UnsupportedKey`]), a printout cut short
/// or with a value that is no number.
pub fn read(text: &str) -> Option<Result<Literal>> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("Sun ") {
        return sun(rest);
    }
    if let Some(rest) = text.strip_prefix("algorithm = ") {
        return unparsed_keybits(rest);
    }
    bouncy_castle(text)
}

/// The value of the line of `text` that starts with `name` (after white space), trimmed.
fn field<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|line| line.trim().strip_prefix(name))
        .map(str::trim)
}

/// SunEC's `Sun EC public key, 256 bits` (and `Sun RSA public key, …`): `rest` is the text
/// after "Sun ".
fn sun(rest: &str) -> Option<Result<Literal>> {
    let (algorithm, size) = rest.lines().next()?.split_once(" public key, ")?;
    if algorithm != "EC" {
        return Some(Err(other_algorithm(algorithm)));
    }
    // A printout copied without its last line is read by its size.
    let size = size.trim();
    let (parameters, kind) = match field(rest, "parameters:") {
        Some(parameters) => (parameters, SUN_EC),
        None if size == "256 bits" => (P256_OID, SUN_EC_UNNAMED),
        None => {
            return Some(Err(Error::UnsupportedKey {
                found: format!("an EC key of {size}"),
            }));
        }
    };
    let x = field(rest, "public x coord:");
    let y = field(rest, "public y coord:");
    let (Some(x), Some(y)) = (x, y) else {
        return Some(Err(malformed(
            "this printout of a Java EC key is cut short: it needs its \"public x coord\" and \
             \"public y coord\" lines",
        )));
    };
    if !parameters.contains(P256_OID) && !parameters.starts_with("secp256r1") {
        // "secp384r1 [NIST P-384] (1.3.132.0.34)": named by its OID where this crate can.
        let oid = parameters
            .rsplit_once('(')
            .and_then(|(_, oid)| oid.strip_suffix(')'));
        let found = oid.and_then(super::der::describe_dotted).map_or_else(
            || {
                let name = parameters
                    .split_whitespace()
                    .next()
                    .unwrap_or("another curve");
                format!("a key on the curve {name}")
            },
            str::to_owned,
        );
        return Some(Err(Error::UnsupportedKey { found }));
    }
    let mut point = Zeroizing::new(vec![4u8]);
    for (name, digits) in [("x", x), ("y", y)] {
        match decimal_32_bytes(digits) {
            Some(bytes) => point.extend_from_slice(&bytes),
            None => {
                return Some(Err(malformed(format!(
                    "the public {name} coord of this Java printout is not a number below 2^256"
                ))));
            }
        }
    }
    Some(Ok(Literal { bytes: point, kind }))
}

/// The JDK's printout of a key it keeps as its encoded bits (`algorithm = X25519, unparsed
/// keybits =` and a hex dump): `rest` is the text after "algorithm = ".
fn unparsed_keybits(rest: &str) -> Option<Result<Literal>> {
    let (algorithm, dump) = rest.split_once(", unparsed keybits =")?;
    let algorithm = algorithm.trim();
    if algorithm == "EC" {
        return Some(Err(malformed(
            "this Java printout shows an EC key's bits unparsed",
        )));
    }
    if algorithm != "X25519" {
        return Some(Err(other_algorithm(algorithm)));
    }
    let mut bytes = Zeroizing::new(Vec::with_capacity(32));
    for line in dump.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // "0010: 0D BF 3A 0D 26 38 1A F4   EB A4 A9 8E AA 9B 4E 6A  ..:.&8........Nj": an
        // offset, up to 16 bytes, then the bytes as text (which may look like hex too).
        let Some((offset, rest)) = line.split_once(':') else {
            return Some(Err(malformed(format!(
                "this Java hex dump has a line without an offset: {line:?}"
            ))));
        };
        if offset.len() != 4 || !offset.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(Err(malformed(format!(
                "this Java hex dump has a line without an offset: {line:?}"
            ))));
        }
        // The bytes fill 50 columns after "0000: " (padded on a short last line); the text
        // starts after them.
        let hex = rest.get(1..51).or_else(|| rest.get(1..)).unwrap_or(rest);
        for token in hex.split_whitespace().take(16) {
            match u8::from_str_radix(token, 16) {
                Ok(b) if token.len() == 2 => bytes.push(b),
                _ => break,
            }
        }
    }
    if bytes.len() != 32 {
        return Some(Err(Error::InvalidLength {
            what: "X25519 key in Java's printout",
            expected: "32 bytes",
            found: bytes.len(),
        }));
    }
    Some(Ok(Literal {
        bytes,
        kind: SUN_X25519,
    }))
}

/// BouncyCastle's `EC Public Key [9f:…]` with `X:` and `Y:`, and `X25519 Public Key […]`
/// with `public data:` (private keys' printouts show the same public values).
fn bouncy_castle(text: &str) -> Option<Result<Literal>> {
    let first = text.lines().next()?.trim();
    let (algorithm, private, rest) = match first.split_once(" Public Key [") {
        Some((algorithm, rest)) => (algorithm, false, rest),
        None => {
            let (algorithm, rest) = first.split_once(" Private Key [")?;
            (algorithm, true, rest)
        }
    };
    // Only BouncyCastle's own line: the algorithm's name, then the key's fingerprint as hex
    // pairs joined by ":" (an RSA key's adds ",[…]"), so that a label such as "Server
    // Public Key [65]: [4, 244, …]" is left to the other readers.
    let (fingerprint, after) = rest.split_once(']')?;
    let is_fingerprint = fingerprint
        .split(':')
        .all(|pair| pair.len() == 2 && pair.bytes().all(|b| b.is_ascii_hexdigit()));
    let is_name = !algorithm.is_empty() && algorithm.bytes().all(|b| b.is_ascii_alphanumeric());
    if !is_fingerprint || !is_name || !(after.is_empty() || after.starts_with(",[")) {
        return None;
    }
    let cut_short = |lines: &str| {
        malformed(format!(
            "this printout of a BouncyCastle {algorithm} key is cut short: it needs its {lines} \
             lines"
        ))
    };
    match algorithm {
        "EC" | "ECDH" | "ECDSA" => {}
        "X25519" => {
            let Some(data) = field(text, "public data:") else {
                return Some(Err(cut_short("\"public data:\"")));
            };
            let Ok(bytes) = super::text::from_hex(data) else {
                return Some(Err(malformed(
                    "the public data of this BouncyCastle printout is not hex",
                )));
            };
            let kind = if private {
                BC_X25519_PRIVATE
            } else {
                BC_X25519
            };
            return Some(Ok(Literal {
                bytes: Zeroizing::new(bytes),
                kind,
            }));
        }
        _ => return Some(Err(other_algorithm(algorithm))),
    }
    let (Some(x), Some(y)) = (field(text, "X:"), field(text, "Y:")) else {
        return Some(Err(cut_short("\"X:\" and \"Y:\"")));
    };
    let mut point = Zeroizing::new(vec![4u8]);
    for (name, digits) in [("X", x), ("Y", y)] {
        if digits.len() > 64 {
            return Some(Err(super::literal::larger_curve(&format!(
                "BouncyCastle's printout: its {name} has {} hex digits, P-256's at most 64",
                digits.len()
            ))));
        }
        // BigInteger.toString(16) leaves out leading zeros.
        let padded = format!("{digits:0>64}");
        match super::text::from_hex(&padded) {
            Ok(bytes) if bytes.len() == 32 => point.extend_from_slice(&bytes),
            _ => {
                return Some(Err(malformed(format!(
                    "the {name} of this BouncyCastle printout is not a hex number"
                ))));
            }
        }
    }
    let kind = if private { BC_EC_PRIVATE } else { BC_EC };
    Some(Ok(Literal { bytes: point, kind }))
}

/// Where the point read from `kind` is not on P-256: why that may be (the printout names
/// no curve, so it may be another 256-bit one). `None` for other kinds.
#[must_use]
pub fn not_on_curve(kind: &str) -> Option<Error> {
    let which = match kind {
        BC_EC | BC_EC_PRIVATE => "BouncyCastle's printout names no curve",
        SUN_EC_UNNAMED => "the printout's parameters line, which names the curve, is missing",
        _ => return None,
    };
    Some(Error::Printout(format!(
        "the x and y of this printout are not a point on P-256: {which}, and the key may be on \
         another 256-bit curve (secp256k1, brainpoolP256r1), which this playground does not \
         read; {PRINT_ENCODED}"
    )))
}

/// Where a private key is asked for and `kind` is BouncyCastle's printout of a private
/// key, which shows only the public key: what to print instead. `None` for other kinds.
#[must_use]
pub fn private_not_shown(kind: &str) -> Option<Error> {
    [BC_EC_PRIVATE, BC_X25519_PRIVATE].contains(&kind).then(|| {
        Error::malformed(
            "private key",
            format!(
                "this is {kind}, not the private key; print the private key encoded: \
                 Base64.getEncoder().encodeToString(privateKey.getEncoded()) (PKCS#8)"
            ),
        )
    })
}

/// A key of an algorithm this crate does not read, as Java names it ("RSA", "Ed25519").
fn other_algorithm(algorithm: &str) -> Error {
    let found = super::der::describe_named(algorithm).map_or_else(
        || format!("a key of the algorithm {algorithm}"),
        str::to_owned,
    );
    Error::UnsupportedKey { found }
}

fn malformed(detail: impl Into<String>) -> Error {
    Error::malformed("bytes", format!("{}; {PRINT_ENCODED}", detail.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> (Vec<u8>, &'static str) {
        let l = read(text).expect("a Java printout").expect("read");
        (l.bytes.to_vec(), l.kind)
    }

    fn error(text: &str) -> String {
        match read(text).expect("a Java printout") {
            Ok(l) => panic!("read {} bytes from {text:?}", l.bytes.len()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn sun_ec_point_in_decimal() {
        let (b, kind) = bytes(
            "Sun EC public key, 256 bits\n  public x coord: 1\n  public y coord: 258\n  \
             parameters: secp256r1 [NIST P-256,X9.62 prime256v1] (1.2.840.10045.3.1.7)\n",
        );
        assert_eq!(kind, SUN_EC);
        assert_eq!(b.len(), 65);
        assert_eq!((b[0], b[32], b[63], b[64]), (4, 1, 1, 2));
        // Windows line ends, and no parameters line (copied without it).
        let (b, kind) =
            bytes("Sun EC public key, 256 bits\r\n  public x coord: 1\r\n  public y coord: 2\r\n");
        assert_eq!((b[64], kind), (2, SUN_EC_UNNAMED));
        assert!(
            not_on_curve(SUN_EC_UNNAMED)
                .unwrap()
                .to_string()
                .contains("parameters line")
        );
    }

    #[test]
    fn sun_other_curves_and_algorithms_are_named() {
        assert_eq!(
            error(
                "Sun EC public key, 384 bits\n  public x coord: 1\n  public y coord: 2\n  \
                 parameters: secp384r1 [NIST P-384] (1.3.132.0.34)"
            ),
            "a secp384r1 (P-384) key is not supported: this playground works \
             with P-256 and X25519 keys"
        );
        assert!(
            error(
                "Sun EC public key, 256 bits\n  public x coord: 1\n  public y coord: 2\n  \
                 parameters: brainpoolP256r1 (1.3.36.3.3.2.8.1.1.7)"
            )
            .contains("a key on the curve brainpoolP256r1")
        );
        assert!(
            error("Sun RSA public key, 2048 bits\n  params: null\n  modulus: 1\n  public exponent: 65537")
                .contains("an RSA key")
        );
        assert!(error("Sun EC public key, 256 bits\n  public x coord: 1").contains("cut short"));
        assert!(
            error(&format!(
                "Sun EC public key, 256 bits\n  public x coord: {}\n  public y coord: 2",
                "9".repeat(78)
            ))
            .contains("not a number below 2^256")
        );
        assert!(
            error("Sun EC public key, 384 bits\n  public x coord: 1\n  public y coord: 2")
                .starts_with("an EC key of 384 bits is not supported")
        );
        assert!(read("Sun is shining").is_none());
    }

    #[test]
    fn sun_x25519_hex_dump() {
        let (b, kind) = bytes(
            "algorithm = X25519, unparsed keybits = \n\
             0000: 85 20 F0 09 89 30 A7 54   74 8B 7D DC B4 3E F7 5A  . ...0.Tt....>.Z\n\
             0010: 0D BF 3A 0D 26 38 1A F4   EB A4 A9 8E AA 9B 4E 6A  ..:.&8........Nj\n\n",
        );
        assert_eq!(kind, SUN_X25519);
        assert_eq!(
            hex::encode(b),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
        );
        // The text column may hold what looks like hex ("AB CD"): 16 bytes a line at most.
        let (b, _) = bytes(
            "algorithm = X25519, unparsed keybits = \n\
             0000: 41 42 20 43 44 41 42 41   42 41 42 41 42 41 42 41  AB CDABABABABABA\n\
             0010: 41 42 20 43 44 41 42 41   42 41 42 41 42 41 42 41  AB CDABABABABABA\n",
        );
        assert_eq!(b.len(), 32);
        // A short last line is padded to the text column, whose letters are not bytes.
        assert!(
            error("algorithm = X25519, unparsed keybits = \n0000: 85 20 F0 09                                        . ..AB\n")
                .contains("expected 32 bytes, got 4")
        );
        assert!(
            error("algorithm = Ed25519, unparsed keybits = \n0000: D7 5A")
                .contains("an Ed25519 key (for signatures, not key exchange)")
        );
        assert!(error("algorithm = X448, unparsed keybits = ").contains("an X448 key"));
    }

    #[test]
    fn bouncy_castle_ec_and_x25519() {
        let (b, kind) = bytes("EC Public Key [97:e3:72]\n            X: 1\n            Y: ff\n");
        assert_eq!(kind, BC_EC);
        assert_eq!((b.len(), b[32], b[64]), (65, 1, 0xff));
        let (_, kind) = bytes("EC Private Key [97:e3]\r\n    X: 1\r\n    Y: 2\r\n");
        assert_eq!(kind, BC_EC_PRIVATE);
        let (b, kind) = bytes(&format!(
            "X25519 Private Key [01:3e]\n    public data: {}\n",
            "ab".repeat(32)
        ));
        assert_eq!((b.len(), kind), (32, BC_X25519_PRIVATE));
        let e = error(&format!(
            "EC Public Key [95:67]\n    X: {}\n    Y: {}",
            "a".repeat(96),
            "b".repeat(96)
        ));
        assert!(e.contains("its X has 96 hex digits"), "{e}");
        assert!(
            error(&format!(
                "Ed25519 Public Key [7c:b1]\n    public data: {}",
                "d7".repeat(32)
            ))
            .contains("an Ed25519 key")
        );
        assert!(error("EC Public Key [97:e3]\n    X: 1").contains("cut short"));
        assert!(error("X25519 Public Key [01:3e]").contains("cut short"));
        assert!(error("EC Public Key [97:e3]\n    X: xyz\n    Y: 1").contains("not a hex number"));
        assert!(error("RSA Public Key [12:34]\n    modulus: 1").contains("an RSA key"));
        assert!(read("An EC Public Key is what we need").is_none());
        // Labels that look like BouncyCastle's line are left to the other readers.
        for text in [
            "ECDH Public Key [65 bytes]: <Buffer 04 f4>",
            "Server Public Key [65]: [4, 244, 68]",
            "Peer Public Key [raw]: b'\\x04'",
            "Alice's Public Key [uncompressed] = [4, 244]",
            "\"EC Public Key [97:e3]\\n X: 1\\n Y: 2\"",
        ] {
            assert!(read(text).is_none(), "{text}");
        }
        // Another algorithm with X and Y is not read as P-256.
        assert!(
            error("ECGOST3410 Public Key [97:e3]\n    X: 1\n    Y: 2")
                .contains("a key of the algorithm ECGOST3410")
        );
        assert!(error("RSA Public Key [12:34],[56:78]\n    modulus: 1").contains("an RSA key"));
        assert!(
            not_on_curve(BC_EC)
                .unwrap()
                .to_string()
                .contains("names no curve")
        );
        assert!(not_on_curve(SUN_EC).is_none());
    }
}
