//! The sans-IO TLS machines of both versions, both roles, fed bytes from the input: either
//! raw, or a real flight of a fixed-key handshake with the input's edits applied (so that
//! mutations reach the states behind ServerHello: certificates, signatures, Finished).
//! Whatever arrives, `receive` returns an error with an alert, never panics.
#![no_main]

use ecdh_playground::tls13::options::{MachineOptions, client12, client_config, server12, server_config};
use ecdh_playground::tls13::{Client, Server};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use zeroize::Zeroizing;

fn options(side: &str) -> MachineOptions {
    let mut o = MachineOptions::default();
    o.random = Some(if side == "client" { "01" } else { "02" }.repeat(32));
    o.ephemeral = Some(Zeroizing::new(if side == "client" { "03" } else { "04" }.repeat(32)));
    o
}

fn client13() -> Client {
    Client::new(client_config(&options("client"), false).expect("client"))
}

fn server13() -> Server {
    Server::new(server_config(&options("server")).expect("server"), false)
}

/// The real flights: [1.3 ClientHello, 1.3 server flight, 1.2 ClientHello, 1.2 server flight].
static FLIGHTS: LazyLock<[Vec<u8>; 4]> = LazyLock::new(|| {
    let mut c = client13();
    let hello13 = c.start().expect("start");
    let flight13 = server13().receive(&hello13).expect("flight");
    let mut c = client12(&options("client")).expect("client");
    let hello12 = c.start().expect("start");
    let flight12 = server12(&options("server"))
        .expect("server")
        .receive(&hello12)
        .expect("flight");
    [hello13, flight13, hello12, flight12]
});

fuzz_target!(|input: (u8, &[u8])| {
    let (mode, data) = input;
    let bytes = if mode & 0x80 == 0 {
        data.to_vec()
    } else {
        // Edits of a real flight: each 3 input bytes are (position, position, new value).
        let mut real = FLIGHTS[usize::from(mode & 3)].clone();
        for edit in data.chunks_exact(3) {
            if real.is_empty() {
                break;
            }
            let at = usize::from(u16::from_be_bytes([edit[0], edit[1]])) % real.len();
            real[at] = edit[2];
        }
        real
    };
    // Delivered in two chunks, split where the input says.
    let split = usize::from(mode & 0x7c) % (bytes.len() + 1);
    let (a, b) = bytes.split_at(split);
    match mode & 3 {
        0 => {
            let mut s = server13();
            if s.receive(a).is_ok() {
                let _ = s.receive(b);
            }
        }
        1 => {
            let mut c = client13();
            c.start().expect("start");
            if c.receive(a).is_ok() {
                let _ = c.receive(b);
            }
        }
        2 => {
            let mut s = server12(&options("server")).expect("server");
            if s.receive(a).is_ok() {
                let _ = s.receive(b);
            }
        }
        _ => {
            let mut c = client12(&options("client")).expect("client");
            c.start().expect("start");
            if c.receive(a).is_ok() {
                let _ = c.receive(b);
            }
        }
    }
});
