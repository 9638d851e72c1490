//! Mallory, an active attacker between client and server, and the two ways she can try
//! to put her own ECDH key into ServerKeyExchange (RFC 8422 §5.4). Both fail against
//! the signature check, which is the lesson: ECDH alone is unauthenticated, and the
//! identity key's signature over the ECDH parameters is what stops the man in the
//! middle.

use super::messages::{NamedGroup, ServerEcdhParams, ServerKeyExchange};
use super::secrets::{EphemeralSecret, KeySource};
use super::transcript::{Side, Transcript};
use crate::error::{Error, Result};
use crate::keys::PublicKey;
use crate::sign::{self, SigningKey};

/// The client's error when Mallory swapped the key and kept the server's signature.
pub const SWAPPED_KEY: &str = "ServerKeyExchange signature does not verify with the server's \
                               identity key: the ECDH parameters were changed in transit";
/// The client's error when Mallory re-signed with her own identity key.
pub const RESIGNED: &str = "ServerKeyExchange signature does not verify with the pinned server \
                            identity key (signed by a different key)";

/// What Mallory does to ServerKeyExchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attack {
    /// Nothing: she is not there.
    None,
    /// Replaces the server's ECDH public key with hers and keeps the server's signature.
    SwapKey,
    /// Replaces the ECDH parameters with hers and signs them with her own identity key.
    Resign,
}

impl Attack {
    /// "none", "swap-key" or "resign", as the option spells it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::SwapKey => "swap-key",
            Self::Resign => "resign",
        }
    }

    /// Reads the option.
    ///
    /// # Errors
    /// [`Error::Malformed`] listing the three values.
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "none" => Ok(Self::None),
            "swap-key" => Ok(Self::SwapKey),
            "resign" => Ok(Self::Resign),
            other => Err(Error::malformed(
                "mallory",
                format!("unknown attack {other:?}: expected \"none\", \"swap-key\" or \"resign\""),
            )),
        }
    }
}

/// Mallory with her attack and her keys.
#[derive(Debug)]
pub struct Mallory {
    /// What she does.
    pub attack: Attack,
    /// Her ECDH private key, made on the group the server chose.
    pub ephemeral: KeySource,
    /// Her own ECDSA identity key, for [`Attack::Resign`].
    pub identity: Option<SigningKey>,
}

impl Mallory {
    /// Lets the server's ServerKeyExchange through, or rewrites it; returns what the
    /// client receives.
    ///
    /// # Errors
    /// A malformed ServerKeyExchange; an invalid given key for Mallory.
    pub fn intercept(
        self,
        original: &[u8],
        client_random: &[u8; 32],
        server_random: &[u8; 32],
        t: &mut Transcript,
    ) -> Result<Vec<u8>> {
        if self.attack == Attack::None {
            return Ok(original.to_vec());
        }
        let mut kx = ServerKeyExchange::parse(original)?;
        let group = NamedGroup::from_id(kx.params.group)
            .ok_or_else(|| Error::Handshake("Mallory cannot use the server's group".to_owned()))?;
        let ephemeral = EphemeralSecret::new(group, self.ephemeral)?;
        kx.params = ServerEcdhParams::new(group, &ephemeral.public_key());
        let (title, explanation) = if self.attack == Attack::SwapKey {
            (
                "Mallory swaps in her own ECDH key",
                "Mallory sits on the path. She replaces the server's ECDH public key with one \
                 of her own and forwards the server's signature unchanged: she cannot sign \
                 with the server's identity key. Had the client accepted it, she would share \
                 one pre-master secret with the client and, swapping ClientKeyExchange the \
                 same way, another with the server, and read and change everything."
                    .to_owned(),
            )
        } else {
            let identity = self.identity.as_ref().ok_or_else(|| {
                Error::Handshake("Mallory needs an identity key to re-sign".to_owned())
            })?;
            let signed = kx.params.signed_data(client_random, server_random)?;
            kx.signature = identity.sign(&signed.bytes);
            (
                "Mallory re-signs with her own identity key",
                format!(
                    "Mallory replaces the ECDH parameters with her own and signs \
                     client_random ‖ server_random ‖ ServerECDHParams with her own ECDSA key \
                     (fingerprint {}). The signature is perfectly valid, for her key. In real \
                     TLS she would also have to present a certificate for that key, which no \
                     trusted authority would issue for the server's name; here the client \
                     pinned the server's identity key, which plays that role.",
                    identity.public_key().fingerprint()
                ),
            )
        };
        let tampered = kx.encode()?;
        t.record(Side::Mallory, title, explanation, &tampered);
        Ok(tampered.bytes)
    }
}

/// Says why the client rejected ServerKeyExchange. The client itself can only tell that
/// the signature does not verify with the pinned key; the model, which saw what Mallory
/// did, checks which of the two it was and says so.
#[must_use]
pub fn diagnose(
    attack: Attack,
    server_identity: &PublicKey,
    mallory_identity: Option<&PublicKey>,
    original: &[u8],
    received: &[u8],
    client_random: &[u8; 32],
    server_random: &[u8; 32],
) -> Option<&'static str> {
    let signed = |message: &[u8], key: &PublicKey| {
        ServerKeyExchange::parse(message).ok().is_some_and(|kx| {
            kx.params
                .signed_data(client_random, server_random)
                .is_ok_and(|data| sign::verify(key, &data.bytes, &kx.signature).unwrap_or(false))
        })
    };
    let same_signature = ServerKeyExchange::parse(original)
        .ok()
        .zip(ServerKeyExchange::parse(received).ok())
        .is_some_and(|(a, b)| a.signature == b.signature && a.params != b.params);
    match attack {
        Attack::SwapKey if same_signature && signed(original, server_identity) => Some(SWAPPED_KEY),
        Attack::Resign if mallory_identity.is_some_and(|k| signed(received, k)) => Some(RESIGNED),
        _ => None,
    }
}
