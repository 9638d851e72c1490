//! The attack lab: careless code written to be broken, and the attacks that break it.
//!
//! **Nothing here is used by any real path.** Each careless piece says so in its own
//! module; the playground's ECDH, signatures and AEAD never call them.

pub mod careless_server;
pub mod invalid_curve;
#[cfg(target_arch = "wasm32")]
mod invalid_curve_wasm;
