//! Curves, key pairs and every key encoding people paste: PEM and DER
//! SubjectPublicKeyInfo (RFC 5480, RFC 8410), PKCS#8 (RFC 5958), SEC1 points and
//! `ECPrivateKey` (SEC 1 §2.3.3, RFC 5915), raw X25519 keys (RFC 7748 §5) and JWK
//! (RFC 7518 §6.2, RFC 8037 §2).
//!
//! Import detects the format; export writes each format byte for byte as OpenSSL,
//! Python `cryptography` and WebCrypto do, so that keys can be compared as text.

pub mod der;
pub mod json;
pub mod jwk;
pub mod text;

use core::fmt;
use core::str::FromStr;

use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToSec1Point;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The two curves of the playground.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (secp256r1, prime256v1), with ECDH as in SEC 1 §3.3.1.
    P256,
    /// Curve25519 in Montgomery form, with the X25519 function of RFC 7748 §5.
    X25519,
}

impl Curve {
    /// Both curves, in the order the page lists them.
    pub const ALL: [Self; 2] = [Self::P256, Self::X25519];

    /// The name as WebCrypto spells it: "P-256" or "X25519".
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::P256 => "P-256",
            Self::X25519 => "X25519",
        }
    }
}

impl fmt::Display for Curve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Curve {
    type Err = Error;

    /// Reads "P-256" or "X25519"; also the other names people know them by
    /// ("secp256r1", "prime256v1", "x25519"), in any case.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "p-256" | "p256" | "secp256r1" | "prime256v1" => Ok(Self::P256),
            "x25519" | "curve25519" => Ok(Self::X25519),
            _ => Err(Error::UnknownCurve {
                found: s.to_owned(),
            }),
        }
    }
}

/// How a public key was (or is to be) written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicKeyFormat {
    /// PEM SubjectPublicKeyInfo, "-----BEGIN PUBLIC KEY-----".
    Pem,
    /// DER SubjectPublicKeyInfo as hex.
    SpkiHex,
    /// DER SubjectPublicKeyInfo as base64.
    SpkiBase64,
    /// SEC1 uncompressed point (P-256) or the 32-byte u-coordinate (X25519), as hex.
    RawHex,
    /// The same raw bytes as base64.
    RawBase64,
    /// SEC1 compressed point (P-256 only) as hex.
    CompressedHex,
    /// SEC1 compressed point as base64.
    CompressedBase64,
    /// JSON Web Key.
    Jwk,
}

impl PublicKeyFormat {
    /// The short name the JS API uses: "pem", "spki", "raw", "compressed", "jwk",
    /// and for detected base64 forms "spki-base64", "raw-base64", "compressed-base64".
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Pem => "pem",
            Self::SpkiHex => "spki",
            Self::SpkiBase64 => "spki-base64",
            Self::RawHex => "raw",
            Self::RawBase64 => "raw-base64",
            Self::CompressedHex => "compressed",
            Self::CompressedBase64 => "compressed-base64",
            Self::Jwk => "jwk",
        }
    }
}

impl FromStr for PublicKeyFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "pem" => Ok(Self::Pem),
            "spki" => Ok(Self::SpkiHex),
            "spki-base64" => Ok(Self::SpkiBase64),
            "raw" => Ok(Self::RawHex),
            "raw-base64" => Ok(Self::RawBase64),
            "compressed" => Ok(Self::CompressedHex),
            "compressed-base64" => Ok(Self::CompressedBase64),
            "jwk" => Ok(Self::Jwk),
            other => Err(Error::malformed(
                "format name",
                format!(
                    "unknown public key format {other:?}: expected \"pem\", \"spki\", \"raw\", \
                     \"compressed\" or \"jwk\""
                ),
            )),
        }
    }
}

/// How a private key is to be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrivateKeyFormat {
    /// PEM PKCS#8, "-----BEGIN PRIVATE KEY-----".
    Pem,
    /// DER PKCS#8 as hex.
    Pkcs8Hex,
    /// The 32-byte scalar as hex.
    RawHex,
    /// JSON Web Key with "d".
    Jwk,
}

impl FromStr for PrivateKeyFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "pem" => Ok(Self::Pem),
            "pkcs8" => Ok(Self::Pkcs8Hex),
            "raw" => Ok(Self::RawHex),
            "jwk" => Ok(Self::Jwk),
            other => Err(Error::malformed(
                "format name",
                format!(
                    "unknown private key format {other:?}: expected \"pem\", \"pkcs8\", \"raw\" \
                     or \"jwk\""
                ),
            )),
        }
    }
}

/// A public key on either curve.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PublicKey {
    /// A P-256 point, validated to be on the curve and not the identity.
    P256(p256::PublicKey),
    /// An X25519 u-coordinate (any 32 bytes are a valid input to X25519).
    X25519(x25519_dalek::PublicKey),
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PublicKey({}, {})",
            self.curve(),
            text::to_hex(&self.to_raw())
        )
    }
}

/// Reads a P-256 point in SEC1 encoding, naming what is wrong with it.
pub(crate) fn p256_public_from_sec1(bytes: &[u8]) -> Result<p256::PublicKey> {
    match (bytes.first(), bytes.len()) {
        (None, _) => Err(Error::InvalidLength {
            what: "P-256 point",
            expected: "65 bytes (04‖x‖y) or 33 bytes (02/03‖x)",
            found: 0,
        }),
        (Some(0), 1) => Err(Error::IdentityPoint),
        (Some(4), 65) | (Some(2 | 3), 33) => {
            p256::PublicKey::from_sec1_bytes(bytes).map_err(|_| Error::PointNotOnCurve)
        }
        (Some(6 | 7), 65) => Err(Error::malformed(
            "SEC1 point",
            "the hybrid encoding (first byte 06 or 07) is not supported: use 04‖x‖y",
        )),
        (Some(4), n) => Err(Error::InvalidLength {
            what: "uncompressed P-256 point (04‖x‖y)",
            expected: "65 bytes",
            found: n,
        }),
        (Some(2 | 3), n) => Err(Error::InvalidLength {
            what: "compressed P-256 point (02/03‖x)",
            expected: "33 bytes",
            found: n,
        }),
        (Some(b), n) => Err(Error::malformed(
            "SEC1 point",
            format!(
                "expected a first byte of 04 (uncompressed) or 02/03 (compressed), \
                 got {b:02x} in {n} bytes"
            ),
        )),
    }
}

pub(crate) fn p256_secret(bytes: &[u8]) -> Result<p256::SecretKey> {
    if bytes.len() != 32 {
        return Err(Error::InvalidLength {
            what: "P-256 private key",
            expected: "32 bytes",
            found: bytes.len(),
        });
    }
    p256::SecretKey::from_slice(bytes).map_err(|_| Error::InvalidScalar)
}

pub(crate) fn x25519_secret(bytes: &[u8]) -> Result<SecretKey> {
    let bytes: [u8; 32] = bytes.try_into().map_err(|_| Error::InvalidLength {
        what: "X25519 private key",
        expected: "32 bytes",
        found: bytes.len(),
    })?;
    Ok(SecretKey::X25519(x25519_dalek::StaticSecret::from(bytes)))
}

/// Reads a public key from raw bytes: DER SPKI, a SEC1 point or a 32-byte X25519 key,
/// told apart by their first byte and length.
fn public_key_from_bytes(bytes: &[u8], hex: bool) -> Result<(PublicKey, PublicKeyFormat)> {
    let pick = |h, b| if hex { h } else { b };
    match (bytes.first(), bytes.len()) {
        (Some(0x30), n) if n != 32 => match der::public_key_from_spki(bytes) {
            Ok(key) => Ok((
                key,
                pick(PublicKeyFormat::SpkiHex, PublicKeyFormat::SpkiBase64),
            )),
            Err(_) if der::is_pkcs8(bytes) || der::is_sec1(bytes) => Err(PRIVATE_NOT_PUBLIC),
            Err(e) => Err(e),
        },
        (_, 32) => {
            let u: [u8; 32] = bytes.try_into().map_err(|_| Error::IdentityPoint)?;
            Ok((
                PublicKey::X25519(x25519_dalek::PublicKey::from(u)),
                pick(PublicKeyFormat::RawHex, PublicKeyFormat::RawBase64),
            ))
        }
        (Some(2 | 3), 33) => Ok((
            PublicKey::P256(p256_public_from_sec1(bytes)?),
            pick(
                PublicKeyFormat::CompressedHex,
                PublicKeyFormat::CompressedBase64,
            ),
        )),
        (Some(0 | 4 | 6 | 7), _) => Ok((
            PublicKey::P256(p256_public_from_sec1(bytes)?),
            pick(PublicKeyFormat::RawHex, PublicKeyFormat::RawBase64),
        )),
        (_, n) => Err(Error::InvalidLength {
            what: "public key bytes",
            expected: "a DER SubjectPublicKeyInfo, a SEC1 point (65 or 33 bytes) \
                       or a raw X25519 key (32 bytes)",
            found: n,
        }),
    }
}

/// A private key pasted where a public key belongs.
const PRIVATE_NOT_PUBLIC: Error = Error::WrongKeyKind {
    expected: "public key",
    found: "a private key: never share it; paste the PUBLIC KEY instead",
};

const NOT_RECOGNISED: &str = "not recognised: expected PEM (-----BEGIN PUBLIC KEY-----), a JWK \
     ({\"kty\": ...}), or hex or base64 of DER SubjectPublicKeyInfo, a SEC1 point or a \
     32-byte X25519 key";

impl PublicKey {
    /// Reads a public key in any format this crate knows, and says which it was.
    ///
    /// # Errors
    /// A message naming the format that was detected and what is wrong in it; a private
    /// key or certificate pasted by mistake is named as such.
    pub fn parse(input: &str) -> Result<(Self, PublicKeyFormat)> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Error::malformed("public key", "the input is empty"));
        }
        if input.contains("-----BEGIN") {
            let pem = text::parse_pem(input)?;
            return match pem.label.as_str() {
                "PUBLIC KEY" => Ok((der::public_key_from_spki(&pem.der)?, PublicKeyFormat::Pem)),
                "PRIVATE KEY" | "EC PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {
                    Err(PRIVATE_NOT_PUBLIC)
                }
                "CERTIFICATE" => Err(Error::malformed(
                    "PEM",
                    "this is a certificate: take its public key with \
                     `openssl x509 -in cert.pem -pubkey -noout`",
                )),
                other => Err(Error::malformed(
                    "PEM",
                    format!("unexpected label {other:?}: expected \"PUBLIC KEY\""),
                )),
            };
        }
        if input.starts_with('{') {
            let parsed = jwk::parse(input)?;
            if parsed.secret.is_some() {
                return Err(Error::WrongKeyKind {
                    expected: "public key",
                    found: "a private JWK (it has \"d\"): never share it; remove \"d\"",
                });
            }
            return Ok((parsed.public, PublicKeyFormat::Jwk));
        }
        if text::looks_like_hex(input) {
            return public_key_from_bytes(&text::from_hex(input)?, true);
        }
        match text::from_base64(input) {
            Ok(bytes) => public_key_from_bytes(&bytes, false),
            Err(_) => Err(Error::malformed("public key", NOT_RECOGNISED)),
        }
    }

    /// The key's curve.
    #[must_use]
    pub const fn curve(&self) -> Curve {
        match self {
            Self::P256(_) => Curve::P256,
            Self::X25519(_) => Curve::X25519,
        }
    }

    /// DER SubjectPublicKeyInfo.
    #[must_use]
    pub fn to_spki_der(&self) -> Vec<u8> {
        der::public_key_to_spki(self)
    }

    /// PEM SubjectPublicKeyInfo, as `openssl pkey -pubout` writes it.
    #[must_use]
    pub fn to_pem(&self) -> String {
        text::to_pem("PUBLIC KEY", &self.to_spki_der())
    }

    /// SEC1 uncompressed point (P-256) or the 32-byte u-coordinate (X25519).
    #[must_use]
    pub fn to_raw(&self) -> Vec<u8> {
        match self {
            Self::P256(k) => k.to_sec1_bytes().into_vec(),
            Self::X25519(k) => k.as_bytes().to_vec(),
        }
    }

    /// SEC1 compressed point; `None` for X25519, which has no such form.
    #[must_use]
    pub fn to_compressed(&self) -> Option<Vec<u8>> {
        match self {
            Self::P256(k) => Some(k.to_sec1_point(true).as_bytes().to_vec()),
            Self::X25519(_) => None,
        }
    }

    /// JWK, as WebCrypto's `exportKey("jwk")` writes it (members in RFC 7638 order).
    #[must_use]
    pub fn to_jwk(&self) -> String {
        jwk::public_to_jwk(self)
    }

    /// The key written in `format`.
    ///
    /// # Errors
    /// [`Error::UnsupportedKey`] for a compressed X25519 key, which does not exist.
    pub fn encode(&self, format: PublicKeyFormat) -> Result<String> {
        let compressed = || {
            self.to_compressed().ok_or_else(|| Error::UnsupportedKey {
                found: "point compression of an X25519 key (X25519 keys are always 32 bytes)"
                    .to_owned(),
            })
        };
        Ok(match format {
            PublicKeyFormat::Pem => self.to_pem(),
            PublicKeyFormat::SpkiHex => text::to_hex(&self.to_spki_der()),
            PublicKeyFormat::SpkiBase64 => text::to_base64(&self.to_spki_der()),
            PublicKeyFormat::RawHex => text::to_hex(&self.to_raw()),
            PublicKeyFormat::RawBase64 => text::to_base64(&self.to_raw()),
            PublicKeyFormat::CompressedHex => text::to_hex(&compressed()?),
            PublicKeyFormat::CompressedBase64 => text::to_base64(&compressed()?),
            PublicKeyFormat::Jwk => self.to_jwk(),
        })
    }

    /// A short fingerprint two people can read aloud to compare keys: the first 8 bytes
    /// of SHA-256 over the DER SubjectPublicKeyInfo, as four groups of four hex digits.
    /// The same key gives the same fingerprint whatever format it was pasted in.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.to_spki_der());
        digest[..8]
            .chunks(2)
            .map(text::to_hex)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Checks that the key is on `curve`.
    ///
    /// # Errors
    /// [`Error::WrongCurve`] naming both curves.
    pub fn expect_curve(&self, curve: Curve) -> Result<()> {
        if self.curve() == curve {
            Ok(())
        } else {
            Err(Error::WrongCurve {
                expected: curve,
                found: self.curve(),
            })
        }
    }
}

/// What the key inspector reports about a pasted public key.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Inspection {
    /// "P-256" or "X25519".
    pub curve: &'static str,
    /// The detected format's name ("pem", "jwk", "spki", "raw", ...).
    pub format: &'static str,
    /// PEM SubjectPublicKeyInfo.
    pub pem: String,
    /// DER SubjectPublicKeyInfo, hex.
    pub spki: String,
    /// SEC1 uncompressed point or X25519 u, hex.
    pub raw: String,
    /// SEC1 compressed point, hex (P-256 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compressed: Option<String>,
    /// JWK text.
    pub jwk: String,
    /// See [`PublicKey::fingerprint`].
    pub fingerprint: String,
}

/// Reads a pasted public key and shows it in every format.
///
/// # Errors
/// As [`PublicKey::parse`].
pub fn inspect_public_key(input: &str) -> Result<Inspection> {
    let (key, format) = PublicKey::parse(input)?;
    Ok(Inspection {
        curve: key.curve().name(),
        format: format.name(),
        pem: key.to_pem(),
        spki: text::to_hex(&key.to_spki_der()),
        raw: text::to_hex(&key.to_raw()),
        compressed: key.to_compressed().map(|c| text::to_hex(&c)),
        jwk: key.to_jwk(),
        fingerprint: key.fingerprint(),
    })
}

/// A private key on either curve. Zeroized on drop; `Debug` prints only the curve.
#[derive(Clone)]
pub enum SecretKey {
    /// A P-256 scalar in 1..n.
    P256(p256::SecretKey),
    /// An X25519 scalar (32 bytes, clamped when used, RFC 7748 §5).
    X25519(x25519_dalek::StaticSecret),
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretKey")
            .field("curve", &self.curve())
            .finish_non_exhaustive()
    }
}

impl SecretKey {
    /// A fresh key from the operating system's random number generator.
    ///
    /// # Errors
    /// [`Error::Randomness`] when the generator cannot be read.
    pub fn generate(curve: Curve) -> Result<Self> {
        loop {
            let mut bytes = Zeroizing::new([0u8; 32]);
            getrandom::fill(bytes.as_mut_slice()).map_err(|_| Error::Randomness)?;
            // A P-256 candidate is out of range with probability about 2^-32.
            if let Ok(key) = Self::from_bytes(curve, bytes.as_slice()) {
                return Ok(key);
            }
        }
    }

    /// A key derived deterministically from `seed`, FOR TEACHING ONLY: anyone who knows
    /// the seed knows the key. Every student given the same seed sees the same key.
    ///
    /// The derivation: for `counter` = 0, 1, 2, ..., take
    /// `HKDF-SHA256(salt = "ecdh-playground seed v1", ikm = seed,
    /// info = curve name ‖ label ‖ counter byte, L = 32)`; X25519 uses the first
    /// candidate as is, P-256 the first candidate that is a valid scalar (1..n-1).
    /// `label` separates the keys one seed gives ("alice", "bob", ...).
    #[must_use]
    pub fn from_seed(curve: Curve, seed: &[u8], label: &str) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(b"ecdh-playground seed v1"), seed);
        let mut counter: u8 = 0;
        loop {
            let mut bytes = Zeroizing::new([0u8; 32]);
            let info = [curve.name().as_bytes(), label.as_bytes(), &[counter]];
            if hk.expand_multi_info(&info, bytes.as_mut_slice()).is_ok()
                && let Ok(key) = Self::from_bytes(curve, bytes.as_slice())
            {
                return key;
            }
            counter = counter.wrapping_add(1);
        }
    }

    /// A key from its 32-byte scalar (big-endian for P-256, little-endian for X25519).
    ///
    /// # Errors
    /// Wrong length, or a P-256 scalar of zero or not less than the group order.
    pub fn from_bytes(curve: Curve, bytes: &[u8]) -> Result<Self> {
        match curve {
            Curve::P256 => p256_secret(bytes).map(Self::P256),
            Curve::X25519 => x25519_secret(bytes),
        }
    }

    /// Reads a private key: PKCS#8 PEM, SEC1 "EC PRIVATE KEY" PEM, JWK with "d", or hex
    /// or base64 of PKCS#8/SEC1 DER. A raw 32-byte scalar in hex needs `curve`, since it
    /// could be either.
    ///
    /// # Errors
    /// A message naming what was found; a public key pasted here is named as such.
    pub fn parse(input: &str, curve: Option<Curve>) -> Result<Self> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Error::malformed("private key", "the input is empty"));
        }
        if input.contains("-----BEGIN") {
            let pem = text::parse_pem(input)?;
            let key = match pem.label.as_str() {
                "PRIVATE KEY" => der::secret_key_from_pkcs8(&pem.der)?,
                "EC PRIVATE KEY" => der::secret_key_from_sec1(&pem.der)?,
                "PUBLIC KEY" => {
                    return Err(Error::WrongKeyKind {
                        expected: "private key",
                        found: "a public key (\"BEGIN PUBLIC KEY\")",
                    });
                }
                "ENCRYPTED PRIVATE KEY" => {
                    return Err(Error::malformed(
                        "PEM",
                        "the key is encrypted with a password; export it unencrypted \
                         (openssl pkey -in key.pem -out plain.pem)",
                    ));
                }
                other => {
                    return Err(Error::malformed(
                        "PEM",
                        format!(
                            "unexpected label {other:?}: expected \"PRIVATE KEY\" or \
                             \"EC PRIVATE KEY\""
                        ),
                    ));
                }
            };
            return Self::check_curve(key, curve);
        }
        if input.starts_with('{') {
            let parsed = jwk::parse(input)?;
            let key = parsed.secret.ok_or(Error::WrongKeyKind {
                expected: "private key",
                found: "a public JWK (it has no \"d\")",
            })?;
            return Self::check_curve(key, curve);
        }
        let bytes = Zeroizing::new(if text::looks_like_hex(input) {
            text::from_hex(input)?
        } else {
            text::from_base64(input).map_err(|_| {
                Error::malformed(
                    "private key",
                    "not recognised: expected PEM (-----BEGIN PRIVATE KEY-----), a JWK with \
                     \"d\", or hex of a 32-byte scalar or of PKCS#8 DER",
                )
            })?
        });
        if bytes.len() == 32 {
            return match curve {
                Some(curve) => Self::from_bytes(curve, &bytes),
                None => Err(Error::malformed(
                    "private key",
                    "a raw 32-byte scalar could be P-256 or X25519: give the curve",
                )),
            };
        }
        if der::is_spki(&bytes)
            || matches!(
                (bytes.first(), bytes.len()),
                (Some(4), 65) | (Some(2 | 3), 33)
            )
        {
            return Err(Error::WrongKeyKind {
                expected: "private key",
                found: "a public key: paste the private key (PKCS#8, SEC1, JWK with \"d\" or a raw scalar)",
            });
        }
        if bytes.first() == Some(&0x30) {
            let key = if der::is_pkcs8(&bytes) {
                der::secret_key_from_pkcs8(&bytes)?
            } else if der::is_sec1(&bytes) {
                der::secret_key_from_sec1(&bytes)?
            } else {
                // Report the PKCS#8 parser's view, the more common format.
                der::secret_key_from_pkcs8(&bytes)?
            };
            return Self::check_curve(key, curve);
        }
        Err(Error::InvalidLength {
            what: "private key bytes",
            expected: "a 32-byte scalar or PKCS#8 / SEC1 DER",
            found: bytes.len(),
        })
    }

    fn check_curve(key: Self, curve: Option<Curve>) -> Result<Self> {
        match curve {
            Some(c) if c != key.curve() => Err(Error::WrongCurve {
                expected: c,
                found: key.curve(),
            }),
            _ => Ok(key),
        }
    }

    /// The key's curve.
    #[must_use]
    pub const fn curve(&self) -> Curve {
        match self {
            Self::P256(_) => Curve::P256,
            Self::X25519(_) => Curve::X25519,
        }
    }

    /// The matching public key.
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        match self {
            Self::P256(k) => PublicKey::P256(k.public_key()),
            Self::X25519(k) => PublicKey::X25519(x25519_dalek::PublicKey::from(k)),
        }
    }

    /// The 32-byte scalar (big-endian for P-256, little-endian for X25519).
    #[must_use]
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(match self {
            Self::P256(k) => k.to_bytes().into(),
            Self::X25519(k) => k.to_bytes(),
        })
    }

    /// The key written in `format`. Showing a private key is a deliberate act: the
    /// result is secret.
    #[must_use]
    pub fn reveal(&self, format: PrivateKeyFormat) -> Zeroizing<String> {
        match format {
            PrivateKeyFormat::Pem => {
                Zeroizing::new(text::to_pem("PRIVATE KEY", &der::secret_key_to_pkcs8(self)))
            }
            PrivateKeyFormat::Pkcs8Hex => {
                Zeroizing::new(text::to_hex(&der::secret_key_to_pkcs8(self)))
            }
            PrivateKeyFormat::RawHex => Zeroizing::new(text::to_hex(self.to_bytes().as_slice())),
            PrivateKeyFormat::Jwk => jwk::secret_to_jwk(self),
        }
    }
}

/// A private key with its public key, as one party of an exchange holds them.
#[derive(Clone)]
pub struct KeyPair {
    secret: SecretKey,
    public: PublicKey,
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl From<SecretKey> for KeyPair {
    fn from(secret: SecretKey) -> Self {
        let public = secret.public_key();
        Self { secret, public }
    }
}

impl KeyPair {
    /// A fresh key pair from the operating system's random number generator.
    ///
    /// # Errors
    /// [`Error::Randomness`] when the generator cannot be read.
    pub fn generate(curve: Curve) -> Result<Self> {
        SecretKey::generate(curve).map(Self::from)
    }

    /// A deterministic key pair for lessons; see [`SecretKey::from_seed`]. Not secret.
    #[must_use]
    pub fn from_seed(curve: Curve, seed: &[u8], label: &str) -> Self {
        SecretKey::from_seed(curve, seed, label).into()
    }

    /// Reads a private key; see [`SecretKey::parse`].
    ///
    /// # Errors
    /// As [`SecretKey::parse`].
    pub fn import_private_key(input: &str, curve: Option<Curve>) -> Result<Self> {
        SecretKey::parse(input, curve).map(Self::from)
    }

    /// The key pair's curve.
    #[must_use]
    pub const fn curve(&self) -> Curve {
        self.public.curve()
    }

    /// The public key, safe to share.
    #[must_use]
    pub const fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The private key.
    #[must_use]
    pub const fn secret_key(&self) -> &SecretKey {
        &self.secret
    }

    /// The private key written in `format`; see [`SecretKey::reveal`].
    #[must_use]
    pub fn reveal_private_key(&self, format: PrivateKeyFormat) -> Zeroizing<String> {
        self.secret.reveal(format)
    }
}
