//! The text codecs under every paste: hex, base64 (both alphabets, any padding), PEM
//! blocks (quoted, indented, several). What decodes re-encodes to the same bytes.
#![no_main]

use ecdh_playground::keys::text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(bytes) = text::from_hex(input) {
        assert_eq!(text::from_hex(&text::to_hex(&bytes)).ok(), Some(bytes));
    }
    if let Ok(bytes) = text::from_base64(input) {
        assert_eq!(text::from_base64(&text::to_base64(&bytes)).ok(), Some(bytes.clone()));
        assert_eq!(
            text::from_base64url(&text::to_base64url(&bytes), "x").ok(),
            Some(bytes)
        );
    }
    let _ = text::from_base64url(input, "x");
    if let Ok(blocks) = text::parse_pem_blocks(input) {
        for block in &blocks {
            let pem = text::to_pem(&block.label, &block.der);
            if !block.label.contains('-') && !block.label.is_empty() {
                let again = text::parse_pem(&pem).expect("our own PEM reads back");
                assert_eq!(again.der, block.der);
            }
        }
    }
});
