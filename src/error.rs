//! The one error type of the crate.
//!
//! Input errors say what was expected and what was found, so a student who pasted the
//! wrong thing can act on the message. Cryptographic failures say only their kind
//! ("message authentication failed"), as RustCrypto's `aead::Error` does, so that the
//! message itself leaks nothing.

use core::fmt;

use crate::keys::Curve;

/// Everything that can go wrong in the playground.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A curve name that is not "P-256" or "X25519".
    UnknownCurve {
        /// The name that was given.
        found: String,
    },
    /// A well-formed key of a curve or algorithm this crate does not support (P-384, RSA...).
    UnsupportedKey {
        /// What the key is, in words ("a secp384r1 (P-384) key").
        found: String,
    },
    /// A key of one supported curve where the other was needed.
    WrongCurve {
        /// The curve that was needed.
        expected: Curve,
        /// The curve of the key that was given.
        found: Curve,
    },
    /// Text or bytes that are not in any of the formats this crate reads, or that are
    /// malformed in the format they claim to be.
    Malformed {
        /// What was being read ("PEM", "JWK", "hex", "SubjectPublicKeyInfo"...).
        what: &'static str,
        /// What is wrong with it.
        detail: String,
    },
    /// A TLS message that breaks a rule whose RFC names the alert illegal_parameter
    /// rather than decode_error (a repeated extension, two key shares for one group,
    /// pre_shared_key not last...): displayed as [`Error::Malformed`] is, and sent by the
    /// TLS 1.3 machines as illegal_parameter (47) whatever their default for a parse error.
    IllegalParameter {
        /// The message that was being read ("ClientHello", "EncryptedExtensions"...).
        what: &'static str,
        /// The rule it breaks, with the RFC section.
        detail: String,
    },
    /// A byte string of the wrong length.
    InvalidLength {
        /// What the bytes were meant to be.
        what: &'static str,
        /// The length (or lengths) that would have been right.
        expected: &'static str,
        /// The length that was given.
        found: usize,
    },
    /// A private key where a public key was needed, or the other way round.
    WrongKeyKind {
        /// The kind that was needed ("public key").
        expected: &'static str,
        /// What was given, in words ("a PKCS#8 private key").
        found: &'static str,
    },
    /// A private key where a public key belongs, and one this crate cannot read either (a
    /// P-384 or Ed25519 key, an encrypted one): that it is private comes first, then why.
    #[cfg(feature = "reader")]
    PrivateKeyUnread {
        /// Why it could not be read (the message reading it as a private key gives).
        why: String,
    },
    /// The point's coordinates do not satisfy the curve equation.
    PointNotOnCurve,
    /// The point at infinity (the identity), which is never a valid public key.
    IdentityPoint,
    /// A private scalar that is zero or not less than the group order.
    InvalidScalar,
    /// X25519 gave an all-zero shared secret: the peer's key is a low-order point.
    LowOrderPoint,
    /// A requested output length outside what the function can produce.
    InvalidOutputLength {
        /// The length asked for.
        requested: usize,
        /// The largest length allowed.
        max: usize,
    },
    /// AES-GCM decryption failed: wrong key, wrong associated data or tampered bytes.
    AuthenticationFailed,
    /// The operating system's random number generator could not be read.
    Randomness,
    /// The TLS 1.2 handshake model stopped: the reason, in words a student can follow
    /// ("no common group: ...").
    Handshake(String),
    /// An attack of the attack lab cannot go on with these inputs: the reason, in words
    /// a student can act on ("the two signatures were made with different nonces...").
    Attack(String),
    /// A printout that does not give the key as it is: a key object that hides it (a
    /// WebCrypto `CryptoKey`, Java's `Object.toString()`), a private key's printout
    /// where a public key belongs, coordinates that are not the point's. The message says
    /// what the printout is and the line that prints the key.
    Printout(String),
    /// A paste this build does not read: the playground's first module (built without
    /// the `reader` feature) reads public keys as PEM, DER, SEC1 points and raw X25519
    /// keys, and leaves the rest (JWK, OpenSSH, certificates, private keys) to the core
    /// build, which the page loads when it meets one. [`NEEDS_READER`] starts the message.
    NeedsReader {
        /// What the paste is, in words ("a JWK").
        found: &'static str,
    },
}

/// How the message of [`Error::NeedsReader`] starts: the page looks for it.
pub const NEEDS_READER: &str = "this module does not read";

/// Shorthand used across the crate.
pub type Result<T> = core::result::Result<T, Error>;

impl Error {
    #[cfg(feature = "tls13")]
    pub(crate) fn illegal_parameter(what: &'static str, detail: impl Into<String>) -> Self {
        Self::IllegalParameter {
            what,
            detail: detail.into(),
        }
    }

    pub(crate) fn malformed(what: &'static str, detail: impl Into<String>) -> Self {
        Self::Malformed {
            what,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownCurve { found } => write!(
                f,
                "unknown curve {found:?}: the supported curves are \"P-256\" and \"X25519\""
            ),
            Self::UnsupportedKey { found } => write!(
                f,
                "{found} is not supported: this playground works with P-256 and X25519 keys"
            ),
            Self::WrongCurve { expected, found } => {
                write!(
                    f,
                    "expected {} {expected} key, got {} {found} key",
                    article(*expected),
                    article(*found)
                )
            }
            Self::Malformed { what, detail } | Self::IllegalParameter { what, detail } => {
                write!(f, "malformed {what}: {detail}")
            }
            Self::InvalidLength {
                what,
                expected,
                found,
            } => write!(f, "{what}: expected {expected}, got {found}"),
            Self::WrongKeyKind { expected, found } => {
                write!(f, "expected a {expected}, got {found}")
            }
            #[cfg(feature = "reader")]
            Self::PrivateKeyUnread { why } => write!(
                f,
                "expected a public key, got a private key: never share it; paste the PUBLIC \
                 KEY instead (this page could not read this one anyway: {why})"
            ),
            Self::PointNotOnCurve => f.write_str("point is not on the curve"),
            Self::IdentityPoint => {
                f.write_str("the point at infinity (identity) is not a valid public key")
            }
            Self::InvalidScalar => f.write_str(
                "invalid private key: the scalar must be between 1 and the group order minus 1",
            ),
            Self::LowOrderPoint => f.write_str(
                "the X25519 shared secret is all zeros: the peer's public key is a low-order point",
            ),
            Self::InvalidOutputLength { requested, max } => write!(
                f,
                "output length must be between 1 and {max} bytes, got {requested}"
            ),
            Self::AuthenticationFailed => f.write_str("message authentication failed"),
            Self::Randomness => f.write_str("the system random number generator failed"),
            Self::Handshake(reason) | Self::Attack(reason) | Self::Printout(reason) => {
                f.write_str(reason)
            }
            Self::NeedsReader { found } => write!(
                f,
                "{NEEDS_READER} {found}: the core build (www/pkg/core) or the full package \
                 reads it"
            ),
        }
    }
}

impl std::error::Error for Error {}

const fn article(curve: Curve) -> &'static str {
    match curve {
        Curve::P256 => "a",
        Curve::X25519 => "an",
    }
}
