//! DER containers: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 5480 for EC keys,
//! RFC 8410 for X25519), PKCS#8 `PrivateKeyInfo`/`OneAsymmetricKey` (RFC 5208, RFC 5958)
//! and SEC1 `ECPrivateKey` (RFC 5915).
//!
//! The three structures are small and fixed, so they are read with a strict DER reader
//! of a few dozen lines ([`Reader`]) and written from templates, instead of through the
//! general ASN.1 crates: that halves the size of the WebAssembly module, and lets every
//! error say exactly which field, at which byte, was wrong. Strictness is DER's:
//! definite, minimal lengths; no trailing bytes; versions and BIT STRING padding
//! checked. Wycheproof's malformed-ASN.1 vectors run against it in `tests/`.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use zeroize::Zeroizing;

use super::oid::dotted;
use super::{PublicKey, SecretKey, p256_public_from_sec1, p256_secret, x25519_secret};
use crate::error::{Error, Result};

pub(crate) const SEQUENCE: u8 = 0x30;
pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const BIT_STRING: u8 = 0x03;
pub(crate) const OCTET_STRING: u8 = 0x04;
pub(crate) const OID: u8 = 0x06;

/// id-ecPublicKey 1.2.840.10045.2.1 (RFC 5480 §2.1.1), content octets.
pub(crate) const ID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// prime256v1 / secp256r1 1.2.840.10045.3.1.7 (RFC 5480 §2.1.1.1).
pub(crate) const SECP256R1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// id-X25519 1.3.101.110 (RFC 8410 §3).
pub(crate) const ID_X25519: &[u8] = &[0x2b, 0x65, 0x6e];

/// SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (66 bytes, 0 unused)
/// }, followed by the 65-byte uncompressed point.
const P256_SPKI_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];
/// SEQUENCE { SEQUENCE { id-X25519 }, BIT STRING (33 bytes, 0 unused) }, followed by
/// the 32-byte u-coordinate.
const X25519_SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00,
];
/// PKCS#8 v1 of a P-256 key as OpenSSL writes it: version 0, the EC AlgorithmIdentifier,
/// and an OCTET STRING holding ECPrivateKey { version 1, privateKey OCTET STRING (32) ...
const P256_PKCS8_PREFIX: [u8; 36] = [
    0x30, 0x81, 0x87, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02,
    0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x6d, 0x30, 0x6b, 0x02,
    0x01, 0x01, 0x04, 0x20,
];
/// ... then [1] { BIT STRING (66 bytes, 0 unused) } holding the uncompressed public point.
const P256_PKCS8_PUBLIC: [u8; 5] = [0xa1, 0x44, 0x03, 0x42, 0x00];
/// PKCS#8 v1 of an X25519 key as OpenSSL writes it: version 0, AlgorithmIdentifier,
/// OCTET STRING wrapping the CurvePrivateKey OCTET STRING (RFC 8410 §7).
const X25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
];

/// A strict DER reader over one structure. Positions in errors count from the start of
/// the outermost structure, so a student can find the byte in a hex dump.
///
/// The one DER reader of the crate: keys, signatures, certificates (`x509`) and the
/// annotated tree of the key inspector (`explain`) all read through it.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) pos: usize,
    /// Offset of `bytes` within the whole DER document.
    pub(crate) base: usize,
    pub(crate) what: &'static str,
}

/// One tag-length-value as read: the tag, where it starts in the document, the length
/// of its tag and length bytes, and a reader over its contents.
pub(crate) struct Tlv<'a> {
    pub(crate) tag: u8,
    pub(crate) offset: usize,
    pub(crate) header_length: usize,
    pub(crate) value: Reader<'a>,
}

impl<'a> Tlv<'a> {
    /// The whole element, tag and length included.
    pub(crate) fn whole(&self, document: &'a [u8]) -> &'a [u8] {
        let end = self.value.base.saturating_add(self.value.bytes.len());
        document.get(self.offset..end).unwrap_or_default()
    }
}

impl<'a> Reader<'a> {
    pub(crate) const fn new(bytes: &'a [u8], what: &'static str) -> Self {
        Self {
            bytes,
            pos: 0,
            base: 0,
            what,
        }
    }

    pub(crate) fn error(&self, detail: impl Into<String>) -> Error {
        Error::malformed(self.what, detail)
    }

    pub(crate) const fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub(crate) fn peek_tag(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The offset of the next byte within the whole document.
    pub(crate) const fn offset(&self) -> usize {
        self.base.saturating_add(self.pos)
    }

    /// Reads one tag-length-value; returns the tag and a reader over the value.
    pub(crate) fn any(&mut self) -> Result<(u8, Reader<'a>)> {
        self.tlv().map(|t| (t.tag, t.value))
    }

    /// Reads one tag-length-value with where it stands in the document.
    pub(crate) fn tlv(&mut self) -> Result<Tlv<'a>> {
        let start = self.offset();
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let Some((&tag, rest)) = rest.split_first() else {
            return Err(self.error(format!(
                "the data ends at byte {start}, where a field was expected"
            )));
        };
        if tag & 0x1f == 0x1f {
            return Err(self.error(format!("unexpected multi-byte tag at byte {start}")));
        }
        let Some((&first, rest)) = rest.split_first() else {
            return Err(self.error(format!("the data ends inside the field at byte {start}")));
        };
        let (len, header) = match first {
            0..=0x7f => (usize::from(first), 2),
            0x80 => {
                return Err(self.error(format!("indefinite length at byte {start} (BER, not DER)")));
            }
            // The long form (X.690 §8.1.3.5): 1 to 3 length bytes, big-endian, in the
            // fewest bytes DER allows (no leading zero; one byte only from 128 on).
            0x81..=0x83 => {
                let count = usize::from(first & 0x7f);
                let Some(digits) = rest.get(..count) else {
                    return Err(
                        self.error(format!("the data ends inside the length at byte {start}"))
                    );
                };
                let len = digits
                    .iter()
                    .fold(0usize, |n, &d| (n << 8) | usize::from(d));
                let shortest = digits.first().is_some_and(|&d| d != 0) && len >= 0x80;
                if !shortest {
                    return Err(self.error(format!(
                        "length at byte {start} is not in its shortest form"
                    )));
                }
                (len, count.saturating_add(2))
            }
            _ => {
                return Err(self.error(format!(
                    "length at byte {start} is too large (over 16 MB) for a key or certificate"
                )));
            }
        };
        let value_start = self.pos.saturating_add(header);
        let value_end = value_start.saturating_add(len);
        let Some(value) = self.bytes.get(value_start..value_end) else {
            return Err(self.error(format!(
                "the field at byte {start} says it has {len} bytes, but only {} follow: the data looks cut off",
                self.bytes.len().saturating_sub(value_start)
            )));
        };
        self.pos = value_end;
        Ok(Tlv {
            tag,
            offset: start,
            header_length: header,
            value: Reader {
                bytes: value,
                pos: 0,
                base: self.base.saturating_add(value_start),
                what: self.what,
            },
        })
    }

    /// Reads a field that must have `tag`; `name` says what it is in errors.
    pub(crate) fn expect(&mut self, tag: u8, name: &str) -> Result<Reader<'a>> {
        let at = self.offset();
        let (found, value) = self.any()?;
        if found == tag {
            Ok(value)
        } else {
            Err(self.error(format!(
                "expected {name} (tag {tag:02x}) at byte {at}, found tag {found:02x}"
            )))
        }
    }

    /// Reads an optional field with `tag`.
    pub(crate) fn optional(&mut self, tag: u8, name: &str) -> Result<Option<Reader<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.expect(tag, name).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Reads a small non-negative INTEGER (a version number).
    pub(crate) fn small_integer(&mut self, name: &str) -> Result<u8> {
        let value = self.expect(INTEGER, name)?;
        match value.bytes {
            [v] if *v < 0x80 => Ok(*v),
            _ => Err(self.error(format!("{name} is not a small non-negative integer"))),
        }
    }

    /// Reads a BIT STRING with no unused bits; returns its bytes.
    pub(crate) fn bit_string(&mut self, name: &str) -> Result<&'a [u8]> {
        let value = self.expect(BIT_STRING, name)?;
        match value.bytes.split_first() {
            Some((0, bits)) => Ok(bits),
            Some(_) => Err(self.error(format!("{name} has unused bits"))),
            None => Err(self.error(format!("{name} is empty"))),
        }
    }

    /// Everything has been read.
    pub(crate) fn finish(&self, name: &str) -> Result<()> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error(format!(
                "{} unexpected bytes after {name}, from byte {}",
                self.bytes.len().saturating_sub(self.pos),
                self.offset()
            )))
        }
    }
}

/// Names an algorithm or curve we do not support, for error messages.
pub(crate) fn describe_oid(oid: &[u8]) -> String {
    let dotted = dotted(oid);
    describe_dotted(&dotted).map_or_else(
        || format!("a key with algorithm or curve OID {dotted}"),
        str::to_owned,
    )
}

/// The words for a key of the algorithm or curve with this dotted OID, where this crate
/// names it (the P-256 OID given as an algorithm included).
pub(crate) fn describe_dotted(dotted: &str) -> Option<&'static str> {
    Some(match dotted {
        "1.3.132.0.34" => "a secp384r1 (P-384) key",
        "1.3.132.0.35" => "a secp521r1 (P-521) key",
        "1.3.132.0.10" => "a secp256k1 key",
        "1.3.101.111" => "an X448 key",
        "1.3.101.112" => "an Ed25519 key (for signatures, not key exchange)",
        "1.3.101.113" => "an Ed448 key",
        "1.2.840.113549.1.1.1" => "an RSA key",
        "1.2.840.10040.4.1" => "a DSA key",
        "1.2.840.10046.2.1" => "a Diffie-Hellman (finite field) key",
        "1.2.840.10045.3.1.7" => {
            "a key whose algorithm is given as the P-256 curve OID instead of id-ecPublicKey \
             (1.2.840.10045.2.1)"
        }
        _ => return None,
    })
}

/// The words for a key of an algorithm this crate does not read, by the name a tool
/// prints for it (openssl's "ED25519 Public-Key:", Java's "Ed25519" or "DiffieHellman"),
/// in any case: [`describe_dotted`]'s words for its OID.
#[cfg(feature = "reader")]
pub(crate) fn describe_named(name: &str) -> Option<&'static str> {
    let dotted = match name.to_ascii_lowercase().as_str() {
        "rsa" => "1.2.840.113549.1.1.1",
        "dsa" => "1.2.840.10040.4.1",
        "dh" | "diffiehellman" => "1.2.840.10046.2.1",
        "ed25519" => "1.3.101.112",
        "ed448" => "1.3.101.113",
        "x448" => "1.3.101.111",
        _ => return None,
    };
    describe_dotted(dotted)
}

/// The words for a key whose curve is given by its parameters rather than named.
pub(crate) const EXPLICIT_PARAMETERS: &str =
    "a key with explicit curve parameters (only named curves are)";

fn explicit_parameters() -> Error {
    Error::UnsupportedKey {
        found: EXPLICIT_PARAMETERS.to_owned(),
    }
}

/// The key algorithm of an AlgorithmIdentifier.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    P256,
    X25519,
}

/// Reads `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`.
fn algorithm(r: &mut Reader<'_>) -> Result<Algorithm> {
    let mut alg = r.expect(SEQUENCE, "the AlgorithmIdentifier SEQUENCE")?;
    let oid = alg.expect(OID, "the algorithm OID")?.bytes;
    if oid == ID_EC_PUBLIC_KEY {
        // RFC 5480 §2.1.1: ECParameters ::= CHOICE { namedCurve OID, ... }.
        match alg.peek_tag() {
            Some(OID) => {
                let curve = alg.expect(OID, "the named curve OID")?.bytes;
                if curve != SECP256R1 {
                    return Err(Error::UnsupportedKey {
                        found: describe_oid(curve),
                    });
                }
            }
            Some(SEQUENCE) => return Err(explicit_parameters()),
            Some(_) | None => {
                return Err(alg.error("an EC key must name its curve in the algorithm parameters"));
            }
        }
        alg.finish("the curve")?;
        Ok(Algorithm::P256)
    } else if oid == ID_X25519 {
        if !alg.at_end() {
            return Err(alg.error("RFC 8410 says X25519 keys have no algorithm parameters"));
        }
        Ok(Algorithm::X25519)
    } else {
        Err(Error::UnsupportedKey {
            found: describe_oid(oid),
        })
    }
}

/// Parses a DER SubjectPublicKeyInfo holding a P-256 or X25519 public key.
///
/// # Errors
/// Malformed DER (naming the field and byte), an unsupported algorithm or curve
/// (named), or an invalid point.
pub fn public_key_from_spki(der: &[u8]) -> Result<PublicKey> {
    let mut outer = Reader::new(der, "SubjectPublicKeyInfo");
    let mut spki = outer.expect(SEQUENCE, "the SubjectPublicKeyInfo SEQUENCE")?;
    outer.finish("the SubjectPublicKeyInfo")?;
    let algorithm = algorithm(&mut spki)?;
    let key = spki.bit_string("the subjectPublicKey BIT STRING")?;
    spki.finish("the subjectPublicKey")?;
    match algorithm {
        Algorithm::P256 => p256_public_from_sec1(key).map(PublicKey::P256),
        Algorithm::X25519 => {
            let u: [u8; 32] = key.try_into().map_err(|_| Error::InvalidLength {
                what: "X25519 public key",
                expected: "32 bytes",
                found: key.len(),
            })?;
            Ok(PublicKey::X25519(x25519_dalek::PublicKey::from(u)))
        }
    }
}

/// Encodes a public key as DER SubjectPublicKeyInfo, as OpenSSL and Python write it
/// (uncompressed point for P-256).
#[must_use]
pub fn public_key_to_spki(key: &PublicKey) -> Vec<u8> {
    let (prefix, raw): (&[u8], Vec<u8>) = match key {
        PublicKey::P256(_) => (&P256_SPKI_PREFIX, key.to_raw()),
        PublicKey::X25519(k) => (&X25519_SPKI_PREFIX, k.as_bytes().to_vec()),
    };
    [prefix, &raw].concat()
}

/// Parses a DER PKCS#8 `PrivateKeyInfo` (v1) or `OneAsymmetricKey` (v2) holding a
/// P-256 or X25519 private key. A public key inside must match the private key.
///
/// # Errors
/// Malformed DER (naming the field and byte), an unsupported algorithm or curve
/// (named), an invalid scalar, or a mismatched public key.
pub fn secret_key_from_pkcs8(der: &[u8]) -> Result<SecretKey> {
    let mut outer = Reader::new(der, "PKCS#8");
    let mut info = outer.expect(SEQUENCE, "the PrivateKeyInfo SEQUENCE")?;
    outer.finish("the PrivateKeyInfo")?;
    let version = info.small_integer("the version")?;
    if version > 1 {
        return Err(info.error(format!("unknown version {version} (expected 0 or 1)")));
    }
    let algorithm = algorithm(&mut info)?;
    let private = info.expect(OCTET_STRING, "the privateKey OCTET STRING")?;
    // [0] IMPLICIT attributes, then (v2 only) [1] IMPLICIT publicKey BIT STRING.
    info.optional(0xa0, "the attributes")?;
    let public = if version == 1 {
        info.optional(0x81, "the publicKey")?
    } else {
        None
    };
    info.finish("the private key")?;
    let key = match algorithm {
        Algorithm::P256 => ec_private_key(private.bytes, "PKCS#8")?,
        Algorithm::X25519 => {
            // CurvePrivateKey ::= OCTET STRING (RFC 8410 §7).
            let mut inner = Reader {
                what: "PKCS#8",
                ..private
            };
            let scalar = inner.expect(OCTET_STRING, "the CurvePrivateKey OCTET STRING")?;
            inner.finish("the CurvePrivateKey")?;
            x25519_secret(scalar.bytes)?
        }
    };
    if let Some(public) = public {
        let bits = match public.bytes.split_first() {
            Some((0, bits)) => bits,
            _ => return Err(Error::malformed("PKCS#8", "the publicKey has unused bits")),
        };
        check_public(&key, bits, "PKCS#8")?;
    }
    Ok(key)
}

/// Checks that an embedded public key belongs to the private key.
fn check_public(key: &SecretKey, public: &[u8], what: &'static str) -> Result<()> {
    let matches = match key.public_key() {
        PublicKey::P256(p) => p256_public_from_sec1(public).is_ok_and(|q| q == p),
        PublicKey::X25519(p) => public == p.as_bytes(),
    };
    if matches {
        Ok(())
    } else {
        Err(Error::malformed(
            what,
            "the public key inside does not belong to the private key",
        ))
    }
}

/// Reads `ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
/// [0] ECParameters OPTIONAL, [1] BIT STRING OPTIONAL }` (RFC 5915 §3).
fn ec_private_key(der: &[u8], what: &'static str) -> Result<SecretKey> {
    let mut outer = Reader::new(der, what);
    let mut key = outer.expect(SEQUENCE, "the ECPrivateKey SEQUENCE")?;
    outer.finish("the ECPrivateKey")?;
    if key.small_integer("the ECPrivateKey version")? != 1 {
        return Err(key.error("the ECPrivateKey version must be 1"));
    }
    let scalar = key.expect(OCTET_STRING, "the privateKey OCTET STRING")?;
    if let Some(mut params) = key.optional(0xa0, "the [0] parameters")? {
        match params.peek_tag() {
            Some(OID) => {
                let curve = params.expect(OID, "the named curve OID")?.bytes;
                if curve != SECP256R1 {
                    return Err(Error::UnsupportedKey {
                        found: describe_oid(curve),
                    });
                }
            }
            _ => return Err(explicit_parameters()),
        }
        params.finish("the curve")?;
    }
    let public = match key.optional(0xa1, "the [1] publicKey")? {
        Some(mut wrapper) => {
            let bits = wrapper.bit_string("the publicKey BIT STRING")?;
            wrapper.finish("the publicKey")?;
            Some(bits)
        }
        None => None,
    };
    key.finish("the ECPrivateKey")?;
    let secret = SecretKey::P256(p256_secret(scalar.bytes)?);
    if let Some(bits) = public {
        check_public(&secret, bits, what)?;
    }
    Ok(secret)
}

/// Encodes a private key as DER PKCS#8, byte for byte as OpenSSL and Python write it.
#[must_use]
pub fn secret_key_to_pkcs8(key: &SecretKey) -> Zeroizing<Vec<u8>> {
    let scalar = key.to_bytes();
    Zeroizing::new(match key {
        SecretKey::P256(_) => [
            &P256_PKCS8_PREFIX[..],
            scalar.as_slice(),
            &P256_PKCS8_PUBLIC,
            &key.public_key().to_raw(),
        ]
        .concat(),
        SecretKey::X25519(_) => [&X25519_PKCS8_PREFIX[..], scalar.as_slice()].concat(),
    })
}

/// Parses a DER SEC1 `ECPrivateKey` ("BEGIN EC PRIVATE KEY", RFC 5915).
///
/// # Errors
/// Malformed DER, a curve other than P-256 (named), an invalid scalar, or a mismatched
/// public key.
pub fn secret_key_from_sec1(der: &[u8]) -> Result<SecretKey> {
    ec_private_key(der, "EC PRIVATE KEY")
}

/// Reads a DER `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279
/// §2.2.3) for P-256: strict DER (minimal, non-negative integers of at most 32
/// significant bytes, nothing after). Returns r and s as 32-byte big-endian values.
///
/// # Errors
/// [`Error::Malformed`] naming what is not DER.
pub fn ecdsa_signature_from_der(der: &[u8]) -> Result<([u8; 32], [u8; 32])> {
    let mut outer = Reader::new(der, "DER signature");
    let mut seq = outer.expect(SEQUENCE, "the Ecdsa-Sig-Value SEQUENCE")?;
    outer.finish("the signature")?;
    let r = unsigned_integer(&mut seq, "r")?;
    let s = unsigned_integer(&mut seq, "s")?;
    seq.finish("s")?;
    Ok((r, s))
}

/// A strict DER INTEGER that must be non-negative and fit in 32 bytes.
fn unsigned_integer(r: &mut Reader<'_>, name: &str) -> Result<[u8; 32]> {
    let value = r.expect(INTEGER, name)?.bytes;
    let digits = match value {
        [] => return Err(r.error(format!("{name} is an empty INTEGER"))),
        [0, next, ..] if *next < 0x80 => {
            return Err(r.error(format!("{name} has a needless leading zero byte")));
        }
        [0, rest @ ..] if !rest.is_empty() => rest,
        [first, ..] if *first >= 0x80 => return Err(r.error(format!("{name} is negative"))),
        _ => value,
    };
    if digits.len() > 32 {
        return Err(r.error(format!("{name} is longer than 32 bytes")));
    }
    let mut out = [0u8; 32];
    // Right-aligned: the digits fill the last bytes (at most 32, checked above).
    for (o, d) in out.iter_mut().rev().zip(digits.iter().rev()) {
        *o = *d;
    }
    Ok(out)
}

/// Writes a DER `Ecdsa-Sig-Value` from 32-byte big-endian r and s.
#[must_use]
pub fn ecdsa_signature_to_der(r: &[u8; 32], s: &[u8; 32]) -> Vec<u8> {
    let integer = |v: &[u8; 32]| {
        let start = v.iter().position(|&b| b != 0).unwrap_or(31);
        let digits = v.get(start..).unwrap_or_default();
        let pad = digits.first().is_some_and(|&b| b >= 0x80);
        // At most 33 bytes: the short length form.
        let len = u8::try_from(digits.len())
            .unwrap_or(32)
            .saturating_add(u8::from(pad));
        let mut out = vec![INTEGER, len];
        if pad {
            out.push(0);
        }
        out.extend_from_slice(digits);
        out
    };
    let body = [integer(r), integer(s)].concat();
    // At most 2 × 35 bytes, so the short length form always fits.
    [vec![SEQUENCE, body.len() as u8], body].concat()
}

/// The curve OID of an `ECParameters` (RFC 5480 §2.1.1), the contents of OpenSSL's
/// "EC PARAMETERS" block.
///
/// # Errors
/// Explicit parameters (unsupported), or DER that is not an OID.
pub fn named_curve(der: &[u8]) -> Result<&[u8]> {
    let mut outer = Reader::new(der, "EC PARAMETERS");
    if outer.peek_tag() == Some(SEQUENCE) {
        return Err(explicit_parameters());
    }
    let curve = outer.expect(OID, "the named curve OID")?;
    outer.finish("the named curve")?;
    Ok(curve.bytes)
}

/// Whether `der` is a SubjectPublicKeyInfo, for format detection.
pub fn is_spki(der: &[u8]) -> bool {
    public_key_from_spki(der).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_oids() {
        assert_eq!(dotted(SECP256R1), "1.2.840.10045.3.1.7");
        assert_eq!(dotted(ID_X25519), "1.3.101.110");
    }

    #[test]
    fn templates_round_trip() {
        for curve in crate::keys::Curve::ALL {
            let key = SecretKey::from_seed(curve, b"der", "");
            let pkcs8 = secret_key_to_pkcs8(&key);
            assert_eq!(
                secret_key_from_pkcs8(&pkcs8).unwrap().to_bytes(),
                key.to_bytes()
            );
            let spki = public_key_to_spki(&key.public_key());
            assert_eq!(public_key_from_spki(&spki).unwrap(), key.public_key());
        }
    }

    #[test]
    fn non_minimal_and_indefinite_lengths_are_rejected() {
        let spki = public_key_to_spki(
            &SecretKey::from_seed(crate::keys::Curve::X25519, b"", "").public_key(),
        );
        let mut long_form = vec![0x30, 0x81, 0x2a];
        long_form.extend_from_slice(&spki[2..]);
        assert!(
            public_key_from_spki(&long_form)
                .unwrap_err()
                .to_string()
                .contains("shortest form")
        );
        let mut indefinite = vec![0x30, 0x80];
        indefinite.extend_from_slice(&spki[2..]);
        indefinite.extend_from_slice(&[0, 0]);
        assert!(
            public_key_from_spki(&indefinite)
                .unwrap_err()
                .to_string()
                .contains("indefinite")
        );
    }
}
