//! ECDSA nonce reuse: two signatures made with the same nonce k give away the private
//! key d (the PlayStation 3's firmware key, fail0verflow, 2010).
//!
//! With s = k⁻¹·(z + r·d) mod n (FIPS 186-5 §6.4.1), the same k gives the same r, and
//! from two messages z1 ≠ z2:
//!
//! ```text
//! k = (z1 − z2) / (s1 − s2)  mod n
//! d = (s1·k − z1) / r        mod n
//! ```
//!
//! A signer that normalises s to the lower half (Bitcoin's "low s") may have stored −s
//! for either signature; only the relative sign matters (flipping both flips k and keeps
//! d), so the case with −s2 is tried too. The key found is checked against the public
//! key: nothing is returned that does not match it. Every step is the library's
//! arithmetic ([`p256::Scalar`]); nothing here is a careless signer (that is
//! [`super::careless_signer`]).

use core::fmt;

use p256::elliptic_curve::Field;
use p256::{ProjectivePoint, Scalar};
use zeroize::Zeroizing;

use super::careless_signer::message_scalar;
use crate::error::{Error, Result};
use crate::keys::paste::{self, Key, Want};
use crate::keys::{Curve, PublicKey, SecretKey};
use crate::sign::{SigningKey, parse_signature};

/// Every value of the recovery, for the page to show step by step. The nonce and the
/// key are secret (they were the victim's): zeroized on drop, not in `Debug`.
pub struct NonceReuseRecovery {
    /// z1 = SHA-256(message 1) mod n.
    pub z1: [u8; 32],
    /// z2 = SHA-256(message 2) mod n.
    pub z2: [u8; 32],
    /// The r both signatures share: the reused nonce, spotted.
    pub r: [u8; 32],
    /// s of signature 1.
    pub s1: [u8; 32],
    /// s of signature 2 as used: as given, or negated (see `s2_negated`).
    pub s2: [u8; 32],
    /// Whether s2 had to be negated (one signature normalised to low s).
    pub s2_negated: bool,
    /// The recovered nonce k.
    pub k: Zeroizing<[u8; 32]>,
    /// The recovered private key d.
    pub d: Zeroizing<[u8; 32]>,
    /// The recovered key, ready to sign.
    pub key: SigningKey,
}

impl fmt::Debug for NonceReuseRecovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NonceReuseRecovery")
            .field("s2_negated", &self.s2_negated)
            .field("public", &self.key.public_key())
            .finish_non_exhaustive()
    }
}

fn hex32(bytes: &[u8; 32]) -> String {
    crate::keys::text::to_hex(bytes)
}

/// Reads the victim's public key in any form the key inspector reads (a certificate or
/// a private key's public half too); it must be P-256.
fn victim_key(public_key: &str) -> Result<PublicKey> {
    let key = match paste::read(public_key, Want::Public)?.key {
        Key::Public(key) => key,
        Key::Secret(secret) => secret.public_key(),
    };
    key.expect_curve(Curve::P256)?;
    Ok(key)
}

/// Recovers the signer's private key from two signatures over different messages that
/// share a nonce. `public_key` in any format [`crate::inspect_public_key`] reads;
/// messages are hashed with SHA-256; signatures DER or `r ‖ s`.
///
/// # Errors
/// A malformed or non-P-256 key or signature (named); [`Error::Attack`] when r differs
/// (different nonces), when the messages are equal (nothing to solve), or when no key
/// found matches `public_key`.
pub fn recover_key_from_nonce_reuse(
    public_key: &str,
    message1: &[u8],
    signature1: &[u8],
    message2: &[u8],
    signature2: &[u8],
) -> Result<NonceReuseRecovery> {
    let victim = victim_key(public_key)?;
    let (sig1, _) = parse_signature(signature1)?;
    let (sig2, _) = parse_signature(signature2)?;
    let (r1, s1) = sig1.split_scalars();
    let (r2, s2) = sig2.split_scalars();
    let (r, s1, s2) = (*r1, *s1, *s2);
    if r != *r2 {
        return Err(Error::Attack(format!(
            "the two signatures were made with different nonces (r differs): r1 = {}, r2 = {}; \
             nonce reuse cannot recover the key, since a signer that reuses k gives the same r \
             twice",
            hex32(&r.to_bytes().into()),
            hex32(&r2.to_bytes().into()),
        )));
    }
    if message1 == message2 {
        // One nonce over one message gives one s (or its negation, for a low-s signer).
        return Err(Error::Attack(if s1 == s2 || s1 == -s2 {
            "the two messages are the same: one nonce and one message give the same signature \
             twice (s1 = s2), and k = (z1 − z2)/(s1 − s2) is 0/0; nonce reuse needs two \
             different messages"
                .into()
        } else {
            "the two messages are the same, but the signatures differ (s1 ≠ s2 with the same \
             r): one nonce over one message gives one s, so one signature is not over this \
             message (or not by this key, or not with SHA-256): check the second message"
                .into()
        }));
    }
    let (z1, z2) = (message_scalar(message1), message_scalar(message2));
    let r_inv = Option::<Scalar>::from(r.invert())
        .ok_or_else(|| Error::malformed("signature", "r is zero"))?;
    for negated in [false, true] {
        let s2_used = if negated { -s2 } else { s2 };
        let Some(denominator) = Option::<Scalar>::from((s1 - s2_used).invert()) else {
            continue;
        };
        let k = Zeroizing::new((z1 - z2) * denominator);
        let d = Zeroizing::new((s1 * *k - z1) * r_inv);
        if bool::from(d.is_zero()) {
            continue;
        }
        let found = (ProjectivePoint::GENERATOR * *d).to_affine();
        let PublicKey::P256(expected) = &victim else {
            continue;
        };
        if found != *expected.as_affine() {
            continue;
        }
        let d_bytes = Zeroizing::new(<[u8; 32]>::from(d.to_bytes()));
        let key = SigningKey::try_from(SecretKey::from_bytes(Curve::P256, d_bytes.as_slice())?)?;
        return Ok(NonceReuseRecovery {
            z1: z1.to_bytes().into(),
            z2: z2.to_bytes().into(),
            r: r.to_bytes().into(),
            s1: s1.to_bytes().into(),
            s2: s2_used.to_bytes().into(),
            s2_negated: negated,
            k: Zeroizing::new(k.to_bytes().into()),
            d: d_bytes,
            key,
        });
    }
    Err(Error::Attack(
        "the signatures share r, but no key found from them matches the public key: check that \
         both signatures are by this key, over these two messages, with SHA-256"
            .into(),
    ))
}
