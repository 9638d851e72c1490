//! HKDF-SHA256 against Project Wycheproof (C2SP/wycheproof
//! `testvectors_v1/hkdf_sha256_test.json`, commit dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166,
//! Apache-2.0, see `tests/data/wycheproof/LICENSE`), run whole.
//!
//! An empty `salt` is passed as `Some(&[])`. RFC 5869 §2.2 says a salt that is not
//! provided is HashLen zero bytes, and HMAC pads any key shorter than the block with
//! zeros, so an empty salt and no salt give the same PRK: every `EmptySalt` case is
//! also run with `None` to show it. The `invalid` cases ask for more than 255 × 32 =
//! 8160 bytes and must be refused with [`Error::InvalidOutputLength`].

mod common;

use common::{Expected, Passed, Tally, WycheproofFile, hex_bytes, same_bytes};
use ecdh_playground::Error;
use ecdh_playground::kdf::{self, HKDF_MAX_OUTPUT};
use serde::Deserialize;

#[derive(Deserialize)]
struct Group {
    tests: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    tc_id: u64,
    flags: Vec<String>,
    #[serde(deserialize_with = "hex_bytes")]
    ikm: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    salt: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    info: Vec<u8>,
    size: usize,
    #[serde(deserialize_with = "hex_bytes")]
    okm: Vec<u8>,
    result: Expected,
}

fn check(case: &Case) -> Result<Passed, String> {
    let result = kdf::hkdf(&case.ikm, Some(&case.salt), Some(&case.info), case.size);
    match case.result {
        Expected::Valid => {
            let okm = result.map_err(|e| format!("refused: {e}"))?;
            same_bytes("OKM", &okm, &case.okm)?;
            // The same through the two visible steps.
            let prk = kdf::hkdf_extract(Some(&case.salt), &case.ikm);
            let stepwise = kdf::hkdf_expand(prk.as_slice(), Some(&case.info), case.size)
                .map_err(|e| format!("hkdf_expand refused: {e}"))?;
            same_bytes("OKM from extract then expand", &stepwise, &case.okm)?;
            if case.salt.is_empty() {
                let unsalted = kdf::hkdf(&case.ikm, None, Some(&case.info), case.size)
                    .map_err(|e| format!("refused with salt None: {e}"))?;
                same_bytes("OKM with salt None", &unsalted, &case.okm)?;
            }
            if case.flags.iter().any(|f| f == "EmptySalt") != case.salt.is_empty() {
                return Err("EmptySalt flag does not match the salt".into());
            }
            Ok(Passed::Valid)
        }
        Expected::Invalid => {
            let expected = Error::InvalidOutputLength {
                requested: case.size,
                max: HKDF_MAX_OUTPUT,
            };
            match result {
                Err(e) if e == expected => Ok(Passed::Invalid),
                Err(e) => Err(format!("refused with {e:?}, expected {expected:?}")),
                Ok(okm) => Err(format!("produced {} bytes; expected a refusal", okm.len())),
            }
        }
        Expected::Acceptable => Err("no acceptable cases were expected in this file".into()),
    }
}

#[test]
fn hkdf_sha256() {
    let name = "hkdf_sha256_test.json";
    let file: WycheproofFile<Group> = common::load(&format!("wycheproof/{name}"));
    assert_eq!(file.algorithm, "HKDF-SHA-256");
    let mut tally = Tally::new(name);
    for group in &file.test_groups {
        for case in &group.tests {
            tally.record(case.tc_id, check(case));
        }
    }
    tally.finish(file.number_of_tests);
}
