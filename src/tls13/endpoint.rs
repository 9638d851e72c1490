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

/// A TLS 1.3 client connection.
pub struct Client {
    state: ClientState,
    common: Common,
}

impl core::fmt::Debug for Client {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Client")
            .field("handshake_done", &self.common.report.handshake_done)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client that has sent nothing yet.
    #[must_use]
    pub fn new(config: ClientConfig) -> Self {
        let record = config.record_received;
        Self {
            state: ClientState::Start(Box::new(config)),
            common: Common::new("client", record),
        }
    }

    /// The first flight: ClientHello.
    ///
    /// # Errors
    /// Called twice, or a configuration the client cannot start with.
    pub fn start(&mut self) -> Result<Vec<u8>, Failure> {
        self.common.check_open()?;
        let ClientState::Start(config) = core::mem::replace(&mut self.state, ClientState::Closed)
        else {
            return Err(Failure {
                message: "start() was already called".to_owned(),
                alert: Vec::new(),
            });
        };
        match client::start(*config, &mut self.common.io()) {
            Ok(next) => {
                self.state = ClientState::ServerHello(Box::new(next));
                Ok(self.common.records.take_outgoing())
            }
            Err(e) => Err(self.common.fail(e)),
        }
    }

    /// Bytes from the server, in any chunking; returns the bytes to send back.
    ///
    /// # Errors
    /// The first fatal error, with the alert to send; every later call too.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Vec<u8>, Failure> {
        self.common.check_open()?;
        if matches!(self.state, ClientState::Start(_)) {
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
            if let Err(e) = self.step(next) {
                self.state = ClientState::Closed;
                return Err(self.common.fail(e));
            }
        }
        Ok(self.common.records.take_outgoing())
    }

    fn step(&mut self, incoming: Incoming) -> Result<(), TlsError> {
        let message = match incoming {
            Incoming::ApplicationData(data) => {
                if !matches!(self.state, ClientState::Traffic(_)) {
                    return Err(fail(
                        alert::UNEXPECTED_MESSAGE,
                        "application data before the handshake completed",
                    ));
                }
                self.common.received.extend_from_slice(&data);
                return Ok(());
            }
            Incoming::Handshake(m) => m,
        };
        let state = core::mem::replace(&mut self.state, ClientState::Closed);
        let mut io = self.common.io();
        self.state = match state {
            ClientState::ServerHello(s) => match s.handle(&message, &mut io)? {
                AfterServerHello::Retry(s) => ClientState::ServerHello(s),
                AfterServerHello::Hello(s) => ClientState::EncryptedExtensions(Box::new(s)),
            },
            ClientState::EncryptedExtensions(s) => {
                ClientState::Certificate(Box::new(s.handle(&message, &mut io)?))
            }
            ClientState::Certificate(s) => {
                ClientState::CertificateVerify(Box::new(s.handle(&message, &mut io)?))
            }
            ClientState::CertificateVerify(s) => {
                ClientState::Finished(Box::new(s.handle(&message, &mut io)?))
            }
            ClientState::Finished(s) => {
                ClientState::Traffic(Box::new(s.handle(&message, &mut io)?))
            }
            ClientState::Traffic(mut s) => {
                s.handle(&message, &mut io)?;
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

    /// Whether the handshake completed.
    #[must_use]
    pub fn handshake_done(&self) -> bool {
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

    /// The last session ticket the server sent, for a later resumption.
    #[must_use]
    pub fn session(&self) -> Option<&Session> {
        match &self.state {
            ClientState::Traffic(t) => t.session(),
            _ => None,
        }
    }

    /// A close_notify alert to send, ending the connection.
    pub fn close(&mut self) -> Vec<u8> {
        self.state = ClientState::Closed;
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
}

enum ServerState {
    ClientHello(Box<server::ExpectClientHello>),
    Finished(Box<server::ExpectFinished>),
    Traffic(server::ExpectTraffic),
    Closed,
}

/// A TLS 1.3 server connection.
pub struct Server {
    state: ServerState,
    common: Common,
}

impl core::fmt::Debug for Server {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Server")
            .field("handshake_done", &self.common.report.handshake_done)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// A server waiting for ClientHello.
    #[must_use]
    pub fn new(config: ServerConfig, record_received: bool) -> Self {
        Self {
            state: ServerState::ClientHello(Box::new(server::start(config))),
            common: Common::new("server", record_received),
        }
    }

    /// Bytes from the client, in any chunking; returns the bytes to send back.
    ///
    /// # Errors
    /// The first fatal error, with the alert to send; every later call too.
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Vec<u8>, Failure> {
        self.common.check_open()?;
        self.common.records.feed(bytes);
        loop {
            let next = match self.common.records.next_incoming() {
                Ok(Some(n)) => n,
                Ok(None) => break,
                Err(e) => return Err(self.common.fail(e)),
            };
            if let Err(e) = self.step(next) {
                self.state = ServerState::Closed;
                return Err(self.common.fail(e));
            }
        }
        Ok(self.common.records.take_outgoing())
    }

    fn step(&mut self, incoming: Incoming) -> Result<(), TlsError> {
        let message = match incoming {
            Incoming::ApplicationData(data) => {
                if !matches!(self.state, ServerState::Traffic(_)) {
                    return Err(fail(
                        alert::UNEXPECTED_MESSAGE,
                        "application data before the handshake completed (this server \
                         accepts no 0-RTT data)",
                    ));
                }
                self.common.received.extend_from_slice(&data);
                return Ok(());
            }
            Incoming::Handshake(m) => m,
        };
        let state = core::mem::replace(&mut self.state, ServerState::Closed);
        let mut io = self.common.io();
        self.state = match state {
            ServerState::ClientHello(s) => match s.handle(&message, &mut io)? {
                AfterClientHello::Retry(s) => ServerState::ClientHello(Box::new(s)),
                AfterClientHello::Hello(s) => ServerState::Finished(Box::new(s)),
            },
            ServerState::Finished(s) => ServerState::Traffic(s.handle(&message, &mut io)?),
            ServerState::Traffic(mut s) => {
                s.handle(&message, &mut io)?;
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

    /// Whether the handshake completed.
    #[must_use]
    pub fn handshake_done(&self) -> bool {
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
        self.state = ServerState::Closed;
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
}

/// An error of the library as a [`Failure`] without an alert (bad options).
#[must_use]
pub fn options_failure(e: &Error) -> Failure {
    Failure {
        message: e.to_string(),
        alert: Vec::new(),
    }
}
