//! X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem, TLS group 0x11EC): ML-KEM-768 and X25519
//! side by side, as current browsers offer them first. The client sends an ML-KEM
//! encapsulation key and an X25519 public key; the server answers with an ML-KEM
//! ciphertext and its own X25519 public key; the shared secret is both secrets
//! concatenated, ML-KEM first (64 bytes), which the TLS 1.3 key schedule then extracts.
//!
//! ```text
//! client share (1,216) = ML-KEM encapsulation key (1,184) ‖ X25519 public key (32)
//! server share (1,120) = ML-KEM ciphertext (1,088)        ‖ X25519 public key (32)
//! shared secret  (64)  = ML-KEM shared secret (32)         ‖ X25519 shared secret (32)
//! ```
//!
//! Why both: if ML-KEM fell to a new attack, X25519 still holds; if a quantum computer
//! broke X25519 (and could decrypt what is recorded today), ML-KEM still holds. The P-256
//! hybrid, SecP256r1MLKEM768, puts the EC part first; this one puts ML-KEM first.

use zeroize::Zeroizing;

use super::{
    CIPHERTEXT_LEN, Ciphertext, DecapsulationKey, ENCAPSULATION_KEY_LEN, EncapsulationKey,
};
use crate::error::{Error, Result};
use crate::keys::{Curve, KeyPair, PublicKey, SecretKey};

/// The TLS NamedGroup codepoint of X25519MLKEM768.
pub const GROUP: u16 = 0x11ec;
/// The client's key share: encapsulation key ‖ X25519 public key.
pub const CLIENT_SHARE_LEN: usize = ENCAPSULATION_KEY_LEN + 32;
/// The server's key share: ciphertext ‖ X25519 public key.
pub const SERVER_SHARE_LEN: usize = CIPHERTEXT_LEN + 32;
/// The combined shared secret.
pub const SHARED_SECRET_LEN: usize = 64;

fn x25519_public(bytes: &[u8], whose: &'static str) -> Result<PublicKey> {
    let u: [u8; 32] = bytes.try_into().map_err(|_| Error::InvalidLength {
        what: whose,
        expected: "32 bytes",
        found: bytes.len(),
    })?;
    Ok(PublicKey::X25519(x25519_dalek::PublicKey::from(u)))
}

fn combine(mlkem: &[u8], x25519: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(SHARED_SECRET_LEN));
    out.extend_from_slice(mlkem);
    out.extend_from_slice(x25519);
    out
}

/// The client's half: an ML-KEM-768 key pair and an X25519 key pair. Both private keys
/// zeroize on drop; `Debug` prints neither.
pub struct HybridKeyPair {
    mlkem: DecapsulationKey,
    x25519: SecretKey,
}

impl core::fmt::Debug for HybridKeyPair {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HybridKeyPair").finish_non_exhaustive()
    }
}

impl HybridKeyPair {
    /// Fresh keys from the operating system's random number generator.
    ///
    /// # Errors
    /// [`Error::Randomness`].
    pub fn generate() -> Result<Self> {
        Ok(Self {
            mlkem: DecapsulationKey::generate()?,
            x25519: SecretKey::generate(Curve::X25519)?,
        })
    }

    /// Keys from a lesson's seed, FOR TEACHING ONLY: the ML-KEM key as
    /// [`DecapsulationKey::from_seed`] derives it, the X25519 key as
    /// [`SecretKey::from_seed`] does, both with `label`.
    ///
    /// # Errors
    /// None in practice.
    pub fn from_seed(seed: &[u8], label: &str) -> Result<Self> {
        Ok(Self {
            mlkem: DecapsulationKey::from_seed(seed, label)?,
            x25519: SecretKey::from_seed(Curve::X25519, seed, label),
        })
    }

    /// Keys read back from their private parts: the 64-byte ML-KEM seed d ‖ z
    /// ([`DecapsulationKey::from_key_seed`]) and an X25519 private key (a party tab that
    /// keeps its keys across reloads).
    ///
    /// # Errors
    /// A seed that is not 64 bytes; a private key that is not X25519's.
    pub fn from_parts(mlkem_seed: &[u8], x25519: SecretKey) -> Result<Self> {
        if x25519.curve() != Curve::X25519 {
            return Err(Error::WrongCurve {
                expected: Curve::X25519,
                found: x25519.curve(),
            });
        }
        Ok(Self {
            mlkem: DecapsulationKey::from_key_seed(mlkem_seed)?,
            x25519,
        })
    }

    /// The X25519 half as a key pair of its own (a copy: the private key with it).
    #[must_use]
    pub fn x25519_key_pair(&self) -> KeyPair {
        KeyPair::from(self.x25519.clone())
    }

    /// The ML-KEM half.
    #[must_use]
    pub const fn mlkem(&self) -> &DecapsulationKey {
        &self.mlkem
    }

    /// The X25519 public key.
    #[must_use]
    pub fn x25519_public(&self) -> PublicKey {
        self.x25519.public_key()
    }

    /// The client's key share, 1,216 bytes: encapsulation key ‖ X25519 public key.
    #[must_use]
    pub fn public_share(&self) -> Vec<u8> {
        let mut out = self.mlkem.encapsulation_key().to_bytes();
        out.extend_from_slice(&self.x25519.public_key().to_raw());
        out
    }

    /// The shared secret from the server's share: Decaps(ciphertext) ‖ X25519.
    ///
    /// # Errors
    /// A share that is not 1,120 bytes; an all-zero X25519 output (a low-order point).
    /// A wrong ciphertext is not an error: implicit rejection gives a different secret,
    /// and the handshake then fails at Finished.
    pub fn finish(&self, server_share: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        if server_share.len() != SERVER_SHARE_LEN {
            return Err(Error::InvalidLength {
                what: "X25519MLKEM768 server key share",
                expected: "1,120 bytes: the 1,088-byte ML-KEM-768 ciphertext, then the 32-byte \
                           X25519 public key",
                found: server_share.len(),
            });
        }
        let (ct, x) = server_share.split_at(CIPHERTEXT_LEN);
        let ciphertext = Ciphertext::from_bytes(ct)?;
        let mlkem = self.mlkem.decapsulate(&ciphertext);
        let x25519 = self.x25519.diffie_hellman(&x25519_public(
            x,
            "the X25519 part of the server's key share",
        )?)?;
        Ok(combine(mlkem.as_bytes(), x25519.as_bytes()))
    }
}

/// The server's half: encapsulates to the client's ML-KEM key and does X25519 with a
/// fresh key (or, given `seed`, keys derived from it, for lessons). Returns the server's
/// share (1,120 bytes) and the 64-byte shared secret.
///
/// # Errors
/// A client share that is not 1,216 bytes, a malformed encapsulation key (named), an
/// all-zero X25519 output.
pub fn respond(client_share: &[u8], seed: Option<&[u8]>) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>)> {
    let (ek, peer) = read_client_share(client_share)?;
    let (ciphertext, mlkem, x25519_key) = match seed {
        Some(seed) => {
            let m = lesson_m(seed)?;
            let (ct, ss) = ek.encapsulate_deterministic(&m);
            (
                ct,
                ss,
                SecretKey::from_seed(Curve::X25519, seed, "hybrid server"),
            )
        }
        None => {
            let (ct, ss) = ek.encapsulate()?;
            (ct, ss, SecretKey::generate(Curve::X25519)?)
        }
    };
    answer(&ciphertext, &mlkem, &x25519_key, &peer)
}

/// The server's half with a given X25519 key and encapsulation randomness `m` (a party
/// tab whose key pair is kept: the same share and key give the same answer again).
///
/// # Errors
/// As [`respond`]; an `x25519_key` of another curve.
pub fn respond_with(
    client_share: &[u8],
    x25519_key: &SecretKey,
    m: &[u8; 32],
) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>)> {
    if x25519_key.curve() != Curve::X25519 {
        return Err(Error::WrongCurve {
            expected: Curve::X25519,
            found: x25519_key.curve(),
        });
    }
    let (ek, peer) = read_client_share(client_share)?;
    let (ciphertext, mlkem) = ek.encapsulate_deterministic(m);
    answer(&ciphertext, &mlkem, x25519_key, &peer)
}

fn read_client_share(client_share: &[u8]) -> Result<(EncapsulationKey, PublicKey)> {
    if client_share.len() != CLIENT_SHARE_LEN {
        return Err(Error::InvalidLength {
            what: "X25519MLKEM768 client key share",
            expected: "1,216 bytes: the 1,184-byte ML-KEM-768 encapsulation key, then the \
                       32-byte X25519 public key",
            found: client_share.len(),
        });
    }
    let (ek, x) = client_share.split_at(ENCAPSULATION_KEY_LEN);
    let ek = EncapsulationKey::from_bytes(ek)?;
    let peer = x25519_public(x, "the X25519 part of the client's key share")?;
    Ok((ek, peer))
}

/// The server's share (ciphertext ‖ X25519 public key) and the secret (ML-KEM ‖ X25519).
fn answer(
    ciphertext: &Ciphertext,
    mlkem: &super::SharedSecret,
    x25519_key: &SecretKey,
    peer: &PublicKey,
) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>)> {
    let x25519 = x25519_key.diffie_hellman(peer)?;
    let mut share = ciphertext.as_bytes().to_vec();
    share.extend_from_slice(&x25519_key.public_key().to_raw());
    Ok((share, combine(mlkem.as_bytes(), x25519.as_bytes())))
}

/// The encapsulation randomness m of a lesson: HKDF-SHA256(salt "ecdh-playground hybrid m
/// v1", ikm seed, info "m"), 32 bytes.
fn lesson_m(seed: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
    let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"ecdh-playground hybrid m v1"), seed);
    let mut m = Zeroizing::new([0u8; 32]);
    hk.expand(b"m", m.as_mut_slice())
        .map_err(|_| Error::InvalidOutputLength {
            requested: 32,
            max: 8160,
        })?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_agree_and_the_layout_is_mlkem_first() {
        let client = HybridKeyPair::from_seed(b"lesson", "alice").unwrap();
        let share = client.public_share();
        assert_eq!(share.len(), 1216);
        assert_eq!(
            &share[..1184],
            client.mlkem().encapsulation_key().to_bytes().as_slice()
        );
        let (server_share, secret) = respond(&share, Some(b"lesson")).unwrap();
        assert_eq!(server_share.len(), 1120);
        assert_eq!(secret.len(), 64);
        assert_eq!(*client.finish(&server_share).unwrap(), *secret);
        // Deterministic with a seed, fresh without.
        assert_eq!(respond(&share, Some(b"lesson")).unwrap().0, server_share);
        assert_ne!(respond(&share, None).unwrap().0, server_share);
        // The X25519 half is the X25519 secret.
        let x = client
            .x25519
            .diffie_hellman(&x25519_public(&server_share[1088..], "x").unwrap())
            .unwrap();
        assert_eq!(&secret[32..], x.as_bytes());
    }

    #[test]
    fn a_kept_key_answers_the_same_and_parts_read_back() {
        let client = HybridKeyPair::from_seed(b"lesson", "alice").unwrap();
        let share = client.public_share();
        let bob = SecretKey::from_seed(Curve::X25519, b"lesson", "bob");
        let (answer, secret) = respond_with(&share, &bob, &[7; 32]).unwrap();
        assert_eq!(respond_with(&share, &bob, &[7; 32]).unwrap().0, answer);
        assert_ne!(respond_with(&share, &bob, &[8; 32]).unwrap().0, answer);
        assert_eq!(&answer[1088..], bob.public_key().to_raw().as_slice());
        assert_eq!(*client.finish(&answer).unwrap(), *secret);
        let p256 = SecretKey::from_seed(Curve::P256, b"lesson", "bob");
        assert!(respond_with(&share, &p256, &[7; 32]).is_err());
        // The private parts give the same keys back.
        let seed = client.mlkem().to_key_seed().unwrap();
        let again = HybridKeyPair::from_parts(seed.as_slice(), client.x25519.clone()).unwrap();
        assert_eq!(again.public_share(), share);
        assert!(HybridKeyPair::from_parts(&seed[..63], client.x25519.clone()).is_err());
        assert!(HybridKeyPair::from_parts(seed.as_slice(), p256).is_err());
    }

    #[test]
    fn wrong_lengths_are_named() {
        let e = respond(&[0; 1215], None).unwrap_err().to_string();
        assert!(e.contains("1,216 bytes"), "{e}");
        let client = HybridKeyPair::generate().unwrap();
        let e = client.finish(&[0; 32]).unwrap_err().to_string();
        assert!(e.contains("1,120 bytes"), "{e}");
    }
}
