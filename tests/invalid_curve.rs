//! The attack lab's invalid-curve attack (src/attacks/invalid_curve.rs) and its careless
//! server (src/attacks/careless_server.rs). The table of points
//! (src/attacks/invalid_curve/table.rs, from tools/invalid-curves/invalid-curves.gp) is
//! checked point by point: not on P-256, on its own curve y² = x³ − 3x + b′, q·P = O and
//! P ≠ O, q prime; then the attack is run against random keys, against keys with
//! d ≡ 0 (mod q) for several q, and against the playground's own ECDH, which refuses.

#![cfg(all(feature = "attacklab", not(target_arch = "wasm32")))]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers, not only #[test] functions: a panic is a failed test"
)]

use ecdh_playground::attacks::careless_server::{
    CarelessServer, SERVER_MESSAGE, careless_multiply, is_on_curve, reply_key,
};
use ecdh_playground::attacks::invalid_curve::{
    AttackOptions, INVALID_POINTS, InvalidCurveAttack, invalid_curve_attack,
};
use ecdh_playground::keys::{Curve, PrivateKeyFormat, SecretKey};

const N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const B: &str = "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b";

fn b_bytes(b: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[28..].copy_from_slice(&b.to_be_bytes());
    out
}

fn is_prime(q: u32) -> bool {
    q >= 2
        && (2..q)
            .take_while(|d| d * d <= q)
            .all(|d| !q.is_multiple_of(d))
}

fn q_bytes(q: u32) -> Vec<u8> {
    q.to_be_bytes().to_vec()
}

#[test]
fn every_point_of_the_table_is_what_it_claims() {
    let p256_b: [u8; 32] = hex::decode(B).unwrap().try_into().unwrap();
    assert!(!INVALID_POINTS.is_empty());
    let mut previous = 0;
    let mut bits = 0.0;
    for entry in INVALID_POINTS {
        let (b, q, point) = (entry.b, entry.q, entry.point);
        let what = format!("q = {q}, b′ = {b}");
        assert!(is_prime(q) && q < 1 << 10, "{what}: not a prime below 2^10");
        assert!(
            q > previous,
            "{what}: primes must be distinct and ascending"
        );
        previous = q;
        bits += f64::from(q).log2();
        // Not on P-256: neither by the equation nor for p256's own parser.
        assert!(!is_on_curve(&point, &p256_b).unwrap(), "{what}: on P-256");
        assert!(
            p256::PublicKey::from_sec1_bytes(&point.to_sec1()).is_err(),
            "{what}: p256 accepts it"
        );
        // On its own curve.
        assert!(
            is_on_curve(&point, &b_bytes(b)).unwrap(),
            "{what}: not on y² = x³ − 3x + b′"
        );
        // P ≠ O (1·P is P itself) and q·P = O: order exactly q, q being prime.
        assert_eq!(
            careless_multiply(&[1], &point).unwrap(),
            Some(point),
            "{what}"
        );
        assert_eq!(
            careless_multiply(&q_bytes(q), &point).unwrap(),
            None,
            "{what}: q·P ≠ O"
        );
        if q > 2 {
            assert!(
                careless_multiply(&q_bytes(q - 1), &point)
                    .unwrap()
                    .is_some(),
                "{what}"
            );
        }
    }
    // The primes multiply to more than n² (log₂ n² ≈ 512): d² is determined.
    assert!(bits > 512.0, "the primes give only {bits:.1} bits");
}

fn hex_key(key: &SecretKey) -> String {
    key.reveal(PrivateKeyFormat::RawHex).to_string()
}

fn recover(key: &SecretKey) -> String {
    let report = invalid_curve_attack(&AttackOptions {
        victim_private_key: Some(hex_key(key)),
        ..AttackOptions::default()
    })
    .unwrap();
    assert_eq!(report.error, None);
    assert_eq!(report.queries as usize, INVALID_POINTS.len());
    assert_eq!(report.residues.len(), INVALID_POINTS.len());
    assert_eq!(
        report.victim_public_key,
        hex::encode(key.public_key().to_raw())
    );
    report.recovered_private_key.unwrap().to_string()
}

#[test]
fn recovers_random_keys() {
    for _ in 0..3 {
        let key = SecretKey::generate(Curve::P256).unwrap();
        assert_eq!(recover(&key), hex_key(&key));
    }
}

#[test]
fn recovers_a_key_with_no_key_given_and_reports_its_residues() {
    let report = invalid_curve_attack(&AttackOptions::default()).unwrap();
    let d = hex::decode(report.recovered_private_key.as_deref().unwrap().as_str()).unwrap();
    let key = SecretKey::from_bytes(Curve::P256, &d).unwrap();
    assert_eq!(
        hex::encode(key.public_key().to_raw()),
        report.victim_public_key
    );
    // Each residue is d mod q up to sign, in 0..=q/2.
    for r in &report.residues {
        let d_mod_q = d
            .iter()
            .fold(0u32, |acc, &byte| (acc * 256 + u32::from(byte)) % r.prime);
        assert!(r.residue <= r.prime / 2);
        assert!(
            d_mod_q == r.residue || d_mod_q == (r.prime - r.residue) % r.prime,
            "q = {}: d mod q = {d_mod_q}, residue {}",
            r.prime,
            r.residue
        );
    }
    assert_eq!(report.steps.len(), 3);
    assert_eq!(
        report.steps[1].value,
        report.recovered_private_key.unwrap().as_str()
    );
}

#[test]
fn recovers_keys_at_the_edges() {
    // d = 1, d = n − 1 (d² − 1 and n² are far apart) and d = 2 (the smallest q).
    let n = hex::decode(N).unwrap();
    let mut n_minus_1 = n.clone();
    n_minus_1[31] -= 1;
    for d in [
        [&[0u8; 31][..], &[1]].concat(),
        [&[0u8; 31][..], &[2]].concat(),
        n_minus_1,
    ] {
        let key = SecretKey::from_bytes(Curve::P256, &d).unwrap();
        assert_eq!(recover(&key), hex::encode(&d));
    }
}

#[test]
fn d_divisible_by_q_gives_the_point_at_infinity_and_residue_zero() {
    // d = the product of the first table primes that fit in 64 bits: d·P = O for each.
    let mut d: u64 = 1;
    let mut divisors = Vec::new();
    for entry in INVALID_POINTS {
        match d.checked_mul(u64::from(entry.q)) {
            Some(next) => {
                d = next;
                divisors.push(entry.q);
            }
            None => break,
        }
    }
    assert!(divisors.len() >= 5, "{divisors:?}");
    let mut bytes = [0u8; 32];
    bytes[24..].copy_from_slice(&d.to_be_bytes());
    let key = SecretKey::from_bytes(Curve::P256, &bytes).unwrap();

    // The server's shared secret for such a point is 32 zero bytes, and its reply opens
    // under HKDF of them.
    let server = CarelessServer::new(key.clone()).unwrap();
    let point = INVALID_POINTS[0].point;
    assert_eq!(*server.shared_secret(&point).unwrap(), [0u8; 32]);
    let reply = server.answer(&point).unwrap();
    let zero_key = reply_key(&[0u8; 32]).unwrap();
    assert_eq!(
        ecdh_playground::aead::open(&zero_key, &reply, None).unwrap(),
        SERVER_MESSAGE
    );

    let report = invalid_curve_attack(&AttackOptions {
        victim_private_key: Some(hex_key(&key)),
        ..AttackOptions::default()
    })
    .unwrap();
    for r in &report.residues {
        assert_eq!(
            r.residue == 0,
            divisors.contains(&r.prime),
            "q = {}",
            r.prime
        );
    }
    assert_eq!(
        report.recovered_private_key.unwrap().as_str(),
        hex::encode(bytes)
    );
}

#[test]
fn the_playground_ecdh_refuses_the_first_point() {
    let key = SecretKey::from_seed(Curve::P256, b"refuse", "server");
    let report = invalid_curve_attack(&AttackOptions {
        victim_private_key: Some(key.reveal(PrivateKeyFormat::Pem).to_string()),
        validate: true,
        seed: None,
    })
    .unwrap();
    assert_eq!(report.recovered_private_key.as_deref(), None);
    assert_eq!(report.queries, 1);
    assert!(report.residues.is_empty());
    assert!(report.steps.is_empty());
    let error = report.error.unwrap();
    let first = &INVALID_POINTS[0];
    // The refused point, and the playground's own message for an off-curve point.
    assert!(
        error.contains(&hex::encode(first.point.to_sec1())),
        "{error}"
    );
    assert!(error.ends_with(": point is not on the curve"), "{error}");
    let playground = ecdh_playground::KeyPair::from(key)
        .shared_secret_with(&hex::encode(first.point.to_sec1()))
        .unwrap_err()
        .to_string();
    assert_eq!(playground, "point is not on the curve");
}

#[test]
fn step_by_step_reports_progress_and_stops() {
    let options = AttackOptions {
        seed: Some("steps".into()),
        ..AttackOptions::default()
    };
    let mut attack = InvalidCurveAttack::new(&options).unwrap();
    assert_eq!(attack.progress(), (0, INVALID_POINTS.len()));
    let mut bits = 0.0;
    while !attack.done() {
        let query = attack.step().unwrap().unwrap().clone();
        assert!(query.modulus_bits > bits);
        bits = query.modulus_bits;
        assert!(query.residue.is_some() && query.refused.is_none());
        assert!(query.tries >= 1 && query.tries <= query.prime / 2 + 1);
    }
    assert_eq!(
        attack.progress(),
        (INVALID_POINTS.len(), INVALID_POINTS.len())
    );
    assert!(attack.step().unwrap().is_none());
    let report = attack.report();
    let seeded = SecretKey::from_seed(Curve::P256, b"steps", "invalid-curve server");
    assert_eq!(
        report.recovered_private_key.unwrap().as_str(),
        hex_key(&seeded)
    );
    // The same seed, the same run.
    let again = invalid_curve_attack(&options).unwrap();
    assert_eq!(again.residues, report.residues);
}

#[test]
fn a_victim_key_that_is_not_p256_is_refused_by_name() {
    let x = SecretKey::generate(Curve::X25519).unwrap();
    let e = InvalidCurveAttack::new(&AttackOptions {
        victim_private_key: Some(x.reveal(PrivateKeyFormat::Pem).to_string()),
        ..AttackOptions::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("victimPrivateKey: expected a P-256 key, got an X25519 key"),
        "{e}"
    );
    let e = InvalidCurveAttack::new(&AttackOptions {
        victim_private_key: Some("not a key".into()),
        ..AttackOptions::default()
    })
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("victimPrivateKey: "), "{e}");
}
