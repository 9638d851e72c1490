//! JSON Web Keys: the strict JSON reader and the JWK reader on top of it.
#![no_main]

use ecdh_playground::keys::{PublicKey, jwk};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(parsed) = jwk::parse(text) {
        let written = parsed.public.to_jwk();
        assert_eq!(PublicKey::parse(&written).map(|(k, _)| k), Ok(parsed.public));
    }
});
