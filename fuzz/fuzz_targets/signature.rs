//! ECDSA signatures in either shape: the shape detector, the converter and
//! verification with a fixed key. Both shapes of a signature read back as each other.
#![no_main]

use ecdh_playground::sign::{self, SigningKey};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static KEY: LazyLock<SigningKey> =
    LazyLock::new(|| SigningKey::from_seed(b"fuzz", "signature").expect("a seeded key"));

fuzz_target!(|input: (&[u8], &[u8])| {
    let (message, signature) = input;
    if let Ok((der, p1363, _)) = sign::signature_forms(signature) {
        let (from_der, ..) = sign::signature_forms(&der).expect("our DER reads back");
        let (from_raw, ..) = sign::signature_forms(&p1363).expect("our r ‖ s reads back");
        assert_eq!(from_der, der);
        assert_eq!(from_raw, der);
    }
    let _ = sign::verify(&KEY.public_key(), message, signature);
});
