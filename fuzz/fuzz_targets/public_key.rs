//! A public key pasted in any form: `PublicKey::parse`, the inspector and the DER tree.
//! Whatever is read re-encodes and reads back as itself; nothing panics.
#![no_main]

use ecdh_playground::keys::{PublicKey, explain, inspect_public_key};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((key, format)) = PublicKey::parse(text) {
        let again = key.encode(format).expect("a key read in a format writes in it");
        assert_eq!(PublicKey::parse(&again).map(|(k, _)| k), Ok(key));
        assert_eq!(PublicKey::parse(&key.to_pem()).map(|(k, _)| k), Ok(key));
    }
    if let Ok(inspection) = inspect_public_key(text) {
        assert!(!inspection.contains_private_key || !inspection.warnings.is_empty());
        let tree = explain::explain_text(&inspection.der).expect("the inspection's DER explains");
        assert_eq!(tree.offset, 0);
    }
    let _ = explain::explain_text(text);
});
