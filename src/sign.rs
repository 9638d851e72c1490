//! ECDSA over P-256 with SHA-256 (FIPS 186-5 §6), deterministic nonces (RFC 6979).
//!
//! Signatures come in two shapes: ASN.1 DER `Ecdsa-Sig-Value` (RFC 3279 §2.2.3), as
//! TLS 1.2, OpenSSL and Python use, and the fixed 64-byte `r ‖ s` of IEEE P1363, as
//! WebCrypto uses. Verification accepts either and tells them apart by shape.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use core::fmt;

use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, VerifyingKey};

use crate::error::{Error, Result};
use crate::keys::{Curve, PrivateKeyFormat, PublicKey, SecretKey, der};

/// An ECDSA P-256 private key. Zeroized on drop; `Debug` shows only the public key.
#[derive(Clone)]
pub struct SigningKey {
    secret: SecretKey,
    inner: p256::ecdsa::SigningKey,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("public", &self.public_key())
            .finish_non_exhaustive()
    }
}

impl TryFrom<SecretKey> for SigningKey {
    type Error = Error;

    fn try_from(secret: SecretKey) -> Result<Self> {
        match &secret {
            SecretKey::P256(k) => Ok(Self {
                inner: p256::ecdsa::SigningKey::from(k),
                secret,
            }),
            SecretKey::X25519(_) => Err(Error::WrongCurve {
                expected: Curve::P256,
                found: Curve::X25519,
            }),
        }
    }
}

impl SigningKey {
    /// A fresh key from the operating system's random number generator.
    ///
    /// # Errors
    /// [`Error::Randomness`] when the generator cannot be read.
    pub fn generate() -> Result<Self> {
        SecretKey::generate(Curve::P256)?.try_into()
    }

    /// A deterministic key for lessons; see [`SecretKey::from_seed`]. Not secret.
    ///
    /// # Errors
    /// None in practice: the seeded key is always a P-256 key.
    pub fn from_seed(seed: &[u8], label: &str) -> Result<Self> {
        SecretKey::from_seed(Curve::P256, seed, label).try_into()
    }

    /// Reads a P-256 private key in any format [`SecretKey::parse`] reads.
    ///
    /// # Errors
    /// As [`SecretKey::parse`]; an X25519 key is [`Error::WrongCurve`], since X25519
    /// keys cannot sign.
    pub fn import_private_key(input: &str) -> Result<Self> {
        SecretKey::parse(input, Some(Curve::P256))?.try_into()
    }

    /// The public key that verifies this key's signatures.
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        self.secret.public_key()
    }

    /// The private key written in `format`. The result is secret.
    #[must_use]
    pub fn reveal_private_key(&self, format: PrivateKeyFormat) -> zeroize::Zeroizing<String> {
        self.secret.reveal(format)
    }

    /// Signs SHA-256(`message`), returning the signature in DER.
    #[must_use]
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let signature: Signature = self.inner.sign(message);
        let (r, s) = signature.split_bytes();
        der::ecdsa_signature_to_der(&r.into(), &s.into())
    }

    /// Signs SHA-256(`message`), returning the fixed 64-byte `r ‖ s`.
    #[must_use]
    pub fn sign_p1363(&self, message: &[u8]) -> [u8; 64] {
        let signature: Signature = self.inner.sign(message);
        signature.to_bytes().into()
    }
}

/// The shape of a signature, as [`parse_signature`] detected it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureFormat {
    /// ASN.1 DER `SEQUENCE { r INTEGER, s INTEGER }`.
    Der,
    /// IEEE P1363 fixed-width `r ‖ s`, 64 bytes.
    P1363,
}

/// Reads a signature in either shape: 64 bytes that are not a DER SEQUENCE are
/// `r ‖ s`; anything else must be strict DER.
///
/// # Errors
/// Bytes that are neither, or an r or s of zero or not less than the group order.
pub fn parse_signature(bytes: &[u8]) -> Result<(Signature, SignatureFormat)> {
    let der = der::ecdsa_signature_from_der(bytes);
    if let Ok((r, s)) = der
        && let Ok(sig) = Signature::from_scalars(r, s)
    {
        return Ok((sig, SignatureFormat::Der));
    }
    if bytes.len() == 64 {
        return Signature::from_slice(bytes)
            .map(|s| (s, SignatureFormat::P1363))
            .map_err(|_| {
                Error::malformed(
                    "signature",
                    "r or s is zero or not less than the P-256 group order",
                )
            });
    }
    if der.is_ok() {
        return Err(Error::malformed(
            "signature",
            "r or s is zero or not less than the P-256 group order",
        ));
    }
    Err(Error::malformed(
        "signature",
        format!(
            "expected DER (a SEQUENCE of two INTEGERs) or 64 bytes r ‖ s, got {} bytes{}",
            bytes.len(),
            if bytes.first() == Some(&0x30) {
                " that start like DER but do not parse as strict DER"
            } else {
                ""
            }
        ),
    ))
}

/// A signature in both shapes, from either (told apart as [`parse_signature`] does):
/// the DER `Ecdsa-Sig-Value`, the 64-byte `r ‖ s`, and which one was given.
///
/// # Errors
/// As [`parse_signature`].
pub fn signature_forms(bytes: &[u8]) -> Result<(Vec<u8>, [u8; 64], SignatureFormat)> {
    let (signature, given) = parse_signature(bytes)?;
    let (r, s) = signature.split_bytes();
    Ok((
        der::ecdsa_signature_to_der(&r.into(), &s.into()),
        signature.to_bytes().into(),
        given,
    ))
}

/// Verifies an ECDSA P-256 SHA-256 signature in DER or `r ‖ s`.
///
/// A signature that does not verify, or that is malformed, is a verdict: `Ok(false)`.
///
/// # Errors
/// Only for the key: a malformed public key, or an X25519 key (named).
pub fn verify(public_key: &PublicKey, message: &[u8], signature: &[u8]) -> Result<bool> {
    public_key.expect_curve(Curve::P256)?;
    let PublicKey::P256(key) = public_key else {
        return Ok(false);
    };
    let Ok((signature, _)) = parse_signature(signature) else {
        return Ok(false);
    };
    Ok(VerifyingKey::from(key).verify(message, &signature).is_ok())
}

/// Parses a pasted public key in any format and verifies; see [`verify`].
///
/// # Errors
/// As [`PublicKey::parse`] and [`verify`].
pub fn verify_with(public_key: &str, message: &[u8], signature: &[u8]) -> Result<bool> {
    let (key, _) = PublicKey::parse(public_key)?;
    verify(&key, message, signature)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies_in_both_shapes() {
        let key = SigningKey::generate().unwrap();
        let der = key.sign(b"hello");
        let p1363 = key.sign_p1363(b"hello");
        assert!(verify(&key.public_key(), b"hello", &der).unwrap());
        assert!(verify(&key.public_key(), b"hello", &p1363).unwrap());
        assert!(!verify(&key.public_key(), b"hellO", &der).unwrap());
        assert!(!verify(&key.public_key(), b"hello", &[1, 2, 3]).unwrap());
        assert_eq!(parse_signature(&der).unwrap().1, SignatureFormat::Der);
    }

    #[test]
    fn x25519_keys_cannot_sign_or_verify() {
        let x = SecretKey::generate(Curve::X25519).unwrap();
        assert_eq!(
            verify(&x.public_key(), b"m", &[0; 64])
                .unwrap_err()
                .to_string(),
            "expected a P-256 key, got an X25519 key"
        );
        assert!(SigningKey::try_from(x).is_err());
    }
}
