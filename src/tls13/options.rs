//! The options of the machines (`new TlsClient(options)`, `new TlsServer(options)`) and
//! of the one-shot handshake, checked into a [`ClientConfig`] or [`ServerConfig`]. One
//! vocabulary for all: names of groups and suites as IANA spells them, keys and
//! certificates as PEM, randoms and ephemeral keys as hex; every error names its option.

use core::fmt;

use zeroize::Zeroizing;

use super::client::ClientConfig;
use super::server::ServerConfig;
use super::session::{PskMode, Session, SessionReport, TicketKey, issuer};
use super::suite::CipherSuite;
use crate::error::{Error, Result};
use crate::keys::cert;
pub use crate::keys::cert::server_identity;
use crate::keys::text::from_hex;
use crate::tls12::messages::NamedGroup;
use crate::tls12::secrets::KeySource;

/// Every option of a machine, as given (all optional).
#[derive(Clone, Default)]
pub struct MachineOptions {
    /// "1.2" or "1.3" (default).
    pub version: Option<String>,
    /// Groups by IANA name, in preference order.
    pub groups: Option<Vec<String>>,
    /// Cipher suites by IANA name, in preference order.
    pub cipher_suites: Option<Vec<String>>,
    /// A certificate (PEM) whose key the server must have (client).
    pub pinned_certificate: Option<String>,
    /// server_name (client).
    pub server_name: Option<String>,
    /// The server's certificate, PEM (server).
    pub certificate: Option<String>,
    /// The certificate's private key, PEM (server).
    pub private_key: Option<Zeroizing<String>>,
    /// ClientHello.random / ServerHello.random, 32 bytes hex.
    pub random: Option<String>,
    /// The ephemeral private key, 32 bytes hex.
    pub ephemeral: Option<Zeroizing<String>>,
    /// A session to resume (client): an earlier `client.session`.
    pub resume: Option<SessionReport>,
    /// "psk_dhe_ke" (default) or "psk_ke" (client, TLS 1.3).
    pub psk_mode: Option<String>,
    /// The server's ticket key, 32 bytes hex (server); random if absent.
    pub ticket_key: Option<Zeroizing<String>>,
}

/// The ticket key from its option, or `fallback`'s.
///
/// # Errors
/// A key that is not 32 bytes of hex.
pub fn ticket_key(
    given: Option<&str>,
    fallback: impl FnOnce() -> Result<TicketKey>,
) -> Result<TicketKey> {
    match given {
        Some(hex) => Ok(TicketKey::from_bytes(&*bytes32("ticketKey", hex)?)),
        None => fallback(),
    }
}

/// The PSK mode from its option; psk_dhe_ke by default.
///
/// # Errors
/// Another name.
pub fn psk_mode(given: Option<&str>) -> Result<PskMode> {
    given.map_or(Ok(PskMode::PskDheKe), PskMode::from_name)
}

impl fmt::Debug for MachineOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MachineOptions")
            .field("version", &self.version)
            .field("groups", &self.groups)
            .field("cipher_suites", &self.cipher_suites)
            .field("server_name", &self.server_name)
            .finish_non_exhaustive()
    }
}

/// The TLS version of a machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// TLS 1.2 (RFC 5246).
    Tls12,
    /// TLS 1.3 (RFC 8446).
    Tls13,
}

impl MachineOptions {
    /// The version asked for.
    ///
    /// # Errors
    /// Anything but "1.2" or "1.3".
    pub fn version(&self) -> Result<Version> {
        match self.version.as_deref().map(str::trim) {
            None | Some("1.3" | "TLS 1.3" | "TLSv1.3") => Ok(Version::Tls13),
            Some("1.2" | "TLS 1.2" | "TLSv1.2") => Ok(Version::Tls12),
            Some(other) => Err(Error::malformed(
                "version",
                format!("{other:?}: expected \"1.2\" or \"1.3\""),
            )),
        }
    }
}

/// Groups by name, checked: known, implemented, not repeated, at least one.
///
/// # Errors
/// Naming the option and the group.
pub fn groups(option: &'static str, names: Option<&[String]>) -> Result<Vec<NamedGroup>> {
    let Some(names) = names else {
        return Ok(NamedGroup::IMPLEMENTED.to_vec());
    };
    let mut out = Vec::new();
    for name in names {
        let g = NamedGroup::from_name(name).map_err(|e| Error::malformed(option, e.to_string()))?;
        if !g.tls13_implemented() {
            return Err(Error::malformed(
                option,
                format!(
                    "{:?} is not implemented here; the groups are {}",
                    g.name(),
                    if cfg!(feature = "mlkem") {
                        "\"x25519\", \"secp256r1\" and \"X25519MLKEM768\""
                    } else {
                        "\"x25519\" and \"secp256r1\""
                    }
                ),
            ));
        }
        if out.contains(&g) {
            return Err(Error::malformed(
                option,
                format!("{:?} is listed twice", g.name()),
            ));
        }
        out.push(g);
    }
    if out.is_empty() {
        return Err(Error::malformed(option, "at least one group is needed"));
    }
    Ok(out)
}

/// Suites by name, checked like [`groups`].
///
/// # Errors
/// Naming the option and the suite.
pub fn suites(option: &'static str, names: Option<&[String]>) -> Result<Vec<CipherSuite>> {
    let Some(names) = names else {
        return Ok(CipherSuite::ALL.to_vec());
    };
    let mut out = Vec::new();
    for name in names {
        let s: CipherSuite = name
            .parse()
            .map_err(|e: Error| Error::malformed(option, e.to_string()))?;
        if out.contains(&s) {
            return Err(Error::malformed(
                option,
                format!("{name:?} is listed twice"),
            ));
        }
        out.push(s);
    }
    if out.is_empty() {
        return Err(Error::malformed(
            option,
            "at least one cipher suite is needed",
        ));
    }
    Ok(out)
}

/// A 32-byte value given as hex, or fresh randomness.
///
/// # Errors
/// Not 64 hex digits; no randomness.
pub fn random32(option: &'static str, given: Option<&str>) -> Result<[u8; 32]> {
    match given {
        Some(hex) => bytes32(option, hex).map(|b| *b),
        None => {
            let mut out = [0u8; 32];
            getrandom::fill(&mut out).map_err(|_| Error::Randomness)?;
            Ok(out)
        }
    }
}

/// 32 bytes of hex.
///
/// # Errors
/// Not hex, or not 32 bytes.
pub fn bytes32(option: &'static str, hex: &str) -> Result<Zeroizing<[u8; 32]>> {
    let bytes = Zeroizing::new(from_hex(hex).map_err(|e| Error::malformed(option, e.to_string()))?);
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

/// The client's configuration.
///
/// # Errors
/// Any option that does not read, named.
pub fn client_config(o: &MachineOptions, record_received: bool) -> Result<ClientConfig> {
    let pinned_certificate = match &o.pinned_certificate {
        Some(pem) => Some(
            cert::read_certificate(pem)
                .map_err(|e| Error::malformed("pinnedCertificate", e.to_string()))?
                .0,
        ),
        None => None,
    };
    let server_name = match o.server_name.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name)
            if name.len() > 253 || name.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            return Err(Error::malformed(
                "serverName",
                format!("{name:?} is not a host name"),
            ));
        }
        Some(name) => Some(name.to_owned()),
    };
    Ok(ClientConfig {
        groups: groups("groups", o.groups.as_deref())?,
        suites: suites("cipherSuites", o.cipher_suites.as_deref())?,
        server_name,
        pinned_certificate,
        random: random32("clientRandom", o.random.as_deref())?,
        ephemeral: o
            .ephemeral
            .as_ref()
            .map(|h| bytes32("clientEphemeral", h))
            .transpose()?,
        record_received,
        resume: o
            .resume
            .as_ref()
            .map(|r| Session::from_report(r, issuer::MACHINE))
            .transpose()?,
        psk_mode: psk_mode(o.psk_mode.as_deref())?,
    })
}

/// The server's configuration.
///
/// # Errors
/// Any option that does not read, named.
pub fn server_config(o: &MachineOptions) -> Result<ServerConfig> {
    let (certificate, identity) = server_identity(
        o.certificate.as_deref(),
        o.private_key.as_ref().map(|k| k.as_str()),
    )?;
    Ok(ServerConfig {
        groups: groups("groups", o.groups.as_deref())?,
        suites: suites("cipherSuites", o.cipher_suites.as_deref())?,
        certificate,
        identity,
        random: random32("serverRandom", o.random.as_deref())?,
        ephemeral: o
            .ephemeral
            .as_ref()
            .map(|h| bytes32("serverEphemeral", h))
            .transpose()?,
        send_ticket: true,
        ticket_key: ticket_key(
            o.ticket_key.as_deref().map(String::as_str),
            TicketKey::random,
        )?,
        allow_psk_ke: true,
    })
}

/// The groups of a TLS 1.2 machine: the two curves only.
fn tls12_groups(option: &'static str, names: Option<&[String]>) -> Result<Vec<NamedGroup>> {
    let list = groups(option, names)?;
    if let Some(g) = list.iter().find(|g| g.curve().is_none()) {
        return Err(Error::malformed(
            option,
            format!(
                "{:?} is a TLS 1.3 group; TLS 1.2 here does ECDHE on \"x25519\" and \
                 \"secp256r1\"",
                g.name()
            ),
        ));
    }
    Ok(list)
}

/// The suites of a TLS 1.2 machine: only the model's one.
fn tls12_suites(names: Option<&[String]>) -> Result<()> {
    for name in names.unwrap_or_default() {
        if !name.eq_ignore_ascii_case(crate::tls12::messages::CIPHER_SUITE_NAME) {
            return Err(Error::malformed(
                "cipherSuites",
                format!(
                    "{name:?}: the TLS 1.2 machines implement one suite, \
                     TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
                ),
            ));
        }
    }
    Ok(())
}

fn key_source(option: &'static str, given: Option<&Zeroizing<String>>) -> Result<KeySource> {
    Ok(match given {
        Some(hex) => KeySource::Given {
            option,
            scalar: bytes32(option, hex)?,
        },
        None => KeySource::Random,
    })
}

/// A TLS 1.2 client from the same options.
///
/// # Errors
/// Any option that does not read, named.
pub fn client12(o: &MachineOptions) -> Result<crate::tls12::endpoint::Client> {
    tls12_suites(o.cipher_suites.as_deref())?;
    let mut shared = o.clone();
    shared.cipher_suites = None;
    tls12_groups("groups", o.groups.as_deref())?;
    if o.psk_mode.is_some() {
        return Err(Error::malformed(
            "pskMode",
            "PSK key exchange modes are TLS 1.3's; a TLS 1.2 resumption reuses the master \
             secret, with no key exchange at all",
        ));
    }
    shared.resume = None;
    let c = client_config(&shared, true)?;
    let resume = o
        .resume
        .as_ref()
        .map(|r| crate::tls12::session::Session12::from_report(r, issuer::MACHINE))
        .transpose()?;
    let pinned = match &c.pinned_certificate {
        Some(der) => Some(cert::certificate_public_key(der)?),
        None => None,
    };
    Ok(crate::tls12::endpoint::Client::new(
        crate::tls12::client::ClientConfig {
            groups: c.groups,
            pinned_identity: pinned,
            server_name: c.server_name,
            resume,
        },
        c.random,
        key_source("clientEphemeral", o.ephemeral.as_ref())?,
    ))
}

/// A TLS 1.2 server from the same options.
///
/// # Errors
/// Any option that does not read, named.
pub fn server12(o: &MachineOptions) -> Result<crate::tls12::endpoint::Server> {
    tls12_suites(o.cipher_suites.as_deref())?;
    let (certificate, identity) = server_identity(
        o.certificate.as_deref(),
        o.private_key.as_ref().map(|k| k.as_str()),
    )?;
    Ok(crate::tls12::endpoint::Server::new(
        crate::tls12::server::ServerConfig {
            identity,
            groups: tls12_groups("groups", o.groups.as_deref())?,
            ecdh: crate::tls12::server::EcdhMode::Ephemeral,
            certificate,
            ticket_key: Some(ticket_key(
                o.ticket_key.as_deref().map(String::as_str),
                TicketKey::random,
            )?),
            cache: Vec::new(),
        },
        random32("serverRandom", o.random.as_deref())?,
        key_source("serverEphemeral", o.ephemeral.as_ref())?,
    ))
}
