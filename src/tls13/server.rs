//! The server's side of a full TLS 1.3 handshake (RFC 8446 §2), one type per state:
//!
//! ```text
//! start ─▶ ExpectClientHello ──(no share for the server's group: HelloRetryRequest)─┐
//!               │ ◀────────────────────────────────────────────────────────────────┘
//!               ▼ ServerHello {EncryptedExtensions} {Certificate} {CertificateVerify}
//!                 {Finished}
//!          ExpectFinished ──[NewSessionTicket]──▶ ExpectTraffic
//! ```
//!
//! The server picks by its own preference: the first of its suites and groups that the
//! client offers, using the client's key share if there is one for that group and asking
//! for one with a HelloRetryRequest if not.

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::client::Io;
use super::conn::{OrAlert, TlsError, alert, fail, unexpected};
use super::key_schedule::{KeyScheduleEarly, KeyScheduleHandshake, resumption_psk};
use super::messages::{
    self, ClientHello, ECDSA_SECP256R1_SHA256, HELLO_RETRY_REQUEST_RANDOM, KeyShare,
    NewSessionTicket, ServerHello, TLS13, handshake_type as ht,
};
use super::record::content_type;
use super::suite::CipherSuite;
use crate::keys::text::to_hex;
use crate::sign::SigningKey;
use crate::tls12::messages::NamedGroup;
use crate::tls12::secrets::KeySource;
use crate::tls12::transcript::Side;

const SERVER: Side = Side::Server;
const CLIENT: Side = Side::Client;

type Result<T> = core::result::Result<T, TlsError>;

/// The server's settings.
pub struct ServerConfig {
    /// Groups accepted, most preferred first.
    pub groups: Vec<NamedGroup>,
    /// Suites accepted, most preferred first.
    pub suites: Vec<CipherSuite>,
    /// The certificate sent, DER.
    pub certificate: Vec<u8>,
    /// The certificate's private key, which signs CertificateVerify.
    pub identity: SigningKey,
    /// ServerHello.random.
    pub random: [u8; 32],
    /// The ephemeral private key's bytes, for a reproducible lesson; random if `None`.
    pub ephemeral: Option<Zeroizing<[u8; 32]>>,
    /// Whether to send a NewSessionTicket after the handshake.
    pub send_ticket: bool,
}

impl ServerConfig {
    fn key_source(&self) -> KeySource {
        KeySource::given_or_random("serverEphemeral", self.ephemeral.as_ref())
    }
}

/// Waits for the first ClientHello.
#[must_use]
pub const fn start(config: ServerConfig) -> ExpectClientHello {
    ExpectClientHello {
        config,
        retried: None,
    }
}

/// Waiting for ClientHello (the first, or the second after a HelloRetryRequest).
pub struct ExpectClientHello {
    config: ServerConfig,
    /// After a HelloRetryRequest: the suite and group asked for, and the transcript so
    /// far (message_hash ‖ HelloRetryRequest).
    retried: Option<(CipherSuite, NamedGroup, Vec<u8>)>,
}

/// What ClientHello leads to.
pub enum AfterClientHello {
    /// A HelloRetryRequest was sent.
    Retry(ExpectClientHello),
    /// The server's flight was sent.
    Hello(ExpectFinished),
}

fn pick<T: Copy + PartialEq>(ours: &[T], theirs: &[T]) -> Option<T> {
    ours.iter().copied().find(|x| theirs.contains(x))
}

impl ExpectClientHello {
    /// RFC 8446 §4.1.2, then §4.1.3 to §4.4.4: negotiates and sends ServerHello,
    /// EncryptedExtensions, Certificate, CertificateVerify and Finished, or a
    /// HelloRetryRequest.
    ///
    /// # Errors
    /// A malformed ClientHello; no TLS 1.3, suite, group or signature scheme in common; a
    /// second ClientHello that does not do what the HelloRetryRequest asked.
    #[allow(clippy::too_many_lines)]
    pub fn handle(self, message: &[u8], io: &mut Io<'_>) -> Result<AfterClientHello> {
        if message.first() != Some(&ht::CLIENT_HELLO) {
            return Err(unexpected("ClientHello", message));
        }
        let ch = ClientHello::parse(message).or_alert(alert::DECODE_ERROR)?;
        io.received(
            CLIENT,
            "ClientHello",
            "What the client sent, as received.",
            message,
        );
        if !ch.versions.contains(&TLS13) {
            return Err(fail(
                alert::PROTOCOL_VERSION,
                "the client does not offer TLS 1.3 in supported_versions",
            ));
        }
        let offered: Vec<CipherSuite> = ch
            .cipher_suites
            .iter()
            .filter_map(|&id| CipherSuite::from_id(id))
            .collect();
        let Some(suite) = pick(&self.config.suites, &offered) else {
            return Err(fail(
                alert::HANDSHAKE_FAILURE,
                format!(
                    "no cipher suite in common: the server accepts {}",
                    names(self.config.suites.iter().map(|s| s.name()))
                ),
            ));
        };
        // RFC 8446 §9.2: a (EC)DHE ClientHello must carry these.
        for (t, name) in [
            (
                messages::extension_type::SIGNATURE_ALGORITHMS,
                "signature_algorithms",
            ),
            (
                messages::extension_type::SUPPORTED_GROUPS,
                "supported_groups",
            ),
            (messages::extension_type::KEY_SHARE, "key_share"),
        ] {
            if !ch.extension_types.contains(&t) {
                return Err(fail(
                    alert::MISSING_EXTENSION,
                    format!("the ClientHello has no {name} extension (RFC 8446 §9.2)"),
                ));
            }
        }
        if !ch.signature_schemes.contains(&ECDSA_SECP256R1_SHA256) {
            return Err(fail(
                alert::HANDSHAKE_FAILURE,
                "the client cannot verify ecdsa_secp256r1_sha256, the server's only \
                 signature scheme",
            ));
        }
        let client_groups: Vec<NamedGroup> = ch
            .groups
            .iter()
            .filter_map(|&id| NamedGroup::from_id(id))
            .collect();
        let Some(group) = pick(&self.config.groups, &client_groups) else {
            return Err(fail(
                alert::HANDSHAKE_FAILURE,
                format!(
                    "no group in common: the server accepts {}",
                    names(self.config.groups.iter().map(|g| g.name()))
                ),
            ));
        };
        let share = ch.key_shares.iter().find(|s| s.group == group.id());
        let (mut transcript, retried) = match self.retried {
            Some((s, g, t)) => {
                let wrong = if s != suite {
                    Some(format!(
                        "the second ClientHello no longer offers {}, the suite the \
                         HelloRetryRequest chose (RFC 8446 §4.1.2)",
                        s.name()
                    ))
                } else if g != group {
                    Some(format!(
                        "the second ClientHello no longer offers {}, the group the \
                         HelloRetryRequest asked for (RFC 8446 §4.1.2)",
                        g.name()
                    ))
                } else if share.is_none() {
                    Some(format!(
                        "the second ClientHello has no key share for {}, which the \
                         HelloRetryRequest asked for (RFC 8446 §4.1.2)",
                        g.name()
                    ))
                } else {
                    None
                };
                if let Some(wrong) = wrong {
                    return Err(fail(alert::ILLEGAL_PARAMETER, wrong));
                }
                (t, true)
            }
            None => (Vec::new(), false),
        };
        let Some(share) = share else {
            // RFC 8446 §4.1.4: ask for a share of the group the server prefers.
            let hrr = ServerHello {
                random: HELLO_RETRY_REQUEST_RANDOM,
                session_id: ch.session_id.clone(),
                cipher_suite: suite.id(),
                version: TLS13,
                selected_group: Some(group.id()),
                ..ServerHello::default()
            };
            let encoded = hrr.encode().or_alert(alert::INTERNAL_ERROR)?;
            io.t.record(
                SERVER,
                "HelloRetryRequest",
                format!(
                    "RFC 8446 §4.1.4. The server prefers {} but the client's key share is for \
                     another group, so instead of ServerHello it sends a HelloRetryRequest \
                     (a ServerHello whose random is SHA-256(\"HelloRetryRequest\")) naming the \
                     group it wants. The client's guess was wrong: one extra round trip.",
                    group.name()
                ),
                &encoded,
            );
            io.records
                .send(content_type::HANDSHAKE, &encoded.bytes)
                .or_alert(alert::INTERNAL_ERROR)?;
            let mut t = messages::message_hash(&suite.hash().digest(message));
            t.extend_from_slice(&encoded.bytes);
            io.report.hello_retry_request = true;
            return Ok(AfterClientHello::Retry(Self {
                config: self.config,
                retried: Some((suite, group, t)),
            }));
        };
        transcript.extend_from_slice(message);
        let config = self.config;
        let (server_share, shared) =
            super::key_share::respond(group, &share.key_exchange, config.key_source())?;
        let sh = ServerHello {
            random: config.random,
            session_id: ch.session_id.clone(),
            cipher_suite: suite.id(),
            version: TLS13,
            key_share: Some(KeyShare {
                group: group.id(),
                key_exchange: server_share,
            }),
            ..ServerHello::default()
        };
        let encoded = sh.encode().or_alert(alert::INTERNAL_ERROR)?;
        io.t.record(
            SERVER,
            "ServerHello",
            format!(
                "RFC 8446 §4.1.3. The server picks {} and {} (its own preference among what \
                 the client offered{}) and answers with its own key share. With the client's \
                 share it already has the shared secret: everything it sends after this \
                 message is encrypted.",
                suite.name(),
                group.name(),
                if retried {
                    ", after the HelloRetryRequest"
                } else {
                    ""
                }
            ),
            &encoded,
        );
        io.records
            .send(content_type::HANDSHAKE, &encoded.bytes)
            .or_alert(alert::INTERNAL_ERROR)?;
        transcript.extend_from_slice(&encoded.bytes);

        let hello_hash = suite.hash().digest(&transcript);
        let early = KeyScheduleEarly::new(suite, None);
        let schedule = early
            .handshake(&shared, &hello_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        io.t.record_value(
            SERVER,
            format!("Server computes the shared secret ({})", group.name()),
            super::key_share::explain(group, false),
            &shared,
        );
        let server_keys = schedule
            .server_handshake_keys()
            .or_alert(alert::INTERNAL_ERROR)?;
        let client_keys = schedule
            .client_handshake_keys()
            .or_alert(alert::INTERNAL_ERROR)?;
        {
            let r = &mut io.report;
            r.cipher_suite = Some(suite.name());
            r.group = Some(group.name());
            r.server_name.clone_from(&ch.server_name);
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
        }
        io.records.set_write_keys(server_keys, "handshake");
        io.records.set_read_keys(client_keys, "handshake")?;

        let send = |io: &mut Io<'_>,
                    transcript: &mut Vec<u8>,
                    title: &str,
                    why: String,
                    m: &crate::tls12::codec::Annotated|
         -> Result<()> {
            io.t.record(SERVER, title, why, m);
            io.records
                .send(content_type::HANDSHAKE, &m.bytes)
                .or_alert(alert::INTERNAL_ERROR)?;
            transcript.extend_from_slice(&m.bytes);
            Ok(())
        };
        let ee = messages::encrypted_extensions(ch.server_name.is_some())
            .or_alert(alert::INTERNAL_ERROR)?;
        send(
            io,
            &mut transcript,
            "EncryptedExtensions",
            "RFC 8446 §4.3.1. The extensions that are not needed to compute keys, now \
             encrypted under the server's handshake key: an eavesdropper sees no more of the \
             handshake than the two hellos."
                .to_owned(),
            &ee,
        )?;
        let certificate =
            messages::certificate(&config.certificate).or_alert(alert::INTERNAL_ERROR)?;
        send(
            io,
            &mut transcript,
            "Certificate",
            "RFC 8446 §4.4.2. The server's X.509 certificate, encrypted: unlike TLS 1.2, an \
             eavesdropper does not learn which certificate (so which site) this is."
                .to_owned(),
            &certificate,
        )?;
        let cv_hash = suite.hash().digest(&transcript);
        let content = messages::certificate_verify_content(true, &cv_hash);
        let signature = config.identity.sign(&content);
        let cv = messages::certificate_verify(ECDSA_SECP256R1_SHA256, &signature)
            .or_alert(alert::INTERNAL_ERROR)?;
        send(
            io,
            &mut transcript,
            "CertificateVerify",
            format!(
                "RFC 8446 §4.4.3. The server signs the transcript so far, Transcript-Hash(\
                 ClientHello .. Certificate) = {}, with the certificate's private key: proof \
                 that the holder of the certificate is in this handshake, and that both key \
                 shares are the ones it saw.",
                to_hex(&cv_hash)
            ),
            &cv,
        )?;
        let server_verify = schedule
            .server_finished(&suite.hash().digest(&transcript))
            .or_alert(alert::INTERNAL_ERROR)?;
        let finished =
            messages::finished(&server_verify, "server's").or_alert(alert::INTERNAL_ERROR)?;
        send(
            io,
            &mut transcript,
            "Server Finished",
            "RFC 8446 §4.4.4. HMAC over the transcript with the finished_key of the server's \
             handshake traffic secret."
                .to_owned(),
            &finished,
        )?;
        let handshake_hash = suite.hash().digest(&transcript);
        let traffic = schedule
            .traffic(&handshake_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        let server_app = traffic
            .server_application_keys()
            .or_alert(alert::INTERNAL_ERROR)?;
        {
            let s = &mut io.report.secrets;
            s.handshake_hash = Some(to_hex(&handshake_hash));
            s.master_secret = Some(to_hex(traffic.master_secret()));
            s.client_application_traffic_secret =
                Some(to_hex(traffic.client_application_traffic_secret()));
            s.server_application_traffic_secret =
                Some(to_hex(traffic.server_application_traffic_secret()));
            s.exporter_master_secret = Some(to_hex(traffic.exporter_master_secret()));
            s.server_application_key = Some(to_hex(server_app.key()));
            s.server_application_iv = Some(to_hex(server_app.iv()));
            s.server_finished = Some(to_hex(&server_verify));
        }
        io.records.set_write_keys(server_app, "application");
        Ok(AfterClientHello::Hello(ExpectFinished {
            suite,
            schedule,
            traffic,
            transcript,
            handshake_hash,
            send_ticket: config.send_ticket,
            random: config.random,
        }))
    }
}

fn names<'a>(list: impl Iterator<Item = &'a str>) -> String {
    list.collect::<Vec<_>>().join(", ")
}

/// Waiting for the client's Finished.
pub struct ExpectFinished {
    suite: CipherSuite,
    schedule: KeyScheduleHandshake,
    traffic: super::key_schedule::KeyScheduleTraffic,
    transcript: Vec<u8>,
    handshake_hash: Vec<u8>,
    send_ticket: bool,
    random: [u8; 32],
}

impl ExpectFinished {
    /// RFC 8446 §4.4.4: checks the client's Finished, then switches to the application
    /// keys and, if configured, sends a NewSessionTicket.
    ///
    /// # Errors
    /// A Finished that does not match.
    pub fn handle(mut self, message: &[u8], io: &mut Io<'_>) -> Result<ExpectTraffic> {
        if message.first() != Some(&ht::FINISHED) {
            return Err(unexpected("Finished", message));
        }
        let received = messages::parse_finished(message, self.suite.hash_len())
            .or_alert(alert::DECODE_ERROR)?;
        io.received(CLIENT, "Finished", "The client's Finished.", message);
        let expected = self
            .schedule
            .client_finished(&self.handshake_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        if !bool::from(received.ct_eq(&expected)) {
            return Err(fail(
                alert::DECRYPT_ERROR,
                "the client's Finished does not match: the two sides saw different handshakes \
                 or hold different keys",
            ));
        }
        io.t.record_value(
            SERVER,
            "Server checks the client's Finished",
            "RFC 8446 §4.4.4. It matches: the client holds the same handshake keys and saw \
             the same messages. The handshake is complete.",
            &received,
        );
        self.transcript.extend_from_slice(message);
        let client_app = self
            .traffic
            .client_application_keys()
            .or_alert(alert::INTERNAL_ERROR)?;
        let resumption = self
            .traffic
            .resumption_master_secret(&self.suite.hash().digest(&self.transcript))
            .or_alert(alert::INTERNAL_ERROR)?;
        {
            let s = &mut io.report.secrets;
            s.client_application_key = Some(to_hex(client_app.key()));
            s.client_application_iv = Some(to_hex(client_app.iv()));
            s.resumption_master_secret = Some(to_hex(&resumption));
            s.client_finished = Some(to_hex(&received));
        }
        io.records.set_read_keys(client_app, "application")?;
        io.report.handshake_done = true;
        if self.send_ticket {
            // The ticket is opaque to the client; this model does not resume yet, so it is
            // only a label derived from the connection, not sealed server state.
            let ticket = NewSessionTicket {
                lifetime: 7200,
                // RFC 8446 §4.6.1 wants a fresh random value; it is derived from the
                // (secret) resumption master secret here, so a lesson stays reproducible.
                age_add: u32::from_be_bytes(
                    super::hkdf::hkdf_expand_label(self.suite, &resumption, b"age add", &[], 4)
                        .or_alert(alert::INTERNAL_ERROR)?
                        .first_chunk::<4>()
                        .copied()
                        .unwrap_or_default(),
                ),
                nonce: vec![0],
                ticket: self
                    .suite
                    .hash()
                    .digest(&[b"ticket".as_slice(), &self.random].concat()),
            };
            let psk = resumption_psk(self.suite, &resumption, &ticket.nonce)
                .or_alert(alert::INTERNAL_ERROR)?;
            let encoded = ticket.encode().or_alert(alert::INTERNAL_ERROR)?;
            io.t.record(
                SERVER,
                "NewSessionTicket",
                format!(
                    "RFC 8446 §4.6.1. After the handshake, under the application key: a ticket \
                     the client can present later to resume without a certificate. Both sides \
                     derive its PSK from resumption_master_secret and the ticket_nonce: {}.",
                    to_hex(&psk)
                ),
                &encoded,
            );
            io.records
                .send(content_type::HANDSHAKE, &encoded.bytes)
                .or_alert(alert::INTERNAL_ERROR)?;
            io.report.tickets = io.report.tickets.saturating_add(1);
        }
        Ok(ExpectTraffic)
    }
}

/// The handshake is complete: application data flows.
pub struct ExpectTraffic;

impl ExpectTraffic {
    /// Post-handshake messages from the client: none are expected.
    ///
    /// # Errors
    /// Any handshake message.
    pub fn handle(&mut self, message: &[u8], _io: &mut Io<'_>) -> Result<()> {
        if message.first() == Some(&ht::KEY_UPDATE) {
            return Err(fail(
                alert::UNEXPECTED_MESSAGE,
                "the client sent KeyUpdate, which this model does not implement",
            ));
        }
        Err(unexpected("application data", message))
    }
}
