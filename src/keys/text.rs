//! Reading what people paste: hex, base64 and PEM (RFC 7468), leniently.
//!
//! Pasting mangles text: line breaks go missing or double, CRLF appears, a PEM block
//! lands on one line. We accept all of that, and say precisely what is wrong when the
//! text cannot be read at all.
//!
//! Base64 (RFC 4648 §4 and §5) is written here rather than taken from a crate: one codec
//! for both alphabets keeps the WebAssembly module smaller than four monomorphised ones.
//! Decoding is strict about what it accepts: padding, when present, must be complete,
//! and the bits left over after the last byte must be zero (RFC 4648 §3.5).
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use crate::error::{Error, Result};

/// Lowercase hex with no separators.
#[must_use]
// Each index is a nibble (0..16) into a 16-entry table.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The arithmetic works on 6-bit groups of at most 3 bytes and indexes a 64-entry table
// with values masked to 0..64; chunks(3) is never empty.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
fn encode(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for i in 0..4 {
            if i < symbols {
                out.push(char::from(alphabet[((n >> (18 - 6 * i)) & 0x3f) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes unpadded base64 in one alphabet; `None` if a character is not in it, the
/// length is impossible, or the leftover bits are not zero.
// Shifts of at most 18 bits within a u32, `keep` in 1..=3 (chunks(4) of a length that is
// not 1 mod 4), and a 3-byte buffer sliced to `keep`.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
fn decode(text: &[u8], alphabet: &[u8; 64]) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let value = |c: u8| alphabet.iter().position(|&a| a == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = chunk.len() - 1;
        // The bits below the last whole byte must be zero (canonical encoding).
        if keep < 3 && n & ((1 << (8 * (3 - keep))) - 1) != 0 {
            return None;
        }
        out.extend_from_slice(&bytes[..keep]);
    }
    Some(out)
}

/// Standard base64 with padding, as `openssl base64 -A` and Python's `b64encode` write it.
#[must_use]
pub fn to_base64(bytes: &[u8]) -> String {
    encode(bytes, STANDARD, true)
}

/// Unpadded base64url, as JWK (RFC 7515 §2) requires.
#[must_use]
pub fn to_base64url(bytes: &[u8]) -> String {
    encode(bytes, URL_SAFE, false)
}

/// Strips what people put between hex digits: white space, colons (OpenSSL's `-text`
/// output), the dashes of .NET's `BitConverter.ToString` (`04-76-B3`), a leading `0x`.
fn compact_hex(text: &str) -> Option<String> {
    // Every third character a dash: "04-76-B3".
    let dashed = text
        .trim()
        .bytes()
        .zip((0..3).cycle())
        .all(|(c, i)| (c == b'-') == (i == 2))
        && text.contains('-');
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':' && !(dashed && *c == '-'))
        .collect();
    if s.starts_with("0x") || s.starts_with("0X") {
        s.drain(..2);
    }
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())).then_some(s)
}

/// Whether the text reads as hex (ignoring white space, colons and a `0x` prefix).
#[must_use]
pub fn looks_like_hex(text: &str) -> bool {
    compact_hex(text).is_some()
}

/// Decodes hex, upper or lower case, ignoring white space, colons and a leading `0x`.
///
/// # Errors
/// [`Error::Malformed`] naming the first character that is not a hex digit, or an odd
/// number of digits.
pub fn from_hex(text: &str) -> Result<Vec<u8>> {
    let Some(s) = compact_hex(text) else {
        let bad = text
            .strip_prefix("0x")
            .unwrap_or(text)
            .chars()
            .find(|c| !c.is_ascii_hexdigit() && !c.is_whitespace() && *c != ':');
        return Err(match bad {
            Some(c) => Error::malformed("hex", format!("{c:?} is not a hex digit")),
            None => Error::malformed("hex", "the input is empty"),
        });
    };
    if s.len() % 2 != 0 {
        return Err(Error::malformed(
            "hex",
            format!("odd number of hex digits ({})", s.len()),
        ));
    }
    s.as_bytes()
        .chunks(2)
        .map(|pair| {
            let digit = |b: u8| char::from(b).to_digit(16).unwrap_or(0) as u8;
            let [hi, lo] = pair else { return Ok(0) };
            Ok((digit(*hi) << 4) | digit(*lo))
        })
        .collect()
}

/// Decodes base64 in any of its common dialects: standard or URL-safe alphabet, with or
/// without padding, with white space anywhere.
///
/// # Errors
/// [`Error::Malformed`] when the text is not base64 in any dialect.
pub fn from_base64(text: &str) -> Result<Vec<u8>> {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Err(Error::malformed("base64", "the input is empty"));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_' | '=')))
    {
        return Err(Error::malformed(
            "base64",
            format!("{c:?} is not a base64 character"),
        ));
    }
    let url = s.contains('-') || s.contains('_');
    let body = s.trim_end_matches('=');
    let padding = s.len().saturating_sub(body.len());
    // Padding, when present, completes the last group of four; never in the middle.
    let padding_ok = padding == 0 || (padding <= 2 && s.len().is_multiple_of(4));
    let decoded = if padding_ok && !body.contains('=') {
        decode(body.as_bytes(), if url { URL_SAFE } else { STANDARD })
    } else {
        None
    };
    decoded.ok_or_else(|| {
        Error::malformed(
            "base64",
            format!(
                "{} characters do not decode (a character is missing, extra or out of place)",
                s.len()
            ),
        )
    })
}

/// Decodes base64url as JWK members are written (RFC 7518 §6.2.1): no padding.
///
/// # Errors
/// [`Error::Malformed`] for anything else.
pub fn from_base64url(text: &str, member: &str) -> Result<Vec<u8>> {
    decode(text.as_bytes(), URL_SAFE).ok_or_else(|| {
        Error::malformed(
            "JWK",
            format!("member {member:?} is not unpadded base64url (RFC 7518 §6.2.1)"),
        )
    })
}

/// A PEM block as it was pasted: its label and the bytes inside.
pub struct Pem {
    /// The label between `BEGIN ` and the dashes ("PUBLIC KEY", "PRIVATE KEY").
    pub label: String,
    /// The decoded DER.
    pub der: Vec<u8>,
}

impl core::fmt::Debug for Pem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The DER may be a private key.
        f.debug_struct("Pem")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl Drop for Pem {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.der);
    }
}

/// Removes what mail and chat programs put before each line of a quoted or indented
/// PEM block: white space and `>` marks ("> ", ">> ", "> > "). No base64 or PEM line
/// starts with either, so nothing of the block is lost. A block written as one string
/// with `\n` escapes (JSON, a `.env` file, a log line) gets its line breaks back: PEM
/// has no backslash of its own.
#[must_use]
pub fn unquote(text: &str) -> String {
    #[cfg(feature = "reader")]
    let text = unescape_line_breaks(text);
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()));
    }
    out
}

/// `\n` as a line break and `\r` as nothing; every other character as it is. By hand:
/// `str::replace` with a string pattern brings in core's two-way searcher (see [`find`]).
/// In core: the first module leaves such a paste to it (keys/paste.rs's classify).
#[cfg(feature = "reader")]
fn unescape_line_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('n')) => {
                chars.next();
                out.push('\n');
            }
            ('\\', Some('r')) => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Where `needle` first occurs in `haystack`. A plain byte search: `str::find` with a
/// string pattern brings in core's two-way searcher, some 2 KB of the first module for
/// the few ASCII needles of PEM.
#[must_use]
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len().max(1))
        .position(|w| w == needle.as_bytes())
}

const BEGIN: &str = "-----BEGIN ";

/// Reads the first PEM block in `text`, tolerating missing, extra or CRLF line breaks
/// and quoting.
///
/// # Errors
/// [`Error::Malformed`] naming what is missing (the BEGIN line, the END line), an
/// encrypted key, or base64 that does not decode.
pub fn parse_pem(text: &str) -> Result<Pem> {
    let mut blocks = parse_pem_blocks(text)?;
    Ok(blocks.swap_remove(0))
}

/// Reads every PEM block in `text`, in order, ignoring the text around them (OpenSSL's
/// `-text` output, "Bag Attributes", a mail's own words) and the quoting of each line.
///
/// # Errors
/// As [`parse_pem`], for the first block that cannot be read; at least one block must
/// be there.
pub fn parse_pem_blocks(text: &str) -> Result<Vec<Pem>> {
    let text = unquote(text);
    let mut rest = text.as_str();
    let mut blocks = Vec::new();
    while let Some(start) = find(rest, BEGIN) {
        let (pem, used) = parse_block(rest.get(start..).unwrap_or_default())?;
        blocks.push(pem);
        rest = rest.get(start.saturating_add(used)..).unwrap_or_default();
    }
    if blocks.is_empty() {
        return Err(Error::malformed("PEM", "no \"-----BEGIN ...-----\" line"));
    }
    Ok(blocks)
}

/// Reads the block at the start of `text`; returns it and the bytes it took.
fn parse_block(text: &str) -> Result<(Pem, usize)> {
    let rest = text.get(BEGIN.len()..).unwrap_or_default();
    let label_end = find(rest, "-----")
        .ok_or_else(|| Error::malformed("PEM", "the BEGIN line does not end with \"-----\""))?;
    let label = rest.get(..label_end).unwrap_or_default().trim().to_owned();
    let body_and_end = rest.get(label_end.saturating_add(5)..).unwrap_or_default();
    let end_line = format!("-----END {label}-----");
    let Some(body_len) = find(body_and_end, &end_line) else {
        return Err(Error::malformed(
            "PEM",
            format!("no {end_line:?} line: the text looks cut off"),
        ));
    };
    let body = body_and_end.get(..body_len).unwrap_or_default();
    if find(body, "Proc-Type:").is_some() || find(body, "DEK-Info:").is_some() {
        return Err(Error::malformed(
            "PEM",
            "the key is encrypted with a password; export it unencrypted \
             (openssl pkey -in key.pem -out plain.pem)",
        ));
    }
    if body.chars().all(char::is_whitespace) {
        return Err(Error::malformed(
            "PEM",
            "there is nothing between the BEGIN and END lines",
        ));
    }
    let der = from_base64(body).map_err(|e| match e {
        Error::Malformed { detail, .. } => {
            Error::malformed("PEM", format!("the base64 between BEGIN and END: {detail}"))
        }
        other => other,
    })?;
    let used = [BEGIN.len(), label_end, 5, body_len, end_line.len()]
        .iter()
        .fold(0usize, |sum, n| sum.saturating_add(*n));
    Ok((Pem { label, der }, used))
}

/// Writes a PEM block with 64-character lines and LF line endings, byte for byte as
/// OpenSSL and Python `cryptography` write it.
#[must_use]
pub fn to_pem(label: &str, der: &[u8]) -> String {
    let b64 = to_base64(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(core::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_tolerates_separators_and_case() {
        assert_eq!(
            from_hex("0xDE:ad be\nEF").unwrap(),
            [0xde, 0xad, 0xbe, 0xef]
        );
        assert_eq!(to_hex(&[0, 0xab, 0xff]), "00abff");
    }

    #[test]
    fn hex_errors_say_what_is_wrong() {
        assert_eq!(
            from_hex("abc").unwrap_err().to_string(),
            "malformed hex: odd number of hex digits (3)"
        );
        assert_eq!(
            from_hex("abzz").unwrap_err().to_string(),
            "malformed hex: 'z' is not a hex digit"
        );
    }

    #[test]
    fn base64_dialects() {
        let bytes = [0xfb, 0xff, 0x01];
        for s in ["+/8B", "-_8B", "+/8B\n", "+/8 B"] {
            assert_eq!(from_base64(s).unwrap(), bytes, "{s}");
        }
        assert_eq!(from_base64("AQ==").unwrap(), [1]);
        assert_eq!(from_base64("AQ").unwrap(), [1]);
        assert!(from_base64("A").is_err());
        assert!(from_base64("a*b").unwrap_err().to_string().contains("'*'"));
    }

    #[test]
    fn base64_round_trips_and_is_canonical() {
        for len in 1..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(from_base64(&to_base64(&bytes)).unwrap(), bytes);
            assert_eq!(from_base64url(&to_base64url(&bytes), "x").unwrap(), bytes);
        }
        // RFC 4648 §10 test vectors.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(to_base64(plain.as_bytes()), encoded);
        }
        // Non-zero leftover bits, misplaced or excess padding.
        for bad in ["Zh==", "Zm9=", "Zg=a", "Zg===", "Z===", "Zg=", "Zm9vY"] {
            assert!(from_base64(bad).is_err(), "{bad}");
        }
        assert!(from_base64url("Zg==", "x").is_err());
    }

    #[test]
    fn pem_round_trip_and_mangling() {
        let der: Vec<u8> = (0..=255).collect();
        let pem = to_pem("PUBLIC KEY", &der);
        assert!(pem.lines().all(|l| l.len() <= 64));
        let mangled = [
            pem.replace('\n', "\r\n"),
            pem.replace('\n', ""),
            pem.replace('\n', "\n\n"),
            format!("  \n{pem}\n  "),
        ];
        for text in mangled {
            let parsed = parse_pem(&text).unwrap();
            assert_eq!(parsed.label, "PUBLIC KEY");
            assert_eq!(parsed.der, der);
        }
    }

    #[test]
    fn quoted_indented_and_several_blocks() {
        let a = to_pem("EC PARAMETERS", &[6, 8, 1, 2, 3, 4, 5, 6, 7, 8]);
        let b = to_pem("PUBLIC KEY", &(0..=200).collect::<Vec<u8>>());
        let quoted: String = format!("Here it is:\n{a}{b}")
            .lines()
            .map(|l| format!("> > {l}\n"))
            .collect();
        let indented: String = format!("{a}\nsome words\n{b}")
            .lines()
            .map(|l| format!("    {l}\r\n"))
            .collect();
        for text in [quoted, indented] {
            let blocks = parse_pem_blocks(&text).unwrap();
            assert_eq!(blocks.len(), 2);
            assert_eq!(blocks[0].label, "EC PARAMETERS");
            assert_eq!(blocks[1].label, "PUBLIC KEY");
            assert_eq!(blocks[1].der, (0..=200).collect::<Vec<u8>>());
        }
    }

    #[test]
    fn truncated_pem_is_named() {
        let pem = to_pem("PUBLIC KEY", &[1, 2, 3]);
        let cut = &pem[..pem.len() - 10];
        assert_eq!(
            parse_pem(cut).unwrap_err().to_string(),
            "malformed PEM: no \"-----END PUBLIC KEY-----\" line: the text looks cut off"
        );
    }
}
