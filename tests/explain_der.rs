//! The key inspector's DER tree (`explainDer`) over every DER key and signature of the
//! Wycheproof files the other tests load (C2SP/wycheproof `testvectors_v1`, Apache-2.0,
//! see `tests/data/wycheproof/LICENSE`): `ecdh_secp256r1_test.json` (SubjectPublicKeyInfo
//! of each case), `ecdsa_secp256r1_sha256_test.json` and its `_p1363_` sibling (each
//! group's SubjectPublicKeyInfo, each case's DER signature).
//!
//! For each: where the tree is built, offsets and lengths add up (the root spans the
//! whole input, children tile their parent); whatever the crate's key or signature
//! reader accepts, the tree explains and names; whatever the tree refuses, its error
//! names the byte.

mod common;

use common::der_spans_add_up;
use ecdh_playground::keys::{der, explain};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File<G> {
    test_groups: Vec<G>,
}

#[derive(Deserialize)]
struct EcdhGroup {
    tests: Vec<EcdhCase>,
}

#[derive(Deserialize)]
struct EcdhCase {
    public: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EcdsaGroup {
    public_key_der: String,
    tests: Vec<EcdsaCase>,
}

#[derive(Deserialize)]
struct EcdsaCase {
    sig: String,
}

fn load<G: for<'de> Deserialize<'de>>(name: &str) -> File<G> {
    let path = format!(
        "{}/tests/data/wycheproof/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[derive(Default, Debug)]
struct Count {
    explained: usize,
    refused: usize,
}

/// Explains `der`; checks the tree, or that the error names a byte. `accepted`: the
/// crate's own reader took it, so the tree must exist and carry `name`.
fn check(der: &[u8], accepted: bool, name: &str, count: &mut Count) {
    match explain::explain(der) {
        Ok(tree) => {
            assert_eq!(tree.offset, 0);
            assert_eq!(
                tree.header_length + tree.length,
                der.len(),
                "{}",
                hex::encode(der)
            );
            der_spans_add_up(&tree, der.len());
            if accepted {
                assert_eq!(tree.name.as_deref(), Some(name), "{}", hex::encode(der));
            }
            count.explained += 1;
        }
        Err(e) => {
            assert!(!accepted, "{}: {e}", hex::encode(der));
            let message = e.to_string();
            assert!(
                message.contains("byte "),
                "the error names the byte: {message} ({})",
                hex::encode(der)
            );
            count.refused += 1;
        }
    }
}

#[test]
fn ecdh_public_keys() {
    let file: File<EcdhGroup> = load("ecdh_secp256r1_test.json");
    let mut count = Count::default();
    for case in file.test_groups.iter().flat_map(|g| &g.tests) {
        let der = hex::decode(&case.public).unwrap();
        let accepted = der::is_spki(&der);
        check(&der, accepted, "SubjectPublicKeyInfo", &mut count);
    }
    println!("ecdh_secp256r1_test.json: {count:?}");
    assert_eq!(count.explained + count.refused, 612);
    assert!(count.explained > 300 && count.refused > 50, "{count:?}");
}

#[test]
fn ecdsa_keys_and_signatures() {
    for name in [
        "ecdsa_secp256r1_sha256_test.json",
        "ecdsa_secp256r1_sha256_p1363_test.json",
    ] {
        let file: File<EcdsaGroup> = load(name);
        let mut keys = Count::default();
        let mut signatures = Count::default();
        for group in &file.test_groups {
            let key = hex::decode(&group.public_key_der).unwrap();
            check(&key, der::is_spki(&key), "SubjectPublicKeyInfo", &mut keys);
            if name.contains("p1363") {
                continue;
            }
            for case in &group.tests {
                let sig = hex::decode(&case.sig).unwrap();
                let accepted = der::ecdsa_signature_from_der(&sig).is_ok();
                check(&sig, accepted, "ECDSA-Sig-Value", &mut signatures);
            }
        }
        println!("{name}: keys {keys:?}, signatures {signatures:?}");
        assert_eq!(keys.refused, 0);
        if !name.contains("p1363") {
            assert_eq!(signatures.explained + signatures.refused, 484);
            assert!(signatures.refused > 50, "{signatures:?}");
        }
    }
}
