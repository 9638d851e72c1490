//! `tls13::handshake::handshake` (tls13Handshake): the machines against each other from
//! the same options as the TLS 1.2 model — reproducible reports, HelloRetryRequest,
//! Mallory's two attacks and what stops each, and forward secrecy with and without a
//! kept key-share key.
#![cfg(feature = "tls13")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ecdh_playground::SigningKey;
use ecdh_playground::keys::PrivateKeyFormat;
use ecdh_playground::tls12::HandshakeOptions;
use ecdh_playground::tls13::handshake::handshake;

fn with(change: impl FnOnce(&mut HandshakeOptions)) -> HandshakeOptions {
    let mut o = fixed();
    change(&mut o);
    o
}

fn fixed() -> HandshakeOptions {
    let mut o = HandshakeOptions::default();
    let given = HandshakeOptionsFields {
        client_random: Some("01".repeat(32)),
        server_random: Some("02".repeat(32)),
        client_ephemeral: Some("03".repeat(32)),
        server_ephemeral: Some("04".repeat(32)),
        server_identity: Some(
            SigningKey::from_seed(b"tls13", "server")
                .unwrap()
                .reveal_private_key(PrivateKeyFormat::Pem)
                .to_string(),
        ),
    };
    o.client_random = given.client_random;
    o.server_random = given.server_random;
    o.client_ephemeral = given.client_ephemeral;
    o.server_ephemeral = given.server_ephemeral;
    o.server_identity = given.server_identity;
    o
}

struct HandshakeOptionsFields {
    client_random: Option<String>,
    server_random: Option<String>,
    client_ephemeral: Option<String>,
    server_ephemeral: Option<String>,
    server_identity: Option<String>,
}

#[test]
fn a_handshake_completes_and_the_same_options_give_the_same_report() {
    let a = handshake(&fixed());
    assert_eq!(a.error, None, "{:?}", a.steps.last());
    assert_eq!(a.opened.as_deref(), Some("ping"));
    assert_eq!(a.cipher_suite, Some("TLS_AES_128_GCM_SHA256"));
    assert_eq!(a.group, Some("x25519"));
    assert!(a.secrets.master_secret.is_some() && a.secrets.resumption_master_secret.is_some());
    assert_eq!(a, handshake(&fixed()));
    let titles: Vec<&str> = a.steps.iter().map(|s| s.title.as_str()).collect();
    let order = [
        "ClientHello",
        "ServerHello",
        "EncryptedExtensions",
        "Certificate",
        "CertificateVerify",
        "Server Finished",
        "Client verifies CertificateVerify",
        "Client Finished",
        "NewSessionTicket",
    ];
    let mut at = 0;
    for want in order {
        let found = titles[at..].iter().position(|t| *t == want);
        assert!(found.is_some(), "{want} after step {at}: {titles:?}");
        at += found.unwrap();
    }
    assert!(a.certificate.unwrap().pinned);
}

#[test]
fn each_suite_and_a_hello_retry_request() {
    let o = with(|o| {
        o.cipher_suite = Some("TLS_AES_256_GCM_SHA384".into());
        o.group = Some("secp256r1".into());
    });
    let r = handshake(&o);
    assert_eq!(r.error, None);
    assert_eq!(r.cipher_suite, Some("TLS_AES_256_GCM_SHA384"));
    assert_eq!(r.group, Some("secp256r1"));
    assert!(
        r.hello_retry_request,
        "the client's share is for x25519, the server wants P-256"
    );
    assert!(r.steps.iter().any(|s| s.title == "HelloRetryRequest"));
    assert_eq!(r.secrets.master_secret.as_ref().unwrap().len(), 96);
}

#[test]
fn mallory_swapping_key_shares_is_caught_by_certificate_verify() {
    let r = handshake(&with(|o| {
        o.mallory = Some("swap-key".into());
    }));
    let e = r.error.unwrap();
    assert!(
        e.contains("CertificateVerify") && e.contains("Mallory"),
        "{e}"
    );
    assert_eq!(r.alert.as_deref(), Some("decrypt_error"));
    assert!(
        r.steps
            .iter()
            .any(|s| s.title == "Mallory holds both shared secrets")
    );
    assert_eq!(r.opened, None);
}

#[test]
fn mallory_with_her_own_certificate_is_caught_by_the_pin() {
    let r = handshake(&with(|o| {
        o.mallory = Some("resign".into());
    }));
    let e = r.error.unwrap();
    assert!(e.contains("pinned") && e.contains("Mallory"), "{e}");
    assert_eq!(r.alert.as_deref(), Some("bad_certificate"));
}

#[test]
fn forward_secrecy_holds_with_fresh_key_shares_and_fails_with_a_kept_one() {
    for group in ["x25519", "secp256r1"] {
        let fresh = handshake(&with(|o| {
            o.leak_identity = Some(true);
            o.group = Some(group.into());
            o.client_groups = Some(vec![group.into()]);
        }));
        let leak = fresh.leak.unwrap();
        assert!(!leak.decrypted, "{group}: {:?}", leak.steps);
        assert!(leak.explanation.starts_with("Forward secrecy"));
        let kept = handshake(&with(|o| {
            o.leak_identity = Some(true);
            o.static_server_key = Some(true);
            o.group = Some(group.into());
            o.client_groups = Some(vec![group.into()]);
            o.message = Some("the recorded secret".into());
        }));
        let leak = kept.leak.unwrap();
        assert!(leak.decrypted, "{group}: {:?}", leak.steps);
        assert_eq!(leak.plaintext.as_deref(), Some("the recorded secret"));
    }
}

#[test]
fn forward_secrecy_after_a_hello_retry_request() {
    // The client's one key share is for the other group: the server asks again, and the
    // recording holds two ClientHellos, the HelloRetryRequest and the ServerHello. The
    // attacker's transcript starts with message_hash(ClientHello1) (RFC 8446 §4.4.1).
    for (group, guess) in [("secp256r1", "x25519"), ("x25519", "secp256r1")] {
        let run = |kept: bool| {
            handshake(&with(|o| {
                o.leak_identity = Some(true);
                o.static_server_key = Some(kept);
                o.group = Some(group.into());
                o.client_groups = Some(vec![guess.into(), group.into()]);
                o.message = Some("the recorded secret".into());
            }))
        };
        let fresh = run(false);
        assert!(fresh.hello_retry_request, "{group}");
        let leak = fresh.leak.unwrap();
        assert!(!leak.decrypted, "{group}: {:?}", leak.steps);
        assert!(
            leak.steps
                .iter()
                .any(|s| s.title == "Attacker computes ECDH with the leaked identity key"),
            "{group}: the attacker tries the key, {:?}",
            leak.steps
        );
        let kept = run(true);
        assert!(kept.hello_retry_request, "{group}");
        let leak = kept.leak.unwrap();
        assert!(leak.decrypted, "{group}: {:?}", leak.steps);
        assert_eq!(leak.plaintext.as_deref(), Some("the recorded secret"));
        assert!(leak.explanation.starts_with("No forward secrecy"));
    }
}

#[test]
fn bad_options_are_named() {
    let cases = [
        (
            with(|o| {
                o.cipher_suite = Some("TLS_CHACHA20_POLY1305_SHA256".into());
            }),
            "cipherSuite",
        ),
        (
            with(|o| {
                o.group = Some("x448".into());
            }),
            "group",
        ),
        (
            with(|o| {
                o.client_random = Some("zz".into());
            }),
            "clientRandom",
        ),
        (
            with(|o| {
                o.mallory = Some("eve".into());
            }),
            "mallory",
        ),
        (
            with(|o| {
                o.pinned_certificate = Some("nope".into());
            }),
            "pinnedCertificate",
        ),
        (
            with(|o| {
                o.certificate = Some("nope".into());
            }),
            "certificate",
        ),
    ];
    for (o, name) in cases {
        let e = handshake(&o).error.unwrap();
        assert!(e.contains(name), "{name}: {e}");
    }
}

#[cfg(feature = "mlkem")]
#[test]
fn the_hybrid_runs_and_says_what_its_lessons_do_not_model() {
    let r = handshake(&with(|o| {
        o.group = Some("X25519MLKEM768".into());
        o.client_groups = Some(vec!["X25519MLKEM768".into(), "x25519".into()]);
        o.leak_identity = Some(true);
    }));
    assert_eq!(r.error, None);
    assert_eq!(r.group, Some("X25519MLKEM768"));
    assert_eq!(r.opened.as_deref(), Some("ping"));
    assert!(
        r.leak
            .unwrap()
            .explanation
            .contains("x25519 and secp256r1 only")
    );
    let m = handshake(&with(|o| {
        o.group = Some("X25519MLKEM768".into());
        o.client_groups = Some(vec!["X25519MLKEM768".into()]);
        o.mallory = Some("swap-key".into());
    }));
    assert!(
        m.error
            .unwrap()
            .contains("modelled on x25519 and secp256r1")
    );
}
