//! `leakTicketKey` for TLS 1.3: after a full handshake the client resumes twice from its
//! ticket, once with psk_dhe_ke and once with psk_ke, and each time could have sent
//! 0-RTT data (sealed here with the client's early key, as a client would). An attacker
//! records everything; later the server's ticket key leaks. The attacker opens the
//! ticket in each resumed ClientHello (it travels in clear in pre_shared_key), takes the
//! PSK out, and tries it on every recorded connection:
//!
//! - psk_ke: the key schedule's (EC)DHE input is zeros, so the PSK and the recorded
//!   hellos give every key: the connection opens.
//! - psk_dhe_ke: a fresh (EC)DHE secret also feeds the Handshake Secret; without an
//!   ephemeral private key the attacker's keys are wrong: it stays sealed.
//! - 0-RTT: the early key depends on the PSK and ClientHello only: it opens in either
//!   mode, and since nothing from the server went into it, a replayed ClientHello makes
//!   the server derive the same key and accept the same data again.
//! - The full handshake: its keys came from ECDHE alone; the PSK is derived from its
//!   resumption_master_secret one way: it stays sealed.
//!
//! Every verdict is the outcome of trying to open the recorded bytes.

use zeroize::Zeroizing;

use super::conn::{Incoming, RecordLayer};
use super::handshake::{Recorded, Tls13Report, open_with_psk, recorded_hellos, recorded_run};
use super::key_schedule::KeyScheduleEarly;
use super::messages::ClientHello;
use super::record::content_type;
use super::session::{SessionReport, TicketKey};
use super::suite::CipherSuite;
use super::traffic::TrafficKeys;
use crate::error::{Error, Result};
use crate::keys::PrivateKeyFormat;
use crate::keys::text::to_hex;
use crate::sign::SigningKey;
use crate::tls12::HandshakeOptions;
use crate::tls12::leak::{Item, ResumptionLeak, Verdict};
use crate::tls12::transcript::{Side, Transcript};

const ATTACKER: Side = Side::Attacker;

fn item(name: impl Into<String>, value: impl Into<String>) -> Item {
    Item {
        name: name.into(),
        value: value.into(),
    }
}

/// The server's ticket key, as the run derived it.
fn ticket_key(options: &HandshakeOptions) -> Result<TicketKey> {
    let identity = options
        .private_key
        .as_ref()
        .or(options.server_identity.as_ref());
    super::options::ticket_key(options.ticket_key.as_deref(), || match identity {
        Some(pem) => {
            let key = SigningKey::import_private_key(pem)?;
            let raw = key.reveal_private_key(PrivateKeyFormat::RawHex);
            Ok(TicketKey::derive(raw.as_bytes()))
        }
        None => Err(Error::Handshake(
            "leakTicketKey: no ticket key to leak".to_owned(),
        )),
    })
}

/// The first handshake message of a recorded flight.
/// The 0-RTT record the client could have sent with this ClientHello: `message`
/// sealed under client_early_traffic_secret.
fn early_record(
    suite: CipherSuite,
    psk: &[u8],
    client_hello: &[u8],
    message: &[u8],
) -> Result<Vec<u8>> {
    let early = KeyScheduleEarly::new(suite, Some(psk));
    let secret = early.client_early_traffic_secret(&suite.hash().digest(client_hello))?;
    let mut r = RecordLayer::default();
    r.set_write_keys(TrafficKeys::derive(suite, &secret)?, "early");
    r.send(content_type::APPLICATION_DATA, message)?;
    Ok(r.take_outgoing())
}

/// Opens a 0-RTT record with the early key derived from `psk` and the recorded hello.
fn open_early(
    suite: CipherSuite,
    psk: &[u8],
    client_hello: &[u8],
    record: &[u8],
) -> Result<Vec<u8>> {
    let early = KeyScheduleEarly::new(suite, Some(psk));
    let secret = early.client_early_traffic_secret(&suite.hash().digest(client_hello))?;
    let mut r = RecordLayer::default();
    r.set_read_keys(TrafficKeys::derive(suite, &secret)?, "early")
        .map_err(|e| e.error)?;
    r.feed(record);
    match r.next_incoming().map_err(|e| e.error)? {
        Some(Incoming::ApplicationData(data)) => Ok(data),
        _ => Err(Error::Handshake("no early data".to_owned())),
    }
}

fn verdict(connection: &str, opened: Option<Vec<u8>>, why: &str) -> Verdict {
    Verdict {
        connection: connection.to_owned(),
        decrypted: opened.is_some(),
        plaintext: opened.map(|p| String::from_utf8_lossy(&p).into_owned()),
        why: why.to_owned(),
    }
}

/// See the module documentation.
///
/// # Errors
/// A run that did not give a session, or a resumption that did not resume.
#[allow(clippy::too_many_lines)]
pub(super) fn exercise(
    options: &HandshakeOptions,
    report: &Tls13Report,
    full: Option<&Recorded>,
) -> Result<ResumptionLeak> {
    let session: SessionReport = report
        .session
        .clone()
        .ok_or_else(|| Error::Handshake("leakTicketKey: the server sent no ticket".to_owned()))?;
    let full = full.ok_or_else(|| Error::Handshake("leakTicketKey: no recording".to_owned()))?;
    let key = ticket_key(options)?;
    let message = options.message.as_deref().unwrap_or("ping");
    let early_message = format!("0-RTT: {message}");
    let mut t = Transcript::default();
    let mut attacker_has = vec![item(
        "the full handshake (recorded)",
        to_hex(&[full.client_to_server.as_slice(), &full.server_to_client].concat()),
    )];
    let mut verdicts = Vec::new();
    let mut resumed = Vec::new();
    for mode in ["psk_dhe_ke", "psk_ke"] {
        let mut o = options.resuming(session.clone(), mode);
        o.psk_mode = Some(mode.to_owned());
        let (r, rec) = recorded_run(&o);
        let rec = match (r.resumed, rec) {
            (true, Some(rec)) => rec,
            _ => {
                return Err(Error::Handshake(format!(
                    "leakTicketKey: the {mode} resumption did not resume: {}",
                    r.error.unwrap_or_default()
                )));
            }
        };
        let hellos = recorded_hellos(&rec)?;
        let psk = crate::keys::text::from_hex(session.psk.as_deref().unwrap_or_default())?;
        let early = early_record(
            hellos.suite,
            &psk,
            &hellos.first_client_hello,
            early_message.as_bytes(),
        )?;
        attacker_has.push(item(
            format!("the resumed connection, {mode} (recorded)"),
            to_hex(&[rec.client_to_server.as_slice(), &rec.server_to_client].concat()),
        ));
        attacker_has.push(item(
            format!("0-RTT data after the {mode} ClientHello (recorded)"),
            to_hex(&early),
        ));
        resumed.push((mode, rec, early));
    }
    attacker_has.push(item(
        "the server's ticket key (leaked)",
        to_hex(key.reveal()),
    ));

    // The ticket is in clear in each resumed ClientHello's pre_shared_key.
    let first = resumed
        .first()
        .map(|(_, r, _)| r)
        .ok_or_else(|| Error::Handshake("no resumption".to_owned()))?;
    let ticket = ClientHello::parse(&recorded_hellos(first)?.first_client_hello)?
        .psk
        .and_then(|p| p.identities.into_iter().next())
        .map(|i| i.identity)
        .unwrap_or_default();
    let psk: Option<Zeroizing<Vec<u8>>> = match key.open(&ticket) {
        Ok(state) => {
            t.record_value(
                ATTACKER,
                "Attacker opens the ticket with the leaked ticket key",
                "The ticket crossed the wire in clear, in the pre_shared_key extension of \
                 each resumed ClientHello. The ticket key opens it, and inside is the PSK \
                 (shown).",
                &state.secret,
            );
            Some(state.secret.clone())
        }
        Err(e) => {
            t.record_value(
                ATTACKER,
                format!("Attacker cannot open the ticket: {e}"),
                "",
                &[],
            );
            None
        }
    };
    let Some(psk) = psk else {
        return Err(Error::Handshake(
            "the leaked ticket key does not open the ticket".to_owned(),
        ));
    };

    // The full handshake: no PSK went into it.
    let hellos = recorded_hellos(full)?;
    let zeros = vec![0u8; hellos.suite.hash_len()];
    let opened = open_with_psk(&hellos, Some(&psk), &zeros, full).ok();
    t.record_value(
        ATTACKER,
        "Attacker tries the PSK on the full handshake: nothing opens",
        "Its keys came from the ECDHE shared secret alone (Early Secret from zeros), and the \
         PSK was derived from its resumption_master_secret by HKDF, which does not run \
         backwards. The attacker's candidate keys do not open its records.",
        &[],
    );
    verdicts.push(verdict(
        "the full handshake (ECDHE)",
        opened,
        "Sealed: the PSK comes out of this connection, not into it, and its ephemeral keys \
         are erased.",
    ));

    for (mode, rec, early) in &resumed {
        let hellos = recorded_hellos(rec)?;
        let zeros = vec![0u8; hellos.suite.hash_len()];
        let opened = open_with_psk(&hellos, Some(&psk), &zeros, rec).ok();
        let psk_ke = *mode == "psk_ke";
        match &opened {
            Some(p) => t.record_value(
                ATTACKER,
                format!("Attacker decrypts the {mode} resumption"),
                "Early Secret = HKDF-Extract(0, PSK); the (EC)DHE input is zeros, as psk_ke \
                 has it; Transcript-Hash of the recorded hellos gives the handshake keys, \
                 they open the server's flight, and its transcript gives the application \
                 keys: the record opens (shown).",
                p,
            ),
            None => t.record_value(
                ATTACKER,
                format!("Attacker tries the PSK on the {mode} resumption: it stays sealed"),
                "The recorded ServerHello carries a key_share: a fresh (EC)DHE secret went \
                 into the Handshake Secret next to the PSK. Computing it needs one of the two \
                 ephemeral private keys, which were erased. Keys derived without it do not \
                 open the server's flight.",
                &[],
            ),
        }
        verdicts.push(verdict(
            &format!("the resumed connection, {mode}"),
            opened,
            if psk_ke {
                "Opened: without (EC)DHE every key of a psk_ke connection comes from the PSK \
                 and the public hellos."
            } else {
                "Sealed: psk_dhe_ke adds a fresh (EC)DHE, so the PSK alone is not enough: \
                 forward secrecy survives the leak."
            },
        ));
        let opened = open_early(hellos.suite, &psk, &hellos.first_client_hello, early).ok();
        if let Some(p) = &opened {
            t.record_value(
                ATTACKER,
                format!("Attacker decrypts the 0-RTT data sent with the {mode} ClientHello"),
                "client_early_traffic_secret = Derive-Secret(Early Secret, \"c e traffic\", \
                 ClientHello): the PSK and the recorded ClientHello give it, in either mode \
                 (the (EC)DHE comes later, too late for early data). The record opens \
                 (shown). And since nothing from the server went into this key, an attacker \
                 who replays the recorded ClientHello and its early data to the server \
                 makes it derive the same key and accept the same data a second time.",
                p,
            );
        }
        verdicts.push(verdict(
            &format!("0-RTT data, {mode}"),
            opened,
            "Opened in either mode: the early key depends on the PSK and ClientHello only, \
             and for the same reason early data can be replayed.",
        ));
    }
    Ok(ResumptionLeak {
        attacker_has,
        verdicts,
        steps: t.into_steps(),
        explanation: "In TLS 1.3 a ticket holds a PSK, not the master secret of the \
                      connection it came from: a leaked ticket key (or PSK) does not open the \
                      full handshake. It opens what rests on the PSK alone: psk_ke \
                      resumptions and every 0-RTT record. psk_dhe_ke resumptions stay \
                      sealed, because a fresh (EC)DHE feeds their keys. That is why \
                      browsers and OpenSSL offer psk_dhe_ke only by default, and why 0-RTT \
                      is for requests that are safe to replay."
            .to_owned(),
    })
}
