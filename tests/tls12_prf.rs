//! The TLS 1.2 PRF with SHA-256 (RFC 5246 §5) against the IETF TLS WG mailing-list
//! vector ("msg03416", as carried in Botan's `src/tests/data/kdf/tls_prf.vec`), copied
//! into `tests/data/tls/tls12_prf_sha256.json`; and against the three PRF uses of
//! "The Illustrated TLS 1.2 Connection" (syncsynchalt/illustrated-tls12, MIT, see
//! `tests/data/tls/LICENSE-illustrated-tls12.txt`) in `tests/data/tls/tls12_illustrated.json`:
//! the master secret, the key block and both Finished `verify_data`.

mod common;

use common::{hex_bytes, load, unhex};
use ecdh_playground::kdf::tls12_prf;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PrfFile {
    number_of_tests: usize,
    tests: Vec<PrfCase>,
}

#[derive(Deserialize)]
struct PrfCase {
    hash: String,
    #[serde(deserialize_with = "hex_bytes")]
    secret: Vec<u8>,
    label: String,
    #[serde(deserialize_with = "hex_bytes")]
    label_hex: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    seed: Vec<u8>,
    length: usize,
    #[serde(deserialize_with = "hex_bytes")]
    output: Vec<u8>,
}

#[test]
fn tls12_prf_sha256_vector() {
    let file: PrfFile = load("tls/tls12_prf_sha256.json");
    assert_eq!(file.tests.len(), file.number_of_tests);
    for case in &file.tests {
        assert_eq!(case.hash, "SHA-256");
        assert_eq!(case.label.as_bytes(), case.label_hex.as_slice());
        let out = tls12_prf(&case.secret, case.label.as_bytes(), &case.seed, case.length).unwrap();
        assert_eq!(hex::encode(&*out), hex::encode(&case.output));
        // P_SHA256 output is A(1)-block ‖ A(2)-block ‖ ..., so any shorter output is a
        // prefix: check across the 32-byte block boundaries.
        for length in [1, 12, 31, 32, 33, 48, 64, 65, 99] {
            let short = tls12_prf(&case.secret, case.label.as_bytes(), &case.seed, length).unwrap();
            assert_eq!(*short, case.output[..length], "length {length}");
        }
        // The fixed-size form the handshake uses is the same prefix.
        let twelve = ecdh_playground::kdf::tls12_prf_array::<12>(
            &case.secret,
            case.label.as_bytes(),
            &case.seed,
        );
        assert_eq!(twelve.as_slice(), &case.output[..12]);
        // The bound is the core's, not only the JS API's.
        for length in [0, ecdh_playground::kdf::TLS12_PRF_MAX + 1] {
            assert_eq!(
                tls12_prf(&case.secret, b"l", &case.seed, length)
                    .unwrap_err()
                    .to_string(),
                format!("output length must be between 1 and 65536 bytes, got {length}")
            );
        }
        assert_eq!(
            tls12_prf(&case.secret, b"l", &case.seed, 65536)
                .unwrap()
                .len(),
            65536
        );
    }
    println!("tls12_prf_sha256.json: {0}/{0} passed", file.tests.len());
}

#[derive(Deserialize)]
struct Illustrated {
    client_random: String,
    server_random: String,
    pre_master_secret: Value,
    master_secret: MasterSecret,
    key_expansion: KeyExpansion,
    client_finished: Finished,
    server_finished: Finished,
}

#[derive(Deserialize)]
struct Value {
    value: String,
}

#[derive(Deserialize)]
struct MasterSecret {
    value: String,
    label_hex: String,
    seed: String,
}

#[derive(Deserialize)]
struct KeyExpansion {
    label_hex: String,
    seed: String,
    key_block: String,
}

#[derive(Deserialize)]
struct Finished {
    handshake_messages_hash: String,
    verify_data: String,
}

#[test]
fn tls12_prf_illustrated_connection() {
    let t: Illustrated = load("tls/tls12_illustrated.json");
    let (client_random, server_random) = (unhex(&t.client_random), unhex(&t.server_random));

    // RFC 5246 §8.1: master_secret = PRF(pre_master_secret, "master secret",
    // ClientHello.random + ServerHello.random)[0..47].
    let ms = &t.master_secret;
    assert_eq!(unhex(&ms.label_hex), b"master secret");
    assert_eq!(
        unhex(&ms.seed),
        [client_random.as_slice(), &server_random].concat()
    );
    let master = tls12_prf(
        &unhex(&t.pre_master_secret.value),
        b"master secret",
        &unhex(&ms.seed),
        48,
    )
    .unwrap();
    assert_eq!(hex::encode(&*master), ms.value);

    // RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion",
    // server_random + client_random), note the swapped order.
    let ke = &t.key_expansion;
    assert_eq!(unhex(&ke.label_hex), b"key expansion");
    assert_eq!(
        unhex(&ke.seed),
        [server_random.as_slice(), &client_random].concat()
    );
    let expected_block = unhex(&ke.key_block);
    let block = tls12_prf(
        &master,
        b"key expansion",
        &unhex(&ke.seed),
        expected_block.len(),
    )
    .unwrap();
    assert_eq!(hex::encode(&*block), ke.key_block);

    // RFC 5246 §7.4.9: verify_data = PRF(master_secret, finished_label,
    // Hash(handshake_messages))[0..11].
    for (finished, label) in [
        (&t.client_finished, b"client finished"),
        (&t.server_finished, b"server finished"),
    ] {
        let verify = tls12_prf(
            &master,
            label,
            &unhex(&finished.handshake_messages_hash),
            12,
        )
        .unwrap();
        assert_eq!(hex::encode(&*verify), finished.verify_data);
    }
    println!("tls12_illustrated.json: 4/4 PRF outputs passed");
}
