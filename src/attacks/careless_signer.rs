//! **BROKEN ON PURPOSE: an ECDSA P-256 signer that signs every message with the same
//! nonce k.** It exists so that the attack lab can recover its private key from two
//! signatures ([`super::ecdsa_nonce_reuse`]); no real path of the crate calls it. The
//! crate's signer ([`crate::sign::SigningKey`]) derives a fresh k per message from the
//! key and the message (RFC 6979), which is the fix.
//!
//! The signature is FIPS 186-5 §6.4.1 with k fixed: r = x(k·G) mod n,
//! s = k⁻¹·(z + r·d) mod n, z = SHA-256(message) as a scalar. The arithmetic is p256's
//! [`Scalar`] and [`ProjectivePoint`]; nothing here is our own but the mistake.

use core::fmt;

use p256::elliptic_curve::Field;
use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::point::AffineCoordinates;
use p256::{FieldBytes, NonZeroScalar, ProjectivePoint, Scalar};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::keys::{Curve, PublicKey, SecretKey};

/// A signer that reuses its nonce. `Debug` shows only the public key.
pub struct CarelessSigner {
    secret: p256::SecretKey,
    /// The nonce every signature uses: the mistake.
    k: NonZeroScalar,
}

impl fmt::Debug for CarelessSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CarelessSigner")
            .field("public", &self.public_key())
            .finish_non_exhaustive()
    }
}

/// SHA-256 of `message` as a scalar mod n: ECDSA's z (its 256 bits are all used, since n
/// has 256 bits).
#[must_use]
pub fn message_scalar(message: &[u8]) -> Scalar {
    let digest: [u8; 32] = Sha256::digest(message).into();
    <Scalar as Reduce<FieldBytes>>::reduce(&FieldBytes::from(digest))
}

impl CarelessSigner {
    /// A fresh key and a fresh nonce, both from the operating system's generator.
    ///
    /// # Errors
    /// [`Error::Randomness`] when the generator cannot be read.
    pub fn generate() -> Result<Self> {
        // A nonce is drawn as a private key is: uniform in 1..n-1.
        let (SecretKey::P256(secret), SecretKey::P256(nonce)) = (
            SecretKey::generate(Curve::P256)?,
            SecretKey::generate(Curve::P256)?,
        ) else {
            return Err(Error::Randomness);
        };
        Ok(Self {
            secret,
            k: nonce.to_nonzero_scalar(),
        })
    }

    /// The public key that verifies its signatures (and, as the lab shows, the key
    /// anyone can recover from two of them).
    #[must_use]
    pub fn public_key(&self) -> PublicKey {
        PublicKey::P256(self.secret.public_key())
    }

    /// The private key, for the lab to set beside the recovered one.
    #[must_use]
    pub fn secret_key(&self) -> SecretKey {
        SecretKey::P256(self.secret.clone())
    }

    /// Signs SHA-256(`message`) with the reused nonce: the 64-byte `r ‖ s`.
    ///
    /// # Errors
    /// [`Error::Attack`] in the case of probability 2⁻²⁵⁶ that r or s is zero.
    pub fn sign(&self, message: &[u8]) -> Result<[u8; 64]> {
        let z = message_scalar(message);
        let point = (ProjectivePoint::GENERATOR * *self.k).to_affine();
        let r = <Scalar as Reduce<FieldBytes>>::reduce(&point.x());
        let d = self.secret.to_nonzero_scalar();
        let k_inv = Option::<Scalar>::from(self.k.as_ref().invert());
        let s = k_inv.map(|k_inv| k_inv * (z + r * *d));
        let Some(s) = s.filter(|s| !bool::from(r.is_zero()) && !bool::from(s.is_zero())) else {
            return Err(Error::Attack(
                "r or s came out zero: make a new careless signer".into(),
            ));
        };
        let mut out = [0u8; 64];
        let (left, right) = out.split_at_mut(32);
        left.copy_from_slice(&r.to_bytes());
        right.copy_from_slice(&s.to_bytes());
        Ok(out)
    }
}
