//! Interop with Python `cryptography` (tests/interop/peer.py) and the `openssl` command
//! line: keys, ECDH, HKDF-SHA256, ECDSA P-256, AES-256-GCM and JWK agree with theirs.
//!
//! Built only with `--features interop`. The Python peer runs under the interpreter named
//! by `ECDH_PLAYGROUND_PYTHON` (default `python3`), which must have the `cryptography`
//! pinned in tests/interop/requirements.txt; without it every test here fails, never
//! skips. `openssl` (3.x), `ssh-keygen` and `node` (for the printouts of bytes and objects that
//! people paste) must be on `PATH`.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use ecdh_playground::keys::{
    Curve, KeyPair, PrivateKeyFormat, PublicKey, PublicKeyFormat, SecretKey,
};
use ecdh_playground::sign::{SigningKey, verify_with};
use ecdh_playground::{Error, aead, kdf};
use serde_json::{Value, json};

const MESSAGE: &[u8] = b"ECDH playground interop message";
const TAMPERED: &[u8] = b"ECDH playground interop messagf";

/// The value, or a test failure saying what could not be done and why.
fn must<T, E: std::fmt::Display>(result: Result<T, E>, doing: &str) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!("{doing}: {e}"),
    }
}

/// Sends `request` (an object, or a list of them) to the Python peer and returns its
/// answer.
fn python(request: &Value) -> Value {
    let interpreter =
        std::env::var_os("ECDH_PLAYGROUND_PYTHON").unwrap_or_else(|| OsString::from("python3"));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop/peer.py");
    let mut child = Command::new(&interpreter)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {interpreter:?} ({e}): set ECDH_PLAYGROUND_PYTHON to a python \
                 with tests/interop/requirements.txt installed"
            )
        });
    // The peer reads all of stdin before writing, so this cannot deadlock; a write error
    // means it died early, and its stderr below says why.
    let written =
        (child.stdin.take()).map(|mut stdin| stdin.write_all(request.to_string().as_bytes()));
    let out = must(child.wait_with_output(), "waiting for the python peer");
    assert!(
        out.status.success(),
        "the python peer ({interpreter:?} {script}) failed with {}:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    must(
        written.transpose(),
        "writing the request to the python peer",
    );
    must(
        serde_json::from_slice(&out.stdout),
        "reading the python peer's JSON",
    )
}

/// Sends a list of requests to the Python peer and returns one answer for each.
fn python_each(requests: Vec<Value>) -> Vec<Value> {
    let count = requests.len();
    let Value::Array(answers) = python(&Value::Array(requests)) else {
        panic!("the python peer did not answer a list with a list");
    };
    assert_eq!(answers.len(), count, "one answer for each request");
    answers
}

/// A string member of a peer answer.
fn text<'a>(answer: &'a Value, member: &str) -> &'a str {
    answer[member]
        .as_str()
        .unwrap_or_else(|| panic!("no string {member:?} in {answer}"))
}

/// A hex member of a peer answer, decoded.
fn bytes(answer: &Value, member: &str) -> Vec<u8> {
    must(hex::decode(text(answer, member)), member)
}

/// A temporary directory for the files `openssl` reads and writes, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "ecdh-playground-interop-{}-{}-{test}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        must(
            std::fs::create_dir_all(&path),
            "creating a temporary directory",
        );
        Self(path)
    }

    /// The path of `name` inside the directory.
    fn path(&self, name: &str) -> String {
        let path = self.0.join(name);
        must(
            path.to_str().ok_or("not UTF-8"),
            &path.display().to_string(),
        )
        .to_owned()
    }

    /// Writes `name` and returns its path.
    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        must(std::fs::write(&path, contents), &path);
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `openssl`, whatever its exit status.
fn openssl(args: &[&str]) -> Output {
    Command::new("openssl")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run `openssl` ({e}): the interop tests need OpenSSL 3 on PATH")
        })
}

/// Runs `openssl` and returns its stdout, failing the test if it fails.
fn openssl_ok(args: &[&str]) -> Vec<u8> {
    let out = openssl(args);
    assert!(
        out.status.success(),
        "openssl {} failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Has `openssl genpkey` write a fresh private key (PKCS#8 PEM) to `path`.
fn openssl_genpkey(curve: Curve, path: &str) -> String {
    let algorithm: &[&str] = match curve {
        Curve::P256 => &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        Curve::X25519 => &["-algorithm", "X25519"],
    };
    openssl_ok(&[&["genpkey", "-out", path], algorithm].concat());
    must(std::fs::read_to_string(path), path)
}

/// `openssl pkey -pubout`: the public key of a private key file, as PEM.
fn pubout(private_key_path: &str) -> String {
    let pem = openssl_ok(&["pkey", "-in", private_key_path, "-pubout"]);
    String::from_utf8_lossy(&pem).into_owned()
}

#[test]
fn python_generated_keys_import_in_every_format_and_export_identically() {
    for curve in Curve::ALL {
        let py = python(&json!({"op": "describe", "curve": curve.name()}));
        let key = SecretKey::parse(text(&py, "pkcs8_pem"), None).expect("PKCS#8 PEM imports");
        assert_eq!(key.curve(), curve);
        assert_eq!(*key.reveal(PrivateKeyFormat::Pem), text(&py, "pkcs8_pem"));
        assert_eq!(*key.reveal(PrivateKeyFormat::RawHex), text(&py, "d"));

        let public = key.public_key();
        assert_eq!(public.to_pem(), text(&py, "spki_pem"));
        assert_eq!(public.to_spki_der(), bytes(&py, "spki_der"));
        assert_eq!(public.to_raw(), bytes(&py, "raw_public"));

        let raw = SecretKey::parse(text(&py, "d"), Some(curve)).expect("raw hex imports");
        assert_eq!(raw.public_key(), public);
        let mut pasted = vec![
            (text(&py, "spki_pem").to_owned(), PublicKeyFormat::Pem),
            (text(&py, "spki_der").to_owned(), PublicKeyFormat::SpkiHex),
            (
                Base64::encode_string(&bytes(&py, "spki_der")),
                PublicKeyFormat::SpkiBase64,
            ),
            (text(&py, "raw_public").to_owned(), PublicKeyFormat::RawHex),
        ];
        if curve == Curve::P256 {
            let sec1 = SecretKey::parse(text(&py, "sec1_pem"), None).expect("SEC1 PEM imports");
            assert_eq!(sec1.public_key(), public);
            assert_eq!(
                public.to_compressed(),
                Some(bytes(&py, "compressed_public"))
            );
            pasted.push((
                text(&py, "compressed_public").to_owned(),
                PublicKeyFormat::CompressedHex,
            ));
        }
        for (input, format) in pasted {
            assert_eq!(
                PublicKey::parse(&input).expect("imports"),
                (public, format),
                "{input}"
            );
        }
    }
}

#[test]
fn python_reads_our_keys_and_writes_them_identically() {
    for curve in Curve::ALL {
        let ours = KeyPair::generate(curve).unwrap();
        let pkcs8 = ours.reveal_private_key(PrivateKeyFormat::Pem);
        let py = python(&json!({"op": "describe", "private_pem": pkcs8.as_str()}));
        assert_eq!(text(&py, "curve"), curve.name());
        assert_eq!(text(&py, "pkcs8_pem"), *pkcs8);
        assert_eq!(text(&py, "spki_pem"), ours.public_key().to_pem());
        assert_eq!(bytes(&py, "raw_public"), ours.public_key().to_raw());
    }
}

#[test]
fn openssl_keys_import_and_our_exports_match_openssl_pkey() {
    let dir = TempDir::new("keys");
    for curve in Curve::ALL {
        let theirs_path = dir.path("theirs.pem");
        let theirs = openssl_genpkey(curve, &theirs_path);
        let key = SecretKey::parse(&theirs, None).expect("openssl's PKCS#8 imports");
        assert_eq!(key.curve(), curve);
        assert_eq!(*key.reveal(PrivateKeyFormat::Pem), theirs);
        assert_eq!(key.public_key().to_pem(), pubout(&theirs_path));

        // And the other way: openssl reads our PKCS#8 and writes what we write.
        let ours = KeyPair::generate(curve).unwrap();
        let pkcs8 = ours.reveal_private_key(PrivateKeyFormat::Pem);
        let ours_path = dir.write("ours.pem", pkcs8.as_bytes());
        assert_eq!(openssl_ok(&["pkey", "-in", &ours_path]), pkcs8.as_bytes());
        assert_eq!(pubout(&ours_path), ours.public_key().to_pem());

        if curve == Curve::P256 {
            let compressed = openssl_ok(&[
                "pkey",
                "-in",
                &theirs_path,
                "-pubout",
                "-ec_conv_form",
                "compressed",
            ]);
            let compressed = String::from_utf8_lossy(&compressed);
            let (public, _) = PublicKey::parse(&compressed).expect("compressed SPKI imports");
            assert_eq!(public, key.public_key());
        }
    }
}

#[test]
fn ecdh_with_python_gives_the_same_shared_secret() {
    for curve in Curve::ALL {
        let ours = KeyPair::generate(curve).unwrap();
        let py = python(&json!({
            "op": "exchange",
            "curve": curve.name(),
            "peer_public_pem": ours.public_key().to_pem(),
        }));
        let shared = ours.shared_secret_with(text(&py, "public_pem")).unwrap();
        assert_eq!(
            shared.as_bytes().as_slice(),
            bytes(&py, "shared"),
            "{curve}"
        );
    }
}

#[test]
fn ecdh_with_openssl_pkeyutl_derive_gives_the_same_shared_secret() {
    let dir = TempDir::new("ecdh");
    for curve in Curve::ALL {
        let theirs = dir.path("theirs.pem");
        openssl_genpkey(curve, &theirs);
        let theirs_public = pubout(&theirs);
        let theirs_public_path = dir.write("theirs-public.pem", &theirs_public);
        let ours = KeyPair::generate(curve).unwrap();
        let ours_path = dir.write(
            "ours.pem",
            ours.reveal_private_key(PrivateKeyFormat::Pem).as_bytes(),
        );
        let ours_public_path = dir.write("ours-public.pem", ours.public_key().to_pem());

        let expected = ours.shared_secret_with(&theirs_public).unwrap();
        let derive = |key: &str, peer: &str| {
            openssl_ok(&["pkeyutl", "-derive", "-inkey", key, "-peerkey", peer])
        };
        assert_eq!(
            derive(&theirs, &ours_public_path),
            expected.as_bytes(),
            "{curve}"
        );
        assert_eq!(
            derive(&ours_path, &theirs_public_path),
            expected.as_bytes(),
            "{curve}"
        );
    }
}

#[test]
fn hkdf_matches_python_for_absent_and_present_salt_and_info_and_every_length() {
    let ikms: [&[u8]; 3] = [b"", b"a 32-byte ECDH shared secret....", &[0x0b; 80]];
    let salts: [Option<&[u8]>; 4] = [None, Some(b""), Some(b"salt"), Some(&[0xa5; 100])];
    let infos: [Option<&[u8]>; 3] = [None, Some(b""), Some(b"ecdh-playground v1")];
    let lengths = [1, 31, 32, 33, 42, 255, 8160];
    let mut cases = Vec::new();
    for ikm in ikms {
        for salt in salts {
            for info in infos {
                for length in lengths {
                    cases.push((ikm, salt, info, length));
                }
            }
        }
    }
    let requests: Vec<Value> = cases
        .iter()
        .map(|&(ikm, salt, info, length)| {
            json!({
                "op": "hkdf",
                "ikm": hex::encode(ikm),
                "salt": salt.map(hex::encode),
                "info": info.map(hex::encode),
                "length": length,
            })
        })
        .collect();
    let answers = python_each(requests);
    for (&(ikm, salt, info, length), answer) in cases.iter().zip(&answers) {
        let ours = kdf::hkdf(ikm, salt, info, length).unwrap();
        assert_eq!(
            *ours,
            bytes(answer, "okm"),
            "ikm {ikm:02x?}, salt {salt:02x?}, info {info:02x?}, length {length}"
        );
    }
}

#[test]
fn our_ecdsa_signatures_in_der_and_p1363_verify_in_python() {
    let key = SigningKey::generate().unwrap();
    let public_pem = key.public_key().to_pem();
    let der = key.sign(MESSAGE);
    let p1363 = key.sign_p1363(MESSAGE);
    let cases = [
        (MESSAGE, "der", der.as_slice(), true),
        (MESSAGE, "p1363", p1363.as_slice(), true),
        (TAMPERED, "der", der.as_slice(), false),
        (TAMPERED, "p1363", p1363.as_slice(), false),
    ];
    let requests: Vec<Value> = cases
        .iter()
        .map(|&(message, format, signature, _)| {
            json!({
                "op": "verify",
                "public_pem": public_pem,
                "message": hex::encode(message),
                "format": format,
                "signature": hex::encode(signature),
            })
        })
        .collect();
    let answers = python_each(requests);
    for ((message, format, _, valid), answer) in cases.iter().zip(&answers) {
        assert_eq!(
            answer["valid"],
            *valid,
            "{format} over {:?}",
            String::from_utf8_lossy(message)
        );
    }
}

#[test]
fn python_ecdsa_signatures_verify_with_ours() {
    let py = python(&json!({"op": "sign", "message": hex::encode(MESSAGE)}));
    let public_pem = text(&py, "public_pem");
    for signature in [bytes(&py, "der"), bytes(&py, "p1363")] {
        assert!(verify_with(public_pem, MESSAGE, &signature).unwrap());
        assert!(!verify_with(public_pem, TAMPERED, &signature).unwrap());
    }
}

#[test]
fn our_ecdsa_signatures_verify_with_openssl_dgst() {
    let dir = TempDir::new("ecdsa-ours");
    let key = SigningKey::generate().unwrap();
    let public = dir.write("public.pem", key.public_key().to_pem());
    let signature = dir.write("signature.der", key.sign(MESSAGE));
    let verify = |message: &[u8]| {
        let message = dir.write("message.bin", message);
        openssl(&[
            "dgst",
            "-sha256",
            "-verify",
            &public,
            "-signature",
            &signature,
            &message,
        ])
    };
    let good = verify(MESSAGE);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert_eq!(good.stdout, b"Verified OK\n");
    let bad = verify(TAMPERED);
    assert!(!bad.status.success());
    assert_eq!(bad.stdout, b"Verification failure\n");
}

#[test]
fn openssl_dgst_signatures_verify_with_ours() {
    let dir = TempDir::new("ecdsa-openssl");
    let key = dir.path("key.pem");
    openssl_genpkey(Curve::P256, &key);
    let message = dir.write("message.bin", MESSAGE);
    let signature = openssl_ok(&["dgst", "-sha256", "-sign", &key, &message]);
    let public_pem = pubout(&key);
    assert!(verify_with(&public_pem, MESSAGE, &signature).unwrap());
    assert!(!verify_with(&public_pem, TAMPERED, &signature).unwrap());
}

const AES_KEY: [u8; 32] = *b"an AES-256 key for interop tests";

/// The envelope with one bit flipped in the nonce, the first ciphertext byte and the
/// last tag byte.
fn tampered(envelope: &[u8]) -> Vec<Vec<u8>> {
    [0, aead::NONCE_LEN, envelope.len() - 1]
        .into_iter()
        .map(|i| {
            let mut t = envelope.to_vec();
            t[i] ^= 0x01;
            t
        })
        .collect()
}

const AES_CASES: [(&[u8], Option<&[u8]>); 4] = [
    (b"hello, python", None),
    (b"hello, python", Some(b"header v1")),
    (b"", Some(b"only associated data")),
    (&[0x42; 100], None),
];

#[test]
fn our_aes_gcm_envelopes_open_in_python_and_tampered_ones_do_not() {
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for (plaintext, aad) in AES_CASES {
        let envelope = aead::seal(&AES_KEY, plaintext, aad).unwrap();
        let mut open = |envelope: &[u8], result: Option<&[u8]>| {
            requests.push(json!({
                "op": "open",
                "key": hex::encode(AES_KEY),
                "envelope": hex::encode(envelope),
                "aad": aad.map(hex::encode),
            }));
            expected.push(result.map(hex::encode));
        };
        open(&envelope, Some(plaintext));
        for t in tampered(&envelope) {
            open(&t, None);
        }
    }
    let answers = python_each(requests);
    for (answer, expected) in answers.iter().zip(&expected) {
        assert_eq!(answer["plaintext"].as_str(), expected.as_deref());
    }
}

#[test]
fn python_aes_gcm_envelopes_open_with_ours_and_tampered_ones_do_not() {
    let requests: Vec<Value> = AES_CASES
        .iter()
        .map(|(plaintext, aad)| {
            json!({
                "op": "seal",
                "key": hex::encode(AES_KEY),
                "plaintext": hex::encode(plaintext),
                "aad": aad.map(hex::encode),
            })
        })
        .collect();
    let answers = python_each(requests);
    for ((plaintext, aad), answer) in AES_CASES.iter().zip(&answers) {
        let envelope = bytes(answer, "envelope");
        assert_eq!(aead::open(&AES_KEY, &envelope, *aad).unwrap(), *plaintext);
        for t in tampered(&envelope) {
            assert_eq!(
                aead::open(&AES_KEY, &t, *aad),
                Err(Error::AuthenticationFailed)
            );
        }
    }
}

#[test]
fn our_jwk_coordinates_are_the_numbers_python_reports() {
    let member = |jwk: &Value, name: &str| -> Vec<u8> {
        Base64UrlUnpadded::decode_vec(text(jwk, name))
            .unwrap_or_else(|e| panic!("{name:?} is not unpadded base64url: {e}"))
    };
    for curve in Curve::ALL {
        let py = python(&json!({"op": "describe", "curve": curve.name()}));
        let key = SecretKey::parse(text(&py, "pkcs8_pem"), None).unwrap();
        let public: Value = serde_json::from_str(&key.public_key().to_jwk()).unwrap();
        let private: Value = serde_json::from_str(&key.reveal(PrivateKeyFormat::Jwk)).unwrap();
        for jwk in [&public, &private] {
            assert_eq!(text(jwk, "crv"), curve.name());
            assert_eq!(member(jwk, "x"), bytes(&py, "x"));
            match curve {
                Curve::P256 => {
                    assert_eq!(text(jwk, "kty"), "EC");
                    assert_eq!(member(jwk, "y"), bytes(&py, "y"));
                }
                Curve::X25519 => {
                    assert_eq!(text(jwk, "kty"), "OKP");
                    assert_eq!(jwk.get("y"), None);
                }
            }
        }
        assert_eq!(public.get("d"), None);
        assert_eq!(member(&private, "d"), bytes(&py, "d"));
    }
}

/// The TLS 1.2 model's report, checked by Python `cryptography` (`tls12` in peer.py) for
/// both groups: the ServerKeyExchange signature verifies over `signedData` with the
/// exported identity key, the record opens with AESGCM(clientWriteKey) and the exported
/// nonce and aad, and Python derives the same pre-master secret, master secret and key
/// block from the client's ephemeral key and the randoms, and opens the record from the
/// wire bytes alone. Tampered copies fail in Python too.
#[test]
fn tls12_handshake_signature_keys_and_record_check_out_in_python() {
    use ecdh_playground::tls12::{HandshakeOptions, handshake};

    let identity = must(
        SigningKey::from_seed(b"interop tls12", "server identity"),
        "seeded identity key",
    );
    let message = "GET / HTTP/1.1\r\nHost: interop.test\r\n\r\n";
    for (group, client_ephemeral) in [("x25519", "a1".repeat(32)), ("secp256r1", "5c".repeat(32))] {
        let mut options = HandshakeOptions::default();
        options.group = Some(group.to_owned());
        options.client_random = Some("c0".repeat(32));
        options.server_random = Some("5e".repeat(32));
        options.client_ephemeral = Some(client_ephemeral.clone());
        options.server_ephemeral = Some("3b".repeat(32));
        options.server_identity = Some(
            identity
                .reveal_private_key(PrivateKeyFormat::Pem)
                .to_string(),
        );
        options.message = Some(message.to_owned());
        let report = handshake(options);
        assert_eq!(report.error, None, "{group}: {:#?}", report.steps.last());
        assert_eq!(report.group.as_deref(), Some(group));
        assert!(report.signature_valid);
        let record = report.record.as_ref().expect("a complete run has a record");
        let value = |v: &Option<String>| v.clone().expect("a complete run has every value");
        assert_eq!(
            value(&report.server_identity_public_key),
            identity.public_key().to_pem()
        );

        let py = python(&json!({
            "op": "tls12",
            "client_random": value(&report.client_random),
            "server_random": value(&report.server_random),
            "server_ecdh_params": value(&report.server_ecdh_params),
            "client_ephemeral": client_ephemeral,
            "identity_public_pem": value(&report.server_identity_public_key),
            "signature": value(&report.signature),
            "client_write_key": value(&report.client_write_key),
            "nonce": record.nonce,
            "aad": record.aad,
            "ciphertext": record.ciphertext,
            "wire": record.wire,
            "sequence_number": record.sequence_number,
        }));
        assert_eq!(
            text(&py, "signed_data"),
            value(&report.signed_data),
            "{group}"
        );
        assert_eq!(
            py["signature_valid"], true,
            "{group}: Python verifies the signature"
        );
        assert_eq!(py["tampered_signature_valid"], false, "{group}");
        assert_eq!(
            text(&py, "plaintext"),
            hex::encode(message),
            "{group}: AESGCM(clientWriteKey).decrypt(nonce, ciphertext, aad)"
        );
        assert_eq!(record.plaintext, hex::encode(message));
        assert_eq!(py["tampered_plaintext"], Value::Null, "{group}");
        assert_eq!(
            text(&py, "plaintext_from_wire"),
            hex::encode(message),
            "{group}"
        );
        assert_eq!(
            text(&py, "pre_master_secret"),
            value(&report.pre_master_secret),
            "{group}"
        );
        assert_eq!(
            text(&py, "master_secret"),
            value(&report.master_secret),
            "{group}"
        );
        assert_eq!(text(&py, "key_block"), value(&report.key_block), "{group}");
    }
}

/// Runs `ssh-keygen`, failing the test if it fails.
fn ssh_keygen(args: &[&str]) -> Vec<u8> {
    let out = Command::new("ssh-keygen")
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run `ssh-keygen` ({e}): the interop tests need OpenSSH's client tools")
        });
    assert!(
        out.status.success(),
        "ssh-keygen {} failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A self-signed certificate for the key at `key_path`, valid for a day, by openssl.
fn self_signed(key_path: &str, subject: &str, cert_path: &str) {
    openssl_ok(&[
        "req", "-x509", "-key", key_path, "-subj", subject, "-days", "1", "-out", cert_path,
    ]);
}

/// A fresh unencrypted P-256 key pair by ssh-keygen: `path` and `path.pub`.
fn ssh_keygen_ecdsa(path: &str, comment: &str) {
    ssh_keygen(&[
        "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", comment, "-f", path,
    ]);
}

#[test]
fn fresh_openssl_ecparam_genkey_and_certificate_are_read() {
    let dir = TempDir::new("ecparam");
    let key_path = dir.path("key.pem");
    // The command most tutorials give: EC PARAMETERS, then EC PRIVATE KEY.
    openssl_ok(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-out",
        &key_path,
    ]);
    let text = must(std::fs::read_to_string(&key_path), &key_path);
    assert!(text.starts_with("-----BEGIN EC PARAMETERS-----"), "{text}");
    let expected = PublicKey::parse(&pubout(&key_path)).unwrap().0;
    let pair = KeyPair::import_private_key(&text, None).unwrap();
    assert_eq!(*pair.public_key(), expected);
    let inspection = ecdh_playground::inspect_public_key(&text).unwrap();
    assert_eq!(inspection.source, "ec-parameters+key");
    assert!(inspection.contains_private_key);
    assert_eq!(inspection.fingerprint, expected.fingerprint());

    let cert_path = dir.path("cert.pem");
    self_signed(&key_path, "/O=Interop/CN=fresh.example", &cert_path);
    let cert = must(std::fs::read_to_string(&cert_path), &cert_path);
    let inspection = ecdh_playground::inspect_public_key(&cert).unwrap();
    assert_eq!(inspection.source, "certificate");
    assert_eq!(inspection.fingerprint, expected.fingerprint());
    let summary = inspection.certificate.unwrap();
    assert_eq!(summary.subject, "O=Interop, CN=fresh.example");
    // The dates and serial OpenSSL prints for the same certificate.
    let printed = String::from_utf8_lossy(&openssl_ok(&[
        "x509", "-in", &cert_path, "-noout", "-serial", "-dates", "-dateopt", "iso_8601",
    ]))
    .into_owned();
    assert!(
        printed.contains(&format!("serial={}", summary.serial_number.to_uppercase())),
        "{printed}"
    );
    let iso = |t: &str| t.trim_end_matches(" UTC").to_owned() + "Z";
    assert!(
        printed.contains(&format!("notBefore={}", iso(&summary.not_before))),
        "{printed}"
    );
    assert!(
        printed.contains(&format!("notAfter={}", iso(&summary.not_after))),
        "{printed}"
    );
    // ECDH with the certificate as the peer's key equals OpenSSL's, with the same key.
    let secret = pair.shared_secret_with(&cert).unwrap();
    let peer_path = dir.write("peer.pem", pubout(&key_path));
    let theirs = openssl_ok(&[
        "pkeyutl", "-derive", "-inkey", &key_path, "-peerkey", &peer_path,
    ]);
    assert_eq!(secret.as_bytes().as_slice(), theirs.as_slice());
}

#[test]
fn fresh_openssh_keys_give_the_point_ssh_keygen_exports() {
    let dir = TempDir::new("openssh");
    let path = dir.path("id_ecdsa");
    ssh_keygen_ecdsa(&path, "fresh@interop");
    let line = must(std::fs::read_to_string(format!("{path}.pub")), &path);
    let exported = String::from_utf8_lossy(&ssh_keygen(&[
        "-e",
        "-m",
        "PKCS8",
        "-f",
        &format!("{path}.pub"),
    ]))
    .into_owned();
    let expected = PublicKey::parse(&exported).unwrap().0;
    assert_eq!(
        PublicKey::parse(&line).unwrap(),
        (expected, PublicKeyFormat::OpenSsh)
    );
    // Our OpenSSH line is ssh-keygen's, less the comment.
    assert_eq!(
        format!(
            "{} fresh@interop",
            expected.encode(PublicKeyFormat::OpenSsh).unwrap()
        ),
        line.trim()
    );
    let private = must(std::fs::read_to_string(&path), &path);
    let pair = KeyPair::import_private_key(&private, None).unwrap();
    assert_eq!(*pair.public_key(), expected);
    // ssh-keygen reads the key back from its PKCS#8 form written by us.
    let ours = dir.write(
        "ours.pem",
        pair.reveal_private_key(PrivateKeyFormat::Pem).as_bytes(),
    );
    must(
        std::fs::set_permissions(&ours, std::os::unix::fs::PermissionsExt::from_mode(0o600)),
        "chmod",
    );
    let derived = String::from_utf8_lossy(&ssh_keygen(&["-y", "-f", &ours])).into_owned();
    assert_eq!(
        derived.split_whitespace().take(2).collect::<Vec<_>>(),
        line.split_whitespace().take(2).collect::<Vec<_>>()
    );
    // An Ed25519 key is named for what it is.
    let ed = dir.path("id_ed25519");
    ssh_keygen(&["-q", "-t", "ed25519", "-N", "", "-f", &ed]);
    let ed_line = must(std::fs::read_to_string(format!("{ed}.pub")), &ed);
    let message = PublicKey::parse(&ed_line).unwrap_err().to_string();
    assert!(
        message.contains("an Ed25519 key (ssh-ed25519)"),
        "{message}"
    );
}

/// Runs `program` with `args` and returns its standard output as text.
fn run_text(program: &OsString, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program:?} ({e})"));
    assert!(
        out.status.success(),
        "{program:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    must(String::from_utf8(out.stdout), "reading its output")
}

/// Keys as Python and Node print them, fresh: 24 keys on each curve, so that Python's
/// `repr` meets quotes, backslashes and every escape in some of them.
#[test]
fn fresh_python_and_node_printouts_are_read() {
    let keys: Vec<PublicKey> = (0..48)
        .map(|i| {
            let curve = if i % 2 == 0 {
                Curve::P256
            } else {
                Curve::X25519
            };
            *KeyPair::from_seed(curve, format!("printout {i}").as_bytes(), "").public_key()
        })
        .collect();
    let request: Vec<Value> = keys
        .iter()
        .map(|k| json!({"raw": hex::encode(k.to_raw()), "jwk": k.to_jwk()}))
        .collect();
    let request = Value::Array(request).to_string();
    let python =
        std::env::var_os("ECDH_PLAYGROUND_PYTHON").unwrap_or_else(|| OsString::from("python3"));
    let printed: Vec<Vec<String>> = must(
        serde_json::from_str(&run_text(
            &python,
            &[
                "-c",
                "import json, sys\n\
                 from cryptography.hazmat.primitives.asymmetric import ec\n\
                 def numbers(raw):\n\
                 \x20   if len(raw) != 65: return []\n\
                 \x20   key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)\n\
                 \x20   return [str(key.public_numbers())]\n\
                 keys = json.loads(sys.argv[1])\n\
                 print(json.dumps([[repr(bytes.fromhex(k['raw'])), repr(list(bytes.fromhex(k['raw']))), \
                 repr(bytearray.fromhex(k['raw'])), repr(json.loads(k['jwk']))] \
                 + numbers(bytes.fromhex(k['raw'])) for k in keys]))",
                &request,
            ],
        )),
        "reading Python's printouts",
    );
    let node = OsString::from("node");
    let node_printed: Vec<Vec<String>> = must(
        serde_json::from_str(&run_text(
            &node,
            &[
                "-e",
                "const u = require('util');\n\
                 const keys = JSON.parse(process.argv[1]);\n\
                 console.log(JSON.stringify(keys.map((k) => {\n\
                   const raw = new Uint8Array(Buffer.from(k.raw, 'hex'));\n\
                   const out = [u.inspect(raw), u.inspect(JSON.parse(k.jwk)), JSON.stringify(raw),\n\
                     JSON.stringify(Buffer.from(raw))];\n\
                   if (raw.length <= 50) out.push(u.inspect(Buffer.from(raw)));\n\
                   return out;\n\
                 })));",
                &request,
            ],
        )),
        "reading Node's printouts",
    );
    for ((key, python), node) in keys.iter().zip(&printed).zip(&node_printed) {
        for text in python.iter().chain(node) {
            let read = PublicKey::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(read.0, *key, "{text}");
        }
    }
    // A P-256 point as Node prints a Buffer: cut short at 50 bytes, and said so.
    let cut = run_text(
        &node,
        &[
            "-e",
            "console.log(require('util').inspect(Buffer.alloc(65, 4)))",
        ],
    );
    let e = PublicKey::parse(&cut).unwrap_err().to_string();
    assert!(e.contains("cut short"), "{cut}: {e}");
}

/// An authorized_keys line with options, the RFC 4716 block and OpenSSL's TRUSTED
/// CERTIFICATE, fresh from ssh-keygen and openssl.
#[test]
fn fresh_authorized_keys_rfc_4716_and_trusted_certificate_are_read() {
    let dir = TempDir::new("ssh-forms");
    let path = dir.path("id_ecdsa");
    ssh_keygen_ecdsa(&path, "forms@interop");
    let public = format!("{path}.pub");
    let expected = PublicKey::parse(&String::from_utf8_lossy(&ssh_keygen(&[
        "-e", "-m", "PKCS8", "-f", &public,
    ])))
    .unwrap()
    .0;
    let rfc4716 = String::from_utf8_lossy(&ssh_keygen(&["-e", "-f", &public])).into_owned();
    assert!(
        rfc4716.starts_with("---- BEGIN SSH2 PUBLIC KEY ----"),
        "{rfc4716}"
    );
    let line = must(std::fs::read_to_string(&public), &public);
    let authorized = format!("restrict,command=\"uptime\" {line}");
    for text in [&rfc4716, &authorized] {
        assert_eq!(PublicKey::parse(text).unwrap().0, expected, "{text}");
    }

    let key_path = dir.path("key.pem");
    openssl_ok(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        &key_path,
    ]);
    let cert_path = dir.path("cert.pem");
    self_signed(&key_path, "/CN=trusted.example", &cert_path);
    let trusted = String::from_utf8_lossy(&openssl_ok(&[
        "x509",
        "-in",
        &cert_path,
        "-trustout",
        "-addtrust",
        "clientAuth",
        "-addreject",
        "emailProtection",
        "-setalias",
        "interop",
    ]))
    .into_owned();
    assert!(trusted.contains("BEGIN TRUSTED CERTIFICATE"), "{trusted}");
    let inspection = ecdh_playground::inspect_public_key(&trusted).unwrap();
    assert_eq!(
        inspection.fingerprint,
        PublicKey::parse(&pubout(&key_path))
            .unwrap()
            .0
            .fingerprint()
    );
    assert_eq!(
        inspection.certificate.unwrap().subject,
        "CN=trusted.example"
    );
}

/// openssl's `-text` output, fresh: the key it prints for P-256 and X25519, read as
/// `pkey -pubout` writes it; every other algorithm named, not read as the nearest one.
#[test]
fn fresh_openssl_text_output_is_read_or_named() {
    let dir = TempDir::new("text");
    let text = |path: &str, args: &[&str]| {
        String::from_utf8_lossy(&openssl_ok(
            &[&["pkey", "-in", path, "-noout"], args].concat(),
        ))
        .into_owned()
    };
    for curve in [Curve::P256, Curve::X25519] {
        let path = dir.path(&format!("{curve}.pem"));
        openssl_genpkey(curve, &path);
        let expected = PublicKey::parse(&pubout(&path)).unwrap().0;
        let public = text(&path, &["-text_pub"]);
        assert_eq!(PublicKey::parse(&public).unwrap().0, expected, "{public}");
        // The private key's output: its priv: block is the key.
        let private = text(&path, &["-text"]);
        let pair = KeyPair::import_private_key(&private, None).unwrap();
        assert_eq!(*pair.public_key(), expected, "{private}");
    }
    let unsupported = "is not supported: this playground works with P-256 and X25519 keys";
    for (algorithm, found) in [
        (
            &["-algorithm", "ED25519"][..],
            "an Ed25519 key (for signatures, not key exchange)",
        ),
        (&["-algorithm", "X448"], "an X448 key"),
        (
            &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
            "an RSA key",
        ),
        (
            &[
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:secp256k1",
            ],
            "a secp256k1 key",
        ),
        (
            &["-algorithm", "DH", "-pkeyopt", "group:ffdhe2048"],
            "a Diffie-Hellman (finite field) key",
        ),
    ] {
        let path = dir.path("other.pem");
        openssl_ok(&[&["genpkey", "-out", &path], algorithm].concat());
        let public = text(&path, &["-text_pub"]);
        let e = ecdh_playground::inspect_public_key(&public).unwrap_err();
        assert_eq!(e.to_string(), format!("{found} {unsupported}"), "{public}");
    }
}
