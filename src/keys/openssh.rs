//! OpenSSH keys: the public key line (`ecdsa-sha2-nistp256 AAAA… comment`, RFC 5656 §3.1
//! inside RFC 4253 §6.6's string encoding) and the unencrypted private key file
//! (`-----BEGIN OPENSSH PRIVATE KEY-----`, the "openssh-key-v1" format of OpenSSH's
//! PROTOCOL.key).
//!
//! Only ECDSA on nistp256 is a key this playground can use. An `ssh-ed25519` key is
//! named for what it is: a signature key on the Edwards form of Curve25519, not an
//! X25519 key-exchange key.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use zeroize::Zeroizing;

use super::{PublicKey, SecretKey, p256_public_from_sec1, p256_secret};
use crate::error::{Error, Result};

/// The key types an OpenSSH public key line can start with.
pub const KEY_TYPES: &[&str] = &[
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "ssh-ed25519",
    "ssh-rsa",
    "ssh-dss",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "sk-ssh-ed25519@openssh.com",
];

const ED25519: Error = Error::WrongKeyKind {
    expected: "P-256 or X25519 key",
    found: "an Ed25519 key (ssh-ed25519): a signature key on the Edwards form of Curve25519, \
            not an X25519 key for key exchange. Make a P-256 key this playground reads with \
            `ssh-keygen -t ecdsa -b 256`, or an X25519 key with \
            `openssl genpkey -algorithm X25519`",
};

/// Reads RFC 4253 §5 `string` and `uint32` fields in order.
struct Fields<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> Fields<'a> {
    fn uint32(&mut self, name: &str) -> Result<u32> {
        let Some((head, rest)) = self.bytes.split_first_chunk::<4>() else {
            return Err(Error::malformed(
                self.what,
                format!("the data ends where {name} (4 bytes) was expected: it looks cut off"),
            ));
        };
        self.bytes = rest;
        Ok(u32::from_be_bytes(*head))
    }

    fn string(&mut self, name: &str) -> Result<&'a [u8]> {
        let len = usize::try_from(self.uint32(name)?).unwrap_or(usize::MAX);
        let Some(value) = self.bytes.get(..len) else {
            return Err(Error::malformed(
                self.what,
                format!(
                    "{name} says it has {len} bytes, but only {} follow: the data looks cut off",
                    self.bytes.len()
                ),
            ));
        };
        self.bytes = self.bytes.get(len..).unwrap_or_default();
        Ok(value)
    }

    fn text(&mut self, name: &str) -> Result<String> {
        Ok(String::from_utf8_lossy(self.string(name)?).into_owned())
    }
}

/// Says what a key type other than ecdsa-sha2-nistp256 is.
fn unsupported(key_type: &str) -> Error {
    let found = match key_type {
        "ssh-ed25519" | "sk-ssh-ed25519@openssh.com" => return ED25519,
        "ssh-rsa" => "an RSA key (ssh-rsa)".to_owned(),
        "ssh-dss" => "a DSA key (ssh-dss)".to_owned(),
        "ecdsa-sha2-nistp384" => "a P-384 key (ecdsa-sha2-nistp384)".to_owned(),
        "ecdsa-sha2-nistp521" => "a P-521 key (ecdsa-sha2-nistp521)".to_owned(),
        "sk-ecdsa-sha2-nistp256@openssh.com" => {
            "a FIDO security-key key (sk-ecdsa-sha2-nistp256@openssh.com), whose private \
             half stays in the token"
                .to_owned()
        }
        other => format!("an OpenSSH key of type {other:?}"),
    };
    Error::UnsupportedKey { found }
}

/// Reads the ecdsa-sha2-nistp256 public key fields after the key type: the curve
/// name and the SEC1 point Q (RFC 5656 §3.1).
fn p256_point(fields: &mut Fields<'_>) -> Result<p256::PublicKey> {
    let curve = fields.text("the curve name")?;
    if curve != "nistp256" {
        return Err(Error::malformed(
            fields.what,
            format!("the key type says nistp256 but the curve name is {curve:?}"),
        ));
    }
    p256_public_from_sec1(fields.string("the point Q")?)
}

/// A public key line as `ssh-keygen` writes it (and `authorized_keys` holds it):
/// `key-type base64-blob [comment]`.
pub struct PublicLine {
    /// The key.
    pub key: PublicKey,
    /// The comment after the key, often user@host.
    pub comment: Option<String>,
    /// What was around the key and left out (authorized_keys options, RFC 4716 headers,
    /// other lines).
    pub notes: Vec<String>,
}

/// Whether the text starts like an OpenSSH public key line.
#[must_use]
pub fn looks_like_public_line(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    KEY_TYPES.contains(&first)
}

/// Reads an OpenSSH public key line.
///
/// # Errors
/// A key type other than ecdsa-sha2-nistp256 (named, with advice for Ed25519), base64
/// that does not decode, a blob whose fields are cut off or disagree with the line.
pub fn parse_public_line(text: &str) -> Result<PublicLine> {
    let mut words = text.split_whitespace();
    let key_type = words.next().unwrap_or_default();
    if key_type != "ecdsa-sha2-nistp256" {
        return Err(unsupported(key_type));
    }
    let blob = words.next().ok_or_else(|| {
        Error::malformed(
            "OpenSSH public key",
            "the base64 key after the key type is missing",
        )
    })?;
    let comment = words.collect::<Vec<_>>().join(" ");
    let blob = super::text::from_base64(blob).map_err(|e| match e {
        Error::Malformed { detail, .. } => Error::malformed("OpenSSH public key", detail),
        other => other,
    })?;
    Ok(PublicLine {
        key: public_blob(&blob, Some(key_type), "OpenSSH public key")?,
        comment: (!comment.is_empty()).then_some(comment),
        notes: Vec::new(),
    })
}

/// Reads the key blob of a public key (RFC 4253 §6.6): its key type, which must be the
/// one the line gave if any, then the nistp256 fields.
fn public_blob(blob: &[u8], line_type: Option<&str>, what: &'static str) -> Result<PublicKey> {
    let mut fields = Fields { bytes: blob, what };
    let inner = fields.text("the key type")?;
    match line_type {
        Some(line) if inner != line => {
            return Err(Error::malformed(
                what,
                format!("the line says {line} but the key inside says {inner:?}"),
            ));
        }
        None if inner != "ecdsa-sha2-nistp256" => return Err(unsupported(&inner)),
        _ => {}
    }
    let point = p256_point(&mut fields)?;
    if !fields.bytes.is_empty() {
        return Err(Error::malformed(
            what,
            format!("{} unexpected bytes after the point", fields.bytes.len()),
        ));
    }
    Ok(PublicKey::P256(point))
}

/// Whether the text is an OpenSSH public key in a form beyond `ssh-keygen`'s line: an
/// `authorized_keys` line with options before the key type, a `known_hosts` line, lines
/// of either after `#` comments (as `ssh-keyscan` prints them), or the RFC 4716 block that
/// `ssh-keygen -e` writes.
#[cfg(feature = "reader")]
#[must_use]
pub fn looks_like_other_public(text: &str) -> bool {
    let line = first_key_line(text).unwrap_or_default();
    text.starts_with(RFC4716_BEGIN)
        || key_type_start(line).is_some()
        || looks_like_public_line(line)
}

/// The first line that is not blank or a `#` comment.
#[cfg(feature = "reader")]
fn first_key_line(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Reads an OpenSSH public key in any form: the line, an `authorized_keys` line with
/// options or a `known_hosts` line (said in a note), the first of several such lines
/// (the others said to be skipped), or an RFC 4716 block.
///
/// # Errors
/// As [`parse_public_line`]; an RFC 4716 block cut off or with bad base64.
#[cfg(feature = "reader")]
pub fn parse_public(text: &str) -> Result<PublicLine> {
    if text.starts_with(RFC4716_BEGIN) {
        return parse_rfc4716(text);
    }
    let line = first_key_line(text).unwrap_or_default();
    let mut read = match key_type_start(line) {
        None => parse_public_line(line)?,
        Some((start, before)) => {
            let (prefix, key) = line.split_at(start);
            let mut read = parse_public_line(key)?;
            read.notes.push(match before {
                Before::Options => format!(
                    "An authorized_keys line: skipped its options before the key ({}).",
                    prefix.trim()
                ),
                Before::KnownHosts => format!(
                    "A known_hosts line: read the host key of {}.",
                    prefix.trim()
                ),
            });
            read
        }
    };
    let others = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .count()
        .saturating_sub(1);
    if others > 0 {
        read.notes.push(format!(
            "Read the key on the first line; skipped the {others} line{} after it.",
            if others == 1 { "" } else { "s" }
        ));
    }
    Ok(read)
}

#[cfg(feature = "reader")]
const RFC4716_BEGIN: &str = "---- BEGIN SSH2 PUBLIC KEY ----";
#[cfg(feature = "reader")]
const RFC4716_END: &str = "---- END SSH2 PUBLIC KEY ----";

/// What stands before the key type on a line of OpenSSH's files.
#[cfg(feature = "reader")]
#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    /// `authorized_keys` options (sshd(8), AUTHORIZED_KEYS FILE FORMAT).
    Options,
    /// `known_hosts` host patterns, after an optional `@cert-authority` or `@revoked`.
    KnownHosts,
}

/// The options sshd(8) knows on an `authorized_keys` line.
#[cfg(feature = "reader")]
const OPTIONS: &[&str] = &[
    "agent-forwarding",
    "cert-authority",
    "command",
    "environment",
    "expiry-time",
    "from",
    "no-agent-forwarding",
    "no-port-forwarding",
    "no-pty",
    "no-touch-required",
    "no-user-rc",
    "no-x11-forwarding",
    "permitlisten",
    "permitopen",
    "port-forwarding",
    "principals",
    "pty",
    "restrict",
    "tunnel",
    "user-rc",
    "verify-required",
    "x11-forwarding",
];

/// Where the key type starts on an `authorized_keys` line with options or a
/// `known_hosts` line, and which of the two it is; `None` for any other text (a key line
/// of its own, a PuTTY key file's `PuTTY-User-Key-File-3: ecdsa-sha2-nistp256` header).
#[cfg(feature = "reader")]
fn key_type_start(text: &str) -> Option<(usize, Before)> {
    let mut quoted = false;
    let mut escaped = false;
    let mut words = 0usize;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        match c {
            '\n' => return None,
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words = words.saturating_add(1);
                    in_word = false;
                }
                let rest = text.get(i..)?.trim_start();
                let first = rest.split_whitespace().next()?;
                if KEY_TYPES.contains(&first) {
                    let start = text.len().checked_sub(rest.len())?;
                    return before_key(text.get(..i)?.trim()).map(|b| (start, b));
                }
                // known_hosts: a marker and the hosts at most.
                if words >= 2 {
                    return None;
                }
            }
            _ => in_word = true,
        }
    }
    None
}

/// Says what the text before a key type is.
#[cfg(feature = "reader")]
fn before_key(before: &str) -> Option<Before> {
    if before.is_empty() || before.ends_with(':') {
        return None;
    }
    if is_options(before) {
        return Some(Before::Options);
    }
    let mut words = before.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(_), None, _) => Some(Before::KnownHosts),
        (Some(marker), Some(_), None) if marker.starts_with('@') => Some(Before::KnownHosts),
        _ => None,
    }
}

/// Whether the text is `authorized_keys` options: comma-separated names sshd knows, each
/// alone or with a value in double quotes.
#[cfg(feature = "reader")]
fn is_options(text: &str) -> bool {
    let mut option = String::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut options = Vec::new();
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => options.push(core::mem::take(&mut option)),
            c if c.is_whitespace() && !quoted => return false,
            c if !quoted => option.push(c),
            _ => {}
        }
    }
    options.push(option);
    options.iter().all(|o| {
        let name = o.strip_suffix('=').unwrap_or(o);
        OPTIONS.iter().any(|known| known.eq_ignore_ascii_case(name))
    })
}

/// Reads the RFC 4716 block `ssh-keygen -e -f key.pub` writes: header lines
/// (`Comment: "…"`, continued by a trailing backslash), then the key blob in base64.
#[cfg(feature = "reader")]
fn parse_rfc4716(text: &str) -> Result<PublicLine> {
    const WHAT: &str = "SSH2 public key (RFC 4716)";
    let body = text.get(RFC4716_BEGIN.len()..).unwrap_or_default();
    let Some(end) = body.find(RFC4716_END) else {
        return Err(Error::malformed(
            WHAT,
            format!("the \"{RFC4716_END}\" line is missing: copy the whole block"),
        ));
    };
    let mut comment = None;
    let mut headers = Vec::new();
    let mut base64 = String::new();
    let mut continued: Option<String> = None;
    for line in body.get(..end).unwrap_or_default().lines().map(str::trim) {
        if let Some(mut header) = continued.take() {
            header.push_str(line.strip_suffix('\\').unwrap_or(line));
            if line.ends_with('\\') {
                continued = Some(header);
            } else {
                headers.push(header);
            }
            continue;
        }
        if line.contains(':') {
            let header = line.strip_suffix('\\').unwrap_or(line).to_owned();
            if line.ends_with('\\') {
                continued = Some(header);
            } else {
                headers.push(header);
            }
        } else {
            base64.push_str(line);
        }
    }
    for header in headers {
        let Some((tag, value)) = header.split_once(':') else {
            continue;
        };
        if tag.trim().eq_ignore_ascii_case("comment") {
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            comment = Some(value.to_owned());
        }
    }
    let blob = super::text::from_base64(&base64).map_err(|e| match e {
        Error::Malformed { detail, .. } => Error::malformed(WHAT, detail),
        other => other,
    })?;
    Ok(PublicLine {
        key: public_blob(&blob, None, WHAT)?,
        comment,
        notes: vec![
            "An SSH2 public key block (RFC 4716, as ssh-keygen -e writes it): the same key \
             as the one-line form."
                .to_owned(),
        ],
    })
}

/// Writes a P-256 key as `ssh-keygen` writes a public key line (without a comment).
///
/// # Errors
/// [`Error::UnsupportedKey`] for an X25519 key: OpenSSH has no X25519 keys.
pub fn public_line(key: &PublicKey) -> Result<String> {
    let PublicKey::P256(_) = key else {
        return Err(Error::UnsupportedKey {
            found: "an X25519 key in OpenSSH form (OpenSSH has no X25519 keys)".to_owned(),
        });
    };
    let mut blob = Vec::new();
    for field in [
        b"ecdsa-sha2-nistp256".as_slice(),
        b"nistp256",
        key.to_raw().as_slice(),
    ] {
        let len = u32::try_from(field.len()).unwrap_or(u32::MAX);
        blob.extend_from_slice(&len.to_be_bytes());
        blob.extend_from_slice(field);
    }
    Ok(format!(
        "ecdsa-sha2-nistp256 {}",
        super::text::to_base64(&blob)
    ))
}

/// What an unencrypted `openssh-key-v1` file holds: the key and its comment.
pub struct PrivateFile {
    /// The private key.
    pub key: SecretKey,
    /// The comment stored with it.
    pub comment: Option<String>,
}

/// Reads the contents of an "OPENSSH PRIVATE KEY" PEM block (openssh-key-v1).
///
/// # Errors
/// A key encrypted with a passphrase (with the command that removes it), a key type
/// other than ecdsa-sha2-nistp256, a file with several keys, or fields that are cut
/// off, inconsistent or do not match.
pub fn parse_private(bytes: &[u8]) -> Result<PrivateFile> {
    const WHAT: &str = "OpenSSH private key";
    const MAGIC: &[u8] = b"openssh-key-v1\0";
    let Some(body) = bytes.strip_prefix(MAGIC) else {
        return Err(Error::malformed(
            WHAT,
            "it does not start with \"openssh-key-v1\"",
        ));
    };
    let mut fields = Fields {
        bytes: body,
        what: WHAT,
    };
    let cipher = fields.text("the cipher name")?;
    let kdf = fields.text("the KDF name")?;
    fields.string("the KDF options")?;
    if cipher != "none" || kdf != "none" {
        return Err(Error::malformed(
            WHAT,
            format!(
                "the key is encrypted with a passphrase ({cipher}); remove the passphrase \
                 from a copy with `ssh-keygen -p -N \"\" -f copy-of-key`"
            ),
        ));
    }
    let count = fields.uint32("the number of keys")?;
    if count != 1 {
        return Err(Error::malformed(
            WHAT,
            format!("the file holds {count} keys; this playground reads files with one"),
        ));
    }
    let public_blob = fields.string("the public key")?;
    let private = Zeroizing::new(fields.string("the private section")?.to_vec());
    if !fields.bytes.is_empty() {
        return Err(Error::malformed(
            WHAT,
            "unexpected bytes after the private section",
        ));
    }
    let mut public_fields = Fields {
        bytes: public_blob,
        what: WHAT,
    };
    let key_type = public_fields.text("the key type")?;
    if key_type != "ecdsa-sha2-nistp256" {
        return Err(unsupported(&key_type));
    }
    let public = p256_point(&mut public_fields)?;

    let mut fields = Fields {
        bytes: &private,
        what: WHAT,
    };
    // Two equal random numbers: they differ when a wrong passphrase decrypted the section.
    if fields.uint32("the first check number")? != fields.uint32("the second check number")? {
        return Err(Error::malformed(
            WHAT,
            "the two check numbers differ: the private section is damaged",
        ));
    }
    let inner_type = fields.text("the private key type")?;
    if inner_type != key_type {
        return Err(Error::malformed(
            WHAT,
            format!("the public key is {key_type} but the private key is {inner_type:?}"),
        ));
    }
    let inner_public = p256_point(&mut fields)?;
    // mpint (RFC 4251 §5): big-endian two's complement, a leading zero when the top
    // bit is set.
    let d = fields.string("the private scalar")?;
    let d = match d {
        [0, rest @ ..] if rest.first().is_some_and(|b| b & 0x80 != 0) => rest,
        [first, ..] if first & 0x80 != 0 => {
            return Err(Error::malformed(WHAT, "the private scalar is negative"));
        }
        other => other,
    };
    if d.len() > 32 {
        return Err(Error::InvalidLength {
            what: "OpenSSH P-256 private scalar",
            expected: "at most 32 bytes",
            found: d.len(),
        });
    }
    let mut scalar = Zeroizing::new([0u8; 32]);
    // Right-aligned: at most 32 bytes, checked above.
    for (s, b) in scalar.iter_mut().rev().zip(d.iter().rev()) {
        *s = *b;
    }
    let key = SecretKey::P256(p256_secret(scalar.as_slice())?);
    let comment = fields.text("the comment")?;
    // Padding 1, 2, 3, ... up to the cipher's block size.
    if !fields
        .bytes
        .iter()
        .enumerate()
        .all(|(i, &b)| usize::from(b) == i.saturating_add(1))
    {
        return Err(Error::malformed(
            WHAT,
            "the padding after the key is not 1, 2, 3, ...",
        ));
    }
    let PublicKey::P256(derived) = key.public_key() else {
        return Err(Error::malformed(WHAT, "the private key is not a P-256 key"));
    };
    if derived != public || derived != inner_public {
        return Err(Error::malformed(
            WHAT,
            "the public key stored in the file does not belong to the private key",
        ));
    }
    Ok(PrivateFile {
        key,
        comment: (!comment.is_empty()).then_some(comment),
    })
}
