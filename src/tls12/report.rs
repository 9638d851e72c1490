//! What [`super::handshake`] returns to the page: every value of the run as lowercase
//! hex (PEM for the identity key), the transcript, and the error that stopped it.
//!
//! The report reveals every secret of the connection on purpose: showing them is the
//! lesson. Values the run did not reach are `None` (`null` in JSON).

use serde::Serialize;

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
