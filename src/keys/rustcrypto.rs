//! Keys as RustCrypto's `p256` prints them with `{:?}`. A Rust developer whose secret
//! differs from ours pastes what `println!("{:?}", public_key)` showed: a `PublicKey` (or
//! an ECDSA `VerifyingKey`, which holds one) as `AffinePoint { x: FieldElement(0x…), y:
//! FieldElement(0x…), infinity: 0 }`, or an `EncodedPoint` as `Uncompressed { x: [2, 23,
//! …], y: […] }`. Each is read as the SEC1 point. p256 0.13 prints its field elements in
//! Montgomery form (x·2^256 mod p), not as the coordinates, so such a printout gives a
//! point off the curve, and is said so ([`not_on_curve`]). x25519-dalek's
//! `PublicKey(MontgomeryPoint([…]))` is a list of byte values, which
//! [`super::literal`] reads.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use zeroize::Zeroizing;

use super::literal::Literal;
use crate::error::{Error, Result};

const AFFINE: &str = "p256's Debug of a point (AffinePoint { x: FieldElement(0x…), … })";
const ENCODED: &str = "p256's Debug of an EncodedPoint (Uncompressed { x: […], y: […] })";
const ENCODED_COMPRESSED: &str =
    "p256's Debug of an EncodedPoint (Compressed { x: […], y_is_odd: … })";

/// The line that prints a p256 public key so that it reads the same in every version.
const PRINT_SEC1: &str = "print the key encoded instead: hex::encode(public_key.to_sec1_bytes())";

/// Reads `text` as p256's Debug output of a public key or point; `None` when it is not.
///
/// # Errors
/// The point at infinity, a compact point, a coordinate that is not 32 bytes.
pub fn read(text: &str) -> Option<Result<Literal>> {
    if !text.contains("AffinePoint") && !text.contains("EncodedPoint") {
        return None;
    }
    // Debug output's white space (`{:#?}` breaks it over lines) means nothing inside it.
    // The copy is of a paste that may be secret (a JWK naming a point in a note).
    let compact: Zeroizing<String> = Zeroizing::new(text.split_whitespace().collect());
    // A Debug printout starts with a type's name (`PublicKey`, `VerifyingKey`), not with
    // JSON's brace or a quote.
    if !compact.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    if let Some(at) = compact.find("AffinePoint{") {
        return Some(affine(compact.get(at..)?));
    }
    let coordinates = compact.split_once("EncodedPoint(")?.1;
    Some(encoded(coordinates))
}

/// `AffinePoint{x:FieldElement(0x…),y:FieldElement(0x…),infinity:0}`, white space removed.
fn affine(point: &str) -> Result<Literal> {
    // This point's own fields, up to its closing brace.
    let point = point.split_once('}').map_or(point, |(fields, _)| fields);
    if point.contains("infinity:1") {
        return Err(Error::IdentityPoint);
    }
    let mut bytes = Zeroizing::new(vec![4u8]);
    for name in ["x", "y"] {
        let digits = point
            .split_once(&format!("{name}:FieldElement(0x"))
            .map(|(_, rest)| {
                rest.split(|c: char| !c.is_ascii_hexdigit())
                    .next()
                    .unwrap_or("")
            })
            .unwrap_or("");
        if digits.len() > 64 {
            return Err(larger_curve(
                name,
                format!("{} hex digits", digits.len()),
                "64",
            ));
        }
        match super::text::from_hex(digits) {
            Ok(b) if b.len() == 32 => bytes.extend_from_slice(&b),
            _ => {
                return Err(malformed(format!(
                    "the {name} of this AffinePoint is not 64 hex digits (FieldElement(0x…))"
                )));
            }
        }
    }
    Ok(Literal {
        bytes,
        kind: AFFINE,
    })
}

/// What `EncodedPoint(` is followed by: `Uncompressed{x:[…],y:[…]})` (p256 0.14 writes
/// `Array([…])`), `Compressed{x:[…],y_is_odd:true})`, `Identity)` or `Compact{x:[…]})`.
fn encoded(coordinates: &str) -> Result<Literal> {
    if coordinates.starts_with("Identity") {
        return Err(Error::IdentityPoint);
    }
    if coordinates.starts_with("Compact") {
        return Err(malformed(format!(
            "this EncodedPoint is in compact form (x only, RFC 6090), which this playground \
             does not read; {PRINT_SEC1}"
        )));
    }
    let list = |name: &str| -> Result<Vec<u8>> {
        let values = coordinates
            .split_once(&format!("{name}:"))
            .map(|(_, rest)| rest.strip_prefix("Array(").unwrap_or(rest))
            .and_then(|rest| rest.strip_prefix('['))
            .and_then(|rest| rest.split_once(']'))
            .map(|(values, _)| values)
            .ok_or_else(|| {
                malformed(format!("this EncodedPoint has no list of bytes for {name}"))
            })?;
        // `{:?}` writes the bytes in decimal, `{:x?}` in hex (`0x2`).
        let byte = |v: &str| match v.strip_prefix("0x") {
            Some(hex) => u8::from_str_radix(hex, 16),
            None => v.parse::<u8>(),
        };
        let bytes = values
            .split(',')
            .filter(|v| !v.is_empty())
            .map(byte)
            .collect::<core::result::Result<Vec<u8>, _>>()
            .map_err(|_| {
                malformed(format!(
                    "the {name} of this EncodedPoint is not byte values"
                ))
            })?;
        if bytes.len() == 32 {
            Ok(bytes)
        } else if bytes.len() > 32 {
            Err(larger_curve(name, format!("{} bytes", bytes.len()), "32"))
        } else {
            Err(Error::InvalidLength {
                what: "coordinate of an EncodedPoint",
                expected: "32 bytes",
                found: bytes.len(),
            })
        }
    };
    let x = list("x")?;
    let (first, y, kind) = if let Some(rest) = coordinates.strip_prefix("Compressed") {
        let odd = rest.contains("y_is_odd:true");
        (if odd { 3u8 } else { 2u8 }, Vec::new(), ENCODED_COMPRESSED)
    } else {
        (4u8, list("y")?, ENCODED)
    };
    let mut bytes = Zeroizing::new(vec![first]);
    bytes.extend_from_slice(&x);
    bytes.extend_from_slice(&y);
    Ok(Literal { bytes, kind })
}

/// Where the point of p256's Debug of a `PublicKey` is not on the curve: the likely
/// reason (p256 0.13 prints its Montgomery form). `None` for any other kind of paste.
#[must_use]
pub fn not_on_curve(kind: &str) -> Option<Error> {
    (kind == AFFINE).then(|| {
        Error::Printout(format!(
            "the x and y of this printout are not a point on P-256. If it came from p256 0.13 \
             or earlier: those print their field elements in Montgomery form (x·2^256 mod p), \
             not the coordinates; {PRINT_SEC1}"
        ))
    })
}

/// A coordinate longer than P-256's (p384's Debug looks the same).
fn larger_curve(name: &str, length: String, p256: &str) -> Error {
    super::literal::larger_curve(&format!(
        "in this Debug output its {name} has {length}, P-256's {p256}"
    ))
}

fn malformed(detail: String) -> Error {
    Error::malformed("bytes", detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    const X: &str = "0217E617F0B6443928278F96999E69A23A4F2C152BDF6D6CDF66E5B80282D4ED";
    const Y: &str = "194A7DEBCB97712D2DDA3CA85AA8765A56F45FC758599652F2897C65306E5794";

    fn bytes(text: &str) -> (String, &'static str) {
        let l = read(text).expect("a printout").expect("read");
        (hex::encode(l.bytes.as_slice()), l.kind)
    }

    fn error(text: &str) -> String {
        match read(text).expect("a printout") {
            Ok(l) => panic!("read {} bytes", l.bytes.len()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn affine_point_of_a_public_or_verifying_key() {
        let want = format!("04{X}{Y}").to_lowercase();
        let one_line = format!(
            "PublicKey {{ point: AffinePoint {{ x: FieldElement(0x{X}), y: FieldElement(0x{Y}), infinity: 0 }} }}"
        );
        assert_eq!(bytes(&one_line), (want.clone(), AFFINE));
        let verifying = format!("VerifyingKey {{ inner: {one_line} }}");
        assert_eq!(bytes(&verifying).0, want);
        // {:#?}
        let pretty = format!(
            "PublicKey {{\n    point: AffinePoint {{\n        x: FieldElement(0x{X}),\n        y: FieldElement(0x{Y}),\n        infinity: 0,\n    }},\n}}\n"
        );
        assert_eq!(bytes(&pretty).0, want);
        assert_eq!(
            error(&one_line.replace("infinity: 0", "infinity: 1")),
            Error::IdentityPoint.to_string()
        );
        assert!(error(&one_line.replace(&X[..4], "")).contains("the x of this AffinePoint"));
        // infinity is read in the point's own braces.
        assert_eq!(
            bytes(&format!("{one_line} AffinePoint {{ infinity: 1 }}")).0,
            want
        );
        let p384 = format!(
            "PublicKey {{ point: AffinePoint {{ x: FieldElement(0x{}), y: FieldElement(0x{}), infinity: 0 }} }}",
            "A".repeat(96),
            "B".repeat(96)
        );
        assert!(error(&p384).contains("its x has 96 hex digits, P-256's 64"));
        // JSON, even naming a point, is not Debug output.
        for text in [
            "{\"kty\":\"EC\",\"note\":\"EncodedPoint(Identity)\"}",
            "\"EncodedPoint(Identity)\"",
        ] {
            assert!(read(text).is_none(), "{text}");
        }
        assert!(
            not_on_curve(AFFINE)
                .unwrap()
                .to_string()
                .contains("Montgomery form")
        );
        assert!(not_on_curve(ENCODED).is_none());
    }

    #[test]
    fn encoded_points() {
        let x: Vec<String> = (1..=32).map(|b: u8| b.to_string()).collect();
        let y: Vec<String> = (101..=132).map(|b: u8| b.to_string()).collect();
        let (x, y) = (x.join(", "), y.join(", "));
        let (b, kind) = bytes(&format!(
            "EncodedPoint(Uncompressed {{ x: [{x}], y: [{y}] }})"
        ));
        assert_eq!((&b[..4], &b[66..68], kind), ("0401", "65", ENCODED));
        // p256 0.14 wraps the lists in Array(…).
        let (b14, _) = bytes(&format!(
            "EncodedPoint(Uncompressed {{ x: Array([{x}]), y: Array([{y}]) }})"
        ));
        assert_eq!(b14, b);
        let (b, kind) = bytes(&format!(
            "EncodedPoint(Compressed {{ x: [{x}], y_is_odd: true }})"
        ));
        assert_eq!((&b[..4], b.len(), kind), ("0301", 66, ENCODED_COMPRESSED));
        assert_eq!(
            error("EncodedPoint(Identity)"),
            Error::IdentityPoint.to_string()
        );
        assert!(error(&format!("EncodedPoint(Compact {{ x: [{x}] }})")).contains("compact form"));
        assert!(
            error("EncodedPoint(Uncompressed { x: [1, 2], y: [3] })")
                .contains("expected 32 bytes, got 2")
        );
        assert!(
            error("EncodedPoint(Uncompressed { x: [1, 256], y: [3] })").contains("not byte values")
        );
        assert!(read("PublicKey(MontgomeryPoint([1, 2]))").is_none());
        // {:x?} writes the bytes in hex.
        let hex = |from: u8| {
            (from..from + 32)
                .map(|b| format!("{b:#x}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (bx, _) = bytes(&format!(
            "EncodedPoint(Uncompressed {{ x: [{}], y: [{}] }})",
            hex(1),
            hex(101)
        ));
        assert_eq!(bx, b14);
        assert!(
            error(&format!(
                "EncodedPoint(Uncompressed {{ x: [{x}, {x}], y: [{y}] }})"
            ))
            .contains("its x has 64 bytes, P-256's 32")
        );
    }
}
