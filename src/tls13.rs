//! TLS 1.3 (RFC 8446), as far as its cryptography goes: the key schedule (§7.1–§7.3),
//! Finished (§4.4.4), the resumption PSK (§4.6.1) and record protection (§5.2–§5.4),
//! for the suites TLS_AES_128_GCM_SHA256 and TLS_AES_256_GCM_SHA384 (§B.4).
//!
//! ```text
//! Client                                               Server
//! ClientHello (key_share) ──────────────────────────▶
//!                             ◀── ServerHello (key_share)
//!   (EC)DHE shared secret; hello hash = H(ClientHello ‖ ServerHello)
//!   handshake traffic secrets → handshake keys
//!                             ◀── {EncryptedExtensions} {Certificate}
//!                                 {CertificateVerify} {Finished}
//!   handshake hash = H(ClientHello .. server Finished)
//!   application traffic secrets → application keys
//! {Finished} ───────────────────────────────────────▶
//! [application data] ◀──────────────────────────────▶ [application data]
//!
//! {} protected with handshake keys, [] with application keys
//! ```
//!
//! Everything after ServerHello is encrypted, so unlike TLS 1.2 the certificate is not
//! visible on the wire; every secret comes from HKDF (RFC 5869) with the suite's hash,
//! and each direction and each phase has its own key.
//!
//! The parts: [`suite`] (the two suites and their hashes), [`hkdf`] (HkdfLabel,
//! HKDF-Expand-Label, Derive-Secret), [`key_schedule`] (the secrets, Finished and
//! resumption), [`traffic`] (write keys and IVs, key updates), [`record`] (protected
//! records) and [`report`].
//!
//! [`key_schedule_report`] is what the page calls: it derives the whole schedule from a
//! suite name, the shared secret and the two transcript hashes, and returns every value
//! as hex.
//!
//! Resumption (RFC 8446 §2.2): the server seals each NewSessionTicket's PSK into the
//! ticket under its ticket key ([`session::TicketKey`]); a client given a
//! [`session::Session`] offers it in pre_shared_key with its binder, in psk_dhe_ke or
//! psk_ke mode, and a server that opens the ticket and checks the binder skips the
//! certificate. The 0-RTT key is derived and shown; no early data is sent.
//!
//! **A teaching model, not TLS.** The report shows every secret on purpose.

pub mod client;
pub mod conn;
pub mod endpoint;
pub mod handshake;
pub mod hkdf;
pub mod key_schedule;
pub mod key_share;
pub mod messages;
pub mod options;
pub mod record;
pub mod report;
mod resume_leak;
pub mod server;
pub mod session;
pub mod suite;
pub mod traffic;

pub use self::hkdf::{derive_secret, hkdf_expand_label, hkdf_extract, hkdf_label};
pub use endpoint::{Client, Failure, Server};
pub use key_schedule::{
    KeySchedule, KeyScheduleEarly, KeyScheduleHandshake, KeyScheduleTraffic, finished_key,
    finished_verify_data, resumption_psk,
};
pub use record::{OpenedRecord, SealedRecord};
pub use report::{KeyScheduleReport, key_schedule_report};
pub use suite::{CipherSuite, HashAlgorithm};
pub use traffic::{TrafficKeys, next_application_traffic_secret};
