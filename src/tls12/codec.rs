//! The presentation language of RFC 5246 §4: big-endian integers and vectors with a
//! length prefix of 1, 2 or 3 bytes, and the handshake message header of §7.4.
//!
//! [`Annotated`] writes bytes and remembers, for every field, its name, what it means
//! and where it lies, so that the page can explain a message byte by byte. [`Reader`]
//! reads the same encodings back and names the field that is missing when the input
//! is short.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use serde::Serialize;

use crate::error::{Error, Result};

/// One field of an encoded message: the bytes `start..end` (end exclusive) of the
/// step's `bytes`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The field's name as the RFC's structure definitions spell it ("client_version").
    pub name: String,
    /// What the bytes mean here ("TLS 1.2", "32 bytes follow").
    pub meaning: String,
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

/// Bytes with their field-by-field annotation. The fields are contiguous, in order and
/// cover every byte exactly once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotated {
    /// The encoded bytes.
    pub bytes: Vec<u8>,
    /// One entry per field.
    pub fields: Vec<Field>,
}

/// A length prefix written before the bytes it counts; see [`Annotated::open_length`].
#[must_use = "a length prefix must be closed to be filled in"]
pub struct LengthMark {
    field: usize,
    width: usize,
    what: &'static str,
}

impl Annotated {
    /// Appends one field.
    pub fn put(&mut self, name: impl Into<String>, meaning: impl Into<String>, bytes: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(bytes);
        self.fields.push(Field {
            name: name.into(),
            meaning: meaning.into(),
            start,
            end: self.bytes.len(),
        });
    }

    /// Appends another annotated encoding, moving its fields to their new offsets.
    pub fn append(&mut self, other: Self) {
        let offset = self.bytes.len();
        self.bytes.extend_from_slice(&other.bytes);
        self.fields.extend(other.fields.into_iter().map(|f| Field {
            start: f.start.saturating_add(offset),
            end: f.end.saturating_add(offset),
            ..f
        }));
    }

    /// Writes a placeholder length prefix of `width` bytes (1, 2 or 3) for the vector of
    /// `what` that follows; [`Self::close_length`] fills it in.
    pub fn open_length(&mut self, name: &str, width: usize, what: &'static str) -> LengthMark {
        let width = width.clamp(1, 3);
        self.put(name, "", [0; 3].get(..width).unwrap_or_default());
        LengthMark {
            field: self.fields.len().saturating_sub(1),
            width,
            what,
        }
    }

    /// Fills in a length prefix with the number of bytes written since it.
    ///
    /// # Errors
    /// [`Error::Malformed`] when the count does not fit the prefix (more than 255,
    /// 65,535 or 16,777,215 bytes): the vector cannot be encoded, and truncating its
    /// length would send bytes that mean something else.
    pub fn close_length(&mut self, mark: LengthMark) -> Result<()> {
        let Some(field) = self.fields.get_mut(mark.field) else {
            return Err(Error::malformed("TLS encoding", "a length prefix was lost"));
        };
        let n = self.bytes.len().saturating_sub(field.end);
        // 255, 65,535 or 16,777,215 for a width of 1, 2 or 3 (open_length clamps it).
        let max = match mark.width {
            1 => 0xff,
            2 => 0xffff,
            _ => 0xff_ffff,
        };
        if n > max {
            return Err(Error::malformed(
                "TLS encoding",
                format!(
                    "the {} is {n} bytes, more than its {}-byte length prefix can count \
                     ({max} at most)",
                    mark.what, mark.width
                ),
            ));
        }
        field.meaning = format!("the next {}: {}", byte_count(n), mark.what);
        let be = u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes();
        if let Some(prefix) = self.bytes.get_mut(field.start..field.end) {
            for (dst, src) in prefix.iter_mut().rev().zip(be.iter().rev()) {
                *dst = *src;
            }
        }
        Ok(())
    }

    /// Lowercase hex of the bytes.
    #[must_use]
    pub fn hex(&self) -> String {
        crate::keys::text::to_hex(&self.bytes)
    }
}

/// A handshake message (RFC 5246 §7.4): `msg_type (1) ‖ length (3) ‖ body`.
///
/// # Errors
/// A vector in the body, or the body itself, too long for its length prefix.
pub fn handshake_message(
    msg_type: u8,
    type_name: &str,
    body: impl FnOnce(&mut Annotated) -> Result<()>,
) -> Result<Annotated> {
    let mut m = Annotated::default();
    m.put("msg_type", format!("{type_name} ({msg_type})"), &[msg_type]);
    let length = m.open_length("length", 3, "message body");
    body(&mut m)?;
    m.close_length(length)?;
    Ok(m)
}

/// "1 byte", "32 bytes".
#[must_use]
pub fn byte_count(n: usize) -> String {
    if n == 1 {
        "1 byte".to_owned()
    } else {
        format!("{n} bytes")
    }
}

/// The body of an encoded handshake message (everything after the 4-byte header).
#[must_use]
pub fn body_of(message: &[u8]) -> &[u8] {
    message.get(4..).unwrap_or_default()
}

/// Reads the encodings [`Annotated`] writes, naming what is malformed.
pub struct Reader<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over `bytes`, which hold a `what` ("ServerKeyExchange").
    #[must_use]
    pub const fn new(bytes: &'a [u8], what: &'static str) -> Self {
        Self { bytes, what }
    }

    /// Checks the handshake header of a whole message and returns a reader over its
    /// body.
    ///
    /// # Errors
    /// A different message type, or a length field that does not match the body.
    pub fn handshake(message: &'a [u8], msg_type: u8, what: &'static str) -> Result<Self> {
        let mut r = Self::new(message, what);
        let found = r.u8("msg_type")?;
        if found != msg_type {
            return Err(Error::malformed(
                what,
                format!("expected handshake message type {msg_type}, got {found}"),
            ));
        }
        let length = r.take(3, "length")?;
        let length = length
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        if length != r.bytes.len() {
            return Err(Error::malformed(
                what,
                format!(
                    "the header announces a {length}-byte body, but the body is {}",
                    byte_count(r.bytes.len())
                ),
            ));
        }
        Ok(r)
    }

    /// The next `n` bytes.
    ///
    /// # Errors
    /// Fewer than `n` bytes left.
    pub fn take(&mut self, n: usize, field: &str) -> Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(Error::malformed(
                self.what,
                format!(
                    "truncated: {field} needs {n} bytes, {} left",
                    self.bytes.len()
                ),
            ));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    /// A fixed-size array, such as a 32-byte random.
    ///
    /// # Errors
    /// Fewer than `N` bytes left.
    pub fn array<const N: usize>(&mut self, field: &str) -> Result<[u8; N]> {
        let bytes = self.take(N, field)?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    /// One byte.
    ///
    /// # Errors
    /// No bytes left.
    pub fn u8(&mut self, field: &str) -> Result<u8> {
        self.array::<1>(field).map(|[b]| b)
    }

    /// A big-endian `uint16`.
    ///
    /// # Errors
    /// Fewer than 2 bytes left.
    pub fn u16(&mut self, field: &str) -> Result<u16> {
        self.array::<2>(field).map(u16::from_be_bytes)
    }

    /// A vector with a `width`-byte length prefix (1 or 2), as a reader of its own.
    ///
    /// # Errors
    /// The prefix or the bytes it announces are missing.
    pub fn vector(&mut self, width: usize, field: &str) -> Result<Reader<'a>> {
        let length = self
            .take(width, field)?
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        let bytes = self.take(length, field)?;
        Ok(Reader::new(bytes, self.what))
    }

    /// Everything not read yet.
    pub fn rest(&mut self) -> &'a [u8] {
        core::mem::take(&mut self.bytes)
    }

    /// Whether every byte has been read.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Checks that nothing is left over.
    ///
    /// # Errors
    /// Trailing bytes.
    pub fn finish(self, field: &str) -> Result<()> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(Error::malformed(
                self.what,
                format!("{} unexpected bytes after {field}", self.bytes.len()),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_patched_and_fields_cover_every_byte() {
        let m = handshake_message(14, "server_hello_done", |_| Ok(())).unwrap();
        assert_eq!(m.bytes, [14, 0, 0, 0]);
        let m = handshake_message(16, "client_key_exchange", |b| {
            let l = b.open_length("ecdh_Yc length", 1, "public key");
            b.put("ecdh_Yc", "key", &[7; 5]);
            b.close_length(l)
        })
        .unwrap();
        assert_eq!(m.bytes, [16, 0, 0, 6, 5, 7, 7, 7, 7, 7]);
        assert_eq!(m.fields[1].meaning, "the next 6 bytes: message body");
        let mut end = 0;
        for f in &m.fields {
            assert_eq!(f.start, end);
            end = f.end;
        }
        assert_eq!(end, m.bytes.len());
    }

    #[test]
    fn a_length_that_does_not_fit_its_prefix_is_an_error_not_a_truncation() {
        for (width, max) in [(1, 255), (2, 65_535)] {
            let fits = handshake_message(1, "x", |b| {
                let l = b.open_length("v length", width, "vector");
                b.put("v", "", &vec![0; max]);
                b.close_length(l)
            });
            assert!(fits.is_ok(), "{width}");
            let over = handshake_message(1, "x", |b| {
                let l = b.open_length("v length", width, "vector");
                b.put("v", "", &vec![0; max + 1]);
                b.close_length(l)
            });
            assert_eq!(
                over.unwrap_err().to_string(),
                format!(
                    "malformed TLS encoding: the vector is {} bytes, more than its \
                     {width}-byte length prefix can count ({max} at most)",
                    max + 1
                )
            );
        }
    }

    #[test]
    fn reader_names_what_is_missing() {
        let mut r = Reader::new(&[0, 5, 1], "ClientKeyExchange");
        assert_eq!(
            r.vector(2, "ecdh_Yc").err().unwrap().to_string(),
            "malformed ClientKeyExchange: truncated: ecdh_Yc needs 5 bytes, 1 left"
        );
        assert_eq!(
            Reader::handshake(&[16, 0, 0, 3, 1], 16, "ClientKeyExchange")
                .err()
                .unwrap()
                .to_string(),
            "malformed ClientKeyExchange: the header announces a 3-byte body, but the body is 1 byte"
        );
    }
}
