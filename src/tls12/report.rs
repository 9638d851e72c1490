//! What [`super::handshake`] returns to the page: every value of the run as lowercase
//! hex (PEM for the identity key), the transcript, and the error that stopped it.
//!
//! The report reveals every secret of the connection on purpose: showing them is the
//! lesson. Values the run did not reach are `None` (`null` in JSON).

use core::fmt;

use serde::Serialize;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::leak::LeakReport;
use super::transcript::Step;
use crate::keys::x509::Summary;

/// The client's first application-data record and the inputs that sealed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordReport {
    /// The record's sequence number: 1, since the Finished record was 0.
    pub sequence_number: u32,
    /// The plaintext (the `message` option's UTF-8 bytes).
    pub plaintext: String,
    /// The 8-byte explicit nonce sent in the record.
    pub explicit_nonce: String,
    /// The 12-byte GCM nonce: client_write_IV ‖ explicit nonce.
    pub nonce: String,
    /// The 13 bytes of additional data: seq_num ‖ type ‖ version ‖ length.
    pub aad: String,
    /// AES-128-GCM output: ciphertext ‖ 16-byte tag.
    pub ciphertext: String,
    /// The whole record as sent: header ‖ explicit nonce ‖ ciphertext ‖ tag.
    pub wire: String,
    /// What the server decrypted.
    pub opened: String,
}

/// The outcome of one handshake run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandshakeReport {
    /// The protocol version: "1.2".
    pub version: &'static str,
    /// The negotiated group: "x25519" or "secp256r1".
    pub group: Option<String>,
    /// The cipher suite's name.
    pub cipher_suite: &'static str,
    /// ClientHello.random.
    pub client_random: Option<String>,
    /// ServerHello.random.
    pub server_random: Option<String>,
    /// The ClientHello body (without the 4-byte handshake header).
    pub client_hello: Option<String>,
    /// The ServerHello body.
    pub server_hello: Option<String>,
    /// The ServerKeyExchange body, as the client received it.
    pub server_key_exchange: Option<String>,
    /// The ServerECDHParams inside it.
    pub server_ecdh_params: Option<String>,
    /// client_random ‖ server_random ‖ ServerECDHParams, as the client verified it.
    pub signed_data: Option<String>,
    /// The DER signature in ServerKeyExchange.
    pub signature: Option<String>,
    /// The server's identity public key, PEM.
    pub server_identity_public_key: Option<String>,
    /// The server's certificate as the client read it.
    pub certificate: Option<CertificateReport>,
    /// Whether the client accepted the ServerKeyExchange signature.
    pub signature_valid: bool,
    /// The ClientKeyExchange body.
    pub client_key_exchange: Option<String>,
    /// The pre-master secret (the ECDH output).
    pub pre_master_secret: Option<String>,
    /// The 48-byte master secret.
    pub master_secret: Option<String>,
    /// The 40 bytes of key block the suite uses.
    pub key_block: Option<String>,
    /// client_write_key (16 bytes).
    pub client_write_key: Option<String>,
    /// server_write_key (16 bytes).
    pub server_write_key: Option<String>,
    /// client_write_IV (4 bytes).
    pub client_iv: Option<String>,
    /// server_write_IV (4 bytes).
    pub server_iv: Option<String>,
    /// The client's first application-data record.
    pub record: Option<RecordReport>,
    /// The client's Finished verify_data (12 bytes).
    pub client_finished: Option<String>,
    /// The server's Finished verify_data (12 bytes).
    pub server_finished: Option<String>,
    /// Mallory's attack: "none", "swap-key" or "resign".
    pub mallory: &'static str,
    /// Whether the server used a static ECDH key.
    pub static_server_key: bool,
    /// The transcript.
    pub steps: Vec<Step>,
    /// The forward-secrecy exercise, when asked for and the handshake completed.
    pub leak: Option<LeakReport>,
    /// Whether this run resumed the session given in `resume` (abbreviated handshake).
    pub resumed: bool,
    /// How: "ticket" or "session_id" (null for a full handshake).
    pub resumption: Option<&'static str>,
    /// The session to pass as `resume` to a later run: the master secret with the ticket
    /// or session ID the server gave (a secret).
    pub session: Option<super::session::SessionReport>,
    /// The server's ticket key's name (RFC 5077 key_name), hex.
    pub ticket_key_name: Option<String>,
    /// The resumption exercise (`leakTicketKey`).
    pub resumption_leak: Option<super::leak::ResumptionLeak>,
    /// Why the run stopped, if it did.
    pub error: Option<String>,
}

/// The server's certificate as the client read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateReport {
    /// The subject's distinguished name.
    pub subject: String,
    /// The issuer's (the subject's own for a self-signed certificate).
    pub issuer: String,
    /// Start of validity.
    pub not_before: String,
    /// End of validity.
    pub not_after: String,
    /// Serial number, hex.
    pub serial_number: String,
    /// The certificate's public key, PEM.
    pub public_key: String,
    /// The certificate, PEM.
    pub pem: String,
    /// Whether the client compared it with a pinned certificate.
    pub pinned: bool,
}

impl CertificateReport {
    /// From a parsed certificate.
    #[must_use]
    pub fn new(summary: Summary, public_key: String, pem: String, pinned: bool) -> Self {
        Self {
            subject: summary.subject,
            issuer: summary.issuer,
            not_before: summary.not_before,
            not_after: summary.not_after,
            serial_number: summary.serial_number,
            public_key,
            pem,
            pinned,
        }
    }
}

/// Every secret, key and hash of a connection (the TLS 1.3 key schedule, or the TLS 1.2
/// pre-master secret, master secret and key block), lowercase hex, as each became known
/// (`None` until then). Zeroized on drop; `Debug` prints none of it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
pub struct SecretsReport {
    /// The (EC)DHE shared secret (in TLS 1.2, the pre-master secret).
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
    /// Master Secret (TLS 1.3), or the 48-byte master_secret (TLS 1.2).
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
    /// TLS 1.2: the key block (40 bytes of PRF output).
    pub key_block: Option<String>,
    /// TLS 1.2: client_write_key.
    pub client_write_key: Option<String>,
    /// TLS 1.2: server_write_key.
    pub server_write_key: Option<String>,
    /// TLS 1.2: client_write_IV (the 4-byte implicit nonce).
    pub client_write_iv: Option<String>,
    /// TLS 1.2: server_write_IV.
    pub server_write_iv: Option<String>,
    /// The client's Finished verify_data.
    pub client_finished: Option<String>,
    /// The server's Finished verify_data.
    pub server_finished: Option<String>,
    /// The PSK a TLS 1.3 resumption starts from (the ticket's), or the TLS 1.2 master
    /// secret a resumption reuses.
    pub psk: Option<String>,
    /// TLS 1.3 resumption: binder_key = Derive-Secret(Early Secret, "res binder", "").
    pub binder_key: Option<String>,
    /// TLS 1.3 resumption: the binder sent in (or checked from) ClientHello.
    pub binder: Option<String>,
    /// TLS 1.3 resumption: client_early_traffic_secret, the 0-RTT key's secret.
    pub client_early_traffic_secret: Option<String>,
    /// TLS 1.3 resumption: early_exporter_master_secret.
    pub early_exporter_master_secret: Option<String>,
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
    /// "1.2" or "1.3".
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
    /// Protected records, both directions (TLS 1.3).
    pub records: Vec<RecordLog>,
    /// NewSessionTicket messages received (client) or sent (server).
    pub tickets: usize,
    /// Whether this connection resumed an earlier session (abbreviated handshake).
    pub resumed: bool,
    /// TLS 1.3 resumption: "psk_dhe_ke" or "psk_ke"; TLS 1.2: "ticket" or "session_id".
    pub resumption: Option<&'static str>,
    /// Whether the handshake completed.
    pub handshake_done: bool,
    /// The transcript: what this side sent, received and computed.
    pub steps: Vec<Step>,
    /// Why the connection stopped, if it did.
    pub error: Option<String>,
    /// The alert sent or received, by name.
    pub alert: Option<String>,
}

/// One record sent or received after keys were set, for the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordLog {
    /// "sent" or "received".
    pub direction: &'static str,
    /// The real content type inside: "handshake", "application_data", "alert".
    pub content_type: &'static str,
    /// Which keys protected it: "handshake" or "application".
    pub keys: &'static str,
    /// The record's sequence number under those keys.
    pub sequence_number: u64,
    /// The 12-byte nonce, hex.
    pub nonce: String,
    /// The content, hex.
    pub plaintext: String,
    /// The whole record on the wire, hex.
    pub record: String,
}

/// What a client's trust in the server's certificate rests on, in words: the pinned key,
/// or nothing at all.
#[must_use]
pub const fn trust_words(pinned: bool) -> &'static str {
    if pinned {
        "The certificate's key is the pinned one: the client trusts it because it was told \
         this key in advance, not because anyone vouched for it."
    } else {
        "No certificate was pinned and no chain is validated: the client accepts any \
         certificate. The handshake proves only that the server holds the private key of the \
         certificate it sent — anyone can make such a certificate. A browser would also check \
         the chain up to a trusted root, the name, the dates and revocation."
    }
}
