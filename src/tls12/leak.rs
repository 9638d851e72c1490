//! Forward secrecy, shown by trying to break it (RFC 5246 §F.1.1.3 on ephemeral
//! Diffie-Hellman; RFC 7525 §6.3).
//!
//! An attacker records a connection: both randoms, ServerKeyExchange, ClientKeyExchange
//! and an encrypted record. Later the server's long-term secrets leak. The attacker
//! tries each leaked private key the only way the key exchange allows: ECDH with the
//! client's recorded public key, then the PRF to the master secret and the key block,
//! then opening the record. Every step is computed, not asserted. With ephemeral ECDH
//! only the identity key leaks, and it never took part in the key exchange; with a
//! static ECDH key, that key leaks too, and it opens the record.

use serde::Serialize;

use super::messages::{ClientKeyExchange, NamedGroup, ServerKeyExchange, public_key_from_wire};
use super::record::{self, content_type};
use super::secrets::{PreMasterSecret, SessionSecrets};
use super::transcript::{Side, Step, Transcript};
use crate::error::{Error, Result};
use crate::keys::text::to_hex;
use crate::keys::{Curve, PrivateKeyFormat, PublicKey, SecretKey};
use crate::sign::SigningKey;

const ATTACKER: Side = Side::Attacker;

/// What a passive attacker recorded of one connection: only bytes that crossed the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recording {
    /// ClientHello.random.
    pub client_random: [u8; 32],
    /// ServerHello.random.
    pub server_random: [u8; 32],
    /// The whole ServerKeyExchange message.
    pub server_key_exchange: Vec<u8>,
    /// The whole ClientKeyExchange message.
    pub client_key_exchange: Vec<u8>,
    /// One application-data record the client sent.
    pub record: Vec<u8>,
    /// Its sequence number (the attacker counts records too).
    pub sequence_number: u64,
}

/// What an attacker finds on the server after the connection; see
/// [`super::server::ExpectTraffic::compromise`].
#[derive(Clone, Debug)]
pub struct Compromise {
    /// The long-term identity (signing) key.
    pub identity: SigningKey,
    /// The static ECDH key, if the server used one.
    pub static_ecdh: Option<SecretKey>,
}

/// One thing the attacker holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// What it is.
    pub name: String,
    /// Its value: hex, or PEM for the identity key.
    pub value: String,
}

/// The outcome of the exercise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeakReport {
    /// Everything the attacker has: the recording and the leaked keys.
    pub attacker_has: Vec<Item>,
    /// What the attacker tried, step by step.
    pub steps: Vec<Step>,
    /// Whether the recorded record was decrypted.
    pub decrypted: bool,
    /// The record's plaintext as text, when decrypted.
    pub plaintext: Option<String>,
    /// The lesson, in words.
    pub explanation: String,
}

fn item(name: &str, value: impl Into<String>) -> Item {
    Item {
        name: name.to_owned(),
        value: value.into(),
    }
}

/// Tries every leaked key against the recording; see the module documentation.
///
/// # Errors
/// Only a recording that does not parse (which the model never produces).
pub fn forward_secrecy_exercise(recording: &Recording, leaked: &Compromise) -> Result<LeakReport> {
    let r = recording;
    let server_kx = ServerKeyExchange::parse(&r.server_key_exchange)?;
    let group = NamedGroup::from_id(server_kx.params.group)
        .ok_or_else(|| Error::Handshake("the recorded group is unknown".to_owned()))?;
    let server_public = server_kx.params.public_key()?;
    let client_kx = ClientKeyExchange::parse(&r.client_key_exchange)?;
    let client_public = public_key_from_wire(group, &client_kx.public, "ClientKeyExchange")?;

    let identity_pem = leaked.identity.reveal_private_key(PrivateKeyFormat::Pem);
    let mut attacker_has = vec![
        item("client_random (recorded)", to_hex(&r.client_random)),
        item("server_random (recorded)", to_hex(&r.server_random)),
        item(
            "ServerKeyExchange (recorded)",
            to_hex(&r.server_key_exchange),
        ),
        item(
            "ClientKeyExchange (recorded)",
            to_hex(&r.client_key_exchange),
        ),
        item("application data record (recorded)", to_hex(&r.record)),
        item(
            "server identity private key (leaked, PKCS#8 PEM)",
            identity_pem.as_str(),
        ),
    ];
    let mut candidates = vec![(
        "the leaked identity key",
        // The attacker reads the leaked file as anyone would.
        SecretKey::parse(&identity_pem, Some(Curve::P256))?,
    )];
    if let Some(key) = &leaked.static_ecdh {
        attacker_has.push(item(
            "server static ECDH private key (leaked)",
            to_hex(key.to_bytes().as_slice()),
        ));
        candidates.push(("the leaked static ECDH key", key.clone()));
    }

    let mut t = Transcript::default();
    let mut opened = None;
    for (name, key) in &candidates {
        let public = key.public_key();
        let matches = if public == server_public {
            "It is the key behind the server's ECDH public key in the recorded \
             ServerKeyExchange."
        } else if public == client_public {
            "It is the key behind the client's public key."
        } else {
            "It matches neither ECDH public key on the wire: this key never took part in \
             the key exchange."
        };
        t.record_value(
            ATTACKER,
            format!("Attacker compares {name} with the recorded public keys"),
            format!("The public key of {name} (shown). {matches}"),
            &public.to_raw(),
        );
        let key = match PreMasterSecret::from_ecdh(key, &client_public) {
            Ok(_) => key.clone(),
            Err(e) => {
                // The same 32 bytes read as a key on the recorded group: the only way
                // left to make this key take part at all.
                let reread =
                    SecretKey::from_bytes(client_public.curve(), key.to_bytes().as_slice());
                t.record_value(
                    ATTACKER,
                    format!("Attacker tries ECDH with {name}: impossible as it is"),
                    format!(
                        "ECDH({name}, client's public key from ClientKeyExchange) cannot be \
                         computed: {e}. {}",
                        if reread.is_ok() {
                            "The attacker tries anyway with the same 32 private-key bytes \
                             read as a key on the recorded group."
                        } else {
                            "Nor are its bytes a valid key on the recorded group."
                        }
                    ),
                    &[],
                );
                match reread {
                    Ok(k) => k,
                    Err(_) => continue,
                }
            }
        };
        if let Some(plaintext) = try_key(&mut t, name, &key, &client_public, r) {
            opened = Some(plaintext);
        }
    }

    let decrypted = opened.is_some();
    let explanation = if decrypted {
        "No forward secrecy. The server used one static ECDH key for every connection and \
         kept it, so the leak included it; with the recorded ClientKeyExchange it gives the \
         pre-master secret, and with the recorded randoms the master secret and the keys. \
         Every recorded connection to this server is now readable."
    } else {
        "Forward secrecy. The identity key only ever signed: it proves who sent the ECDH \
         key, but takes no part in the key exchange. The pre-master secret needs one of the \
         two ephemeral private keys, and both were erased the moment it was computed. The \
         leaked identity key lets the attacker impersonate the server in future \
         connections, but this recorded connection stays sealed."
    };
    Ok(LeakReport {
        attacker_has,
        steps: t.into_steps(),
        decrypted,
        plaintext: opened.map(|p| String::from_utf8_lossy(&p).into_owned()),
        explanation: explanation.to_owned(),
    })
}

/// ECDH of `key` with the client's recorded public key, then the PRF and an attempt to
/// open the record; `Some(plaintext)` if it opens.
fn try_key(
    t: &mut Transcript,
    name: &str,
    key: &SecretKey,
    client_public: &PublicKey,
    r: &Recording,
) -> Option<Vec<u8>> {
    let pre_master = match PreMasterSecret::from_ecdh(key, client_public) {
        Ok(p) => p,
        Err(e) => {
            t.record_value(
                ATTACKER,
                format!("Attacker tries ECDH with {name}: {e}"),
                "The computation itself fails, so there is nothing to derive keys from.",
                &[],
            );
            return None;
        }
    };
    t.record_value(
        ATTACKER,
        format!("Attacker computes ECDH with {name}"),
        format!(
            "ECDH({name}, client's public key from the recorded ClientKeyExchange), the \
             server's side of RFC 8422 §5.10: a candidate pre-master secret. Then \
             master_secret = PRF(candidate, \"master secret\", client_random ‖ server_random) \
             and the key block, as in RFC 5246 §8.1 and §6.3, all from recorded values."
        ),
        pre_master.as_bytes(),
    );
    let secrets = SessionSecrets::derive(pre_master, &r.client_random, &r.server_random);
    let result = record::open(
        secrets.client_write_key(),
        secrets.client_iv(),
        r.sequence_number,
        content_type::APPLICATION_DATA,
        &r.record,
    );
    match result {
        Ok(plaintext) => {
            t.record_value(
                ATTACKER,
                "Attacker decrypts the recorded record",
                format!(
                    "With client_write_key and client_write_IV from that key block, the \
                     recorded record opens and its tag checks: the attacker reads what the \
                     client sent (shown), long after the connection ended. The same works for \
                     every recorded connection in which the server used {name}."
                ),
                &plaintext,
            );
            Some(plaintext)
        }
        Err(e) => {
            t.record_value(
                ATTACKER,
                format!("Attacker tries the keys derived with {name}: {e}"),
                format!(
                    "The record does not open with the client_write_key derived from this \
                     candidate (shown): {e}. The candidate is not the pre-master secret."
                ),
                secrets.client_write_key(),
            );
            None
        }
    }
}

// ---------------------------------------------------------------------------------------
// Session resumption and a leaked ticket key.

/// One recorded connection the attacker tried to open, and the outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// Which connection: "full handshake (ECDHE)", "resumed (ticket)", "resumed,
    /// psk_dhe_ke", "resumed, psk_ke", "0-RTT early data".
    pub connection: String,
    /// Whether its recorded record opened.
    pub decrypted: bool,
    /// What it said, when it opened.
    pub plaintext: Option<String>,
    /// Why, in words.
    pub why: String,
}

/// The resumption exercise: the attacker recorded a full handshake and the connections
/// resumed from it; later the server's ticket key leaks. Each verdict is the outcome of
/// actually trying to open a recorded record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResumptionLeak {
    /// The recordings and the leaked key.
    pub attacker_has: Vec<Item>,
    /// One verdict per recorded connection.
    pub verdicts: Vec<Verdict>,
    /// What the attacker did, step by step.
    pub steps: Vec<Step>,
    /// The lesson, in words.
    pub explanation: String,
}

/// A recorded TLS 1.2 connection: its randoms and one client record.
#[derive(Clone, Debug)]
pub struct Recorded12 {
    /// What the verdict calls it.
    pub name: String,
    /// ClientHello.random.
    pub client_random: [u8; 32],
    /// ServerHello.random.
    pub server_random: [u8; 32],
    /// The client's application-data record, whole.
    pub record: Vec<u8>,
    /// Its sequence number.
    pub sequence_number: u64,
}

/// TLS 1.2 (RFC 5077): the ticket travels in clear (NewSessionTicket, then the resumed
/// ClientHello) and carries the master secret; with the leaked ticket key the attacker
/// opens it and derives the key block of every recorded connection of the session —
/// the full ECDHE handshake included.
///
/// # Errors
/// None in practice (the recording is the model's own).
pub fn ticket_key_exercise(
    ticket: &[u8],
    ticket_key: &super::ticket::TicketKey,
    connections: &[Recorded12],
) -> Result<ResumptionLeak> {
    let mut t = Transcript::default();
    let mut attacker_has = vec![item(
        "the ticket (recorded: NewSessionTicket, in clear)",
        to_hex(ticket),
    )];
    for c in connections {
        attacker_has.push(item(
            &format!(
                "{}: client_random, server_random, record (recorded)",
                c.name
            ),
            format!(
                "{} {} {}",
                to_hex(&c.client_random),
                to_hex(&c.server_random),
                to_hex(&c.record)
            ),
        ));
    }
    attacker_has.push(item(
        "the server's ticket key (leaked)",
        to_hex(ticket_key.reveal()),
    ));
    let master = ticket_key.open(ticket).and_then(|state| {
        <[u8; 48]>::try_from(state.secret.as_slice())
            .map_err(|_| Error::Handshake("the ticket holds no master secret".to_owned()))
    });
    let mut verdicts = Vec::new();
    match &master {
        Ok(m) => t.record_value(
            ATTACKER,
            "Attacker opens the recorded ticket with the leaked ticket key",
            "RFC 5077 §4. key_name says which key; AES-256-GCM opens the state, and in it is \
             the session's master secret (shown). Tickets cross the wire in clear: recording \
             them costs nothing.",
            m,
        ),
        Err(e) => t.record_value(
            ATTACKER,
            format!("Attacker cannot open the ticket: {e}"),
            "",
            &[],
        ),
    }
    for c in connections {
        let opened = master.as_ref().ok().and_then(|m| {
            let s = SessionSecrets::resume(m, &c.client_random, &c.server_random);
            record::open(
                s.client_write_key(),
                s.client_iv(),
                c.sequence_number,
                content_type::APPLICATION_DATA,
                &c.record,
            )
            .ok()
        });
        if let Some(p) = &opened {
            t.record_value(
                ATTACKER,
                format!("Attacker decrypts {}", c.name),
                "key_block = PRF(master_secret, \"key expansion\", server_random + \
                 client_random) with the randoms recorded from this connection's hellos: the \
                 record opens (shown).",
                p,
            );
        }
        verdicts.push(Verdict {
            connection: c.name.clone(),
            decrypted: opened.is_some(),
            plaintext: opened.map(|p| String::from_utf8_lossy(&p).into_owned()),
            why: "The ticket carries the master secret of the full handshake, and every \
                  connection resumed from it reuses that master secret: the leaked ticket \
                  key opens them all, the ECDHE connection included."
                .to_owned(),
        });
    }
    Ok(ResumptionLeak {
        attacker_has,
        verdicts,
        steps: t.into_steps(),
        explanation: "In TLS 1.2 the ticket is the master secret, sealed under a key the \
                      server keeps for a long time (often shared across servers, rarely \
                      rotated). Whoever obtains it later opens every recorded ticket, and so \
                      every connection of those sessions — the original ECDHE connection too: \
                      the ephemeral keys were erased, but the master secret they produced \
                      lives on in the ticket. Session IDs keep the master secret in the \
                      server's cache instead, with the same effect for as long as it stays \
                      there."
            .to_owned(),
    })
}
