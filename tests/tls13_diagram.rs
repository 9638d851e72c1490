//! RFC 8446 §7.1's diagram as `key_schedule_diagram` draws it, against every value of
//! "The Illustrated TLS 1.3 Connection" (syncsynchalt/illustrated-tls13, MIT, see
//! `tests/data/tls/LICENSE-illustrated-tls13.txt`) in
//! `tests/data/tls/tls13_illustrated.json`, including the two "derived" salts and the
//! finished keys; and the same outputs as `key_schedule_report`.
#![cfg(all(feature = "tls13", not(target_arch = "wasm32")))]

mod common;

use common::load;
use ecdh_playground::tls13::report::{ScheduleBox, key_schedule_diagram};
use ecdh_playground::tls13::{hkdf_label, key_schedule_report};
use serde_json::Value;

fn illustrated() -> Value {
    load("tls/tls13_illustrated.json")
}

fn value<'a>(file: &'a Value, name: &str) -> &'a str {
    file["key_schedule"][name]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no {name} in the file"))
}

fn find<'a>(boxes: &'a [ScheduleBox], id: &str) -> &'a ScheduleBox {
    boxes
        .iter()
        .find(|b| b.id == id)
        .unwrap_or_else(|| panic!("no box {id}"))
}

#[test]
fn every_box_shows_the_published_value() {
    let file = illustrated();
    let unhex = |s: &str| hex::decode(s).unwrap();
    let d = key_schedule_diagram(
        file["cipher_suite"]["name"].as_str().unwrap(),
        &unhex(file["shared_secret"]["value"].as_str().unwrap()),
        &unhex(value(&file, "hello_hash")),
        &unhex(value(&file, "handshake_hash")),
    )
    .unwrap();
    assert_eq!(d.cipher_suite, "TLS_AES_256_GCM_SHA384");
    assert_eq!(d.hash, "SHA-384");
    let expected = [
        ("early-secret", "early_secret"),
        ("derived-early", "derived_secret_for_handshake"),
        ("handshake-secret", "handshake_secret"),
        ("c-hs-traffic", "client_handshake_traffic_secret"),
        ("s-hs-traffic", "server_handshake_traffic_secret"),
        ("derived-handshake", "derived_secret_for_master"),
        ("master-secret", "master_secret"),
        ("c-ap-traffic", "client_application_traffic_secret_0"),
        ("s-ap-traffic", "server_application_traffic_secret_0"),
        ("exp-master", "exporter_master_secret"),
        ("c-hs-key", "client_handshake_key"),
        ("c-hs-iv", "client_handshake_iv"),
        ("c-hs-finished", "client_finished_key"),
        ("s-hs-key", "server_handshake_key"),
        ("s-hs-iv", "server_handshake_iv"),
        ("s-hs-finished", "server_finished_key"),
        ("c-ap-key", "client_application_key"),
        ("c-ap-iv", "client_application_iv"),
        ("s-ap-key", "server_application_key"),
        ("s-ap-iv", "server_application_iv"),
    ];
    assert_eq!(d.boxes.len(), expected.len(), "one box per value");
    for (id, name) in expected {
        assert_eq!(find(&d.boxes, id).output, value(&file, name), "{id}");
    }
    // Each box's inputs are the outputs above it, its label and HkdfLabel as RFC 8446
    // §7.1 writes them.
    let hs = find(&d.boxes, "handshake-secret");
    assert_eq!(hs.operation, "HKDF-Extract");
    assert_eq!(
        hs.inputs[0].value,
        value(&file, "derived_secret_for_handshake")
    );
    assert_eq!(
        hs.inputs[1].value,
        file["shared_secret"]["value"].as_str().unwrap()
    );
    let chs = find(&d.boxes, "c-hs-traffic");
    assert_eq!(chs.operation, "Derive-Secret");
    assert_eq!(chs.label, Some("c hs traffic"));
    assert_eq!(chs.inputs[0].value, value(&file, "handshake_secret"));
    assert_eq!(chs.inputs[1].value, value(&file, "hello_hash"));
    assert_eq!(
        chs.hkdf_label.as_deref(),
        Some(
            hex::encode(
                hkdf_label(b"c hs traffic", &unhex(value(&file, "hello_hash")), 48).unwrap()
            )
            .as_str()
        )
    );
    let derived = find(&d.boxes, "derived-early");
    assert_eq!(derived.inputs[1].value, value(&file, "empty_hash"));
    let key = find(&d.boxes, "s-hs-key");
    assert_eq!(key.operation, "HKDF-Expand-Label");
    assert_eq!((key.label, key.length), (Some("key"), 32));
    assert_eq!(key.inputs.len(), 1);
}

#[test]
fn outputs_are_the_reports() {
    for (suite, n) in [
        ("TLS_AES_128_GCM_SHA256", 32),
        ("TLS_AES_256_GCM_SHA384", 48),
    ] {
        let (shared, hello, full) = (vec![7u8; 32], vec![1u8; n], vec![2u8; n]);
        let d = key_schedule_diagram(suite, &shared, &hello, &full).unwrap();
        let r = key_schedule_report(suite, &shared, &hello, &full).unwrap();
        for (id, v) in [
            ("early-secret", &r.early_secret),
            ("handshake-secret", &r.handshake_secret),
            ("master-secret", &r.master_secret),
            ("c-hs-traffic", &r.client_handshake_traffic_secret),
            ("s-ap-traffic", &r.server_application_traffic_secret),
            ("exp-master", &r.exporter_master_secret),
            ("c-ap-key", &r.client_application_key),
            ("s-hs-iv", &r.server_handshake_iv),
        ] {
            assert_eq!(&find(&d.boxes, id).output, v, "{suite} {id}");
        }
        assert_eq!(
            format!("{d:?}"),
            format!("KeyScheduleDiagram {{ cipher_suite: \"{suite}\", .. }}")
        );
    }
}

#[test]
fn errors_are_the_reports() {
    let e =
        key_schedule_diagram("TLS_AES_256_GCM_SHA384", &[1; 32], &[2; 48], &[3; 32]).unwrap_err();
    assert!(e.to_string().contains("handshake hash"), "{e}");
    assert!(key_schedule_diagram("TLS_AES_128_GCM_SHA256", &[], &[2; 32], &[3; 32]).is_err());
    assert!(key_schedule_diagram("TLS_CHACHA", &[1; 32], &[2; 32], &[3; 32]).is_err());
}

#[test]
fn a_handshake_report_draws_its_own_schedule_and_its_wire() {
    use ecdh_playground::tls12::HandshakeOptions;
    use ecdh_playground::tls13::handshake::handshake;
    let mut options = HandshakeOptions::default();
    options.group = Some("X25519MLKEM768".to_owned());
    options.client_groups = Some(vec!["X25519MLKEM768".to_owned(), "x25519".to_owned()]);
    let r = handshake(&options);
    assert_eq!(r.error, None);
    let d = r.key_schedule.as_ref().unwrap();
    assert_eq!(
        find(&d.boxes, "handshake-secret").inputs[1].value,
        r.secrets.shared_secret.clone().unwrap()
    );
    assert_eq!(
        Some(find(&d.boxes, "master-secret").output.clone()),
        r.secrets.master_secret
    );
    // The first flight is the ClientHello, in clear, carrying step 0, with the hybrid's
    // 1,216-byte key share in it: one record, its 5-byte header and the message.
    let first = &r.flights[0];
    assert_eq!((first.from, first.to), ("client", "server"));
    assert_eq!(first.bytes, 5 + r.steps[0].bytes.len() / 2);
    assert!(first.bytes > 1216 + 100, "{}", first.bytes);
    assert!(!first.records[0].encrypted);
    assert_eq!(first.records[0].step, Some(0));
    assert_eq!(
        first.records[0].plaintext.as_deref(),
        Some(r.steps[0].bytes.as_str())
    );
    // The server's flight: ServerHello in clear, then protected records whose content
    // is each message's bytes, and whose inner plaintext ends with the real type.
    let second = &r.flights[1];
    assert_eq!(second.from, "server");
    assert_eq!(
        second.bytes,
        second
            .records
            .iter()
            .map(|x| x.record.len() / 2)
            .sum::<usize>()
    );
    let certificate = second
        .records
        .iter()
        .find(|x| x.step.is_some_and(|i| r.steps[i].title == "Certificate"))
        .unwrap();
    assert!(certificate.encrypted);
    assert_eq!(certificate.keys, Some("handshake"));
    assert!(
        certificate
            .inner_plaintext
            .as_deref()
            .unwrap()
            .ends_with("16")
    );
    assert_eq!(
        certificate.fields.last().unwrap().end,
        certificate.record.len() / 2
    );
    // The last hop is the application data.
    let last = r.flights.last().unwrap();
    assert_eq!(last.records[0].content_type, "application_data");
    assert_eq!(last.records[0].keys, Some("application"));
}
