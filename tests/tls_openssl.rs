//! The model's TLS machines against OpenSSL over 127.0.0.1: the model's client fetches a
//! page from `openssl s_server -www`, and the model's server echoes a line to
//! `openssl s_client`, for both TLS 1.3 suites, both groups and a HelloRetryRequest in
//! each direction. OpenSSL also verifies the certificate the crate made. A failure prints
//! the alert and what OpenSSL said.
//!
//! Needs the `openssl` command (installed by `make test`); run with
//! `cargo test --features interop --test tls_openssl`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ecdh_playground::SigningKey;
use ecdh_playground::keys::PrivateKeyFormat;
use ecdh_playground::keys::cert::{self, CertificateRequest};
use ecdh_playground::tls12::messages::NamedGroup;
use ecdh_playground::tls13::client::ClientConfig;
use ecdh_playground::tls13::server::ServerConfig;
use ecdh_playground::tls13::{CipherSuite, Client, Server};

const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone)]
struct Identity {
    dir: PathBuf,
    der: Vec<u8>,
}

/// The server's key and certificate, written once for the whole test binary (the tests
/// run in parallel, and OpenSSL must never read a file half written).
fn identity() -> Identity {
    static ONCE: std::sync::OnceLock<Identity> = std::sync::OnceLock::new();
    ONCE.get_or_init(write_identity).clone()
}

fn write_identity() -> Identity {
    let key = SigningKey::from_seed(b"openssl interop", "server").unwrap();
    let der = cert::self_signed(&key, &CertificateRequest::default()).unwrap();
    let dir = std::env::temp_dir().join(format!("ecdh-playground-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("cert.pem"), cert::to_pem(&der)).unwrap();
    std::fs::write(
        dir.join("key.pem"),
        key.reveal_private_key(PrivateKeyFormat::Pem).as_bytes(),
    )
    .unwrap();
    Identity { dir, der }
}

fn server_key() -> SigningKey {
    SigningKey::from_seed(b"openssl interop", "server").unwrap()
}

/// Collects a child's output in the background, for error messages.
fn collect(stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    collect_joined(stream).0
}

/// The same, with the reader's handle: join it after the child exits to have all of
/// what it wrote (the reader may not have read the last of it yet).
fn collect_joined(
    stream: impl Read + Send + 'static,
) -> (Arc<Mutex<String>>, std::thread::JoinHandle<()>) {
    let out = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&out);
    let handle = std::thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            sink.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
    (out, handle)
}

struct OpenSsl {
    child: Child,
    output: Arc<Mutex<String>>,
}

impl OpenSsl {
    fn said(&self) -> String {
        std::thread::sleep(Duration::from_millis(200));
        self.output.lock().unwrap().clone()
    }
}

impl Drop for OpenSsl {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `openssl s_server -www` on port 0; returns it and the port it printed.
fn s_server(id: &Identity, args: &[&str]) -> (OpenSsl, u16) {
    s_server_n(id, 1, args)
}

/// `openssl s_server -www` on port 0 for `connections` connections.
fn s_server_n(id: &Identity, connections: u32, args: &[&str]) -> (OpenSsl, u16) {
    let mut child = Command::new("openssl")
        .args(["s_server", "-accept", "127.0.0.1:0", "-www", "-naccept"])
        .arg(connections.to_string())
        .arg("-cert")
        .arg(id.dir.join("cert.pem"))
        .arg("-key")
        .arg(id.dir.join("key.pem"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("openssl s_server (is openssl installed? make test installs it)");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    let mut line = String::new();
    let port = loop {
        line.clear();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "s_server exited: {}",
            stderr.lock().unwrap()
        );
        if let Some(rest) = line.trim().strip_prefix("ACCEPT ") {
            break rest.rsplit(':').next().unwrap().parse::<u16>().unwrap();
        }
    };
    let output = collect(stdout.into_inner());
    let output = {
        // s_server writes its errors to stdout and stderr; keep both.
        let both = Arc::new(Mutex::new(String::new()));
        let (a, b, sink) = (output, stderr, Arc::clone(&both));
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(50));
                let text = format!("{}{}", a.lock().unwrap(), b.lock().unwrap());
                *sink.lock().unwrap() = text;
            }
        });
        both
    };
    (OpenSsl { child, output }, port)
}

fn client_config(groups: &[NamedGroup], suites: &[CipherSuite], pin: Vec<u8>) -> ClientConfig {
    ClientConfig {
        groups: groups.to_vec(),
        suites: suites.to_vec(),
        server_name: Some("localhost".into()),
        pinned_certificate: Some(pin),
        random: rand32(),
        ephemeral: None,
        record_received: true,
        resume: None,
        psk_mode: ecdh_playground::tls13::session::PskMode::PskDheKe,
    }
}

fn rand32() -> [u8; 32] {
    let mut r = [0u8; 32];
    getrandom::fill(&mut r).unwrap();
    r
}

/// Runs the model's client against `openssl s_server -www` and returns the page.
fn fetch(
    config: ClientConfig,
    server_args: &[&str],
) -> (String, ecdh_playground::tls13::session::ConnectionReport) {
    let id = identity();
    let (openssl, port) = s_server(&id, server_args);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    let mut client = Client::new(config);
    stream.write_all(&client.start().unwrap()).unwrap();
    let mut buf = vec![0u8; 1 << 16];
    let mut sent_request = false;
    let mut page = Vec::new();
    loop {
        if client.handshake_done() && !sent_request {
            let request = client.send(b"GET / HTTP/1.0\r\n\r\n").unwrap();
            stream.write_all(&request).unwrap();
            sent_request = true;
        }
        let n = match stream.read(&mut buf) {
            Ok(n) => n,
            Err(e) => panic!(
                "reading from s_server: {e}; OpenSSL said:\n{}",
                openssl.said()
            ),
        };
        if n == 0 {
            break;
        }
        match client.receive(&buf[..n]) {
            Ok(out) => stream.write_all(&out).unwrap(),
            Err(f) if f.message.contains("close_notify") => break,
            Err(f) => {
                let _ = stream.write_all(&f.alert);
                panic!(
                    "the model's client failed: {}\nOpenSSL said:\n{}",
                    f.message,
                    openssl.said()
                );
            }
        }
        page.extend(client.take_received());
    }
    page.extend(client.take_received());
    assert!(
        client.handshake_done(),
        "no handshake; OpenSSL said:\n{}",
        openssl.said()
    );
    (String::from_utf8_lossy(&page).into_owned(), client.report())
}

#[test]
fn the_client_fetches_a_page_from_openssl_with_each_suite_and_group() {
    let pin = identity().der;
    for suite in CipherSuite::ALL {
        for (group, openssl_group) in [
            (NamedGroup::X25519, "X25519"),
            (NamedGroup::Secp256r1, "P-256"),
        ] {
            let (page, report) = fetch(
                client_config(&[group], &[suite], pin.clone()),
                &[
                    "-tls1_3",
                    "-ciphersuites",
                    suite.name(),
                    "-groups",
                    openssl_group,
                ],
            );
            assert!(
                page.starts_with("HTTP/1.0 200 ok"),
                "{suite:?} {group:?}: {page}"
            );
            assert!(
                page.contains("TLSv1.3") && page.contains(suite.name()),
                "{page}"
            );
            assert_eq!(report.cipher_suite, Some(suite.name()));
            assert_eq!(report.group, Some(group.name()));
            assert!(!report.hello_retry_request);
            assert!(report.tickets >= 1, "OpenSSL sends session tickets");
            assert!(report.certificate.unwrap().pinned);
        }
    }
}

#[test]
fn openssl_asks_again_when_the_client_guesses_the_wrong_group() {
    let pin = identity().der;
    let (page, report) = fetch(
        client_config(
            &[NamedGroup::X25519, NamedGroup::Secp256r1],
            &CipherSuite::ALL,
            pin,
        ),
        &["-tls1_3", "-groups", "P-256"],
    );
    assert!(page.starts_with("HTTP/1.0 200 ok"), "{page}");
    assert!(report.hello_retry_request);
    assert_eq!(report.group, Some("secp256r1"));
}

#[test]
fn a_server_with_another_key_is_refused_with_bad_certificate() {
    let other = SigningKey::from_seed(b"not the server", "server").unwrap();
    let pin = cert::self_signed(&other, &CertificateRequest::default()).unwrap();
    let id = identity();
    let (openssl, port) = s_server(&id, &["-tls1_3"]);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    let mut client = Client::new(client_config(&[NamedGroup::X25519], &CipherSuite::ALL, pin));
    stream.write_all(&client.start().unwrap()).unwrap();
    let mut buf = vec![0u8; 1 << 16];
    let failure = loop {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "s_server closed first: {}", openssl.said());
        match client.receive(&buf[..n]) {
            Ok(out) => stream.write_all(&out).unwrap(),
            Err(f) => break f,
        }
    };
    assert!(
        failure.message.contains("bad_certificate"),
        "{}",
        failure.message
    );
    stream.write_all(&failure.alert).unwrap();
    drop(stream);
    let said = openssl.said();
    assert!(
        said.contains("bad certificate"),
        "OpenSSL should name the alert: {said}"
    );
}

/// Runs `openssl s_client` against the model's server, which echoes one line; returns
/// what s_client printed and the server's report.
fn echo(
    server_config: ServerConfig,
    client_args: &[&str],
) -> (String, ecdh_playground::tls13::session::ConnectionReport) {
    let id = identity();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut child = Command::new("openssl")
        .args([
            "s_client",
            "-connect",
            &format!("127.0.0.1:{port}"),
            "-quiet",
        ])
        .args([
            "-servername",
            "localhost",
            "-verify_return_error",
            "-CAfile",
        ])
        .arg(id.dir.join("cert.pem"))
        .args(client_args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("openssl s_client");
    let (stdout, out_reader) = collect_joined(child.stdout.take().unwrap());
    let (stderr, err_reader) = collect_joined(child.stderr.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"hello from openssl\n").unwrap();
    let mut stream = accept(&listener, &stderr);
    let mut server = Server::new(server_config, true);
    let mut buf = vec![0u8; 1 << 16];
    let mut line = Vec::new();
    while !line.ends_with(b"\n") {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "s_client closed: {}", stderr.lock().unwrap());
        match server.receive(&buf[..n]) {
            Ok(out) => stream.write_all(&out).unwrap(),
            Err(f) => {
                let _ = stream.write_all(&f.alert);
                std::thread::sleep(Duration::from_millis(300));
                panic!(
                    "the model's server failed: {}\nOpenSSL said:\n{}",
                    f.message,
                    stderr.lock().unwrap()
                );
            }
        }
        line.extend(server.take_received());
    }
    let mut reply = b"echo: ".to_vec();
    reply.extend_from_slice(&line);
    stream.write_all(&server.send(&reply).unwrap()).unwrap();
    stream.write_all(&server.close()).unwrap();
    drop(stream);
    drop(stdin);
    let status = child.wait().unwrap();
    out_reader.join().unwrap();
    err_reader.join().unwrap();
    let said = format!("{}{}", stdout.lock().unwrap(), stderr.lock().unwrap());
    assert!(
        status.success() || said.contains("echo:"),
        "s_client: {said}"
    );
    (said, server.report())
}

/// The connection from s_client, or a failure with what s_client said if it never comes.
fn accept(listener: &TcpListener, said: &Arc<Mutex<String>>) -> TcpStream {
    listener.set_nonblocking(true).unwrap();
    let start = std::time::Instant::now();
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).unwrap();
                stream.set_read_timeout(Some(TIMEOUT)).unwrap();
                return stream;
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && start.elapsed() < TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!("s_client never connected ({e}): {}", said.lock().unwrap()),
        }
    }
}

fn server_config(groups: &[NamedGroup], suites: &[CipherSuite]) -> ServerConfig {
    ServerConfig {
        groups: groups.to_vec(),
        suites: suites.to_vec(),
        certificate: identity().der,
        identity: server_key(),
        random: rand32(),
        ephemeral: None,
        send_ticket: true,
        ticket_key: ecdh_playground::tls13::session::TicketKey::derive(b"test"),
        allow_psk_ke: true,
    }
}

#[test]
fn the_server_echoes_a_line_to_openssl_with_each_suite_and_group() {
    for suite in CipherSuite::ALL {
        for (group, openssl_group) in [
            (NamedGroup::X25519, "X25519"),
            (NamedGroup::Secp256r1, "P-256"),
        ] {
            let (said, report) = echo(
                server_config(&[group], &[suite]),
                &[
                    "-tls1_3",
                    "-ciphersuites",
                    suite.name(),
                    "-groups",
                    openssl_group,
                ],
            );
            assert!(said.contains("echo: hello from openssl"), "{said}");
            assert!(
                !said.contains("verify error"),
                "OpenSSL verified the certificate: {said}"
            );
            assert_eq!(report.cipher_suite, Some(suite.name()));
            assert_eq!(report.group, Some(group.name()));
            assert!(report.handshake_done);
        }
    }
}

#[test]
fn the_server_asks_openssl_again_for_its_preferred_group() {
    let (said, report) = echo(
        server_config(
            &[NamedGroup::Secp256r1, NamedGroup::X25519],
            &CipherSuite::ALL,
        ),
        &["-tls1_3", "-groups", "X25519:P-256"],
    );
    assert!(said.contains("echo: hello from openssl"), "{said}");
    assert!(report.hello_retry_request);
    assert_eq!(report.group, Some("secp256r1"));
}

/* ---------- TLS 1.2 ---------- */

use ecdh_playground::tls12::client::ClientConfig as Client12Config;
use ecdh_playground::tls12::endpoint::{Client as Client12, Server as Server12};
use ecdh_playground::tls12::secrets::KeySource;
use ecdh_playground::tls12::server::{EcdhMode, ServerConfig as Server12Config};

/// In TLS 1.2 supported_groups also names the curves the client accepts for ECDSA
/// (RFC 8422 §5.1.1): OpenSSL refuses a P-256 certificate to a client that offers only
/// x25519, so the client offers both, the wanted group first.
fn client12(group: NamedGroup) -> Client12 {
    let mut groups = vec![group];
    groups.extend(NamedGroup::IMPLEMENTED.into_iter().filter(|g| *g != group));
    Client12::new(
        Client12Config {
            groups,
            pinned_identity: Some(server_key().public_key()),
            server_name: Some("localhost".into()),
            resume: None,
        },
        rand32(),
        KeySource::Random,
    )
}

fn server12(groups: &[NamedGroup]) -> Server12 {
    Server12::new(
        Server12Config {
            identity: server_key(),
            groups: groups.to_vec(),
            ecdh: EcdhMode::Ephemeral,
            certificate: identity().der,
            ticket_key: None,
            cache: Vec::new(),
        },
        rand32(),
        KeySource::Random,
    )
}

#[test]
fn the_tls12_client_fetches_a_page_from_openssl_with_each_group() {
    for (group, openssl_group) in [
        (NamedGroup::X25519, "X25519"),
        (NamedGroup::Secp256r1, "P-256"),
    ] {
        let id = identity();
        let (openssl, port) = s_server(
            &id,
            &[
                "-tls1_2",
                "-cipher",
                "ECDHE-ECDSA-AES128-GCM-SHA256",
                "-groups",
                openssl_group,
            ],
        );
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        let mut client = client12(group);
        stream.write_all(&client.start().unwrap()).unwrap();
        let mut buf = vec![0u8; 1 << 16];
        let mut page = Vec::new();
        let mut requested = false;
        loop {
            if client.handshake_done() && !requested {
                stream
                    .write_all(&client.send(b"GET / HTTP/1.0\r\n\r\n").unwrap())
                    .unwrap();
                requested = true;
            }
            let n = stream.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            match client.receive(&buf[..n]) {
                Ok(out) => stream.write_all(&out).unwrap(),
                Err(f) if f.message.contains("close_notify") => break,
                Err(f) => panic!(
                    "{group:?}: {}\nOpenSSL said:\n{}",
                    f.message,
                    openssl.said()
                ),
            }
            page.extend(client.take_received());
        }
        page.extend(client.take_received());
        let page = String::from_utf8_lossy(&page);
        assert!(page.starts_with("HTTP/1.0 200 ok"), "{group:?}: {page}");
        assert!(
            page.contains("TLSv1.2") && page.contains("ECDHE-ECDSA-AES128-GCM-SHA256"),
            "{page}"
        );
        let report = client.report();
        assert_eq!(report.version, "1.2");
        assert_eq!(report.group, Some(group.name()));
        assert!(report.certificate.unwrap().pinned);
    }
}

#[test]
fn the_tls12_server_echoes_a_line_to_openssl_with_each_group() {
    for (group, openssl_group) in [
        (NamedGroup::X25519, "X25519"),
        (NamedGroup::Secp256r1, "P-256"),
    ] {
        // Both curves, as the client must (see client12); the server picks its group.
        let groups = if openssl_group == "X25519" {
            "X25519:P-256"
        } else {
            "P-256:X25519"
        };
        let (said, report) = echo12(server12(&[group]), &["-groups", groups]);
        assert!(
            said.contains("echo: hello over tls 1.2"),
            "{group:?}: {said}"
        );
        assert_eq!(report.group, Some(group.name()));
    }
}

/// Runs `openssl s_client -tls1_2` against the model's TLS 1.2 server, which echoes one
/// line; returns what s_client printed and the server's report.
fn echo12(
    mut server: Server12,
    client_args: &[&str],
) -> (String, ecdh_playground::tls12::report::ConnectionReport) {
    let id = identity();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut child = Command::new("openssl")
        .args([
            "s_client",
            "-connect",
            &format!("127.0.0.1:{port}"),
            "-quiet",
            "-tls1_2",
        ])
        .args(client_args)
        .args(["-servername", "localhost"])
        .args(["-verify_return_error", "-CAfile"])
        .arg(id.dir.join("cert.pem"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (stdout, out_reader) = collect_joined(child.stdout.take().unwrap());
    let (stderr, err_reader) = collect_joined(child.stderr.take().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"hello over tls 1.2\n").unwrap();
    let mut stream = accept(&listener, &stderr);
    let mut buf = vec![0u8; 1 << 16];
    let mut line = Vec::new();
    while !line.ends_with(b"\n") {
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "s_client closed: {}", stderr.lock().unwrap());
        match server.receive(&buf[..n]) {
            Ok(out) => stream.write_all(&out).unwrap(),
            Err(f) => {
                let _ = stream.write_all(&f.alert);
                std::thread::sleep(Duration::from_millis(300));
                panic!("{}\nOpenSSL said:\n{}", f.message, stderr.lock().unwrap());
            }
        }
        line.extend(server.take_received());
    }
    let mut reply = b"echo: ".to_vec();
    reply.extend_from_slice(&line);
    stream.write_all(&server.send(&reply).unwrap()).unwrap();
    stream.write_all(&server.close()).unwrap();
    drop(stream);
    drop(stdin);
    let _ = child.wait();
    out_reader.join().unwrap();
    err_reader.join().unwrap();
    let said = format!("{}{}", stdout.lock().unwrap(), stderr.lock().unwrap());
    (said, server.report())
}

#[test]
fn the_tls12_server_resumes_an_openssl_s_client_session_by_ticket() {
    let file = identity().dir.join("session12.pem");
    let file = file.to_str().unwrap();
    let server = || {
        Server12::new(
            Server12Config {
                identity: server_key(),
                groups: vec![NamedGroup::X25519],
                ecdh: EcdhMode::Ephemeral,
                certificate: identity().der,
                ticket_key: Some(ecdh_playground::tls12::ticket::TicketKey::derive(b"twelve")),
                cache: Vec::new(),
            },
            rand32(),
            KeySource::Random,
        )
    };
    let (said, first) = echo12(server(), &["-groups", "X25519:P-256", "-sess_out", file]);
    assert!(said.contains("echo: hello over tls 1.2"), "{said}");
    assert!(!first.resumed);
    assert_eq!(first.tickets, 1);
    let (said, again) = echo12(server(), &["-groups", "X25519:P-256", "-sess_in", file]);
    assert!(said.contains("echo: hello over tls 1.2"), "{said}");
    assert!(again.resumed, "{said}");
    assert_eq!(again.resumption, Some("ticket"));
}

// ---------------------------------------------------------------------------------------
// Session resumption: the model's client resumes with the s_server that issued the
// ticket (or the session ID); the -www page says "Reused".

/// What the test needs of a client of either version.
trait Conn {
    fn start(&mut self) -> Vec<u8>;
    fn receive(&mut self, bytes: &[u8]) -> Result<Vec<u8>, String>;
    fn send(&mut self, bytes: &[u8]) -> Vec<u8>;
    fn take_received(&mut self) -> Vec<u8>;
    fn handshake_done(&self) -> bool;
}

macro_rules! conn {
    ($t:ty) => {
        impl Conn for $t {
            fn start(&mut self) -> Vec<u8> {
                <$t>::start(self).unwrap()
            }
            fn receive(&mut self, bytes: &[u8]) -> Result<Vec<u8>, String> {
                <$t>::receive(self, bytes).map_err(|f| f.message)
            }
            fn send(&mut self, bytes: &[u8]) -> Vec<u8> {
                <$t>::send(self, bytes).unwrap()
            }
            fn take_received(&mut self) -> Vec<u8> {
                <$t>::take_received(self)
            }
            fn handshake_done(&self) -> bool {
                <$t>::handshake_done(self)
            }
        }
    };
}
conn!(Client);
conn!(Client12);

/// One GET over a new connection to `port`: the page.
fn get(port: u16, client: &mut impl Conn, openssl: &OpenSsl) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.write_all(&client.start()).unwrap();
    let mut buf = vec![0u8; 1 << 16];
    let mut page = Vec::new();
    let mut requested = false;
    loop {
        if client.handshake_done() && !requested {
            stream
                .write_all(&client.send(b"GET / HTTP/1.0\r\n\r\n"))
                .unwrap();
            requested = true;
        }
        let n = match stream.read(&mut buf) {
            Ok(n) => n,
            Err(e) => panic!("reading: {e}; OpenSSL said:\n{}", openssl.said()),
        };
        if n == 0 {
            break;
        }
        match client.receive(&buf[..n]) {
            Ok(out) => stream.write_all(&out).unwrap(),
            Err(m) if m.contains("close_notify") => break,
            Err(m) => panic!(
                "the model's client failed: {m}\nOpenSSL said:\n{}",
                openssl.said()
            ),
        }
        page.extend(client.take_received());
    }
    page.extend(client.take_received());
    String::from_utf8_lossy(&page).into_owned()
}

fn resume13(
    mode: &str,
    server_args: &[&str],
) -> (
    String,
    String,
    ecdh_playground::tls13::session::ConnectionReport,
) {
    use ecdh_playground::tls13::session::{PskMode, Session, issuer};
    let id = identity();
    let (openssl, port) = s_server_n(&id, 2, server_args);
    let config = || client_config(&[NamedGroup::X25519], &CipherSuite::ALL, id.der.clone());
    let mut first = Client::new(config());
    let page1 = get(port, &mut first, &openssl);
    let session = first
        .session()
        .unwrap_or_else(|| panic!("no ticket; OpenSSL said:\n{}", openssl.said()))
        .to_report(issuer::MACHINE);
    let mut second = Client::new(ClientConfig {
        resume: Some(Session::from_report(&session, issuer::MACHINE).unwrap()),
        psk_mode: PskMode::from_name(mode).unwrap(),
        ..config()
    });
    let page2 = get(port, &mut second, &openssl);
    (page1, page2, second.report())
}

#[test]
fn the_client_resumes_a_tls13_session_with_openssl_psk_dhe_ke() {
    let (page1, page2, report) = resume13("psk_dhe_ke", &["-tls1_3"]);
    assert!(page1.contains("New, TLSv1.3"), "{page1}");
    assert!(page2.contains("Reused, TLSv1.3"), "{page2}");
    assert!(report.resumed);
    assert_eq!(report.resumption, Some("psk_dhe_ke"));
    assert_eq!(report.group, Some("x25519"));
    assert!(report.certificate.is_none());
}

#[test]
fn the_client_resumes_a_tls13_session_with_openssl_psk_ke() {
    // OpenSSL resumes without (EC)DHE only when told to.
    let (_, page2, report) = resume13("psk_ke", &["-tls1_3", "-allow_no_dhe_kex"]);
    assert!(page2.contains("Reused, TLSv1.3"), "{page2}");
    assert!(report.resumed);
    assert_eq!(report.resumption, Some("psk_ke"));
    assert_eq!(report.group, None);
    assert_eq!(report.secrets.shared_secret, None);
    // Without -allow_no_dhe_kex, a psk_ke-only offer gets a full handshake.
    let (_, page2, report) = resume13("psk_ke", &["-tls1_3"]);
    assert!(page2.contains("New, TLSv1.3"), "{page2}");
    assert!(!report.resumed);
    assert!(report.certificate.is_some());
}

fn resume12(
    server_args: &[&str],
) -> (
    String,
    String,
    ecdh_playground::tls12::report::ConnectionReport,
) {
    use ecdh_playground::tls12::session::{Session12, issuer};
    let id = identity();
    let mut args = vec!["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"];
    args.extend_from_slice(server_args);
    let (openssl, port) = s_server_n(&id, 2, &args);
    let mut first = client12(NamedGroup::X25519);
    let page1 = get(port, &mut first, &openssl);
    let session = first
        .session(issuer::MACHINE)
        .unwrap_or_else(|| panic!("no session; OpenSSL said:\n{}", openssl.said()));
    let mut groups = vec![NamedGroup::X25519, NamedGroup::Secp256r1];
    groups.dedup();
    let mut second = Client12::new(
        Client12Config {
            groups,
            pinned_identity: Some(server_key().public_key()),
            server_name: Some("localhost".into()),
            resume: Some(Session12::from_report(&session, issuer::MACHINE).unwrap()),
        },
        rand32(),
        KeySource::Random,
    );
    let page2 = get(port, &mut second, &openssl);
    (page1, page2, second.report())
}

#[test]
fn the_tls12_client_resumes_with_openssl_by_ticket() {
    let (page1, page2, report) = resume12(&[]);
    assert!(page1.contains("New, TLSv1.2"), "{page1}");
    assert!(page2.contains("Reused, TLSv1.2"), "{page2}");
    assert!(report.resumed);
    assert_eq!(report.resumption, Some("ticket"));
}

#[test]
fn the_tls12_client_resumes_with_openssl_by_session_id() {
    let (page1, page2, report) = resume12(&["-no_ticket"]);
    assert!(page1.contains("New, TLSv1.2"), "{page1}");
    assert!(page2.contains("Reused, TLSv1.2"), "{page2}");
    assert!(report.resumed);
    assert_eq!(report.resumption, Some("session_id"));
}

#[test]
fn the_server_resumes_an_openssl_s_client_session() {
    // s_client keeps the ticket in a file (-sess_out) and offers it again (-sess_in);
    // both model servers have the same ticket key, as servers behind one name do.
    let file = identity().dir.join("session13.pem");
    let file = file.to_str().unwrap();
    let config = || server_config(&[NamedGroup::X25519], &CipherSuite::ALL);
    let (said, first) = echo(config(), &["-tls1_3", "-sess_out", file]);
    assert!(said.contains("echo: hello from openssl"), "{said}");
    assert!(!first.resumed);
    assert_eq!(first.tickets, 1);
    let (said, again) = echo(config(), &["-tls1_3", "-sess_in", file]);
    assert!(said.contains("echo: hello from openssl"), "{said}");
    assert!(
        again.resumed,
        "{:?}",
        again.steps.iter().map(|s| &s.title).collect::<Vec<_>>()
    );
    assert_eq!(again.resumption, Some("psk_dhe_ke"));
    assert!(
        again
            .steps
            .iter()
            .any(|s| s.title == "Server opens the ticket and checks the binder")
    );
}
