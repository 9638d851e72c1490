//! JSON Web Keys as WebCrypto exports them: `kty` "EC" with `crv` "P-256" (RFC 7518
//! §6.2) and `kty` "OKP" with `crv` "X25519" (RFC 8037 §2).
//!
//! Members we do not use (`ext`, `key_ops`, `alg`, `kid`, `use`) are ignored on input.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use p256::elliptic_curve::sec1::ToSec1Point;
use zeroize::{Zeroize, Zeroizing};

use super::json;
use super::text::{from_base64url, to_base64url};
use super::{PublicKey, SecretKey, p256_public_from_sec1};
use crate::error::{Error, Result};

/// The members of a JWK this crate reads and writes, in RFC 7638 order.
struct Jwk {
    crv: Option<String>,
    kty: String,
    x: Option<String>,
    y: Option<String>,
    d: Option<Zeroizing<String>>,
}

impl Jwk {
    fn from_json(text: &str) -> Result<Self> {
        let mut jwk = Self {
            crv: None,
            kty: String::new(),
            x: None,
            y: None,
            d: None,
        };
        let mut kty = None;
        for (name, value) in json::parse_object(text)? {
            let known = matches!(name.as_str(), "kty" | "crv" | "x" | "y" | "d");
            let Some(mut value) = value else {
                if known {
                    return Err(Error::malformed(
                        "JWK",
                        format!("the member {name:?} must be a string"),
                    ));
                }
                continue;
            };
            match name.as_str() {
                "kty" => kty = Some(core::mem::take(&mut value)),
                "crv" => jwk.crv = Some(core::mem::take(&mut value)),
                "x" => jwk.x = Some(core::mem::take(&mut value)),
                "y" => jwk.y = Some(core::mem::take(&mut value)),
                "d" => jwk.d = Some(Zeroizing::new(core::mem::take(&mut value))),
                _ => {}
            }
            // Other members may be secret too ("p", "q" of an RSA key).
            value.zeroize();
        }
        jwk.kty = kty.ok_or_else(|| {
            Error::malformed("JWK", "a JWK needs the member \"kty\" (\"EC\" or \"OKP\")")
        })?;
        Ok(jwk)
    }

    /// The JSON text, members in RFC 7638 order; values are base64url or fixed names,
    /// so nothing needs escaping.
    fn to_json(&self) -> String {
        let mut out = String::from("{");
        let members = [
            ("crv", self.crv.as_deref()),
            ("kty", Some(self.kty.as_str())),
            ("x", self.x.as_deref()),
            ("y", self.y.as_deref()),
            ("d", self.d.as_deref().map(String::as_str)),
        ];
        for (name, value) in members {
            if let Some(value) = value {
                if out.len() > 1 {
                    out.push(',');
                }
                out.push_str(&format!("\"{name}\":\"{value}\""));
            }
        }
        out.push('}');
        out
    }
}

/// A parsed JWK: the public key, and the private key when `d` was present.
pub struct ParsedJwk {
    /// The public key (`x`, `y`).
    pub public: PublicKey,
    /// The private key, when `d` was present.
    pub secret: Option<SecretKey>,
}

fn member<'a>(value: Option<&'a String>, name: &str, kty: &str) -> Result<&'a str> {
    value
        .map(String::as_str)
        .ok_or_else(|| Error::malformed("JWK", format!("an {kty} key needs the member {name:?}")))
}

fn coordinate(value: &str, name: &str) -> Result<[u8; 32]> {
    let bytes = Zeroizing::new(from_base64url(value, name)?);
    bytes
        .as_slice()
        .try_into()
        .map_err(|_| Error::InvalidLength {
            what: match name {
                "d" => "JWK member \"d\"",
                "x" => "JWK member \"x\"",
                _ => "JWK member \"y\"",
            },
            expected: "32 bytes",
            found: bytes.len(),
        })
}

/// Parses a JWK.
///
/// # Errors
/// JSON that is not a JWK, an unsupported `kty`/`crv` (named), wrong-length members,
/// a point not on the curve, or a `d` that does not match `x`/`y`.
pub fn parse(text: &str) -> Result<ParsedJwk> {
    let jwk = Jwk::from_json(text)?;
    let crv = jwk.crv.as_deref().unwrap_or_default();
    match (jwk.kty.as_str(), crv) {
        ("EC", "P-256") => {
            let x = coordinate(member(jwk.x.as_ref(), "x", "EC")?, "x")?;
            let y = coordinate(member(jwk.y.as_ref(), "y", "EC")?, "y")?;
            let mut point = [0u8; 65];
            point[0] = 4;
            point[1..33].copy_from_slice(&x);
            point[33..].copy_from_slice(&y);
            let public = p256_public_from_sec1(&point)?;
            let secret = match &jwk.d {
                None => None,
                Some(d) => {
                    let d = Zeroizing::new(coordinate(d, "d")?);
                    let secret = super::p256_secret(d.as_slice())?;
                    if secret.public_key() != public {
                        return Err(Error::malformed(
                            "JWK",
                            "\"d\" is not the private key of the point \"x\", \"y\"",
                        ));
                    }
                    Some(SecretKey::P256(secret))
                }
            };
            Ok(ParsedJwk {
                public: PublicKey::P256(public),
                secret,
            })
        }
        ("OKP", "X25519") => {
            let x = coordinate(member(jwk.x.as_ref(), "x", "OKP")?, "x")?;
            let public = x25519_dalek::PublicKey::from(x);
            let secret = match &jwk.d {
                None => None,
                Some(d) => {
                    let d = Zeroizing::new(coordinate(d, "d")?);
                    let secret = super::x25519_secret(d.as_slice())?;
                    if secret.public_key() != PublicKey::X25519(public) {
                        return Err(Error::malformed(
                            "JWK",
                            "\"d\" is not the private key of the public key \"x\"",
                        ));
                    }
                    Some(secret)
                }
            };
            Ok(ParsedJwk {
                public: PublicKey::X25519(public),
                secret,
            })
        }
        ("EC", "P-384") => Err(Error::UnsupportedKey {
            found: "a P-384 key".into(),
        }),
        ("EC", "P-521") => Err(Error::UnsupportedKey {
            found: "a P-521 key".into(),
        }),
        ("OKP", "Ed25519") => Err(Error::UnsupportedKey {
            found: "an Ed25519 key (for signatures, not key exchange)".into(),
        }),
        ("RSA", _) => Err(Error::UnsupportedKey {
            found: "an RSA key".into(),
        }),
        ("EC", "X25519" | "Ed25519" | "X448" | "Ed448") | ("OKP", "P-256" | "P-384" | "P-521") => {
            let right = if jwk.kty == "EC" { "OKP" } else { "EC" };
            Err(Error::malformed(
                "JWK",
                format!(
                    "\"crv\" {crv:?} goes with \"kty\" {right:?}, not {:?}",
                    jwk.kty
                ),
            ))
        }
        ("EC" | "OKP", "") => Err(Error::malformed(
            "JWK",
            format!("an {} key needs the member \"crv\"", jwk.kty),
        )),
        ("EC" | "OKP", other) => Err(Error::UnsupportedKey {
            found: format!("a {other:?} key"),
        }),
        (other, _) => Err(Error::malformed(
            "JWK",
            format!("unknown \"kty\" {other:?}: expected \"EC\" (P-256) or \"OKP\" (X25519)"),
        )),
    }
}

/// Writes the public key as a JWK.
#[must_use]
pub fn public_to_jwk(key: &PublicKey) -> String {
    to_json(key, None)
}

/// Writes the private key (with its public part) as a JWK.
#[must_use]
pub fn secret_to_jwk(key: &SecretKey) -> Zeroizing<String> {
    let d = Zeroizing::new(to_base64url(key.to_bytes().as_slice()));
    Zeroizing::new(to_json(&key.public_key(), Some(d)))
}

fn to_json(key: &PublicKey, d: Option<Zeroizing<String>>) -> String {
    let jwk = match key {
        PublicKey::P256(k) => {
            let point = k.to_sec1_point(false);
            // 04 ‖ x ‖ y: 65 bytes, uncompressed as asked.
            let (x, y) = point.as_bytes().get(1..).unwrap_or_default().split_at(32);
            Jwk {
                crv: Some("P-256".into()),
                kty: "EC".into(),
                x: Some(to_base64url(x)),
                y: Some(to_base64url(y)),
                d,
            }
        }
        PublicKey::X25519(k) => Jwk {
            crv: Some("X25519".into()),
            kty: "OKP".into(),
            x: Some(to_base64url(k.as_bytes())),
            y: None,
            d,
        },
    };
    jwk.to_json()
}
