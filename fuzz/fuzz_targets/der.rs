//! DER bytes through every structure reader (SPKI, PKCS#8, SEC1, ECDSA signature,
//! certificate, request, EC parameters) and the inspector's tree, whose spans must add
//! up whenever it is built.
#![no_main]

use ecdh_playground::keys::{der, explain, x509};
use libfuzzer_sys::fuzz_target;

fn spans(node: &explain::Node, total: usize) {
    assert!(node.offset + node.header_length + node.length <= total);
    if node.children.is_empty() {
        return;
    }
    let mut at = node.offset + node.header_length;
    for child in &node.children {
        assert_eq!(child.offset, at);
        at += child.header_length + child.length;
        spans(child, total);
    }
    assert_eq!(at, node.offset + node.header_length + node.length);
}

fuzz_target!(|bytes: &[u8]| {
    if let Ok(tree) = explain::explain(bytes) {
        assert_eq!(tree.header_length + tree.length, bytes.len());
        spans(&tree, bytes.len());
    }
    let spki = der::public_key_from_spki(bytes);
    if spki.is_ok() {
        assert!(explain::explain(bytes).is_ok(), "what the key reader accepts, the tree explains");
    }
    let _ = der::secret_key_from_pkcs8(bytes);
    let _ = der::secret_key_from_sec1(bytes);
    let _ = der::ecdsa_signature_from_der(bytes);
    let _ = der::named_curve(bytes);
    if let Ok(cert) = x509::parse_certificate(bytes) {
        let _ = cert.public_key();
    }
    if let Ok(request) = x509::parse_request(bytes) {
        let _ = request.public_key();
    }
});
