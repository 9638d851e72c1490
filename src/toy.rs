//! Toy elliptic curves y² = x³ + ax + b over small prime fields F_p (3 < p ≤ 1,000,003),
//! for the curve lab: the chord-and-tangent group law (SEC 1 v2 §2.2.1), left-to-right
//! double-and-add (Hankerson, Menezes and Vanstone, *Guide to Elliptic Curve
//! Cryptography*, Algorithm 3.27), point counting and a brute-force discrete logarithm.
//!
//! **For teaching only, with no claim to security.** The numbers are below 2^32 (products
//! in `u64`), every operation is variable-time, and a group this small falls to brute
//! force in milliseconds — which is the lesson. This is arithmetic of our own, written to
//! be read; it is not the P-256 code, shares nothing with it and is called by no real
//! path. Points are [`Point`]: `None` is the point at infinity.

use std::cell::OnceCell;
use std::fmt;

mod search;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use search::LogSearch;

/// The largest field size a toy curve may have.
pub const MAX_P: u32 = 1_000_003;

/// What went wrong, in words a student can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToyError(String);

impl ToyError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for ToyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ToyError {}

/// An affine point (x, y), both coordinates in 0..p.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Affine {
    /// The x-coordinate.
    pub x: u32,
    /// The y-coordinate.
    pub y: u32,
}

impl fmt::Display for Affine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

/// A point of a toy curve: an affine point, or `None` for the point at infinity.
pub type Point = Option<Affine>;

/// The two operations of double-and-add.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// R ← 2R.
    Double,
    /// R ← R + P.
    Add,
}

/// One step of double-and-add: the bit of k being worked on (0 or 1), the operation and
/// the point it gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The value of the bit of k this step belongs to.
    pub bit: u8,
    /// Double or add.
    pub op: Op,
    /// R after the step.
    pub point: Point,
}

/// A toy curve y² = x³ + ax + b over F_p.
#[derive(Clone, Debug)]
pub struct ToyCurve {
    p: u32,
    a: u32,
    b: u32,
    /// The number of points, the point at infinity included; counted on first use.
    order: OnceCell<u32>,
    /// For each v in 0..p, the square root of v in 0..=(p−1)/2, or `NO_ROOT`.
    roots: OnceCell<Vec<u32>>,
}

const NO_ROOT: u32 = u32::MAX;

/// The smallest prime factor of n ≥ 2 (n itself when n is prime).
pub fn smallest_factor(n: u64) -> u64 {
    let mut d = 2;
    while d * d <= n {
        if n.is_multiple_of(d) {
            return d;
        }
        d += 1;
    }
    n
}

/// The distinct prime factors of n ≥ 1, smallest first.
fn prime_factors(mut n: u64) -> Vec<u64> {
    let mut factors = Vec::new();
    let mut d = 2;
    while d * d <= n {
        if n.is_multiple_of(d) {
            factors.push(d);
            while n.is_multiple_of(d) {
                n /= d;
            }
        }
        d += 1;
    }
    if n > 1 {
        factors.push(n);
    }
    factors
}

impl ToyCurve {
    /// The curve y² = x³ + ax + b over F_p; `a` and `b` are reduced mod p (negative
    /// values are fine).
    ///
    /// # Errors
    ///
    /// When p is out of range or composite (the error names a factor), or the curve is
    /// singular (4a³ + 27b² ≡ 0 mod p).
    pub fn new(p: i64, a: i64, b: i64) -> Result<Self, ToyError> {
        if p <= 3 || p > i64::from(MAX_P) {
            return Err(ToyError::new(format!(
                "p must be a prime with 3 < p ≤ 1,000,003, got {p}"
            )));
        }
        // In range, so the cast is exact.
        #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
        let p = p as u32;
        let factor = smallest_factor(u64::from(p));
        if factor != u64::from(p) {
            return Err(ToyError::new(format!(
                "p = {p} is not prime: it is {factor} × {}",
                u64::from(p) / factor
            )));
        }
        let reduce = |v: i64| {
            // rem_euclid by p > 0 lies in 0..p, so the cast is exact.
            #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
            let r = v.rem_euclid(i64::from(p)) as u32;
            r
        };
        let curve = Self {
            p,
            a: reduce(a),
            b: reduce(b),
            order: OnceCell::new(),
            roots: OnceCell::new(),
        };
        if curve.discriminant() == 0 {
            return Err(ToyError::new(format!(
                "{} is singular: 4a³ + 27b² ≡ 0 (mod {p}), so the curve has a cusp or a node and its points do not form a group",
                curve.equation()
            )));
        }
        Ok(curve)
    }

    /// The prime p.
    pub fn p(&self) -> u32 {
        self.p
    }

    /// a, in 0..p.
    pub fn a(&self) -> u32 {
        self.a
    }

    /// b, in 0..p.
    pub fn b(&self) -> u32 {
        self.b
    }

    /// The curve's name as the page writes it: "y² = x³ + 2x + 2 over F_17".
    pub fn equation(&self) -> String {
        let mut s = String::from("y² = x³");
        match self.a {
            0 => {}
            1 => s.push_str(" + x"),
            a => s.push_str(&format!(" + {a}x")),
        }
        if self.b != 0 {
            s.push_str(&format!(" + {}", self.b));
        }
        format!("{s} over F_{}", self.p)
    }

    /// (4a³ + 27b²) mod p.
    fn discriminant(&self) -> u64 {
        let a = u64::from(self.a);
        let b = u64::from(self.b);
        (4 * self.mul(self.mul(a, a), a) + 27 * self.mul(b, b)) % u64::from(self.p)
    }

    fn mul(&self, x: u64, y: u64) -> u64 {
        x * y % u64::from(self.p)
    }

    fn sub(&self, x: u64, y: u64) -> u64 {
        (x + u64::from(self.p) - y) % u64::from(self.p)
    }

    /// x⁻¹ mod p for x ≠ 0 (extended Euclid).
    fn inv(&self, x: u64) -> u64 {
        let p = i64::from(self.p);
        // x < p < 2^20: both fit in i64.
        #[allow(clippy::cast_possible_wrap)]
        let (mut r0, mut r1, mut t0, mut t1) = (p, x as i64, 0_i64, 1_i64);
        while r1 != 0 {
            let q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (t0, t1) = (t1, t0 - q * t1);
        }
        // rem_euclid lies in 0..p.
        #[allow(clippy::cast_sign_loss)]
        let inverse = t0.rem_euclid(p) as u64;
        inverse
    }

    /// x³ + ax + b mod p.
    fn rhs(&self, x: u64) -> u64 {
        let x2 = self.mul(x, x);
        (self.mul(x2, x) + self.mul(u64::from(self.a), x) + u64::from(self.b)) % u64::from(self.p)
    }

    /// Whether (x, y) lies on the curve (coordinates outside 0..p do not).
    pub fn contains(&self, point: Affine) -> bool {
        point.x < self.p
            && point.y < self.p
            && self.mul(u64::from(point.y), u64::from(point.y)) == self.rhs(u64::from(point.x))
    }

    /// Whether the point is on the curve; the point at infinity is on every curve.
    pub fn is_on_curve(&self, point: Point) -> bool {
        point.is_none_or(|p| self.contains(p))
    }

    /// Checks that `point`, called `name` in the message, is on the curve.
    ///
    /// # Errors
    ///
    /// When it is not, naming the point and the curve.
    pub fn check(&self, name: &str, point: Point) -> Result<(), ToyError> {
        match point {
            Some(p) if !self.contains(p) => Err(self.not_on_curve(name, &p.to_string())),
            _ => Ok(()),
        }
    }

    /// The error for a point `shown` (as written) that is not on the curve.
    pub fn not_on_curve(&self, name: &str, shown: &str) -> ToyError {
        ToyError::new(format!(
            "{name} = {shown} is not on the curve {}: its coordinates must be whole numbers from 0 to {} with y² ≡ x³ + ax + b (mod {})",
            self.equation(),
            self.p - 1,
            self.p
        ))
    }

    fn affine(&self, x: u64, y: u64) -> Point {
        // Reduced mod p < 2^20, so both fit.
        #[allow(clippy::cast_possible_truncation)]
        Some(Affine {
            x: x as u32,
            y: y as u32,
        })
    }

    /// −P: (x, −y).
    pub fn negate_unchecked(&self, point: Point) -> Point {
        point.map(|p| Affine {
            x: p.x,
            y: (self.p - p.y) % self.p,
        })
    }

    /// 2P, by the tangent: λ = (3x² + a) / 2y; a point with y = 0 doubles to infinity.
    pub fn double_unchecked(&self, point: Point) -> Point {
        let p = point?;
        if p.y == 0 {
            return None;
        }
        let (x, y) = (u64::from(p.x), u64::from(p.y));
        let lambda = self.mul(
            (3 * self.mul(x, x) + u64::from(self.a)) % u64::from(self.p),
            self.inv(2 * y % u64::from(self.p)),
        );
        let x3 = self.sub(self.mul(lambda, lambda), 2 * x % u64::from(self.p));
        let y3 = self.sub(self.mul(lambda, self.sub(x, x3)), y);
        self.affine(x3, y3)
    }

    /// P + Q, by the chord (the tangent when P = Q); for points already checked.
    pub fn add_unchecked(&self, p: Point, q: Point) -> Point {
        let (Some(a), Some(b)) = (p, q) else {
            return p.or(q);
        };
        if a.x == b.x {
            // Q = P doubles; Q = −P (the vertical line) gives infinity.
            return if a.y == b.y {
                self.double_unchecked(p)
            } else {
                None
            };
        }
        let (x1, y1, x2, y2) = (
            u64::from(a.x),
            u64::from(a.y),
            u64::from(b.x),
            u64::from(b.y),
        );
        let lambda = self.mul(self.sub(y2, y1), self.inv(self.sub(x2, x1)));
        let x3 = self.sub(self.sub(self.mul(lambda, lambda), x1), x2);
        let y3 = self.sub(self.mul(lambda, self.sub(x1, x3)), y1);
        self.affine(x3, y3)
    }

    /// kP by double-and-add, without the steps.
    pub fn mul_unchecked(&self, k: u64, point: Point) -> Point {
        let mut r = None;
        for i in (0..u64::BITS - k.leading_zeros()).rev() {
            r = self.double_unchecked(r);
            if k >> i & 1 == 1 {
                r = self.add_unchecked(r, point);
            }
        }
        r
    }

    /// −P.
    ///
    /// # Errors
    ///
    /// When P is not on the curve.
    pub fn negate(&self, point: Point) -> Result<Point, ToyError> {
        self.check("P", point)?;
        Ok(self.negate_unchecked(point))
    }

    /// P + Q.
    ///
    /// # Errors
    ///
    /// When P or Q is not on the curve.
    pub fn add(&self, p: Point, q: Point) -> Result<Point, ToyError> {
        self.check("P", p)?;
        self.check("Q", q)?;
        Ok(self.add_unchecked(p, q))
    }

    /// kP by left-to-right double-and-add, with every step. The leading bit of k starts
    /// R at ∞ + P = P (an add); each following bit doubles R, then adds P if it is 1. So
    /// there are (bit length − 1) doublings and one add per 1 bit; k = 0 gives ∞ and no
    /// steps.
    ///
    /// # Errors
    ///
    /// When P is not on the curve.
    pub fn multiply(&self, k: u64, point: Point) -> Result<(Point, Vec<Step>), ToyError> {
        self.check("P", point)?;
        let mut steps = Vec::new();
        let mut r = None;
        let bits = u64::BITS - k.leading_zeros();
        for i in (0..bits).rev() {
            let bit = u8::from(k >> i & 1 == 1);
            if i + 1 < bits {
                r = self.double_unchecked(r);
                steps.push(Step {
                    bit,
                    op: Op::Double,
                    point: r,
                });
            }
            if bit == 1 {
                r = self.add_unchecked(r, point);
                steps.push(Step {
                    bit,
                    op: Op::Add,
                    point: r,
                });
            }
        }
        Ok((r, steps))
    }

    fn roots(&self) -> &[u32] {
        self.roots.get_or_init(|| {
            let p = u64::from(self.p);
            // p < 2^20: the table's indices and values fit in usize and u32.
            #[allow(clippy::cast_possible_truncation)]
            let mut roots = vec![NO_ROOT; p as usize];
            let mut square = 0_u64;
            for y in 0..=(p - 1) / 2 {
                #[allow(clippy::cast_possible_truncation)]
                {
                    roots[square as usize] = y as u32;
                }
                // (y + 1)² = y² + 2y + 1.
                square = (square + 2 * y + 1) % p;
            }
            roots
        })
    }

    /// The affine points with x in `from..to` (clamped to 0..p), sorted by x, then y.
    pub fn points_between(&self, from: u32, to: u32) -> Vec<Affine> {
        let roots = self.roots();
        let mut points = Vec::new();
        for x in from..to.min(self.p) {
            let v = self.rhs(u64::from(x));
            // v < p: a valid index.
            #[allow(clippy::cast_possible_truncation)]
            let y = roots[v as usize];
            if y == 0 {
                points.push(Affine { x, y: 0 });
            } else if y != NO_ROOT {
                points.push(Affine { x, y });
                points.push(Affine { x, y: self.p - y });
            }
        }
        points
    }

    /// How many affine points have x in `from..to` (clamped to 0..p).
    pub fn count_between(&self, from: u32, to: u32) -> u32 {
        let roots = self.roots();
        let mut count = 0;
        for x in from..to.min(self.p) {
            // v < p: a valid index.
            #[allow(clippy::cast_possible_truncation)]
            let y = roots[self.rhs(u64::from(x)) as usize];
            count += match y {
                0 => 1,
                NO_ROOT => 0,
                _ => 2,
            };
        }
        count
    }

    /// Every affine point, sorted by x, then y.
    pub fn points(&self) -> Vec<Affine> {
        self.points_between(0, self.p)
    }

    /// The number of points, the point at infinity included.
    pub fn order(&self) -> u32 {
        *self.order.get_or_init(|| self.count_between(0, self.p) + 1)
    }

    /// The order of P: the smallest n ≥ 1 with nP = ∞. It divides the group's order N,
    /// so it is found by dividing N by each of its prime factors while that still
    /// gives ∞ (Lagrange).
    ///
    /// # Errors
    ///
    /// When P is not on the curve.
    pub fn order_of(&self, point: Point) -> Result<u32, ToyError> {
        self.check("P", point)?;
        Ok(self.order_of_unchecked(point))
    }

    pub(crate) fn order_of_unchecked(&self, point: Point) -> u32 {
        let mut n = u64::from(self.order());
        for q in prime_factors(n) {
            while n % q == 0 && self.mul_unchecked(n / q, point).is_none() {
                n /= q;
            }
        }
        // n divides the order, which is a u32.
        #[allow(clippy::cast_possible_truncation)]
        let n = n as u32;
        n
    }

    /// The smallest k ≥ 1 with kG = Q, found by trying k = 1, 2, … (Q = ∞ gives G's
    /// order), with how many k were tried; `None` when Q is not in G's subgroup.
    ///
    /// # Errors
    ///
    /// When G or Q is not on the curve.
    pub fn discrete_log(&self, g: Point, q: Point) -> Result<(Option<u32>, u32), ToyError> {
        let mut search = LogSearch::new(self, g, q)?;
        while !search.run(u32::MAX) {}
        Ok((search.found(), search.tries()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equation_is_written_as_a_student_would() {
        let c = ToyCurve::new(17, 2, 2).unwrap();
        assert_eq!(c.equation(), "y² = x³ + 2x + 2 over F_17");
        let c = ToyCurve::new(17, 1, 0).unwrap();
        assert_eq!(c.equation(), "y² = x³ + x over F_17");
        let c = ToyCurve::new(17, 0, 7).unwrap();
        assert_eq!(c.equation(), "y² = x³ + 7 over F_17");
    }

    #[test]
    fn inverse() {
        let c = ToyCurve::new(97, 2, 3).unwrap();
        for x in 1..97 {
            assert_eq!(c.mul(x, c.inv(x)), 1);
        }
    }

    #[test]
    fn factors() {
        assert_eq!(prime_factors(100), vec![2, 5]);
        assert_eq!(prime_factors(19), vec![19]);
        assert_eq!(prime_factors(1), Vec::<u64>::new());
        assert_eq!(smallest_factor(1_000_001), 101);
    }
}
