//! The key exchange messages of ECDHE_ECDSA (RFC 8422 §5.4 and §5.7): the server's
//! signed ECDH parameters and the client's public key, and the ECPoint encodings they
//! carry.
// A parser of outside input: no index or arithmetic that could panic or wrap (its unit
// tests index freely).
#![cfg_attr(
    not(test),
    deny(clippy::indexing_slicing, clippy::arithmetic_side_effects)
)]

use super::handshake_type as ht;
use super::{NAMED_CURVE, NamedGroup, group_meaning};
use crate::error::{Error, Result};
use crate::keys::{self, PublicKey};
use crate::tls12::codec::{Annotated, Reader, handshake_message};

/// ServerECDHParams (RFC 8422 §5.4): `ECParameters ‖ ECPoint`, the part the server's
/// signature covers together with both randoms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerEcdhParams {
    /// NamedCurve codepoint.
    pub group: u16,
    /// ECPoint: the X25519 u-coordinate or the uncompressed P-256 point.
    pub public: Vec<u8>,
}

impl ServerEcdhParams {
    /// The params for `key` on `group`.
    #[must_use]
    pub fn new(group: NamedGroup, key: &PublicKey) -> Self {
        Self {
            group: group.id(),
            public: key.to_raw(),
        }
    }

    /// Appends the annotated encoding.
    ///
    /// # Errors
    /// A point too long for its length prefix.
    pub fn encode_into(&self, m: &mut Annotated) -> Result<()> {
        m.put("curve_type", "named_curve (3)", &[NAMED_CURVE]);
        m.put(
            "namedcurve",
            group_meaning(self.group),
            &self.group.to_be_bytes(),
        );
        let l = m.open_length("point length", 1, "ECPoint");
        m.put("point", point_meaning(self.group), &self.public);
        m.close_length(l)
    }

    /// The encoded bytes.
    ///
    /// # Errors
    /// As [`Self::encode_into`].
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut m = Annotated::default();
        self.encode_into(&mut m)?;
        Ok(m.bytes)
    }

    /// The bytes the server signs (RFC 8422 §5.4):
    /// `ClientHello.random ‖ ServerHello.random ‖ ServerECDHParams`.
    ///
    /// # Errors
    /// As [`Self::encode_into`].
    pub fn signed_data(
        &self,
        client_random: &[u8; 32],
        server_random: &[u8; 32],
    ) -> Result<Annotated> {
        let mut m = Annotated::default();
        m.put("client_random", "ClientHello.random", client_random);
        m.put("server_random", "ServerHello.random", server_random);
        self.encode_into(&mut m)?;
        Ok(m)
    }

    /// The public key the params carry, checked for the group.
    ///
    /// # Errors
    /// An unknown or unimplemented group, or a point that is not a valid key on it.
    pub fn public_key(&self) -> Result<PublicKey> {
        let group = NamedGroup::from_id(self.group).ok_or_else(|| {
            Error::malformed(
                "ServerKeyExchange",
                format!(
                    "{} is not a group the client knows",
                    group_meaning(self.group)
                ),
            )
        })?;
        public_key_from_wire(group, &self.public, "ServerKeyExchange")
    }
}

fn point_meaning(group: u16) -> &'static str {
    match NamedGroup::from_id(group) {
        Some(NamedGroup::X25519) => "ECDH public key: the X25519 u-coordinate, little-endian",
        Some(NamedGroup::Secp256r1) => "ECDH public key: uncompressed P-256 point 04 ‖ x ‖ y",
        _ => "ECDH public key",
    }
}

/// Reads an ECPoint for `group` (RFC 8422 §5.4.1): 32 bytes for X25519, the
/// uncompressed 65-byte form for P-256 (the compressed forms are deprecated).
///
/// # Errors
/// A length or first byte that does not fit the group, a point off the curve, or a
/// group the model does not implement.
pub fn public_key_from_wire(
    group: NamedGroup,
    bytes: &[u8],
    what: &'static str,
) -> Result<PublicKey> {
    match group {
        NamedGroup::X25519 => {
            let u: [u8; 32] = bytes.try_into().map_err(|_| Error::InvalidLength {
                what: "X25519 public key",
                expected: "32 bytes",
                found: bytes.len(),
            })?;
            Ok(PublicKey::X25519(x25519_dalek::PublicKey::from(u)))
        }
        NamedGroup::Secp256r1 => {
            if bytes.first() != Some(&4) {
                return Err(Error::malformed(
                    what,
                    "a P-256 ECPoint must be uncompressed (04 ‖ x ‖ y), RFC 8422 §5.1.2",
                ));
            }
            keys::p256_public_from_sec1(bytes).map(PublicKey::P256)
        }
        other => Err(Error::malformed(
            what,
            format!("{} is not implemented by the model", other.name()),
        )),
    }
}

/// ServerKeyExchange for ECDHE_ECDSA (RFC 8422 §5.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerKeyExchange {
    /// The ECDH parameters.
    pub params: ServerEcdhParams,
    /// SignatureAndHashAlgorithm, as one `u16`.
    pub scheme: u16,
    /// The signature, DER `Ecdsa-Sig-Value`.
    pub signature: Vec<u8>,
}

impl ServerKeyExchange {
    /// The whole message, annotated (the DER signature field by field).
    ///
    /// # Errors
    /// A vector too long for its length prefix.
    pub fn encode(&self) -> Result<Annotated> {
        handshake_message(ht::SERVER_KEY_EXCHANGE, "server_key_exchange", |m| {
            self.params.encode_into(m)?;
            let [hash, sig] = self.scheme.to_be_bytes();
            m.put(
                "hash",
                if hash == 4 { "sha256 (4)" } else { "hash" },
                &[hash],
            );
            m.put(
                "signature",
                if sig == 3 { "ecdsa (3)" } else { "signature" },
                &[sig],
            );
            let l = m.open_length("signature length", 2, "DER signature");
            der_signature(m, &self.signature);
            m.close_length(l)
        })
    }

    /// Reads a whole ServerKeyExchange message.
    ///
    /// # Errors
    /// [`Error::Malformed`] naming the field that is missing or wrong.
    pub fn parse(message: &[u8]) -> Result<Self> {
        const WHAT: &str = "ServerKeyExchange";
        let mut r = Reader::handshake(message, ht::SERVER_KEY_EXCHANGE, WHAT)?;
        let curve_type = r.u8("curve_type")?;
        if curve_type != NAMED_CURVE {
            return Err(Error::malformed(
                WHAT,
                format!("curve_type {curve_type}: only named_curve (3) is allowed (RFC 8422 §5.4)"),
            ));
        }
        let group = r.u16("namedcurve")?;
        let public = r.vector(1, "point")?.rest().to_vec();
        let scheme = r.u16("signature_algorithm")?;
        let signature = r.vector(2, "signature")?.rest().to_vec();
        r.finish("signature")?;
        Ok(Self {
            params: ServerEcdhParams { group, public },
            scheme,
            signature,
        })
    }
}

/// Annotates a DER `Ecdsa-Sig-Value` (RFC 3279 §2.2.3) field by field when it has the
/// short-form lengths every P-256 signature has; otherwise one field.
fn der_signature(m: &mut Annotated, der: &[u8]) {
    let parts = (|| {
        let [0x30, len, rest @ ..] = der else {
            return None;
        };
        if usize::from(*len) != rest.len() {
            return None;
        }
        let [0x02, rl, rest @ ..] = rest else {
            return None;
        };
        let (r, rest) = rest.split_at_checked(usize::from(*rl))?;
        let [0x02, sl, s @ ..] = rest else {
            return None;
        };
        (usize::from(*sl) == s.len()).then_some((*len, *rl, r, *sl, s))
    })();
    let Some((len, rl, r, sl, s)) = parts else {
        m.put("signature", "DER Ecdsa-Sig-Value", der);
        return;
    };
    m.put("SEQUENCE", "DER: SEQUENCE { r, s }", &[0x30]);
    m.put("SEQUENCE length", format!("{len} bytes"), &[len]);
    m.put("INTEGER", "DER: INTEGER r", &[0x02]);
    m.put("r length", format!("{rl} bytes"), &[rl]);
    m.put("r", integer_meaning(r), r);
    m.put("INTEGER", "DER: INTEGER s", &[0x02]);
    m.put("s length", format!("{sl} bytes"), &[sl]);
    m.put("s", integer_meaning(s), s);
}

fn integer_meaning(bytes: &[u8]) -> &'static str {
    if bytes.len() == 33 {
        "a leading 00 keeps the integer positive, then 32 bytes"
    } else {
        "the integer, big-endian"
    }
}

/// ClientKeyExchange for ECDHE (RFC 8422 §5.7): the client's ephemeral public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientKeyExchange {
    /// ecdh_Yc: the encoded public key.
    pub public: Vec<u8>,
}

impl ClientKeyExchange {
    /// The whole message, annotated.
    ///
    /// # Errors
    /// A point too long for its length prefix.
    pub fn encode(&self, group: NamedGroup) -> Result<Annotated> {
        handshake_message(ht::CLIENT_KEY_EXCHANGE, "client_key_exchange", |m| {
            let l = m.open_length("ecdh_Yc length", 1, "ECPoint");
            m.put("ecdh_Yc", point_meaning(group.id()), &self.public);
            m.close_length(l)
        })
    }

    /// Reads a whole ClientKeyExchange message.
    ///
    /// # Errors
    /// [`Error::Malformed`] naming the field that is missing or wrong.
    pub fn parse(message: &[u8]) -> Result<Self> {
        let mut r = Reader::handshake(message, ht::CLIENT_KEY_EXCHANGE, "ClientKeyExchange")?;
        let public = r.vector(1, "ecdh_Yc")?.rest().to_vec();
        r.finish("ecdh_Yc")?;
        Ok(Self { public })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Curve, SecretKey};

    fn kx(group: NamedGroup) -> ServerKeyExchange {
        let curve = group.curve().unwrap();
        let key = SecretKey::from_seed(curve, b"kx", "server").public_key();
        ServerKeyExchange {
            params: ServerEcdhParams::new(group, &key),
            scheme: 0x0403,
            signature: vec![0x30, 6, 2, 1, 1, 2, 1, 2],
        }
    }

    #[test]
    fn round_trips_and_annotates_the_der_signature() {
        for group in NamedGroup::IMPLEMENTED {
            let m = kx(group).encode().unwrap();
            assert_eq!(ServerKeyExchange::parse(&m.bytes).unwrap(), kx(group));
            let names: Vec<_> = m.fields.iter().map(|f| f.name.as_str()).collect();
            assert!(names.ends_with(&["INTEGER", "s length", "s"]));
            let key = kx(group).params.public_key().unwrap();
            assert_eq!(key.curve(), group.curve().unwrap());
            let cke = ClientKeyExchange {
                public: key.to_raw(),
            }
            .encode(group)
            .unwrap();
            assert_eq!(
                ClientKeyExchange::parse(&cke.bytes).unwrap().public,
                key.to_raw()
            );
        }
    }

    #[test]
    fn rejects_what_rfc_8422_forbids() {
        let mut bytes = kx(NamedGroup::X25519).encode().unwrap().bytes;
        bytes[4] = 1; // explicit_prime
        assert_eq!(
            ServerKeyExchange::parse(&bytes).unwrap_err().to_string(),
            "malformed ServerKeyExchange: curve_type 1: only named_curve (3) is allowed \
             (RFC 8422 §5.4)"
        );
        let key = SecretKey::from_seed(Curve::P256, b"kx", "c").public_key();
        let compressed = key.to_compressed().unwrap();
        assert_eq!(
            public_key_from_wire(NamedGroup::Secp256r1, &compressed, "ClientKeyExchange")
                .unwrap_err()
                .to_string(),
            "malformed ClientKeyExchange: a P-256 ECPoint must be uncompressed (04 ‖ x ‖ y), \
             RFC 8422 §5.1.2"
        );
        assert_eq!(
            public_key_from_wire(NamedGroup::X25519, &[9; 31], "ClientKeyExchange")
                .unwrap_err()
                .to_string(),
            "X25519 public key: expected 32 bytes, got 31"
        );
        assert!(public_key_from_wire(NamedGroup::X448, &[9; 56], "x").is_err());
        let full = kx(NamedGroup::X25519).encode().unwrap().bytes;
        assert_eq!(
            ServerKeyExchange::parse(&full[..full.len() - 1])
                .unwrap_err()
                .to_string(),
            format!(
                "malformed ServerKeyExchange: the header announces a {}-byte body, but the \
                 body is {} bytes",
                full.len() - 4,
                full.len() - 5
            )
        );
    }
}
