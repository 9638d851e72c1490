//! The handshake messages of a TLS 1.2 ECDHE_ECDSA handshake, byte for byte: RFC 5246
//! §7.4 (ClientHello, ServerHello, ServerHelloDone, Finished) with the ECC additions of
//! RFC 8422 §5 (supported_groups and ec_point_formats extensions, ServerKeyExchange,
//! ClientKeyExchange) and the signature_algorithms extension of RFC 5246 §7.4.1.4.1.
//!
//! Every `encode` returns the whole handshake message (`msg_type ‖ length ‖ body`) with
//! every field annotated; every `parse` reads the whole message back and checks it.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use crate::error::{Error, Result};
use crate::keys::Curve;

use super::codec::{Annotated, Reader, handshake_message};

mod hello;
mod key_exchange;

pub use hello::{ClientHello, ServerHello};
pub use key_exchange::{
    ClientKeyExchange, ServerEcdhParams, ServerKeyExchange, public_key_from_wire,
};

/// ProtocolVersion {3, 3}: TLS 1.2 (RFC 5246 §6.2.1).
pub const TLS12: [u8; 2] = [3, 3];
/// TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (RFC 5289 §3), the one suite of the model.
pub const CIPHER_SUITE: u16 = 0xc02b;
/// The suite's name.
pub const CIPHER_SUITE_NAME: &str = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
/// SignatureAndHashAlgorithm {sha256(4), ecdsa(3)}, which TLS 1.3 names
/// ecdsa_secp256r1_sha256 (0x0403).
pub const SIGNATURE_SCHEME: u16 = 0x0403;
/// ECCurveType named_curve (RFC 8422 §5.4): the only curve type still allowed.
pub const NAMED_CURVE: u8 = 3;
/// ECPointFormat uncompressed (RFC 8422 §5.1.2): the only format still allowed.
pub const UNCOMPRESSED: u8 = 0;

/// HandshakeType values (RFC 5246 §7.4).
pub mod handshake_type {
    /// client_hello(1)
    pub const CLIENT_HELLO: u8 = 1;
    /// server_hello(2)
    pub const SERVER_HELLO: u8 = 2;
    /// new_session_ticket(4), RFC 5077 §3.3
    pub const NEW_SESSION_TICKET: u8 = 4;
    /// certificate(11)
    pub const CERTIFICATE: u8 = 11;
    /// server_key_exchange(12)
    pub const SERVER_KEY_EXCHANGE: u8 = 12;
    /// server_hello_done(14)
    pub const SERVER_HELLO_DONE: u8 = 14;
    /// client_key_exchange(16)
    pub const CLIENT_KEY_EXCHANGE: u8 = 16;
    /// finished(20)
    pub const FINISHED: u8 = 20;
}

use handshake_type as ht;

/// A NamedGroup (RFC 8422 §5.1.1). The model implements x25519 and secp256r1; a
/// client may also offer the others, which no one here can use, to show what happens
/// when the two sides share no group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedGroup {
    /// x25519 (29), RFC 7748.
    X25519,
    /// secp256r1 (23), NIST P-256.
    Secp256r1,
    /// secp384r1 (24), offered but not implemented.
    Secp384r1,
    /// secp521r1 (25), offered but not implemented.
    Secp521r1,
    /// x448 (30), offered but not implemented.
    X448,
    /// X25519MLKEM768 (0x11EC), the hybrid of ML-KEM-768 and X25519
    /// ([`crate::mlkem::hybrid`]): TLS 1.3 only, in builds with ML-KEM.
    X25519MlKem768,
}

impl NamedGroup {
    /// The groups the model can compute with.
    pub const IMPLEMENTED: [Self; 2] = [Self::X25519, Self::Secp256r1];
    const ALL: [Self; 6] = [
        Self::X25519,
        Self::Secp256r1,
        Self::Secp384r1,
        Self::Secp521r1,
        Self::X448,
        Self::X25519MlKem768,
    ];

    /// The codepoint.
    #[must_use]
    pub const fn id(self) -> u16 {
        match self {
            Self::X25519 => 29,
            Self::Secp256r1 => 23,
            Self::Secp384r1 => 24,
            Self::Secp521r1 => 25,
            Self::X448 => 30,
            Self::X25519MlKem768 => 0x11ec,
        }
    }

    /// The name as the TLS registry spells it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::X25519 => "x25519",
            Self::Secp256r1 => "secp256r1",
            Self::Secp384r1 => "secp384r1",
            Self::Secp521r1 => "secp521r1",
            Self::X448 => "x448",
            Self::X25519MlKem768 => "X25519MLKEM768",
        }
    }

    /// Whether TLS 1.3 can use this group here: the two curves, and the hybrid when the
    /// build has ML-KEM.
    #[must_use]
    pub const fn tls13_implemented(self) -> bool {
        matches!(self, Self::X25519 | Self::Secp256r1)
            || (matches!(self, Self::X25519MlKem768) && cfg!(feature = "mlkem"))
    }

    /// The playground's curve, for the implemented groups.
    #[must_use]
    pub const fn curve(self) -> Option<Curve> {
        match self {
            Self::X25519 => Some(Curve::X25519),
            Self::Secp256r1 => Some(Curve::P256),
            _ => None,
        }
    }

    /// The group with this codepoint, if the model knows it.
    #[must_use]
    pub fn from_id(id: u16) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.id() == id)
    }

    /// Reads a group name: the TLS names, or the WebCrypto ones ("X25519", "P-256").
    ///
    /// # Errors
    /// [`Error::Malformed`] listing the names that are known.
    pub fn from_name(name: &str) -> Result<Self> {
        if let Some(g) = Self::ALL
            .into_iter()
            .find(|g| g.name().eq_ignore_ascii_case(name.trim()))
        {
            return Ok(g);
        }
        match name.parse::<Curve>() {
            Ok(Curve::X25519) => Ok(Self::X25519),
            Ok(Curve::P256) => Ok(Self::Secp256r1),
            Err(_) => Err(Error::malformed(
                "group",
                format!(
                    "unknown group {name:?}: expected \"x25519\", \"secp256r1\", \
                     \"X25519MLKEM768\", \"secp384r1\", \"secp521r1\" or \"x448\""
                ),
            )),
        }
    }
}

/// "x25519 (29)", or the codepoint in hex for a group the model does not know.
#[must_use]
pub fn group_meaning(id: u16) -> String {
    NamedGroup::from_id(id).map_or_else(
        || format!("unknown group 0x{id:04x}"),
        |g| format!("{} ({id})", g.name()),
    )
}

/// ServerHelloDone (RFC 5246 §7.4.5): an empty body.
///
/// # Errors
/// None in practice: the body is empty.
pub fn server_hello_done() -> Result<Annotated> {
    handshake_message(ht::SERVER_HELLO_DONE, "server_hello_done", |_| Ok(()))
}

/// Checks a ServerHelloDone message.
///
/// # Errors
/// A different message, or a non-empty body.
pub fn parse_server_hello_done(message: &[u8]) -> Result<()> {
    Reader::handshake(message, ht::SERVER_HELLO_DONE, "ServerHelloDone")?.finish("the header")
}

/// Finished (RFC 5246 §7.4.9): 12 bytes of verify_data.
///
/// # Errors
/// None in practice: the body is 12 bytes.
pub fn finished(verify_data: &[u8; 12], label: &str) -> Result<Annotated> {
    handshake_message(ht::FINISHED, "finished", |m| {
        m.put(
            "verify_data",
            format!("PRF(master_secret, \"{label}\", SHA-256(handshake_messages))[0..11]"),
            verify_data,
        );
        Ok(())
    })
}

/// Reads a Finished message's verify_data.
///
/// # Errors
/// A different message, or a body that is not 12 bytes.
pub fn parse_finished(message: &[u8]) -> Result<[u8; 12]> {
    let mut r = Reader::handshake(message, ht::FINISHED, "Finished")?;
    let verify_data = r.array("verify_data")?;
    r.finish("verify_data")?;
    Ok(verify_data)
}

/// Certificate (RFC 5246 §7.4.2): the server's certificate chain, here one self-signed
/// certificate.
///
/// # Errors
/// A certificate over 2^24 − 1 bytes.
pub fn certificate(der: &[u8]) -> Result<Annotated> {
    handshake_message(ht::CERTIFICATE, "certificate", |m| {
        let l = m.open_length("certificate_list length", 3, "certificates");
        let c = m.open_length("ASN.1Cert length", 3, "certificate");
        m.put(
            "ASN.1Cert",
            "the server's X.509 certificate, DER (RFC 5280), in clear: its public key checks \
             the ServerKeyExchange signature",
            der,
        );
        m.close_length(c)?;
        m.close_length(l)
    })
}

/// Reads a Certificate message: the DER certificates, the server's own first.
///
/// # Errors
/// A different message, a malformed list, or an empty one.
pub fn parse_certificate(message: &[u8]) -> Result<Vec<Vec<u8>>> {
    let mut r = Reader::handshake(message, ht::CERTIFICATE, "Certificate")?;
    let mut list = r.vector(3, "certificate_list")?;
    r.finish("certificate_list")?;
    let mut out = Vec::new();
    while !list.is_empty() {
        out.push(list.vector(3, "ASN.1Cert")?.rest().to_vec());
    }
    if out.is_empty() {
        return Err(Error::malformed(
            "Certificate",
            "the server sent no certificate",
        ));
    }
    Ok(out)
}

/// NewSessionTicket (RFC 5077 §3.3): the ticket's lifetime hint and the ticket.
///
/// # Errors
/// A ticket over 65,535 bytes.
pub fn new_session_ticket(lifetime_hint: u32, ticket: &[u8]) -> Result<Annotated> {
    handshake_message(ht::NEW_SESSION_TICKET, "new_session_ticket", |m| {
        m.put(
            "ticket_lifetime_hint",
            format!("{lifetime_hint} seconds: how long the client may keep it"),
            &lifetime_hint.to_be_bytes(),
        );
        let l = m.open_length("ticket length", 2, "ticket");
        m.put(
            "ticket",
            "key_name ‖ iv ‖ encrypted_state ‖ mac: the session (its master secret) sealed \
             under the server's ticket key; opaque to the client",
            ticket,
        );
        m.close_length(l)
    })
}

/// Reads a NewSessionTicket: the lifetime hint and the ticket.
///
/// # Errors
/// A malformed message.
pub fn parse_new_session_ticket(message: &[u8]) -> Result<(u32, Vec<u8>)> {
    let mut r = Reader::handshake(message, ht::NEW_SESSION_TICKET, "NewSessionTicket")?;
    let lifetime = u32::from_be_bytes(r.array("ticket_lifetime_hint")?);
    let ticket = r.vector(2, "ticket")?.rest().to_vec();
    r.finish("ticket")?;
    Ok((lifetime, ticket))
}
