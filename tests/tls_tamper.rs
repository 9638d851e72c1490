//! Every byte of every handshake flight, flipped in transit, in both TLS versions: the
//! handshake never completes on both sides, and whichever side stops sends an alert.
//! (The record headers' version bytes may change harmlessly where they are ignored: a
//! plaintext record's, which RFC 8446 §5.1 says to ignore in TLS 1.3 and the TLS 1.2
//! model reads no further; a protected TLS 1.2 record's version is in its additional
//! data, so changing it fails the tag.)
#![cfg(feature = "tls13")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ecdh_playground::SigningKey;
use ecdh_playground::keys::cert::{self, CertificateRequest};
use ecdh_playground::tls12::client::ClientConfig as Client12Config;
use ecdh_playground::tls12::endpoint::{Client as Client12, Failure, Server as Server12};
use ecdh_playground::tls12::messages::NamedGroup;
use ecdh_playground::tls12::secrets::KeySource;
use ecdh_playground::tls12::server::{EcdhMode, ServerConfig as Server12Config};
use ecdh_playground::tls13::client::ClientConfig;
use ecdh_playground::tls13::server::ServerConfig;
use ecdh_playground::tls13::{CipherSuite, Client, Server};
use zeroize::Zeroizing;

/// Makes a fresh client, server and the client's first flight.
type Maker = dyn Fn() -> (Box<dyn End>, Box<dyn End>, Vec<u8>);

/// Both ends of one version, behind one interface.
trait End {
    fn receive(&mut self, bytes: &[u8]) -> Result<Vec<u8>, Failure>;
    fn done(&self) -> bool;
}

impl End for Client {
    fn receive(&mut self, b: &[u8]) -> Result<Vec<u8>, Failure> {
        Client::receive(self, b)
    }
    fn done(&self) -> bool {
        self.handshake_done()
    }
}
impl End for Server {
    fn receive(&mut self, b: &[u8]) -> Result<Vec<u8>, Failure> {
        Server::receive(self, b)
    }
    fn done(&self) -> bool {
        self.handshake_done()
    }
}
impl End for Client12 {
    fn receive(&mut self, b: &[u8]) -> Result<Vec<u8>, Failure> {
        Client12::receive(self, b)
    }
    fn done(&self) -> bool {
        self.handshake_done()
    }
}
impl End for Server12 {
    fn receive(&mut self, b: &[u8]) -> Result<Vec<u8>, Failure> {
        Server12::receive(self, b)
    }
    fn done(&self) -> bool {
        self.handshake_done()
    }
}

fn identity() -> (SigningKey, Vec<u8>) {
    let key = SigningKey::from_seed(b"tamper", "server").unwrap();
    let der = cert::self_signed(&key, &CertificateRequest::default()).unwrap();
    (key, der)
}

fn pair13() -> (Client, Server, Vec<u8>) {
    let (key, der) = identity();
    let mut c = Client::new(ClientConfig {
        groups: vec![NamedGroup::X25519],
        suites: CipherSuite::ALL.to_vec(),
        server_name: Some("localhost".into()),
        pinned_certificate: Some(der.clone()),
        random: [1; 32],
        ephemeral: Some(Zeroizing::new([3; 32])),
        record_received: false,
        resume: None,
        psk_mode: ecdh_playground::tls13::session::PskMode::PskDheKe,
    });
    let s = Server::new(
        ServerConfig {
            groups: vec![NamedGroup::X25519],
            suites: CipherSuite::ALL.to_vec(),
            certificate: der,
            identity: key,
            random: [2; 32],
            ephemeral: Some(Zeroizing::new([4; 32])),
            send_ticket: false,
            ticket_key: ecdh_playground::tls13::session::TicketKey::derive(b"test"),
            allow_psk_ke: true,
        },
        false,
    );
    let hello = c.start().unwrap();
    (c, s, hello)
}

fn pair12() -> (Client12, Server12, Vec<u8>) {
    let (key, der) = identity();
    let mut c = Client12::new(
        Client12Config {
            groups: vec![NamedGroup::X25519, NamedGroup::Secp256r1],
            pinned_identity: Some(key.public_key()),
            server_name: Some("localhost".into()),
            resume: None,
        },
        [1; 32],
        KeySource::Given {
            option: "clientEphemeral",
            scalar: Zeroizing::new([3; 32]),
        },
    );
    let s = Server12::new(
        Server12Config {
            identity: key,
            groups: vec![NamedGroup::X25519],
            ecdh: EcdhMode::Ephemeral,
            certificate: der,
            ticket_key: Some(ecdh_playground::tls12::ticket::TicketKey::derive(b"test")),
            cache: Vec::new(),
        },
        [2; 32],
        KeySource::Given {
            option: "serverEphemeral",
            scalar: Zeroizing::new([4; 32]),
        },
    );
    let hello = c.start().unwrap();
    (c, s, hello)
}

/// Runs the exchange, flipping byte `at` of flight number `flight` (0: the client's
/// first, 1: the server's first, 2: the client's second). Returns whether both sides
/// completed, and whether a side that stopped had an alert to send.
fn run(
    client: &mut dyn End,
    server: &mut dyn End,
    hello: Vec<u8>,
    flight: usize,
    at: usize,
) -> (bool, bool) {
    let mut bytes = hello;
    let mut to_server = true;
    for n in 0..8 {
        if n == flight
            && let Some(b) = bytes.get_mut(at)
        {
            *b ^= 0x01;
        }
        let result = if to_server {
            server.receive(&bytes)
        } else {
            client.receive(&bytes)
        };
        match result {
            Ok(out) => bytes = out,
            Err(f) => {
                return (
                    false,
                    !f.alert.is_empty() || f.message.contains("received alert"),
                );
            }
        }
        to_server = !to_server;
        if bytes.is_empty() {
            break;
        }
    }
    (client.done() && server.done(), true)
}

/// The offsets of the version bytes in each record header of a flight, with the record's
/// type: (offset, type).
fn record_versions(bytes: &[u8]) -> Vec<(usize, u8)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 5 <= bytes.len() {
        out.push((at + 1, bytes[at]));
        out.push((at + 2, bytes[at]));
        at += 5 + usize::from(u16::from_be_bytes([bytes[at + 3], bytes[at + 4]]));
    }
    out
}

fn flight(make: &Maker, flight: usize) -> Vec<u8> {
    let (mut c, mut s, hello) = make();
    let mut bytes = hello;
    let mut to_server = true;
    for _ in 0..flight {
        bytes = if to_server {
            s.receive(&bytes)
        } else {
            c.receive(&bytes)
        }
        .unwrap();
        to_server = !to_server;
    }
    bytes
}

fn every_byte(name: &str, make: &Maker, harmless: &dyn Fn(u8) -> bool) {
    let (mut c, mut s, hello) = make();
    assert_eq!(
        run(c.as_mut(), s.as_mut(), hello, usize::MAX, 0),
        (true, true),
        "{name}: untouched"
    );
    for number in 0..3 {
        let bytes = flight(make, number);
        let ignored: Vec<usize> = record_versions(&bytes)
            .into_iter()
            .filter(|(_, t)| harmless(*t))
            .map(|(at, _)| at)
            .collect();
        for at in 0..bytes.len() {
            let (mut c, mut s, hello) = make();
            let (completed, alerted) = run(c.as_mut(), s.as_mut(), hello, number, at);
            if ignored.contains(&at) {
                continue;
            }
            let flight = number;
            assert!(
                !completed,
                "{name}: flight {flight}, byte {at} flipped and both sides completed"
            );
            assert!(alerted, "{name}: flight {flight}, byte {at}: no alert");
        }
    }
}

#[test]
fn tls13_every_byte_of_every_flight_is_protected() {
    let make = || {
        let (c, s, h) = pair13();
        (Box::new(c) as Box<dyn End>, Box::new(s) as Box<dyn End>, h)
    };
    // legacy_record_version of a plaintext record is ignored (RFC 8446 §5.1); that of a
    // protected record is in its additional data, so it is checked.
    every_byte("TLS 1.3", &make, &|t| t != 23);
}

#[test]
fn tls12_every_byte_of_every_flight_is_protected() {
    let make = || {
        let (c, s, h) = pair12();
        (Box::new(c) as Box<dyn End>, Box::new(s) as Box<dyn End>, h)
    };
    // The record headers' version bytes: the model, like many stacks, builds the
    // additional data from its own version, so it ignores the header's (a real record
    // with another version would fail to open instead; either way nothing changes).
    every_byte("TLS 1.2", &make, &|_| true);
}

#[test]
fn tls12_a_client_whose_keys_are_in_use_seals_its_alert() {
    let (mut c, mut s, hello) = pair12();
    let flight = s.receive(&hello).unwrap();
    let finished = s.receive(&c.receive(&flight).unwrap()).unwrap();
    let mut tampered = finished.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let e = c.receive(&tampered).unwrap_err();
    // type alert, then 8 bytes of explicit nonce, 2 of alert and 16 of tag: protected.
    assert_eq!(e.alert[0], 21);
    assert_eq!(e.alert.len(), 5 + 8 + 2 + 16, "{:?}", e.alert);
}

#[test]
fn tls12_close_mid_handshake_sends_close_notify_in_clear_and_sealed_after() {
    // Before any key is in use: the warning close_notify in a plaintext record, which the
    // server reads as an orderly end.
    let (mut c, mut s, hello) = pair12();
    let flight = s.receive(&hello).unwrap();
    let bye = c.close();
    assert_eq!(bye, [21, 3, 3, 0, 2, 1, 0]);
    let heard = s.receive(&bye).unwrap_err();
    assert!(heard.message.contains("close_notify"), "{}", heard.message);
    assert!(c.receive(&flight).is_err(), "nothing is read after close");
    // Once the handshake is done: sealed under the client's keys.
    let (mut c, mut s, hello) = pair12();
    let flight = s.receive(&hello).unwrap();
    let finished = s.receive(&c.receive(&flight).unwrap()).unwrap();
    c.receive(&finished).unwrap();
    let bye = c.close();
    assert_eq!(bye[0], 21);
    assert_eq!(bye.len(), 5 + 8 + 2 + 16, "{bye:?}");
    let heard = s.receive(&bye).unwrap_err();
    assert!(heard.message.contains("close_notify"), "{}", heard.message);
}
