//! A session to resume, as reports show it and as the `resume` option takes it back:
//! one plain object for both versions (RFC 5077 tickets and session IDs in TLS 1.2,
//! NewSessionTicket PSKs in TLS 1.3). It holds the secret the resumption rests on — the
//! TLS 1.2 master secret or the TLS 1.3 PSK — so it is itself a secret.

use core::fmt;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, Result};
use crate::keys::text::from_hex;

/// Who issued a session: the in-memory model (`tls12Handshake`, `tls13Handshake`), or
/// a real server through `TlsClient`.
pub mod issuer {
    /// A `tls12Handshake` report's session.
    pub const TLS12_MODEL: &str = "tls12Handshake";
    /// A `tls13Handshake` report's session.
    pub const TLS13_MODEL: &str = "tls13Handshake";
    /// `client.session` of a `TlsClient`.
    pub const MACHINE: &str = "TlsClient";
}

/// A session, every byte string as lowercase hex.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionReport {
    /// "1.2" or "1.3".
    pub version: String,
    /// Who issued it: see [`issuer`].
    pub issuer: String,
    /// The cipher suite the secret belongs to.
    pub cipher_suite: String,
    /// The server name the client asked for.
    pub server_name: Option<String>,
    /// The ticket (RFC 5077 or NewSessionTicket), opaque to the client.
    pub ticket: Option<String>,
    /// TLS 1.2: the session ID the server's cache knows the session by.
    pub session_id: Option<String>,
    /// TLS 1.2: the master secret the abbreviated handshake reuses.
    pub master_secret: Option<String>,
    /// TLS 1.3: the PSK, HKDF-Expand-Label(resumption_master_secret, "resumption",
    /// ticket_nonce).
    pub psk: Option<String>,
    /// TLS 1.3: ticket_nonce.
    pub ticket_nonce: Option<String>,
    /// TLS 1.3: ticket_age_add.
    pub age_add: Option<u32>,
    /// ticket_lifetime, seconds (TLS 1.2: the ticket's lifetime hint).
    pub lifetime: u32,
}

impl fmt::Debug for SessionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionReport")
            .field("version", &self.version)
            .field("issuer", &self.issuer)
            .field("cipher_suite", &self.cipher_suite)
            .finish_non_exhaustive()
    }
}

impl SessionReport {
    /// Checks that the session may be resumed by `who` (an issuer name) at `version`.
    ///
    /// # Errors
    /// Another version; a session from a real server given to the model, or the other
    /// way round: a ticket resumes only with the server that sealed it.
    pub fn check(&self, version: &str, who: &str) -> Result<()> {
        if self.version != version {
            return Err(Error::malformed(
                "resume",
                format!(
                    "the session is a TLS {} session; this is TLS {version}",
                    self.version
                ),
            ));
        }
        let model = who != issuer::MACHINE;
        let from_model = self.issuer != issuer::MACHINE;
        if model && !from_model {
            return Err(Error::malformed(
                "resume",
                "this session came from a TlsClient talking to a real server: only that \
                 server can open its ticket (or find its session ID). Resume it with a new \
                 TlsClient connected to the same server; the in-memory model never saw it",
            ));
        }
        if !model && from_model {
            return Err(Error::malformed(
                "resume",
                format!(
                    "this session came from {}'s in-memory server, not from the server this \
                     TlsClient talks to, which cannot open its ticket. Pass `client.session` \
                     of an earlier TlsClient connected to the same server",
                    self.issuer
                ),
            ));
        }
        Ok(())
    }

    /// A hex field, decoded.
    ///
    /// # Errors
    /// Absent, or not hex.
    pub fn bytes(field: Option<&String>, name: &'static str) -> Result<Zeroizing<Vec<u8>>> {
        let hex = field.ok_or_else(|| {
            Error::malformed(
                "resume",
                format!("the session has no {name}: pass a report's `session` unchanged"),
            )
        })?;
        from_hex(hex)
            .map(Zeroizing::new)
            .map_err(|e| Error::malformed("resume", format!("{name}: {e}")))
    }
}

/// What a TLS 1.2 client keeps to resume: the session ID the server gave, the ticket if
/// it sent one (RFC 5077), and the master secret both reuse.
#[derive(Clone)]
pub struct Session12 {
    /// ServerHello.session_id (empty if the server gave none).
    pub session_id: Vec<u8>,
    /// The NewSessionTicket's ticket, if any.
    pub ticket: Option<Vec<u8>>,
    /// The master secret of the full handshake.
    pub master_secret: Zeroizing<[u8; 48]>,
    /// ticket_lifetime_hint, seconds.
    pub lifetime: u32,
    /// The server name the client asked for.
    pub server_name: Option<String>,
}

impl fmt::Debug for Session12 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session12")
            .field("session_id_len", &self.session_id.len())
            .field("ticket", &self.ticket.is_some())
            .finish_non_exhaustive()
    }
}

impl Session12 {
    /// The plain object reports show and `resume` takes back.
    #[must_use]
    pub fn to_report(&self, issuer: &str) -> SessionReport {
        use crate::keys::text::to_hex;
        SessionReport {
            version: "1.2".to_owned(),
            issuer: issuer.to_owned(),
            cipher_suite: super::messages::CIPHER_SUITE_NAME.to_owned(),
            server_name: self.server_name.clone(),
            ticket: self.ticket.as_deref().map(to_hex),
            session_id: (!self.session_id.is_empty()).then(|| to_hex(&self.session_id)),
            master_secret: Some(to_hex(self.master_secret.as_slice())),
            psk: None,
            ticket_nonce: None,
            age_add: None,
            lifetime: self.lifetime,
        }
    }

    /// A session from the plain object, for `who` (an issuer name) to resume.
    ///
    /// # Errors
    /// Another version or issuer; no ticket and no session ID; a malformed field.
    pub fn from_report(r: &SessionReport, who: &str) -> Result<Self> {
        r.check("1.2", who)?;
        if !r
            .cipher_suite
            .trim()
            .eq_ignore_ascii_case(super::messages::CIPHER_SUITE_NAME)
        {
            return Err(Error::malformed(
                "resume",
                format!(
                    "cipherSuite {:?}: the TLS 1.2 model has only {}",
                    r.cipher_suite,
                    super::messages::CIPHER_SUITE_NAME
                ),
            ));
        }
        let master = SessionReport::bytes(r.master_secret.as_ref(), "masterSecret")?;
        let master_secret =
            Zeroizing::new(<[u8; 48]>::try_from(master.as_slice()).map_err(|_| {
                Error::malformed(
                    "resume",
                    format!("masterSecret is {} bytes, not 48", master.len()),
                )
            })?);
        let ticket = match &r.ticket {
            Some(_) => Some(SessionReport::bytes(r.ticket.as_ref(), "ticket")?.to_vec()),
            None => None,
        };
        let session_id = match &r.session_id {
            Some(_) => SessionReport::bytes(r.session_id.as_ref(), "sessionId")?.to_vec(),
            None => Vec::new(),
        };
        if session_id.len() > 32 {
            return Err(Error::malformed(
                "resume",
                "sessionId is over 32 bytes (RFC 5246 §7.4.1.2)",
            ));
        }
        if ticket.is_none() && session_id.is_empty() {
            return Err(Error::malformed(
                "resume",
                "the session has neither a ticket nor a session ID: the server gave nothing \
                 to resume with",
            ));
        }
        Ok(Self {
            session_id,
            ticket,
            master_secret,
            lifetime: r.lifetime,
            server_name: r.server_name.clone(),
        })
    }
}

/// One entry of a TLS 1.2 server's session cache: a session ID and its master secret.
#[derive(Clone)]
pub struct CachedSession {
    /// The session ID.
    pub session_id: Vec<u8>,
    /// The master secret.
    pub master_secret: Zeroizing<[u8; 48]>,
}

impl fmt::Debug for CachedSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedSession")
            .field("session_id", &crate::keys::text::to_hex(&self.session_id))
            .finish_non_exhaustive()
    }
}
