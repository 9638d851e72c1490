//! **BROKEN ON PURPOSE: X25519 that accepts low-order points.** It returns dalek's raw
//! `diffie_hellman` output without asking `was_contributory()`, so a peer who sends a
//! low-order point ([`super::low_order`]) forces the all-zero secret. It exists for the
//! attack lab; no real path of the crate calls it. The crate's ECDH
//! ([`crate::SecretKey::diffie_hellman`]) refuses the all-zero output
//! ([`crate::Error::LowOrderPoint`], RFC 7748 §6.1), which is the fix.

use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

/// X25519 with no check of the result: whatever the ladder gives, all zeros included.
#[must_use]
pub fn careless_diffie_hellman(secret: &StaticSecret, peer: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    Zeroizing::new(secret.diffie_hellman(&PublicKey::from(*peer)).to_bytes())
}
