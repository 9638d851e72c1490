//! Bytes as programs print them. A developer whose secret differs from ours pastes what
//! their program printed, not hex: a Python `bytes` literal (`b'\x04v\xb35…'`), a list of
//! byte values (`[4, 118, 179, …]` from Python, JSON or Java's `Arrays.toString`, Node's
//! and the browsers' `Uint8Array(65) [ 4, 118, … ]`, `{ 0x04, 0x76, … }` from C, Go or
//! Rust), Node's `<Buffer 04 76 …>`, or the JSON of a `Uint8Array` or a `Buffer`. Each is
//! read as the bytes it stands for; a printout cut short (Node prints 50 bytes of a Buffer
//! and 100 items of an array) is refused with how to print it whole.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Bytes read from a printout, and what the printout was.
pub struct Literal {
    /// The bytes.
    pub bytes: Zeroizing<Vec<u8>>,
    /// What the printout was, in words ("a Python bytes literal (b'…')").
    pub kind: &'static str,
}

/// The kind and length only: the bytes may be a private key.
impl core::fmt::Debug for Literal {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Literal")
            .field("kind", &self.kind)
            .field("length", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

const PYTHON: &str = "a Python bytes literal (b'…')";
const LIST: &str = "a list of byte values ([4, 118, …])";
const BUFFER: &str = "a Node.js Buffer as Node prints it (<Buffer 04 76 …>)";
const TYPED_JSON: &str = "the JSON of a Uint8Array ({\"0\": 4, \"1\": 118, …})";
const BUFFER_JSON: &str = "the JSON of a Node.js Buffer ({\"type\": \"Buffer\", \"data\": […]})";
const ARRAY_BUFFER: &str = "an ArrayBuffer as Node prints it ([Uint8Contents]: <04 76 …>)";

const PHP_ARRAY: &str = "PHP's var_dump or print_r of an array of byte values";
const PHP_STRING: &str = "PHP's var_dump of a string (string(130) \"…\")";
const DUMP: &str = "a hex dump (xxd, hexdump -C)";
const QUOTED: &str = "a quoted string of bytes with \\x escapes (Python 2, Ruby)";
const EMPTY: &str = "an empty byte array (0 bytes), not a key; print the key's bytes once \
     they are set";
const BARE_LIST: &str = "byte values without brackets (4 118 179 … or 4, 118, 179, …)";

/// How to print bytes whole, for the message about a printout cut short.
const PRINT_WHOLE: &str = "print the bytes whole, as hex: [...bytes].map((b) => \
     b.toString(16).padStart(2, '0')).join('') in JavaScript, bytes.hex() in Python";

/// The same for a Node.js Buffer or ArrayBuffer.
const PRINT_BUFFER: &str = "print the bytes whole, as hex: Buffer.from(bytes).toString('hex')";

/// Reads `text` as a printout of bytes; `None` when it is not one (then it is a key in
/// some other form, or nothing this crate reads).
///
/// # Errors
/// A printout cut short, a value that is no byte, a literal not closed.
pub fn read(text: &str) -> Option<Result<Literal>> {
    let text = text.trim();
    // A printout of no bytes (`b''`, `<Buffer >`) is of a key not yet there.
    let found = |bytes: Zeroizing<Vec<u8>>, kind| {
        if bytes.is_empty() {
            return Err(Error::Printout(format!("this is {EMPTY}")));
        }
        Ok(Literal { bytes, kind })
    };
    if let Some((body, plain)) = python_body(text) {
        let kind = if plain { QUOTED } else { PYTHON };
        return Some(python(body, plain).and_then(|b| found(b, kind)));
    }
    if let Some(inner) = after_label(text, "<Buffer")
        .and_then(|t| t.strip_prefix("<Buffer"))
        .and_then(|t| t.strip_suffix('>'))
    {
        return Some(node_buffer(inner).and_then(|b| found(b, BUFFER)));
    }
    // console.log of an ArrayBuffer (what crypto.subtle.exportKey resolves to).
    if let Some((inner, _)) = text
        .split_once("[Uint8Contents]: <")
        .and_then(|(_, rest)| rest.split_once('>'))
    {
        return Some(node_buffer(inner).and_then(|b| found(b, ARRAY_BUFFER)));
    }
    if let Some(result) = typed_array_json(text) {
        return Some(result.and_then(|b| found(b, TYPED_JSON)));
    }
    if let Some(result) = hex_dump(text) {
        return Some(result.and_then(|b| found(b, DUMP)));
    }
    if let Some(list) = buffer_json(text) {
        return Some(list.and_then(numbers).and_then(|b| found(b, BUFFER_JSON)));
    }
    // Swift's description of a Data value (or an Optional one) is its length.
    let optional = text
        .strip_prefix("Optional(")
        .and_then(|t| t.strip_suffix(')'));
    if let Some(length) = optional
        .unwrap_or(text)
        .strip_suffix(" bytes")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Err(Error::Printout(if length == "0" {
            format!("this is Swift's description of {EMPTY}")
        } else {
            format!(
                "this is Swift's description of a Data value, its length, not its bytes; print \
                 {}.map {{ String(format: \"%02x\", $0) }}.joined()",
                if optional.is_some() { "data!" } else { "data" }
            )
        })));
    }
    if let Some(result) = php(text) {
        return Some(result);
    }
    if let Some(body) = list_body(text) {
        return Some(numbers(body).and_then(|b| found(b, LIST)));
    }
    if bare_list(text) {
        return Some(numbers(text).and_then(|b| found(b, BARE_LIST)));
    }
    unclosed_list(text).map(Err)
}

/// Whether the text is byte values in decimal separated by white space (`4 118 179 …`, as
/// a shell's `echo` or Python's `print(*data)` writes them), not hex in pairs: 16 words or
/// more, each of one to three digits (a `-` before it, as Java's signed bytes), not all of
/// two.
fn decimal_words(text: &str) -> bool {
    let (mut words, mut len, mut digits, mut not_pairs) = (0_u32, 0_u8, 0_u8, false);
    for &b in text.as_bytes() {
        if b <= b' ' {
            not_pairs |= len != 0 && len != 2;
            (len, digits) = (0, 0);
        } else if (b.is_ascii_digit() && digits < 3) || (b == b'-' && len == 0) {
            words = words.saturating_add(u32::from(len == 0));
            len = len.saturating_add(1);
            digits = digits.saturating_add(u8::from(b != b'-'));
        } else {
            return false;
        }
    }
    not_pairs |= len != 0 && len != 2;
    words >= 16 && not_pairs
}

/// Byte values without brackets: in decimal separated by white space (see
/// [`decimal_words`]), or 16 or more separated by commas (C#'s
/// `string.Join(",", bytes)`, Python's `",".join(map(str, data))`, the inside of a list).
fn bare_list(text: &str) -> bool {
    if decimal_words(text) {
        return true;
    }
    let text = text.strip_suffix(',').unwrap_or(text);
    let number = |w: &str| {
        let w = w.strip_prefix('-').unwrap_or(w);
        let w = w
            .strip_prefix("0x")
            .or_else(|| w.strip_prefix("0X"))
            .unwrap_or(w);
        (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_hexdigit())
    };
    let items: Vec<&str> = text.split(',').map(str::trim).collect();
    items.len() >= 16
        && items
            .iter()
            .all(|item| !item.is_empty() && item.split_whitespace().all(number))
}

/// Whether a byte is printable text (or white space), as a printout's text is.
const fn is_text(b: u8) -> bool {
    b.is_ascii_graphic() || b.is_ascii_whitespace()
}

/// PHP's printouts: `var_dump` of `unpack('C*', $bytes)` (`array(65) { [1]=> int(4) … }`)
/// and `print_r` of it (`Array ( [1] => 4 … )`), read as bytes; `var_dump` of a string
/// (`string(130) "04f4…"`), whose text is read as what it says (a string of raw bytes
/// does not come through a copy, and is said so). `None` for any other text.
fn php(text: &str) -> Option<Result<Literal>> {
    // Xdebug's var_dump starts with the line that called it (`/app/key.php:3:`).
    let text = text
        .split_once('\n')
        .filter(|(first, _)| first.trim_end().ends_with(':') && first.contains(".php:"))
        .map_or(text, |(_, rest)| rest.trim_start());
    if let Some(rest) = text.strip_prefix("string(") {
        let (length, quoted) = rest.split_once(") \"")?;
        let length: usize = length.parse().ok()?;
        let inner = quoted.strip_suffix('"')?;
        if !inner.is_empty() && inner.bytes().all(is_text) {
            if inner.len() != length {
                return Some(Err(malformed(format!(
                    "PHP's var_dump says the string has {length} bytes, and {} came through the \
                     copy: copy it whole",
                    inner.len()
                ))));
            }
            return Some(Ok(Literal {
                bytes: Zeroizing::new(inner.as_bytes().to_vec()),
                kind: PHP_STRING,
            }));
        }
        return Some(Err(malformed(format!(
            "PHP's var_dump printed a string of {length} bytes as characters, which do not \
             come through a copy: print bin2hex($bytes)"
        ))));
    }
    // `array(65) {`, not numpy's `array([4, 118, …], dtype=uint8)`.
    let var_dump = text
        .strip_prefix("array(")
        .and_then(|rest| rest.split_once(')'))
        .filter(|(_, rest)| rest.trim_start().starts_with('{'))
        .and_then(|(n, _)| n.parse::<usize>().ok());
    // `Array\n(\n    [1] => 4`, not Firefox's `Array(65) [ 4, … ]` or Scala's `Array(4, …)`.
    let print_r = text
        .strip_prefix("Array")
        .and_then(|rest| rest.trim_start().strip_prefix('('))
        .is_some_and(|rest| rest.trim_start().starts_with(['[', ')']));
    if var_dump.is_none() && !print_r {
        return None;
    }
    let items: Vec<&str> = text
        .split('[')
        .filter_map(|item| item.split_once("=>").map(|(_, v)| v.trim_start()))
        .collect();
    // Brackets, but none with PHP's `=>` after them: not PHP's.
    if items.is_empty() && text.contains('[') {
        return None;
    }
    // Cut short: fewer items than var_dump counted, or no closing bracket.
    let closed = text.trim_end().ends_with(if print_r { ')' } else { '}' });
    if var_dump.is_some_and(|n| n > items.len()) || !closed {
        return Some(Err(malformed(
            "the PHP array ends before its last item: it was copied only in part; copy it whole",
        )));
    }
    if var_dump.is_some_and(|n| n < items.len()) {
        return Some(Err(malformed(
            "the PHP array has more items than var_dump counted: two printouts pasted \
             together? paste one",
        )));
    }
    let mut out = Zeroizing::new(Vec::with_capacity(items.len()));
    for value in items {
        // var_dump: `[1]=>\n  int(4)`; print_r: `[1] => 4`.
        let word = match value.strip_prefix("int(") {
            Some(int) => int.split(')').next(),
            None => value.split_whitespace().next(),
        };
        match word.map(|w| byte_value(w, false)) {
            Some(Ok(Some(b))) => out.push(b),
            Some(Err(e)) => return Some(Err(e)),
            _ => {
                return Some(Err(malformed(format!(
                    "item {} of the PHP array is not a byte value",
                    out.len().saturating_add(1)
                ))));
            }
        }
    }
    Some(Ok(Literal {
        bytes: out,
        kind: PHP_ARRAY,
    }))
}

/// The text after `marker`, where what stands before it is a label a program or a person
/// wrote (`>>> `, `Out[3]: `, `raw = `, `peer key `): no quotes or braces, two lines at
/// most. `None` when `marker` is not in the text, or what precedes it is more than that.
fn after_label<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let at = text.find(marker)?;
    let label = text.get(..at)?;
    let plain = label.len() <= 120
        && label.lines().count() <= 2
        && !label.contains(['\'', '"', '{', '}', '<']);
    plain.then(|| text.get(at..)).flatten()
}

/// The bytes of `xxd` (`00000000: 3059 3013 …  0Y0…`) or `hexdump -C` output
/// (`00000000  30 59 30 13 …  |0Y0…|`): every line an 8-digit offset, then the hex, then
/// the characters, which are left out. `None` for any other text.
fn hex_dump(text: &str) -> Option<Result<Zeroizing<Vec<u8>>>> {
    // A dump of a key starts at offset 0; eight hex digits anywhere else are the key's.
    if !text.starts_with("00000000") {
        return None;
    }
    let mut out = Zeroizing::new(Vec::with_capacity(text.len() / 3));
    for line in text.lines().map(str::trim_end).filter(|l| !l.is_empty()) {
        let offset = line.get(..8)?;
        if !offset.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let rest = line.get(8..)?;
        let hex = if let Some(xxd) = rest.strip_prefix(": ") {
            // The hex ends where two spaces begin the characters.
            xxd.split("  ").next().unwrap_or_default()
        } else if let Some(hexdump) = rest.strip_prefix("  ") {
            hexdump.split('|').next().unwrap_or_default()
        } else if rest.is_empty() {
            // hexdump -C ends with the length, as an offset alone.
            continue;
        } else {
            return None;
        };
        match super::text::from_hex(hex) {
            Ok(bytes) => out.extend_from_slice(&Zeroizing::new(bytes)),
            Err(_) => {
                return Some(Err(malformed(format!(
                    "the hex dump's line at offset {offset} does not read as hex"
                ))));
            }
        }
    }
    (!out.is_empty()).then_some(Ok(out))
}

/// A list of numbers that has no closing bracket: copied only in part.
fn unclosed_list(text: &str) -> Option<Error> {
    let open = text.rfind(['[', '{'])?;
    let after = text.get(open.checked_add(1)?..)?;
    let numbers_only = after.contains(|c: char| c.is_ascii_digit())
        && after.chars().all(|c| {
            c.is_ascii_hexdigit() || c.is_whitespace() || matches!(c, ',' | '-' | 'x' | 'X')
        });
    numbers_only.then(|| {
        malformed(
            "the list of bytes is not closed: it ends before its closing bracket, so it was \
             copied only in part; copy it whole",
        )
    })
}

impl Literal {
    /// A Python bytes literal whose bytes are text (`b'0416…'`, `b'MFkw…'`,
    /// `b'ecdsa-sha2-nistp256 AAAA…'`: printed without `.decode()`), or PHP's `var_dump` of
    /// a string: the text, to read as what it says, and a note saying so. A key's own
    /// bytes are never all printable (odds below 10^-13 for 32).
    #[must_use]
    pub fn text_inside(&self) -> Option<(Zeroizing<String>, &'static str)> {
        let note = match self.kind {
            PYTHON => {
                "A Python bytes literal of text (b'…' around hex, base64 or a key line): read \
                 the text inside; .decode() prints it without the b''."
            }
            PHP_STRING => "PHP's var_dump of a string: read the text inside the quotes.",
            _ => return None,
        };
        if self.bytes.is_empty() || !self.bytes.iter().copied().all(is_text) {
            return None;
        }
        let text = Zeroizing::new(String::from_utf8_lossy(&self.bytes).into_owned());
        // Not a printout inside a printout: read once.
        let nested = python_body(text.trim()).is_some() || text.trim().starts_with("string(");
        (!nested).then_some((text, note))
    }
}

/// What `openssl pkey -text`, `openssl ec -text` or `openssl x509 -text` prints of a key:
/// its `pub:` block (and `priv:` for a private key) as hex with colons, and the curve it
/// names.
pub struct OpensslText {
    /// The `pub:` block's bytes.
    pub public: Option<Vec<u8>>,
    /// The `priv:` block's bytes, as 32 (a leading zero byte dropped, short ones padded).
    pub private: Option<Zeroizing<Vec<u8>>>,
    /// The curve the text names: "X25519 Private-Key", "ASN1 OID: prime256v1".
    pub curve: Option<super::Curve>,
    /// An algorithm or curve the text names that this crate does not read, in words ("an
    /// Ed25519 key", "a secp256k1 key", "an RSA key").
    pub other: Option<String>,
    /// Whether it is a private key's output ("Private-Key:").
    pub is_private: bool,
}

/// Reads openssl's `-text` output of a key; `None` for any other text.
#[must_use]
pub fn openssl_text(text: &str) -> Option<OpensslText> {
    let is_private = text.contains("Private-Key:");
    let labelled = text.contains("Public-Key:") || is_private;
    // An RSA key's output has its modulus where an EC key's has pub:, a DH key's its
    // public-key: block.
    let blocks = [
        "pub:",
        "priv:",
        "Modulus:",
        "modulus:",
        "public-key:",
        "private-key:",
    ];
    if !labelled || !text.lines().any(|l| blocks.contains(&l.trim())) {
        return None;
    }
    // The hex lines after the label, read by the crate's hex reader (colons allowed).
    let block = |label: &str| -> Option<Zeroizing<Vec<u8>>> {
        let mut lines = text.lines().map(str::trim);
        lines.find(|l| *l == label)?;
        // Sized once: a private key's hex must not be left behind by a reallocation.
        let mut hex = Zeroizing::new(String::with_capacity(text.len()));
        for line in lines
            .take_while(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_hexdigit() || b == b':'))
        {
            hex.push_str(line);
        }
        let out = Zeroizing::new(super::text::from_hex(&hex).ok()?);
        (!out.is_empty()).then_some(out)
    };
    let (curve, other) = algorithm(text);
    let private = block("priv:").map(|d| {
        // OpenSSL 1.x wrote a zero byte before a scalar whose top bit is set, and both
        // drop leading zero bytes.
        let scalar = match d.split_first() {
            Some((0, rest)) if rest.len() == 32 => rest,
            _ => d.as_slice(),
        };
        let mut padded = Zeroizing::new(Vec::with_capacity(scalar.len().max(32)));
        padded.resize(32usize.saturating_sub(scalar.len()), 0);
        padded.extend_from_slice(scalar);
        padded
    });
    Some(OpensslText {
        public: block("pub:").map(|b| b.to_vec()),
        private,
        curve,
        other,
        is_private,
    })
}

/// The curve an openssl `-text` output names, or in words the algorithm or curve this
/// crate does not read: decided by the first line that says ("X25519 Public-Key:",
/// "ASN1 OID: prime256v1", "ED25519 Public-Key:", an RSA modulus, explicit parameters,
/// DSA's `P:`), so that of several keys or certificates pasted the first one counts.
/// The words are the DER reader's, by the OID of what openssl names.
fn algorithm(text: &str) -> (Option<super::Curve>, Option<String>) {
    let other = |dotted: &str| (None, super::der::describe_dotted(dotted).map(str::to_owned));
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("ASN1 OID: ") {
            return match name {
                "prime256v1" => (Some(super::Curve::P256), None),
                "secp384r1" => other("1.3.132.0.34"),
                "secp521r1" => other("1.3.132.0.35"),
                "secp256k1" => other("1.3.132.0.10"),
                _ => (None, Some(format!("a key on the curve {name}"))),
            };
        }
        if line == "NIST CURVE: P-256" {
            return (Some(super::Curve::P256), None);
        }
        let label = line
            .split_once("Public-Key:")
            .or_else(|| line.split_once("Private-Key:"))
            .map(|(algorithm, _)| algorithm.trim());
        if label == Some("X25519") {
            return (Some(super::Curve::X25519), None);
        }
        if let Some(words) = label.and_then(super::der::describe_named) {
            return (None, Some(words.to_owned()));
        }
        match line {
            "Modulus:" | "modulus:" => return other("1.2.840.113549.1.1.1"),
            "P:" => return other("1.2.840.10040.4.1"),
            _ if line.starts_with("Field Type:") => {
                return (None, Some(super::der::EXPLICIT_PARAMETERS.to_owned()));
            }
            _ => {}
        }
    }
    (None, None)
}

/// A JSON or JavaScript object that holds bytes, not a JWK (`{ publicKey: Uint8Array(65)
/// [ … ] }`, Python's `{'public_key': b'…'}`): said, with what to print instead; `None`
/// for any other object.
#[must_use]
pub fn bytes_in_object(text: &str) -> Option<Error> {
    let holds_bytes = ["Uint8Array", "<Buffer", "ArrayBuffer", ": b'", ": b\""]
        .iter()
        .any(|m| text.contains(m));
    holds_bytes.then(|| {
        Error::malformed(
            "JWK",
            "this object holds bytes, not a JWK: print the bytes on their own \
             (console.log(bytes) in JavaScript, print(bytes) in Python), or the key as a JWK",
        )
    })
}

/// The text inside quotes, when the whole paste is one quoted string without escapes
/// (`'04ab…'`, as a Python REPL echoes `raw.hex()`), alone or as the one item of a list
/// (`["04ab…"]`, Ruby's `p bytes.unpack("H*")`): `None` otherwise.
#[must_use]
pub fn quoted_text(text: &str) -> Option<&str> {
    let text = text.trim();
    let text = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .map_or(text, str::trim);
    let quote = text.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains([quote, '\\', '\n'])).then_some(inner)
}

/// A printout that is not the key, or not one this crate reads, named with the line that
/// prints the key: a key object, which hides the key (a WebCrypto `CryptoKey`, a Node.js
/// `KeyObject`, a Python `cryptography` key object), Java's and .NET's names of a byte
/// array, a PuTTY key file; `private` when a private key is asked for. `None` for any
/// other text.
#[must_use]
pub fn not_a_key(text: &str, private: bool) -> Option<Error> {
    let text = text.trim();
    // A printout of a private key object alone (a key pair's has both).
    let lower = text.to_ascii_lowercase();
    let private_object = lower.contains("private") && !lower.contains("public");
    let export = |public: &'static str, from_private: &'static str, secret: &'static str| {
        if private {
            secret
        } else if private_object {
            from_private
        } else {
            public
        }
    };
    // What the browser console shows of crypto.subtle.exportKey's result: the buffer's
    // length (Chrome's "ArrayBuffer(65)", Firefox's "ArrayBuffer { byteLength: 65 }"), or
    // the promise itself when it was not awaited.
    if let Some(length) = array_buffer_length(text) {
        return Some(Error::Printout(format!(
            "this is the console's view of an ArrayBuffer, which shows its length ({length} \
             bytes), not its bytes; {}",
            if private {
                "print them as hex: [...new Uint8Array(await crypto.subtle.exportKey('pkcs8', \
                 key))].map((b) => b.toString(16).padStart(2, '0')).join('')"
            } else {
                "print them as hex: [...new Uint8Array(buffer)].map((b) => \
                 b.toString(16).padStart(2, '0')).join('')"
            }
        )));
    }
    if let Some((what, why)) = empty_value(text) {
        return Some(Error::Printout(format!("this is {what}, not a key: {why}")));
    }
    if text == "[]" || text.ends_with(" []") {
        return Some(Error::Printout(format!("this is {EMPTY}")));
    }
    // What String(), a template literal or textContent make of an object.
    let object = text
        .strip_prefix("[object ")
        .and_then(|t| t.strip_suffix(']'))
        .filter(|name| name.bytes().all(|b| b.is_ascii_alphanumeric()));
    let as_text = object.is_some();
    let (what, how) = if text.starts_with("Promise {")
        || text.starts_with("Promise{")
        || object == Some("Promise")
    {
        (
            if as_text {
                "a Promise turned into text: crypto.subtle.exportKey returns a promise of the \
                 key, not the key"
            } else {
                "a Promise as the console shows it: crypto.subtle.exportKey returns a promise \
                 of the key, not the key"
            },
            export(
                "await it: JSON.stringify(await crypto.subtle.exportKey('jwk', publicKey))",
                "await it: JSON.stringify(await crypto.subtle.exportKey('jwk', \
                 keyPair.publicKey)) (never share the private key)",
                "await it: JSON.stringify(await crypto.subtle.exportKey('jwk', privateKey))",
            ),
        )
    } else if text.contains("CryptoKey") {
        (
            if as_text {
                "a WebCrypto CryptoKey turned into text, which does not show the key"
            } else {
                "a WebCrypto CryptoKey as the console prints it, which does not show the key"
            },
            export(
                "print the key exported: await crypto.subtle.exportKey('jwk', key), then \
                 JSON.stringify",
                "print the key pair's public key exported: await crypto.subtle.exportKey('jwk', \
                 keyPair.publicKey), then JSON.stringify (never share the private key)",
                "print the key exported: await crypto.subtle.exportKey('pkcs8', key) (its bytes \
                 as hex or base64), or 'jwk' and JSON.stringify",
            ),
        )
    } else if let Some(name) = object {
        if name.ends_with("Array") || name == "ArrayBuffer" {
            (
                "what JavaScript writes for a byte array turned into text (String(), a \
                 template literal, textContent), not its bytes",
                "print them as hex: [...new Uint8Array(bytes)].map((b) => \
                 b.toString(16).padStart(2, '0')).join('')",
            )
        } else {
            (
                "what JavaScript writes for an object turned into text (String(), a template \
                 literal, textContent), not what it holds",
                "print it with JSON.stringify(object)",
            )
        }
    } else if text.starts_with("ECDH {") || text.starts_with("ECDH{") {
        (
            "a Node.js ECDH object as console.log prints it, which does not show the key",
            if private {
                "print the key: ecdh.getPrivateKey('hex') (never share it)"
            } else {
                "print the key: ecdh.getPublicKey('hex')"
            },
        )
    } else if text.starts_with("System.Security.Cryptography.")
        && !text.contains(char::is_whitespace)
    {
        (
            ".NET's name for a key object (its type), which does not show the key",
            export(
                "print the key encoded: \
                 Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())",
                "print its public key encoded: \
                 Convert.ToBase64String(key.PublicKey.ExportSubjectPublicKeyInfo()) (never \
                 share the private key)",
                "print the key encoded: Convert.ToBase64String(key.ExportPkcs8PrivateKey())",
            ),
        )
    } else if text.starts_with("<memory at 0x") {
        (
            "Python's name for a memoryview, not its bytes",
            "print bytes(view).hex()",
        )
    } else if text.contains("KeyObject") {
        (
            "a Node.js KeyObject as console.log prints it, which does not show the key",
            export(
                "print the key exported: key.export({ type: 'spki', format: 'pem' })",
                "print its public key: crypto.createPublicKey(key).export({ type: 'spki', \
                 format: 'pem' }) (never share the private key)",
                "print the key exported: key.export({ type: 'pkcs8', format: 'pem' })",
            ),
        )
    } else if text.starts_with("<cryptography.") && text.contains(" object at 0x") {
        (
            "a Python cryptography key object as print shows it, which does not show the key",
            export(
                "print the key exported: key.public_bytes(Encoding.PEM, \
                 PublicFormat.SubjectPublicKeyInfo).decode()",
                "print its public key: key.public_key().public_bytes(Encoding.PEM, \
                 PublicFormat.SubjectPublicKeyInfo).decode() (never share the private key)",
                "print the key exported: key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, \
                 NoEncryption()).decode()",
            ),
        )
    } else if text.starts_with("#<OpenSSL::PKey::EC::Point:") {
        (
            "a Ruby OpenSSL::PKey::EC::Point as p prints it, which does not show the point",
            "print it encoded: puts point.to_octet_string(:uncompressed).unpack1('H*')",
        )
    } else if text.starts_with("#<OpenSSL::PKey::") {
        (
            "a Ruby OpenSSL key object as p prints it, which does not show the key",
            export(
                "print the key: puts key.public_to_pem",
                "print its public key: puts key.public_to_pem (never share the private key)",
                "print the key: puts key.private_to_pem",
            ),
        )
    } else if text.ends_with("{ .. }")
        && (text.contains("SecretKey") || text.contains("SigningKey"))
    {
        let public = "print its public key: hex::encode(key.public_key().to_sec1_bytes()) (of a \
             SigningKey: key.verifying_key().to_sec1_bytes())";
        (
            "the Debug output of a RustCrypto secret key, which hides the key",
            export(public, public, "print the key: hex::encode(key.to_bytes())"),
        )
    } else if let Some(class) = java_identity(text) {
        let encoded = "print the key encoded: Base64.getEncoder().encodeToString(publicKey.\
             getEncoded()), which this page reads";
        if class.contains("PrivateKey") {
            (
                "a Java private key object as toString prints it (its class and identity), which \
                 does not show the key",
                export(
                    encoded,
                    "print its key pair's public key: Base64.getEncoder().encodeToString(\
                     keyPair.getPublic().getEncoded()) (never share the private key)",
                    "print the key encoded: Base64.getEncoder().encodeToString(privateKey.\
                     getEncoded()) (PKCS#8)",
                ),
            )
        } else if class.ends_with("ECPoint") {
            (
                "Java's name for an ECPoint (its class and identity), not its coordinates",
                encoded,
            )
        } else {
            (
                "Java's name for an object (its class and identity), not what it holds",
                encoded,
            )
        }
    } else if text.starts_with("[B@") {
        (
            "Java's name for a byte array (its type and identity), not its bytes",
            "print HexFormat.of().formatHex(bytes) (Java 17), or Arrays.toString(bytes)",
        )
    } else if text == "System.Byte[]" {
        (
            ".NET's name for a byte array, not its bytes",
            "print Convert.ToHexString(bytes)",
        )
    } else if text.starts_with("PuTTY-User-Key-File-") {
        (
            "a PuTTY key file (.ppk), which holds a private key: never share it",
            if private {
                "convert it for OpenSSH: puttygen key.ppk -O private-openssh -o key"
            } else {
                "puttygen key.ppk -O public-openssh prints its public key line, which this page \
                 reads"
            },
        )
    } else {
        return None;
    };
    Some(Error::Printout(format!("this is {what}; {how}")))
}

/// A language's empty value, in words, and how it came to be printed: `None` for any
/// other text.
fn empty_value(text: &str) -> Option<(&'static str, &'static str)> {
    const UNSET: &str = "the value printed held no key (a variable not yet set, a misspelt \
         property, a function that returns nothing); print the key once it is set";
    Some(match text {
        "null" | "[object Null]" => ("null (the empty value of JavaScript, Java or JSON)", UNSET),
        "undefined" | "[object Undefined]" => ("JavaScript's undefined", UNSET),
        "NaN" => (
            "JavaScript's NaN (not a number)",
            "a number was made of something that is not one (Number() or parseInt of the \
             key's text, arithmetic on its bytes); print the key itself",
        ),
        "None" => ("Python's None", UNSET),
        "nil" | "<nil>" => ("nil (the empty value of Go or Ruby)", UNSET),
        "Optional(nil)" => ("Swift's nil", UNSET),
        "NULL" => ("PHP's NULL", UNSET),
        _ => return None,
    })
}

/// The length a console shows of an ArrayBuffer without its bytes: Chrome's
/// `ArrayBuffer(65)` (and what follows it when expanded), Firefox's `ArrayBuffer {
/// byteLength: 65 }`. `None` for any other text, and for Node's view, which has the bytes.
fn array_buffer_length(text: &str) -> Option<&str> {
    if text.contains("[Uint8Contents]") {
        return None;
    }
    fn digits(t: &str) -> Option<&str> {
        let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        t.get(..end).filter(|d| !d.is_empty())
    }
    if let Some(rest) = text.strip_prefix("ArrayBuffer(") {
        let length = digits(rest)?;
        return rest.get(length.len()..)?.starts_with(')').then_some(length);
    }
    let rest = text.strip_prefix("ArrayBuffer {")?;
    let (_, after) = rest.split_once("byteLength:")?;
    digits(after.trim_start())
}

/// The class of Java's `Object.toString()`, `package.Class@1b6d3586` (its class and its
/// identity hash): `None` for any other text.
fn java_identity(text: &str) -> Option<&str> {
    let (class, hash) = text.split_once('@')?;
    let (_, name) = class.rsplit_once('.')?;
    let java_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '$' | '_');
    (name.starts_with(|c: char| c.is_ascii_uppercase())
        && class.chars().all(java_name)
        && (1..=8).contains(&hash.len())
        && hash.bytes().all(|b| b.is_ascii_hexdigit()))
    .then_some(class)
}

/// A console's view of an object, cut short with "…" (Chrome shows five properties and
/// the start of long strings): `None` for text without "…".
#[must_use]
pub fn cut_short_object(text: &str) -> Option<Error> {
    text.contains('…').then(|| {
        Error::malformed(
            "JWK",
            "this printout is cut short (it has \"…\"): a console's preview shows only part of \
             an object; print it whole: JSON.stringify(jwk) in JavaScript, json.dumps(jwk) in \
             Python",
        )
    })
}

/// The point of Python's `print(public_key.public_numbers())`:
/// `<EllipticCurvePublicNumbers(curve=secp256r1, x=1139…, y=1220…)>`, the coordinates in
/// decimal, as the SEC1 bytes `04‖x‖y`; `None` for any other text.
pub fn python_public_numbers(text: &str) -> Option<Result<Literal>> {
    let inner = text
        .trim()
        .strip_prefix("<EllipticCurvePublicNumbers(")?
        .strip_suffix('>')?;
    // cryptography 41 and earlier write no ")" before the ">".
    let inner = inner.strip_suffix(')').unwrap_or(inner);
    let mut curve = None;
    let mut x = None;
    let mut y = None;
    for part in inner.split(',') {
        let (name, value) = part.split_once('=')?;
        match name.trim() {
            "curve" => curve = Some(value.trim()),
            "x" => x = Some(value.trim()),
            "y" => y = Some(value.trim()),
            _ => {}
        }
    }
    let (curve, x, y) = (curve?, x?, y?);
    if curve != "secp256r1" {
        return Some(Err(Error::UnsupportedKey {
            found: format!("a {curve} key (Python's EllipticCurvePublicNumbers)"),
        }));
    }
    let mut point = vec![4u8];
    for (name, digits) in [("x", x), ("y", y)] {
        match decimal_32_bytes(digits) {
            Some(bytes) => point.extend_from_slice(&bytes),
            None => {
                return Some(Err(malformed(format!(
                    "{name} of the EllipticCurvePublicNumbers is not a number below 2^256"
                ))));
            }
        }
    }
    Some(Ok(Literal {
        bytes: Zeroizing::new(point),
        kind: "Python's EllipticCurvePublicNumbers (x and y in decimal)",
    }))
}

/// A printout's coordinate longer than P-256's: a key on a larger curve, `why` saying how
/// the printout shows it.
pub(super) fn larger_curve(why: &str) -> Error {
    Error::UnsupportedKey {
        found: format!("a key on a curve larger than P-256 ({why})"),
    }
}

/// A decimal number as 32 big-endian bytes, if it has only digits and is below 2^256.
pub(super) fn decimal_32_bytes(digits: &str) -> Option<[u8; 32]> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // 2^256 has 78 digits: a longer number (leading zeros aside) is not read digit by digit.
    let digits = digits.trim_start_matches('0');
    if digits.len() > 78 {
        return None;
    }
    let mut out = [0u8; 32];
    for d in digits.bytes() {
        // out = out * 10 + d, from the last byte up; a carry out of the first is overflow.
        let mut carry = u32::from(d.checked_sub(b'0')?);
        for byte in out.iter_mut().rev() {
            let v = u32::from(*byte).checked_mul(10)?.checked_add(carry)?;
            *byte = u8::try_from(v & 0xff).ok()?;
            carry = v >> 8;
        }
        if carry != 0 {
            return None;
        }
    }
    Some(out)
}

fn malformed(detail: impl Into<String>) -> Error {
    Error::malformed("bytes", detail)
}

fn cut_short(marker: &str) -> Error {
    malformed(format!(
        "this printout is cut short (it says {marker:?}): {PRINT_WHOLE}"
    ))
}

fn buffer_cut_short(marker: &str) -> Error {
    malformed(format!(
        "this printout is cut short (it says {marker:?}): {PRINT_BUFFER}"
    ))
}

/// The literal of a paste that is one or more Python bytes literals (`b'…'`, optionally as
/// `bytearray(…)` or in parentheses, after a label such as `>>> ` or `raw = `), or a
/// quoted string with `\x` escapes (Python 2's `'\x04…'`, Ruby's `"\x04…"`): the text
/// from the literal on, and whether it is the quoted string without `b`.
fn python_body(text: &str) -> Option<(&str, bool)> {
    fn starts(t: &str, plain: bool) -> Option<&str> {
        let t = t
            .strip_prefix("bytearray(")
            .or_else(|| t.strip_prefix('('))
            .map_or(t, str::trim_start);
        let mut chars = t.chars();
        let first = chars.next();
        let literal = if plain {
            matches!(first, Some('\'' | '"')) && t.contains("\\x")
        } else {
            matches!((first, chars.next()), (Some('b' | 'B'), Some('\'' | '"')))
        };
        literal.then_some(t)
    }
    for plain in [false, true] {
        if let Some(t) = starts(text, plain) {
            return Some((t, plain));
        }
    }
    // After a label: the first b' or b" that starts a word.
    let at = text.char_indices().find_map(|(i, c)| {
        let word_start = text
            .get(..i)
            .and_then(|before| before.chars().next_back())
            .is_none_or(|p| !(p.is_alphanumeric() || p == '_'));
        let quote = text.get(i.checked_add(1)?..)?.starts_with(['\'', '"']);
        (matches!(c, 'b' | 'B') && word_start && quote).then_some(i)
    })?;
    let marker = text.get(at..at.checked_add(2)?)?;
    let t = after_label(text, marker)?;
    starts(t, false).map(|t| (t, false))
}

/// Decodes Python bytes literals, one after another (as Python joins `b'ab' b'cd'`), and
/// the closing parenthesis of `bytearray(…)` or `(…)` around them; `plain`: quoted
/// strings without the `b`.
fn python(text: &str, plain: bool) -> Result<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(Vec::with_capacity(text.len()));
    let mut chars = text.chars().peekable();
    loop {
        match chars.next() {
            None => return Ok(out),
            Some(c) if c.is_whitespace() || c == ')' => {}
            Some('b' | 'B') if !plain && matches!(chars.peek(), Some('\'' | '"')) => {
                let quote = chars.next().unwrap_or('\'');
                python_literal(&mut chars, quote, &mut out)?;
            }
            Some(quote @ ('\'' | '"')) if plain => python_literal(&mut chars, quote, &mut out)?,
            Some(c) => {
                return Err(malformed(format!(
                    "{c:?} after a Python bytes literal: paste the literal alone"
                )));
            }
        }
    }
}

/// One literal's contents after its opening quote, up to the closing one.
fn python_literal(
    chars: &mut core::iter::Peekable<core::str::Chars<'_>>,
    quote: char,
    out: &mut Vec<u8>,
) -> Result<()> {
    let unclosed = || {
        malformed(format!(
            "the {quote}…{quote} literal is not closed: copy it whole, up to its closing \
             quote"
        ))
    };
    let broken = || {
        malformed(format!(
            "the {quote}…{quote} literal is broken across lines (a terminal or an editor \
             wrapped it): join its lines and paste it again"
        ))
    };
    loop {
        let c = chars.next().ok_or_else(unclosed)?;
        match c {
            c if c == quote => return Ok(()),
            '\\' => {
                let e = chars.next().ok_or_else(unclosed)?;
                match e {
                    'x' => {
                        let hex: String = chars.by_ref().take(2).collect();
                        if hex.contains(['\n', '\r']) {
                            return Err(broken());
                        }
                        if hex.len() < 2 && chars.peek().is_none() {
                            return Err(unclosed());
                        }
                        let byte = u8::from_str_radix(&hex, 16).ok().filter(|_| hex.len() == 2);
                        out.push(byte.ok_or_else(|| {
                            malformed(format!("\\x{hex} is not an escape of two hex digits"))
                        })?);
                    }
                    // Ruby writes ESC as \e, and # before {, $ or @ as \#.
                    'e' => out.push(0x1b),
                    '#' => out.push(b'#'),
                    '0'..='7' => {
                        let mut value = e.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match chars.peek().and_then(|d| d.to_digit(8)) {
                                Some(d) => {
                                    value = value.saturating_mul(8).saturating_add(d);
                                    chars.next();
                                }
                                None => break,
                            }
                        }
                        out.push(u8::try_from(value).map_err(|_| {
                            malformed(format!("the octal escape \\{value:o} is over 255"))
                        })?);
                    }
                    'n' => out.push(b'\n'),
                    'r' => out.push(b'\r'),
                    't' => out.push(b'\t'),
                    'a' => out.push(7),
                    'b' => out.push(8),
                    'f' => out.push(12),
                    'v' => out.push(11),
                    '\\' | '\'' | '"' => out.push(e as u8),
                    // A backslash at the end of a line continues the literal.
                    '\n' => {}
                    '\r' => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                    }
                    // Python keeps an unknown escape as written.
                    e if e.is_ascii() => out.extend_from_slice(&[b'\\', e as u8]),
                    e => return Err(non_ascii(e)),
                }
            }
            '\n' | '\r' => {
                return Err(if chars.any(|c| !c.is_whitespace()) {
                    broken()
                } else {
                    unclosed()
                });
            }
            c if c.is_ascii() => out.push(c as u8),
            c => return Err(non_ascii(c)),
        }
    }
}

fn non_ascii(c: char) -> Error {
    malformed(format!(
        "{c:?} in a Python bytes literal, which holds only ASCII characters and escapes"
    ))
}

/// `04 76 b3 …` of `<Buffer 04 76 b3 …>`; Node writes `... 15 more bytes` after the 50th.
fn node_buffer(inner: &str) -> Result<Zeroizing<Vec<u8>>> {
    if let Some(at) = inner.find("...") {
        return Err(buffer_cut_short(inner.get(at..).unwrap_or_default().trim()));
    }
    let mut out = Zeroizing::new(Vec::with_capacity(inner.len()));
    for pair in inner.split_whitespace() {
        let byte = u8::from_str_radix(pair, 16)
            .ok()
            .filter(|_| pair.len() == 2);
        out.push(byte.ok_or_else(|| malformed(format!("{pair:?} is not a byte in hex")))?);
    }
    Ok(out)
}

/// `JSON.stringify` of a typed array: `{"0":4,"1":118,…}`, the members numbered in order.
fn typed_array_json(text: &str) -> Option<Result<Zeroizing<Vec<u8>>>> {
    let open = text.strip_prefix('{')?;
    if open.trim_start().starts_with("\"0\"") && !open.ends_with('}') {
        return Some(Err(json_cut_short()));
    }
    let body = open.strip_suffix('}')?;
    let mut out = Zeroizing::new(Vec::with_capacity(body.len()));
    for (i, member) in body.split(',').enumerate() {
        let (name, value) = member.split_once(':')?;
        let name = name.trim().strip_prefix('"')?.strip_suffix('"')?;
        if name.parse::<usize>().ok()? != i {
            return None;
        }
        out.push(match byte_value(value.trim(), false) {
            Ok(Some(b)) => b,
            Ok(None) => return None,
            Err(e) => return Some(Err(e)),
        });
    }
    Some(Ok(out))
}

/// The array of `JSON.stringify` of a Node.js Buffer: `{"type":"Buffer","data":[4,118,…]}`.
fn buffer_json(text: &str) -> Option<Result<&str>> {
    let compact: Zeroizing<String> =
        Zeroizing::new(text.chars().filter(|c| !c.is_whitespace()).collect());
    if !compact.starts_with("{\"type\":\"Buffer\",\"data\":[") {
        return None;
    }
    if !compact.ends_with("]}") {
        return Some(Err(json_cut_short()));
    }
    let start = text.find('[')?.checked_add(1)?;
    let end = text.rfind(']')?;
    text.get(start..end).map(Ok)
}

fn json_cut_short() -> Error {
    malformed(format!(
        "this JSON is cut short: it ends before its closing brace; {PRINT_WHOLE}"
    ))
}

/// The elements between the brackets of a list of numbers, after what a program prints
/// before it (`Uint8Array(65) `, `bytes(`, `new byte[] `, `[]byte`, `let k = `).
fn list_body(text: &str) -> Option<&str> {
    let open = text.rfind(['[', '{'])?;
    let close_char = if text.get(open..)?.starts_with('[') {
        ']'
    } else {
        '}'
    };
    let after = text.get(open.checked_add(1)?..)?;
    let close = after.find(close_char)?;
    let body = after.get(..close)?;
    let rest = after.get(close.checked_add(1)?..)?;
    // After the list: a call's closing parenthesis, a semicolon, `xxd -i`'s length line,
    // numpy's `dtype=uint8)`; no bracket, which would make the list part of something
    // larger.
    if rest.contains(['[', ']', '{', '}']) {
        return None;
    }
    // The list must start with a number (or be empty), or it is something else.
    let first = body.trim_start().chars().next();
    if !matches!(first, None | Some('0'..='9' | '-' | '(')) {
        return None;
    }
    // Before the list: words of code (`Uint8Array(65)`, `let k: [u8; 65] =`), not JSON.
    if text.get(..open)?.contains(['"', '{']) {
        return None;
    }
    // A number list must hold a number.
    body.contains(|c: char| c.is_ascii_digit()).then_some(body)
}

/// The numbers of a list, each 0–255, or −128–127 as Java prints bytes; all in hex when
/// one is written in hex without `0x` (Rust's `{:x?}`: `[4, 76, b3]`).
pub(super) fn numbers(body: &str) -> Result<Zeroizing<Vec<u8>>> {
    // Java and C write casts ("(byte) 0xb3").
    let cleaned = without_casts(body);
    let mut words: Vec<&str> = Vec::new();
    for item in cleaned.split([',', '\n']).map(str::trim) {
        if item.contains("more item") || item.contains('…') || item.contains("...") {
            return Err(cut_short(item));
        }
        // Chrome's console lists a typed array's properties after its elements
        // ("buffer: ArrayBuffer(65)", "byteLength: 65"): the elements have ended.
        if item.contains(':') && !words.is_empty() {
            break;
        }
        // Node and Go separate with spaces ("4, 118, 179,  53"; "[4 118 179]").
        words.extend(item.split_whitespace());
    }
    let bare_hex = words.iter().any(|w| {
        w.bytes().any(|b| matches!(b, b'a'..=b'f' | b'A'..=b'F'))
            && w.bytes().all(|b| b.is_ascii_hexdigit())
    });
    let mut out = Zeroizing::new(Vec::with_capacity(words.len()));
    for word in words {
        match byte_value(word, bare_hex)? {
            Some(b) => out.push(b),
            None => {
                return Err(malformed(format!(
                    "item {} of the list is not a number{}",
                    out.len().saturating_add(1),
                    if bare_hex { " in hex" } else { "" }
                )));
            }
        }
    }
    Ok(out)
}

/// `item` without casts: `(byte)`, `(uint8_t)`.
fn without_casts(item: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(item.len()));
    let mut rest = item;
    while let Some(open) = rest.find('(') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let cast = from
            .get(1..)
            .and_then(|f| f.split_once(')'))
            .filter(|(name, _)| {
                name.starts_with(|c: char| c.is_ascii_alphabetic())
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        match cast {
            Some((_, after)) => {
                out.push(' ');
                rest = after;
            }
            None => {
                out.push_str(from);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// One number of a list: decimal (signed, as Java prints bytes) or `0x` hex, with a
/// Rust type suffix or not (`4u8`); hex throughout when `bare_hex`; `Ok(None)` when it is
/// not a number.
fn byte_value(word: &str, bare_hex: bool) -> Result<Option<u8>> {
    if bare_hex && !word.starts_with("0x") && !word.starts_with("0X") {
        return Ok((word.len() <= 2)
            .then(|| u8::from_str_radix(word, 16).ok())
            .flatten());
    }
    let word = ["u8", "i8", "u"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .filter(|w| !w.is_empty() && !w.ends_with(['x', 'X']))
        .unwrap_or(word);
    let value = if let Some(hex) = word.strip_prefix("0x").or_else(|| word.strip_prefix("0X")) {
        i64::from_str_radix(hex, 16).ok()
    } else if word.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        word.parse::<i64>().ok()
    } else {
        None
    };
    let Some(value) = value else {
        return Ok(None);
    };
    match value {
        0..=255 => Ok(u8::try_from(value).ok()),
        // Two's complement, as Java's signed bytes print.
        -128..=-1 => Ok(u8::try_from(value.saturating_add(256)).ok()),
        _ => Err(malformed(format!(
            "{word} is not a byte: a byte is 0 to 255 (or -128 to 127, as Java prints \
             them)"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> (Vec<u8>, &'static str) {
        let l = read(text).expect("a literal").expect("read");
        (l.bytes.to_vec(), l.kind)
    }

    fn error(text: &str) -> String {
        match read(text) {
            Some(Err(e)) => e.to_string(),
            Some(Ok(l)) => panic!("{text}: read {:?}", l.bytes.as_slice()),
            None => panic!("{text}: not taken for a literal"),
        }
    }

    #[test]
    fn python_bytes_repr() {
        let all: Vec<u8> = (0..=255).collect();
        // Python's own repr of every byte value (python3 -c "print(repr(bytes(range(256))))").
        let repr = "b'\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f\
            \\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f \
            !\"#$%&\\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghij\
            klmnopqrstuvwxyz{|}~\\x7f\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\
            \\x8b\\x8c\\x8d\\x8e\\x8f\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\
            \\x9b\\x9c\\x9d\\x9e\\x9f\\xa0\\xa1\\xa2\\xa3\\xa4\\xa5\\xa6\\xa7\\xa8\\xa9\\xaa\
            \\xab\\xac\\xad\\xae\\xaf\\xb0\\xb1\\xb2\\xb3\\xb4\\xb5\\xb6\\xb7\\xb8\\xb9\\xba\
            \\xbb\\xbc\\xbd\\xbe\\xbf\\xc0\\xc1\\xc2\\xc3\\xc4\\xc5\\xc6\\xc7\\xc8\\xc9\\xca\
            \\xcb\\xcc\\xcd\\xce\\xcf\\xd0\\xd1\\xd2\\xd3\\xd4\\xd5\\xd6\\xd7\\xd8\\xd9\\xda\
            \\xdb\\xdc\\xdd\\xde\\xdf\\xe0\\xe1\\xe2\\xe3\\xe4\\xe5\\xe6\\xe7\\xe8\\xe9\\xea\
            \\xeb\\xec\\xed\\xee\\xef\\xf0\\xf1\\xf2\\xf3\\xf4\\xf5\\xf6\\xf7\\xf8\\xf9\\xfa\
            \\xfb\\xfc\\xfd\\xfe\\xff'";
        assert_eq!(bytes(repr), (all.clone(), PYTHON));
        assert_eq!(bytes(&format!("bytearray({repr})")).0, all);
        // Double quotes when the bytes hold a single quote; literals joined; octal.
        assert_eq!(bytes("b\"it's\"").0, b"it's");
        assert_eq!(bytes("(b'\\x04ab'\n b'cd')").0, b"\x04abcd");
        assert_eq!(bytes("B'\\0\\101\\a\\q'").0, b"\0A\x07\\q");
    }

    #[test]
    fn python_errors() {
        assert!(error("b'\\x04abc").contains("is not closed"));
        assert!(error("b'\\x4'").contains("\\x4'"));
        assert!(error("b'é'").contains("only ASCII"));
        assert!(error("b'ab' + x").contains("after a Python bytes literal"));
        assert!(error("b'\\777'").contains("over 255"));
    }

    #[test]
    fn php_printouts() {
        let var_dump = "array(3) {\n  [1]=>\n  int(4)\n  [2]=>\n  int(118)\n  [3]=>\n  int(255)\n}";
        assert_eq!(bytes(var_dump), (vec![4, 118, 255], PHP_ARRAY));
        let print_r = "Array\n(\n    [1] => 4\n    [2] => 118\n    [3] => 255\n)";
        assert_eq!(bytes(print_r), (vec![4, 118, 255], PHP_ARRAY));
        assert_eq!(bytes("string(4) \"04ab\""), (b"04ab".to_vec(), PHP_STRING));
        assert!(
            error("array(1) {\n  [1]=>\n  string(1) \"a\"\n}").contains("item 1 of the PHP array")
        );
        assert!(error("Array ( [1] => 300 )").contains("300 is not a byte"));
        assert!(error("string(3) \"\u{4}\u{fffd}\"").contains("print bin2hex($bytes)"));
        assert!(error("string(6) \"04ab\"").contains("says the string has 6 bytes, and 4 came"));
        // Cut short, in the middle of an item or before the closing bracket; two pasted.
        assert!(
            error("array(3) {\n  [1]=>\n  int(4)\n  [2]=>\n  in").contains("copied only in part")
        );
        assert!(error("Array\n(\n    [1] => 4\n    [2] => 11").contains("copied only in part"));
        assert!(error(&format!("{var_dump}\n{var_dump}")).contains("two printouts"));
        // Xdebug's var_dump: the calling line first, ` =>` after the index.
        let xdebug = "/app/key.php:3:\narray(2) {\n  [1] =>\n  int(4)\n  [2] =>\n  int(118)\n}";
        assert_eq!(bytes(xdebug), (vec![4, 118], PHP_ARRAY));
        // Not PHP: Firefox's console view of an Array, Scala's Array(…).
        assert_eq!(bytes("Array(3) [ 4, 118, 255 ]"), (vec![4, 118, 255], LIST));
        assert!(php("Array(4, 118, -77)").is_none());
    }

    #[test]
    fn lists_as_programs_print_them() {
        let want = vec![4, 118, 179, 255, 0];
        for (text, kind) in [
            ("[4, 118, 179, 255, 0]", LIST),
            ("[4,118,179,255,0]", LIST),
            ("Uint8Array(5) [ 4, 118, 179, 255, 0 ]", LIST),
            ("Uint8Array(5) [\n    4, 118, 179,\n  255,   0\n]", LIST),
            ("bytes([4, 118, 179, 255, 0])", LIST),
            ("[4, 118, -77, -1, 0]", LIST),
            ("{ 0x04, 0x76, 0xb3, 0xFF, 0x00 }", LIST),
            ("[]byte{0x04, 0x76, 0xb3, 0xff, 0x00}", LIST),
            ("let k: [u8; 5] = [4u8, 0x76, 179, 0xffu8, 0];", LIST),
            ("new byte[] { 4, 118, (byte) 0xb3, (byte)0xff, 0 };", LIST),
            ("uint8_t key[] = {0x04, 0x76, 0xb3, 0xff, 0x00,};", LIST),
            (
                "Uint8Array(5) [4, 118, 179, 255, 0, buffer: ArrayBuffer(5), byteLength: 5, byteOffset: 0, length: 5]",
                LIST,
            ),
            ("<Buffer 04 76 b3 ff 00>", BUFFER),
            (
                "ArrayBuffer {\n  [Uint8Contents]: <04 76 b3 ff 00>,\n  byteLength: 5\n}",
                ARRAY_BUFFER,
            ),
            ("[4 118 179 255 0]", LIST),
            ("[4, 76, b3, ff, 0]", LIST),
            (
                "unsigned char key[] = {\n  0x04, 0x76, 0xb3, 0xff, 0x00\n};\nunsigned int key_len = 5;",
                LIST,
            ),
            ("array([  4, 118, 179, 255,   0], dtype=uint8)", LIST),
            (
                "00000000: 0476 b3ff 00                                .v...",
                DUMP,
            ),
            ("00000000: 0476  .v\n00000002: B3FF 00      ...", DUMP),
            (
                "00000000  04 76 b3 ff 00                                    |.v...|\n00000005",
                DUMP,
            ),
            (
                "{\"0\":4,\"1\":118,\"2\":179,\"3\":255,\"4\":0}",
                TYPED_JSON,
            ),
            (
                "{\"type\":\"Buffer\",\"data\":[4,118,179,255,0]}",
                BUFFER_JSON,
            ),
            (
                "{ \"type\": \"Buffer\", \"data\": [ 4, 118, 179, 255, 0 ] }",
                BUFFER_JSON,
            ),
        ] {
            assert_eq!(bytes(text), (want.clone(), kind), "{text}");
        }
    }

    #[test]
    fn lists_without_brackets() {
        let want: Vec<u8> = (0..20).map(|i| i * 13).collect();
        let join = |f: &dyn Fn(u8) -> String, sep: &str| {
            want.iter().map(|b| f(*b)).collect::<Vec<_>>().join(sep)
        };
        for text in [
            join(&|b| b.to_string(), ","),
            join(&|b| b.to_string(), ", "),
            join(&|b| b.to_string(), " "),
            join(&|b| b.to_string(), "\n"),
            join(&|b| (b as i8).to_string(), " "),
            join(&|b| format!("{b:x}"), ","),
            join(&|b| format!("0x{b:02X}"), ", "),
        ] {
            assert_eq!(bytes(&text), (want.clone(), BARE_LIST), "{text}");
        }
        // Fewer than 16 values, two decimal coordinates, hex in pairs and words are left
        // to the other readers.
        for text in [
            "4, 118, 179, 255, 0",
            "4 118 179 255 0",
            "1104, 3285",
            "04 76 13 26 39 52 65 78 91 10 11 12 13 14 15 16 17",
            "0476 b3ff 0476 b3ff 0476 b3ff 0476 b3ff 0476 b3ff 0476 b3ff 0476 b3ff 0476 b3ff",
            "a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q",
            "4 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 1234",
            "4 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 --12",
        ] {
            assert!(read(text).is_none(), "{text}");
        }
        // Java's signed bytes: a minus and up to three digits.
        assert_eq!(
            bytes("4 -1 -128 3 4 5 6 7 8 9 10 11 12 13 14 15 16").0[..3],
            [4, 255, 128]
        );
        assert!(
            error(&format!("{},256", join(&|b| b.to_string(), ","))).contains("256 is not a byte")
        );
    }

    #[test]
    fn printouts_cut_short_say_so() {
        for text in [
            "<Buffer 04 76 b3 35 ... 15 more bytes>",
            "Uint8Array(150) [\n  4, 118,\n  ... 50 more items\n]",
            "Uint8Array(65) [4, 118, 179, …]",
            "[4, 118, ...]",
            "ArrayBuffer { [Uint8Contents]: <04 76 ... 100 more bytes>, byteLength: 200 }",
        ] {
            let e = error(text);
            assert!(
                e.contains("cut short") && e.contains("print the bytes whole, as hex"),
                "{text}: {e}"
            );
        }
    }

    #[test]
    fn values_that_are_no_bytes() {
        assert!(error("[4, 256]").contains("256 is not a byte"));
        assert!(error("[4, -129]").contains("-129 is not a byte"));
        assert!(error("[4, x]").contains("item 2 of the list is not a number"));
        assert!(error("[4, b3, x]").contains("item 3 of the list is not a number in hex"));
        assert!(error("<Buffer 04 7>").contains("\"7\" is not a byte in hex"));
    }

    #[test]
    fn python_public_numbers_and_key_objects() {
        let l = python_public_numbers(
            "<EllipticCurvePublicNumbers(curve=secp256r1, x=1, y=115792089237316195423570985008687907853269984665640564039457584007913129639935)>",
        )
        .unwrap()
        .unwrap();
        let mut want = vec![4u8];
        want.extend_from_slice(&[0; 31]);
        want.push(1);
        want.extend_from_slice(&[0xff; 32]);
        assert_eq!(l.bytes.as_slice(), want.as_slice());
        assert_eq!(
            decimal_32_bytes(&format!("{}", u128::MAX)).unwrap()[16..],
            [0xff; 16]
        );
        // 2^256 does not fit; neither does a letter.
        assert!(
            python_public_numbers(
                "<EllipticCurvePublicNumbers(curve=secp256r1, x=115792089237316195423570985008687907853269984665640564039457584007913129639936, y=1)>"
            )
            .unwrap()
            .is_err()
        );
        assert!(decimal_32_bytes("12a").is_none());
        assert!(
            python_public_numbers("<EllipticCurvePublicNumbers(curve=secp384r1, x=1, y=2)>")
                .unwrap()
                .unwrap_err()
                .to_string()
                .contains("a secp384r1 key")
        );
        assert!(python_public_numbers("x=1, y=2").is_none());
        for (text, says) in [
            (
                "CryptoKey {\n  type: 'public',\n  extractable: true,\n  algorithm: { name: 'ECDH', namedCurve: 'P-256' },\n  usages: []\n}",
                "exportKey",
            ),
            (
                "PublicKeyObject [KeyObject] { [Symbol(kKeyType)]: 'public' }",
                "key.export(",
            ),
            (
                "<cryptography.hazmat.bindings._rust.openssl.ec.ECPublicKey object at 0x7f038e93baf0>",
                "public_bytes(",
            ),
        ] {
            let e = not_a_key(text, false).unwrap().to_string();
            assert!(
                e.contains("which does not show the key") && e.contains(says),
                "{e}"
            );
        }
        assert!(not_a_key("{\"kty\":\"EC\"}", false).is_none());
        // Java's Object.toString() of a key (SunEC's private keys print so) and of a point.
        let private = "sun.security.ec.ECPrivateKeyImpl@e83cc5e9";
        let e = not_a_key(private, false).unwrap().to_string();
        assert!(
            e.contains("a Java private key object") && e.contains("keyPair.getPublic()"),
            "{e}"
        );
        let e = not_a_key(private, true).unwrap().to_string();
        assert!(e.contains("privateKey.getEncoded()) (PKCS#8)"), "{e}");
        let e = not_a_key("java.security.spec.ECPoint@d7c4d800", false)
            .unwrap()
            .to_string();
        assert!(
            e.contains("an ECPoint") && e.contains("publicKey.getEncoded()"),
            "{e}"
        );
        assert!(not_a_key("com.example.Keys$Holder@1b6d3586", false).is_some());
        // A console's view of exportKey's result without its bytes, or of the promise.
        for text in [
            "ArrayBuffer(65)",
            "ArrayBuffer(65)\nbyteLength: 65\n[[Prototype]]: ArrayBuffer\n[[Uint8Array]]: Uint8Array(65)",
            "ArrayBuffer { byteLength: 65 }",
        ] {
            let e = not_a_key(text, false).unwrap().to_string();
            assert!(
                e.contains("shows its length (65 bytes)") && e.contains("new Uint8Array(buffer)"),
                "{e}"
            );
        }
        assert!(
            not_a_key("ArrayBuffer(32)", true)
                .unwrap()
                .to_string()
                .contains("exportKey('pkcs8'")
        );
        for text in [
            "Promise {<pending>}",
            "Promise { <pending> }",
            "Promise {<fulfilled>: ArrayBuffer(65)}",
        ] {
            let e = not_a_key(text, false).unwrap().to_string();
            assert!(
                e.contains("a Promise")
                    && e.contains("await crypto.subtle.exportKey('jwk', publicKey)"),
                "{e}"
            );
        }
        assert!(not_a_key("ArrayBuffer(65", false).is_none());
        assert!(not_a_key("ArrayBuffer {}", false).is_none());
        // Ruby's p of an OpenSSL key or point (made with Ruby 3.1).
        let e = not_a_key(
            "#<OpenSSL::PKey::EC:0x00007f12f7bef6c0 oid=id-ecPublicKey>",
            false,
        )
        .unwrap()
        .to_string();
        assert!(
            e.contains("a Ruby OpenSSL key object") && e.ends_with("puts key.public_to_pem"),
            "{e}"
        );
        let e = not_a_key("#<OpenSSL::PKey::PKey:0x00007f12f7beed10 oid=X25519>", true)
            .unwrap()
            .to_string();
        assert!(e.ends_with("puts key.private_to_pem"), "{e}");
        let e = not_a_key(
            "#<OpenSSL::PKey::EC::Point:0x00007f12f7bef350 @group=#<OpenSSL::PKey::EC::Group:0x00007f12f7bef328>>",
            false,
        )
        .unwrap()
        .to_string();
        assert!(e.contains("to_octet_string(:uncompressed)"), "{e}");
        // RustCrypto's secret keys print nothing of the key.
        for text in [
            "elliptic_curve::secret_key::SecretKey<p256::NistP256> { .. }",
            "SigningKey { .. }",
        ] {
            let e = not_a_key(text, false).unwrap().to_string();
            assert!(
                e.contains("hides the key") && e.contains("to_sec1_bytes()"),
                "{e}"
            );
            assert!(
                not_a_key(text, true)
                    .unwrap()
                    .to_string()
                    .contains("hex::encode(key.to_bytes())")
            );
        }
        // An address is not an object's name.
        for text in ["john.doe@cafe", "Jane.Doe@example.com", "a.B@12345678a"] {
            assert!(not_a_key(text, false).is_none(), "{text}");
        }
    }

    #[test]
    fn other_pastes_are_left_alone() {
        for text in [
            "{\"kty\":\"EC\",\"crv\":\"P-256\"}",
            "{ kty: 'EC', crv: 'P-256' }",
            "{\"keys\":[1,2]}",
            "{\"x\": [1, 2]}",
            "04abcdef",
            "-----BEGIN PUBLIC KEY-----",
            "ecdsa-sha2-nistp256 AAAA",
            "[]",
            "[\"a\", \"b\"]",
            "hello",
        ] {
            assert!(read(text).is_none(), "{text}");
        }
    }
}
