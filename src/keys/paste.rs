//! What a paste is, decided once, then each kind decoded in one place.
//!
//! [`classify`] looks at the text and says what it holds: PEM blocks (with their labels,
//! quoting removed), a JWK, an OpenSSH public key line, hex or base64 bytes. [`read`]
//! then takes the key out of it, for a place that wants a public key or a private key,
//! and records where it came from ([`Source`]) and what else the paste held. Public and
//! private keys share both steps; the inspector's "what was detected" is this reading.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use zeroize::Zeroizing;

#[cfg(feature = "reader")]
use super::jwk;
use super::text::{self, Pem};
use super::{Curve, PublicKey, PublicKeyFormat, SecretKey, der, openssh, x509};
use crate::error::{Error, Result};

/// What a paste is, before any key is read from it.
pub enum Paste {
    /// Nothing but white space.
    Empty,
    /// One or more PEM blocks, in the order pasted.
    Pem(Vec<Pem>),
    /// A JSON object: a JWK, or meant to be one.
    Jwk,
    /// An OpenSSH public key line (`ecdsa-sha2-nistp256 AAAA… comment`).
    OpenSsh,
    /// Bytes written as hex.
    Hex(Zeroizing<Vec<u8>>),
    /// Bytes written as base64 (any dialect).
    Base64(Zeroizing<Vec<u8>>),
    /// Bytes as a program prints them: `b'\x04…'`, `[4, 118, …]`, `<Buffer 04 …>`.
    #[cfg(feature = "reader")]
    Literal(super::literal::Literal),
    /// A key as a program prints it (Java's, Go's, Rust's p256's printouts): its bytes,
    /// which the printout says are a public key.
    #[cfg(feature = "reader")]
    KeyPrintout(super::literal::Literal),
    /// openssl's `-text` output of a key: its `pub:` and `priv:` blocks.
    #[cfg(feature = "reader")]
    OpensslText(super::literal::OpensslText),
    /// An END line with no BEGIN line: the start of a PEM block was not copied.
    PemWithoutBegin(String),
    /// None of these.
    Unknown,
}

/// Says what `input` is.
///
/// # Errors
/// PEM blocks that cannot be read (cut off, encrypted, bad base64), or hex with an odd
/// number of digits.
pub fn classify(input: &str) -> Result<Paste> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(Paste::Empty);
    }
    if text::find(input, "-----BEGIN").is_some() {
        // PEM written with \n escapes (JSON, a .env file): core reads it (text::unquote).
        #[cfg(not(feature = "reader"))]
        if text::find(input, "\\n").is_some() {
            return needs_reader("PEM written with \\n escapes");
        }
        return text::parse_pem_blocks(input).map(Paste::Pem);
    }
    if let Some(at) = text::find(input, "-----END ") {
        let label = input
            .get(at.saturating_add(9)..)
            .and_then(|rest| rest.get(..text::find(rest, "-----").unwrap_or(rest.len())))
            .unwrap_or_default()
            .trim();
        return Ok(Paste::PemWithoutBegin(label.to_owned()));
    }
    #[cfg(feature = "reader")]
    if openssh::looks_like_other_public(input) {
        return Ok(Paste::OpenSsh);
    }
    #[cfg(feature = "reader")]
    if let Some(text) = super::literal::openssl_text(input) {
        return Ok(Paste::OpensslText(text));
    }
    #[cfg(feature = "reader")]
    if !openssh::looks_like_public_line(input) {
        if let Some(key) = super::java::read(input)
            .or_else(|| super::rustcrypto::read(input))
            .or_else(|| super::golang::read(input))
            .or_else(|| super::literal::python_public_numbers(input))
        {
            return key.map(Paste::KeyPrintout);
        }
        if let Some(literal) = super::literal::read(input) {
            return literal.map(Paste::Literal);
        }
    }
    // Firefox's console writes an object as `Object { crv: "P-256", … }`.
    if input.starts_with('{') || input.starts_with("Object {") {
        return Ok(Paste::Jwk);
    }
    if openssh::looks_like_public_line(input) {
        return Ok(Paste::OpenSsh);
    }
    // Byte values in decimal (`4 118 179 …`), which core reads, are not hex: the first
    // module leaves digits in words, without a letter of hex, to core (a key's hex has
    // letters, and the same text typed as hex gets the same message from core).
    #[cfg(not(feature = "reader"))]
    {
        let (mut digits, mut words) = (true, false);
        for b in input.bytes() {
            words |= b.is_ascii_whitespace();
            digits &= b.is_ascii_digit() || b.is_ascii_whitespace();
        }
        if digits && words {
            return needs_reader("byte values in decimal");
        }
    }
    if text::looks_like_hex(input) {
        return text::from_hex(input).map(|b| Paste::Hex(Zeroizing::new(b)));
    }
    // Nor is a short word (`null`, `None`) base64 of a few bytes: core names it.
    if input.len() <= 9 && input.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Ok(Paste::Unknown);
    }
    Ok(text::from_base64(input).map_or(Paste::Unknown, |b| Paste::Base64(Zeroizing::new(b))))
}

/// Where a key came from, as a whole paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A public key on its own (PEM, DER, SEC1, raw, JWK).
    PublicKey,
    /// A private key (PKCS#8, SEC1 `ECPrivateKey`, JWK with "d", raw scalar).
    PrivateKey,
    /// `openssl ecparam -genkey` output: an EC PARAMETERS block and the key.
    EcParametersAndKey,
    /// An X.509 certificate.
    Certificate,
    /// A PKCS#10 certificate request.
    CertificateRequest,
    /// An OpenSSH public key line.
    OpenSsh,
    /// An unencrypted OpenSSH private key file.
    OpenSshPrivateKey,
}

impl Source {
    /// The name the JS API uses.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::PublicKey => "public-key",
            Self::PrivateKey => "private-key",
            Self::EcParametersAndKey => "ec-parameters+key",
            Self::Certificate => "certificate",
            Self::CertificateRequest => "certificate-request",
            Self::OpenSsh => "openssh",
            Self::OpenSshPrivateKey => "openssh-private-key",
        }
    }

    /// Whether the paste held a private key.
    #[must_use]
    pub const fn is_private(self) -> bool {
        matches!(
            self,
            Self::PrivateKey | Self::EcParametersAndKey | Self::OpenSshPrivateKey
        )
    }
}

/// What the caller wants from the paste.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// A public key (a private key is read too, and said to be one).
    Public,
    /// A private key; a raw 32-byte scalar needs the curve.
    Private(Option<Curve>),
}

/// The key a paste held.
pub enum Key {
    /// A public key.
    Public(PublicKey),
    /// A private key.
    Secret(SecretKey),
}

/// A key read from a paste, with what the paste was.
pub struct Reading {
    /// The key.
    pub key: Key,
    /// What the paste was, as a whole.
    pub source: Source,
    /// The encoding of the key inside: a [`PublicKeyFormat`] name ("pem", "spki",
    /// "raw", "compressed", "jwk", "openssh" and the "-base64" forms; "spki" too for a
    /// certificate as DER, whose key is a SubjectPublicKeyInfo), or for a private key
    /// as DER "pkcs8" or "sec1" (and their "-base64" forms).
    pub format: &'static str,
    /// The DER document the key was read from, if the paste held one.
    pub der: Option<Zeroizing<Vec<u8>>>,
    /// For a certificate or request: who and when.
    pub certificate: Option<x509::Summary>,
    /// For OpenSSH keys: the comment.
    pub comment: Option<String>,
    /// What else the paste held and was not used, in words.
    pub notes: Vec<String>,
    /// Whether any part of the paste was a private key (even one not used).
    pub contains_private_key: bool,
    /// Whether the key is bytes with nothing saying what they are (hex, base64 or a
    /// printout of bytes, read as a raw key): 32 such bytes may as well be a private
    /// scalar as an X25519 public key. Core only: the first module reads no printout that
    /// names a key, so every raw key it reads is bare.
    #[cfg(feature = "reader")]
    pub bare: bool,
}

impl Reading {
    fn new(key: Key, source: Source, format: &'static str) -> Self {
        Self {
            contains_private_key: matches!(key, Key::Secret(_)),
            #[cfg(feature = "reader")]
            bare: false,
            key,
            source,
            format,
            der: None,
            certificate: None,
            comment: None,
            notes: Vec::new(),
        }
    }

    fn with_der(mut self, der: &[u8]) -> Self {
        self.der = Some(Zeroizing::new(der.to_vec()));
        self
    }
}

/// A private key pasted where a public key belongs.
pub(crate) const PRIVATE_NOT_PUBLIC: Error = Error::WrongKeyKind {
    expected: "public key",
    found: "a private key: never share it; paste the PUBLIC KEY instead",
};

/// A private key that cannot be read (another curve, encrypted) pasted where a public
/// key belongs: what matters most is that it is private; then why it was not read.
#[cfg(feature = "reader")]
fn private_unread(e: &Error) -> Error {
    Error::PrivateKeyUnread { why: e.to_string() }
}

#[cfg(not(feature = "reader"))]
const fn private_unread(_: &Error) -> Error {
    PRIVATE_NOT_PUBLIC
}

#[cfg(feature = "reader")]
const NOT_RECOGNISED_PUBLIC: &str = "not recognised: expected PEM (-----BEGIN PUBLIC KEY----- \
     or a certificate), an OpenSSH key (ecdsa-sha2-nistp256 AAAA...), a JWK ({\"kty\": ...}), \
     or hex or base64 of DER SubjectPublicKeyInfo, a SEC1 point or a 32-byte X25519 key";

#[cfg(feature = "reader")]
const NOT_RECOGNISED_PRIVATE: &str = "not recognised: expected PEM (-----BEGIN PRIVATE \
     KEY-----, EC PRIVATE KEY or OPENSSH PRIVATE KEY), a JWK with \"d\", or hex of a 32-byte \
     scalar or of PKCS#8 DER";

/// Reads the key in `input`, as `want` asks.
///
/// # Errors
/// A message naming what the paste was and what is wrong with it.
pub fn read(input: &str, want: Want) -> Result<Reading> {
    // Quoted text (`"ecdsa-sha2-nistp256 …"`, `["{\"kty\": …}"]`) is read as the text
    // inside, by every reader below.
    #[cfg(feature = "reader")]
    if let Some(inner) = super::literal::quoted_text(input) {
        return read(inner, want);
    }
    let what = match want {
        Want::Public => "public key",
        Want::Private(_) => "private key",
    };
    match classify(input)? {
        Paste::Empty => Err(Error::malformed(what, "the input is empty")),
        Paste::Pem(blocks) => read_pem(&blocks, want),
        #[cfg(feature = "reader")]
        Paste::Jwk => read_jwk(input.trim(), want),
        #[cfg(feature = "reader")]
        Paste::OpenSsh => {
            let line = openssh::parse_public(input.trim())?;
            let mut reading = Reading::new(Key::Public(line.key), Source::OpenSsh, "openssh");
            reading.comment = line.comment;
            reading.notes.extend(line.notes);
            Ok(reading)
        }
        #[cfg(not(feature = "reader"))]
        Paste::Jwk => needs_reader("a JWK"),
        #[cfg(not(feature = "reader"))]
        Paste::OpenSsh => needs_reader("an OpenSSH public key"),
        #[cfg(feature = "reader")]
        Paste::OpensslText(text) => read_openssl_text(&text, want),
        #[cfg(feature = "reader")]
        Paste::Hex(bytes) => read_bytes(&bytes, true, want).map(bare),
        #[cfg(feature = "reader")]
        Paste::Base64(bytes) => read_bytes(&bytes, false, want).map(bare),
        #[cfg(not(feature = "reader"))]
        Paste::Hex(bytes) => read_bytes(&bytes, true, want),
        #[cfg(not(feature = "reader"))]
        Paste::Base64(bytes) => read_bytes(&bytes, false, want),
        #[cfg(feature = "reader")]
        Paste::Literal(literal) => {
            if let Some((text, note)) = literal.text_inside() {
                let mut reading = read(&text, want)?;
                reading.notes.push(note.to_owned());
                return Ok(reading);
            }
            read_printout(&literal, want).map(bare)
        }
        // Every key printout shows a public key (a private key's printout is refused as
        // it is read, or shows only its public key): never a private key, even where its
        // 32 bytes would make a scalar.
        #[cfg(feature = "reader")]
        Paste::KeyPrintout(key) => match want {
            Want::Public => read_printout(&key, want),
            Want::Private(_) => {
                Err(super::java::private_not_shown(key.kind).unwrap_or_else(|| {
                    Error::Printout(format!(
                        "this is {}, a public key, where a private key is needed: paste the \
                         private key (PKCS#8, SEC1, JWK with \"d\" or a raw scalar)",
                        key.kind
                    ))
                }))
            }
        },
        Paste::PemWithoutBegin(label) => Err(Error::malformed(
            "PEM",
            format!(
                "the \"-----BEGIN {label}-----\" line is missing: copy the whole block, \
                 from its BEGIN line to its END line"
            ),
        )),
        // The first module leaves what it does not recognise to core, which reads
        // more (a Python bytes literal, a JavaScript object) and says what it expected.
        #[cfg(not(feature = "reader"))]
        Paste::Unknown => needs_reader("this paste"),
        #[cfg(feature = "reader")]
        Paste::Unknown => Err(
            super::literal::not_a_key(input, matches!(want, Want::Private(_))).unwrap_or_else(
                || {
                    Error::malformed(
                        what,
                        match want {
                            Want::Public => NOT_RECOGNISED_PUBLIC,
                            Want::Private(_) => NOT_RECOGNISED_PRIVATE,
                        },
                    )
                },
            ),
        ),
    }
}

/// A reading of bytes that nothing names, as [`Reading::bare`] says: raw keys only.
#[cfg(feature = "reader")]
fn bare(mut reading: Reading) -> Reading {
    reading.bare = reading.format.starts_with("raw");
    reading
}

/// The key of a printout, with a note saying how it was read.
#[cfg(feature = "reader")]
fn read_printout(printout: &super::literal::Literal, want: Want) -> Result<Reading> {
    let mut reading = read_bytes(&printout.bytes, true, want).map_err(|e| {
        let why = super::rustcrypto::not_on_curve(printout.kind)
            .or_else(|| super::java::not_on_curve(printout.kind));
        match (&e, why) {
            (Error::PointNotOnCurve, Some(why)) => why,
            _ => e,
        }
    })?;
    reading.notes.push(format!(
        "Read {} bytes from {}.",
        printout.bytes.len(),
        printout.kind
    ));
    Ok(reading)
}

/// openssl's `-text` output: the `pub:` block where a public key is asked for (the
/// `priv:` block too, if there, read as the private key it is, as a PEM private key
/// would be), the `priv:` block where a private key is; the curve as the text names it.
#[cfg(feature = "reader")]
fn read_openssl_text(text: &super::literal::OpensslText, want: Want) -> Result<Reading> {
    const WHAT: &str = "openssl -text output";
    let note = |block: &str| format!("Read from openssl's -text output (its {block} block).");
    if let Some(found) = &text.other {
        let e = Error::UnsupportedKey {
            found: found.clone(),
        };
        return Err(if text.is_private && want == Want::Public {
            private_unread(&e)
        } else {
            e
        });
    }
    let private = match (&text.private, want, text.curve) {
        (Some(d), Want::Private(curve), found) => {
            let curve = curve.or(found).ok_or_else(|| {
                Error::malformed(
                    WHAT,
                    "it names no curve this playground reads (P-256, X25519)",
                )
            })?;
            Some(SecretKey::from_bytes(curve, d)?)
        }
        (Some(d), Want::Public, Some(curve)) => Some(SecretKey::from_bytes(curve, d)?),
        (Some(_), Want::Public, None) => {
            return Err(private_unread(&Error::malformed(
                WHAT,
                "it names no curve this playground reads (P-256, X25519)",
            )));
        }
        (None, Want::Private(_), _) => return Err(public_not_private()),
        (None, Want::Public, _) => None,
    };
    if let Some(secret) = private {
        if let Some(public) = &text.public
            && secret.public_key().to_raw().as_slice() != public.as_slice()
        {
            return Err(Error::malformed(
                WHAT,
                "its pub: block is not the public key of its priv: block",
            ));
        }
        let mut reading = Reading::new(Key::Secret(secret), Source::PrivateKey, "raw");
        reading.notes.push(note("priv:"));
        return Ok(reading);
    }
    let public = text
        .public
        .as_deref()
        .ok_or_else(|| Error::malformed(WHAT, "it has no pub: block"))?;
    let mut reading = read_bytes(public, true, want)?;
    reading.notes.push(note("pub:"));
    Ok(reading)
}

/// A JWK or a JWK Set, in JSON or as JavaScript or Python prints an object (said in a
/// note).
#[cfg(feature = "reader")]
fn read_jwk(text: &str, want: Want) -> Result<Reading> {
    let text = text.strip_prefix("Object ").unwrap_or(text);
    let strict = read_jwk_json(text);
    let Err(Error::Malformed { .. }) = strict else {
        return strict;
    };
    if let Some(e) = super::literal::not_a_key(text, matches!(want, Want::Private(_)))
        .or_else(|| super::literal::cut_short_object(text))
        .or_else(|| super::literal::bytes_in_object(text))
    {
        return Err(e);
    }
    let Some(json) = super::json::from_object_notation(text) else {
        return strict;
    };
    let mut reading = read_jwk_json(&json)?;
    reading.notes.push(
        "Read as JavaScript or Python prints an object (names without quotes, strings in \
         single quotes), not JSON: JSON.stringify(jwk) in JavaScript, json.dumps(jwk) in \
         Python write the JSON."
            .to_owned(),
    );
    Ok(reading)
}

/// A JWK, or a JWK Set: then the first of its keys on a curve this crate reads, said.
#[cfg(feature = "reader")]
fn read_jwk_json(text: &str) -> Result<Reading> {
    let reading = |parsed: jwk::ParsedJwk| match parsed.secret {
        Some(secret) => Reading::new(Key::Secret(secret), Source::PrivateKey, "jwk"),
        None => Reading::new(Key::Public(parsed.public), Source::PublicKey, "jwk"),
    };
    let Some(keys) = super::json::key_set(text)? else {
        return jwk::parse(text).map(reading);
    };
    let mut first_error = None;
    for (i, key) in keys.iter().enumerate() {
        match jwk::parse(key) {
            Ok(parsed) => {
                let mut read = reading(parsed);
                read.notes.push(format!(
                    "A JWK Set ({{\"keys\": [...]}}) of {} key{}: read key {}, the first on \
                     P-256 or X25519{}.",
                    keys.len(),
                    if keys.len() == 1 { "" } else { "s" },
                    i.saturating_add(1),
                    if keys.len() == 1 {
                        ""
                    } else {
                        "; the others were skipped"
                    }
                ));
                return Ok(read);
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(match first_error {
        Some(e) if keys.len() == 1 => e,
        Some(e) => Error::malformed(
            "JWK Set",
            format!(
                "none of its {} keys is a P-256 or X25519 key; the first: {e}",
                keys.len()
            ),
        ),
        None => Error::malformed("JWK Set", "its \"keys\" array is empty"),
    })
}

/// What one PEM block is, by its label.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Public,
    Certificate,
    Request,
    Pkcs8,
    Sec1,
    OpenSshPrivate,
    Encrypted,
    Parameters,
    Other,
}

impl Block {
    fn of(label: &str) -> Self {
        match label {
            "PUBLIC KEY" => Self::Public,
            "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE" => Self::Certificate,
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Self::Request,
            "PRIVATE KEY" => Self::Pkcs8,
            "EC PRIVATE KEY" => Self::Sec1,
            "OPENSSH PRIVATE KEY" => Self::OpenSshPrivate,
            "ENCRYPTED PRIVATE KEY" => Self::Encrypted,
            "EC PARAMETERS" => Self::Parameters,
            _ => Self::Other,
        }
    }

    const fn is_private(self) -> bool {
        matches!(self, Self::Pkcs8 | Self::Sec1 | Self::OpenSshPrivate)
    }
}

/// Picks the key from PEM blocks: for a public key, a PUBLIC KEY block first, then a
/// certificate, a request, a private key; for a private key, the first private key.
fn read_pem(blocks: &[Pem], want: Want) -> Result<Reading> {
    let kinds: Vec<Block> = blocks.iter().map(|b| Block::of(&b.label)).collect();
    let find = |wanted: &[Block]| {
        wanted
            .iter()
            .find_map(|w| kinds.iter().position(|k| k == w))
    };
    let private_kinds = [
        Block::Pkcs8,
        Block::Sec1,
        Block::OpenSshPrivate,
        Block::Encrypted,
    ];
    let chosen = match want {
        Want::Public => find(&[
            Block::Public,
            Block::Certificate,
            Block::Request,
            Block::Pkcs8,
            Block::Sec1,
            Block::OpenSshPrivate,
            Block::Encrypted,
        ]),
        Want::Private(_) => find(&private_kinds),
    };
    let Some(index) = chosen else {
        return Err(no_key_in_pem(blocks, &kinds, want));
    };
    let (Some(block), Some(&kind)) = (blocks.get(index), kinds.get(index)) else {
        return Err(no_key_in_pem(blocks, &kinds, want));
    };
    let mut reading = match read_block(block, kind) {
        Ok(reading) => reading,
        // A private key that cannot be read (another curve, encrypted) where a public
        // key belongs: what matters most is that it is private.
        Err(e)
            if want == Want::Public
                && (kind.is_private() || kind == Block::Encrypted)
                && !matches!(e, Error::NeedsReader { .. }) =>
        {
            return Err(private_unread(&e));
        }
        Err(e) => return Err(e),
    };
    for (i, (other, other_kind)) in blocks.iter().zip(&kinds).enumerate() {
        if i == index {
            continue;
        }
        if *other_kind == Block::Parameters {
            check_parameters(other, &reading)?;
            if kind == Block::Sec1 {
                reading.source = Source::EcParametersAndKey;
            }
            reading.notes.push(format!(
                "Skipped the EC PARAMETERS block: it only names the curve ({}), which is the \
                 key's.",
                key_curve(&reading.key)
            ));
            continue;
        }
        if other_kind.is_private() || *other_kind == Block::Encrypted {
            reading.contains_private_key = true;
        }
        let position = ordinal(i);
        reading.notes.push(format!(
            "Skipped the {position} PEM block ({}): the key was taken from the {} ({}).",
            other.label,
            ordinal(index),
            block.label
        ));
    }
    Ok(reading)
}

fn ordinal(i: usize) -> String {
    match i {
        0 => "first".into(),
        1 => "second".into(),
        2 => "third".into(),
        n => format!("{}th", n.saturating_add(1)),
    }
}

const fn key_curve(key: &Key) -> Curve {
    match key {
        Key::Public(k) => k.curve(),
        Key::Secret(k) => k.curve(),
    }
}

/// The EC PARAMETERS block must name the key's curve (RFC 5480 §2.1.1: a named curve).
fn check_parameters(block: &Pem, reading: &Reading) -> Result<()> {
    let named = der::named_curve(&block.der)?;
    let curve = key_curve(&reading.key);
    if named == der::SECP256R1 && curve == Curve::P256 {
        Ok(())
    } else {
        Err(Error::malformed(
            "EC PARAMETERS",
            format!(
                "the EC PARAMETERS block names {}, but the key is {} {curve} key",
                super::oid::describe(named),
                if curve == Curve::P256 { "a" } else { "an" }
            ),
        ))
    }
}

fn no_key_in_pem(blocks: &[Pem], kinds: &[Block], want: Want) -> Error {
    let labels = blocks
        .iter()
        .map(|b| format!("{:?}", b.label))
        .collect::<Vec<_>>()
        .join(", ");
    let only = |k: Block| kinds.iter().all(|x| *x == k);
    if only(Block::Parameters) {
        return Error::malformed(
            "PEM",
            "this is only EC PARAMETERS (the name of a curve), not a key: `openssl ecparam \
             -genkey` writes the key after it; paste both blocks",
        );
    }
    match want {
        Want::Private(_) if kinds.contains(&Block::Public) => Error::WrongKeyKind {
            expected: "private key",
            found: "a public key (\"BEGIN PUBLIC KEY\")",
        },
        Want::Private(_)
            if kinds
                .iter()
                .any(|k| matches!(k, Block::Certificate | Block::Request)) =>
        {
            Error::WrongKeyKind {
                expected: "private key",
                found: "a certificate, which holds only a public key",
            }
        }
        Want::Private(_) => Error::malformed(
            "PEM",
            format!(
                "unexpected label {labels}: expected \"PRIVATE KEY\", \"EC PRIVATE KEY\" or \
                 \"OPENSSH PRIVATE KEY\""
            ),
        ),
        Want::Public => Error::malformed(
            "PEM",
            format!(
                "unexpected label {labels}: expected \"PUBLIC KEY\", \"CERTIFICATE\" or a \
                 private key to take the public key from"
            ),
        ),
    }
}

/// Without the `reader` feature (the playground's first module): the paste is one this
/// build leaves to the core build.
#[cfg(not(feature = "reader"))]
const fn needs_reader<T>(found: &'static str) -> Result<T> {
    Err(Error::NeedsReader { found })
}

#[cfg(not(feature = "reader"))]
fn read_block(block: &Pem, kind: Block) -> Result<Reading> {
    match kind {
        Block::Public => Ok(Reading::new(
            Key::Public(der::public_key_from_spki(&block.der)?),
            Source::PublicKey,
            "pem",
        )
        .with_der(&block.der)),
        Block::Certificate => needs_reader("a certificate"),
        Block::Request => needs_reader("a certificate request"),
        Block::Pkcs8 | Block::Sec1 => needs_reader("a private key"),
        Block::OpenSshPrivate => needs_reader("an OpenSSH private key"),
        Block::Encrypted | Block::Parameters | Block::Other => needs_reader("this PEM block"),
    }
}

#[cfg(feature = "reader")]
fn read_block(block: &Pem, kind: Block) -> Result<Reading> {
    let der = &block.der;
    let reading = match kind {
        Block::Public => Reading::new(
            Key::Public(der::public_key_from_spki(der)?),
            Source::PublicKey,
            "pem",
        ),
        Block::Certificate if block.label == "TRUSTED CERTIFICATE" => {
            return read_trusted_certificate(der);
        }
        Block::Certificate | Block::Request => return read_certificate(der, kind, "pem"),
        Block::Pkcs8 => Reading::new(
            Key::Secret(der::secret_key_from_pkcs8(der)?),
            Source::PrivateKey,
            "pem",
        ),
        Block::Sec1 => Reading::new(
            Key::Secret(der::secret_key_from_sec1(der)?),
            Source::PrivateKey,
            "pem",
        ),
        Block::OpenSshPrivate => {
            let file = openssh::parse_private(der)?;
            let mut reading =
                Reading::new(Key::Secret(file.key), Source::OpenSshPrivateKey, "openssh");
            reading.comment = file.comment;
            return Ok(reading);
        }
        Block::Encrypted => {
            return Err(Error::malformed(
                "PEM",
                "the key is encrypted with a password; export it unencrypted \
                 (openssl pkey -in key.pem -out plain.pem)",
            ));
        }
        Block::Parameters | Block::Other => {
            return Err(Error::malformed(
                "PEM",
                format!("a {:?} block holds no key", block.label),
            ));
        }
    };
    Ok(reading.with_der(der))
}

/// OpenSSL's `BEGIN TRUSTED CERTIFICATE` (`openssl x509 -trustout`): the certificate,
/// then its trust settings (X509_CERT_AUX: the uses it is trusted for, an alias).
#[cfg(feature = "reader")]
fn read_trusted_certificate(der: &[u8]) -> Result<Reading> {
    let mut outer = der::Reader::new(der, "trusted certificate");
    let certificate = outer.tlv()?.whole(der);
    let mut reading = read_certificate(certificate, Block::Certificate, "pem")?;
    let settings = der.len().saturating_sub(certificate.len());
    if settings > 0 {
        reading.notes.push(format!(
            "A TRUSTED CERTIFICATE (openssl x509 -trustout): read the certificate; skipped \
             the {settings} bytes of OpenSSL's trust settings after it."
        ));
    }
    Ok(reading)
}

#[cfg(feature = "reader")]
fn read_certificate(der: &[u8], kind: Block, format: &'static str) -> Result<Reading> {
    let (cert, source) = if kind == Block::Request {
        (x509::parse_request(der)?, Source::CertificateRequest)
    } else {
        (x509::parse_certificate(der)?, Source::Certificate)
    };
    let mut reading = Reading::new(Key::Public(cert.public_key()?), source, format).with_der(der);
    reading.certificate = Some(cert.summary);
    Ok(reading)
}

/// Reads bytes: DER (SubjectPublicKeyInfo, PKCS#8, SEC1, certificate), a SEC1 point or
/// 32 bytes (an X25519 public key, or a private scalar of the curve given), told apart
/// by their first byte and length.
fn read_bytes(bytes: &[u8], hex: bool, want: Want) -> Result<Reading> {
    let pick = |h, b| if hex { h } else { b };
    if want == Want::Public {
        #[cfg(feature = "reader")]
        if let Some(reading) = unusual_public_bytes(bytes, hex) {
            return reading;
        }
        // The lengths core names (x ‖ y without the 04, the same key twice, a P-384 or
        // P-521 point) are left to it; any other wrong length, a hex key half typed in
        // among them, is said here, without loading core.
        #[cfg(not(feature = "reader"))]
        {
            let twice = once(bytes).is_some() && !matches!(bytes.len(), 32 | 33 | 65);
            let named = matches!(
                (bytes.first(), bytes.len()),
                (_, 64) | (Some(4), 97 | 133) | (Some(2 | 3), 49 | 67)
            );
            if twice || named {
                return needs_reader("public key bytes of this length");
            }
        }
    }
    let public = |key, format: PublicKeyFormat| {
        Ok(Reading::new(
            Key::Public(key),
            Source::PublicKey,
            format.name(),
        ))
    };
    match (bytes.first(), bytes.len(), want) {
        (_, 32, Want::Private(curve)) => match curve {
            Some(curve) => Ok(Reading::new(
                Key::Secret(SecretKey::from_bytes(curve, bytes)?),
                Source::PrivateKey,
                "raw",
            )),
            None => Err(Error::malformed(
                "private key",
                "a raw 32-byte scalar could be P-256 or X25519: give the curve",
            )),
        },
        (_, 32, Want::Public) => {
            let u: [u8; 32] = bytes.try_into().map_err(|_| Error::IdentityPoint)?;
            public(
                PublicKey::X25519(x25519_dalek::PublicKey::from(u)),
                pick(PublicKeyFormat::RawHex, PublicKeyFormat::RawBase64),
            )
        }
        (Some(0x30), _, _) => read_der(bytes, hex, want),
        // The lengths of P-384 and P-521 points: named, not measured against P-256's (in
        // core; the first module, within its size budget, gives the length error).
        #[cfg(feature = "reader")]
        (Some(4), 97, Want::Public) => Err(unsupported_point("an uncompressed P-384 point")),
        #[cfg(feature = "reader")]
        (Some(4), 133, Want::Public) => Err(unsupported_point("an uncompressed P-521 point")),
        #[cfg(feature = "reader")]
        (Some(2 | 3), 49, Want::Public) => Err(unsupported_point("a compressed P-384 point")),
        #[cfg(feature = "reader")]
        (Some(2 | 3), 67, Want::Public) => Err(unsupported_point("a compressed P-521 point")),
        // A compressed point, or one shorter (cut short, or being typed in), which the SEC1
        // reader says.
        (Some(2 | 3), 1..=33, Want::Public) => public(
            PublicKey::P256(super::p256_public_from_sec1(bytes)?),
            pick(
                PublicKeyFormat::CompressedHex,
                PublicKeyFormat::CompressedBase64,
            ),
        ),
        (Some(0 | 4 | 6 | 7), _, Want::Public) => public(
            PublicKey::P256(super::p256_public_from_sec1(bytes)?),
            pick(PublicKeyFormat::RawHex, PublicKeyFormat::RawBase64),
        ),
        (Some(4), 65, Want::Private(_)) | (Some(2 | 3), 33, Want::Private(_)) => {
            Err(public_not_private())
        }
        (_, n, Want::Public) => Err(Error::InvalidLength {
            what: "public key bytes",
            expected: "a DER SubjectPublicKeyInfo or certificate, a SEC1 point (65 or 33 \
                       bytes) or a raw X25519 key (32 bytes)",
            found: n,
        }),
        (_, n, Want::Private(_)) => Err(Error::InvalidLength {
            what: "private key bytes",
            expected: "a 32-byte scalar or PKCS#8 / SEC1 DER",
            found: n,
        }),
    }
}

/// The bytes' first half, where the second is the same (one paste twice); `None` else.
fn once(bytes: &[u8]) -> Option<&[u8]> {
    let (first, second) = bytes.split_at(bytes.len() / 2);
    (!first.is_empty() && first == second).then_some(first)
}

/// Public key bytes of a length no key has, where the bytes say what happened: the same
/// key pasted twice, or a P-256 point as x ‖ y without SEC1's leading 04 (what micro-ecc
/// and some hardware give), which is read, with a note. `None` for other bytes.
#[cfg(feature = "reader")]
fn unusual_public_bytes(bytes: &[u8], hex: bool) -> Option<Result<Reading>> {
    if let Some(first) = once(bytes).filter(|first| read_bytes(first, hex, Want::Public).is_ok()) {
        return Some(Err(Error::malformed(
            "public key bytes",
            format!(
                "these are the same {} bytes twice, one key pasted two times \
                 ({} bytes in all): paste it once",
                first.len(),
                bytes.len()
            ),
        )));
    }
    if bytes.len() != 64 {
        return None;
    }
    // Read as the 65-byte point it would be, by the SEC1 reader.
    let mut point = Zeroizing::new([4u8; 65]);
    if let Some(rest) = point.get_mut(1..) {
        rest.copy_from_slice(bytes);
    }
    Some(match read_bytes(point.as_slice(), hex, Want::Public) {
        Ok(mut reading) => {
            reading.notes.push(
                "Read 64 bytes as x ‖ y of a P-256 point: SEC1, and so WebCrypto, OpenSSL \
                 and the rest, put 04 in front (65 bytes)."
                    .to_owned(),
            );
            Ok(reading)
        }
        // 04 and 63 bytes: a point cut short by a byte, which the SEC1 reader says; 30 and
        // 63 bytes: DER, which its reader says.
        Err(_) if matches!(bytes.first(), Some(4 | 0x30)) => return None,
        Err(_) => Err(Error::malformed(
            "public key bytes",
            "64 bytes, but not x ‖ y of a P-256 point: with 04 in front they are not on \
             the curve. 64 bytes are also a secp256k1 public key as Ethereum writes it and \
             an Ed25519 private key as libsodium keeps it (seed ‖ public key); this \
             playground reads P-256 and X25519 keys",
        )),
    })
}

#[cfg(feature = "reader")]
fn unsupported_point(found: &str) -> Error {
    Error::UnsupportedKey {
        found: found.to_owned(),
    }
}

const fn public_not_private() -> Error {
    Error::WrongKeyKind {
        expected: "private key",
        found: "a public key: paste the private key (PKCS#8, SEC1, JWK with \"d\" or a raw scalar)",
    }
}

/// DER of unknown kind: tried as each structure; the error reported is the one of the
/// structure the caller most likely meant.
fn read_der(bytes: &[u8], hex: bool, want: Want) -> Result<Reading> {
    let spki_error = match der::public_key_from_spki(bytes) {
        Ok(_) if matches!(want, Want::Private(_)) => return Err(public_not_private()),
        Ok(key) => {
            let format = if hex {
                PublicKeyFormat::SpkiHex
            } else {
                PublicKeyFormat::SpkiBase64
            };
            return Ok(
                Reading::new(Key::Public(key), Source::PublicKey, format.name()).with_der(bytes),
            );
        }
        Err(e) => e,
    };
    read_other_der(bytes, hex, want, spki_error)
}

/// Without the `reader` feature: DER that is no SubjectPublicKeyInfo is core's to read.
#[cfg(not(feature = "reader"))]
fn read_other_der(_: &[u8], _: bool, _: Want, _: Error) -> Result<Reading> {
    needs_reader("DER other than a SubjectPublicKeyInfo")
}

/// DER that is no SubjectPublicKeyInfo: a private key, a certificate, or neither.
#[cfg(feature = "reader")]
fn read_other_der(bytes: &[u8], hex: bool, want: Want, spki_error: Error) -> Result<Reading> {
    let pick = |h, b| if hex { h } else { b };
    let pkcs8 = der::secret_key_from_pkcs8(bytes);
    if let Ok(key) = pkcs8 {
        let format = pick("pkcs8", "pkcs8-base64");
        return Ok(Reading::new(Key::Secret(key), Source::PrivateKey, format).with_der(bytes));
    }
    if let Ok(key) = der::secret_key_from_sec1(bytes) {
        let format = pick("sec1", "sec1-base64");
        return Ok(Reading::new(Key::Secret(key), Source::PrivateKey, format).with_der(bytes));
    }
    if x509::is_certificate(bytes) {
        if matches!(want, Want::Private(_)) {
            return Err(Error::WrongKeyKind {
                expected: "private key",
                found: "a certificate, which holds only a public key",
            });
        }
        return read_certificate(bytes, Block::Certificate, pick("spki", "spki-base64"));
    }
    // Report the view of the structure asked for: SPKI for a public key, PKCS#8 for a
    // private one (the more common of the two private forms); but a well-formed PKCS#8
    // key of another curve or algorithm is a private key, whatever was asked for.
    Err(match (want, pkcs8) {
        (Want::Private(_), Err(e)) => e,
        (Want::Public, Err(e @ Error::UnsupportedKey { .. })) => private_unread(&e),
        _ => spki_error,
    })
}
