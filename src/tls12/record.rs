//! The record layer, as far as the model needs it: AES-128-GCM records (RFC 5246
//! §6.2.3.3 with the nonce of RFC 5288 §3), ChangeCipherSpec (RFC 5246 §7.1) and
//! fatal alerts (RFC 5246 §7.2).
//!
//! ```text
//! nonce           = client_write_IV (4, implicit) ‖ nonce_explicit (8)
//! additional_data = seq_num (8) ‖ type (1) ‖ version (2) ‖ length (2, of the plaintext)
//! record          = type ‖ version ‖ length ‖ nonce_explicit ‖ ciphertext ‖ tag (16)
//! ```
//!
//! The explicit nonce is the record's sequence number, as most implementations do: a
//! counter never repeats under one key, which is all GCM asks.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use super::codec::{Annotated, Reader, byte_count};
use super::messages::TLS12;
use crate::aead::{TAG_LEN, aes128_gcm_open, aes128_gcm_seal};
use crate::error::{Error, Result};

/// ContentType values (RFC 5246 §6.2.1).
pub mod content_type {
    /// change_cipher_spec(20)
    pub const CHANGE_CIPHER_SPEC: u8 = 20;
    /// alert(21)
    pub const ALERT: u8 = 21;
    /// handshake(22)
    pub const HANDSHAKE: u8 = 22;
    /// application_data(23)
    pub const APPLICATION_DATA: u8 = 23;
}

/// The largest plaintext a record may carry, 2^14 bytes (RFC 5246 §6.2.1).
pub const MAX_PLAINTEXT: usize = 1 << 14;

fn type_name(content_type: u8) -> &'static str {
    match content_type {
        content_type::CHANGE_CIPHER_SPEC => "change_cipher_spec (20)",
        content_type::ALERT => "alert (21)",
        content_type::HANDSHAKE => "handshake (22)",
        content_type::APPLICATION_DATA => "application_data (23)",
        _ => "unknown content type",
    }
}

/// One protected record and the inputs that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedRecord {
    /// The sequence number of the record in its direction.
    pub sequence_number: u64,
    /// The plaintext.
    pub plaintext: Vec<u8>,
    /// The 12-byte GCM nonce.
    pub nonce: [u8; 12],
    /// The 13 bytes of additional data.
    pub aad: [u8; 13],
    /// AES-128-GCM output: ciphertext ‖ tag.
    pub ciphertext: Vec<u8>,
    /// `nonce ‖ additional_data`, annotated, for the page.
    pub inputs: Annotated,
    /// The record as sent, annotated.
    pub wire: Annotated,
}

fn nonce_and_aad(
    implicit_iv: &[u8],
    sequence_number: u64,
    content_type: u8,
    length: usize,
) -> Annotated {
    let mut m = Annotated::default();
    m.put(
        "salt",
        "nonce, implicit part: the sender's write IV from the key block",
        implicit_iv,
    );
    m.put(
        "nonce_explicit",
        format!("nonce, explicit part: the sequence number {sequence_number}, sent in the record"),
        &sequence_number.to_be_bytes(),
    );
    m.put(
        "seq_num",
        format!("additional data: sequence number {sequence_number}"),
        &sequence_number.to_be_bytes(),
    );
    m.put(
        "type",
        format!("additional data: {}", type_name(content_type)),
        &[content_type],
    );
    m.put("version", "additional data: TLS 1.2 {3, 3}", &TLS12);
    m.put(
        "length",
        format!("additional data: plaintext length, {}", byte_count(length)),
        &u16::try_from(length).unwrap_or(u16::MAX).to_be_bytes(),
    );
    m
}

fn split_inputs(inputs: &Annotated) -> Result<([u8; 12], [u8; 13])> {
    let bad = || Error::malformed("record", "nonce and additional data are not 25 bytes");
    let (nonce, aad) = inputs.bytes.split_at_checked(12).ok_or_else(bad)?;
    Ok((
        nonce.try_into().map_err(|_| bad())?,
        aad.try_into().map_err(|_| bad())?,
    ))
}

/// Seals `plaintext` as record number `sequence_number` under `key` and the sender's
/// 4-byte implicit IV.
///
/// # Errors
/// A plaintext over 2^14 bytes; a key or IV of the wrong length.
pub fn seal(
    key: &[u8],
    implicit_iv: &[u8],
    sequence_number: u64,
    content_type: u8,
    plaintext: &[u8],
) -> Result<SealedRecord> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(Error::InvalidLength {
            what: "record plaintext",
            expected: "at most 16384 bytes (2^14, RFC 5246 §6.2.1)",
            found: plaintext.len(),
        });
    }
    let inputs = nonce_and_aad(implicit_iv, sequence_number, content_type, plaintext.len());
    let (nonce, aad) = split_inputs(&inputs)?;
    let ciphertext = aes128_gcm_seal(key, &nonce, plaintext, &aad)?;
    let mut wire = Annotated::default();
    wire.put("type", type_name(content_type), &[content_type]);
    wire.put("version", "TLS 1.2 {3, 3}", &TLS12);
    let length = wire.open_length("length", 2, "explicit nonce, ciphertext and tag");
    wire.put(
        "nonce_explicit",
        format!("sequence number {sequence_number}: the explicit part of the nonce"),
        &sequence_number.to_be_bytes(),
    );
    let (body, tag) = ciphertext.split_at(ciphertext.len().saturating_sub(TAG_LEN));
    wire.put(
        "encrypted_content",
        "AES-128-GCM ciphertext, as long as the plaintext",
        body,
    );
    wire.put("tag", "GCM authentication tag, 16 bytes", tag);
    wire.close_length(length)?;
    Ok(SealedRecord {
        sequence_number,
        plaintext: plaintext.to_vec(),
        nonce,
        aad,
        ciphertext,
        inputs,
        wire,
    })
}

/// Opens a record sealed by [`seal`], expecting `content_type` and `sequence_number`
/// (which the receiver counts itself: it is not read from the record).
///
/// # Errors
/// A malformed record or an unexpected type (named); "message authentication failed"
/// for a wrong key or sequence number, or tampering.
pub fn open(
    key: &[u8],
    implicit_iv: &[u8],
    sequence_number: u64,
    content_type: u8,
    record: &[u8],
) -> Result<Vec<u8>> {
    let mut r = Reader::new(record, "TLS record");
    let found = r.u8("type")?;
    if found != content_type {
        return Err(Error::malformed(
            "TLS record",
            format!(
                "expected a {} record, got {}",
                type_name(content_type),
                type_name(found)
            ),
        ));
    }
    let version = r.array::<2>("version")?;
    let mut fragment = r.vector(2, "fragment")?;
    r.finish("the fragment")?;
    let explicit = fragment.array::<8>("nonce_explicit")?;
    let sealed = fragment.rest();
    let length = sealed
        .len()
        .checked_sub(TAG_LEN)
        .ok_or(Error::InvalidLength {
            what: "GCM record fragment after the explicit nonce",
            expected: "at least 16 bytes (the tag)",
            found: sealed.len(),
        })?;
    let inputs = nonce_and_aad(implicit_iv, sequence_number, content_type, length);
    let (mut nonce, mut aad) = split_inputs(&inputs)?;
    // The receiver takes the explicit nonce from the record, as RFC 5288 §3 says, and
    // the version in the additional data from the record's header, as RFC 5246
    // §6.2.3.3's TLSCompressed.version is: a record whose version bytes were changed
    // fails its tag like any other change.
    if let Some(part) = nonce.get_mut(4..) {
        part.copy_from_slice(&explicit);
    }
    if let Some(part) = aad.get_mut(9..11) {
        part.copy_from_slice(&version);
    }
    aes128_gcm_open(key, &nonce, sealed, &aad)
}

/// A ChangeCipherSpec record (RFC 5246 §7.1).
#[must_use]
pub fn change_cipher_spec() -> Annotated {
    let mut m = Annotated::default();
    m.put(
        "type",
        type_name(content_type::CHANGE_CIPHER_SPEC),
        &[content_type::CHANGE_CIPHER_SPEC],
    );
    m.put("version", "TLS 1.2 {3, 3}", &TLS12);
    m.put("length", "1 byte", &[0, 1]);
    m.put("type", "change_cipher_spec (1)", &[1]);
    m
}

/// The fatal alerts the model sends (RFC 5246 §7.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alert {
    /// handshake_failure (40): no acceptable set of parameters.
    HandshakeFailure,
    /// illegal_parameter (47): a field out of range or inconsistent with others.
    IllegalParameter,
    /// decode_error (50): a message could not be decoded.
    DecodeError,
    /// decrypt_error (51): a handshake cryptographic operation failed, such as a
    /// signature or Finished check.
    DecryptError,
    /// bad_record_mac (20): a record failed authentication.
    BadRecordMac,
    /// internal_error (80): the sender could not do its part (here: a message too long
    /// to encode).
    InternalError,
    /// bad_certificate (42): a certificate that does not read, or not the pinned one.
    BadCertificate,
    /// unsupported_certificate (43): a certificate of a key type the client cannot use.
    UnsupportedCertificate,
    /// unexpected_message (10): a message out of order.
    UnexpectedMessage,
}

impl Alert {
    /// AlertDescription value.
    #[must_use]
    pub const fn description(self) -> u8 {
        match self {
            Self::HandshakeFailure => 40,
            Self::IllegalParameter => 47,
            Self::DecodeError => 50,
            Self::DecryptError => 51,
            Self::BadRecordMac => 20,
            Self::InternalError => 80,
            Self::BadCertificate => 42,
            Self::UnsupportedCertificate => 43,
            Self::UnexpectedMessage => 10,
        }
    }

    /// The name the RFC gives it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::HandshakeFailure => "handshake_failure",
            Self::IllegalParameter => "illegal_parameter",
            Self::DecodeError => "decode_error",
            Self::DecryptError => "decrypt_error",
            Self::BadRecordMac => "bad_record_mac",
            Self::InternalError => "internal_error",
            Self::BadCertificate => "bad_certificate",
            Self::UnsupportedCertificate => "unsupported_certificate",
            Self::UnexpectedMessage => "unexpected_message",
        }
    }

    /// The alert record, unencrypted as it is sent during the handshake.
    #[must_use]
    pub fn record(self) -> Annotated {
        let mut m = Annotated::default();
        m.put(
            "type",
            type_name(content_type::ALERT),
            &[content_type::ALERT],
        );
        m.put("version", "TLS 1.2 {3, 3}", &TLS12);
        m.put("length", "2 bytes", &[0, 2]);
        m.put("level", "fatal (2): the connection ends", &[2]);
        m.put(
            "description",
            format!("{} ({})", self.name(), self.description()),
            &[self.description()],
        );
        m
    }
}

/// The name an alert description has (RFC 5246 §7.2, RFC 8446 §6), for any value a
/// peer may send.
#[must_use]
pub const fn alert_name(description: u8) -> &'static str {
    match description {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        22 => "record_overflow",
        40 => "handshake_failure",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        44 => "certificate_revoked",
        45 => "certificate_expired",
        46 => "certificate_unknown",
        47 => "illegal_parameter",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        109 => "missing_extension",
        110 => "unsupported_extension",
        112 => "unrecognized_name",
        113 => "bad_certificate_status_response",
        115 => "unknown_psk_identity",
        116 => "certificate_required",
        120 => "no_application_protocol",
        _ => "an unknown alert",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_and_tamper() {
        let (key, iv) = ([9u8; 16], [1, 2, 3, 4]);
        let rec = seal(&key, &iv, 1, content_type::APPLICATION_DATA, b"ping").unwrap();
        assert_eq!(rec.wire.bytes.len(), 5 + 8 + 4 + 16);
        assert_eq!(rec.nonce[..4], iv);
        assert_eq!(
            open(
                &key,
                &iv,
                1,
                content_type::APPLICATION_DATA,
                &rec.wire.bytes
            )
            .unwrap(),
            b"ping"
        );
        for seq in [0, 2] {
            assert_eq!(
                open(
                    &key,
                    &iv,
                    seq,
                    content_type::APPLICATION_DATA,
                    &rec.wire.bytes
                ),
                Err(Error::AuthenticationFailed)
            );
        }
        assert_eq!(
            open(&key, &iv, 1, content_type::HANDSHAKE, &rec.wire.bytes)
                .unwrap_err()
                .to_string(),
            "malformed TLS record: expected a handshake (22) record, got application_data (23)"
        );
        // The header's version is in the additional data: changed, the tag fails.
        for (at, value) in [(1, 2), (2, 1), (2, 4)] {
            let mut changed = rec.wire.bytes.clone();
            changed[at] = value;
            assert_eq!(
                open(&key, &iv, 1, content_type::APPLICATION_DATA, &changed),
                Err(Error::AuthenticationFailed),
                "version byte {at} = {value}"
            );
        }
    }
}
