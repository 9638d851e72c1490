//! The handshake messages of a TLS 1.3 (EC)DHE handshake, byte for byte (RFC 8446 §4):
//! ClientHello and ServerHello with the extensions that make them 1.3
//! (supported_versions, key_share, signature_algorithms, supported_groups, server_name,
//! psk_key_exchange_modes, cookie), HelloRetryRequest, EncryptedExtensions,
//! Certificate, CertificateVerify, Finished and NewSessionTicket.
//!
//! Every `encode` returns the whole message (`msg_type ‖ length ‖ body`) annotated field
//! by field; every `parse` reads a whole message and names what is wrong.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use crate::error::{Error, Result};
use crate::tls12::codec::{Annotated, Reader, handshake_message};
use crate::tls12::messages::{NamedGroup, group_meaning};

use super::suite::CipherSuite;

/// HandshakeType values (RFC 8446 §4).
pub mod handshake_type {
    /// client_hello(1)
    pub const CLIENT_HELLO: u8 = 1;
    /// server_hello(2), also HelloRetryRequest
    pub const SERVER_HELLO: u8 = 2;
    /// new_session_ticket(4)
    pub const NEW_SESSION_TICKET: u8 = 4;
    /// end_of_early_data(5)
    pub const END_OF_EARLY_DATA: u8 = 5;
    /// encrypted_extensions(8)
    pub const ENCRYPTED_EXTENSIONS: u8 = 8;
    /// certificate(11)
    pub const CERTIFICATE: u8 = 11;
    /// certificate_request(13)
    pub const CERTIFICATE_REQUEST: u8 = 13;
    /// certificate_verify(15)
    pub const CERTIFICATE_VERIFY: u8 = 15;
    /// finished(20)
    pub const FINISHED: u8 = 20;
    /// key_update(24)
    pub const KEY_UPDATE: u8 = 24;
    /// message_hash(254), the stand-in for ClientHello1 after a HelloRetryRequest
    pub const MESSAGE_HASH: u8 = 254;
}
use handshake_type as ht;

/// The name of a handshake type, for messages and errors.
#[must_use]
pub const fn handshake_type_name(t: u8) -> &'static str {
    match t {
        ht::CLIENT_HELLO => "ClientHello",
        ht::SERVER_HELLO => "ServerHello",
        ht::NEW_SESSION_TICKET => "NewSessionTicket",
        ht::END_OF_EARLY_DATA => "EndOfEarlyData",
        ht::ENCRYPTED_EXTENSIONS => "EncryptedExtensions",
        ht::CERTIFICATE => "Certificate",
        ht::CERTIFICATE_REQUEST => "CertificateRequest",
        ht::CERTIFICATE_VERIFY => "CertificateVerify",
        ht::FINISHED => "Finished",
        ht::KEY_UPDATE => "KeyUpdate",
        ht::MESSAGE_HASH => "message_hash",
        12 => "ServerKeyExchange (TLS 1.2)",
        14 => "ServerHelloDone (TLS 1.2)",
        16 => "ClientKeyExchange (TLS 1.2)",
        _ => "an unknown handshake message",
    }
}

/// ExtensionType values (RFC 8446 §4.2).
pub mod extension_type {
    /// server_name(0), RFC 6066
    pub const SERVER_NAME: u16 = 0;
    /// max_fragment_length(1), RFC 6066
    pub const MAX_FRAGMENT_LENGTH: u16 = 1;
    /// supported_groups(10), RFC 8422 and RFC 7919
    pub const SUPPORTED_GROUPS: u16 = 10;
    /// signature_algorithms(13)
    pub const SIGNATURE_ALGORITHMS: u16 = 13;
    /// use_srtp(14), RFC 5764
    pub const USE_SRTP: u16 = 14;
    /// heartbeat(15), RFC 6520
    pub const HEARTBEAT: u16 = 15;
    /// application_layer_protocol_negotiation(16), RFC 7301
    pub const ALPN: u16 = 16;
    /// client_certificate_type(19), RFC 7250
    pub const CLIENT_CERTIFICATE_TYPE: u16 = 19;
    /// server_certificate_type(20), RFC 7250
    pub const SERVER_CERTIFICATE_TYPE: u16 = 20;
    /// pre_shared_key(41)
    pub const PRE_SHARED_KEY: u16 = 41;
    /// early_data(42)
    pub const EARLY_DATA: u16 = 42;
    /// supported_versions(43)
    pub const SUPPORTED_VERSIONS: u16 = 43;
    /// cookie(44)
    pub const COOKIE: u16 = 44;
    /// psk_key_exchange_modes(45)
    pub const PSK_KEY_EXCHANGE_MODES: u16 = 45;
    /// key_share(51)
    pub const KEY_SHARE: u16 = 51;
}
use extension_type as ext;

/// A name for an extension type.
#[must_use]
pub fn extension_name(t: u16) -> String {
    let name = match t {
        ext::SERVER_NAME => "server_name",
        ext::MAX_FRAGMENT_LENGTH => "max_fragment_length",
        5 => "status_request",
        ext::SUPPORTED_GROUPS => "supported_groups",
        11 => "ec_point_formats",
        ext::SIGNATURE_ALGORITHMS => "signature_algorithms",
        ext::USE_SRTP => "use_srtp",
        ext::HEARTBEAT => "heartbeat",
        ext::ALPN => "application_layer_protocol_negotiation",
        18 => "signed_certificate_timestamp",
        ext::CLIENT_CERTIFICATE_TYPE => "client_certificate_type",
        ext::SERVER_CERTIFICATE_TYPE => "server_certificate_type",
        21 => "padding",
        22 => "encrypt_then_mac",
        23 => "extended_master_secret",
        35 => "session_ticket",
        ext::PRE_SHARED_KEY => "pre_shared_key",
        ext::EARLY_DATA => "early_data",
        ext::SUPPORTED_VERSIONS => "supported_versions",
        ext::COOKIE => "cookie",
        ext::PSK_KEY_EXCHANGE_MODES => "psk_key_exchange_modes",
        49 => "post_handshake_auth",
        50 => "signature_algorithms_cert",
        ext::KEY_SHARE => "key_share",
        0xff01 => "renegotiation_info",
        _ => return format!("extension 0x{t:04x}"),
    };
    format!("{name} ({t})")
}

/// ProtocolVersion 0x0304, TLS 1.3, as supported_versions carries it.
pub const TLS13: u16 = 0x0304;
/// legacy_version {3, 3}: every TLS 1.3 hello says TLS 1.2 here (RFC 8446 §4.1.2).
pub const LEGACY_VERSION: [u8; 2] = [3, 3];
/// ecdsa_secp256r1_sha256 (RFC 8446 §4.2.3), the one signature scheme of the model.
pub const ECDSA_SECP256R1_SHA256: u16 = 0x0403;
/// psk_dhe_ke (RFC 8446 §4.2.9): resumption with a fresh (EC)DHE.
pub const PSK_DHE_KE: u8 = 1;
/// psk_ke (RFC 8446 §4.2.9): resumption with the PSK alone, no (EC)DHE.
pub const PSK_KE: u8 = 0;

/// One PskIdentity (RFC 8446 §4.2.11): a ticket and its obfuscated age.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PskIdentity {
    /// identity: the ticket, as the server sent it.
    pub identity: Vec<u8>,
    /// obfuscated_ticket_age: the ticket's age in milliseconds plus ticket_age_add,
    /// modulo 2^32.
    pub obfuscated_ticket_age: u32,
}

/// The client's pre_shared_key extension (RFC 8446 §4.2.11): identities and one binder
/// for each. It is always the last extension of ClientHello.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PskOffer {
    /// The identities offered.
    pub identities: Vec<PskIdentity>,
    /// The binders, one per identity, Hash.length bytes each.
    pub binders: Vec<Vec<u8>>,
}

impl PskOffer {
    /// The bytes the binders take at the end of ClientHello, their 2-byte length
    /// included: the part the binder's transcript leaves out (RFC 8446 §4.2.11.2).
    #[must_use]
    pub fn binders_len(&self) -> usize {
        self.binders
            .iter()
            .fold(2usize, |n, b| n.saturating_add(1).saturating_add(b.len()))
    }
}

/// RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello whose random is
/// SHA-256("HelloRetryRequest").
pub const HELLO_RETRY_REQUEST_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];

/// A name for a signature scheme.
#[must_use]
pub fn signature_scheme_name(s: u16) -> String {
    let name = match s {
        0x0403 => "ecdsa_secp256r1_sha256",
        0x0503 => "ecdsa_secp384r1_sha384",
        0x0603 => "ecdsa_secp521r1_sha512",
        0x0804 => "rsa_pss_rsae_sha256",
        0x0805 => "rsa_pss_rsae_sha384",
        0x0806 => "rsa_pss_rsae_sha512",
        0x0807 => "ed25519",
        0x0808 => "ed448",
        0x0809 => "rsa_pss_pss_sha256",
        0x0401 => "rsa_pkcs1_sha256",
        0x0501 => "rsa_pkcs1_sha384",
        0x0601 => "rsa_pkcs1_sha512",
        _ => return format!("signature scheme 0x{s:04x}"),
    };
    format!("{name} (0x{s:04x})")
}

fn suite_meaning(id: u16) -> String {
    CipherSuite::from_id(id).map_or_else(
        || match id {
            0x1303 => "TLS_CHACHA20_POLY1305_SHA256 (0x1303)".to_owned(),
            0xc02b => "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (0xc02b)".to_owned(),
            _ => format!("cipher suite 0x{id:04x}"),
        },
        |s| format!("{} (0x{id:04x})", s.name()),
    )
}

fn extension(
    m: &mut Annotated,
    ext_type: u16,
    data: impl FnOnce(&mut Annotated) -> Result<()>,
) -> Result<()> {
    let name = extension_name(ext_type);
    m.put("extension_type", name, &ext_type.to_be_bytes());
    let length = m.open_length("extension_data length", 2, "extension data");
    data(m)?;
    m.close_length(length)
}

fn extensions(m: &mut Annotated, body: impl FnOnce(&mut Annotated) -> Result<()>) -> Result<()> {
    let l = m.open_length("extensions length", 2, "extensions");
    body(m)?;
    m.close_length(l)
}

fn read_u16s(mut r: Reader<'_>, field: &str) -> Result<Vec<u16>> {
    let mut out = Vec::new();
    while !r.is_empty() {
        out.push(r.u16(field)?);
    }
    Ok(out)
}

/// Reads an extensions block into (type, data) pairs, refusing a type that appears twice
/// (RFC 8446 §4.2).
fn read_extensions<'a>(r: &mut Reader<'a>, what: &'static str) -> Result<Vec<(u16, &'a [u8])>> {
    let mut out: Vec<(u16, &'a [u8])> = Vec::new();
    if r.is_empty() {
        return Ok(out);
    }
    let mut list = r.vector(2, "extensions")?;
    while !list.is_empty() {
        let t = list.u16("extension_type")?;
        let data = list.vector(2, "extension_data")?.rest();
        if out.iter().any(|(seen, _)| *seen == t) {
            return Err(Error::illegal_parameter(
                what,
                format!(
                    "{} appears twice (RFC 8446 §4.2: illegal_parameter)",
                    extension_name(t)
                ),
            ));
        }
        out.push((t, data));
    }
    Ok(out)
}

fn find<'a>(extensions: &[(u16, &'a [u8])], t: u16) -> Option<&'a [u8]> {
    extensions.iter().find(|(e, _)| *e == t).map(|(_, d)| *d)
}

/// One KeyShareEntry (RFC 8446 §4.2.8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyShare {
    /// The group's codepoint.
    pub group: u16,
    /// key_exchange: the public key in the group's encoding.
    pub key_exchange: Vec<u8>,
}

impl KeyShare {
    fn put(&self, m: &mut Annotated) -> Result<()> {
        m.put(
            "group",
            group_meaning(self.group),
            &self.group.to_be_bytes(),
        );
        let l = m.open_length("key_exchange length", 2, "public key");
        let hybrid = NamedGroup::from_id(self.group) == Some(NamedGroup::X25519MlKem768);
        let split = self.key_exchange.len().checked_sub(32);
        match (hybrid, split) {
            (true, Some(at)) => {
                let (first, x25519) = self.key_exchange.split_at(at);
                m.put(
                    if at == 1184 {
                        "mlkem_encapsulation_key"
                    } else {
                        "mlkem_ciphertext"
                    },
                    if at == 1184 {
                        "ML-KEM-768 encapsulation key (1,184 bytes): the server encapsulates a \
                         secret to it"
                    } else {
                        "ML-KEM-768 ciphertext (1,088 bytes): the server's secret, sealed to \
                         the client's encapsulation key"
                    },
                    first,
                );
                m.put(
                    "x25519",
                    "X25519 public key (32 bytes): the classical half",
                    x25519,
                );
            }
            _ => m.put(
                "key_exchange",
                match NamedGroup::from_id(self.group) {
                    Some(NamedGroup::X25519) => "the X25519 public key (32 bytes, RFC 7748)",
                    Some(NamedGroup::Secp256r1) => {
                        "the P-256 public key, uncompressed: 04 ‖ x ‖ y (RFC 8446 §4.2.8.2)"
                    }
                    _ => "the public key",
                },
                &self.key_exchange,
            ),
        }
        m.close_length(l)
    }

    fn read(r: &mut Reader<'_>) -> Result<Self> {
        let group = r.u16("group")?;
        let key_exchange = r.vector(2, "key_exchange")?.rest().to_vec();
        if key_exchange.is_empty() {
            return Err(Error::malformed(
                "key_share",
                format!("the {} share is empty", group_meaning(group)),
            ));
        }
        Ok(Self {
            group,
            key_exchange,
        })
    }
}

/// ClientHello (RFC 8446 §4.1.2).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientHello {
    /// random.
    pub random: [u8; 32],
    /// legacy_session_id (0 or 32 bytes from a 1.3 client).
    pub session_id: Vec<u8>,
    /// cipher_suites, in preference order.
    pub cipher_suites: Vec<u16>,
    /// server_name's host name, if sent.
    pub server_name: Option<String>,
    /// supported_groups, in preference order.
    pub groups: Vec<u16>,
    /// signature_algorithms.
    pub signature_schemes: Vec<u16>,
    /// supported_versions.
    pub versions: Vec<u16>,
    /// key_share's client_shares.
    pub key_shares: Vec<KeyShare>,
    /// psk_key_exchange_modes.
    pub psk_modes: Vec<u8>,
    /// cookie, echoed from a HelloRetryRequest.
    pub cookie: Option<Vec<u8>>,
    /// pre_shared_key, the last extension: the tickets offered for resumption.
    pub psk: Option<PskOffer>,
    /// Extension types present, in order (for the server's checks and the page).
    pub extension_types: Vec<u16>,
}

impl ClientHello {
    /// The ClientHello up to its binders (RFC 8446 §4.2.11.2): what a binder's
    /// transcript covers. `message` is this hello's whole encoding.
    #[must_use]
    pub fn truncated<'a>(&self, message: &'a [u8]) -> &'a [u8] {
        let cut = self.psk.as_ref().map_or(0, PskOffer::binders_len);
        message
            .get(..message.len().saturating_sub(cut))
            .unwrap_or_default()
    }

    /// The whole message, annotated.
    ///
    /// # Errors
    /// A list too long for its length prefix.
    pub fn encode(&self) -> Result<Annotated> {
        handshake_message(ht::CLIENT_HELLO, "client_hello", |m| {
            m.put(
                "legacy_version",
                "TLS 1.2 {3, 3}: frozen since 1.3 (the real version is in supported_versions)",
                &LEGACY_VERSION,
            );
            m.put(
                "random",
                "client random: 32 fresh random bytes",
                &self.random,
            );
            let l = m.open_length("legacy_session_id length", 1, "session ID");
            if !self.session_id.is_empty() {
                m.put(
                    "legacy_session_id",
                    "random bytes for middlebox compatibility (RFC 8446 §D.4)",
                    &self.session_id,
                );
            }
            m.close_length(l)?;
            let l = m.open_length("cipher_suites length", 2, "cipher suites");
            for s in &self.cipher_suites {
                m.put("cipher_suite", suite_meaning(*s), &s.to_be_bytes());
            }
            m.close_length(l)?;
            m.put(
                "legacy_compression_methods",
                "one method: null (0)",
                &[1, 0],
            );
            extensions(m, |m| {
                if let Some(name) = &self.server_name {
                    extension(m, ext::SERVER_NAME, |m| {
                        let l = m.open_length("server_name_list length", 2, "server names");
                        m.put("name_type", "host_name (0)", &[0]);
                        let h = m.open_length("host_name length", 2, "host name");
                        m.put("host_name", format!("\"{name}\""), name.as_bytes());
                        m.close_length(h)?;
                        m.close_length(l)
                    })?;
                }
                extension(m, ext::SUPPORTED_GROUPS, |m| {
                    let l = m.open_length("named_group_list length", 2, "groups");
                    for g in &self.groups {
                        m.put("named_group", group_meaning(*g), &g.to_be_bytes());
                    }
                    m.close_length(l)
                })?;
                extension(m, ext::SIGNATURE_ALGORITHMS, |m| {
                    let l = m.open_length("supported_signature_algorithms length", 2, "schemes");
                    for s in &self.signature_schemes {
                        m.put(
                            "signature_scheme",
                            signature_scheme_name(*s),
                            &s.to_be_bytes(),
                        );
                    }
                    m.close_length(l)
                })?;
                extension(m, ext::SUPPORTED_VERSIONS, |m| {
                    let l = m.open_length("versions length", 1, "versions");
                    for v in &self.versions {
                        let meaning = if *v == TLS13 {
                            "TLS 1.3 (0x0304)".to_owned()
                        } else {
                            format!("version 0x{v:04x}")
                        };
                        m.put("version", meaning, &v.to_be_bytes());
                    }
                    m.close_length(l)
                })?;
                if let Some(cookie) = &self.cookie {
                    extension(m, ext::COOKIE, |m| {
                        let l = m.open_length("cookie length", 2, "cookie");
                        m.put("cookie", "echoed from the HelloRetryRequest", cookie);
                        m.close_length(l)
                    })?;
                }
                if !self.psk_modes.is_empty() {
                    extension(m, ext::PSK_KEY_EXCHANGE_MODES, |m| {
                        let l = m.open_length("ke_modes length", 1, "modes");
                        for mode in &self.psk_modes {
                            let meaning = match *mode {
                                0 => "psk_ke (0): resumption without a fresh key exchange",
                                1 => "psk_dhe_ke (1): resumption with a fresh (EC)DHE",
                                _ => "unknown mode",
                            };
                            m.put("ke_mode", meaning, &[*mode]);
                        }
                        m.close_length(l)
                    })?;
                }
                extension(m, ext::KEY_SHARE, |m| {
                    let l = m.open_length("client_shares length", 2, "key shares");
                    for share in &self.key_shares {
                        share.put(m)?;
                    }
                    m.close_length(l)
                })?;
                if let Some(psk) = &self.psk {
                    extension(m, ext::PRE_SHARED_KEY, |m| put_psk_offer(m, psk))?;
                }
                Ok(())
            })
        })
    }

    /// Reads a ClientHello.
    ///
    /// # Errors
    /// A malformed message, naming the field.
    pub fn parse(message: &[u8]) -> Result<Self> {
        const WHAT: &str = "ClientHello";
        let mut r = Reader::handshake(message, ht::CLIENT_HELLO, WHAT)?;
        r.take(2, "legacy_version")?;
        let random = r.array("random")?;
        let session_id = r.vector(1, "legacy_session_id")?.rest().to_vec();
        if session_id.len() > 32 {
            return Err(Error::malformed(
                WHAT,
                format!(
                    "legacy_session_id is {} bytes; it is at most 32 (RFC 8446 §4.1.2)",
                    session_id.len()
                ),
            ));
        }
        let cipher_suites = read_u16s(r.vector(2, "cipher_suites")?, "cipher_suite")?;
        let compression = r.vector(1, "legacy_compression_methods")?.rest();
        if compression != [0] {
            return Err(Error::illegal_parameter(
                WHAT,
                "legacy_compression_methods must be the one byte 0 in TLS 1.3 (RFC 8446 \
                 §4.1.2: illegal_parameter)",
            ));
        }
        let exts = read_extensions(&mut r, WHAT)?;
        r.finish("the extensions")?;
        // Every extension but the last.
        let before_last = exts.split_last().map_or(&[][..], |(_, before)| before);
        if before_last.iter().any(|(t, _)| *t == ext::PRE_SHARED_KEY) {
            return Err(Error::illegal_parameter(
                WHAT,
                "pre_shared_key is not the last extension (RFC 8446 §4.2.11: \
                 illegal_parameter)",
            ));
        }
        let mut hello = Self {
            psk: find(&exts, ext::PRE_SHARED_KEY)
                .map(read_psk_offer)
                .transpose()?,
            random,
            session_id,
            cipher_suites,
            extension_types: exts.iter().map(|(t, _)| *t).collect(),
            ..Self::default()
        };
        if let Some(d) = find(&exts, ext::SERVER_NAME) {
            let mut list = Reader::new(d, WHAT).vector(2, "server_name_list")?;
            while !list.is_empty() {
                let name_type = list.u8("name_type")?;
                let name = list.vector(2, "host_name")?.rest();
                if name_type == 0 {
                    hello.server_name = Some(String::from_utf8_lossy(name).into_owned());
                }
            }
        }
        if let Some(d) = find(&exts, ext::SUPPORTED_GROUPS) {
            hello.groups = read_u16s(Reader::new(d, WHAT).vector(2, "named_group_list")?, "group")?;
        }
        if let Some(d) = find(&exts, ext::SIGNATURE_ALGORITHMS) {
            hello.signature_schemes = read_u16s(
                Reader::new(d, WHAT).vector(2, "supported_signature_algorithms")?,
                "signature_scheme",
            )?;
        }
        if let Some(d) = find(&exts, ext::SUPPORTED_VERSIONS) {
            hello.versions = read_u16s(Reader::new(d, WHAT).vector(1, "versions")?, "version")?;
        }
        if let Some(d) = find(&exts, ext::KEY_SHARE) {
            let mut shares = Reader::new(d, WHAT).vector(2, "client_shares")?;
            while !shares.is_empty() {
                let share = KeyShare::read(&mut shares)?;
                if hello.key_shares.iter().any(|s| s.group == share.group) {
                    return Err(Error::illegal_parameter(
                        WHAT,
                        format!(
                            "two key shares for {} (RFC 8446 §4.2.8: illegal_parameter)",
                            group_meaning(share.group)
                        ),
                    ));
                }
                hello.key_shares.push(share);
            }
        }
        if let Some(d) = find(&exts, ext::PSK_KEY_EXCHANGE_MODES) {
            hello.psk_modes = Reader::new(d, WHAT).vector(1, "ke_modes")?.rest().to_vec();
        }
        if let Some(d) = find(&exts, ext::COOKIE) {
            hello.cookie = Some(Reader::new(d, WHAT).vector(2, "cookie")?.rest().to_vec());
        }
        Ok(hello)
    }
}

fn put_psk_offer(m: &mut Annotated, psk: &PskOffer) -> Result<()> {
    let l = m.open_length("identities length", 2, "PSK identities");
    for id in &psk.identities {
        let i = m.open_length("identity length", 2, "identity");
        m.put(
            "identity",
            "the session ticket, as the server sent it: opaque to the client, sealed \
             under the server's ticket key",
            &id.identity,
        );
        m.close_length(i)?;
        m.put(
            "obfuscated_ticket_age",
            "the ticket's age in milliseconds plus ticket_age_add (mod 2^32): the server \
             recovers the age; an observer cannot link this hello to the ticket's issue",
            &id.obfuscated_ticket_age.to_be_bytes(),
        );
    }
    m.close_length(l)?;
    let l = m.open_length("binders length", 2, "PSK binders");
    for b in &psk.binders {
        let i = m.open_length("binder length", 1, "binder");
        m.put(
            "binder",
            "HMAC(finished_key of binder_key, Transcript-Hash(ClientHello up to the \
             binders)): proves the client holds the PSK, and binds it to this hello",
            b,
        );
        m.close_length(i)?;
    }
    m.close_length(l)
}

fn read_psk_offer(data: &[u8]) -> Result<PskOffer> {
    const WHAT: &str = "pre_shared_key";
    let mut r = Reader::new(data, WHAT);
    let mut ids = r.vector(2, "identities")?;
    let mut identities = Vec::new();
    while !ids.is_empty() {
        let identity = ids.vector(2, "identity")?.rest().to_vec();
        let obfuscated_ticket_age = u32::from_be_bytes(ids.array("obfuscated_ticket_age")?);
        identities.push(PskIdentity {
            identity,
            obfuscated_ticket_age,
        });
    }
    let mut list = r.vector(2, "binders")?;
    r.finish("binders")?;
    let mut binders = Vec::new();
    while !list.is_empty() {
        binders.push(list.vector(1, "binder")?.rest().to_vec());
    }
    if identities.is_empty() || identities.len() != binders.len() {
        return Err(Error::illegal_parameter(
            WHAT,
            format!(
                "{} identities and {} binders: there must be one binder for each of at \
                 least one identity (RFC 8446 §4.2.11: illegal_parameter)",
                identities.len(),
                binders.len()
            ),
        ));
    }
    Ok(PskOffer {
        identities,
        binders,
    })
}

/// ServerHello or HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerHello {
    /// random; [`HELLO_RETRY_REQUEST_RANDOM`] for a HelloRetryRequest.
    pub random: [u8; 32],
    /// legacy_session_id_echo.
    pub session_id: Vec<u8>,
    /// cipher_suite.
    pub cipher_suite: u16,
    /// supported_versions' selected_version (0 if absent: a TLS 1.2 server).
    pub version: u16,
    /// key_share: the server's share (ServerHello).
    pub key_share: Option<KeyShare>,
    /// key_share: the selected group (HelloRetryRequest).
    pub selected_group: Option<u16>,
    /// cookie (HelloRetryRequest).
    pub cookie: Option<Vec<u8>>,
    /// pre_shared_key's selected_identity: the server resumes with this PSK.
    pub selected_psk: Option<u16>,
    /// Extension types present, in order.
    pub extension_types: Vec<u16>,
}

impl ServerHello {
    /// Whether this is a HelloRetryRequest.
    #[must_use]
    pub fn is_retry_request(&self) -> bool {
        self.random == HELLO_RETRY_REQUEST_RANDOM
    }

    /// The whole message, annotated.
    ///
    /// # Errors
    /// A field too long for its length prefix.
    pub fn encode(&self) -> Result<Annotated> {
        let retry = self.is_retry_request();
        handshake_message(ht::SERVER_HELLO, "server_hello", |m| {
            m.put("legacy_version", "TLS 1.2 {3, 3}, frozen", &LEGACY_VERSION);
            m.put(
                "random",
                if retry {
                    "SHA-256(\"HelloRetryRequest\"): this ServerHello is a HelloRetryRequest \
                     (RFC 8446 §4.1.3)"
                } else {
                    "server random: 32 fresh random bytes"
                },
                &self.random,
            );
            let l = m.open_length("legacy_session_id_echo length", 1, "session ID");
            if !self.session_id.is_empty() {
                m.put(
                    "legacy_session_id_echo",
                    "the client's, echoed",
                    &self.session_id,
                );
            }
            m.close_length(l)?;
            m.put(
                "cipher_suite",
                suite_meaning(self.cipher_suite),
                &self.cipher_suite.to_be_bytes(),
            );
            m.put("legacy_compression_method", "null (0)", &[0]);
            extensions(m, |m| {
                extension(m, ext::SUPPORTED_VERSIONS, |m| {
                    m.put(
                        "selected_version",
                        "TLS 1.3 (0x0304)",
                        &self.version.to_be_bytes(),
                    );
                    Ok(())
                })?;
                if let Some(group) = self.selected_group {
                    extension(m, ext::KEY_SHARE, |m| {
                        m.put(
                            "selected_group",
                            format!("{}: send a key share for this group", group_meaning(group)),
                            &group.to_be_bytes(),
                        );
                        Ok(())
                    })?;
                }
                if let Some(share) = &self.key_share {
                    extension(m, ext::KEY_SHARE, |m| share.put(m))?;
                }
                if let Some(index) = self.selected_psk {
                    extension(m, ext::PRE_SHARED_KEY, |m| {
                        m.put(
                            "selected_identity",
                            format!(
                                "the server accepts the client's PSK number {index}: this is \
                                 a resumption"
                            ),
                            &index.to_be_bytes(),
                        );
                        Ok(())
                    })?;
                }
                if let Some(cookie) = &self.cookie {
                    extension(m, ext::COOKIE, |m| {
                        let l = m.open_length("cookie length", 2, "cookie");
                        m.put("cookie", "to be echoed", cookie);
                        m.close_length(l)
                    })?;
                }
                Ok(())
            })
        })
    }

    /// Reads a ServerHello or HelloRetryRequest.
    ///
    /// # Errors
    /// A malformed message, naming the field.
    pub fn parse(message: &[u8]) -> Result<Self> {
        const WHAT: &str = "ServerHello";
        let mut r = Reader::handshake(message, ht::SERVER_HELLO, WHAT)?;
        r.take(2, "legacy_version")?;
        let random = r.array("random")?;
        let session_id = r.vector(1, "legacy_session_id_echo")?.rest().to_vec();
        let cipher_suite = r.u16("cipher_suite")?;
        let compression = r.u8("legacy_compression_method")?;
        if compression != 0 {
            return Err(Error::malformed(
                WHAT,
                format!("legacy_compression_method is {compression}, not 0"),
            ));
        }
        let exts = read_extensions(&mut r, WHAT)?;
        r.finish("the extensions")?;
        let mut hello = Self {
            random,
            session_id,
            cipher_suite,
            extension_types: exts.iter().map(|(t, _)| *t).collect(),
            ..Self::default()
        };
        if let Some(d) = find(&exts, ext::SUPPORTED_VERSIONS) {
            let mut v = Reader::new(d, WHAT);
            hello.version = v.u16("selected_version")?;
            v.finish("selected_version")?;
        }
        if let Some(d) = find(&exts, ext::KEY_SHARE) {
            let mut k = Reader::new(d, WHAT);
            if hello.is_retry_request() {
                hello.selected_group = Some(k.u16("selected_group")?);
            } else {
                hello.key_share = Some(KeyShare::read(&mut k)?);
            }
            k.finish("key_share")?;
        }
        if let Some(d) = find(&exts, ext::COOKIE) {
            hello.cookie = Some(Reader::new(d, WHAT).vector(2, "cookie")?.rest().to_vec());
        }
        if let Some(d) = find(&exts, ext::PRE_SHARED_KEY) {
            let mut p = Reader::new(d, WHAT);
            hello.selected_psk = Some(p.u16("selected_identity")?);
            p.finish("selected_identity")?;
        }
        Ok(hello)
    }
}

/// EncryptedExtensions (RFC 8446 §4.3.1): the extensions not needed to derive keys.
///
/// # Errors
/// None in practice.
pub fn encrypted_extensions(server_name_acknowledged: bool) -> Result<Annotated> {
    handshake_message(ht::ENCRYPTED_EXTENSIONS, "encrypted_extensions", |m| {
        extensions(m, |m| {
            if server_name_acknowledged {
                // RFC 6066 §3: an empty server_name says the server used the name.
                extension(m, ext::SERVER_NAME, |_| Ok(()))?;
            }
            Ok(())
        })
    })
}

/// Reads EncryptedExtensions, returning the extension types.
///
/// # Errors
/// A malformed message; an extension that belongs in ServerHello.
pub fn parse_encrypted_extensions(message: &[u8]) -> Result<Vec<u16>> {
    const WHAT: &str = "EncryptedExtensions";
    let mut r = Reader::handshake(message, ht::ENCRYPTED_EXTENSIONS, WHAT)?;
    let exts: Vec<u16> = read_extensions(&mut r, WHAT)?
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    r.finish("the extensions")?;
    let mut types = Vec::new();
    for t in exts {
        if matches!(
            t,
            ext::KEY_SHARE | ext::SUPPORTED_VERSIONS | ext::PRE_SHARED_KEY
        ) {
            return Err(Error::illegal_parameter(
                WHAT,
                format!(
                    "{} belongs in ServerHello, not EncryptedExtensions (RFC 8446 §4.2: \
                     illegal_parameter)",
                    extension_name(t)
                ),
            ));
        }
        types.push(t);
    }
    Ok(types)
}

/// Certificate (RFC 8446 §4.4.2) with one certificate and no extensions.
///
/// # Errors
/// A certificate over 2^24 − 1 bytes.
pub fn certificate(der: &[u8]) -> Result<Annotated> {
    handshake_message(ht::CERTIFICATE, "certificate", |m| {
        m.put(
            "certificate_request_context length",
            "0: empty (this is not a reply to a post-handshake request)",
            &[0],
        );
        let l = m.open_length("certificate_list length", 3, "certificate entries");
        let c = m.open_length("cert_data length", 3, "certificate");
        m.put(
            "cert_data",
            "the server's X.509 certificate, DER (RFC 5280): its public key checks \
             CertificateVerify",
            der,
        );
        m.close_length(c)?;
        m.put(
            "extensions length",
            "0: no per-certificate extensions",
            &[0, 0],
        );
        m.close_length(l)
    })
}

/// Reads the server's Certificate message: the DER certificates, leaf first.
///
/// # Errors
/// A malformed message, a certificate_request_context that is not empty, or an empty
/// list.
pub fn parse_certificate(message: &[u8]) -> Result<Vec<Vec<u8>>> {
    const WHAT: &str = "Certificate";
    let mut r = Reader::handshake(message, ht::CERTIFICATE, WHAT)?;
    let context = r.vector(1, "certificate_request_context")?.rest();
    if !context.is_empty() {
        return Err(Error::malformed(
            WHAT,
            format!(
                "certificate_request_context has {} bytes; a server's Certificate carries \
                 an empty one (RFC 8446 §4.4.2: decode_error)",
                context.len()
            ),
        ));
    }
    let mut list = r.vector(3, "certificate_list")?;
    r.finish("certificate_list")?;
    let mut out = Vec::new();
    while !list.is_empty() {
        let cert = list.vector(3, "cert_data")?.rest();
        list.vector(2, "extensions")?;
        out.push(cert.to_vec());
    }
    if out.is_empty() {
        return Err(Error::malformed(
            WHAT,
            "the server sent no certificate (RFC 8446 §4.4.2.4: decode_error)",
        ));
    }
    Ok(out)
}

/// RFC 8446 §4.4.3: what CertificateVerify signs — 64 spaces, the context string, a zero
/// byte, and the transcript hash.
#[must_use]
pub fn certificate_verify_content(server: bool, transcript_hash: &[u8]) -> Vec<u8> {
    let context: &[u8] = if server {
        b"TLS 1.3, server CertificateVerify"
    } else {
        b"TLS 1.3, client CertificateVerify"
    };
    let mut out = vec![0x20u8; 64];
    out.extend_from_slice(context);
    out.push(0);
    out.extend_from_slice(transcript_hash);
    out
}

/// CertificateVerify (RFC 8446 §4.4.3).
///
/// # Errors
/// A signature over 65,535 bytes.
pub fn certificate_verify(scheme: u16, signature: &[u8]) -> Result<Annotated> {
    handshake_message(ht::CERTIFICATE_VERIFY, "certificate_verify", |m| {
        m.put(
            "algorithm",
            signature_scheme_name(scheme),
            &scheme.to_be_bytes(),
        );
        let l = m.open_length("signature length", 2, "signature");
        m.put(
            "signature",
            "ECDSA (DER) over 64 spaces ‖ \"TLS 1.3, server CertificateVerify\" ‖ 0 ‖ \
             Transcript-Hash(ClientHello .. Certificate)",
            signature,
        );
        m.close_length(l)
    })
}

/// Reads CertificateVerify: the scheme and the signature.
///
/// # Errors
/// A malformed message.
pub fn parse_certificate_verify(message: &[u8]) -> Result<(u16, Vec<u8>)> {
    let mut r = Reader::handshake(message, ht::CERTIFICATE_VERIFY, "CertificateVerify")?;
    let scheme = r.u16("algorithm")?;
    let signature = r.vector(2, "signature")?.rest().to_vec();
    r.finish("signature")?;
    Ok((scheme, signature))
}

/// Finished (RFC 8446 §4.4.4).
///
/// # Errors
/// None in practice.
pub fn finished(verify_data: &[u8], whose: &str) -> Result<Annotated> {
    handshake_message(ht::FINISHED, "finished", |m| {
        m.put(
            "verify_data",
            format!(
                "HMAC(finished_key, Transcript-Hash(...)): finished_key from the {whose} \
                 handshake traffic secret"
            ),
            verify_data,
        );
        Ok(())
    })
}

/// Reads Finished's verify_data, which must be Hash.length bytes.
///
/// # Errors
/// A malformed message, or verify_data of another length.
pub fn parse_finished(message: &[u8], hash_len: usize) -> Result<Vec<u8>> {
    let mut r = Reader::handshake(message, ht::FINISHED, "Finished")?;
    let data = r.rest().to_vec();
    if data.len() != hash_len {
        return Err(Error::InvalidLength {
            what: "Finished verify_data",
            expected: "Hash.length bytes (32 for SHA-256, 48 for SHA-384)",
            found: data.len(),
        });
    }
    Ok(data)
}

/// NewSessionTicket (RFC 8446 §4.6.1).
#[derive(Clone, PartialEq, Eq)]
pub struct NewSessionTicket {
    /// ticket_lifetime, seconds.
    pub lifetime: u32,
    /// ticket_age_add.
    pub age_add: u32,
    /// ticket_nonce.
    pub nonce: Vec<u8>,
    /// ticket: opaque to the client.
    pub ticket: Vec<u8>,
}

impl core::fmt::Debug for NewSessionTicket {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("NewSessionTicket")
            .field("lifetime", &self.lifetime)
            .field("ticket_len", &self.ticket.len())
            .finish_non_exhaustive()
    }
}

impl NewSessionTicket {
    /// The whole message, annotated.
    ///
    /// # Errors
    /// A nonce over 255 bytes or a ticket over 65,535.
    pub fn encode(&self) -> Result<Annotated> {
        handshake_message(ht::NEW_SESSION_TICKET, "new_session_ticket", |m| {
            m.put(
                "ticket_lifetime",
                format!("{} seconds", self.lifetime),
                &self.lifetime.to_be_bytes(),
            );
            m.put(
                "ticket_age_add",
                "random, added to the ticket's age to hide it on the wire",
                &self.age_add.to_be_bytes(),
            );
            let l = m.open_length("ticket_nonce length", 1, "nonce");
            m.put(
                "ticket_nonce",
                "makes this ticket's PSK unique",
                &self.nonce,
            );
            m.close_length(l)?;
            let l = m.open_length("ticket length", 2, "ticket");
            m.put(
                "ticket",
                "opaque to the client: the server's sealed state",
                &self.ticket,
            );
            m.close_length(l)?;
            m.put("extensions length", "0", &[0, 0]);
            Ok(())
        })
    }

    /// Reads a NewSessionTicket.
    ///
    /// # Errors
    /// A malformed message.
    pub fn parse(message: &[u8]) -> Result<Self> {
        let mut r = Reader::handshake(message, ht::NEW_SESSION_TICKET, "NewSessionTicket")?;
        let lifetime = u32::from_be_bytes(r.array("ticket_lifetime")?);
        let age_add = u32::from_be_bytes(r.array("ticket_age_add")?);
        let nonce = r.vector(1, "ticket_nonce")?.rest().to_vec();
        let ticket = r.vector(2, "ticket")?.rest().to_vec();
        r.vector(2, "extensions")?;
        r.finish("extensions")?;
        if ticket.is_empty() {
            return Err(Error::malformed("NewSessionTicket", "an empty ticket"));
        }
        Ok(Self {
            lifetime,
            age_add,
            nonce,
            ticket,
        })
    }
}

/// RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 in the transcript is
/// replaced by message_hash ‖ 00 00 Hash.length ‖ Hash(ClientHello1).
#[must_use]
pub fn message_hash(hash_of_client_hello1: &[u8]) -> Vec<u8> {
    let mut out = vec![ht::MESSAGE_HASH, 0, 0];
    out.push(u8::try_from(hash_of_client_hello1.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(hash_of_client_hello1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_certificate_with_a_request_context_is_refused() {
        let der = [0x30u8, 3, 2, 1, 0];
        let sent = certificate(&der).unwrap().bytes;
        assert_eq!(parse_certificate(&sent).unwrap(), vec![der.to_vec()]);
        let body = [&[2u8, 7, 7][..], &sent[5..]].concat();
        let len = u32::try_from(body.len()).unwrap().to_be_bytes();
        let with_context = [&[ht::CERTIFICATE][..], &len[1..], &body].concat();
        let e = parse_certificate(&with_context).unwrap_err().to_string();
        assert!(
            e.contains("certificate_request_context has 2 bytes") && e.contains("§4.4.2"),
            "{e}"
        );
    }

    #[test]
    fn hellos_round_trip() {
        let ch = ClientHello {
            random: [7; 32],
            session_id: vec![1; 32],
            cipher_suites: vec![0x1301, 0x1302],
            server_name: Some("localhost".into()),
            groups: vec![29, 23],
            signature_schemes: vec![ECDSA_SECP256R1_SHA256],
            versions: vec![TLS13],
            key_shares: vec![KeyShare {
                group: 29,
                key_exchange: vec![9; 32],
            }],
            psk_modes: vec![PSK_DHE_KE],
            cookie: Some(vec![1, 2, 3]),
            psk: Some(PskOffer {
                identities: vec![PskIdentity {
                    identity: vec![5; 40],
                    obfuscated_ticket_age: 77,
                }],
                binders: vec![vec![6; 32]],
            }),
            extension_types: vec![0, 10, 13, 43, 44, 45, 51, 41],
        };
        let bytes = ch.encode().unwrap();
        let mut end = 0;
        for f in &bytes.fields {
            assert_eq!(f.start, end, "{f:?}");
            end = f.end;
        }
        assert_eq!(ClientHello::parse(&bytes.bytes).unwrap(), ch);
        assert_eq!(ch.truncated(&bytes.bytes).len(), bytes.bytes.len() - 35);
        let hrr = ServerHello {
            random: HELLO_RETRY_REQUEST_RANDOM,
            cipher_suite: 0x1301,
            version: TLS13,
            selected_group: Some(23),
            extension_types: vec![43, 51],
            ..ServerHello::default()
        };
        let parsed = ServerHello::parse(&hrr.encode().unwrap().bytes).unwrap();
        assert!(parsed.is_retry_request());
        assert_eq!(parsed, hrr);
    }

    #[test]
    fn duplicate_extensions_are_refused() {
        let mut m = vec![1, 0, 0, 0];
        let body = [
            &[3u8, 3][..],
            &[0; 32],
            &[0],
            &[0, 2, 0x13, 0x01],
            &[1, 0],
            &[0, 8, 0, 43, 0, 0, 0, 43, 0, 0],
        ]
        .concat();
        m[3] = u8::try_from(body.len()).unwrap();
        m.extend_from_slice(&body);
        let e = ClientHello::parse(&m).unwrap_err().to_string();
        assert!(e.contains("appears twice"), "{e}");
    }
}
