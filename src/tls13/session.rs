//! What a TLS 1.3 connection of the model reports (every secret, on purpose: showing
//! them is the lesson) and what it keeps for a later resumption.

use core::fmt;

use serde::Serialize;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::conn::RecordLog;
use super::suite::CipherSuite;
pub use crate::tls12::report::CertificateReport;
use crate::tls12::transcript::Step;

/// Every secret, key and hash of the key schedule, lowercase hex, as each became known
/// (`None` until then). Zeroized on drop; `Debug` prints none of it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
pub struct SecretsReport {
    /// The (EC)DHE shared secret.
    pub shared_secret: Option<String>,
    /// Transcript-Hash(ClientHello .. ServerHello).
    pub hello_hash: Option<String>,
    /// Transcript-Hash(ClientHello .. server Finished).
    pub handshake_hash: Option<String>,
    /// Early Secret (no PSK: HKDF-Extract(0, 0)).
    pub early_secret: Option<String>,
    /// Handshake Secret.
    pub handshake_secret: Option<String>,
    /// client_handshake_traffic_secret.
    pub client_handshake_traffic_secret: Option<String>,
    /// server_handshake_traffic_secret.
    pub server_handshake_traffic_secret: Option<String>,
    /// Master Secret.
    pub master_secret: Option<String>,
    /// client_application_traffic_secret_0.
    pub client_application_traffic_secret: Option<String>,
    /// server_application_traffic_secret_0.
    pub server_application_traffic_secret: Option<String>,
    /// exporter_master_secret.
    pub exporter_master_secret: Option<String>,
    /// resumption_master_secret.
    pub resumption_master_secret: Option<String>,
    /// The client's handshake write key.
    pub client_handshake_key: Option<String>,
    /// The client's handshake write IV.
    pub client_handshake_iv: Option<String>,
    /// The server's handshake write key.
    pub server_handshake_key: Option<String>,
    /// The server's handshake write IV.
    pub server_handshake_iv: Option<String>,
    /// The client's application write key.
    pub client_application_key: Option<String>,
    /// The client's application write IV.
    pub client_application_iv: Option<String>,
    /// The server's application write key.
    pub server_application_key: Option<String>,
    /// The server's application write IV.
    pub server_application_iv: Option<String>,
    /// The client's Finished verify_data.
    pub client_finished: Option<String>,
    /// The server's Finished verify_data.
    pub server_finished: Option<String>,
}

impl fmt::Debug for SecretsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretsReport").finish_non_exhaustive()
    }
}

/// One connection's report: the same run, seen from one side.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    /// "1.3".
    pub version: &'static str,
    /// "client" or "server".
    pub side: &'static str,
    /// The negotiated suite's IANA name.
    pub cipher_suite: Option<&'static str>,
    /// The negotiated group's IANA name.
    pub group: Option<&'static str>,
    /// Whether a HelloRetryRequest happened.
    pub hello_retry_request: bool,
    /// The server name the client asked for.
    pub server_name: Option<String>,
    /// The server's certificate (client side).
    pub certificate: Option<CertificateReport>,
    /// What the client's trust in the certificate rests on, in words.
    pub trust: Option<String>,
    /// The key schedule.
    pub secrets: SecretsReport,
    /// Protected records, both directions.
    pub records: Vec<RecordLog>,
    /// NewSessionTicket messages received (client) or sent (server).
    pub tickets: usize,
    /// Whether the handshake completed.
    pub handshake_done: bool,
    /// The transcript: what this side sent, received and computed.
    pub steps: Vec<Step>,
    /// Why the connection stopped, if it did.
    pub error: Option<String>,
    /// The alert sent or received, by name.
    pub alert: Option<String>,
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
