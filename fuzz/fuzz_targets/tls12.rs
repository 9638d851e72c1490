//! TLS 1.2 handshake messages and records as the model's parsers read them off the wire.
#![no_main]

use ecdh_playground::tls12::messages::{self, NamedGroup};
use ecdh_playground::tls12::record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &[u8])| {
    let (which, bytes) = input;
    match which % 8 {
        0 => drop(messages::ClientHello::parse(bytes)),
        1 => drop(messages::ServerHello::parse(bytes)),
        2 => drop(messages::ServerKeyExchange::parse(bytes)),
        3 => drop(messages::ClientKeyExchange::parse(bytes)),
        4 => drop(messages::parse_finished(bytes)),
        5 => drop(messages::parse_server_hello_done(bytes)),
        6 => {
            for group in [NamedGroup::X25519, NamedGroup::Secp256r1] {
                drop(messages::public_key_from_wire(group, bytes, "fuzz"));
            }
        }
        _ => drop(record::open(&[1; 16], &[2; 4], 0, 22, bytes)),
    }
});
