//! Session resumption in the model: TLS 1.3 PSK resumption (RFC 8446 §2.2, §4.2.11)
//! with psk_dhe_ke and psk_ke, through `tls13Handshake` and the sans-IO machines; an
//! unknown ticket falls back to a full handshake; a tampered binder stops the handshake
//! with decrypt_error; a session from one issuer is refused by the other.
#![cfg(feature = "tls13")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use ecdh_playground::SigningKey;
use ecdh_playground::keys::PrivateKeyFormat;
use ecdh_playground::tls12::HandshakeOptions;
use ecdh_playground::tls13::handshake::{Tls13Report, handshake};
use ecdh_playground::tls13::options::{self, MachineOptions};
use ecdh_playground::tls13::{Client, Server};

fn identity(seed: &str) -> String {
    SigningKey::from_seed(b"resumption", seed)
        .unwrap()
        .reveal_private_key(PrivateKeyFormat::Pem)
        .to_string()
}

fn fixed13() -> HandshakeOptions {
    let mut o = HandshakeOptions::default();
    o.client_random = Some("01".repeat(32));
    o.server_random = Some("02".repeat(32));
    o.client_ephemeral = Some("03".repeat(32));
    o.server_ephemeral = Some("04".repeat(32));
    o.server_identity = Some(identity("server"));
    o
}

fn resumed13(first: &Tls13Report, mode: Option<&str>) -> Tls13Report {
    let mut o = fixed13();
    o.client_random = Some("05".repeat(32));
    o.server_random = Some("06".repeat(32));
    o.client_ephemeral = Some("07".repeat(32));
    o.server_ephemeral = Some("08".repeat(32));
    o.resume.clone_from(&first.session);
    o.psk_mode = mode.map(str::to_owned);
    handshake(&o)
}

fn titles(r: &Tls13Report) -> Vec<&str> {
    r.steps.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn tls13_full_handshake_gives_a_session_with_a_sealed_ticket() {
    let first = handshake(&fixed13());
    assert_eq!(first.error, None);
    assert!(!first.resumed);
    let s = first.session.clone().expect("a session");
    assert_eq!(s.version, "1.3");
    assert_eq!(s.issuer, "tls13Handshake");
    assert_eq!(s.ticket_nonce.as_deref(), Some("00"));
    assert_eq!(s.psk.as_ref().unwrap().len(), 64);
    // key_name ‖ iv ‖ length ‖ state ‖ tag, and key_name is the server's.
    let ticket = s.ticket.as_ref().unwrap();
    assert!(ticket.starts_with(first.ticket_key_name.as_ref().unwrap()));
    assert!(titles(&first).contains(&"Server seals the session ticket"));
    assert_eq!(first, handshake(&fixed13()), "reproducible");
}

#[test]
fn tls13_resumes_with_psk_dhe_ke() {
    let first = handshake(&fixed13());
    let r = resumed13(&first, None);
    assert_eq!(r.error, None, "{:?}", r.steps.last());
    assert!(r.resumed);
    assert_eq!(r.resumption, Some("psk_dhe_ke"));
    assert_eq!(r.opened.as_deref(), Some("ping"));
    assert_eq!(r.group, Some("x25519"));
    assert!(r.secrets.shared_secret.is_some());
    assert!(r.certificate.is_none(), "no Certificate in a resumption");
    let t = titles(&r);
    assert!(t.contains(&"Client computes the PSK binder"));
    assert!(t.contains(&"Server opens the ticket and checks the binder"));
    assert!(!t.contains(&"Certificate"));
    assert!(!t.contains(&"CertificateVerify"));
    assert_eq!(r.secrets.psk, first.session.as_ref().unwrap().psk);
    assert!(r.secrets.binder_key.is_some() && r.secrets.client_early_traffic_secret.is_some());
    assert!(
        r.session.is_some(),
        "a resumed connection issues a new ticket"
    );
    // The new ticket resumes too.
    let again = resumed13(&r, None);
    assert!(again.resumed, "{:?}", again.error);
}

#[test]
fn tls13_resumes_with_psk_ke_without_a_key_exchange() {
    let first = handshake(&fixed13());
    let r = resumed13(&first, Some("psk_ke"));
    assert_eq!(r.error, None, "{:?}", r.steps.last());
    assert!(r.resumed);
    assert_eq!(r.resumption, Some("psk_ke"));
    assert_eq!(r.group, None);
    assert_eq!(r.secrets.shared_secret, None);
    assert_eq!(r.opened.as_deref(), Some("ping"));
}

#[test]
fn tls13_psk_resumption_after_a_hello_retry_request() {
    let first = handshake(&fixed13());
    let mut o = fixed13();
    o.resume.clone_from(&first.session);
    o.groups = Some(vec!["secp256r1".into(), "x25519".into()]);
    o.client_ephemeral = None;
    o.server_ephemeral = None;
    let r = handshake(&o);
    assert_eq!(r.error, None, "{:?}", r.steps.last());
    assert!(r.hello_retry_request);
    assert!(r.resumed);
}

#[test]
fn tls13_unknown_ticket_falls_back_to_a_full_handshake() {
    let first = handshake(&fixed13());
    // Another server identity: another derived ticket key.
    let mut o = fixed13();
    o.resume.clone_from(&first.session);
    o.server_identity = Some(identity("another server"));
    let r = handshake(&o);
    assert_eq!(r.error, None, "{:?}", r.steps.last());
    assert!(!r.resumed);
    assert!(r.certificate.is_some());
    assert!(titles(&r).contains(&"Server ignores the ticket: full handshake"));
    assert!(titles(&r).contains(&"The server did not accept the ticket: full handshake"));
    // An explicit ticket key of another value: the same.
    let mut o = fixed13();
    o.resume.clone_from(&first.session);
    o.ticket_key = Some("11".repeat(32));
    assert!(!handshake(&o).resumed);
    // The same explicit key on both runs resumes.
    let mut a = fixed13();
    a.ticket_key = Some("22".repeat(32));
    let first = handshake(&a);
    a.resume.clone_from(&first.session);
    a.server_identity = Some(identity("another server"));
    assert!(handshake(&a).resumed);
}

#[test]
fn tls13_a_changed_ticket_is_ignored_and_a_changed_binder_is_decrypt_error() {
    let first = handshake(&fixed13());
    let mut session = first.session.clone().unwrap();
    let mut ticket = session.ticket.clone().unwrap();
    let last = ticket.pop().unwrap();
    ticket.push(if last == '0' { '1' } else { '0' });
    session.ticket = Some(ticket);
    let mut o = fixed13();
    o.resume = Some(session);
    let r = handshake(&o);
    assert_eq!(r.error, None);
    assert!(!r.resumed);
    assert!(
        r.steps
            .iter()
            .any(|s| s.explanation.contains("MAC does not check"))
    );

    // A binder computed with another PSK: the server opens the ticket, the binder fails.
    let mut session = first.session.clone().unwrap();
    session.psk = Some("ab".repeat(32));
    let mut o = fixed13();
    o.resume = Some(session);
    let r = handshake(&o);
    assert!(!r.resumed);
    let e = r.error.unwrap();
    assert!(e.contains("binder does not verify"), "{e}");
    assert_eq!(r.alert.as_deref(), Some("decrypt_error"));
}

#[test]
fn sessions_resume_only_with_their_issuer() {
    let first = handshake(&fixed13());
    let mut session = first.session.clone().unwrap();
    session.issuer = "TlsClient".into();
    let mut o = fixed13();
    o.resume = Some(session);
    let e = handshake(&o).error.unwrap();
    assert!(
        e.contains("came from a TlsClient talking to a real server"),
        "{e}"
    );

    let machine = MachineOptions {
        resume: first.session.clone(),
        ..MachineOptions::default()
    };
    let e = options::client_config(&machine, true)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("tls13Handshake's in-memory server"), "{e}");
}

/// The machines: a client resumes with the TlsServer that issued the ticket (the same
/// ticket key), in both modes.
#[test]
fn tls13_machines_resume_in_both_modes() {
    let server_options = MachineOptions {
        ticket_key: Some(zeroize::Zeroizing::new("33".repeat(32))),
        ..MachineOptions::default()
    };
    let run = |client: &mut Client| {
        let mut server = Server::new(options::server_config(&server_options).unwrap(), true);
        let mut to_server = client.start().unwrap();
        for _ in 0..4 {
            let to_client = server.receive(&to_server).unwrap();
            to_server = client.receive(&to_client).unwrap();
        }
        assert!(client.handshake_done() && server.handshake_done());
        let wire = client.send(b"hello").unwrap();
        server.receive(&wire).unwrap();
        assert_eq!(server.take_received(), b"hello");
        (client.report(), server.report())
    };
    let mut first = Client::new(options::client_config(&MachineOptions::default(), true).unwrap());
    let (c, _) = run(&mut first);
    assert!(!c.resumed);
    let session = first.session().unwrap().to_report("TlsClient");
    for mode in ["psk_dhe_ke", "psk_ke"] {
        let o = MachineOptions {
            resume: Some(session.clone()),
            psk_mode: Some(mode.into()),
            ..MachineOptions::default()
        };
        let mut client = Client::new(options::client_config(&o, true).unwrap());
        let (c, s) = run(&mut client);
        assert!(c.resumed && s.resumed, "{mode}: {:?}", c.error);
        assert_eq!(c.resumption, Some(mode));
        assert_eq!(s.resumption, Some(mode));
        assert_eq!(c.secrets.master_secret, s.secrets.master_secret);
    }
}

// ---------------------------------------------------------------------------------------
// TLS 1.2: session tickets (RFC 5077) and session IDs (RFC 5246 §7.3).

use ecdh_playground::tls12::HandshakeReport;

fn fixed12() -> HandshakeOptions {
    let mut o = HandshakeOptions::default();
    o.session_tickets = Some(true);
    o.client_random = Some("01".repeat(32));
    o.server_random = Some("02".repeat(32));
    o.client_ephemeral = Some("03".repeat(32));
    o.server_ephemeral = Some("04".repeat(32));
    o.server_identity = Some(identity("server"));
    o
}

fn resumed12(
    first: &HandshakeReport,
    change: impl FnOnce(&mut HandshakeOptions),
) -> HandshakeReport {
    let mut o = fixed12();
    o.client_random = Some("05".repeat(32));
    o.server_random = Some("06".repeat(32));
    o.resume.clone_from(&first.session);
    change(&mut o);
    ecdh_playground::tls12::handshake(o)
}

fn titles12(r: &HandshakeReport) -> Vec<&str> {
    r.steps.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn tls12_ticket_resumption_reuses_the_master_secret() {
    let first = ecdh_playground::tls12::handshake(fixed12());
    assert_eq!(first.error, None);
    let s = first.session.clone().unwrap();
    assert_eq!(
        (s.version.as_str(), s.issuer.as_str()),
        ("1.2", "tls12Handshake")
    );
    assert_eq!(s.master_secret, first.master_secret);
    assert!(
        s.ticket
            .as_ref()
            .unwrap()
            .starts_with(first.ticket_key_name.as_ref().unwrap())
    );
    assert!(titles12(&first).contains(&"NewSessionTicket"));
    let r = resumed12(&first, |_| {});
    assert_eq!(r.error, None, "{:?}", r.steps.last());
    assert!(r.resumed);
    assert_eq!(r.resumption, Some("ticket"));
    assert_eq!(r.master_secret, first.master_secret);
    assert_ne!(r.key_block, first.key_block, "new randoms, new key block");
    assert_eq!(r.pre_master_secret, None);
    assert_eq!(r.server_key_exchange, None);
    let hex = r.record.as_ref().unwrap().opened.clone();
    assert_eq!(hex, "70696e67");
    let t = titles12(&r);
    assert!(t.contains(&"Server opens the ticket"));
    assert!(!t.contains(&"ServerKeyExchange"));
    // The session resumed is handed on.
    assert_eq!(
        r.session.as_ref().unwrap().master_secret,
        first.master_secret
    );
}

#[test]
fn tls12_session_id_resumption() {
    let first = ecdh_playground::tls12::handshake({
        let mut o = fixed12();
        o.session_tickets = None; // session IDs by default
        o
    });
    let s = first.session.clone().unwrap();
    assert_eq!(s.ticket, None);
    assert_eq!(s.session_id.as_ref().unwrap().len(), 64);
    let r = resumed12(&first, |o| o.session_tickets = None);
    assert_eq!(r.error, None, "{:?}", r.steps.last());
    assert!(r.resumed);
    assert_eq!(r.resumption, Some("session_id"));
    assert_eq!(r.master_secret, first.master_secret);
}

#[test]
fn tls12_a_ticket_under_another_key_is_a_full_handshake() {
    let first = ecdh_playground::tls12::handshake(fixed12());
    let r = resumed12(&first, |o| o.ticket_key = Some("44".repeat(32)));
    assert_eq!(r.error, None);
    assert!(!r.resumed);
    assert!(r.server_key_exchange.is_some());
    assert!(titles12(&r).contains(&"Server ignores the ticket: full handshake"));
    assert!(titles12(&r).contains(&"The server did not resume: full handshake"));
    // A client whose master secret is not the one in the ticket: the server's Finished
    // does not check.
    let mut f = first.clone();
    f.session.as_mut().unwrap().master_secret = Some("ab".repeat(48));
    let r = resumed12(&f, |_| {});
    let e = r.error.unwrap();
    assert!(e.contains("message authentication failed"), "{e}");
    // pskMode belongs to TLS 1.3.
    let r = resumed12(&first, |o| o.psk_mode = Some("psk_ke".into()));
    assert!(r.error.unwrap().contains("pskMode"));
}

#[test]
fn tls12_machines_resume_by_ticket() {
    use ecdh_playground::tls13::options::{client12, server12};
    let server_options = MachineOptions {
        version: Some("1.2".into()),
        ticket_key: Some(zeroize::Zeroizing::new("55".repeat(32))),
        ..MachineOptions::default()
    };
    let run = |client: &mut ecdh_playground::tls12::endpoint::Client| {
        let mut server = server12(&server_options).unwrap();
        let mut to_server = client.start().unwrap();
        for _ in 0..3 {
            let to_client = server.receive(&to_server).unwrap();
            to_server = client.receive(&to_client).unwrap();
        }
        if !to_server.is_empty() {
            server.receive(&to_server).unwrap();
        }
        assert!(client.handshake_done() && server.handshake_done());
        let wire = client.send(b"hello").unwrap();
        server.receive(&wire).unwrap();
        assert_eq!(server.take_received(), b"hello");
        (client.report(), server.report())
    };
    let twelve = MachineOptions {
        version: Some("1.2".into()),
        ..MachineOptions::default()
    };
    let mut first = client12(&twelve).unwrap();
    let (c, s) = run(&mut first);
    assert!(!c.resumed && !s.resumed);
    assert_eq!((c.tickets, s.tickets), (1, 1));
    let session = first.session("TlsClient").unwrap();
    let o = MachineOptions {
        version: Some("1.2".into()),
        resume: Some(session.clone()),
        ..MachineOptions::default()
    };
    let mut client = client12(&o).unwrap();
    let (c, s) = run(&mut client);
    assert!(c.resumed && s.resumed, "{:?} {:?}", c.error, s.error);
    assert_eq!(c.resumption, Some("ticket"));
    assert_eq!(c.secrets.master_secret, session.master_secret);
    // Another server (another ticket key): a full handshake.
    let mut client = client12(&o).unwrap();
    let mut server = server12(&twelve).unwrap();
    let to_client = server.receive(&client.start().unwrap()).unwrap();
    client.receive(&to_client).unwrap();
    assert!(!client.report().resumed);
}

// ---------------------------------------------------------------------------------------
// The lesson: a leaked ticket key, tried on every recorded connection.

fn verdicts(leak: &ecdh_playground::tls12::leak::ResumptionLeak) -> Vec<(&str, bool)> {
    leak.verdicts
        .iter()
        .map(|v| (v.connection.as_str(), v.decrypted))
        .collect()
}

#[test]
fn tls12_a_leaked_ticket_key_opens_the_full_handshake_and_the_resumption() {
    let mut o = fixed12();
    o.leak_ticket_key = Some(true);
    o.message = Some("secret".into());
    let r = ecdh_playground::tls12::handshake(o.clone());
    assert_eq!(r.error, None);
    let leak = r.resumption_leak.as_ref().unwrap();
    assert_eq!(
        verdicts(leak),
        [
            ("the full handshake (ECDHE)", true),
            ("the resumed connection (ticket)", true)
        ]
    );
    assert!(
        leak.verdicts
            .iter()
            .all(|v| v.plaintext.as_deref() == Some("secret"))
    );
    assert_eq!(r, ecdh_playground::tls12::handshake(o), "reproducible");
    // With a random identity, both runs still share the ticket key; leakTicketKey asks
    // for tickets by itself.
    let mut o = HandshakeOptions::default();
    o.leak_ticket_key = Some(true);
    let r = ecdh_playground::tls12::handshake(o);
    assert!(
        r.resumption_leak
            .unwrap()
            .verdicts
            .iter()
            .all(|v| v.decrypted)
    );
    // Session IDs give no ticket to leak: said.
    let mut o = fixed12();
    o.leak_ticket_key = Some(true);
    o.session_tickets = Some(false);
    assert!(
        ecdh_playground::tls12::handshake(o)
            .error
            .unwrap()
            .contains("no ticket")
    );
}

#[test]
fn tls13_a_leaked_ticket_key_opens_psk_ke_and_0rtt_only() {
    let mut o = fixed13();
    o.leak_ticket_key = Some(true);
    let r = handshake(&o);
    assert_eq!(r.error, None);
    let leak = r.resumption_leak.as_ref().unwrap();
    assert_eq!(
        verdicts(leak),
        [
            ("the full handshake (ECDHE)", false),
            ("the resumed connection, psk_dhe_ke", false),
            ("0-RTT data, psk_dhe_ke", true),
            ("the resumed connection, psk_ke", true),
            ("0-RTT data, psk_ke", true),
        ]
    );
    let opened: Vec<_> = leak
        .verdicts
        .iter()
        .filter_map(|v| v.plaintext.as_deref())
        .collect();
    assert_eq!(opened, ["0-RTT: ping", "ping", "0-RTT: ping"]);
    assert_eq!(r, handshake(&o), "reproducible");
    let mut o = HandshakeOptions::default();
    o.leak_ticket_key = Some(true);
    assert!(handshake(&o).resumption_leak.is_some());
}

#[test]
fn tls13_a_leaked_ticket_key_after_a_hello_retry_request() {
    // The server wants P-256, the client guesses x25519: the full handshake starts with a
    // HelloRetryRequest, and the exercise reads its recording (both rounds of hellos).
    let mut o = fixed13();
    o.leak_ticket_key = Some(true);
    o.group = Some("secp256r1".into());
    o.client_groups = Some(vec!["x25519".into(), "secp256r1".into()]);
    let r = handshake(&o);
    assert_eq!(r.error, None);
    assert!(r.hello_retry_request);
    assert_eq!(
        verdicts(r.resumption_leak.as_ref().unwrap()),
        [
            ("the full handshake (ECDHE)", false),
            ("the resumed connection, psk_dhe_ke", false),
            ("0-RTT data, psk_dhe_ke", true),
            ("the resumed connection, psk_ke", true),
            ("0-RTT data, psk_ke", true),
        ]
    );
}
