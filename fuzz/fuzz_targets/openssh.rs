//! OpenSSH keys: the public key line and the body of an OPENSSH PRIVATE KEY block.
#![no_main]

use ecdh_playground::keys::{PublicKeyFormat, openssh};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &[u8])| {
    let (line, body) = input;
    if let Ok(public) = openssh::parse_public_line(line) {
        let written = public.key.encode(PublicKeyFormat::OpenSsh).expect("P-256 writes");
        assert_eq!(openssh::parse_public_line(&written).map(|p| p.key).ok(), Some(public.key));
    }
    let mut file = b"openssh-key-v1\0".to_vec();
    file.extend_from_slice(body);
    let _ = openssh::parse_private(&file);
    let _ = openssh::parse_private(body);
});
