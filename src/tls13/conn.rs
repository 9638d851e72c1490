//! The record layer of a sans-IO TLS 1.3 connection (RFC 8446 §5): bytes in, bytes out,
//! no sockets. [`RecordLayer`] frames the incoming byte stream into records in any
//! chunking, opens protected ones, joins handshake messages that span records (and
//! splits records that carry several), and seals what is sent with the current keys.
//! The client and server state machines ([`super::client`], [`super::server`]) sit on
//! top of it and decide when the keys change.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use core::fmt;

use super::messages::handshake_type_name;
use super::record::{self, HEADER_LEN, MAX_CIPHERTEXT, MAX_PLAINTEXT, content_type};
use super::traffic::TrafficKeys;
use crate::error::{Error, Result};
use crate::keys::text::to_hex;

/// AlertDescription values (RFC 8446 §6).
pub mod alert {
    /// close_notify(0)
    pub const CLOSE_NOTIFY: u8 = 0;
    /// unexpected_message(10)
    pub const UNEXPECTED_MESSAGE: u8 = 10;
    /// bad_record_mac(20)
    pub const BAD_RECORD_MAC: u8 = 20;
    /// record_overflow(22)
    pub const RECORD_OVERFLOW: u8 = 22;
    /// handshake_failure(40)
    pub const HANDSHAKE_FAILURE: u8 = 40;
    /// bad_certificate(42)
    pub const BAD_CERTIFICATE: u8 = 42;
    /// unsupported_certificate(43)
    pub const UNSUPPORTED_CERTIFICATE: u8 = 43;
    /// illegal_parameter(47)
    pub const ILLEGAL_PARAMETER: u8 = 47;
    /// decode_error(50)
    pub const DECODE_ERROR: u8 = 50;
    /// decrypt_error(51)
    pub const DECRYPT_ERROR: u8 = 51;
    /// protocol_version(70)
    pub const PROTOCOL_VERSION: u8 = 70;
    /// internal_error(80)
    pub const INTERNAL_ERROR: u8 = 80;
    /// missing_extension(109)
    pub const MISSING_EXTENSION: u8 = 109;
    /// unsupported_extension(110)
    pub const UNSUPPORTED_EXTENSION: u8 = 110;
}

pub use crate::tls12::record::alert_name;

/// Why a connection stopped: the error, the alert that says so on the wire, and
/// whether the alert was ours or the peer's.
#[derive(Debug)]
pub struct TlsError {
    /// The alert description sent (or received).
    pub alert: u8,
    /// What went wrong, in words.
    pub error: Error,
    /// Whether the peer sent the alert (we only read it).
    pub from_peer: bool,
}

impl TlsError {
    /// An error this side detected, to be sent as `alert`.
    #[must_use]
    pub const fn new(alert: u8, error: Error) -> Self {
        Self {
            alert,
            error,
            from_peer: false,
        }
    }
}

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from_peer {
            write!(
                f,
                "{} (alert {}, {})",
                self.error,
                alert_name(self.alert),
                self.alert
            )
        } else {
            write!(
                f,
                "{} (sent alert {}, {})",
                self.error,
                alert_name(self.alert),
                self.alert
            )
        }
    }
}

/// Turns an [`Error`] into a [`TlsError`] with the alert that goes with it.
pub trait OrAlert<T> {
    /// The error, to be sent as `alert`, or as illegal_parameter when the error is
    /// [`Error::IllegalParameter`] (a message that parses but breaks a rule whose RFC
    /// names that alert).
    ///
    /// # Errors
    /// The error, with the alert.
    fn or_alert(self, alert: u8) -> core::result::Result<T, TlsError>;
}

impl<T> OrAlert<T> for Result<T> {
    fn or_alert(self, alert: u8) -> core::result::Result<T, TlsError> {
        self.map_err(|e| {
            let alert = if matches!(e, Error::IllegalParameter { .. }) {
                alert::ILLEGAL_PARAMETER
            } else {
                alert
            };
            TlsError::new(alert, e)
        })
    }
}

/// A handshake failure in words, with its alert.
#[must_use]
pub fn fail(alert: u8, message: impl Into<String>) -> TlsError {
    TlsError::new(alert, Error::Handshake(message.into()))
}

/// What the record layer delivers.
#[derive(Debug, PartialEq, Eq)]
pub enum Incoming {
    /// One whole handshake message, header included.
    Handshake(Vec<u8>),
    /// Application data.
    ApplicationData(Vec<u8>),
}

pub use crate::tls12::report::RecordLog;

/// The largest handshake message the record layer joins: far above any this model
/// meets (a certificate chain of a few KB, a hybrid ClientHello of 1.5 KB), far below
/// the 16 MiB the length field allows, which a peer could make a page buffer.
pub const MAX_HANDSHAKE_MESSAGE: usize = 1 << 16;

struct Direction {
    keys: TrafficKeys,
    name: &'static str,
    sequence: u64,
}

/// See the module documentation.
#[derive(Default)]
pub struct RecordLayer {
    incoming: Vec<u8>,
    handshake: Vec<u8>,
    read: Option<Direction>,
    write: Option<Direction>,
    outgoing: Vec<u8>,
    /// Records protected so far, both directions (kept for the report).
    pub log: Vec<RecordLog>,
    /// Whether a change_cipher_spec record arrived (middlebox compatibility, ignored).
    pub saw_change_cipher_spec: bool,
}

impl fmt::Debug for RecordLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordLayer")
            .field("buffered", &self.incoming.len())
            .finish_non_exhaustive()
    }
}

const fn content_name(t: u8) -> &'static str {
    match t {
        content_type::HANDSHAKE => "handshake",
        content_type::APPLICATION_DATA => "application_data",
        content_type::ALERT => "alert",
        _ => "change_cipher_spec",
    }
}

fn whole_message_len(buffer: &[u8]) -> Option<usize> {
    let [_, a, b, c] = *buffer.first_chunk::<4>()?;
    let len = (usize::from(a) << 16) | (usize::from(b) << 8) | usize::from(c);
    let total = len.checked_add(4)?;
    (buffer.len() >= total).then_some(total)
}

impl RecordLayer {
    /// Appends bytes from the peer.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.incoming.extend_from_slice(bytes);
    }

    /// The bytes to send since the last call.
    pub fn take_outgoing(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.outgoing)
    }

    /// Whether the incoming buffer holds the start of a handshake message.
    #[must_use]
    pub fn mid_message(&self) -> bool {
        !self.handshake.is_empty()
    }

    /// Protects what is read from now on with `keys` ("handshake" or "application").
    ///
    /// # Errors
    /// A handshake message that began under the old keys (RFC 8446 §5.1:
    /// unexpected_message).
    pub fn set_read_keys(
        &mut self,
        keys: TrafficKeys,
        name: &'static str,
    ) -> core::result::Result<(), TlsError> {
        if self.mid_message() {
            return Err(fail(
                alert::UNEXPECTED_MESSAGE,
                "a handshake message spans a change of keys (RFC 8446 §5.1)",
            ));
        }
        self.read = Some(Direction {
            keys,
            name,
            sequence: 0,
        });
        Ok(())
    }

    /// Protects what is sent from now on with `keys`.
    pub fn set_write_keys(&mut self, keys: TrafficKeys, name: &'static str) {
        self.write = Some(Direction {
            keys,
            name,
            sequence: 0,
        });
    }

    /// Sends `content` of `content_type`: in plaintext records before keys are set, in
    /// protected ones after; split at 2^14 bytes.
    ///
    /// # Errors
    /// A sequence number that would wrap (never in practice).
    pub fn send(&mut self, content_type: u8, content: &[u8]) -> Result<()> {
        for chunk in content.chunks(MAX_PLAINTEXT) {
            match &mut self.write {
                None => {
                    let len = u16::try_from(chunk.len()).unwrap_or(u16::MAX);
                    self.outgoing.push(content_type);
                    self.outgoing
                        .extend_from_slice(&record::LEGACY_RECORD_VERSION);
                    self.outgoing.extend_from_slice(&len.to_be_bytes());
                    self.outgoing.extend_from_slice(chunk);
                }
                Some(d) => {
                    let sealed = record::seal(&d.keys, d.sequence, content_type, chunk, 0)?;
                    self.log.push(RecordLog {
                        direction: "sent",
                        content_type: content_name(content_type),
                        keys: d.name,
                        sequence_number: d.sequence,
                        nonce: to_hex(&sealed.nonce),
                        plaintext: to_hex(chunk),
                        record: to_hex(&sealed.record),
                    });
                    d.sequence = d.sequence.checked_add(1).ok_or_else(|| {
                        Error::Handshake("the write sequence number would wrap".to_owned())
                    })?;
                    self.outgoing.extend_from_slice(&sealed.record);
                }
            }
        }
        Ok(())
    }

    /// A fatal alert, protected if keys are set: the bytes to send before closing.
    #[must_use]
    pub fn alert_record(&mut self, description: u8) -> Vec<u8> {
        let before = self.outgoing.len();
        let level = if description == alert::CLOSE_NOTIFY {
            1
        } else {
            2
        };
        if self
            .send(content_type::ALERT, &[level, description])
            .is_err()
        {
            return Vec::new();
        }
        self.outgoing.split_off(before)
    }

    /// The next whole handshake message or application data, if the bytes so far hold
    /// one.
    ///
    /// # Errors
    /// A malformed or oversized record, a record that does not open, a record type not
    /// allowed now, or an alert from the peer (with `from_peer`).
    pub fn next_incoming(&mut self) -> core::result::Result<Option<Incoming>, TlsError> {
        loop {
            if let Some(&[_, a, b, c]) = self.handshake.first_chunk::<4>() {
                let declared = (usize::from(a) << 16) | (usize::from(b) << 8) | usize::from(c);
                if declared > MAX_HANDSHAKE_MESSAGE {
                    return Err(fail(
                        alert::DECODE_ERROR,
                        format!(
                            "a handshake message of {declared} bytes; this model takes at most \
                             {MAX_HANDSHAKE_MESSAGE} (a hybrid ClientHello is about 1,500)"
                        ),
                    ));
                }
            }
            if let Some(n) = whole_message_len(&self.handshake) {
                let rest = self.handshake.split_off(n);
                let message = core::mem::replace(&mut self.handshake, rest);
                return Ok(Some(Incoming::Handshake(message)));
            }
            let Some(&[t, v0, _, hi, lo]) = self.incoming.first_chunk::<HEADER_LEN>() else {
                return Ok(None);
            };
            let length = usize::from(u16::from_be_bytes([hi, lo]));
            if !matches!(t, 20..=23) {
                return Err(fail(
                    alert::UNEXPECTED_MESSAGE,
                    format!(
                        "a record of content type {t}, which TLS does not have (is the peer \
                         speaking TLS? the first bytes were {})",
                        to_hex(self.incoming.get(..HEADER_LEN).unwrap_or_default())
                    ),
                ));
            }
            if v0 != 3 {
                return Err(fail(
                    alert::DECODE_ERROR,
                    format!("a record header with version byte {v0}, not 3"),
                ));
            }
            if length > MAX_CIPHERTEXT {
                return Err(fail(
                    alert::RECORD_OVERFLOW,
                    format!("a record of {length} bytes, over 2^14 + 256 (RFC 8446 §5.2)"),
                ));
            }
            let Some(total) = HEADER_LEN.checked_add(length) else {
                return Ok(None);
            };
            if self.incoming.len() < total {
                return Ok(None);
            }
            let rest = self.incoming.split_off(total);
            let whole = core::mem::replace(&mut self.incoming, rest);
            let body = whole.get(HEADER_LEN..).unwrap_or_default();
            match (t, &mut self.read) {
                (content_type::CHANGE_CIPHER_SPEC, read) => {
                    // RFC 8446 §5: a change_cipher_spec of the single byte 1 may arrive
                    // during the handshake, for middleboxes, and is dropped; not inside a
                    // handshake message (§5.1) and not once the handshake is over.
                    if body != [1] {
                        return Err(fail(
                            alert::UNEXPECTED_MESSAGE,
                            "a change_cipher_spec record other than the single byte 1",
                        ));
                    }
                    if !self.handshake.is_empty()
                        || read.as_ref().is_some_and(|d| d.name == "application")
                    {
                        return Err(fail(
                            alert::UNEXPECTED_MESSAGE,
                            "a change_cipher_spec record where none may come (inside a \
                             handshake message, or after the handshake: RFC 8446 §5)",
                        ));
                    }
                    self.saw_change_cipher_spec = true;
                }
                (content_type::ALERT, None) => return Err(peer_alert(body)),
                (content_type::HANDSHAKE, None) => self.handshake.extend_from_slice(body),
                (content_type::APPLICATION_DATA, Some(d)) => {
                    let opened = record::open(&d.keys, d.sequence, &whole).map_err(|e| {
                        let a = if matches!(e, Error::AuthenticationFailed) {
                            alert::BAD_RECORD_MAC
                        } else {
                            alert::DECODE_ERROR
                        };
                        TlsError::new(
                            a,
                            Error::Handshake(format!(
                                "record {} under the {} keys does not open: {e}",
                                d.sequence, d.name
                            )),
                        )
                    })?;
                    self.log.push(RecordLog {
                        direction: "received",
                        content_type: content_name(opened.content_type),
                        keys: d.name,
                        sequence_number: d.sequence,
                        nonce: to_hex(&record::nonce(d.keys.iv(), d.sequence)),
                        plaintext: to_hex(&opened.content),
                        record: to_hex(&whole),
                    });
                    d.sequence = d.sequence.saturating_add(1);
                    match opened.content_type {
                        content_type::HANDSHAKE => {
                            self.handshake.extend_from_slice(&opened.content);
                        }
                        content_type::ALERT => return Err(peer_alert(&opened.content)),
                        _ => {
                            if self.mid_message() {
                                return Err(fail(
                                    alert::UNEXPECTED_MESSAGE,
                                    "application data inside a handshake message",
                                ));
                            }
                            return Ok(Some(Incoming::ApplicationData(opened.content)));
                        }
                    }
                }
                (content_type::APPLICATION_DATA, None) => {
                    return Err(fail(
                        alert::UNEXPECTED_MESSAGE,
                        "an encrypted record before the keys were agreed",
                    ));
                }
                // A peer that refused our hello before it had keys alerts in clear.
                (content_type::ALERT, Some(d)) if d.name == "handshake" => {
                    return Err(peer_alert(body));
                }
                (other, Some(_)) => {
                    return Err(fail(
                        alert::UNEXPECTED_MESSAGE,
                        format!(
                            "a plaintext {} record after the handshake keys were set (RFC \
                             8446 §5: everything after ServerHello is protected)",
                            content_name(other)
                        ),
                    ));
                }
                (_, None) => {
                    return Err(fail(alert::UNEXPECTED_MESSAGE, "an unexpected record"));
                }
            }
        }
    }
}

fn peer_alert(body: &[u8]) -> TlsError {
    let (level, description) = match body {
        [level, description] => (*level, *description),
        _ => {
            return fail(
                alert::DECODE_ERROR,
                format!("an alert record of {} bytes, not 2", body.len()),
            );
        }
    };
    let error = if description == alert::CLOSE_NOTIFY {
        Error::Handshake("the peer closed the connection (close_notify)".to_owned())
    } else {
        Error::Handshake(format!(
            "the peer sent {} alert {} ({description})",
            if level == 1 { "a warning" } else { "a fatal" },
            alert_name(description)
        ))
    };
    TlsError {
        alert: description,
        error,
        from_peer: true,
    }
}

/// "expected X, got Y" for a handshake message out of order.
#[must_use]
pub fn unexpected(expected: &str, message: &[u8]) -> TlsError {
    let got = message.first().copied().unwrap_or(0);
    fail(
        alert::UNEXPECTED_MESSAGE,
        format!(
            "expected {expected}, got {} (type {got})",
            handshake_type_name(got)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls13::CipherSuite;

    #[test]
    fn records_in_any_chunking_give_the_same_messages() {
        let mut sender = RecordLayer::default();
        let m1 = [1u8, 0, 0, 3, 9, 9, 9];
        let m2 = vec![2u8, 0, 0x40, 0x10]
            .into_iter()
            .chain(core::iter::repeat_n(5, 0x4010))
            .collect::<Vec<_>>();
        sender.send(22, &[&m1[..], &m2].concat()).unwrap();
        let wire = sender.take_outgoing();
        for step in [1, 3, 7, 1000, wire.len()] {
            let mut r = RecordLayer::default();
            let mut got = Vec::new();
            for chunk in wire.chunks(step) {
                r.feed(chunk);
                while let Some(Incoming::Handshake(m)) = r.next_incoming().unwrap() {
                    got.push(m);
                }
            }
            assert_eq!(got, vec![m1.to_vec(), m2.clone()], "chunk {step}");
        }
    }

    #[test]
    fn protected_records_open_and_tampering_is_bad_record_mac() {
        let suite = CipherSuite::TLS_AES_128_GCM_SHA256;
        let keys = || TrafficKeys::new(suite, &[1; 16], &[2; 12]).unwrap();
        let mut a = RecordLayer::default();
        a.set_write_keys(keys(), "handshake");
        a.send(23, b"hello").unwrap();
        let mut wire = a.take_outgoing();
        let mut b = RecordLayer::default();
        b.set_read_keys(keys(), "handshake").unwrap();
        b.feed(&wire);
        assert_eq!(
            b.next_incoming().unwrap(),
            Some(Incoming::ApplicationData(b"hello".to_vec()))
        );
        let last = wire.len() - 1;
        wire[last] ^= 1;
        let mut c = RecordLayer::default();
        c.set_read_keys(keys(), "handshake").unwrap();
        c.feed(&wire);
        assert_eq!(c.next_incoming().unwrap_err().alert, alert::BAD_RECORD_MAC);
    }
}
