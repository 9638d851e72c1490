//! Keys as Go prints them. A Go developer whose secret differs from ours pastes what
//! `fmt.Println(pub)` showed for an `*ecdsa.PublicKey`: its curve (a pointer) and X and Y
//! in decimal, as `&{0x611b20 1104… 3285…}`, `%+v`'s `&{Curve:0x611b20 X:+1104… Y:+3285…}`
//! or `%#v`'s `&ecdsa.PublicKey{Curve:(*elliptic.p256Curve)(0x611b20), X:1104…, Y:3285…}`,
//! the only one that names the curve. Each is read as the SEC1 point (P-256 unless the
//! curve is named otherwise). An `*ecdsa.PrivateKey` printed so shows its private key D
//! as well, and is refused with the line that prints its public key. Go's `[]byte`
//! (`[4 244 68 …]`) is a list of byte values, which [`super::literal`] reads.
//!
//! Since Go 1.20 `crypto/ecdh` keys print their bytes as such a list, after the curve's
//! pointer: `&{0x558540 [4 224 189 …] <nil>}` (one more field since Go 1.24),
//! `%+v`'s `&{curve:0x558540 publicKey:[4 224 …] boring:<nil>}` and `%#v`'s
//! `&ecdh.PublicKey{curve:(*ecdh.x25519Curve)(0x5bb580), publicKey:[]uint8{0xce, …}, …}`.
//! The bytes are the key, P-256's SEC1 point or X25519's 32 bytes; an `*ecdh.PrivateKey`
//! shows its private key's bytes, and is refused.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use zeroize::Zeroizing;

use super::literal::{Literal, decimal_32_bytes};
use crate::error::{Error, Result};

const KIND: &str = "Go's printout of an ecdsa.PublicKey (X and Y in decimal)";
const ECDH_KIND: &str = "Go's printout of an ecdh.PublicKey (its bytes)";

/// Reads `text` as Go's printout of an `ecdsa.PublicKey`; `None` when it is not one.
///
/// # Errors
/// An `ecdsa.PrivateKey`'s printout, a key on another curve.
pub fn read(text: &str) -> Option<Result<Literal>> {
    let text = text.trim();
    if let Some(result) = ecdh(text) {
        return Some(result);
    }
    let inner = text.strip_prefix('&').unwrap_or(text);
    let inner = inner.strip_prefix("ecdsa.PublicKey").unwrap_or(inner);
    let inner = inner.strip_prefix('{')?.strip_suffix('}')?;
    // A private key: its public key in braces, then D (`{{0x… X Y} D}`, `{PublicKey:{…} D:+…}`).
    if let Some(rest) = inner
        .strip_prefix('{')
        .or_else(|| inner.strip_prefix("PublicKey:{"))
    {
        let (public, d) = rest.split_once('}')?;
        let d = d.trim();
        let d = d.strip_prefix("D:").unwrap_or(d).trim_start_matches('+');
        if fields(public).is_some() && !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Err(Error::Printout(
                "this is Go's printout of an ecdsa.PrivateKey, whose D is the private key: never \
                 share it. Print the public key instead: der, _ := \
                 x509.MarshalPKIXPublicKey(&key.PublicKey); fmt.Printf(\"%x\\n\", der) (to \
                 import the private key here, print x509.MarshalPKCS8PrivateKey(key) the same \
                 way)"
                    .to_owned(),
            )));
        }
        return None;
    }
    let (curve, x, y) = fields(inner)?;
    if let Some(name) = curve.filter(|c| !c.to_ascii_lowercase().contains("p256")) {
        // "(*elliptic.nistCurve[*crypto/internal/nistec.P384Point])(0x611b30)"
        let lower = name.to_ascii_lowercase();
        // The DER reader's words, by the curve's OID.
        let found = if lower.contains("p384") {
            super::der::describe_dotted("1.3.132.0.34")
        } else if lower.contains("p521") {
            super::der::describe_dotted("1.3.132.0.35")
        } else if lower.contains("p224") {
            Some("a P-224 key")
        } else {
            None
        }
        .unwrap_or("a key on a curve other than P-256");
        return Some(Err(Error::UnsupportedKey {
            found: found.to_owned(),
        }));
    }
    let mut point = Zeroizing::new(vec![4u8]);
    for digits in [x, y] {
        match decimal_32_bytes(digits) {
            Some(bytes) => point.extend_from_slice(&bytes),
            None => {
                return Some(Err(super::literal::larger_curve(
                    "Go's printout: a coordinate above 2^256",
                )));
            }
        }
    }
    Some(Ok(Literal {
        bytes: point,
        kind: KIND,
    }))
}

/// A `crypto/ecdh` key's printout (`&{0x… [4 224 …] <nil>}`, `%+v`, `%#v`): the public
/// key's bytes, or the refusal of a private key's. `None` for any other text.
fn ecdh(text: &str) -> Option<Result<Literal>> {
    let inner = text.strip_prefix('&').unwrap_or(text);
    let public = |body: &str| {
        Some(super::literal::numbers(body).map(|bytes| Literal {
            bytes,
            kind: ECDH_KIND,
        }))
    };
    // `%#v` names the type, and writes the bytes in hex: `publicKey:[]uint8{0x4, 0xe0, …}`.
    if inner.starts_with("ecdh.PrivateKey{") {
        return Some(Err(ecdh_private()));
    }
    if let Some(rest) = inner.strip_prefix("ecdh.PublicKey{") {
        let (body, _) = rest.split_once("publicKey:[]uint8{")?.1.split_once('}')?;
        return public(body);
    }
    // `%v` and `%+v`: the curve's pointer, the bytes in decimal, then pointers: one or two
    // for a public key (`boring`, and `fips` since Go 1.24), three or a `sync.Once` in
    // braces for a private key.
    let inner = inner.strip_prefix('{')?.strip_suffix('}')?;
    let (curve, rest) = inner.split_once(|c: char| c.is_ascii_whitespace())?;
    if !is_pointer(curve.strip_prefix("curve:").unwrap_or(curve)) {
        return None;
    }
    let (label, rest) = rest.split_once('[')?;
    let (body, after) = rest.split_once(']')?;
    if body.trim().is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_whitespace())
    {
        return None;
    }
    let fields: Vec<&str> = after.split_whitespace().collect();
    let private = match label.trim() {
        "privateKey:" => true,
        "publicKey:" => false,
        "" => after.contains('{') || fields.len() > 2,
        _ => return None,
    };
    if private {
        return Some(Err(ecdh_private()));
    }
    let pointers = fields.iter().all(|field| {
        let value = field.split_once(':').map_or(*field, |(_, value)| value);
        value == "<nil>" || is_pointer(value)
    });
    if pointers { public(body) } else { None }
}

/// `0x` and hex digits, as Go prints a pointer.
fn is_pointer(text: &str) -> bool {
    text.strip_prefix("0x")
        .is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn ecdh_private() -> Error {
    Error::Printout(
        "this is Go's printout of an ecdh.PrivateKey, whose bytes are the private key: never \
         share it. Print the public key instead: fmt.Printf(\"%x\\n\", \
         key.PublicKey().Bytes()) (to import the private key here: der, _ := \
         x509.MarshalPKCS8PrivateKey(key); fmt.Printf(\"%x\\n\", der))"
            .to_owned(),
    )
}

/// The curve (a pointer, or `%#v`'s type and pointer, when it is named), X and Y of a
/// public key's fields: `0x611b20 X Y`, `Curve:0x611b20 X:+X Y:+Y` or `Curve:(*…)(0x…),
/// X:X, Y:Y`. `None` unless X and Y are decimal numbers and nothing else is there.
fn fields(inner: &str) -> Option<(Option<&str>, &str, &str)> {
    let mut curve = None;
    let mut numbers = Vec::new();
    for token in inner
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        let (name, value) = token.split_once(':').unwrap_or(("", token));
        let value = value.trim_start_matches('+');
        match name {
            "Curve" => curve = Some(value),
            "" if value.starts_with("0x") && curve.is_none() && numbers.is_empty() => {
                curve = Some(value);
            }
            // A coordinate is a number of some 70 digits (one under 40 is chance's 2^-120),
            // which keeps a C list of three bytes (`{0x04, 12, 34}`) from being taken.
            "" | "X" | "Y" if value.len() >= 40 && value.bytes().all(|b| b.is_ascii_digit()) => {
                numbers.push(value);
            }
            _ => return None,
        }
    }
    let [x, y] = numbers.as_slice() else {
        return None;
    };
    // A bare pointer names no curve.
    let named = curve.filter(|c| !c.starts_with("0x"));
    Some((named, x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Coordinates of 40 digits or more, as Go prints them: 1 and 258 with leading zeros.
    const ONE: &str = "0000000000000000000000000000000000000000000001";
    const TWO58: &str = "0000000000000000000000000000000000000000000258";

    fn go(template: &str) -> String {
        template.replace("X_", ONE).replace("Y_", TWO58)
    }

    fn bytes(text: &str) -> Vec<u8> {
        read(text)
            .expect("a Go printout")
            .expect("read")
            .bytes
            .to_vec()
    }

    fn error(text: &str) -> String {
        match read(text).expect("a Go printout") {
            Ok(_) => panic!("read {text:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn public_key_in_every_verb() {
        for text in [
            "&{0x611b20 X_ Y_}",
            "{0x611b20 X_ Y_}",
            "&{Curve:0x611b20 X:+X_ Y:+Y_}",
            "&ecdsa.PublicKey{Curve:(*elliptic.p256Curve)(0x611b20), X:X_, Y:Y_}",
            "&ecdsa.PublicKey{Curve:(*elliptic.nistCurve[*crypto/internal/nistec.P256Point])(0x611b20), X:X_, Y:Y_}",
        ] {
            let b = bytes(&go(text));
            assert_eq!(
                (b.len(), b[0], b[32], b[63], b[64]),
                (65, 4, 1, 1, 2),
                "{text}"
            );
        }
    }

    #[test]
    fn ecdh_keys_in_every_verb() {
        for text in [
            "&{0x5bb580 [4 5 255] <nil>}",
            "&{0x5bb580 [4 5 255] <nil> 0x3b8cb092c080}",
            "&{0x5bb580 [4 5 255] <nil> <nil>}",
            "{0x5bb580 [4 5 255] 0xc000084090}",
            "&{curve:0x5bb580 publicKey:[4 5 255] boring:<nil> fips:<nil>}",
            "&ecdh.PublicKey{curve:(*ecdh.nistCurve)(0x5d50f0), publicKey:[]uint8{0x4, 0x5, 0xff}, boring:(*boring.PublicKeyECDH)(nil)}",
        ] {
            assert_eq!(bytes(text), [4, 5, 255], "{text}");
        }
        for text in [
            "&{0x5bb580 [4 5 255] <nil> 0xc000084090 {{{} 1} {0 0}}}",
            "&{0x5bb580 [4 5 255] <nil> <nil> {0 {0 0}}}",
            "&{0x5bb580 [4 5 255] 0x3b8cb092c180 <nil> <nil>}",
            "&{curve:0x5bb580 privateKey:[4 5 255] publicKey:<nil> boring:<nil> fips:<nil>}",
            "&ecdh.PrivateKey{curve:(*ecdh.x25519Curve)(0x5fa280), privateKey:[]uint8{0x4}}",
        ] {
            assert!(
                error(text).contains("ecdh.PrivateKey, whose bytes are the private key"),
                "{text}"
            );
        }
        assert!(error("&{0x5bb580 [4 5 256] <nil>}").contains("256 is not a byte"));
    }

    #[test]
    fn other_curves_and_private_keys() {
        assert!(
            error(&go("&ecdsa.PublicKey{Curve:(*elliptic.nistCurve[*crypto/internal/nistec.P384Point])(0x611b30), X:X_, Y:Y_}"))
                .starts_with("a secp384r1 (P-384) key is not supported")
        );
        assert!(
            error(&go(&format!("&{{0x611b30 {} Y_}}", "9".repeat(90))))
                .contains("a coordinate above 2^256")
        );
        for text in [
            "&{{0x611b20 X_ Y_} 3}",
            "&{PublicKey:{Curve:0x611b20 X:+X_ Y:+Y_} D:+3}",
        ] {
            assert!(
                error(&go(text)).contains("ecdsa.PrivateKey, whose D is the private key"),
                "{text}"
            );
        }
        // Other braces are not Go's.
        for text in [
            "{0x5bb580 [1 2 3] word}",
            "{0x5bb580 [] <nil>}",
            "{0x5bb580 [0x4 0x5] <nil>}",
            "{other:0x5bb580 [4 5] <nil>}",
            "{0x5bb580 secretKey:[4 5] <nil>}",
            "&ecdh.PublicKey{curve:(*ecdh.x25519Curve)(0x5bb580)}",
            "{}",
            "{\"x\": 1, \"y\": 2}",
            "{ kty: 'EC' }",
            "{1 2 3}",
            "{0x611b20 1 258}",
            "{0x04, 0xf4}",
            "{ 0x04, 12, 34 }",
            "&{{0x611b20 X_ Y_} secret}",
            "{X_ Y_ X_}",
        ] {
            assert!(read(&go(text)).is_none(), "{text}");
        }
    }
}
