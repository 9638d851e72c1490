//! A model of the TLS 1.2 ECDHE handshake (RFC 5246 §7.3 with the ECC cipher suites of
//! RFC 8422 §2.1 and §5), with real bytes, for one cipher suite:
//! TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (0xC02B, RFC 5289 §3), groups x25519 (29)
//! and secp256r1 (23), signature scheme ecdsa_secp256r1_sha256 (0x0403).
//!
//! ```text
//! Client                                              Server
//! ClientHello (client_random, supported_groups) ───▶
//!                                       ◀─── ServerHello (server_random)
//!                                            [Certificate: pinned key, not sent]
//!                                            ServerKeyExchange: ECDH public key,
//!                                              signed with the identity key
//!                                            ServerHelloDone
//! verify signature with pinned identity key
//! ClientKeyExchange (client's ECDH public key) ───▶
//! pre-master = ECDH, ephemeral keys erased          pre-master = ECDH
//! master_secret, key_block (PRF)                    master_secret, key_block
//! [ChangeCipherSpec] Finished (record 0) ─────────▶
//!                                       ◀─── [ChangeCipherSpec] Finished (record 0)
//! application data (record 1) ────────────────────▶ decrypted
//! ```
//!
//! The server has two key pairs: a long-term ECDSA P-256 identity key that only signs,
//! and an ECDH key made fresh for each connection ([`server::EcdhMode::Ephemeral`]) or,
//! to show what is lost, one static key for all ([`server::EcdhMode::Static`]). Each
//! side is a state machine with one type per state, named as rustls names them
//! ([`client::ExpectServerHello`], [`client::ExpectServerKeyExchange`], ...), each
//! consuming `self`; every step is also recorded in a [`transcript::Transcript`] of
//! typed steps, bytes annotated field by field, that the page renders.
//!
//! Choices of the model, each also said in the transcript:
//! - **No certificates.** The client pins the server's identity public key instead of
//!   validating an X.509 chain, and no Certificate message is sent, so none is part of
//!   the handshake hash that the Finished messages cover.
//! - **No extended master secret** (RFC 7627): the master secret is the RFC 5246 §8.1
//!   one, so that the values match "The Illustrated TLS 1.2 Connection".
//! - **Finished is record 0**, encrypted under the new keys, so the client's first
//!   application-data record is record 1; the GCM explicit nonce is the sequence number.
//!
//! [`handshake`] runs the whole exchange from [`HandshakeOptions`] (every input can be
//! given, so fixed options reproduce a byte-identical report) and returns a
//! [`HandshakeReport`]. Mallory can tamper with ServerKeyExchange ([`mallory`]), and
//! [`leak`] shows forward secrecy by trying to decrypt a recorded record with the keys
//! that leak from the server later.
//!
//! Resumption (RFC 5246 §7.3, RFC 5077): the client asks for a ticket with an empty
//! SessionTicket extension; the server answers with a session ID or a NewSessionTicket
//! ([`ticket`]), and a later ClientHello with either gets the abbreviated handshake,
//! which reuses the master secret ([`session`]).
//!
//! **A teaching model, not TLS.** It has no record fragmentation, no renegotiation and
//! one suite; the report shows every secret on purpose.

pub mod client;
pub mod codec;
pub mod endpoint;
pub mod leak;
pub mod mallory;
pub mod messages;
pub mod options;
pub mod record;
pub mod report;
mod run;
pub mod secrets;
pub mod server;
pub mod session;
pub mod ticket;
pub mod transcript;

pub use leak::{Compromise, LeakReport, Recording, forward_secrecy_exercise};
pub use options::HandshakeOptions;
pub use report::{HandshakeReport, RecordReport};
pub use transcript::{Side, Step};

/// Runs one handshake with `options`, and, if asked, the forward-secrecy exercise.
///
/// Never fails as a function: an invalid option or a handshake that stops is the
/// report's `error`, with the steps up to that point.
#[must_use]
pub fn handshake(options: HandshakeOptions) -> HandshakeReport {
    run::handshake(&options)
}
