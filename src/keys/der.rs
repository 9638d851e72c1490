//! DER containers: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 5480 for EC keys,
//! RFC 8410 for X25519), PKCS#8 (RFC 5208/5958) and SEC1 `ECPrivateKey` (RFC 5915).
//!
//! Parsing goes through the RustCrypto `spki`, `pkcs8` and `sec1` crates; what this
//! file adds is naming what was found when it is not a P-256 or X25519 key.

use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use pkcs8::der::{Decode, asn1::ObjectIdentifier};
use spki::SubjectPublicKeyInfoRef;

use super::{Curve, PublicKey, SecretKey, p256_public_from_sec1};
use crate::error::{Error, Result};

/// id-ecPublicKey, RFC 5480 §2.1.1.
const ID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// prime256v1 / secp256r1, RFC 5480 §2.1.1.1.
const SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// id-X25519, RFC 8410 §3.
const ID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");

/// The DER prefix of an X25519 SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { id-X25519 },
/// BIT STRING (33 bytes, 0 unused bits) }, followed by the 32-byte u-coordinate.
const X25519_SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00,
];
/// The DER prefix of an X25519 PKCS#8 v1 key as OpenSSL writes it: version 0,
/// AlgorithmIdentifier, OCTET STRING wrapping the CurvePrivateKey OCTET STRING.
const X25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
];

/// Names an algorithm or curve we do not support, for error messages.
fn describe_oid(oid: ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "1.3.132.0.34" => "a secp384r1 (P-384) key",
        "1.3.132.0.35" => "a secp521r1 (P-521) key",
        "1.3.132.0.10" => "a secp256k1 key",
        "1.3.101.111" => "an X448 key",
        "1.3.101.112" => "an Ed25519 key (for signatures, not key exchange)",
        "1.3.101.113" => "an Ed448 key",
        "1.2.840.113549.1.1.1" => "an RSA key",
        "1.2.840.10040.4.1" => "a DSA key",
        "1.2.840.10046.2.1" => "a Diffie-Hellman (finite field) key",
        other => return format!("a key with algorithm or curve OID {other}"),
    };
    name.to_owned()
}

fn der_error(what: &'static str, e: impl core::fmt::Display) -> Error {
    Error::malformed(what, e.to_string())
}

/// Reads the curve from an EC AlgorithmIdentifier's parameters.
fn ec_named_curve(params: Option<pkcs8::der::AnyRef<'_>>) -> Result<Curve> {
    let Some(params) = params else {
        return Err(Error::malformed(
            "SubjectPublicKeyInfo",
            "an EC key must name its curve in the algorithm parameters",
        ));
    };
    let Ok(curve) = params.decode_as::<ObjectIdentifier>() else {
        return Err(Error::UnsupportedKey {
            found: "a key with explicit curve parameters (only named curves are)".to_owned(),
        });
    };
    if curve == SECP256R1 {
        Ok(Curve::P256)
    } else {
        Err(Error::UnsupportedKey {
            found: describe_oid(curve),
        })
    }
}

/// Parses a DER SubjectPublicKeyInfo holding a P-256 or X25519 public key.
///
/// # Errors
/// Malformed DER, an unsupported algorithm or curve (named), or an invalid point.
pub fn public_key_from_spki(der: &[u8]) -> Result<PublicKey> {
    let spki =
        SubjectPublicKeyInfoRef::from_der(der).map_err(|e| der_error("SubjectPublicKeyInfo", e))?;
    let key = spki.subject_public_key.as_bytes().ok_or_else(|| {
        Error::malformed("SubjectPublicKeyInfo", "the key BIT STRING has unused bits")
    })?;
    let oid = spki.algorithm.oid;
    if oid == ID_EC_PUBLIC_KEY {
        ec_named_curve(spki.algorithm.parameters)?;
        p256_public_from_sec1(key).map(PublicKey::P256)
    } else if oid == ID_X25519 {
        if spki.algorithm.parameters.is_some() {
            return Err(Error::malformed(
                "SubjectPublicKeyInfo",
                "RFC 8410 says X25519 keys have no algorithm parameters",
            ));
        }
        let u: [u8; 32] = key.try_into().map_err(|_| Error::InvalidLength {
            what: "X25519 public key",
            expected: "32 bytes",
            found: key.len(),
        })?;
        Ok(PublicKey::X25519(x25519_dalek::PublicKey::from(u)))
    } else {
        Err(Error::UnsupportedKey {
            found: describe_oid(oid),
        })
    }
}

/// Encodes a public key as DER SubjectPublicKeyInfo, as OpenSSL and Python write it
/// (uncompressed point for P-256).
#[must_use]
pub fn public_key_to_spki(key: &PublicKey) -> Vec<u8> {
    match key {
        PublicKey::P256(k) => k
            .to_public_key_der()
            .map(|doc| doc.as_bytes().to_vec())
            .unwrap_or_default(),
        PublicKey::X25519(k) => {
            let mut der = X25519_SPKI_PREFIX.to_vec();
            der.extend_from_slice(k.as_bytes());
            der
        }
    }
}

/// Parses a DER PKCS#8 PrivateKeyInfo holding a P-256 or X25519 private key.
///
/// # Errors
/// Malformed DER, an unsupported algorithm or curve (named), or an invalid scalar.
pub fn secret_key_from_pkcs8(der: &[u8]) -> Result<SecretKey> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|e| der_error("PKCS#8", e))?;
    let oid = info.algorithm.oid;
    if oid == ID_EC_PUBLIC_KEY {
        ec_named_curve(info.algorithm.parameters)?;
        p256::SecretKey::from_pkcs8_der(der)
            .map(SecretKey::P256)
            .map_err(|e| match e {
                pkcs8::Error::KeyMalformed(_) => Error::InvalidScalar,
                other => der_error("PKCS#8", other),
            })
    } else if oid == ID_X25519 {
        // CurvePrivateKey ::= OCTET STRING, inside the PKCS#8 privateKey OCTET STRING.
        let inner = info.private_key.as_bytes();
        let scalar = <&pkcs8::der::asn1::OctetStringRef>::from_der(inner)
            .map_err(|e| der_error("PKCS#8 X25519 CurvePrivateKey", e))?;
        super::x25519_secret(scalar.as_bytes())
    } else {
        Err(Error::UnsupportedKey {
            found: describe_oid(oid),
        })
    }
}

/// Encodes a private key as DER PKCS#8, as OpenSSL and Python write it.
#[must_use]
pub fn secret_key_to_pkcs8(key: &SecretKey) -> zeroize::Zeroizing<Vec<u8>> {
    zeroize::Zeroizing::new(match key {
        SecretKey::P256(k) => k
            .to_pkcs8_der()
            .map(|doc| doc.as_bytes().to_vec())
            .unwrap_or_default(),
        SecretKey::X25519(k) => {
            let mut der = X25519_PKCS8_PREFIX.to_vec();
            der.extend_from_slice(k.as_bytes());
            der
        }
    })
}

/// Parses a DER SEC1 `ECPrivateKey` ("BEGIN EC PRIVATE KEY", RFC 5915).
///
/// # Errors
/// Malformed DER, a curve other than P-256 (named), or an invalid scalar.
pub fn secret_key_from_sec1(der: &[u8]) -> Result<SecretKey> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(|e| der_error("EC PRIVATE KEY", e))?;
    if let Some(params) = &key.parameters {
        match params.named_curve() {
            Some(oid) if oid == SECP256R1 => {}
            Some(oid) => {
                return Err(Error::UnsupportedKey {
                    found: describe_oid(oid),
                });
            }
            None => {
                return Err(Error::UnsupportedKey {
                    found: "a key with explicit curve parameters (only named curves are)"
                        .to_owned(),
                });
            }
        }
    }
    super::p256_secret(key.private_key).map(SecretKey::P256)
}

/// Whether `der` is an X25519 or P-256 PKCS#8 key, for format detection.
pub fn is_pkcs8(der: &[u8]) -> bool {
    pkcs8::PrivateKeyInfoRef::from_der(der).is_ok()
}

/// Whether `der` is a SubjectPublicKeyInfo, for format detection.
pub fn is_spki(der: &[u8]) -> bool {
    SubjectPublicKeyInfoRef::from_der(der).is_ok()
}

/// Whether `der` is a SEC1 `ECPrivateKey`, for format detection.
pub fn is_sec1(der: &[u8]) -> bool {
    sec1::EcPrivateKey::from_der(der).is_ok()
}
