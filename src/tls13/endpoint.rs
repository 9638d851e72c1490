//! The two ends of a sans-IO TLS 1.3 connection, in rustls's shape: bytes in
//! ([`Client::receive`]), bytes out (its return value and [`Client::send`]), no sockets.
//! Each holds the current state of its machine ([`super::client`], [`super::server`]),
//! the record layer and the report, and stops for good at the first fatal error, with
//! the alert to send.

use super::client::{self, AfterServerHello, ClientConfig, Io};
use super::conn::{Incoming, RecordLayer, TlsError, alert, alert_name, fail};
use super::record::content_type;
use super::server::{self, AfterClientHello, ServerConfig};
use super::session::{ConnectionReport, Session};
use crate::error::Error;
use crate::tls12::transcript::Transcript;

pub use crate::tls12::endpoint::Failure;

struct Common {
    records: RecordLayer,
    t: Transcript,
    report: ConnectionReport,
    received: Vec<u8>,
    record_received: bool,
    closed: Option<Failure>,
}

impl Common {
    fn new(side: &'static str, record_received: bool) -> Self {
        Self {
            records: RecordLayer::default(),
            t: Transcript::default(),
            report: ConnectionReport {
                version: "1.3",
                side,
                ..ConnectionReport::default()
            },
            received: Vec::new(),
            record_received,
            closed: None,
        }
    }

    fn io(&mut self) -> Io<'_> {
        Io {
            records: &mut self.records,
            t: &mut self.t,
            report: &mut self.report,
            record_received: self.record_received,
        }
    }

    fn fail(&mut self, e: TlsError) -> Failure {
        if e.from_peer && e.alert == alert::CLOSE_NOTIFY {
            return self.peer_closed();
        }
        let alert = if e.from_peer {
            Vec::new()
        } else {
            self.records.alert_record(e.alert)
        };
        let who = if e.from_peer { "received" } else { "sent" };
        self.t.record_value(
            if (self.report.side == "client") != e.from_peer {
                crate::tls12::transcript::Side::Client
            } else {
                crate::tls12::transcript::Side::Server
            },
            format!("Fatal alert: {}", alert_name(e.alert)),
            format!(
                "The connection stops: {}. The alert (RFC 8446 §6) tells the peer why in one \
                 byte; no keys are kept.",
                e.error
            ),
            &[2, e.alert],
        );
        let message = format!("{} ({} alert {})", e.error, who, alert_name(e.alert));
        self.report.error = Some(message.clone());
        self.report.alert = Some(alert_name(e.alert).to_owned());
        let failure = Failure { message, alert };
        self.closed = Some(failure.clone());
        failure
    }

    /// The peer's close_notify: an orderly end, not an error (what arrived before it is
    /// still there to take).
    fn peer_closed(&mut self) -> Failure {
        let peer = if self.report.side == "client" {
            crate::tls12::transcript::Side::Server
        } else {
            crate::tls12::transcript::Side::Client
        };
        self.t.record_value(
            peer,
            "close_notify: the peer closed the connection",
            "RFC 8446 §6.1. A warning-level alert that ends the connection in order: \
             nothing more will come, and nothing was cut off by an attacker (a connection \
             that ends without it might have been truncated).",
            &[1, alert::CLOSE_NOTIFY],
        );
        let failure = Failure {
            message: "the peer closed the connection (close_notify)".to_owned(),
            alert: Vec::new(),
        };
        self.closed = Some(failure.clone());
        failure
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

    fn seal(&mut self, data: &[u8]) -> Result<Vec<u8>, Failure> {
        self.check_open()?;
        if !self.report.handshake_done {
            return Err(Failure {
                message: "the handshake is not done: application data waits for it".to_owned(),
                alert: Vec::new(),
            });
        }
        if let Err(e) = self.records.send(content_type::APPLICATION_DATA, data) {
            let e = TlsError::new(alert::INTERNAL_ERROR, e);
            return Err(self.fail(e));
        }
        Ok(self.records.take_outgoing())
    }

    fn report(&self) -> ConnectionReport {
        let mut r = self.report.clone();
        r.steps = self.t.steps().to_vec();
        r.records.clone_from(&self.records.log);
        r
    }
}

/// One side's state machine, as the endpoint steps it: one message (or application data)
/// at a time.
pub trait Machine {
    /// "client" or "server", for the report.
    const SIDE: &'static str;
    /// Handles what the record layer delivered; application data goes to `received`.
    ///
    /// # Errors
    /// What the state refuses, with its alert.
    fn step(
        &mut self,
        incoming: Incoming,
        io: &mut Io<'_>,
        received: &mut Vec<u8>,
    ) -> Result<(), TlsError>;
    /// Whether bytes may be received yet (a client must start first).
    fn started(&self) -> bool;
    /// Ends the machine.
    fn close(&mut self);
}

/// One end of a connection: its machine, the record layer, the transcript, the report.
pub struct Endpoint<M> {
    machine: M,
    common: Common,
}

/// A TLS 1.3 client connection.
pub type Client = Endpoint<ClientMachine>;
/// A TLS 1.3 server connection.
pub type Server = Endpoint<ServerMachine>;

impl<M: Machine> core::fmt::Debug for Endpoint<M> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct(M::SIDE)
            .field("handshake_done", &self.common.report.handshake_done)
            .finish_non_exhaustive()
    }
}

impl<M: Machine> Endpoint<M> {
    fn with(machine: M, record_received: bool) -> Self {
        Self {
            machine,
            common: Common::new(M::SIDE, record_received),
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
        self.common.records.feed(bytes);
        loop {
            let next = match self.common.records.next_incoming() {
                Ok(Some(n)) => n,
                Ok(None) => break,
                Err(e) => return Err(self.common.fail(e)),
            };
            let Common {
                records,
                t,
                report,
                received,
                record_received,
                ..
            } = &mut self.common;
            let mut io = Io {
                records,
                t,
                report,
                record_received: *record_received,
            };
            if let Err(e) = self.machine.step(next, &mut io, received) {
                self.machine.close();
                return Err(self.common.fail(e));
            }
        }
        Ok(self.common.records.take_outgoing())
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
        self.common.seal(data)
    }

    /// The application data received since the last call.
    pub fn take_received(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.common.received)
    }

    /// A close_notify alert to send, ending the connection.
    pub fn close(&mut self) -> Vec<u8> {
        self.machine.close();
        let bytes = self.common.records.alert_record(alert::CLOSE_NOTIFY);
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

    /// The steps so far, without copying the rest of the report.
    #[must_use]
    pub fn steps(&self) -> &[crate::tls12::transcript::Step] {
        self.common.t.steps()
    }
}

fn data_before_handshake(what: &str) -> TlsError {
    fail(
        alert::UNEXPECTED_MESSAGE,
        format!("application data before the handshake completed{what}"),
    )
}

/// The client's machine: which state it is in, and the last session ticket (kept past
/// the close).
pub struct ClientMachine(ClientState, Option<Session>);

enum ClientState {
    Start(Box<ClientConfig>),
    ServerHello(Box<client::ExpectServerHello>),
    EncryptedExtensions(Box<client::ExpectEncryptedExtensions>),
    Certificate(Box<client::ExpectCertificate>),
    CertificateVerify(Box<client::ExpectCertificateVerify>),
    Finished(Box<client::ExpectFinished>),
    Traffic(Box<client::ExpectTraffic>),
    Closed,
}

impl Machine for ClientMachine {
    const SIDE: &'static str = "client";

    fn step(
        &mut self,
        incoming: Incoming,
        io: &mut Io<'_>,
        received: &mut Vec<u8>,
    ) -> Result<(), TlsError> {
        let message = match incoming {
            Incoming::ApplicationData(data) => {
                if !matches!(self.0, ClientState::Traffic(_)) {
                    return Err(data_before_handshake(""));
                }
                received.extend_from_slice(&data);
                return Ok(());
            }
            Incoming::Handshake(m) => m,
        };
        self.0 = match core::mem::replace(&mut self.0, ClientState::Closed) {
            ClientState::ServerHello(s) => match s.handle(&message, io)? {
                AfterServerHello::Retry(s) => ClientState::ServerHello(s),
                AfterServerHello::Hello(s) => ClientState::EncryptedExtensions(Box::new(s)),
            },
            ClientState::EncryptedExtensions(s) => match s.handle(&message, io)?.into_finished() {
                Ok(finished) => ClientState::Finished(Box::new(finished)),
                Err(certificate) => ClientState::Certificate(certificate),
            },
            ClientState::Certificate(s) => {
                ClientState::CertificateVerify(Box::new(s.handle(&message, io)?))
            }
            ClientState::CertificateVerify(s) => {
                ClientState::Finished(Box::new(s.handle(&message, io)?))
            }
            ClientState::Finished(s) => ClientState::Traffic(Box::new(s.handle(&message, io)?)),
            ClientState::Traffic(mut s) => {
                s.handle(&message, io)?;
                self.1 = s.session().cloned();
                ClientState::Traffic(s)
            }
            ClientState::Start(_) | ClientState::Closed => {
                return Err(fail(
                    alert::UNEXPECTED_MESSAGE,
                    "the connection is not open",
                ));
            }
        };
        Ok(())
    }

    fn started(&self) -> bool {
        !matches!(self.0, ClientState::Start(_))
    }

    fn close(&mut self) {
        self.0 = ClientState::Closed;
    }
}

impl Endpoint<ClientMachine> {
    /// A client that has sent nothing yet.
    #[must_use]
    pub fn new(config: ClientConfig) -> Self {
        let record = config.record_received;
        Self::with(
            ClientMachine(ClientState::Start(Box::new(config)), None),
            record,
        )
    }

    /// The first flight: ClientHello.
    ///
    /// # Errors
    /// Called twice, or a configuration the client cannot start with.
    pub fn start(&mut self) -> Result<Vec<u8>, Failure> {
        self.common.check_open()?;
        let ClientState::Start(config) =
            core::mem::replace(&mut self.machine.0, ClientState::Closed)
        else {
            return Err(Failure {
                message: "start() was already called".to_owned(),
                alert: Vec::new(),
            });
        };
        match client::start(*config, &mut self.common.io()) {
            Ok(next) => {
                self.machine.0 = ClientState::ServerHello(Box::new(next));
                Ok(self.common.records.take_outgoing())
            }
            Err(e) => Err(self.common.fail(e)),
        }
    }

    /// The last session ticket the server sent, for a later resumption.
    #[must_use]
    pub fn session(&self) -> Option<&Session> {
        self.machine.1.as_ref()
    }
}

/// The server's machine: which state it is in.
pub struct ServerMachine(ServerState);

enum ServerState {
    ClientHello(Box<server::ExpectClientHello>),
    Finished(Box<server::ExpectFinished>),
    Traffic(server::ExpectTraffic),
    Closed,
}

impl Machine for ServerMachine {
    const SIDE: &'static str = "server";

    fn step(
        &mut self,
        incoming: Incoming,
        io: &mut Io<'_>,
        received: &mut Vec<u8>,
    ) -> Result<(), TlsError> {
        let message = match incoming {
            Incoming::ApplicationData(data) => {
                if !matches!(self.0, ServerState::Traffic(_)) {
                    return Err(data_before_handshake(
                        " (this server accepts no 0-RTT data)",
                    ));
                }
                received.extend_from_slice(&data);
                return Ok(());
            }
            Incoming::Handshake(m) => m,
        };
        self.0 = match core::mem::replace(&mut self.0, ServerState::Closed) {
            ServerState::ClientHello(s) => match s.handle(&message, io)? {
                AfterClientHello::Retry(s) => ServerState::ClientHello(Box::new(s)),
                AfterClientHello::Hello(s) => ServerState::Finished(Box::new(s)),
            },
            ServerState::Finished(s) => ServerState::Traffic(s.handle(&message, io)?),
            ServerState::Traffic(mut s) => {
                s.handle(&message, io)?;
                ServerState::Traffic(s)
            }
            ServerState::Closed => {
                return Err(fail(
                    alert::UNEXPECTED_MESSAGE,
                    "the connection is not open",
                ));
            }
        };
        Ok(())
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
    pub fn new(config: ServerConfig, record_received: bool) -> Self {
        Self::with(
            ServerMachine(ServerState::ClientHello(Box::new(server::start(config)))),
            record_received,
        )
    }
}

/// An error of the library as a [`Failure`] without an alert (bad options).
#[must_use]
pub fn options_failure(e: &Error) -> Failure {
    Failure {
        message: e.to_string(),
        alert: Vec::new(),
    }
}
