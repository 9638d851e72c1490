//! The key inspector's annotated DER tree (X.690 §8 for the encoding; the structures of
//! RFC 5280 §4.1, RFC 5480, RFC 5915, RFC 5958, RFC 8410, RFC 2986 and RFC 3279 §2.2.3
//! for the names).
//!
//! Every element is read with the crate's one strict DER reader ([`super::der`]); then,
//! where the shape is one we know (a SubjectPublicKeyInfo, a PKCS#8 or SEC1 private
//! key, an ECDSA signature, a certificate or request, EC parameters), each element is
//! given its name in the spec, and BIT and OCTET STRINGs that hold structure are opened:
//! the SEC1 point as 04 ‖ x ‖ y, the private key inside PKCS#8, the signature inside a
//! certificate, each extension's value.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use super::der::{BIT_STRING, INTEGER, OCTET_STRING, OID, Reader, SEQUENCE};
use zeroize::Zeroizing;

use super::{oid, text, x509};
use crate::error::{Error, Result};

/// Nesting deeper than this is refused: no key or certificate comes close, and the
/// reader must not recurse without bound on hostile input.
const MAX_DEPTH: usize = 24;

/// One element of the tree, or (with `tag` `None`) a named run of bytes inside a BIT or
/// OCTET STRING that is not DER itself: a SEC1 point's x and y, the unused-bits byte.
///
/// The node spans `offset .. offset + header_length + length` of the DER; the children
/// of a node, when it has any, cover its contents exactly, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The DER tag byte, or `None` for a run of bytes that is not an element.
    pub tag: Option<u8>,
    /// "SEQUENCE", "INTEGER", "[0]", ..., or for a run of bytes what it is ("bytes").
    pub tag_name: String,
    /// Where the node starts.
    pub offset: usize,
    /// The tag and length bytes (0 for a run of bytes).
    pub header_length: usize,
    /// The contents' length.
    pub length: usize,
    /// The field's name in its spec, when the structure is known.
    pub name: Option<String>,
    /// A readable value: an OID with its name, a number, a string, a time, hex.
    pub value: Option<String>,
    /// Elements inside a constructed element, or the decoded contents of a BIT or
    /// OCTET STRING.
    pub children: Vec<Node>,
}

impl Node {
    const fn content_start(&self) -> usize {
        self.offset.saturating_add(self.header_length)
    }

    fn child(&mut self, i: usize) -> Option<&mut Self> {
        self.children.get_mut(i)
    }

    fn tags(&self) -> Vec<Option<u8>> {
        self.children.iter().map(|c| c.tag).collect()
    }

    fn named(&mut self, name: &str) -> &mut Self {
        self.name = Some(name.to_owned());
        self
    }

    fn run(offset: usize, length: usize, name: &str, value: String) -> Self {
        Self {
            tag: None,
            tag_name: "bytes".to_owned(),
            offset,
            header_length: 0,
            length,
            name: Some(name.to_owned()),
            value: Some(value),
            children: Vec::new(),
        }
    }
}

/// The tree of one DER element that spans all of `der`, annotated where the structure
/// is known.
///
/// # Errors
/// [`Error::Malformed`] naming the byte where the DER goes wrong (a length that runs
/// past the end, a non-minimal length, bytes after the element, nesting too deep).
pub fn explain(der: &[u8]) -> Result<Node> {
    let mut reader = Reader::new(der, "DER");
    let mut root = element(&mut reader, 0)?;
    reader.finish("the first element")?;
    annotate(&mut root, der);
    Ok(root)
}

/// Reads the DER in a PEM text (the key's block when there are several: not the EC
/// PARAMETERS before it), hex (tried first) or base64, and explains it.
///
/// # Errors
/// Text that is none of these, or malformed DER.
pub fn explain_text(input: &str) -> Result<Node> {
    explain(&der_of_text(input)?)
}

/// The DER bytes [`explain_text`] reads from a text.
///
/// # Errors
/// Text that is not PEM, hex or base64.
pub fn der_of_text(input: &str) -> Result<Zeroizing<Vec<u8>>> {
    let input = input.trim();
    if input.contains("-----BEGIN") {
        let blocks = text::parse_pem_blocks(input)?;
        let block = blocks
            .iter()
            .find(|b| b.label != "EC PARAMETERS")
            .or_else(|| blocks.first())
            .ok_or_else(|| Error::malformed("PEM", "no block"))?;
        return Ok(Zeroizing::new(block.der.clone()));
    }
    if input.is_empty() {
        return Err(Error::malformed("DER", "the input is empty"));
    }
    Ok(Zeroizing::new(if text::looks_like_hex(input) {
        text::from_hex(input)?
    } else {
        text::from_base64(input)
            .map_err(|_| Error::malformed("DER", "expected PEM, or DER written as hex or base64"))?
    }))
}

fn element(reader: &mut Reader<'_>, depth: usize) -> Result<Node> {
    let at = reader.offset();
    if depth > MAX_DEPTH {
        return Err(reader.error(format!(
            "elements nested more than {MAX_DEPTH} deep at byte {at}"
        )));
    }
    let tlv = reader.tlv()?;
    let mut contents = tlv.value;
    let bytes = contents.bytes;
    let mut node = Node {
        tag: Some(tlv.tag),
        tag_name: tag_name(tlv.tag),
        offset: tlv.offset,
        header_length: tlv.header_length,
        length: bytes.len(),
        name: None,
        value: None,
        children: Vec::new(),
    };
    if tlv.tag & 0x20 != 0 {
        while !contents.at_end() {
            node.children
                .push(element(&mut contents, depth.saturating_add(1))?);
        }
    } else {
        node.value = primitive_value(tlv.tag, bytes);
        if tlv.tag == BIT_STRING && bytes.is_empty() {
            return Err(reader.error(format!("the BIT STRING at byte {at} is empty")));
        }
    }
    Ok(node)
}

fn tag_name(tag: u8) -> String {
    let number = tag & 0x1f;
    match tag & 0xc0 {
        0x80 => return format!("[{number}]"),
        0x40 => return format!("[APPLICATION {number}]"),
        0xc0 => return format!("[PRIVATE {number}]"),
        _ => {}
    }
    match number {
        0x01 => "BOOLEAN",
        0x02 => "INTEGER",
        0x03 => "BIT STRING",
        0x04 => "OCTET STRING",
        0x05 => "NULL",
        0x06 => "OBJECT IDENTIFIER",
        0x0a => "ENUMERATED",
        0x0c => "UTF8String",
        0x10 => "SEQUENCE",
        0x11 => "SET",
        0x13 => "PrintableString",
        0x14 => "TeletexString",
        0x16 => "IA5String",
        0x17 => "UTCTime",
        0x18 => "GeneralizedTime",
        0x1a => "VisibleString",
        0x1e => "BMPString",
        _ => return format!("tag {tag:02x}"),
    }
    .to_owned()
}

fn primitive_value(tag: u8, bytes: &[u8]) -> Option<String> {
    match tag {
        0x01 => Some(if bytes == [0xff] { "true" } else { "false" }.to_owned()),
        INTEGER => Some(integer(bytes)),
        BIT_STRING => bytes.get(1..).map(text::to_hex),
        0x05 => None,
        OID => Some(oid::describe(bytes)),
        0x0c | 0x13 | 0x14 | 0x16 | 0x1a | 0x1e => Some(x509::string_value(tag, bytes)),
        0x17 | 0x18 => Some(
            x509::format_time(tag, bytes)
                .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned()),
        ),
        _ => Some(text::to_hex(bytes)),
    }
}

/// Small non-negative integers in decimal; the rest (serial numbers, r and s) in hex.
fn integer(bytes: &[u8]) -> String {
    match bytes {
        [first, ..] if bytes.len() <= 4 && first & 0x80 == 0 => bytes
            .iter()
            .fold(0u32, |n, &b| (n << 8) | u32::from(b))
            .to_string(),
        _ => text::to_hex(bytes),
    }
}

// ---------------------------------------------------------------------------------
// Names, for the structures we know

fn annotate(root: &mut Node, der: &[u8]) {
    const INT: Option<u8> = Some(INTEGER);
    const SEQ: Option<u8> = Some(SEQUENCE);
    const BITS: Option<u8> = Some(BIT_STRING);
    const OCTETS: Option<u8> = Some(OCTET_STRING);
    if root.tag == Some(OID) {
        root.named("ECParameters: namedCurve");
        return;
    }
    if root.tag != SEQ {
        return;
    }
    match root.tags().as_slice() {
        [SEQ, BITS] => spki(root, der, "SubjectPublicKeyInfo"),
        [INT, SEQ, OCTETS, ..] => pkcs8(root, der),
        [INT, OCTETS, ..] => ec_private_key(root, der),
        [INT, INT] => signature(root),
        [SEQ, SEQ, BITS] => {
            let tbs_first = root.children.first().and_then(|t| t.children.first());
            let tbs_second = root.children.first().and_then(|t| t.children.get(1));
            let is_certificate = tbs_first.is_some_and(|n| n.tag == Some(0xa0))
                || tbs_second.is_some_and(|n| {
                    n.tag == SEQ && n.children.first().is_some_and(|c| c.tag == Some(OID))
                });
            if is_certificate {
                certificate(root, der);
            } else {
                request(root, der);
            }
        }
        _ => {}
    }
}

/// The key algorithm an AlgorithmIdentifier names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Ec,
    X25519,
    Other,
}

fn algorithm(node: &mut Node, name: &str) -> KeyKind {
    node.named(name);
    let mut kind = KeyKind::Other;
    if let Some(id) = node.child(0) {
        id.named("algorithm");
        kind = match id.value.as_deref().and_then(|v| v.split(' ').next()) {
            Some("1.2.840.10045.2.1") => KeyKind::Ec,
            Some("1.3.101.110") => KeyKind::X25519,
            _ => KeyKind::Other,
        };
    }
    if let Some(parameters) = node.child(1) {
        let name = if parameters.tag == Some(OID) {
            "parameters: namedCurve"
        } else {
            "parameters"
        };
        parameters.named(name);
    }
    kind
}

fn spki(node: &mut Node, der: &[u8], name: &str) {
    node.named(name);
    let kind = node.child(0).map_or(KeyKind::Other, |a| {
        algorithm(a, "algorithm (AlgorithmIdentifier)")
    });
    if let Some(key) = node.child(1) {
        key.named("subjectPublicKey");
        public_key_bits(key, der, kind);
    }
}

/// Opens a BIT STRING holding a public key: the unused-bits byte, then the SEC1 point
/// (P-256) or the u-coordinate (X25519).
fn public_key_bits(node: &mut Node, der: &[u8], kind: KeyKind) {
    let start = node.content_start();
    let Some(contents) = der.get(start..start.saturating_add(node.length)) else {
        return;
    };
    let Some((&unused, key)) = contents.split_first() else {
        return;
    };
    let mut children = vec![Node::run(start, 1, "unused bits", unused.to_string())];
    let at = start.saturating_add(1);
    match (kind, key.first(), key.len()) {
        (KeyKind::Ec, Some(4), 65) => {
            let (x, y) = key.get(1..).unwrap_or_default().split_at(32);
            children.push(Node::run(
                at,
                1,
                "point format",
                "04: uncompressed, x and y follow".to_owned(),
            ));
            children.push(Node::run(at.saturating_add(1), 32, "x", text::to_hex(x)));
            children.push(Node::run(at.saturating_add(33), 32, "y", text::to_hex(y)));
        }
        (KeyKind::Ec, Some(&b @ (2 | 3)), 33) => {
            let parity = if b == 2 { "even" } else { "odd" };
            children.push(Node::run(
                at,
                1,
                "point format",
                format!("{b:02x}: compressed, y is {parity}"),
            ));
            let x = key.get(1..).unwrap_or_default();
            children.push(Node::run(at.saturating_add(1), 32, "x", text::to_hex(x)));
        }
        (KeyKind::X25519, _, 32) => {
            children.push(Node::run(
                at,
                32,
                "u (the u-coordinate, little-endian)",
                text::to_hex(key),
            ));
        }
        _ => return,
    }
    node.children = children;
}

/// Reads the contents of a BIT STRING (after its unused-bits byte) or OCTET STRING as
/// one DER element, making it the node's child; leaves the node as it is when the
/// contents are not DER.
fn open_contents(node: &mut Node, der: &[u8]) -> bool {
    let is_bits = node.tag == Some(BIT_STRING);
    let skip = usize::from(is_bits);
    let start = node.content_start().saturating_add(skip);
    let end = node.content_start().saturating_add(node.length);
    let Some(contents) = der.get(start..end) else {
        return false;
    };
    let mut reader = Reader {
        bytes: contents,
        pos: 0,
        base: start,
        what: "DER",
    };
    let Ok(inner) = element(&mut reader, 1) else {
        return false;
    };
    if !reader.at_end() {
        return false;
    }
    node.children = if is_bits {
        vec![
            Node::run(node.content_start(), 1, "unused bits", "0".to_owned()),
            inner,
        ]
    } else {
        vec![inner]
    };
    true
}

fn pkcs8(node: &mut Node, der: &[u8]) {
    let v2 = node.child(0).and_then(|v| v.value.clone()).as_deref() == Some("1");
    node.named(if v2 {
        "OneAsymmetricKey (PKCS#8 v2)"
    } else {
        "PrivateKeyInfo (PKCS#8)"
    });
    if let Some(version) = node.child(0) {
        version.named("version");
    }
    let kind = node
        .child(1)
        .map_or(KeyKind::Other, |a| algorithm(a, "privateKeyAlgorithm"));
    if let Some(private) = node.child(2) {
        private.named("privateKey");
        if open_contents(private, der)
            && let Some(inner) = private.children.last_mut()
        {
            match kind {
                KeyKind::Ec => ec_private_key(inner, der),
                KeyKind::X25519 => {
                    inner.named("CurvePrivateKey: the X25519 private key (secret)");
                }
                KeyKind::Other => {}
            }
        }
    }
    for child in node.children.get_mut(3..).unwrap_or_default() {
        match child.tag {
            Some(0xa0) => {
                child.named("attributes");
            }
            Some(0x81) => {
                child.named("publicKey");
            }
            _ => {}
        }
    }
}

fn ec_private_key(node: &mut Node, der: &[u8]) {
    node.named("ECPrivateKey (SEC1)");
    if let Some(version) = node.child(0) {
        version.named("version");
    }
    if let Some(scalar) = node.child(1) {
        scalar.named("privateKey: the secret scalar d");
    }
    for child in node.children.get_mut(2..).unwrap_or_default() {
        match child.tag {
            Some(0xa0) => {
                child.named("[0] parameters");
                if let Some(curve) = child.child(0) {
                    curve.named("namedCurve");
                }
            }
            Some(0xa1) => {
                child.named("[1] publicKey");
                if let Some(bits) = child.child(0) {
                    bits.named("publicKey");
                    public_key_bits(bits, der, KeyKind::Ec);
                }
            }
            _ => {}
        }
    }
}

fn signature(node: &mut Node) {
    node.named("ECDSA-Sig-Value");
    if let Some(r) = node.child(0) {
        r.named("r");
    }
    if let Some(s) = node.child(1) {
        s.named("s");
    }
}

fn signature_value(node: &mut Node, der: &[u8], name: &str) {
    node.named(name);
    if open_contents(node, der)
        && let Some(inner) = node.children.last_mut()
        && inner.tags() == [Some(INTEGER), Some(INTEGER)]
    {
        signature(inner);
    }
}

fn certificate(node: &mut Node, der: &[u8]) {
    node.named("Certificate");
    if let Some(tbs) = node.child(0) {
        tbs_certificate(tbs, der);
    }
    if let Some(alg) = node.child(1) {
        algorithm(alg, "signatureAlgorithm");
    }
    if let Some(value) = node.child(2) {
        signature_value(value, der, "signatureValue");
    }
}

fn tbs_certificate(node: &mut Node, der: &[u8]) {
    node.named("tbsCertificate");
    let mut fields = [
        "serialNumber",
        "signature (AlgorithmIdentifier)",
        "issuer",
        "validity",
        "subject",
        "subjectPublicKeyInfo",
    ]
    .into_iter();
    for child in &mut node.children {
        match child.tag {
            Some(0xa0) => {
                child.named("[0] version");
                if let Some(v) = child.child(0) {
                    let shown = v.value.as_deref().map(|n| match n {
                        "0" => "0 (v1)",
                        "1" => "1 (v2)",
                        "2" => "2 (v3)",
                        _ => "unknown",
                    });
                    v.value = shown.map(str::to_owned);
                    v.named("version");
                }
            }
            Some(0x81) => {
                child.named("issuerUniqueID");
            }
            Some(0x82) => {
                child.named("subjectUniqueID");
            }
            Some(0xa3) => {
                child.named("[3] extensions");
                if let Some(list) = child.child(0) {
                    list.named("Extensions");
                    for extension in &mut list.children {
                        extension_node(extension, der);
                    }
                }
            }
            _ => match fields.next() {
                Some("signature (AlgorithmIdentifier)") => {
                    algorithm(child, "signature (AlgorithmIdentifier)");
                }
                Some(name @ ("issuer" | "subject")) => name_node(child, name),
                Some("validity") => {
                    child.named("validity");
                    if let Some(t) = child.child(0) {
                        t.named("notBefore");
                    }
                    if let Some(t) = child.child(1) {
                        t.named("notAfter");
                    }
                }
                Some("subjectPublicKeyInfo") => spki(child, der, "subjectPublicKeyInfo"),
                Some(name) => {
                    child.named(name);
                }
                None => {}
            },
        }
    }
}

fn extension_node(node: &mut Node, der: &[u8]) {
    let id = node
        .child(0)
        .and_then(|c| c.value.clone())
        .unwrap_or_default();
    let short = id
        .split_once(" (")
        .map_or(id.as_str(), |(_, n)| n.trim_end_matches(')'));
    node.name = Some(format!("Extension: {short}"));
    if let Some(c) = node.child(0) {
        c.named("extnID");
    }
    for child in node.children.get_mut(1..).unwrap_or_default() {
        match child.tag {
            Some(0x01) => {
                child.named("critical");
            }
            Some(OCTET_STRING) => {
                child.named("extnValue");
                open_contents(child, der);
            }
            _ => {}
        }
    }
}

fn name_node(node: &mut Node, name: &str) {
    node.named(name);
    let mut parts = Vec::new();
    for set in &mut node.children {
        set.named("RelativeDistinguishedName");
        for attribute in &mut set.children {
            let id = attribute
                .child(0)
                .and_then(|c| c.value.clone())
                .unwrap_or_default();
            let dotted = id.split(' ').next().unwrap_or_default();
            let value = attribute
                .child(1)
                .and_then(|c| c.value.clone())
                .unwrap_or_default();
            let shown = format!("{}={value}", oid::attribute(dotted));
            attribute.named("AttributeTypeAndValue");
            attribute.value = Some(shown.clone());
            if let Some(t) = attribute.child(0) {
                t.named("type");
            }
            if let Some(v) = attribute.child(1) {
                v.named("value");
            }
            parts.push(shown);
        }
    }
    node.value = Some(parts.join(", "));
}

fn request(node: &mut Node, der: &[u8]) {
    node.named("CertificationRequest (PKCS#10)");
    if let Some(info) = node.child(0) {
        info.named("certificationRequestInfo");
        if let Some(v) = info.child(0) {
            v.named("version");
        }
        if let Some(subject) = info.child(1) {
            name_node(subject, "subject");
        }
        if let Some(key) = info.child(2) {
            spki(key, der, "subjectPKInfo");
        }
        if let Some(attributes) = info.child(3) {
            attributes.named("[0] attributes");
        }
    }
    if let Some(alg) = node.child(1) {
        algorithm(alg, "signatureAlgorithm");
    }
    if let Some(value) = node.child(2) {
        signature_value(value, der, "signature");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Curve, SecretKey};

    /// Children tile their parent's contents; every node lies inside the document.
    fn check_spans(node: &Node, total: usize) {
        assert!(node.offset + node.header_length + node.length <= total);
        if node.children.is_empty() {
            return;
        }
        let mut at = node.content_start();
        for child in &node.children {
            assert_eq!(child.offset, at, "{:?}", child.name);
            at += child.header_length + child.length;
            check_spans(child, total);
        }
        assert_eq!(at, node.content_start() + node.length, "{:?}", node.name);
    }

    #[test]
    fn spki_is_named_down_to_x_and_y() {
        let key = SecretKey::from_seed(Curve::P256, b"explain", "").public_key();
        let der = key.to_spki_der();
        let tree = explain(&der).unwrap();
        check_spans(&tree, der.len());
        assert_eq!(tree.name.as_deref(), Some("SubjectPublicKeyInfo"));
        assert_eq!(tree.header_length + tree.length, der.len());
        let bits = &tree.children[1];
        let names: Vec<_> = bits
            .children
            .iter()
            .map(|c| c.name.clone().unwrap())
            .collect();
        assert_eq!(names, ["unused bits", "point format", "x", "y"]);
        assert_eq!(
            bits.children[2].value.as_deref(),
            Some(&text::to_hex(&key.to_raw()[1..33])[..])
        );
        assert_eq!(
            tree.children[0].children[1].value.as_deref(),
            Some("1.2.840.10045.3.1.7 — prime256v1 (P-256)")
        );
    }

    #[test]
    fn pkcs8_opens_the_inner_private_key() {
        for curve in Curve::ALL {
            let key = SecretKey::from_seed(curve, b"explain", "");
            let der = crate::keys::der::secret_key_to_pkcs8(&key);
            let tree = explain(&der).unwrap();
            check_spans(&tree, der.len());
            let inner = &tree.children[2].children[0];
            let expected = match curve {
                Curve::P256 => "ECPrivateKey (SEC1)",
                Curve::X25519 => "CurvePrivateKey: the X25519 private key (secret)",
            };
            assert_eq!(inner.name.as_deref(), Some(expected));
        }
    }

    #[test]
    fn malformed_der_names_the_byte() {
        let err = explain(&[0x30, 0x05, 0x02, 0x01]).unwrap_err().to_string();
        assert!(err.contains("byte 0"), "{err}");
        let err = explain(&[0x30, 0x03, 0x02, 0x02, 0x01])
            .unwrap_err()
            .to_string();
        assert!(err.contains("byte 2"), "{err}");
        let err = explain(&[0x02, 0x01, 0x01, 0x00]).unwrap_err().to_string();
        assert!(err.contains("unexpected bytes"), "{err}");
        // Nesting is bounded.
        let mut nested = vec![0x05, 0x00];
        for _ in 0..30 {
            let len = nested.len();
            nested = if len < 128 {
                [vec![0x30, len as u8], nested].concat()
            } else {
                [vec![0x30, 0x81, len as u8], nested].concat()
            };
        }
        assert!(explain(&nested).unwrap_err().to_string().contains("nested"));
    }
}
