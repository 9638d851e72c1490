//! Deterministic ECDSA P-256 with SHA-256 from RFC 6979 Appendix A.2.5 (the "With
//! SHA-256" signatures of "sample" and "test"), as copied into
//! `tests/data/rfc/rfc6979_p256_sha256.json`.
//!
//! With RFC 6979 nonces the signature is a function of key and message, so r and s must
//! be exactly the RFC's, in both shapes.

mod common;

use common::load;
use ecdh_playground::keys::{PrivateKeyFormat, PublicKey, PublicKeyFormat};
use ecdh_playground::sign::{self, SignatureFormat, SigningKey};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    hash: String,
    key: Key,
    number_of_tests: usize,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
struct Key {
    x: String,
    ux: String,
    uy: String,
}

#[derive(Deserialize)]
struct Case {
    message: String,
    r: String,
    s: String,
    signature_p1363: String,
    signature_der: String,
}

fn file() -> File {
    let file: File = load("rfc/rfc6979_p256_sha256.json");
    assert_eq!(file.hash, "SHA-256");
    assert_eq!(file.tests.len(), file.number_of_tests);
    file
}

/// The key of A.2.5, read from its raw 32-byte hex scalar (P-256 for a signing key).
fn signing_key(file: &File) -> SigningKey {
    SigningKey::import_private_key(&file.key.x).unwrap_or_else(|e| panic!("x: {e}"))
}

#[test]
fn rfc6979_a_2_5_key() {
    let file = file();
    let key = signing_key(&file);
    let public = key.public_key();
    assert_eq!(
        hex::encode(public.to_raw()),
        format!("04{}{}", file.key.ux, file.key.uy),
        "U = xG"
    );
    assert_eq!(
        *key.reveal_private_key(PrivateKeyFormat::RawHex),
        file.key.x
    );
}

#[test]
fn rfc6979_a_2_5_signatures() {
    let file = file();
    let key = signing_key(&file);
    for case in &file.tests {
        let m = case.message.as_bytes();
        // The RFC's r and s, and the two encodings derived from them.
        assert_eq!(case.signature_p1363, format!("{}{}", case.r, case.s));

        let p1363 = key.sign_p1363(m);
        assert_eq!(
            hex::encode(&p1363[..32]),
            case.r,
            "r for {:?}",
            case.message
        );
        assert_eq!(
            hex::encode(&p1363[32..]),
            case.s,
            "s for {:?}",
            case.message
        );

        let der = key.sign(m);
        assert_eq!(
            hex::encode(&der),
            case.signature_der,
            "DER for {:?}",
            case.message
        );
        assert_eq!(
            sign::parse_signature(&der).unwrap().1,
            SignatureFormat::Der,
            "{:?}",
            case.message
        );
    }
    println!("rfc6979_p256_sha256.json: {0}/{0} passed", file.tests.len());
}

#[test]
fn rfc6979_a_2_5_verification() {
    let file = file();
    let uncompressed = format!("04{}{}", file.key.ux, file.key.uy);
    let (public, format) = PublicKey::parse(&uncompressed).unwrap();
    assert_eq!(format, PublicKeyFormat::RawHex);
    for case in &file.tests {
        let m = case.message.as_bytes();
        for signature in [&case.signature_der, &case.signature_p1363] {
            let signature = hex::decode(signature).unwrap();
            assert!(
                sign::verify(&public, m, &signature).unwrap(),
                "{:?}",
                case.message
            );
            assert!(sign::verify_with(&uncompressed, m, &signature).unwrap());
            // The other message must not verify with this signature.
            let other = if case.message == "sample" {
                "test"
            } else {
                "sample"
            };
            assert!(!sign::verify(&public, other.as_bytes(), &signature).unwrap());
        }
    }
}
