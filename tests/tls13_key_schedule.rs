//! The TLS 1.3 key schedule, Finished and record protection (RFC 8446 §4.4.4, §4.6.1,
//! §5.2–§5.4, §7.1–§7.3) against every value of "The Illustrated TLS 1.3 Connection"
//! (syncsynchalt/illustrated-tls13, MIT, see `tests/data/tls/LICENSE-illustrated-tls13.txt`)
//! in `tests/data/tls/tls13_illustrated.json`; HKDF-Expand-Label against the RFC's
//! definition computed here with HMAC alone; the all-zero early and derived secrets of
//! SHA-256 against RFC 8448 §3; and the errors.
#![cfg(all(feature = "tls13", not(target_arch = "wasm32")))]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{load, unhex};
use ecdh_playground::Error;
use ecdh_playground::keys::{Curve, PublicKey, SecretKey};
use ecdh_playground::tls13::record::{self, content_type};
use ecdh_playground::tls13::{
    CipherSuite, HashAlgorithm, KeySchedule, TrafficKeys, derive_secret, finished_key,
    hkdf_expand_label, hkdf_label, key_schedule_report, resumption_psk,
};
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256, Sha384};

const SUITE: CipherSuite = CipherSuite::TLS_AES_256_GCM_SHA384;

#[derive(Deserialize)]
struct Illustrated {
    cipher_suite: Named,
    named_group: Named,
    client_ephemeral_private: String,
    client_ephemeral_public: String,
    server_ephemeral_private: String,
    server_ephemeral_public: String,
    shared_secret: Valued,
    key_schedule: BTreeMap<String, Value>,
    certificate_verify: CertificateVerify,
    plaintext_records: PlaintextRecords,
    handshake_messages: HandshakeMessages,
    encrypted_records: BTreeMap<String, EncryptedRecord>,
}

#[derive(Deserialize)]
struct Named {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct Valued {
    value: String,
}

#[derive(Deserialize)]
struct CertificateVerify {
    transcript_hash: String,
}

#[derive(Deserialize)]
struct PlaintextRecords {
    clienthello: String,
    serverhello: String,
}

#[derive(Deserialize)]
struct HandshakeMessages {
    encrypted_extensions: String,
    certificate: String,
    certificate_verify: String,
    server_finished: String,
    client_finished: String,
}

#[derive(Deserialize)]
struct EncryptedRecord {
    record: String,
    sequence_number: u64,
    nonce: String,
    additional_data: String,
    ciphertext: String,
    auth_tag: String,
    inner_plaintext: String,
    content_type: String,
    content: String,
    content_ascii: Option<String>,
}

/// The handshake messages in the order they were sent, without record headers: the
/// input of every transcript hash.
struct Messages {
    client_hello: Vec<u8>,
    server_hello: Vec<u8>,
    encrypted_extensions: Vec<u8>,
    certificate: Vec<u8>,
    certificate_verify: Vec<u8>,
    server_finished: Vec<u8>,
    client_finished: Vec<u8>,
}

impl Messages {
    fn read(t: &Illustrated) -> Self {
        // The two hellos travel in plaintext records: skip the 5-byte record header.
        let unrecord = |hex: &str| {
            let record = unhex(hex);
            assert_eq!(record[0], content_type::HANDSHAKE);
            assert_eq!(
                usize::from(u16::from_be_bytes([record[3], record[4]])),
                record.len() - 5
            );
            record[5..].to_vec()
        };
        let m = &t.handshake_messages;
        Self {
            client_hello: unrecord(&t.plaintext_records.clienthello),
            server_hello: unrecord(&t.plaintext_records.serverhello),
            encrypted_extensions: unhex(&m.encrypted_extensions),
            certificate: unhex(&m.certificate),
            certificate_verify: unhex(&m.certificate_verify),
            server_finished: unhex(&m.server_finished),
            client_finished: unhex(&m.client_finished),
        }
    }

    /// Transcript-Hash of the first `n` messages (RFC 8446 §4.4.1).
    fn hash(&self, hash: HashAlgorithm, n: usize) -> Vec<u8> {
        let all = [
            &self.client_hello,
            &self.server_hello,
            &self.encrypted_extensions,
            &self.certificate,
            &self.certificate_verify,
            &self.server_finished,
            &self.client_finished,
        ];
        hash.digest(
            &all[..n]
                .iter()
                .copied()
                .flatten()
                .copied()
                .collect::<Vec<u8>>(),
        )
    }
}

/// Compares computed values with the file's `key_schedule`, remembering which were
/// checked, so that the test can prove none was left out.
struct KeyScheduleValues<'a> {
    values: &'a BTreeMap<String, Value>,
    checked: BTreeSet<&'a str>,
}

impl<'a> KeyScheduleValues<'a> {
    fn get(&self, name: &str) -> Vec<u8> {
        let value = self.values[name]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}"));
        unhex(value)
    }

    fn check(&mut self, name: &'a str, actual: &[u8]) {
        assert_eq!(
            hex::encode(actual),
            hex::encode(self.get(name)),
            "key_schedule.{name}"
        );
        self.checked.insert(name);
    }
}

/// The file's values computed from its inputs: the X25519 keys, the handshake messages
/// and nothing else.
struct Derived {
    schedule: KeySchedule,
    messages: Messages,
}

fn derive(t: &Illustrated) -> Result<Derived, Error> {
    assert_eq!(
        (t.cipher_suite.id.as_str(), t.named_group.id.as_str()),
        ("1302", "001d")
    );
    assert_eq!(t.cipher_suite.name.parse::<CipherSuite>()?, SUITE);
    assert_eq!(t.named_group.name.parse::<Curve>()?, Curve::X25519);

    // The X25519 shared secret through the crate's own keys API (RFC 7748 §6.1), from
    // each side, and each public key from its private key.
    let client = SecretKey::from_bytes(Curve::X25519, &unhex(&t.client_ephemeral_private))?;
    let server = SecretKey::from_bytes(Curve::X25519, &unhex(&t.server_ephemeral_private))?;
    let (client_public, _) = PublicKey::parse(&t.client_ephemeral_public)?;
    let (server_public, _) = PublicKey::parse(&t.server_ephemeral_public)?;
    assert_eq!(client.public_key(), client_public);
    assert_eq!(server.public_key(), server_public);
    let shared = client.diffie_hellman(&server_public)?;
    assert_eq!(
        shared.as_bytes(),
        server.diffie_hellman(&client_public)?.as_bytes()
    );
    assert_eq!(hex::encode(shared.as_bytes()), t.shared_secret.value);

    let messages = Messages::read(t);
    let hash = SUITE.hash();
    let schedule = KeySchedule::new(
        SUITE,
        None,
        shared.as_bytes(),
        &messages.hash(hash, 2),
        &messages.hash(hash, 6),
    )?;
    Ok(Derived { schedule, messages })
}

#[test]
fn every_key_schedule_value_of_the_illustrated_connection() {
    let t: Illustrated = load("tls/tls13_illustrated.json");
    let Derived { schedule, messages } = derive(&t).unwrap();
    let hash = SUITE.hash();
    let mut v = KeyScheduleValues {
        values: &t.key_schedule,
        checked: BTreeSet::new(),
    };
    let (early, hs, traffic) = (schedule.early(), schedule.handshake(), schedule.traffic());

    // RFC 8446 §7.1: the early secret without a PSK, and the salt of the next extract.
    let empty_hash = hash.digest(b"");
    v.check("empty_hash", &empty_hash);
    v.check("early_secret", early.early_secret());
    let derived = derive_secret(SUITE, early.early_secret(), b"derived", &empty_hash).unwrap();
    v.check("derived_secret_for_handshake", &derived);

    // The handshake secret and the handshake traffic secrets, over ClientHello..ServerHello.
    v.check("hello_hash", &messages.hash(hash, 2));
    v.check("handshake_secret", hs.handshake_secret());
    v.check(
        "client_handshake_traffic_secret",
        hs.client_handshake_traffic_secret(),
    );
    v.check(
        "server_handshake_traffic_secret",
        hs.server_handshake_traffic_secret(),
    );

    // RFC 8446 §7.3: handshake write keys and IVs.
    let (client_hs, server_hs) = (
        hs.client_handshake_keys().unwrap(),
        hs.server_handshake_keys().unwrap(),
    );
    v.check("client_handshake_key", client_hs.key());
    v.check("client_handshake_iv", client_hs.iv());
    v.check("server_handshake_key", server_hs.key());
    v.check("server_handshake_iv", server_hs.iv());

    // RFC 8446 §4.4.4: the server's Finished covers ClientHello..CertificateVerify, the
    // client's ClientHello..server Finished; each verify_data is also the body of the
    // Finished message sent (after its 4-byte header 14 00 00 30).
    let server_finished_hash = messages.hash(hash, 5);
    v.check("server_finished_transcript_hash", &server_finished_hash);
    v.check(
        "server_finished_key",
        &finished_key(SUITE, hs.server_handshake_traffic_secret()).unwrap(),
    );
    let server_verify = hs.server_finished(&server_finished_hash).unwrap();
    v.check("server_finished_verify_data", &server_verify);
    assert_eq!(messages.server_finished[..4], [20, 0, 0, 48]);
    assert_eq!(messages.server_finished[4..], server_verify);
    let handshake_hash = messages.hash(hash, 6);
    v.check("handshake_hash", &handshake_hash);
    v.check(
        "client_finished_key",
        &finished_key(SUITE, hs.client_handshake_traffic_secret()).unwrap(),
    );
    let client_verify = hs.client_finished(&handshake_hash).unwrap();
    v.check("client_finished_verify_data", &client_verify);
    assert_eq!(messages.client_finished[4..], client_verify);

    // The master secret and what comes from it, over ClientHello..server Finished.
    let derived = derive_secret(SUITE, hs.handshake_secret(), b"derived", &empty_hash).unwrap();
    v.check("derived_secret_for_master", &derived);
    v.check("master_secret", traffic.master_secret());
    v.check(
        "client_application_traffic_secret_0",
        traffic.client_application_traffic_secret(),
    );
    v.check(
        "server_application_traffic_secret_0",
        traffic.server_application_traffic_secret(),
    );
    v.check("exporter_master_secret", traffic.exporter_master_secret());
    let (client_ap, server_ap) = (
        traffic.client_application_keys().unwrap(),
        traffic.server_application_keys().unwrap(),
    );
    v.check("client_application_key", client_ap.key());
    v.check("client_application_iv", client_ap.iv());
    v.check("server_application_key", server_ap.key());
    v.check("server_application_iv", server_ap.iv());

    // Resumption: the master secret over ClientHello..client Finished, then one PSK per
    // ticket (RFC 8446 §4.6.1).
    let resumption = traffic
        .resumption_master_secret(&messages.hash(hash, 7))
        .unwrap();
    v.check("resumption_master_secret", &resumption);
    let tickets = t.key_schedule["resumption_psks"]["tickets"]
        .as_array()
        .unwrap();
    assert_eq!(tickets.len(), 2);
    for ticket in tickets {
        let nonce = unhex(ticket["ticket_nonce"].as_str().unwrap());
        let psk = resumption_psk(SUITE, &resumption, &nonce).unwrap();
        assert_eq!(hex::encode(&*psk), ticket["psk"].as_str().unwrap());
    }
    v.checked.insert("resumption_psks");

    // CertificateVerify signs ClientHello..Certificate (RFC 8446 §4.4.3).
    assert_eq!(
        hex::encode(messages.hash(hash, 4)),
        t.certificate_verify.transcript_hash
    );

    let all: BTreeSet<&str> = t.key_schedule.keys().map(String::as_str).collect();
    assert_eq!(v.checked, all, "every value of key_schedule is checked");
    println!(
        "tls13_illustrated.json: {} key schedule values passed (the PSK of each of {} tickets \
         counted apart)",
        all.len() - 1 + tickets.len(),
        tickets.len()
    );
}

#[test]
fn the_report_for_the_page_matches_the_file() {
    let t: Illustrated = load("tls/tls13_illustrated.json");
    let messages = Messages::read(&t);
    let hash = SUITE.hash();
    let r = key_schedule_report(
        &t.cipher_suite.name,
        &unhex(&t.shared_secret.value),
        &messages.hash(hash, 2),
        &messages.hash(hash, 6),
    )
    .unwrap();
    let v = KeyScheduleValues {
        values: &t.key_schedule,
        checked: BTreeSet::new(),
    };
    for (field, name) in [
        (&r.early_secret, "early_secret"),
        (&r.handshake_secret, "handshake_secret"),
        (&r.master_secret, "master_secret"),
        (
            &r.client_handshake_traffic_secret,
            "client_handshake_traffic_secret",
        ),
        (
            &r.server_handshake_traffic_secret,
            "server_handshake_traffic_secret",
        ),
        (
            &r.client_application_traffic_secret,
            "client_application_traffic_secret_0",
        ),
        (
            &r.server_application_traffic_secret,
            "server_application_traffic_secret_0",
        ),
        (&r.exporter_master_secret, "exporter_master_secret"),
        (&r.client_handshake_key, "client_handshake_key"),
        (&r.client_handshake_iv, "client_handshake_iv"),
        (&r.server_handshake_key, "server_handshake_key"),
        (&r.server_handshake_iv, "server_handshake_iv"),
        (&r.client_application_key, "client_application_key"),
        (&r.client_application_iv, "client_application_iv"),
        (&r.server_application_key, "server_application_key"),
        (&r.server_application_iv, "server_application_iv"),
    ] {
        assert_eq!(*field, hex::encode(v.get(name)), "{name}");
    }
}

#[test]
fn every_encrypted_record_opens_and_any_flipped_byte_is_refused() {
    let t: Illustrated = load("tls/tls13_illustrated.json");
    let Derived { schedule, messages } = derive(&t).unwrap();
    let (hs, traffic) = (schedule.handshake(), schedule.traffic());
    let client_hs = hs.client_handshake_keys().unwrap();
    let server_hs = hs.server_handshake_keys().unwrap();
    let client_ap = traffic.client_application_keys().unwrap();
    let server_ap = traffic.server_application_keys().unwrap();

    // Which keys protect which record: the server's handshake flight and the client's
    // Finished under handshake keys, the rest under application keys.
    let keys_for = |name: &str| -> &TrafficKeys {
        match name {
            "server_encrypted_extensions"
            | "server_certificate"
            | "server_certificate_verify"
            | "server_finished" => &server_hs,
            "client_finished" => &client_hs,
            "server_new_session_ticket_1"
            | "server_new_session_ticket_2"
            | "server_application_data" => &server_ap,
            "client_application_data" => &client_ap,
            other => panic!("no keys known for record {other}"),
        }
    };
    let expected_messages = BTreeMap::from([
        (
            "server_encrypted_extensions",
            &messages.encrypted_extensions,
        ),
        ("server_certificate", &messages.certificate),
        ("server_certificate_verify", &messages.certificate_verify),
        ("server_finished", &messages.server_finished),
        ("client_finished", &messages.client_finished),
    ]);
    let all_keys = [&client_hs, &server_hs, &client_ap, &server_ap];

    let mut flips = 0;
    for (name, r) in &t.encrypted_records {
        let keys = keys_for(name);
        let wire = unhex(&r.record);
        let seq = r.sequence_number;

        // RFC 8446 §5.3 nonce and §5.2 additional data, as the file has them.
        assert_eq!(
            hex::encode(record::nonce(keys.iv(), seq)),
            r.nonce,
            "{name}"
        );
        let body_len = wire.len() - record::HEADER_LEN;
        assert_eq!(
            hex::encode(record::additional_data(body_len).unwrap()),
            r.additional_data,
            "{name}"
        );
        assert_eq!(
            r.record,
            format!("{}{}{}", r.additional_data, r.ciphertext, r.auth_tag),
            "{name}"
        );

        let opened = record::open(keys, seq, &wire).unwrap();
        assert_eq!(hex::encode(&opened.content), r.content, "{name}");
        assert_eq!(hex::encode([opened.content_type]), r.content_type, "{name}");
        assert_eq!(opened.padding, 0, "{name}");
        assert_eq!(
            hex::encode([opened.content.as_slice(), &[opened.content_type]].concat()),
            r.inner_plaintext,
            "{name}"
        );
        if let Some(text) = &r.content_ascii {
            assert_eq!(opened.content, text.as_bytes(), "{name}");
            assert_eq!(opened.content_type, content_type::APPLICATION_DATA);
        } else {
            assert_eq!(opened.content_type, content_type::HANDSHAKE, "{name}");
        }
        if let Some(message) = expected_messages.get(name.as_str()) {
            assert_eq!(&&opened.content, message, "{name}");
        }

        // Sealing the same content as the same record gives the same bytes.
        let sealed = record::seal(keys, seq, opened.content_type, &opened.content, 0).unwrap();
        assert_eq!(sealed.record, wire, "{name}");
        assert_eq!(hex::encode(sealed.nonce), r.nonce, "{name}");
        assert_eq!(
            hex::encode(sealed.additional_data),
            r.additional_data,
            "{name}"
        );
        assert_eq!(
            hex::encode(&sealed.inner_plaintext),
            r.inner_plaintext,
            "{name}"
        );

        // The wrong sequence number, or any other of the connection's keys, fails.
        assert_eq!(
            record::open(keys, seq + 1, &wire),
            Err(Error::AuthenticationFailed)
        );
        for other in all_keys.iter().filter(|k| !std::ptr::eq(**k, keys)) {
            assert_eq!(
                record::open(other, seq, &wire),
                Err(Error::AuthenticationFailed),
                "{name}"
            );
        }

        // Flip each byte in turn. The outer type and the length frame the record and are
        // checked by name before decrypting; every other byte is authenticated (the
        // version as additional data, then ciphertext and tag), so the change is only
        // "message authentication failed".
        for i in 0..wire.len() {
            let mut tampered = wire.clone();
            tampered[i] ^= 0x01;
            let result = record::open(keys, seq, &tampered);
            match i {
                0 => assert!(
                    matches!(&result, Err(Error::Malformed { detail, .. }) if detail.contains("opaque_type")),
                    "{name} byte {i}: {result:?}"
                ),
                3 | 4 => assert!(
                    matches!(&result, Err(Error::Malformed { detail, .. }) if detail.contains("length field")),
                    "{name} byte {i}: {result:?}"
                ),
                _ => assert_eq!(result, Err(Error::AuthenticationFailed), "{name} byte {i}"),
            }
            flips += 1;
        }
    }

    // The two tickets carry the nonces whose PSKs the key schedule checks: ticket_nonce
    // follows the type, length, ticket_lifetime and ticket_age_add (RFC 8446 §4.6.1).
    let tickets = t.key_schedule["resumption_psks"]["tickets"]
        .as_array()
        .unwrap();
    for (ticket, name) in tickets
        .iter()
        .zip(["server_new_session_ticket_1", "server_new_session_ticket_2"])
    {
        let content = unhex(&t.encrypted_records[name].content);
        let nonce = unhex(ticket["ticket_nonce"].as_str().unwrap());
        assert_eq!(content[0], 4, "new_session_ticket (4)");
        assert_eq!(usize::from(content[12]), nonce.len());
        assert_eq!(content[13..13 + nonce.len()], nonce);
    }

    let names: BTreeSet<&str> = t.encrypted_records.keys().map(String::as_str).collect();
    assert_eq!(names.len(), 9);
    println!(
        "tls13_illustrated.json: {} records opened, {flips} flipped bytes refused",
        names.len()
    );
}

/// HKDF-Expand (RFC 5869 §2.3) written out with HMAC alone:
/// T(0) = "", T(i) = HMAC(PRK, T(i-1) ‖ info ‖ i), OKM = first L bytes of T(1) ‖ T(2) ‖ ...
/// `keyed` is the HMAC already keyed with the PRK.
fn hkdf_expand_by_hand<M: Mac + Clone>(keyed: &M, info: &[u8], length: usize) -> Vec<u8> {
    let mut okm = Vec::new();
    let mut t = Vec::new();
    let mut i = 1u8;
    while okm.len() < length {
        let mut mac = keyed.clone();
        mac.update(&t);
        mac.update(info);
        mac.update(&[i]);
        t = mac.finalize().into_bytes().to_vec();
        okm.extend_from_slice(&t);
        i += 1;
    }
    okm.truncate(length);
    okm
}

/// RFC 8446 §7.1's HkdfLabel, written out byte by byte.
fn hkdf_label_by_hand(
    label: &str,
    context: &[u8],
    length: u16,
) -> Result<Vec<u8>, std::num::TryFromIntError> {
    let full = format!("tls13 {label}");
    let mut info = length.to_be_bytes().to_vec();
    info.push(u8::try_from(full.len())?);
    info.extend_from_slice(full.as_bytes());
    info.push(u8::try_from(context.len())?);
    info.extend_from_slice(context);
    Ok(info)
}

#[test]
fn hkdf_label_is_the_rfc_structure_byte_for_byte() {
    let t: Illustrated = load("tls/tls13_illustrated.json");
    let hello_hash = unhex(t.key_schedule["hello_hash"]["value"].as_str().unwrap());
    // uint16 length = 48 ‖ opaque label<7..255> = "tls13 c hs traffic" (18 bytes) ‖
    // opaque context<0..255> = the 48-byte hello hash.
    let mut expected = vec![0x00, 0x30, 0x12];
    expected.extend_from_slice(b"tls13 c hs traffic");
    expected.push(0x30);
    expected.extend_from_slice(&hello_hash);
    assert_eq!(
        hkdf_label(b"c hs traffic", &hello_hash, 48).unwrap(),
        expected
    );
    assert_eq!(
        expected,
        hkdf_label_by_hand("c hs traffic", &hello_hash, 48).unwrap()
    );
    // "key" with an empty context, as §7.3 uses it for a 32-byte key.
    assert_eq!(
        hex::encode(hkdf_label(b"key", b"", 32).unwrap()),
        // 00 20 (length 32) ‖ 09 "tls13 key" ‖ 00 (empty context)
        "0020_09_746c73313320_6b6579_00".replace('_', "")
    );
}

#[test]
fn hkdf_expand_label_is_hkdf_expand_of_the_label_with_sha384_and_sha256() {
    let t: Illustrated = load("tls/tls13_illustrated.json");
    let secret = unhex(
        t.key_schedule["server_handshake_traffic_secret"]["value"]
            .as_str()
            .unwrap(),
    );
    let context = unhex(t.key_schedule["hello_hash"]["value"].as_str().unwrap());
    let sha384 = <Hmac<Sha384> as KeyInit>::new_from_slice(&secret).unwrap();
    let sha256 = <Hmac<Sha256> as KeyInit>::new_from_slice(&secret[..32]).unwrap();
    // Up to Hash.length bytes is one HMAC block; 49, 100 and 200 take several.
    for length in [1, 12, 32, 48, 49, 100, 200] {
        for (label, ctx) in [
            ("key", &[][..]),
            ("iv", &[][..]),
            ("c hs traffic", &context[..]),
        ] {
            let info = hkdf_label_by_hand(label, ctx, length).unwrap();
            let ours = hkdf_expand_label(
                HashAlgorithm::Sha384,
                &secret,
                label.as_bytes(),
                ctx,
                length.into(),
            )
            .unwrap();
            assert_eq!(
                *ours,
                hkdf_expand_by_hand(&sha384, &info, length.into()),
                "SHA-384 {label} {length}"
            );
            let ours = hkdf_expand_label(
                HashAlgorithm::Sha256,
                &secret[..32],
                label.as_bytes(),
                ctx,
                length.into(),
            )
            .unwrap();
            assert_eq!(
                *ours,
                hkdf_expand_by_hand(&sha256, &info, length.into()),
                "SHA-256 {label} {length}"
            );
        }
    }
    // The file's server handshake key is this with "key", "", 32.
    let info = hkdf_label_by_hand("key", b"", 32).unwrap();
    let key = hkdf_expand_by_hand(&sha384, &info, 32);
    assert_eq!(
        hex::encode(key),
        t.key_schedule["server_handshake_key"]["value"]
            .as_str()
            .unwrap()
    );
}

#[test]
fn sha256_suite_from_the_same_inputs() {
    let t: Illustrated = load("tls/tls13_illustrated.json");
    let messages = Messages::read(&t);
    let suite = CipherSuite::TLS_AES_128_GCM_SHA256;
    let hash = suite.hash();
    let shared = unhex(&t.shared_secret.value);
    let schedule = KeySchedule::new(
        suite,
        None,
        &shared,
        &messages.hash(hash, 2),
        &messages.hash(hash, 6),
    )
    .unwrap();
    let (early, hs, traffic) = (schedule.early(), schedule.handshake(), schedule.traffic());

    // RFC 8448 §3 (a full handshake with SHA-256): HKDF-Extract(0, 0) and
    // Derive-Secret(., "derived", "") are the same in every handshake without a PSK.
    assert_eq!(
        hex::encode(early.early_secret()),
        "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"
    );
    assert_eq!(
        hex::encode(
            derive_secret(
                suite,
                early.early_secret(),
                b"derived",
                &Sha256::digest(b"")
            )
            .unwrap()
        ),
        "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"
    );
    // The handshake secret computed by hand: HMAC-SHA256(derived, shared secret).
    let derived = unhex("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&derived).unwrap();
    mac.update(&shared);
    assert_eq!(
        hs.handshake_secret(),
        mac.finalize().into_bytes().as_slice()
    );

    for secret in [
        early.early_secret(),
        hs.handshake_secret(),
        hs.client_handshake_traffic_secret(),
        hs.server_handshake_traffic_secret(),
        traffic.master_secret(),
        traffic.client_application_traffic_secret(),
        traffic.server_application_traffic_secret(),
        traffic.exporter_master_secret(),
    ] {
        assert_eq!(secret.len(), 32);
    }
    let keys = [
        hs.client_handshake_keys().unwrap(),
        hs.server_handshake_keys().unwrap(),
        traffic.client_application_keys().unwrap(),
        traffic.server_application_keys().unwrap(),
    ];
    for k in &keys {
        assert_eq!((k.suite(), k.key().len(), k.iv().len()), (suite, 16, 12));
    }
    // Different from the SHA-384 schedule, not a prefix of it.
    let sha384 = t.key_schedule["handshake_secret"]["value"]
        .as_str()
        .unwrap();
    assert!(!sha384.starts_with(&hex::encode(hs.handshake_secret())));

    // AES-128-GCM records round-trip, and the file's AES-256-GCM records do not open.
    let sealed = record::seal(&keys[2], 0, content_type::APPLICATION_DATA, b"ping", 3).unwrap();
    let opened = record::open(&keys[2], 0, &sealed.record).unwrap();
    assert_eq!(
        (opened.content.as_slice(), opened.padding),
        (&b"ping"[..], 3)
    );
    let file_record = unhex(&t.encrypted_records["client_application_data"].record);
    assert_eq!(
        record::open(&keys[2], 0, &file_record),
        Err(Error::AuthenticationFailed)
    );

    // The report gives the same, with lengths of the SHA-256 suite.
    let r = key_schedule_report(
        suite.name(),
        &shared,
        &messages.hash(hash, 2),
        &messages.hash(hash, 6),
    )
    .unwrap();
    assert_eq!(r.handshake_secret, hex::encode(hs.handshake_secret()));
    assert_eq!(r.client_application_key, hex::encode(keys[2].key()));
    assert_eq!(
        (
            r.master_secret.len(),
            r.server_handshake_key.len(),
            r.server_handshake_iv.len()
        ),
        (64, 32, 24)
    );
}

#[test]
fn errors_are_named_and_never_panics() {
    let shared = [1u8; 32];
    // A hash of the other suite's length.
    let err =
        key_schedule_report("TLS_AES_256_GCM_SHA384", &shared, &[0; 32], &[0; 48]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hello hash, Transcript-Hash(ClientHello, ServerHello): expected 48 bytes, the length \
         of a SHA-384 hash, got 32"
    );
    let err =
        key_schedule_report("TLS_AES_128_GCM_SHA256", &shared, &[0; 32], &[0; 48]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "handshake hash, Transcript-Hash(ClientHello .. server Finished): expected 32 bytes, \
         the length of a SHA-256 hash, got 48"
    );
    // An unknown suite name, and a TLS 1.2 name.
    assert_eq!(
        key_schedule_report("TLS_AES_512_GCM_SHA512", &shared, &[0; 32], &[0; 32])
            .unwrap_err()
            .to_string(),
        "malformed TLS 1.3 cipher suite: unknown name \"TLS_AES_512_GCM_SHA512\"; the supported \
         suites are \"TLS_AES_128_GCM_SHA256\" and \"TLS_AES_256_GCM_SHA384\""
    );
    assert!(matches!(
        key_schedule_report(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            &shared,
            &[0; 32],
            &[0; 32]
        ),
        Err(Error::Malformed {
            what: "TLS 1.3 cipher suite",
            ..
        })
    ));
    // A label too long for opaque label<7..255> once "tls13 " is added.
    let secret = [0u8; 48];
    assert!(hkdf_expand_label(SUITE, &secret, &[b'a'; 249], b"", 48).is_ok());
    assert_eq!(
        hkdf_expand_label(SUITE, &secret, &[b'a'; 250], b"", 48).unwrap_err(),
        Error::InvalidLength {
            what: "HKDF-Expand-Label label (without \"tls13 \")",
            expected: "1 to 249 bytes, so that \"tls13 \" ‖ label fits opaque label<7..255> \
                       (RFC 8446 §7.1)",
            found: 250,
        }
    );
    // A context too long, and lengths out of range.
    assert!(matches!(
        hkdf_expand_label(SUITE, &secret, b"key", &[0; 256], 48),
        Err(Error::InvalidLength {
            what: "HKDF-Expand-Label context",
            found: 256,
            ..
        })
    ));
    for length in [0, 255 * 48 + 1, usize::MAX] {
        assert_eq!(
            hkdf_expand_label(SUITE, &secret, b"key", b"", length).unwrap_err(),
            Error::InvalidOutputLength {
                requested: length,
                max: 12240
            }
        );
    }
    // Secrets of the other hash's length.
    assert!(matches!(
        derive_secret(SUITE, &[0; 32], b"derived", &[0; 48]),
        Err(Error::InvalidLength { found: 32, .. })
    ));
    assert!(matches!(
        TrafficKeys::derive(SUITE, &[0; 32]),
        Err(Error::InvalidLength {
            what: "traffic secret",
            found: 32,
            ..
        })
    ));
    // A record too short to hold a header.
    let keys = TrafficKeys::derive(SUITE, &secret).unwrap();
    for short in [&[][..], &[23], &[23, 3, 3, 0]] {
        assert!(matches!(
            record::open(&keys, 0, short),
            Err(Error::InvalidLength {
                what: "TLS 1.3 record",
                ..
            })
        ));
    }
}

#[test]
fn debug_shows_no_secret() {
    let t: Illustrated = load("tls/tls13_illustrated.json");
    let Derived { schedule, .. } = derive(&t).unwrap();
    let keys = schedule.traffic().client_application_keys().unwrap();
    let report = key_schedule_report(SUITE.name(), &[1; 32], &[2; 48], &[3; 48]).unwrap();
    let text = format!(
        "{schedule:?} {keys:?} {report:?} {:?}",
        schedule.handshake()
    );
    for (name, value) in &t.key_schedule {
        if let Some(hex) = value.get("value").and_then(Value::as_str) {
            assert!(!text.contains(hex), "{name} in {text}");
            let first = unhex(hex)[0];
            assert!(
                !text.contains(&format!("[{first}, ")),
                "{name} as a byte list in {text}"
            );
        }
    }
    assert!(!text.contains(&report.master_secret));
}
