//! A private key pasted in any form, with and without a curve: `SecretKey::parse`.
//! Whatever is read reveals and reads back as the same key; nothing panics.
#![no_main]

use ecdh_playground::keys::{Curve, PrivateKeyFormat, SecretKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &str)| {
    let (which, text) = input;
    let curve = match which % 3 {
        0 => None,
        1 => Some(Curve::P256),
        _ => Some(Curve::X25519),
    };
    if let Ok(key) = SecretKey::parse(text, curve) {
        if let Some(c) = curve {
            assert_eq!(key.curve(), c);
        }
        let pem = key.reveal(PrivateKeyFormat::Pem);
        let again = SecretKey::parse(&pem, None).expect("our own PKCS#8 reads back");
        assert_eq!(*again.to_bytes(), *key.to_bytes());
    }
});
