//! Negative tests: every error the playground reports, each with its exact message, and
//! `Debug` output that never shows a secret.
//!
//! Foreign keys (P-384, RSA, Ed25519) were made once with OpenSSL 3.0 (`openssl ecparam
//! -name secp384r1 -genkey`, `openssl genpkey -algorithm RSA|ED25519`, then `openssl pkey
//! [-pubout]`). The X25519 low-order points are those of Wycheproof's
//! `x25519_test.json` (tests/data/wycheproof) whose shared secret is all zeros.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers, not only #[test] functions: a panic is a failed test"
)]

use ecdh_playground::aead::{self, NONCE_LEN, TAG_LEN};
use ecdh_playground::keys::{der, jwk, text};
use ecdh_playground::sign::{self, SigningKey};
use ecdh_playground::{
    Curve, Error, KeyPair, PrivateKeyFormat, PublicKey, PublicKeyFormat, SecretKey, kdf,
};

/// The Display message of an error result.
fn message<T: core::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Ok(value) => panic!("expected an error, got Ok({value:?})"),
        Err(e) => e.to_string(),
    }
}

fn p256() -> KeyPair {
    KeyPair::from_seed(Curve::P256, b"errors test", "alice")
}

fn x25519() -> KeyPair {
    KeyPair::from_seed(Curve::X25519, b"errors test", "alice")
}

const UNSUPPORTED: &str = " is not supported: this playground works with P-256 and X25519 keys";

const P384_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAESKNOhcW3xRobeiM9QnU8eftU/WtGHgno
QSeQu2jA0vuHEscnPgHlAJvTKvJMPhDkrnWc4c2bKhSLXCE9GrbYHhCkF0wtumRM
l2Z6b7uS1h53kny1ez2rsajgmCKl4djp
-----END PUBLIC KEY-----
";
const P384_PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDCTFtFT/mujQgzCkBVy
r6CH+m+MPGx3UgdV5snrh/Sk5t0RMR/Wlg6rbBZa0PFQ+SChZANiAARIo06FxbfF
Ght6Iz1CdTx5+1T9a0YeCehBJ5C7aMDS+4cSxyc+AeUAm9Mq8kw+EOSudZzhzZsq
FItcIT0attgeEKQXTC26ZEyXZnpvu5LWHneSfLV7PauxqOCYIqXh2Ok=
-----END PRIVATE KEY-----
";
const P384_SEC1: &str = "-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDCTFtFT/mujQgzCkBVyr6CH+m+MPGx3UgdV5snrh/Sk5t0RMR/Wlg6r
bBZa0PFQ+SCgBwYFK4EEACKhZANiAARIo06FxbfFGht6Iz1CdTx5+1T9a0YeCehB
J5C7aMDS+4cSxyc+AeUAm9Mq8kw+EOSudZzhzZsqFItcIT0attgeEKQXTC26ZEyX
Znpvu5LWHneSfLV7PauxqOCYIqXh2Ok=
-----END EC PRIVATE KEY-----
";
const RSA_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDPRrOdLZDpkmEaxKYcNpjyOqUK
RferKcyDEP2iRA5/pl/jVhWD9WtMK9yNVwMTWXThq5IA2sDa3wvb1CuO8/V3D+MX
h7vDy5AMPCerxG2iRASc8x4TR7EZhMU59QSxpaLP+PFJ8aLmAYob3O3wHFXIH6Cz
V2YYRNuH2MziGrZ4VQIDAQAB
-----END PUBLIC KEY-----
";
const ED25519_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAfRtSlhioWZXAcTHouLgVM5+MxAHCrO1OMfe4AsbHFeA=
-----END PUBLIC KEY-----
";
const ED25519_PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIL+LTnAbslvqj4gCe+n+Cw8nJ6RLPINisDBrZMEkY90N
-----END PRIVATE KEY-----
";

/// Canonical X25519 u-coordinates of low order: u = 0, 1, the two points of order 8,
/// p - 1, and the non-canonical p and p + 1 (which are 0 and 1).
const X25519_LOW_ORDER: [&str; 7] = [
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
];

// ---------------------------------------------------------------------------------
// Curves

#[test]
fn unknown_curve_names_the_supported_ones() {
    assert_eq!(
        message("P-384".parse::<Curve>()),
        "unknown curve \"P-384\": the supported curves are \"P-256\" and \"X25519\""
    );
    assert_eq!(
        message("Ed25519".parse::<Curve>()),
        "unknown curve \"Ed25519\": the supported curves are \"P-256\" and \"X25519\""
    );
    assert_eq!(
        message("".parse::<Curve>()),
        "unknown curve \"\": the supported curves are \"P-256\" and \"X25519\""
    );
    for (name, curve) in [
        ("P-256", Curve::P256),
        (" secp256r1 ", Curve::P256),
        ("PRIME256V1", Curve::P256),
        ("X25519", Curve::X25519),
        ("curve25519", Curve::X25519),
    ] {
        assert_eq!(name.parse::<Curve>().unwrap(), curve, "{name:?}");
    }
}

#[test]
fn unknown_format_names_are_named() {
    assert_eq!(
        message("der".parse::<PublicKeyFormat>()),
        "malformed format name: unknown public key format \"der\": expected \"pem\", \"spki\", \
         \"raw\", \"compressed\", \"jwk\" or \"openssh\""
    );
    assert_eq!(
        message("sec1".parse::<PrivateKeyFormat>()),
        "malformed format name: unknown private key format \"sec1\": expected \"pem\", \
         \"pkcs8\", \"raw\" or \"jwk\""
    );
}

#[test]
fn wrong_curve_names_both_curves() {
    let p = p256();
    let x = x25519();
    assert_eq!(
        message(p.shared_secret_with(&x.public_key().to_pem())),
        "expected a P-256 key, got an X25519 key"
    );
    assert_eq!(
        message(p.shared_secret_with(&x.public_key().to_jwk())),
        "expected a P-256 key, got an X25519 key"
    );
    assert_eq!(
        message(x.shared_secret_with(&p.public_key().to_pem())),
        "expected an X25519 key, got a P-256 key"
    );
    assert_eq!(
        message(p.diffie_hellman(x.public_key())),
        "expected a P-256 key, got an X25519 key"
    );
    assert_eq!(
        message(p.public_key().expect_curve(Curve::X25519)),
        "expected an X25519 key, got a P-256 key"
    );
    // A private key read for one curve that is on the other.
    let pem = p.reveal_private_key(PrivateKeyFormat::Pem);
    assert_eq!(
        message(SecretKey::parse(&pem, Some(Curve::X25519))),
        "expected an X25519 key, got a P-256 key"
    );
    let jwk = x.reveal_private_key(PrivateKeyFormat::Jwk);
    assert_eq!(
        message(SecretKey::parse(&jwk, Some(Curve::P256))),
        "expected a P-256 key, got an X25519 key"
    );
    // X25519 keys cannot sign.
    let pem = x.reveal_private_key(PrivateKeyFormat::Pem);
    assert_eq!(
        message(SigningKey::import_private_key(&pem)),
        "expected a P-256 key, got an X25519 key"
    );
}

// ---------------------------------------------------------------------------------
// Keys of other algorithms

#[test]
fn unsupported_keys_are_named() {
    let cases = [
        (P384_PUBLIC, "a secp384r1 (P-384) key"),
        (RSA_PUBLIC, "an RSA key"),
        (
            ED25519_PUBLIC,
            "an Ed25519 key (for signatures, not key exchange)",
        ),
    ];
    for (pem, found) in cases {
        let expected = format!("{found}{UNSUPPORTED}");
        assert_eq!(message(PublicKey::parse(pem)), expected);
        assert_eq!(
            message(PublicKey::parse(&pem.replace('\n', "\r\n"))),
            expected
        );
        assert_eq!(message(p256().shared_secret_with(pem)), expected);
        assert!(matches!(
            PublicKey::parse(pem),
            Err(Error::UnsupportedKey { .. })
        ));
        // The same key as SPKI hex.
        let der = text::parse_pem(pem).unwrap().der.clone();
        assert_eq!(message(PublicKey::parse(&hex::encode(&der))), expected);
        assert_eq!(message(der::public_key_from_spki(&der)), expected);
    }
    let private = [
        (P384_PKCS8, "a secp384r1 (P-384) key"),
        (P384_SEC1, "a secp384r1 (P-384) key"),
        (
            ED25519_PKCS8,
            "an Ed25519 key (for signatures, not key exchange)",
        ),
    ];
    for (pem, found) in private {
        assert_eq!(
            message(SecretKey::parse(pem, None)),
            format!("{found}{UNSUPPORTED}")
        );
    }
}

#[test]
fn unsupported_jwks_are_named() {
    let cases = [
        (
            r#"{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}"#,
            "a P-384 key",
        ),
        (
            r#"{"kty":"EC","crv":"P-521","x":"AA","y":"AA"}"#,
            "a P-521 key",
        ),
        (
            r#"{"kty":"OKP","crv":"Ed25519","x":"AA"}"#,
            "an Ed25519 key (for signatures, not key exchange)",
        ),
        (r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, "an RSA key"),
        (
            r#"{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}"#,
            "a \"secp256k1\" key",
        ),
    ];
    for (jwk, found) in cases {
        assert_eq!(
            message(PublicKey::parse(jwk)),
            format!("{found}{UNSUPPORTED}"),
            "{jwk}"
        );
    }
}

#[test]
fn x25519_has_no_compressed_form() {
    let key = x25519();
    for format in [
        PublicKeyFormat::CompressedHex,
        PublicKeyFormat::CompressedBase64,
    ] {
        assert_eq!(
            message(key.public_key().encode(format)),
            format!(
                "point compression of an X25519 key (X25519 keys are always 32 bytes){UNSUPPORTED}"
            )
        );
    }
}

// ---------------------------------------------------------------------------------
// Invalid points

#[test]
fn points_off_the_curve_are_rejected() {
    let key = p256();
    let mut raw = key.public_key().to_raw();
    raw[64] ^= 1; // the last byte of y
    assert_eq!(
        message(PublicKey::parse(&hex::encode(&raw))),
        "point is not on the curve"
    );
    assert_eq!(
        message(PublicKey::parse(&text::to_base64(&raw))),
        "point is not on the curve"
    );
    // The same point inside a SubjectPublicKeyInfo, as PEM.
    let mut spki = key.public_key().to_spki_der();
    let last = spki.len() - 1;
    spki[last] ^= 1;
    let pem = text::to_pem("PUBLIC KEY", &spki);
    assert_eq!(message(PublicKey::parse(&pem)), "point is not on the curve");
    assert_eq!(
        message(key.shared_secret_with(&pem)),
        "point is not on the curve"
    );
    // And in a JWK.
    let mut jwk: serde_json::Value = serde_json::from_str(&key.public_key().to_jwk()).unwrap();
    jwk["y"] = text::to_base64url(&raw[33..]).into();
    assert_eq!(
        message(PublicKey::parse(&jwk.to_string())),
        "point is not on the curve"
    );
    // x = 1 has no y on P-256.
    let compressed = format!("02{}01", "00".repeat(31));
    assert_eq!(
        message(PublicKey::parse(&compressed)),
        "point is not on the curve"
    );
    // x and y equal to the field prime: not reduced, so not a point.
    let p = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
    assert_eq!(
        message(PublicKey::parse(&format!("04{p}{p}"))),
        "point is not on the curve"
    );
}

#[test]
fn the_identity_is_rejected() {
    let expected = "the point at infinity (identity) is not a valid public key";
    assert_eq!(message(PublicKey::parse("00")), expected);
    assert_eq!(message(PublicKey::parse("0x00")), expected);
    assert_eq!(message(PublicKey::parse("AA==")), expected);
    assert_eq!(message(p256().shared_secret_with("00")), expected);
}

#[test]
fn sec1_points_of_the_wrong_shape_are_named() {
    let raw = hex::encode(p256().public_key().to_raw());
    assert_eq!(
        message(PublicKey::parse(&raw[..raw.len() - 2])),
        "uncompressed P-256 point (04‖x‖y): expected 65 bytes, got 64"
    );
    assert_eq!(
        message(PublicKey::parse(&format!("{raw}00"))),
        "uncompressed P-256 point (04‖x‖y): expected 65 bytes, got 66"
    );
    // Points of the larger NIST curves, by their lengths.
    for (hex, found) in [
        (
            format!("04{}", "11".repeat(96)),
            "an uncompressed P-384 point",
        ),
        (
            format!("04{}", "11".repeat(132)),
            "an uncompressed P-521 point",
        ),
        (format!("02{}", "11".repeat(48)), "a compressed P-384 point"),
        (format!("03{}", "11".repeat(66)), "a compressed P-521 point"),
    ] {
        assert_eq!(
            message(PublicKey::parse(&hex)),
            format!("{found} is not supported: this playground works with P-256 and X25519 keys")
        );
    }
    // A compressed point cut short, or being typed in.
    let compressed = p256()
        .public_key()
        .encode(PublicKeyFormat::CompressedHex)
        .unwrap();
    assert_eq!(
        message(PublicKey::parse(&compressed[..20])),
        "compressed P-256 point (02/03‖x): expected 33 bytes, got 10"
    );
    assert_eq!(
        message(PublicKey::parse(&format!("06{}", &raw[2..]))),
        "malformed SEC1 point: the hybrid encoding (first byte 06 or 07) is not supported: \
         use 04‖x‖y"
    );
    assert_eq!(
        message(PublicKey::parse(&format!("{compressed}00"))),
        "public key bytes: expected a DER SubjectPublicKeyInfo or certificate, a SEC1 point \
         (65 or 33 bytes) or a raw X25519 key (32 bytes), got 34"
    );
    assert_eq!(
        message(PublicKey::parse(&"11".repeat(31))),
        "public key bytes: expected a DER SubjectPublicKeyInfo or certificate, a SEC1 point \
         (65 or 33 bytes) or a raw X25519 key (32 bytes), got 31"
    );
    // An X25519 SubjectPublicKeyInfo one byte short.
    let mut spki = x25519().public_key().to_spki_der();
    spki.pop();
    spki[1] -= 1; // outer SEQUENCE length
    spki[10] -= 1; // BIT STRING length
    assert_eq!(
        message(PublicKey::parse(&hex::encode(&spki))),
        "X25519 public key: expected 32 bytes, got 31"
    );
}

#[test]
fn x25519_low_order_points_give_no_shared_secret() {
    let expected =
        "the X25519 shared secret is all zeros: the peer's public key is a low-order point";
    let keys = [x25519(), KeyPair::generate(Curve::X25519).unwrap()];
    for key in &keys {
        for u in X25519_LOW_ORDER {
            let (point, _) = PublicKey::parse(u).unwrap();
            assert_eq!(message(key.diffie_hellman(&point)), expected, "u = {u}");
            assert_eq!(message(key.shared_secret_with(u)), expected, "u = {u}");
            assert_eq!(
                message(key.shared_secret_with(&point.to_pem())),
                expected,
                "u = {u}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------
// PEM

#[test]
fn truncated_pem_is_named() {
    let pem = p256().public_key().to_pem();
    let cut_off = "malformed PEM: no \"-----END PUBLIC KEY-----\" line: the text looks cut off";
    // Cut in the middle of the body, and inside the END line.
    assert_eq!(message(PublicKey::parse(&pem[..pem.len() / 2])), cut_off);
    assert_eq!(message(PublicKey::parse(&pem[..pem.len() - 6])), cut_off);
    assert_eq!(message(PublicKey::parse(&pem[..40])), cut_off);
    // Only the BEGIN line, or part of it.
    assert_eq!(
        message(PublicKey::parse("-----BEGIN PUBLIC KEY-----")),
        cut_off
    );
    assert_eq!(
        message(PublicKey::parse("-----BEGIN PUBLIC KE")),
        "malformed PEM: the BEGIN line does not end with \"-----\""
    );
    // The body lost its last characters but the END line is there: the DER is short.
    let lines: Vec<&str> = pem.lines().collect();
    let short = format!(
        "{}\n{}\n{}\n{}\n",
        lines[0],
        lines[1],
        &lines[2][..lines[2].len() - 4],
        lines[3]
    );
    assert_eq!(
        message(PublicKey::parse(&short)),
        "malformed SubjectPublicKeyInfo: the field at byte 0 says it has 89 bytes, but only \
         88 follow: the data looks cut off"
    );
    // Nothing between BEGIN and END.
    assert_eq!(
        message(PublicKey::parse(
            "-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----"
        )),
        "malformed PEM: there is nothing between the BEGIN and END lines"
    );
    // A private key cut off.
    let private = p256().reveal_private_key(PrivateKeyFormat::Pem);
    assert_eq!(
        message(SecretKey::parse(&private[..private.len() / 2], None)),
        "malformed PEM: no \"-----END PRIVATE KEY-----\" line: the text looks cut off"
    );
    assert_eq!(
        message(SecretKey::parse(&private[..private.len() - 3], None)),
        "malformed PEM: no \"-----END PRIVATE KEY-----\" line: the text looks cut off"
    );
}

#[test]
fn pem_with_bad_base64_is_named() {
    let pem = p256().public_key().to_pem();
    assert_eq!(
        message(PublicKey::parse(&pem.replacen("MFkw", "MF*w", 1))),
        "malformed PEM: the base64 between BEGIN and END: '*' is not a base64 character"
    );
    assert_eq!(
        message(PublicKey::parse(&pem.replacen("MFkw", "MFk.w", 1))),
        "malformed PEM: the base64 between BEGIN and END: '.' is not a base64 character"
    );
    // One character missing from the 124.
    assert_eq!(
        message(PublicKey::parse(&pem.replacen("MFkw", "Mkw", 1))),
        "malformed PEM: the base64 between BEGIN and END: 123 characters do not decode \
         (a character is missing, extra or out of place)"
    );
    assert_eq!(
        message(text::parse_pem(&pem.replacen("MFkw", "MF?w", 1))),
        "malformed PEM: the base64 between BEGIN and END: '?' is not a base64 character"
    );
}

#[test]
fn other_pem_labels_are_named() {
    assert_eq!(
        message(PublicKey::parse(
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        )),
        "malformed certificate: the data ends inside the length at byte 0"
    );
    assert_eq!(
        message(PublicKey::parse(
            "-----BEGIN SSH KEY-----\nMIIB\n-----END SSH KEY-----\n"
        )),
        "malformed PEM: unexpected label \"SSH KEY\": expected \"PUBLIC KEY\", \
         \"CERTIFICATE\" or a private key to take the public key from"
    );
    assert_eq!(
        message(SecretKey::parse(
            "-----BEGIN SSH KEY-----\nMIIB\n-----END SSH KEY-----\n",
            None
        )),
        "malformed PEM: unexpected label \"SSH KEY\": expected \"PRIVATE KEY\", \
         \"EC PRIVATE KEY\" or \"OPENSSH PRIVATE KEY\""
    );
    let encrypted = "malformed PEM: the key is encrypted with a password; export it \
                     unencrypted (openssl pkey -in key.pem -out plain.pem)";
    assert_eq!(
        message(SecretKey::parse(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n",
            None
        )),
        encrypted
    );
    assert_eq!(
        message(SecretKey::parse(
            "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\
             DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nMIIB\n\
             -----END EC PRIVATE KEY-----\n",
            None
        )),
        encrypted
    );
}

// ---------------------------------------------------------------------------------
// Text that is not a key

#[test]
fn empty_input_is_named() {
    for input in ["", "   ", "\n\r\n\t"] {
        assert_eq!(
            message(PublicKey::parse(input)),
            "malformed public key: the input is empty"
        );
        assert_eq!(
            message(SecretKey::parse(input, None)),
            "malformed private key: the input is empty"
        );
        assert_eq!(
            message(SecretKey::parse(input, Some(Curve::P256))),
            "malformed private key: the input is empty"
        );
        assert_eq!(
            message(p256().shared_secret_with(input)),
            "malformed public key: the input is empty"
        );
    }
    assert_eq!(
        message(text::from_hex("")),
        "malformed hex: the input is empty"
    );
    assert_eq!(
        message(text::from_hex("0x")),
        "malformed hex: the input is empty"
    );
    assert_eq!(
        message(text::from_base64(" \n")),
        "malformed base64: the input is empty"
    );
    assert_eq!(
        message(text::parse_pem("")),
        "malformed PEM: no \"-----BEGIN ...-----\" line"
    );
}

#[test]
fn random_text_is_not_recognised() {
    let public = "malformed public key: not recognised: expected PEM (-----BEGIN PUBLIC KEY----- \
                  or a certificate), an OpenSSH key (ecdsa-sha2-nistp256 AAAA...), a JWK \
                  ({\"kty\": ...}), or hex or base64 of DER SubjectPublicKeyInfo, a SEC1 point \
                  or a 32-byte X25519 key";
    let private = "malformed private key: not recognised: expected PEM (-----BEGIN PRIVATE \
                   KEY-----, EC PRIVATE KEY or OPENSSH PRIVATE KEY), a JWK with \"d\", or hex \
                   of a 32-byte scalar or of PKCS#8 DER";
    for input in ["hello world", "my key is 04abcdef", "<key>", "é"] {
        assert_eq!(message(PublicKey::parse(input)), public, "{input:?}");
        assert_eq!(message(SecretKey::parse(input, None)), private, "{input:?}");
    }
    assert_eq!(
        message(text::from_hex("abc")),
        "malformed hex: odd number of hex digits (3)"
    );
    assert_eq!(
        message(PublicKey::parse("0xabc")),
        "malformed hex: odd number of hex digits (3)"
    );
    assert_eq!(
        message(text::from_hex("ab:cd:zz")),
        "malformed hex: 'z' is not a hex digit"
    );
    assert_eq!(
        message(text::from_base64("AB$C")),
        "malformed base64: '$' is not a base64 character"
    );
    assert_eq!(
        message(text::from_base64("A")),
        "malformed base64: 1 characters do not decode (a character is missing, extra or out \
         of place)"
    );
    assert_eq!(
        message(SecretKey::parse(&"11".repeat(31), Some(Curve::P256))),
        "private key bytes: expected a 32-byte scalar or PKCS#8 / SEC1 DER, got 31"
    );
}

#[test]
fn invalid_private_scalars_are_rejected() {
    let invalid = "invalid private key: the scalar must be between 1 and the group order minus 1";
    let order = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
    for scalar in ["00".repeat(32), order.to_owned(), "ff".repeat(32)] {
        assert_eq!(
            message(SecretKey::parse(&scalar, Some(Curve::P256))),
            invalid,
            "{scalar}"
        );
        assert_eq!(
            message(SecretKey::from_bytes(
                Curve::P256,
                &hex::decode(&scalar).unwrap()
            )),
            invalid
        );
    }
    assert_eq!(
        message(SecretKey::from_bytes(Curve::P256, &[1; 31])),
        "P-256 private key: expected 32 bytes, got 31"
    );
    assert_eq!(
        message(SecretKey::from_bytes(Curve::X25519, &[1; 33])),
        "X25519 private key: expected 32 bytes, got 33"
    );
}

// ---------------------------------------------------------------------------------
// Public and private keys confused

const PASTE_PUBLIC_INSTEAD: &str =
    "expected a public key, got a private key: never share it; paste the PUBLIC KEY instead";

#[test]
fn private_key_pasted_as_public_key_pem_and_jwk() {
    for key in [p256(), x25519()] {
        let pem = key.reveal_private_key(PrivateKeyFormat::Pem);
        assert_eq!(message(PublicKey::parse(&pem)), PASTE_PUBLIC_INSTEAD);
        assert_eq!(message(key.shared_secret_with(&pem)), PASTE_PUBLIC_INSTEAD);
        let jwk = key.reveal_private_key(PrivateKeyFormat::Jwk);
        assert_eq!(
            message(PublicKey::parse(&jwk)),
            "expected a public key, got a private JWK (it has \"d\"): never share it; \
             remove \"d\""
        );
    }
    // One it cannot read either: that it is private first, then why it was not read.
    let unread = |why: &str| {
        format!("{PASTE_PUBLIC_INSTEAD} (this page could not read this one anyway: {why})")
    };
    let p384 = "a secp384r1 (P-384) key is not supported: this playground works with P-256 and \
                X25519 keys";
    for pem in [P384_SEC1, P384_PKCS8] {
        assert_eq!(message(PublicKey::parse(pem)), unread(p384));
    }
    let der = text::parse_pem(P384_PKCS8).unwrap().der.clone();
    for text in [text::to_base64(&der), hex::encode(&der)] {
        assert_eq!(message(PublicKey::parse(&text)), unread(p384), "{text}");
    }
    assert!(
        message(PublicKey::parse(&hex::encode(
            &text::parse_pem(ED25519_PKCS8).unwrap().der
        )))
        .starts_with(&format!(
            "{PASTE_PUBLIC_INSTEAD} (this page could not read this one anyway: "
        ))
    );
    assert_eq!(
        message(PublicKey::parse(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----"
        )),
        unread(
            "malformed PEM: the key is encrypted with a password; export it unencrypted \
             (openssl pkey -in key.pem -out plain.pem)"
        )
    );
}

/// `PublicKey::parse` promises that "a private key ... pasted by mistake is named as
/// such"; PKCS#8 as hex or base64 is a private key too.
#[test]
fn private_key_pasted_as_public_key_hex_and_base64() {
    for key in [p256(), x25519()] {
        let hex = key.reveal_private_key(PrivateKeyFormat::Pkcs8Hex);
        let der = hex::decode(hex.as_str()).unwrap();
        for text in [hex.as_str().to_owned(), text::to_base64(&der)] {
            assert_eq!(
                message(PublicKey::parse(&text)),
                PASTE_PUBLIC_INSTEAD,
                "{} PKCS#8 {text}",
                key.curve()
            );
        }
    }
}

#[test]
fn public_key_pasted_as_private_key_pem_and_jwk() {
    for key in [p256(), x25519()] {
        assert_eq!(
            message(SecretKey::parse(&key.public_key().to_pem(), None)),
            "expected a private key, got a public key (\"BEGIN PUBLIC KEY\")"
        );
        assert_eq!(
            message(SecretKey::parse(&key.public_key().to_jwk(), None)),
            "expected a private key, got a public JWK (it has no \"d\")"
        );
        assert_eq!(
            message(KeyPair::import_private_key(
                &key.public_key().to_jwk(),
                None
            )),
            "expected a private key, got a public JWK (it has no \"d\")"
        );
    }
}

/// `SecretKey::parse` promises that "a public key pasted here is named as such"; DER
/// SubjectPublicKeyInfo as hex or base64 is a public key too.
#[test]
fn public_key_pasted_as_private_key_hex_and_base64() {
    for key in [p256(), x25519()] {
        let spki = key.public_key().to_spki_der();
        for text in [hex::encode(&spki), text::to_base64(&spki)] {
            let err = SecretKey::parse(&text, None).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::WrongKeyKind {
                        expected: "private key",
                        ..
                    }
                ),
                "{} SPKI {text}: got {err:?}",
                key.curve()
            );
            assert!(
                err.to_string()
                    .starts_with("expected a private key, got a public key"),
                "{err}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------
// JWK

fn p256_jwk() -> serde_json::Value {
    serde_json::from_str(&p256().reveal_private_key(PrivateKeyFormat::Jwk)).unwrap()
}

fn x25519_jwk() -> serde_json::Value {
    serde_json::from_str(&x25519().reveal_private_key(PrivateKeyFormat::Jwk)).unwrap()
}

fn without(mut jwk: serde_json::Value, member: &str) -> String {
    jwk.as_object_mut().unwrap().remove(member);
    jwk.to_string()
}

fn with(mut jwk: serde_json::Value, member: &str, value: &str) -> String {
    jwk[member] = value.into();
    jwk.to_string()
}

#[test]
fn jwk_missing_crv_is_named() {
    assert_eq!(
        message(PublicKey::parse(&without(p256_jwk(), "crv"))),
        "malformed JWK: an EC key needs the member \"crv\""
    );
    assert_eq!(
        message(PublicKey::parse(&without(x25519_jwk(), "crv"))),
        "malformed JWK: an OKP key needs the member \"crv\""
    );
}

#[test]
fn jwk_missing_coordinates_are_named() {
    assert_eq!(
        message(PublicKey::parse(&without(p256_jwk(), "x"))),
        "malformed JWK: an EC key needs the member \"x\""
    );
    assert_eq!(
        message(PublicKey::parse(&without(p256_jwk(), "y"))),
        "malformed JWK: an EC key needs the member \"y\""
    );
    assert_eq!(
        message(SecretKey::parse(&without(x25519_jwk(), "x"), None)),
        "malformed JWK: an OKP key needs the member \"x\""
    );
}

#[test]
fn jwk_missing_kty_is_named() {
    assert_eq!(
        message(PublicKey::parse(r#"{"crv":"P-256","x":"AA","y":"AA"}"#)),
        "malformed JWK: a JWK needs the member \"kty\" (\"EC\" or \"OKP\")"
    );
}

#[test]
fn jwk_wrong_kty_is_named() {
    assert_eq!(
        message(PublicKey::parse(&with(p256_jwk(), "kty", "oct"))),
        "malformed JWK: unknown \"kty\" \"oct\": expected \"EC\" (P-256) or \"OKP\" (X25519)"
    );
    assert_eq!(
        message(PublicKey::parse(&with(p256_jwk(), "kty", "ec"))),
        "malformed JWK: unknown \"kty\" \"ec\": expected \"EC\" (P-256) or \"OKP\" (X25519)"
    );
    assert_eq!(
        message(PublicKey::parse(r#"{"kty":1}"#)),
        "malformed JWK: the member \"kty\" must be a string"
    );
    assert_eq!(
        message(PublicKey::parse(r#"{"kty":"EC","crv":"P-256""#)),
        "malformed JWK: expected ',' or '}', but the text ends"
    );
}

/// A supported curve with the other curve's `kty` is a mistake in the JWK, not an
/// unsupported key: saying "X25519 is not supported" to a student would be wrong.
#[test]
fn jwk_kty_that_does_not_match_the_curve_is_named() {
    let cases = [
        (with(x25519_jwk(), "kty", "EC"), "\"OKP\""),
        (with(p256_jwk(), "kty", "OKP"), "\"EC\""),
    ];
    for (jwk, right_kty) in cases {
        let err = SecretKey::parse(&jwk, None).unwrap_err();
        assert!(
            matches!(err, Error::Malformed { what: "JWK", .. }),
            "{jwk}: got {err}"
        );
        assert!(err.to_string().contains(right_kty), "{jwk}: got {err}");
    }
}

#[test]
fn jwk_bad_base64url_is_named() {
    let x = p256_jwk()["x"].as_str().unwrap().to_owned();
    let standard = x.replace('-', "+").replace('_', "/");
    assert_ne!(
        standard, x,
        "the fixture's x must use a base64url-only character"
    );
    for (member, value) in [
        ("x", standard.as_str()),
        ("x", &format!("{x}=")),
        ("y", "!!!!"),
        ("d", "A"),
    ] {
        assert_eq!(
            message(SecretKey::parse(&with(p256_jwk(), member, value), None)),
            format!("malformed JWK: member {member:?} is not unpadded base64url (RFC 7518 §6.2.1)"),
            "{member} = {value:?}"
        );
    }
}

#[test]
fn jwk_members_of_the_wrong_length_are_named() {
    let short = text::to_base64url(&[7; 31]);
    let long = text::to_base64url(&[7; 33]);
    assert_eq!(
        message(PublicKey::parse(&with(p256_jwk(), "x", &short))),
        "JWK member \"x\": expected 32 bytes, got 31"
    );
    assert_eq!(
        message(PublicKey::parse(&with(x25519_jwk(), "x", &long))),
        "JWK member \"x\": expected 32 bytes, got 33"
    );
    assert_eq!(
        message(PublicKey::parse(&with(p256_jwk(), "y", ""))),
        "JWK member \"y\": expected 32 bytes, got 0"
    );
    assert_eq!(
        message(SecretKey::parse(&with(p256_jwk(), "d", &short), None)),
        "JWK member \"d\": expected 32 bytes, got 31"
    );
    assert_eq!(
        message(SecretKey::parse(&with(x25519_jwk(), "d", &long), None)),
        "JWK member \"d\": expected 32 bytes, got 33"
    );
}

#[test]
fn jwk_d_that_does_not_match_is_named() {
    let other = KeyPair::from_seed(Curve::P256, b"errors test", "bob");
    let other_d: serde_json::Value =
        serde_json::from_str(&other.reveal_private_key(PrivateKeyFormat::Jwk)).unwrap();
    assert_eq!(
        message(SecretKey::parse(
            &with(p256_jwk(), "d", other_d["d"].as_str().unwrap()),
            None
        )),
        "malformed JWK: \"d\" is not the private key of the point \"x\", \"y\""
    );
    let other = KeyPair::from_seed(Curve::X25519, b"errors test", "bob");
    let other_d: serde_json::Value =
        serde_json::from_str(&other.reveal_private_key(PrivateKeyFormat::Jwk)).unwrap();
    assert_eq!(
        message(SecretKey::parse(
            &with(x25519_jwk(), "d", other_d["d"].as_str().unwrap()),
            None
        )),
        "malformed JWK: \"d\" is not the private key of the public key \"x\""
    );
    assert_eq!(
        message(SecretKey::parse(
            &with(p256_jwk(), "d", &text::to_base64url(&[0; 32])),
            None
        )),
        "invalid private key: the scalar must be between 1 and the group order minus 1"
    );
    // The JWK parser on its own agrees.
    assert!(jwk::parse(&with(p256_jwk(), "d", other_d["d"].as_str().unwrap())).is_err());
}

// ---------------------------------------------------------------------------------
// HKDF

#[test]
fn hkdf_output_length_bounds() {
    let prk = kdf::hkdf_extract(None, b"ikm");
    for bad in [0, kdf::HKDF_MAX_OUTPUT + 1] {
        let expected = format!("output length must be between 1 and 8160 bytes, got {bad}");
        assert_eq!(message(kdf::hkdf(b"ikm", None, None, bad)), expected);
        assert_eq!(
            message(kdf::hkdf_expand(prk.as_slice(), None, bad)),
            expected
        );
    }
    assert_eq!(kdf::hkdf(b"ikm", None, None, 8160).unwrap().len(), 8160);
    assert_eq!(kdf::hkdf(b"ikm", None, None, 1).unwrap().len(), 1);
}

#[test]
fn hkdf_prk_too_short() {
    for len in [0, 16, 31] {
        assert_eq!(
            message(kdf::hkdf_expand(&vec![1; len], None, 32)),
            format!("HKDF pseudorandom key (PRK): expected at least 32 bytes, got {len}")
        );
    }
    assert!(kdf::hkdf_expand(&[1; 32], None, 32).is_ok());
}

// ---------------------------------------------------------------------------------
// AES-GCM

const KEY: [u8; 32] = [0x42; 32];

#[test]
fn aes_key_of_the_wrong_length() {
    let envelope = aead::seal(&KEY, b"hi", None).unwrap();
    for len in [0, 16, 31, 33] {
        let key = vec![1u8; len];
        let expected = format!("AES-256 key: expected 32 bytes, got {len}");
        assert_eq!(message(aead::seal(&key, b"hi", None)), expected);
        assert_eq!(
            message(aead::seal_with_nonce(&key, &[0; 12], b"hi", None)),
            expected
        );
        assert_eq!(message(aead::open(&key, &envelope, None)), expected);
    }
    assert_eq!(
        message(aead::aes128_gcm_seal(&KEY, &[0; 12], b"hi", b"")),
        "AES-128 key: expected 16 bytes, got 32"
    );
    assert_eq!(
        message(aead::aes128_gcm_open(&[0; 15], &[0; 12], &[0; 16], b"")),
        "AES-128 key: expected 16 bytes, got 15"
    );
}

#[test]
fn aes_nonce_of_the_wrong_length() {
    for len in [0, 8, 11, 13, 16] {
        let expected = format!("AES-GCM nonce: expected 12 bytes (96 bits), got {len}");
        assert_eq!(
            message(aead::seal_with_nonce(&KEY, &vec![0; len], b"hi", None)),
            expected
        );
        assert_eq!(
            message(aead::aes128_gcm_seal(&[0; 16], &vec![0; len], b"hi", b"")),
            expected
        );
        assert_eq!(
            message(aead::aes128_gcm_open(
                &[0; 16],
                &vec![0; len],
                &[0; 16],
                b""
            )),
            expected
        );
    }
}

#[test]
fn aes_envelope_too_short() {
    for len in [0, 1, NONCE_LEN, NONCE_LEN + TAG_LEN - 1] {
        let expected = format!(
            "AES-GCM envelope (nonce ‖ ciphertext ‖ tag): expected at least 28 bytes, got {len}"
        );
        assert_eq!(message(aead::open(&KEY, &vec![0; len], None)), expected);
        assert_eq!(message(aead::split_envelope(&vec![0; len])), expected);
    }
    // Exactly nonce and tag: a well-formed envelope of an empty message, but not ours.
    assert_eq!(
        message(aead::open(&KEY, &[0; NONCE_LEN + TAG_LEN], None)),
        "message authentication failed"
    );
}

#[test]
fn any_tampering_is_one_message() {
    let failed = "message authentication failed";
    let envelope = aead::seal(&KEY, b"attack at dawn", Some(b"header")).unwrap();
    assert_eq!(
        aead::open(&KEY, &envelope, Some(b"header")).unwrap(),
        b"attack at dawn"
    );
    let (nonce, ciphertext, tag) = aead::split_envelope(&envelope).unwrap();
    assert_eq!((nonce.len(), ciphertext.len(), tag.len()), (12, 14, 16));
    let ciphertext_at = NONCE_LEN;
    let tag_at = envelope.len() - TAG_LEN;
    for (part, index) in [
        ("nonce", 0),
        ("nonce", NONCE_LEN - 1),
        ("ciphertext", ciphertext_at),
        ("ciphertext", tag_at - 1),
        ("tag", tag_at),
        ("tag", envelope.len() - 1),
    ] {
        for bit in [0x01, 0x80] {
            let mut tampered = envelope.clone();
            tampered[index] ^= bit;
            assert_eq!(
                message(aead::open(&KEY, &tampered, Some(b"header"))),
                failed,
                "{part} byte {index}"
            );
        }
    }
    for aad in [None, Some(&b""[..]), Some(b"Header"), Some(b"header ")] {
        assert_eq!(message(aead::open(&KEY, &envelope, aad)), failed, "{aad:?}");
    }
    let mut longer = envelope.clone();
    longer.push(0);
    let shorter = &envelope[..envelope.len() - 1];
    let mut swapped = envelope.clone();
    swapped.swap(ciphertext_at, ciphertext_at + 1);
    for (how, bytes) in [
        ("byte appended", longer.as_slice()),
        ("byte removed", shorter),
        ("bytes swapped", &swapped),
    ] {
        assert_eq!(
            message(aead::open(&KEY, bytes, Some(b"header"))),
            failed,
            "{how}"
        );
    }
    let mut other_key = KEY;
    other_key[31] ^= 1;
    assert_eq!(
        message(aead::open(&other_key, &envelope, Some(b"header"))),
        failed
    );
    // AES-128-GCM for TLS records fails the same way.
    let sealed = aead::aes128_gcm_seal(&[1; 16], &[2; 12], b"record", b"seq").unwrap();
    let mut tampered = sealed.clone();
    tampered[0] ^= 1;
    assert_eq!(
        message(aead::aes128_gcm_open(&[1; 16], &[2; 12], &tampered, b"seq")),
        failed
    );
    assert_eq!(
        message(aead::aes128_gcm_open(&[1; 16], &[2; 12], &sealed, b"SEQ")),
        failed
    );
}

// ---------------------------------------------------------------------------------
// ECDSA

#[test]
fn malformed_signatures_do_not_verify() {
    let key = SigningKey::from_seed(b"errors test", "signer").unwrap();
    let public = key.public_key();
    let pem = public.to_pem();
    let der = key.sign(b"message");
    let p1363 = key.sign_p1363(b"message");
    assert!(sign::verify(&public, b"message", &der).unwrap());
    assert!(sign::verify(&public, b"message", &p1363).unwrap());

    let mut flipped = der.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    let mut trailing = der.clone();
    trailing.push(0);
    let mut high_p1363 = p1363;
    high_p1363[..32].fill(0xff);
    let malformed: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("three bytes", vec![1, 2, 3]),
        ("DER cut short", der[..der.len() - 1].to_vec()),
        ("DER with a trailing byte", trailing),
        ("DER with a byte flipped", flipped),
        ("r and s zero", vec![0; 64]),
        ("r not below the order", high_p1363.to_vec()),
        ("63 bytes", p1363[..63].to_vec()),
        ("65 bytes", [&p1363[..], &[0]].concat()),
        ("empty SEQUENCE", vec![0x30, 0x00]),
    ];
    for (what, signature) in &malformed {
        assert_eq!(
            sign::verify(&public, b"message", signature),
            Ok(false),
            "{what}"
        );
        assert_eq!(
            sign::verify_with(&pem, b"message", signature),
            Ok(false),
            "{what}"
        );
    }
    // A good signature over another message.
    assert_eq!(sign::verify(&public, b"Message", &der), Ok(false));
}

#[test]
fn malformed_signatures_are_named_by_the_parser() {
    assert_eq!(
        message(sign::parse_signature(&[1, 2, 3])),
        "malformed signature: expected DER (a SEQUENCE of two INTEGERs) or 64 bytes r ‖ s, \
         got 3 bytes"
    );
    assert_eq!(
        message(sign::parse_signature(&[0x30, 0x06, 0x02])),
        "malformed signature: expected DER (a SEQUENCE of two INTEGERs) or 64 bytes r ‖ s, \
         got 3 bytes that start like DER but do not parse as strict DER"
    );
    assert_eq!(
        message(sign::parse_signature(&[0; 64])),
        "malformed signature: r or s is zero or not less than the P-256 group order"
    );
}

#[test]
fn x25519_keys_cannot_verify() {
    let x = x25519();
    let key = SigningKey::from_seed(b"errors test", "signer").unwrap();
    let signature = key.sign(b"message");
    assert_eq!(
        message(sign::verify(x.public_key(), b"message", &signature)),
        "expected a P-256 key, got an X25519 key"
    );
    assert_eq!(
        message(sign::verify_with(
            &x.public_key().to_pem(),
            b"message",
            &signature
        )),
        "expected a P-256 key, got an X25519 key"
    );
    assert_eq!(
        message(sign::verify_with("", b"message", &signature)),
        "malformed public key: the input is empty"
    );
    assert_eq!(
        message(SigningKey::try_from(x.secret_key().clone())),
        "expected a P-256 key, got an X25519 key"
    );
}

// ---------------------------------------------------------------------------------
// Secrets stay out of Debug

/// Every way the scalar's bytes could show up in `Debug` output.
fn secret_spellings(bytes: &[u8]) -> Vec<String> {
    vec![
        hex::encode(bytes),
        hex::encode_upper(bytes),
        format!("{bytes:?}"),
        format!("{:?}", &bytes[..8])
            .trim_end_matches(']')
            .to_owned(),
        text::to_base64url(bytes),
    ]
}

fn assert_hidden(debug: &str, secret: &[u8]) {
    for spelling in secret_spellings(secret) {
        assert!(
            !debug.contains(&spelling),
            "Debug output {debug:?} shows the secret as {spelling:?}"
        );
    }
}

#[test]
fn debug_never_shows_a_private_key() {
    for curve in Curve::ALL {
        for pair in [
            KeyPair::generate(curve).unwrap(),
            KeyPair::from_seed(curve, b"debug", "alice"),
        ] {
            let raw =
                hex::decode(pair.reveal_private_key(PrivateKeyFormat::RawHex).as_str()).unwrap();
            let pair_debug = format!("{pair:?}");
            assert_hidden(&pair_debug, &raw);
            assert_hidden(&format!("{pair:#?}"), &raw);
            assert!(pair_debug.starts_with("KeyPair { public: PublicKey("));
            assert!(pair_debug.ends_with(", .. }"));
            let secret_debug = format!("{:?}", pair.secret_key());
            assert_hidden(&secret_debug, &raw);
            assert_eq!(
                secret_debug,
                format!("SecretKey {{ curve: {:?}, .. }}", curve)
            );
            // A parsed PEM block holds the DER of the private key.
            let pem = text::parse_pem(&pair.reveal_private_key(PrivateKeyFormat::Pem)).unwrap();
            assert_hidden(&format!("{pem:?}"), &raw);
            assert_hidden(&format!("{pem:?}"), &pem.der);
            assert_eq!(format!("{pem:?}"), "Pem { label: \"PRIVATE KEY\", .. }");
        }
    }
    for signing in [
        SigningKey::generate().unwrap(),
        SigningKey::from_seed(b"debug", "signer").unwrap(),
    ] {
        let raw = hex::decode(
            signing
                .reveal_private_key(PrivateKeyFormat::RawHex)
                .as_str(),
        )
        .unwrap();
        let debug = format!("{signing:?}");
        assert_hidden(&debug, &raw);
        assert_hidden(&format!("{signing:#?}"), &raw);
        assert!(debug.starts_with("SigningKey { public: PublicKey(P-256, 04"));
    }
}

#[test]
fn debug_never_shows_a_shared_secret() {
    for curve in Curve::ALL {
        let alice = KeyPair::generate(curve).unwrap();
        let bob = KeyPair::generate(curve).unwrap();
        let shared = alice.diffie_hellman(bob.public_key()).unwrap();
        assert_eq!(
            shared.as_bytes(),
            bob.diffie_hellman(alice.public_key()).unwrap().as_bytes()
        );
        let debug = format!("{shared:?}");
        assert_hidden(&debug, shared.as_bytes());
        assert_eq!(debug, "SharedSecret { .. }");
        for pair in [&alice, &bob] {
            let raw =
                hex::decode(pair.reveal_private_key(PrivateKeyFormat::RawHex).as_str()).unwrap();
            assert_hidden(&debug, &raw);
        }
    }
}

/// Error messages about a private key never repeat the key.
#[test]
fn errors_never_show_a_private_key() {
    let pair = p256();
    let raw = hex::decode(pair.reveal_private_key(PrivateKeyFormat::RawHex).as_str()).unwrap();
    let jwk = pair.reveal_private_key(PrivateKeyFormat::Jwk);
    let pem = pair.reveal_private_key(PrivateKeyFormat::Pem);
    let errors = [
        PublicKey::parse(&jwk).unwrap_err(),
        PublicKey::parse(&pem).unwrap_err(),
        SecretKey::parse(&pem, Some(Curve::X25519)).unwrap_err(),
        SecretKey::parse(&jwk.replace("\"kty\":\"EC\"", "\"kty\":\"ECC\""), None).unwrap_err(),
        SecretKey::parse(&hex::encode(&raw), None).unwrap_err(),
        SecretKey::parse(&hex::encode(&raw[1..]), Some(Curve::P256)).unwrap_err(),
    ];
    for error in errors {
        assert_hidden(&error.to_string(), &raw);
        assert_hidden(&format!("{error:?}"), &raw);
    }
}
