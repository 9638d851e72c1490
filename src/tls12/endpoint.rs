//! The two ends of a sans-IO TLS 1.2 connection, in rustls's shape: bytes in, bytes out,
//! no sockets. Each holds the current state of its machine ([`super::client`],
//! [`super::server`]: the same state types the one-shot model runs), frames the byte
//! stream into records in any chunking, joins handshake messages, hands the state the
//! ChangeCipherSpec and the encrypted Finished it expects, and stops for good at the
//! first fatal error, with the alert record to send.

use super::client::{self, ClientConfig};
use super::messages::{NamedGroup, ServerKeyExchange, handshake_type as ht};
use super::record::{Alert, alert_name, content_type};
use super::report::{ConnectionReport, SecretsReport};
use super::secrets::{KeySource, SessionSecrets};
use super::server::{self, ServerConfig};
use super::transcript::Transcript;
use crate::error::Error;
use crate::keys::text::to_hex;

/// A failure as the caller sees it: the message, and the alert record to send before
/// closing (empty when the peer sent the alert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The error, naming the alert.
    pub message: String,
    /// The alert record's bytes.
    pub alert: Vec<u8>,
}

impl core::fmt::Display for Failure {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The largest handshake message joined (a peer could otherwise make a page buffer the
/// 16 MiB the length field allows).
const MAX_HANDSHAKE_MESSAGE: usize = 1 << 16;

/// What the record layer delivers.
pub enum Incoming {
    /// One whole handshake message, header included.
    Handshake(Vec<u8>),
    /// A ChangeCipherSpec record and the protected record after it, whole.
    Finished {
        /// The ChangeCipherSpec record.
        ccs: Vec<u8>,
        /// The protected Finished record.
        record: Vec<u8>,
    },
    /// A protected record after the handshake, whole, with its type.
    Protected(u8, Vec<u8>),
}

#[derive(Default)]
struct Records {
    incoming: Vec<u8>,
    handshake: Vec<u8>,
    outgoing: Vec<u8>,
    /// The peer's ChangeCipherSpec has arrived: its records are protected from here on.
    ccs: Option<Vec<u8>>,
    finished_seen: bool,
}

fn whole_message_len(buffer: &[u8]) -> Option<usize> {
    let [_, a, b, c] = *buffer.first_chunk::<4>()?;
    let len = (usize::from(a) << 16) | (usize::from(b) << 8) | usize::from(c);
    let total = len.checked_add(4)?;
    (buffer.len() >= total).then_some(total)
}

/// Why a connection stops, with the alert that says so.
pub struct Stop {
    alert: u8,
    error: Error,
    from_peer: bool,
}

fn stop(alert: Alert, message: impl Into<String>) -> Stop {
    Stop {
        alert: alert.description(),
        error: Error::Handshake(message.into()),
        from_peer: false,
    }
}

fn peer_alert(body: &[u8]) -> Stop {
    match body {
        [level, description] => Stop {
            alert: *description,
            error: Error::Handshake(if *description == 0 {
                "the peer closed the connection (close_notify)".to_owned()
            } else {
                format!(
                    "the peer sent {} alert {} ({description})",
                    if *level == 1 { "a warning" } else { "a fatal" },
                    alert_name(*description)
                )
            }),
            from_peer: true,
        },
        _ => stop(Alert::DecodeError, "an alert record that is not 2 bytes"),
    }
}

impl Records {
    fn send_plain(&mut self, content_type: u8, content: &[u8]) {
        for chunk in content.chunks(1 << 14) {
            self.outgoing.push(content_type);
            self.outgoing.extend_from_slice(&super::messages::TLS12);
            let len = u16::try_from(chunk.len()).unwrap_or(u16::MAX);
            self.outgoing.extend_from_slice(&len.to_be_bytes());
            self.outgoing.extend_from_slice(chunk);
        }
    }

    fn next(&mut self) -> Result<Option<Incoming>, Stop> {
        loop {
            if let Some(&[_, a, b, c]) = self.handshake.first_chunk::<4>() {
                let declared = (usize::from(a) << 16) | (usize::from(b) << 8) | usize::from(c);
                if declared > MAX_HANDSHAKE_MESSAGE {
                    return Err(stop(
                        Alert::DecodeError,
                        format!(
                            "a handshake message of {declared} bytes; the model takes at most 65536"
                        ),
                    ));
                }
            }
            if let Some(n) = whole_message_len(&self.handshake) {
                let rest = self.handshake.split_off(n);
                return Ok(Some(Incoming::Handshake(core::mem::replace(
                    &mut self.handshake,
                    rest,
                ))));
            }
            let Some(&[t, v0, _, hi, lo]) = self.incoming.first_chunk::<5>() else {
                return Ok(None);
            };
            let length = usize::from(u16::from_be_bytes([hi, lo]));
            if !matches!(t, 20..=23) || v0 != 3 {
                return Err(stop(
                    Alert::UnexpectedMessage,
                    format!(
                        "not a TLS record: the first bytes are {} (is the peer speaking TLS?)",
                        to_hex(self.incoming.get(..5).unwrap_or_default())
                    ),
                ));
            }
            if length > (1 << 14) + 2048 {
                return Err(stop(
                    Alert::DecodeError,
                    format!("a record of {length} bytes, over 2^14 + 2048 (RFC 5246 §6.2.3)"),
                ));
            }
            let total = length.saturating_add(5);
            if self.incoming.len() < total {
                return Ok(None);
            }
            let rest = self.incoming.split_off(total);
            let whole = core::mem::replace(&mut self.incoming, rest);
            let body = whole.get(5..).unwrap_or_default();
            match (t, &self.ccs) {
                (content_type::CHANGE_CIPHER_SPEC, None) => {
                    if body != [1] || !self.handshake.is_empty() {
                        return Err(stop(
                            Alert::UnexpectedMessage,
                            "a malformed or misplaced ChangeCipherSpec",
                        ));
                    }
                    self.ccs = Some(whole);
                }
                (content_type::ALERT, None) => return Err(peer_alert(body)),
                (content_type::HANDSHAKE, None) => self.handshake.extend_from_slice(body),
                (content_type::APPLICATION_DATA, None) => {
                    return Err(stop(
                        Alert::UnexpectedMessage,
                        "application data before the handshake completed",
                    ));
                }
                (content_type::HANDSHAKE, Some(ccs)) if !self.finished_seen => {
                    self.finished_seen = true;
                    return Ok(Some(Incoming::Finished {
                        ccs: ccs.clone(),
                        record: whole,
                    }));
                }
                (content_type::CHANGE_CIPHER_SPEC, Some(_)) => {
                    return Err(stop(Alert::UnexpectedMessage, "a second ChangeCipherSpec"));
                }
                (other, Some(_)) => return Ok(Some(Incoming::Protected(other, whole))),
                (_, None) => return Err(stop(Alert::UnexpectedMessage, "an unexpected record")),
            }
        }
    }
}

/// What both ends keep besides their state: the record layer, the transcript, the
/// report, the data received.
pub struct Common {
    records: Records,
    t: Transcript,
    report: ConnectionReport,
    received: Vec<u8>,
    closed: Option<Failure>,
}

impl Common {
    fn new(side: &'static str) -> Self {
        Self {
            records: Records::default(),
            t: Transcript::default(),
            report: ConnectionReport {
                version: "1.2",
                side,
                cipher_suite: Some(super::messages::CIPHER_SUITE_NAME),
                ..ConnectionReport::default()
            },
            received: Vec::new(),
            closed: None,
        }
    }

    fn check_open(&self) -> Result<(), Failure> {
        match &self.closed {
            Some(f) => Err(Failure {
                message: format!("the connection is closed: {}", f.message),
                alert: Vec::new(),
            }),
            None => Ok(()),
        }
    }

    /// Ends the connection: the alert record to send (plaintext before the keys are
    /// in use, sealed after, by `seal_alert`).
    fn fail(&mut self, s: Stop, sealed_alert: Option<Vec<u8>>) -> Failure {
        if s.from_peer && s.alert == 0 {
            // close_notify: an orderly end, not an error.
            let failure = Failure {
                message: "the peer closed the connection (close_notify)".to_owned(),
                alert: Vec::new(),
            };
            self.closed = Some(failure.clone());
            return failure;
        }
        let alert = if s.from_peer {
            Vec::new()
        } else {
            let body = [2, s.alert];
            match sealed_alert {
                Some(sealed) => sealed,
                None => {
                    let mut r = Records::default();
                    r.send_plain(content_type::ALERT, &body);
                    r.outgoing
                }
            }
        };
        let who = if s.from_peer { "received" } else { "sent" };
        let message = format!("{} ({who} alert {})", s.error, alert_name(s.alert));
        self.report.error = Some(message.clone());
        self.report.alert = Some(alert_name(s.alert).to_owned());
        let failure = Failure { message, alert };
        self.closed = Some(failure.clone());
        failure
    }

    fn report(&self) -> ConnectionReport {
        let mut r = self.report.clone();
        r.steps = self.t.steps().to_vec();
        r
    }
}

fn secrets_report(s: &SessionSecrets, verify: Option<([u8; 12], [u8; 12])>) -> SecretsReport {
    let mut r = SecretsReport::default();
    r.shared_secret = s.pre_master_secret().map(|p| to_hex(p.as_slice()));
    r.master_secret = Some(to_hex(s.master_secret()));
    r.key_block = Some(to_hex(s.key_block()));
    r.client_write_key = Some(to_hex(s.client_write_key()));
    r.server_write_key = Some(to_hex(s.server_write_key()));
    r.client_write_iv = Some(to_hex(s.client_iv()));
    r.server_write_iv = Some(to_hex(s.server_iv()));
    r.client_finished = verify.map(|v| to_hex(&v.0));
    r.server_finished = verify.map(|v| to_hex(&v.1));
    r
}

fn group_of(server_key_exchange: &[u8]) -> Option<&'static str> {
    ServerKeyExchange::parse(server_key_exchange)
        .ok()
        .and_then(|kx| NamedGroup::from_id(kx.params.group))
        .map(NamedGroup::name)
}

/// Application data to the caller; an alert ends the connection; a handshake message
/// after the handshake would be renegotiation, which is refused.
fn deliver(kind: u8, plaintext: &[u8], received: &mut Vec<u8>) -> Result<(), Stop> {
    match kind {
        content_type::APPLICATION_DATA => {
            received.extend_from_slice(plaintext);
            Ok(())
        }
        content_type::ALERT => Err(peer_alert(plaintext)),
        _ => Err(stop(
            Alert::UnexpectedMessage,
            "a handshake message after the handshake (renegotiation is not supported)",
        )),
    }
}

/// One side's state machine, as the endpoint steps it.
pub trait Machine {
    /// "client" or "server", for the report.
    const SIDE: &'static str;
    /// Handles what the record layer delivered.
    ///
    /// # Errors
    /// What the state refuses, with its alert.
    fn step(&mut self, incoming: Incoming, common: &mut Common) -> Result<(), Stop>;
    /// Seals one application-data record, once the handshake is done.
    fn seal_data(&mut self, data: &[u8]) -> Option<crate::error::Result<Vec<u8>>>;
    /// Seals an alert, once the keys are in use.
    fn seal_alert(&mut self, body: &[u8]) -> Option<Vec<u8>>;
    /// Whether bytes may be received yet (a client must start first).
    fn started(&self) -> bool;
    /// Ends the machine.
    fn close(&mut self);
}

/// One end of a connection: its machine and what it keeps.
pub struct Endpoint<M> {
    machine: M,
    common: Common,
}

/// A TLS 1.2 client connection (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).
pub type Client = Endpoint<ClientMachine>;
/// A TLS 1.2 server connection.
pub type Server = Endpoint<ServerMachine>;

impl<M: Machine> core::fmt::Debug for Endpoint<M> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct(M::SIDE)
            .field("handshake_done", &self.common.report.handshake_done)
            .finish_non_exhaustive()
    }
}

impl<M: Machine> Endpoint<M> {
    fn with(machine: M) -> Self {
        Self {
            machine,
            common: Common::new(M::SIDE),
        }
    }

    /// Bytes from the peer, in any chunking; returns the bytes to send back.
    ///
    /// # Errors
    /// The first fatal error, with the alert to send; every later call too.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Vec<u8>, Failure> {
        self.common.check_open()?;
        if !self.machine.started() {
            return Err(Failure {
                message: "call start() before receive()".to_owned(),
                alert: Vec::new(),
            });
        }
        self.common.records.incoming.extend_from_slice(bytes);
        loop {
            let next = match self.common.records.next() {
                Ok(Some(n)) => n,
                Ok(None) => break,
                Err(s) => return Err(self.fail(s)),
            };
            if let Err(s) = self.machine.step(next, &mut self.common) {
                return Err(self.fail(s));
            }
        }
        Ok(core::mem::take(&mut self.common.records.outgoing))
    }

    fn fail(&mut self, s: Stop) -> Failure {
        let sealed = self.machine.seal_alert(&[2, s.alert]);
        self.machine.close();
        self.common.fail(s, sealed)
    }

    /// Whether the handshake completed.
    #[must_use]
    pub const fn handshake_done(&self) -> bool {
        self.common.report.handshake_done
    }

    /// `data` as application-data records to write.
    ///
    /// # Errors
    /// Before the handshake is done, or after the connection closed.
    pub fn send(&mut self, data: &[u8]) -> Result<Vec<u8>, Failure> {
        self.common.check_open()?;
        let mut out = Vec::new();
        for chunk in data.chunks(1 << 14) {
            match self.machine.seal_data(chunk) {
                None => {
                    return Err(Failure {
                        message: "the handshake is not done: application data waits for it"
                            .to_owned(),
                        alert: Vec::new(),
                    });
                }
                Some(Ok(sealed)) => out.extend_from_slice(&sealed),
                Some(Err(e)) => {
                    return Err(self.fail(Stop {
                        alert: Alert::InternalError.description(),
                        error: e,
                        from_peer: false,
                    }));
                }
            }
        }
        Ok(out)
    }

    /// The application data received since the last call.
    pub fn take_received(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.common.received)
    }

    /// A close_notify alert to send, ending the connection.
    pub fn close(&mut self) -> Vec<u8> {
        // close_notify (RFC 5246 §7.2.1), sealed once this side's keys are in use and in
        // clear before that: the peer learns that the connection ends either way.
        let bytes = self
            .machine
            .seal_alert(&[1, 0])
            .unwrap_or_else(|| [content_type::ALERT, 3, 3, 0, 2, 1, 0].to_vec());
        self.machine.close();
        self.common.closed = Some(Failure {
            message: "closed by this side (close_notify)".to_owned(),
            alert: Vec::new(),
        });
        bytes
    }

    /// The report so far.
    #[must_use]
    pub fn report(&self) -> ConnectionReport {
        self.common.report()
    }
}

/// The alert a state recorded when it stopped, or `fallback`.
fn on(e: Error, t: &Transcript, fallback: Alert) -> Stop {
    Stop {
        alert: t.last_alert().unwrap_or(fallback).description(),
        error: e,
        from_peer: false,
    }
}

fn unexpected(incoming: &Incoming) -> Stop {
    match incoming {
        Incoming::Handshake(m) => stop(
            Alert::UnexpectedMessage,
            format!(
                "an unexpected handshake message (type {})",
                m.first().copied().unwrap_or(0)
            ),
        ),
        _ => stop(Alert::UnexpectedMessage, "an unexpected record"),
    }
}

fn bad_record(e: Error) -> Stop {
    Stop {
        alert: Alert::BadRecordMac.description(),
        error: e,
        from_peer: false,
    }
}

/// The client's machine: which state it is in, and (once its Finished is sent) what
/// seals an alert if the server's Finished fails.
pub struct ClientMachine {
    state: ClientState,
    sealer: Option<client::AlertSealer>,
    /// The session to resume, kept once the handshake is done (past the close).
    session: Option<super::session::Session12>,
}

enum ClientState {
    Start(Box<(ClientConfig, [u8; 32], KeySource)>),
    ServerHello(Box<client::ExpectServerHello>),
    ServerFinished(Box<client::ExpectServerFinished>),
    Certificate(Box<client::ExpectCertificate>),
    ServerKeyExchange(Box<client::ExpectServerKeyExchange>),
    ServerHelloDone(Box<client::ExpectServerHelloDone>),
    Finished(Box<client::ExpectFinished>),
    Traffic(Box<client::ExpectTraffic>),
    Closed,
}

impl Machine for ClientMachine {
    const SIDE: &'static str = "client";

    fn step(&mut self, incoming: Incoming, c: &mut Common) -> Result<(), Stop> {
        if let (ClientState::Traffic(s), Incoming::Protected(kind, record)) =
            (&mut self.state, &incoming)
        {
            let plaintext = s.open(*kind, record).map_err(bad_record)?;
            return deliver(*kind, &plaintext, &mut c.received);
        }
        let t = &mut c.t;
        self.state = match (
            core::mem::replace(&mut self.state, ClientState::Closed),
            incoming,
        ) {
            (ClientState::ServerHello(s), Incoming::Handshake(m))
                if m.first() == Some(&ht::SERVER_HELLO) =>
            {
                match s
                    .handle_any(&m, t)
                    .map_err(|e| on(e, t, Alert::DecodeError))?
                {
                    client::AfterServerHello::Full(next) => ClientState::Certificate(next),
                    client::AfterServerHello::Resumed(next) => {
                        c.report.resumed = true;
                        c.report.resumption = Some(if next.by_ticket() {
                            "ticket"
                        } else {
                            "session_id"
                        });
                        ClientState::ServerFinished(next)
                    }
                }
            }
            (ClientState::ServerFinished(mut s), Incoming::Handshake(m))
                if m.first() == Some(&ht::NEW_SESSION_TICKET) =>
            {
                s.take_ticket(&m, t)
                    .map_err(|e| on(e, t, Alert::DecodeError))?;
                ClientState::ServerFinished(s)
            }
            (ClientState::ServerFinished(s), Incoming::Finished { ccs, record }) => {
                let (next, flight) = s
                    .handle(&ccs, &record, t)
                    .map_err(|e| on(e, t, Alert::DecryptError))?;
                c.records
                    .outgoing
                    .extend_from_slice(&flight.change_cipher_spec);
                c.records
                    .outgoing
                    .extend_from_slice(&flight.finished_record);
                c.report.secrets = secrets_report(next.reveal_secrets(), Some(next.verify_data()));
                c.report.handshake_done = true;
                self.session = next.session().cloned();
                ClientState::Traffic(Box::new(next))
            }
            (ClientState::Finished(mut s), Incoming::Handshake(m))
                if m.first() == Some(&ht::NEW_SESSION_TICKET) =>
            {
                s.take_ticket(&m, t)
                    .map_err(|e| on(e, t, Alert::DecodeError))?;
                c.report.tickets = c.report.tickets.saturating_add(1);
                ClientState::Finished(s)
            }
            (ClientState::Certificate(s), Incoming::Handshake(m))
                if m.first() == Some(&ht::CERTIFICATE) =>
            {
                let (next, certificate) = s
                    .handle(&m, t)
                    .map_err(|e| on(e, t, Alert::BadCertificate))?;
                c.report.trust = Some(super::report::trust_words(certificate.pinned).to_owned());
                c.report.certificate = Some(certificate);
                ClientState::ServerKeyExchange(Box::new(next))
            }
            (ClientState::ServerKeyExchange(s), Incoming::Handshake(m))
                if m.first() == Some(&ht::SERVER_KEY_EXCHANGE) =>
            {
                c.report.group = group_of(&m);
                ClientState::ServerHelloDone(Box::new(
                    s.handle(&m, t).map_err(|e| on(e, t, Alert::DecryptError))?,
                ))
            }
            (ClientState::ServerHelloDone(s), Incoming::Handshake(m))
                if m.first() == Some(&ht::SERVER_HELLO_DONE) =>
            {
                let (next, flight) = s.handle(&m, t).map_err(|e| on(e, t, Alert::DecodeError))?;
                c.records
                    .send_plain(content_type::HANDSHAKE, &flight.client_key_exchange);
                c.records
                    .outgoing
                    .extend_from_slice(&flight.change_cipher_spec);
                c.records
                    .outgoing
                    .extend_from_slice(&flight.finished_record);
                self.sealer = Some(next.alert_sealer());
                ClientState::Finished(Box::new(next))
            }
            (ClientState::Finished(s), Incoming::Finished { ccs, record }) => {
                let next = s
                    .handle(&ccs, &record, t)
                    .map_err(|e| on(e, t, Alert::DecryptError))?;
                c.report.secrets = secrets_report(next.reveal_secrets(), Some(next.verify_data()));
                c.report.handshake_done = true;
                self.sealer = None;
                self.session = next.session().cloned();
                ClientState::Traffic(Box::new(next))
            }
            (_, other) => return Err(unexpected(&other)),
        };
        Ok(())
    }

    fn seal_data(&mut self, data: &[u8]) -> Option<crate::error::Result<Vec<u8>>> {
        match &mut self.state {
            ClientState::Traffic(s) => Some(s.seal_quiet(data)),
            _ => None,
        }
    }

    fn seal_alert(&mut self, body: &[u8]) -> Option<Vec<u8>> {
        match &mut self.state {
            ClientState::Traffic(s) => s.seal_alert(body).ok(),
            // The server's Finished failed: the client's keys are already in use.
            _ => self.sealer.take().and_then(|s| s.seal(body).ok()),
        }
    }

    fn started(&self) -> bool {
        !matches!(self.state, ClientState::Start(_))
    }

    fn close(&mut self) {
        self.state = ClientState::Closed;
    }
}

impl Endpoint<ClientMachine> {
    /// A client that has sent nothing yet.
    #[must_use]
    pub fn new(config: ClientConfig, random: [u8; 32], ephemeral: KeySource) -> Self {
        Self::with(ClientMachine {
            state: ClientState::Start(Box::new((config, random, ephemeral))),
            sealer: None,
            session: None,
        })
    }

    /// The session to resume later (the master secret with the server's ticket or
    /// session ID), once the handshake is done, as the plain object `resume` takes.
    #[must_use]
    pub fn session(&self, issuer: &str) -> Option<super::session::SessionReport> {
        self.machine.session.as_ref().map(|s| s.to_report(issuer))
    }

    /// The first flight: ClientHello.
    ///
    /// # Errors
    /// Called twice, or a configuration the client cannot start with.
    pub fn start(&mut self) -> Result<Vec<u8>, Failure> {
        self.common.check_open()?;
        let ClientState::Start(start) =
            core::mem::replace(&mut self.machine.state, ClientState::Closed)
        else {
            return Err(Failure {
                message: "start() was already called".to_owned(),
                alert: Vec::new(),
            });
        };
        let (config, random, ephemeral) = *start;
        match client::start(config, random, ephemeral, &mut self.common.t) {
            Ok((next, hello)) => {
                self.common
                    .records
                    .send_plain(content_type::HANDSHAKE, &hello);
                self.machine.state = ClientState::ServerHello(Box::new(next));
                Ok(core::mem::take(&mut self.common.records.outgoing))
            }
            Err(e) => {
                let s = on(e, &self.common.t, Alert::InternalError);
                Err(self.common.fail(s, None))
            }
        }
    }
}

/// The server's machine: which state it is in.
pub struct ServerMachine(ServerState);

enum ServerState {
    ClientHello(Box<server::ExpectClientHello>),
    ClientFinished(Box<server::ExpectClientFinished>),
    ClientKeyExchange(Box<server::ExpectClientKeyExchange>),
    Finished(Box<server::ExpectFinished>),
    Traffic(Box<server::ExpectTraffic>),
    Closed,
}

impl Machine for ServerMachine {
    const SIDE: &'static str = "server";

    fn step(&mut self, incoming: Incoming, c: &mut Common) -> Result<(), Stop> {
        if let (ServerState::Traffic(s), Incoming::Protected(kind, record)) =
            (&mut self.0, &incoming)
        {
            let plaintext = s.open_record(*kind, record).map_err(bad_record)?;
            return deliver(*kind, &plaintext, &mut c.received);
        }
        let t = &mut c.t;
        self.0 = match (
            core::mem::replace(&mut self.0, ServerState::Closed),
            incoming,
        ) {
            (ServerState::ClientHello(s), Incoming::Handshake(m))
                if m.first() == Some(&ht::CLIENT_HELLO) =>
            {
                let (next, flight) = match s
                    .handle_any(&m, t)
                    .map_err(|e| on(e, t, Alert::HandshakeFailure))?
                {
                    server::AfterClientHello::Full(next, flight) => (next, flight),
                    server::AfterClientHello::Resumed(next, flight) => {
                        c.report.resumed = true;
                        c.report.resumption = Some(flight.by);
                        c.records
                            .send_plain(content_type::HANDSHAKE, &flight.server_hello);
                        c.records
                            .outgoing
                            .extend_from_slice(&flight.change_cipher_spec);
                        c.records
                            .outgoing
                            .extend_from_slice(&flight.finished_record);
                        self.0 = ServerState::ClientFinished(Box::new(next));
                        return Ok(());
                    }
                };
                c.report.group = group_of(&flight.server_key_exchange);
                let all = [
                    flight.server_hello.as_slice(),
                    &flight.certificate,
                    &flight.server_key_exchange,
                    &flight.server_hello_done,
                ]
                .concat();
                c.records.send_plain(content_type::HANDSHAKE, &all);
                ServerState::ClientKeyExchange(Box::new(next))
            }
            (ServerState::ClientKeyExchange(s), Incoming::Handshake(m))
                if m.first() == Some(&ht::CLIENT_KEY_EXCHANGE) =>
            {
                ServerState::Finished(Box::new(
                    s.handle(&m, t)
                        .map_err(|e| on(e, t, Alert::IllegalParameter))?,
                ))
            }
            (ServerState::ClientFinished(s), Incoming::Finished { ccs, record }) => {
                let next = s
                    .handle(&ccs, &record, t)
                    .map_err(|e| on(e, t, Alert::DecryptError))?;
                c.report.secrets = secrets_report(next.reveal_secrets(), Some(next.verify_data()));
                c.report.handshake_done = true;
                ServerState::Traffic(Box::new(next))
            }
            (ServerState::Finished(s), Incoming::Finished { ccs, record }) => {
                let (next, flight) = s
                    .handle(&ccs, &record, t)
                    .map_err(|e| on(e, t, Alert::DecryptError))?;
                if let Some(ticket) = &flight.new_session_ticket {
                    c.records.send_plain(content_type::HANDSHAKE, ticket);
                    c.report.tickets = c.report.tickets.saturating_add(1);
                }
                c.records
                    .outgoing
                    .extend_from_slice(&flight.change_cipher_spec);
                c.records
                    .outgoing
                    .extend_from_slice(&flight.finished_record);
                c.report.secrets = secrets_report(next.reveal_secrets(), Some(next.verify_data()));
                c.report.handshake_done = true;
                ServerState::Traffic(Box::new(next))
            }
            (_, other) => return Err(unexpected(&other)),
        };
        Ok(())
    }

    fn seal_data(&mut self, data: &[u8]) -> Option<crate::error::Result<Vec<u8>>> {
        match &mut self.0 {
            ServerState::Traffic(s) => Some(s.seal(data).map(|sealed| sealed.wire.bytes)),
            _ => None,
        }
    }

    fn seal_alert(&mut self, body: &[u8]) -> Option<Vec<u8>> {
        match &mut self.0 {
            ServerState::Traffic(s) => s.seal_alert(body).ok(),
            _ => None,
        }
    }

    fn started(&self) -> bool {
        true
    }

    fn close(&mut self) {
        self.0 = ServerState::Closed;
    }
}

impl Endpoint<ServerMachine> {
    /// A server waiting for ClientHello.
    #[must_use]
    pub fn new(config: ServerConfig, random: [u8; 32], ecdh_key: KeySource) -> Self {
        Self::with(ServerMachine(ServerState::ClientHello(Box::new(
            server::start(config, random, ecdh_key),
        ))))
    }
}
