//! The JSON (RFC 8259) of a JSON Web Key: one object whose members we read as strings.
//!
//! A JWK is a flat object, so a small strict reader does: it accepts any valid JSON
//! value for the members it skips (`key_ops` arrays, `ext` booleans), rejects invalid
//! JSON with the character position, rejects duplicate members (RFC 7517 §4 says
//! member names must be unique), and nests at most a few levels. It keeps a JSON
//! library out of the WebAssembly module.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use crate::error::{Error, Result};

/// How deeply skipped values may nest.
const MAX_DEPTH: usize = 16;

/// The members of a JSON object: the value of each string member, `None` for members
/// of other types (checked for validity, then left out).
pub type Members = Vec<(String, Option<String>)>;

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
}

fn err(detail: String) -> Error {
    Error::malformed("JWK", detail)
}

impl Parser<'_> {
    /// Moves on by `n` bytes (never past what `usize` holds; `get` then finds nothing).
    const fn advance(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n);
    }

    fn error(&self, expected: &str) -> Error {
        // Characters, not bytes: what an editor counts, and a whole "…" rather than its
        // first byte.
        let before = self.text.get(..self.pos).unwrap_or_default();
        let at = String::from_utf8_lossy(before)
            .chars()
            .count()
            .saturating_add(1);
        let found = self
            .text
            .get(self.pos..)
            .map(String::from_utf8_lossy)
            .and_then(|rest| rest.chars().next());
        match found {
            Some(c) => err(format!(
                "expected {expected} at character {at}, found {c:?}"
            )),
            None => err(format!("expected {expected}, but the text ends")),
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.text.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.advance(1);
        }
    }

    fn eat(&mut self, byte: u8, expected: &str) -> Result<()> {
        self.skip_space();
        if self.text.get(self.pos) == Some(&byte) {
            self.advance(1);
            Ok(())
        } else {
            Err(self.error(expected))
        }
    }

    fn string(&mut self) -> Result<String> {
        self.eat(b'"', "a string")?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&c) = self.text.get(self.pos) else {
                return Err(err("a string is not closed".to_owned()));
            };
            self.advance(1);
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.text.get(self.pos) else {
                        return Err(err("a string is not closed".to_owned()));
                    };
                    self.advance(1);
                    let decoded = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => {
                            self.pos = self.pos.saturating_sub(1);
                            return Err(self.error("an escape sequence"));
                        }
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(decoded.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => {
                    self.pos = self.pos.saturating_sub(1);
                    return Err(self.error("no control character inside a string"));
                }
                _ => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| err("a string is not valid UTF-8".to_owned()))
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .text
            .get(self.pos..self.pos.saturating_add(4))
            .and_then(|d| core::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("four hex digits after \\u"))?;
        self.advance(4);
        Ok(digits)
    }

    fn unicode_escape(&mut self) -> Result<char> {
        let first = self.hex4()?;
        let code = if (0xd800..0xdc00).contains(&first) {
            // A UTF-16 surrogate pair: \uD83D\uDE00.
            if self.text.get(self.pos..self.pos.saturating_add(2)) != Some(b"\\u") {
                return Err(self.error("the second half of a surrogate pair"));
            }
            self.advance(2);
            let second = self.hex4()?;
            if !(0xdc00..0xe000).contains(&second) {
                return Err(err("an unpaired UTF-16 surrogate in a string".to_owned()));
            }
            // Both halves were checked to lie in their ranges just above.
            #[allow(clippy::arithmetic_side_effects)]
            let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
            code
        } else {
            first
        };
        char::from_u32(code)
            .ok_or_else(|| err("an unpaired UTF-16 surrogate in a string".to_owned()))
    }

    /// Skips any JSON value, checking that it is valid.
    fn skip_value(&mut self, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(err("values are nested too deeply for a key".to_owned()));
        }
        self.skip_space();
        match self.text.get(self.pos) {
            Some(b'"') => self.string().map(drop),
            Some(b'{') => {
                self.advance(1);
                self.members(depth.saturating_add(1), |_, p, d| p.skip_value(d))
                    .map(drop)
            }
            Some(b'[') => {
                self.advance(1);
                self.elements(|p| p.skip_value(depth.saturating_add(1)))
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error("a value")),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<()> {
        if self.text.get(self.pos..self.pos.saturating_add(word.len())) == Some(word) {
            self.advance(word.len());
            Ok(())
        } else {
            Err(self.error("a value"))
        }
    }

    fn number(&mut self) -> Result<()> {
        let digits = |p: &mut Self| {
            let start = p.pos;
            while matches!(p.text.get(p.pos), Some(b'0'..=b'9')) {
                p.advance(1);
            }
            p.pos > start
        };
        if self.text.get(self.pos) == Some(&b'-') {
            self.advance(1);
        }
        if self.text.get(self.pos) == Some(&b'0') {
            self.advance(1);
        } else if !digits(self) {
            return Err(self.error("a digit"));
        }
        if self.text.get(self.pos) == Some(&b'.') {
            self.advance(1);
            if !digits(self) {
                return Err(self.error("a digit"));
            }
        }
        if matches!(self.text.get(self.pos), Some(b'e' | b'E')) {
            self.advance(1);
            if matches!(self.text.get(self.pos), Some(b'+' | b'-')) {
                self.advance(1);
            }
            if !digits(self) {
                return Err(self.error("a digit"));
            }
        }
        Ok(())
    }

    /// Reads array elements after the opening bracket, calling `each` at the start of
    /// every element (it must read the element).
    fn elements(&mut self, mut each: impl FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.skip_space();
        if self.text.get(self.pos) == Some(&b']') {
            self.advance(1);
            return Ok(());
        }
        loop {
            each(self)?;
            self.skip_space();
            match self.text.get(self.pos) {
                Some(b',') => self.advance(1),
                Some(b']') => {
                    self.advance(1);
                    return Ok(());
                }
                _ => return Err(self.error("',' or ']'")),
            }
        }
    }

    /// Reads object members after the opening brace, calling `each` on every value.
    fn members(
        &mut self,
        depth: usize,
        mut each: impl FnMut(String, &mut Self, usize) -> Result<()>,
    ) -> Result<()> {
        self.skip_space();
        if self.text.get(self.pos) == Some(&b'}') {
            self.advance(1);
            return Ok(());
        }
        loop {
            self.skip_space();
            let name = self.string()?;
            self.eat(b':', "':' after a member name")?;
            each(name, self, depth)?;
            self.skip_space();
            match self.text.get(self.pos) {
                Some(b',') => self.advance(1),
                Some(b'}') => {
                    self.advance(1);
                    return Ok(());
                }
                _ => return Err(self.error("',' or '}'")),
            }
        }
    }
}

/// Reads a JSON object and returns its string-valued members.
///
/// # Errors
/// [`Error::Malformed`] for text that is not one JSON object, with the position, and for
/// duplicate member names.
pub fn parse_object(text: &str) -> Result<Members> {
    let mut p = Parser {
        text: text.as_bytes(),
        pos: 0,
    };
    p.eat(b'{', "'{' (a JWK is a JSON object)")?;
    let mut members = Members::new();
    let mut names: Vec<String> = Vec::new();
    p.members(0, |name, p, depth| {
        if names.contains(&name) {
            return Err(err(format!("the member {name:?} appears twice")));
        }
        names.push(name.clone());
        p.skip_space();
        if p.text.get(p.pos) == Some(&b'"') {
            let value = p.string()?;
            members.push((name, Some(value)));
            Ok(())
        } else {
            members.push((name, None));
            p.skip_value(depth.saturating_add(1))
        }
    })?;
    p.skip_space();
    if p.pos != p.text.len() {
        return Err(p.error("the end of the text after the object"));
    }
    Ok(members)
}

/// The keys of a JWK Set (RFC 7517 §5: `{"keys": [...]}`, as a JWKS endpoint serves
/// it), each as the text of its object; `None` when `text` is an object without a
/// "keys" array (a JWK, or something else for the JWK reader to name).
///
/// # Errors
/// As [`parse_object`]; a "keys" member that is not an array of objects.
pub fn key_set(text: &str) -> Result<Option<Vec<&str>>> {
    let mut p = Parser {
        text: text.as_bytes(),
        pos: 0,
    };
    p.eat(b'{', "'{' (a JWK is a JSON object)")?;
    let mut keys = None;
    p.members(0, |name, p, depth| {
        p.skip_space();
        if name != "keys" || p.text.get(p.pos) != Some(&b'[') {
            return p.skip_value(depth.saturating_add(1));
        }
        p.advance(1);
        let mut found = Vec::new();
        p.elements(|p| {
            p.skip_space();
            if p.text.get(p.pos) != Some(&b'{') {
                return Err(p.error("a key (a JSON object) in the JWK Set's \"keys\""));
            }
            let start = p.pos;
            p.skip_value(depth.saturating_add(1))?;
            found.push(text.get(start..p.pos).unwrap_or_default());
            Ok(())
        })?;
        keys = Some(found);
        Ok(())
    })?;
    p.skip_space();
    if p.pos != p.text.len() {
        return Err(p.error("the end of the text after the object"));
    }
    Ok(keys)
}

/// JSON for an object as JavaScript or Python prints it: Node's `util.inspect` and
/// `console.log` write `{ kty: 'EC', crv: 'P-256', … }` (names unquoted, strings in single
/// quotes), Python's `print(jwk)` writes `{'kty': 'EC', …}` (with `True`, `False`, `None`),
/// and both may leave a comma before the closing brace. `None` when `text` has none of
/// these (strict JSON, or not an object at all), so that the strict reader's message
/// stands.
#[cfg(feature = "reader")]
pub fn from_object_notation(text: &str) -> Option<zeroize::Zeroizing<String>> {
    // Room for every quote added (at most one per character), so that the buffer never
    // moves and leaves a copy of a private member behind.
    let mut out = zeroize::Zeroizing::new(String::with_capacity(text.len().saturating_mul(2)));
    let mut changed = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                changed = true;
                out.push('"');
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some('\'') => out.push('\''),
                            Some(e) => {
                                out.push('\\');
                                out.push(e);
                            }
                            None => {}
                        },
                        '"' => out.push_str("\\\""),
                        '\'' => break,
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == '$' => {
                let mut word = String::from(c);
                while let Some(&n) = chars.peek() {
                    if !(n.is_ascii_alphanumeric() || n == '_' || n == '$') {
                        break;
                    }
                    word.push(n);
                    chars.next();
                }
                // Chrome's console writes an array it does not expand as `Array(1)`.
                if word == "Array" && chars.peek() == Some(&'(') {
                    for n in chars.by_ref() {
                        if n == ')' {
                            break;
                        }
                    }
                    word = "null".to_owned();
                    changed = true;
                }
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
                let value = match word.as_str() {
                    _ if chars.peek() == Some(&':') => None,
                    "true" | "false" | "null" => Some(word.as_str()),
                    "True" => Some("true"),
                    "False" => Some("false"),
                    "None" | "undefined" => Some("null"),
                    // Not a name and not a value: leave it for the strict reader to name.
                    _ => Some(word.as_str()),
                };
                match value {
                    Some(v) => {
                        changed |= v != word;
                        out.push_str(v);
                    }
                    None => {
                        changed = true;
                        out.push('"');
                        out.push_str(&word);
                        out.push('"');
                    }
                }
            }
            ',' => {
                let mut space = String::new();
                while let Some(&n) = chars.peek() {
                    if !n.is_whitespace() {
                        break;
                    }
                    space.push(n);
                    chars.next();
                }
                if matches!(chars.peek(), Some('}' | ']')) {
                    changed = true;
                } else {
                    out.push(',');
                }
                out.push_str(&space);
            }
            c => out.push(c),
        }
    }
    (changed && out.trim_start().starts_with('{')).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_webcrypto_jwk() {
        let m = parse_object(
            r#" {"crv":"P-256","ext":true,"key_ops":["deriveBits"],"kty":"EC","x":"a\u0062","n":-1.5e3,"o":{"p":[null,false]}} "#,
        )
        .unwrap();
        assert_eq!(
            m,
            [
                ("crv", Some("P-256")),
                ("ext", None),
                ("key_ops", None),
                ("kty", Some("EC")),
                ("x", Some("ab")),
                ("n", None),
                ("o", None)
            ]
            .map(|(n, v)| (n.to_owned(), v.map(str::to_owned)))
        );
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(
            parse_object(r#"{"crv":"é", …}"#).unwrap_err().to_string(),
            "malformed JWK: expected a string at character 13, found '…'"
        );
    }

    #[test]
    fn rejects_invalid_json_with_position() {
        assert_eq!(
            parse_object(r#"{"kty" "EC"}"#).unwrap_err().to_string(),
            "malformed JWK: expected ':' after a member name at character 8, found '\"'"
        );
        for bad in [
            "",
            "{",
            r#"{"a":}"#,
            r#"{"a":"b",}"#,
            r#"{"a":"b"} x"#,
            r#"{"a":01}"#,
            r#"{"a":"\x"}"#,
            r#"{"a":"b","a":"c"}"#,
            r#"{"a":"\ud800"}"#,
            "[]",
        ] {
            assert!(parse_object(bad).is_err(), "{bad}");
        }
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(40), "]".repeat(40));
        assert!(parse_object(&deep).is_err());
    }

    #[cfg(feature = "reader")]
    #[test]
    fn object_notation_of_javascript_and_python() {
        let json = |t: &str| from_object_notation(t).map(|s| s.to_string());
        // Node's util.inspect, as console.log prints a JWK.
        assert_eq!(
            json("{\n  kty: 'EC',\n  x: 'a-b_c',\n  crv: 'P-256'\n}").as_deref(),
            Some("{\n  \"kty\": \"EC\",\n  \"x\": \"a-b_c\",\n  \"crv\": \"P-256\"\n}")
        );
        // Python's print of a dict; a quote of the other kind and an escaped one inside.
        assert_eq!(
            json(r#"{'kty': 'EC', 'ext': True, 'key_ops': ['deriveBits',], 'n': None, 'q': 'a"b\'c'}"#)
                .as_deref(),
            Some(r#"{"kty": "EC", "ext": true, "key_ops": ["deriveBits"], "n": null, "q": "a\"b'c"}"#)
        );
        // Chrome's console, as it previews a JWK.
        assert_eq!(
            json("{crv: 'P-256', ext: true, key_ops: Array(1), kty: 'EC'}").as_deref(),
            Some(r#"{"crv": "P-256", "ext": true, "key_ops": null, "kty": "EC"}"#)
        );
        let parsed = parse_object(&json("{ kty: 'OKP', crv: 'X25519', }").unwrap()).unwrap();
        assert_eq!(parsed.len(), 2);
        // Strict JSON, or no object: nothing to say.
        assert_eq!(json(r#"{"kty":"EC","ext":true}"#), None);
        assert_eq!(json("['a']"), None);
        assert_eq!(json("hello"), None);
    }
}
