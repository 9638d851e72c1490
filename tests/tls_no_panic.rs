//! The TLS machines take any bytes without panicking: random input, and a real flight
//! with random bytes changed or cut, at any step, in both versions and both roles. (A
//! panic in WebAssembly would end the module for the whole page.) `make fuzz` runs the
//! same for longer.
#![cfg(all(feature = "tls13", not(target_arch = "wasm32")))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ecdh_playground::SigningKey;
use ecdh_playground::keys::cert::{self, CertificateRequest};
use ecdh_playground::tls12::messages::NamedGroup;
use ecdh_playground::tls13::client::ClientConfig;
use ecdh_playground::tls13::options::{MachineOptions, client12, server12};
use ecdh_playground::tls13::server::ServerConfig;
use ecdh_playground::tls13::{CipherSuite, Client, Server};
use proptest::prelude::*;

fn client13() -> Client {
    Client::new(ClientConfig {
        groups: NamedGroup::IMPLEMENTED.to_vec(),
        suites: CipherSuite::ALL.to_vec(),
        server_name: Some("localhost".into()),
        pinned_certificate: None,
        random: [1; 32],
        ephemeral: None,
        record_received: true,
        resume: None,
        psk_mode: ecdh_playground::tls13::session::PskMode::PskDheKe,
    })
}

fn server13() -> Server {
    let key = SigningKey::from_seed(b"no panic", "server").unwrap();
    let certificate = cert::self_signed(&key, &CertificateRequest::default()).unwrap();
    Server::new(
        ServerConfig {
            groups: NamedGroup::IMPLEMENTED.to_vec(),
            suites: CipherSuite::ALL.to_vec(),
            certificate,
            identity: key,
            random: [2; 32],
            ephemeral: None,
            send_ticket: true,
            ticket_key: ecdh_playground::tls13::session::TicketKey::derive(b"test"),
            allow_psk_ke: true,
        },
        true,
    )
}

/// A session from a full handshake with `server13()` (1.3) and with a TLS 1.2 server of
/// the same ticket key: what a resuming client offers.
fn sessions() -> &'static (
    ecdh_playground::tls13::session::SessionReport,
    ecdh_playground::tls13::session::SessionReport,
) {
    static SESSIONS: std::sync::OnceLock<(
        ecdh_playground::tls13::session::SessionReport,
        ecdh_playground::tls13::session::SessionReport,
    )> = std::sync::OnceLock::new();
    SESSIONS.get_or_init(|| {
        let mut c = client13();
        let mut s = server13();
        let mut to_server = c.start().unwrap();
        for _ in 0..3 {
            to_server = c.receive(&s.receive(&to_server).unwrap()).unwrap();
        }
        let thirteen = c.session().unwrap().to_report("TlsClient");
        let twelve_options = MachineOptions {
            version: Some("1.2".into()),
            ticket_key: Some(zeroize::Zeroizing::new("77".repeat(32))),
            ..MachineOptions::default()
        };
        let mut c = client12(&twelve_options).unwrap();
        let mut s = server12(&twelve_options).unwrap();
        let mut to_server = c.start().unwrap();
        for _ in 0..3 {
            let back = s.receive(&to_server).unwrap();
            to_server = c.receive(&back).unwrap();
        }
        (thirteen, c.session("TlsClient").unwrap())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_resuming_hello_changed_or_cut_never_panics(
        at in any::<prop::sample::Index>(),
        value in any::<u8>(),
        cut in any::<prop::sample::Index>(),
        twelve in any::<bool>(),
    ) {
        let (thirteen, session12) = sessions();
        let (mut hello, mut server_flight) = if twelve {
            let o = MachineOptions {
                version: Some("1.2".into()),
                resume: Some(session12.clone()),
                ..MachineOptions::default()
            };
            let mut c = client12(&o).unwrap();
            let hello = c.start().unwrap();
            let server_options = MachineOptions {
                version: Some("1.2".into()),
                ticket_key: Some(zeroize::Zeroizing::new("77".repeat(32))),
                ..MachineOptions::default()
            };
            let flight = server12(&server_options).unwrap().receive(&hello).unwrap();
            let i = at.index(flight.len());
            let mut changed = flight.clone();
            changed[i] = value;
            let _ = c.receive(&changed[..cut.index(changed.len() + 1)]);
            (hello, server12(&server_options).unwrap())
        } else {
            let o = MachineOptions {
                resume: Some(thirteen.clone()),
                psk_mode: Some(if value % 2 == 0 { "psk_ke" } else { "psk_dhe_ke" }.into()),
                ..MachineOptions::default()
            };
            let mut c = Client::new(ecdh_playground::tls13::options::client_config(&o, true).unwrap());
            let hello = c.start().unwrap();
            let flight = server13().receive(&hello).unwrap();
            let mut changed = flight.clone();
            let i = at.index(changed.len());
            changed[i] = value;
            let _ = c.receive(&changed[..cut.index(changed.len() + 1)]);
            let mut s = ecdh_playground::tls12::endpoint::Server::new(
                ecdh_playground::tls12::server::ServerConfig {
                    identity: SigningKey::from_seed(b"no panic", "server").unwrap(),
                    groups: NamedGroup::IMPLEMENTED.to_vec(),
                    ecdh: ecdh_playground::tls12::server::EcdhMode::Ephemeral,
                    certificate: Vec::new(),
                    ticket_key: None,
                    cache: Vec::new(),
                },
                [3; 32],
                ecdh_playground::tls12::secrets::KeySource::Random,
            );
            let _ = s.receive(&hello);
            (hello, server12(&MachineOptions { version: Some("1.2".into()), ..MachineOptions::default() }).unwrap())
        };
        let i = at.index(hello.len());
        hello[i] = value;
        hello.truncate(cut.index(hello.len() + 1));
        let _ = server13().receive(&hello);
        let _ = server_flight.receive(&hello);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut c = client13();
        c.start().unwrap();
        let _ = c.receive(&bytes);
        let _ = c.receive(&bytes);
        let _ = server13().receive(&bytes);
        let o = MachineOptions::default();
        let mut c12 = client12(&o).unwrap();
        c12.start().unwrap();
        let _ = c12.receive(&bytes);
        let _ = server12(&o).unwrap().receive(&bytes);
        // A record header that announces a handshake, then the random bytes.
        let mut framed = vec![22, 3, 3];
        framed.extend_from_slice(&u16::try_from(bytes.len()).unwrap().to_be_bytes());
        framed.extend_from_slice(&bytes);
        let _ = server13().receive(&framed);
        let _ = server12(&o).unwrap().receive(&framed);
        let mut c = client13();
        c.start().unwrap();
        let _ = c.receive(&framed);
    }

    #[test]
    fn a_real_flight_changed_or_cut_never_panics(
        at in any::<prop::sample::Index>(),
        value in any::<u8>(),
        cut in any::<prop::sample::Index>(),
        twelve in any::<bool>(),
    ) {
        if twelve {
            let o = MachineOptions::default();
            let mut c = client12(&o).unwrap();
            let mut s = server12(&o).unwrap();
            let hello = c.start().unwrap();
            let mut flight = s.receive(&hello).unwrap();
            let i = at.index(flight.len());
            flight[i] = value;
            flight.truncate(cut.index(flight.len() + 1));
            if let Ok(back) = c.receive(&flight) {
                let _ = s.receive(&back);
            }
        } else {
            let mut c = client13();
            let mut s = server13();
            let hello = c.start().unwrap();
            let mut flight = s.receive(&hello).unwrap();
            let i = at.index(flight.len());
            flight[i] = value;
            flight.truncate(cut.index(flight.len() + 1));
            if let Ok(back) = c.receive(&flight) {
                let _ = s.receive(&back);
            }
        }
    }
}
