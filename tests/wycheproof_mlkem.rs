//! ML-KEM-768 (FIPS 203) against Project Wycheproof (C2SP/wycheproof `testvectors_v1`,
//! commit dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166, Apache-2.0, see
//! `tests/data/wycheproof/LICENSE`): `mlkem_768_keygen_seed_test.json` (key generation
//! from d ‖ z), `mlkem_768_encaps_test.json` (encapsulation with a given m, and the
//! encapsulation key check of §7.2), `mlkem_768_test.json` (key generation from a seed,
//! then decapsulation) and `mlkem_768_semi_expanded_decaps_test.json` (decapsulation
//! with the 2,400-byte expanded key), each run whole.
//!
//! The files have no `acceptable` cases. What each `invalid` case must be refused with,
//! asserted case by case below:
//! - a seed, key or ciphertext of the wrong length ("Private key too short/long",
//!   "Public key is too short/long", "Ciphertext too short/long",
//!   `IncorrectCiphertextLength`, `IncorrectDecapsulationKeyLength`):
//!   [`Error::InvalidLength`] naming the length found, before any arithmetic;
//! - an encapsulation key with a coefficient of t̂ not below q (`ModulusOverflow`,
//!   "Public key not reduced"): [`Error::Malformed`] naming the coefficient that fails
//!   the modulus check of §7.2;
//! - an expanded decapsulation key whose stored H(ek) does not match its ek
//!   (`InvalidDecapsulationKey`: a corrupted hash, and a corrupted ek whose coefficients
//!   are still below q): [`Error::Malformed`] naming the hash check of §7.3.
//!
//! Invalid *ciphertexts* of the right length are not refused: FIPS 203 §6.3 answers them
//! with the implicit-rejection key J(z ‖ c), and Wycheproof marks those cases `valid`
//! with that key as the expected output ("Random ciphertext", "Bit flipped ciphertext",
//! `Strcmp`, `MalleableCiphertext`...). We check that key exactly, and, computing
//! J(z ‖ c) here with SHAKE256 (§4.1), which valid cases took the rejection path: the
//! counts are pinned below, so that a decapsulation that wrongly accepted one of them
//! (or wrongly rejected an honest ciphertext) fails the test even if the key matched.

mod common;

use common::{Expected, Passed, Tally, WycheproofFile, hex_bytes, same_bytes};
use ecdh_playground::Error;
use ecdh_playground::mlkem::{Ciphertext, DecapsulationKey, EncapsulationKey, SHARED_SECRET_LEN};
use serde::Deserialize;
use shake::{ExtendableOutput, Shake256, Update, XofReader};

/// Valid decapsulation cases of `mlkem_768_test.json` whose key is J(z ‖ c): 10 random
/// ciphertexts, 10 with a flipped bit, the `Strcmp` case and "ciphertext secret and error
/// zero".
const TEST_REJECTIONS: usize = 22;
/// The same in `mlkem_768_semi_expanded_decaps_test.json`: the two `MalleableCiphertext`
/// cases, which a re-encryption check comparing only part of c would accept.
const SEMI_EXPANDED_REJECTIONS: usize = 2;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Group<C> {
    #[serde(rename = "type")]
    kind: String,
    parameter_set: String,
    tests: Vec<C>,
}

/// A case of any of the four files: the members a file lacks read as empty.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    tc_id: u64,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default, deserialize_with = "hex_bytes")]
    seed: Vec<u8>,
    #[serde(default, deserialize_with = "hex_bytes")]
    ek: Vec<u8>,
    #[serde(default, deserialize_with = "hex_bytes")]
    dk: Vec<u8>,
    #[serde(default, deserialize_with = "hex_bytes")]
    m: Vec<u8>,
    #[serde(default, deserialize_with = "hex_bytes")]
    c: Vec<u8>,
    #[serde(default, rename = "K", deserialize_with = "hex_bytes")]
    k: Vec<u8>,
    result: Expected,
}

impl Case {
    fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// J(s) = SHAKE256(s, 8·32) of FIPS 203 §4.1: the implicit-rejection key is J(z ‖ c).
fn j(z: &[u8], c: &[u8]) -> [u8; SHARED_SECRET_LEN] {
    let mut h = Shake256::default();
    h.update(z);
    h.update(c);
    let mut out = [0; SHARED_SECRET_LEN];
    h.finalize_xof().read(&mut out);
    out
}

/// Runs every case of `name` through `check` and finishes the tally.
fn run(name: &str, kind: &str, mut check: impl FnMut(&Case) -> Result<Passed, String>) {
    let file: WycheproofFile<Group<Case>> = common::load(&format!("wycheproof/{name}"));
    assert_eq!(file.algorithm, "ML-KEM");
    let mut tally = Tally::new(name);
    for group in &file.test_groups {
        assert_eq!(group.parameter_set, "ML-KEM-768");
        assert_eq!(group.kind, kind);
        for case in &group.tests {
            tally.record(case.tc_id, check(case));
        }
    }
    tally.finish(file.number_of_tests);
}

/// `Ok` when `result` is the length error for `found` bytes.
fn refused_for_length<T: std::fmt::Debug>(
    result: Result<T, Error>,
    found: usize,
) -> Result<Passed, String> {
    match result {
        Err(Error::InvalidLength { found: f, .. }) if f == found => Ok(Passed::Invalid),
        other => Err(format!(
            "expected InvalidLength for {found} bytes, got {other:?}"
        )),
    }
}

/// `Ok` when `result` is a Malformed error whose detail starts with `detail`.
fn refused_as_malformed<T: std::fmt::Debug>(
    result: Result<T, Error>,
    detail: &[&str],
) -> Result<Passed, String> {
    match result {
        Err(Error::Malformed { detail: d, .. }) if detail.iter().any(|p| d.starts_with(p)) => {
            Ok(Passed::Invalid)
        }
        other => Err(format!("expected Malformed ({detail:?}...), got {other:?}")),
    }
}

fn not_expected(case: &Case) -> Result<Passed, String> {
    Err(format!(
        "no decision for a {:?} case ({:?}, flags {:?})",
        case.result, case.comment, case.flags
    ))
}

#[test]
fn keygen_seed() {
    run("mlkem_768_keygen_seed_test.json", "MLKEMKeyGen", |case| {
        if case.result != Expected::Valid {
            return not_expected(case);
        }
        let dk = DecapsulationKey::from_key_seed(&case.seed).map_err(|e| e.to_string())?;
        same_bytes("ek", &dk.encapsulation_key().to_bytes(), &case.ek)?;
        same_bytes("dk", &dk.to_expanded_bytes(), &case.dk)?;
        let seed = dk
            .to_key_seed()
            .ok_or("a key made from a seed has no seed")?;
        same_bytes("seed", seed.as_slice(), &case.seed)?;
        // The expanded key read back is the same key, without its seed.
        let read = DecapsulationKey::from_expanded_bytes(&case.dk).map_err(|e| e.to_string())?;
        same_bytes("dk read back", &read.to_expanded_bytes(), &case.dk)?;
        same_bytes(
            "ek of dk read back",
            &read.encapsulation_key().to_bytes(),
            &case.ek,
        )?;
        if read.to_key_seed().is_some() {
            return Err("an expanded key claims a seed".into());
        }
        Ok(Passed::Valid)
    });
}

#[test]
fn encaps() {
    run("mlkem_768_encaps_test.json", "MLKEMEncapsTest", |case| {
        let m: [u8; 32] = case
            .m
            .as_slice()
            .try_into()
            .map_err(|_| format!("m is {} bytes", case.m.len()))?;
        let ek = EncapsulationKey::from_bytes(&case.ek);
        match case.result {
            Expected::Valid => {
                let ek = ek.map_err(|e| format!("ek refused: {e}"))?;
                let (c, k) = ek.encapsulate_deterministic(&m);
                same_bytes("c", c.as_bytes(), &case.c)?;
                same_bytes("K", k.as_bytes(), &case.k)?;
                Ok(Passed::Valid)
            }
            Expected::Invalid if case.ek.len() != 1184 => refused_for_length(ek, case.ek.len()),
            Expected::Invalid
                if case.has_flag("ModulusOverflow") || case.comment == "Public key not reduced" =>
            {
                refused_as_malformed(ek, &["FIPS 203 §7.2 modulus check failed: coefficient "])
            }
            _ => not_expected(case),
        }
    });
}

#[test]
fn decaps_from_seed() {
    let mut rejections = 0;
    run("mlkem_768_test.json", "MLKEMTest", |case| {
        let dk = DecapsulationKey::from_key_seed(&case.seed);
        if case.result == Expected::Invalid && case.seed.len() != 64 {
            return refused_for_length(dk, case.seed.len());
        }
        let dk = dk.map_err(|e| format!("seed refused: {e}"))?;
        if !case.ek.is_empty() {
            same_bytes("ek", &dk.encapsulation_key().to_bytes(), &case.ek)?;
        }
        let c = Ciphertext::from_bytes(&case.c);
        match case.result {
            Expected::Valid => {
                let k = dk.decapsulate(&c.map_err(|e| format!("c refused: {e}"))?);
                same_bytes("K", k.as_bytes(), &case.k)?;
                let z = case.seed.get(32..).ok_or("short seed")?;
                if j(z, &case.c) == *k.as_bytes() {
                    rejections += 1;
                }
                Ok(Passed::Valid)
            }
            Expected::Invalid if case.c.len() != 1088 => refused_for_length(c, case.c.len()),
            _ => not_expected(case),
        }
    });
    println!("mlkem_768_test.json: {rejections} of the valid cases are implicit rejections");
    assert_eq!(rejections, TEST_REJECTIONS);
}

#[test]
fn decaps_semi_expanded() {
    let mut rejections = 0;
    run(
        "mlkem_768_semi_expanded_decaps_test.json",
        "MLKEMDecapsValidationTest",
        |case| {
            let dk = DecapsulationKey::from_expanded_bytes(&case.dk);
            match case.result {
                Expected::Invalid if case.has_flag("IncorrectDecapsulationKeyLength") => {
                    refused_for_length(dk, case.dk.len())
                }
                Expected::Invalid if case.has_flag("InvalidDecapsulationKey") => {
                    refused_as_malformed(dk, &["FIPS 203 §7.3 hash check failed"])
                }
                Expected::Invalid if case.has_flag("IncorrectCiphertextLength") => {
                    dk.map_err(|e| format!("dk refused: {e}"))?;
                    refused_for_length(Ciphertext::from_bytes(&case.c), case.c.len())
                }
                Expected::Valid => {
                    let dk = dk.map_err(|e| format!("dk refused: {e}"))?;
                    same_bytes("ek", &dk.encapsulation_key().to_bytes(), &case.ek)?;
                    let c = Ciphertext::from_bytes(&case.c).map_err(|e| e.to_string())?;
                    let k = dk.decapsulate(&c);
                    same_bytes("K", k.as_bytes(), &case.k)?;
                    let z = case.dk.get(2368..).ok_or("short dk")?;
                    let rejected = j(z, &case.c) == *k.as_bytes();
                    let flagged = case.has_flag("MalleableCiphertext");
                    if rejected != flagged {
                        return Err(format!(
                            "implicit rejection: {rejected}, MalleableCiphertext flag: {flagged}"
                        ));
                    }
                    rejections += usize::from(rejected);
                    Ok(Passed::Valid)
                }
                _ => not_expected(case),
            }
        },
    );
    println!(
        "mlkem_768_semi_expanded_decaps_test.json: {rejections} of the valid cases are implicit \
         rejections"
    );
    assert_eq!(rejections, SEMI_EXPANDED_REJECTIONS);
}
