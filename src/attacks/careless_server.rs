//! # The careless server: P-256 ECDH WITHOUT the on-curve check. It exists to be broken.
//!
//! **Never used by the playground's ECDH.** [`crate::ecdh`] takes only a
//! [`crate::PublicKey`], which cannot hold a point off P-256 (SEC 1 §3.2.2.1 is checked
//! when it is parsed). This module is the attack lab's victim for the invalid-curve
//! attack ([`super::invalid_curve`]), and nothing else calls it.
//!
//! The server holds a real P-256 private key d and answers each ECDH request — a point
//! (x, y) — with a fixed message sealed under AES-256-GCM ([`crate::aead::seal`]) with the
//! key HKDF-SHA256(x-coordinate of d·(x, y)) ([`crate::kdf::hkdf`]). Its mistake: it never
//! checks that (x, y) is on y² = x³ − 3x + b. The textbook affine formulas (SEC 1 v2
//! §2.2.1) never use b, so for a point of y² = x³ − 3x + b′ they compute on *that* curve,
//! whose group may have small subgroups — and the reply then tells whoever can try the
//! few possible secrets which one d gave.
//!
//! **The point at infinity.** When d·P is the point at infinity (P has order q and
//! d ≡ 0 mod q) there is no x-coordinate. This server does what careless code that keeps
//! ∞ as (0, 0) does: it takes 32 zero bytes as the shared secret and answers as usual.
//! (A server that refused instead would leak the same fact: d ≡ 0 mod q.)
//!
//! The arithmetic is variable-time and unchecked on purpose. Field elements are p256's
//! own, reached through elliptic-curve's hazmat [`FieldArithmetic`]: no field arithmetic
//! of our own — only the chord-and-tangent formulas, written to be read.

use core::fmt;

use p256::NistP256;
use p256::elliptic_curve::PrimeField;
use p256::elliptic_curve::hazmat::FieldArithmetic;
use zeroize::Zeroizing;

use super::invalid_curve::AttackError;
use crate::keys::{Curve, PublicKey, SecretKey};

/// P-256's base field element (p = 2^256 − 2^224 + 2^192 + 2^96 − 1).
type Fe = <NistP256 as FieldArithmetic>::FieldElement;

/// The message the server seals in every reply.
pub const SERVER_MESSAGE: &[u8] = b"Hello from the server. Your request was processed.";

/// HKDF's `info` for the reply key (no salt: 32 zero bytes, RFC 5869 §2.2).
pub const REPLY_INFO: &[u8] = b"ecdh-playground attack lab: server reply";

/// A point as two 32-byte big-endian coordinates, on whatever curve: nothing about it
/// is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawPoint {
    /// The x-coordinate, big-endian.
    pub x: [u8; 32],
    /// The y-coordinate, big-endian.
    pub y: [u8; 32],
}

impl RawPoint {
    /// The SEC 1 uncompressed encoding 04‖x‖y.
    #[must_use]
    pub fn to_sec1(&self) -> [u8; 65] {
        let mut out = [0u8; 65];
        out[0] = 4;
        out[1..33].copy_from_slice(&self.x);
        out[33..].copy_from_slice(&self.y);
        out
    }
}

/// An affine point with P-256 field coordinates; `None` is the point at infinity.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Affine {
    x: Fe,
    y: Fe,
}

type Point = Option<Affine>;

fn element(bytes: &[u8; 32], name: &str) -> Result<Fe, AttackError> {
    Option::from(Fe::from_repr((*bytes).into())).ok_or_else(|| {
        AttackError::new(format!(
            "the {name}-coordinate is not below P-256's field prime p: send coordinates in 0..p"
        ))
    })
}

fn bytes(fe: &Fe) -> [u8; 32] {
    fe.to_repr().into()
}

fn affine(point: &RawPoint) -> Result<Affine, AttackError> {
    Ok(Affine {
        x: element(&point.x, "x")?,
        y: element(&point.y, "y")?,
    })
}

fn raw(point: Affine) -> RawPoint {
    RawPoint {
        x: bytes(&point.x),
        y: bytes(&point.y),
    }
}

/// 1/v, in variable time (this code leaks everything anyway); v ≠ 0 on every path that
/// calls this.
fn inverse(v: Fe) -> Fe {
    Option::from(v.invert_vartime()).unwrap_or(Fe::ZERO)
}

/// 2P, for a = −3 (the tangent: λ = (3x² + a)/2y). A point with y = 0 has order 2.
fn double(p: Point) -> Point {
    let p = p?;
    if p.y == Fe::ZERO {
        return None;
    }
    let three = Fe::from(3u64);
    let lambda = (p.x.square() * three - three) * inverse(p.y.double());
    let x = lambda.square() - p.x.double();
    let y = lambda * (p.x - x) - p.y;
    Some(Affine { x, y })
}

/// P + Q (the chord: λ = (y₂ − y₁)/(x₂ − x₁)). b appears nowhere.
fn add(p: Point, q: Point) -> Point {
    let (Some(a), Some(b)) = (p, q) else {
        return p.or(q);
    };
    if a.x == b.x {
        return if a.y == b.y { double(p) } else { None };
    }
    let lambda = (b.y - a.y) * inverse(b.x - a.x);
    let x = lambda.square() - a.x - b.x;
    let y = lambda * (a.x - x) - a.y;
    Some(Affine { x, y })
}

/// k·P by left-to-right double-and-add over the bits of `k` (big-endian bytes).
fn multiply(k: &[u8], p: Point) -> Point {
    let mut r = None;
    for byte in k {
        for i in (0..8).rev() {
            r = double(r);
            if (byte >> i) & 1 == 1 {
                r = add(r, p);
            }
        }
    }
    r
}

/// k·P for an unchecked point, with the careless formulas; `None` is the point at
/// infinity.
///
/// # Errors
/// A coordinate not below p.
pub fn careless_multiply(k: &[u8], point: &RawPoint) -> Result<Option<RawPoint>, AttackError> {
    Ok(multiply(k, Some(affine(point)?)).map(raw))
}

/// Whether `point` is on y² = x³ − 3x + b (b as a field element, big-endian).
///
/// # Errors
/// A coordinate or b not below p.
pub fn is_on_curve(point: &RawPoint, b: &[u8; 32]) -> Result<bool, AttackError> {
    let p = affine(point)?;
    let b = element(b, "b")?;
    let three = Fe::from(3u64);
    Ok(p.y.square() == p.x.square() * p.x - three * p.x + b)
}

/// The multiples P, 2P, 3P, … of an unchecked point by repeated addition, as Mallory
/// walks them; ends at the point at infinity.
#[derive(Clone)]
pub struct Multiples {
    base: Point,
    current: Point,
}

impl Multiples {
    /// Starts at P.
    ///
    /// # Errors
    /// A coordinate not below p.
    pub fn new(point: &RawPoint) -> Result<Self, AttackError> {
        let base = Some(affine(point)?);
        Ok(Self {
            base,
            current: base,
        })
    }
}

impl Iterator for Multiples {
    type Item = RawPoint;

    fn next(&mut self) -> Option<RawPoint> {
        let out = self.current?;
        self.current = add(self.current, self.base);
        Some(raw(out))
    }
}

/// The reply key: HKDF-SHA256 of the shared x-coordinate, 32 bytes for AES-256-GCM.
///
/// # Errors
/// None in practice (the length is fixed); kept as a `Result` as [`crate::kdf::hkdf`].
pub fn reply_key(shared_x: &[u8; 32]) -> Result<Zeroizing<Vec<u8>>, AttackError> {
    crate::kdf::hkdf(shared_x, None, Some(REPLY_INFO), 32)
        .map_err(|e| AttackError::new(e.to_string()))
}

/// The careless server: a real P-256 key pair, no on-curve check.
pub struct CarelessServer {
    secret: SecretKey,
    public: PublicKey,
}

impl fmt::Debug for CarelessServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CarelessServer")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl CarelessServer {
    /// A server holding `secret`.
    ///
    /// # Errors
    /// An X25519 key: the attack is on P-256.
    pub fn new(secret: SecretKey) -> Result<Self, AttackError> {
        if secret.curve() != Curve::P256 {
            return Err(AttackError::new(
                "the careless server needs a P-256 private key, got an X25519 key",
            ));
        }
        let public = secret.public_key();
        Ok(Self { secret, public })
    }

    /// The server's public key d·G.
    #[must_use]
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The x-coordinate of d·P, with no check of P; 32 zero bytes when d·P is the point
    /// at infinity (see the module's documentation).
    ///
    /// # Errors
    /// A coordinate not below p.
    pub fn shared_secret(&self, point: &RawPoint) -> Result<Zeroizing<[u8; 32]>, AttackError> {
        let d = self.secret.to_bytes();
        let shared = careless_multiply(d.as_slice(), point)?;
        Ok(Zeroizing::new(shared.map_or([0u8; 32], |s| s.x)))
    }

    /// Answers an ECDH request: [`SERVER_MESSAGE`] sealed (nonce ‖ ciphertext ‖ tag) under
    /// [`reply_key`] of the shared secret.
    ///
    /// # Errors
    /// A coordinate not below p; no randomness for the nonce.
    pub fn answer(&self, point: &RawPoint) -> Result<Vec<u8>, AttackError> {
        let key = reply_key(&*self.shared_secret(point)?)?;
        crate::aead::seal(&key, SERVER_MESSAGE, None).map_err(|e| AttackError::new(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generator() -> RawPoint {
        let g = SecretKey::from_bytes(Curve::P256, &[&[0u8; 31][..], &[1]].concat())
            .unwrap()
            .public_key()
            .to_raw();
        RawPoint {
            x: g[1..33].try_into().unwrap(),
            y: g[33..].try_into().unwrap(),
        }
    }

    #[test]
    fn agrees_with_p256_on_the_curve() {
        let server = CarelessServer::new(SecretKey::from_seed(Curve::P256, b"s", "a")).unwrap();
        let peer = SecretKey::from_seed(Curve::P256, b"s", "b");
        let raw = peer.public_key().to_raw();
        let point = RawPoint {
            x: raw[1..33].try_into().unwrap(),
            y: raw[33..].try_into().unwrap(),
        };
        let real = peer.diffie_hellman(server.public_key()).unwrap();
        assert_eq!(
            server.shared_secret(&point).unwrap().as_slice(),
            real.as_bytes()
        );
    }

    #[test]
    fn generator_is_on_p256_and_n_g_is_infinity() {
        let g = generator();
        let b = hex::decode("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b")
            .unwrap();
        assert!(is_on_curve(&g, &b.try_into().unwrap()).unwrap());
        let n = hex::decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
            .unwrap();
        assert_eq!(careless_multiply(&n, &g).unwrap(), None);
    }

    #[test]
    fn refuses_coordinates_not_below_p() {
        let mut g = generator();
        g.x = [0xff; 32];
        assert!(
            careless_multiply(&[1], &g)
                .unwrap_err()
                .to_string()
                .contains("x-coordinate is not below")
        );
    }
}
