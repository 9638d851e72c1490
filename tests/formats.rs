//! Key formats round trip: every public (PEM, SPKI, raw, compressed, JWK, base64) and
//! private (PKCS#8 PEM and hex, raw, JWK, SEC1) encoding reads back as the same key, pasted
//! text survives mangling, and seeded keys follow their documented derivation.
//!
//! The OpenSSL fixtures were made once with OpenSSL 3.0 (`openssl genpkey -algorithm EC
//! -pkeyopt ec_paramgen_curve:P-256`, `openssl genpkey -algorithm X25519`, then `openssl
//! pkey -pubout`, `openssl ec` and `openssl pkey -noout -text`). The seeded golden values
//! were checked against Python `cryptography`'s HKDF, `ec.derive_private_key` and
//! `X25519PrivateKey`.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers, not only #[test] functions: a panic is a failed test"
)]

use ecdh_playground::kdf;
use ecdh_playground::keys::text;
use ecdh_playground::{
    Curve, KeyPair, PrivateKeyFormat, PublicKey, PublicKeyFormat, SecretKey, inspect_public_key,
};

/// Every public format, with the name the JS API and the inspector use for it.
const PUBLIC_FORMATS: [(PublicKeyFormat, &str); 8] = [
    (PublicKeyFormat::Pem, "pem"),
    (PublicKeyFormat::SpkiHex, "spki"),
    (PublicKeyFormat::SpkiBase64, "spki-base64"),
    (PublicKeyFormat::RawHex, "raw"),
    (PublicKeyFormat::RawBase64, "raw-base64"),
    (PublicKeyFormat::CompressedHex, "compressed"),
    (PublicKeyFormat::CompressedBase64, "compressed-base64"),
    (PublicKeyFormat::Jwk, "jwk"),
];

const PRIVATE_FORMATS: [(PrivateKeyFormat, &str); 4] = [
    (PrivateKeyFormat::Pem, "pem"),
    (PrivateKeyFormat::Pkcs8Hex, "pkcs8"),
    (PrivateKeyFormat::RawHex, "raw"),
    (PrivateKeyFormat::Jwk, "jwk"),
];

/// The public formats a key on `curve` has: X25519 has no compressed form.
fn public_formats(curve: Curve) -> impl Iterator<Item = (PublicKeyFormat, &'static str)> {
    PUBLIC_FORMATS.into_iter().filter(move |(format, _)| {
        curve == Curve::P256
            || !matches!(
                format,
                PublicKeyFormat::CompressedHex | PublicKeyFormat::CompressedBase64
            )
    })
}

/// Random and seeded key pairs on both curves.
fn sample_keys() -> Vec<KeyPair> {
    let mut keys = Vec::new();
    for curve in Curve::ALL {
        for _ in 0..4 {
            keys.push(KeyPair::generate(curve).unwrap());
        }
        for label in ["alice", "bob", "carol"] {
            keys.push(KeyPair::from_seed(curve, b"formats test", label));
        }
    }
    keys
}

fn raw_private_hex(key: &SecretKey) -> String {
    key.reveal(PrivateKeyFormat::RawHex).as_str().to_owned()
}

#[test]
fn format_names_parse_back() {
    for (format, name) in PUBLIC_FORMATS {
        assert_eq!(format.name(), name);
        assert_eq!(name.parse::<PublicKeyFormat>().unwrap(), format);
    }
    for (format, name) in PRIVATE_FORMATS {
        assert_eq!(name.parse::<PrivateKeyFormat>().unwrap(), format);
    }
}

#[test]
fn every_public_format_reads_back_as_the_same_key() {
    for pair in sample_keys() {
        let key = pair.public_key();
        for (format, name) in public_formats(pair.curve()) {
            let text = key.encode(format).unwrap();
            let (parsed, detected) = PublicKey::parse(&text)
                .unwrap_or_else(|e| panic!("{} {name} {text:?}: {e}", pair.curve()));
            assert_eq!(&parsed, key, "{} {name}", pair.curve());
            assert_eq!(detected, format, "{} {name}: {text}", pair.curve());
            assert_eq!(detected.name(), name);
        }
    }
}

#[test]
fn encodings_have_the_expected_shapes() {
    for pair in sample_keys() {
        let key = pair.public_key();
        let raw = key.to_raw();
        let pem = key.to_pem();
        assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        assert!(pem.ends_with("-----END PUBLIC KEY-----\n"));
        match pair.curve() {
            Curve::P256 => {
                assert_eq!(raw.len(), 65);
                assert_eq!(raw[0], 4);
                let compressed = key.to_compressed().unwrap();
                assert_eq!(compressed.len(), 33);
                assert_eq!(compressed[1..], raw[1..33]);
                assert_eq!(
                    compressed[0],
                    2 + (raw[64] & 1),
                    "02 for even y, 03 for odd"
                );
                assert_eq!(key.to_spki_der().len(), 91);
                assert_eq!(key.to_spki_der()[26..], raw[..]);
            }
            Curve::X25519 => {
                assert_eq!(raw.len(), 32);
                assert_eq!(key.to_compressed(), None);
                assert_eq!(key.to_spki_der().len(), 44);
                assert_eq!(key.to_spki_der()[12..], raw[..]);
            }
        }
        assert_eq!(
            key.encode(PublicKeyFormat::RawHex).unwrap(),
            hex::encode(&raw)
        );
        assert_eq!(
            key.encode(PublicKeyFormat::SpkiHex).unwrap(),
            hex::encode(key.to_spki_der())
        );
    }
}

#[test]
fn every_private_format_reads_back_as_the_same_key() {
    for pair in sample_keys() {
        let curve = pair.curve();
        let secret = pair.secret_key();
        let expected = raw_private_hex(secret);
        for (format, name) in PRIVATE_FORMATS {
            let text = pair.reveal_private_key(format);
            let with_curve = SecretKey::parse(&text, Some(curve))
                .unwrap_or_else(|e| panic!("{curve} {name} with the curve: {e}"));
            assert_eq!(raw_private_hex(&with_curve), expected, "{curve} {name}");
            assert_eq!(with_curve.curve(), curve);
            let imported = KeyPair::import_private_key(&text, Some(curve)).unwrap();
            assert_eq!(imported.public_key(), pair.public_key(), "{curve} {name}");

            let without_curve = SecretKey::parse(&text, None);
            if format == PrivateKeyFormat::RawHex {
                assert_eq!(
                    without_curve.unwrap_err().to_string(),
                    "malformed private key: a raw 32-byte scalar could be P-256 or X25519: \
                     give the curve"
                );
            } else {
                let key = without_curve
                    .unwrap_or_else(|e| panic!("{curve} {name} without the curve: {e}"));
                assert_eq!(raw_private_hex(&key), expected, "{curve} {name}");
                assert_eq!(key.curve(), curve);
            }
        }
        // Base64 of the PKCS#8 DER (what `openssl base64 -A` gives) is read too.
        let der =
            hex::decode(pair.reveal_private_key(PrivateKeyFormat::Pkcs8Hex).as_str()).unwrap();
        let key = SecretKey::parse(&text::to_base64(&der), None).unwrap();
        assert_eq!(raw_private_hex(&key), expected);
    }
}

#[test]
fn private_exports_have_the_expected_shapes() {
    for pair in sample_keys() {
        let pem = pair.reveal_private_key(PrivateKeyFormat::Pem);
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(pem.ends_with("-----END PRIVATE KEY-----\n"));
        assert_eq!(pair.reveal_private_key(PrivateKeyFormat::RawHex).len(), 64);
        // The private JWK is the public JWK plus "d".
        let jwk = pair.reveal_private_key(PrivateKeyFormat::Jwk);
        let public = pair.public_key().to_jwk();
        assert!(
            jwk.starts_with(public.trim_end_matches('}')),
            "{}",
            jwk.as_str()
        );
        assert!(jwk.contains(",\"d\":\""));
        assert!(!public.contains("\"d\""));
    }
}

#[test]
fn the_fingerprint_does_not_depend_on_the_format_pasted() {
    for pair in sample_keys() {
        let key = pair.public_key();
        let fingerprint = key.fingerprint();
        assert_eq!(fingerprint.len(), 19, "four groups of four hex digits");
        assert_eq!(fingerprint.split(' ').count(), 4);
        let reference = inspect_public_key(&key.to_pem()).unwrap();
        assert_eq!(reference.fingerprint, fingerprint);
        for (format, name) in public_formats(pair.curve()) {
            let inspection = inspect_public_key(&key.encode(format).unwrap()).unwrap();
            assert_eq!(inspection.format, name);
            assert_eq!(inspection.curve, pair.curve().name());
            assert_eq!(inspection.fingerprint, fingerprint, "{name}");
            assert_eq!(inspection.pem, reference.pem, "{name}");
            assert_eq!(inspection.spki, reference.spki, "{name}");
            assert_eq!(inspection.raw, reference.raw, "{name}");
            assert_eq!(inspection.compressed, reference.compressed, "{name}");
            assert_eq!(inspection.jwk, reference.jwk, "{name}");
        }
    }
    // Different keys, different fingerprints.
    let a = KeyPair::from_seed(Curve::P256, b"fp", "a");
    let b = KeyPair::from_seed(Curve::P256, b"fp", "b");
    assert_ne!(a.public_key().fingerprint(), b.public_key().fingerprint());
}

/// The ways pasting mangles a PEM block, all of which must still read.
fn mangled_pem(pem: &str) -> Vec<(&'static str, String)> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let first = pem.lines().next().unwrap_or_default();
    let last = pem.lines().last().unwrap_or_default();
    vec![
        ("as written", pem.to_owned()),
        ("CRLF", pem.replace('\n', "\r\n")),
        ("no line breaks", pem.replace('\n', "")),
        ("doubled line breaks", pem.replace('\n', "\n\n")),
        ("blank lines around", format!("\n\n{pem}\n\n")),
        (
            "leading and trailing white space",
            format!("  \t\n {pem} \n\t "),
        ),
        ("no final newline", pem.trim_end().to_owned()),
        ("one line, spaces", pem.trim_end().replace('\n', " ")),
        ("one line, no breaks", format!("{first}{body}{last}")),
        (
            "indented lines",
            pem.lines().map(|l| format!("    {l}\n")).collect(),
        ),
        (
            "body in short lines",
            format!(
                "{first}\n{}\n{last}\n",
                body.as_bytes()
                    .chunks(16)
                    .map(|c| core::str::from_utf8(c).unwrap())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        ),
        ("CR only", pem.replace('\n', "\r")),
    ]
}

/// The ways people write hex, all of which must still read.
fn mangled_hex(hex: &str) -> Vec<(&'static str, String)> {
    let pairs: Vec<&str> = hex
        .as_bytes()
        .chunks(2)
        .map(|c| core::str::from_utf8(c).unwrap())
        .collect();
    vec![
        ("as written", hex.to_owned()),
        ("uppercase", hex.to_uppercase()),
        ("0x prefix", format!("0x{hex}")),
        ("0X prefix, uppercase", format!("0X{}", hex.to_uppercase())),
        ("colons", pairs.join(":")),
        ("spaces", pairs.join(" ")),
        (
            "leading and trailing white space",
            format!("\n  {hex}\t \n"),
        ),
        (
            "openssl -text style",
            pairs
                .chunks(15)
                .map(|line| format!("    {}", line.join(":")))
                .collect::<Vec<_>>()
                .join(":\n"),
        ),
        (
            "CRLF lines of 32 digits",
            hex.as_bytes()
                .chunks(32)
                .map(|c| core::str::from_utf8(c).unwrap())
                .collect::<Vec<_>>()
                .join("\r\n"),
        ),
    ]
}

#[test]
fn pasted_public_keys_survive_mangling() {
    for pair in sample_keys() {
        let key = pair.public_key();
        for (how, text) in mangled_pem(&key.to_pem()) {
            let (parsed, format) =
                PublicKey::parse(&text).unwrap_or_else(|e| panic!("PEM {how}: {text:?}: {e}"));
            assert_eq!(&parsed, key, "PEM {how}");
            assert_eq!(format, PublicKeyFormat::Pem, "PEM {how}");
        }
        for (format, name) in public_formats(pair.curve()) {
            let hex_format = matches!(
                format,
                PublicKeyFormat::SpkiHex | PublicKeyFormat::RawHex | PublicKeyFormat::CompressedHex
            );
            if !hex_format {
                continue;
            }
            for (how, text) in mangled_hex(&key.encode(format).unwrap()) {
                let (parsed, detected) = PublicKey::parse(&text)
                    .unwrap_or_else(|e| panic!("{name} {how}: {text:?}: {e}"));
                assert_eq!(&parsed, key, "{name} {how}");
                assert_eq!(detected, format, "{name} {how}");
            }
        }
        // Base64 wrapped over lines, URL-safe, or with its padding lost.
        let spki = key.to_spki_der();
        let wrapped = text::to_base64(&spki)
            .as_bytes()
            .chunks(20)
            .map(|c| core::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\r\n");
        let url = text::to_base64url(&spki);
        let unpadded = text::to_base64(&spki).trim_end_matches('=').to_owned();
        for (how, text) in [
            ("wrapped", wrapped),
            ("base64url", url),
            ("unpadded", unpadded),
        ] {
            let (parsed, detected) =
                PublicKey::parse(&text).unwrap_or_else(|e| panic!("base64 {how}: {e}"));
            assert_eq!(&parsed, key, "base64 {how}");
            assert_eq!(detected, PublicKeyFormat::SpkiBase64, "base64 {how}");
        }
        // JWK pretty-printed, with the members WebCrypto adds, in another order.
        let jwk: serde_json::Value = serde_json::from_str(&key.to_jwk()).unwrap();
        let mut extended = jwk.clone();
        extended["ext"] = true.into();
        extended["key_ops"] = serde_json::json!([]);
        extended["kid"] = "teacher".into();
        let pretty = serde_json::to_string_pretty(&extended).unwrap();
        for (how, text) in [
            ("pretty, extra members", pretty.clone()),
            ("CRLF", pretty.replace('\n', "\r\n")),
            (
                "surrounded by white space",
                format!("\n\t {} \n", key.to_jwk()),
            ),
        ] {
            let (parsed, detected) =
                PublicKey::parse(&text).unwrap_or_else(|e| panic!("JWK {how}: {e}"));
            assert_eq!(&parsed, key, "JWK {how}");
            assert_eq!(detected, PublicKeyFormat::Jwk, "JWK {how}");
        }
    }
}

#[test]
fn pasted_private_keys_survive_mangling() {
    for pair in sample_keys() {
        let curve = pair.curve();
        let expected = raw_private_hex(pair.secret_key());
        let pem = pair.reveal_private_key(PrivateKeyFormat::Pem);
        for (how, text) in mangled_pem(&pem) {
            let key =
                SecretKey::parse(&text, None).unwrap_or_else(|e| panic!("{curve} PEM {how}: {e}"));
            assert_eq!(raw_private_hex(&key), expected, "{curve} PEM {how}");
        }
        for (format, name) in [
            (PrivateKeyFormat::Pkcs8Hex, "pkcs8"),
            (PrivateKeyFormat::RawHex, "raw"),
        ] {
            let hex = pair.reveal_private_key(format);
            for (how, text) in mangled_hex(&hex) {
                let key = SecretKey::parse(&text, Some(curve))
                    .unwrap_or_else(|e| panic!("{curve} {name} {how}: {e}"));
                assert_eq!(raw_private_hex(&key), expected, "{curve} {name} {how}");
            }
        }
        let jwk: serde_json::Value =
            serde_json::from_str(&pair.reveal_private_key(PrivateKeyFormat::Jwk)).unwrap();
        let pretty = serde_json::to_string_pretty(&jwk)
            .unwrap()
            .replace('\n', "\r\n");
        let key = SecretKey::parse(&format!("  {pretty}\n"), None).unwrap();
        assert_eq!(raw_private_hex(&key), expected, "{curve} JWK pretty, CRLF");
    }
}

// An OpenSSL 3.0 P-256 key in every form OpenSSL writes it.
const OPENSSL_P256_PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgQXBv4hMu2g3CMiEL
HciCzV8iJc1daHUSaq12X29PLuuhRANCAATqTr2AD1xS7svO9bFp3eNWkGiwLbZH
2feO+8K/Qpp3hQCNBzRAnwuy7CyExuZLeTSe92YX+8GR+NRH1b/AqPhr
-----END PRIVATE KEY-----
";
const OPENSSL_P256_SEC1: &str = "-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIEFwb+ITLtoNwjIhCx3Igs1fIiXNXWh1Emqtdl9vTy7roAoGCCqGSM49
AwEHoUQDQgAE6k69gA9cUu7LzvWxad3jVpBosC22R9n3jvvCv0Kad4UAjQc0QJ8L
suwshMbmS3k0nvdmF/vBkfjUR9W/wKj4aw==
-----END EC PRIVATE KEY-----
";
const OPENSSL_P256_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6k69gA9cUu7LzvWxad3jVpBosC22
R9n3jvvCv0Kad4UAjQc0QJ8LsuwshMbmS3k0nvdmF/vBkfjUR9W/wKj4aw==
-----END PUBLIC KEY-----
";
/// `openssl pkey -noout -text`, "priv:" and "pub:" blocks as printed.
const OPENSSL_P256_TEXT_PRIV: &str = "    41:70:6f:e2:13:2e:da:0d:c2:32:21:0b:1d:c8:82:
    cd:5f:22:25:cd:5d:68:75:12:6a:ad:76:5f:6f:4f:
    2e:eb";
const OPENSSL_P256_TEXT_PUB: &str = "    04:ea:4e:bd:80:0f:5c:52:ee:cb:ce:f5:b1:69:dd:
    e3:56:90:68:b0:2d:b6:47:d9:f7:8e:fb:c2:bf:42:
    9a:77:85:00:8d:07:34:40:9f:0b:b2:ec:2c:84:c6:
    e6:4b:79:34:9e:f7:66:17:fb:c1:91:f8:d4:47:d5:
    bf:c0:a8:f8:6b";

// An OpenSSL 3.0 X25519 key.
const OPENSSL_X25519_PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEIMg3aGvMyc6J78fm7yQSAogHQ79EOvnDq4Q3R/SoThtU
-----END PRIVATE KEY-----
";
const OPENSSL_X25519_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEA51ZgTB81ZpqPDN6rKvZr94Bf6eMk7Jsurmfb4WBI9xI=
-----END PUBLIC KEY-----
";
const OPENSSL_X25519_TEXT_PRIV: &str = "    c8:37:68:6b:cc:c9:ce:89:ef:c7:e6:ef:24:12:02:
    88:07:43:bf:44:3a:f9:c3:ab:84:37:47:f4:a8:4e:
    1b:54";
const OPENSSL_X25519_TEXT_PUB: &str = "    e7:56:60:4c:1f:35:66:9a:8f:0c:de:ab:2a:f6:6b:
    f7:80:5f:e9:e3:24:ec:9b:2e:ae:67:db:e1:60:48:
    f7:12";

#[test]
fn openssl_p256_key_in_every_form_is_one_key() {
    let from_pkcs8 = KeyPair::import_private_key(OPENSSL_P256_PKCS8, None).unwrap();
    let from_sec1 = KeyPair::import_private_key(OPENSSL_P256_SEC1, None).unwrap();
    let from_text = KeyPair::import_private_key(OPENSSL_P256_TEXT_PRIV, Some(Curve::P256)).unwrap();
    let expected = "41706fe2132eda0dc232210b1dc882cd5f2225cd5d6875126aad765f6f4f2eeb";
    for pair in [&from_pkcs8, &from_sec1, &from_text] {
        assert_eq!(pair.curve(), Curve::P256);
        assert_eq!(raw_private_hex(pair.secret_key()), expected);
    }
    let (public, format) = PublicKey::parse(OPENSSL_P256_PUBLIC).unwrap();
    assert_eq!(format, PublicKeyFormat::Pem);
    assert_eq!(&public, from_pkcs8.public_key());
    let (from_text, format) = PublicKey::parse(OPENSSL_P256_TEXT_PUB).unwrap();
    assert_eq!(format, PublicKeyFormat::RawHex);
    assert_eq!(from_text, public);
    // Export is byte for byte what OpenSSL writes.
    assert_eq!(public.to_pem(), OPENSSL_P256_PUBLIC);
    assert_eq!(
        from_sec1.reveal_private_key(PrivateKeyFormat::Pem).as_str(),
        OPENSSL_P256_PKCS8
    );
}

#[test]
fn openssl_x25519_key_in_every_form_is_one_key() {
    let from_pkcs8 = KeyPair::import_private_key(OPENSSL_X25519_PKCS8, None).unwrap();
    let from_text =
        KeyPair::import_private_key(OPENSSL_X25519_TEXT_PRIV, Some(Curve::X25519)).unwrap();
    let expected = "c837686bccc9ce89efc7e6ef241202880743bf443af9c3ab843747f4a84e1b54";
    for pair in [&from_pkcs8, &from_text] {
        assert_eq!(pair.curve(), Curve::X25519);
        assert_eq!(raw_private_hex(pair.secret_key()), expected);
    }
    let (public, format) = PublicKey::parse(OPENSSL_X25519_PUBLIC).unwrap();
    assert_eq!(format, PublicKeyFormat::Pem);
    assert_eq!(&public, from_pkcs8.public_key());
    let (from_text, format) = PublicKey::parse(OPENSSL_X25519_TEXT_PUB).unwrap();
    assert_eq!(format, PublicKeyFormat::RawHex);
    assert_eq!(from_text, public);
    assert_eq!(public.to_pem(), OPENSSL_X25519_PUBLIC);
    assert_eq!(
        from_pkcs8
            .reveal_private_key(PrivateKeyFormat::Pem)
            .as_str(),
        OPENSSL_X25519_PKCS8
    );
}

#[test]
fn seeded_keys_are_deterministic() {
    for curve in Curve::ALL {
        let a = KeyPair::from_seed(curve, b"lesson-2", "alice");
        let again = KeyPair::from_seed(curve, b"lesson-2", "alice");
        assert_eq!(a.public_key(), again.public_key());
        assert_eq!(
            raw_private_hex(a.secret_key()),
            raw_private_hex(again.secret_key())
        );
        assert_eq!(
            SecretKey::from_seed(curve, b"lesson-2", "alice").public_key(),
            *a.public_key()
        );
        let others = [
            KeyPair::from_seed(curve, b"lesson-3", "alice"),
            KeyPair::from_seed(curve, b"lesson-2", "bob"),
            KeyPair::from_seed(curve, b"lesson-2", "Alice"),
            KeyPair::from_seed(curve, b"", "alice"),
            KeyPair::from_seed(curve, b"lesson-2", ""),
        ];
        for other in &others {
            assert_ne!(other.public_key(), a.public_key());
            assert_ne!(
                raw_private_hex(other.secret_key()),
                raw_private_hex(a.secret_key())
            );
        }
    }
    // The curve name is part of the derivation: the same seed and label give unrelated
    // scalars on the two curves.
    assert_ne!(
        raw_private_hex(&SecretKey::from_seed(Curve::P256, b"lesson-2", "alice")),
        raw_private_hex(&SecretKey::from_seed(Curve::X25519, b"lesson-2", "alice"))
    );
}

/// Teachers' slides show these keys: changing the derivation breaks every lesson.
#[test]
fn seeded_golden_values() {
    let p256 = KeyPair::from_seed(Curve::P256, b"lesson-1", "alice");
    assert_eq!(
        p256.public_key().encode(PublicKeyFormat::RawHex).unwrap(),
        "041a6498fb9de20f8061a816e97ff390d416eb31dbcbb035e99cda3cbb3e4bbd8f\
         04dfab3c6da523261bc9eb75bfd6bce69f9fe271d2a2f0a7fbd4ff6f41d5ed35"
    );
    let x25519 = KeyPair::from_seed(Curve::X25519, b"lesson-1", "alice");
    assert_eq!(
        x25519.public_key().encode(PublicKeyFormat::RawHex).unwrap(),
        "1f2335213d20395bfb7d9351facbd416c3ba3e03be9259e79a687ea7d6abe479"
    );
}

/// The derivation as documented on `SecretKey::from_seed`, recomputed with the crate's
/// own HKDF: salt "ecdh-playground seed v1", info = curve name ‖ label ‖ counter byte.
#[test]
fn seeded_keys_follow_the_documented_derivation() {
    for curve in Curve::ALL {
        for label in ["alice", "bob", ""] {
            let info = [curve.name().as_bytes(), label.as_bytes(), &[0]].concat();
            let okm = kdf::hkdf(
                b"lesson-1",
                Some(b"ecdh-playground seed v1"),
                Some(&info),
                32,
            )
            .unwrap();
            // Counter 0 is a valid P-256 scalar for these labels (a miss has
            // probability 2^-32), so the key is the first candidate on both curves.
            assert_eq!(
                raw_private_hex(&SecretKey::from_seed(curve, b"lesson-1", label)),
                hex::encode(okm.as_slice()),
                "{curve} {label:?}"
            );
        }
    }
}
