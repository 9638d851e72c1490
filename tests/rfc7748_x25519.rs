//! X25519 known answers from RFC 7748: the scalar-multiplication vectors and the iterated
//! test of §5.2, and the Alice and Bob exchange of §6.1, as copied into
//! `tests/data/rfc/rfc7748_x25519.json`.
//!
//! Of the iterated test we run 1 and 1,000 rounds. The 1,000,000-round value is checked
//! to be in the file but not computed: 1,000 rounds take about 0.2 s in the unoptimised
//! build `cargo test` uses, so a million would take over three minutes on every run,
//! and the 1,000-round result already chains a thousand ladders through each other's
//! outputs.

mod common;

use common::{load, unhex};
use ecdh_playground::keys::{Curve, KeyPair, PrivateKeyFormat, PublicKey, SecretKey};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    scalar_mult: Vec<ScalarMult>,
    iterated: Iterated,
    diffie_hellman: DiffieHellman,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ScalarMult {
    tc_id: u64,
    scalar: String,
    u: String,
    out: String,
}

#[derive(Deserialize)]
struct Iterated {
    start_k: String,
    start_u: String,
    results: Vec<IteratedResult>,
}

#[derive(Deserialize)]
struct IteratedResult {
    iterations: u32,
    k: String,
}

#[derive(Deserialize)]
struct DiffieHellman {
    base_point_u: String,
    alice_private: String,
    alice_public: String,
    bob_private: String,
    bob_public: String,
    shared_secret: String,
}

/// X25519(k, u) through the crate's API: k as a private key, u as a pasted public key.
fn x25519(k: &[u8], u: &[u8]) -> [u8; 32] {
    let secret = SecretKey::from_bytes(Curve::X25519, k)
        .unwrap_or_else(|e| panic!("k = {}: {e}", hex::encode(k)));
    let (public, _) =
        PublicKey::parse(&hex::encode(u)).unwrap_or_else(|e| panic!("u = {}: {e}", hex::encode(u)));
    assert_eq!(public.curve(), Curve::X25519);
    let shared = secret
        .diffie_hellman(&public)
        .unwrap_or_else(|e| panic!("X25519({}, {}): {e}", hex::encode(k), hex::encode(u)));
    *shared.as_bytes()
}

#[test]
fn rfc7748_section_5_2_scalar_mult() {
    let file: File = load("rfc/rfc7748_x25519.json");
    for case in &file.scalar_mult {
        // The second vector's u has its top bit set, which X25519 must ignore.
        let out = x25519(&unhex(&case.scalar), &unhex(&case.u));
        assert_eq!(hex::encode(out), case.out, "tcId {}", case.tc_id);
    }
    assert_eq!(file.scalar_mult.len(), 2);
}

#[test]
fn rfc7748_section_5_2_iterated() {
    let file: File = load("rfc/rfc7748_x25519.json");
    let it = &file.iterated;
    let expected = |n: u32| {
        let r = it.results.iter().find(|r| r.iterations == n);
        r.map(|r| r.k.clone())
            .unwrap_or_else(|| panic!("{n} rounds not in file"))
    };
    // Present in the file, deliberately not run (see the file docs).
    assert_eq!(expected(1_000_000).len(), 64);

    let mut k = unhex(&it.start_k);
    let mut u = unhex(&it.start_u);
    for round in 1..=1000 {
        let r = x25519(&k, &u);
        u = k;
        k = r.to_vec();
        if round == 1 || round == 1000 {
            assert_eq!(hex::encode(&k), expected(round), "after {round} rounds");
        }
    }
}

#[test]
fn rfc7748_section_6_1_diffie_hellman() {
    let file: File = load("rfc/rfc7748_x25519.json");
    let dh = &file.diffie_hellman;
    let alice = KeyPair::import_private_key(&dh.alice_private, Some(Curve::X25519)).unwrap();
    let bob = KeyPair::import_private_key(&dh.bob_private, Some(Curve::X25519)).unwrap();

    // Public keys: X25519(private, 9), and the same through public_key().
    let nine = unhex(&dh.base_point_u);
    assert_eq!(
        hex::encode(x25519(&unhex(&dh.alice_private), &nine)),
        dh.alice_public
    );
    assert_eq!(
        hex::encode(x25519(&unhex(&dh.bob_private), &nine)),
        dh.bob_public
    );
    assert_eq!(hex::encode(alice.public_key().to_raw()), dh.alice_public);
    assert_eq!(hex::encode(bob.public_key().to_raw()), dh.bob_public);
    // The private key comes back out as it went in (X25519 keys are stored unclamped).
    assert_eq!(
        *alice.reveal_private_key(PrivateKeyFormat::RawHex),
        dh.alice_private
    );

    // Both sides reach K, from pasted public keys.
    let k_alice = alice.shared_secret_with(&dh.bob_public).unwrap();
    let k_bob = bob.shared_secret_with(&dh.alice_public).unwrap();
    assert_eq!(hex::encode(k_alice.as_bytes()), dh.shared_secret);
    assert_eq!(hex::encode(k_bob.as_bytes()), dh.shared_secret);
}
