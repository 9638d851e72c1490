//! `TlsClient` and `TlsServer`: the sans-IO machines for JavaScript. Bytes in
//! (`receive`), bytes out (its result, `start`, `send`); the caller owns the socket —
//! a `node:net` socket, a WebSocket bridge, or the other machine in memory.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::{JsResult, bytes, js_error, read_options};
use crate::tls12::endpoint as tls12;
use crate::tls13::options::{self, MachineOptions, Version};
use crate::tls13::{Client, Failure, Server};

/// Reads a machine's options object.
fn machine_options(value: &JsValue, what: &str, names: &[&str]) -> JsResult<MachineOptions> {
    let mut o = MachineOptions::default();
    read_options(value, what, names, |name, v| {
        match name {
            "version" => o.version = Some(v.text()?),
            "groups" => o.groups = Some(v.list()?),
            "cipherSuites" => o.cipher_suites = Some(v.list()?),
            "pinnedCertificate" => o.pinned_certificate = Some(v.text()?),
            "serverName" => o.server_name = Some(v.text()?),
            "certificate" => o.certificate = Some(v.text()?),
            "privateKey" => o.private_key = Some(Zeroizing::new(v.text()?)),
            "clientRandom" | "serverRandom" => o.random = Some(v.text()?),
            "clientEphemeral" | "serverEphemeral" => {
                o.ephemeral = Some(Zeroizing::new(v.text()?));
            }
            "resume" => o.resume = Some(v.session()?),
            "pskMode" => o.psk_mode = Some(v.text()?),
            "ticketKey" => o.ticket_key = Some(Zeroizing::new(v.text()?)),
            _ => {}
        }
        Ok(())
    })?;
    Ok(o)
}

const CLIENT_OPTIONS: &[&str] = &[
    "version",
    "groups",
    "cipherSuites",
    "pinnedCertificate",
    "serverName",
    "resume",
    "pskMode",
    "clientRandom",
    "clientEphemeral",
];
const SERVER_OPTIONS: &[&str] = &[
    "version",
    "groups",
    "cipherSuites",
    "certificate",
    "privateKey",
    "serverRandom",
    "serverEphemeral",
    "ticketKey",
];

/// A JavaScript `Error` naming the alert, with the alert record's bytes as `alert`.
fn failure(f: Failure) -> JsValue {
    let error = js_sys::Error::new(&f.message);
    let alert = Uint8Array::from(f.alert.as_slice());
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("alert"), &alert);
    error.into()
}

fn report(r: &crate::tls13::session::ConnectionReport) -> JsResult<JsValue> {
    serde::Serialize::serialize(r, &serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// One machine of either version, with the same methods.
enum Either<A, B> {
    V12(A),
    V13(B),
}

macro_rules! both {
    ($self:expr, $m:ident $(, $arg:expr)*) => {
        match &mut $self.0 {
            Either::V12(c) => c.$m($($arg),*),
            Either::V13(c) => c.$m($($arg),*),
        }
    };
}

/// A TLS client, sans IO: `start()` gives the first flight, `receive(bytes)` takes
/// whatever arrived (any chunking) and gives what to send back, `send(bytes)` seals
/// application data, `takeReceived()` returns what the server sent. Options (all
/// optional): `version` ("1.3", or "1.2" for TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
/// `groups` (IANA names, preference order; in 1.3 the first gets a key share),
/// `cipherSuites`, `pinnedCertificate` (PEM; without it any certificate is
/// accepted, and the report says what that means), `serverName`, `clientRandom`,
/// `clientEphemeral` (hex, for reproducible runs). A failure throws an `Error` naming the
/// alert, whose `alert` property holds the alert record to write before closing.
#[wasm_bindgen(js_name = TlsClient)]
pub struct TlsClient(Either<tls12::Client, Client>);

#[wasm_bindgen(js_class = TlsClient)]
impl TlsClient {
    /// A client that has sent nothing yet.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TlsClientOptions | undefined")] options: JsValue,
    ) -> JsResult<Self> {
        let o = machine_options(&options, "TlsClient", CLIENT_OPTIONS)?;
        Ok(Self(match o.version().map_err(js_error)? {
            Version::Tls12 => Either::V12(options::client12(&o).map_err(js_error)?),
            Version::Tls13 => Either::V13(Client::new(
                options::client_config(&o, true).map_err(js_error)?,
            )),
        }))
    }

    /// The first flight (ClientHello), to write to the server.
    pub fn start(&mut self) -> Result<Vec<u8>, JsValue> {
        both!(self, start).map_err(failure)
    }

    /// The last session ticket the server sent (what a later resumption needs), or
    /// null. Holds the resumption PSK: a secret.
    #[wasm_bindgen(getter, unchecked_return_type = "TlsSession | null")]
    pub fn session(&self) -> JsResult<JsValue> {
        use crate::tls13::session::issuer::MACHINE;
        let session = match &self.0 {
            Either::V13(client) => client.session().map(|s| s.to_report(MACHINE)),
            Either::V12(client) => client.session(MACHINE),
        };
        match session {
            Some(s) => {
                serde::Serialize::serialize(&s, &serde_wasm_bindgen::Serializer::json_compatible())
                    .map_err(|e| JsError::new(&e.to_string()))
            }
            None => Ok(JsValue::NULL),
        }
    }
}

/// A TLS server, sans IO: `receive(bytes)` takes what the client sent and returns what to
/// send back. Options (all optional): `version` ("1.3" or "1.2"), `certificate` and `privateKey`
/// (PEM; without them the server makes a P-256 key and a self-signed certificate for
/// "localhost"), `groups` and `cipherSuites` (its preference order: it picks its most
/// preferred one the client offers, with a HelloRetryRequest when the client sent no key
/// share for it), `serverRandom`, `serverEphemeral` (hex).
#[wasm_bindgen(js_name = TlsServer)]
pub struct TlsServer(Either<tls12::Server, Server>);

#[wasm_bindgen(js_class = TlsServer)]
impl TlsServer {
    /// A server waiting for ClientHello.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TlsServerOptions | undefined")] options: JsValue,
    ) -> JsResult<Self> {
        let o = machine_options(&options, "TlsServer", SERVER_OPTIONS)?;
        Ok(Self(match o.version().map_err(js_error)? {
            Version::Tls12 => Either::V12(options::server12(&o).map_err(js_error)?),
            Version::Tls13 => Either::V13(Server::new(
                options::server_config(&o).map_err(js_error)?,
                true,
            )),
        }))
    }
}

/// The methods both machines have, written once for `TlsClient` and `TlsServer`.
macro_rules! machine_methods {
    ($class:ident, $js:literal) => {
        #[wasm_bindgen(js_class = $js)]
        impl $class {
            /// Takes bytes from the peer, in any chunking, and returns the bytes to send
            /// back (possibly none). Throws an `Error` naming the alert, whose `alert`
            /// property holds the alert record to write before closing.
            pub fn receive(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "Uint8Array")] data: JsValue,
            ) -> Result<Vec<u8>, JsValue> {
                let data = bytes(&data, "receive")?;
                both!(self, receive, &data).map_err(failure)
            }

            /// Whether the handshake has completed.
            #[wasm_bindgen(getter, js_name = handshakeDone)]
            pub fn handshake_done(&self) -> bool {
                match &self.0 {
                    Either::V12(c) => c.handshake_done(),
                    Either::V13(c) => c.handshake_done(),
                }
            }

            /// `data` sealed as application-data records, to write.
            pub fn send(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = "Uint8Array")] data: JsValue,
            ) -> Result<Vec<u8>, JsValue> {
                let data = bytes(&data, "send")?;
                both!(self, send, &data).map_err(failure)
            }

            /// The application data received since the last call.
            #[wasm_bindgen(js_name = takeReceived)]
            pub fn take_received(&mut self) -> Vec<u8> {
                both!(self, take_received)
            }

            /// A close_notify alert to write; the connection ends.
            pub fn close(&mut self) -> Vec<u8> {
                both!(self, close)
            }

            /// What happened so far: negotiated version, suite and group, the certificate
            /// and what trusting it rests on, every secret, the records, the steps, the
            /// error and the alert.
            #[wasm_bindgen(unchecked_return_type = "TlsConnectionReport")]
            pub fn report(&self) -> JsResult<JsValue> {
                report(&match &self.0 {
                    Either::V12(c) => c.report(),
                    Either::V13(c) => c.report(),
                })
            }
        }
    };
}

machine_methods!(TlsClient, "TlsClient");
machine_methods!(TlsServer, "TlsServer");

#[wasm_bindgen(typescript_custom_section)]
const TLS_MACHINES_TS: &str = r#"
/** Options of `new TlsClient(options)`; every member is optional. */
export interface TlsClientOptions {
  version?: "1.2" | "1.3";
  groups?: ("x25519" | "secp256r1" | "X25519MLKEM768")[];
  cipherSuites?: ("TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384" | "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")[];
  pinnedCertificate?: string;
  serverName?: string;
  clientRandom?: string;
  clientEphemeral?: string;
  /** An earlier TlsClient's `client.session`, to resume with the same server. */
  resume?: TlsSession;
  /** TLS 1.3: the PSK key exchange mode offered with `resume`. */
  pskMode?: "psk_dhe_ke" | "psk_ke";
}
/** Options of `new TlsServer(options)`; every member is optional. */
export interface TlsServerOptions {
  version?: "1.2" | "1.3";
  certificate?: string;
  privateKey?: string;
  groups?: ("x25519" | "secp256r1" | "X25519MLKEM768")[];
  cipherSuites?: ("TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384" | "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")[];
  serverRandom?: string;
  serverEphemeral?: string;
  /** The key tickets are sealed under, 32 bytes hex; random if absent. */
  ticketKey?: string;
}
/** What a later resumption needs (a secret: it holds the master secret or the PSK), hex. `issuer` says who can resume it: the in-memory model of `tls12Handshake`/`tls13Handshake`, or (for "TlsClient") the real server the client talked to. */
export interface TlsSession {
  version: "1.2" | "1.3"; issuer: "tls12Handshake" | "tls13Handshake" | "TlsClient";
  cipherSuite: string; serverName: string | null;
  ticket: string | null; sessionId: string | null; masterSecret: string | null; psk: string | null;
  ticketNonce: string | null; ageAdd: number | null; lifetime: number;
}
/** One protected record, sent or received. */
export interface TlsRecord {
  direction: "sent" | "received"; contentType: "handshake" | "application_data" | "alert";
  keys: "handshake" | "application"; sequenceNumber: number; nonce: string; plaintext: string; record: string;
}
/** Every secret of the connection, hex, as it became known (null before, or when the version has no such value): the TLS 1.3 key schedule, or the TLS 1.2 pre-master secret (`sharedSecret`), master secret and key block. */
export interface TlsSecrets {
  helloHash: string | null; sharedSecret: string | null; handshakeHash: string | null;
  earlySecret: string | null; handshakeSecret: string | null;
  clientHandshakeTrafficSecret: string | null; serverHandshakeTrafficSecret: string | null;
  masterSecret: string | null; clientApplicationTrafficSecret: string | null;
  serverApplicationTrafficSecret: string | null; exporterMasterSecret: string | null;
  resumptionMasterSecret: string | null;
  clientHandshakeKey: string | null; clientHandshakeIv: string | null;
  serverHandshakeKey: string | null; serverHandshakeIv: string | null;
  clientApplicationKey: string | null; clientApplicationIv: string | null;
  serverApplicationKey: string | null; serverApplicationIv: string | null;
  keyBlock: string | null; clientWriteKey: string | null; serverWriteKey: string | null;
  clientWriteIv: string | null; serverWriteIv: string | null;
  clientFinished: string | null; serverFinished: string | null;
  psk: string | null; binderKey: string | null; binder: string | null;
  clientEarlyTrafficSecret: string | null; earlyExporterMasterSecret: string | null;
}
/** Options of `tls13Handshake`: those of `tls12Handshake`, with the TLS 1.3 suites. */
export interface Tls13Options extends Omit<Tls12Options, "cipherSuite" | "cipherSuites" | "group"> {
  /** The server's preferred group: in 1.3 also the hybrid. */
  group?: "x25519" | "secp256r1" | "X25519MLKEM768";
  cipherSuite?: "TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384";
  cipherSuites?: ("TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384")[];
}
/** What `tls13Handshake` returns; values not reached before an error are null. */
export interface Tls13Report {
  version: "1.3"; cipherSuite: string | null; group: string | null; helloRetryRequest: boolean;
  clientRandom: string | null; serverRandom: string | null;
  certificate: TlsCertificate | null; trust: string | null; serverIdentityPublicKey: string | null;
  secrets: TlsSecrets; records: TlsRecord[]; record: TlsRecord | null; opened: string | null;
  mallory: string; staticServerKey: boolean; steps: Tls12Step[];
  leak: Tls12Report["leak"]; resumed: boolean; resumption: "psk_dhe_ke" | "psk_ke" | null;
  session: TlsSession | null; ticketKeyName: string | null; resumptionLeak: TlsResumptionLeak | null;
  error: string | null; alert: string | null;
  keySchedule: Tls13KeyScheduleDiagram | null; flights: Tls13Flight[];
}
/** A flight: the bytes one party put on the wire at once, record by record. */
export interface Tls13Flight {
  from: "client" | "server" | "mallory"; to: "client" | "server" | "mallory"; bytes: number;
  records: Tls13WireRecord[];
}
/** One record on the wire, annotated, and what is inside it. */
export interface Tls13WireRecord {
  record: string; fields: Tls12Field[]; encrypted: boolean; contentType: string;
  plaintext: string | null; innerPlaintext: string | null; keys: "handshake" | "application" | null;
  sequenceNumber: number | null; nonce: string | null; step: number | null;
}
/** What one side of a connection reports. */
export interface TlsConnectionReport {
  version: "1.2" | "1.3"; side: "client" | "server";
  cipherSuite: string | null; group: string | null; helloRetryRequest: boolean;
  serverName: string | null; certificate: TlsCertificate | null; trust: string | null;
  secrets: TlsSecrets; records: TlsRecord[]; tickets: number; resumed: boolean;
  resumption: "psk_dhe_ke" | "psk_ke" | "ticket" | "session_id" | null; handshakeDone: boolean;
  steps: Tls12Step[]; error: string | null; alert: string | null;
}
"#;
