//! The JavaScript API (`src/wasm.rs`) called as JavaScript would call it, under Node and
//! in headless Chromium: every export with good input, then with bad input, which must
//! come back as an `Error` whose message names the problem, with the module still working.
//!
//! Known answers: RFC 7748 §6.1 (X25519), RFC 5903 §8.1 (ECDH P-256), RFC 6979 A.2.5
//! (ECDSA P-256 SHA-256), RFC 5869 A.1 and A.3 (HKDF-SHA256), the TLS 1.2 PRF vector of
//! `tests/data/tls/tls12_prf_sha256.json` and Wycheproof `aes_gcm_test.json` tcId 91, all
//! also in `tests/data`. The PEM, DER, JWK and fingerprint encodings of the RFC keys were
//! written by Python `cryptography` 48 (OpenSSL 3.0).

#![cfg(target_arch = "wasm32")]
// clippy.toml allows these in tests, but clippy does not know `#[wasm_bindgen_test]`
// functions for tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is a test failure"
)]

use ecdh_playground::wasm::{self as api, WasmKeyPair as KeyPair, WasmSigningKey as SigningKey};
use js_sys::{Array, ArrayBuffer, Int8Array, JSON, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

// RFC 7748 §6.1.
const ALICE_X25519_PRIVATE: &str =
    "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const ALICE_X25519_PUBLIC: &str =
    "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
const BOB_X25519_PRIVATE: &str = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const BOB_X25519_PUBLIC: &str = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
const X25519_SHARED: &str = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
const ALICE_X25519_PRIVATE_PEM: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEIHcHbQpzGKV9PBbBclGyZkXfTC+H68CZKrF3+6UduSwq
-----END PRIVATE KEY-----
";
const ALICE_X25519_PUBLIC_PEM: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEAhSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=
-----END PUBLIC KEY-----
";
const ALICE_X25519_SPKI: &str =
    "302a300506032b656e0321008520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
const ALICE_X25519_FINGERPRINT: &str = "291c 5293 e030 452a";

// RFC 5903 §8.1: the initiator's scalar i and public key g^i, the responder's r and g^r,
// and the x-coordinate of g^ir.
const P256_I: &str = "c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433";
const P256_GI: &str = "04dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180\
                       5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3";
const P256_R: &str = "c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53";
const P256_GR: &str = "04d12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63\
                       56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab";
const P256_GIRX: &str = "d6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de";
const P256_I_PEM: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgyI8B9RDZrD9wopLa
ojFt5UTpqriv6EBJxiqcV4YtFDOhRANCAATa0LZTlCIc+bBR4f7KV4fQmN/mN/yQ
ue+UXQw3clgRgFJxoEYc24JS1h8cRW+j5Zqx9FszrM9fWDieBXe4mQuz
-----END PRIVATE KEY-----
";
const P256_I_PKCS8: &str = "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b02010104\
     20c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433a14403420004dad0b653\
     94221cf9b051e1feca5787d098dfe637fc90b9ef945d0c37725811805271a0461cdb8252d61f1c456fa3e5\
     9ab1f45b33accf5f58389e0577b8990bb3";
const P256_I_SEC1_PEM: &str = "-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIMiPAfUQ2aw/cKKS2qIxbeVE6aq4r+hAScYqnFeGLRQzoAoGCCqGSM49
AwEHoUQDQgAE2tC2U5QiHPmwUeH+yleH0Jjf5jf8kLnvlF0MN3JYEYBScaBGHNuC
UtYfHEVvo+WasfRbM6zPX1g4ngV3uJkLsw==
-----END EC PRIVATE KEY-----
";
const P256_GI_PEM: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2tC2U5QiHPmwUeH+yleH0Jjf5jf8
kLnvlF0MN3JYEYBScaBGHNuCUtYfHEVvo+WasfRbM6zPX1g4ngV3uJkLsw==
-----END PUBLIC KEY-----
";
const P256_GI_SPKI: &str = "3059301306072a8648ce3d020106082a8648ce3d03010703420004dad0b65394221cf9\
     b051e1feca5787d098dfe637fc90b9ef945d0c37725811805271a0461cdb8252d61f1c456fa3e59ab1f45b\
     33accf5f58389e0577b8990bb3";
const P256_GI_SPKI_BASE64: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2tC2U5QiHPmwUeH+yleH0Jjf5jf8\
     kLnvlF0MN3JYEYBScaBGHNuCUtYfHEVvo+WasfRbM6zPX1g4ngV3uJkLsw==";
const P256_GI_RAW_BASE64: &str = "BNrQtlOUIhz5sFHh/spXh9CY3+Y3/JC575RdDDdyWBGAUnGgRhzbglLWHxxFb6Pl\
     mrH0WzOsz19YOJ4Fd7iZC7M=";
const P256_GI_COMPRESSED: &str =
    "03dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180";
const P256_GI_COMPRESSED_BASE64: &str = "A9rQtlOUIhz5sFHh/spXh9CY3+Y3/JC575RdDDdyWBGA";
const P256_GI_JWK_X: &str = "2tC2U5QiHPmwUeH-yleH0Jjf5jf8kLnvlF0MN3JYEYA";
const P256_GI_JWK_Y: &str = "UnGgRhzbglLWHxxFb6PlmrH0WzOsz19YOJ4Fd7iZC7M";
const P256_I_JWK_D: &str = "yI8B9RDZrD9wopLaojFt5UTpqriv6EBJxiqcV4YtFDM";
const P256_GI_FINGERPRINT: &str = "f2f0 eaf8 dc29 5d10";

// RFC 6979 A.2.5, "With SHA-256".
const ECDSA_X: &str = "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const ECDSA_U: &str = "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6\
                       7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
const ECDSA_SAMPLE_DER: &str = "3046022100efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea8\
     4eaf3716022100f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
const ECDSA_SAMPLE_P1363: &str = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716\
     f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
const ECDSA_TEST_DER: &str = "3045022100f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7\
     d383670220019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083";
const ECDSA_TEST_P1363: &str = "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367\
     019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083";

// RFC 5869 A.1 (test case 1) and A.3 (test case 3: empty salt, which is 32 zero bytes).
const HKDF_IKM: [u8; 22] = [0x0b; 22];
const HKDF_SALT: &str = "000102030405060708090a0b0c";
const HKDF_INFO: &str = "f0f1f2f3f4f5f6f7f8f9";
const HKDF_PRK: &str = "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5";
const HKDF_OKM: &str = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf\
                        34007208d5b887185865";
const HKDF_TC3_PRK: &str = "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04";
const HKDF_TC3_OKM: &str = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d\
                            9d201395faa4b61a96c8";

// The TLS 1.2 PRF (SHA-256) vector, 100 bytes.
const PRF_SECRET: &str = "9bbe436ba940f017b17652849a71db35";
const PRF_SEED: &str = "a0ba9f936cda311827a6f796ffd5198c";
const PRF_OUTPUT: &str = "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a\
     6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce3\
     4f796789baa48082d122ee42c5a72e5a5110fff70187347b66";

// Wycheproof aes_gcm_test.json, tcId 91 (AES-256, 96-bit IV).
const GCM_KEY: &str = "92ace3e348cd821092cd921aa3546374299ab46209691bc28b8752d17f123c20";
const GCM_IV: &str = "00112233445566778899aabb";
const GCM_AAD: &str = "00000000ffffffff";
const GCM_MSG: &str = "00010203040506070809";
const GCM_CT_TAG: &str = "e27abdd2d2a53d2f136b9a4a2579529301bcfb71c78d4060f52c";

// Well-formed keys this playground does not support: a throwaway P-384 key made for this
// test, and the Ed25519 public key of the private key 00 01 02 ... 1f.
const P384_PUBLIC_PEM: &str = "-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEygDxtC1afnPqqpBKfp9SV77igIOyLPCE
10iNYIn1usT6h5LfnABiIFdxj6+CJx2BNHvFVCBcCZQEwy9uv8bwF5KquXhXMSP9
xDC+Jz65PVZH11Or3He/eVcuwOLyOI2E
-----END PUBLIC KEY-----
";
const P384_PRIVATE_PEM: &str = "-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDDRxfnu8kO87mA/wir2
v0pZH+MtRfSZbPDA4Z0j12p9bMwFZy1tyhByz80U5TELYoyhZANiAATKAPG0LVp+
c+qqkEp+n1JXvuKAg7Is8ITXSI1gifW6xPqHkt+cAGIgV3GPr4InHYE0e8VUIFwJ
lATDL26/xvAXkqq5eFcxI/3EML4nPrk9VkfXU6vcd795Vy7A4vI4jYQ=
-----END PRIVATE KEY-----
";
const ED25519_PUBLIC_PEM: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAA6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=
-----END PUBLIC KEY-----
";

/// The curve order n of P-256: not a valid private scalar.
const P256_ORDER: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

const CURVES: [&str; 2] = ["P-256", "X25519"];
const PUBLIC_FORMATS: [&str; 8] = [
    "pem",
    "spki",
    "spki-base64",
    "raw",
    "raw-base64",
    "compressed",
    "compressed-base64",
    "jwk",
];
const PRIVATE_FORMATS: [&str; 4] = ["pem", "pkcs8", "raw", "jwk"];

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn u8a(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

/// An `aad` argument as JavaScript passes it: any value, typed as the optional
/// `Uint8Array` the binding declares (the binding itself checks what it really is).
fn aad_arg(value: JsValue) -> Option<Uint8Array> {
    Some(value.unchecked_into())
}

fn hex_u8a(hex: &str) -> JsValue {
    u8a(&unhex(hex))
}

fn num(n: f64) -> JsValue {
    JsValue::from_f64(n)
}

fn unhex(hex: &str) -> Vec<u8> {
    hex::decode(hex).expect("test constant is hex")
}

/// The message of a thrown `Error`, checking that it is one.
fn message(error: JsError) -> String {
    let value = JsValue::from(error);
    assert!(
        value.is_instance_of::<js_sys::Error>(),
        "thrown value is not an Error: {value:?}"
    );
    js_sys::Error::from(value).message().into()
}

fn ok<T>(result: Result<T, JsError>) -> T {
    match result {
        Ok(value) => value,
        Err(error) => panic!("unexpected error: {}", message(error)),
    }
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &s(key)).expect("Reflect.get")
}

fn get_string(object: &JsValue, key: &str) -> String {
    get(object, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

fn get_bool(object: &JsValue, key: &str) -> bool {
    get(object, key)
        .as_bool()
        .unwrap_or_else(|| panic!("{key} is not a boolean"))
}

fn parse_json(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or_else(|e| panic!("not JSON: {text}: {e:?}"))
}

fn import(text: &str, curve: Option<&str>) -> KeyPair {
    ok(KeyPair::import_private_key(
        s(text),
        curve.map(str::to_owned),
    ))
}

fn public(pair: &KeyPair, format: &str) -> String {
    ok(pair.public_key(some(format)))
}

fn reveal(pair: &KeyPair, format: &str) -> String {
    ok(pair.reveal_private_key(some(format)))
}

fn seeded(curve: &str, seed: &[u8], label: Option<&str>) -> KeyPair {
    ok(KeyPair::from_seed(
        s(curve),
        u8a(seed),
        label.map(str::to_owned),
    ))
}

/// Asserts that `$call` returned an error whose message contains every one of the words,
/// then that the module still works.
macro_rules! rejects {
    ($call:expr, $($word:expr),+ $(,)?) => {{
        let text = match $call {
            Ok(_) => panic!("{} succeeded; expected an error", stringify!($call)),
            Err(error) => message(error),
        };
        for word in [$($word),+] {
            assert!(
                text.contains(word),
                "{}: message {text:?} does not contain {word:?}",
                stringify!($call)
            );
        }
        still_works();
    }};
}

/// A few successful calls through different paths (bytes in and out, strings, a class),
/// proving a failure before left the module usable.
fn still_works() {
    let prk = ok(api::hkdf_extract(None, u8a(&HKDF_IKM)));
    assert_eq!(hex::encode(prk), HKDF_TC3_PRK);
    let alice = import(ALICE_X25519_PRIVATE, Some("X25519"));
    let shared = ok(alice.shared_secret(s(BOB_X25519_PUBLIC)));
    assert_eq!(hex::encode(shared), X25519_SHARED);
    let key = u8a(&[7; 32]);
    let envelope = ok(api::encrypt(key.clone(), u8a(b"still here"), None));
    assert_eq!(ok(api::decrypt(key, u8a(&envelope), None)), b"still here");
}

/// The public key of `pair` in every format it has.
fn formats_of(pair: &KeyPair) -> Vec<(&'static str, String)> {
    PUBLIC_FORMATS
        .iter()
        .filter(|f| pair.curve() == "P-256" || !f.starts_with("compressed"))
        .map(|f| (*f, public(pair, f)))
        .collect()
}

#[wasm_bindgen_test]
fn key_pair_generate_on_both_curves() {
    for (curve, raw_len) in [("P-256", 65), ("X25519", 32)] {
        let a = ok(KeyPair::generate(s(curve)));
        let b = ok(KeyPair::generate(s(curve)));
        assert_eq!(a.curve(), curve);
        assert_eq!(unhex(&public(&a, "raw")).len(), raw_len, "{curve}");
        assert_eq!(unhex(&reveal(&a, "raw")).len(), 32, "{curve}");
        assert_ne!(
            public(&a, "raw"),
            public(&b, "raw"),
            "{curve}: two keys alike"
        );
        assert_ne!(
            reveal(&a, "raw"),
            reveal(&b, "raw"),
            "{curve}: two keys alike"
        );
    }
    // The other names people know the curves by, in any case.
    for (alias, curve) in [
        ("secp256r1", "P-256"),
        ("prime256v1", "P-256"),
        ("p-256", "P-256"),
        ("x25519", "X25519"),
        ("Curve25519", "X25519"),
    ] {
        assert_eq!(ok(KeyPair::generate(s(alias))).curve(), curve, "{alias}");
    }
}

#[wasm_bindgen_test]
fn key_pair_from_seed_is_deterministic() {
    for curve in CURVES {
        let alice = seeded(curve, b"lesson 1", Some("alice"));
        let again = seeded(curve, b"lesson 1", Some("alice"));
        assert_eq!(alice.curve(), curve);
        assert_eq!(public(&alice, "pem"), public(&again, "pem"), "{curve}");
        assert_eq!(reveal(&alice, "raw"), reveal(&again, "raw"), "{curve}");
        let bob = seeded(curve, b"lesson 1", Some("bob"));
        assert_ne!(
            public(&alice, "pem"),
            public(&bob, "pem"),
            "{curve}: label ignored"
        );
        let other_seed = seeded(curve, b"lesson 2", Some("alice"));
        assert_ne!(public(&alice, "pem"), public(&other_seed, "pem"), "{curve}");
        // No label is the empty label.
        assert_eq!(
            public(&seeded(curve, b"lesson 1", None), "pem"),
            public(&seeded(curve, b"lesson 1", Some("")), "pem"),
            "{curve}"
        );
        // The binding gives the core's key.
        let core =
            ecdh_playground::KeyPair::from_seed(curve.parse().unwrap(), b"lesson 1", "alice");
        assert_eq!(public(&alice, "pem"), core.public_key().to_pem(), "{curve}");
        // A view into a larger buffer is read from its offset, not from the buffer's start.
        let view = Uint8Array::from(&b"xxlesson 1yy"[..]).subarray(2, 10);
        let from_view = ok(KeyPair::from_seed(s(curve), view.into(), some("alice")));
        assert_eq!(public(&alice, "pem"), public(&from_view, "pem"), "{curve}");
    }
    // The same seed on the two curves gives keys on each.
    assert_eq!(seeded("X25519", b"s", None).curve(), "X25519");
    assert_eq!(seeded("P-256", b"s", None).curve(), "P-256");
}

#[wasm_bindgen_test]
fn key_pair_import_private_key_round_trips_every_format() {
    for curve in CURVES {
        let pair = seeded(curve, b"import", Some("carol"));
        for format in PRIVATE_FORMATS {
            let text = reveal(&pair, format);
            // A raw scalar could be either curve; every other format names its curve.
            let given = if format == "raw" { Some(curve) } else { None };
            let back = import(&text, given);
            assert_eq!(back.curve(), curve, "{curve} {format}");
            assert_eq!(
                public(&back, "pem"),
                public(&pair, "pem"),
                "{curve} {format}"
            );
            for out in PRIVATE_FORMATS {
                assert_eq!(
                    reveal(&back, out),
                    reveal(&pair, out),
                    "{curve} {format}->{out}"
                );
            }
            // Naming the right curve is always allowed.
            let named = import(&text, Some(curve));
            assert_eq!(
                public(&named, "pem"),
                public(&pair, "pem"),
                "{curve} {format}"
            );
        }
    }
    // Known keys, as OpenSSL and Python write them.
    let x = import(ALICE_X25519_PRIVATE_PEM, None);
    assert_eq!(public(&x, "raw"), ALICE_X25519_PUBLIC);
    let p = import(P256_I_PEM, None);
    assert_eq!(public(&p, "raw"), P256_GI);
    let sec1 = import(P256_I_SEC1_PEM, None);
    assert_eq!(public(&sec1, "raw"), P256_GI);
    assert_eq!(public(&import(P256_I_PKCS8, None), "raw"), P256_GI);
    assert_eq!(public(&import(P256_I, Some("P-256")), "raw"), P256_GI);
    // Pasting mangles line breaks; the import does not mind.
    let mangled = P256_I_PEM.replace('\n', "\r\n");
    assert_eq!(public(&import(&mangled, None), "raw"), P256_GI);
    assert_eq!(
        public(&import(&P256_I_PEM.replace('\n', ""), None), "raw"),
        P256_GI
    );
}

#[wasm_bindgen_test]
fn key_pair_curve_getter() {
    for curve in CURVES {
        assert_eq!(ok(KeyPair::generate(s(curve))).curve(), curve);
        assert_eq!(seeded(curve, b"c", None).curve(), curve);
    }
    assert_eq!(import(ALICE_X25519_PRIVATE_PEM, None).curve(), "X25519");
    assert_eq!(import(P256_I_PEM, None).curve(), "P-256");
    assert_eq!(
        import(ALICE_X25519_PRIVATE, Some("x25519")).curve(),
        "X25519"
    );
    assert_eq!(import(P256_I, Some("secp256r1")).curve(), "P-256");
}

#[wasm_bindgen_test]
fn key_pair_public_key_in_every_format() {
    let p = import(P256_I, Some("P-256"));
    assert_eq!(ok(p.public_key(None)), P256_GI_PEM, "the default is PEM");
    assert_eq!(public(&p, "pem"), P256_GI_PEM);
    assert_eq!(public(&p, "spki"), P256_GI_SPKI);
    assert_eq!(public(&p, "spki-base64"), P256_GI_SPKI_BASE64);
    assert_eq!(public(&p, "raw"), P256_GI);
    assert_eq!(public(&p, "raw-base64"), P256_GI_RAW_BASE64);
    assert_eq!(public(&p, "compressed"), P256_GI_COMPRESSED);
    assert_eq!(public(&p, "compressed-base64"), P256_GI_COMPRESSED_BASE64);
    let jwk = parse_json(&public(&p, "jwk"));
    assert_eq!(get_string(&jwk, "kty"), "EC");
    assert_eq!(get_string(&jwk, "crv"), "P-256");
    assert_eq!(get_string(&jwk, "x"), P256_GI_JWK_X);
    assert_eq!(get_string(&jwk, "y"), P256_GI_JWK_Y);
    assert!(get(&jwk, "d").is_undefined(), "a public JWK has no d");

    let x = import(ALICE_X25519_PRIVATE, Some("X25519"));
    assert_eq!(ok(x.public_key(None)), ALICE_X25519_PUBLIC_PEM);
    assert_eq!(public(&x, "spki"), ALICE_X25519_SPKI);
    assert_eq!(public(&x, "raw"), ALICE_X25519_PUBLIC);
    let jwk = parse_json(&public(&x, "jwk"));
    assert_eq!(get_string(&jwk, "kty"), "OKP");
    assert_eq!(get_string(&jwk, "crv"), "X25519");
    assert_eq!(
        get_string(&jwk, "x"),
        "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"
    );
    assert!(get(&jwk, "d").is_undefined(), "a public JWK has no d");

    // Every format reads back as the same key, detected as that format.
    for pair in [&p, &x] {
        let fingerprint = pair.fingerprint();
        for (format, text) in formats_of(pair) {
            let inspection = ok(api::inspect_public_key(s(&text)));
            assert_eq!(get_string(&inspection, "format"), format);
            assert_eq!(
                get_string(&inspection, "fingerprint"),
                fingerprint,
                "{format}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn key_pair_fingerprint() {
    let p = import(P256_I_PEM, None);
    let x = import(ALICE_X25519_PRIVATE_PEM, None);
    // The first 8 bytes of SHA-256 over the DER SubjectPublicKeyInfo.
    assert_eq!(p.fingerprint(), P256_GI_FINGERPRINT);
    assert_eq!(x.fingerprint(), ALICE_X25519_FINGERPRINT);
    for curve in CURVES {
        let a = seeded(curve, b"fp", Some("a"));
        let b = seeded(curve, b"fp", Some("b"));
        let fingerprint = a.fingerprint();
        assert_eq!(fingerprint.len(), 19, "{fingerprint}");
        assert_eq!(fingerprint.split(' ').count(), 4, "{fingerprint}");
        assert!(
            fingerprint
                .bytes()
                .all(|c| c == b' ' || c.is_ascii_hexdigit())
        );
        assert_ne!(fingerprint, b.fingerprint(), "{curve}");
        assert_eq!(fingerprint, seeded(curve, b"fp", Some("a")).fingerprint());
    }
}

#[wasm_bindgen_test]
fn key_pair_reveal_private_key() {
    let p = import(P256_I, Some("P-256"));
    assert_eq!(
        ok(p.reveal_private_key(None)),
        P256_I_PEM,
        "the default is PEM"
    );
    assert_eq!(reveal(&p, "pem"), P256_I_PEM);
    assert_eq!(reveal(&p, "pkcs8"), P256_I_PKCS8);
    assert_eq!(reveal(&p, "raw"), P256_I);
    let jwk = parse_json(&reveal(&p, "jwk"));
    assert_eq!(get_string(&jwk, "kty"), "EC");
    assert_eq!(get_string(&jwk, "crv"), "P-256");
    assert_eq!(get_string(&jwk, "x"), P256_GI_JWK_X);
    assert_eq!(get_string(&jwk, "y"), P256_GI_JWK_Y);
    assert_eq!(get_string(&jwk, "d"), P256_I_JWK_D);

    let x = import(ALICE_X25519_PRIVATE, Some("X25519"));
    assert_eq!(ok(x.reveal_private_key(None)), ALICE_X25519_PRIVATE_PEM);
    assert_eq!(
        reveal(&x, "pkcs8"),
        format!("302e020100300506032b656e04220420{ALICE_X25519_PRIVATE}")
    );
    assert_eq!(reveal(&x, "raw"), ALICE_X25519_PRIVATE);
    let jwk = parse_json(&reveal(&x, "jwk"));
    assert_eq!(get_string(&jwk, "kty"), "OKP");
    assert_eq!(get_string(&jwk, "crv"), "X25519");
    assert_eq!(
        get_string(&jwk, "d"),
        "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo"
    );
}

#[wasm_bindgen_test]
fn key_pair_shared_secret() {
    // RFC 7748 §6.1, both ways.
    let alice = import(ALICE_X25519_PRIVATE, Some("X25519"));
    let bob = import(BOB_X25519_PRIVATE, Some("X25519"));
    assert_eq!(public(&bob, "raw"), BOB_X25519_PUBLIC);
    for (format, peer) in formats_of(&bob) {
        let shared = ok(alice.shared_secret(s(&peer)));
        assert_eq!(hex::encode(shared), X25519_SHARED, "peer as {format}");
    }
    for (format, peer) in formats_of(&alice) {
        let shared = ok(bob.shared_secret(s(&peer)));
        assert_eq!(hex::encode(shared), X25519_SHARED, "peer as {format}");
    }

    // RFC 5903 §8.1, both ways.
    let initiator = import(P256_I, Some("P-256"));
    let responder = import(P256_R, Some("P-256"));
    assert_eq!(public(&responder, "raw"), P256_GR);
    for (format, peer) in formats_of(&responder) {
        let shared = ok(initiator.shared_secret(s(&peer)));
        assert_eq!(hex::encode(shared), P256_GIRX, "peer as {format}");
    }
    for (format, peer) in formats_of(&initiator) {
        let shared = ok(responder.shared_secret(s(&peer)));
        assert_eq!(hex::encode(shared), P256_GIRX, "peer as {format}");
    }

    // Fresh keys: both sides agree on 32 bytes, whatever format the peer key came in.
    for curve in CURVES {
        let a = ok(KeyPair::generate(s(curve)));
        let b = ok(KeyPair::generate(s(curve)));
        let reference = ok(a.shared_secret(s(&public(&b, "pem"))));
        assert_eq!(reference.len(), 32, "{curve}");
        assert_ne!(reference, [0; 32], "{curve}");
        for format in ["pem", "raw", "jwk", "spki"] {
            assert_eq!(
                ok(a.shared_secret(s(&public(&b, format)))),
                reference,
                "{curve} {format}"
            );
            assert_eq!(
                ok(b.shared_secret(s(&public(&a, format)))),
                reference,
                "{curve} {format}"
            );
        }
        let c = ok(KeyPair::generate(s(curve)));
        assert_ne!(
            ok(a.shared_secret(s(&public(&c, "pem")))),
            reference,
            "{curve}"
        );
    }
}

#[wasm_bindgen_test]
fn inspect_public_key_returns_every_format() {
    let inputs = [
        (P256_GI_PEM, "pem"),
        (P256_GI_SPKI, "spki"),
        (P256_GI_SPKI_BASE64, "spki-base64"),
        (P256_GI, "raw"),
        (P256_GI_RAW_BASE64, "raw-base64"),
        (P256_GI_COMPRESSED, "compressed"),
        (P256_GI_COMPRESSED_BASE64, "compressed-base64"),
    ];
    let jwk = public(&import(P256_I, Some("P-256")), "jwk");
    for (text, format) in inputs.into_iter().chain([(jwk.as_str(), "jwk")]) {
        let inspection = ok(api::inspect_public_key(s(text)));
        assert!(inspection.is_object(), "{format}");
        let keys: Vec<String> = Object::keys(inspection.unchecked_ref::<Object>())
            .iter()
            .filter_map(|k| k.as_string())
            .collect();
        assert_eq!(
            keys,
            [
                "curve",
                "format",
                "source",
                "pem",
                "spki",
                "raw",
                "compressed",
                "jwk",
                "fingerprint",
                "der",
                "containsPrivateKey",
                "bareBytes",
                "warnings"
            ],
            "{format}"
        );
        assert_eq!(get_string(&inspection, "source"), "public-key");
        assert!(!get_bool(&inspection, "containsPrivateKey"));
        // Bytes with nothing saying what they are: raw keys as hex or base64.
        assert_eq!(
            get_bool(&inspection, "bareBytes"),
            format.starts_with("raw"),
            "{format}"
        );
        assert_eq!(get_string(&inspection, "curve"), "P-256");
        assert_eq!(get_string(&inspection, "format"), format);
        assert_eq!(get_string(&inspection, "pem"), P256_GI_PEM);
        assert_eq!(get_string(&inspection, "spki"), P256_GI_SPKI);
        assert_eq!(get_string(&inspection, "raw"), P256_GI);
        assert_eq!(get_string(&inspection, "compressed"), P256_GI_COMPRESSED);
        assert_eq!(get_string(&inspection, "jwk"), jwk);
        assert_eq!(get_string(&inspection, "fingerprint"), P256_GI_FINGERPRINT);
    }

    let inspection = ok(api::inspect_public_key(s(ALICE_X25519_PUBLIC_PEM)));
    assert_eq!(get_string(&inspection, "curve"), "X25519");
    assert_eq!(get_string(&inspection, "format"), "pem");
    assert_eq!(get_string(&inspection, "pem"), ALICE_X25519_PUBLIC_PEM);
    assert_eq!(get_string(&inspection, "spki"), ALICE_X25519_SPKI);
    assert_eq!(get_string(&inspection, "raw"), ALICE_X25519_PUBLIC);
    assert_eq!(
        get_string(&inspection, "fingerprint"),
        ALICE_X25519_FINGERPRINT
    );
    let jwk = parse_json(&get_string(&inspection, "jwk"));
    assert_eq!(get_string(&jwk, "crv"), "X25519");
    // X25519 has no compressed form: the property is absent, not null.
    assert!(!Reflect::has(&inspection, &s("compressed")).unwrap());
    assert_eq!(
        Object::keys(inspection.unchecked_ref::<Object>()).length(),
        12
    );
    assert!(!Reflect::has(&inspection, &s("certificate")).unwrap());
    assert!(!Reflect::has(&inspection, &s("comment")).unwrap());
    assert!(!get_bool(&inspection, "bareBytes"));
    let raw = ok(api::inspect_public_key(s(ALICE_X25519_PUBLIC)));
    assert_eq!(get_string(&raw, "format"), "raw");
    assert_eq!(get_string(&raw, "curve"), "X25519");
    // 32 bytes with nothing saying what they are: a private scalar looks the same.
    assert!(get_bool(&raw, "bareBytes"));
    // Surrounding white space, as pasted, is ignored.
    let padded = format!("\n  {P256_GI_COMPRESSED}  \n");
    let inspection = ok(api::inspect_public_key(s(&padded)));
    assert_eq!(get_string(&inspection, "raw"), P256_GI);
}

#[wasm_bindgen_test]
fn hkdf_extract_rfc5869() {
    let prk = ok(api::hkdf_extract(Some(hex_u8a(HKDF_SALT)), u8a(&HKDF_IKM)));
    assert_eq!(hex::encode(prk), HKDF_PRK);
    // A missing salt is 32 zero bytes (RFC 5869 §2.2), as is an empty one (A.3).
    for salt in [
        None,
        Some(JsValue::NULL),
        Some(JsValue::UNDEFINED),
        Some(u8a(&[0; 32])),
        Some(u8a(&[])),
    ] {
        let prk = ok(api::hkdf_extract(salt.clone(), u8a(&HKDF_IKM)));
        assert_eq!(hex::encode(prk), HKDF_TC3_PRK, "salt {salt:?}");
    }
}

#[wasm_bindgen_test]
fn hkdf_expand_rfc5869() {
    let okm = ok(api::hkdf_expand(
        hex_u8a(HKDF_PRK),
        Some(hex_u8a(HKDF_INFO)),
        num(42.0),
    ));
    assert_eq!(hex::encode(okm), HKDF_OKM);
    let okm = ok(api::hkdf_expand(hex_u8a(HKDF_TC3_PRK), None, num(42.0)));
    assert_eq!(hex::encode(okm), HKDF_TC3_OKM);
    // A missing info is empty.
    for info in [
        Some(JsValue::NULL),
        Some(JsValue::UNDEFINED),
        Some(u8a(&[])),
    ] {
        let okm = ok(api::hkdf_expand(hex_u8a(HKDF_TC3_PRK), info, num(42.0)));
        assert_eq!(hex::encode(okm), HKDF_TC3_OKM);
    }
    // Shorter output is a prefix; the bounds 1 and 255 × 32 are allowed.
    let short = ok(api::hkdf_expand(
        hex_u8a(HKDF_PRK),
        Some(hex_u8a(HKDF_INFO)),
        num(5.0),
    ));
    assert_eq!(hex::encode(short), HKDF_OKM[..10]);
    assert_eq!(
        ok(api::hkdf_expand(hex_u8a(HKDF_PRK), None, num(1.0))).len(),
        1
    );
    assert_eq!(
        ok(api::hkdf_expand(hex_u8a(HKDF_PRK), None, num(8160.0))).len(),
        8160
    );
}

#[wasm_bindgen_test]
fn hkdf_one_call_rfc5869() {
    let okm = ok(api::hkdf(
        u8a(&HKDF_IKM),
        Some(hex_u8a(HKDF_SALT)),
        Some(hex_u8a(HKDF_INFO)),
        num(42.0),
    ));
    assert_eq!(hex::encode(okm), HKDF_OKM);
    for (salt, info) in [
        (None, None),
        (Some(JsValue::NULL), Some(JsValue::NULL)),
        (Some(JsValue::UNDEFINED), Some(JsValue::UNDEFINED)),
        (Some(u8a(&[0; 32])), Some(u8a(&[]))),
    ] {
        let okm = ok(api::hkdf(u8a(&HKDF_IKM), salt, info, num(42.0)));
        assert_eq!(hex::encode(okm), HKDF_TC3_OKM);
    }
}

#[wasm_bindgen_test]
fn encrypt_and_decrypt_round_trip() {
    let key = u8a(&[0x42; 32]);
    for plaintext in [&b""[..], b"hello", &[0xa5; 1000]] {
        let envelope = ok(api::encrypt(key.clone(), u8a(plaintext), None));
        assert_eq!(envelope.len(), 12 + plaintext.len() + 16);
        assert_eq!(
            ok(api::decrypt(key.clone(), u8a(&envelope), None)),
            plaintext
        );
        // Absent associated data is the same however it is absent.
        let envelope = ok(api::encrypt(
            key.clone(),
            u8a(plaintext),
            aad_arg(JsValue::NULL),
        ));
        assert_eq!(
            ok(api::decrypt(
                key.clone(),
                u8a(&envelope),
                aad_arg(JsValue::UNDEFINED)
            )),
            plaintext
        );

        let aad = u8a(b"header");
        let envelope = ok(api::encrypt(
            key.clone(),
            u8a(plaintext),
            aad_arg(aad.clone()),
        ));
        assert_eq!(
            ok(api::decrypt(key.clone(), u8a(&envelope), aad_arg(aad))),
            plaintext
        );
        // Associated data is authenticated, not optional, once used.
        assert_eq!(
            message(api::decrypt(key.clone(), u8a(&envelope), None).unwrap_err()),
            "message authentication failed"
        );
    }
    // Every envelope gets a fresh nonce.
    let a = ok(api::encrypt(key.clone(), u8a(b"same"), None));
    let b = ok(api::encrypt(key, u8a(b"same"), None));
    assert_ne!(a[..12], b[..12]);
    assert_ne!(a, b);
}

#[wasm_bindgen_test]
fn encrypt_with_nonce_is_deterministic() {
    let sealed = ok(api::encrypt_with_nonce(
        hex_u8a(GCM_KEY),
        hex_u8a(GCM_IV),
        hex_u8a(GCM_MSG),
        aad_arg(hex_u8a(GCM_AAD)),
    ));
    assert_eq!(hex::encode(&sealed), format!("{GCM_IV}{GCM_CT_TAG}"));
    let again = ok(api::encrypt_with_nonce(
        hex_u8a(GCM_KEY),
        hex_u8a(GCM_IV),
        hex_u8a(GCM_MSG),
        aad_arg(hex_u8a(GCM_AAD)),
    ));
    assert_eq!(sealed, again, "same key and nonce, same envelope");
    let opened = ok(api::decrypt(
        hex_u8a(GCM_KEY),
        u8a(&sealed),
        aad_arg(hex_u8a(GCM_AAD)),
    ));
    assert_eq!(hex::encode(opened), GCM_MSG);
    let other = ok(api::encrypt_with_nonce(
        hex_u8a(GCM_KEY),
        u8a(&[0; 12]),
        hex_u8a(GCM_MSG),
        aad_arg(hex_u8a(GCM_AAD)),
    ));
    assert_ne!(other[12..], sealed[12..]);
}

#[wasm_bindgen_test]
fn tls12_prf_known_answer() {
    let out = ok(api::tls12_prf(
        hex_u8a(PRF_SECRET),
        s("test label"),
        hex_u8a(PRF_SEED),
        num(100.0),
    ));
    assert_eq!(hex::encode(out), PRF_OUTPUT);
    let first = ok(api::tls12_prf(
        hex_u8a(PRF_SECRET),
        s("test label"),
        hex_u8a(PRF_SEED),
        num(32.0),
    ));
    assert_eq!(
        hex::encode(first),
        "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
    );
    let other_label = ok(api::tls12_prf(
        hex_u8a(PRF_SECRET),
        s("master secret"),
        hex_u8a(PRF_SEED),
        num(32.0),
    ));
    assert_ne!(hex::encode(other_label), PRF_OUTPUT[..64]);
}

#[wasm_bindgen_test]
fn signing_key_generate() {
    let a = ok(SigningKey::generate());
    let b = ok(SigningKey::generate());
    assert_eq!(unhex(&ok(a.public_key(some("raw")))).len(), 65);
    assert_ne!(ok(a.public_key(None)), ok(b.public_key(None)));
    let signature = ok(a.sign(u8a(b"hi")));
    assert!(ok(api::verify_signature(
        s(&ok(a.public_key(None))),
        u8a(b"hi"),
        u8a(&signature)
    )));
    assert!(!ok(api::verify_signature(
        s(&ok(b.public_key(None))),
        u8a(b"hi"),
        u8a(&signature)
    )));
}

#[wasm_bindgen_test]
fn signing_key_from_seed_is_deterministic() {
    let a = ok(SigningKey::from_seed(u8a(b"server"), some("identity")));
    let again = ok(SigningKey::from_seed(u8a(b"server"), some("identity")));
    let other = ok(SigningKey::from_seed(u8a(b"server"), some("other")));
    assert_eq!(ok(a.public_key(None)), ok(again.public_key(None)));
    assert_eq!(ok(a.sign(u8a(b"m"))), ok(again.sign(u8a(b"m"))));
    assert_ne!(ok(a.public_key(None)), ok(other.public_key(None)));
    let unlabelled = ok(SigningKey::from_seed(u8a(b"server"), None));
    let empty = ok(SigningKey::from_seed(u8a(b"server"), some("")));
    assert_eq!(ok(unlabelled.public_key(None)), ok(empty.public_key(None)));
    // The derivation is the one `KeyPair.fromSeed` documents, on P-256.
    let pair = seeded("P-256", b"server", Some("identity"));
    assert_eq!(ok(a.public_key(None)), public(&pair, "pem"));
}

#[wasm_bindgen_test]
fn signing_key_import_private_key() {
    // A raw scalar is taken as P-256.
    let key = ok(SigningKey::import_private_key(s(ECDSA_X)));
    assert_eq!(ok(key.public_key(some("raw"))), ECDSA_U);
    for format in PRIVATE_FORMATS {
        let text = ok(key.reveal_private_key(some(format)));
        let back = ok(SigningKey::import_private_key(s(&text)));
        assert_eq!(ok(back.public_key(some("raw"))), ECDSA_U, "{format}");
    }
    // A P-256 key pair's key signs too, from any of its formats.
    let pair = import(P256_I, Some("P-256"));
    for text in [
        P256_I_PEM,
        P256_I_SEC1_PEM,
        P256_I_PKCS8,
        reveal(&pair, "jwk").as_str(),
    ] {
        let key = ok(SigningKey::import_private_key(s(text)));
        assert_eq!(ok(key.public_key(some("raw"))), P256_GI);
    }
}

#[wasm_bindgen_test]
fn signing_key_public_key_in_every_format() {
    let key = ok(SigningKey::import_private_key(s(P256_I_PEM)));
    assert_eq!(ok(key.public_key(None)), P256_GI_PEM);
    let pair = import(P256_I, Some("P-256"));
    for format in PUBLIC_FORMATS {
        assert_eq!(
            ok(key.public_key(some(format))),
            public(&pair, format),
            "{format}"
        );
    }
    assert_eq!(ok(key.public_key(some("compressed"))), P256_GI_COMPRESSED);
    assert_eq!(ok(key.public_key(some("spki"))), P256_GI_SPKI);
}

#[wasm_bindgen_test]
fn signing_key_reveal_private_key() {
    let key = ok(SigningKey::import_private_key(s(P256_I)));
    assert_eq!(ok(key.reveal_private_key(None)), P256_I_PEM);
    assert_eq!(ok(key.reveal_private_key(some("pem"))), P256_I_PEM);
    assert_eq!(ok(key.reveal_private_key(some("pkcs8"))), P256_I_PKCS8);
    assert_eq!(ok(key.reveal_private_key(some("raw"))), P256_I);
    let jwk = parse_json(&ok(key.reveal_private_key(some("jwk"))));
    assert_eq!(get_string(&jwk, "d"), P256_I_JWK_D);
    assert_eq!(get_string(&jwk, "x"), P256_GI_JWK_X);
}

#[wasm_bindgen_test]
fn signing_key_sign_rfc6979() {
    let key = ok(SigningKey::import_private_key(s(ECDSA_X)));
    assert_eq!(hex::encode(ok(key.sign(u8a(b"sample")))), ECDSA_SAMPLE_DER);
    assert_eq!(hex::encode(ok(key.sign(u8a(b"test")))), ECDSA_TEST_DER);
    // Deterministic: the same message, the same signature.
    assert_eq!(ok(key.sign(u8a(b"sample"))), ok(key.sign(u8a(b"sample"))));
    assert!(!ok(key.sign(u8a(b""))).is_empty());
}

#[wasm_bindgen_test]
fn signing_key_sign_p1363_rfc6979() {
    let key = ok(SigningKey::import_private_key(s(ECDSA_X)));
    let sample = ok(key.sign_p1363(u8a(b"sample")));
    assert_eq!(sample.len(), 64);
    assert_eq!(hex::encode(sample), ECDSA_SAMPLE_P1363);
    assert_eq!(
        hex::encode(ok(key.sign_p1363(u8a(b"test")))),
        ECDSA_TEST_P1363
    );
}

#[wasm_bindgen_test]
fn verify_signature_both_shapes() {
    let key = ok(SigningKey::import_private_key(s(ECDSA_X)));
    let signatures = [unhex(ECDSA_SAMPLE_DER), unhex(ECDSA_SAMPLE_P1363)];
    for format in PUBLIC_FORMATS {
        let public_key = ok(key.public_key(some(format)));
        for signature in &signatures {
            let verify = |message: &[u8], signature: &[u8]| {
                ok(api::verify_signature(
                    s(&public_key),
                    u8a(message),
                    u8a(signature),
                ))
            };
            assert!(verify(b"sample", signature), "{format}");
            // A tampered message.
            assert!(!verify(b"Sample", signature), "{format}");
            assert!(!verify(b"sample ", signature), "{format}");
            assert!(!verify(b"", signature), "{format}");
            // A tampered signature.
            let mut flipped = signature.clone();
            let last = flipped.len() - 1;
            flipped[last] ^= 1;
            assert!(!verify(b"sample", &flipped), "{format}");
            // The other message's signature.
            assert!(!verify(b"test", signature), "{format}");
        }
        let verify = |signature: &[u8]| {
            ok(api::verify_signature(
                s(&public_key),
                u8a(b"sample"),
                u8a(signature),
            ))
        };
        // Garbage signatures are a verdict, not an error.
        assert!(!verify(&[]), "{format}");
        assert!(!verify(&[1, 2, 3]), "{format}");
        assert!(!verify(&[0; 64]), "{format}");
        assert!(!verify(&[0xff; 64]), "{format}");
        assert!(!verify(&[0x30; 70]), "{format}");
        assert!(
            !verify(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]),
            "{format}"
        );
    }
    // A signature from another key.
    let other = ok(SigningKey::generate());
    let foreign = ok(other.sign(u8a(b"sample")));
    let public_key = ok(key.public_key(None));
    assert!(!ok(api::verify_signature(
        s(&public_key),
        u8a(b"sample"),
        u8a(&foreign)
    )));
    assert!(ok(api::verify_signature(
        s(&ok(other.public_key(some("jwk")))),
        u8a(b"sample"),
        u8a(&foreign)
    )));
}

#[wasm_bindgen_test]
fn supported_curves_lists_both() {
    let curves = Array::from(&api::supported_curves());
    assert!(Array::is_array(&api::supported_curves()));
    let names: Vec<String> = curves.iter().filter_map(|c| c.as_string()).collect();
    assert_eq!(names, CURVES);
    for name in curves.iter() {
        let pair = ok(KeyPair::generate(name.clone()));
        assert_eq!(JsValue::from_str(&pair.curve()), name);
    }
}

// ---------------------------------------------------------------------------------------
// Malformed input: every export, every kind of wrong argument. Each must throw an Error
// that says what was expected and what was found, and leave the module working.

/// Values that are not a `Uint8Array`, with the type name the message must give.
fn not_bytes() -> Vec<(JsValue, &'static str)> {
    vec![
        (JsValue::NULL, "got null"),
        (JsValue::UNDEFINED, "got undefined"),
        (num(42.0), "got number"),
        (JsValue::TRUE, "got boolean"),
        (
            s("hello"),
            "got string (encode text with new TextEncoder().encode(text))",
        ),
        (
            Array::of3(&num(1.0), &num(2.0), &num(3.0)).into(),
            "got an array",
        ),
        (ArrayBuffer::new(4).into(), "got object"),
        (Int8Array::new_with_length(4).into(), "got object"),
        (Object::new().into(), "got object"),
        (JsValue::bigint_from_str("7"), "got bigint"),
    ]
}

/// Values that are not a string, with the type name the message must give.
fn not_strings() -> Vec<(JsValue, &'static str)> {
    vec![
        (JsValue::NULL, "got null"),
        (JsValue::UNDEFINED, "got undefined"),
        (num(42.0), "got number"),
        (JsValue::FALSE, "got boolean"),
        (u8a(b"-----BEGIN"), "got object"),
        (Array::new().into(), "got an array"),
    ]
}

/// Bad `length` arguments, with what the message must contain.
fn bad_lengths() -> Vec<(JsValue, &'static str)> {
    vec![
        (num(-1.0), "got -1"),
        (num(-32.0), "got -32"),
        (num(1.5), "got 1.5"),
        (num(0.1), "got 0.1"),
        (num(f64::NAN), "got NaN"),
        (num(f64::INFINITY), "expected a whole number of bytes"),
        (num(1e10), "got 10000000000"),
        (num(1e300), "length"),
        (s("32"), "expected a number, got string"),
        (JsValue::NULL, "expected a number, got null"),
        (JsValue::UNDEFINED, "expected a number, got undefined"),
        (
            JsValue::bigint_from_str("32"),
            "expected a number, got bigint",
        ),
    ]
}

/// Deterministic noise, as if random bytes had been pasted.
fn noise(length: usize) -> Vec<u8> {
    ok(api::hkdf(u8a(b"noise"), None, None, num(length as f64)))
}

/// `text` with its last `cut` characters gone, as a paste that stopped short.
fn truncated(text: &str, cut: usize) -> String {
    text[..text.len() - cut].to_owned()
}

#[wasm_bindgen_test]
fn rejects_unknown_curve_names() {
    for (curve, words) in [
        (
            s("P-384"),
            ["unknown curve \"P-384\"", "\"P-256\" and \"X25519\""],
        ),
        (s(""), ["unknown curve \"\"", "\"P-256\" and \"X25519\""]),
        (s("Ed25519"), ["unknown curve \"Ed25519\"", "\"X25519\""]),
        (
            JsValue::NULL,
            ["curve: expected a string, got null", "curve"],
        ),
        (
            JsValue::UNDEFINED,
            ["curve: expected a string, got undefined", "curve"],
        ),
        (num(42.0), ["curve: expected a string, got number", "curve"]),
        (
            num(256.0),
            ["curve: expected a string, got number", "curve"],
        ),
    ] {
        let [first, second] = words;
        rejects!(KeyPair::generate(curve.clone()), first, second);
        rejects!(
            KeyPair::from_seed(curve.clone(), u8a(b"seed"), None),
            first,
            second
        );
        rejects!(
            KeyPair::from_seed(curve, u8a(b"seed"), some("alice")),
            first,
            second
        );
    }
    for curve in ["P-384", "", "ed25519", "RSA"] {
        let expected = format!("unknown curve {curve:?}");
        rejects!(
            KeyPair::import_private_key(s(P256_I_PEM), some(curve)),
            expected.as_str(),
            "supported curves"
        );
        rejects!(
            KeyPair::import_private_key(s(P256_I), some(curve)),
            expected.as_str()
        );
    }
}

#[wasm_bindgen_test]
fn rejects_wrong_argument_types() {
    for (value, found) in not_bytes() {
        let seed = format!("seed: expected a Uint8Array, {found}");
        rejects!(
            KeyPair::from_seed(s("X25519"), value.clone(), None),
            seed.as_str()
        );
        rejects!(SigningKey::from_seed(value.clone(), None), seed.as_str());

        let ikm = format!("ikm: expected a Uint8Array, {found}");
        rejects!(api::hkdf_extract(None, value.clone()), ikm.as_str());
        rejects!(
            api::hkdf(value.clone(), None, None, num(32.0)),
            ikm.as_str()
        );
        let prk = format!("prk: expected a Uint8Array, {found}");
        rejects!(
            api::hkdf_expand(value.clone(), None, num(32.0)),
            prk.as_str()
        );
        let secret = format!("secret: expected a Uint8Array, {found}");
        rejects!(
            api::tls12_prf(value.clone(), s("l"), u8a(b"s"), num(32.0)),
            secret.as_str()
        );
        let seed_arg = format!("seed: expected a Uint8Array, {found}");
        rejects!(
            api::tls12_prf(u8a(b"k"), s("l"), value.clone(), num(32.0)),
            seed_arg.as_str()
        );

        let key = format!("key: expected a Uint8Array, {found}");
        let plaintext = format!("plaintext: expected a Uint8Array, {found}");
        let envelope = format!("envelope: expected a Uint8Array, {found}");
        let nonce = format!("nonce: expected a Uint8Array, {found}");
        let k = || u8a(&[1; 32]);
        rejects!(api::encrypt(value.clone(), u8a(b"p"), None), key.as_str());
        rejects!(api::encrypt(k(), value.clone(), None), plaintext.as_str());
        rejects!(
            api::encrypt_with_nonce(value.clone(), u8a(&[0; 12]), u8a(b"p"), None),
            key.as_str()
        );
        rejects!(
            api::encrypt_with_nonce(k(), value.clone(), u8a(b"p"), None),
            nonce.as_str()
        );
        rejects!(
            api::encrypt_with_nonce(k(), u8a(&[0; 12]), value.clone(), None),
            plaintext.as_str()
        );
        rejects!(
            api::decrypt(value.clone(), u8a(&[0; 28]), None),
            key.as_str()
        );
        rejects!(api::decrypt(k(), value.clone(), None), envelope.as_str());

        let message_arg = format!("message: expected a Uint8Array, {found}");
        let signer = ok(SigningKey::from_seed(u8a(b"signer"), None));
        rejects!(signer.sign(value.clone()), message_arg.as_str());
        rejects!(signer.sign_p1363(value.clone()), message_arg.as_str());
        let public_key = ok(signer.public_key(None));
        rejects!(
            api::verify_signature(s(&public_key), value.clone(), u8a(&[0; 64])),
            message_arg.as_str()
        );
        let signature = format!("signature: expected a Uint8Array, {found}");
        rejects!(
            api::verify_signature(s(&public_key), u8a(b"m"), value.clone()),
            signature.as_str()
        );
        // The signer still signs after refusing.
        assert!(ok(api::verify_signature(
            s(&public_key),
            u8a(b"m"),
            u8a(&ok(signer.sign(u8a(b"m"))))
        )));
    }

    // Optional byte arguments: null and undefined mean absent, anything else that is not
    // a Uint8Array is an error naming the argument.
    for (value, found) in not_bytes() {
        if value.is_null() || value.is_undefined() {
            continue;
        }
        let salt = format!("salt: expected a Uint8Array, {found}");
        rejects!(
            api::hkdf_extract(Some(value.clone()), u8a(b"ikm")),
            salt.as_str()
        );
        rejects!(
            api::hkdf(u8a(b"ikm"), Some(value.clone()), None, num(32.0)),
            salt.as_str()
        );
        let info = format!("info: expected a Uint8Array, {found}");
        rejects!(
            api::hkdf_expand(u8a(&[0; 32]), Some(value.clone()), num(32.0)),
            info.as_str()
        );
        rejects!(
            api::hkdf(u8a(b"ikm"), None, Some(value.clone()), num(32.0)),
            info.as_str()
        );
        let aad = format!("aad: expected a Uint8Array, {found}");
        let k = || u8a(&[1; 32]);
        rejects!(
            api::encrypt(k(), u8a(b"p"), aad_arg(value.clone())),
            aad.as_str()
        );
        rejects!(
            api::encrypt_with_nonce(k(), u8a(&[0; 12]), u8a(b"p"), aad_arg(value.clone())),
            aad.as_str()
        );
        let envelope = ok(api::encrypt(k(), u8a(b"p"), None));
        rejects!(
            api::decrypt(k(), u8a(&envelope), aad_arg(value.clone())),
            aad.as_str()
        );
    }

    for (value, found) in not_strings() {
        let text = format!("text: expected a string, {found}");
        rejects!(
            KeyPair::import_private_key(value.clone(), None),
            text.as_str()
        );
        rejects!(
            KeyPair::import_private_key(value.clone(), some("P-256")),
            text.as_str()
        );
        rejects!(SigningKey::import_private_key(value.clone()), text.as_str());
        rejects!(api::inspect_public_key(value.clone()), text.as_str());
        let peer = format!("peerPublicKey: expected a string, {found}");
        for curve in CURVES {
            let pair = seeded(curve, b"types", None);
            rejects!(pair.shared_secret(value.clone()), peer.as_str());
        }
        let label = format!("label: expected a string, {found}");
        rejects!(
            api::tls12_prf(u8a(b"k"), value.clone(), u8a(b"s"), num(32.0)),
            label.as_str()
        );
        let public_key = format!("publicKey: expected a string, {found}");
        rejects!(
            api::verify_signature(value.clone(), u8a(b"m"), u8a(&[0; 64])),
            public_key.as_str()
        );
    }
}

#[wasm_bindgen_test]
fn rejects_bad_lengths() {
    for (length, words) in bad_lengths() {
        rejects!(
            api::hkdf(u8a(b"ikm"), None, None, length.clone()),
            "length",
            words
        );
        rejects!(
            api::hkdf_expand(u8a(&[0; 32]), None, length.clone()),
            "length",
            words
        );
        rejects!(
            api::tls12_prf(u8a(b"k"), s("l"), u8a(b"s"), length.clone()),
            "length",
            words
        );
    }
    // Whole numbers out of range.
    for bad in [0.0, 8161.0, 1e6, 1e9] {
        let expected = format!("output length must be between 1 and 8160 bytes, got {bad}");
        rejects!(
            api::hkdf(u8a(b"ikm"), None, None, num(bad)),
            expected.as_str()
        );
        rejects!(
            api::hkdf_expand(u8a(&[0; 32]), None, num(bad)),
            expected.as_str()
        );
    }
    for bad in [0.0, 65537.0, 1e9] {
        let expected = format!("output length must be between 1 and 65536 bytes, got {bad}");
        rejects!(
            api::tls12_prf(u8a(b"k"), s("l"), u8a(b"s"), num(bad)),
            expected.as_str()
        );
    }
    // The largest lengths allowed work; -0 is 0.
    assert_eq!(
        ok(api::tls12_prf(u8a(b"k"), s("l"), u8a(b"s"), num(65536.0))).len(),
        65536
    );
    rejects!(
        api::hkdf(u8a(b"ikm"), None, None, num(-0.0)),
        "between 1 and 8160 bytes, got 0"
    );

    // Keys, nonces, PRKs and envelopes of the wrong length.
    for bad in [0, 16, 31, 33, 64] {
        let expected = format!("AES-256 key: expected 32 bytes, got {bad}");
        rejects!(
            api::encrypt(u8a(&vec![1; bad]), u8a(b"p"), None),
            expected.as_str()
        );
        rejects!(
            api::encrypt_with_nonce(u8a(&vec![1; bad]), u8a(&[0; 12]), u8a(b"p"), None),
            expected.as_str()
        );
        rejects!(
            api::decrypt(u8a(&vec![1; bad]), u8a(&[0; 40]), None),
            expected.as_str()
        );
    }
    for bad in [0, 8, 11, 13, 16] {
        let expected = format!("AES-GCM nonce: expected 12 bytes (96 bits), got {bad}");
        rejects!(
            api::encrypt_with_nonce(u8a(&[1; 32]), u8a(&vec![0; bad]), u8a(b"p"), None),
            expected.as_str()
        );
    }
    for bad in [0, 12, 27] {
        let expected = format!("expected at least 28 bytes, got {bad}");
        rejects!(
            api::decrypt(u8a(&[1; 32]), u8a(&vec![0; bad]), None),
            "AES-GCM envelope",
            expected.as_str()
        );
    }
    for bad in [0, 16, 31] {
        let expected =
            format!("HKDF pseudorandom key (PRK): expected at least 32 bytes, got {bad}");
        rejects!(
            api::hkdf_expand(u8a(&vec![0; bad]), None, num(32.0)),
            expected.as_str()
        );
    }
}

#[wasm_bindgen_test]
fn rejects_tampered_envelopes() {
    let key = u8a(&[9; 32]);
    let aad = u8a(b"context");
    let envelope = ok(api::encrypt(
        key.clone(),
        u8a(b"attack at dawn"),
        aad_arg(aad.clone()),
    ));
    for i in 0..envelope.len() {
        let mut tampered = envelope.clone();
        tampered[i] ^= 0x80;
        let result = api::decrypt(key.clone(), u8a(&tampered), aad_arg(aad.clone()));
        // Nothing beyond the kind of failure: not which byte, not which part.
        assert_eq!(
            message(result.unwrap_err()),
            "message authentication failed",
            "byte {i}"
        );
    }
    still_works();
    let mut cut = envelope.clone();
    cut.pop();
    rejects!(
        api::decrypt(key.clone(), u8a(&cut), aad_arg(aad.clone())),
        "message authentication failed"
    );
    let mut longer = envelope.clone();
    longer.push(0);
    rejects!(
        api::decrypt(key.clone(), u8a(&longer), aad_arg(aad.clone())),
        "message authentication failed"
    );
    rejects!(
        api::decrypt(u8a(&[8; 32]), u8a(&envelope), aad_arg(aad.clone())),
        "message authentication failed"
    );
    rejects!(
        api::decrypt(key.clone(), u8a(&envelope), aad_arg(u8a(b"Context"))),
        "message authentication failed"
    );
    rejects!(
        api::decrypt(key.clone(), u8a(&envelope), None),
        "message authentication failed"
    );
    rejects!(
        api::decrypt(key.clone(), u8a(&envelope), aad_arg(JsValue::NULL)),
        "message authentication failed"
    );
    rejects!(
        api::decrypt(key.clone(), u8a(&[0; 28]), None),
        "message authentication failed"
    );
    // The genuine envelope still opens.
    assert_eq!(
        ok(api::decrypt(key, u8a(&envelope), aad_arg(aad))),
        b"attack at dawn"
    );
}

#[wasm_bindgen_test]
fn rejects_bad_format_names() {
    let pair = seeded("P-256", b"formats", None);
    let signer = ok(SigningKey::from_seed(u8a(b"formats"), None));
    for bad in ["", "PEM", "der", "pkcs8", "hex", "jwk ", "spki-hex"] {
        let expected = format!("unknown public key format {bad:?}");
        rejects!(
            pair.public_key(some(bad)),
            expected.as_str(),
            "\"pem\", \"spki\", \"raw\""
        );
        rejects!(signer.public_key(some(bad)), expected.as_str());
    }
    for bad in ["", "PEM", "spki", "compressed", "sec1", "der", "raw-base64"] {
        let expected = format!("unknown private key format {bad:?}");
        rejects!(
            pair.reveal_private_key(some(bad)),
            expected.as_str(),
            "\"pem\", \"pkcs8\", \"raw\""
        );
        rejects!(signer.reveal_private_key(some(bad)), expected.as_str());
    }
    // X25519 has no point compression.
    let x = seeded("X25519", b"formats", None);
    for format in ["compressed", "compressed-base64"] {
        rejects!(
            x.public_key(some(format)),
            "point compression of an X25519 key",
            "not supported"
        );
    }
    // The key pairs still answer.
    assert_eq!(unhex(&public(&pair, "raw")).len(), 65);
    assert_eq!(unhex(&public(&x, "raw")).len(), 32);
}

#[wasm_bindgen_test]
fn rejects_bad_private_keys() {
    let p256 = seeded("P-256", b"bad private", None);
    let x25519 = seeded("X25519", b"bad private", None);
    let pem = reveal(&p256, "pem");
    let import_kp = |text: &str, curve: Option<&str>| {
        KeyPair::import_private_key(s(text), curve.map(str::to_owned))
    };

    // Truncated PEM, cut anywhere.
    for cut in [2, 10, 30, pem.len() / 2, pem.len() - 30] {
        let text = truncated(&pem, cut);
        rejects!(
            import_kp(&text, None),
            "malformed PEM",
            "-----END PRIVATE KEY-----",
            "cut off"
        );
        rejects!(
            SigningKey::import_private_key(s(&text)),
            "malformed PEM",
            "cut off"
        );
    }
    rejects!(
        import_kp("-----BEGIN PRIVATE KEY", None),
        "malformed PEM",
        "does not end with \"-----\""
    );
    rejects!(
        import_kp(
            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
            None
        ),
        "malformed PEM",
        "nothing between the BEGIN and END lines"
    );
    // The PEM is whole but the key inside is cut short.
    let der = unhex(&reveal(&p256, "pkcs8"));
    let short_body = base64_pem("PRIVATE KEY", &der[..der.len() - 20]);
    rejects!(import_kp(&short_body, None), "malformed PKCS#8");
    let short_hex = hex::encode(&der[..der.len() - 20]);
    rejects!(import_kp(&short_hex, None), "malformed PKCS#8");
    // A character that is not base64 inside the PEM.
    let (begin, body) = pem.split_once('\n').unwrap();
    let bad_char = format!("{begin}\n{}", body.replacen('A', "*", 1));
    rejects!(
        import_kp(&bad_char, None),
        "malformed PEM",
        "'*' is not a base64 character"
    );

    // Random bytes pasted as a key.
    let random_text = String::from_utf8_lossy(&noise(48)).into_owned();
    rejects!(
        import_kp(&random_text, None),
        "malformed private key",
        "not recognised"
    );
    rejects!(
        SigningKey::import_private_key(s(&random_text)),
        "malformed private key",
        "not recognised"
    );
    rejects!(
        import_kp("hello, world!", Some("P-256")),
        "malformed private key",
        "not recognised"
    );
    let mut random = noise(17);
    random[0] = 0x11;
    rejects!(
        import_kp(&hex::encode(&random), None),
        "private key bytes: expected a 32-byte scalar or PKCS#8 / SEC1 DER, got 17"
    );
    rejects!(
        import_kp("abc", Some("P-256")),
        "malformed hex",
        "odd number of hex digits (3)"
    );
    rejects!(
        import_kp("", None),
        "malformed private key",
        "the input is empty"
    );
    rejects!(
        import_kp("  \n ", Some("X25519")),
        "malformed private key",
        "the input is empty"
    );

    // A raw scalar needs its curve; scalars of the wrong length or out of range.
    rejects!(
        import_kp(P256_I, None),
        "a raw 32-byte scalar could be P-256 or X25519",
        "give the curve"
    );
    rejects!(import_kp(&"11".repeat(31), Some("P-256")), "got 31");
    rejects!(import_kp(&"11".repeat(33), Some("X25519")), "got 33");
    rejects!(
        import_kp(&"00".repeat(32), Some("P-256")),
        "invalid private key",
        "between 1 and the group order"
    );
    rejects!(import_kp(P256_ORDER, Some("P-256")), "invalid private key");
    rejects!(
        SigningKey::import_private_key(s(P256_ORDER)),
        "invalid private key"
    );

    // A key of the other curve, or of a curve the playground does not support.
    rejects!(
        import_kp(&pem, Some("X25519")),
        "expected an X25519 key, got a P-256 key"
    );
    rejects!(
        import_kp(&reveal(&p256, "jwk"), Some("X25519")),
        "expected an X25519 key, got a P-256 key"
    );
    rejects!(
        import_kp(&reveal(&x25519, "pem"), Some("P-256")),
        "expected a P-256 key, got an X25519 key"
    );
    rejects!(
        import_kp(&reveal(&x25519, "pkcs8"), Some("P-256")),
        "expected a P-256 key, got an X25519 key"
    );
    rejects!(
        SigningKey::import_private_key(s(&reveal(&x25519, "pem"))),
        "expected a P-256 key, got an X25519 key"
    );
    rejects!(
        SigningKey::import_private_key(s(&reveal(&x25519, "jwk"))),
        "expected a P-256 key, got an X25519 key"
    );
    rejects!(
        import_kp(P384_PRIVATE_PEM, None),
        "secp384r1 (P-384)",
        "not supported"
    );
    rejects!(
        SigningKey::import_private_key(s(P384_PRIVATE_PEM)),
        "P-384",
        "not supported"
    );

    // A public key where the private key belongs.
    rejects!(
        import_kp(P256_GI_PEM, None),
        "expected a private key, got a public key"
    );
    rejects!(
        SigningKey::import_private_key(s(P256_GI_PEM)),
        "expected a private key, got a public key"
    );
    rejects!(
        import_kp(&public(&p256, "jwk"), None),
        "a public JWK",
        "no \"d\""
    );
    // JWKs that are wrong inside.
    rejects!(import_kp("{", None), "malformed JWK");
    rejects!(
        import_kp("{\"kty\":\"EC\"}", None),
        "malformed JWK",
        "\"crv\""
    );
    rejects!(
        import_kp("{\"kty\":\"RSA\",\"n\":\"AQAB\"}", None),
        "an RSA key",
        "not supported"
    );
    let mismatched = reveal(&p256, "jwk").replace(
        &get_string(&parse_json(&reveal(&p256, "jwk")), "d"),
        P256_I_JWK_D,
    );
    rejects!(
        import_kp(&mismatched, None),
        "malformed JWK",
        "\"d\" is not the private key"
    );
    rejects!(
        import_kp(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
            None
        ),
        "expected a private key",
        "a certificate, which holds only a public key"
    );
}

#[wasm_bindgen_test]
fn rejects_bad_public_keys() {
    let p256 = seeded("P-256", b"bad public", None);
    let x25519 = seeded("X25519", b"bad public", None);
    let p256_peer = seeded("P-256", b"bad public", Some("peer"));
    let x25519_peer = seeded("X25519", b"bad public", Some("peer"));

    // A P-256 key given to an X25519 pair, and the other way round, in every format.
    for (format, text) in formats_of(&p256_peer) {
        rejects!(
            x25519.shared_secret(s(&text)),
            "expected an X25519 key, got a P-256 key"
        );
        assert!(!format.is_empty());
    }
    for (_, text) in formats_of(&x25519_peer) {
        rejects!(
            p256.shared_secret(s(&text)),
            "expected a P-256 key, got an X25519 key"
        );
        rejects!(
            api::verify_signature(s(&text), u8a(b"m"), u8a(&[1; 64])),
            "expected a P-256 key, got an X25519 key"
        );
    }
    // The pairs still agree with their own kind after refusing.
    assert_eq!(
        ok(x25519.shared_secret(s(&public(&x25519_peer, "pem")))),
        ok(x25519_peer.shared_secret(s(&public(&x25519, "raw"))))
    );

    let pem = public(&p256_peer, "pem");
    let consumers: [Consumer<'_>; 4] = [
        ("inspectPublicKey", &|t| {
            api::inspect_public_key(s(t)).map(drop)
        }),
        ("P-256 sharedSecret", &|t| {
            p256.shared_secret(s(t)).map(drop)
        }),
        ("X25519 sharedSecret", &|t| {
            x25519.shared_secret(s(t)).map(drop)
        }),
        ("verifySignature", &|t| {
            api::verify_signature(s(t), u8a(b"m"), u8a(&[1; 64])).map(drop)
        }),
    ];
    let mut off_curve = unhex(&public(&p256_peer, "raw"));
    off_curve[64] ^= 1;
    let mut random_text = String::from_utf8_lossy(&noise(40)).into_owned();
    random_text.push('!');
    let mut random_bytes = noise(40);
    random_bytes[0] = 0x11;
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            truncated(&pem, 2),
            vec!["malformed PEM", "-----END PUBLIC KEY-----", "cut off"],
        ),
        (truncated(&pem, 40), vec!["malformed PEM", "cut off"]),
        (
            truncated(&pem, pem.len() - 28),
            vec!["malformed PEM", "cut off"],
        ),
        (
            base64_pem("PUBLIC KEY", &unhex(P256_GI_SPKI)[..60]),
            vec!["malformed SubjectPublicKeyInfo"],
        ),
        (
            P256_GI_SPKI[..100].to_owned(),
            vec!["malformed SubjectPublicKeyInfo"],
        ),
        (
            String::new(),
            vec!["malformed public key", "the input is empty"],
        ),
        (random_text, vec!["malformed public key", "not recognised"]),
        (
            "hello, world!".to_owned(),
            vec!["malformed public key", "not recognised"],
        ),
        (
            hex::encode(&random_bytes),
            vec!["public key bytes", "got 40"],
        ),
        (
            "abc".to_owned(),
            vec!["malformed hex", "odd number of hex digits"],
        ),
        (hex::encode(&off_curve), vec!["point is not on the curve"]),
        ("00".to_owned(), vec!["point at infinity"]),
        (
            format!("04{}", "11".repeat(63)),
            vec!["uncompressed P-256 point (04‖x‖y): expected 65 bytes, got 64"],
        ),
        (
            format!("02{}", "11".repeat(33)),
            vec!["public key bytes", "got 34"],
        ),
        (
            format!("06{}", &P256_GI[2..]),
            vec!["malformed SEC1 point", "hybrid encoding"],
        ),
        (
            P384_PUBLIC_PEM.to_owned(),
            vec!["secp384r1 (P-384)", "not supported"],
        ),
        (
            ED25519_PUBLIC_PEM.to_owned(),
            vec!["Ed25519", "not supported"],
        ),
        (
            P256_I_PEM.to_owned(),
            vec!["expected a public key, got a private key"],
        ),
        (reveal(&x25519, "jwk"), vec!["a private JWK", "\"d\""]),
        (
            "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AA\",\"y\":\"AA\"}".to_owned(),
            vec!["a P-384 key", "not supported"],
        ),
        (
            "{\"kty\":\"OKP\",\"crv\":\"X25519\"}".to_owned(),
            vec!["malformed JWK", "\"x\""],
        ),
        (
            "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAA\"}".to_owned(),
            vec!["JWK member \"x\": expected 32 bytes, got 3"],
        ),
        (
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----".to_owned(),
            vec!["malformed certificate", "expected the Certificate SEQUENCE"],
        ),
    ];
    for (text, words) in &cases {
        let private = words.iter().any(|w| w.contains("private"));
        for (name, consume) in &consumers {
            if private && *name == "inspectPublicKey" {
                // The inspector reads a private key, and says first never to send it.
                let inspection = ok(api::inspect_public_key(s(text)));
                assert!(get_bool(&inspection, "containsPrivateKey"), "{text}");
                let warnings = Array::from(&get(&inspection, "warnings"));
                let first = warnings.get(0).as_string().unwrap_or_default();
                assert!(first.contains("PRIVATE key: never send it"), "{first}");
                continue;
            }
            let result = consume(text);
            let Err(error) = result else {
                panic!("{name} accepted {text:?}");
            };
            let found = message(error);
            for word in words {
                assert!(
                    found.contains(word),
                    "{name}({text:?}): {found:?} lacks {word:?}"
                );
            }
            still_works();
        }
    }

    // A low-order X25519 point gives an all-zero secret, which is refused.
    rejects!(
        x25519.shared_secret(s(&"00".repeat(32))),
        "all zeros",
        "low-order point"
    );
    let mut one = [0u8; 32];
    one[0] = 1;
    rejects!(
        x25519.shared_secret(s(&hex::encode(one))),
        "low-order point"
    );
}

/// An export that reads a public key, by name.
type Consumer<'a> = (&'static str, &'a dyn Fn(&str) -> Result<(), JsError>);

/// A PEM block around `der`, written here rather than by the code under test.
fn base64_pem(label: &str, der: &[u8]) -> String {
    use base64ct::{Base64, Encoding};
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        Base64::encode_string(der)
    )
}
