//! TLS 1.3 records as the record layer reads them off the wire (with the keys of the
//! Illustrated TLS 1.3 Connection's server handshake traffic, so that real records in
//! the seeds open and mutations of them are refused), and HKDF-Expand-Label with labels,
//! contexts and lengths from the input.
#![no_main]

use ecdh_playground::tls13::{self, CipherSuite, HashAlgorithm, TrafficKeys};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// server_handshake_traffic_secret of the Illustrated TLS 1.3 Connection.
const SERVER_HS: &str = "23323da031634b241dd37d61032b62a4f450584d1f7f47983ba2f7cc0cdcc39a68f481f2b019f9403a3051908a5d1622";

static KEYS: LazyLock<[TrafficKeys; 2]> = LazyLock::new(|| {
    let secret: Vec<u8> = (0..SERVER_HS.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&SERVER_HS[i..i + 2], 16).expect("hex"))
        .collect();
    [
        TrafficKeys::derive(CipherSuite::TLS_AES_256_GCM_SHA384, &secret).expect("keys"),
        TrafficKeys::derive(CipherSuite::TLS_AES_128_GCM_SHA256, &secret[..32]).expect("keys"),
    ]
});

fuzz_target!(|input: (u8, u16, &[u8], &[u8])| {
    let (sequence, length, label, record) = input;
    for keys in KEYS.iter() {
        if let Ok(opened) = tls13::record::open(keys, u64::from(sequence % 8), record) {
            // Only a record sealed with these keys opens; sealing it again gives it back.
            let sealed = tls13::record::seal(
                keys,
                u64::from(sequence % 8),
                opened.content_type,
                &opened.content,
                opened.padding,
            )
            .expect("what opened seals");
            assert_eq!(sealed.record, record);
        }
    }
    for hash in [HashAlgorithm::Sha256, HashAlgorithm::Sha384] {
        let _ = tls13::hkdf_expand_label(hash, &[7; 48], label, record, usize::from(length));
    }
});
