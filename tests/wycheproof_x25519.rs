//! X25519 against Project Wycheproof (C2SP/wycheproof `testvectors_v1/x25519_test.json`,
//! commit dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166, Apache-2.0, see
//! `tests/data/wycheproof/LICENSE`), run whole.
//!
//! The file has no `invalid` cases: RFC 7748 makes every 32-byte string a valid input.
//! Our decision on the `acceptable` ones, asserted case by case below:
//! - an all-zero shared secret (flags `ZeroSharedSecret`, `LowOrderPublic`) is rejected
//!   with [`Error::LowOrderPoint`], as RFC 7748 §6.1 allows and RFC 8446 §7.4.2 asks of
//!   TLS: a low-order peer key makes the secret independent of our private key;
//! - every other acceptable case (points on the twist, non-canonical u ≥ p, public keys
//!   with the top bit set, small u...) is accepted and must give exactly Wycheproof's
//!   shared secret: RFC 7748 §5 says to mask the top bit and reduce u modulo p.

mod common;

use common::{Expected, Passed, Tally, WycheproofFile, hex_bytes, same_bytes};
use ecdh_playground::Error;
use ecdh_playground::keys::{Curve, PublicKey, PublicKeyFormat, SecretKey};
use serde::Deserialize;

#[derive(Deserialize)]
struct Group {
    curve: String,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    tc_id: u64,
    flags: Vec<String>,
    #[serde(deserialize_with = "hex_bytes")]
    public: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    private: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    shared: Vec<u8>,
    result: Expected,
}

fn check(case: &Case) -> Result<Passed, String> {
    let zero_shared = case.shared.iter().all(|&b| b == 0);
    // The flag and the bytes must agree, so that the decision below is the documented
    // one and not an accident of the data.
    let flagged_zero = case.flags.iter().any(|f| f == "ZeroSharedSecret");
    if zero_shared != flagged_zero {
        return Err(format!(
            "all-zero shared secret is {zero_shared} but ZeroSharedSecret flag is {flagged_zero}"
        ));
    }
    let secret = SecretKey::from_bytes(Curve::X25519, &case.private)
        .map_err(|e| format!("private key: {e}"))?;
    // Every 32-byte string is an X25519 public key: parsing must always succeed.
    let (public, format) = PublicKey::parse(&hex::encode(&case.public))
        .map_err(|e| format!("public key rejected while parsing: {e}"))?;
    if public.curve() != Curve::X25519 || format != PublicKeyFormat::RawHex {
        return Err(format!("public key read as {public:?} in {format:?}"));
    }
    match (case.result, zero_shared, secret.diffie_hellman(&public)) {
        (Expected::Valid, false, Ok(shared)) => {
            same_bytes("shared secret", shared.as_bytes(), &case.shared)?;
            Ok(Passed::Valid)
        }
        (Expected::Acceptable, false, Ok(shared)) => {
            same_bytes("shared secret", shared.as_bytes(), &case.shared)?;
            Ok(Passed::AcceptableAccepted)
        }
        (Expected::Acceptable, true, Err(Error::LowOrderPoint)) => Ok(Passed::AcceptableRejected),
        (Expected::Invalid, ..) => Err("the file was not expected to hold invalid cases".into()),
        (Expected::Valid, true, _) => Err("a valid case with an all-zero shared secret".into()),
        (_, _, Ok(shared)) => Err(format!(
            "accepted with shared secret {}; expected LowOrderPoint",
            hex::encode(shared.as_bytes())
        )),
        (_, _, Err(e)) => Err(format!(
            "rejected with {e:?}; expected {}",
            hex::encode(&case.shared)
        )),
    }
}

#[test]
fn x25519() {
    let name = "x25519_test.json";
    let file: WycheproofFile<Group> = common::load(&format!("wycheproof/{name}"));
    assert_eq!(file.algorithm, "XDH");
    let mut tally = Tally::new(name);
    for group in &file.test_groups {
        assert_eq!(group.curve, "curve25519");
        for case in &group.tests {
            tally.record(case.tc_id, check(case));
        }
    }
    tally.finish(file.number_of_tests);
}
