//! The TLS 1.3 client and server machines against each other, in memory: every suite and
//! group, HelloRetryRequest, any chunking of the byte stream, application data both
//! ways, the session ticket, pinning, and every byte of the server's flight tampered
//! with.
#![cfg(feature = "tls13")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ecdh_playground::SigningKey;
use ecdh_playground::keys::cert::{self, CertificateRequest};
use ecdh_playground::tls12::messages::NamedGroup;
use ecdh_playground::tls13::client::ClientConfig;
use ecdh_playground::tls13::server::ServerConfig;
use ecdh_playground::tls13::{CipherSuite, Client, Server};

fn identity() -> (SigningKey, Vec<u8>) {
    let key = SigningKey::from_seed(b"tls13 machines", "server").unwrap();
    let der = cert::self_signed(&key, &CertificateRequest::default()).unwrap();
    (key, der)
}

fn client_config(
    groups: &[NamedGroup],
    suites: &[CipherSuite],
    pin: Option<Vec<u8>>,
) -> ClientConfig {
    ClientConfig {
        groups: groups.to_vec(),
        suites: suites.to_vec(),
        server_name: Some("localhost".into()),
        pinned_certificate: pin,
        random: [1; 32],
        ephemeral: None,
        record_received: false,
        resume: None,
        psk_mode: ecdh_playground::tls13::session::PskMode::PskDheKe,
    }
}

fn server(groups: &[NamedGroup], suites: &[CipherSuite]) -> Server {
    let (identity, certificate) = identity();
    Server::new(
        ServerConfig {
            groups: groups.to_vec(),
            suites: suites.to_vec(),
            certificate,
            identity,
            random: [2; 32],
            ephemeral: None,
            send_ticket: true,
            ticket_key: ecdh_playground::tls13::session::TicketKey::derive(b"test"),
            allow_psk_ke: true,
        },
        false,
    )
}

/// Runs the handshake, delivering bytes in chunks of `chunk`.
fn run(client: &mut Client, server: &mut Server, chunk: usize) -> Result<(), String> {
    let mut to_server = client.start().map_err(|e| e.message)?;
    for _ in 0..6 {
        let mut to_client = Vec::new();
        for c in to_server.chunks(chunk.max(1)) {
            to_client.extend(server.receive(c).map_err(|e| format!("server: {e}"))?);
        }
        to_server = Vec::new();
        for c in to_client.chunks(chunk.max(1)) {
            to_server.extend(client.receive(c).map_err(|e| format!("client: {e}"))?);
        }
        if client.handshake_done() && server.handshake_done() && to_server.is_empty() {
            return Ok(());
        }
    }
    Err("the handshake did not finish".into())
}

#[test]
fn every_suite_and_group_completes_and_carries_data_both_ways() {
    for suite in CipherSuite::ALL {
        for group in NamedGroup::IMPLEMENTED {
            let mut c = Client::new(client_config(&[group], &[suite], Some(identity().1)));
            let mut s = server(&[group], &[suite]);
            run(&mut c, &mut s, 1 << 20).unwrap();
            let report = c.report();
            assert_eq!(report.cipher_suite, Some(suite.name()));
            assert_eq!(report.group, Some(group.name()));
            assert!(!report.hello_retry_request);
            assert_eq!(report.secrets, s.report().secrets);
            let wire = c.send(b"GET / HTTP/1.0\r\n\r\n").unwrap();
            s.receive(&wire).unwrap();
            assert_eq!(s.take_received(), b"GET / HTTP/1.0\r\n\r\n");
            let wire = s.send(b"hello").unwrap();
            c.receive(&wire).unwrap();
            assert_eq!(c.take_received(), b"hello");
            assert_eq!(c.report().tickets, 1);
            assert!(c.session().is_some());
        }
    }
}

#[test]
fn a_wrong_guess_costs_a_hello_retry_request() {
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519, NamedGroup::Secp256r1],
        &CipherSuite::ALL,
        None,
    ));
    let mut s = server(
        &[NamedGroup::Secp256r1, NamedGroup::X25519],
        &CipherSuite::ALL,
    );
    run(&mut c, &mut s, 7).unwrap();
    assert!(c.report().hello_retry_request);
    assert!(s.report().hello_retry_request);
    assert_eq!(c.report().group, Some("secp256r1"));
    assert!(c.report().trust.unwrap().contains("accepts any"));
}

#[test]
fn a_certificate_other_than_the_pinned_one_is_refused() {
    let other = SigningKey::from_seed(b"someone else", "server").unwrap();
    let pin = cert::self_signed(&other, &CertificateRequest::default()).unwrap();
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        Some(pin),
    ));
    let mut s = server(&[NamedGroup::X25519], &CipherSuite::ALL);
    let e = run(&mut c, &mut s, 1000).unwrap_err();
    assert!(
        e.contains("pinned key") && e.contains("bad_certificate"),
        "{e}"
    );
}

#[test]
fn every_byte_of_the_server_flight_is_protected() {
    let fixed = || ClientConfig {
        ephemeral: Some(zeroize::Zeroizing::new([3; 32])),
        ..client_config(&[NamedGroup::X25519], &CipherSuite::ALL, None)
    };
    let hello = Client::new(fixed()).start().unwrap();
    let flight = server(&[NamedGroup::X25519], &CipherSuite::ALL)
        .receive(&hello)
        .unwrap();
    for i in 0..flight.len() {
        // RFC 8446 §5.1: legacy_record_version of a plaintext record is ignored (ServerHello's
        // record header is not part of the transcript); every other byte is checked.
        if i == 1 || i == 2 {
            continue;
        }
        let mut c = Client::new(fixed());
        assert_eq!(c.start().unwrap(), hello);
        let mut tampered = flight.clone();
        tampered[i] ^= 0x01;
        let result = c.receive(&tampered);
        match result {
            Err(e) => {
                assert!(
                    !e.alert.is_empty(),
                    "byte {i}: no alert record for {}",
                    e.message
                );
            }
            // A flipped length bit can make a record look incomplete: the client waits.
            Ok(out) => assert!(
                out.is_empty() && !c.handshake_done(),
                "byte {i} changed and the handshake went on"
            ),
        }
    }
}

#[cfg(feature = "mlkem")]
#[test]
fn the_hybrid_x25519mlkem768_as_browsers_offer_it() {
    use ecdh_playground::tls12::messages::NamedGroup as G;
    // A browser's order: the hybrid first (with its share), then x25519.
    let mut c = Client::new(client_config(
        &[G::X25519MlKem768, G::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let mut s = server(&[G::X25519MlKem768, G::X25519], &CipherSuite::ALL);
    run(&mut c, &mut s, 1000).unwrap();
    let r = c.report();
    assert_eq!(r.group, Some("X25519MLKEM768"));
    assert!(!r.hello_retry_request);
    assert_eq!(
        r.secrets.shared_secret.as_ref().unwrap().len(),
        128,
        "64 bytes: ML-KEM ‖ X25519"
    );
    assert_eq!(r.secrets, s.report().secrets);
    // A client that guessed x25519 is asked again by a server that prefers the hybrid.
    let mut c = Client::new(client_config(
        &[G::X25519, G::X25519MlKem768],
        &CipherSuite::ALL,
        None,
    ));
    let mut s = server(&[G::X25519MlKem768, G::X25519], &CipherSuite::ALL);
    run(&mut c, &mut s, 1000).unwrap();
    assert!(c.report().hello_retry_request);
    assert_eq!(c.report().group, Some("X25519MLKEM768"));
    // A server that does not do the hybrid picks x25519 from the same client.
    let mut c = Client::new(client_config(
        &[G::X25519MlKem768, G::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let mut s = server(&[G::X25519], &CipherSuite::ALL);
    run(&mut c, &mut s, 1000).unwrap();
    assert!(
        c.report().hello_retry_request,
        "the client sent only the hybrid share"
    );
    assert_eq!(c.report().group, Some("x25519"));
}

#[test]
fn close_notify_ends_the_connection_in_order_not_as_an_error() {
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let mut s = server(&[NamedGroup::X25519], &CipherSuite::ALL);
    run(&mut c, &mut s, 1000).unwrap();
    let data = s.send(b"last words").unwrap();
    let bye = s.close();
    let e = c.receive(&[data, bye].concat()).unwrap_err();
    assert!(e.message.contains("close_notify"), "{}", e.message);
    assert!(e.alert.is_empty(), "nothing to send back");
    assert_eq!(
        c.take_received(),
        b"last words",
        "what came before it is kept"
    );
    let report = c.report();
    assert_eq!(report.error, None, "an orderly close is not an error");
    assert!(
        report
            .steps
            .iter()
            .any(|st| st.title.starts_with("close_notify"))
    );
}

/// The server's first flight and the client that sent the hello it answers.
fn first_flight() -> (Client, Vec<u8>) {
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let hello = c.start().unwrap();
    let flight = server(&[NamedGroup::X25519], &CipherSuite::ALL)
        .receive(&hello)
        .unwrap();
    (c, flight)
}

#[test]
fn change_cipher_spec_only_where_rfc_8446_allows_it() {
    const CCS: [u8; 6] = [20, 3, 3, 0, 1, 1];
    // Before the server's flight: allowed (middlebox compatibility), and ignored.
    let (mut c, flight) = first_flight();
    c.receive(&[&CCS[..], &flight].concat()).unwrap();
    assert!(c.handshake_done() || c.report().error.is_none());
    // Inside a handshake message: ServerHello split over two records with CCS between.
    let (mut c, flight) = first_flight();
    let len = usize::from(u16::from_be_bytes([flight[3], flight[4]]));
    let (body, rest) = (&flight[5..5 + len], &flight[5 + len..]);
    let record = |b: &[u8]| {
        [
            &[22u8, 3, 3][..],
            &u16::try_from(b.len()).unwrap().to_be_bytes(),
            b,
        ]
        .concat()
    };
    let split = [
        record(&body[..10]),
        CCS.to_vec(),
        record(&body[10..]),
        rest.to_vec(),
    ]
    .concat();
    let e = c.receive(&split).unwrap_err();
    assert!(
        e.message
            .contains("change_cipher_spec record where none may come"),
        "{}",
        e.message
    );
    // After the handshake.
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let mut s = server(&[NamedGroup::X25519], &CipherSuite::ALL);
    run(&mut c, &mut s, 1000).unwrap();
    let e = s.receive(&CCS).unwrap_err();
    assert!(e.message.contains("change_cipher_spec"), "{}", e.message);
}

#[test]
fn a_client_refusing_server_hello_alerts_in_clear_and_the_server_reads_it() {
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let mut s = server(&[NamedGroup::X25519], &CipherSuite::ALL);
    let mut flight = s.receive(&c.start().unwrap()).unwrap();
    // ServerHello's cipher_suite (after the record and message headers, the version, the
    // random and the empty session ID): one the client did not offer.
    flight[44] = 0x13;
    flight[45] = 0x03;
    let refused = c.receive(&flight).unwrap_err();
    assert!(
        refused.message.contains("did not offer"),
        "{}",
        refused.message
    );
    assert_eq!(
        refused.alert,
        [21, 3, 3, 0, 2, 2, 47],
        "illegal_parameter, in clear: no keys yet"
    );
    let heard = s.receive(&refused.alert).unwrap_err();
    assert!(
        heard
            .message
            .contains("the peer sent a fatal alert illegal_parameter"),
        "{}",
        heard.message
    );
}

#[test]
fn a_handshake_message_too_long_to_buffer_is_refused() {
    let mut s = server(&[NamedGroup::X25519], &CipherSuite::ALL);
    let e = s
        .receive(&[22, 3, 3, 0, 4, 1, 0xff, 0xff, 0xff])
        .unwrap_err();
    assert!(e.message.contains("at most 65536"), "{}", e.message);
}

#[test]
fn a_cookie_only_hello_retry_request_is_answered_with_the_cookie_and_the_same_share() {
    use ecdh_playground::tls13::messages::{
        ClientHello, HELLO_RETRY_REQUEST_RANDOM, ServerHello, TLS13,
    };
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let first = c.start().unwrap();
    let hrr = ServerHello {
        random: HELLO_RETRY_REQUEST_RANDOM,
        cipher_suite: 0x1301,
        version: TLS13,
        cookie: Some(vec![7; 20]),
        ..ServerHello::default()
    }
    .encode()
    .unwrap()
    .bytes;
    let record = [
        &[22u8, 3, 3][..],
        &u16::try_from(hrr.len()).unwrap().to_be_bytes(),
        &hrr,
    ]
    .concat();
    let second = c.receive(&record).unwrap();
    let (a, b) = (
        ClientHello::parse(&first[5..]).unwrap(),
        ClientHello::parse(&second[5..]).unwrap(),
    );
    assert_eq!(b.cookie, Some(vec![7; 20]));
    assert_eq!(
        a.key_shares, b.key_shares,
        "the same share: the server asked only for its cookie"
    );
    assert!(c.report().hello_retry_request);
    // A retry that changes nothing is refused.
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        None,
    ));
    c.start().unwrap();
    let empty = ServerHello {
        random: HELLO_RETRY_REQUEST_RANDOM,
        cipher_suite: 0x1301,
        version: TLS13,
        ..ServerHello::default()
    }
    .encode()
    .unwrap()
    .bytes;
    let record = [
        &[22u8, 3, 3][..],
        &u16::try_from(empty.len()).unwrap().to_be_bytes(),
        &empty,
    ]
    .concat();
    let e = c.receive(&record).unwrap_err();
    assert!(e.message.contains("would change nothing"), "{}", e.message);
}

#[test]
fn a_legacy_session_id_over_32_bytes_is_refused() {
    use ecdh_playground::tls13::messages::ClientHello;
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let hello = c.start().unwrap();
    let mut parsed = ClientHello::parse(&hello[5..]).unwrap();
    parsed.session_id = vec![1; 33];
    let bytes = parsed.encode().unwrap().bytes;
    let record = [
        &[22u8, 3, 3][..],
        &u16::try_from(bytes.len()).unwrap().to_be_bytes(),
        &bytes,
    ]
    .concat();
    let e = server(&[NamedGroup::X25519], &CipherSuite::ALL)
        .receive(&record)
        .unwrap_err();
    assert!(e.message.contains("at most 32"), "{}", e.message);
}

/// A handshake message of `msg_type` with `body`, in a record whose first three bytes
/// (type and legacy version) are `header`'s.
fn framed(header: &[u8], msg_type: u8, body: &[u8]) -> Vec<u8> {
    let length = u32::try_from(body.len()).unwrap().to_be_bytes();
    let handshake = [&[msg_type][..], &length[1..], body].concat();
    [
        &header[..3],
        &u16::try_from(handshake.len()).unwrap().to_be_bytes(),
        &handshake,
    ]
    .concat()
}

/// The client's first ClientHello record with its compression methods and extensions
/// rewritten, every length field recomputed.
fn rewritten_hello(compression: &[u8], edit: impl FnOnce(&mut Vec<(u16, Vec<u8>)>)) -> Vec<u8> {
    let mut c = Client::new(client_config(
        &[NamedGroup::X25519],
        &CipherSuite::ALL,
        None,
    ));
    let record = c.start().unwrap();
    let body = &record[9..];
    let mut at = 2 + 32;
    at += 1 + usize::from(body[at]);
    at += 2 + usize::from(u16::from_be_bytes([body[at], body[at + 1]]));
    let head = &body[..at];
    at += 1 + usize::from(body[at]);
    let mut list = &body[at + 2..];
    let mut exts = Vec::new();
    while !list.is_empty() {
        let t = u16::from_be_bytes([list[0], list[1]]);
        let n = usize::from(u16::from_be_bytes([list[2], list[3]]));
        exts.push((t, list[4..4 + n].to_vec()));
        list = &list[4 + n..];
    }
    edit(&mut exts);
    let ext_bytes: Vec<u8> = exts
        .iter()
        .flat_map(|(t, d)| {
            [
                &t.to_be_bytes()[..],
                &u16::try_from(d.len()).unwrap().to_be_bytes(),
                d,
            ]
            .concat()
        })
        .collect();
    let body = [
        head,
        &[u8::try_from(compression.len()).unwrap()],
        compression,
        &u16::try_from(ext_bytes.len()).unwrap().to_be_bytes(),
        &ext_bytes,
    ]
    .concat();
    framed(&record, 1, &body)
}

/// A pre_shared_key extension with `identities` identities and `binders` binders.
fn psk_extension(identities: usize, binders: usize) -> (u16, Vec<u8>) {
    let identity = [&[0u8, 4][..], b"tick", &[0, 0, 0, 0]].concat();
    let ids: Vec<u8> = (0..identities).flat_map(|_| identity.clone()).collect();
    let binder = [&[32u8][..], &[7; 32]].concat();
    let bs: Vec<u8> = (0..binders).flat_map(|_| binder.clone()).collect();
    let data = [
        &u16::try_from(ids.len()).unwrap().to_be_bytes()[..],
        &ids,
        &u16::try_from(bs.len()).unwrap().to_be_bytes(),
        &bs,
    ]
    .concat();
    (41, data)
}

#[test]
fn a_client_hello_breaking_an_illegal_parameter_rule_gets_that_alert_not_decode_error() {
    const ILLEGAL_PARAMETER: [u8; 7] = [21, 3, 3, 0, 2, 2, 47];
    let unchanged = rewritten_hello(&[0], |_| {});
    let mut s = server(&[NamedGroup::X25519], &CipherSuite::ALL);
    s.receive(&unchanged)
        .expect("the rewriting alone changes nothing");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        // RFC 8446 §4.1.2: legacy_compression_methods other than the one byte 0.
        ("legacy_compression_methods", rewritten_hello(&[1], |_| {})),
        // §4.2: the same extension twice.
        (
            "supported_versions (43) appears twice",
            rewritten_hello(&[0], |e| {
                let v = e.iter().find(|(t, _)| *t == 43).unwrap().clone();
                e.insert(0, v);
            }),
        ),
        // §4.2.8: two key shares for one group.
        (
            "two key shares for",
            rewritten_hello(&[0], |e| {
                let (_, data) = e.iter_mut().find(|(t, _)| *t == 51).unwrap();
                let entries = data[2..].to_vec();
                *data = [
                    &u16::try_from(2 * entries.len()).unwrap().to_be_bytes()[..],
                    &entries,
                    &entries,
                ]
                .concat();
            }),
        ),
        // §4.2.11: pre_shared_key anywhere but last.
        (
            "pre_shared_key is not the last extension",
            rewritten_hello(&[0], |e| e.insert(0, psk_extension(1, 1))),
        ),
        // §4.2.11: one binder for each identity.
        (
            "1 identities and 0 binders",
            rewritten_hello(&[0], |e| e.push(psk_extension(1, 0))),
        ),
    ];
    for (rule, hello) in cases {
        let mut s = server(&[NamedGroup::X25519], &CipherSuite::ALL);
        let e = s.receive(&hello).unwrap_err();
        assert!(e.message.contains(rule), "{rule}: {}", e.message);
        assert!(
            e.message.contains("illegal_parameter"),
            "{rule}: {}",
            e.message
        );
        assert_eq!(e.alert, ILLEGAL_PARAMETER, "{rule}: {}", e.message);
    }
    // A hello that is short is still decode_error.
    let mut short = unchanged.clone();
    short.truncate(unchanged.len() - 1);
    let n = short.len();
    short[3..5].copy_from_slice(&u16::try_from(n - 5).unwrap().to_be_bytes());
    short[6..9].copy_from_slice(&u32::try_from(n - 9).unwrap().to_be_bytes()[1..]);
    let e = server(&[NamedGroup::X25519], &CipherSuite::ALL)
        .receive(&short)
        .unwrap_err();
    assert_eq!(e.alert, [21, 3, 3, 0, 2, 2, 50], "{}", e.message);
}

/// The server's first flight with `extension` added to ServerHello's extensions, every
/// length recomputed (the client stops at ServerHello, so the rest may stay as it is).
fn server_hello_with(extension: (u16, Vec<u8>)) -> (Client, Vec<u8>) {
    let (c, flight) = first_flight();
    let record_len = usize::from(u16::from_be_bytes([flight[3], flight[4]]));
    let (record, rest) = flight.split_at(5 + record_len);
    let body = &record[9..];
    let mut at = 2 + 32;
    at += 1 + usize::from(body[at]);
    at += 2 + 1;
    let exts_len = usize::from(u16::from_be_bytes([body[at], body[at + 1]]));
    let (t, d) = extension;
    let added = [
        &t.to_be_bytes()[..],
        &u16::try_from(d.len()).unwrap().to_be_bytes(),
        &d,
    ]
    .concat();
    let body = [
        &body[..at],
        &u16::try_from(exts_len + added.len()).unwrap().to_be_bytes(),
        &body[at + 2..],
        &added,
    ]
    .concat();
    let flight = [framed(record, 2, &body), rest.to_vec()].concat();
    (c, flight)
}

#[test]
fn a_server_hello_answering_what_the_client_did_not_ask_is_refused() {
    // The flight as sent is accepted.
    let (mut c, flight) = first_flight();
    c.receive(&flight)
        .expect("the flight unchanged is accepted");
    let cases = [
        // RFC 8446 §4.2: no answer to an extension the client did not send...
        (
            (16, vec![0, 3, 2, b'h', b'2']),
            "application_layer_protocol_negotiation (16) in ServerHello, which the client did not ask for",
            110,
        ),
        // ...the cookie only in a HelloRetryRequest...
        (
            (44, vec![0, 1, 9]),
            "cookie (44) in ServerHello, which the client did not ask for",
            110,
        ),
        // ...and one it sent, in a message it is not defined for.
        (
            (0, vec![]),
            "server_name (0) does not belong in ServerHello",
            47,
        ),
    ];
    for (extension, words, alert) in cases {
        let (mut c, flight) = server_hello_with(extension);
        let e = c.receive(&flight).unwrap_err();
        assert!(e.message.contains(words), "{}", e.message);
        assert_eq!(e.alert, [21, 3, 3, 0, 2, 2, alert], "{}", e.message);
    }
}
