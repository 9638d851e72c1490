//! `tls13Handshake`: the client and server machines run against each other in memory,
//! with Mallory optionally on the wire and an eavesdropper recording it — the TLS 1.3
//! sibling of [`crate::tls12::handshake`], from the same options.
//!
//! The lessons, where they apply to 1.3:
//! - **Mallory "swap-key"** puts her own key shares into both hellos and sits in the
//!   middle of two key exchanges, re-encrypting the server's messages for the client.
//!   Every byte she forwards opens, but CertificateVerify fails: the server signed the
//!   transcript it saw, with her key share in it, not the client's.
//! - **Mallory "resign"** also swaps the certificate for her own and signs with her own
//!   key; the client pins the server's certificate, so it stops at Certificate.
//! - **Static key** (`staticServerKey`): the server keeps its key-share private key, as a
//!   server that reuses key shares does, and with `leakIdentity` the attacker who gets it
//!   later decrypts the recorded connection; with fresh key shares the leaked identity
//!   key opens nothing (forward secrecy).

use serde::Serialize;
use zeroize::Zeroizing;

use super::client::ClientConfig;
use super::conn::RecordLog;
use super::conn::{Incoming, RecordLayer};
use super::key_schedule::{KeyScheduleEarly, KeyScheduleHandshake};
use super::messages::{self, ClientHello, KeyShare, ServerHello, handshake_type as ht};
use super::options::{bytes32, groups, psk_mode, random32, server_identity, suites, ticket_key};
use super::record::{HEADER_LEN, content_type, content_type_name};
use super::report::{KeyScheduleDiagram, key_schedule_diagram};
use super::server::ServerConfig;
use super::session::{CertificateReport, SecretsReport, Session, SessionReport, TicketKey, issuer};
use super::suite::CipherSuite;
use super::{Client, Server};
use crate::error::{Error, Result};
use crate::keys::cert::{self, CertificateRequest};
use crate::keys::text::to_hex;
use crate::keys::{PrivateKeyFormat, PublicKey, SecretKey};
use crate::sign::SigningKey;
use crate::tls12::HandshakeOptions;
use crate::tls12::codec::Field;
use crate::tls12::leak::{Item, LeakReport};
use crate::tls12::mallory::Attack;
use crate::tls12::messages::{NamedGroup, public_key_from_wire};
use crate::tls12::secrets::PreMasterSecret;
use crate::tls12::transcript::{Side, Step, Transcript};

/// What `tls13Handshake` returns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tls13Report {
    /// "1.3".
    pub version: &'static str,
    /// The negotiated suite.
    pub cipher_suite: Option<&'static str>,
    /// The negotiated group.
    pub group: Option<&'static str>,
    /// Whether the server asked again for its preferred group.
    pub hello_retry_request: bool,
    /// ClientHello.random.
    pub client_random: Option<String>,
    /// ServerHello.random.
    pub server_random: Option<String>,
    /// The certificate as the client received it.
    pub certificate: Option<CertificateReport>,
    /// What the client's trust rests on.
    pub trust: Option<String>,
    /// The server's identity public key, PEM.
    pub server_identity_public_key: Option<String>,
    /// The key schedule as the client derived it.
    pub secrets: SecretsReport,
    /// Protected records as the client saw them.
    pub records: Vec<RecordLog>,
    /// The client's application data record.
    pub record: Option<RecordLog>,
    /// What the server read from it, as text.
    pub opened: Option<String>,
    /// Mallory's attack.
    pub mallory: &'static str,
    /// Whether the server kept its key-share private key.
    pub static_server_key: bool,
    /// Both sides' steps (and Mallory's), in the order they happened.
    pub steps: Vec<Step>,
    /// The forward-secrecy exercise.
    pub leak: Option<LeakReport>,
    /// Whether this run resumed the session given in `resume`.
    pub resumed: bool,
    /// How: "psk_dhe_ke" or "psk_ke" (null for a full handshake).
    pub resumption: Option<&'static str>,
    /// The session the server's last NewSessionTicket gives, to pass as `resume` to a
    /// later run (it holds the PSK: a secret).
    pub session: Option<SessionReport>,
    /// The server's ticket key's name (RFC 5077 §4 key_name), hex.
    pub ticket_key_name: Option<String>,
    /// The resumption exercise (`leakTicketKey`).
    pub resumption_leak: Option<crate::tls12::leak::ResumptionLeak>,
    /// Why the run stopped.
    pub error: Option<String>,
    /// The alert that stopped it.
    pub alert: Option<String>,
    /// RFC 8446 §7.1's diagram with this run's values, once the client has both
    /// transcript hashes.
    pub key_schedule: Option<KeyScheduleDiagram>,
    /// What crossed the wire, hop by hop, record by record.
    pub flights: Vec<Flight>,
}

/// The bytes one party put on the wire at once: a flight of records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flight {
    /// Who sent it: "client", "server" or "mallory".
    pub from: &'static str,
    /// Who received it.
    pub to: &'static str,
    /// Its size in bytes, record headers included.
    pub bytes: usize,
    /// Its records, in order.
    pub records: Vec<WireRecord>,
}

/// One record as it crossed the wire (RFC 8446 §5.1, §5.2), and what is inside.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireRecord {
    /// The whole record, hex.
    pub record: String,
    /// The record field by field (offsets into `record`).
    pub fields: Vec<Field>,
    /// Whether it is protected (TLSCiphertext).
    pub encrypted: bool,
    /// The type inside: "handshake", "application_data", "alert"...
    pub content_type: &'static str,
    /// The content inside, hex (for a protected record, as the receiver opened it).
    pub plaintext: Option<String>,
    /// A protected record's TLSInnerPlaintext (content ‖ type ‖ zeros), hex.
    pub inner_plaintext: Option<String>,
    /// Which keys protected it: "handshake" or "application".
    pub keys: Option<&'static str>,
    /// Its sequence number under those keys.
    pub sequence_number: Option<u64>,
    /// The per-record nonce (write IV XOR sequence number), hex.
    pub nonce: Option<String>,
    /// The index in `steps` of the message it carries.
    pub step: Option<usize>,
}

struct Inputs {
    client: ClientConfig,
    server: ServerConfig,
    server_key_share: Option<Zeroizing<[u8; 32]>>,
    identity: SigningKey,
    attack: Attack,
    mallory_ephemeral: Option<Zeroizing<[u8; 32]>>,
    mallory_identity: Option<SigningKey>,
    message: Vec<u8>,
    leak: bool,
    static_key: bool,
}

fn option<T>(name: &'static str, r: Result<T>) -> Result<T> {
    r.map_err(|e| match e {
        Error::Malformed { detail, .. } => Error::Malformed { what: name, detail },
        other => other,
    })
}

fn parse(o: &HandshakeOptions) -> Result<Inputs> {
    let mut server_groups = match (&o.groups, &o.group) {
        (Some(list), _) => groups("groups", Some(list))?,
        (None, Some(name)) => {
            let g = option("group", groups("group", Some(core::slice::from_ref(name))))?;
            let mut all = g;
            all.extend(
                NamedGroup::IMPLEMENTED
                    .iter()
                    .filter(|x| !all.contains(x))
                    .collect::<Vec<_>>(),
            );
            all
        }
        (None, None) => NamedGroup::IMPLEMENTED.to_vec(),
    };
    server_groups.dedup();
    let client_groups = groups("clientGroups", o.client_groups.as_deref())?;
    let (client_suites, server_suites) = match &o.cipher_suite {
        Some(name) => {
            let s = suites("cipherSuite", Some(core::slice::from_ref(name)))?;
            (s.clone(), s)
        }
        None => (
            CipherSuite::ALL.to_vec(),
            suites("cipherSuites", o.cipher_suites.as_deref())?,
        ),
    };
    let key = o.private_key.as_ref().or(o.server_identity.as_ref());
    let (certificate, identity) = match (&o.certificate, key) {
        (None, None) => {
            let k = SigningKey::generate()?;
            (cert::self_signed(&k, &CertificateRequest::default())?, k)
        }
        (c, k) => server_identity(c.as_deref(), k.map(String::as_str)).map_err(|e| {
            if o.private_key.is_none() && o.server_identity.is_some() {
                match e {
                    Error::Malformed {
                        detail,
                        what: "privateKey",
                    } => Error::Malformed {
                        what: "serverIdentity",
                        detail,
                    },
                    other => other,
                }
            } else {
                e
            }
        })?,
    };
    let pinned = match &o.pinned_certificate {
        Some(pem) => option("pinnedCertificate", cert::read_certificate(pem))?.0,
        None => certificate.clone(),
    };
    let static_key = o.static_server_key.unwrap_or(false);
    let server_ephemeral = o
        .server_ephemeral
        .as_deref()
        .map(|h| bytes32("serverEphemeral", h))
        .transpose()?;
    // A static key share is one private key the server keeps: given, or drawn once.
    let server_key_share = match (static_key, server_ephemeral) {
        (_, Some(k)) => Some(k),
        (true, None) => Some(Zeroizing::new(random32("serverEphemeral", None)?)),
        (false, None) => None,
    };
    let attack = o
        .mallory
        .as_deref()
        .map_or(Ok(Attack::None), Attack::from_name)?;
    let message = o.message.as_deref().unwrap_or("ping").as_bytes().to_vec();
    if message.len() > super::record::MAX_PLAINTEXT {
        return Err(Error::InvalidLength {
            what: "message",
            expected: "at most 16384 bytes (2^14, the largest record plaintext)",
            found: message.len(),
        });
    }
    let ticket_key = ticket_key(o.ticket_key.as_deref(), || {
        let raw = identity.reveal_private_key(PrivateKeyFormat::RawHex);
        Ok(TicketKey::derive(raw.as_bytes()))
    })?;
    let resume = o
        .resume
        .as_ref()
        .map(|r| Session::from_report(r, issuer::TLS13_MODEL))
        .transpose()?;
    let mallory_identity = match (&o.mallory_identity, attack) {
        (Some(pem), _) => Some(option(
            "malloryIdentity",
            SigningKey::import_private_key(pem),
        )?),
        (None, Attack::Resign) => Some(SigningKey::generate()?),
        (None, _) => None,
    };
    Ok(Inputs {
        client: ClientConfig {
            groups: client_groups,
            suites: client_suites,
            server_name: Some("localhost".to_owned()),
            pinned_certificate: Some(pinned),
            random: random32("clientRandom", o.client_random.as_deref())?,
            ephemeral: o
                .client_ephemeral
                .as_deref()
                .map(|h| bytes32("clientEphemeral", h))
                .transpose()?,
            record_received: false,
            resume,
            psk_mode: psk_mode(o.psk_mode.as_deref())?,
        },
        server: ServerConfig {
            groups: server_groups,
            suites: server_suites,
            certificate,
            identity: identity.clone(),
            random: random32("serverRandom", o.server_random.as_deref())?,
            ephemeral: server_key_share.clone(),
            send_ticket: true,
            ticket_key,
            allow_psk_ke: true,
        },
        server_key_share,
        identity,
        attack,
        mallory_ephemeral: o
            .mallory_ephemeral
            .as_deref()
            .map(|h| bytes32("malloryEphemeral", h))
            .transpose()?,
        mallory_identity,
        message,
        leak: o.leak_identity.unwrap_or(false),
        static_key,
    })
}

/// Runs one handshake; see the module documentation. Never fails as a function: an
/// invalid option or a handshake that stops is the report's `error`.
#[must_use]
pub fn handshake(options: &HandshakeOptions) -> Tls13Report {
    let options = match options.with_shared_ticket_key() {
        Ok(o) => o,
        Err(e) => {
            return Tls13Report {
                version: "1.3",
                mallory: Attack::None.name(),
                error: Some(e.to_string()),
                ..Tls13Report::default()
            };
        }
    };
    let (mut report, recorded) = recorded_run(&options);
    if options.leak_ticket_key == Some(true) && report.error.is_none() {
        match super::resume_leak::exercise(&options, &report, recorded.as_ref()) {
            Ok(leak) => report.resumption_leak = Some(leak),
            Err(e) => report.error = Some(e.to_string()),
        }
    }
    report
}

/// One run, and what crossed the wire if it completed.
pub(super) fn recorded_run(options: &HandshakeOptions) -> (Tls13Report, Option<Recorded>) {
    let mut report = Tls13Report {
        version: "1.3",
        mallory: Attack::None.name(),
        ..Tls13Report::default()
    };
    let recorded = match parse(options) {
        Ok(inputs) => run(inputs, &mut report),
        Err(e) => {
            report.error = Some(e.to_string());
            None
        }
    };
    (report, recorded)
}

#[allow(clippy::too_many_lines)]
fn run(inputs: Inputs, report: &mut Tls13Report) -> Option<Recorded> {
    report.mallory = inputs.attack.name();
    report.static_server_key = inputs.static_key;
    report.client_random = Some(to_hex(&inputs.client.random));
    report.server_random = Some(to_hex(&inputs.server.random));
    report.server_identity_public_key = Some(inputs.identity.public_key().to_pem());
    report.ticket_key_name = Some(to_hex(inputs.server.ticket_key.name()));
    let mut client = Client::new(inputs.client);
    let mut server = Server::new(inputs.server, false);
    let mut mallory = match inputs.attack {
        Attack::None => None,
        attack => Some(Mallory::new(
            attack,
            inputs.mallory_ephemeral,
            inputs.mallory_identity,
        )),
    };
    let (mut client_taken, mut server_taken) = (0usize, 0usize);
    let mut steps: Vec<Step> = Vec::new();
    let mut absorb = |client: &Client,
                      server: &Server,
                      mallory_steps: &mut Transcript,
                      steps: &mut Vec<Step>| {
        // Each side's steps since the last call, in the order the calls happened.
        let (c, s) = (client.steps(), server.steps());
        steps.extend_from_slice(c.get(client_taken..).unwrap_or_default());
        client_taken = c.len();
        steps.extend_from_slice(s.get(server_taken..).unwrap_or_default());
        server_taken = s.len();
        steps.extend(core::mem::take(mallory_steps).into_steps());
    };
    let mut mt = Transcript::default();
    let mut recording = Recorded::default();
    let mut failure: Option<String> = None;
    let mut hops = Hops::default();

    // The exchange: client → (Mallory) → server → (Mallory) → client, until both are done.
    let mut to_server = match client.start() {
        Ok(b) => b,
        Err(f) => {
            report.error = Some(f.message);
            return None;
        }
    };
    absorb(&client, &server, &mut mt, &mut steps);
    for _ in 0..6 {
        if let Some(m) = &mut mallory {
            hops.push("client", "mallory", &to_server);
            to_server = match m.intercept_client(&to_server, &mut mt) {
                Ok(b) => b,
                Err(e) => {
                    failure = Some(e.to_string());
                    break;
                }
            };
            hops.push("mallory", "server", &to_server);
        } else {
            hops.push("client", "server", &to_server);
        }
        recording.client_to_server.extend_from_slice(&to_server);
        let mut to_client = match server.receive(&to_server) {
            Ok(b) => b,
            Err(f) => {
                absorb(&client, &server, &mut mt, &mut steps);
                failure = Some(f.message);
                break;
            }
        };
        absorb(&client, &server, &mut mt, &mut steps);
        if let Some(m) = &mut mallory {
            hops.push("server", "mallory", &to_client);
            to_client = match m.intercept_server(&to_client, &mut mt) {
                Ok(b) => b,
                Err(e) => {
                    absorb(&client, &server, &mut mt, &mut steps);
                    failure = Some(e.to_string());
                    break;
                }
            };
            absorb(&client, &server, &mut mt, &mut steps);
            hops.push("mallory", "client", &to_client);
        } else {
            hops.push("server", "client", &to_client);
        }
        recording.server_to_client.extend_from_slice(&to_client);
        to_server = match client.receive(&to_client) {
            Ok(b) => b,
            Err(f) => {
                absorb(&client, &server, &mut mt, &mut steps);
                let diagnosis = mallory.as_ref().map(|m| m.diagnose(&f.message));
                failure = Some(diagnosis.flatten().unwrap_or(f.message));
                break;
            }
        };
        absorb(&client, &server, &mut mt, &mut steps);
        if to_server.is_empty() && client.handshake_done() && server.handshake_done() {
            break;
        }
    }

    if failure.is_none() && client.handshake_done() && server.handshake_done() {
        match client.send(&inputs.message) {
            Ok(wire) => {
                hops.push("client", "server", &wire);
                recording.application_data.clone_from(&wire);
                match server.receive(&wire) {
                    Ok(_) => {
                        report.opened =
                            Some(String::from_utf8_lossy(&server.take_received()).into_owned());
                    }
                    Err(f) => failure = Some(f.message),
                }
            }
            Err(f) => failure = Some(f.message),
        }
    }
    absorb(&client, &server, &mut mt, &mut steps);
    let c = client.report();
    report.cipher_suite = c.cipher_suite;
    report.group = c.group;
    report.hello_retry_request = c.hello_retry_request;
    report.certificate = c.certificate;
    report.trust = c.trust;
    report.secrets = c.secrets.clone();
    report.record = c
        .records
        .iter()
        .rev()
        .find(|r| r.direction == "sent" && r.content_type == "application_data")
        .cloned();
    let server_report = server.report();
    report.key_schedule = diagram(report.cipher_suite, &report.secrets);
    report.flights = hops.flights(&[&c.records, &server_report.records], &steps);
    report.records = c.records;
    report.alert = c.alert.or(server_report.alert);
    report.steps = steps;
    report.resumed = c.resumed;
    report.resumption = c.resumption;
    report.session = client.session().map(|s| s.to_report(issuer::TLS13_MODEL));
    if let Some(e) = failure {
        report.error = Some(e);
        return None;
    }
    if inputs.leak && report.group == Some(NamedGroup::X25519MlKem768.name()) {
        report.leak = Some(LeakReport {
            attacker_has: Vec::new(),
            steps: Vec::new(),
            decrypted: false,
            plaintext: None,
            explanation: "The forward-secrecy exercise is computed for x25519 and secp256r1 \
                          only; choose one of them to see the attacker try the leaked keys."
                .to_owned(),
        });
    } else if inputs.leak {
        report.leak = Some(forward_secrecy(
            &recording,
            &inputs.identity,
            inputs
                .server_key_share
                .as_ref()
                .filter(|_| inputs.static_key),
        ));
    }
    Some(recording)
}

/// The diagram of the client's key schedule, once it has both transcript hashes.
fn diagram(suite: Option<&str>, secrets: &SecretsReport) -> Option<KeyScheduleDiagram> {
    let unhex = |v: &Option<String>| {
        v.as_deref()
            .and_then(|h| crate::keys::text::from_hex(h).ok())
            .map(Zeroizing::new)
    };
    let shared = unhex(&secrets.shared_secret)?;
    key_schedule_diagram(
        suite?,
        &shared,
        &unhex(&secrets.hello_hash)?,
        &unhex(&secrets.handshake_hash)?,
    )
    .ok()
}

/// The bytes of each hop, in the order they crossed.
#[derive(Default)]
struct Hops(Vec<(&'static str, &'static str, Vec<u8>)>);

impl Hops {
    fn push(&mut self, from: &'static str, to: &'static str, bytes: &[u8]) {
        if !bytes.is_empty() {
            self.0.push((from, to, bytes.to_vec()));
        }
    }

    /// Each hop split into its records; a protected record's content comes from the
    /// logs of the parties that sealed or opened it, and each record names the step
    /// whose message it carries (the sender's own first).
    fn flights(&self, logs: &[&Vec<RecordLog>], steps: &[Step]) -> Vec<Flight> {
        self.0
            .iter()
            .map(|(from, to, bytes)| {
                let mut records = Vec::new();
                let mut rest = bytes.as_slice();
                while let Some(header) = rest.get(..HEADER_LEN) {
                    let declared = match header {
                        [_, _, _, hi, lo] => usize::from(u16::from_be_bytes([*hi, *lo])),
                        _ => 0,
                    };
                    let end = HEADER_LEN.saturating_add(declared).min(rest.len());
                    let (one, tail) = rest.split_at(end);
                    records.push(wire_record(one, from, logs, steps));
                    rest = tail;
                }
                Flight {
                    from,
                    to,
                    bytes: bytes.len(),
                    records,
                }
            })
            .collect()
    }
}

fn field(name: &str, meaning: impl Into<String>, start: usize, end: usize) -> Field {
    Field {
        name: name.to_owned(),
        meaning: meaning.into(),
        start,
        end,
    }
}

/// One record, annotated, with what is inside it.
fn wire_record(bytes: &[u8], from: &str, logs: &[&Vec<RecordLog>], steps: &[Step]) -> WireRecord {
    const TAG: usize = 16;
    let hex = to_hex(bytes);
    let outer = bytes.first().copied().unwrap_or_default();
    let body = bytes.get(HEADER_LEN..).unwrap_or_default();
    let n = bytes.len();
    let mut fields = vec![
        field(
            "type",
            if outer == content_type::APPLICATION_DATA {
                "application_data (23): the outer type of every protected record".to_owned()
            } else {
                format!("{} ({outer})", content_type_name(outer))
            },
            0,
            1,
        ),
        field(
            "legacy_record_version",
            "0x0303, TLS 1.2: frozen (RFC 8446 §5.1)",
            1,
            3,
        ),
        field(
            "length",
            format!("the next {} bytes", body.len()),
            3,
            HEADER_LEN.min(n),
        ),
    ];
    let log = logs.iter().flat_map(|l| l.iter()).find(|r| r.record == hex);
    let mut record = WireRecord {
        fields: Vec::new(),
        encrypted: log.is_some(),
        content_type: content_type_name(outer),
        ..WireRecord::default()
    };
    let plaintext = if let Some(log) = log {
        let body_len = body.len().saturating_sub(TAG);
        fields.push(field(
            "encrypted_record",
            "TLSInnerPlaintext (content ‖ real type ‖ padding), AES-GCM encrypted: nothing              inside is readable on the wire, not even the type",
            HEADER_LEN,
            HEADER_LEN.saturating_add(body_len),
        ));
        fields.push(field(
            "authentication tag",
            "16 bytes: AES-GCM's tag over the ciphertext and the 5-byte header (the              additional data)",
            HEADER_LEN.saturating_add(body_len),
            n,
        ));
        let mut inner = crate::keys::text::from_hex(&log.plaintext).unwrap_or_default();
        let inner_type = match log.content_type {
            "handshake" => content_type::HANDSHAKE,
            "alert" => content_type::ALERT,
            _ => content_type::APPLICATION_DATA,
        };
        inner.push(inner_type);
        inner.resize(body_len.max(inner.len()), 0);
        record.inner_plaintext = Some(to_hex(&inner));
        record.content_type = log.content_type;
        record.keys = Some(log.keys);
        record.sequence_number = Some(log.sequence_number);
        record.nonce = Some(log.nonce.clone());
        log.plaintext.clone()
    } else {
        fields.push(field(
            "fragment",
            "in clear: anyone on the path reads it",
            HEADER_LEN.min(n),
            n,
        ));
        to_hex(body)
    };
    let side = |s: &Step| s.side.name().eq_ignore_ascii_case(from);
    record.step = steps
        .iter()
        .position(|s| s.bytes == plaintext && side(s))
        .or_else(|| steps.iter().position(|s| s.bytes == plaintext));
    record.plaintext = Some(plaintext);
    record.record = hex;
    record.fields = fields;
    record
}

/// What crossed the wire.
#[derive(Default)]
pub(super) struct Recorded {
    pub(super) client_to_server: Vec<u8>,
    pub(super) server_to_client: Vec<u8>,
    pub(super) application_data: Vec<u8>,
}

/// Mallory between the two: her key shares in both hellos, two key exchanges, the
/// server's messages re-encrypted for the client.
struct Mallory {
    attack: Attack,
    ephemeral: Option<Zeroizing<[u8; 32]>>,
    identity: Option<SigningKey>,
    /// Her secret towards the client (replacing the server's share) and towards the
    /// server (replacing the client's), per group.
    keys: Vec<(NamedGroup, SecretKey)>,
    client_share: Option<(NamedGroup, PublicKey)>,
    /// Transcripts as each side sees them.
    client_side: Vec<u8>,
    server_side: Vec<u8>,
    from_server: RecordLayer,
    to_client: RecordLayer,
    from_client: RecordLayer,
    client_schedule: Option<(CipherSuite, KeyScheduleHandshake)>,
}

impl Mallory {
    fn new(
        attack: Attack,
        ephemeral: Option<Zeroizing<[u8; 32]>>,
        identity: Option<SigningKey>,
    ) -> Self {
        Self {
            attack,
            ephemeral,
            identity,
            keys: Vec::new(),
            client_share: None,
            client_side: Vec::new(),
            server_side: Vec::new(),
            from_server: RecordLayer::default(),
            to_client: RecordLayer::default(),
            from_client: RecordLayer::default(),
            client_schedule: None,
        }
    }

    fn key(&mut self, group: NamedGroup) -> Result<SecretKey> {
        if let Some((_, k)) = self.keys.iter().find(|(g, _)| *g == group) {
            return Ok(k.clone());
        }
        let curve = group.curve().ok_or_else(|| {
            Error::Handshake(format!(
                "Mallory's attack is modelled on x25519 and secp256r1, not {}",
                group.name()
            ))
        })?;
        let k = match &self.ephemeral {
            Some(bytes) => SecretKey::from_bytes(curve, bytes.as_slice())
                .map_err(|e| Error::malformed("malloryEphemeral", e.to_string()))?,
            None => SecretKey::generate(curve)?,
        };
        self.keys.push((group, k.clone()));
        Ok(k)
    }

    /// ClientHello: her key share in place of the client's.
    fn intercept_client(&mut self, bytes: &[u8], t: &mut Transcript) -> Result<Vec<u8>> {
        if self.client_schedule.is_some() {
            // After the hellos she cannot forge the client's Finished for the server; the
            // client stops before sending it anyway.
            return Ok(bytes.to_vec());
        }
        self.from_client.feed(bytes);
        let mut out = RecordLayer::default();
        while let Some(incoming) = self.from_client.next_incoming().map_err(|e| e.error)? {
            let Incoming::Handshake(m) = incoming else {
                continue;
            };
            if m.first() != Some(&ht::CLIENT_HELLO) {
                out.send(content_type::HANDSHAKE, &m)?;
                continue;
            }
            let mut hello = ClientHello::parse(&m)?;
            let Some(share) = hello.key_shares.first().cloned() else {
                out.send(content_type::HANDSHAKE, &m)?;
                continue;
            };
            let group = NamedGroup::from_id(share.group)
                .filter(|g| g.curve().is_some())
                .ok_or_else(|| {
                    Error::Handshake(format!(
                        "Mallory's attack is modelled on x25519 and secp256r1, not on {}: \
                         choose one of them to see it",
                        crate::tls12::messages::group_meaning(share.group)
                    ))
                })?;
            self.client_share = Some((
                group,
                public_key_from_wire(group, &share.key_exchange, "ClientHello")?,
            ));
            let mine = self.key(group)?.public_key().to_raw();
            hello.key_shares = vec![KeyShare {
                group: share.group,
                key_exchange: mine,
            }];
            let encoded = hello.encode()?;
            t.record(
                Side::Mallory,
                "Mallory replaces the client's key share",
                format!(
                    "Nothing protects ClientHello: Mallory puts her own {} public key where \
                     the client's was. The server will compute its shared secret with her.",
                    group.name()
                ),
                &encoded,
            );
            // A HelloRetryRequest restarts the transcript; she keeps the latest hello.
            self.client_side.extend_from_slice(&m);
            self.server_side.extend_from_slice(&encoded.bytes);
            out.send(content_type::HANDSHAKE, &encoded.bytes)?;
        }
        Ok(out.take_outgoing())
    }

    /// ServerHello: her key share in place of the server's; then every encrypted
    /// message opened with the server-side keys and sealed again with the client-side
    /// ones.
    #[allow(clippy::too_many_lines)]
    fn intercept_server(&mut self, bytes: &[u8], t: &mut Transcript) -> Result<Vec<u8>> {
        self.from_server.feed(bytes);
        while let Some(incoming) = self.from_server.next_incoming().map_err(|e| e.error)? {
            let Incoming::Handshake(m) = incoming else {
                continue;
            };
            if m.first() == Some(&ht::SERVER_HELLO) {
                let mut hello = ServerHello::parse(&m)?;
                if hello.is_retry_request() {
                    // She lets the retry through and acts on the next ClientHello.
                    let suite = CipherSuite::from_id(hello.cipher_suite)
                        .ok_or_else(|| Error::Handshake("Mallory: unknown suite".to_owned()))?;
                    self.client_side =
                        messages::message_hash(&suite.hash().digest(&self.client_side));
                    self.server_side =
                        messages::message_hash(&suite.hash().digest(&self.server_side));
                    self.client_side.extend_from_slice(&m);
                    self.server_side.extend_from_slice(&m);
                    self.to_client.send(content_type::HANDSHAKE, &m)?;
                    continue;
                }
                let suite = CipherSuite::from_id(hello.cipher_suite)
                    .ok_or_else(|| Error::Handshake("Mallory: unknown suite".to_owned()))?;
                let share = hello
                    .key_share
                    .clone()
                    .ok_or_else(|| Error::Handshake("Mallory: no key share".to_owned()))?;
                let group = NamedGroup::from_id(share.group)
                    .ok_or_else(|| Error::Handshake("Mallory: unknown group".to_owned()))?;
                let server_public =
                    public_key_from_wire(group, &share.key_exchange, "ServerHello")?;
                let mine = self.key(group)?;
                hello.key_share = Some(KeyShare {
                    group: share.group,
                    key_exchange: mine.public_key().to_raw(),
                });
                let encoded = hello.encode()?;
                t.record(
                    Side::Mallory,
                    "Mallory replaces the server's key share",
                    "And in ServerHello, her public key where the server's was. Now there are \
                     two key exchanges: client–Mallory and Mallory–server, and she knows both \
                     shared secrets. Nothing so far is signed: this is where TLS 1.3's \
                     CertificateVerify, covering the whole transcript, must catch her.",
                    &encoded,
                );
                self.server_side.extend_from_slice(&m);
                self.client_side.extend_from_slice(&encoded.bytes);
                let (cg, client_public) = self
                    .client_share
                    .ok_or_else(|| Error::Handshake("Mallory: no client share".to_owned()))?;
                if cg != group {
                    return Err(Error::Handshake("Mallory: groups differ".to_owned()));
                }
                let with_server = PreMasterSecret::from_ecdh(&mine, &server_public)?;
                let with_client = PreMasterSecret::from_ecdh(&mine, &client_public)?;
                let server_schedule = KeyScheduleEarly::new(suite, None).handshake(
                    with_server.as_bytes(),
                    &suite.hash().digest(&self.server_side),
                )?;
                let client_schedule = KeyScheduleEarly::new(suite, None).handshake(
                    with_client.as_bytes(),
                    &suite.hash().digest(&self.client_side),
                )?;
                self.to_client
                    .send(content_type::HANDSHAKE, &encoded.bytes)?;
                self.from_server
                    .set_read_keys(server_schedule.server_handshake_keys()?, "handshake")
                    .map_err(|e| e.error)?;
                self.to_client
                    .set_write_keys(client_schedule.server_handshake_keys()?, "handshake");
                t.record_value(
                    Side::Mallory,
                    "Mallory holds both shared secrets",
                    "ECDH of her key with the server's share, and with the client's: she can \
                     open everything the server encrypts and seal it again for the client.",
                    with_client.as_bytes(),
                );
                self.client_schedule = Some((suite, client_schedule));
                continue;
            }
            let Some((suite, schedule)) = &self.client_schedule else {
                self.to_client.send(content_type::HANDSHAKE, &m)?;
                continue;
            };
            let suite = *suite;
            let forwarded =
                match (m.first().copied(), self.attack) {
                    (Some(ht::CERTIFICATE), Attack::Resign) => {
                        let identity = self.identity.as_ref().ok_or_else(|| {
                            Error::Handshake("Mallory has no identity".to_owned())
                        })?;
                        let der = cert::self_signed(identity, &CertificateRequest::default())?;
                        let c = messages::certificate(&der)?;
                        t.record(
                        Side::Mallory,
                        "Mallory sends her own certificate",
                        "The server's CertificateVerify will not verify over her transcript, so \
                         she replaces the certificate with one for her own key (the same name, \
                         \"localhost\": anyone can make such a certificate) and will sign \
                         herself.",
                        &c,
                    );
                        c.bytes
                    }
                    (Some(ht::CERTIFICATE_VERIFY), Attack::Resign) => {
                        let identity = self.identity.as_ref().ok_or_else(|| {
                            Error::Handshake("Mallory has no identity".to_owned())
                        })?;
                        let content = messages::certificate_verify_content(
                            true,
                            &suite.hash().digest(&self.client_side),
                        );
                        messages::certificate_verify(
                            messages::ECDSA_SECP256R1_SHA256,
                            &identity.sign(&content),
                        )?
                        .bytes
                    }
                    (Some(ht::FINISHED), _) => {
                        let verify =
                            schedule.server_finished(&suite.hash().digest(&self.client_side))?;
                        messages::finished(&verify, "server's")?.bytes
                    }
                    _ => m.clone(),
                };
            if m.first() == Some(&ht::CERTIFICATE_VERIFY) && self.attack == Attack::SwapKey {
                t.record_value(
                    Side::Mallory,
                    "Mallory forwards CertificateVerify unchanged",
                    "She cannot sign as the server, so she passes on the server's signature. \
                     It covers the transcript the server saw — with her key shares, not the \
                     client's.",
                    &m,
                );
            }
            self.server_side.extend_from_slice(&m);
            self.client_side.extend_from_slice(&forwarded);
            self.to_client.send(content_type::HANDSHAKE, &forwarded)?;
        }
        Ok(self.to_client.take_outgoing())
    }

    /// The client's error, explained with what Mallory did.
    fn diagnose(&self, error: &str) -> Option<String> {
        match self.attack {
            Attack::SwapKey if error.contains("CertificateVerify") => Some(format!(
                "{error}. Mallory swapped the key shares in both hellos and re-encrypted \
                 everything, so every record opened; but the server signed the transcript it \
                 saw, which holds her key shares, and the client checks the signature over \
                 the transcript it saw, which holds its own: CertificateVerify fails, and \
                 the client stops before Finished"
            )),
            Attack::Resign if error.contains("pinned") => Some(format!(
                "{error}. Mallory sent her own certificate and signed with her own key; the \
                 client pinned the server's certificate, so it stops at Certificate (a browser \
                 would stop there too: no trusted CA signed hers)"
            )),
            _ => None,
        }
    }
}

/// The forward-secrecy exercise for TLS 1.3: the attacker recorded everything; later
/// the server's identity key leaks (and its key-share key, if it kept one). Each leaked
/// key is tried the only way the key exchange allows: ECDH with the client's recorded
/// key share, then the key schedule, then opening the recorded records.
fn forward_secrecy(
    recorded: &Recorded,
    identity: &SigningKey,
    static_key: Option<&Zeroizing<[u8; 32]>>,
) -> LeakReport {
    let mut t = Transcript::default();
    let identity_pem = identity.reveal_private_key(PrivateKeyFormat::Pem);
    let mut attacker_has = vec![
        Item {
            name: "the client's flight (recorded)".to_owned(),
            value: to_hex(&recorded.client_to_server),
        },
        Item {
            name: "the server's flight (recorded)".to_owned(),
            value: to_hex(&recorded.server_to_client),
        },
        Item {
            name: "application data record (recorded)".to_owned(),
            value: to_hex(&recorded.application_data),
        },
        Item {
            name: "server identity private key (leaked, PKCS#8 PEM)".to_owned(),
            value: identity_pem.to_string(),
        },
    ];
    if let Some(k) = static_key {
        attacker_has.push(Item {
            name: "server key-share private key (leaked: the server kept it)".to_owned(),
            value: to_hex(k.as_slice()),
        });
    }
    let opened = attack_recording(&mut t, recorded, identity, static_key);
    let decrypted = opened.is_some();
    let explanation = if decrypted {
        "No forward secrecy. The server kept the private key of its key share (as a server \
         that reuses key shares does), so the leak included it; with the client's recorded \
         key share it gives the shared secret, and from the recorded hellos the attacker \
         derives the handshake keys, opens the server's messages, hashes the transcript and \
         derives the application keys. Every recorded connection is now readable."
    } else {
        "Forward secrecy. In TLS 1.3 the identity key only signs CertificateVerify; the shared \
         secret comes from two key shares whose private keys were used once and erased. The \
         leaked identity key lets the attacker impersonate the server in future \
         connections, but this recorded connection stays sealed."
    };
    LeakReport {
        attacker_has,
        steps: t.into_steps(),
        decrypted,
        plaintext: opened.map(|p| String::from_utf8_lossy(&p).into_owned()),
        explanation: explanation.to_owned(),
    }
}

fn attack_recording(
    t: &mut Transcript,
    recorded: &Recorded,
    identity: &SigningKey,
    static_key: Option<&Zeroizing<[u8; 32]>>,
) -> Option<Vec<u8>> {
    const ATTACKER: Side = Side::Attacker;
    // The hellos, in clear on the wire (after a HelloRetryRequest, both rounds of them).
    let hellos = recorded_hellos(recorded).ok()?;
    let share = hellos.server_hello.key_share.as_ref()?;
    let group = NamedGroup::from_id(share.group)?;
    let client_share = ClientHello::parse(&hellos.client_hello)
        .ok()?
        .key_shares
        .into_iter()
        .find(|k| k.group == share.group)?;
    let client_public =
        public_key_from_wire(group, &client_share.key_exchange, "ClientHello").ok()?;
    let suite = hellos.suite;
    let curve = group.curve()?;
    let identity_bytes = identity.reveal_private_key(PrivateKeyFormat::RawHex);
    let mut candidates: Vec<(&str, Option<SecretKey>)> = vec![(
        "the leaked identity key",
        crate::keys::text::from_hex(&identity_bytes)
            .ok()
            .and_then(|b| SecretKey::from_bytes(curve, &b).ok()),
    )];
    if let Some(k) = static_key {
        candidates.push((
            "the leaked key-share key",
            SecretKey::from_bytes(curve, k.as_slice()).ok(),
        ));
    }
    let mut opened = None;
    for (name, key) in candidates {
        let Some(key) = key else {
            t.record_value(
                ATTACKER,
                format!("Attacker cannot use {name} on {}", group.name()),
                "Its bytes are not a key on the recorded group.",
                &[],
            );
            continue;
        };
        let Ok(shared) = PreMasterSecret::from_ecdh(&key, &client_public) else {
            continue;
        };
        t.record_value(
            ATTACKER,
            format!("Attacker computes ECDH with {name}"),
            format!(
                "ECDH({name}, the client's key share from the recorded ClientHello): a \
                 candidate shared secret. From it and the transcript hash of the hellos \
                 (ClientHello and ServerHello; after a HelloRetryRequest, both rounds), \
                 recorded in clear, the {} key schedule gives candidate handshake keys.",
                suite.name()
            ),
            shared.as_bytes(),
        );
        match open_with_psk(&hellos, None, shared.as_bytes(), recorded) {
            Ok(plaintext) => {
                t.record_value(
                    ATTACKER,
                    "Attacker decrypts the recorded record",
                    "The server's encrypted messages open with the candidate handshake keys; \
                     their transcript hash gives the application keys, and the recorded \
                     application data opens: the attacker reads it (shown).",
                    &plaintext,
                );
                opened = Some(plaintext);
            }
            Err(e) => {
                t.record_value(
                    ATTACKER,
                    format!("Attacker tries the keys derived with {name}: {e}"),
                    "The server's first encrypted record does not open with them: the \
                     candidate is not the shared secret.",
                    &[],
                );
            }
        }
    }
    opened
}

/// The hellos of a recorded connection, as an eavesdropper reads them in clear.
pub(super) struct RecordedHellos {
    /// The transcript through ServerHello: ClientHello ‖ ServerHello, or after a
    /// HelloRetryRequest message_hash(ClientHello1) ‖ HelloRetryRequest ‖ ClientHello2 ‖
    /// ServerHello (RFC 8446 §4.4.1).
    pub(super) transcript: Vec<u8>,
    /// The first ClientHello (0-RTT data would be sealed with its hash).
    pub(super) first_client_hello: Vec<u8>,
    /// The ClientHello the server answered: the second after a HelloRetryRequest.
    pub(super) client_hello: Vec<u8>,
    pub(super) server_hello: ServerHello,
    pub(super) suite: CipherSuite,
    /// How many messages the server sent in clear: ServerHello, and a HelloRetryRequest
    /// before it.
    server_in_clear: usize,
}

/// Reads the hellos of a recording.
///
/// # Errors
/// A recording without a ClientHello and ServerHello, or whose ServerHello names no
/// cipher suite of this model.
pub(super) fn recorded_hellos(recorded: &Recorded) -> Result<RecordedHellos> {
    let missing = || Error::Handshake("the recording has no hellos".to_owned());
    let mut c = fresh(&recorded.client_to_server);
    let mut client_hellos = Vec::new();
    while let Ok(Some(Incoming::Handshake(m))) = c.next_incoming() {
        if m.first() == Some(&ht::CLIENT_HELLO) {
            client_hellos.push(m);
        }
    }
    let mut s = fresh(&recorded.server_to_client);
    let mut next_server = || match s.next_incoming() {
        Ok(Some(Incoming::Handshake(m))) => Ok(m),
        _ => Err(missing()),
    };
    let first = next_server()?;
    let parsed = ServerHello::parse(&first)?;
    let (retry, server_hello, parsed) = if parsed.is_retry_request() {
        let second = next_server()?;
        let hello = ServerHello::parse(&second)?;
        (Some(first), second, hello)
    } else {
        (None, first, parsed)
    };
    let suite = CipherSuite::from_id(parsed.cipher_suite).ok_or_else(missing)?;
    let (transcript, client_hello) = match (&retry, client_hellos.as_slice()) {
        (None, [ch, ..]) => ([ch.as_slice(), &server_hello].concat(), ch.clone()),
        (Some(hrr), [ch1, ch2, ..]) => {
            let mut t = messages::message_hash(&suite.hash().digest(ch1));
            for m in [hrr, ch2, &server_hello] {
                t.extend_from_slice(m);
            }
            (t, ch2.clone())
        }
        _ => return Err(missing()),
    };
    Ok(RecordedHellos {
        transcript,
        first_client_hello: client_hellos.swap_remove(0),
        client_hello,
        server_hello: parsed,
        suite,
        server_in_clear: if retry.is_some() { 2 } else { 1 },
    })
}

/// Derives the handshake keys from `psk` (if any), `shared` and the recorded hellos,
/// opens the server's flight with them, derives the application keys from its
/// transcript and opens the recorded application data.
pub(super) fn open_with_psk(
    hellos: &RecordedHellos,
    psk: Option<&[u8]>,
    shared: &[u8],
    recorded: &Recorded,
) -> Result<Vec<u8>> {
    let suite = hellos.suite;
    let schedule = KeyScheduleEarly::new(suite, psk)
        .handshake(shared, &suite.hash().digest(&hellos.transcript))?;
    // Past the messages in clear, the encrypted flight.
    let mut server_records = fresh(&recorded.server_to_client);
    for _ in 0..hellos.server_in_clear {
        let _ = server_records.next_incoming().map_err(|e| e.error)?;
    }
    server_records
        .set_read_keys(schedule.server_handshake_keys()?, "handshake")
        .map_err(|e| e.error)?;
    let mut transcript = hellos.transcript.clone();
    loop {
        match server_records.next_incoming().map_err(|e| e.error)? {
            Some(Incoming::Handshake(m)) => {
                let last = m.first() == Some(&ht::FINISHED);
                transcript.extend_from_slice(&m);
                if last {
                    break;
                }
            }
            Some(Incoming::ApplicationData(_)) => {}
            None => {
                return Err(Error::Handshake(
                    "the recorded flight ends early".to_owned(),
                ));
            }
        }
    }
    let traffic = schedule.traffic(&suite.hash().digest(&transcript))?;
    let mut app = RecordLayer::default();
    app.set_read_keys(traffic.client_application_keys()?, "application")
        .map_err(|e| e.error)?;
    app.feed(&recorded.application_data);
    match app.next_incoming().map_err(|e| e.error)? {
        Some(Incoming::ApplicationData(data)) => Ok(data),
        _ => Err(Error::Handshake("no application data".to_owned())),
    }
}

fn fresh(bytes: &[u8]) -> RecordLayer {
    let mut r = RecordLayer::default();
    r.feed(bytes);
    r
}
