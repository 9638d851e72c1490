//! Key derivation: HKDF-SHA256 (RFC 5869), with its extract and expand steps visible,
//! and the TLS 1.2 PRF with SHA-256 (RFC 5246 §5).
//!
//! A raw ECDH shared secret is a point coordinate, not a uniformly random string:
//! HKDF-Extract concentrates its entropy into a pseudorandom key (PRK), and
//! HKDF-Expand stretches the PRK into as many key bytes as needed, bound to a context
//! string (`info`).

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The largest HKDF-SHA256 output, 255 × 32 bytes (RFC 5869 §2.3).
pub const HKDF_MAX_OUTPUT: usize = 255 * 32;

/// HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-SHA256(salt, IKM).
///
/// A missing salt means 32 zero bytes, as the RFC and Python's `HKDF(salt=None)` do.
#[must_use]
pub fn hkdf_extract(salt: Option<&[u8]>, ikm: &[u8]) -> Zeroizing<[u8; 32]> {
    let (prk, _) = Hkdf::<Sha256>::extract(salt, ikm);
    Zeroizing::new(prk.into())
}

/// HKDF-Expand (RFC 5869 §2.3): OKM of `length` bytes from a PRK and context `info`.
///
/// A missing `info` is the empty string, as in Python's `HKDF(info=None)`.
///
/// # Errors
/// A PRK shorter than 32 bytes, or `length` outside 1..=8160.
pub fn hkdf_expand(prk: &[u8], info: Option<&[u8]>, length: usize) -> Result<Zeroizing<Vec<u8>>> {
    check_length(length)?;
    let hk = Hkdf::<Sha256>::from_prk(prk).map_err(|_| Error::InvalidLength {
        what: "HKDF pseudorandom key (PRK)",
        expected: "at least 32 bytes",
        found: prk.len(),
    })?;
    let mut okm = Zeroizing::new(vec![0u8; length]);
    hk.expand(info.unwrap_or_default(), &mut okm)
        .map_err(|_| Error::InvalidOutputLength {
            requested: length,
            max: HKDF_MAX_OUTPUT,
        })?;
    Ok(okm)
}

/// HKDF-SHA256 in one call: extract, then expand.
///
/// # Errors
/// `length` outside 1..=8160.
pub fn hkdf(
    ikm: &[u8],
    salt: Option<&[u8]>,
    info: Option<&[u8]>,
    length: usize,
) -> Result<Zeroizing<Vec<u8>>> {
    check_length(length)?;
    hkdf_expand(hkdf_extract(salt, ikm).as_slice(), info, length)
}

const fn check_length(length: usize) -> Result<()> {
    if length == 0 || length > HKDF_MAX_OUTPUT {
        return Err(Error::InvalidOutputLength {
            requested: length,
            max: HKDF_MAX_OUTPUT,
        });
    }
    Ok(())
}

/// The most bytes [`tls12_prf`] gives in one call: far more than any TLS 1.2 use (the
/// key block of the largest cipher suite is 136 bytes), and a bound on the work one
/// call can ask for.
pub const TLS12_PRF_MAX: usize = 1 << 16;

/// The TLS 1.2 PRF (RFC 5246 §5): `P_SHA256(secret, label ‖ seed)` truncated to
/// `length` bytes, where
///
/// ```text
/// P_hash(secret, seed) = HMAC_hash(secret, A(1) + seed) +
///                        HMAC_hash(secret, A(2) + seed) + ...
/// A(0) = seed,  A(i) = HMAC_hash(secret, A(i-1))
/// ```
///
/// # Errors
/// [`Error::InvalidOutputLength`] for a `length` of 0 or over [`TLS12_PRF_MAX`].
pub fn tls12_prf(
    secret: &[u8],
    label: &[u8],
    seed: &[u8],
    length: usize,
) -> Result<Zeroizing<Vec<u8>>> {
    if length == 0 || length > TLS12_PRF_MAX {
        return Err(Error::InvalidOutputLength {
            requested: length,
            max: TLS12_PRF_MAX,
        });
    }
    Ok(p_sha256(secret, label, seed, length))
}

/// The PRF's output of the fixed sizes the handshake itself uses (48, 40 and 12 bytes),
/// which are within [`TLS12_PRF_MAX`] by construction.
#[must_use]
pub fn tls12_prf_array<const N: usize>(
    secret: &[u8],
    label: &[u8],
    seed: &[u8],
) -> Zeroizing<[u8; N]> {
    let bytes = p_sha256(secret, label, seed, N);
    let mut out = Zeroizing::new([0u8; N]);
    for (o, b) in out.iter_mut().zip(bytes.iter()) {
        *o = *b;
    }
    out
}

fn p_sha256(secret: &[u8], label: &[u8], seed: &[u8], length: usize) -> Zeroizing<Vec<u8>> {
    let mac = || <Hmac<Sha256> as KeyInit>::new_from_slice(secret);
    let mut out = Zeroizing::new(Vec::with_capacity(length + 32));
    // HMAC accepts keys of any length, so `mac()` cannot fail; an empty output is the
    // only thing an impossible failure could produce.
    let Ok(base) = mac() else { return out };
    let mut a = {
        let mut m = base.clone();
        m.update(label);
        m.update(seed);
        m.finalize().into_bytes()
    };
    while out.len() < length {
        let mut m = base.clone();
        m.update(&a);
        m.update(label);
        m.update(seed);
        out.extend_from_slice(&m.finalize().into_bytes());
        let mut m = base.clone();
        m.update(&a);
        a = m.finalize().into_bytes();
    }
    out.truncate(length);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_length_bounds() {
        assert!(hkdf(b"ikm", None, None, 1).is_ok());
        assert!(hkdf(b"ikm", None, None, 8160).is_ok());
        for bad in [0, 8161] {
            assert_eq!(
                hkdf(b"ikm", None, None, bad).unwrap_err().to_string(),
                format!("output length must be between 1 and 8160 bytes, got {bad}")
            );
        }
    }

    #[test]
    fn short_prk_is_rejected() {
        assert_eq!(
            hkdf_expand(&[0; 31], None, 32).unwrap_err().to_string(),
            "HKDF pseudorandom key (PRK): expected at least 32 bytes, got 31"
        );
    }

    #[test]
    fn none_salt_is_zero_salt_and_none_info_is_empty() {
        assert_eq!(
            hkdf(b"ikm", None, None, 42).unwrap(),
            hkdf(b"ikm", Some(&[0; 32]), Some(b""), 42).unwrap()
        );
    }
}
