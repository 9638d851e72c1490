//! ECDSA P-256 with SHA-256 against Project Wycheproof (C2SP/wycheproof `testvectors_v1`,
//! commit dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166, Apache-2.0, see
//! `tests/data/wycheproof/LICENSE`): `ecdsa_secp256r1_sha256_test.json` (ASN.1 DER
//! signatures) and `ecdsa_secp256r1_sha256_p1363_test.json` (IEEE P1363 `r ‖ s`), each
//! run whole. Neither file has `acceptable` cases: `valid` signatures must verify and
//! `invalid` ones (BER and other non-DER encodings, r or s out of range, wrong sizes...)
//! must not.

mod common;

use common::{Expected, Passed, Tally, WycheproofFile, hex_bytes};
use ecdh_playground::keys::{PublicKey, PublicKeyFormat, der};
use ecdh_playground::sign::{self, SignatureFormat};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Group {
    public_key: GroupKey,
    #[serde(deserialize_with = "hex_bytes")]
    public_key_der: Vec<u8>,
    public_key_pem: String,
    /// Only in the P1363 file.
    public_key_jwk: Option<serde_json::Value>,
    sha: String,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
struct GroupKey {
    curve: String,
    #[serde(deserialize_with = "hex_bytes")]
    uncompressed: Vec<u8>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    tc_id: u64,
    #[serde(deserialize_with = "hex_bytes")]
    msg: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    sig: Vec<u8>,
    result: Expected,
}

/// Reads the group's key from every form the file gives and checks they agree.
fn group_key(group: &Group) -> PublicKey {
    assert_eq!(group.public_key.curve, "secp256r1");
    assert_eq!(group.sha, "SHA-256");
    let from_der = der::public_key_from_spki(&group.public_key_der)
        .unwrap_or_else(|e| panic!("publicKeyDer: {e}"));
    let forms = [
        (
            hex::encode(&group.public_key.uncompressed),
            PublicKeyFormat::RawHex,
        ),
        (group.public_key_pem.clone(), PublicKeyFormat::Pem),
        (hex::encode(&group.public_key_der), PublicKeyFormat::SpkiHex),
    ];
    for (text, format) in forms {
        assert_eq!(
            PublicKey::parse(&text).unwrap_or_else(|e| panic!("{format:?}: {e}")),
            (from_der, format)
        );
    }
    if let Some(jwk) = &group.public_key_jwk {
        let parsed =
            PublicKey::parse(&jwk.to_string()).unwrap_or_else(|e| panic!("publicKeyJwk: {e}"));
        assert_eq!(parsed, (from_der, PublicKeyFormat::Jwk));
    }
    from_der
}

fn run(name: &str, shape: SignatureFormat) {
    let file: WycheproofFile<Group> = common::load(&format!("wycheproof/{name}"));
    assert_eq!(file.algorithm, "ECDSA");
    let mut tally = Tally::new(name);
    for group in &file.test_groups {
        let key = group_key(group);
        for case in &group.tests {
            let outcome = match (case.result, sign::verify(&key, &case.msg, &case.sig)) {
                (_, Err(e)) => Err(format!("verify returned an error for a valid key: {e}")),
                (Expected::Valid, Ok(true)) => {
                    // Verification tells the shapes apart; a valid signature of this file
                    // must be read in the file's shape.
                    match sign::parse_signature(&case.sig) {
                        Ok((_, found)) if found == shape => Ok(Passed::Valid),
                        other => Err(format!("verified, but read as {:?}", other.map(|s| s.1))),
                    }
                }
                (Expected::Invalid, Ok(false)) => Ok(Passed::Invalid),
                (Expected::Valid, Ok(false)) => Err("valid signature did not verify".into()),
                (Expected::Invalid, Ok(true)) => Err("invalid signature verified".into()),
                (Expected::Acceptable, Ok(_)) => {
                    Err("no acceptable cases were expected in this file".into())
                }
            };
            tally.record(case.tc_id, outcome);
        }
    }
    tally.finish(file.number_of_tests);
}

#[test]
fn ecdsa_secp256r1_sha256_der() {
    run("ecdsa_secp256r1_sha256_test.json", SignatureFormat::Der);
}

#[test]
fn ecdsa_secp256r1_sha256_p1363() {
    run(
        "ecdsa_secp256r1_sha256_p1363_test.json",
        SignatureFormat::P1363,
    );
}
