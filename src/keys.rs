//! Curves, key pairs and every key encoding people paste: PEM and DER
//! SubjectPublicKeyInfo (RFC 5480, RFC 8410), PKCS#8 (RFC 5958), SEC1 points and
//! `ECPrivateKey` (SEC 1 §2.3.3, RFC 5915), raw X25519 keys (RFC 7748 §5) and JWK
//! (RFC 7518 §6.2, RFC 8037 §2).
//!
//! Import detects the format; export writes each format byte for byte as OpenSSL,
//! Python `cryptography` and WebCrypto do, so that keys can be compared as text.

pub mod cert;
pub mod der;
pub mod explain;
#[cfg(feature = "reader")]
pub mod golang;
#[cfg(feature = "reader")]
pub mod java;
pub mod json;
pub mod jwk;
#[cfg(feature = "reader")]
pub mod literal;
pub mod oid;
pub mod openssh;
pub mod paste;
#[cfg(feature = "reader")]
pub mod rustcrypto;
pub mod text;
pub mod x509;

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
    /// An OpenSSH public key line, "ecdsa-sha2-nistp256 AAAA…" (P-256 only).
    OpenSsh,
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
            Self::OpenSsh => "openssh",
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
            "openssh" => Ok(Self::OpenSsh),
            other => Err(Error::malformed(
                "format name",
                format!(
                    "unknown public key format {other:?}: expected \"pem\", \"spki\", \"raw\", \
                     \"compressed\", \"jwk\" or \"openssh\""
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

impl PublicKey {
    /// Reads a public key in any form this crate knows (PEM, DER, SEC1, raw, JWK, a
    /// certificate, an OpenSSH key line), and says the encoding it was in (see
    /// [`paste::Reading::format`]).
    ///
    /// # Errors
    /// A message naming the format that was detected and what is wrong in it. A private
    /// key is refused, naming it: a function that takes a peer's key must never be
    /// handed a private one. (The inspector, [`inspect_public_key`], reads it and warns.)
    pub fn parse(input: &str) -> Result<(Self, PublicKeyFormat)> {
        let reading = paste::read(input, paste::Want::Public)?;
        match reading.key {
            paste::Key::Public(key) => Ok((key, reading.format.parse()?)),
            paste::Key::Secret(_) if reading.format == "jwk" => Err(Error::WrongKeyKind {
                expected: "public key",
                found: "a private JWK (it has \"d\"): never share it; remove \"d\"",
            }),
            paste::Key::Secret(_) => Err(paste::PRIVATE_NOT_PUBLIC),
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
            Self::P256(k) => k.to_sec1_point(false).as_bytes().to_vec(),
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
    /// [`Error::UnsupportedKey`] for a compressed X25519 key, which does not exist, and
    /// for an X25519 key as OpenSSH, which has none.
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
            PublicKeyFormat::OpenSsh => openssh::public_line(self)?,
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
#[derive(Clone, PartialEq, Eq)]
pub struct Inspection {
    /// "P-256" or "X25519".
    pub curve: &'static str,
    /// The encoding of the key inside the paste ("pem", "jwk", "spki", "raw",
    /// "openssh", "der", ...).
    pub format: &'static str,
    /// What the paste was as a whole ("public-key", "certificate", "openssh",
    /// "private-key", "ec-parameters+key", ...); see [`paste::Source`].
    pub source: &'static str,
    /// Whether the paste held a private key; the other members are then its public key.
    pub contains_private_key: bool,
    /// Whether the key was bytes with nothing saying what they are (hex, base64 or a
    /// program's printout of bytes): 32 such bytes are read as an X25519 public key, but
    /// may be a private scalar. False for a printout that names the key (Java's, Go's).
    #[cfg(feature = "reader")]
    pub bare_bytes: bool,
    /// What the user should know: a private key that must never be sent, blocks that
    /// were skipped. Empty when there is nothing to say.
    pub warnings: Vec<String>,
    /// PEM SubjectPublicKeyInfo.
    pub pem: String,
    /// DER SubjectPublicKeyInfo, hex.
    pub spki: String,
    /// SEC1 uncompressed point or X25519 u, hex.
    pub raw: String,
    /// SEC1 compressed point, hex (P-256 only).
    pub compressed: Option<String>,
    /// JWK text.
    pub jwk: String,
    /// See [`PublicKey::fingerprint`].
    pub fingerprint: String,
    /// Hex of the DER document the key was read from (a certificate, a private key, a
    /// SubjectPublicKeyInfo); the SubjectPublicKeyInfo when the paste held no DER.
    /// Secret when the paste was a private key.
    pub der: Zeroizing<String>,
    /// Who and when, for a certificate or certificate request.
    pub certificate: Option<x509::Summary>,
    /// The comment of an OpenSSH key.
    pub comment: Option<String>,
}

impl fmt::Debug for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `der` may be a private key.
        f.debug_struct("Inspection")
            .field("curve", &self.curve)
            .field("format", &self.format)
            .field("source", &self.source)
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

/// The warning every paste holding a private key gets, first.
pub const PRIVATE_KEY_WARNING: &str = "This is a PRIVATE key: never send it to anyone, and \
     never paste it where a public key belongs. Only its public key is used here.";

/// Reads a pasted public key, or the public half of a pasted private key, and shows it
/// in every format, with what the paste was and what to know about it.
///
/// # Errors
/// As [`PublicKey::parse`], except that a private key is read (and warned about).
pub fn inspect_public_key(input: &str) -> Result<Inspection> {
    let reading = paste::read(input, paste::Want::Public)?;
    let key = match &reading.key {
        paste::Key::Public(key) => *key,
        paste::Key::Secret(secret) => secret.public_key(),
    };
    let mut warnings = Vec::new();
    if reading.contains_private_key {
        warnings.push(PRIVATE_KEY_WARNING.to_owned());
    }
    warnings.extend(reading.notes);
    #[cfg(feature = "reader")]
    if low_order(&key) {
        warnings.push(LOW_ORDER_WARNING.to_owned());
    }
    let der = reading
        .der
        .as_deref()
        .map_or_else(|| text::to_hex(&key.to_spki_der()), |d| text::to_hex(d));
    Ok(Inspection {
        curve: key.curve().name(),
        format: reading.format,
        source: reading.source.name(),
        contains_private_key: reading.contains_private_key,
        #[cfg(feature = "reader")]
        bare_bytes: reading.bare,
        warnings,
        pem: key.to_pem(),
        spki: text::to_hex(&key.to_spki_der()),
        raw: text::to_hex(&key.to_raw()),
        compressed: key.to_compressed().map(|c| text::to_hex(&c)),
        jwk: key.to_jwk(),
        fingerprint: key.fingerprint(),
        der: Zeroizing::new(der),
        certificate: reading.certificate,
        comment: reading.comment,
    })
}

/// Said by the inspector of an X25519 key of small order.
#[cfg(feature = "reader")]
pub const LOW_ORDER_WARNING: &str = "A low-order point: X25519 with it gives an all-zero \
     shared secret whatever the private key, so it agrees on nothing. The playground refuses \
     it as a peer's key (RFC 7748 §6.1); the attack lab shows what a server that does not \
     would leak.";

/// Whether an X25519 public key has small order: X25519 clamps every scalar to a multiple
/// of the cofactor 8, so with any private key such a point gives all zeros (RFC 7748 §6.1),
/// which [`SecretKey::diffie_hellman`] refuses as [`Error::LowOrderPoint`]; any other
/// point does not. P-256 has cofactor 1: none.
#[cfg(feature = "reader")]
fn low_order(key: &PublicKey) -> bool {
    let PublicKey::X25519(_) = key else {
        return false;
    };
    let probe = SecretKey::X25519(x25519_dalek::StaticSecret::from([0x5a; 32]));
    matches!(probe.diffie_hellman(key), Err(Error::LowOrderPoint))
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

/// An X25519 public key by dalek's fixed-base multiplication with a radix-16 table of
/// multiples of the Ed25519 base point, made once on first use (`EdwardsBasepointTable::
/// create`, some 400 point additions) rather than linked in: dalek's own precomputed table
/// is the same 30 KB as constant data in the module.
#[cfg(feature = "fast-keygen")]
fn x25519_public_by_table(secret: &x25519_dalek::StaticSecret) -> x25519_dalek::PublicKey {
    use curve25519_dalek::edwards::EdwardsBasepointTable;
    use curve25519_dalek::traits::BasepointTable;
    static TABLE: std::sync::OnceLock<EdwardsBasepointTable> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        EdwardsBasepointTable::create(&curve25519_dalek::constants::ED25519_BASEPOINT_POINT)
    });
    let scalar = Zeroizing::new(secret.to_bytes());
    x25519_dalek::PublicKey::from(table.mul_base_clamped(*scalar).to_montgomery().to_bytes())
}

/// An X25519 public key as X25519 of the base point u = 9 (RFC 7748 §6.1), the
/// Montgomery ladder ECDH uses, instead of dalek's Edwards fixed-base multiplication.
#[cfg(any(test, not(feature = "fast-keygen")))]
fn x25519_public_by_ladder(secret: &x25519_dalek::StaticSecret) -> x25519_dalek::PublicKey {
    let scalar = Zeroizing::new(secret.to_bytes());
    x25519_dalek::PublicKey::from(x25519_dalek::x25519(
        *scalar,
        x25519_dalek::X25519_BASEPOINT_BYTES,
    ))
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

    /// Reads a private key: PKCS#8 PEM, SEC1 "EC PRIVATE KEY" PEM (with or without the
    /// "EC PARAMETERS" block before it), an unencrypted OpenSSH private key, JWK with
    /// "d", or hex or base64 of PKCS#8/SEC1 DER; PEM may be quoted or indented, and
    /// come with other blocks. A raw 32-byte scalar in hex needs `curve`, since it could
    /// be either.
    ///
    /// # Errors
    /// A message naming what was found; a public key pasted here is named as such.
    pub fn parse(input: &str, curve: Option<Curve>) -> Result<Self> {
        let reading = paste::read(input, paste::Want::Private(curve))?;
        match reading.key {
            paste::Key::Secret(key) => Self::check_curve(key, curve),
            paste::Key::Public(_) => Err(Error::WrongKeyKind {
                expected: "private key",
                found: match reading.source {
                    _ if reading.format == "jwk" => "a public JWK (it has no \"d\")",
                    paste::Source::Certificate | paste::Source::CertificateRequest => {
                        "a certificate, which holds only a public key"
                    }
                    paste::Source::OpenSsh => {
                        "an OpenSSH public key: paste the private key file \
                         (-----BEGIN OPENSSH PRIVATE KEY-----)"
                    }
                    _ => {
                        "a public key: paste the private key (PKCS#8, SEC1, JWK with \"d\" or a raw scalar)"
                    }
                },
            }),
        }
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
            // dalek's fixed-base multiplication on the Edwards form, with a table of
            // multiples of the base point: about 3× faster, but code and 30 KB of memory
            // the playground's first module does without.
            #[cfg(feature = "fast-keygen")]
            Self::X25519(k) => PublicKey::X25519(x25519_public_by_table(k)),
            // X25519 itself with the base point u = 9 (RFC 7748 §6.1): the same key,
            // through the Montgomery ladder that ECDH already needs.
            #[cfg(not(feature = "fast-keygen"))]
            Self::X25519(k) => PublicKey::X25519(x25519_public_by_ladder(k)),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The ladder the first module uses for X25519 public keys, and core's run-time table,
    /// give dalek's keys: RFC 7748 §6.1's two (ladder), and fresh ones (both).
    #[test]
    fn x25519_public_key_by_ladder_is_dalek_s() {
        let rfc = [
            (
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
            ),
            (
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
                "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
            ),
        ];
        for (private, public) in rfc {
            let bytes: [u8; 32] = text::from_hex(private).unwrap().try_into().unwrap();
            let secret = x25519_dalek::StaticSecret::from(bytes);
            assert_eq!(
                text::to_hex(x25519_public_by_ladder(&secret).as_bytes()),
                public
            );
        }
        for _ in 0..32 {
            let SecretKey::X25519(secret) = SecretKey::generate(Curve::X25519).unwrap() else {
                unreachable!()
            };
            let dalek = x25519_dalek::PublicKey::from(&secret);
            assert_eq!(x25519_public_by_ladder(&secret), dalek);
            #[cfg(feature = "fast-keygen")]
            assert_eq!(x25519_public_by_table(&secret), dalek);
        }
    }
}
