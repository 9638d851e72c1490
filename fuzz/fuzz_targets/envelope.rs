//! AES-256-GCM envelopes (nonce ‖ ciphertext ‖ tag): anything but an envelope sealed
//! with the key is refused, never a panic.
#![no_main]

use ecdh_playground::aead;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&[u8], &[u8], &[u8])| {
    let (key, envelope, aad) = input;
    let _ = aead::open(key, envelope, Some(aad));
    let fixed = [7u8; 32];
    if let Ok(plain) = aead::open(&fixed, envelope, None) {
        // Only a real envelope opens; seal it again with its nonce and compare.
        let nonce = envelope.get(..12).expect("an envelope that opened has a nonce");
        assert_eq!(aead::seal_with_nonce(&fixed, nonce, &plain, None).ok().as_deref(), Some(envelope));
    }
});
