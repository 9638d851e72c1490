//! What a TLS 1.3 connection of the model reports (every secret, on purpose: showing
//! them is the lesson) and what it keeps for a later resumption.

use core::fmt;

use zeroize::Zeroizing;

use super::suite::CipherSuite;
pub use crate::tls12::report::{CertificateReport, ConnectionReport, SecretsReport};

/// What a client keeps from a NewSessionTicket (RFC 8446 §4.6.1) for a later
/// resumption: the ticket and the PSK derived for it.
#[derive(Clone)]
pub struct Session {
    /// The suite the PSK belongs to.
    pub suite: CipherSuite,
    /// The server name the ticket was issued for.
    pub server_name: Option<String>,
    /// The ticket, opaque.
    pub ticket: Vec<u8>,
    /// ticket_age_add.
    pub age_add: u32,
    /// ticket_lifetime, seconds.
    pub lifetime: u32,
    /// The PSK: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce).
    pub psk: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("suite", &self.suite)
            .field("ticket_len", &self.ticket.len())
            .field("lifetime", &self.lifetime)
            .finish_non_exhaustive()
    }
}
