//! The secret half of a TLS 1.3 key share, for every group the model implements: ECDHE on
//! x25519 or secp256r1 (RFC 8446 §4.2.8.2, §7.4), or the X25519MLKEM768 hybrid
//! (draft-ietf-tls-ecdhe-mlkem), where the server's share is an ML-KEM ciphertext to the
//! client's encapsulation key beside an X25519 key. Either way each side ends with one
//! shared secret, which goes into HKDF-Extract.

use zeroize::Zeroizing;

use super::conn::{OrAlert, TlsError, alert};
use super::messages::KeyShare;
use crate::tls12::messages::{NamedGroup, public_key_from_wire};
use crate::tls12::secrets::{EphemeralSecret, KeySource};

type Result<T> = core::result::Result<T, TlsError>;

/// The client's private key for its share: used once, by [`ClientShare::finish`].
pub enum ClientShare {
    /// ECDHE.
    Ecdh(EphemeralSecret),
    /// X25519MLKEM768.
    #[cfg(feature = "mlkem")]
    Hybrid(Box<crate::mlkem::hybrid::HybridKeyPair>),
}

impl ClientShare {
    /// A fresh (or given) key for `group`, and the KeyShareEntry to send.
    ///
    /// # Errors
    /// A group this build cannot use; an invalid given key.
    pub fn new(group: NamedGroup, source: KeySource) -> Result<(Self, KeyShare)> {
        #[cfg(feature = "mlkem")]
        if group == NamedGroup::X25519MlKem768 {
            let pair = match source {
                KeySource::Given { scalar, .. } => {
                    crate::mlkem::hybrid::HybridKeyPair::from_seed(scalar.as_slice(), "client")
                }
                KeySource::Random => crate::mlkem::hybrid::HybridKeyPair::generate(),
            }
            .or_alert(alert::INTERNAL_ERROR)?;
            let share = KeyShare {
                group: group.id(),
                key_exchange: pair.public_share(),
            };
            return Ok((Self::Hybrid(Box::new(pair)), share));
        }
        let secret = EphemeralSecret::new(group, source).or_alert(alert::INTERNAL_ERROR)?;
        let share = KeyShare {
            group: group.id(),
            key_exchange: secret.public_key().to_raw(),
        };
        Ok((Self::Ecdh(secret), share))
    }

    /// The shared secret from the server's share, consuming the private key.
    ///
    /// # Errors
    /// A malformed share or an all-zero X25519 output (illegal_parameter).
    pub fn finish(self, group: NamedGroup, server_share: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        match self {
            Self::Ecdh(secret) => {
                let peer = public_key_from_wire(group, server_share, "ServerHello key_share")
                    .or_alert(alert::ILLEGAL_PARAMETER)?;
                let shared = secret
                    .diffie_hellman(&peer)
                    .or_alert(alert::ILLEGAL_PARAMETER)?;
                Ok(Zeroizing::new(shared.as_bytes().to_vec()))
            }
            #[cfg(feature = "mlkem")]
            Self::Hybrid(pair) => pair.finish(server_share).or_alert(alert::ILLEGAL_PARAMETER),
        }
    }
}

/// The server's answer to the client's share for `group`: its own share and the shared
/// secret.
///
/// # Errors
/// A malformed client share (illegal_parameter); an invalid given key.
pub fn respond(
    group: NamedGroup,
    client_share: &[u8],
    source: KeySource,
) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>)> {
    #[cfg(feature = "mlkem")]
    if group == NamedGroup::X25519MlKem768 {
        let seed = match &source {
            KeySource::Given { scalar, .. } => Some(scalar.as_slice()),
            KeySource::Random => None,
        };
        return crate::mlkem::hybrid::respond(client_share, seed)
            .or_alert(alert::ILLEGAL_PARAMETER);
    }
    let peer = public_key_from_wire(group, client_share, "ClientHello key_share")
        .or_alert(alert::ILLEGAL_PARAMETER)?;
    let secret = EphemeralSecret::new(group, source).or_alert(alert::INTERNAL_ERROR)?;
    let public = secret.public_key().to_raw();
    let shared = secret
        .diffie_hellman(&peer)
        .or_alert(alert::ILLEGAL_PARAMETER)?;
    Ok((public, Zeroizing::new(shared.as_bytes().to_vec())))
}

/// What computing the shared secret was, for the step.
#[must_use]
pub fn explain(group: NamedGroup, client: bool) -> &'static str {
    match (group, client) {
        (NamedGroup::X25519MlKem768, true) => {
            "draft-ietf-tls-ecdhe-mlkem. Two secrets, concatenated: ML-KEM-768 Decaps of the \
             server's 1,088-byte ciphertext with the client's decapsulation key (32 bytes), \
             then X25519 of the client's key with the server's (32 bytes) — 64 bytes, ML-KEM \
             first. An attacker must break both: ML-KEM against a future quantum computer, \
             X25519 in case ML-KEM has a flaw no one has found yet."
        }
        (NamedGroup::X25519MlKem768, false) => {
            "draft-ietf-tls-ecdhe-mlkem. The server encapsulates to the client's ML-KEM \
             encapsulation key (a fresh 32-byte secret and the 1,088-byte ciphertext that \
             carries it) and does X25519 with a fresh key; the shared secret is ML-KEM ‖ \
             X25519, 64 bytes. Unlike ECDH, the server has no ML-KEM key pair at all."
        }
        (_, true) => {
            "RFC 8446 §7.4. ECDH of the client's ephemeral private key with the server's key \
             share. The private key was used once and is gone; from here on both sides hold \
             the same secret and no one else does."
        }
        (_, false) => {
            "RFC 8446 §7.4. ECDH of the server's ephemeral private key with the client's key \
             share; the private key is consumed."
        }
    }
}
