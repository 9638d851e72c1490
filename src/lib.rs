//! # ECDH Playground
//!
//! Elliptic-curve key exchange for learning and teaching: P-256 and X25519 keys in
//! every format people paste (PEM, DER, SEC1, raw, JWK), ECDH, HKDF-SHA256,
//! AES-256-GCM, ECDSA P-256 and the TLS 1.2 PRF, composed from RustCrypto and dalek
//! primitives and explained. The same core runs natively and, through [`wasm`], in the
//! browser.
//!
//! **A teaching tool, not audited.** Use a maintained TLS or HPKE library for anything
//! real. Seeded keys ([`keys::SecretKey::from_seed`]) are not secret at all.

#![forbid(unsafe_code)]

pub mod aead;
#[cfg(feature = "attacklab")]
pub mod attacks;
pub mod ecdh;
pub mod error;
pub mod kdf;
pub mod keys;
#[cfg(feature = "mlkem")]
pub mod mlkem;
pub mod sign;
#[cfg(feature = "tls12")]
pub mod tls12;
#[cfg(feature = "tls13")]
pub mod tls13;
#[cfg(feature = "curvelab")]
pub mod toy;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use ecdh::SharedSecret;
pub use error::{Error, Result};
pub use keys::{
    Curve, KeyPair, PrivateKeyFormat, PublicKey, PublicKeyFormat, SecretKey, inspect_public_key,
};
pub use sign::SigningKey;
