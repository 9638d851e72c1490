//! The TLS 1.3 cipher suites of the model (RFC 8446 §B.4) and their hash functions.
//!
//! A TLS 1.3 suite names only the AEAD and the hash used by HKDF and the transcript;
//! the key exchange and the signature are negotiated apart (RFC 8446 §4.1.1).
// A parser of outside input (suite names): no index or arithmetic that could panic or
// wrap (its unit tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use core::fmt;
use core::str::FromStr;

use sha2::{Digest, Sha256, Sha384};

use crate::error::{Error, Result};

/// The hash function of a suite: HKDF, HMAC and the transcript hash all use it
/// (RFC 8446 §7.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    /// SHA-256 (FIPS 180-4), 32-byte output.
    Sha256,
    /// SHA-384 (FIPS 180-4), 48-byte output.
    Sha384,
}

impl HashAlgorithm {
    /// Hash.length of RFC 8446: the output length in bytes, 32 or 48.
    #[must_use]
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha256 => 32,
            Self::Sha384 => 48,
        }
    }

    /// The name as FIPS 180-4 and WebCrypto spell it: "SHA-256" or "SHA-384".
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
        }
    }

    /// What a value of this hash's length is, for error messages.
    pub(crate) const fn expected_len(self) -> &'static str {
        match self {
            Self::Sha256 => "32 bytes, the length of a SHA-256 hash",
            Self::Sha384 => "48 bytes, the length of a SHA-384 hash",
        }
    }

    /// The hash of `data`: Transcript-Hash of RFC 8446 §4.4.1 when `data` is the
    /// concatenation of handshake messages.
    #[must_use]
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Sha384 => Sha384::digest(data).to_vec(),
        }
    }
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The TLS 1.3 cipher suites the model implements (RFC 8446 §B.4), named exactly as
/// the IANA registry names them.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CipherSuite {
    /// {0x13, 0x01}: AES-128-GCM records, SHA-256 for HKDF and the transcript. The suite
    /// every TLS 1.3 implementation must offer (RFC 8446 §9.1).
    TLS_AES_128_GCM_SHA256,
    /// {0x13, 0x02}: AES-256-GCM records, SHA-384 for HKDF and the transcript.
    TLS_AES_256_GCM_SHA384,
}

impl CipherSuite {
    /// Both suites, in the order of their ids. Names, parsing and error messages all
    /// come from this one list.
    pub const ALL: [Self; 2] = [Self::TLS_AES_128_GCM_SHA256, Self::TLS_AES_256_GCM_SHA384];

    /// The IANA name, "TLS_AES_128_GCM_SHA256" or "TLS_AES_256_GCM_SHA384".
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::TLS_AES_128_GCM_SHA256 => "TLS_AES_128_GCM_SHA256",
            Self::TLS_AES_256_GCM_SHA384 => "TLS_AES_256_GCM_SHA384",
        }
    }

    /// The two-byte CipherSuite value sent in ClientHello and ServerHello.
    #[must_use]
    pub const fn id(self) -> u16 {
        match self {
            Self::TLS_AES_128_GCM_SHA256 => 0x1301,
            Self::TLS_AES_256_GCM_SHA384 => 0x1302,
        }
    }

    /// The suite with this CipherSuite value, if the model implements it.
    #[must_use]
    pub fn from_id(id: u16) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The hash of HKDF and the transcript.
    #[must_use]
    pub const fn hash(self) -> HashAlgorithm {
        match self {
            Self::TLS_AES_128_GCM_SHA256 => HashAlgorithm::Sha256,
            Self::TLS_AES_256_GCM_SHA384 => HashAlgorithm::Sha384,
        }
    }

    /// Hash.length: 32 or 48 bytes, the length of every secret of the key schedule.
    #[must_use]
    pub const fn hash_len(self) -> usize {
        self.hash().output_len()
    }

    /// The AEAD key length: 16 bytes for AES-128, 32 for AES-256.
    #[must_use]
    pub const fn key_len(self) -> usize {
        match self {
            Self::TLS_AES_128_GCM_SHA256 => 16,
            Self::TLS_AES_256_GCM_SHA384 => 32,
        }
    }

    /// The AEAD nonce (and write IV) length: 12 bytes for both GCM suites
    /// (RFC 8446 §5.3: iv_length is max(8 bytes, N_MIN), 12 for AES-GCM, RFC 5116 §5.1).
    #[must_use]
    pub const fn iv_len(self) -> usize {
        12
    }
}

impl fmt::Display for CipherSuite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<CipherSuite> for HashAlgorithm {
    fn from(suite: CipherSuite) -> Self {
        suite.hash()
    }
}

/// TLS 1.3 suites registered by RFC 8446 that the model does not implement, so that
/// the error can say so rather than "unknown".
const NOT_IMPLEMENTED: [&str; 3] = [
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_AES_128_CCM_SHA256",
    "TLS_AES_128_CCM_8_SHA256",
];

impl FromStr for CipherSuite {
    type Err = Error;

    /// Reads an IANA name ("TLS_AES_128_GCM_SHA256"), in any case.
    fn from_str(s: &str) -> Result<Self> {
        let name = s.trim();
        if let Some(suite) = Self::ALL
            .into_iter()
            .find(|suite| suite.name().eq_ignore_ascii_case(name))
        {
            return Ok(suite);
        }
        let supported = Self::ALL
            .iter()
            .map(|suite| format!("{:?}", suite.name()))
            .collect::<Vec<_>>()
            .join(" and ");
        let detail = if NOT_IMPLEMENTED.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            format!(
                "{name:?} is a TLS 1.3 suite, but not one this model implements; the \
                 implemented suites are {supported}"
            )
        } else {
            format!("unknown name {name:?}; the supported suites are {supported}")
        };
        Err(Error::malformed("TLS 1.3 cipher suite", detail))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ids_and_lengths() {
        for suite in CipherSuite::ALL {
            assert_eq!(suite.name().parse::<CipherSuite>().unwrap(), suite);
            assert_eq!(suite.to_string(), suite.name());
            assert_eq!(CipherSuite::from_id(suite.id()), Some(suite));
            assert_eq!(suite.hash().digest(b"").len(), suite.hash_len());
        }
        let s = CipherSuite::TLS_AES_128_GCM_SHA256;
        assert_eq!((s.id(), s.hash_len(), s.key_len()), (0x1301, 32, 16));
        let s = CipherSuite::TLS_AES_256_GCM_SHA384;
        assert_eq!((s.id(), s.hash_len(), s.key_len()), (0x1302, 48, 32));
        assert_eq!(CipherSuite::from_id(0x1303), None);
        assert_eq!(
            " tls_aes_256_gcm_sha384 ".parse::<CipherSuite>().unwrap(),
            CipherSuite::TLS_AES_256_GCM_SHA384
        );
    }

    #[test]
    fn unknown_names_are_named() {
        assert_eq!(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                .parse::<CipherSuite>()
                .unwrap_err()
                .to_string(),
            "malformed TLS 1.3 cipher suite: unknown name \
             \"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\"; the supported suites are \
             \"TLS_AES_128_GCM_SHA256\" and \"TLS_AES_256_GCM_SHA384\""
        );
        assert!(
            "TLS_CHACHA20_POLY1305_SHA256"
                .parse::<CipherSuite>()
                .unwrap_err()
                .to_string()
                .contains("is a TLS 1.3 suite, but not one this model implements")
        );
    }
}
