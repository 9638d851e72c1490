//! X25519's low-order points (RFC 7748 §6.1; the list is the one in D. J. Bernstein's
//! "Which Curve25519 public keys should be rejected?", cr.yp.to/ecdh.html, as libsodium
//! and others reject them).
//!
//! Curve25519 has 8·ℓ points (cofactor 8) and its twist 4·ℓ′. A few u-coordinates are
//! points of order 1, 2, 4 or 8, and X25519 clamps every private key to a multiple of 8
//! (RFC 7748 §5: the three low bits cleared), so k·P is the point at infinity for each
//! of them: the shared secret is 32 zero bytes, whatever the victim's key. A peer who
//! sends one forces a secret that everyone knows; RFC 7748 §6.1 says to check for the
//! all-zero output, which [`crate::ecdh`] does ([`crate::Error::LowOrderPoint`]).
//!
//! Clamping exists for the other side of the same fact: without it, k·P for a point P
//! of order 8 depends only on k mod 8, so a peer who sends P learns the key's three low
//! bits from the output. [`unclamped_output`] shows it with dalek's unclamped ladder.
//! u-coordinates are read modulo p = 2^255 − 19 with bit 255 ignored (RFC 7748 §5), so
//! p and p + 1 are the same points as 0 and 1: non-canonical encodings.

use curve25519_dalek::montgomery::MontgomeryPoint;

/// One low-order u-coordinate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LowOrderPoint {
    /// What it is, in words ("0", "p − 1", ...).
    pub name: &'static str,
    /// Its 32-byte little-endian encoding, as a peer would send it.
    pub encoding: [u8; 32],
    /// The order of the point: 2, 4 or 8.
    pub order: u8,
    /// False for an encoding of a value not below p (read as a smaller one).
    pub canonical: bool,
    /// True for a point on the quadratic twist rather than on Curve25519 itself.
    pub on_twist: bool,
}

const fn small(value: u8) -> [u8; 32] {
    let mut out = [0u8; 32];
    out[0] = value;
    out
}

/// p − 1 + `add` (for add ≤ 2): 0xec + add, then 30 bytes of 0xff, then 0x7f.
const fn near_p(low: u8) -> [u8; 32] {
    let mut out = [0xffu8; 32];
    out[0] = low;
    out[31] = 0x7f;
    out
}

/// Every low-order u-coordinate an X25519 implementation must be ready for.
pub const LOW_ORDER_POINTS: [LowOrderPoint; 7] = [
    LowOrderPoint {
        name: "0",
        encoding: small(0),
        order: 2,
        canonical: true,
        on_twist: false,
    },
    LowOrderPoint {
        name: "1",
        encoding: small(1),
        order: 4,
        canonical: true,
        on_twist: false,
    },
    LowOrderPoint {
        name: "325606250916557431795983626356110631294008115727848805560023387167927233504",
        encoding: [
            0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f,
            0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16,
            0x5f, 0x49, 0xb8, 0x00,
        ],
        order: 8,
        canonical: true,
        on_twist: false,
    },
    LowOrderPoint {
        name: "39382357235489614581723060781553021112529911719440698176882885853963445705823",
        encoding: [
            0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83,
            0xef, 0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd,
            0xd0, 0x9f, 0x11, 0x57,
        ],
        order: 8,
        canonical: true,
        on_twist: false,
    },
    LowOrderPoint {
        name: "p − 1",
        encoding: near_p(0xec),
        order: 4,
        canonical: true,
        on_twist: true,
    },
    LowOrderPoint {
        name: "p (read as 0)",
        encoding: near_p(0xed),
        order: 2,
        canonical: false,
        on_twist: false,
    },
    LowOrderPoint {
        name: "p + 1 (read as 1)",
        encoding: near_p(0xee),
        order: 4,
        canonical: false,
        on_twist: false,
    },
];

/// The bits of a 32-byte little-endian integer, most significant first.
fn bits_be(scalar: &[u8; 32]) -> impl Iterator<Item = bool> + '_ {
    scalar
        .iter()
        .rev()
        .flat_map(|byte| (0..8).rev().map(move |i| (byte >> i) & 1 == 1))
}

/// u(k·P) for `point` and the scalar `scalar` taken as it is, NOT clamped (dalek's
/// `MontgomeryPoint::mul_bits_be`): what X25519 would return without clamping.
#[must_use]
pub fn unclamped_output(scalar: &[u8; 32], point: &[u8; 32]) -> [u8; 32] {
    MontgomeryPoint(*point)
        .mul_bits_be(bits_be(scalar))
        .to_bytes()
}

/// The values of k mod `order` that give `output` for `point` without clamping: what
/// the output tells a peer who sent a point of that order about the key's low bits
/// (u(k·P) = u(−k·P), so a residue and its negative look alike).
#[must_use]
pub fn leaked_residues(point: &LowOrderPoint, output: &[u8; 32]) -> Vec<u8> {
    (0..point.order)
        .filter(|m| unclamped_output(&small(*m), &point.encoding) == *output)
        .collect()
}
