//! The TLS 1.2 ECDHE handshake model (RFC 5246, RFC 8422, RFC 5288) against the values
//! of "The Illustrated TLS 1.2 Connection" (syncsynchalt/illustrated-tls12, MIT, see
//! `tests/data/tls/LICENSE-illustrated-tls12.txt`) in `tests/data/tls/tls12_illustrated.json`,
//! and the model's own promises: signatures verify, Mallory fails with her reason,
//! forward secrecy holds with ephemeral keys and not with a static one, runs are
//! reproducible, and bad options are named.
#![cfg(all(feature = "tls12", not(target_arch = "wasm32")))]

mod common;

use common::{load, unhex};
use ecdh_playground::aead::aes128_gcm_open;
use ecdh_playground::kdf::tls12_prf;
use ecdh_playground::keys::{Curve, PublicKey, SecretKey};
use ecdh_playground::sign::{self, SigningKey};
use ecdh_playground::tls12::mallory::{RESIGNED, SWAPPED_KEY};
use ecdh_playground::tls12::messages::{
    ClientHello, ClientKeyExchange, NamedGroup, ServerHello, ServerKeyExchange,
    public_key_from_wire,
};
use ecdh_playground::tls12::secrets::{EphemeralSecret, KeySource};
use ecdh_playground::tls12::{HandshakeOptions, HandshakeReport, Side, handshake};
use ecdh_playground::{PrivateKeyFormat, keys::text::to_hex};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use zeroize::{ZeroizeOnDrop, Zeroizing};

#[derive(Deserialize)]
struct Illustrated {
    client_random: String,
    server_random: String,
    client_ephemeral_private: String,
    client_ephemeral_public: String,
    server_ephemeral_private: String,
    server_ephemeral_public: String,
    pre_master_secret: Valued,
    master_secret: Valued,
    key_expansion: KeyExpansion,
    server_key_exchange: Kx,
    plaintext_records: Records,
}

#[derive(Deserialize)]
struct Valued {
    value: String,
}

#[derive(Deserialize)]
struct KeyExpansion {
    key_block: String,
}

#[derive(Deserialize)]
struct Kx {
    handshake_message: String,
    server_ecdh_params: String,
    signed_data: String,
}

#[derive(Deserialize)]
struct Records {
    clienthello: String,
    serverhello: String,
    clientkeyexchange: String,
}

fn illustrated() -> Illustrated {
    load("tls/tls12_illustrated.json")
}

fn pem(label: &str) -> String {
    SigningKey::from_seed(b"tls12 tests", label)
        .unwrap_or_else(|e| panic!("seeded key {label}: {e}"))
        .reveal_private_key(PrivateKeyFormat::Pem)
        .to_string()
}

fn run(options: Value) -> HandshakeReport {
    let options = serde_json::from_value::<HandshakeOptions>(options)
        .unwrap_or_else(|e| panic!("options do not deserialise: {e}"));
    handshake(options)
}

/// Options with every input fixed.
fn fixed(group: &str) -> Value {
    json!({
        "group": group,
        "clientRandom": "11".repeat(32),
        "serverRandom": "22".repeat(32),
        "clientEphemeral": "33".repeat(32),
        "serverEphemeral": "44".repeat(32),
        "serverIdentity": pem("server"),
        "malloryEphemeral": "55".repeat(32),
        "malloryIdentity": pem("mallory"),
        "message": "GET / HTTP/1.1",
    })
}

fn with(mut options: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().into_iter().flatten() {
        options[k] = v.clone();
    }
    options
}

fn ok(report: &HandshakeReport) -> &HandshakeReport {
    assert_eq!(report.error, None, "{:#?}", report.steps.last());
    report
}

/// The bytes of a hex field the report must have.
fn bytes(value: &Option<String>) -> Vec<u8> {
    unhex(
        value
            .as_deref()
            .unwrap_or_else(|| panic!("the report lacks a value")),
    )
}

#[test]
fn illustrated_connection_values() {
    let t = illustrated();
    let r = run(json!({
        "group": "x25519",
        "clientRandom": t.client_random,
        "serverRandom": t.server_random,
        "clientEphemeral": t.client_ephemeral_private,
        "serverEphemeral": t.server_ephemeral_private,
        "serverIdentity": pem("server"),
    }));
    let r = ok(&r);
    assert_eq!(r.group.as_deref(), Some("x25519"));
    assert_eq!(
        r.pre_master_secret.as_deref(),
        Some(&*t.pre_master_secret.value)
    );
    assert_eq!(r.master_secret.as_deref(), Some(&*t.master_secret.value));
    // The same PRF stream; this suite takes 40 bytes of it, split differently.
    let block = &t.key_expansion.key_block[..80];
    assert_eq!(r.key_block.as_deref(), Some(block));
    let split = [
        &r.client_write_key,
        &r.server_write_key,
        &r.client_iv,
        &r.server_iv,
    ]
    .map(|v| v.as_deref().unwrap())
    .concat();
    assert_eq!(split, block);
    assert_eq!(r.client_write_key.as_ref().unwrap().len(), 32);
    assert_eq!(r.client_iv.as_ref().unwrap().len(), 8);

    assert_eq!(
        r.server_ecdh_params.as_deref(),
        Some(&*t.server_key_exchange.server_ecdh_params)
    );
    assert!(
        t.server_key_exchange
            .server_ecdh_params
            .ends_with(&t.server_ephemeral_public)
    );
    assert_eq!(
        r.signed_data.as_deref(),
        Some(&*t.server_key_exchange.signed_data)
    );
    // The published ClientKeyExchange record: 5-byte record header, 4-byte handshake
    // header, then the body we produce.
    assert_eq!(
        r.client_key_exchange.as_deref(),
        Some(&t.plaintext_records.clientkeyexchange[18..])
    );
    assert!(
        r.client_key_exchange
            .as_ref()
            .unwrap()
            .ends_with(&t.client_ephemeral_public)
    );
}

#[test]
fn illustrated_messages_parse() {
    let t = illustrated();
    let record_body = |hex: &str| unhex(&hex[10..]);

    let hello = ClientHello::parse(&record_body(&t.plaintext_records.clienthello)).unwrap();
    assert_eq!(hello.random.to_vec(), unhex(&t.client_random));
    assert_eq!(hello.groups, [29, 23, 24, 25]);
    assert!(hello.cipher_suites.contains(&0xc02b));
    assert!(hello.signature_schemes.contains(&0x0403));
    assert_eq!(hello.point_formats, [0]);

    let hello = ServerHello::parse(&record_body(&t.plaintext_records.serverhello)).unwrap();
    assert_eq!(hello.random.to_vec(), unhex(&t.server_random));
    assert_eq!(hello.cipher_suite, 0xc013);

    // An RSA-signed ServerKeyExchange still parses, and re-encodes byte for byte.
    let skx = unhex(&t.server_key_exchange.handshake_message);
    let kx = ServerKeyExchange::parse(&skx).unwrap();
    assert_eq!(kx.scheme, 0x0401);
    assert_eq!(kx.encode().unwrap().bytes, skx);
    assert_eq!(
        to_hex(&kx.params.to_bytes().unwrap()),
        t.server_key_exchange.server_ecdh_params
    );

    let kx =
        ClientKeyExchange::parse(&record_body(&t.plaintext_records.clientkeyexchange)).unwrap();
    let key = public_key_from_wire(NamedGroup::X25519, &kx.public, "ClientKeyExchange").unwrap();
    assert_eq!(to_hex(&key.to_raw()), t.client_ephemeral_public);
}

/// Rebuilds a whole handshake message from a body the report gives.
fn message(msg_type: u8, body_hex: &str) -> Vec<u8> {
    let body = unhex(body_hex);
    let len = (body.len() as u32).to_be_bytes();
    [&[msg_type][..], &len[1..], &body].concat()
}

#[test]
fn finished_verify_data_is_the_prf_over_the_handshake_messages() {
    for group in ["x25519", "secp256r1"] {
        let r = run(fixed(group));
        let r = ok(&r);
        // Certificate (RFC 5246 §7.4.2): certificate_list<0..2^24-1> of one ASN.1Cert.
        let der =
            ecdh_playground::keys::cert::read_certificate(&r.certificate.as_ref().unwrap().pem)
                .unwrap()
                .0;
        let len3 = |n: usize| (n as u32).to_be_bytes()[1..].to_vec();
        let certificate = [len3(der.len() + 3), len3(der.len()), der].concat();
        let messages = [
            message(1, r.client_hello.as_ref().unwrap()),
            message(2, r.server_hello.as_ref().unwrap()),
            message(11, &to_hex(&certificate)),
            message(12, r.server_key_exchange.as_ref().unwrap()),
            message(14, ""),
            message(16, r.client_key_exchange.as_ref().unwrap()),
        ]
        .concat();
        let master = bytes(&r.master_secret);
        let client =
            tls12_prf(&master, b"client finished", &Sha256::digest(&messages), 12).unwrap();
        assert_eq!(r.client_finished.as_deref(), Some(&*to_hex(&client)));
        // By default the server gives a session ID, not a ticket: no NewSessionTicket.
        assert_eq!(r.session.as_ref().unwrap().ticket, None);
        let with_client = [messages, message(20, &to_hex(&client))].concat();
        let server = tls12_prf(
            &master,
            b"server finished",
            &Sha256::digest(&with_client),
            12,
        )
        .unwrap();
        assert_eq!(r.server_finished.as_deref(), Some(&*to_hex(&server)));
    }
}

#[test]
fn every_signature_verifies_with_the_identity_key() {
    for group in ["x25519", "secp256r1"] {
        for static_key in [false, true] {
            for i in 0..4 {
                let r = run(json!({"group": group, "staticServerKey": static_key,
                                   "serverIdentity": pem(&format!("server {i}"))}));
                let r = ok(&r);
                assert!(r.signature_valid);
                let (key, _) =
                    PublicKey::parse(r.server_identity_public_key.as_ref().unwrap()).unwrap();
                let signed = bytes(&r.signed_data);
                let signature = bytes(&r.signature);
                assert!(sign::verify(&key, &signed, &signature).unwrap());
                let mut tampered = signed.clone();
                tampered[70] ^= 1;
                assert!(!sign::verify(&key, &tampered, &signature).unwrap());
            }
        }
    }
}

fn stops_at_signature_check(r: &HandshakeReport) {
    assert!(!r.signature_valid);
    assert_eq!(r.pre_master_secret, None);
    assert_eq!(r.record, None);
    assert!(r.steps.iter().any(|s| s.side == Side::Mallory));
    let last = &r.steps[r.steps.len() - 1];
    assert_eq!(last.side, Side::Client);
    assert_eq!(last.title, "Client sends a fatal alert: decrypt_error");
    assert_eq!(last.bytes, "15030300020233");
}

#[test]
fn mallory_swapping_the_key_is_caught() {
    for group in ["x25519", "secp256r1"] {
        let options = with(fixed(group), json!({"mallory": "swap-key"}));
        let r = run(options.clone());
        assert_eq!(r.error.as_deref(), Some(SWAPPED_KEY));
        stops_at_signature_check(&r);
        // The on-wire key is Mallory's, the signature the server's.
        let mallory = EphemeralSecret::new(
            NamedGroup::from_name(group).unwrap(),
            KeySource::Given {
                option: "malloryEphemeral",
                scalar: Zeroizing::new([0x55; 32]),
            },
        )
        .unwrap();
        assert!(
            r.server_ecdh_params
                .as_ref()
                .unwrap()
                .ends_with(&to_hex(&mallory.public_key().to_raw()))
        );
        let honest = run(fixed(group));
        assert_eq!(r.signature, honest.signature);
        assert_ne!(r.signed_data, honest.signed_data);
    }
}

#[test]
fn mallory_resigning_is_caught() {
    let r = run(with(fixed("x25519"), json!({"mallory": "resign"})));
    assert_eq!(r.error.as_deref(), Some(RESIGNED));
    stops_at_signature_check(&r);
    // The signature is valid, for Mallory's key, and not for the pinned one.
    let signed = bytes(&r.signed_data);
    let signature = bytes(&r.signature);
    let mallory = SigningKey::import_private_key(&pem("mallory")).unwrap();
    assert!(sign::verify(&mallory.public_key(), &signed, &signature).unwrap());
    let (pinned, _) = PublicKey::parse(r.server_identity_public_key.as_ref().unwrap()).unwrap();
    assert!(!sign::verify(&pinned, &signed, &signature).unwrap());
    // Without a given key Mallory draws one; the reason is the same.
    let r = run(json!({"mallory": "resign"}));
    assert_eq!(r.error.as_deref(), Some(RESIGNED));
}

fn open_record(r: &HandshakeReport, key: &[u8]) -> Option<Vec<u8>> {
    let rec = r
        .record
        .as_ref()
        .unwrap_or_else(|| panic!("the report has no record"));
    aes128_gcm_open(
        key,
        &unhex(&rec.nonce),
        &unhex(&rec.ciphertext),
        &unhex(&rec.aad),
    )
    .ok()
}

#[test]
fn the_record_opens_with_the_session_keys() {
    for group in ["x25519", "secp256r1"] {
        let r = run(fixed(group));
        let r = ok(&r);
        let rec = r.record.as_ref().unwrap();
        assert_eq!(rec.sequence_number, 1);
        assert_eq!(rec.explicit_nonce, "0000000000000001");
        assert_eq!(
            rec.nonce,
            format!("{}{}", r.client_iv.as_ref().unwrap(), rec.explicit_nonce)
        );
        // seq_num ‖ type 23 ‖ version 0303 ‖ length 14
        assert_eq!(rec.aad, "0000000000000001170303000e");
        assert_eq!(rec.plaintext, to_hex(b"GET / HTTP/1.1"));
        assert_eq!(rec.opened, rec.plaintext);
        assert_eq!(
            rec.wire,
            format!(
                "170303{:04x}{}{}",
                8 + 14 + 16,
                rec.explicit_nonce,
                rec.ciphertext
            )
        );
        let client_key = bytes(&r.client_write_key);
        assert_eq!(
            open_record(r, &client_key),
            Some(b"GET / HTTP/1.1".to_vec())
        );
        assert_eq!(open_record(r, &bytes(&r.server_write_key)), None);
    }
}

/// What an attacker derives from a candidate pre-master secret and the recorded
/// randoms: the client_write_key and client_write_IV.
fn keys_from(pre_master: &[u8], r: &HandshakeReport) -> (Vec<u8>, Vec<u8>) {
    let (cr, sr) = (bytes(&r.client_random), bytes(&r.server_random));
    let master = tls12_prf(
        pre_master,
        b"master secret",
        &[cr.clone(), sr.clone()].concat(),
        48,
    )
    .unwrap_or_else(|e| panic!("master secret: {e}"));
    let block = tls12_prf(&master, b"key expansion", &[sr, cr].concat(), 40)
        .unwrap_or_else(|e| panic!("key block: {e}"));
    (block[..16].to_vec(), block[32..36].to_vec())
}

fn client_public(r: &HandshakeReport, group: NamedGroup) -> PublicKey {
    let kx = bytes(&r.client_key_exchange);
    public_key_from_wire(group, &kx[1..], "ClientKeyExchange")
        .unwrap_or_else(|e| panic!("recorded ClientKeyExchange: {e}"))
}

#[test]
fn forward_secrecy_the_leaked_identity_key_opens_nothing() {
    for (name, group) in [
        ("x25519", NamedGroup::X25519),
        ("secp256r1", NamedGroup::Secp256r1),
    ] {
        let r = run(with(fixed(name), json!({"leakIdentity": true})));
        let r = ok(&r);
        let leak = r.leak.as_ref().unwrap();
        assert!(!leak.decrypted, "{name}");
        assert_eq!(leak.plaintext, None);
        assert!(leak.explanation.starts_with("Forward secrecy."));
        assert!(leak.attacker_has.iter().all(|i| !i.name.contains("static")));
        assert!(leak.steps.iter().all(|s| s.side == Side::Attacker));

        // Independently: the identity key (or its bytes on the group's curve) with the
        // recorded ClientKeyExchange gives a pre-master secret that opens nothing.
        let identity = SecretKey::parse(&pem("server"), Some(Curve::P256)).unwrap();
        let candidate = match group {
            NamedGroup::Secp256r1 => identity,
            _ => SecretKey::from_bytes(Curve::X25519, identity.to_bytes().as_slice()).unwrap(),
        };
        let pms = candidate.diffie_hellman(&client_public(r, group)).unwrap();
        assert_ne!(Some(to_hex(pms.as_bytes())), r.pre_master_secret);
        let (key, iv) = keys_from(pms.as_bytes(), r);
        assert_ne!(iv, bytes(&r.client_iv));
        assert_eq!(open_record(r, &key), None);
    }
}

#[test]
fn static_ecdh_the_leak_opens_the_record() {
    for (name, group) in [
        ("x25519", NamedGroup::X25519),
        ("secp256r1", NamedGroup::Secp256r1),
    ] {
        let r = run(with(
            fixed(name),
            json!({"leakIdentity": true, "staticServerKey": true}),
        ));
        let r = ok(&r);
        assert!(r.static_server_key);
        let leak = r.leak.as_ref().unwrap();
        assert!(leak.decrypted, "{name}");
        assert_eq!(leak.plaintext.as_deref(), Some("GET / HTTP/1.1"));
        assert!(leak.explanation.starts_with("No forward secrecy."));
        let leaked = leak
            .attacker_has
            .iter()
            .find(|i| i.name.contains("static ECDH"))
            .unwrap();
        assert_eq!(leaked.value, "44".repeat(32));

        // Independently: the static key with the recorded ClientKeyExchange.
        let key = SecretKey::from_bytes(group.curve().unwrap(), &[0x44; 32]).unwrap();
        let pms = key.diffie_hellman(&client_public(r, group)).unwrap();
        assert_eq!(Some(to_hex(pms.as_bytes())), r.pre_master_secret);
        let (key, iv) = keys_from(pms.as_bytes(), r);
        assert_eq!(iv, bytes(&r.client_iv));
        assert_eq!(open_record(r, &key), Some(b"GET / HTTP/1.1".to_vec()));
    }
}

#[test]
fn static_mode_reuses_the_ecdh_key_across_connections() {
    let one = run(json!({"staticServerKey": true, "serverEphemeral": "44".repeat(32)}));
    let two = run(json!({"staticServerKey": true, "serverEphemeral": "44".repeat(32)}));
    assert_ne!(one.server_random, two.server_random);
    assert_eq!(ok(&one).server_ecdh_params, ok(&two).server_ecdh_params);
    let fresh = [run(json!({})), run(json!({}))];
    assert_ne!(fresh[0].server_ecdh_params, fresh[1].server_ecdh_params);
}

#[test]
fn fixed_options_reproduce_the_report_byte_for_byte() {
    for group in ["x25519", "secp256r1"] {
        for extra in [
            json!({}),
            json!({"leakIdentity": true}),
            json!({"staticServerKey": true, "leakIdentity": true}),
            json!({"mallory": "swap-key"}),
            json!({"mallory": "resign"}),
        ] {
            let options = with(fixed(group), extra);
            let a = serde_json::to_string(&run(options.clone())).unwrap();
            let b = serde_json::to_string(&run(options)).unwrap();
            assert_eq!(a, b);
        }
    }
    // And without fixed inputs, randoms and keys differ.
    assert_ne!(run(json!({})).client_random, run(json!({})).client_random);
}

#[test]
fn both_groups_and_the_server_preference() {
    for (server, client, chosen, cke_len) in [
        ("x25519", json!(["x25519", "secp256r1"]), "x25519", 33),
        ("secp256r1", json!(["x25519", "secp256r1"]), "secp256r1", 66),
        ("x25519", json!(["secp256r1"]), "secp256r1", 66),
        ("secp256r1", json!(["x448", "x25519"]), "x25519", 33),
        ("P-256", json!(["P-256"]), "secp256r1", 66),
    ] {
        let r = run(json!({"group": server, "clientGroups": client}));
        let r = ok(&r);
        assert_eq!(r.group.as_deref(), Some(chosen));
        assert_eq!(bytes(&r.client_key_exchange).len(), cke_len);
        assert_eq!(bytes(&r.pre_master_secret).len(), 32);
        assert_eq!(bytes(&r.master_secret).len(), 48);
        assert_eq!(r.record.as_ref().unwrap().opened, to_hex(b"ping"));
    }
}

#[test]
fn no_common_group_stops_with_handshake_failure() {
    let r = run(json!({"clientGroups": ["secp384r1", "x448"]}));
    assert_eq!(
        r.error.as_deref(),
        Some(
            "no common group: client offers [secp384r1, x448], server supports [x25519, secp256r1]"
        )
    );
    assert_eq!(r.group, None);
    assert!(!r.signature_valid);
    assert_eq!(r.steps.len(), 2);
    assert_eq!(r.steps[0].title, "ClientHello");
    assert_eq!(r.steps[1].side, Side::Server);
    assert_eq!(r.steps[1].bytes, "15030300020228");
    let r = run(json!({"group": "secp256r1", "clientGroups": ["secp521r1"]}));
    assert_eq!(
        r.error.as_deref(),
        Some("no common group: client offers [secp521r1], server supports [secp256r1, x25519]")
    );
}

#[test]
fn invalid_options_are_named() {
    let cases = [
        (
            json!({"clientRandom": "zz"}),
            "malformed clientRandom: 'z' is not a hex digit",
        ),
        (
            json!({"clientRandom": "00".repeat(31)}),
            "clientRandom: expected 32 bytes (64 hex digits), got 31",
        ),
        (
            json!({"serverRandom": "0".repeat(63)}),
            "malformed serverRandom: odd number of hex digits (63)",
        ),
        (
            json!({"clientEphemeral": "00".repeat(33)}),
            "clientEphemeral: expected 32 bytes (64 hex digits), got 33",
        ),
        (
            json!({"group": "p384"}),
            "malformed group: unknown group \"p384\": expected \"x25519\", \"secp256r1\", \
             \"X25519MLKEM768\", \"secp384r1\", \"secp521r1\" or \"x448\"",
        ),
        (
            json!({"group": "secp384r1"}),
            "malformed group: the server implements only \"x25519\" and \"secp256r1\", got \
             \"secp384r1\"",
        ),
        (
            json!({"clientGroups": []}),
            "malformed clientGroups: the client must offer at least one group",
        ),
        (
            json!({"clientGroups": ["x25519", "X25519"]}),
            "malformed clientGroups: \"x25519\" is listed twice",
        ),
        (
            json!({"clientGroups": ["ffdhe2048"]}),
            "malformed clientGroups: unknown group \"ffdhe2048\": expected \"x25519\", \
             \"secp256r1\", \"X25519MLKEM768\", \"secp384r1\", \"secp521r1\" or \"x448\"",
        ),
        (
            json!({"mallory": "eve"}),
            "malformed mallory: unknown attack \"eve\": expected \"none\", \"swap-key\" or \
             \"resign\"",
        ),
        (
            json!({"message": "x".repeat(16385)}),
            "message: expected at most 16384 bytes (2^14, the largest record plaintext), got \
             16385",
        ),
    ];
    for (options, expected) in cases {
        let r = run(options);
        assert_eq!(r.error.as_deref(), Some(expected));
        assert!(r.steps.is_empty());
        assert_eq!(r.client_random, None);
    }
    let r = run(
        json!({"serverIdentity": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"}),
    );
    assert_eq!(
        r.error.as_deref(),
        Some(
            "malformed serverIdentity: expected a private key, got a public key (\"BEGIN PUBLIC KEY\")"
        )
    );
    // An X25519 identity key cannot sign.
    let x = SecretKey::from_seed(Curve::X25519, b"x", "x").reveal(PrivateKeyFormat::Pem);
    let r = run(json!({"serverIdentity": x.as_str()}));
    assert_eq!(
        r.error.as_deref(),
        Some("malformed serverIdentity: expected a P-256 key, got an X25519 key")
    );
    // Unknown option names are rejected by the deserialiser, naming the field.
    let e = serde_json::from_value::<HandshakeOptions>(json!({"clientrandom": "00"}))
        .err()
        .unwrap();
    assert!(
        e.to_string().starts_with("unknown field `clientrandom`"),
        "{e}"
    );
}

#[test]
fn an_invalid_scalar_stops_the_handshake_where_it_is_used() {
    // Not less than the P-256 group order: only an error once secp256r1 is chosen.
    let options = json!({"group": "secp256r1", "serverEphemeral": "ff".repeat(32)});
    let r = run(options);
    assert_eq!(
        r.error.as_deref(),
        Some(
            "malformed serverEphemeral: as a P-256 private key: invalid private key: the \
             scalar must be between 1 and the group order minus 1"
        )
    );
    let titles: Vec<_> = r.steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["ClientHello", "ServerHello", "Certificate"]);
    // The same bytes are a fine X25519 key.
    ok(&run(
        json!({"group": "x25519", "serverEphemeral": "ff".repeat(32)}),
    ));
}

#[test]
fn a_failed_handshake_has_no_leak_exercise() {
    let r = run(json!({"mallory": "swap-key", "leakIdentity": true}));
    assert_eq!(r.error.as_deref(), Some(SWAPPED_KEY));
    assert_eq!(r.leak, None);
}

#[test]
fn ephemeral_secrets_are_consumed_zeroized_and_hidden() {
    fn zeroize_on_drop<T: ZeroizeOnDrop>() {}
    zeroize_on_drop::<EphemeralSecret>();
    let secret = EphemeralSecret::new(
        NamedGroup::X25519,
        KeySource::Given {
            option: "clientEphemeral",
            scalar: Zeroizing::new([0x42; 32]),
        },
    )
    .unwrap();
    let debug = format!("{secret:?}");
    assert_eq!(debug, "EphemeralSecret { curve: X25519, .. }");
    let peer = SecretKey::from_seed(Curve::X25519, b"peer", "peer").public_key();
    // `diffie_hellman` takes the secret by value: after this line it no longer exists
    // (a second use does not compile; see the compile_fail example on the type).
    let pms = secret.diffie_hellman(&peer).unwrap();
    assert_eq!(format!("{pms:?}"), "PreMasterSecret { .. }");
    // The transcript says so where it happens, on both sides.
    let r = run(fixed("x25519"));
    let erased = |side: Side| {
        r.steps.iter().any(|s| {
            s.side == side
                && s.title.ends_with("computes the pre-master secret")
                && s.explanation
                    .contains("consumed by the computation and zeroized")
        })
    };
    assert!(erased(Side::Client) && erased(Side::Server));
    // HandshakeOptions' Debug leaves the private keys out.
    let options: HandshakeOptions = serde_json::from_value(fixed("x25519")).unwrap();
    let debug = format!("{options:?}");
    assert!(!debug.contains(&"33".repeat(32)) && !debug.contains("PRIVATE KEY"));
}

#[test]
fn the_report_has_the_contracted_shape() {
    let r =
        serde_json::to_value(run(with(fixed("x25519"), json!({"leakIdentity": true})))).unwrap();
    let mut keys: Vec<_> = r.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    let mut expected = vec![
        "group",
        "cipherSuite",
        "clientRandom",
        "serverRandom",
        "clientHello",
        "serverHello",
        "serverKeyExchange",
        "serverEcdhParams",
        "signedData",
        "signature",
        "serverIdentityPublicKey",
        "certificate",
        "version",
        "signatureValid",
        "clientKeyExchange",
        "preMasterSecret",
        "masterSecret",
        "keyBlock",
        "clientWriteKey",
        "serverWriteKey",
        "clientIv",
        "serverIv",
        "record",
        "clientFinished",
        "serverFinished",
        "mallory",
        "staticServerKey",
        "steps",
        "leak",
        "resumed",
        "resumption",
        "session",
        "ticketKeyName",
        "resumptionLeak",
        "error",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    let mut record: Vec<_> = r["record"].as_object().unwrap().keys().cloned().collect();
    record.sort();
    assert_eq!(
        record,
        [
            "aad",
            "ciphertext",
            "explicitNonce",
            "nonce",
            "opened",
            "plaintext",
            "sequenceNumber",
            "wire"
        ]
    );
    let mut leak: Vec<_> = r["leak"].as_object().unwrap().keys().cloned().collect();
    leak.sort();
    assert_eq!(
        leak,
        [
            "attackerHas",
            "decrypted",
            "explanation",
            "plaintext",
            "steps"
        ]
    );
    assert!(
        r["serverIdentityPublicKey"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN PUBLIC KEY-----")
    );
    assert_eq!(r["error"], Value::Null);
    for step in r["steps"].as_array().unwrap() {
        let mut k: Vec<_> = step.as_object().unwrap().keys().cloned().collect();
        k.sort();
        assert_eq!(k, ["bytes", "explanation", "fields", "side", "title"]);
        assert!(["client", "server", "mallory"].contains(&step["side"].as_str().unwrap()));
    }
    // Every hex value is lowercase.
    for key in [
        "clientHello",
        "serverKeyExchange",
        "signature",
        "masterSecret",
    ] {
        let v = r[key].as_str().unwrap();
        assert!(
            v.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
    }
}

#[test]
fn annotated_fields_cover_every_byte_in_order() {
    for options in [
        fixed("x25519"),
        fixed("secp256r1"),
        with(fixed("secp256r1"), json!({"mallory": "resign"})),
    ] {
        let r = run(options);
        for step in &r.steps {
            if step.fields.is_empty() {
                continue;
            }
            let mut end = 0;
            for f in &step.fields {
                assert_eq!(f.start, end, "{}: {}", step.title, f.name);
                assert!(f.end > f.start, "{}: {}", step.title, f.name);
                end = f.end;
            }
            assert_eq!(end * 2, step.bytes.len(), "{}", step.title);
        }
    }
}

/// A client and a server state machine up to the client's Finished, driven directly.
fn drive_to_client_finished() -> ecdh_playground::Result<(
    ecdh_playground::tls12::server::ExpectClientKeyExchange,
    ecdh_playground::tls12::client::ClientFlight,
)> {
    use ecdh_playground::tls12::client::{self, ClientConfig};
    use ecdh_playground::tls12::server::{self, EcdhMode, ServerConfig};
    use ecdh_playground::tls12::transcript::Transcript;

    let identity = SigningKey::from_seed(b"tls12 tests", "server")?;
    let mut t = Transcript::default();
    let config = ClientConfig {
        groups: vec![NamedGroup::X25519],
        pinned_identity: Some(identity.public_key()),
        server_name: None,
        resume: None,
    };
    let (c, hello) = client::start(config, [1; 32], KeySource::Random, &mut t)?;
    let certificate = ecdh_playground::keys::cert::self_signed(&identity, &Default::default())?;
    let config = ServerConfig {
        identity,
        groups: vec![NamedGroup::X25519],
        ecdh: EcdhMode::Ephemeral,
        certificate,
        ticket_key: None,
        cache: Vec::new(),
    };
    let (s, flight) = server::start(config, [2; 32], KeySource::Random).handle(&hello, &mut t)?;
    let c = c.handle(&flight.server_hello, &mut t)?;
    let (c, _) = c.handle(&flight.certificate, &mut t)?;
    let c = c.handle(&flight.server_key_exchange, &mut t)?;
    let (_, client_flight) = c.handle(&flight.server_hello_done, &mut t)?;
    Ok((s, client_flight))
}

#[test]
fn the_state_machines_reject_tampering() {
    use ecdh_playground::tls12::transcript::Transcript;

    // RFC 8422 §5.11: an all-zero X25519 output is refused, with illegal_parameter.
    let (server, _) = drive_to_client_finished().unwrap();
    let mut t = Transcript::default();
    let zero = ClientKeyExchange {
        public: vec![0; 32],
    }
    .encode(NamedGroup::X25519)
    .unwrap();
    let e = server.handle(&zero.bytes, &mut t).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the X25519 shared secret is all zeros: the peer's public key is a low-order point"
    );
    assert_eq!(t.steps()[0].bytes, "1503030002022f");

    // A Finished record changed in transit does not open: bad_record_mac.
    let (server, flight) = drive_to_client_finished().unwrap();
    let mut t = Transcript::default();
    let server = server.handle(&flight.client_key_exchange, &mut t).unwrap();
    let mut record = flight.finished_record.clone();
    record[20] ^= 1;
    let e = server
        .handle(&flight.change_cipher_spec, &record, &mut t)
        .unwrap_err();
    assert_eq!(e.to_string(), "message authentication failed");
    assert_eq!(t.steps().last().unwrap().bytes, "15030300020214");

    // A ServerHello with a suite the client did not offer: illegal_parameter.
    use ecdh_playground::tls12::client::{self, ClientConfig};
    let config = ClientConfig {
        groups: vec![NamedGroup::X25519],
        pinned_identity: Some(SigningKey::from_seed(b"s", "s").unwrap().public_key()),
        server_name: None,
        resume: None,
    };
    let mut t = Transcript::default();
    let (c, _) = client::start(config, [1; 32], KeySource::Random, &mut t).unwrap();
    let hello = ServerHello {
        random: [2; 32],
        cipher_suite: 0xc02f,
        point_formats: vec![0],
        renegotiation_info: false,
        session_id: Vec::new(),
        session_ticket: false,
    }
    .encode()
    .unwrap();
    assert_eq!(
        c.handle(&hello.bytes, &mut t).unwrap_err().to_string(),
        "ServerHello: the server chose cipher suite 0xc02f, which the client did not offer"
    );
    assert_eq!(t.steps().last().unwrap().bytes, "1503030002022f");
}
