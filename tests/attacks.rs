//! The attack lab (src/attacks.rs) on random inputs: each attack recovers what it
//! claims from the careless code, and fails against the crate's own. The low-order
//! u-coordinates are the list of RFC 7748 §6.1 and cr.yp.to/ecdh.html; their orders are
//! checked here with dalek's unclamped Montgomery ladder.

#![cfg(all(feature = "attacklab", not(target_arch = "wasm32")))]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers, not only #[test] functions: a panic is a failed test"
)]

use ecdh_playground::aead;
use ecdh_playground::attacks::careless_signer::CarelessSigner;
use ecdh_playground::attacks::careless_x25519::careless_diffie_hellman;
use ecdh_playground::attacks::ecdsa_nonce_reuse::recover_key_from_nonce_reuse;
use ecdh_playground::attacks::gcm_nonce_reuse::{
    gcm_nonce_reuse, recover_plaintext_from_nonce_reuse,
};
use ecdh_playground::attacks::low_order::{LOW_ORDER_POINTS, leaked_residues, unclamped_output};
use ecdh_playground::keys::der::ecdsa_signature_to_der;
use ecdh_playground::sign::{self, SigningKey};
use ecdh_playground::{Curve, Error, KeyPair, PrivateKeyFormat, PublicKey, PublicKeyFormat};

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    getrandom::fill(&mut out).unwrap();
    out
}

fn random_message() -> Vec<u8> {
    let len = usize::from(random_bytes::<1>()[0]) + 1;
    let mut out = vec![0u8; len];
    getrandom::fill(&mut out).unwrap();
    out
}

fn der(p1363: &[u8; 64]) -> Vec<u8> {
    ecdsa_signature_to_der(
        &p1363[..32].try_into().unwrap(),
        &p1363[32..].try_into().unwrap(),
    )
}

/// r ‖ (n − s): the same signature normalised the other way.
fn negate_s(p1363: &[u8; 64]) -> [u8; 64] {
    use p256::elliptic_curve::PrimeField;
    let s = p256::Scalar::from_repr(p256::FieldBytes::from(
        <[u8; 32]>::try_from(&p1363[32..]).unwrap(),
    ))
    .unwrap();
    let mut out = *p1363;
    out[32..].copy_from_slice(&(-s).to_bytes());
    out
}

#[test]
fn nonce_reuse_recovers_random_keys_in_every_signature_shape() {
    for round in 0..16 {
        let signer = CarelessSigner::generate().unwrap();
        let public = signer.public_key().to_pem();
        let (m1, m2) = (random_message(), random_message());
        if m1 == m2 {
            continue;
        }
        let (s1, s2) = (signer.sign(&m1).unwrap(), signer.sign(&m2).unwrap());
        assert_eq!(s1[..32], s2[..32], "the reused nonce shows as the same r");
        // Alternate DER and r ‖ s for either signature.
        let sig1 = if round % 2 == 0 {
            der(&s1)
        } else {
            s1.to_vec()
        };
        let sig2 = if round % 4 < 2 { s2.to_vec() } else { der(&s2) };
        let found = recover_key_from_nonce_reuse(&public, &m1, &sig1, &m2, &sig2).unwrap();
        assert!(!found.s2_negated);
        assert_eq!(
            found.d.as_slice(),
            signer.secret_key().to_bytes().as_slice()
        );
        assert_eq!(found.r, <[u8; 32]>::try_from(&s1[..32]).unwrap());
        // The proof: a third message signed with the recovered key verifies under the
        // victim's public key, through the crate's own verify.
        let third = b"signed by whoever holds the key";
        let forged = found.key.sign(third);
        assert!(sign::verify(&signer.public_key(), third, &forged).unwrap());
        // The PEM reads back as the victim's key.
        let pem = found.key.reveal_private_key(PrivateKeyFormat::Pem);
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
        assert_eq!(
            SigningKey::import_private_key(&pem).unwrap().public_key(),
            signer.public_key()
        );
    }
}

#[test]
fn nonce_reuse_reads_the_key_in_any_format_the_inspector_reads() {
    let signer = CarelessSigner::generate().unwrap();
    let (s1, s2) = (signer.sign(b"one").unwrap(), signer.sign(b"two").unwrap());
    let key = signer.public_key();
    let private_pem = signer.secret_key().reveal(PrivateKeyFormat::Pem);
    for text in [
        key.to_pem(),
        key.to_jwk(),
        key.encode(PublicKeyFormat::RawHex).unwrap(),
        key.encode(PublicKeyFormat::CompressedBase64).unwrap(),
        private_pem.to_string(),
    ] {
        let found = recover_key_from_nonce_reuse(&text, b"one", &s1, b"two", &s2).unwrap();
        assert_eq!(found.key.public_key(), key, "{text}");
    }
    let x25519 = KeyPair::generate(Curve::X25519)
        .unwrap()
        .public_key()
        .to_pem();
    let e = recover_key_from_nonce_reuse(&x25519, b"one", &s1, b"two", &s2).unwrap_err();
    assert_eq!(e.to_string(), "expected a P-256 key, got an X25519 key");
}

#[test]
fn nonce_reuse_tries_minus_s_for_low_s_signatures() {
    for _ in 0..8 {
        let signer = CarelessSigner::generate().unwrap();
        let public = signer.public_key().to_pem();
        let (s1, s2) = (
            signer.sign(b"first").unwrap(),
            signer.sign(b"second").unwrap(),
        );
        // Either signature stored with n − s, as a low-s signer may have.
        for (a, b, negated) in [
            (s1, negate_s(&s2), true),
            (negate_s(&s1), s2, true),
            (negate_s(&s1), negate_s(&s2), false),
        ] {
            let found = recover_key_from_nonce_reuse(&public, b"first", &a, b"second", &b).unwrap();
            assert_eq!(found.s2_negated, negated);
            assert_eq!(
                found.d.as_slice(),
                signer.secret_key().to_bytes().as_slice()
            );
        }
    }
}

#[test]
fn nonce_reuse_refuses_different_nonces_equal_messages_and_another_key() {
    // The fix: the crate's signer (RFC 6979) gives a fresh k, so r differs.
    let honest = SigningKey::generate().unwrap();
    let public = honest.public_key().to_pem();
    let (a, b) = (honest.sign(b"first"), honest.sign(b"second"));
    let e = recover_key_from_nonce_reuse(&public, b"first", &a, b"second", &b).unwrap_err();
    assert!(matches!(e, Error::Attack(_)));
    assert!(
        e.to_string()
            .contains("different nonces (r differs): r1 = "),
        "{e}"
    );

    let signer = CarelessSigner::generate().unwrap();
    let s1 = signer.sign(b"same").unwrap();
    let e = recover_key_from_nonce_reuse(&signer.public_key().to_pem(), b"same", &s1, b"same", &s1)
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("the two messages are the same: one nonce"),
        "{e}"
    );

    let s2 = signer.sign(b"other").unwrap();
    // The same message typed twice for a pair over different messages: s1 ≠ s2, said so.
    let e = recover_key_from_nonce_reuse(&signer.public_key().to_pem(), b"same", &s1, b"same", &s2)
        .unwrap_err();
    assert!(
        e.to_string().starts_with(
            "the two messages are the same, but the signatures differ (s1 ≠ s2 with the same r)"
        ),
        "{e}"
    );
    let stranger = SigningKey::generate().unwrap().public_key().to_pem();
    let e = recover_key_from_nonce_reuse(&stranger, b"same", &s1, b"other", &s2).unwrap_err();
    assert!(
        e.to_string()
            .contains("no key found from them matches the public key"),
        "{e}"
    );
    // Swapped messages: a key comes out, but not this one.
    let e =
        recover_key_from_nonce_reuse(&signer.public_key().to_pem(), b"other", &s1, b"same", &s2)
            .unwrap_err();
    assert!(e.to_string().contains("matches the public key"), "{e}");
    // A malformed signature is named.
    let e = recover_key_from_nonce_reuse(
        &signer.public_key().to_pem(),
        b"same",
        &[1, 2, 3],
        b"other",
        &s2,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("malformed signature"), "{e}");
}

#[test]
fn careless_signer_debug_shows_no_secret() {
    let signer = CarelessSigner::generate().unwrap();
    let shown = format!("{signer:?}");
    assert!(shown.starts_with("CarelessSigner { public: "), "{shown}");
    let s1 = signer.sign(b"a").unwrap();
    let s2 = signer.sign(b"b").unwrap();
    let found =
        recover_key_from_nonce_reuse(&signer.public_key().to_pem(), b"a", &s1, b"b", &s2).unwrap();
    let shown = format!("{found:?}");
    let d = hex::encode(found.d.as_slice());
    assert!(!shown.contains(&d) && shown.ends_with(".. }"), "{shown}");
}

#[test]
fn every_low_order_point_gives_the_all_zero_secret_for_any_key() {
    for _ in 0..16 {
        let victim = x25519_dalek::StaticSecret::from(random_bytes::<32>());
        for point in &LOW_ORDER_POINTS {
            assert_eq!(
                *careless_diffie_hellman(&victim, &point.encoding),
                [0u8; 32],
                "{}",
                point.name
            );
        }
    }
}

#[test]
fn the_crate_refuses_every_low_order_point() {
    let victim = KeyPair::generate(Curve::X25519).unwrap();
    for point in &LOW_ORDER_POINTS {
        let peer = PublicKey::parse(&hex::encode(point.encoding)).unwrap().0;
        let e = victim.diffie_hellman(&peer).unwrap_err();
        assert_eq!(e, Error::LowOrderPoint, "{}", point.name);
        assert_eq!(
            e.to_string(),
            "the X25519 shared secret is all zeros: the peer's public key is a low-order point"
        );
    }
    // An honest peer still agrees.
    let peer = KeyPair::generate(Curve::X25519).unwrap();
    assert!(victim.diffie_hellman(peer.public_key()).is_ok());
}

/// The bytes of a small integer m, little-endian.
fn small(m: u8) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[0] = m;
    out
}

#[test]
fn each_low_order_point_has_its_order() {
    for point in &LOW_ORDER_POINTS {
        let at = |m: u8| unclamped_output(&small(m), &point.encoding);
        // order·P is the point at infinity, which the ladder writes as u = 0.
        assert_eq!(at(point.order), [0u8; 32], "{}", point.name);
        match point.order {
            // The one point of order 2 is (0, 0) itself.
            2 => assert_eq!(at(1), [0u8; 32], "{}", point.name),
            // Order 4: P ≠ (0, 0), and 2P = (0, 0).
            4 => {
                assert_ne!(at(1), [0u8; 32], "{}", point.name);
                assert_eq!(at(2), [0u8; 32], "{}", point.name);
            }
            // Order 8: 2P has order 4 (u = ±1), 4P = (0, 0).
            8 => {
                assert_ne!(at(2), [0u8; 32], "{}", point.name);
                assert_eq!(at(4), [0u8; 32], "{}", point.name);
            }
            other => panic!("{}: unexpected order {other}", point.name),
        }
    }
    // Non-canonical ones are the same points as the canonical 0 and 1.
    assert_eq!(LOW_ORDER_POINTS.iter().filter(|p| !p.canonical).count(), 2);
}

#[test]
fn without_clamping_the_output_leaks_the_low_bits() {
    let order8 = LOW_ORDER_POINTS.iter().find(|p| p.order == 8).unwrap();
    for _ in 0..32 {
        let key = random_bytes::<32>();
        let output = unclamped_output(&key, &order8.encoding);
        let low = key[0] % 8;
        let leaked = leaked_residues(order8, &output);
        assert!(leaked.contains(&low), "k mod 8 = {low}, leaked {leaked:?}");
        // At most a residue and its negative (0 and 4 both give u = 0).
        assert!(leaked.len() <= 2, "{leaked:?}");
        // Clamped, the same key gives zeros: nothing leaks, and nothing is agreed either.
        let victim = x25519_dalek::StaticSecret::from(key);
        assert_eq!(
            *careless_diffie_hellman(&victim, &order8.encoding),
            [0u8; 32]
        );
    }
}

#[test]
fn gcm_nonce_reuse_recovers_the_second_message() {
    for _ in 0..16 {
        let key = random_bytes::<32>();
        let nonce = random_bytes::<12>();
        let (p1, p2) = (random_message(), random_message());
        let e1 = aead::seal_with_nonce(&key, &nonce, &p1, None).unwrap();
        let e2 = aead::seal_with_nonce(&key, &nonce, &p2, None).unwrap();
        let got = recover_plaintext_from_nonce_reuse(&e1, &p1, &e2).unwrap();
        let reach = p1.len().min(p2.len());
        assert_eq!(got, p2[..reach]);
        let report = gcm_nonce_reuse(&e1, &p1, &e2).unwrap();
        let xor: Vec<u8> = p1.iter().zip(&p2).map(|(a, b)| a ^ b).collect();
        assert_eq!(report.xor, xor, "c1 ⊕ c2 = p1 ⊕ p2");
        assert_eq!(report.nonce, nonce);
        // A shorter known plaintext reveals as much of message 2.
        let partial = recover_plaintext_from_nonce_reuse(&e1, &p1[..p1.len() / 2], &e2).unwrap();
        assert_eq!(partial, p2[..reach.min(p1.len() / 2)]);
    }
}

#[test]
fn gcm_nonce_reuse_fails_on_fresh_nonces_and_short_envelopes() {
    // The fix: the crate's seal draws a fresh nonce per message.
    let key = random_bytes::<32>();
    let e1 = aead::seal(&key, b"attack at dawn", None).unwrap();
    let e2 = aead::seal(&key, b"attack at dusk", None).unwrap();
    let e = recover_plaintext_from_nonce_reuse(&e1, b"attack at dawn", &e2).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("the two envelopes have different nonces"),
        "{e}"
    );
    let e = recover_plaintext_from_nonce_reuse(&e1[..27], b"attack at dawn", &e2).unwrap_err();
    assert_eq!(
        e.to_string(),
        "AES-GCM envelope (nonce ‖ ciphertext ‖ tag): expected at least 28 bytes, got 27"
    );
    let e = recover_plaintext_from_nonce_reuse(&e1, b"x", &[0u8; 3]).unwrap_err();
    assert!(e.to_string().ends_with("got 3"), "{e}");
}

#[test]
fn a_random_victim_key_is_not_a_low_order_point() {
    // The list is of points, not keys: an honest key's public point never matches.
    let honest = KeyPair::generate(Curve::X25519).unwrap();
    let raw: [u8; 32] = honest.public_key().to_raw().try_into().unwrap();
    assert!(LOW_ORDER_POINTS.iter().all(|p| p.encoding != raw));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever is pasted, the recoveries answer with a value or an error, never a panic.
    #[test]
    fn arbitrary_input_never_panics(
        key in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..100),
        a in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80),
        b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80),
        same_r in proptest::prelude::any::<bool>(),
    ) {
        let text = String::from_utf8_lossy(&key);
        let _ = recover_key_from_nonce_reuse(&text, &a, &a, &b, &b);
        // Two 64-byte r ‖ s with the same r (from a) under a real key.
        let signer = CarelessSigner::generate().unwrap();
        let mut s1 = [1u8; 64];
        let mut s2 = [2u8; 64];
        for (i, byte) in a.iter().take(64).enumerate() {
            s1[i] = *byte;
            if same_r || i >= 32 { s2[i] = byte.wrapping_add(1); }
        }
        if same_r { s2[..32].copy_from_slice(&s1[..32]); }
        let _ = recover_key_from_nonce_reuse(&signer.public_key().to_pem(), &a, &s1, &b, &s2);
        let _ = recover_plaintext_from_nonce_reuse(&a, &key, &b);
    }
}
