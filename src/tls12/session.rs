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
