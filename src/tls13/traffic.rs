//! Traffic keys (RFC 8446 §7.3): each direction's AEAD key and write IV, derived from
//! its traffic secret, and the update of an application traffic secret (§7.2).
// Lengths and bytes come from outside (the page sends secrets and hashes): no index or
// arithmetic that could panic or wrap (its unit tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use core::fmt;

use zeroize::Zeroizing;

use super::hkdf::{check_hash_len, hkdf_expand_label};
use super::suite::{CipherSuite, HashAlgorithm};
use crate::error::{Error, Result};

/// The write IV length of both suites (RFC 8446 §5.3).
pub const IV_LEN: usize = 12;

/// One direction's AEAD key and write IV, with the suite they are for.
pub struct TrafficKeys {
    suite: CipherSuite,
    key: Zeroizing<Vec<u8>>,
    iv: Zeroizing<[u8; IV_LEN]>,
}

impl fmt::Debug for TrafficKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrafficKeys")
            .field("suite", &self.suite)
            .finish_non_exhaustive()
    }
}

impl TrafficKeys {
    /// RFC 8446 §7.3, from a traffic secret:
    ///
    /// ```text
    /// [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
    /// [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
    /// ```
    ///
    /// # Errors
    /// A traffic secret that is not Hash.length bytes.
    pub fn derive(suite: CipherSuite, traffic_secret: &[u8]) -> Result<Self> {
        check_hash_len(suite.hash(), "traffic secret", traffic_secret)?;
        let key = hkdf_expand_label(suite, traffic_secret, b"key", &[], suite.key_len())?;
        let iv = hkdf_expand_label(suite, traffic_secret, b"iv", &[], IV_LEN)?;
        Self::new(suite, &key, &iv)
    }

    /// Keys given as bytes, for opening a record with keys read from elsewhere (a key
    /// log, a lesson).
    ///
    /// # Errors
    /// A key that is not the suite's key length, or an IV that is not 12 bytes.
    pub fn new(suite: CipherSuite, key: &[u8], iv: &[u8]) -> Result<Self> {
        if key.len() != suite.key_len() {
            return Err(Error::InvalidLength {
                what: match suite {
                    CipherSuite::TLS_AES_128_GCM_SHA256 => "TLS_AES_128_GCM_SHA256 write key",
                    CipherSuite::TLS_AES_256_GCM_SHA384 => "TLS_AES_256_GCM_SHA384 write key",
                },
                expected: match suite {
                    CipherSuite::TLS_AES_128_GCM_SHA256 => "16 bytes (AES-128)",
                    CipherSuite::TLS_AES_256_GCM_SHA384 => "32 bytes (AES-256)",
                },
                found: key.len(),
            });
        }
        let iv: [u8; IV_LEN] = iv.try_into().map_err(|_| Error::InvalidLength {
            what: "TLS 1.3 write IV",
            expected: "12 bytes",
            found: iv.len(),
        })?;
        Ok(Self {
            suite,
            key: Zeroizing::new(key.to_vec()),
            iv: Zeroizing::new(iv),
        })
    }

    /// The suite whose AEAD the key is for.
    #[must_use]
    pub const fn suite(&self) -> CipherSuite {
        self.suite
    }

    /// The write key: 16 bytes for AES-128-GCM, 32 for AES-256-GCM.
    #[must_use]
    pub fn key(&self) -> &[u8] {
        &self.key
    }

    /// The 12-byte write IV, XORed with each record's sequence number to make its nonce
    /// (RFC 8446 §5.3).
    #[must_use]
    pub fn iv(&self) -> &[u8; IV_LEN] {
        &self.iv
    }
}

/// RFC 8446 §7.2: the next application traffic secret, after a KeyUpdate:
///
/// ```text
/// application_traffic_secret_N+1 =
///     HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length)
/// ```
///
/// # Errors
/// A secret that is not Hash.length bytes.
pub fn next_application_traffic_secret(
    hash: impl Into<HashAlgorithm>,
    secret: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let hash = hash.into();
    check_hash_len(hash, "application traffic secret", secret)?;
    hkdf_expand_label(hash, secret, b"traffic upd", &[], hash.output_len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_update_changes_the_secret() {
        let next = next_application_traffic_secret(HashAlgorithm::Sha256, &[5; 32]).unwrap();
        assert_eq!(next.len(), 32);
        assert_ne!(next.as_slice(), &[5; 32]);
        assert_eq!(
            next,
            hkdf_expand_label(HashAlgorithm::Sha256, &[5; 32], b"traffic upd", b"", 32).unwrap()
        );
    }

    #[test]
    fn wrong_lengths_are_named() {
        let suite = CipherSuite::TLS_AES_256_GCM_SHA384;
        assert_eq!(
            TrafficKeys::new(suite, &[0; 16], &[0; 12])
                .unwrap_err()
                .to_string(),
            "TLS_AES_256_GCM_SHA384 write key: expected 32 bytes (AES-256), got 16"
        );
        assert_eq!(
            TrafficKeys::new(suite, &[0; 32], &[0; 8])
                .unwrap_err()
                .to_string(),
            "TLS 1.3 write IV: expected 12 bytes, got 8"
        );
        assert_eq!(
            TrafficKeys::derive(suite, &[0; 32])
                .unwrap_err()
                .to_string(),
            "traffic secret: expected 48 bytes, the length of a SHA-384 hash, got 32"
        );
        assert!(next_application_traffic_secret(suite, &[0; 32]).is_err());
    }
}
