//! What a lesson can set, as the page sends it (camelCase, every field optional), and
//! its checking into the inputs of one run. Every input can be given, so fixed options
//! reproduce a byte-identical transcript; what is not given is drawn at random.

use core::fmt;

use serde::Deserialize;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::mallory::{Attack, Mallory};
use super::messages::NamedGroup;
use super::record::MAX_PLAINTEXT;
use super::secrets::KeySource;
use super::server::EcdhMode;
use crate::error::{Error, Result};
use crate::keys::cert;
use crate::keys::text::from_hex;
use crate::sign::SigningKey;

/// The options of [`super::handshake`]. Private keys among them are zeroized on drop
/// and not shown by `Debug`.
#[derive(Clone, Default, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HandshakeOptions {
    /// The server's preferred group, "x25519" (default) or "secp256r1": it picks this
    /// one if the client offers it, else the other.
    pub group: Option<String>,
    /// The client's supported_groups in its order of preference; default
    /// `["x25519", "secp256r1"]`. May include groups the model does not implement
    /// ("secp384r1", "secp521r1", "x448"), which the server will not pick.
    pub client_groups: Option<Vec<String>>,
    /// ClientHello.random, 32 bytes hex.
    pub client_random: Option<String>,
    /// ServerHello.random, 32 bytes hex.
    pub server_random: Option<String>,
    /// The client's ephemeral private key, 32 bytes hex, read on the negotiated group.
    pub client_ephemeral: Option<String>,
    /// The server's ephemeral private key (its static key in static mode), 32 bytes
    /// hex, read on the negotiated group.
    pub server_ephemeral: Option<String>,
    /// The server's identity key, ECDSA P-256, PKCS#8 PEM (or any form
    /// [`SigningKey::import_private_key`] reads).
    pub server_identity: Option<String>,
    /// "none" (default), "swap-key" or "resign".
    pub mallory: Option<String>,
    /// Mallory's ECDH private key, 32 bytes hex.
    pub mallory_ephemeral: Option<String>,
    /// Mallory's own identity key, PKCS#8 PEM.
    pub mallory_identity: Option<String>,
    /// Static ECDH: the server reuses one ECDH key for every connection.
    pub static_server_key: Option<bool>,
    /// The text the client sends in the application-data record; default "ping".
    pub message: Option<String>,
    /// After the handshake, leak the server's long-term secrets to an attacker who
    /// recorded the connection, and let them try to decrypt the record.
    pub leak_identity: Option<bool>,
    /// The server's groups in its order of preference (the machines' name; overrides
    /// `group`).
    pub groups: Option<Vec<String>>,
    /// The server's cipher suites in its order of preference.
    pub cipher_suites: Option<Vec<String>>,
    /// The one cipher suite both sides use (TLS 1.3: "TLS_AES_128_GCM_SHA256" or
    /// "TLS_AES_256_GCM_SHA384").
    pub cipher_suite: Option<String>,
    /// The server's certificate, PEM (with `privateKey`).
    pub certificate: Option<String>,
    /// The server's private key, PEM: the machines' name for `serverIdentity`.
    pub private_key: Option<String>,
    /// The certificate the client pins; by default the server's own.
    pub pinned_certificate: Option<String>,
    /// A session to resume: an earlier report's `session`.
    pub resume: Option<super::session::SessionReport>,
    /// TLS 1.3: the PSK key exchange mode offered with `resume`, "psk_dhe_ke" (default)
    /// or "psk_ke".
    pub psk_mode: Option<String>,
    /// The server's ticket key, 32 bytes hex; by default derived from the server's
    /// identity key.
    pub ticket_key: Option<String>,
    /// TLS 1.2: whether the server issues session tickets (RFC 5077) or session IDs it
    /// keeps in its cache (as `openssl s_server -no_ticket`). By default session IDs,
    /// unless `leakTicketKey` is set or `resume` holds a ticket.
    pub session_tickets: Option<bool>,
    /// After a full handshake, resume from its session (in TLS 1.3 once per PSK mode),
    /// then leak the server's ticket key to an attacker who recorded it all, and let
    /// them try to open each recorded connection (`resumptionLeak`).
    pub leak_ticket_key: Option<bool>,
}

impl fmt::Debug for HandshakeOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HandshakeOptions")
            .field("group", &self.group)
            .field("client_groups", &self.client_groups)
            .field("client_random", &self.client_random)
            .field("server_random", &self.server_random)
            .field("mallory", &self.mallory)
            .field("static_server_key", &self.static_server_key)
            .field("message", &self.message)
            .field("leak_identity", &self.leak_identity)
            .field("groups", &self.groups)
            .field("cipher_suites", &self.cipher_suites)
            .field("cipher_suite", &self.cipher_suite)
            .field("resume", &self.resume)
            .field("psk_mode", &self.psk_mode)
            .field("leak_ticket_key", &self.leak_ticket_key)
            .finish_non_exhaustive()
    }
}

/// Renames an error after the option it came from:
/// "malformed clientRandom: 'g' is not a hex digit".
fn in_option(option: &'static str) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::Malformed { detail, .. } => Error::Malformed {
            what: option,
            detail,
        },
        Error::InvalidLength {
            expected, found, ..
        } => Error::InvalidLength {
            what: option,
            expected,
            found,
        },
        other => Error::malformed(option, other.to_string()),
    }
}

fn bytes32(option: &'static str, hex: &str) -> Result<Zeroizing<[u8; 32]>> {
    let bytes = Zeroizing::new(from_hex(hex).map_err(in_option(option))?);
    let mut out = Zeroizing::new([0u8; 32]);
    if bytes.len() != out.len() {
        return Err(Error::InvalidLength {
            what: option,
            expected: "32 bytes (64 hex digits)",
            found: bytes.len(),
        });
    }
    out.copy_from_slice(&bytes);
    Ok(out)
}

fn random(option: &'static str, given: Option<&String>) -> Result<[u8; 32]> {
    match given {
        Some(hex) => bytes32(option, hex).map(|b| *b),
        None => {
            let mut out = [0u8; 32];
            getrandom::fill(&mut out).map_err(|_| Error::Randomness)?;
            Ok(out)
        }
    }
}

fn key_source(option: &'static str, given: Option<&String>) -> Result<KeySource> {
    Ok(match given {
        Some(hex) => KeySource::Given {
            option,
            scalar: bytes32(option, hex)?,
        },
        None => KeySource::Random,
    })
}

fn signing_key(option: &'static str, given: Option<&String>) -> Result<SigningKey> {
    match given {
        Some(text) => SigningKey::import_private_key(text).map_err(in_option(option)),
        None => SigningKey::generate(),
    }
}

/// The checked inputs of one run.
#[derive(Debug)]
pub struct Inputs {
    /// The server's groups in its order of preference.
    pub server_groups: Vec<NamedGroup>,
    /// The client's offered groups in its order of preference.
    pub client_groups: Vec<NamedGroup>,
    /// ClientHello.random.
    pub client_random: [u8; 32],
    /// ServerHello.random.
    pub server_random: [u8; 32],
    /// The client's ephemeral key.
    pub client_ephemeral: KeySource,
    /// The server's ECDH key.
    pub server_ecdh: KeySource,
    /// The server's identity key.
    pub identity: SigningKey,
    /// The server's certificate for it, DER: given, or made by the crate (self-signed,
    /// deterministic).
    pub certificate: Vec<u8>,
    /// The key the client pins: by default the server's own.
    pub pinned: crate::keys::PublicKey,
    /// Ephemeral or static ECDH.
    pub ecdh_mode: EcdhMode,
    /// Mallory, possibly absent.
    pub mallory: Mallory,
    /// The application data.
    pub message: Vec<u8>,
    /// Whether to run the forward-secrecy exercise.
    pub leak: bool,
    /// The session to resume.
    pub resume: Option<super::session::Session12>,
    /// The server's ticket key.
    pub ticket_key: super::ticket::TicketKey,
    /// Whether the server issues tickets (else session IDs).
    pub session_tickets: bool,
}

impl Inputs {
    /// Checks every option, naming the option in any error.
    ///
    /// # Errors
    /// [`Error::Malformed`] or [`Error::InvalidLength`] naming the option and what is
    /// wrong with it.
    pub fn parse(o: &HandshakeOptions) -> Result<Self> {
        let preferred = match o.group.as_deref() {
            None => NamedGroup::X25519,
            Some(name) => {
                let g = NamedGroup::from_name(name)?;
                if g.curve().is_none() {
                    return Err(Error::malformed(
                        "group",
                        format!(
                            "the server implements only \"x25519\" and \"secp256r1\", got {name:?}"
                        ),
                    ));
                }
                g
            }
        };
        let mut server_groups = vec![preferred];
        server_groups.extend(
            NamedGroup::IMPLEMENTED
                .into_iter()
                .filter(|g| *g != preferred),
        );
        if let Some(names) = &o.groups {
            server_groups = Vec::new();
            for name in names {
                let g = NamedGroup::from_name(name).map_err(in_option("groups"))?;
                if g.curve().is_none() || server_groups.contains(&g) {
                    return Err(Error::malformed(
                        "groups",
                        format!(
                            "{name:?}: the server's groups are \"x25519\" and \"secp256r1\", \
                             each at most once"
                        ),
                    ));
                }
                server_groups.push(g);
            }
            if server_groups.is_empty() {
                return Err(Error::malformed("groups", "at least one group is needed"));
            }
        }
        for (option, name) in o
            .cipher_suites
            .iter()
            .flatten()
            .map(|n| ("cipherSuites", n))
            .chain(o.cipher_suite.iter().map(|n| ("cipherSuite", n)))
        {
            if !name.eq_ignore_ascii_case(super::messages::CIPHER_SUITE_NAME) {
                return Err(Error::malformed(
                    option,
                    format!(
                        "{name:?}: the TLS 1.2 model implements one suite, \
                         TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                    ),
                ));
            }
        }

        let client_groups = match &o.client_groups {
            None => NamedGroup::IMPLEMENTED.to_vec(),
            Some(names) => {
                let mut groups = Vec::new();
                for name in names {
                    let g = NamedGroup::from_name(name).map_err(in_option("clientGroups"))?;
                    if groups.contains(&g) {
                        return Err(Error::malformed(
                            "clientGroups",
                            format!("{:?} is listed twice", g.name()),
                        ));
                    }
                    groups.push(g);
                }
                if groups.is_empty() {
                    return Err(Error::malformed(
                        "clientGroups",
                        "the client must offer at least one group",
                    ));
                }
                groups
            }
        };

        let attack = o
            .mallory
            .as_deref()
            .map_or(Ok(Attack::None), Attack::from_name)?;
        let mallory = Mallory {
            attack,
            ephemeral: key_source("malloryEphemeral", o.mallory_ephemeral.as_ref())?,
            identity: match (attack, &o.mallory_identity) {
                (Attack::Resign, _) | (_, Some(_)) => {
                    Some(signing_key("malloryIdentity", o.mallory_identity.as_ref())?)
                }
                _ => None,
            },
        };

        let message = o.message.as_deref().unwrap_or("ping").as_bytes().to_vec();
        if message.len() > MAX_PLAINTEXT {
            return Err(Error::InvalidLength {
                what: "message",
                expected: "at most 16384 bytes (2^14, the largest record plaintext)",
                found: message.len(),
            });
        }

        let key_option = if o.private_key.is_some() {
            "privateKey"
        } else {
            "serverIdentity"
        };
        let key_text = o.private_key.as_ref().or(o.server_identity.as_ref());
        let (certificate, identity) = match &o.certificate {
            Some(pem) => cert::server_identity(Some(pem), key_text.map(String::as_str)).map_err(
                |e| match e {
                    Error::Malformed {
                        what: "privateKey",
                        detail,
                    } => Error::Malformed {
                        what: key_option,
                        detail,
                    },
                    other => other,
                },
            )?,
            None => {
                let key = signing_key(key_option, key_text)?;
                (
                    cert::self_signed(&key, &cert::CertificateRequest::default())?,
                    key,
                )
            }
        };
        let pinned = match &o.pinned_certificate {
            Some(pem) => {
                cert::read_certificate(pem)
                    .map_err(in_option("pinnedCertificate"))?
                    .2
            }
            None => identity.public_key(),
        };
        if o.psk_mode.is_some() {
            return Err(Error::malformed(
                "pskMode",
                "PSK key exchange modes are TLS 1.3's; a TLS 1.2 resumption reuses the master \
                 secret, with no key exchange at all",
            ));
        }
        let resume = o
            .resume
            .as_ref()
            .map(|r| super::session::Session12::from_report(r, super::session::issuer::TLS12_MODEL))
            .transpose()?;
        let ticket_key = match &o.ticket_key {
            Some(hex) => super::ticket::TicketKey::from_bytes(&*bytes32("ticketKey", hex)?),
            None => {
                let raw = identity.reveal_private_key(crate::keys::PrivateKeyFormat::RawHex);
                super::ticket::TicketKey::derive(raw.as_bytes())
            }
        };
        Ok(Self {
            resume,
            ticket_key,
            // Tickets when asked, or when the lesson needs them (a ticket to resume from,
            // a ticket key to leak); else session IDs, which leave the full handshake's
            // steps as they are.
            session_tickets: o.session_tickets.unwrap_or(
                o.leak_ticket_key == Some(true)
                    || o.resume.as_ref().is_some_and(|r| r.ticket.is_some()),
            ),
            certificate,
            pinned,
            server_groups,
            client_groups,
            client_random: random("clientRandom", o.client_random.as_ref())?,
            server_random: random("serverRandom", o.server_random.as_ref())?,
            client_ephemeral: key_source("clientEphemeral", o.client_ephemeral.as_ref())?,
            server_ecdh: key_source("serverEphemeral", o.server_ephemeral.as_ref())?,
            identity,
            ecdh_mode: if o.static_server_key.unwrap_or(false) {
                EcdhMode::Static
            } else {
                EcdhMode::Ephemeral
            },
            mallory,
            message,
            leak: o.leak_identity.unwrap_or(false),
        })
    }
}

impl HandshakeOptions {
    /// The options of the connection a resumption exercise resumes from `self`'s: the
    /// same server, `session` to resume, fresh randoms (derived from the given ones, so
    /// a lesson stays reproducible), no attacker.
    #[must_use]
    pub fn resuming(&self, session: super::session::SessionReport, label: &str) -> Self {
        let derive = |given: &Option<String>, what: &str| {
            given.as_ref().map(|hex| {
                let bytes = crate::kdf::tls12_prf_array::<32>(
                    hex.as_bytes(),
                    label.as_bytes(),
                    what.as_bytes(),
                );
                crate::keys::text::to_hex(bytes.as_slice())
            })
        };
        let mut o = self.clone();
        o.client_random = derive(&self.client_random, "client random");
        o.server_random = derive(&self.server_random, "server random");
        o.client_ephemeral = derive(&self.client_ephemeral, "client ephemeral");
        o.server_ephemeral = derive(&self.server_ephemeral, "server ephemeral");
        o.resume = Some(session);
        o.mallory = None;
        o.leak_identity = None;
        o.leak_ticket_key = None;
        o.static_server_key = None;
        o
    }

    /// With `leakTicketKey`, a ticket key both runs of the exercise share even when the
    /// server's identity is drawn at random: a fresh one, given as `ticketKey`.
    ///
    /// # Errors
    /// No randomness.
    pub fn with_shared_ticket_key(&self) -> Result<Self> {
        let mut o = self.clone();
        let identity_given = o.server_identity.is_some() || o.private_key.is_some();
        if o.leak_ticket_key == Some(true) && o.ticket_key.is_none() && !identity_given {
            let mut key = Zeroizing::new([0u8; 32]);
            getrandom::fill(key.as_mut_slice()).map_err(|_| Error::Randomness)?;
            o.ticket_key = Some(crate::keys::text::to_hex(key.as_slice()));
        }
        Ok(o)
    }
}
