//! Keys as people paste them from the usual tools: `openssl ecparam -genkey` (an EC
//! PARAMETERS block before the key), certificates and requests, OpenSSH public and
//! private keys, PEM quoted in a mail or indented, several blocks at once, and what
//! programs print. The files in tests/data/pastes were written by OpenSSL 3.0 and OpenSSH,
//! and the printouts by Python, Node, PHP, Java, Rust, Go and Ruby (its README has the
//! commands); tests/interop.rs makes fresh OpenSSL and OpenSSH ones on every run.

mod common;

use common::der_spans_add_up;
use ecdh_playground::keys::paste::{self, Source, Want};
use ecdh_playground::keys::{
    Curve, KeyPair, LOW_ORDER_WARNING, PRIVATE_KEY_WARNING, PublicKey, PublicKeyFormat, SecretKey,
    explain, inspect_public_key,
};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/pastes/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn message<T>(result: Result<T, ecdh_playground::Error>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn public_of(name: &str) -> PublicKey {
    PublicKey::parse(&data(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .0
}

#[test]
fn openssl_ecparam_genkey_output_is_a_private_key() {
    let text = data("ecparam-genkey.pem");
    let expected = public_of("ecparam-genkey.pub.pem");
    // As a private key: imported, and its public key is OpenSSL's.
    let pair = KeyPair::import_private_key(&text, None).unwrap();
    assert_eq!(*pair.public_key(), expected);
    assert_eq!(
        KeyPair::import_private_key(&text, Some(Curve::P256))
            .unwrap()
            .public_key(),
        &expected
    );
    // Where a public key belongs: refused by the API, read with a warning by the inspector.
    assert_eq!(
        message(PublicKey::parse(&text)),
        "expected a public key, got a private key: never share it; paste the PUBLIC KEY instead"
    );
    assert_eq!(
        message(pair.shared_secret_with(&text)),
        "expected a public key, got a private key: never share it; paste the PUBLIC KEY instead"
    );
    let inspection = inspect_public_key(&text).unwrap();
    assert_eq!(inspection.source, "ec-parameters+key");
    assert!(inspection.contains_private_key);
    assert_eq!(inspection.fingerprint, expected.fingerprint());
    assert_eq!(inspection.pem, expected.to_pem());
    assert_eq!(
        inspection.warnings,
        [
            PRIVATE_KEY_WARNING,
            "Skipped the EC PARAMETERS block: it only names the curve (P-256), which is the key's."
        ]
    );
    // The DER given to the inspector's tree is the EC PRIVATE KEY, not the parameters.
    let tree = explain::explain(&hex::decode(inspection.der.as_str()).unwrap()).unwrap();
    assert_eq!(tree.name.as_deref(), Some("ECPrivateKey (SEC1)"));
}

#[test]
fn ec_parameters_must_name_the_key_curve() {
    let params_only = data("ecparam-genkey.pem")
        .split("-----BEGIN EC PRIVATE KEY")
        .next()
        .unwrap()
        .to_owned();
    let only = "malformed PEM: this is only EC PARAMETERS (the name of a curve), not a key: \
                `openssl ecparam -genkey` writes the key after it; paste both blocks";
    assert_eq!(message(PublicKey::parse(&params_only)), only);
    assert_eq!(message(SecretKey::parse(&params_only, None)), only);
    // The P-256 parameters before an X25519 key.
    let x25519 = KeyPair::from_seed(Curve::X25519, b"params", "");
    let mixed = format!(
        "{params_only}{}",
        &*x25519.reveal_private_key(ecdh_playground::PrivateKeyFormat::Pem)
    );
    assert_eq!(
        message(SecretKey::parse(&mixed, None)),
        "malformed EC PARAMETERS: the EC PARAMETERS block names 1.2.840.10045.3.1.7 — \
         prime256v1 (P-256), but the key is an X25519 key"
    );
    // Explicit parameters (the "-param_enc explicit" form) are not a named curve.
    let explicit = "-----BEGIN EC PARAMETERS-----\nMAA=\n-----END EC PARAMETERS-----\n";
    let key = data("ecparam-genkey.pem");
    let key_block = &key[key.find("-----BEGIN EC PRIVATE KEY").unwrap()..];
    assert_eq!(
        message(SecretKey::parse(&format!("{explicit}{key_block}"), None)),
        "a key with explicit curve parameters (only named curves are) is not supported: this \
         playground works with P-256 and X25519 keys"
    );
    // A P-384 key is named.
    assert_eq!(
        message(SecretKey::parse(&data("p384-ecparam-genkey.pem"), None)),
        "a secp384r1 (P-384) key is not supported: this playground works with P-256 and \
         X25519 keys"
    );
}

#[test]
fn certificate_gives_its_key_and_who_it_belongs_to() {
    let text = data("cert.pem");
    let expected = public_of("ecparam-genkey.pub.pem");
    let (key, format) = PublicKey::parse(&text).unwrap();
    assert_eq!((key, format), (expected, PublicKeyFormat::Pem));
    let inspection = inspect_public_key(&text).unwrap();
    assert_eq!(inspection.source, "certificate");
    assert!(!inspection.contains_private_key);
    assert!(inspection.warnings.is_empty());
    let cert = inspection.certificate.unwrap();
    assert_eq!(cert.subject, "C=NL, O=ECDH Playground, CN=server.example");
    assert_eq!(cert.issuer, cert.subject);
    assert_eq!(cert.signature_algorithm, "ecdsa-with-SHA256");
    assert!(cert.not_before.ends_with(" UTC") && cert.not_before.len() == 23);
    assert!(cert.not_after > cert.not_before);
    assert_eq!(cert.serial_number.len() % 2, 0);
    // The same certificate as hex and base64 DER.
    let der = ecdh_playground::keys::text::parse_pem(&text)
        .unwrap()
        .der
        .clone();
    for (pasted, format) in [
        (hex::encode(&der), "spki"),
        (ecdh_playground::keys::text::to_base64(&der), "spki-base64"),
    ] {
        let inspection = inspect_public_key(&pasted).unwrap();
        assert_eq!(
            (inspection.source, inspection.format),
            ("certificate", format)
        );
        assert_eq!(inspection.fingerprint, expected.fingerprint());
    }
    // ECDH and signature checks take a certificate as the peer's key.
    let pair = KeyPair::import_private_key(&data("ecparam-genkey.pem"), None).unwrap();
    assert!(pair.shared_secret_with(&text).is_ok());
    // A certificate is not a private key.
    assert_eq!(
        message(SecretKey::parse(&text, None)),
        "expected a private key, got a certificate, which holds only a public key"
    );
    assert_eq!(
        message(SecretKey::parse(&hex::encode(&der), None)),
        "expected a private key, got a certificate, which holds only a public key"
    );
}

#[test]
fn certificate_request_gives_its_key() {
    let inspection = inspect_public_key(&data("request.pem")).unwrap();
    assert_eq!(inspection.source, "certificate-request");
    assert_eq!(
        inspection.fingerprint,
        public_of("ecparam-genkey.pub.pem").fingerprint()
    );
    let cert = inspection.certificate.unwrap();
    assert_eq!(cert.subject, "CN=request.example");
    assert_eq!(cert.not_after, "");
}

#[test]
fn certificate_of_another_algorithm_is_named() {
    assert_eq!(
        message(PublicKey::parse(&data("rsa-cert.pem"))),
        "the certificate's key, an RSA key, is not supported: this playground works with \
         P-256 and X25519 keys"
    );
}

#[test]
fn a_certificate_chain_takes_the_first_and_says_so() {
    let chain = format!("{}{}", data("cert.pem"), data("rsa-cert.pem"));
    let inspection = inspect_public_key(&chain).unwrap();
    assert_eq!(inspection.source, "certificate");
    assert_eq!(
        inspection.warnings,
        [
            "Skipped the second PEM block (CERTIFICATE): the key was taken from the first \
          (CERTIFICATE)."
        ]
    );
}

#[test]
fn openssh_public_key_is_the_point_ssh_keygen_exports() {
    let line = data("id_ecdsa.pub");
    let expected = public_of("id_ecdsa.pkcs8.pub.pem");
    let (key, format) = PublicKey::parse(&line).unwrap();
    assert_eq!((key, format), (expected, PublicKeyFormat::OpenSsh));
    let inspection = inspect_public_key(&line).unwrap();
    assert_eq!(inspection.source, "openssh");
    assert_eq!(inspection.comment.as_deref(), Some("student@laptop"));
    // Written back as ssh-keygen wrote it, less the comment.
    let ours = key.encode(PublicKeyFormat::OpenSsh).unwrap();
    assert_eq!(ours, line.trim().trim_end_matches(" student@laptop"));
    // Without a comment, and with the line broken by a mail program.
    assert_eq!(PublicKey::parse(&ours).unwrap().0, expected);
    // A damaged blob is named.
    let cut = &ours[..ours.len() - 8];
    assert!(message(PublicKey::parse(cut)).starts_with("malformed OpenSSH public key"));
}

#[test]
fn openssh_private_key_is_read_unless_encrypted() {
    let expected = public_of("id_ecdsa.pkcs8.pub.pem");
    let pair = KeyPair::import_private_key(&data("id_ecdsa"), None).unwrap();
    assert_eq!(*pair.public_key(), expected);
    let inspection = inspect_public_key(&data("id_ecdsa")).unwrap();
    assert_eq!(inspection.source, "openssh-private-key");
    assert_eq!(inspection.comment.as_deref(), Some("student@laptop"));
    assert_eq!(inspection.warnings, [PRIVATE_KEY_WARNING]);
    assert_eq!(
        message(SecretKey::parse(&data("id_ecdsa_encrypted"), None)),
        "malformed OpenSSH private key: the key is encrypted with a passphrase (aes256-ctr); \
         remove the passphrase from a copy with `ssh-keygen -p -N \"\" -f copy-of-key`"
    );
    // An OpenSSH public key line is not a private key.
    assert_eq!(
        message(SecretKey::parse(&data("id_ecdsa.pub"), None)),
        "expected a private key, got an OpenSSH public key: paste the private key file \
         (-----BEGIN OPENSSH PRIVATE KEY-----)"
    );
}

#[test]
fn ed25519_is_named_for_what_it_is() {
    let ed25519 = "expected a P-256 or X25519 key, got an Ed25519 key (ssh-ed25519): a \
         signature key on the Edwards form of Curve25519, not an X25519 key for key exchange. \
         Make a P-256 key this playground reads with `ssh-keygen -t ecdsa -b 256`, or an \
         X25519 key with `openssl genpkey -algorithm X25519`";
    assert_eq!(message(PublicKey::parse(&data("id_ed25519.pub"))), ed25519);
    assert_eq!(
        message(SecretKey::parse(&data("id_ed25519"), None)),
        ed25519
    );
}

#[test]
fn quoted_and_indented_pem_is_read() {
    let expected = public_of("ecparam-genkey.pub.pem");
    let pem = data("ecparam-genkey.pub.pem");
    let quoted: String = format!("Bob wrote:\n{pem}")
        .lines()
        .map(|l| format!("> {l}\n"))
        .collect();
    let twice: String = quoted.lines().map(|l| format!("> {l}\r\n")).collect();
    let indented: String = pem.lines().map(|l| format!("        {l}\n")).collect();
    for text in [quoted, twice, indented] {
        assert_eq!(PublicKey::parse(&text).unwrap().0, expected, "{text}");
    }
    let key = data("ecparam-genkey.pem");
    let quoted_private: String = key.lines().map(|l| format!("> {l}\n")).collect();
    assert_eq!(
        *KeyPair::import_private_key(&quoted_private, None)
            .unwrap()
            .public_key(),
        expected
    );
}

#[test]
fn several_blocks_take_the_key_asked_for() {
    let public = data("ecparam-genkey.pub.pem");
    let private = data("ecparam-genkey.pem");
    let both = format!("{private}\n{public}");
    // A public key is taken where a public key belongs, but the private key is still
    // flagged: the paste holds it.
    let reading = paste::read(&both, Want::Public).unwrap();
    assert_eq!(reading.source, Source::PublicKey);
    assert!(reading.contains_private_key);
    let inspection = inspect_public_key(&both).unwrap();
    assert_eq!(inspection.warnings[0], PRIVATE_KEY_WARNING);
    assert!(
        inspection.warnings[2].starts_with("Skipped the second PEM block (EC PRIVATE KEY)"),
        "{:?}",
        inspection.warnings
    );
    // The private key where a private key belongs.
    let pair = KeyPair::import_private_key(&both, None).unwrap();
    assert_eq!(*pair.public_key(), public_of("ecparam-genkey.pub.pem"));
}

#[test]
fn pem_without_its_begin_line_is_named() {
    let pem = data("ecparam-genkey.pub.pem");
    let cut = &pem[pem.find('\n').unwrap() + 1..];
    let expected = "malformed PEM: the \"-----BEGIN PUBLIC KEY-----\" line is missing: copy \
                    the whole block, from its BEGIN line to its END line";
    assert_eq!(message(PublicKey::parse(cut)), expected);
    assert_eq!(message(SecretKey::parse(cut, None)), expected);
}

#[test]
fn every_paste_here_explains_and_its_offsets_add_up() {
    for name in [
        "cert.pem",
        "request.pem",
        "rsa-cert.pem",
        "ecparam-genkey.pem",
        "ecparam-genkey.pub.pem",
        "p384-ecparam-genkey.pem",
        "id_ecdsa.pkcs8.pub.pem",
    ] {
        let tree = explain::explain_text(&data(name)).unwrap();
        let der = explain::der_of_text(&data(name)).unwrap();
        assert_eq!(tree.offset, 0, "{name}");
        assert_eq!(tree.header_length + tree.length, der.len(), "{name}");
        der_spans_add_up(&tree, der.len());
        assert!(tree.name.is_some(), "{name}: the outer structure is named");
    }
}

/// The inspector names X25519 keys of small order (the peer box refuses them in ECDH):
/// RFC 7748's all-zero check, here on the u-coordinates of order 1, 2, 4 and 8 and their
/// non-canonical forms (u + p), as Bernstein's list has them.
#[test]
fn low_order_x25519_keys_are_named_by_the_inspector() {
    let low = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ];
    for hex in low {
        let inspection = inspect_public_key(hex).unwrap();
        assert_eq!(inspection.curve, "X25519");
        assert!(
            inspection.warnings.iter().any(|w| w == LOW_ORDER_WARNING),
            "{hex}: {:?}",
            inspection.warnings
        );
    }
    let fine = KeyPair::generate(Curve::X25519).unwrap();
    let inspection = inspect_public_key(&fine.public_key().to_pem()).unwrap();
    assert!(inspection.warnings.is_empty(), "{:?}", inspection.warnings);
    let p256 = KeyPair::generate(Curve::P256).unwrap();
    assert!(
        inspect_public_key(&p256.public_key().to_pem())
            .unwrap()
            .warnings
            .is_empty()
    );
}

/// PEM written as one string with `\n` escapes, as `JSON.stringify`, a `.env` file or a
/// log line has it (with `\r\n` from Windows): read as the PEM it stands for.
#[test]
fn pem_with_escaped_line_breaks_is_read() {
    let pair = KeyPair::generate(Curve::P256).unwrap();
    let pem = pair.public_key().to_pem();
    let escaped = pem.replace('\n', "\\n");
    for text in [
        format!("\"{escaped}\""),
        format!("PUBLIC_KEY=\"{escaped}\""),
        format!("{{\"publicKey\": \"{escaped}\"}}"),
        format!("\"{}\"", pem.replace('\n', "\\r\\n")),
    ] {
        let inspection = inspect_public_key(&text).unwrap();
        assert_eq!(
            inspection.fingerprint,
            pair.public_key().fingerprint(),
            "{text}"
        );
        assert_eq!(
            PublicKey::parse(&text).unwrap().0,
            *pair.public_key(),
            "{text}"
        );
    }
    let private = pair.reveal_private_key(ecdh_playground::keys::PrivateKeyFormat::Pem);
    let escaped = format!("\"{}\"", private.replace('\n', "\\n"));
    let imported = KeyPair::import_private_key(&escaped, None).unwrap();
    assert_eq!(imported.public_key(), pair.public_key());
}

/// A JWK Set, as a JWKS endpoint serves it: the first key on P-256 or X25519 is read
/// (an RSA or P-384 key before it skipped), and the note says which.
#[test]
fn a_jwk_set_gives_its_first_key_on_a_curve_read_here() {
    let p256 = KeyPair::generate(Curve::P256).unwrap();
    let x25519 = KeyPair::generate(Curve::X25519).unwrap();
    let rsa = r#"{"kty":"RSA","kid":"r1","use":"sig","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"}"#;
    let set = format!(
        r#"{{"keys": [{rsa}, {}, {}]}}"#,
        p256.public_key().to_jwk(),
        x25519.public_key().to_jwk()
    );
    let inspection = inspect_public_key(&set).unwrap();
    assert_eq!(inspection.curve, "P-256");
    assert_eq!(inspection.fingerprint, p256.public_key().fingerprint());
    assert_eq!(
        inspection.warnings,
        [
            "A JWK Set ({\"keys\": [...]}) of 3 keys: read key 2, the first on P-256 or X25519; the others were skipped."
        ]
    );
    assert_eq!(PublicKey::parse(&set).unwrap().0, *p256.public_key());
    let one = format!(r#"{{"keys":[{}]}}"#, x25519.public_key().to_jwk());
    assert_eq!(
        inspect_public_key(&one).unwrap().fingerprint,
        x25519.public_key().fingerprint()
    );
    assert_eq!(
        message(inspect_public_key(&format!(r#"{{"keys":[{rsa},{rsa}]}}"#))),
        format!(
            "malformed JWK Set: none of its 2 keys is a P-256 or X25519 key; the first: {}",
            message(inspect_public_key(rsa))
        )
    );
    assert_eq!(
        message(inspect_public_key(r#"{"keys": []}"#)),
        "malformed JWK Set: its \"keys\" array is empty"
    );
    assert!(message(inspect_public_key(r#"{"keys": ["a"]}"#)).contains("a key (a JSON object)"));
}

/// The note on a JWK read from JavaScript's or Python's printout of an object.
const OBJECT_NOTATION: &str = "Read as JavaScript or Python prints an object (names without \
     quotes, strings in single quotes), not JSON: JSON.stringify(jwk) in JavaScript, \
     json.dumps(jwk) in Python write the JSON.";

/// The key of `ecparam-genkey.pem` as each language prints it; the files were written by
/// Python 3.11 (`repr`), Node 20 (`util.inspect`, as `console.log` prints, and
/// `JSON.stringify`) from that key (tests/data/pastes/README.md).
#[test]
fn bytes_and_objects_as_programs_print_them() {
    let expected = public_of("ecparam-genkey.pub.pem");
    for (file, note) in [
        (
            "python-bytes.txt",
            "Read 65 bytes from a Python bytes literal (b'…').",
        ),
        (
            "python-list.txt",
            "Read 65 bytes from a list of byte values ([4, 118, …]).",
        ),
        (
            "node-inspect-uint8array.txt",
            "Read 65 bytes from a list of byte values ([4, 118, …]).",
        ),
        (
            "json-uint8array.json",
            "Read 65 bytes from the JSON of a Uint8Array ({\"0\": 4, \"1\": 118, …}).",
        ),
        (
            "json-buffer.json",
            "Read 65 bytes from the JSON of a Node.js Buffer ({\"type\": \"Buffer\", \"data\": […]}).",
        ),
        ("node-inspect-jwk.txt", OBJECT_NOTATION),
        (
            "xxd.txt",
            "Read 91 bytes from a hex dump (xxd, hexdump -C).",
        ),
        (
            "hexdump-C.txt",
            "Read 91 bytes from a hex dump (xxd, hexdump -C).",
        ),
        (
            "python-public-numbers.txt",
            "Read 65 bytes from Python's EllipticCurvePublicNumbers (x and y in decimal).",
        ),
        ("python-dict-jwk.txt", OBJECT_NOTATION),
        (
            "php-var-dump-array.txt",
            "Read 65 bytes from PHP's var_dump or print_r of an array of byte values.",
        ),
        (
            "php-print-r-array.txt",
            "Read 65 bytes from PHP's var_dump or print_r of an array of byte values.",
        ),
        (
            "php-var-dump-hex.txt",
            "PHP's var_dump of a string: read the text inside the quotes.",
        ),
    ] {
        let text = data(file);
        let inspection = inspect_public_key(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(inspection.fingerprint, expected.fingerprint(), "{file}");
        assert_eq!(inspection.warnings, [note], "{file}");
        assert_eq!(PublicKey::parse(&text).unwrap().0, expected, "{file}");
    }
    // The same as a peer's key for ECDH.
    let pair = KeyPair::from_seed(Curve::P256, b"printouts", "");
    assert_eq!(
        pair.shared_secret_with(&data("python-bytes.txt"))
            .unwrap()
            .as_bytes(),
        pair.shared_secret_with(&data("ecparam-genkey.pub.pem"))
            .unwrap()
            .as_bytes()
    );
    // Node prints 50 bytes of a Buffer: a P-256 point's 65 are cut short, and said so; an
    // X25519 key's 32 fit (RFC 7748 §6.1, Alice's public key).
    assert_eq!(
        message(PublicKey::parse(&data("node-inspect-buffer.txt"))),
        "malformed bytes: this printout is cut short (it says \"... 15 more bytes\"): print the \
         bytes whole, as hex: Buffer.from(bytes).toString('hex')"
    );
    let x25519 = inspect_public_key(&data("node-inspect-buffer-x25519.txt")).unwrap();
    // Bytes with nothing saying what they are, which may be a private scalar.
    assert!(x25519.bare_bytes);
    assert!(
        inspect_public_key("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
            .unwrap()
            .bare_bytes
    );
    assert!(
        !inspect_public_key(&data("ecparam-genkey.pub.pem"))
            .unwrap()
            .bare_bytes
    );
    assert_eq!(
        x25519.raw,
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    );
    // A private scalar printed by Python, where a private key is asked for.
    let scalar = [0x11u8; 32]
        .iter()
        .map(|b| format!("\\x{b:02x}"))
        .collect::<String>();
    let secret = SecretKey::parse(&format!("b'{scalar}'"), Some(Curve::X25519)).unwrap();
    assert_eq!(secret.curve(), Curve::X25519);
    // Key objects as programs print them, which hide the key: named, with the export.
    for (text, export) in [
        (
            "CryptoKey {\n  type: 'public',\n  extractable: true,\n  algorithm: { name: 'ECDH', \
             namedCurve: 'P-256' },\n  usages: []\n}",
            "crypto.subtle.exportKey('jwk', key)",
        ),
        (
            "CryptoKey {type: 'public', extractable: true, algorithm: {…}, usages: Array(0)}",
            "crypto.subtle.exportKey('jwk', key)",
        ),
        (
            "{ publicKey: CryptoKey { type: 'public' }, privateKey: CryptoKey { type: 'private' } }",
            "crypto.subtle.exportKey('jwk', key)",
        ),
        (
            "PublicKeyObject [KeyObject] { [Symbol(kKeyType)]: 'public' }",
            "key.export({ type: 'spki', format: 'pem' })",
        ),
        (
            "<cryptography.hazmat.bindings._rust.openssl.ec.ECPublicKey object at 0x7f038e93baf0>",
            "key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)",
        ),
    ] {
        let e = message(PublicKey::parse(text));
        assert!(
            e.contains("which does not show the key; print the key exported: ")
                && e.contains(export),
            "{text}: {e}"
        );
    }
    // A Python bytes literal of text, printed without .decode(): the text is read.
    let hex = expected.encode(PublicKeyFormat::RawHex).unwrap();
    let spki64 = expected.encode(PublicKeyFormat::SpkiBase64).unwrap();
    let pem = expected.to_pem();
    let ssh = expected.encode(PublicKeyFormat::OpenSsh).unwrap();
    for text in [
        format!("b'{hex}'"),
        format!("b'{spki64}'"),
        format!("b'{ssh}'"),
    ] {
        let inspection = inspect_public_key(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(inspection.fingerprint, expected.fingerprint(), "{text}");
        assert_eq!(
            inspection.warnings,
            [
                "A Python bytes literal of text (b'…' around hex, base64 or a key line): read \
                 the text inside; .decode() prints it without the b''."
            ]
        );
    }
    // PEM in a bytes literal is PEM written with \n escapes (unquoted as such).
    let pem_bytes = format!("b'{}'", pem.replace('\n', "\\n"));
    assert_eq!(PublicKey::parse(&pem_bytes).unwrap().0, expected);
    // cryptography 41 and earlier print no ")" before the ">".
    let old = data("python-public-numbers.txt").trim().replace(")>", ">");
    assert_eq!(PublicKey::parse(&old).unwrap().0, expected);
    // Node's ArrayBuffer (what exportKey resolves to), .NET's dashes, xxd -i, Go, Rust {:x?}.
    let raw = expected.to_raw();
    let spaced =
        |f: &dyn Fn(&u8) -> String, sep: &str| raw.iter().map(f).collect::<Vec<_>>().join(sep);
    for text in [
        format!(
            "ArrayBuffer {{\n  [Uint8Contents]: <{}>,\n  byteLength: 65\n}}",
            spaced(&|b| format!("{b:02x}"), " ")
        ),
        spaced(&|b| format!("{b:02X}"), "-"),
        format!(
            "unsigned char key_der[] = {{\n  {}\n}};\nunsigned int key_der_len = 65;",
            spaced(&|b| format!("0x{b:02x}"), ", ")
        ),
        format!("[{}]", spaced(&|b| b.to_string(), " ")),
        format!("[{}]", spaced(&|b| format!("{b:x}"), ", ")),
        // Without brackets: C#'s string.Join(",", bytes), Python's print(*data), a shell's
        // echo, Java's signed bytes joined.
        spaced(&|b| b.to_string(), ","),
        spaced(&|b| b.to_string(), ", "),
        format!("{},", spaced(&|b| b.to_string(), ", ")),
        spaced(&|b| b.to_string(), " "),
        spaced(&|b| b.to_string(), "\n"),
        spaced(&|b| i8::from_ne_bytes([*b]).to_string(), " "),
        spaced(&|b| format!("0x{b:02x}"), ", "),
        // A list of one string: Ruby's p bytes.unpack("H*"), a Python list.
        format!("[\"{}\"]", spaced(&|b| format!("{b:02x}"), "")),
        format!("['{}']", spaced(&|b| format!("{b:02x}"), "")),
    ] {
        assert_eq!(PublicKey::parse(&text).unwrap().0, expected, "{text}");
    }
    // A console's preview of a JWK is cut short: said, with how to print it whole.
    assert_eq!(
        message(PublicKey::parse(
            "{crv: 'P-256', ext: true, key_ops: Array(0), kty: 'EC', x: '9EQi0Jd0FF-MHcM1a2FLQI1gRuzJW86kfEwS312QG1Q', …}"
        )),
        "malformed JWK: this printout is cut short (it has \"…\"): a console's preview shows \
         only part of an object; print it whole: JSON.stringify(jwk) in JavaScript, \
         json.dumps(jwk) in Python"
    );
    // Names of byte arrays, not their bytes; a PuTTY key file.
    for (text, says) in [
        ("[B@1b6d3586", "HexFormat.of().formatHex(bytes)"),
        ("System.Byte[]", "Convert.ToHexString(bytes)"),
        (
            "PuTTY-User-Key-File-3: ecdsa-sha2-nistp256\nEncryption: none\nComment: k\nPublic-Lines: 3\n",
            "puttygen key.ppk -O public-openssh",
        ),
    ] {
        let e = message(PublicKey::parse(text));
        assert!(e.contains(says), "{text}: {e}");
    }
    // A private key object: how to print its public key, or, where a private key is
    // asked for, the private key.
    let node_private = "PrivateKeyObject [KeyObject] { [Symbol(kKeyType)]: 'private' }";
    assert!(message(PublicKey::parse(node_private)).contains("crypto.createPublicKey(key)"));
    assert!(
        message(SecretKey::parse(node_private, Some(Curve::P256)))
            .contains("key.export({ type: 'pkcs8', format: 'pem' })")
    );
    // A list of the wrong length says how many bytes it held.
    let short = message(PublicKey::parse("[4, 118, 179]"));
    assert!(short.contains("expected 65 bytes, got 3"), "{short}");
}

#[test]
fn openssh_keys_in_authorized_keys_and_rfc_4716_form() {
    let expected = public_of("id_ecdsa.pkcs8.pub.pem");
    // A known_hosts line, with and without a marker.
    let line = data("id_ecdsa.pub");
    for (hosts, note) in [
        ("github.com,140.82.121.4", "github.com,140.82.121.4"),
        (
            "@cert-authority *.example.com",
            "@cert-authority *.example.com",
        ),
        ("localhost", "localhost"),
    ] {
        let read = inspect_public_key(&format!("{hosts} {line}")).unwrap();
        assert_eq!(read.fingerprint, expected.fingerprint());
        assert_eq!(
            read.warnings,
            [format!("A known_hosts line: read the host key of {note}.")]
        );
    }
    // Several lines (an authorized_keys or known_hosts file, ssh-keyscan's output with its
    // # lines): the first key, its own comment, the others said to be skipped.
    let other = KeyPair::from_seed(Curve::P256, b"second", "")
        .public_key()
        .encode(PublicKeyFormat::OpenSsh)
        .unwrap();
    for (text, skipped) in [
        (format!("{}\n{other} b@host\n", line.trim()), 1),
        (
            format!(
                "# a.example:22 SSH-2.0-OpenSSH_9.2\na.example {}\n# b.example:22 SSH-2.0-OpenSSH_9.2\nb.example {other}\nc.example {other}\n",
                line.trim()
            ),
            2,
        ),
    ] {
        let read = inspect_public_key(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(read.fingerprint, expected.fingerprint());
        assert_eq!(read.comment.as_deref(), Some("student@laptop"));
        let last = read.warnings.last().unwrap();
        assert_eq!(
            last,
            &format!(
                "Read the key on the first line; skipped the {skipped} line{} after it.",
                if skipped == 1 { "" } else { "s" }
            )
        );
    }
    let options = inspect_public_key(&data("authorized_keys")).unwrap();
    assert_eq!((options.source, options.format), ("openssh", "openssh"));
    assert_eq!(options.fingerprint, expected.fingerprint());
    assert_eq!(options.comment.as_deref(), Some("student@laptop"));
    assert_eq!(
        options.warnings,
        [
            "An authorized_keys line: skipped its options before the key \
             (from=\"10.0.0.0/8,192.168.1.*\",no-pty,command=\"echo \\\"hi there\\\"\")."
        ]
    );
    let block = inspect_public_key(&data("id_ecdsa.rfc4716.pub")).unwrap();
    assert_eq!(block.fingerprint, expected.fingerprint());
    assert!(
        block
            .comment
            .unwrap()
            .starts_with("256-bit ECDSA, converted by")
    );
    assert_eq!(
        block.warnings,
        [
            "An SSH2 public key block (RFC 4716, as ssh-keygen -e writes it): the same key as \
             the one-line form."
        ]
    );
    // A header continued on the next line (RFC 4716 §3.3.1), another header, no comment.
    let body = data("id_ecdsa.rfc4716.pub")
        .lines()
        .filter(|l| !l.starts_with("----") && !l.contains(':'))
        .collect::<Vec<_>>()
        .join("\n");
    let continued = format!(
        "---- BEGIN SSH2 PUBLIC KEY ----\nSubject: student\nComment: \"a long \\\n\
         comment\"\n{body}\n---- END SSH2 PUBLIC KEY ----\n"
    );
    let read = inspect_public_key(&continued).unwrap();
    assert_eq!(read.comment.as_deref(), Some("a long comment"));
    assert_eq!(read.fingerprint, expected.fingerprint());
    // An Ed25519 key in either form is named for what it is.
    for text in [
        data("id_ed25519.rfc4716.pub"),
        format!("no-pty {}", data("id_ed25519.pub")),
    ] {
        assert!(
            message(PublicKey::parse(&text)).contains("an Ed25519 key (ssh-ed25519)"),
            "{text}"
        );
    }
    // A block cut off before its END line.
    let cut = data("id_ecdsa.rfc4716.pub").replace("---- END SSH2 PUBLIC KEY ----", "");
    assert_eq!(
        message(PublicKey::parse(&cut)),
        "malformed SSH2 public key (RFC 4716): the \"---- END SSH2 PUBLIC KEY ----\" line is \
         missing: copy the whole block"
    );
}

#[test]
fn a_trusted_certificate_is_read_without_its_trust_settings() {
    let inspection = inspect_public_key(&data("trusted-cert.pem")).unwrap();
    assert_eq!(inspection.source, "certificate");
    assert_eq!(
        inspection.fingerprint,
        public_of("ecparam-genkey.pub.pem").fingerprint()
    );
    assert_eq!(
        inspection.certificate.unwrap().subject,
        "C=NL, O=ECDH Playground, CN=server.example"
    );
    assert_eq!(inspection.warnings.len(), 1);
    assert!(
        inspection.warnings[0].starts_with(
            "A TRUSTED CERTIFICATE (openssl x509 -trustout): read the certificate; skipped the "
        ),
        "{:?}",
        inspection.warnings
    );
    // The DER the inspector explains is the certificate's.
    let tree = explain::explain(&hex::decode(inspection.der.as_str()).unwrap()).unwrap();
    assert_eq!(tree.name.as_deref(), Some("Certificate"));
}

/// openssl's `-text` output of the key, its public key and its certificate (made by
/// OpenSSL 3.0, tests/data/pastes/README.md): the pub: block, and the priv: block read
/// as the private key it is.
#[test]
fn openssl_text_output_gives_its_key() {
    let expected = public_of("ecparam-genkey.pub.pem");
    for file in ["openssl-pkey-text-pub.txt", "openssl-x509-text.txt"] {
        let inspection = inspect_public_key(&data(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(inspection.fingerprint, expected.fingerprint(), "{file}");
        assert!(!inspection.contains_private_key);
        assert_eq!(
            inspection.warnings,
            ["Read from openssl's -text output (its pub: block)."]
        );
    }
    // The private key's output: refused where a public key belongs, read with a warning
    // by the inspector, imported as a private key.
    let private = data("openssl-ec-text.txt");
    assert_eq!(
        message(PublicKey::parse(&private)),
        "expected a public key, got a private key: never share it; paste the PUBLIC KEY instead"
    );
    let inspection = inspect_public_key(&private).unwrap();
    assert!(inspection.contains_private_key);
    assert_eq!(inspection.fingerprint, expected.fingerprint());
    let pair = KeyPair::import_private_key(&private, None).unwrap();
    assert_eq!(*pair.public_key(), expected);
    // A pub: block that is not the priv: block's public key.
    let other = KeyPair::from_seed(Curve::P256, b"other", "");
    let mismatched = private.replace(
        &private[private.find("pub:").unwrap()..private.find("ASN1 OID").unwrap()],
        &format!(
            "pub:\n    {}\n",
            other
                .public_key()
                .to_raw()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(":")
        ),
    );
    assert_eq!(
        message(SecretKey::parse(&mismatched, None)),
        "malformed openssl -text output: its pub: block is not the public key of its priv: block"
    );
    // X25519, as openssl prints it (RFC 7748 §6.1, Alice's public key).
    let x25519 = "X25519 Public-Key:\npub:\n    85:20:f0:09:89:30:a7:54:74:8b:7d:dc:b4:3e:f7:\n    5a:0d:bf:3a:0d:26:38:1a:f4:eb:a4:a9:8e:aa:9b:\n    4e:6a\n";
    assert_eq!(
        inspect_public_key(x25519).unwrap().raw,
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    );
}

/// Printouts with what surrounds them in a terminal or a notebook, and printouts broken
/// or cut short on the way.
#[test]
fn printouts_with_labels_and_damage() {
    let expected = public_of("ecparam-genkey.pub.pem");
    let python = data("python-bytes.txt");
    let python = python.trim();
    let raw = expected.to_raw();
    let escaped: String = raw.iter().map(|b| format!("\\x{b:02x}")).collect();
    let hex = hex::encode(raw);
    for text in [
        format!(">>> {python}"),
        format!(">>> raw\n{python}"),
        format!("Out[3]: {python}"),
        format!("raw = {python}"),
        format!("raw={python}"),
        // Python 2's str and Ruby's inspect: quoted, with \x escapes, no b.
        format!("'{escaped}'"),
        format!("\"{escaped}\""),
        format!("bytearray('{escaped}')"),
        // The REPL's echo of raw.hex().
        format!("'{hex}'"),
    ] {
        let read = PublicKey::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(read.0, expected, "{text}");
    }
    let x25519 = data("node-inspect-buffer-x25519.txt");
    let labelled = inspect_public_key(&format!("peer key {}", x25519.trim())).unwrap();
    assert_eq!(labelled.raw, inspect_public_key(&x25519).unwrap().raw);
    // A literal a terminal wrapped, one cut off, a list cut off, JSON cut off.
    let (head, tail) = python.split_at(40);
    for (text, says) in [
        (format!("{head}\n{tail}"), "broken across lines"),
        (python[..60].to_owned(), "is not closed"),
        (
            "Uint8Array(65) [\n    4, 244,  68,  34, 208".to_owned(),
            "the list of bytes is not closed",
        ),
        (
            data("json-uint8array.json")[..50].to_owned(),
            "this JSON is cut short",
        ),
        (
            data("json-buffer.json")[..60].to_owned(),
            "this JSON is cut short",
        ),
        ("65 bytes".to_owned(), "Swift's description of a Data value"),
        (
            format!(
                "{{ publicKey: {} }}",
                data("node-inspect-uint8array.txt").trim()
            ),
            "this object holds bytes, not a JWK",
        ),
        (
            format!("{{'public_key': {python}}}"),
            "this object holds bytes, not a JWK",
        ),
    ] {
        let e = message(PublicKey::parse(&text));
        assert!(e.contains(says), "{text}: {e}");
    }
    // Firefox's console view of a JWK, whole.
    let jwk: serde_json::Value = serde_json::from_str(&expected.to_jwk()).unwrap();
    let firefox = format!(
        "Object {{ crv: \"P-256\", kty: \"EC\", x: {}, y: {} }}",
        jwk["x"], jwk["y"]
    );
    assert_eq!(PublicKey::parse(&firefox).unwrap().0, expected);
}

/// Bytes of a length no key has, where the length says what happened: the same key pasted
/// twice, a P-256 point as x ‖ y without its 04, or something else of 64 bytes.
#[test]
fn lengths_that_say_what_happened() {
    let expected = public_of("ecparam-genkey.pub.pem");
    let raw = expected.to_raw();
    let hex = hex::encode(&raw);
    let twice = "these are the same 65 bytes twice, one key pasted two times (130 bytes in all): \
         paste it once";
    for text in [
        format!("{hex}{hex}"),
        format!("{hex}\n{hex}"),
        ecdh_playground::keys::text::to_base64(&[raw.as_slice(), &raw].concat()),
    ] {
        assert_eq!(
            message(PublicKey::parse(&text)),
            format!("malformed public key bytes: {twice}"),
            "{text}"
        );
    }
    // An X25519 key twice, and a PEM body's DER twice.
    let x25519 = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    assert!(message(PublicKey::parse(&x25519.repeat(2))).contains("the same 32 bytes twice"));
    let spki = hex::encode(expected.to_spki_der());
    assert!(message(PublicKey::parse(&spki.repeat(2))).contains("the same 91 bytes twice"));
    // x ‖ y: read, with a note.
    let inspection = inspect_public_key(&hex[2..]).unwrap();
    assert_eq!(inspection.fingerprint, expected.fingerprint());
    assert_eq!(
        inspection.warnings,
        [
            "Read 64 bytes as x ‖ y of a P-256 point: SEC1, and so WebCrypto, OpenSSL and the \
          rest, put 04 in front (65 bytes)."
        ]
    );
    // 64 bytes that are not: a secp256k1 point without its 04, as Ethereum writes it.
    let k1 = data("openssl-secp256k1-text.txt");
    let k1_pub: String = k1[k1.find("pub:").unwrap() + 4..k1.find("ASN1").unwrap()]
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(k1_pub.len(), 130);
    assert_eq!(
        message(PublicKey::parse(&k1_pub[2..])),
        "malformed public key bytes: 64 bytes, but not x ‖ y of a P-256 point: with 04 in front \
         they are not on the curve. 64 bytes are also a secp256k1 public key as Ethereum writes \
         it and an Ed25519 private key as libsodium keeps it (seed ‖ public key); this \
         playground reads P-256 and X25519 keys"
    );
    // Lengths that name nothing keep the general message.
    assert_eq!(
        message(PublicKey::parse(&"ab".repeat(40))),
        "public key bytes: expected a DER SubjectPublicKeyInfo or certificate, a SEC1 point (65 \
         or 33 bytes) or a raw X25519 key (32 bytes), got 40"
    );
}

/// openssl's -text output of a key this playground does not read: named, not read as the
/// nearest key it does (an Ed25519 key's 32 bytes are not an X25519 key).
#[test]
fn openssl_text_of_other_algorithms_is_named() {
    let unsupported = "is not supported: this playground works with P-256 and X25519 keys";
    for (file, found) in [
        (
            "openssl-ed25519-text-pub.txt",
            "an Ed25519 key (for signatures, not key exchange)",
        ),
        ("openssl-rsa-x509-text.txt", "an RSA key"),
    ] {
        assert_eq!(
            message(inspect_public_key(&data(file))),
            format!("{found} {unsupported}"),
            "{file}"
        );
    }
    // A private key's: that it is private comes first, where a public key belongs.
    let k1 = data("openssl-secp256k1-text.txt");
    assert_eq!(
        message(PublicKey::parse(&k1)),
        format!(
            "expected a public key, got a private key: never share it; paste the PUBLIC KEY \
             instead (this page could not read this one anyway: a secp256k1 key {unsupported})"
        )
    );
    assert_eq!(
        message(SecretKey::parse(&k1, None)),
        format!("a secp256k1 key {unsupported}")
    );
    // Of several printed, the first counts: a P-256 certificate before an RSA one is read;
    // the RSA one first is named.
    let p256 = data("openssl-x509-text.txt");
    let rsa = data("openssl-rsa-x509-text.txt");
    assert_eq!(
        inspect_public_key(&format!("{p256}{rsa}"))
            .unwrap()
            .fingerprint,
        public_of("ecparam-genkey.pub.pem").fingerprint()
    );
    assert_eq!(
        message(inspect_public_key(&format!("{rsa}{p256}"))),
        format!("an RSA key {unsupported}")
    );
    // DSA, Diffie-Hellman and explicit parameters, as OpenSSL 3 prints them.
    for (text, found) in [
        (
            "Public-Key: (1024 bit)\npub: \n    00:8a:31\nP:   \n    00:f1\nQ:   \n    00:c3\nG:   \n    5d:2e\n",
            "a DSA key",
        ),
        (
            "DH Public-Key: (2048 bit)\npublic-key:\n    00:d2:7f\nGROUP: ffdhe2048\n",
            "a Diffie-Hellman (finite field) key",
        ),
        (
            "Public-Key: (256 bit)\npub:\n    04:11:22\nField Type: prime-field\nPrime:\n    00:ff\n",
            "a key with explicit curve parameters (only named curves are)",
        ),
    ] {
        assert_eq!(
            message(inspect_public_key(text)),
            format!("{found} {unsupported}"),
            "{text}"
        );
    }
}

/// PHP's var_dump of a string of raw bytes, which a copy mangles, and an array copied in
/// part.
#[test]
fn php_printouts_that_cannot_be_read_say_why() {
    assert_eq!(
        message(PublicKey::parse(
            "string(65) \"\u{4}\u{fffd}D\"\u{fffd}t\u{14}_\""
        )),
        "malformed bytes: PHP's var_dump printed a string of 65 bytes as characters, which do \
         not come through a copy: print bin2hex($bytes)"
    );
    let dump = data("php-var-dump-array.txt");
    let part = &dump[..dump.find("[40]").unwrap()];
    assert_eq!(
        message(PublicKey::parse(part)),
        "malformed bytes: the PHP array ends before its last item: it was copied only in part; \
         copy it whole"
    );
}

/// Java's printouts of keys (`System.out.println(key)`), with the JDK's SunEC provider
/// and with BouncyCastle: read as the key they show, or named.
#[test]
fn java_printouts_of_keys() {
    let p256 = public_of("ecparam-genkey.pub.pem");
    for (file, kind) in [
        (
            "java-ec-public.txt",
            "Java's printout of an EC public key (SunEC: x and y in decimal)",
        ),
        (
            "bc-ec-public.txt",
            "BouncyCastle's printout of an EC public key (X and Y in hex)",
        ),
        (
            "bc-ec-private.txt",
            "BouncyCastle's printout of an EC private key, which shows only its public key \
             (X and Y in hex)",
        ),
    ] {
        let text = data(file);
        let inspection = inspect_public_key(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(inspection.fingerprint, p256.fingerprint(), "{file}");
        assert_eq!(
            inspection.warnings,
            [format!("Read 65 bytes from {kind}.")],
            "{file}"
        );
        assert_eq!(PublicKey::parse(&text).unwrap().0, p256, "{file}");
    }
    // RFC 7748 §6.1: Alice's public key, and her private key's printout, which shows it.
    for (file, kind) in [
        (
            "java-x25519-public.txt",
            "Java's printout of an X25519 public key (SunEC: algorithm = X25519, unparsed \
             keybits)",
        ),
        (
            "bc-x25519-public.txt",
            "BouncyCastle's printout of an X25519 public key (its public data)",
        ),
        (
            "bc-x25519-private.txt",
            "BouncyCastle's printout of an X25519 private key, which shows only its public key \
             (its public data)",
        ),
    ] {
        let inspection = inspect_public_key(&data(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            (inspection.curve, inspection.raw.as_str()),
            (
                "X25519",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
            ),
            "{file}"
        );
        assert_eq!(
            inspection.warnings,
            [format!("Read 32 bytes from {kind}.")],
            "{file}"
        );
        // The printout says these bytes are a public key: not bare bytes.
        assert!(!inspection.bare_bytes, "{file}");
    }
    // As a peer's key for ECDH, the same secret as from its PEM.
    let pair = KeyPair::from_seed(Curve::P256, b"java", "");
    assert_eq!(
        pair.shared_secret_with(&data("java-ec-public.txt"))
            .unwrap()
            .as_bytes(),
        pair.shared_secret_with(&data("ecparam-genkey.pub.pem"))
            .unwrap()
            .as_bytes()
    );
    // Other curves and algorithms are named; SunEC's private key prints no key at all.
    let unsupported = "is not supported: this playground works with P-256 and X25519 keys";
    for (file, found) in [
        ("java-p384-public.txt", "a secp384r1 (P-384) key"),
        (
            "java-ed25519-public.txt",
            "an Ed25519 key (for signatures, not key exchange)",
        ),
        (
            "bc-ed25519-public.txt",
            "an Ed25519 key (for signatures, not key exchange)",
        ),
        (
            "bc-p384-public.txt",
            "a key on a curve larger than P-256 (BouncyCastle's printout: its X has 96 hex \
             digits, P-256's at most 64)",
        ),
    ] {
        assert_eq!(
            message(inspect_public_key(&data(file))),
            format!("{found} {unsupported}"),
            "{file}"
        );
    }
    // A label that looks like BouncyCastle's first line is a label: the bytes after it are
    // read as before.
    let labelled = format!("Server Public Key [65]: {}", data("python-list.txt"));
    assert_eq!(
        inspect_public_key(&labelled).unwrap().fingerprint,
        p256.fingerprint()
    );
    // BouncyCastle names no curve: a secp256k1 point is said to be off P-256, and why.
    assert_eq!(
        message(PublicKey::parse(
            "EC Public Key [4b:5e]\n            X: 79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798\n            Y: 483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8\n"
        )),
        "the x and y of this printout are not a point on P-256: BouncyCastle's \
         printout names no curve, and the key may be on another 256-bit curve (secp256k1, \
         brainpoolP256r1), which this playground does not read; print it encoded instead: \
         Base64.getEncoder().encodeToString(publicKey.getEncoded())"
    );
    let object = data("java-ec-private.txt");
    assert_eq!(
        message(PublicKey::parse(&object)),
        "this is a Java private key object as toString prints it (its class \
         and identity), which does not show the key; print its key pair's public key: \
         Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded()) (never share the \
         private key)"
    );
    assert_eq!(
        message(SecretKey::parse(&object, None)),
        "this is a Java private key object as toString prints it (its class \
         and identity), which does not show the key; print the key encoded: \
         Base64.getEncoder().encodeToString(privateKey.getEncoded()) (PKCS#8)"
    );
    // A public key's printout where a private key is asked for is refused as the public key
    // it is: its 32 X25519 bytes are not read as a scalar (which would make another key).
    for file in [
        "java-x25519-public.txt",
        "bc-x25519-public.txt",
        "java-ec-public.txt",
        "bc-ec-public.txt",
    ] {
        for curve in [None, Some(Curve::X25519), Some(Curve::P256)] {
            let e = message(SecretKey::parse(&data(file), curve));
            assert!(
                e.ends_with(
                    ", a public key, where a private key is needed: paste the private key \
                     (PKCS#8, SEC1, JWK with \"d\" or a raw scalar)"
                ) && e.starts_with("this is ")
                    && e.contains("printout of an"),
                "{file} {curve:?}: {e}"
            );
        }
    }
    // BouncyCastle's printout of a private key, where the private key is asked for.
    for (file, shown) in [
        (
            "bc-ec-private.txt",
            "EC private key, which shows only its public key (X and Y in hex)",
        ),
        (
            "bc-x25519-private.txt",
            "X25519 private key, which shows only its public key (its public data)",
        ),
    ] {
        assert_eq!(
            message(SecretKey::parse(&data(file), None)),
            format!(
                "malformed private key: this is BouncyCastle's printout of an {shown}, not the \
                 private key; print the private key encoded: \
                 Base64.getEncoder().encodeToString(privateKey.getEncoded()) (PKCS#8)"
            ),
            "{file}"
        );
    }
}

/// RustCrypto's p256 printed with `{:?}` (and `{:#?}`): a PublicKey, an ECDSA VerifyingKey
/// and an EncodedPoint, in p256 0.14 and 0.13.
#[test]
fn rust_debug_printouts_of_p256_keys() {
    let p256 = public_of("ecparam-genkey.pub.pem");
    let affine = "p256's Debug of a point (AffinePoint { x: FieldElement(0x…), … })";
    let encoded = "p256's Debug of an EncodedPoint (Uncompressed { x: […], y: […] })";
    for (file, kind) in [
        ("rust-p256-0.14-public-key.txt", affine),
        ("rust-p256-0.14-public-key-pretty.txt", affine),
        ("rust-p256-0.14-verifying-key.txt", affine),
        ("rust-p256-0.14-encoded-point.txt", encoded),
        ("rust-p256-0.13-encoded-point.txt", encoded),
    ] {
        let text = data(file);
        let inspection = inspect_public_key(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(inspection.fingerprint, p256.fingerprint(), "{file}");
        assert_eq!(
            inspection.warnings,
            [format!("Read 65 bytes from {kind}.")],
            "{file}"
        );
    }
    // p256 0.13 prints the field elements in Montgomery form: said, with what to print.
    assert_eq!(
        message(PublicKey::parse(&data("rust-p256-0.13-public-key.txt"))),
        "the x and y of this printout are not a point on P-256. If it came \
         from p256 0.13 or earlier: those print their field elements in Montgomery form \
         (x·2^256 mod p), not the coordinates; print the key encoded instead: \
         hex::encode(public_key.to_sec1_bytes())"
    );
    // A secret key's Debug hides it.
    let secret = data("rust-p256-secret-key.txt");
    let hides = "this is the Debug output of a RustCrypto secret key, which hides \
                 the key;";
    assert_eq!(
        message(PublicKey::parse(&secret)),
        format!(
            "{hides} print its public key: hex::encode(key.public_key().to_sec1_bytes()) (of a \
             SigningKey: key.verifying_key().to_sec1_bytes())"
        )
    );
    assert_eq!(
        message(SecretKey::parse(&secret, None)),
        format!("{hides} print the key: hex::encode(key.to_bytes())")
    );
}

/// Go's fmt of an *ecdsa.PublicKey (`%v`, `%+v`, `%#v`), and of an *ecdsa.PrivateKey.
#[test]
fn go_printouts_of_ecdsa_keys() {
    let p256 = public_of("ecparam-genkey.pub.pem");
    for file in [
        "go-ecdsa-public.txt",
        "go-ecdsa-public-plus.txt",
        "go-ecdsa-public-hash.txt",
    ] {
        let inspection = inspect_public_key(&data(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(inspection.fingerprint, p256.fingerprint(), "{file}");
        assert_eq!(
            inspection.warnings,
            ["Read 65 bytes from Go's printout of an ecdsa.PublicKey (X and Y in decimal)."],
            "{file}"
        );
    }
    let unsupported = "is not supported: this playground works with P-256 and X25519 keys";
    assert_eq!(
        message(inspect_public_key(&data("go-ecdsa-p384-public-hash.txt"))),
        format!("a secp384r1 (P-384) key {unsupported}")
    );
    assert_eq!(
        message(inspect_public_key(&data("go-ecdsa-p384-public.txt"))),
        format!(
            "a key on a curve larger than P-256 (Go's printout: a coordinate above 2^256) \
             {unsupported}"
        )
    );
    // A private key's printout shows D: refused where either key is asked for.
    for file in ["go-ecdsa-private.txt", "go-ecdsa-private-plus.txt"] {
        let text = data(file);
        for e in [
            message(PublicKey::parse(&text)),
            message(SecretKey::parse(&text, None)),
        ] {
            assert_eq!(
                e,
                "this is Go's printout of an ecdsa.PrivateKey, whose D is the \
                 private key: never share it. Print the public key instead: der, _ := \
                 x509.MarshalPKIXPublicKey(&key.PublicKey); fmt.Printf(\"%x\\n\", der) (to \
                 import the private key here, print x509.MarshalPKCS8PrivateKey(key) the same \
                 way)",
                "{file}"
            );
        }
    }
}

/// Go's fmt of crypto/ecdh keys, as Go 1.22 and Go 1.27 print them (Go 1.24 added a field).
#[test]
fn go_printouts_of_ecdh_keys() {
    const P256: &str = "04e0bd9c704ba2ca6fc5759bb9ddb70d6e67b6610c7de7e6afe90234bfa13b8e60\
                        26739498cbdfba774a6c1685cddc70543fb4308cde8e83887096f815be6824fc";
    const X25519: &str = "ce1775ecb3f3820c9b573dfe1a0fd414bc5c1acc010ff3eaa98011af689c3347";
    for version in ["1.22", "1.27"] {
        for (curve, raw, length) in [("p256", P256, 65), ("x25519", X25519, 32)] {
            for verb in ["", "-plus", "-hash"] {
                let file = format!("go-ecdh-{version}-{curve}-public{verb}.txt");
                let text = data(&file);
                let inspection =
                    inspect_public_key(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
                assert_eq!(inspection.raw, raw, "{file}");
                assert_eq!(
                    inspection.warnings,
                    [format!(
                        "Read {length} bytes from Go's printout of an ecdh.PublicKey (its bytes)."
                    )],
                    "{file}"
                );
                // The printout names a public key: not bare bytes, and never a private key.
                assert!(!inspection.bare_bytes, "{file}");
                assert_eq!(
                    message(SecretKey::parse(&text, Some(Curve::X25519))),
                    "this is Go's printout of an ecdh.PublicKey (its bytes), a public key, where \
                     a private key is needed: paste the private key (PKCS#8, SEC1, JWK with \
                     \"d\" or a raw scalar)",
                    "{file}"
                );
                // A terminal may break the printout across lines.
                let wrapped = text.replacen(' ', "\n", 3);
                assert_eq!(
                    inspect_public_key(&wrapped).unwrap().raw,
                    raw,
                    "{file} wrapped"
                );
            }
        }
        // A private key's printout shows its bytes: refused where either key is asked for.
        for file in [
            "p256-private",
            "p256-private-plus",
            "x25519-private",
            "x25519-private-hash",
        ] {
            let file = format!("go-ecdh-{version}-{file}.txt");
            let text = data(&file);
            let wrapped = text.replacen(' ', "\n", 3);
            for e in [
                message(PublicKey::parse(&text)),
                message(PublicKey::parse(&wrapped)),
                message(SecretKey::parse(&text, None)),
                message(SecretKey::parse(&text, Some(Curve::X25519))),
            ] {
                assert_eq!(
                    e,
                    "this is Go's printout of an ecdh.PrivateKey, whose bytes are the private \
                     key: never share it. Print the public key instead: \
                     fmt.Printf(\"%x\\n\", key.PublicKey().Bytes()) (to import the private \
                     key here: der, _ := x509.MarshalPKCS8PrivateKey(key); \
                     fmt.Printf(\"%x\\n\", der))",
                    "{file}"
                );
            }
        }
    }
    // The key's bytes, printed alone (`fmt.Println(pub.Bytes())`), are a list of bytes.
    let list = data("go-ecdh-1.27-x25519-public.txt");
    let bytes = &list[list.find('[').unwrap()..=list.find(']').unwrap()];
    let inspection = inspect_public_key(bytes).unwrap();
    assert_eq!(
        (inspection.raw.as_str(), inspection.bare_bytes),
        (X25519, true)
    );
}

/// Ruby 3.1's `p` of a point's bytes (a quoted string with `\x` and `\e` escapes), and of
/// an OpenSSL key object and point, which show no key.
#[test]
fn ruby_printouts() {
    let p256 = public_of("ecparam-genkey.pub.pem");
    let inspection = inspect_public_key(&data("ruby-octets.txt")).unwrap();
    assert_eq!(inspection.fingerprint, p256.fingerprint());
    assert_eq!(
        inspection.warnings,
        ["Read 65 bytes from a quoted string of bytes with \\x escapes (Python 2, Ruby)."]
    );
    assert_eq!(
        message(PublicKey::parse(&data("ruby-pkey.txt"))),
        "this is a Ruby OpenSSL key object as p prints it, which does not show \
         the key; print the key: puts key.public_to_pem"
    );
    assert_eq!(
        message(SecretKey::parse(&data("ruby-pkey.txt"), None)),
        "this is a Ruby OpenSSL key object as p prints it, which does not show \
         the key; print the key: puts key.private_to_pem"
    );
    assert_eq!(
        message(PublicKey::parse(&data("ruby-point.txt"))),
        "this is a Ruby OpenSSL::PKey::EC::Point as p prints it, which does not \
         show the point; print it encoded: puts \
         point.to_octet_string(:uncompressed).unpack1('H*')"
    );
}

/// How the empty printouts start.
const EMPTY: &str = "this is an empty byte array (0 bytes), not a key; print the key's bytes \
                     once they are set";

/// What a browser console shows of `crypto.subtle.exportKey` when the bytes are not in
/// the view (Chrome's `ArrayBuffer(65)`, Firefox's `ArrayBuffer { byteLength: 65 }`), or
/// of the promise not awaited: named, with the line that prints the key.
#[test]
fn console_views_of_export_key_without_the_key() {
    for text in [
        "ArrayBuffer(65)",
        "ArrayBuffer(65)\nbyteLength: 65\ndetached: false\nmaxByteLength: 65\nresizable: false\n[[Prototype]]: ArrayBuffer\n[[Int8Array]]: Int8Array(65)\n[[Uint8Array]]: Uint8Array(65)\n[[ArrayBufferByteLength]]: 65\n[[ArrayBufferData]]: 1234\n",
        "ArrayBuffer { byteLength: 65 }",
    ] {
        assert_eq!(
            message(PublicKey::parse(text)),
            "this is the console's view of an ArrayBuffer, which shows its length (65 bytes), \
             not its bytes; print them as hex: [...new Uint8Array(buffer)].map((b) => \
             b.toString(16).padStart(2, '0')).join('')",
            "{text}"
        );
    }
    for text in [
        "Promise {<pending>}",
        "Promise { <pending> }",
        "Promise {<fulfilled>: ArrayBuffer(65)}",
    ] {
        assert_eq!(
            message(PublicKey::parse(text)),
            "this is a Promise as the console shows it: crypto.subtle.exportKey returns a \
             promise of the key, not the key; await it: JSON.stringify(await \
             crypto.subtle.exportKey('jwk', publicKey))",
            "{text}"
        );
    }
    // What String() or a template literal makes of them; the empty values.
    for (text, says) in [
        (
            "[object ArrayBuffer]",
            "this is what JavaScript writes for a byte array turned into text (String(), a \
             template literal, textContent), not its bytes; print them as hex: [...new \
             Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')",
        ),
        (
            "[object Uint8Array]",
            "this is what JavaScript writes for a byte array turned into text",
        ),
        (
            "[object Object]",
            "this is what JavaScript writes for an object turned into text (String(), a \
             template literal, textContent), not what it holds; print it with \
             JSON.stringify(object)",
        ),
        (
            "[object Promise]",
            "this is a Promise turned into text: crypto.subtle.exportKey returns a promise of \
             the key",
        ),
        (
            "[object CryptoKey]",
            "this is a WebCrypto CryptoKey turned into text",
        ),
        ("[object Null]", "this is null"),
        (
            "ECDH { [Symbol(kHandle)]: ECDH {} }",
            "this is a Node.js ECDH object as console.log prints it, which does not show the \
             key; print the key: ecdh.get",
        ),
        (
            "System.Security.Cryptography.ECDiffieHellmanOpenSsl+ECDiffieHellmanOpenSslPublicKey",
            "this is .NET's name for a key object (its type), which does not show the key; \
             print ",
        ),
        ("[object Undefined]", "this is JavaScript's undefined"),
        ("Optional(nil)", "this is Swift's nil, not a key"),
        ("NULL", "this is PHP's NULL, not a key"),
        (
            "null",
            "this is null (the empty value of JavaScript, Java or JSON), not a key: the value \
             printed held no key (a variable not yet set, a misspelt property, a function \
             that returns nothing); print the key once it is set",
        ),
        ("undefined", "this is JavaScript's undefined, not a key"),
        (
            "NaN",
            "this is JavaScript's NaN (not a number), not a key: a number was made of \
             something that is not one",
        ),
        ("None", "this is Python's None, not a key"),
        (
            "nil",
            "this is nil (the empty value of Go or Ruby), not a key",
        ),
        (
            "<nil>",
            "this is nil (the empty value of Go or Ruby), not a key",
        ),
        (
            "<memory at 0x7f3a2c1b2e80>",
            "this is Python's name for a memoryview, not its bytes; print bytes(view).hex()",
        ),
        ("Uint8Array(0) []", EMPTY),
        ("Uint8Array []", EMPTY),
        ("[]", EMPTY),
        ("b''", EMPTY),
        ("bytearray(b'')", EMPTY),
        ("<Buffer >", EMPTY),
        (
            "0 bytes",
            "this is Swift's description of an empty byte array",
        ),
        (
            "65 bytes",
            "this is Swift's description of a Data value, its length, not its bytes; print \
             data.map",
        ),
        (
            "Optional(65 bytes)",
            "this is Swift's description of a Data value, its length, not its bytes; print \
             data!.map",
        ),
    ] {
        for e in [
            message(PublicKey::parse(text)),
            message(SecretKey::parse(text, Some(Curve::P256))),
        ] {
            assert!(e.starts_with(says), "{text}: {e}");
        }
    }
    // Quoted, alone or in a list, a key is read as the text inside.
    let line = data("id_ecdsa.pub");
    for quoted in [
        format!("\"{}\"", line.trim()),
        format!("[\"{}\"]", line.trim()),
    ] {
        assert_eq!(
            PublicKey::parse(&quoted).unwrap().0,
            public_of("id_ecdsa.pkcs8.pub.pem"),
            "{quoted}"
        );
    }
    assert!(message(PublicKey::parse("\"null\"")).starts_with("this is null"));
    // Other short words are not base64 of a few bytes.
    assert!(message(PublicKey::parse("false")).contains("not recognised"));
    // Node's view of the fulfilled promise has the bytes, and is read.
    let node = "Promise {\n  ArrayBuffer {\n    [Uint8Contents]: <04 f4 44 22 d0 97 74 14 5f 8c 1d c3 35 6b 61 4b 40 8d 60 46 ec c9 5b ce a4 7c 4c 12 df 5d 90 1b 54 48 a4 69 7e 59 4d ae 0a b7 f0 5b e2 8e 9d 54 32 11 1d 95 d1 ab 03 ae 19 4f 31 7e 94 d0 da 8c 15>,\n    byteLength: 65\n  }\n}";
    assert_eq!(
        PublicKey::parse(node).unwrap().0,
        public_of("ecparam-genkey.pub.pem")
    );
}
