//! AES-GCM against Project Wycheproof (C2SP/wycheproof `testvectors_v1/aes_gcm_test.json`,
//! commit dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166, Apache-2.0, see
//! `tests/data/wycheproof/LICENSE`), every case accounted for.
//!
//! The crate offers AES-256-GCM ([`aead::seal_with_nonce`] / [`aead::open`], envelope
//! `nonce ‖ ciphertext ‖ tag`) and AES-128-GCM ([`aead::aes128_gcm_seal`] /
//! [`aead::aes128_gcm_open`], `ciphertext ‖ tag`), both with 96-bit nonces and 128-bit
//! tags only. So:
//! - 128- and 256-bit keys with 96-bit IVs are run in full: `valid` cases must seal to
//!   exactly `ct ‖ tag` and open to `msg`; `invalid` ones (modified tags) must fail to
//!   open with "message authentication failed".
//! - The `invalid` zero-length IVs with 128- and 256-bit keys are run: the API must
//!   refuse the nonce, which is the right verdict.
//! - Not run, but counted and asserted refused: `valid` cases with IVs other than 96 bits
//!   (GCM hashes such IVs with GHASH to make the counter block; we allow only the
//!   96-bit form, as TLS and WebCrypto use it), where the API must refuse the nonce with
//!   the "AES-GCM nonce" length error; and every case with a 192-bit key, which neither
//!   function takes, where the API must refuse the key.

mod common;

use common::{Expected, Passed, Tally, WycheproofFile, hex_bytes, same_bytes};
use ecdh_playground::{Error, aead};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Group {
    key_size: usize,
    iv_size: usize,
    tag_size: usize,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    tc_id: u64,
    #[serde(deserialize_with = "hex_bytes")]
    key: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    iv: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    aad: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    msg: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    ct: Vec<u8>,
    #[serde(deserialize_with = "hex_bytes")]
    tag: Vec<u8>,
    result: Expected,
}

const NOT_96_BIT_IV: &str = "valid with an IV other than 96 bits (nonce refused)";
const AES_192: &str = "with a 192-bit key (key refused)";

impl Case {
    fn sealed(&self) -> Vec<u8> {
        [self.ct.as_slice(), &self.tag].concat()
    }

    fn envelope(&self) -> Vec<u8> {
        [self.iv.as_slice(), &self.ct, &self.tag].concat()
    }
}

/// A run of the case through the API for its key size, 96-bit IV.
fn check_96(key_size: usize, case: &Case) -> Result<Passed, String> {
    let (sealed, opened) = if key_size == 128 {
        (
            aead::aes128_gcm_seal(&case.key, &case.iv, &case.msg, &case.aad),
            aead::aes128_gcm_open(&case.key, &case.iv, &case.sealed(), &case.aad),
        )
    } else {
        (
            aead::seal_with_nonce(&case.key, &case.iv, &case.msg, Some(&case.aad)),
            aead::open(&case.key, &case.envelope(), Some(&case.aad)),
        )
    };
    let expected_sealed = if key_size == 128 {
        case.sealed()
    } else {
        case.envelope()
    };
    match case.result {
        Expected::Valid => {
            let sealed = sealed.map_err(|e| format!("seal refused: {e}"))?;
            same_bytes("sealed", &sealed, &expected_sealed)?;
            let opened = opened.map_err(|e| format!("open refused: {e}"))?;
            same_bytes("opened", &opened, &case.msg)?;
            if key_size == 256 {
                let (nonce, ct, tag) =
                    aead::split_envelope(&sealed).map_err(|e| format!("split: {e}"))?;
                if (nonce, ct, tag) != (&case.iv[..], &case.ct[..], &case.tag[..]) {
                    return Err("split_envelope did not give iv, ct, tag".into());
                }
            }
            Ok(Passed::Valid)
        }
        Expected::Invalid => match opened {
            Err(Error::AuthenticationFailed) => Ok(Passed::Invalid),
            Err(e) => Err(format!("open refused with {e:?}, not AuthenticationFailed")),
            Ok(m) => Err(format!("opened to {}; expected a failure", hex::encode(m))),
        },
        Expected::Acceptable => Err("no acceptable cases were expected in this file".into()),
    }
}

fn is_nonce_error(e: &Error, len: usize) -> bool {
    matches!(e, Error::InvalidLength { what: "AES-GCM nonce", found, .. } if *found == len)
}

/// A case with a 128- or 256-bit key and an IV that is not 96 bits: the API must refuse
/// the nonce, and must not open the message.
fn check_other_iv(key_size: usize, case: &Case) -> Result<Passed, String> {
    let len = case.iv.len();
    let (sealed, opened) = if key_size == 128 {
        (
            aead::aes128_gcm_seal(&case.key, &case.iv, &case.msg, &case.aad),
            aead::aes128_gcm_open(&case.key, &case.iv, &case.sealed(), &case.aad),
        )
    } else {
        (
            aead::seal_with_nonce(&case.key, &case.iv, &case.msg, Some(&case.aad)),
            aead::open(&case.key, &case.envelope(), Some(&case.aad)),
        )
    };
    match sealed {
        Err(e) if is_nonce_error(&e, len) => {}
        other => {
            return Err(format!(
                "a {}-bit IV: expected seal to refuse the nonce, got {:?}",
                len * 8,
                other.map(hex::encode)
            ));
        }
    }
    match opened {
        Err(e) if is_nonce_error(&e, len) => {}
        // The envelope has no room for another nonce length: open reads its first 12
        // bytes as the nonce, so all it can do (and must do) is fail.
        Err(Error::AuthenticationFailed | Error::InvalidLength { .. }) if key_size == 256 => {}
        other => {
            return Err(format!(
                "a {}-bit IV: expected open to fail, got {:?}",
                len * 8,
                other.map(hex::encode)
            ));
        }
    }
    match case.result {
        Expected::Invalid => Ok(Passed::Invalid),
        Expected::Valid => Ok(Passed::NotRun(NOT_96_BIT_IV)),
        Expected::Acceptable => Err("no acceptable cases were expected in this file".into()),
    }
}

/// A 192-bit key: neither function may take it.
fn check_aes192(case: &Case) -> Result<Passed, String> {
    let refused = |r: Result<Vec<u8>, Error>, what: &str| match r {
        Err(Error::InvalidLength {
            what: w, found: 24, ..
        }) if w == what => Ok(()),
        other => Err(format!(
            "{what}: expected the 24-byte key to be refused, got {other:?}"
        )),
    };
    refused(
        aead::seal_with_nonce(&case.key, &case.iv, &case.msg, Some(&case.aad)),
        "AES-256 key",
    )?;
    refused(
        aead::open(&case.key, &case.envelope(), Some(&case.aad)),
        "AES-256 key",
    )?;
    refused(
        aead::aes128_gcm_seal(&case.key, &case.iv, &case.msg, &case.aad),
        "AES-128 key",
    )?;
    refused(
        aead::aes128_gcm_open(&case.key, &case.iv, &case.sealed(), &case.aad),
        "AES-128 key",
    )?;
    Ok(Passed::NotRun(AES_192))
}

#[test]
fn aes_gcm() {
    let name = "aes_gcm_test.json";
    let file: WycheproofFile<Group> = common::load(&format!("wycheproof/{name}"));
    assert_eq!(file.algorithm, "AES-GCM");
    let mut tally = Tally::new(name);
    for group in &file.test_groups {
        assert_eq!(
            group.tag_size, 128,
            "every group of this file has 128-bit tags"
        );
        for case in &group.tests {
            assert_eq!(case.key.len() * 8, group.key_size, "tcId {}", case.tc_id);
            assert_eq!(case.iv.len() * 8, group.iv_size, "tcId {}", case.tc_id);
            let outcome = match (group.key_size, group.iv_size) {
                (128 | 256, 96) => check_96(group.key_size, case),
                (128 | 256, _) => check_other_iv(group.key_size, case),
                (192, _) => check_aes192(case),
                (bits, _) => Err(format!("unexpected key size {bits}")),
            };
            tally.record(case.tc_id, outcome);
        }
    }
    tally.finish(file.number_of_tests);
}
