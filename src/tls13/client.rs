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
    self, ClientHello, ECDSA_SECP256R1_SHA256, NewSessionTicket, PSK_DHE_KE, PskIdentity, PskOffer,
    ServerHello, TLS13, extension_name, extension_type as ext, handshake_type as ht,
};
use super::record::content_type;
use super::session::{CertificateReport, ConnectionReport, PskMode, Session, TICKET_AGE_MS};
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
    /// A session to resume (RFC 8446 §2.2): its ticket is offered in pre_shared_key.
    pub resume: Option<Session>,
    /// The one PSK key exchange mode offered with it.
    pub psk_mode: PskMode,
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
    let offer = match &config.resume {
        Some(session) => {
            if !config
                .suites
                .iter()
                .any(|s| s.hash() == session.suite.hash())
            {
                return Err(fail(
                    alert::INTERNAL_ERROR,
                    format!(
                        "the session to resume is for {}, but the client offers no suite with \
                         its hash",
                        session.suite.name()
                    ),
                ));
            }
            Some(Offer {
                early: KeyScheduleEarly::new(session.suite, Some(&session.psk)),
                mode: config.psk_mode,
            })
        }
        None => None,
    };
    let mut hello = ClientHello {
        random: config.random,
        session_id: Vec::new(),
        cipher_suites: config.suites.iter().map(|s| s.id()).collect(),
        server_name: config.server_name.clone(),
        groups: config.groups.iter().map(|g| g.id()).collect(),
        signature_schemes: vec![ECDSA_SECP256R1_SHA256],
        versions: vec![TLS13],
        key_shares: vec![share],
        psk_modes: vec![offer.as_ref().map_or(PSK_DHE_KE, |o| o.mode.id())],
        cookie: None,
        psk: config.resume.as_ref().map(|s| PskOffer {
            identities: vec![PskIdentity {
                identity: s.ticket.clone(),
                obfuscated_ticket_age: TICKET_AGE_MS.wrapping_add(s.age_add),
            }],
            binders: vec![vec![0; s.suite.hash_len()]],
        }),
        extension_types: Vec::new(),
    };
    let encoded = encode_with_binder(&mut hello, offer.as_ref(), &[], io)?;
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
        offer,
    })
}

/// A resumption offered: the Early Secret from the session's PSK, and the mode.
struct Offer {
    early: KeyScheduleEarly,
    mode: PskMode,
}

/// Encodes ClientHello; with a PSK offered, computes the binder over the hello up to
/// the binders (after `prefix`, the transcript before it: empty, or message_hash ‖
/// HelloRetryRequest) and puts it in (RFC 8446 §4.2.11.2).
fn encode_with_binder(
    hello: &mut ClientHello,
    offer: Option<&Offer>,
    prefix: &[u8],
    io: &mut Io<'_>,
) -> Result<crate::tls12::codec::Annotated> {
    let encoded = hello.encode().or_alert(alert::INTERNAL_ERROR)?;
    // What the server may answer (RFC 8446 §4.2), read back from the bytes sent.
    hello.extension_types = ClientHello::parse(&encoded.bytes)
        .or_alert(alert::INTERNAL_ERROR)?
        .extension_types;
    let (Some(offer), Some(psk)) = (offer, hello.psk.as_mut()) else {
        return Ok(encoded);
    };
    let suite = offer.early.suite();
    let truncated = [prefix, hello_truncated(&psk.binders, &encoded.bytes)].concat();
    let truncated_hash = hash_of(suite, &truncated);
    let binder = offer
        .early
        .binder(&truncated_hash)
        .or_alert(alert::INTERNAL_ERROR)?;
    psk.binders = vec![binder.clone()];
    let encoded = hello.encode().or_alert(alert::INTERNAL_ERROR)?;
    let binder_key = offer
        .early
        .resumption_binder_key()
        .or_alert(alert::INTERNAL_ERROR)?;
    let hello_hash = hash_of(suite, &[prefix, &encoded.bytes].concat());
    let early_traffic = offer
        .early
        .client_early_traffic_secret(&hello_hash)
        .or_alert(alert::INTERNAL_ERROR)?;
    let early_exporter = offer
        .early
        .early_exporter_master_secret(&hello_hash)
        .or_alert(alert::INTERNAL_ERROR)?;
    io.t.record_value(
        CLIENT,
        "Client computes the PSK binder",
        format!(
            "RFC 8446 §4.2.11.2. Early Secret = HKDF-Extract(0, PSK) with the ticket's PSK; \
             binder_key = Derive-Secret(Early Secret, \"res binder\", \"\"); the binder is \
             HMAC(finished_key of binder_key, Transcript-Hash(ClientHello up to the binders)) \
             = HMAC over {}. Only a holder of the PSK can compute it, and it ties the PSK to \
             this very hello.",
            to_hex(&truncated_hash)
        ),
        &binder,
    );
    io.t.record_value(
        CLIENT,
        "Client derives the 0-RTT key (client_early_traffic_secret)",
        "RFC 8446 §7.1. Derive-Secret(Early Secret, \"c e traffic\", ClientHello): with the \
         early_data extension the client could send application data now, before the server \
         answers (0-RTT). This model sends none. The key depends on the PSK and the \
         ClientHello only, nothing fresh from the server: whoever holds the PSK (or the \
         ticket key) opens 0-RTT data in either mode, and an attacker can replay the recorded \
         ClientHello and its early data to the server, which derives the same key again.",
        &early_traffic,
    );
    let s = &mut io.report.secrets;
    s.early_secret = Some(to_hex(offer.early.early_secret()));
    s.binder_key = Some(to_hex(&binder_key));
    s.binder = Some(to_hex(&binder));
    s.client_early_traffic_secret = Some(to_hex(&early_traffic));
    s.early_exporter_master_secret = Some(to_hex(&early_exporter));
    Ok(encoded)
}

fn hello_truncated<'a>(binders: &[Vec<u8>], message: &'a [u8]) -> &'a [u8] {
    let cut = PskOffer {
        identities: Vec::new(),
        binders: binders.to_vec(),
    }
    .binders_len();
    message
        .get(..message.len().saturating_sub(cut))
        .unwrap_or_default()
}

/// Waiting for ServerHello (or HelloRetryRequest).
pub struct ExpectServerHello {
    config: ClientConfig,
    hello: ClientHello,
    transcript: Vec<u8>,
    secret: ClientShare,
    share_group: NamedGroup,
    retried: Option<CipherSuite>,
    offer: Option<Offer>,
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
            answered(
                &self.hello.extension_types,
                &sh.extension_types,
                &[ext::SUPPORTED_VERSIONS, ext::KEY_SHARE, ext::COOKIE],
                "HelloRetryRequest",
            )?;
            return self
                .retry(sh, suite, message, io)
                .map(|s| AfterServerHello::Retry(Box::new(s)));
        }
        answered(
            &self.hello.extension_types,
            &sh.extension_types,
            &[ext::SUPPORTED_VERSIONS, ext::KEY_SHARE, ext::PRE_SHARED_KEY],
            "ServerHello",
        )?;
        if self.retried.is_some_and(|s| s != suite) {
            return Err(fail(
                alert::ILLEGAL_PARAMETER,
                "ServerHello's cipher suite differs from the HelloRetryRequest's (RFC 8446 \
                 §4.1.4)",
            ));
        }
        let resumed = match (sh.selected_psk, &self.offer) {
            (None, _) => None,
            (Some(0), Some(offer)) => {
                if offer.early.suite().hash() != suite.hash() {
                    return Err(fail(
                        alert::ILLEGAL_PARAMETER,
                        "the server resumes with a suite whose hash is not the PSK's (RFC 8446 \
                         §4.2.11)",
                    ));
                }
                Some(offer.mode)
            }
            (Some(i), _) => {
                return Err(fail(
                    alert::ILLEGAL_PARAMETER,
                    format!(
                        "the server selected PSK identity {i}, which the client did not offer \
                         (RFC 8446 §4.2.11)"
                    ),
                ));
            }
        };
        if resumed == Some(PskMode::PskKe) {
            if sh.key_share.is_some() {
                return Err(fail(
                    alert::ILLEGAL_PARAMETER,
                    "the server sent a key share in a psk_ke resumption, which the client \
                     offered without (EC)DHE",
                ));
            }
            return self.resume_psk_ke(suite, message, io);
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
        let psk = match (&self.config.resume, resumed) {
            (Some(s), Some(_)) => Some(s.psk.clone()),
            _ => None,
        };
        let early = KeyScheduleEarly::new(suite, psk.as_ref().map(|p| p.as_slice()));
        let schedule = early
            .handshake(&shared, &hello_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        if resumed.is_some() {
            record_resumption(io, PskMode::PskDheKe, psk.as_ref().map(|p| p.as_slice()));
        } else if self.offer.is_some() {
            record_refused(io);
        }
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
                offered: self.hello.extension_types,
                resumed: resumed.is_some(),
            },
        }))
    }

    /// RFC 8446 §2.2 with psk_ke: no key share, so the (EC)DHE input of the key
    /// schedule is Hash.length zeros and everything rests on the PSK.
    fn resume_psk_ke(
        mut self,
        suite: CipherSuite,
        message: &[u8],
        io: &mut Io<'_>,
    ) -> Result<AfterServerHello> {
        let Some(session) = self.config.resume.as_ref() else {
            return Err(fail(alert::INTERNAL_ERROR, "no session"));
        };
        self.transcript.extend_from_slice(message);
        let hello_hash = hash_of(suite, &self.transcript);
        let early = KeyScheduleEarly::new(suite, Some(&session.psk));
        let zeros = vec![0u8; suite.hash_len()];
        let schedule = early
            .handshake(&zeros, &hello_hash)
            .or_alert(alert::INTERNAL_ERROR)?;
        record_resumption(io, PskMode::PskKe, Some(&session.psk));
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
        r.group = None;
        let s = &mut r.secrets;
        s.shared_secret = None;
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
        io.records.set_read_keys(server_keys, "handshake")?;
        io.records.set_write_keys(client_keys, "handshake");
        Ok(AfterServerHello::Hello(ExpectEncryptedExtensions {
            inner: Handshaking {
                suite,
                schedule,
                transcript: self.transcript,
                pinned: self.config.pinned_certificate,
                server_name: self.config.server_name,
                offered: self.hello.extension_types,
                resumed: true,
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
        if let Some(offer) = &self.offer
            && offer.early.suite().hash() != suite.hash()
        {
            // RFC 8446 §4.1.4: a PSK whose hash is not the suite's is left out.
            self.hello.psk = None;
            self.offer = None;
        }
        if let Some(psk) = self.hello.psk.as_mut() {
            psk.binders = vec![vec![0; suite.hash_len()]];
        }
        let encoded = encode_with_binder(&mut self.hello, self.offer.as_ref(), &transcript, io)?;
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
            offer: self.offer,
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
    /// The extension types ClientHello sent: all EncryptedExtensions may answer.
    offered: Vec<u16>,
    resumed: bool,
}

/// Records that the server accepted the PSK.
fn record_resumption(io: &mut Io<'_>, mode: PskMode, psk: Option<&[u8]>) {
    io.report.resumed = true;
    io.report.resumption = Some(mode.name());
    io.report.secrets.psk = psk.map(to_hex);
    io.t.record_value(
        CLIENT,
        format!("Client resumes the session ({})", mode.name()),
        match mode {
            PskMode::PskDheKe => {
                "RFC 8446 §2.2. ServerHello carries pre_shared_key (selected_identity 0): the \
                 server accepted the ticket and the binder. The Early Secret comes from the \
                 PSK, and a fresh (EC)DHE still feeds the Handshake Secret, so a PSK that \
                 leaks later does not open this connection. No Certificate, no \
                 CertificateVerify: holding the PSK from an authenticated connection is the \
                 proof."
            }
            PskMode::PskKe => {
                "RFC 8446 §2.2. ServerHello carries pre_shared_key and no key_share: psk_ke. \
                 The (EC)DHE input of the key schedule is Hash.length zeros, so every key of \
                 this connection comes from the PSK and the public hellos: whoever learns \
                 the PSK, or the ticket key that seals it, opens this connection, even long \
                 after. No forward secrecy."
            }
        },
        psk.unwrap_or_default(),
    );
}

/// Records that the server ignored the offered ticket.
fn record_refused(io: &mut Io<'_>) {
    io.t.record_value(
        CLIENT,
        "The server did not accept the ticket: full handshake",
        "RFC 8446 §4.2.11. ServerHello has no pre_shared_key: the server could not open the \
         ticket (another server, another ticket key, expired) or would not use it, so it \
         falls back to a full handshake with a certificate. Nothing is lost but a round of \
         signatures.",
        &[],
    );
}

impl Handshaking {
    fn hash(&self) -> Vec<u8> {
        hash_of(self.suite, &self.transcript)
    }
}

/// RFC 8446 §4.2: the server answers only extensions the client sent (the cookie of a
/// HelloRetryRequest excepted), each in a message it is defined for. One the client did
/// not send is unsupported_extension; one it sent that does not belong in `message`
/// (among `allowed`) is illegal_parameter.
fn answered(
    sent: &[u16],
    received: &[u16],
    allowed: &[u16],
    message: &str,
) -> core::result::Result<(), TlsError> {
    for &t in received {
        // The cookie of a HelloRetryRequest is the one answer to nothing sent.
        let cookie = t == ext::COOKIE && message == "HelloRetryRequest";
        let unsolicited = !(sent.contains(&t) || cookie);
        if unsolicited {
            return Err(fail(
                alert::UNSUPPORTED_EXTENSION,
                format!(
                    "the server sent {} in {message}, which the client did not ask for (RFC \
                     8446 §4.2: unsupported_extension)",
                    extension_name(t)
                ),
            ));
        }
        if !allowed.contains(&t) {
            return Err(fail(
                alert::ILLEGAL_PARAMETER,
                format!(
                    "{} does not belong in {message} (RFC 8446 §4.2: illegal_parameter)",
                    extension_name(t)
                ),
            ));
        }
    }
    Ok(())
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
        let types = messages::parse_encrypted_extensions(message).or_alert(alert::DECODE_ERROR)?;
        answered(
            &self.inner.offered,
            &types,
            &[
                ext::SERVER_NAME,
                ext::SUPPORTED_GROUPS,
                ext::MAX_FRAGMENT_LENGTH,
                ext::USE_SRTP,
                ext::HEARTBEAT,
                ext::ALPN,
                ext::CLIENT_CERTIFICATE_TYPE,
                ext::SERVER_CERTIFICATE_TYPE,
                ext::EARLY_DATA,
            ],
            "EncryptedExtensions",
        )?;
        io.received(
            SERVER,
            "EncryptedExtensions",
            "The first encrypted message, opened with the server's handshake key.",
            message,
        );
        self.inner.transcript.extend_from_slice(message);
        Ok(ExpectCertificate { inner: self.inner })
    }

    /// Whether the server accepted the PSK: then Finished follows EncryptedExtensions.
    #[must_use]
    pub const fn resumed(&self) -> bool {
        self.inner.resumed
    }
}

impl ExpectCertificate {
    /// In a resumption, the server's Finished comes instead of Certificate: the state
    /// that waits for it, or this one back.
    ///
    /// # Errors
    /// Not a resumption: this state, unchanged.
    pub fn into_finished(self) -> core::result::Result<ExpectFinished, Box<Self>> {
        if self.inner.resumed {
            Ok(ExpectFinished { inner: self.inner })
        } else {
            Err(Box::new(self))
        }
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
                    nonce: ticket.nonce,
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

#[cfg(test)]
mod tests {
    use super::{answered, ext};

    const EE: &[u16] = &[ext::SERVER_NAME, ext::SUPPORTED_GROUPS, ext::ALPN];

    #[test]
    fn encrypted_extensions_answer_only_what_was_sent() {
        let sent = [ext::SERVER_NAME, ext::SUPPORTED_GROUPS, ext::KEY_SHARE];
        assert!(answered(&sent, &[ext::SERVER_NAME], EE, "EncryptedExtensions").is_ok());
        assert!(answered(&sent, &[], EE, "EncryptedExtensions").is_ok());
        // server_name acknowledged to a client that sent none.
        let e = answered(
            &[ext::KEY_SHARE],
            &[ext::SERVER_NAME],
            EE,
            "EncryptedExtensions",
        )
        .unwrap_err();
        assert_eq!(e.alert, 110);
        assert!(
            e.to_string().contains(
                "server_name (0) in EncryptedExtensions, which the client did not ask for"
            ),
            "{e}"
        );
        // ALPN, never sent by this client.
        let e = answered(&sent, &[ext::ALPN], EE, "EncryptedExtensions").unwrap_err();
        assert_eq!(e.alert, 110);
        // key_share was sent, but belongs in ServerHello.
        let e = answered(&sent, &[ext::KEY_SHARE], EE, "EncryptedExtensions").unwrap_err();
        assert_eq!(e.alert, 47);
        // The cookie: unasked, but allowed in a HelloRetryRequest only.
        let hrr = [ext::SUPPORTED_VERSIONS, ext::KEY_SHARE, ext::COOKIE];
        assert!(
            answered(
                &sent,
                &[ext::KEY_SHARE, ext::COOKIE],
                &hrr,
                "HelloRetryRequest"
            )
            .is_ok()
        );
    }
}
