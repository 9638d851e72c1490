//! The client's side of the full handshake of RFC 5246 §7.3, one type per state as
//! rustls names them, each consuming `self` and returning the next:
//!
//! ```text
//! start ──ClientHello──▶ ExpectServerHello ─▶ ExpectCertificate ─▶ ExpectServerKeyExchange
//!       ─▶ ExpectServerHelloDone ──ClientKeyExchange, [ChangeCipherSpec], Finished──▶
//!          ExpectFinished ─▶ ExpectTraffic
//! ```
//!
//! The client takes the server's identity key from its certificate and checks it against
//! a pinned key (no chain is validated), then verifies the ServerKeyExchange signature
//! with it.

use super::messages::{
    self, CIPHER_SUITE, ClientHello, ClientKeyExchange, NamedGroup, SIGNATURE_SCHEME, ServerHello,
    ServerKeyExchange, UNCOMPRESSED, group_meaning, public_key_from_wire,
};
use super::record::{self, Alert, SealedRecord, content_type};
use super::report::CertificateReport;
use super::secrets::{
    EphemeralSecret, HandshakeHash, KeySource, SessionSecrets, ecdh_output, record_key_schedule,
};
use super::session::Session12;
use super::transcript::{Side, Transcript};
use crate::error::{Error, Result};
use crate::keys::text::to_hex;
use crate::keys::{Curve, PublicKey, x509};
use crate::sign;

const CLIENT: Side = Side::Client;

/// What the client verifies with: the public key of the server's certificate.
pub const SIGNATURE_FAILS: &str =
    "ServerKeyExchange signature does not verify with the key of the server's certificate";

/// The client's settings.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// The groups offered in supported_groups, in preference order.
    pub groups: Vec<NamedGroup>,
    /// The server's identity (ECDSA P-256) public key, pinned: the certificate must
    /// carry it. `None` accepts any certificate (and the client says what that means);
    /// a real client would validate the chain instead.
    pub pinned_identity: Option<PublicKey>,
    /// server_name (SNI), if the client names the host.
    pub server_name: Option<String>,
    /// A session to resume: by its ticket (RFC 5077) if it has one, else by its ID.
    pub resume: Option<Session12>,
}

/// What the client learns about the new session as the handshake goes: its ID, whether
/// a ticket will come, the ticket.
#[derive(Clone, Debug, Default)]
struct SessionInfo {
    server_name: Option<String>,
    session_id: Vec<u8>,
    ticket: Option<(u32, Vec<u8>)>,
}

impl SessionInfo {
    fn session(&self, master: &[u8; 48]) -> Session12 {
        Session12 {
            session_id: self.session_id.clone(),
            ticket: self.ticket.as_ref().map(|(_, t)| t.clone()),
            master_secret: zeroize::Zeroizing::new(*master),
            lifetime: self.ticket.as_ref().map_or(0, |(l, _)| *l),
            server_name: self.server_name.clone(),
        }
    }

    /// RFC 5077 §3.3: reads NewSessionTicket and keeps the ticket.
    fn take_ticket(
        &mut self,
        message: &[u8],
        hash: &mut HandshakeHash,
        t: &mut Transcript,
    ) -> Result<()> {
        let (lifetime, ticket) = t.or_alert(
            CLIENT,
            Alert::DecodeError,
            messages::parse_new_session_ticket(message),
        )?;
        t.record_value(
            CLIENT,
            "Client keeps the session ticket",
            format!(
                "RFC 5077 §3.3. NewSessionTicket, before the server's ChangeCipherSpec: a \
                 ticket of {} bytes, to keep for {lifetime} s with the master secret. The \
                 client cannot read it; the server can, with its ticket key, and will resume \
                 the session from it without having stored anything. It is part of the \
                 handshake hash that the server's Finished covers.",
                ticket.len()
            ),
            &ticket,
        );
        hash.add(message);
        self.ticket = Some((lifetime, ticket));
        Ok(())
    }
}

/// RFC 5246 §7.4.1.2: sends ClientHello and waits for ServerHello. Returns the state and
/// the ClientHello message.
///
/// # Errors
/// A ClientHello too long to encode (more groups than its list can count), with an
/// internal_error alert.
pub fn start(
    config: ClientConfig,
    random: [u8; 32],
    ephemeral: KeySource,
    t: &mut Transcript,
) -> Result<(ExpectServerHello, Vec<u8>)> {
    // RFC 5077 §3.4: with a ticket, the client makes up a session ID, which the server
    // echoes if it accepts the ticket; without one, it sends the cached session's ID.
    let (session_id, session_ticket) = match &config.resume {
        Some(Session12 {
            ticket: Some(ticket),
            ..
        }) => (
            crate::kdf::tls12_prf_array::<32>(&random, b"session id", &[]).to_vec(),
            ticket.clone(),
        ),
        Some(session) => (session.session_id.clone(), Vec::new()),
        None => (Vec::new(), Vec::new()),
    };
    let hello = ClientHello {
        random,
        cipher_suites: vec![CIPHER_SUITE],
        groups: config.groups.iter().map(|g| g.id()).collect(),
        point_formats: vec![UNCOMPRESSED],
        signature_schemes: vec![SIGNATURE_SCHEME],
        renegotiation_info: true,
        server_name: config.server_name.clone(),
        session_id: session_id.clone(),
        session_ticket: Some(session_ticket),
    }
    .encode();
    let hello = t.or_alert(CLIENT, Alert::InternalError, hello)?;
    t.record(
        CLIENT,
        "ClientHello",
        "RFC 5246 §7.4.1.2. The client opens with its random (client_random) and what it can \
         do: one cipher suite, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (0xC02B, RFC 5289); \
         supported_groups, the groups it can do ECDHE on in its order of preference \
         (RFC 8422 §5.1.1); ec_point_formats, uncompressed points only (RFC 8422 §5.1.2); \
         signature_algorithms, ECDSA P-256 with SHA-256 (RFC 5246 §7.4.1.4.1); an empty \
         SessionTicket extension, asking for a ticket (RFC 5077 §3.2), or the ticket of a \
         session to resume. Nothing is secret or protected yet: anyone on the path reads \
         and can change these bytes.",
        &hello,
    );
    let mut hash = HandshakeHash::default();
    hash.add(&hello.bytes);
    let state = ExpectServerHello {
        config,
        client_random: random,
        ephemeral,
        hash,
        session_id,
    };
    Ok((state, hello.bytes))
}

/// Waiting for ServerHello.
#[derive(Debug)]
pub struct ExpectServerHello {
    config: ClientConfig,
    client_random: [u8; 32],
    ephemeral: KeySource,
    hash: HandshakeHash,
    session_id: Vec<u8>,
}

/// What ServerHello leads to.
#[derive(Debug)]
pub enum AfterServerHello {
    /// A full handshake: the certificate comes next.
    Full(Box<ExpectCertificate>),
    /// The server resumes the session: its ChangeCipherSpec and Finished come next.
    Resumed(Box<ExpectServerFinished>),
}

impl ExpectServerHello {
    /// RFC 5246 §7.4.1.3: reads the server's random and chosen suite, for a full
    /// handshake.
    ///
    /// # Errors
    /// A malformed ServerHello, or a suite or point format the client did not offer; a
    /// resumption (see [`Self::handle_any`]).
    pub fn handle(self, message: &[u8], t: &mut Transcript) -> Result<ExpectCertificate> {
        match self.handle_any(message, t)? {
            AfterServerHello::Full(next) => Ok(*next),
            AfterServerHello::Resumed(_) => Err(Error::Handshake(
                "the server resumed the session (abbreviated handshake)".to_owned(),
            )),
        }
    }

    /// RFC 5246 §7.4.1.3 and §7.3: reads ServerHello; the session ID the client offered
    /// echoed means the server resumes it.
    ///
    /// # Errors
    /// A malformed ServerHello, or a suite or point format the client did not offer.
    pub fn handle_any(mut self, message: &[u8], t: &mut Transcript) -> Result<AfterServerHello> {
        let hello = t.or_alert(CLIENT, Alert::DecodeError, ServerHello::parse(message))?;
        if hello.cipher_suite != CIPHER_SUITE {
            let e = Error::Handshake(format!(
                "ServerHello: the server chose cipher suite 0x{:04x}, which the client did not \
                 offer",
                hello.cipher_suite
            ));
            return Err(t.abort(CLIENT, Alert::IllegalParameter, e));
        }
        if !hello.point_formats.is_empty() && !hello.point_formats.contains(&UNCOMPRESSED) {
            let e = Error::Handshake(
                "ServerHello: the server does not accept uncompressed points".to_owned(),
            );
            return Err(t.abort(CLIENT, Alert::IllegalParameter, e));
        }
        self.hash.add(message);
        let info = SessionInfo {
            server_name: self.config.server_name.clone(),
            session_id: hello.session_id.clone(),
            ticket: None,
        };
        if let Some(session) = &self.config.resume {
            if !hello.session_id.is_empty() && hello.session_id == self.session_id {
                let by_ticket = session.ticket.is_some();
                let secrets = SessionSecrets::resume(
                    &session.master_secret,
                    &self.client_random,
                    &hello.random,
                );
                t.record_value(
                    CLIENT,
                    if by_ticket {
                        "Client resumes the session (ticket accepted)"
                    } else {
                        "Client resumes the session (session ID found)"
                    },
                    format!(
                        "RFC 5246 §7.3 and RFC 5077 §3.1. The server echoed the session ID the \
                         client sent, so it {}: an abbreviated handshake. No certificate, no \
                         ServerKeyExchange, no ECDHE: the master secret of the earlier \
                         session (shown) is reused, and only the key block is new, from it \
                         and the two new randoms. The server's ChangeCipherSpec and Finished \
                         come next, and the server speaks first. Whoever holds that master \
                         secret (or, for a ticket, the server's ticket key) opens this \
                         connection and the earlier one.",
                        if by_ticket {
                            "opened the ticket"
                        } else {
                            "found the session in its cache"
                        }
                    ),
                    session.master_secret.as_slice(),
                );
                record_key_schedule_resumed(t, &secrets);
                let mut info = info;
                info.session_id.clone_from(&session.session_id);
                info.ticket = session
                    .ticket
                    .clone()
                    .map(|ticket| (session.lifetime, ticket));
                return Ok(AfterServerHello::Resumed(Box::new(ExpectServerFinished {
                    secrets,
                    hash: self.hash,
                    info,
                    by_ticket,
                })));
            }
            t.record_value(
                CLIENT,
                "The server did not resume: full handshake",
                "ServerHello does not echo the session ID the client sent: the server could \
                 not open the ticket, or does not have the session in its cache (another \
                 server, a restarted one, an expired session). It goes on with a full \
                 handshake.",
                &[],
            );
        }
        Ok(AfterServerHello::Full(Box::new(ExpectCertificate {
            config: self.config,
            client_random: self.client_random,
            server_random: hello.random,
            ephemeral: self.ephemeral,
            hash: self.hash,
            info,
        })))
    }
}

fn record_key_schedule_resumed(t: &mut Transcript, secrets: &SessionSecrets) {
    t.record(
        CLIENT,
        "Client derives the new key block from the old master secret",
        "RFC 5246 §6.3. key_block = PRF(master_secret, \"key expansion\", server_random + \
         client_random): the randoms are this connection's, the master secret is the \
         resumed session's.",
        &secrets.key_block_annotated(),
    );
}

/// Waiting for the server's NewSessionTicket (if any), ChangeCipherSpec and Finished in
/// an abbreviated handshake (RFC 5246 §7.3, RFC 5077 §3.1).
#[derive(Debug)]
pub struct ExpectServerFinished {
    secrets: SessionSecrets,
    hash: HandshakeHash,
    info: SessionInfo,
    by_ticket: bool,
}

/// The client's ChangeCipherSpec and Finished, last in an abbreviated handshake.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientFinishedFlight {
    /// The ChangeCipherSpec record.
    pub change_cipher_spec: Vec<u8>,
    /// The Finished message sealed in record 0.
    pub finished_record: Vec<u8>,
}

impl ExpectServerFinished {
    /// Whether the session was resumed by its ticket (else by its ID).
    #[must_use]
    pub const fn by_ticket(&self) -> bool {
        self.by_ticket
    }

    /// RFC 5077 §3.3: a new ticket before the server's ChangeCipherSpec.
    ///
    /// # Errors
    /// A malformed NewSessionTicket.
    pub fn take_ticket(&mut self, message: &[u8], t: &mut Transcript) -> Result<()> {
        self.info.take_ticket(message, &mut self.hash, t)
    }

    /// RFC 5246 §7.4.9: checks the server's Finished (its record 0) over ClientHello,
    /// ServerHello (and NewSessionTicket), then sends the client's.
    ///
    /// # Errors
    /// A missing ChangeCipherSpec, a record that does not decrypt, or verify_data that
    /// does not match: the master secret is not the server's.
    pub fn handle(
        mut self,
        change_cipher_spec: &[u8],
        finished_record: &[u8],
        t: &mut Transcript,
    ) -> Result<(ExpectTraffic, ClientFinishedFlight)> {
        let (message, received) = self.secrets.check_peer_finished(
            CLIENT,
            change_cipher_spec,
            finished_record,
            &self.hash.current(),
            "it does not hold the master secret of the session the client resumed",
            t,
        )?;
        let s = &self.secrets;
        t.record_value(
            CLIENT,
            "Client checks the server's Finished",
            "RFC 5246 §7.4.9. In an abbreviated handshake the server's Finished comes first, \
             over ClientHello and ServerHello (and NewSessionTicket): it matches, so the \
             server holds the resumed master secret.",
            &received,
        );
        self.hash.add(&message);
        let ccs = record::change_cipher_spec();
        t.record(
            CLIENT,
            "Client ChangeCipherSpec",
            "RFC 5246 §7.1. From the next record on, the client encrypts with \
             client_write_key.",
            &ccs,
        );
        let verify_data = s.verify_data(b"client finished", &self.hash.current());
        let finished = messages::finished(&verify_data, "client finished");
        let finished = t.or_alert(CLIENT, Alert::InternalError, finished)?;
        t.record(
            CLIENT,
            "Client Finished",
            "RFC 5246 §7.4.9. Over every handshake message so far, the server's Finished \
             included. The abbreviated handshake is complete: one round trip, no \
             signature, no key exchange.",
            &finished,
        );
        let sealed = record::seal(
            s.client_write_key(),
            s.client_iv(),
            0,
            content_type::HANDSHAKE,
            &finished.bytes,
        )?;
        let session = self.info.session(self.secrets.master_secret());
        let flight = ClientFinishedFlight {
            change_cipher_spec: ccs.bytes,
            finished_record: sealed.wire.bytes,
        };
        Ok((
            ExpectTraffic {
                secrets: self.secrets,
                write_sequence: 1,
                read_sequence: 1,
                verify_data: (verify_data, received),
                session: Some(session),
            },
            flight,
        ))
    }
}

/// Waiting for Certificate.
#[derive(Debug)]
pub struct ExpectCertificate {
    config: ClientConfig,
    client_random: [u8; 32],
    server_random: [u8; 32],
    ephemeral: KeySource,
    hash: HandshakeHash,
    info: SessionInfo,
}

impl ExpectCertificate {
    /// RFC 5246 §7.4.2: takes the identity key from the server's certificate and checks
    /// it against the pinned key.
    ///
    /// # Errors
    /// A malformed message or certificate, a key that is not P-256, or not the pinned
    /// one.
    pub fn handle(
        mut self,
        message: &[u8],
        t: &mut Transcript,
    ) -> Result<(ExpectServerKeyExchange, CertificateReport)> {
        let chain = t.or_alert(
            CLIENT,
            Alert::DecodeError,
            messages::parse_certificate(message),
        )?;
        let leaf = chain.into_iter().next().unwrap_or_default();
        let parsed = t.or_alert(
            CLIENT,
            Alert::BadCertificate,
            x509::parse_certificate(&leaf),
        )?;
        let summary = parsed.summary.clone();
        let key = t.or_alert(CLIENT, Alert::UnsupportedCertificate, parsed.public_key())?;
        if key.curve() != Curve::P256 {
            let e = Error::Handshake(format!(
                "the server's certificate has a {} key; the client verifies \
                 ecdsa_secp256r1_sha256 only",
                key.curve()
            ));
            return Err(t.abort(CLIENT, Alert::UnsupportedCertificate, e));
        }
        let pinned = match &self.config.pinned_identity {
            Some(pin) if *pin != key => {
                let e = Error::Handshake(format!(
                    "the server's certificate ({}) does not carry the pinned key: this is not \
                     the server the client expected",
                    summary.subject
                ));
                return Err(t.abort(CLIENT, Alert::BadCertificate, e));
            }
            Some(_) => true,
            None => false,
        };
        let trust = if pinned {
            "Its key is the one the client pinned in advance, so the client trusts it \
             without asking anyone."
        } else {
            "No key was pinned and no chain is validated: the client accepts any certificate. \
             The handshake will prove only that the server holds the private key of the \
             certificate it sent, and anyone can make such a certificate. A browser would \
             check the chain up to a trusted root, the name, the dates and revocation."
        };
        t.record_value(
            CLIENT,
            "Client reads the server's certificate",
            format!(
                "RFC 5246 §7.4.2. Subject {}, issuer {}, valid {} to {}. The client takes the \
                 server's identity key from it (shown, as DER SubjectPublicKeyInfo). {trust}",
                summary.subject, summary.issuer, summary.not_before, summary.not_after
            ),
            &key.to_spki_der(),
        );
        self.hash.add(message);
        let report = CertificateReport::new(
            summary,
            key.to_pem(),
            crate::keys::cert::to_pem(&leaf),
            pinned,
        );
        Ok((
            ExpectServerKeyExchange {
                config: self.config,
                client_random: self.client_random,
                server_random: self.server_random,
                ephemeral: self.ephemeral,
                hash: self.hash,
                server_identity: key,
                info: self.info,
            },
            report,
        ))
    }
}

/// Waiting for ServerKeyExchange.
#[derive(Debug)]
pub struct ExpectServerKeyExchange {
    config: ClientConfig,
    client_random: [u8; 32],
    server_random: [u8; 32],
    ephemeral: KeySource,
    hash: HandshakeHash,
    server_identity: PublicKey,
    info: SessionInfo,
}

impl ExpectServerKeyExchange {
    /// RFC 8422 §5.4: checks the group and the signature over
    /// `client_random ‖ server_random ‖ ServerECDHParams` with the pinned identity key.
    ///
    /// # Errors
    /// A malformed message, a group or signature algorithm the client did not offer, a
    /// signature that does not verify ([`SIGNATURE_FAILS`]), or an invalid point.
    pub fn handle(mut self, message: &[u8], t: &mut Transcript) -> Result<ExpectServerHelloDone> {
        let kx = t.or_alert(
            CLIENT,
            Alert::DecodeError,
            ServerKeyExchange::parse(message),
        )?;
        let Some(group) = NamedGroup::from_id(kx.params.group)
            .filter(|g| self.config.groups.contains(g) && g.curve().is_some())
        else {
            let e = Error::Handshake(format!(
                "ServerKeyExchange: the server chose {}, which the client did not offer",
                group_meaning(kx.params.group)
            ));
            return Err(t.abort(CLIENT, Alert::IllegalParameter, e));
        };
        if kx.scheme != SIGNATURE_SCHEME {
            let e = Error::Handshake(format!(
                "ServerKeyExchange: signature algorithm 0x{:04x}, but the client offered only \
                 ecdsa_secp256r1_sha256 (0x0403)",
                kx.scheme
            ));
            return Err(t.abort(CLIENT, Alert::IllegalParameter, e));
        }
        let signed = kx
            .params
            .signed_data(&self.client_random, &self.server_random);
        let signed = t.or_alert(CLIENT, Alert::DecodeError, signed)?;
        let valid = sign::verify(&self.server_identity, &signed.bytes, &kx.signature)?;
        t.record(
            CLIENT,
            "Client verifies the ServerKeyExchange signature",
            if valid {
                "RFC 8422 §5.4. The client rebuilds client_random ‖ server_random ‖ \
                 ServerECDHParams from what it received and checks the ECDSA signature \
                 (SHA-256) with the public key of the server's certificate. The \
                 signature is valid: the ECDH key really comes from the holder of the \
                 identity key, so no one in the middle substituted theirs, and the randoms \
                 tie it to this connection, so it is not a replay."
            } else {
                "RFC 8422 §5.4. The client rebuilds client_random ‖ server_random ‖ \
                 ServerECDHParams from what it received and checks the ECDSA signature with \
                 the public key of the server's certificate. It does NOT verify: either the parameters \
                 were changed after the server signed them, or someone else signed them. \
                 The client cannot tell which, and need not: either way the ECDH key cannot \
                 be trusted, and it stops before using it."
            },
            &signed,
        );
        if !valid {
            let e = Error::Handshake(SIGNATURE_FAILS.to_owned());
            return Err(t.abort(CLIENT, Alert::DecryptError, e));
        }
        let server_public = t.or_alert(
            CLIENT,
            Alert::IllegalParameter,
            public_key_from_wire(group, &kx.params.public, "ServerKeyExchange"),
        )?;
        self.hash.add(message);
        Ok(ExpectServerHelloDone {
            client_random: self.client_random,
            server_random: self.server_random,
            ephemeral: self.ephemeral,
            hash: self.hash,
            group,
            server_public,
            info: self.info,
        })
    }
}

/// Waiting for ServerHelloDone.
#[derive(Debug)]
pub struct ExpectServerHelloDone {
    client_random: [u8; 32],
    server_random: [u8; 32],
    ephemeral: KeySource,
    hash: HandshakeHash,
    group: NamedGroup,
    server_public: PublicKey,
    info: SessionInfo,
}

/// What the client sends after ServerHelloDone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientFlight {
    /// The ClientKeyExchange message.
    pub client_key_exchange: Vec<u8>,
    /// The ChangeCipherSpec record.
    pub change_cipher_spec: Vec<u8>,
    /// The Finished message (plaintext), as hashed.
    pub finished: Vec<u8>,
    /// The Finished message sealed in record 0.
    pub finished_record: Vec<u8>,
}

impl ExpectServerHelloDone {
    /// RFC 5246 §7.4.5, then §7.4.7 (RFC 8422 §5.7), §8.1, §6.3, §7.1 and §7.4.9: makes
    /// the client's ephemeral key, sends it, computes the pre-master secret (consuming
    /// the ephemeral key), the master secret and the keys, and sends Finished.
    ///
    /// # Errors
    /// A malformed ServerHelloDone; an invalid given ephemeral key; an all-zero X25519
    /// output.
    pub fn handle(
        mut self,
        message: &[u8],
        t: &mut Transcript,
    ) -> Result<(ExpectFinished, ClientFlight)> {
        t.or_alert(
            CLIENT,
            Alert::DecodeError,
            messages::parse_server_hello_done(message),
        )?;
        self.hash.add(message);
        let (cr, sr) = (&self.client_random, &self.server_random);

        // RFC 8422 §5.7: the client's ephemeral key, on the group the server chose.
        let ephemeral = EphemeralSecret::new(self.group, self.ephemeral)?;
        let public = ephemeral.public_key().to_raw();
        t.record_value(
            CLIENT,
            format!(
                "Client makes its ephemeral key pair ({})",
                self.group.name()
            ),
            "Only now does the client know the group, so only now does it make its key pair: \
             a fresh private key for this one connection, and its public key (shown). The \
             private key never leaves the client and will be erased as soon as it has been \
             used once.",
            &public,
        );
        let kx = ClientKeyExchange { public }.encode(self.group);
        let kx = t.or_alert(CLIENT, Alert::InternalError, kx)?;
        t.record(
            CLIENT,
            "ClientKeyExchange",
            "RFC 8422 §5.7. The client's ephemeral public key, in the same encoding as the \
             server's. It is not signed: the client is not authenticated here (TLS client \
             certificates are optional), and the Finished messages will catch any change.",
            &kx,
        );
        self.hash.add(&kx.bytes);

        // RFC 8422 §5.10: the pre-master secret; the ephemeral key is consumed here.
        let pre_master = ephemeral
            .diffie_hellman(&self.server_public)
            .map_err(|e| t.abort(CLIENT, Alert::IllegalParameter, e))?;
        t.record_value(
            CLIENT,
            "Client computes the pre-master secret",
            format!(
                "RFC 8422 §5.10. ECDH of the client's ephemeral private key with the server's \
                 public key from ServerKeyExchange: {}. That was the private key's only use: \
                 it was consumed by the computation and zeroized, so from this moment no one \
                 can recompute this secret from the client's side.",
                ecdh_output(self.group)
            ),
            pre_master.as_bytes(),
        );
        let secrets = SessionSecrets::derive(pre_master, cr, sr);
        record_key_schedule(t, CLIENT, &secrets);

        // RFC 5246 §7.1, then §7.4.9.
        let ccs = record::change_cipher_spec();
        t.record(
            CLIENT,
            "Client ChangeCipherSpec",
            "RFC 5246 §7.1. From the next record on, everything the client sends is \
             encrypted with client_write_key, and its sequence number starts again at 0. \
             ChangeCipherSpec is a record type of its own, not a handshake message, and is \
             not hashed.",
            &ccs,
        );
        let hash = self.hash.current();
        let verify_data = secrets.verify_data(b"client finished", &hash);
        let finished = messages::finished(&verify_data, "client finished");
        let finished = t.or_alert(CLIENT, Alert::InternalError, finished)?;
        t.record(
            CLIENT,
            "Client Finished",
            format!(
                "RFC 5246 §7.4.9. verify_data = PRF(master_secret, \"client finished\", \
                 SHA-256(handshake_messages))[0..11], where handshake_messages are ClientHello, \
                 ServerHello, ServerKeyExchange, ServerHelloDone and ClientKeyExchange, each \
                 with its 4-byte header (a real handshake also hashes Certificate; this model \
                 has none). SHA-256(handshake_messages) = {}. It proves the client saw the \
                 same handshake and holds the same master secret.",
                to_hex(&hash)
            ),
            &finished,
        );
        self.hash.add(&finished.bytes);
        let sealed = record::seal(
            secrets.client_write_key(),
            secrets.client_iv(),
            0,
            content_type::HANDSHAKE,
            &finished.bytes,
        )?;
        t.record(
            CLIENT,
            "Client Finished, encrypted (record 0)",
            "The first record under the new keys, sequence number 0: Finished is a handshake \
             record (type 22) but travels encrypted with AES-128-GCM like application data. \
             Anyone who tampered with the handshake cannot produce it.",
            &sealed.wire,
        );
        let flight = ClientFlight {
            client_key_exchange: kx.bytes,
            change_cipher_spec: ccs.bytes,
            finished: finished.bytes,
            finished_record: sealed.wire.bytes,
        };
        let state = ExpectFinished {
            secrets,
            hash: self.hash,
            client_verify_data: verify_data,
            info: self.info,
        };
        Ok((state, flight))
    }
}

/// Waiting for the server's ChangeCipherSpec and Finished.
#[derive(Debug)]
pub struct ExpectFinished {
    secrets: SessionSecrets,
    hash: HandshakeHash,
    client_verify_data: [u8; 12],
    info: SessionInfo,
}

/// The client's write key kept after its Finished, to seal one alert if the server's
/// Finished fails: from the client's ChangeCipherSpec on, everything it sends is
/// protected (its Finished was record 0, so the alert is record 1).
pub struct AlertSealer {
    key: zeroize::Zeroizing<Vec<u8>>,
    iv: zeroize::Zeroizing<Vec<u8>>,
}

impl core::fmt::Debug for AlertSealer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AlertSealer").finish_non_exhaustive()
    }
}

impl AlertSealer {
    /// The alert (level, description) as the client's record 1.
    ///
    /// # Errors
    /// Never in practice (two bytes).
    pub fn seal(&self, body: &[u8]) -> Result<Vec<u8>> {
        Ok(
            record::seal(&self.key, &self.iv, 1, content_type::ALERT, body)?
                .wire
                .bytes,
        )
    }
}

impl ExpectFinished {
    /// RFC 5077 §3.3: the server's NewSessionTicket, before its ChangeCipherSpec.
    ///
    /// # Errors
    /// A malformed NewSessionTicket.
    pub fn take_ticket(&mut self, message: &[u8], t: &mut Transcript) -> Result<()> {
        self.info.take_ticket(message, &mut self.hash, t)
    }

    /// What seals an alert if this state fails.
    #[must_use]
    pub fn alert_sealer(&self) -> AlertSealer {
        AlertSealer {
            key: zeroize::Zeroizing::new(self.secrets.client_write_key().to_vec()),
            iv: zeroize::Zeroizing::new(self.secrets.client_iv().to_vec()),
        }
    }

    /// RFC 5246 §7.4.9: decrypts the server's Finished (its record 0) and checks its
    /// verify_data.
    ///
    /// # Errors
    /// A missing ChangeCipherSpec, a record that does not decrypt, or verify_data that
    /// does not match.
    pub fn handle(
        self,
        change_cipher_spec: &[u8],
        finished_record: &[u8],
        t: &mut Transcript,
    ) -> Result<ExpectTraffic> {
        let (_, received) = self.secrets.check_peer_finished(
            CLIENT,
            change_cipher_spec,
            finished_record,
            &self.hash.current(),
            "the two sides saw different handshakes or hold different master secrets",
            t,
        )?;
        t.record_value(
            CLIENT,
            "Client checks the server's Finished",
            "The client decrypts the server's record 0 with server_write_key and recomputes \
             PRF(master_secret, \"server finished\", SHA-256(handshake_messages)), this time \
             including the client's own Finished. They match: the server holds the same \
             master secret, so it is the one that could compute the pre-master secret from \
             the key it signed. The handshake is complete.",
            &received,
        );
        let keep = self.info.ticket.is_some() || !self.info.session_id.is_empty();
        let session = keep.then(|| self.info.session(self.secrets.master_secret()));
        Ok(ExpectTraffic {
            secrets: self.secrets,
            write_sequence: 1,
            read_sequence: 1,
            verify_data: (self.client_verify_data, received),
            session,
        })
    }
}

/// The handshake is complete; application data flows.
#[derive(Debug)]
pub struct ExpectTraffic {
    secrets: SessionSecrets,
    write_sequence: u64,
    read_sequence: u64,
    verify_data: ([u8; 12], [u8; 12]),
    session: Option<Session12>,
}

impl ExpectTraffic {
    /// The session to resume later: the master secret with the ticket or the session
    /// ID the server gave (none if it gave neither).
    #[must_use]
    pub const fn session(&self) -> Option<&Session12> {
        self.session.as_ref()
    }

    /// Seals `plaintext` as the next application-data record without recording a step
    /// (the sans-IO client's path): the record's bytes.
    ///
    /// # Errors
    /// A plaintext over 2^14 bytes.
    pub fn seal_quiet(&mut self, plaintext: &[u8]) -> Result<Vec<u8>> {
        self.seal_as(content_type::APPLICATION_DATA, plaintext)
    }

    /// Seals an alert (level, description) as the next record.
    ///
    /// # Errors
    /// Never in practice (two bytes).
    pub fn seal_alert(&mut self, body: &[u8]) -> Result<Vec<u8>> {
        self.seal_as(content_type::ALERT, body)
    }

    fn seal_as(&mut self, kind: u8, plaintext: &[u8]) -> Result<Vec<u8>> {
        let s = &self.secrets;
        let sealed = record::seal(
            s.client_write_key(),
            s.client_iv(),
            self.write_sequence,
            kind,
            plaintext,
        )?;
        self.write_sequence = self.write_sequence.saturating_add(1);
        Ok(sealed.wire.bytes)
    }

    /// Opens the server's next record of `content_type` (application data, or an alert)
    /// with server_write_key; the server's record 0 was its Finished.
    ///
    /// # Errors
    /// A malformed record, or "message authentication failed".
    pub fn open(&mut self, content_type: u8, record: &[u8]) -> Result<Vec<u8>> {
        let s = &self.secrets;
        let plaintext = record::open(
            s.server_write_key(),
            s.server_iv(),
            self.read_sequence,
            content_type,
            record,
        )?;
        self.read_sequence = self.read_sequence.saturating_add(1);
        Ok(plaintext)
    }

    /// Seals `plaintext` as the next application-data record (RFC 5246 §6.2.3.3).
    ///
    /// # Errors
    /// A plaintext over 2^14 bytes.
    pub fn seal(&mut self, plaintext: &[u8], t: &mut Transcript) -> Result<SealedRecord> {
        let s = &self.secrets;
        let sealed = record::seal(
            s.client_write_key(),
            s.client_iv(),
            self.write_sequence,
            content_type::APPLICATION_DATA,
            plaintext,
        )?;
        self.write_sequence += 1;
        t.record(
            CLIENT,
            "Client builds the GCM nonce and additional data",
            format!(
                "RFC 5288 §3 and RFC 5246 §6.2.3.3. nonce = client_write_IV ‖ nonce_explicit \
                 (here the sequence number, {n}: record 0 was the Finished). additional_data = \
                 seq_num ‖ type ‖ version ‖ length authenticates the record's header and \
                 position without encrypting it, so a record replayed, reordered or relabelled \
                 fails to open.",
                n = sealed.sequence_number
            ),
            &sealed.inputs,
        );
        t.record(
            CLIENT,
            format!(
                "Client sends application data (record {})",
                sealed.sequence_number
            ),
            "AES-128-GCM with client_write_key: the ciphertext is as long as the plaintext, \
             followed by a 16-byte tag. Only the explicit nonce travels with the record; the \
             4-byte salt comes from the key block on both sides.",
            &sealed.wire,
        );
        Ok(sealed)
    }

    /// The connection's secrets, for the page to show. A deliberate reveal: nothing a
    /// real client would expose.
    #[must_use]
    pub const fn reveal_secrets(&self) -> &SessionSecrets {
        &self.secrets
    }

    /// Both Finished verify_data values: the client's, then the server's.
    #[must_use]
    pub const fn verify_data(&self) -> ([u8; 12], [u8; 12]) {
        self.verify_data
    }
}
