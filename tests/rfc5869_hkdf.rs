//! HKDF-SHA256 known answers from RFC 5869 Appendix A (test cases A.1 to A.3, the SHA-256
//! ones), as copied into `tests/data/rfc/rfc5869_hkdf_sha256.json`.

mod common;

use common::{hex_bytes, load};
use ecdh_playground::kdf;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    number_of_tests: usize,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    tc_id: u64,
    hash: String,
    #[serde(deserialize_with = "hex_bytes")]
    ikm: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    salt: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    info: Vec<u8>,
    #[serde(rename = "L")]
    length: usize,
    #[serde(deserialize_with = "hex_bytes")]
    prk: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    okm: Vec<u8>,
}

#[test]
fn rfc5869_appendix_a() {
    let file: File = load("rfc/rfc5869_hkdf_sha256.json");
    assert_eq!(file.tests.len(), file.number_of_tests);
    for case in &file.tests {
        let id = case.tc_id;
        assert_eq!(case.hash, "SHA-256");
        // The two steps, each against the RFC's value.
        let prk = kdf::hkdf_extract(Some(&case.salt), &case.ikm);
        assert_eq!(prk.as_slice(), case.prk.as_slice(), "PRK, case {id}");
        let okm = kdf::hkdf_expand(prk.as_slice(), Some(&case.info), case.length).unwrap();
        assert_eq!(*okm, case.okm, "OKM from PRK, case {id}");
        // And in one call.
        let okm = kdf::hkdf(&case.ikm, Some(&case.salt), Some(&case.info), case.length).unwrap();
        assert_eq!(*okm, case.okm, "OKM, case {id}");
    }
    println!("rfc5869_hkdf_sha256.json: {0}/{0} passed", file.tests.len());
}

/// A.3 has a zero-length salt and info. RFC 5869 §2.2: "if not provided, [the salt]
/// is set to a string of HashLen zeros", and HMAC zero-pads a short key, so leaving
/// them out (`None`) must give the same PRK and OKM as passing them empty.
#[test]
fn rfc5869_a3_missing_salt_and_info() {
    let file: File = load("rfc/rfc5869_hkdf_sha256.json");
    let case = file.tests.iter().find(|c| c.tc_id == 3).unwrap();
    assert!(case.salt.is_empty() && case.info.is_empty());
    assert_eq!(
        kdf::hkdf_extract(None, &case.ikm).as_slice(),
        case.prk.as_slice()
    );
    assert_eq!(
        kdf::hkdf_extract(Some(&[0; 32]), &case.ikm).as_slice(),
        case.prk.as_slice()
    );
    assert_eq!(
        *kdf::hkdf(&case.ikm, None, None, case.length).unwrap(),
        case.okm
    );
}

/// OKM is T(1) ‖ T(2) ‖ ..., so a shorter output is a prefix of a longer one.
#[test]
fn rfc5869_shorter_outputs_are_prefixes() {
    let file: File = load("rfc/rfc5869_hkdf_sha256.json");
    for case in &file.tests {
        for length in [1, 31, 32, 33, case.length - 1] {
            let okm = kdf::hkdf(&case.ikm, Some(&case.salt), Some(&case.info), length).unwrap();
            assert_eq!(
                *okm,
                case.okm[..length],
                "case {}, L = {length}",
                case.tc_id
            );
        }
    }
}
