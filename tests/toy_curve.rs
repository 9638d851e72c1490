//! The curve lab's toy curves (src/toy.rs). Known values from the textbook examples the
//! lab's presets use: y² = x³ + 2x + 2 over F_17 has 19 points and (5, 1) generates
//! them all (Paar and Pelzl, *Understanding Cryptography*, §9.2); y² = x³ + 2x + 3
//! over F_97 has 100 points and (3, 6) has order 5 (Sullivan's ECC primer). The rest is
//! checked against brute force: counting by trying every (x, y), adding by the
//! definition of the chord through both points, multiplying by repeated addition; and
//! the group laws as property tests.

#![cfg(all(feature = "curvelab", not(target_arch = "wasm32")))]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers, not only #[test] functions: a panic is a failed test"
)]

use ecdh_playground::toy::{Affine, LogSearch, Op, Point, ToyCurve};
use proptest::prelude::*;

fn pt(x: u32, y: u32) -> Point {
    Some(Affine { x, y })
}

/// Every (x, y) in F_p², tried.
fn brute_points(c: &ToyCurve) -> Vec<Affine> {
    let p = u64::from(c.p());
    let mut out = Vec::new();
    for x in 0..c.p() {
        for y in 0..c.p() {
            let (xx, yy) = (u64::from(x), u64::from(y));
            if (yy * yy) % p == (xx * xx % p * xx + u64::from(c.a()) * xx + u64::from(c.b())) % p {
                out.push(Affine { x, y });
            }
        }
    }
    out
}

fn pow_mod(mut b: u64, mut e: u64, p: u64) -> u64 {
    let mut r = 1;
    b %= p;
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % p;
        }
        b = b * b % p;
        e >>= 1;
    }
    r
}

/// P + Q from the definition, with the inverse by Fermat (a second way of computing it):
/// the line through P and Q (the tangent when P = Q) meets the curve a third time at R;
/// P + Q is R reflected in the x-axis.
fn reference_add(c: &ToyCurve, p: Point, q: Point) -> Point {
    let m = u64::from(c.p());
    let (Some(a), Some(b)) = (p, q) else {
        return p.or(q);
    };
    let (x1, y1, x2, y2) = (
        u64::from(a.x),
        u64::from(a.y),
        u64::from(b.x),
        u64::from(b.y),
    );
    let inv = |v: u64| pow_mod(v, m - 2, m);
    let slope = if x1 != x2 {
        (y2 + m - y1) % m * inv((x2 + m - x1) % m) % m
    } else if y1 == y2 && y1 != 0 {
        (3 * x1 % m * x1 + u64::from(c.a())) % m * inv(2 * y1 % m) % m
    } else {
        return None;
    };
    let x3 = (slope * slope % m + 2 * m - x1 - x2) % m;
    let y3 = (slope * ((x1 + m - x3) % m) % m + m - y1) % m;
    pt(u32::try_from(x3).unwrap(), u32::try_from(y3).unwrap())
}

fn repeated(c: &ToyCurve, k: u64, p: Point) -> Point {
    (0..k).fold(None, |acc, _| c.add(acc, p).unwrap())
}

const SMALL: [(i64, i64, i64); 5] = [(17, 2, 2), (5, 1, 1), (7, 3, 0), (11, 0, 3), (13, -3, 5)];

#[test]
fn known_values_f17() {
    let c = ToyCurve::new(17, 2, 2).unwrap();
    assert_eq!(c.order(), 19);
    assert_eq!(c.order_of(pt(5, 1)).unwrap(), 19);
    assert_eq!(c.add(pt(5, 1), pt(5, 1)).unwrap(), pt(6, 3));
    assert_eq!(c.add(pt(5, 1), pt(6, 3)).unwrap(), pt(10, 6));
    let (r, _) = c.multiply(19, pt(5, 1)).unwrap();
    assert_eq!(r, None);
    assert_eq!(c.discrete_log(pt(5, 1), pt(10, 6)).unwrap(), (Some(3), 3));
    assert_eq!(c.discrete_log(pt(5, 1), None).unwrap(), (Some(19), 19));
}

#[test]
fn known_values_f97() {
    let c = ToyCurve::new(97, 2, 3).unwrap();
    assert_eq!(c.order(), 100);
    assert_eq!(c.order_of(pt(3, 6)).unwrap(), 5);
    assert_eq!(c.order_of(None).unwrap(), 1);
    // (3, 6)'s subgroup has 5 elements; a point outside it is never reached.
    let (k, tries) = c.discrete_log(pt(3, 6), pt(0, 10)).unwrap();
    assert_eq!((k, tries), (None, 5));
    assert!(!c.is_on_curve(pt(3, 7)));
    assert!(c.is_on_curve(None));
}

#[test]
fn lab_presets_have_the_orders_the_page_says() {
    // The a = −3 preset, like P-256: a prime number of points, so cofactor 1.
    let c = ToyCurve::new(997, -3, 4).unwrap();
    assert_eq!(c.order(), 983);
    assert_eq!(c.a(), 994);
    for p in c.points().into_iter().take(20) {
        assert_eq!(c.order_of(Some(p)).unwrap(), 983);
    }
}

#[test]
fn counting_and_listing_agree_with_brute_force() {
    for &(p, a, b) in &SMALL {
        let c = ToyCurve::new(p, a, b).unwrap();
        let brute = brute_points(&c);
        assert_eq!(c.points(), brute, "{}", c.equation());
        assert_eq!(c.order() as usize, brute.len() + 1);
        // Hasse: |N − (p + 1)| ≤ 2√p.
        let n = f64::from(c.order());
        let p = f64::from(c.p());
        assert!((n - (p + 1.0)).abs() <= 2.0 * p.sqrt());
    }
    let c = ToyCurve::new(97, 2, 3).unwrap();
    assert_eq!(c.points(), brute_points(&c));
    assert_eq!(c.count_between(0, 50) + c.count_between(50, 97), 99);
}

#[test]
fn add_agrees_with_the_definition_for_every_pair() {
    for &(p, a, b) in &SMALL {
        let c = ToyCurve::new(p, a, b).unwrap();
        let mut all: Vec<Point> = c.points().into_iter().map(Some).collect();
        all.push(None);
        for &p in &all {
            for &q in &all {
                let sum = c.add(p, q).unwrap();
                assert_eq!(
                    sum,
                    reference_add(&c, p, q),
                    "{} {p:?} + {q:?}",
                    c.equation()
                );
                assert!(c.is_on_curve(sum));
            }
        }
    }
}

#[test]
fn multiply_agrees_with_repeated_addition() {
    for &(p, a, b) in &SMALL {
        let c = ToyCurve::new(p, a, b).unwrap();
        let n = u64::from(c.order());
        for p in c.points() {
            for k in 0..=2 * n + 1 {
                let (r, steps) = c.multiply(k, Some(p)).unwrap();
                assert_eq!(r, repeated(&c, k, Some(p)), "{k} · {p}");
                // The steps: bit length − 1 doublings, one add per 1 bit, ending at kP.
                let bits = u64::BITS - k.leading_zeros();
                let doubles = steps.iter().filter(|s| s.op == Op::Double).count();
                let adds = steps.iter().filter(|s| s.op == Op::Add).count();
                assert_eq!(doubles as u32, bits.saturating_sub(1));
                assert_eq!(adds as u32, k.count_ones());
                assert_eq!(steps.last().and_then(|s| s.point), r);
                // Reading the steps gives k back: each bit starts with its doubling.
                let read = steps.iter().fold(0_u64, |acc, s| match s.op {
                    Op::Double => acc * 2,
                    Op::Add => acc + 1,
                });
                assert_eq!(read, k);
            }
        }
    }
}

#[test]
fn order_of_and_discrete_log_agree_with_brute_force() {
    for &(p, a, b) in &SMALL {
        let c = ToyCurve::new(p, a, b).unwrap();
        for g in c.points() {
            let order = (1..).find(|&k| repeated(&c, k, Some(g)).is_none()).unwrap();
            assert_eq!(u64::from(c.order_of(Some(g)).unwrap()), order);
            assert_eq!(u64::from(c.order()) % order, 0, "Lagrange");
            for q in c.points() {
                let expected = (1..=order).find(|&k| repeated(&c, k, Some(g)) == Some(q));
                let (k, tries) = c.discrete_log(Some(g), Some(q)).unwrap();
                assert_eq!(k.map(u64::from), expected);
                assert_eq!(u64::from(tries), expected.unwrap_or(order));
            }
        }
    }
}

#[test]
fn the_search_in_slices_matches_the_whole_search() {
    let c = ToyCurve::new(10_007, 2, 3).unwrap();
    let g = c.points()[5];
    let k = 4321 % c.order_of(Some(g)).unwrap();
    assert!(k > 1000);
    let q = c.mul_unchecked(u64::from(k), Some(g));
    let mut search = LogSearch::new(&c, Some(g), q).unwrap();
    let mut slices = 0;
    while !search.run(100) {
        slices += 1;
        assert!(!search.done());
        assert_eq!(search.tries(), 100 * slices);
    }
    assert_eq!(search.found(), Some(k));
    assert_eq!(search.tries(), k);
}

#[test]
fn bad_curves_say_why() {
    let e = ToyCurve::new(91, 1, 1).unwrap_err().to_string();
    assert!(e.contains("not prime") && e.contains("7 × 13"), "{e}");
    let e = ToyCurve::new(17, 0, 0).unwrap_err().to_string();
    assert!(e.contains("singular"), "{e}");
    // 4(−3)³ + 27 · 2² = −108 + 108 = 0: a node.
    assert!(
        ToyCurve::new(17, -3, 2)
            .unwrap_err()
            .to_string()
            .contains("singular")
    );
    for p in [-5, 0, 2, 3, 1_000_004, 1_000_033] {
        let e = ToyCurve::new(p, 1, 1).unwrap_err().to_string();
        assert!(e.contains("3 < p ≤ 1,000,003"), "{p}: {e}");
    }
    let c = ToyCurve::new(1_000_003, -3, 5).unwrap();
    assert_eq!((c.a(), c.b()), (1_000_000, 5));
}

#[test]
fn points_not_on_the_curve_are_named() {
    let c = ToyCurve::new(17, 2, 2).unwrap();
    let e = c.add(pt(5, 1), pt(5, 2)).unwrap_err().to_string();
    assert!(
        e.starts_with("Q = (5, 2) is not on the curve y² = x³ + 2x + 2 over F_17"),
        "{e}"
    );
    let e = c.multiply(3, pt(17, 1)).unwrap_err().to_string();
    assert!(e.starts_with("P = (17, 1) is not on the curve"), "{e}");
    assert!(c.order_of(pt(0, 0)).is_err());
    assert!(c.negate(pt(1, 1)).is_err());
    assert!(
        c.discrete_log(pt(1, 1), None)
            .unwrap_err()
            .to_string()
            .starts_with("G = (1, 1)")
    );
}

#[test]
fn the_largest_curve_counts_fast_enough() {
    let c = ToyCurve::new(1_000_003, 2, 3).unwrap();
    let n = c.order();
    assert_eq!(c.points().len() as u32 + 1, n);
    let g = c.points()[0];
    let order = c.order_of(Some(g)).unwrap();
    assert_eq!(c.mul_unchecked(u64::from(order), Some(g)), None);
}

/// A random small curve (p prime below 200, non-singular) and three of its points.
fn curve_and_points() -> impl Strategy<Value = (ToyCurve, Point, Point, Point)> {
    let primes: Vec<i64> = (5..200_i64)
        .filter(|&n| (2..n).all(|d| n % d != 0))
        .collect();
    (prop::sample::select(primes), 0..200_i64, 0..200_i64)
        .prop_filter_map("singular", |(p, a, b)| ToyCurve::new(p, a, b).ok())
        .prop_flat_map(|c| {
            let mut all: Vec<Point> = c.points().into_iter().map(Some).collect();
            all.push(None);
            let pick = prop::sample::select(all);
            (Just(c), pick.clone(), pick.clone(), pick)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn group_laws((c, p, q, r) in curve_and_points()) {
        // Identity and inverse.
        prop_assert_eq!(c.add(p, None).unwrap(), p);
        prop_assert_eq!(c.add(None, p).unwrap(), p);
        prop_assert_eq!(c.add(p, c.negate(p).unwrap()).unwrap(), None);
        // Commutativity and associativity.
        prop_assert_eq!(c.add(p, q).unwrap(), c.add(q, p).unwrap());
        let left = c.add(c.add(p, q).unwrap(), r).unwrap();
        let right = c.add(p, c.add(q, r).unwrap()).unwrap();
        prop_assert_eq!(left, right);
        // Closure, and the order of every point divides the group's (Lagrange).
        prop_assert!(c.is_on_curve(c.add(p, q).unwrap()));
        prop_assert_eq!(c.order() % c.order_of(p).unwrap(), 0);
    }

    #[test]
    fn scalar_multiplication_is_a_homomorphism((c, p, _q, _r) in curve_and_points(), k in 0..5000_u64, l in 0..5000_u64) {
        let kp = c.multiply(k, p).unwrap().0;
        let lp = c.multiply(l, p).unwrap().0;
        prop_assert_eq!(c.add(kp, lp).unwrap(), c.multiply(k + l, p).unwrap().0);
        prop_assert_eq!(c.multiply(l, kp).unwrap().0, c.multiply(k * l, p).unwrap().0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the numbers, every call gives a value or an error, never a panic (a
    /// panic in wasm would kill the page's module).
    #[test]
    fn arbitrary_input_never_panics(
        p in prop_oneof![any::<i64>(), 0..1_000_100_i64, 0..300_i64],
        a in any::<i64>(),
        b in any::<i64>(),
        x in prop_oneof![any::<u32>(), 0..300_u32],
        y in prop_oneof![any::<u32>(), 0..300_u32],
        k in any::<u64>(),
    ) {
        let Ok(c) = ToyCurve::new(p, a, b) else { return Ok(()) };
        prop_assert!(c.a() < c.p() && c.b() < c.p());
        let point = pt(x, y);
        let on = c.is_on_curve(point);
        prop_assert_eq!(c.negate(point).is_ok(), on);
        prop_assert_eq!(c.add(point, None).is_ok(), on);
        prop_assert_eq!(c.multiply(k, point).is_ok(), on);
        if on && c.p() < 5000 {
            prop_assert!(c.order_of(point).is_ok());
            prop_assert!(c.discrete_log(point, point).unwrap().0 == Some(1));
        }
        prop_assert!(c.count_between(x, y) <= 2 * c.p());
    }
}
