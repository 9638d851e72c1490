//! ML-KEM-768 keys and ciphertexts as they arrive from outside: the encapsulation key's
//! modulus check, the expanded decapsulation key's hash check, the 64-byte seed form,
//! and decapsulation of any ciphertext (implicit rejection: a key, never an error).
#![no_main]

use ecdh_playground::mlkem::{Ciphertext, DecapsulationKey, EncapsulationKey};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static KEY: LazyLock<DecapsulationKey> =
    LazyLock::new(|| DecapsulationKey::from_seed(b"fuzz", "mlkem").expect("a lesson key"));

fuzz_target!(|bytes: &[u8]| {
    if let Ok(ek) = EncapsulationKey::from_bytes(bytes) {
        // What is accepted writes back byte for byte.
        assert_eq!(ek.to_bytes(), bytes);
        let (ct, secret) = ek.encapsulate_deterministic(&[9; 32]);
        assert_eq!(ct.as_bytes().len(), 1088);
        assert_eq!(secret.as_bytes().len(), 32);
    }
    if let Ok(dk) = DecapsulationKey::from_expanded_bytes(bytes) {
        // FIPS 203 §7.3 checks the length and H(ek), not that s is reduced: writing the
        // key again reduces it, to a key that is the same key.
        let again = DecapsulationKey::from_expanded_bytes(&dk.to_expanded_bytes())
            .expect("our own encoding reads back");
        assert_eq!(again.encapsulation_key(), dk.encapsulation_key());
        let (ct, _) = dk.encapsulation_key().encapsulate_deterministic(&[3; 32]);
        assert_eq!(again.decapsulate(&ct).as_bytes(), dk.decapsulate(&ct).as_bytes());
    }
    let _ = DecapsulationKey::from_key_seed(bytes);
    if let Ok(ct) = Ciphertext::from_bytes(bytes) {
        // Any ciphertext of the right length decapsulates, to the same key each time.
        assert_eq!(KEY.decapsulate(&ct).as_bytes(), KEY.decapsulate(&ct).as_bytes());
    }
});
