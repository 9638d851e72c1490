//! What a TLS 1.3 connection of the model reports (every secret, on purpose: showing
//! them is the lesson) and what it keeps for a later resumption.

use core::fmt;

use zeroize::Zeroizing;

use super::suite::CipherSuite;
pub use crate::tls12::report::{CertificateReport, ConnectionReport, SecretsReport};
pub use crate::tls12::session::{SessionReport, issuer};
pub use crate::tls12::ticket::{TicketKey, TicketState};

/// The ticket age the model's client presents, in milliseconds: fixed, so a lesson's
/// ClientHello is reproducible (a real client measures the time since the ticket came).
pub const TICKET_AGE_MS: u32 = 10_000;

/// How a TLS 1.3 resumption agrees its keys (RFC 8446 §4.2.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PskMode {
    /// psk_dhe_ke: the PSK and a fresh (EC)DHE. A leaked PSK does not open the
    /// connection.
    PskDheKe,
    /// psk_ke: the PSK alone. Whoever learns the PSK (or the ticket key) opens it.
    PskKe,
}

impl PskMode {
    /// The codepoint.
    #[must_use]
    pub const fn id(self) -> u8 {
        match self {
            Self::PskDheKe => super::messages::PSK_DHE_KE,
            Self::PskKe => super::messages::PSK_KE,
        }
    }

    /// "psk_dhe_ke" or "psk_ke".
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::PskDheKe => "psk_dhe_ke",
            Self::PskKe => "psk_ke",
        }
    }

    /// From its name.
    ///
    /// # Errors
    /// Anything but the two names.
    pub fn from_name(name: &str) -> crate::error::Result<Self> {
        match name.trim() {
            "psk_dhe_ke" => Ok(Self::PskDheKe),
            "psk_ke" => Ok(Self::PskKe),
            other => Err(crate::error::Error::malformed(
                "pskMode",
                format!("{other:?}: expected \"psk_dhe_ke\" or \"psk_ke\""),
            )),
        }
    }
}

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
    /// ticket_nonce: what makes this ticket's PSK differ from the connection's others.
    pub nonce: Vec<u8>,
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

impl Session {
    /// The plain object reports show and `resume` takes back.
    #[must_use]
    pub fn to_report(&self, issuer: &str) -> SessionReport {
        use crate::keys::text::to_hex;
        SessionReport {
            version: "1.3".to_owned(),
            issuer: issuer.to_owned(),
            cipher_suite: self.suite.name().to_owned(),
            server_name: self.server_name.clone(),
            ticket: Some(to_hex(&self.ticket)),
            session_id: None,
            master_secret: None,
            psk: Some(to_hex(&self.psk)),
            ticket_nonce: Some(to_hex(&self.nonce)),
            age_add: Some(self.age_add),
            lifetime: self.lifetime,
        }
    }

    /// A session from the plain object, for `who` (an issuer name) to resume.
    ///
    /// # Errors
    /// A session of another version or issuer (see [`SessionReport::check`]); a field
    /// missing or malformed.
    pub fn from_report(r: &SessionReport, who: &str) -> crate::error::Result<Self> {
        use crate::error::Error;
        r.check("1.3", who)?;
        let suite = CipherSuite::ALL
            .iter()
            .copied()
            .find(|s| s.name().eq_ignore_ascii_case(r.cipher_suite.trim()))
            .ok_or_else(|| {
                Error::malformed(
                    "resume",
                    format!("cipherSuite {:?} is not a TLS 1.3 suite", r.cipher_suite),
                )
            })?;
        let psk = SessionReport::bytes(r.psk.as_ref(), "psk")?;
        if psk.len() != suite.hash_len() {
            return Err(Error::malformed(
                "resume",
                format!(
                    "the psk is {} bytes; a {} PSK is {}",
                    psk.len(),
                    suite.name(),
                    suite.hash_len()
                ),
            ));
        }
        let ticket = SessionReport::bytes(r.ticket.as_ref(), "ticket")?.to_vec();
        if ticket.is_empty() {
            return Err(Error::malformed("resume", "the ticket is empty"));
        }
        Ok(Self {
            suite,
            server_name: r.server_name.clone(),
            ticket,
            age_add: r.age_add.unwrap_or(0),
            lifetime: r.lifetime,
            nonce: SessionReport::bytes(r.ticket_nonce.as_ref(), "ticketNonce")?.to_vec(),
            psk,
        })
    }
}
