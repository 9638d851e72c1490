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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

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
