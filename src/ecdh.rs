//! Elliptic-curve Diffie-Hellman: SEC 1 §3.3.1 for P-256, RFC 7748 §6.1 for X25519.
//!
//! The shared secret is the 32-byte x-coordinate (P-256) or u-coordinate (X25519),
//! the same bytes WebCrypto's `deriveBits` and Python's `exchange()` return.
//!
//! Two warnings this module exists to teach:
//! - ECDH alone is unauthenticated: a man in the middle who swaps the public keys
//!   agrees a secret with each side. TLS signs the ephemeral key to stop that.
//! - A raw shared secret is not a uniformly random key: run it through HKDF
//!   ([`crate::kdf`]) before using it as one.

use core::fmt;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::{KeyPair, PublicKey, SecretKey};

/// The output of ECDH. Zeroized on drop; `Debug` prints nothing of it.
#[derive(Clone)]
pub struct SharedSecret(Zeroizing<[u8; 32]>);

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedSecret").finish_non_exhaustive()
    }
}

impl SharedSecret {
    /// The 32 secret bytes.
    #[must_use]
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl SecretKey {
    /// Computes the shared secret with a peer's public key.
    ///
    /// # Errors
    /// [`Error::WrongCurve`] naming both curves when the peer's key is on the other
    /// curve; [`Error::LowOrderPoint`] when X25519 gives all zeros. (Off-curve and
    /// identity points cannot reach here: [`PublicKey`] rejects them when parsed.)
    pub fn diffie_hellman(&self, peer: &PublicKey) -> Result<SharedSecret> {
        match (self, peer) {
            (Self::P256(secret), PublicKey::P256(public)) => {
                let shared =
                    p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
                let mut out = Zeroizing::new([0u8; 32]);
                out.copy_from_slice(shared.raw_secret_bytes());
                Ok(SharedSecret(out))
            }
            (Self::X25519(secret), PublicKey::X25519(public)) => {
                let shared = secret.diffie_hellman(public);
                if !shared.was_contributory() {
                    return Err(Error::LowOrderPoint);
                }
                Ok(SharedSecret(Zeroizing::new(shared.to_bytes())))
            }
            _ => Err(Error::WrongCurve {
                expected: self.curve(),
                found: peer.curve(),
            }),
        }
    }
}

impl KeyPair {
    /// Computes the shared secret with a peer's public key; see
    /// [`SecretKey::diffie_hellman`].
    ///
    /// # Errors
    /// As [`SecretKey::diffie_hellman`].
    pub fn diffie_hellman(&self, peer: &PublicKey) -> Result<SharedSecret> {
        self.secret_key().diffie_hellman(peer)
    }

    /// Parses a pasted peer public key in any format and computes the shared secret.
    ///
    /// # Errors
    /// As [`PublicKey::parse`], then [`SecretKey::diffie_hellman`].
    pub fn shared_secret_with(&self, peer: &str) -> Result<SharedSecret> {
        let (peer, _) = PublicKey::parse(peer)?;
        self.diffie_hellman(&peer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Curve;

    #[test]
    fn both_sides_agree() {
        for curve in Curve::ALL {
            let a = KeyPair::generate(curve).unwrap();
            let b = KeyPair::generate(curve).unwrap();
            assert_eq!(
                a.diffie_hellman(b.public_key()).unwrap().as_bytes(),
                b.diffie_hellman(a.public_key()).unwrap().as_bytes()
            );
        }
    }

    #[test]
    fn wrong_curve_names_both() {
        let a = KeyPair::generate(Curve::P256).unwrap();
        let b = KeyPair::generate(Curve::X25519).unwrap();
        assert_eq!(
            a.diffie_hellman(b.public_key()).unwrap_err().to_string(),
            "expected a P-256 key, got an X25519 key"
        );
    }

    #[test]
    fn debug_hides_the_secret() {
        let a = KeyPair::from_seed(Curve::X25519, b"seed", "a");
        let s = a.diffie_hellman(a.public_key()).unwrap();
        assert_eq!(format!("{s:?}"), "SharedSecret { .. }");
    }
}
