//! One run of the model: a client and a server state machine exchanging messages in the
//! order of RFC 5246 §7.3, with Mallory optionally on the path and an eavesdropper
//! recording it, filling in the report as values become known.

use super::client::{self, ClientConfig};
use super::codec::body_of;
use super::leak::{
    Recorded12, Recording, ResumptionLeak, forward_secrecy_exercise, ticket_key_exercise,
};
use super::mallory::{Attack, diagnose};
use super::messages::{NamedGroup, ServerKeyExchange};
use super::options::{HandshakeOptions, Inputs};
use super::report::{HandshakeReport, RecordReport};
use super::server::{self, EcdhMode, ServerConfig};
use super::session::CachedSession;
use super::transcript::Transcript;
use crate::error::{Error, Result};
use crate::keys::text::to_hex;

/// See [`super::handshake`].
pub fn handshake(options: &HandshakeOptions) -> HandshakeReport {
    let mut report = HandshakeReport {
        version: "1.2",
        cipher_suite: super::messages::CIPHER_SUITE_NAME,
        mallory: Attack::None.name(),
        ..HandshakeReport::default()
    };
    let mut t = Transcript::default();
    let options = match options.with_shared_ticket_key() {
        Ok(o) => o,
        Err(e) => {
            report.error = Some(e.to_string());
            return report;
        }
    };
    if let Err(e) = Inputs::parse(&options).and_then(|inputs| run(inputs, &mut report, &mut t)) {
        report.error = Some(e.to_string());
    }
    report.steps = t.into_steps();
    if options.leak_ticket_key == Some(true) && report.error.is_none() {
        match ticket_key_leak(&options, &report) {
            Ok(leak) => report.resumption_leak = Some(leak),
            Err(e) => report.error = Some(e.to_string()),
        }
    }
    report
}

fn bytes32(hex: Option<&String>) -> Result<[u8; 32]> {
    let bytes = crate::keys::text::from_hex(hex.map_or("", String::as_str))?;
    <[u8; 32]>::try_from(bytes.as_slice())
        .map_err(|_| Error::Handshake("a recorded random is not 32 bytes".to_owned()))
}

fn recorded(name: &str, r: &HandshakeReport) -> Result<Recorded12> {
    let record = r
        .record
        .as_ref()
        .ok_or_else(|| Error::Handshake(format!("{name}: no record")))?;
    Ok(Recorded12 {
        name: name.to_owned(),
        client_random: bytes32(r.client_random.as_ref())?,
        server_random: bytes32(r.server_random.as_ref())?,
        record: crate::keys::text::from_hex(&record.wire)?,
        sequence_number: u64::from(record.sequence_number),
    })
}

/// `leakTicketKey`: a resumption from this run's ticket, recorded with it; then the
/// ticket key leaks.
fn ticket_key_leak(options: &HandshakeOptions, report: &HandshakeReport) -> Result<ResumptionLeak> {
    let session = report
        .session
        .clone()
        .filter(|s| s.ticket.is_some())
        .ok_or_else(|| {
            Error::Handshake(
                "leakTicketKey: the server gave no ticket (sessionTickets is false, or this run \
             was itself resumed by session ID)"
                    .to_owned(),
            )
        })?;
    let ticket = crate::keys::text::from_hex(session.ticket.as_deref().unwrap_or_default())?;
    let resumed = handshake(&options.resuming(session, "resumed"));
    if let Some(e) = resumed.error.clone() {
        return Err(Error::Handshake(format!(
            "the resumed connection failed: {e}"
        )));
    }
    let key = Inputs::parse(options)?.ticket_key;
    ticket_key_exercise(
        &ticket,
        &key,
        &[
            recorded("the full handshake (ECDHE)", report)?,
            recorded("the resumed connection (ticket)", &resumed)?,
        ],
    )
}

fn hex_body(message: &[u8]) -> Option<String> {
    Some(to_hex(body_of(message)))
}

fn run(inputs: Inputs, report: &mut HandshakeReport, t: &mut Transcript) -> Result<()> {
    let (cr, sr) = (inputs.client_random, inputs.server_random);
    let identity_public = inputs.identity.public_key();
    let mallory_public = inputs.mallory.identity.as_ref().map(|k| k.public_key());
    let attack = inputs.mallory.attack;
    report.mallory = attack.name();
    report.static_server_key = inputs.ecdh_mode == EcdhMode::Static;
    report.client_random = Some(to_hex(&cr));
    report.server_random = Some(to_hex(&sr));
    report.server_identity_public_key = Some(identity_public.to_pem());

    report.ticket_key_name = Some(to_hex(inputs.ticket_key.name()));
    // The model's server keeps its session cache between runs: a session it gave out by
    // ID is still there when a later run resumes it.
    let cache = match &inputs.resume {
        Some(s) if s.ticket.is_none() => vec![CachedSession {
            session_id: s.session_id.clone(),
            master_secret: s.master_secret.clone(),
        }],
        _ => Vec::new(),
    };
    let client_config = ClientConfig {
        groups: inputs.client_groups,
        pinned_identity: Some(inputs.pinned),
        server_name: None,
        resume: inputs.resume.clone(),
    };
    let server_config = ServerConfig {
        identity: inputs.identity,
        groups: inputs.server_groups,
        ecdh: inputs.ecdh_mode,
        certificate: inputs.certificate,
        ticket_key: inputs.session_tickets.then(|| inputs.ticket_key.clone()),
        cache,
    };

    // RFC 5246 §7.3: ClientHello.
    let (client, client_hello) = client::start(client_config, cr, inputs.client_ephemeral, t)?;
    report.client_hello = hex_body(&client_hello);

    // ServerHello, Certificate, ServerKeyExchange, ServerHelloDone; or, resuming,
    // ServerHello, ChangeCipherSpec, Finished.
    let server = server::start(server_config, sr, inputs.server_ecdh);
    let (server, flight) = match server.handle_any(&client_hello, t)? {
        server::AfterClientHello::Full(server, flight) => (server, flight),
        server::AfterClientHello::Resumed(server, flight) => {
            return resumed(client, server, &flight, &inputs.message, report, t);
        }
    };
    report.server_hello = hex_body(&flight.server_hello);
    let sent_kx = &flight.server_key_exchange;
    // Mallory acts on ServerKeyExchange as it crosses the wire, before ServerHelloDone
    // (the flight's last step) reaches the client: her step goes there.
    let server_hello_done_at = t.steps().len().saturating_sub(1);
    let received_kx = inputs.mallory.intercept(sent_kx, &cr, &sr, t)?;
    t.move_since(server_hello_done_at + 1, server_hello_done_at);
    if let Ok(kx) = ServerKeyExchange::parse(&received_kx) {
        report.group = NamedGroup::from_id(kx.params.group).map(|g| g.name().to_owned());
        report.server_ecdh_params = kx.params.to_bytes().ok().map(|b| to_hex(&b));
        report.signed_data = kx.params.signed_data(&cr, &sr).ok().map(|d| d.hex());
        report.signature = Some(to_hex(&kx.signature));
    }
    report.server_key_exchange = hex_body(&received_kx);

    let client = match client.handle_any(&flight.server_hello, t)? {
        client::AfterServerHello::Full(c) => *c,
        client::AfterServerHello::Resumed(_) => {
            return Err(Error::Handshake(
                "the client took a full handshake for a resumption".to_owned(),
            ));
        }
    };
    let (client, certificate) = client.handle(&flight.certificate, t)?;
    report.certificate = Some(certificate);
    let client = client.handle(&received_kx, t).map_err(|e| {
        let diagnosis = diagnose(
            attack,
            &identity_public,
            mallory_public.as_ref(),
            sent_kx,
            &received_kx,
            &cr,
            &sr,
        );
        diagnosis.map_or(e, |d| Error::Handshake(d.to_owned()))
    })?;
    report.signature_valid = true;

    // ClientKeyExchange, [ChangeCipherSpec], Finished.
    let (client, client_flight) = client.handle(&flight.server_hello_done, t)?;
    report.client_key_exchange = hex_body(&client_flight.client_key_exchange);
    let server = server.handle(&client_flight.client_key_exchange, t)?;

    // [NewSessionTicket], [ChangeCipherSpec], Finished from the server.
    let (mut server, server_flight) = server.handle(
        &client_flight.change_cipher_spec,
        &client_flight.finished_record,
        t,
    )?;
    let mut client = client;
    if let Some(ticket) = &server_flight.new_session_ticket {
        client.take_ticket(ticket, t)?;
    }
    let mut client = client.handle(
        &server_flight.change_cipher_spec,
        &server_flight.finished_record,
        t,
    )?;
    let secrets = client.reveal_secrets();
    report.pre_master_secret = secrets.pre_master_secret().map(|p| to_hex(p.as_slice()));
    report.master_secret = Some(to_hex(secrets.master_secret()));
    report.key_block = Some(to_hex(secrets.key_block()));
    report.client_write_key = Some(to_hex(secrets.client_write_key()));
    report.server_write_key = Some(to_hex(secrets.server_write_key()));
    report.client_iv = Some(to_hex(secrets.client_iv()));
    report.server_iv = Some(to_hex(secrets.server_iv()));
    let sealed = finish(&mut client, &mut server, &inputs.message, report, t)?;

    if inputs.leak {
        let recording = Recording {
            client_random: cr,
            server_random: sr,
            server_key_exchange: received_kx,
            client_key_exchange: client_flight.client_key_exchange,
            record: sealed.wire.bytes,
            sequence_number: sealed.sequence_number,
        };
        report.leak = Some(forward_secrecy_exercise(&recording, &server.compromise())?);
    }
    Ok(())
}

/// Both Finished values, the session, and one application-data record.
fn finish(
    client: &mut client::ExpectTraffic,
    server: &mut server::ExpectTraffic,
    message: &[u8],
    report: &mut HandshakeReport,
    t: &mut Transcript,
) -> Result<super::record::SealedRecord> {
    let (client_verify, server_verify) = client.verify_data();
    report.client_finished = Some(to_hex(&client_verify));
    report.server_finished = Some(to_hex(&server_verify));
    report.session = client
        .session()
        .map(|s| s.to_report(super::session::issuer::TLS12_MODEL));

    // Application data.
    let sealed = client.seal(message, t)?;
    let opened = server.open(&sealed.wire.bytes, t)?;
    report.record = Some(RecordReport {
        sequence_number: u32::try_from(sealed.sequence_number).unwrap_or(u32::MAX),
        plaintext: to_hex(&sealed.plaintext),
        explicit_nonce: to_hex(&sealed.sequence_number.to_be_bytes()),
        nonce: to_hex(&sealed.nonce),
        aad: to_hex(&sealed.aad),
        ciphertext: to_hex(&sealed.ciphertext),
        wire: sealed.wire.hex(),
        opened: to_hex(&opened),
    });
    Ok(sealed)
}

/// RFC 5246 §7.3's abbreviated handshake, after the server resumed the session.
fn resumed(
    client: client::ExpectServerHello,
    server: server::ExpectClientFinished,
    flight: &server::ResumedFlight,
    message: &[u8],
    report: &mut HandshakeReport,
    t: &mut Transcript,
) -> Result<()> {
    report.server_hello = hex_body(&flight.server_hello);
    let client::AfterServerHello::Resumed(client) = client.handle_any(&flight.server_hello, t)?
    else {
        return Err(Error::Handshake(
            "the client did not see the resumption".to_owned(),
        ));
    };
    let (mut client, client_flight) =
        client.handle(&flight.change_cipher_spec, &flight.finished_record, t)?;
    let mut server = server.handle(
        &client_flight.change_cipher_spec,
        &client_flight.finished_record,
        t,
    )?;
    report.resumed = true;
    report.resumption = Some(flight.by);
    report.signature_valid = true;
    let secrets = client.reveal_secrets();
    report.master_secret = Some(to_hex(secrets.master_secret()));
    report.key_block = Some(to_hex(secrets.key_block()));
    report.client_write_key = Some(to_hex(secrets.client_write_key()));
    report.server_write_key = Some(to_hex(secrets.server_write_key()));
    report.client_iv = Some(to_hex(secrets.client_iv()));
    report.server_iv = Some(to_hex(secrets.server_iv()));
    finish(&mut client, &mut server, message, report, t)?;
    Ok(())
}
