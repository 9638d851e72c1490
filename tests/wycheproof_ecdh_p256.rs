//! ECDH P-256 against Project Wycheproof (C2SP/wycheproof `testvectors_v1`, commit
//! dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166, Apache-2.0, see `tests/data/wycheproof/LICENSE`):
//! `ecdh_secp256r1_test.json` (peer keys as DER SubjectPublicKeyInfo),
//! `ecdh_secp256r1_ecpoint_test.json` (SEC1 points) and
//! `ecdh_secp256r1_webcrypto_test.json` (JWK), each run whole.
//!
//! Decisions on the `acceptable` cases, asserted case by case below:
//! - `CompressedPublic`: accepted. A compressed point is a valid SEC1 encoding and we
//!   read it in every format that can carry one; the shared secret must match.
//! - `UnnamedCurve` (explicit curve parameters in the SPKI, marked `UnusedParam`):
//!   rejected with [`Error::UnsupportedKey`]. Only the named curve is read, so a peer
//!   cannot smuggle in a curve of its own.
//! - `InvalidAsn`: rejected while parsing the key. The DER reader is strict, so
//!   non-DER (BER) lengths, trailing data and changed tags or OIDs never reach ECDH.

mod common;

use common::{Expected, Passed, Tally, WycheproofFile, hex_bytes, same_bytes};
use ecdh_playground::keys::{Curve, KeyPair, PublicKey, PublicKeyFormat, SecretKey, der};
use ecdh_playground::{Error, SharedSecret};
use serde::Deserialize;

#[derive(Deserialize)]
struct Group<C> {
    curve: String,
    tests: Vec<C>,
}

/// A case of the `asn` and `ecpoint` files: public key bytes, private key integer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BytesCase {
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

/// A case of the `webcrypto` file: both keys as JWK objects.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JwkCase {
    tc_id: u64,
    flags: Vec<String>,
    public: serde_json::Value,
    private: serde_json::Value,
    #[serde(deserialize_with = "hex_bytes")]
    shared: Vec<u8>,
    result: Expected,
}

fn has(flags: &[String], flag: &str) -> bool {
    flags.iter().any(|f| f == flag)
}

/// Wycheproof writes the private key as a big-endian integer: sometimes with a leading
/// 00 byte (so that it reads as positive in ASN.1), sometimes shorter than 32 bytes.
/// The crate takes exactly 32 bytes, so strip leading zeros and left-pad.
fn private_scalar(integer: &[u8]) -> Result<[u8; 32], String> {
    let first = integer
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(integer.len());
    let digits = &integer[first..];
    if digits.len() > 32 {
        return Err(format!("private key of {} bytes", digits.len()));
    }
    let mut scalar = [0u8; 32];
    scalar[32 - digits.len()..].copy_from_slice(digits);
    Ok(scalar)
}

/// Is `e` what we expect for a case with these flags that is rejected? Every rejection
/// in these files is of the peer's public key, so it must come from parsing that key,
/// and it must name the right problem.
fn expected_rejection(flags: &[String], e: &Error) -> bool {
    let off_curve = has(flags, "InvalidCurveAttack")
        || has(flags, "ModifiedPublicPoint")
        || has(flags, "InvalidCompressedPublic")
        // x-coordinates of low-order points on the quadratic twist: no P-256 point has
        // them, so decompression fails.
        || (has(flags, "WrongCurve") && has(flags, "CompressedPoint"));
    if off_curve {
        return *e == Error::PointNotOnCurve;
    }
    if has(flags, "WrongCurve") || has(flags, "ModifiedGroup") || has(flags, "UnnamedCurve") {
        return matches!(e, Error::UnsupportedKey { .. });
    }
    if has(flags, "InvalidEncoding") {
        return matches!(e, Error::Malformed { .. } | Error::InvalidLength { .. });
    }
    if has(flags, "InvalidAsn") {
        return matches!(
            e,
            Error::Malformed { .. }
                | Error::InvalidLength { .. }
                | Error::UnsupportedKey { .. }
                | Error::PointNotOnCurve
        );
    }
    false
}

/// Whether an `acceptable` case with these flags is accepted (see the file docs).
fn accept_acceptable(flags: &[String]) -> Result<bool, String> {
    if has(flags, "CompressedPublic") {
        Ok(true)
    } else if has(flags, "UnnamedCurve") || has(flags, "InvalidAsn") {
        Ok(false)
    } else {
        Err(format!("acceptable case with undecided flags {flags:?}"))
    }
}

/// Judges one case from the result of parsing the peer's key and running ECDH.
fn judge(
    flags: &[String],
    result: Expected,
    shared: &[u8],
    parsed: Result<PublicKey, Error>,
    dh: impl FnOnce(&PublicKey) -> Result<SharedSecret, Error>,
) -> Result<Passed, String> {
    let accept = match result {
        Expected::Valid => true,
        Expected::Invalid => false,
        Expected::Acceptable => accept_acceptable(flags)?,
    };
    let key = match parsed {
        Ok(key) => key,
        Err(e) if !accept && expected_rejection(flags, &e) => {
            return Ok(if result == Expected::Invalid {
                Passed::Invalid
            } else {
                Passed::AcceptableRejected
            });
        }
        Err(e) if !accept => {
            return Err(format!(
                "public key refused with {e:?}, not the expected error"
            ));
        }
        Err(e) => return Err(format!("public key refused: {e:?} ({e})")),
    };
    match (accept, dh(&key)) {
        (true, Ok(secret)) => {
            same_bytes("shared secret", secret.as_bytes(), shared)?;
            Ok(if result == Expected::Valid {
                Passed::Valid
            } else {
                Passed::AcceptableAccepted
            })
        }
        (true, Err(e)) => Err(format!("ECDH failed: {e:?} ({e})")),
        (false, Ok(secret)) => Err(format!(
            "accepted, shared secret {}; expected a rejection",
            hex::encode(secret.as_bytes())
        )),
        // Every bad key in these files must be refused when it is read, before ECDH.
        (false, Err(e)) => Err(format!("public key read, then ECDH failed with {e:?}")),
    }
}

fn p256_secret(case_private: &[u8]) -> Result<SecretKey, String> {
    let scalar = private_scalar(case_private)?;
    SecretKey::from_bytes(Curve::P256, &scalar).map_err(|e| format!("private key: {e}"))
}

#[test]
fn ecdh_secp256r1_spki() {
    let name = "ecdh_secp256r1_test.json";
    let file: WycheproofFile<Group<BytesCase>> = common::load(&format!("wycheproof/{name}"));
    assert_eq!(file.algorithm, "ECDH");
    let mut tally = Tally::new(name);
    for group in &file.test_groups {
        assert_eq!(group.curve, "secp256r1");
        for case in &group.tests {
            let outcome = p256_secret(&case.private).and_then(|secret| {
                let parsed = der::public_key_from_spki(&case.public);
                // The paste path must agree with the DER reader on every valid key.
                if let Ok(key) = &parsed {
                    let pasted = PublicKey::parse(&hex::encode(&case.public))
                        .map_err(|e| format!("PublicKey::parse of the SPKI hex: {e}"))?;
                    if pasted != (*key, PublicKeyFormat::SpkiHex) {
                        return Err(format!("PublicKey::parse gave {pasted:?}"));
                    }
                }
                judge(&case.flags, case.result, &case.shared, parsed, |key| {
                    secret.diffie_hellman(key)
                })
            });
            tally.record(case.tc_id, outcome);
        }
    }
    tally.finish(file.number_of_tests);
}

#[test]
fn ecdh_secp256r1_ecpoint() {
    let name = "ecdh_secp256r1_ecpoint_test.json";
    let file: WycheproofFile<Group<BytesCase>> = common::load(&format!("wycheproof/{name}"));
    assert_eq!(file.algorithm, "ECDH");
    let mut tally = Tally::new(name);
    for group in &file.test_groups {
        assert_eq!(group.curve, "secp256r1");
        for case in &group.tests {
            let outcome = p256_secret(&case.private).and_then(|secret| {
                // The point as a student pastes it: hex of the SEC1 bytes.
                let parsed = PublicKey::parse(&hex::encode(&case.public)).map(|(key, format)| {
                    let expected = if case.public.len() == 33 {
                        PublicKeyFormat::CompressedHex
                    } else {
                        PublicKeyFormat::RawHex
                    };
                    (key, format == expected)
                });
                if let Ok((_, false)) = parsed {
                    return Err("point read in the wrong format".to_owned());
                }
                judge(
                    &case.flags,
                    case.result,
                    &case.shared,
                    parsed.map(|(key, _)| key),
                    |key| secret.diffie_hellman(key),
                )
            });
            tally.record(case.tc_id, outcome);
        }
    }
    tally.finish(file.number_of_tests);
}

#[test]
fn ecdh_secp256r1_webcrypto() {
    let name = "ecdh_secp256r1_webcrypto_test.json";
    let file: WycheproofFile<Group<JwkCase>> = common::load(&format!("wycheproof/{name}"));
    assert_eq!(file.algorithm, "ECDH");
    let mut tally = Tally::new(name);
    for group in &file.test_groups {
        assert_eq!(group.curve, "P-256");
        for case in &group.tests {
            // The JWK text as WebCrypto's exportKey("jwk") would hand it over, with the
            // extra "kid" member, which must be ignored.
            let private_jwk = case.private.to_string();
            let public_jwk = case.public.to_string();
            let outcome = KeyPair::import_private_key(&private_jwk, Some(Curve::P256))
                .map_err(|e| format!("private JWK: {e}"))
                .and_then(|pair| {
                    let parsed = PublicKey::parse(&public_jwk).map(|(key, format)| {
                        assert_eq!(format, PublicKeyFormat::Jwk, "tcId {}", case.tc_id);
                        key
                    });
                    judge(&case.flags, case.result, &case.shared, parsed, |key| {
                        let secret = pair.diffie_hellman(key)?;
                        // The one-call paste path must give the same bytes.
                        let again = pair.shared_secret_with(&public_jwk)?;
                        assert_eq!(again.as_bytes(), secret.as_bytes(), "tcId {}", case.tc_id);
                        Ok(secret)
                    })
                });
            tally.record(case.tc_id, outcome);
        }
    }
    tally.finish(file.number_of_tests);
}
