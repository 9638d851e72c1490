//! ClientHello (RFC 5246 §7.4.1.2) and ServerHello (RFC 5246 §7.4.1.3) with the
//! extensions an ECDHE_ECDSA handshake needs: supported_groups and ec_point_formats
//! (RFC 8422 §5.1) and signature_algorithms (RFC 5246 §7.4.1.4.1).
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use super::handshake_type as ht;
use super::{
    CIPHER_SUITE, CIPHER_SUITE_NAME, SIGNATURE_SCHEME, TLS12, UNCOMPRESSED, group_meaning,
};
use crate::error::{Error, Result};
use crate::tls12::codec::{Annotated, Reader, handshake_message};

const EXT_SERVER_NAME: u16 = 0;
const EXT_SUPPORTED_GROUPS: u16 = 10;
const EXT_EC_POINT_FORMATS: u16 = 11;
const EXT_SIGNATURE_ALGORITHMS: u16 = 13;
/// SessionTicket (RFC 5077 §3.2).
const EXT_SESSION_TICKET: u16 = 35;
/// renegotiation_info (RFC 5746 §3.2).
const EXT_RENEGOTIATION_INFO: u16 = 0xff01;
/// TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3): the same signal as a suite.
pub const RENEGOTIATION_SCSV: u16 = 0x00ff;

fn renegotiation_info(m: &mut Annotated) -> Result<()> {
    extension(m, EXT_RENEGOTIATION_INFO, "renegotiation_info", |m| {
        m.put(
            "renegotiated_connection length",
            "0: this is the connection's first handshake (RFC 5746: secure renegotiation \
             supported, none done)",
            &[0],
        );
        Ok(())
    })
}

fn read_u16s(mut r: Reader<'_>, field: &str) -> Result<Vec<u16>> {
    let mut out = Vec::new();
    while !r.is_empty() {
        out.push(r.u16(field)?);
    }
    Ok(out)
}

fn extension(
    m: &mut Annotated,
    ext_type: u16,
    name: &'static str,
    data: impl FnOnce(&mut Annotated) -> Result<()>,
) -> Result<()> {
    m.put(
        "extension_type",
        format!("{name} ({ext_type})"),
        &ext_type.to_be_bytes(),
    );
    let length = m.open_length("extension_data length", 2, name);
    data(m)?;
    m.close_length(length)
}

fn point_formats(m: &mut Annotated, formats: &[u8]) -> Result<()> {
    let l = m.open_length("ec_point_format_list length", 1, "point formats");
    for f in formats {
        let meaning = if *f == UNCOMPRESSED {
            "uncompressed (0)".to_owned()
        } else {
            format!("point format {f}")
        };
        m.put("ec_point_format", meaning, &[*f]);
    }
    m.close_length(l)
}

/// ClientHello (RFC 5246 §7.4.1.2) with the extensions that matter here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientHello {
    /// ClientHello.random.
    pub random: [u8; 32],
    /// The cipher suites offered, in preference order.
    pub cipher_suites: Vec<u16>,
    /// supported_groups (RFC 8422 §5.1.1), in preference order; empty if absent.
    pub groups: Vec<u16>,
    /// ec_point_formats (RFC 8422 §5.1.2); empty if absent.
    pub point_formats: Vec<u8>,
    /// signature_algorithms (RFC 5246 §7.4.1.4.1); empty if absent.
    pub signature_schemes: Vec<u16>,
    /// Whether the client signals secure renegotiation (RFC 5746): the empty
    /// renegotiation_info extension, or the SCSV among its suites.
    pub renegotiation_info: bool,
    /// server_name (RFC 6066 §3): the host the client wants, if it says.
    pub server_name: Option<String>,
    /// session_id: empty, or the ID of a session to resume (RFC 5246 §7.4.1.2).
    pub session_id: Vec<u8>,
    /// SessionTicket (RFC 5077 §3.2): empty asks for a ticket; a ticket resumes.
    pub session_ticket: Option<Vec<u8>>,
}

impl ClientHello {
    /// The whole message, annotated.
    ///
    /// # Errors
    /// A list too long for its length prefix.
    pub fn encode(&self) -> Result<Annotated> {
        handshake_message(ht::CLIENT_HELLO, "client_hello", |m| {
            m.put("client_version", "TLS 1.2 {3, 3}", &TLS12);
            m.put(
                "random",
                "client_random: 32 bytes chosen by the client",
                &self.random,
            );
            let l = m.open_length("session_id length", 1, "session_id");
            if !self.session_id.is_empty() {
                m.put(
                    "session_id",
                    if self.session_ticket.as_ref().is_some_and(|t| !t.is_empty()) {
                        "a fresh ID sent with a ticket: the server echoes it if it accepts \
                         the ticket (RFC 5077 §3.4)"
                    } else {
                        "the ID of the session to resume: the server looks it up in its cache"
                    },
                    &self.session_id,
                );
            }
            m.close_length(l)?;
            let l = m.open_length("cipher_suites length", 2, "cipher suites");
            for s in &self.cipher_suites {
                let meaning = if *s == CIPHER_SUITE {
                    CIPHER_SUITE_NAME.to_owned()
                } else {
                    format!("cipher suite 0x{s:04x}")
                };
                m.put("cipher_suite", meaning, &s.to_be_bytes());
            }
            m.close_length(l)?;
            let l = m.open_length("compression_methods length", 1, "compression methods");
            m.put("compression_method", "null (0): no compression", &[0]);
            m.close_length(l)?;
            let l = m.open_length("extensions length", 2, "extensions");
            if let Some(name) = &self.server_name {
                extension(m, EXT_SERVER_NAME, "server_name", |m| {
                    let l = m.open_length("server_name_list length", 2, "server names");
                    m.put("name_type", "host_name (0)", &[0]);
                    let h = m.open_length("host_name length", 2, "host name");
                    m.put(
                        "host_name",
                        format!("\"{name}\": in clear, for the server to pick its certificate"),
                        name.as_bytes(),
                    );
                    m.close_length(h)?;
                    m.close_length(l)
                })?;
            }
            extension(m, EXT_SUPPORTED_GROUPS, "supported_groups", |m| {
                let l = m.open_length("named_group_list length", 2, "groups");
                for g in &self.groups {
                    m.put("named_group", group_meaning(*g), &g.to_be_bytes());
                }
                m.close_length(l)
            })?;
            extension(m, EXT_EC_POINT_FORMATS, "ec_point_formats", |m| {
                point_formats(m, &self.point_formats)
            })?;
            extension(m, EXT_SIGNATURE_ALGORITHMS, "signature_algorithms", |m| {
                let l = m.open_length("supported_signature_algorithms length", 2, "schemes");
                for s in &self.signature_schemes {
                    let meaning = if *s == SIGNATURE_SCHEME {
                        "ecdsa_secp256r1_sha256: {sha256(4), ecdsa(3)}".to_owned()
                    } else {
                        format!("signature scheme 0x{s:04x}")
                    };
                    m.put("signature_scheme", meaning, &s.to_be_bytes());
                }
                m.close_length(l)
            })?;
            if let Some(ticket) = &self.session_ticket {
                extension(m, EXT_SESSION_TICKET, "SessionTicket", |m| {
                    if ticket.is_empty() {
                        return Ok(());
                    }
                    m.put(
                        "ticket",
                        "the ticket the server sent earlier, opaque to the client: the \
                         session state sealed under the server's ticket key",
                        ticket,
                    );
                    Ok(())
                })?;
            }
            if self.renegotiation_info {
                renegotiation_info(m)?;
            }
            m.close_length(l)
        })
    }

    /// Reads a whole ClientHello message; unknown extensions are skipped.
    ///
    /// # Errors
    /// [`Error::Malformed`] naming the field that is missing or wrong.
    pub fn parse(message: &[u8]) -> Result<Self> {
        const WHAT: &str = "ClientHello";
        let mut r = Reader::handshake(message, ht::CLIENT_HELLO, WHAT)?;
        let version = r.array::<2>("client_version")?;
        if version != TLS12 {
            return Err(Error::malformed(
                WHAT,
                format!(
                    "client_version {{{}, {}}} is not TLS 1.2 {{3, 3}}",
                    version[0], version[1]
                ),
            ));
        }
        let random = r.array("random")?;
        let session_id = r.vector(1, "session_id")?.rest().to_vec();
        if session_id.len() > 32 {
            return Err(Error::malformed(
                WHAT,
                "session_id is over 32 bytes (RFC 5246 §7.4.1.2)",
            ));
        }
        let cipher_suites = read_u16s(r.vector(2, "cipher_suites")?, "cipher_suite")?;
        r.vector(1, "compression_methods")?;
        let mut hello = Self {
            renegotiation_info: cipher_suites.contains(&RENEGOTIATION_SCSV),
            random,
            cipher_suites,
            groups: Vec::new(),
            point_formats: Vec::new(),
            signature_schemes: Vec::new(),
            server_name: None,
            session_id,
            session_ticket: None,
        };
        if r.is_empty() {
            return Ok(hello);
        }
        let mut extensions = r.vector(2, "extensions")?;
        r.finish("extensions")?;
        while !extensions.is_empty() {
            let ext_type = extensions.u16("extension_type")?;
            let mut data = extensions.vector(2, "extension_data")?;
            match ext_type {
                EXT_SUPPORTED_GROUPS => {
                    hello.groups = read_u16s(data.vector(2, "named_group_list")?, "named_group")?;
                }
                EXT_EC_POINT_FORMATS => {
                    let mut list = data.vector(1, "ec_point_format_list")?;
                    while !list.is_empty() {
                        hello.point_formats.push(list.u8("ec_point_format")?);
                    }
                }
                EXT_SIGNATURE_ALGORITHMS => {
                    hello.signature_schemes = read_u16s(
                        data.vector(2, "supported_signature_algorithms")?,
                        "signature_scheme",
                    )?;
                }
                EXT_RENEGOTIATION_INFO => {
                    if !data.vector(1, "renegotiated_connection")?.is_empty() {
                        return Err(Error::malformed(
                            WHAT,
                            "renegotiation_info is not empty in a first handshake (RFC 5746 \
                             §3.6: handshake_failure)",
                        ));
                    }
                    hello.renegotiation_info = true;
                }
                EXT_SESSION_TICKET => {
                    hello.session_ticket = Some(data.rest().to_vec());
                }
                EXT_SERVER_NAME => {
                    let mut list = data.vector(2, "server_name_list")?;
                    while !list.is_empty() {
                        let name_type = list.u8("name_type")?;
                        let name = list.vector(2, "host_name")?.rest();
                        if name_type == 0 {
                            hello.server_name = Some(String::from_utf8_lossy(name).into_owned());
                        }
                    }
                }
                _ => continue,
            }
            data.finish("the extension")?;
        }
        Ok(hello)
    }
}

/// ServerHello (RFC 5246 §7.4.1.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerHello {
    /// ServerHello.random.
    pub random: [u8; 32],
    /// The suite the server chose.
    pub cipher_suite: u16,
    /// ec_point_formats (RFC 8422 §5.2).
    pub point_formats: Vec<u8>,
    /// The empty renegotiation_info extension (RFC 5746 §3.6), sent when the client
    /// signalled it.
    pub renegotiation_info: bool,
    /// session_id: the new session's ID, or the resumed one's echoed.
    pub session_id: Vec<u8>,
    /// The empty SessionTicket extension: a NewSessionTicket will follow (RFC 5077 §3.2).
    pub session_ticket: bool,
}

impl ServerHello {
    /// The whole message, annotated.
    ///
    /// # Errors
    /// A list too long for its length prefix.
    pub fn encode(&self) -> Result<Annotated> {
        handshake_message(ht::SERVER_HELLO, "server_hello", |m| {
            m.put("server_version", "TLS 1.2 {3, 3}", &TLS12);
            m.put(
                "random",
                "server_random: 32 bytes chosen by the server",
                &self.random,
            );
            let l = m.open_length("session_id length", 1, "session_id");
            if !self.session_id.is_empty() {
                m.put(
                    "session_id",
                    "the session's ID: the client's own echoed means the session is resumed \
                     (abbreviated handshake); a new one names the new session in the \
                     server's cache",
                    &self.session_id,
                );
            }
            m.close_length(l)?;
            m.put(
                "cipher_suite",
                CIPHER_SUITE_NAME,
                &self.cipher_suite.to_be_bytes(),
            );
            m.put("compression_method", "null (0)", &[0]);
            let l = m.open_length("extensions length", 2, "extensions");
            extension(m, EXT_EC_POINT_FORMATS, "ec_point_formats", |m| {
                point_formats(m, &self.point_formats)
            })?;
            if self.renegotiation_info {
                renegotiation_info(m)?;
            }
            if self.session_ticket {
                extension(m, EXT_SESSION_TICKET, "SessionTicket", |_| Ok(()))?;
            }
            m.close_length(l)
        })
    }

    /// Reads a whole ServerHello message.
    ///
    /// # Errors
    /// [`Error::Malformed`] naming the field that is missing or wrong.
    pub fn parse(message: &[u8]) -> Result<Self> {
        const WHAT: &str = "ServerHello";
        let mut r = Reader::handshake(message, ht::SERVER_HELLO, WHAT)?;
        if r.array::<2>("server_version")? != TLS12 {
            return Err(Error::malformed(
                WHAT,
                "server_version is not TLS 1.2 {3, 3}",
            ));
        }
        let random = r.array("random")?;
        let session_id = r.vector(1, "session_id")?.rest().to_vec();
        let cipher_suite = r.u16("cipher_suite")?;
        if r.u8("compression_method")? != 0 {
            return Err(Error::malformed(WHAT, "compression_method is not null (0)"));
        }
        let mut point_formats = Vec::new();
        let mut renegotiation_info = false;
        let mut session_ticket = false;
        if !r.is_empty() {
            let mut extensions = r.vector(2, "extensions")?;
            while !extensions.is_empty() {
                let ext_type = extensions.u16("extension_type")?;
                let mut data = extensions.vector(2, "extension_data")?;
                if ext_type == EXT_EC_POINT_FORMATS {
                    let mut list = data.vector(1, "ec_point_format_list")?;
                    while !list.is_empty() {
                        point_formats.push(list.u8("ec_point_format")?);
                    }
                } else if ext_type == EXT_RENEGOTIATION_INFO {
                    if !data.vector(1, "renegotiated_connection")?.is_empty() {
                        return Err(Error::malformed(
                            WHAT,
                            "renegotiation_info is not empty in a first handshake (RFC 5746 \
                             §3.4: handshake_failure)",
                        ));
                    }
                    renegotiation_info = true;
                } else if ext_type == EXT_SESSION_TICKET {
                    if !data.is_empty() {
                        return Err(Error::malformed(
                            WHAT,
                            "the SessionTicket extension of ServerHello is not empty (RFC \
                             5077 §3.2)",
                        ));
                    }
                    session_ticket = true;
                }
            }
        }
        r.finish("extensions")?;
        Ok(Self {
            random,
            cipher_suite,
            point_formats,
            renegotiation_info,
            session_id,
            session_ticket,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hellos_round_trip() {
        let hello = ClientHello {
            random: [7; 32],
            cipher_suites: vec![CIPHER_SUITE, 0x1301],
            groups: vec![29, 23, 0x1234],
            point_formats: vec![UNCOMPRESSED],
            signature_schemes: vec![SIGNATURE_SCHEME],
            renegotiation_info: true,
            server_name: Some("localhost".to_owned()),
            session_id: vec![3; 32],
            session_ticket: Some(vec![4; 50]),
        };
        let m = hello.encode().unwrap();
        assert_eq!(ClientHello::parse(&m.bytes).unwrap(), hello);
        let meanings: Vec<_> = m.fields.iter().map(|f| f.meaning.as_str()).collect();
        assert!(meanings.contains(&"unknown group 0x1234"));
        assert!(meanings.contains(&"cipher suite 0x1301"));
        let hello = ServerHello {
            random: [8; 32],
            cipher_suite: CIPHER_SUITE,
            point_formats: vec![UNCOMPRESSED],
            renegotiation_info: true,
            session_id: vec![5; 32],
            session_ticket: true,
        };
        assert_eq!(
            ServerHello::parse(&hello.encode().unwrap().bytes).unwrap(),
            hello
        );
    }

    #[test]
    fn wrong_version_and_type_are_named() {
        let mut m = ServerHello {
            random: [8; 32],
            cipher_suite: CIPHER_SUITE,
            point_formats: vec![],
            renegotiation_info: false,
            session_id: Vec::new(),
            session_ticket: false,
        }
        .encode()
        .unwrap()
        .bytes;
        assert_eq!(
            ClientHello::parse(&m).unwrap_err().to_string(),
            "malformed ClientHello: expected handshake message type 1, got 2"
        );
        m[5] = 1;
        assert_eq!(
            ServerHello::parse(&m).unwrap_err().to_string(),
            "malformed ServerHello: server_version is not TLS 1.2 {3, 3}"
        );
    }
}
