//! The server's side of the full handshake of RFC 5246 §7.3, one type per state as
//! rustls names them, each consuming `self` and returning the next:
//!
//! ```text
//! start ─▶ ExpectClientHello ──ServerHello, ServerKeyExchange, ServerHelloDone──▶
//!          ExpectClientKeyExchange ─▶ ExpectFinished ──[ChangeCipherSpec], Finished──▶
//!          ExpectTraffic
//! ```
//!
//! The server holds two keys: a long-term ECDSA P-256 identity key that only signs, and
//! an ECDH key that is either made fresh for each connection and consumed by the key
//! exchange ([`EcdhMode::Ephemeral`]), or one static key reused for every connection
//! ([`EcdhMode::Static`]: no forward secrecy).

use super::leak::Compromise;
use super::messages::{
    self, CIPHER_SUITE, ClientHello, ClientKeyExchange, NamedGroup, SIGNATURE_SCHEME,
    ServerEcdhParams, ServerHello, ServerKeyExchange, UNCOMPRESSED, public_key_from_wire,
};
use super::record::{self, Alert, SealedRecord, content_type};
use super::secrets::{
    EphemeralSecret, HandshakeHash, KeySource, ServerEcdhKey, SessionSecrets, ecdh_output,
    record_key_schedule,
};
use super::session::CachedSession;
use super::ticket::{TicketKey, TicketState};
use super::transcript::{Side, Transcript};
use crate::error::{Error, Result};
use crate::keys::SecretKey;
use crate::sign::SigningKey;

const SERVER: Side = Side::Server;

/// Whether the server's ECDH key lives for one connection or for all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EcdhMode {
    /// A fresh key per connection, erased after use: forward secrecy.
    Ephemeral,
    /// One key for every connection, kept by the server: no forward secrecy.
    Static,
}

/// The server's settings and long-term secrets.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// The identity key: signs ServerKeyExchange, nothing else.
    pub identity: SigningKey,
    /// The groups the server implements, in its order of preference.
    pub groups: Vec<NamedGroup>,
    /// Ephemeral or static ECDH.
    pub ecdh: EcdhMode,
    /// The certificate sent in Certificate, DER: for the identity key.
    pub certificate: Vec<u8>,
    /// The ticket key (RFC 5077): with one, the server issues a ticket to a client that
    /// asks, and resumes from the tickets it sealed; without, it gives session IDs.
    pub ticket_key: Option<TicketKey>,
    /// The session cache: the sessions the server resumes by session ID.
    pub cache: Vec<CachedSession>,
}

/// The ticket lifetime hint of the model's tickets, seconds.
pub const TICKET_LIFETIME: u32 = 7200;

/// A server waiting for a ClientHello. `ecdh_key` gives the ECDH private key for the
/// group that will be negotiated (in static mode: the server's one static key).
#[must_use]
pub fn start(config: ServerConfig, random: [u8; 32], ecdh_key: KeySource) -> ExpectClientHello {
    ExpectClientHello {
        config,
        server_random: random,
        ecdh_key,
    }
}

fn offered_names(ids: &[u16]) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|id| {
            NamedGroup::from_id(*id).map_or_else(|| format!("0x{id:04x}"), |g| g.name().to_owned())
        })
        .collect();
    format!("[{}]", names.join(", "))
}

/// Waiting for ClientHello.
#[derive(Debug)]
pub struct ExpectClientHello {
    config: ServerConfig,
    server_random: [u8; 32],
    ecdh_key: KeySource,
}

/// What ClientHello leads to.
#[derive(Debug)]
pub enum AfterClientHello {
    /// A full handshake.
    Full(ExpectClientKeyExchange, ServerFlight),
    /// An abbreviated handshake: the session is resumed.
    Resumed(ExpectClientFinished, ResumedFlight),
}

/// The server's flight of an abbreviated handshake.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResumedFlight {
    /// ServerHello.
    pub server_hello: Vec<u8>,
    /// The ChangeCipherSpec record.
    pub change_cipher_spec: Vec<u8>,
    /// The Finished message sealed in the server's record 0.
    pub finished_record: Vec<u8>,
    /// "ticket" or "session_id".
    pub by: &'static str,
}

/// What the server sends after ClientHello: three whole handshake messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerFlight {
    /// ServerHello.
    pub server_hello: Vec<u8>,
    /// Certificate.
    pub certificate: Vec<u8>,
    /// ServerKeyExchange.
    pub server_key_exchange: Vec<u8>,
    /// ServerHelloDone.
    pub server_hello_done: Vec<u8>,
}

impl ExpectClientHello {
    /// RFC 5246 §7.4.1.3, §7.4.3 (RFC 8422 §5.4) and §7.4.5: chooses the group, makes
    /// or loads the ECDH key, signs it and answers.
    ///
    /// # Errors
    /// A malformed ClientHello; no common suite, signature scheme or group; an invalid
    /// given ECDH key.
    pub fn handle(
        self,
        message: &[u8],
        t: &mut Transcript,
    ) -> Result<(ExpectClientKeyExchange, ServerFlight)> {
        match self.handle_any(message, t)? {
            AfterClientHello::Full(state, flight) => Ok((state, flight)),
            AfterClientHello::Resumed(..) => Err(Error::Handshake(
                "the server resumed the session (abbreviated handshake)".to_owned(),
            )),
        }
    }

    /// The session to resume, if the client offers one the server can use: a ticket
    /// that opens under its ticket key, or a session ID in its cache.
    fn resumable(&self, hello: &ClientHello, t: &mut Transcript) -> Option<([u8; 48], bool)> {
        if let (Some(ticket), Some(key)) = (
            hello.session_ticket.as_ref().filter(|t| !t.is_empty()),
            &self.config.ticket_key,
        ) {
            let opened = key.open(ticket).and_then(|state| {
                if state.version != 0x0303 || state.cipher_suite != CIPHER_SUITE {
                    return Err(Error::Handshake(
                        "the ticket is not for this version and suite".to_owned(),
                    ));
                }
                <[u8; 48]>::try_from(state.secret.as_slice())
                    .map_err(|_| Error::Handshake("the ticket's secret is not 48 bytes".into()))
            });
            match opened {
                Ok(master) if !hello.session_id.is_empty() => {
                    if let Ok(annotated) = super::ticket::annotate(ticket) {
                        t.record(
                            SERVER,
                            "Server opens the ticket",
                            "RFC 5077 §4. key_name names this server's ticket key and the MAC \
                             checks: inside is the master secret of the earlier session, \
                             which the server had not kept. It resumes that session.",
                            &annotated,
                        );
                    }
                    return Some((master, true));
                }
                Ok(_) => t.record_value(
                    SERVER,
                    "Server ignores the ticket: full handshake",
                    "RFC 5077 §3.4. The ticket opens, but the ClientHello has no session ID \
                     for the server to echo, and the echo is how this model's client tells a \
                     resumption from a full handshake. The server starts a new session.",
                    &[],
                ),
                Err(e) => t.record_value(
                    SERVER,
                    "Server ignores the ticket: full handshake",
                    format!("RFC 5077 §3.4. {e}. The server goes on with a full handshake."),
                    &[],
                ),
            }
            return None;
        }
        if hello.session_id.is_empty() {
            return None;
        }
        let found = self
            .config
            .cache
            .iter()
            .find(|c| c.session_id == hello.session_id);
        if found.is_none() {
            t.record_value(
                SERVER,
                "Server does not know the session ID: full handshake",
                "RFC 5246 §7.4.1.2. The session ID is not in this server's cache (another \
                 server, a restart, an expired entry): it starts a new session.",
                &hello.session_id,
            );
        }
        found.map(|c| (*c.master_secret, false))
    }

    /// RFC 5246 §7.3: an abbreviated handshake: ServerHello echoing the session ID, then
    /// at once ChangeCipherSpec and Finished over ClientHello and ServerHello.
    fn resume(
        self,
        hello: &ClientHello,
        message: &[u8],
        master: &[u8; 48],
        by_ticket: bool,
        t: &mut Transcript,
    ) -> Result<AfterClientHello> {
        let (cr, sr) = (hello.random, self.server_random);
        let mut hash = HandshakeHash::default();
        hash.add(message);
        let server_hello = ServerHello {
            random: sr,
            cipher_suite: CIPHER_SUITE,
            point_formats: vec![UNCOMPRESSED],
            renegotiation_info: hello.renegotiation_info,
            session_id: hello.session_id.clone(),
            session_ticket: false,
        }
        .encode();
        let server_hello = t.or_alert(SERVER, Alert::InternalError, server_hello)?;
        t.record(
            SERVER,
            "ServerHello (resuming)",
            "RFC 5246 §7.4.1.3. The session ID the client sent, echoed: the session is \
             resumed. No Certificate, no ServerKeyExchange, no ServerHelloDone follow.",
            &server_hello,
        );
        hash.add(&server_hello.bytes);
        let secrets = SessionSecrets::resume(master, &cr, &sr);
        t.record(
            SERVER,
            "Server derives the new key block from the old master secret",
            "RFC 5246 §6.3 with the resumed session's master secret and this connection's \
             randoms.",
            &secrets.key_block_annotated(),
        );
        let ccs = record::change_cipher_spec();
        t.record(
            SERVER,
            "Server ChangeCipherSpec",
            "RFC 5246 §7.1. In an abbreviated handshake the server switches to the new keys \
             first.",
            &ccs,
        );
        let verify_data = secrets.verify_data(b"server finished", &hash.current());
        let finished = messages::finished(&verify_data, "server finished");
        let finished = t.or_alert(SERVER, Alert::InternalError, finished)?;
        t.record(
            SERVER,
            "Server Finished",
            "RFC 5246 §7.4.9, over ClientHello and ServerHello.",
            &finished,
        );
        hash.add(&finished.bytes);
        let sealed = record::seal(
            secrets.server_write_key(),
            secrets.server_iv(),
            0,
            content_type::HANDSHAKE,
            &finished.bytes,
        )?;
        let flight = ResumedFlight {
            server_hello: server_hello.bytes,
            change_cipher_spec: ccs.bytes,
            finished_record: sealed.wire.bytes,
            by: if by_ticket { "ticket" } else { "session_id" },
        };
        Ok(AfterClientHello::Resumed(
            ExpectClientFinished {
                config: self.config,
                secrets,
                hash,
                server_verify_data: verify_data,
            },
            flight,
        ))
    }

    /// RFC 5246 §7.4.1.3, §7.4.3 (RFC 8422 §5.4) and §7.4.5, or the abbreviated
    /// handshake of §7.3 when the client offers a session the server can resume.
    ///
    /// # Errors
    /// A malformed ClientHello; no common suite, signature scheme or group; an invalid
    /// given ECDH key.
    #[allow(clippy::too_many_lines)]
    pub fn handle_any(self, message: &[u8], t: &mut Transcript) -> Result<AfterClientHello> {
        let hello = t.or_alert(SERVER, Alert::DecodeError, ClientHello::parse(message))?;
        let failure = |reason: &str| Error::Handshake(reason.to_owned());
        if !hello.cipher_suites.contains(&CIPHER_SUITE) {
            let e = failure(
                "no common cipher suite: the client does not offer \
                 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            );
            return Err(t.abort(SERVER, Alert::HandshakeFailure, e));
        }
        if !hello.signature_schemes.contains(&SIGNATURE_SCHEME) {
            let e = failure("the client does not accept ecdsa_secp256r1_sha256 signatures");
            return Err(t.abort(SERVER, Alert::HandshakeFailure, e));
        }
        if !hello.point_formats.is_empty() && !hello.point_formats.contains(&UNCOMPRESSED) {
            let e = failure("the client does not accept uncompressed points");
            return Err(t.abort(SERVER, Alert::IllegalParameter, e));
        }
        if let Some((master, by_ticket)) = self.resumable(&hello, t) {
            return self.resume(&hello, message, &master, by_ticket, t);
        }
        // RFC 8422 §5.1.1: the first group in the server's order that the client offers.
        let Some(group) = self
            .config
            .groups
            .iter()
            .copied()
            .find(|g| hello.groups.contains(&g.id()))
        else {
            let server: Vec<u16> = self.config.groups.iter().map(|g| g.id()).collect();
            let e = Error::Handshake(format!(
                "no common group: client offers {}, server supports {}",
                offered_names(&hello.groups),
                offered_names(&server)
            ));
            return Err(t.abort(SERVER, Alert::HandshakeFailure, e));
        };
        let mut hash = HandshakeHash::default();
        hash.add(message);
        let (cr, sr) = (hello.random, self.server_random);

        // RFC 5077 §3.2: a ticket if the client asks and the server has a ticket key;
        // else a session ID for its cache.
        let issue_ticket = hello.session_ticket.is_some() && self.config.ticket_key.is_some();
        let session_id = if issue_ticket {
            Vec::new()
        } else {
            crate::kdf::tls12_prf_array::<32>(&sr, b"session id", &cr).to_vec()
        };
        let server_hello = ServerHello {
            random: sr,
            cipher_suite: CIPHER_SUITE,
            point_formats: vec![UNCOMPRESSED],
            renegotiation_info: hello.renegotiation_info,
            session_id: session_id.clone(),
            session_ticket: issue_ticket,
        }
        .encode();
        let server_hello = t.or_alert(SERVER, Alert::InternalError, server_hello)?;
        t.record(
            SERVER,
            "ServerHello",
            format!(
                "RFC 5246 §7.4.1.3. The server answers with its own random (server_random) and \
                 the suite it chose. It also chose the group, {} (RFC 8422 §5.1.1: the first \
                 of its own preferences that the client offered), but in TLS 1.2 the group is \
                 named only in ServerKeyExchange. {}",
                group.name(),
                if issue_ticket {
                    "The empty SessionTicket extension promises a ticket (RFC 5077 §3.2): the \
                     server will seal the session's master secret into it instead of \
                     keeping it."
                } else {
                    "The session_id names the new session: the server keeps its master \
                     secret in its cache under this ID, and a client that sends it back can \
                     resume."
                }
            ),
            &server_hello,
        );
        hash.add(&server_hello.bytes);

        let certificate = messages::certificate(&self.config.certificate);
        let certificate = t.or_alert(SERVER, Alert::InternalError, certificate)?;
        t.record(
            SERVER,
            "Certificate",
            "RFC 5246 §7.4.2. The server's X.509 certificate, in clear: anyone on the path \
             sees which certificate (so which site) this is. Its public key is the identity \
             key that will sign ServerKeyExchange. A browser would check that a trusted \
             authority signed it, for this name, and that it is in date and not revoked; \
             this model's client pins the key instead.",
            &certificate,
        );
        hash.add(&certificate.bytes);

        let curve = group
            .curve()
            .ok_or_else(|| failure("the server chose a group it does not implement"))?;
        let ecdh_key = match self.config.ecdh {
            EcdhMode::Ephemeral => {
                ServerEcdhKey::Ephemeral(EphemeralSecret::new(group, self.ecdh_key)?)
            }
            EcdhMode::Static => ServerEcdhKey::Static(self.ecdh_key.secret_key(curve)?),
        };
        let public = ecdh_key.public_key();
        t.record_value(
            SERVER,
            match self.config.ecdh {
                EcdhMode::Ephemeral => {
                    format!("Server makes its ephemeral key pair ({})", group.name())
                }
                EcdhMode::Static => format!("Server loads its static ECDH key ({})", group.name()),
            },
            match self.config.ecdh {
                EcdhMode::Ephemeral => {
                    "A fresh ECDH private key for this connection only, and its public key \
                     (shown). It is not the identity key: the identity key signs, this key \
                     agrees a secret, and it will be erased as soon as it has been used."
                }
                EcdhMode::Static => {
                    "Static mode: the server uses the same ECDH private key for every \
                     connection and keeps it on disk or in memory. Its public key (shown) is \
                     the same in every ServerKeyExchange. Whoever later obtains this one key \
                     can compute the pre-master secret of every recorded connection."
                }
            },
            &public.to_raw(),
        );

        // RFC 8422 §5.4: sign client_random ‖ server_random ‖ ServerECDHParams.
        let params = ServerEcdhParams::new(group, &public);
        let signed = t.or_alert(SERVER, Alert::InternalError, params.signed_data(&cr, &sr))?;
        let signature = self.config.identity.sign(&signed.bytes);
        let kx = ServerKeyExchange {
            params,
            scheme: SIGNATURE_SCHEME,
            signature,
        }
        .encode();
        let kx = t.or_alert(SERVER, Alert::InternalError, kx)?;
        t.record(
            SERVER,
            "ServerKeyExchange",
            "RFC 8422 §5.4. ServerECDHParams name the group (curve_type named_curve, then the \
             NamedCurve) and carry the server's ECDH public key. Then the signature: \
             ecdsa_secp256r1_sha256 with the identity key over client_random ‖ server_random \
             ‖ ServerECDHParams, as a DER SEQUENCE of r and s. The randoms bind the signature \
             to this connection, so an old ServerKeyExchange cannot be replayed into a new one.",
            &kx,
        );
        hash.add(&kx.bytes);

        let done = t.or_alert(SERVER, Alert::InternalError, messages::server_hello_done())?;
        t.record(
            SERVER,
            "ServerHelloDone",
            "RFC 5246 §7.4.5. An empty message: the server has said everything and waits for \
             the client's key.",
            &done,
        );
        hash.add(&done.bytes);

        let flight = ServerFlight {
            server_hello: server_hello.bytes,
            certificate: certificate.bytes,
            server_key_exchange: kx.bytes,
            server_hello_done: done.bytes,
        };
        let state = ExpectClientKeyExchange {
            config: self.config,
            client_random: cr,
            server_random: sr,
            group,
            ecdh_key,
            hash,
            issue_ticket,
        };
        Ok(AfterClientHello::Full(state, flight))
    }
}

/// Waiting for ClientKeyExchange.
#[derive(Debug)]
pub struct ExpectClientKeyExchange {
    config: ServerConfig,
    client_random: [u8; 32],
    server_random: [u8; 32],
    group: NamedGroup,
    ecdh_key: ServerEcdhKey,
    hash: HandshakeHash,
    issue_ticket: bool,
}

impl ExpectClientKeyExchange {
    /// RFC 8422 §5.7 and §5.10, RFC 5246 §8.1 and §6.3: reads the client's public key
    /// and computes the same secrets as the client.
    ///
    /// # Errors
    /// A malformed ClientKeyExchange, an invalid point, an all-zero X25519 output.
    pub fn handle(mut self, message: &[u8], t: &mut Transcript) -> Result<ExpectFinished> {
        let kx = t.or_alert(
            SERVER,
            Alert::DecodeError,
            ClientKeyExchange::parse(message),
        )?;
        let client_public = t.or_alert(
            SERVER,
            Alert::IllegalParameter,
            public_key_from_wire(self.group, &kx.public, "ClientKeyExchange"),
        )?;
        self.hash.add(message);
        let (pre_master, static_key) = self
            .ecdh_key
            .diffie_hellman(&client_public)
            .map_err(|e| t.abort(SERVER, Alert::IllegalParameter, e))?;
        t.record_value(
            SERVER,
            "Server computes the pre-master secret",
            format!(
                "RFC 8422 §5.10. ECDH of the server's private key with the client's public key \
                 from ClientKeyExchange: {}, the same bytes the client computed. {}",
                ecdh_output(self.group),
                if static_key.is_some() {
                    "Static mode: the server keeps its ECDH private key for the next \
                     connection, so this secret can be recomputed later by anyone who gets \
                     that key and recorded the ClientKeyExchange."
                } else {
                    "The server's ephemeral private key was consumed by the computation and \
                     zeroized: with both ephemeral keys gone, no one can recompute this secret."
                }
            ),
            pre_master.as_bytes(),
        );
        let secrets = SessionSecrets::derive(pre_master, &self.client_random, &self.server_random);
        record_key_schedule(t, SERVER, &secrets);
        Ok(ExpectFinished {
            config: self.config,
            secrets,
            hash: self.hash,
            static_key,
            issue_ticket: self.issue_ticket,
        })
    }
}

/// Waiting for the client's ChangeCipherSpec and Finished.
#[derive(Debug)]
pub struct ExpectFinished {
    config: ServerConfig,
    secrets: SessionSecrets,
    hash: HandshakeHash,
    static_key: Option<SecretKey>,
    issue_ticket: bool,
}

/// The server's ChangeCipherSpec and Finished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerFinishedFlight {
    /// NewSessionTicket (RFC 5077 §3.3), before ChangeCipherSpec, if the server issues
    /// one.
    pub new_session_ticket: Option<Vec<u8>>,
    /// The ChangeCipherSpec record.
    pub change_cipher_spec: Vec<u8>,
    /// The Finished message (plaintext).
    pub finished: Vec<u8>,
    /// The Finished message sealed in the server's record 0.
    pub finished_record: Vec<u8>,
}

impl ExpectFinished {
    /// RFC 5246 §7.4.9: checks the client's Finished, then sends its own.
    ///
    /// # Errors
    /// A missing ChangeCipherSpec, a record that does not decrypt, or verify_data that
    /// does not match.
    pub fn handle(
        mut self,
        change_cipher_spec: &[u8],
        finished_record: &[u8],
        t: &mut Transcript,
    ) -> Result<(ExpectTraffic, ServerFinishedFlight)> {
        let ccs = record::change_cipher_spec();
        let (message, received) = self.secrets.check_peer_finished(
            SERVER,
            change_cipher_spec,
            finished_record,
            &self.hash.current(),
            "the two sides saw different handshakes or hold different master secrets",
            t,
        )?;
        let s = &self.secrets;
        t.record_value(
            SERVER,
            "Server checks the client's Finished",
            "The server decrypts the client's record 0 with client_write_key and recomputes \
             verify_data over the handshake messages it saw. They match: both sides saw the \
             same handshake and hold the same keys.",
            &received,
        );
        self.hash.add(&message);
        let new_session_ticket = match (&self.config.ticket_key, self.issue_ticket) {
            (Some(key), true) => {
                let state = TicketState {
                    version: 0x0303,
                    cipher_suite: CIPHER_SUITE,
                    lifetime: TICKET_LIFETIME,
                    age_add: 0,
                    nonce: Vec::new(),
                    secret: zeroize::Zeroizing::new(s.master_secret().to_vec()),
                };
                let ticket = t.or_alert(SERVER, Alert::InternalError, key.seal(&state))?;
                if let Ok(annotated) = super::ticket::annotate(&ticket) {
                    t.record(
                        SERVER,
                        "Server seals the session ticket",
                        "RFC 5077 §4. The session state — version, suite and the 48-byte \
                         master secret — encrypted and authenticated with AES-256-GCM under \
                         the server's ticket key: key_name ‖ iv ‖ encrypted_state ‖ mac. The \
                         server stores nothing. Whoever holds the ticket key can open this \
                         ticket, and with the master secret inside decrypt this connection \
                         and every connection resumed from it: the ticket key is a long-term \
                         secret that undoes ECDHE's forward secrecy.",
                        &annotated,
                    );
                }
                let nst = messages::new_session_ticket(TICKET_LIFETIME, &ticket);
                let nst = t.or_alert(SERVER, Alert::InternalError, nst)?;
                t.record(
                    SERVER,
                    "NewSessionTicket",
                    "RFC 5077 §3.3. After the client's Finished and before the server's \
                     ChangeCipherSpec, in clear: the ticket and how long to keep it. It is a \
                     handshake message, so the server's Finished covers it.",
                    &nst,
                );
                self.hash.add(&nst.bytes);
                Some(nst.bytes)
            }
            _ => None,
        };

        t.record(
            SERVER,
            "Server ChangeCipherSpec",
            "RFC 5246 §7.1. From the next record on, the server encrypts with \
             server_write_key, starting again at sequence number 0.",
            &ccs,
        );
        let verify_data = s.verify_data(b"server finished", &self.hash.current());
        let finished = messages::finished(&verify_data, "server finished");
        let finished = t.or_alert(SERVER, Alert::InternalError, finished)?;
        t.record(
            SERVER,
            "Server Finished",
            "RFC 5246 §7.4.9. The same computation with the label \"server finished\", over \
             the handshake messages including the client's Finished.",
            &finished,
        );
        let sealed = record::seal(
            s.server_write_key(),
            s.server_iv(),
            0,
            content_type::HANDSHAKE,
            &finished.bytes,
        )?;
        t.record(
            SERVER,
            "Server Finished, encrypted (record 0)",
            "The server's first record under server_write_key, sequence number 0.",
            &sealed.wire,
        );
        let flight = ServerFinishedFlight {
            new_session_ticket,
            change_cipher_spec: ccs.bytes,
            finished: finished.bytes,
            finished_record: sealed.wire.bytes,
        };
        let state = ExpectTraffic {
            config: self.config,
            secrets: self.secrets,
            read_sequence: 1,
            write_sequence: 1,
            static_key: self.static_key,
            verify_data: (received, verify_data),
        };
        Ok((state, flight))
    }
}

/// Waiting for the client's ChangeCipherSpec and Finished, last in an abbreviated
/// handshake.
#[derive(Debug)]
pub struct ExpectClientFinished {
    config: ServerConfig,
    secrets: SessionSecrets,
    hash: HandshakeHash,
    server_verify_data: [u8; 12],
}

impl ExpectClientFinished {
    /// RFC 5246 §7.4.9: checks the client's Finished over the whole abbreviated
    /// handshake.
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
            SERVER,
            change_cipher_spec,
            finished_record,
            &self.hash.current(),
            "it does not hold the resumed session's master secret",
            t,
        )?;
        t.record_value(
            SERVER,
            "Server checks the client's Finished",
            "RFC 5246 §7.4.9. It matches: the client holds the resumed master secret. The \
             abbreviated handshake is complete.",
            &received,
        );
        Ok(ExpectTraffic {
            config: self.config,
            secrets: self.secrets,
            read_sequence: 1,
            write_sequence: 1,
            static_key: None,
            verify_data: (received, self.server_verify_data),
        })
    }
}

/// The handshake is complete; application data flows.
#[derive(Debug)]
pub struct ExpectTraffic {
    config: ServerConfig,
    secrets: SessionSecrets,
    read_sequence: u64,
    write_sequence: u64,
    static_key: Option<SecretKey>,
    verify_data: ([u8; 12], [u8; 12]),
}

impl ExpectTraffic {
    /// Opens the client's next record of `content_type` without recording a step (the
    /// sans-IO server's path; [`Self::open`] records one).
    ///
    /// # Errors
    /// A malformed record, or "message authentication failed".
    pub fn open_record(&mut self, content_type: u8, record: &[u8]) -> Result<Vec<u8>> {
        let s = &self.secrets;
        let plaintext = record::open(
            s.client_write_key(),
            s.client_iv(),
            self.read_sequence,
            content_type,
            record,
        )?;
        self.read_sequence = self.read_sequence.saturating_add(1);
        Ok(plaintext)
    }

    /// Seals an alert (level, description) as the server's next record.
    ///
    /// # Errors
    /// Never in practice (two bytes).
    pub fn seal_alert(&mut self, body: &[u8]) -> Result<Vec<u8>> {
        let s = &self.secrets;
        let sealed = record::seal(
            s.server_write_key(),
            s.server_iv(),
            self.write_sequence,
            content_type::ALERT,
            body,
        )?;
        self.write_sequence = self.write_sequence.saturating_add(1);
        Ok(sealed.wire.bytes)
    }

    /// Seals `plaintext` as the server's next application-data record.
    ///
    /// # Errors
    /// A plaintext over 2^14 bytes.
    pub fn seal(&mut self, plaintext: &[u8]) -> Result<SealedRecord> {
        let s = &self.secrets;
        let sealed = record::seal(
            s.server_write_key(),
            s.server_iv(),
            self.write_sequence,
            content_type::APPLICATION_DATA,
            plaintext,
        )?;
        self.write_sequence = self.write_sequence.saturating_add(1);
        Ok(sealed)
    }

    /// Opens the client's next application-data record.
    ///
    /// # Errors
    /// A malformed record, or "message authentication failed".
    pub fn open(&mut self, record: &[u8], t: &mut Transcript) -> Result<Vec<u8>> {
        let s = &self.secrets;
        let plaintext = t.or_alert(
            SERVER,
            Alert::BadRecordMac,
            record::open(
                s.client_write_key(),
                s.client_iv(),
                self.read_sequence,
                content_type::APPLICATION_DATA,
                record,
            ),
        )?;
        t.record_value(
            SERVER,
            format!(
                "Server decrypts application data (record {})",
                self.read_sequence
            ),
            "The server counts the client's records itself, rebuilds the nonce from \
             client_write_IV and the explicit nonce, and the additional data from the \
             sequence number and the header. The tag checks, so the plaintext (shown) is \
             exactly what the client sent.",
            &plaintext,
        );
        self.read_sequence += 1;
        Ok(plaintext)
    }

    /// Both Finished verify_data values: the client's, then the server's.
    #[must_use]
    pub const fn verify_data(&self) -> ([u8; 12], [u8; 12]) {
        self.verify_data
    }

    /// The connection's secrets, for the page to show. A deliberate reveal.
    #[must_use]
    pub const fn reveal_secrets(&self) -> &SessionSecrets {
        &self.secrets
    }

    /// What an attacker who breaks into the server after this connection finds: the
    /// identity key, and in static mode the ECDH key. The ephemeral key is not there:
    /// it was erased during the handshake.
    #[must_use]
    pub fn compromise(&self) -> Compromise {
        Compromise {
            identity: self.config.identity.clone(),
            static_ecdh: self.static_key.clone(),
        }
    }
}
