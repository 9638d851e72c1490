//! Property tests for every import and parse function: arbitrary text and bytes, and
//! valid keys, signatures and envelopes with bytes flipped, inserted, deleted or cut off,
//! must give an error or a valid value and never panic (a panic in wasm kills the page);
//! whatever is accepted must re-encode and re-read as the same value.
//!
//! Each of the 11 properties runs `CASES` = 4096 cases (45,056 in all, about 15 s of CPU
//! in a debug build); set `PROPTEST_CASES` to run more, e.g.
//! `PROPTEST_CASES=100000 cargo test --release --test proptest_parse`.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers, not only #[test] functions: a panic is a failed test"
)]

use std::sync::LazyLock;

use ecdh_playground::aead;
use ecdh_playground::keys::{PRIVATE_KEY_WARNING, der, jwk, text};
use ecdh_playground::sign::{self, SignatureFormat, SigningKey};
use ecdh_playground::{
    Curve, Error, KeyPair, PrivateKeyFormat, PublicKey, PublicKeyFormat, SecretKey,
    inspect_public_key,
};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::FileFailurePersistence;

/// Cases per property.
const CASES: u32 = 4096;

fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // Failures are saved beside this file (tests/proptest_parse.proptest-regressions)
        // and replayed first; the default location needs a src/lib.rs next to the test.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------
// Valid inputs to start from

const OPENSSL_P256_SEC1: &str = "-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIEFwb+ITLtoNwjIhCx3Igs1fIiXNXWh1Emqtdl9vTy7roAoGCCqGSM49
AwEHoUQDQgAE6k69gA9cUu7LzvWxad3jVpBosC22R9n3jvvCv0Kad4UAjQc0QJ8L
suwshMbmS3k0nvdmF/vBkfjUR9W/wKj4aw==
-----END EC PRIVATE KEY-----
";
const P384_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAESKNOhcW3xRobeiM9QnU8eftU/WtGHgno
QSeQu2jA0vuHEscnPgHlAJvTKvJMPhDkrnWc4c2bKhSLXCE9GrbYHhCkF0wtumRM
l2Z6b7uS1h53kny1ez2rsajgmCKl4djp
-----END PUBLIC KEY-----
";
const P384_SEC1: &str = "-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDCTFtFT/mujQgzCkBVyr6CH+m+MPGx3UgdV5snrh/Sk5t0RMR/Wlg6r
bBZa0PFQ+SCgBwYFK4EEACKhZANiAARIo06FxbfFGht6Iz1CdTx5+1T9a0YeCehB
J5C7aMDS+4cSxyc+AeUAm9Mq8kw+EOSudZzhzZsqFItcIT0attgeEKQXTC26ZEyX
Znpvu5LWHneSfLV7PauxqOCYIqXh2Ok=
-----END EC PRIVATE KEY-----
";
const ED25519_PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIL+LTnAbslvqj4gCe+n+Cw8nJ6RLPINisDBrZMEkY90N
-----END PRIVATE KEY-----
";

const AEAD_KEY: [u8; 32] = [0x24; 32];
const AEAD_AAD: &[u8] = b"header";
const PLAINTEXT: &[u8] = b"attack at dawn";
const SIGNED: &[u8] = b"signed message";

/// Valid encodings of a few seeded keys, built once.
struct Corpus {
    public_texts: Vec<String>,
    private_texts: Vec<String>,
    spki: Vec<Vec<u8>>,
    private_der: Vec<Vec<u8>>,
    signatures: Vec<Vec<u8>>,
    envelopes: Vec<Vec<u8>>,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let mut corpus = Corpus {
        public_texts: Vec::new(),
        private_texts: Vec::new(),
        spki: Vec::new(),
        private_der: Vec::new(),
        signatures: Vec::new(),
        envelopes: Vec::new(),
    };
    for curve in Curve::ALL {
        for label in ["alice", "bob"] {
            let pair = KeyPair::from_seed(curve, b"proptest", label);
            let public = pair.public_key();
            for format in [
                PublicKeyFormat::Pem,
                PublicKeyFormat::SpkiHex,
                PublicKeyFormat::SpkiBase64,
                PublicKeyFormat::RawHex,
                PublicKeyFormat::RawBase64,
                PublicKeyFormat::CompressedHex,
                PublicKeyFormat::CompressedBase64,
                PublicKeyFormat::Jwk,
            ] {
                if let Ok(text) = public.encode(format) {
                    corpus.public_texts.push(text);
                }
            }
            corpus
                .public_texts
                .push(public.to_pem().replace('\n', "\r\n"));
            corpus.public_texts.push(public.to_pem().replace('\n', ""));
            corpus.spki.push(public.to_spki_der());
            for format in [
                PrivateKeyFormat::Pem,
                PrivateKeyFormat::Pkcs8Hex,
                PrivateKeyFormat::RawHex,
                PrivateKeyFormat::Jwk,
            ] {
                corpus
                    .private_texts
                    .push(pair.reveal_private_key(format).as_str().to_owned());
            }
            let pkcs8 =
                hex::decode(pair.reveal_private_key(PrivateKeyFormat::Pkcs8Hex).as_str()).unwrap();
            corpus.private_texts.push(text::to_base64(&pkcs8));
            corpus.private_der.push(pkcs8);
        }
    }
    for pem in [OPENSSL_P256_SEC1, P384_SEC1, ED25519_PKCS8] {
        corpus.private_texts.push(pem.to_owned());
        corpus
            .private_der
            .push(text::parse_pem(pem).unwrap().der.clone());
    }
    corpus.public_texts.push(P384_PUBLIC.to_owned());
    corpus
        .spki
        .push(text::parse_pem(P384_PUBLIC).unwrap().der.clone());
    let signer = SigningKey::from_seed(b"proptest", "signer").unwrap();
    corpus.signatures.push(signer.sign(SIGNED));
    corpus.signatures.push(signer.sign_p1363(SIGNED).to_vec());
    for nonce in [[0u8; 12], [0xa5; 12]] {
        corpus
            .envelopes
            .push(aead::seal_with_nonce(&AEAD_KEY, &nonce, PLAINTEXT, Some(AEAD_AAD)).unwrap());
    }
    corpus
});

static SIGNER_PUBLIC: LazyLock<PublicKey> = LazyLock::new(|| {
    SigningKey::from_seed(b"proptest", "signer")
        .unwrap()
        .public_key()
});

static P256_PAIR: LazyLock<KeyPair> =
    LazyLock::new(|| KeyPair::from_seed(Curve::P256, b"proptest", "carol"));

// ---------------------------------------------------------------------------------
// Mutations

#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: Index, mask: u8 },
    Set { at: Index, byte: u8 },
    Insert { at: Index, byte: u8 },
    Delete { at: Index, len: usize },
    Duplicate { at: Index, len: usize },
    Truncate { at: Index },
}

/// Bytes that mean something to the parsers: PEM dashes, line breaks, hex and base64
/// characters, JSON punctuation, DER tags and lengths.
const INTERESTING: &[u8] = b"-\n\r \t=:{}\",0aAfFxX+/_\x00\x02\x03\x04\x30\x7f\x80\xff";

fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![any::<u8>(), select(INTERESTING)]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 1..=u8::MAX).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        (any::<Index>(), byte()).prop_map(|(at, byte)| Mutation::Set { at, byte }),
        (any::<Index>(), byte()).prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        (any::<Index>(), 1..16usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<Index>(), 1..16usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        any::<Index>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let n = bytes.len();
    match *mutation {
        Mutation::Flip { ref at, mask } if n > 0 => bytes[at.index(n)] ^= mask,
        Mutation::Set { ref at, byte } if n > 0 => bytes[at.index(n)] = byte,
        Mutation::Insert { ref at, byte } => bytes.insert(at.index(n + 1), byte),
        Mutation::Delete { ref at, len } if n > 0 => {
            let start = at.index(n);
            bytes.drain(start..(start + len).min(n));
        }
        Mutation::Duplicate { ref at, len } if n > 0 => {
            let start = at.index(n);
            let copy = bytes[start..(start + len).min(n)].to_vec();
            bytes.splice(start..start, copy);
        }
        Mutation::Truncate { ref at } => bytes.truncate(at.index(n + 1)),
        _ => {}
    }
}

/// A valid value from `corpus` with one mutation applied, or sometimes two to four: one
/// keeps a fair share of the inputs valid, so that the round trips are exercised too.
fn mutated_bytes(corpus: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let mutations = prop_oneof![
        3 => prop::collection::vec(mutation(), 1..=1),
        1 => prop::collection::vec(mutation(), 2..=4),
    ];
    (select(corpus), mutations).prop_map(|(mut bytes, ms)| {
        for m in &ms {
            apply(&mut bytes, m);
        }
        bytes
    })
}

fn mutated_text(corpus: Vec<String>) -> impl Strategy<Value = String> {
    mutated_bytes(corpus.into_iter().map(String::into_bytes).collect())
        .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

// ---------------------------------------------------------------------------------
// Arbitrary input shaped like what the parsers look for

fn jwk_shaped() -> impl Strategy<Value = String> {
    let member = || {
        prop::option::of(prop_oneof![
            prop::collection::vec(any::<u8>(), 0..40).prop_map(|b| text::to_base64url(&b)),
            prop::collection::vec(any::<u8>(), 31..=33).prop_map(|b| text::to_base64url(&b)),
            "[A-Za-z0-9+/=_!-]{0,50}",
        ])
    };
    (
        prop::option::of(select(vec!["EC", "OKP", "RSA", "oct", ""])),
        prop::option::of(select(vec![
            "P-256",
            "X25519",
            "P-384",
            "Ed25519",
            "secp256k1",
            "",
        ])),
        member(),
        member(),
        member(),
    )
        .prop_map(|(kty, crv, x, y, d)| {
            let mut jwk = serde_json::Map::new();
            for (name, value) in [("kty", kty), ("crv", crv)] {
                if let Some(value) = value {
                    jwk.insert(name.into(), value.into());
                }
            }
            for (name, value) in [("x", x), ("y", y), ("d", d)] {
                if let Some(value) = value {
                    jwk.insert(name.into(), value.into());
                }
            }
            serde_json::Value::Object(jwk).to_string()
        })
}

fn pem_shaped() -> impl Strategy<Value = String> {
    (
        select(vec![
            "PUBLIC KEY",
            "PRIVATE KEY",
            "EC PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY",
            "CERTIFICATE",
            "",
        ]),
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..120).prop_map(|b| text::to_base64(&b)),
            prop::collection::vec(any::<u8>(), 0..120).prop_map(|mut b| {
                b.insert(0, 0x30);
                text::to_base64(&b)
            }),
            "[A-Za-z0-9+/=\n -]{0,160}",
        ],
        0..4u8,
    )
        .prop_map(|(label, body, ending)| match ending {
            0 => format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"),
            1 => format!("-----BEGIN {label}-----{body}"),
            2 => format!("-----BEGIN {label}-----\n{body}\n-----END OTHER-----"),
            _ => format!("-----BEGIN {label}\n{body}"),
        })
}

/// Byte strings the key parsers tell apart by length and first byte.
fn key_shaped_bytes() -> impl Strategy<Value = Vec<u8>> {
    (
        select(vec![0x00u8, 0x02, 0x03, 0x04, 0x06, 0x30, 0x11]),
        select(vec![0usize, 31, 32, 33, 43, 44, 64, 65, 90, 91, 137]),
        any::<u64>(),
    )
        .prop_map(|(first, len, seed)| {
            let mut state = seed;
            let mut bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    (state >> 56) as u8
                })
                .collect();
            if let Some(b) = bytes.first_mut() {
                *b = first;
            }
            bytes
        })
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,80}",
        "[0-9a-fA-F:xX \n]{0,200}",
        "[A-Za-z0-9+/=_ \n-]{0,200}",
        pem_shaped(),
        jwk_shaped(),
        key_shaped_bytes().prop_map(hex::encode),
        key_shaped_bytes().prop_map(|b| text::to_base64(&b)),
    ]
}

fn any_curve() -> impl Strategy<Value = Option<Curve>> {
    select(vec![None, Some(Curve::P256), Some(Curve::X25519)])
}

// ---------------------------------------------------------------------------------
// What must hold for whatever a parser returns

/// A public key read from `input` re-encodes and re-reads as itself, and the inspector
/// and the ECDH entry point agree with the parser.
fn check_public(input: &str) -> Result<(), TestCaseError> {
    let parsed = PublicKey::parse(input);
    let inspected = inspect_public_key(input);
    let shared = P256_PAIR.shared_secret_with(input);
    let verified = sign::verify_with(input, SIGNED, &CORPUS.signatures[0]);
    match parsed {
        Ok((key, format)) => {
            let again = key.encode(format).unwrap();
            prop_assert_eq!(PublicKey::parse(&again), Ok((key, format)), "{}", again);
            prop_assert_eq!(
                PublicKey::parse(&key.to_pem()),
                Ok((key, PublicKeyFormat::Pem))
            );
            prop_assert_eq!(der::public_key_from_spki(&key.to_spki_der()), Ok(key));
            let inspection = inspected.unwrap();
            prop_assert_eq!(inspection.format, format.name());
            prop_assert_eq!(inspection.fingerprint, key.fingerprint());
            prop_assert_eq!(inspection.curve, key.curve().name());
            let not_p256 = Error::WrongCurve {
                expected: Curve::P256,
                found: Curve::X25519,
            };
            match key.curve() {
                Curve::P256 => {
                    prop_assert!(shared.is_ok());
                    prop_assert_eq!(verified, Ok(key == *SIGNER_PUBLIC));
                }
                Curve::X25519 => {
                    prop_assert_eq!(shared.unwrap_err(), not_p256.clone());
                    prop_assert_eq!(verified.unwrap_err(), not_p256);
                }
            }
        }
        Err(e) => {
            prop_assert!(!e.to_string().is_empty());
            match inspected {
                // The inspector reads a private key that the parser refuses, and warns.
                Ok(inspection) => {
                    let private_refused = matches!(
                        e,
                        Error::WrongKeyKind {
                            expected: "public key",
                            ..
                        }
                    );
                    prop_assert!(private_refused, "{}", e);
                    prop_assert!(inspection.contains_private_key);
                    prop_assert_eq!(&inspection.warnings[0], PRIVATE_KEY_WARNING);
                }
                Err(inspect_error) => prop_assert_eq!(inspect_error, e.clone()),
            }
            prop_assert_eq!(shared.unwrap_err(), e.clone());
            prop_assert_eq!(verified.unwrap_err(), e);
        }
    }
    Ok(())
}

fn same_secret(a: &SecretKey, b: &SecretKey) -> bool {
    a.curve() == b.curve() && a.to_bytes() == b.to_bytes()
}

/// A private key re-encodes as PKCS#8 (PEM and DER) and raw, and re-reads as itself.
fn check_secret_round_trip(key: &SecretKey) -> Result<(), TestCaseError> {
    let curve = key.curve();
    for format in [PrivateKeyFormat::Pem, PrivateKeyFormat::RawHex] {
        let text = key.reveal(format);
        let again = SecretKey::parse(&text, Some(curve)).unwrap();
        prop_assert!(same_secret(key, &again), "{:?}", format);
    }
    let again = der::secret_key_from_pkcs8(&der::secret_key_to_pkcs8(key)).unwrap();
    prop_assert!(same_secret(key, &again));
    Ok(())
}

fn check_secret(input: &str, curve: Option<Curve>) -> Result<(), TestCaseError> {
    match SecretKey::parse(input, curve) {
        Ok(key) => {
            if let Some(curve) = curve {
                prop_assert_eq!(key.curve(), curve);
            }
            check_secret_round_trip(&key)?;
        }
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

fn check_text_functions(input: &str) -> Result<(), TestCaseError> {
    if let Ok(bytes) = text::from_hex(input) {
        prop_assert_eq!(text::from_hex(&text::to_hex(&bytes)).unwrap(), bytes);
    }
    if let Ok(bytes) = text::from_base64(input) {
        // Empty output would have no text to round trip through.
        if !bytes.is_empty() {
            prop_assert_eq!(text::from_base64(&text::to_base64(&bytes)).unwrap(), bytes);
        }
    }
    if let Ok(pem) = text::parse_pem(input) {
        let again = text::parse_pem(&text::to_pem(&pem.label, &pem.der)).unwrap();
        prop_assert_eq!(&again.label, &pem.label);
        prop_assert_eq!(&again.der, &pem.der);
    }
    Ok(())
}

fn check_der_functions(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(key) = der::public_key_from_spki(bytes) {
        prop_assert_eq!(der::public_key_from_spki(&key.to_spki_der()), Ok(key));
    }
    let private = [
        der::secret_key_from_pkcs8(bytes),
        der::secret_key_from_sec1(bytes),
    ];
    for key in private.iter().flatten() {
        check_secret_round_trip(key)?;
    }
    Ok(())
}

fn check_signature(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok((signature, format)) = sign::parse_signature(bytes) {
        let again = match format {
            SignatureFormat::Der => signature.to_der().as_bytes().to_vec(),
            SignatureFormat::P1363 => signature.to_bytes().to_vec(),
        };
        prop_assert_eq!(sign::parse_signature(&again).unwrap(), (signature, format));
    }
    Ok(())
}

fn short_envelope(found: usize) -> Error {
    Error::InvalidLength {
        what: "AES-GCM envelope (nonce ‖ ciphertext ‖ tag)",
        expected: "at least 28 bytes",
        found,
    }
}

// ---------------------------------------------------------------------------------
// The properties

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn public_key_parse_arbitrary_text(input in arbitrary_text()) {
        check_public(&input)?;
    }

    #[test]
    fn public_key_parse_mutated_keys(
        input in mutated_text(CORPUS.public_texts.clone()),
    ) {
        check_public(&input)?;
    }

    #[test]
    fn secret_key_parse_arbitrary_text(input in arbitrary_text(), curve in any_curve()) {
        check_secret(&input, curve)?;
    }

    #[test]
    fn secret_key_parse_mutated_keys(
        input in mutated_text(CORPUS.private_texts.clone()),
        curve in any_curve(),
    ) {
        check_secret(&input, curve)?;
        // A mangled private key pasted where a public key goes is never accepted as
        // anything but a key.
        check_public(&input)?;
    }

    #[test]
    fn jwk_parse_arbitrary_and_mutated(
        input in prop_oneof![
            jwk_shaped(),
            mutated_text(
                CORPUS
                    .public_texts
                    .iter()
                    .chain(&CORPUS.private_texts)
                    .filter(|t| t.starts_with('{'))
                    .cloned()
                    .collect(),
            ),
        ],
    ) {
        if let Ok(parsed) = jwk::parse(&input) {
            let public = jwk::parse(&parsed.public.to_jwk()).unwrap();
            prop_assert_eq!(public.public, parsed.public);
            prop_assert!(public.secret.is_none());
            if let Some(secret) = &parsed.secret {
                prop_assert_eq!(secret.public_key(), parsed.public);
                check_secret_round_trip(secret)?;
            }
        }
    }

    #[test]
    fn text_functions_arbitrary_and_mutated(
        input in prop_oneof![
            arbitrary_text(),
            mutated_text(
                CORPUS.public_texts.iter().chain(&CORPUS.private_texts).cloned().collect(),
            ),
        ],
    ) {
        check_text_functions(&input)?;
    }

    #[test]
    fn der_functions_arbitrary_and_mutated(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..160),
            key_shaped_bytes(),
            mutated_bytes(CORPUS.spki.iter().chain(&CORPUS.private_der).cloned().collect()),
        ],
    ) {
        check_der_functions(&bytes)?;
    }

    #[test]
    fn signatures_arbitrary(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..80),
            prop::collection::vec(any::<u8>(), 64..=64),
            prop::collection::vec(any::<u8>(), 0..72).prop_map(|mut b| {
                b.insert(0, 0x30);
                b
            }),
        ],
        key in arbitrary_text(),
    ) {
        check_signature(&bytes)?;
        prop_assert_eq!(sign::verify(&SIGNER_PUBLIC, SIGNED, &bytes), Ok(false));
        match PublicKey::parse(&key) {
            Ok((public, _)) => prop_assert_eq!(
                sign::verify_with(&key, SIGNED, &bytes),
                sign::verify(&public, SIGNED, &bytes)
            ),
            Err(e) => prop_assert_eq!(sign::verify_with(&key, SIGNED, &bytes), Err(e)),
        }
    }

    #[test]
    fn signatures_mutated(bytes in mutated_bytes(CORPUS.signatures.clone())) {
        check_signature(&bytes)?;
        let genuine = CORPUS.signatures.contains(&bytes);
        prop_assert_eq!(sign::verify(&SIGNER_PUBLIC, SIGNED, &bytes), Ok(genuine));
    }

    #[test]
    fn aead_open_arbitrary(
        key in prop_oneof![
            prop::collection::vec(any::<u8>(), 32..=32),
            prop::collection::vec(any::<u8>(), 0..48),
        ],
        envelope in prop::collection::vec(any::<u8>(), 0..80),
        aad in prop::option::of(prop::collection::vec(any::<u8>(), 0..16)),
    ) {
        let opened = aead::open(&key, &envelope, aad.as_deref());
        if key.len() != 32 {
            prop_assert_eq!(
                opened,
                Err(Error::InvalidLength {
                    what: "AES-256 key",
                    expected: "32 bytes",
                    found: key.len()
                })
            );
        } else if envelope.len() < 28 {
            prop_assert_eq!(opened, Err(short_envelope(envelope.len())));
        } else {
            prop_assert_eq!(opened, Err(Error::AuthenticationFailed));
        }
    }

    #[test]
    fn aead_open_mutated(envelope in mutated_bytes(CORPUS.envelopes.clone())) {
        let opened = aead::open(&AEAD_KEY, &envelope, Some(AEAD_AAD));
        if CORPUS.envelopes.contains(&envelope) {
            prop_assert_eq!(opened, Ok(PLAINTEXT.to_vec()));
        } else if envelope.len() < 28 {
            prop_assert_eq!(opened, Err(short_envelope(envelope.len())));
        } else {
            prop_assert_eq!(opened, Err(Error::AuthenticationFailed));
        }
    }
}
