//! ECDH P-256 known answer from RFC 5903 §8.1 (the 256-bit random ECP group), as
//! copied into `tests/data/rfc/rfc5903_ecdh_p256.json`.
//!
//! The shared secret is the x-coordinate of i·r·G (`girx`), what SEC 1 §3.3.1 and
//! WebCrypto's `deriveBits` return. The file's `giry` is not checked: no part of the
//! crate's API returns the y-coordinate of the shared point.

mod common;

use common::load;
use ecdh_playground::keys::{Curve, KeyPair, PublicKey, PublicKeyFormat, SecretKey};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    number_of_tests: usize,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    i: String,
    gix: String,
    giy: String,
    r: String,
    grx: String,
    gry: String,
    girx: String,
    initiator_public_uncompressed: String,
    responder_public_uncompressed: String,
}

fn case() -> Case {
    let mut file: File = load("rfc/rfc5903_ecdh_p256.json");
    assert_eq!((file.number_of_tests, file.tests.len()), (1, 1));
    file.tests.remove(0)
}

#[test]
fn rfc5903_8_1_public_keys() {
    let case = case();
    assert_eq!(
        case.initiator_public_uncompressed,
        format!("04{}{}", case.gix, case.giy)
    );
    assert_eq!(
        case.responder_public_uncompressed,
        format!("04{}{}", case.grx, case.gry)
    );
    for (scalar, public) in [
        (&case.i, &case.initiator_public_uncompressed),
        (&case.r, &case.responder_public_uncompressed),
    ] {
        let secret = SecretKey::from_bytes(Curve::P256, &hex::decode(scalar).unwrap()).unwrap();
        assert_eq!(
            &hex::encode(secret.public_key().to_raw()),
            public,
            "g^{scalar}"
        );
        // The same key pasted uncompressed and compressed.
        let (parsed, format) = PublicKey::parse(public).unwrap();
        assert_eq!(
            (parsed, format),
            (secret.public_key(), PublicKeyFormat::RawHex)
        );
        let compressed = hex::encode(parsed.to_compressed().unwrap());
        assert_eq!(PublicKey::parse(&compressed).unwrap().0, parsed);
    }
}

#[test]
fn rfc5903_8_1_shared_secret() {
    let case = case();
    let initiator = KeyPair::import_private_key(&case.i, Some(Curve::P256)).unwrap();
    let responder = KeyPair::import_private_key(&case.r, Some(Curve::P256)).unwrap();
    let from_i = initiator
        .shared_secret_with(&case.responder_public_uncompressed)
        .unwrap();
    let from_r = responder
        .shared_secret_with(&case.initiator_public_uncompressed)
        .unwrap();
    assert_eq!(hex::encode(from_i.as_bytes()), case.girx);
    assert_eq!(hex::encode(from_r.as_bytes()), case.girx);

    // A compressed peer key carries the same point, so gives the same secret.
    let peer = PublicKey::parse(&case.responder_public_uncompressed)
        .unwrap()
        .0;
    let compressed = hex::encode(peer.to_compressed().unwrap());
    let again = initiator.shared_secret_with(&compressed).unwrap();
    assert_eq!(hex::encode(again.as_bytes()), case.girx);
    println!("rfc5903_ecdh_p256.json: 1/1 passed");
}
