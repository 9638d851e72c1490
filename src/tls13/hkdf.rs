//! HKDF (RFC 5869) with the suite's hash, and what RFC 8446 §7.1 builds every TLS 1.3
//! secret with: the HkdfLabel structure, HKDF-Expand-Label and Derive-Secret.
// Lengths and bytes come from outside (the page sends secrets and hashes): no index or
// arithmetic that could panic or wrap (its unit tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use hkdf::{GenericHkdf, HmacImpl};
use hmac::Hmac;
use sha2::{Sha256, Sha384};
use zeroize::Zeroizing;

use super::suite::HashAlgorithm;
use crate::error::{Error, Result};

/// The prefix RFC 8446 §7.1 puts before every label.
pub const LABEL_PREFIX: &[u8] = b"tls13 ";

/// The longest label without its prefix: "tls13 " ‖ label is `opaque label<7..255>`.
pub const MAX_LABEL_LEN: usize = 255 - LABEL_PREFIX.len();

/// The longest context: `opaque context<0..255>`.
pub const MAX_CONTEXT_LEN: usize = 255;

// ---------------------------------------------------------------------------------------
// HKDF with the suite's hash (RFC 5869), through the `hkdf` and `hmac` crates.

fn extract_with<H: HmacImpl>(salt: &[u8], ikm: &[u8]) -> Zeroizing<Vec<u8>> {
    let (prk, _) = GenericHkdf::<H>::extract(Some(salt), ikm);
    Zeroizing::new(prk.to_vec())
}

fn expand_with<H: HmacImpl>(prk: &[u8], info: &[u8], okm: &mut [u8]) -> Option<()> {
    GenericHkdf::<H>::from_prk(prk).ok()?.expand(info, okm).ok()
}

fn hmac_with<H: HmacImpl>(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <H as HmacImpl>::new_from_slice(key);
    HmacImpl::update(&mut mac, data);
    HmacImpl::finalize(mac).to_vec()
}

/// HKDF-Extract (RFC 5869 §2.2) with `hash`: PRK = HMAC-Hash(salt, IKM).
#[must_use]
pub fn hkdf_extract(hash: impl Into<HashAlgorithm>, salt: &[u8], ikm: &[u8]) -> Zeroizing<Vec<u8>> {
    match hash.into() {
        HashAlgorithm::Sha256 => extract_with::<Hmac<Sha256>>(salt, ikm),
        HashAlgorithm::Sha384 => extract_with::<Hmac<Sha384>>(salt, ikm),
    }
}

/// HMAC (RFC 2104) with `hash`, as Finished uses it (RFC 8446 §4.4.4).
#[must_use]
pub fn hmac(hash: impl Into<HashAlgorithm>, key: &[u8], data: &[u8]) -> Vec<u8> {
    match hash.into() {
        HashAlgorithm::Sha256 => hmac_with::<Hmac<Sha256>>(key, data),
        HashAlgorithm::Sha384 => hmac_with::<Hmac<Sha384>>(key, data),
    }
}

// ---------------------------------------------------------------------------------------
// RFC 8446 §7.1: HKDF-Expand-Label and Derive-Secret.

/// The HkdfLabel structure of RFC 8446 §7.1, the `info` of HKDF-Expand-Label:
///
/// ```text
/// struct {
///     uint16 length = Length;
///     opaque label<7..255> = "tls13 " + Label;
///     opaque context<0..255> = Context;
/// } HkdfLabel;
/// ```
///
/// `label` is given without the "tls13 " prefix, as the RFC writes labels ("key",
/// "c hs traffic"). Each `opaque x<a..b>` is written with a one-byte length first.
///
/// # Errors
/// A label empty or over 249 bytes, a context over 255 bytes or a length over 65535
/// ([`Error::InvalidLength`], [`Error::InvalidOutputLength`]).
pub fn hkdf_label(label: &[u8], context: &[u8], length: usize) -> Result<Vec<u8>> {
    let length = u16::try_from(length).map_err(|_| Error::InvalidOutputLength {
        requested: length,
        max: usize::from(u16::MAX),
    })?;
    let full_label_len = u8::try_from(LABEL_PREFIX.len().saturating_add(label.len()))
        .ok()
        .filter(|_| !label.is_empty())
        .ok_or(Error::InvalidLength {
            what: "HKDF-Expand-Label label (without \"tls13 \")",
            expected: "1 to 249 bytes, so that \"tls13 \" ‖ label fits opaque label<7..255> \
                       (RFC 8446 §7.1)",
            found: label.len(),
        })?;
    let context_len = u8::try_from(context.len()).map_err(|_| Error::InvalidLength {
        what: "HKDF-Expand-Label context",
        expected: "at most 255 bytes (opaque context<0..255>, RFC 8446 §7.1)",
        found: context.len(),
    })?;
    let mut info = Vec::with_capacity(
        4usize
            .saturating_add(LABEL_PREFIX.len())
            .saturating_add(label.len())
            .saturating_add(context.len()),
    );
    info.extend_from_slice(&length.to_be_bytes());
    info.push(full_label_len);
    info.extend_from_slice(LABEL_PREFIX);
    info.extend_from_slice(label);
    info.push(context_len);
    info.extend_from_slice(context);
    Ok(info)
}

/// HKDF-Expand-Label (RFC 8446 §7.1):
///
/// ```text
/// HKDF-Expand-Label(Secret, Label, Context, Length) =
///     HKDF-Expand(Secret, HkdfLabel, Length)
/// ```
///
/// with HkdfLabel as [`hkdf_label`] writes it. `hash` is a [`HashAlgorithm`] or a
/// [`CipherSuite`] (whose hash is used); `label` is without the "tls13 " prefix.
///
/// # Errors
/// A secret shorter than Hash.length; a label, context or length out of range (see
/// [`hkdf_label`]; a length must also be at most 255 × Hash.length, RFC 5869 §2.3).
pub fn hkdf_expand_label(
    hash: impl Into<HashAlgorithm>,
    secret: &[u8],
    label: &[u8],
    context: &[u8],
    length: usize,
) -> Result<Zeroizing<Vec<u8>>> {
    let hash = hash.into();
    let max = hash.output_len().saturating_mul(255);
    if length == 0 || length > max {
        return Err(Error::InvalidOutputLength {
            requested: length,
            max,
        });
    }
    if secret.len() < hash.output_len() {
        return Err(Error::InvalidLength {
            what: "HKDF-Expand-Label secret",
            expected: match hash {
                HashAlgorithm::Sha256 => "at least 32 bytes, Hash.length of SHA-256",
                HashAlgorithm::Sha384 => "at least 48 bytes, Hash.length of SHA-384",
            },
            found: secret.len(),
        });
    }
    let info = hkdf_label(label, context, length)?;
    let mut okm = Zeroizing::new(vec![0u8; length]);
    let expanded = match hash {
        HashAlgorithm::Sha256 => expand_with::<Hmac<Sha256>>(secret, &info, &mut okm),
        HashAlgorithm::Sha384 => expand_with::<Hmac<Sha384>>(secret, &info, &mut okm),
    };
    // Both conditions under which HKDF-Expand fails were checked above.
    expanded.ok_or(Error::InvalidOutputLength {
        requested: length,
        max,
    })?;
    Ok(okm)
}

/// Checks that `bytes` is Hash.length long: a transcript hash or a secret of the
/// schedule.
pub(crate) fn check_hash_len(hash: HashAlgorithm, what: &'static str, bytes: &[u8]) -> Result<()> {
    if bytes.len() == hash.output_len() {
        Ok(())
    } else {
        Err(Error::InvalidLength {
            what,
            expected: hash.expected_len(),
            found: bytes.len(),
        })
    }
}

/// Derive-Secret (RFC 8446 §7.1), given the transcript hash rather than the messages:
///
/// ```text
/// Derive-Secret(Secret, Label, Messages) =
///     HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
/// ```
///
/// # Errors
/// A secret or transcript hash that is not Hash.length bytes; a label out of range.
pub fn derive_secret(
    hash: impl Into<HashAlgorithm>,
    secret: &[u8],
    label: &[u8],
    transcript_hash: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let hash = hash.into();
    check_hash_len(hash, "Derive-Secret secret", secret)?;
    check_hash_len(hash, "Derive-Secret transcript hash", transcript_hash)?;
    hkdf_expand_label(hash, secret, label, transcript_hash, hash.output_len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hkdf_label_layout() {
        let info = hkdf_label(b"key", b"", 16).unwrap();
        assert_eq!(info, b"\x00\x10\x09tls13 key\x00");
        let info = hkdf_label(b"derived", &[0xaa; 3], 48).unwrap();
        assert_eq!(info, b"\x00\x30\x0dtls13 derived\x03\xaa\xaa\xaa");
    }

    #[test]
    fn hkdf_label_bounds() {
        assert!(hkdf_label(&[b'a'; MAX_LABEL_LEN], &[0; MAX_CONTEXT_LEN], 1).is_ok());
        assert_eq!(
            hkdf_label(&[b'a'; 250], b"", 1).unwrap_err().to_string(),
            "HKDF-Expand-Label label (without \"tls13 \"): expected 1 to 249 bytes, so that \
             \"tls13 \" ‖ label fits opaque label<7..255> (RFC 8446 §7.1), got 250"
        );
        assert!(matches!(
            hkdf_label(b"", b"", 1),
            Err(Error::InvalidLength { found: 0, .. })
        ));
        assert_eq!(
            hkdf_label(b"key", &[0; 256], 1).unwrap_err().to_string(),
            "HKDF-Expand-Label context: expected at most 255 bytes (opaque context<0..255>, \
             RFC 8446 §7.1), got 256"
        );
        assert!(matches!(
            hkdf_label(b"key", b"", 65536),
            Err(Error::InvalidOutputLength {
                requested: 65536,
                max: 65535
            })
        ));
    }

    #[test]
    fn expand_label_lengths() {
        for (hash, max) in [
            (HashAlgorithm::Sha256, 8160),
            (HashAlgorithm::Sha384, 12240),
        ] {
            let secret = vec![1u8; hash.output_len()];
            assert_eq!(
                hkdf_expand_label(hash, &secret, b"x", b"", max)
                    .unwrap()
                    .len(),
                max
            );
            for bad in [0, max + 1] {
                assert_eq!(
                    hkdf_expand_label(hash, &secret, b"x", b"", bad),
                    Err(Error::InvalidOutputLength {
                        requested: bad,
                        max
                    })
                );
            }
            let short = &secret[1..];
            assert!(matches!(
                hkdf_expand_label(hash, short, b"x", b"", 1),
                Err(Error::InvalidLength {
                    what: "HKDF-Expand-Label secret",
                    ..
                })
            ));
        }
    }

    #[test]
    fn outputs_are_prefixes_only_when_lengths_agree() {
        // Length is inside HkdfLabel, so a shorter output is not a prefix of a longer one.
        let secret = [7u8; 32];
        let short = hkdf_expand_label(HashAlgorithm::Sha256, &secret, b"key", b"", 16).unwrap();
        let long = hkdf_expand_label(HashAlgorithm::Sha256, &secret, b"key", b"", 32).unwrap();
        assert_ne!(short[..], long[..16]);
    }
}
