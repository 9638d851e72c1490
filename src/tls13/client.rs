//! The client's side of a full TLS 1.3 handshake (RFC 8446 §2), one type per state as
//! rustls names them, each consuming `self` and returning the next:
//!
//! ```text
//! start ──ClientHello──▶ ExpectServerHello ──(HelloRetryRequest: ClientHello again)─┐
//!                              │ ◀──────────────────────────────────────────────────┘
//!                              ▼
//!   ExpectEncryptedExtensions ─▶ ExpectCertificate ─▶ ExpectCertificateVerify
//!     ─▶ ExpectFinished ──{Finished}──▶ ExpectTraffic (NewSessionTicket kept)
//! ```
//!
//! The certificate is not validated against a trust store: the client either pins a
//! certificate (and refuses any other key) or accepts any, and says so in its report.

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::conn::{OrAlert, RecordLayer, TlsError, alert, fail, unexpected};
use super::key_schedule::{KeyScheduleEarly, KeyScheduleHandshake, resumption_psk};
use super::key_share::ClientShare;
use super::messages::{
    self, ClientHello, ECDSA_SECP256R1_SHA256, NewSessionTicket, PSK_DHE_KE, ServerHello, TLS13,
    handshake_type as ht,
};
use super::record::content_type;
use super::session::{CertificateReport, ConnectionReport, Session};
use super::suite::CipherSuite;
use crate::error::Error;
use crate::keys::text::to_hex;
use crate::keys::{PublicKey, cert, x509};
use crate::sign;
use crate::tls12::messages::{NamedGroup, group_meaning};
use crate::tls12::secrets::KeySource;
use crate::tls12::transcript::{Side, Transcript};

const CLIENT: Side = Side::Client;
const SERVER: Side = Side::Server;

type Result<T> = core::result::Result<T, TlsError>;

/// The client's settings.
#[derive(Clone)]
pub struct ClientConfig {
    /// Groups offered in supported_groups, in preference order; the first gets a key
    /// share.
    pub groups: Vec<NamedGroup>,
    /// Suites offered, in preference order.
    pub suites: Vec<CipherSuite>,
    /// server_name (SNI).
    pub server_name: Option<String>,
    /// A certificate (DER) whose key the server must have; `None` accepts any.
    pub pinned_certificate: Option<Vec<u8>>,
    /// ClientHello.random.
    pub random: [u8; 32],
    /// The ephemeral private key's bytes, for a reproducible lesson; random if `None`.
    pub ephemeral: Option<Zeroizing<[u8; 32]>>,
    /// Whether to record the messages received as steps too (a peer that is not the
    /// model, such as OpenSSL, records nothing for the page).
    pub record_received: bool,
}

impl ClientConfig {
    fn key_source(&self) -> KeySource {
        KeySource::given_or_random("clientEphemeral", self.ephemeral.as_ref())
    }
}

/// What the states share: the record layer, the transcript of steps and the report.
pub struct Io<'a> {
    /// The record layer.
    pub records: &'a mut RecordLayer,
    /// The steps.
    pub t: &'a mut Transcript,
    /// The report.
    pub report: &'a mut ConnectionReport,
    /// Whether received messages are recorded as steps.
    pub record_received: bool,
}

impl Io<'_> {
    /// Records a received handshake message as the peer's step.
    pub fn received(&mut self, from: Side, title: &str, explanation: &str, message: &[u8]) {
        if self.record_received {
            self.t.record_value(from, title, explanation, message);
        }
    }
}

fn hash_of(suite: CipherSuite, transcript: &[u8]) -> Vec<u8> {
    suite.hash().digest(transcript)
}

/// RFC 8446 §4.1.2: sends ClientHello with a key share for the first group.
///
/// # Errors
/// No group or suite to offer; an invalid given ephemeral key.
pub fn start(config: ClientConfig, io: &mut Io<'_>) -> Result<ExpectServerHello> {
    let Some(&group) = config.groups.first() else {
        return Err(fail(alert::INTERNAL_ERROR, "the client offers no group"));
    };
    if config.suites.is_empty() {
        return Err(fail(
            alert::INTERNAL_ERROR,
            "the client offers no cipher suite",
        ));
    }
    let (secret, share) = ClientShare::new(group, config.key_source())?;
    let hello = ClientHello {
        random: config.random,
        session_id: Vec::new(),
        cipher_suites: config.suites.iter().map(|s| s.id()).collect(),
        server_name: config.server_name.clone(),
        groups: config.groups.iter().map(|g| g.id()).collect(),
        signature_schemes: vec![ECDSA_SECP256R1_SHA256],
        versions: vec![TLS13],
        key_shares: vec![share],
        psk_modes: vec![PSK_DHE_KE],
        cookie: None,
        extension_types: Vec::new(),
    };
    let encoded = hello.encode().or_alert(alert::INTERNAL_ERROR)?;
    io.t.record(
        CLIENT,
        "ClientHello",
        format!(
            "RFC 8446 §4.1.2. The client guesses the group the server will pick and sends a \
             key share for it ({}) in its very first message: that is how TLS 1.3 saves a \
             round trip over 1.2. supported_versions says TLS 1.3 (legacy_version still says \
             1.2, for old middleboxes); supported_groups lists every group it could use, \
             signature_algorithms what it can verify. All of it is in clear.",
            group.name()
        ),
        &encoded,
    );
    io.records
        .send(content_type::HANDSHAKE, &encoded.bytes)
        .or_alert(alert::INTERNAL_ERROR)?;
    io.report.server_name.clone_from(&config.server_name);
    Ok(ExpectServerHello {
        transcript: encoded.bytes,
        hello,
        config,
        secret,
        share_group: group,
        retried: None,
    })
}

/// Waiting for ServerHello (or HelloRetryRequest).
pub struct ExpectServerHello {
    config: ClientConfig,
    hello: ClientHello,
    transcript: Vec<u8>,
    secret: ClientShare,
    share_group: NamedGroup,
    retried: Option<CipherSuite>,
}

/// What ServerHello leads to.
pub enum AfterServerHello {
    /// A HelloRetryRequest: ClientHello was sent again.
    Retry(Box<ExpectServerHello>),
    /// A ServerHello: the handshake keys are in place.
    Hello(ExpectEncryptedExtensions),
}

impl ExpectServerHello {
    /// RFC 8446 §4.1.3 and §4.1.4.
    ///
    /// # Errors
    /// A malformed message; a version, suite, group or session ID the client did not
    /// offer; a second HelloRetryRequest; an invalid key share.
    pub fn handle(mut self, message: &[u8], io: &mut Io<'_>) -> Result<AfterServerHello> {
        if message.first() != Some(&ht::SERVER_HELLO) {
            return Err(unexpected("ServerHello", message));
        }
        let sh = ServerHello::parse(message).or_alert(alert::DECODE_ERROR)?;
        let retry = sh.is_retry_request();
        io.received(
            SERVER,
            if retry {
                "HelloRetryRequest"
            } else {
                "ServerHello"
            },
            "What the server sent, as received.",
            message,
        );
        if sh.version != TLS13 {
            return Err(fail(
                alert::PROTOCOL_VERSION,
                if sh.version == 0 {
                    "the server answered without supported_versions, so with TLS 1.2 or \
                     older; this client speaks TLS 1.3 only"
                        .to_owned()
                } else {
                    format!(
                        "the server selected version 0x{:04x}, not TLS 1.3 (0x0304)",
                        sh.version
                    )
                },
            ));
        }
        let Some(suite) =
            CipherSuite::from_id(sh.cipher_suite).filter(|s| self.config.suites.contains(s))
        else {
            return Err(fail(
                alert::ILLEGAL_PARAMETER,
                format!(
                    "the server chose cipher suite 0x{:04x}, which the client did not offer",
                    sh.cipher_suite
                ),
            ));
        };
        if sh.session_id != self.hello.session_id {
            return Err(fail(
                alert::ILLEGAL_PARAMETER,
                "legacy_session_id_echo is not the client's legacy_session_id (RFC 8446 §4.1.3)",
            ));
        }
        if retry {
            return self
                .retry(sh, suite, message, io)
                .map(|s| AfterServerHello::Retry(Box::new(s)));
        }
        if self.retried.is_some_and(|s| s != suite) {
            return Err(fail(
                alert::ILLEGAL_PARAMETER,
                "ServerHello's cipher suite differs from the HelloRetryRequest's (RFC 8446 \
                 §4.1.4)",
            ));
        }
        let Some(share) = sh.key_share else {
            return Err(fail(
                alert::MISSING_EXTENSION,
                "ServerHello has no key_share: this model does (EC)DHE only",
            ));
        };
        if share.group != self.share_group.id() {
            return Err(fail(
                alert::ILLEGAL_PARAMETER,
                format!(
                    "the server's key share is for {}, but the client sent its share for {}",
                    group_meaning(share.group),
                    self.share_group.name()
                ),
            ));
        }
        self.transcript.extend_from_slice(message);
        let shared = self.secret.finish(self.share_group, &share.key_exchange)?;
        let hello_hash = hash_of(suite, &self.transcript);
        let early = KeyScheduleEarly::new(suite, None);
        let schedule = early
            .handshake(&shared, &hello_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        let (server_keys, client_keys) = (
            schedule
                .server_handshake_keys()
                .or_alert(alert::INTERNAL_ERROR)?,
            schedule
                .client_handshake_keys()
                .or_alert(alert::INTERNAL_ERROR)?,
        );
        let r = &mut io.report;
        r.cipher_suite = Some(suite.name());
        r.group = Some(self.share_group.name());
        let s = &mut r.secrets;
        s.shared_secret = Some(to_hex(&shared));
        s.hello_hash = Some(to_hex(&hello_hash));
        s.early_secret = Some(to_hex(early.early_secret()));
        s.handshake_secret = Some(to_hex(schedule.handshake_secret()));
        s.client_handshake_traffic_secret =
            Some(to_hex(schedule.client_handshake_traffic_secret()));
        s.server_handshake_traffic_secret =
            Some(to_hex(schedule.server_handshake_traffic_secret()));
        s.client_handshake_key = Some(to_hex(client_keys.key()));
        s.client_handshake_iv = Some(to_hex(client_keys.iv()));
        s.server_handshake_key = Some(to_hex(server_keys.key()));
        s.server_handshake_iv = Some(to_hex(server_keys.iv()));
        io.t.record_value(
            CLIENT,
            format!(
                "Client computes the shared secret ({})",
                self.share_group.name()
            ),
            super::key_share::explain(self.share_group, true),
            &shared,
        );
        io.t.record_value(
            CLIENT,
            "Client derives the handshake traffic secrets",
            format!(
                "RFC 8446 §7.1. Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, \
                 \"derived\", \"\"), shared secret); then \"c hs traffic\" and \"s hs \
                 traffic\" over Transcript-Hash(ClientHello..ServerHello) = {}. Everything \
                 the server sends next is encrypted with the server's handshake key.",
                to_hex(&hello_hash)
            ),
            schedule.server_handshake_traffic_secret(),
        );
        io.records.set_read_keys(server_keys, "handshake")?;
        io.records.set_write_keys(client_keys, "handshake");
        Ok(AfterServerHello::Hello(ExpectEncryptedExtensions {
            inner: Handshaking {
                suite,
                schedule,
                transcript: self.transcript,
                pinned: self.config.pinned_certificate,
                server_name: self.config.server_name,
            },
        }))
    }

    fn retry(
        mut self,
        hrr: ServerHello,
        suite: CipherSuite,
        message: &[u8],
        io: &mut Io<'_>,
    ) -> Result<Self> {
        if self.retried.is_some() {
            return Err(fail(
                alert::UNEXPECTED_MESSAGE,
                "a second HelloRetryRequest (RFC 8446 §4.1.4)",
            ));
        }
        // RFC 8446 §4.1.4: a new key share, or only a cookie to echo (a stateless
        // server's), or both; a retry that would change nothing is illegal_parameter.
        let group = match hrr.selected_group {
            Some(selected) => {
                let Some(group) =
                    NamedGroup::from_id(selected).filter(|g| self.config.groups.contains(g))
                else {
                    return Err(fail(
                        alert::ILLEGAL_PARAMETER,
                        format!(
                            "the HelloRetryRequest asks for {}, which the client did not offer",
                            group_meaning(selected)
                        ),
                    ));
                };
                if group == self.share_group {
                    return Err(fail(
                        alert::ILLEGAL_PARAMETER,
                        "the HelloRetryRequest asks for the group the client already sent a \
                         share for (RFC 8446 §4.1.4)",
                    ));
                }
                Some(group)
            }
            None if hrr.cookie.is_some() => None,
            None => {
                return Err(fail(
                    alert::ILLEGAL_PARAMETER,
                    "a HelloRetryRequest with neither a group nor a cookie would change nothing \
                     (RFC 8446 §4.1.4)",
                ));
            }
        };
        // RFC 8446 §4.4.1: ClientHello1 becomes message_hash(Hash(ClientHello1)).
        let ch1_hash = hash_of(suite, &self.transcript);
        let mut transcript = messages::message_hash(&ch1_hash);
        transcript.extend_from_slice(message);
        let (secret, share_group) = match group {
            Some(group) => {
                let (secret, share) = ClientShare::new(group, self.config.key_source())?;
                self.hello.key_shares = vec![share];
                (secret, group)
            }
            None => (self.secret, self.share_group),
        };
        self.hello.cookie = hrr.cookie;
        let encoded = self.hello.encode().or_alert(alert::INTERNAL_ERROR)?;
        let why = match group {
            Some(g) => format!(
                "The server prefers {g}, for which the client sent no key share, so it asked \
                 again instead of answering: one extra round trip. The client sends the same \
                 ClientHello with a key share for {g}",
                g = g.name()
            ),
            None => "The server asked for its cookie to be echoed (a stateless server keeps \
                     its state there): one extra round trip. The client sends the same \
                     ClientHello with the cookie"
                .to_owned(),
        };
        io.t.record(
            CLIENT,
            "ClientHello, again (after HelloRetryRequest)",
            format!(
                "RFC 8446 §4.1.4. {why}. In the transcript the first ClientHello is replaced \
                 by its hash (message_hash, §4.4.1), so the server need not remember it."
            ),
            &encoded,
        );
        io.records
            .send(content_type::HANDSHAKE, &encoded.bytes)
            .or_alert(alert::INTERNAL_ERROR)?;
        transcript.extend_from_slice(&encoded.bytes);
        io.report.hello_retry_request = true;
        Ok(Self {
            transcript,
            secret,
            share_group,
            retried: Some(suite),
            config: self.config,
            hello: self.hello,
        })
    }
}

/// What every state after ServerHello carries.
struct Handshaking {
    suite: CipherSuite,
    schedule: KeyScheduleHandshake,
    transcript: Vec<u8>,
    pinned: Option<Vec<u8>>,
    server_name: Option<String>,
}

impl Handshaking {
    fn hash(&self) -> Vec<u8> {
        hash_of(self.suite, &self.transcript)
    }
}

/// Waiting for EncryptedExtensions.
pub struct ExpectEncryptedExtensions {
    inner: Handshaking,
}

impl ExpectEncryptedExtensions {
    /// RFC 8446 §4.3.1.
    ///
    /// # Errors
    /// Another message, or a malformed one.
    pub fn handle(mut self, message: &[u8], io: &mut Io<'_>) -> Result<ExpectCertificate> {
        if message.first() != Some(&ht::ENCRYPTED_EXTENSIONS) {
            return Err(unexpected("EncryptedExtensions", message));
        }
        messages::parse_encrypted_extensions(message).or_alert(alert::DECODE_ERROR)?;
        io.received(
            SERVER,
            "EncryptedExtensions",
            "The first encrypted message, opened with the server's handshake key.",
            message,
        );
        self.inner.transcript.extend_from_slice(message);
        Ok(ExpectCertificate { inner: self.inner })
    }
}

/// Waiting for Certificate.
pub struct ExpectCertificate {
    inner: Handshaking,
}

impl ExpectCertificate {
    /// RFC 8446 §4.4.2: takes the key from the leaf certificate and checks it against
    /// the pinned one.
    ///
    /// # Errors
    /// A CertificateRequest (client certificates are not modelled), a malformed
    /// certificate, a key that is not P-256, or not the pinned key.
    pub fn handle(mut self, message: &[u8], io: &mut Io<'_>) -> Result<ExpectCertificateVerify> {
        if message.first() == Some(&ht::CERTIFICATE_REQUEST) {
            return Err(fail(
                alert::HANDSHAKE_FAILURE,
                "the server asks for a client certificate, which this model does not have",
            ));
        }
        if message.first() != Some(&ht::CERTIFICATE) {
            return Err(unexpected("Certificate", message));
        }
        let chain = messages::parse_certificate(message).or_alert(alert::DECODE_ERROR)?;
        io.received(
            SERVER,
            "Certificate",
            "The server's certificate, encrypted on the wire (in TLS 1.2 it was in clear).",
            message,
        );
        let leaf = chain.first().cloned().unwrap_or_default();
        let (summary, key) = {
            let parsed = x509::parse_certificate(&leaf).or_alert(alert::BAD_CERTIFICATE)?;
            let key = parsed
                .public_key()
                .or_alert(alert::UNSUPPORTED_CERTIFICATE)?;
            (parsed.summary, key)
        };
        if !matches!(key, PublicKey::P256(_)) {
            return Err(fail(
                alert::UNSUPPORTED_CERTIFICATE,
                format!(
                    "the server's certificate has a {} key; this client verifies \
                     ecdsa_secp256r1_sha256 only",
                    key.curve()
                ),
            ));
        }
        let pinned = match &self.inner.pinned {
            Some(pin) => {
                let pinned_key =
                    cert::certificate_public_key(pin).or_alert(alert::INTERNAL_ERROR)?;
                if pinned_key != key {
                    return Err(fail(
                        alert::BAD_CERTIFICATE,
                        format!(
                            "the server's certificate ({}) does not carry the pinned key: \
                             this is not the server the client expected",
                            summary.subject
                        ),
                    ));
                }
                true
            }
            None => false,
        };
        let trust = crate::tls12::report::trust_words(pinned);
        io.t.record_value(
            CLIENT,
            "Client reads the server's certificate",
            format!(
                "RFC 8446 §4.4.2. Subject {}, issuer {}, valid {} to {}. {trust}",
                summary.subject, summary.issuer, summary.not_before, summary.not_after
            ),
            &leaf,
        );
        io.report.trust = Some(trust.to_owned());
        io.report.certificate = Some(CertificateReport::new(
            summary,
            key.to_pem(),
            cert::to_pem(&leaf),
            pinned,
        ));
        self.inner.transcript.extend_from_slice(message);
        Ok(ExpectCertificateVerify {
            inner: self.inner,
            server_key: key,
        })
    }
}

/// Waiting for CertificateVerify.
pub struct ExpectCertificateVerify {
    inner: Handshaking,
    server_key: PublicKey,
}

/// The check that fails when the signature does not verify.
pub const CERTIFICATE_VERIFY_FAILS: &str = "CertificateVerify does not verify with the \
     certificate's key: whoever sent this handshake does not hold the certificate's private key, \
     or the transcript it signed differs from the client's";

impl ExpectCertificateVerify {
    /// RFC 8446 §4.4.3: the signature over the transcript so far.
    ///
    /// # Errors
    /// A scheme the client did not offer, or a signature that does not verify.
    pub fn handle(mut self, message: &[u8], io: &mut Io<'_>) -> Result<ExpectFinished> {
        if message.first() != Some(&ht::CERTIFICATE_VERIFY) {
            return Err(unexpected("CertificateVerify", message));
        }
        let (scheme, signature) =
            messages::parse_certificate_verify(message).or_alert(alert::DECODE_ERROR)?;
        io.received(
            SERVER,
            "CertificateVerify",
            "The server's signature over the transcript.",
            message,
        );
        if scheme != ECDSA_SECP256R1_SHA256 {
            return Err(fail(
                alert::ILLEGAL_PARAMETER,
                format!(
                    "CertificateVerify uses {}, but the client offered only \
                     ecdsa_secp256r1_sha256",
                    messages::signature_scheme_name(scheme)
                ),
            ));
        }
        let hash = self.inner.hash();
        let content = messages::certificate_verify_content(true, &hash);
        let valid =
            sign::verify(&self.server_key, &content, &signature).or_alert(alert::INTERNAL_ERROR)?;
        if !valid {
            return Err(TlsError::new(
                alert::DECRYPT_ERROR,
                Error::Handshake(CERTIFICATE_VERIFY_FAILS.to_owned()),
            ));
        }
        io.t.record_value(
            CLIENT,
            "Client verifies CertificateVerify",
            format!(
                "RFC 8446 §4.4.3. The signature covers 64 spaces, \"TLS 1.3, server \
                 CertificateVerify\", a zero byte and Transcript-Hash(ClientHello .. \
                 Certificate) = {}: the whole handshake so far, key shares included. It \
                 verifies with the certificate's key, so the holder of that key took part in \
                 this very handshake (in 1.2 the signature covered only the ECDH parameters \
                 and the randoms).",
                to_hex(&hash)
            ),
            &content,
        );
        self.inner.transcript.extend_from_slice(message);
        Ok(ExpectFinished { inner: self.inner })
    }
}

/// Waiting for the server's Finished.
pub struct ExpectFinished {
    inner: Handshaking,
}

impl ExpectFinished {
    /// RFC 8446 §4.4.4: checks the server's Finished, derives the application keys and
    /// sends the client's Finished.
    ///
    /// # Errors
    /// A Finished that does not match.
    pub fn handle(self, message: &[u8], io: &mut Io<'_>) -> Result<ExpectTraffic> {
        if message.first() != Some(&ht::FINISHED) {
            return Err(unexpected("Finished", message));
        }
        let Handshaking {
            suite,
            schedule,
            mut transcript,
            server_name,
            ..
        } = self.inner;
        let received =
            messages::parse_finished(message, suite.hash_len()).or_alert(alert::DECODE_ERROR)?;
        io.received(SERVER, "Finished", "The server's Finished.", message);
        let expected = schedule
            .server_finished(&hash_of(suite, &transcript))
            .or_alert(alert::INTERNAL_ERROR)?;
        if !bool::from(received.ct_eq(&expected)) {
            return Err(fail(
                alert::DECRYPT_ERROR,
                "the server's Finished does not match: the two sides saw different handshakes \
                 or hold different keys",
            ));
        }
        io.t.record_value(
            CLIENT,
            "Client checks the server's Finished",
            "RFC 8446 §4.4.4. HMAC with the finished_key of the server's handshake traffic \
             secret over the transcript up to CertificateVerify: it matches, so the server \
             derived the same keys from the same messages.",
            &received,
        );
        transcript.extend_from_slice(message);
        let handshake_hash = hash_of(suite, &transcript);
        let traffic = schedule
            .traffic(&handshake_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        let server_app = traffic
            .server_application_keys()
            .or_alert(alert::INTERNAL_ERROR)?;
        let client_app = traffic
            .client_application_keys()
            .or_alert(alert::INTERNAL_ERROR)?;
        let verify_data = schedule
            .client_finished(&handshake_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        let finished =
            messages::finished(&verify_data, "client's").or_alert(alert::INTERNAL_ERROR)?;
        io.t.record(
            CLIENT,
            "Client Finished",
            "RFC 8446 §4.4.4. The client's HMAC over the whole transcript up to the server's \
             Finished, encrypted under the client's handshake key. After it, both directions \
             switch to the application traffic keys.",
            &finished,
        );
        io.records
            .send(content_type::HANDSHAKE, &finished.bytes)
            .or_alert(alert::INTERNAL_ERROR)?;
        transcript.extend_from_slice(&finished.bytes);
        let resumption = traffic
            .resumption_master_secret(&hash_of(suite, &transcript))
            .or_alert(alert::INTERNAL_ERROR)?;
        let s = &mut io.report.secrets;
        s.handshake_hash = Some(to_hex(&handshake_hash));
        s.master_secret = Some(to_hex(traffic.master_secret()));
        s.client_application_traffic_secret =
            Some(to_hex(traffic.client_application_traffic_secret()));
        s.server_application_traffic_secret =
            Some(to_hex(traffic.server_application_traffic_secret()));
        s.exporter_master_secret = Some(to_hex(traffic.exporter_master_secret()));
        s.resumption_master_secret = Some(to_hex(&resumption));
        s.client_application_key = Some(to_hex(client_app.key()));
        s.client_application_iv = Some(to_hex(client_app.iv()));
        s.server_application_key = Some(to_hex(server_app.key()));
        s.server_application_iv = Some(to_hex(server_app.iv()));
        s.server_finished = Some(to_hex(&received));
        s.client_finished = Some(to_hex(&verify_data));
        io.records.set_read_keys(server_app, "application")?;
        io.records.set_write_keys(client_app, "application");
        io.report.handshake_done = true;
        Ok(ExpectTraffic {
            suite,
            resumption,
            server_name,
            sessions: Vec::new(),
        })
    }
}

/// The handshake is complete: application data flows; tickets are kept.
pub struct ExpectTraffic {
    suite: CipherSuite,
    resumption: Zeroizing<Vec<u8>>,
    server_name: Option<String>,
    sessions: Vec<Session>,
}

impl ExpectTraffic {
    /// RFC 8446 §4.6: post-handshake messages. NewSessionTicket is kept.
    ///
    /// # Errors
    /// A malformed ticket; a message other than NewSessionTicket.
    pub fn handle(&mut self, message: &[u8], io: &mut Io<'_>) -> Result<()> {
        match message.first() {
            Some(&ht::NEW_SESSION_TICKET) => {
                let ticket = NewSessionTicket::parse(message).or_alert(alert::DECODE_ERROR)?;
                let psk = resumption_psk(self.suite, &self.resumption, &ticket.nonce)
                    .or_alert(alert::DECODE_ERROR)?;
                io.received(
                    SERVER,
                    "NewSessionTicket",
                    "A ticket for resuming later, sent after the handshake.",
                    message,
                );
                io.t.record_value(
                    CLIENT,
                    "Client keeps the session ticket",
                    format!(
                        "RFC 8446 §4.6.1. The ticket ({} bytes, valid {} s) is opaque to the \
                         client; with it the client keeps PSK = HKDF-Expand-Label(\
                         resumption_master_secret, \"resumption\", ticket_nonce), shown here, \
                         for a later resumption.",
                        ticket.ticket.len(),
                        ticket.lifetime
                    ),
                    &psk,
                );
                self.sessions.push(Session {
                    suite: self.suite,
                    server_name: self.server_name.clone(),
                    ticket: ticket.ticket,
                    age_add: ticket.age_add,
                    lifetime: ticket.lifetime,
                    psk,
                });
                io.report.tickets = self.sessions.len();
                Ok(())
            }
            Some(&ht::KEY_UPDATE) => Err(fail(
                alert::UNEXPECTED_MESSAGE,
                "the server sent KeyUpdate, which this model does not implement",
            )),
            _ => Err(unexpected("NewSessionTicket or application data", message)),
        }
    }

    /// The most recent session ticket, if any.
    #[must_use]
    pub fn session(&self) -> Option<&Session> {
        self.sessions.last()
    }
}

/// Group codepoints offered by name, for the report.
#[must_use]
pub fn group_names(groups: &[NamedGroup]) -> Vec<&'static str> {
    groups.iter().map(|g| g.name()).collect()
}
