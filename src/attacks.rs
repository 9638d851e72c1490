//! The attack lab: the attacks that broke deployed systems, run against code that is
//! careless on purpose, each beside the playground's own code that stops it.
//!
//! - [`invalid_curve`]: the invalid-curve attack on P-256 ECDH (Biehl, Meyer and
//!   Müller, 2000) against [`careless_server`], which skips the on-curve check.
//! - [`low_order`]: X25519 low-order points (RFC 7748 §6.1) against
//!   [`careless_x25519`], which skips the all-zero check.
//! - [`ecdsa_nonce_reuse`]: the private key from two ECDSA signatures that share a
//!   nonce (FIPS 186-5 §6.4), made by [`careless_signer`], which reuses its k.
//! - [`gcm_nonce_reuse`]: the second plaintext from two AES-GCM envelopes that share a
//!   key and nonce (NIST SP 800-38D §8.3).
//!
//! The careless modules exist to be broken and no real path of the crate calls them. All
//! arithmetic is the libraries': scalars mod n through p256's [`p256::Scalar`], X25519
//! through dalek, P-256's field through elliptic-curve's hazmat `FieldArithmetic`. Only
//! in the full build (cargo feature `attacklab`).

pub mod careless_server;
pub mod careless_signer;
pub mod careless_x25519;
pub mod ecdsa_nonce_reuse;
pub mod gcm_nonce_reuse;
pub mod invalid_curve;
#[cfg(target_arch = "wasm32")]
mod invalid_curve_wasm;
pub mod low_order;
