//! TLS 1.3 record protection (RFC 8446 §5.2–§5.4) with AES-128-GCM or AES-256-GCM,
//! as the suite says.
//!
//! ```text
//! TLSInnerPlaintext = content ‖ type (1) ‖ zeros (padding)
//! nonce             = write_iv XOR (0^32 ‖ sequence number, 64 bits big-endian)
//! additional_data   = opaque_type 23 ‖ legacy_record_version 03 03 ‖ length (2)
//! record            = additional_data ‖ AEAD ciphertext of TLSInnerPlaintext ‖ tag (16)
//! ```
//!
//! Unlike TLS 1.2 (RFC 5288), nothing of the nonce is sent: both sides count records,
//! starting at 0 under each new key. The outer type always says application_data, so
//! the real content type is only inside, encrypted.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use super::suite::CipherSuite;
use super::traffic::{IV_LEN, TrafficKeys};
use crate::aead::{TAG_LEN, aes128_gcm_open, aes128_gcm_seal, aes256_gcm_open, aes256_gcm_seal};
use crate::error::{Error, Result};

/// ContentType values (RFC 8446 §5.1).
pub mod content_type {
    /// change_cipher_spec(20): only ever sent unprotected in TLS 1.3, for middleboxes.
    pub const CHANGE_CIPHER_SPEC: u8 = 20;
    /// alert(21)
    pub const ALERT: u8 = 21;
    /// handshake(22)
    pub const HANDSHAKE: u8 = 22;
    /// application_data(23): also the outer type of every protected record.
    pub const APPLICATION_DATA: u8 = 23;
}

/// The name of a content type, with its number.
#[must_use]
pub const fn content_type_name(content_type: u8) -> &'static str {
    match content_type {
        0 => "invalid (0)",
        content_type::CHANGE_CIPHER_SPEC => "change_cipher_spec (20)",
        content_type::ALERT => "alert (21)",
        content_type::HANDSHAKE => "handshake (22)",
        content_type::APPLICATION_DATA => "application_data (23)",
        _ => "an unknown content type",
    }
}

/// legacy_record_version of every TLS 1.3 protected record (RFC 8446 §5.2).
pub const LEGACY_RECORD_VERSION: [u8; 2] = [0x03, 0x03];

/// The record header: type (1), legacy_record_version (2), length (2).
pub const HEADER_LEN: usize = 5;

/// The most content one record may carry, 2^14 bytes; the whole TLSInnerPlaintext is at
/// most one byte more (RFC 8446 §5.1, §5.4).
pub const MAX_PLAINTEXT: usize = 1 << 14;

/// The largest `length` of a protected record, 2^14 + 256 bytes (RFC 8446 §5.2).
pub const MAX_CIPHERTEXT: usize = MAX_PLAINTEXT + 256;

/// RFC 8446 §5.3: the per-record nonce.
///
/// 1. The 64-bit record sequence number is encoded in network byte order and padded to
///    the left with zeros to iv_length.
/// 2. The padded sequence number is XORed with the write IV.
#[must_use]
pub fn nonce(iv: &[u8; IV_LEN], sequence_number: u64) -> [u8; IV_LEN] {
    let mut nonce = *iv;
    for (n, s) in nonce
        .iter_mut()
        .rev()
        .zip(sequence_number.to_be_bytes().into_iter().rev())
    {
        *n ^= s;
    }
    nonce
}

/// RFC 8446 §5.2: additional_data = TLSCiphertext.opaque_type ‖
/// TLSCiphertext.legacy_record_version ‖ TLSCiphertext.length, which is the record
/// header itself; `length` is that of the encrypted record (ciphertext and tag).
///
/// # Errors
/// A length over 2^14 + 256 (record_overflow).
pub fn additional_data(length: usize) -> Result<[u8; HEADER_LEN]> {
    let [hi, lo] = u16::try_from(length)
        .ok()
        .filter(|_| length <= MAX_CIPHERTEXT)
        .ok_or(Error::InvalidLength {
            what: "TLS 1.3 encrypted record",
            expected: "at most 16640 bytes (2^14 + 256, RFC 8446 §5.2: record_overflow)",
            found: length,
        })?
        .to_be_bytes();
    let [v0, v1] = LEGACY_RECORD_VERSION;
    Ok([content_type::APPLICATION_DATA, v0, v1, hi, lo])
}

/// The content types a protected record may carry: change_cipher_spec is never
/// protected (RFC 8446 §5), and 0 is the padding byte.
fn check_inner_type(content_type: u8, content_len: usize) -> Result<()> {
    match content_type {
        content_type::APPLICATION_DATA => Ok(()),
        content_type::ALERT | content_type::HANDSHAKE if content_len == 0 => Err(Error::malformed(
            "TLSInnerPlaintext",
            format!(
                "an empty {} record; RFC 8446 §5.4 forbids zero-length handshake and \
                     alert content (unexpected_message)",
                content_type_name(content_type)
            ),
        )),
        content_type::ALERT | content_type::HANDSHAKE => Ok(()),
        other => Err(Error::malformed(
            "TLSInnerPlaintext",
            format!(
                "content type {other} is {}; a protected record carries alert (21), \
                 handshake (22) or application_data (23) (RFC 8446 §5, unexpected_message)",
                content_type_name(other)
            ),
        )),
    }
}

/// One protected record and the inputs that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedRecord {
    /// The record's sequence number under its key.
    pub sequence_number: u64,
    /// The 12-byte AEAD nonce: write IV XOR sequence number.
    pub nonce: [u8; IV_LEN],
    /// The 5 bytes of additional data, which are also the record's header.
    pub additional_data: [u8; HEADER_LEN],
    /// TLSInnerPlaintext: content ‖ type ‖ padding.
    pub inner_plaintext: Vec<u8>,
    /// The record as sent: header ‖ ciphertext ‖ tag.
    pub record: Vec<u8>,
}

/// Protects `content` of `content_type` as record `sequence_number` under `keys`, with
/// `padding` zero bytes after the type (RFC 8446 §5.4; padding hides the length).
///
/// # Errors
/// A content type other than alert, handshake or application_data, or an empty
/// handshake or alert; content and padding together over 2^14 bytes.
pub fn seal(
    keys: &TrafficKeys,
    sequence_number: u64,
    content_type: u8,
    content: &[u8],
    padding: usize,
) -> Result<SealedRecord> {
    check_inner_type(content_type, content.len())?;
    // RFC 8446 §5.4: the full encoded TLSInnerPlaintext MUST NOT exceed 2^14 + 1 bytes.
    let too_long = Error::InvalidLength {
        what: "TLS 1.3 record content and padding",
        expected: "at most 16384 bytes together (2^14, RFC 8446 §5.4)",
        found: content.len().saturating_add(padding),
    };
    let inner_len = content
        .len()
        .checked_add(padding)
        .filter(|&n| n <= MAX_PLAINTEXT)
        .and_then(|n| n.checked_add(1))
        .ok_or(too_long)?;
    let mut inner_plaintext = Vec::with_capacity(inner_len);
    inner_plaintext.extend_from_slice(content);
    inner_plaintext.push(content_type);
    inner_plaintext.resize(inner_len, 0);

    let nonce = nonce(keys.iv(), sequence_number);
    let additional_data = additional_data(inner_len.saturating_add(TAG_LEN))?;
    let sealed = match keys.suite() {
        CipherSuite::TLS_AES_128_GCM_SHA256 => {
            aes128_gcm_seal(keys.key(), &nonce, &inner_plaintext, &additional_data)
        }
        CipherSuite::TLS_AES_256_GCM_SHA384 => {
            aes256_gcm_seal(keys.key(), &nonce, &inner_plaintext, &additional_data)
        }
    }?;
    let mut record = Vec::with_capacity(HEADER_LEN.saturating_add(sealed.len()));
    record.extend_from_slice(&additional_data);
    record.extend_from_slice(&sealed);
    Ok(SealedRecord {
        sequence_number,
        nonce,
        additional_data,
        inner_plaintext,
        record,
    })
}

/// What [`open`] found inside a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedRecord {
    /// The real content type, from inside the TLSInnerPlaintext.
    pub content_type: u8,
    /// The content, without type and padding.
    pub content: Vec<u8>,
    /// How many zero bytes of padding followed the type.
    pub padding: usize,
}

/// Opens one protected record, expecting it to be record `sequence_number` under
/// `keys` (the receiver counts: the number is not in the record).
///
/// # Errors
/// Input errors, named: a record shorter than its header, an outer type other than
/// application_data, a length field that disagrees with the bytes that follow, an
/// encrypted part too short for a tag and a type or over 2^14 + 256 bytes; then
/// [`Error::AuthenticationFailed`] for a wrong key or sequence number or any change to
/// the version, ciphertext or tag; then a plaintext of padding only, over 2^14 + 1
/// bytes, or of a content type that may not be protected.
pub fn open(keys: &TrafficKeys, sequence_number: u64, record: &[u8]) -> Result<OpenedRecord> {
    let (header, body) = record
        .split_first_chunk::<HEADER_LEN>()
        .ok_or(Error::InvalidLength {
            what: "TLS 1.3 record",
            expected: "at least 5 bytes (type, legacy_record_version, length)",
            found: record.len(),
        })?;
    let [outer_type, _, _, hi, lo] = *header;
    // RFC 8446 §5.2: opaque_type is always 23. A receiver sees other types only for
    // unprotected records, which are not opened.
    if outer_type != content_type::APPLICATION_DATA {
        return Err(Error::malformed(
            "TLS 1.3 record",
            format!(
                "expected opaque_type application_data (23) on a protected record, got \
                 {outer_type}: {}",
                content_type_name(outer_type)
            ),
        ));
    }
    // legacy_record_version is not checked by name: it is in the additional data, so a
    // changed version fails authentication.
    let length = usize::from(u16::from_be_bytes([hi, lo]));
    if length != body.len() {
        return Err(Error::malformed(
            "TLS 1.3 record",
            format!(
                "the length field says {length} bytes, but {} follow the header",
                body.len()
            ),
        ));
    }
    if length > MAX_CIPHERTEXT {
        return Err(Error::InvalidLength {
            what: "TLS 1.3 encrypted record",
            expected: "at most 16640 bytes (2^14 + 256, RFC 8446 §5.2: record_overflow)",
            found: length,
        });
    }
    if length <= TAG_LEN {
        return Err(Error::InvalidLength {
            what: "TLS 1.3 encrypted record",
            expected: "at least 17 bytes: the inner content type and the 16-byte tag",
            found: length,
        });
    }

    let nonce = nonce(keys.iv(), sequence_number);
    let mut inner = match keys.suite() {
        CipherSuite::TLS_AES_128_GCM_SHA256 => aes128_gcm_open(keys.key(), &nonce, body, header),
        CipherSuite::TLS_AES_256_GCM_SHA384 => aes256_gcm_open(keys.key(), &nonce, body, header),
    }?;

    // RFC 8446 §5.4: the content type is the last non-zero byte; the zeros after it are
    // padding. A plaintext of zeros only has no type: unexpected_message.
    if inner.len() > MAX_PLAINTEXT.saturating_add(1) {
        return Err(Error::InvalidLength {
            what: "TLSInnerPlaintext",
            expected: "at most 16385 bytes (2^14 + 1, RFC 8446 §5.4: record_overflow)",
            found: inner.len(),
        });
    }
    let type_at = inner.iter().rposition(|&b| b != 0).ok_or_else(|| {
        Error::malformed(
            "TLSInnerPlaintext",
            "only zeros: padding with no content type (RFC 8446 §5.4, unexpected_message)",
        )
    })?;
    let padding = inner.len().saturating_sub(type_at).saturating_sub(1);
    inner.truncate(type_at.saturating_add(1));
    let content_type = inner.pop().unwrap_or_default();
    check_inner_type(content_type, inner.len())?;
    Ok(OpenedRecord {
        content_type,
        content: inner,
        padding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(suite: CipherSuite) -> TrafficKeys {
        TrafficKeys::new(suite, &vec![7; suite.key_len()], &[0xa0; 12]).unwrap()
    }

    #[test]
    fn nonce_xors_the_low_bytes() {
        let iv = [0xff; 12];
        assert_eq!(nonce(&iv, 0), iv);
        let n = nonce(&iv, 0x0102);
        assert_eq!(n[..10], [0xff; 10]);
        assert_eq!(n[10..], [0xfe, 0xfd]);
        assert_eq!(nonce(&[0; 12], u64::MAX)[..4], [0; 4]);
    }

    #[test]
    fn round_trip_both_suites_with_padding() {
        for suite in CipherSuite::ALL {
            let keys = keys(suite);
            for padding in [0, 1, 100] {
                let sealed = seal(&keys, 5, content_type::HANDSHAKE, b"hello", padding).unwrap();
                assert_eq!(sealed.record.len(), HEADER_LEN + 5 + 1 + padding + TAG_LEN);
                assert_eq!(sealed.record[..HEADER_LEN], sealed.additional_data);
                let opened = open(&keys, 5, &sealed.record).unwrap();
                assert_eq!(opened.content, b"hello");
                assert_eq!(opened.content_type, content_type::HANDSHAKE);
                assert_eq!(opened.padding, padding);
                assert_eq!(
                    open(&keys, 6, &sealed.record),
                    Err(Error::AuthenticationFailed)
                );
            }
            // Empty application data is allowed and is a record of type and tag only.
            let sealed = seal(&keys, 0, content_type::APPLICATION_DATA, b"", 0).unwrap();
            assert_eq!(open(&keys, 0, &sealed.record).unwrap().content, b"");
        }
    }

    #[test]
    fn inputs_are_checked() {
        let keys = keys(CipherSuite::TLS_AES_128_GCM_SHA256);
        assert!(seal(&keys, 0, content_type::HANDSHAKE, b"", 0).is_err());
        assert!(seal(&keys, 0, content_type::CHANGE_CIPHER_SPEC, b"\x01", 0).is_err());
        assert!(seal(&keys, 0, 0, b"x", 0).is_err());
        assert!(seal(&keys, 0, 23, &[0; MAX_PLAINTEXT], 0).is_ok());
        assert!(matches!(
            seal(&keys, 0, 23, &[0; MAX_PLAINTEXT], 1),
            Err(Error::InvalidLength { found: 16385, .. })
        ));
        assert!(seal(&keys, 0, 23, b"", usize::MAX).is_err());
        assert!(matches!(
            open(&keys, 0, &[23, 3, 3, 0]),
            Err(Error::InvalidLength { found: 4, .. })
        ));
        assert_eq!(
            open(&keys, 0, &[23, 3, 3, 0, 16, 0])
                .unwrap_err()
                .to_string(),
            "malformed TLS 1.3 record: the length field says 16 bytes, but 1 follow the header"
        );
        let mut short = vec![23, 3, 3, 0, 16];
        short.extend([0; 16]);
        assert!(matches!(
            open(&keys, 0, &short),
            Err(Error::InvalidLength { found: 16, .. })
        ));
        let mut long = vec![23, 3, 3, 0x41, 0x01];
        long.extend(vec![0; MAX_CIPHERTEXT + 1]);
        assert!(matches!(
            open(&keys, 0, &long),
            Err(Error::InvalidLength { found: 16641, .. })
        ));
        let sealed = seal(&keys, 0, 23, b"x", 0).unwrap();
        let mut handshake = sealed.record.clone();
        handshake[0] = 22;
        assert_eq!(
            open(&keys, 0, &handshake).unwrap_err().to_string(),
            "malformed TLS 1.3 record: expected opaque_type application_data (23) on a \
             protected record, got 22: handshake (22)"
        );
    }

    #[test]
    fn all_padding_and_bad_inner_types_are_refused_after_authentication() {
        let keys = keys(CipherSuite::TLS_AES_256_GCM_SHA384);
        // Records a correct sender would never make, sealed by hand.
        let forge = |inner: &[u8]| {
            let n = nonce(keys.iv(), 0);
            let aad = additional_data(inner.len() + TAG_LEN).unwrap();
            let mut record = aad.to_vec();
            record.extend(aes256_gcm_seal(keys.key(), &n, inner, &aad).unwrap());
            record
        };
        assert_eq!(
            open(&keys, 0, &forge(&[0, 0, 0])).unwrap_err().to_string(),
            "malformed TLSInnerPlaintext: only zeros: padding with no content type (RFC 8446 \
             §5.4, unexpected_message)"
        );
        assert!(open(&keys, 0, &forge(&[1, 20, 0])).is_err());
        assert!(open(&keys, 0, &forge(&[21])).is_err());
        assert!(matches!(
            open(&keys, 0, &forge(&vec![0x17; MAX_PLAINTEXT + 2])),
            Err(Error::InvalidLength { found: 16386, .. })
        ));
    }
}
