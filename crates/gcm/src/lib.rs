//! AES-128-GCM and AES-256-GCM from RustCrypto's `aes-gcm`, behind concrete functions.
//!
//! Why a crate of its own: Rust compiles a generic function where it is used with
//! concrete types, so `Aes256Gcm::encrypt` called from `ecdh-playground` was built at that
//! crate's size-first `opt-level = "s"`, which leaves the counter-mode block generation
//! (`hybrid_array::Array::from_fn`) and the copies as calls. Called from here, it is built
//! at this crate's opt-level, which the workspace's release profile sets to 3: AES-GCM
//! twice as fast in Node for a few KB (see the README's findings). No arithmetic of our
//! own: every function is one call into `aes-gcm`.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes128Gcm, Aes256Gcm, KeyInit, Nonce};
use alloc::vec::Vec;

pub use aes_gcm::Error;

/// AES-256-GCM seal: `ciphertext ‖ tag`.
///
/// # Errors
/// A plaintext too long for GCM (2^36 − 32 bytes).
pub fn aes256_seal(
    key: &[u8; 32],
    nonce: &[u8; 12],
    msg: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, Error> {
    Aes256Gcm::new(key.into()).encrypt(&Nonce::from(*nonce), Payload { msg, aad })
}

/// AES-256-GCM open of `ciphertext ‖ tag`.
///
/// # Errors
/// Any change to the ciphertext, tag, key, nonce or associated data.
pub fn aes256_open(
    key: &[u8; 32],
    nonce: &[u8; 12],
    sealed: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, Error> {
    Aes256Gcm::new(key.into()).decrypt(&Nonce::from(*nonce), Payload { msg: sealed, aad })
}

/// AES-128-GCM seal: `ciphertext ‖ tag`.
///
/// # Errors
/// A plaintext too long for GCM (2^36 − 32 bytes).
pub fn aes128_seal(
    key: &[u8; 16],
    nonce: &[u8; 12],
    msg: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, Error> {
    Aes128Gcm::new(key.into()).encrypt(&Nonce::from(*nonce), Payload { msg, aad })
}

/// AES-128-GCM open of `ciphertext ‖ tag`.
///
/// # Errors
/// Any change to the ciphertext, tag, key, nonce or associated data.
pub fn aes128_open(
    key: &[u8; 16],
    nonce: &[u8; 12],
    sealed: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, Error> {
    Aes128Gcm::new(key.into()).decrypt(&Nonce::from(*nonce), Payload { msg: sealed, aad })
}
