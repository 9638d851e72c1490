//! AES-GCM (NIST SP 800-38D): AES-256-GCM for the playground's messages, and AES-128-GCM
//! for TLS 1.2 records (RFC 5288).
//!
//! A message travels as one envelope: `nonce (12) ‖ ciphertext ‖ tag (16)`. Every seal
//! draws a fresh random 96-bit nonce. Any change to the envelope, the key or the
//! associated data makes opening fail with "message authentication failed" and nothing
//! more, so the failure leaks nothing.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use ecdh_playground_gcm as gcm;

use crate::error::{Error, Result};

/// Nonce length: 96 bits, the only length GCM handles without hashing the nonce.
pub const NONCE_LEN: usize = 12;
/// Authentication tag length: 128 bits.
pub const TAG_LEN: usize = 16;

fn key_array<'k, const N: usize>(
    key: &'k [u8],
    what: &'static str,
    expected: &'static str,
) -> Result<&'k [u8; N]> {
    key.try_into().map_err(|_| Error::InvalidLength {
        what,
        expected,
        found: key.len(),
    })
}

fn aes256_key(key: &[u8]) -> Result<&[u8; 32]> {
    key_array(key, "AES-256 key", "32 bytes")
}

fn aes128_key(key: &[u8]) -> Result<&[u8; 16]> {
    key_array(key, "AES-128 key", "16 bytes")
}

fn nonce_array(nonce: &[u8]) -> Result<&[u8; NONCE_LEN]> {
    nonce.try_into().map_err(|_| Error::InvalidLength {
        what: "AES-GCM nonce",
        expected: "12 bytes (96 bits)",
        found: nonce.len(),
    })
}

/// The one way sealing fails once key and nonce have their lengths.
fn too_long(plaintext: &[u8]) -> Error {
    Error::InvalidLength {
        what: "AES-GCM plaintext",
        expected: "at most 2^36 - 32 bytes",
        found: plaintext.len(),
    }
}

/// Seals `plaintext` under a 32-byte key with a fresh random nonce, returning the
/// envelope `nonce ‖ ciphertext ‖ tag`.
///
/// # Errors
/// A key that is not 32 bytes; a failure of the system's random number generator.
pub fn seal(key: &[u8], plaintext: &[u8], aad: Option<&[u8]>) -> Result<Vec<u8>> {
    aes256_key(key)?;
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|_| Error::Randomness)?;
    seal_with_nonce(key, &nonce, plaintext, aad)
}

/// Seals with a caller-chosen nonce, for the lesson on nonce reuse.
///
/// DANGER: GCM with the same key and nonce twice reveals the XOR of the two plaintexts
/// and lets an attacker forge tags for that key. Use [`seal`], which draws a fresh
/// nonce, for anything but demonstrating that.
///
/// # Errors
/// A key that is not 32 bytes or a nonce that is not 12 bytes.
pub fn seal_with_nonce(
    key: &[u8],
    nonce: &[u8],
    plaintext: &[u8],
    aad: Option<&[u8]>,
) -> Result<Vec<u8>> {
    let sealed = gcm::aes256_seal(
        aes256_key(key)?,
        nonce_array(nonce)?,
        plaintext,
        aad.unwrap_or_default(),
    )
    .map_err(|_| too_long(plaintext))?;
    let mut envelope = Vec::with_capacity(NONCE_LEN.saturating_add(sealed.len()));
    envelope.extend_from_slice(nonce);
    envelope.extend_from_slice(&sealed);
    Ok(envelope)
}

/// The three parts of an envelope, for display: nonce, ciphertext, tag.
///
/// # Errors
/// An envelope shorter than nonce and tag together (28 bytes).
pub fn split_envelope(envelope: &[u8]) -> Result<(&[u8], &[u8], &[u8])> {
    if envelope.len() < NONCE_LEN + TAG_LEN {
        return Err(Error::InvalidLength {
            what: "AES-GCM envelope (nonce ‖ ciphertext ‖ tag)",
            expected: "at least 28 bytes",
            found: envelope.len(),
        });
    }
    let (nonce, rest) = envelope.split_at(NONCE_LEN);
    let (ciphertext, tag) = rest.split_at(rest.len().saturating_sub(TAG_LEN));
    Ok((nonce, ciphertext, tag))
}

/// Opens an envelope sealed by [`seal`] or [`seal_with_nonce`].
///
/// # Errors
/// A key that is not 32 bytes or an envelope too short to hold nonce and tag (input
/// errors, named); then "message authentication failed" for any tampering, wrong key
/// or wrong associated data.
pub fn open(key: &[u8], envelope: &[u8], aad: Option<&[u8]>) -> Result<Vec<u8>> {
    let key = aes256_key(key)?;
    let (nonce, _, _) = split_envelope(envelope)?;
    let sealed = envelope.get(NONCE_LEN..).unwrap_or_default();
    gcm::aes256_open(key, nonce_array(nonce)?, sealed, aad.unwrap_or_default())
        .map_err(|_| Error::AuthenticationFailed)
}

/// AES-128-GCM seal with an explicit nonce, returning `ciphertext ‖ tag`: the record
/// protection of TLS 1.2 GCM suites (RFC 5288 §3) and of TLS_AES_128_GCM_SHA256.
///
/// # Errors
/// A key that is not 16 bytes or a nonce that is not 12 bytes.
pub fn aes128_gcm_seal(key: &[u8], nonce: &[u8], plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    gcm::aes128_seal(aes128_key(key)?, nonce_array(nonce)?, plaintext, aad)
        .map_err(|_| too_long(plaintext))
}

/// AES-128-GCM open of `ciphertext ‖ tag` with an explicit nonce.
///
/// # Errors
/// Wrong key or nonce length; "message authentication failed" for any tampering.
pub fn aes128_gcm_open(key: &[u8], nonce: &[u8], sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    gcm::aes128_open(aes128_key(key)?, nonce_array(nonce)?, sealed, aad)
        .map_err(|_| Error::AuthenticationFailed)
}

/// AES-256-GCM seal with an explicit nonce, returning `ciphertext ‖ tag`: the record
/// protection of TLS_AES_256_GCM_SHA384.
///
/// # Errors
/// A key that is not 32 bytes or a nonce that is not 12 bytes.
pub fn aes256_gcm_seal(key: &[u8], nonce: &[u8], plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    gcm::aes256_seal(aes256_key(key)?, nonce_array(nonce)?, plaintext, aad)
        .map_err(|_| too_long(plaintext))
}

/// AES-256-GCM open of `ciphertext ‖ tag` with an explicit nonce.
///
/// # Errors
/// Wrong key or nonce length; "message authentication failed" for any tampering.
pub fn aes256_gcm_open(key: &[u8], nonce: &[u8], sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
    gcm::aes256_open(aes256_key(key)?, nonce_array(nonce)?, sealed, aad)
        .map_err(|_| Error::AuthenticationFailed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_fresh_nonces() {
        let key = [7u8; 32];
        let a = seal(&key, b"hello", Some(b"ad")).unwrap();
        let b = seal(&key, b"hello", Some(b"ad")).unwrap();
        assert_ne!(a[..NONCE_LEN], b[..NONCE_LEN]);
        assert_eq!(a.len(), NONCE_LEN + 5 + TAG_LEN);
        assert_eq!(open(&key, &a, Some(b"ad")).unwrap(), b"hello");
    }

    #[test]
    fn any_tampering_is_one_message() {
        let key = [7u8; 32];
        let env = seal(&key, b"hello", None).unwrap();
        for i in 0..env.len() {
            let mut t = env.clone();
            t[i] ^= 1;
            assert_eq!(
                open(&key, &t, None).unwrap_err().to_string(),
                "message authentication failed"
            );
        }
        assert_eq!(
            open(&key, &env, Some(b"x")).unwrap_err(),
            Error::AuthenticationFailed
        );
        assert_eq!(
            open(&[8u8; 32], &env, None).unwrap_err(),
            Error::AuthenticationFailed
        );
    }

    #[test]
    fn input_errors_are_named() {
        assert_eq!(
            seal(&[0; 16], b"", None).unwrap_err().to_string(),
            "AES-256 key: expected 32 bytes, got 16"
        );
        assert_eq!(
            seal_with_nonce(&[0; 32], &[0; 8], b"", None)
                .unwrap_err()
                .to_string(),
            "AES-GCM nonce: expected 12 bytes (96 bits), got 8"
        );
        assert_eq!(
            open(&[0; 32], &[0; 27], None).unwrap_err().to_string(),
            "AES-GCM envelope (nonce ‖ ciphertext ‖ tag): expected at least 28 bytes, got 27"
        );
    }
}
