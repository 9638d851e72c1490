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
    NewSessionTicket, PSK_DHE_KE, PSK_KE, ServerHello, TLS13, handshake_type as ht,
};
use super::record::content_type;
use super::session::{PskMode, TicketKey, TicketState};
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
    /// The key the server seals its tickets under, and opens them with.
    pub ticket_key: TicketKey,
    /// Whether to resume with psk_ke (no (EC)DHE) when that is all the client offers
    /// (OpenSSL's `-allow_no_dhe_kex`); psk_dhe_ke is always preferred.
    pub allow_psk_ke: bool,
}

/// A PSK the server accepted.
struct Accepted {
    psk: Zeroizing<Vec<u8>>,
    mode: PskMode,
}

/// RFC 8446 §4.2.11: opens the first offered ticket with the ticket key and checks its
/// binder over `prefix` ‖ ClientHello up to the binders. A ticket that does not open,
/// or is for another hash, is ignored (full handshake); a binder that does not check
/// stops the handshake.
fn accept_psk(
    config: &ServerConfig,
    ch: &ClientHello,
    suite: CipherSuite,
    message: &[u8],
    prefix: &[u8],
    io: &mut Io<'_>,
) -> Result<Option<Accepted>> {
    let Some(offer) = &ch.psk else {
        return Ok(None);
    };
    if ch.psk_modes.is_empty() {
        return Err(fail(
            alert::MISSING_EXTENSION,
            "the ClientHello offers a PSK without psk_key_exchange_modes (RFC 8446 §4.2.9)",
        ));
    }
    let ignore = |io: &mut Io<'_>, why: String| {
        io.t.record_value(
            SERVER,
            "Server ignores the ticket: full handshake",
            format!(
                "RFC 8446 §4.2.11. {why} The server goes on as if no PSK had been offered: \
                 a full handshake, with its certificate."
            ),
            &[],
        );
        Ok(None)
    };
    let mode = if ch.psk_modes.contains(&PSK_DHE_KE) {
        PskMode::PskDheKe
    } else if ch.psk_modes.contains(&PSK_KE) && config.allow_psk_ke {
        PskMode::PskKe
    } else {
        return ignore(
            io,
            "The client offers only psk_ke, resumption without (EC)DHE, which this server \
             does not allow."
                .to_owned(),
        );
    };
    let (Some(identity), Some(binder)) = (offer.identities.first(), offer.binders.first()) else {
        return Ok(None);
    };
    let state = match config.ticket_key.open(&identity.identity) {
        Ok(state) => state,
        Err(e) => return ignore(io, format!("It cannot open the ticket: {e}.")),
    };
    let ticket_suite = CipherSuite::from_id(state.cipher_suite);
    if state.version != 0x0304 || ticket_suite.map(CipherSuite::hash) != Some(suite.hash()) {
        return ignore(
            io,
            format!(
                "The ticket is for {}, whose hash is not {}'s.",
                ticket_suite.map_or("another version", CipherSuite::name),
                suite.name()
            ),
        );
    }
    let early = KeyScheduleEarly::new(suite, Some(&state.secret));
    let truncated_hash = suite
        .hash()
        .digest(&[prefix, ch.truncated(message)].concat());
    let expected = early
        .binder(&truncated_hash)
        .or_alert(alert::INTERNAL_ERROR)?;
    if !bool::from(expected.ct_eq(binder)) {
        return Err(fail(
            alert::DECRYPT_ERROR,
            "the PSK binder does not verify: the ClientHello was changed after the client \
             computed it, or the client does not hold the ticket's PSK (RFC 8446 §4.2.11.2)",
        ));
    }
    let age = identity.obfuscated_ticket_age.wrapping_sub(state.age_add);
    if let Ok(annotated) = crate::tls12::ticket::annotate(&identity.identity) {
        io.t.record(
            SERVER,
            "Server opens the ticket and checks the binder",
            format!(
                "RFC 8446 §4.2.11. The key_name is this server's ticket key, the MAC checks, \
                 and inside is the PSK it issued (lifetime {} s; the client's ticket age is \
                 obfuscated_ticket_age − ticket_age_add = {age} ms). The binder computed with \
                 that PSK over the ClientHello up to the binders matches: the client holds \
                 the PSK. The server resumes with {}.",
                state.lifetime,
                mode.name()
            ),
            &annotated,
        );
    }
    let binder_key = early
        .resumption_binder_key()
        .or_alert(alert::INTERNAL_ERROR)?;
    let hello_hash = suite.hash().digest(&[prefix, message].concat());
    let early_traffic = early
        .client_early_traffic_secret(&hello_hash)
        .or_alert(alert::INTERNAL_ERROR)?;
    let r = &mut io.report;
    r.resumed = true;
    r.resumption = Some(mode.name());
    r.secrets.psk = Some(to_hex(&state.secret));
    r.secrets.binder_key = Some(to_hex(&binder_key));
    r.secrets.binder = Some(to_hex(binder));
    r.secrets.client_early_traffic_secret = Some(to_hex(&early_traffic));
    Ok(Some(Accepted {
        psk: state.secret.clone(),
        mode,
    }))
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
        let accepted = accept_psk(&self.config, &ch, suite, message, &transcript, io)?;
        let psk_ke = accepted.as_ref().is_some_and(|a| a.mode == PskMode::PskKe);
        let share = if psk_ke { None } else { share };
        if share.is_none() && !psk_ke {
            io.report.resumed = false;
            io.report.resumption = None;
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
        }
        transcript.extend_from_slice(message);
        let config = self.config;
        let (key_share, shared) = match share {
            Some(share) => {
                let (server_share, shared) =
                    super::key_share::respond(group, &share.key_exchange, config.key_source())?;
                (
                    Some(KeyShare {
                        group: group.id(),
                        key_exchange: server_share,
                    }),
                    shared,
                )
            }
            // psk_ke: no (EC)DHE; its input to the key schedule is Hash.length zeros.
            None => (None, Zeroizing::new(vec![0u8; suite.hash_len()])),
        };
        let sh = ServerHello {
            random: config.random,
            session_id: ch.session_id.clone(),
            cipher_suite: suite.id(),
            version: TLS13,
            key_share,
            selected_psk: accepted.as_ref().map(|_| 0),
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
        let early = KeyScheduleEarly::new(suite, accepted.as_ref().map(|a| a.psk.as_slice()));
        let schedule = early
            .handshake(&shared, &hello_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        if !psk_ke {
            io.t.record_value(
                SERVER,
                format!("Server computes the shared secret ({})", group.name()),
                super::key_share::explain(group, false),
                &shared,
            );
        }
        let server_keys = schedule
            .server_handshake_keys()
            .or_alert(alert::INTERNAL_ERROR)?;
        let client_keys = schedule
            .client_handshake_keys()
            .or_alert(alert::INTERNAL_ERROR)?;
        {
            let r = &mut io.report;
            r.cipher_suite = Some(suite.name());
            r.group = (!psk_ke).then(|| group.name());
            r.server_name.clone_from(&ch.server_name);
            let s = &mut r.secrets;
            s.shared_secret = (!psk_ke).then(|| to_hex(&shared));
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
        if accepted.is_none() {
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
        }
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
            ticket_key: config.ticket_key,
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
    ticket_key: TicketKey,
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
            // RFC 8446 §4.6.1 wants a fresh random ticket_age_add; it is derived from the
            // (secret) resumption master secret here, so a lesson stays reproducible.
            let age_add = u32::from_be_bytes(
                super::hkdf::hkdf_expand_label(self.suite, &resumption, b"age add", &[], 4)
                    .or_alert(alert::INTERNAL_ERROR)?
                    .first_chunk::<4>()
                    .copied()
                    .unwrap_or_default(),
            );
            let nonce = vec![0];
            let psk =
                resumption_psk(self.suite, &resumption, &nonce).or_alert(alert::INTERNAL_ERROR)?;
            // The ticket is the server's state, sealed under its ticket key (RFC 5077 §4's
            // layout): the server remembers nothing, and opens it when it comes back.
            let state = TicketState {
                version: 0x0304,
                cipher_suite: self.suite.id(),
                lifetime: 7200,
                age_add,
                nonce: nonce.clone(),
                secret: psk.clone(),
            };
            let sealed = self
                .ticket_key
                .seal(&state)
                .or_alert(alert::INTERNAL_ERROR)?;
            if let Ok(annotated) = crate::tls12::ticket::annotate(&sealed) {
                io.t.record(
                    SERVER,
                    "Server seals the session ticket",
                    "RFC 5077 §4's layout: key_name ‖ iv ‖ encrypted_state ‖ mac, with \
                     AES-256-GCM under the server's ticket key. Inside: the version, the suite, \
                     the lifetime, ticket_age_add, the nonce and the PSK. The server keeps \
                     nothing; whoever holds the ticket key can open every ticket it ever \
                     sealed, and so learn every PSK.",
                    &annotated,
                );
            }
            let ticket = NewSessionTicket {
                lifetime: state.lifetime,
                age_add,
                nonce,
                ticket: sealed,
            };
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
