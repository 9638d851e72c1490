//! AES-GCM nonce reuse: two messages sealed under one key and one nonce (live HTTPS
//! servers, Böck et al., 2016).
//!
//! GCM encrypts with CTR mode (NIST SP 800-38D §6.5): the keystream depends only on the
//! key and the nonce, so c1 ⊕ c2 = p1 ⊕ p2, and whoever knows p1 reads p2 as far as p1
//! reaches. (The same reuse also gives away the authentication key H, which lets an
//! attacker forge tags: the "forbidden attack", not shown here, since it needs
//! arithmetic in GF(2^128) that no library here exposes.) The fix is a fresh nonce for
//! every message, as [`crate::aead::seal`] draws.

use crate::aead::split_envelope;
use crate::error::{Error, Result};
use crate::keys::text::to_hex;

/// What the page shows: both envelopes split, c1 ⊕ c2, and what the known plaintext
/// reveals of message 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GcmNonceReuse {
    /// The nonce both envelopes carry.
    pub nonce: Vec<u8>,
    /// Ciphertext 1 (without nonce and tag).
    pub ciphertext1: Vec<u8>,
    /// Ciphertext 2.
    pub ciphertext2: Vec<u8>,
    /// c1 ⊕ c2 over the shorter one: equal to p1 ⊕ p2.
    pub xor: Vec<u8>,
    /// p2 as far as the known p1 and both ciphertexts reach: c1 ⊕ c2 ⊕ p1.
    pub recovered: Vec<u8>,
}

/// Splits both envelopes (`nonce ‖ ciphertext ‖ tag`, as [`crate::aead::seal`] writes
/// them), checks that they share the nonce, and recovers message 2 from the known
/// message 1.
///
/// # Errors
/// An envelope shorter than nonce and tag (28 bytes), named; [`Error::Attack`] when the
/// nonces differ.
pub fn gcm_nonce_reuse(
    envelope1: &[u8],
    known_plaintext1: &[u8],
    envelope2: &[u8],
) -> Result<GcmNonceReuse> {
    let (nonce1, c1, _) = split_envelope(envelope1)?;
    let (nonce2, c2, _) = split_envelope(envelope2)?;
    if nonce1 != nonce2 {
        return Err(Error::Attack(format!(
            "the two envelopes have different nonces ({} and {}): their keystreams differ, so \
             c1 ⊕ c2 says nothing about the plaintexts; nonce reuse needs the same key and nonce",
            to_hex(nonce1),
            to_hex(nonce2)
        )));
    }
    let xor: Vec<u8> = c1.iter().zip(c2).map(|(a, b)| a ^ b).collect();
    let recovered = xor
        .iter()
        .zip(known_plaintext1)
        .map(|(x, p)| x ^ p)
        .collect();
    Ok(GcmNonceReuse {
        nonce: nonce1.to_vec(),
        ciphertext1: c1.to_vec(),
        ciphertext2: c2.to_vec(),
        xor,
        recovered,
    })
}

/// Message 2, as far as the known message 1 reaches; see [`gcm_nonce_reuse`].
///
/// # Errors
/// As [`gcm_nonce_reuse`].
pub fn recover_plaintext_from_nonce_reuse(
    envelope1: &[u8],
    known_plaintext1: &[u8],
    envelope2: &[u8],
) -> Result<Vec<u8>> {
    gcm_nonce_reuse(envelope1, known_plaintext1, envelope2).map(|r| r.recovered)
}
